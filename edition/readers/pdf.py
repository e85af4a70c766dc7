"""Reader for papers extracted from PDF (see pdf_layout, pdf_structure, pdf_notes).

1. pages: body lines, footnote areas and furniture (pdf_layout);
2. footnote bodies and the exact place of each marker (pdf_notes);
3. headings and paragraphs from line shapes (pdf_structure); the abstract under
   TÓM TẮT becomes the lede and 'Từ khoá:' the keywords; what follows ABSTRACT is
   marked English;
4. citations in brackets.

Every line is in a block, in a footnote, or in the drop report (page furniture only).
"""

from __future__ import annotations

import re
from operator import attrgetter

from ..metadata import ArticleMeta
from ..model import Article, DroppedLine, Heading, Inline, LineSpan, NoteRef, Paragraph, Text
from ..source import RawSource
from . import pdf_notes, pdf_structure as shape
from .common import collapse_spaces, tidy
from .pdf_layout import BodyLine, split_pages

KEYWORDS = re.compile(r"^(Từ khoá|Từ khóa|Keywords|Key words)\s*:\s*(.+)$", re.IGNORECASE)
ABSTRACT_VI, ABSTRACT_EN = "TÓM TẮT", "ABSTRACT"
RULE_ABSTRACT_HEADING = "abstract-heading"
HYPHEN_WRAP = re.compile(r"[^\W\d_]-$")


def join_inlines(parts: list[list[str | NoteRef]], language: str) -> tuple[Inline, ...]:
    """Lines to one paragraph: a space between lines; English words hyphenated at a line end rejoin.

    ``parts`` are the lines' pieces (pdf_notes.line_pieces): text as plain strings, which
    become Text only once, per run of text between markers; a line starts and ends with
    text, so a line of one piece has no marker.
    """
    rejoin_hyphens = language == "en"
    if not rejoin_hyphens and max(map(len, parts), default=1) == 1:
        return join_plain_lines([part[0] for part in parts])
    # Text runs are lists of line pieces, joined once at the end: appending each line to
    # one growing string made long paragraphs quadratic.
    out: list[NoteRef | list[str]] = []
    for part in parts:
        first = part[0]
        if out and isinstance(out[-1], list) and isinstance(first, str):
            run, right = out[-1], first.lstrip()
            while len(run) > 1 and not run[-1].strip():
                run.pop()  # a blank piece: the hyphen test looks at the text before it
            last = run[-1].rstrip()
            if rejoin_hyphens and HYPHEN_WRAP.search(last) and right[:1].islower():
                run[-1] = last[:-1] + right
            else:
                run[-1] = last
                run.append(" " + right)
            if len(part) == 1:
                continue  # the line has no marker
            part = part[1:]
        elif out and isinstance(out[-1], NoteRef) and isinstance(first, str):
            part = [" " + first.lstrip(), *part[1:]]
        for item in part:
            out.append([item] if isinstance(item, str) else item)
    merged = [collapse_spaces("".join(i)) if isinstance(i, list) else i for i in out]
    if merged and isinstance(merged[0], str):
        merged[0] = merged[0].lstrip()
    if merged and isinstance(merged[-1], str):
        merged[-1] = merged[-1].rstrip()
    inlines: list[Inline] = []
    for item in merged:
        if isinstance(item, str):
            inlines.extend(pdf_notes.citation_inlines(item))
        else:
            inlines.append(item)
    return tuple(inlines)


def join_plain_lines(lines: list[str]) -> tuple[Inline, ...]:
    """join_inlines for most paragraphs: no marker, no hyphen to rejoin (not English).

    There the line pieces form one run, and joining the lines with a space, collapsing
    and stripping gives what the piece by piece join gives (the white space around a
    line end, a blank line's included, collapses into the one space), with one string
    operation for the paragraph.
    """
    return tuple(pdf_notes.citation_inlines(tidy(" ".join(lines))))


class Builder:
    """Walks the body lines once, emitting headings and paragraphs."""

    def __init__(self, body: list[BodyLine], markers, language: str) -> None:
        self.body, self.markers, self.language = body, markers, language
        texts = [line.text for line in body]  # stripped (pdf_layout)
        self.width = shape.text_width(list(map(len, texts)))
        # Whether each line ends a sentence: asked of most lines twice (does the paragraph
        # end here, may a heading follow), and most lines do not, which settles both.
        # (The last-character test first: it settles most lines, more cheaply than endswith.)
        self.ends_sentence = [text[-1:] in shape.TERMINAL_LAST and text.endswith(shape.TERMINAL) for text in texts]
        self.blocks: list = []
        self.pending: list[int] = []  # indexes of lines of the paragraph being built
        self.numbered_level = 2
        self.section = ""

    def flush(self) -> None:
        if not self.pending:
            return
        body, markers = self.body, self.markers
        lang = "en" if self.section == ABSTRACT_EN and self.language != "en" else None
        language = "en" if lang else self.language
        if language != "en" and markers.keys().isdisjoint(self.pending):
            # most paragraphs: no marker and no hyphen to rejoin, what join_inlines would
            # hand to join_plain_lines, without making every line's pieces first
            text = join_plain_lines([body[i].text for i in self.pending])
        else:
            text = join_inlines([pdf_notes.line_pieces(body[i].text, markers.get(i)) for i in self.pending],
                                language)
        # pending lines are in body order, which is source order: the span runs first to last
        span = LineSpan(body[self.pending[0]].number, body[self.pending[-1]].number)
        self.blocks.append(Paragraph(text, span, lang=lang))
        self.pending.clear()  # (in place: step holds the list)

    def heading(self, indexes: list[int], level: int) -> None:
        self.flush()
        text = " ".join(self.body[i].text.strip() for i in indexes)
        lines = [self.body[i].number for i in indexes]
        lang = "en" if text == ABSTRACT_EN and self.language != "en" else None
        self.blocks.append(Heading((Text(collapse_spaces(text)),), LineSpan(min(lines), max(lines)),
                                   level=level, lang=lang))

    def run(self) -> list:
        index, count = 0, len(self.body)
        while index < count:
            index = self.step(index)
        self.flush()
        return self.blocks

    def step(self, index: int) -> int:
        line, pending = self.body[index], self.pending
        text = line.text
        if pending and (line.after_gap or self.ends_sentence[pending[-1]] and self.starts_heading(text)):
            self.flush()  # a gap, or a heading after a line that ends a sentence, closes the paragraph
        at_start = not pending
        if shape.section_title(text):
            self.heading([index], 2)
            self.section, self.numbered_level = text.strip().rstrip(":"), 2
            return index + 1
        numbered = shape.numbered_heading(text, self.width) if at_start else None
        if numbered:
            following = self.body[index + 1].text if index + 1 < len(self.body) else ""
            wrapped = shape.wraps_heading(text, following, self.width)
            self.heading([index, index + 1] if wrapped else [index], numbered.level)
            self.numbered_level = numbered.level
            return index + (2 if wrapped else 1)
        if at_start and shape.dash_heading(text, self.width):
            self.heading([index], self.numbered_level + 1)
            return index + 1
        pending.append(index)
        if self.ends_sentence[index]:  # (ends_paragraph is false for the others)
            following = self.body[index + 1].text if index + 1 < len(self.body) else ""
            if shape.ends_paragraph(text, self.width, following):
                self.flush()
        return index + 1

    def starts_heading(self, text: str) -> bool:
        """A section title, numbered or dash heading: after a line that ends a sentence,
        it closes the paragraph."""
        return bool(shape.section_title(text) or shape.numbered_heading(text, self.width) is not None
                    or shape.dash_heading(text, self.width))


def split_front(blocks: list, lines: tuple[str, ...]) -> tuple[Paragraph | None, tuple[str, ...], list,
                                                                list[DroppedLine]]:
    """The abstract under TÓM TẮT becomes the lede, 'Từ khoá:' the keywords.

    The heading's own line (``lines``: the source's) is not on the page, where the lede
    is styled as the abstract: it goes to the drop report.
    """
    if not blocks or not (isinstance(blocks[0], Heading) and blocks[0].text.strip() == ABSTRACT_VI):
        return None, (), blocks, []
    heading, rest = blocks[0], blocks[1:]
    abstract, keywords = [], ()
    while rest and isinstance(rest[0], Paragraph):
        match = KEYWORDS.match(rest[0].text)
        if match:
            keywords = tuple(k.strip().rstrip(".") for k in match.group(2).split(",") if k.strip())
            last_line = rest[0].lines.last
            rest = rest[1:]
            break
        abstract.append(rest[0])
        last_line = rest[0].lines.last
        rest = rest[1:]
    if not abstract:
        return None, keywords, blocks, []
    inlines: list[Inline] = []
    for part in abstract:
        inlines.extend(([Text(" ")] if inlines else []) + list(part.inlines))
    lede = Paragraph(tuple(inlines), LineSpan(abstract[0].lines.first, last_line))
    dropped = [DroppedLine(number, lines[number - 1], RULE_ABSTRACT_HEADING, "the abstract's heading: the abstract "
                           "is shown as the article's lede") for number in range(heading.lines.first,
                                                                                 heading.lines.last + 1)]
    return lede, keywords, rest, dropped


def read(source: RawSource, meta: ArticleMeta) -> Article:
    layout = split_pages(source.lines, shape.looks_like_heading)
    bodies, note_drops = pdf_notes.collect_notes(layout.notes)
    markers = pdf_notes.place_markers(layout.body, bodies)
    blocks = Builder(layout.body, markers, meta.language).run()
    lede, keywords, blocks, front_drops = split_front(blocks, source.lines)
    return Article(meta=meta, source=source.file, lede=lede, keywords=keywords, blocks=tuple(blocks),
                   footnotes=pdf_notes.footnote_blocks(bodies),
                   drops=tuple(sorted(layout.drops + note_drops + front_drops, key=attrgetter("line"))),
                   blank_lines=tuple(layout.blanks))
