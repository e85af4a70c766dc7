"""The document model: what readers produce, transforms rewrite and the writer renders.

Readers and the writer meet only here (Pandoc's habit). Every block remembers the
source lines it came from, so reports and errors can point at them.

Inline content is a tuple of small frozen dataclasses. Source text lives only in
``Text`` (and in the ``text`` of the other inlines); the writer escapes all of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from .anchor_lock import ArticleLock


@dataclass(frozen=True)
class LineSpan:
    """1-based, inclusive range of source lines a block was built from."""

    first: int
    last: int

    def __post_init__(self) -> None:
        if self.first < 1 or self.last < self.first:
            raise ValueError(f"bad line span {self.first}-{self.last}")

    def numbers(self) -> range:
        return range(self.first, self.last + 1)


# --- inlines -------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class NoteRef:
    """A reference to the author's footnote ``label`` at this exact place."""

    label: str


@dataclass(frozen=True)
class Citation:
    """A bracketed reference such as ``[10, tr.21]``, kept verbatim in ``text``."""

    text: str
    keys: tuple[str, ...] = ()
    href: str | None = None  # set when the article's reference list has every key


@dataclass(frozen=True)
class Term:
    """A glossary term occurrence: shown as ``text``, explained by ``expansion``."""

    text: str
    term_id: str
    expansion: str


@dataclass(frozen=True)
class Link:
    text: str
    url: str


@dataclass(frozen=True)
class Editorial:
    """Words marked by the editor: ``kind`` "sic" (as in the source), "supplied" (added in
    brackets) or "noted" (the subject of editorial note ``number``)."""

    text: str
    kind: str
    number: int = 0


Inline = Union[Text, NoteRef, Citation, Term, Link, Editorial]


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """The reader-visible text of some inlines (footnote markers omitted)."""
    # A list, not a generator: join builds one anyway, and a generator costs a quarter more.
    return "".join([getattr(i, "text", "") for i in inlines])


def author_text(inlines: tuple[Inline, ...]) -> str:
    """The text as the author wrote it: without the editor's [sic] and supplied words."""
    return "".join([getattr(i, "text", "") for i in inlines
                    if not (isinstance(i, Editorial) and i.kind in ("sic", "supplied"))])


# --- blocks --------------------------------------------------------------------


@dataclass(frozen=True)
class Alias:
    """A published anchor whose paragraph is gone: it now resolves here."""

    anchor: str
    label: str
    status: str  # "removed" or "merged"
    text: str = ""  # the text it last pointed at, kept in the lock for later matching


@dataclass(frozen=True)
class Block:
    inlines: tuple[Inline, ...]
    lines: LineSpan
    anchor: str | None = None  # stable id, set by the anchor pass
    label: str | None = None  # human-readable number shown beside it (¶ 12)
    lang: str | None = None  # set when it differs from the article's language
    aliases: tuple[Alias, ...] = ()  # retired anchors that resolve to this block

    @property
    def text(self) -> str:
        return plain_text(self.inlines)


@dataclass(frozen=True)
class Heading(Block):
    level: int = 2  # 1 is the headline; body headings start at 2


@dataclass(frozen=True)
class Paragraph(Block):
    pass


@dataclass(frozen=True)
class Caption(Block):
    """The caption of an image that the edition does not preserve."""


@dataclass(frozen=True)
class Footnote(Block):
    """The author's footnote ``note_label``; its body is ``inlines``."""

    note_label: str = ""


@dataclass(frozen=True)
class EditorNote(Block):
    """The editor's note ``number`` on the block just before it (not the author's)."""

    number: int = 0
    target: str = ""  # the anchor of the paragraph it is about


BodyBlock = Union[Heading, Paragraph, Caption, EditorNote]


# --- provenance ----------------------------------------------------------------


@dataclass(frozen=True)
class DroppedLine:
    """A source line (or the part ``text`` of one) that is not on the page, and why."""

    line: int
    text: str
    rule: str
    reason: str = ""


RULE_BLANK = "blank"  # the rule reports give Article.blank_lines


@dataclass(frozen=True)
class SourceFile:
    path: str  # relative to the edition folder, with forward slashes
    sha256: str
    line_count: int


# --- the article ---------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    meta: "ArticleMeta"
    source: SourceFile
    headline: Heading | None = None
    byline: Paragraph | None = None
    lede: Paragraph | None = None
    keywords: tuple[str, ...] = ()
    blocks: tuple[BodyBlock, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    drops: tuple[DroppedLine, ...] = ()  # by line; blank lines are in blank_lines instead
    # Source lines holding nothing but white space (not on the page, rule "blank"): numbers
    # in order, not DroppedLines. They are most dropped lines (85 % in the 1,000-article
    # bench edition: a PDF extraction has a blank after every line) and reports only count
    # them and name their numbers, so one int each: making a frozen DroppedLine for each
    # cost a fifth of the PDF reader's CPU. Every source line is in a block's span, in
    # drops or here (a PDF paragraph's span may cover blank lines between its lines).
    blank_lines: tuple[int, ...] = ()
    former_slugs: tuple[str, ...] = ()  # slugs published before, oldest first (from the anchor lock)
    # The anchor lock as the anchor pass read it, when its file held exactly what
    # anchor_lock.dump_lock writes for it; None otherwise (no file, a hand edit, another
    # layout). The build compares the article's lock with it to skip writing one it
    # already has (locks.changed_lock_text). Not in ArticleSummary: used where the article
    # is built (build_one drops it from the Article it keeps for check). Left out of
    # comparisons: it says where the anchors came from, not what they are.
    canonical_lock: "ArticleLock | None" = field(default=None, compare=False, repr=False)

    @property
    def slug(self) -> str:
        return self.meta.slug

    def all_blocks(self) -> tuple[Block, ...]:
        """Every block in reading order: headline, byline, lede, body, footnotes."""
        head = tuple(b for b in (self.headline, self.byline, self.lede) if b is not None)
        return head + tuple(self.blocks) + tuple(self.footnotes)

    def unplaced_footnotes(self) -> tuple[Footnote, ...]:
        """Footnotes whose marker the reader did not find in the text (no NoteRef names them)."""
        if not self.footnotes:
            return ()  # most web articles: no need to walk every inline
        referenced = {item.label for block in self.all_blocks() if not isinstance(block, Footnote)
                      for item in block.inlines if isinstance(item, NoteRef)}
        return tuple(note for note in self.footnotes if note.note_label not in referenced)

    def with_(self, **changes) -> "Article":
        return replace(self, **changes)


from .metadata import ArticleMeta  # noqa: E402  (circular: metadata has no model import)

__all__ = [
    "Alias",
    "Article",
    "ArticleMeta",
    "Block",
    "BodyBlock",
    "Caption",
    "Citation",
    "DroppedLine",
    "Editorial",
    "EditorNote",
    "Footnote",
    "Heading",
    "Inline",
    "LineSpan",
    "Link",
    "NoteRef",
    "Paragraph",
    "RULE_BLANK",
    "SourceFile",
    "Term",
    "Text",
    "plain_text",
    "field",
]
