"""Editorial notes and corrections from sources/<slug>.yml ``editorial:``.

Each item names a paragraph by its published anchor (``at: p-12``), so it follows
its paragraph through rebuilds: the anchor lock keeps the anchor on the same text,
and an anchor that was retired leads to the paragraph that now holds it. Items:

* ``note`` (optionally about a ``phrase``): an EditorNote block after the paragraph,
  numbered, with the phrase marked and linked to it;
* ``sic``: the phrase stays as in the source, marked [sic];
* ``supply`` after a phrase: the words are inserted in square brackets.

The editor's words are always marked as the editor's, never mixed with the author's.
Runs after the anchor pass (it needs the anchors).
"""

from __future__ import annotations

from dataclasses import replace

from ..errors import EditionError, Problem
from ..metadata import EditorialItem
from ..model import Article, Block, Editorial, EditorNote, Inline, Text


def find_block(article: Article, anchor: str) -> Block | None:
    for block in article.all_blocks():
        if block.anchor == anchor or any(a.anchor == anchor for a in block.aliases):
            return block
    return None


def mark_phrase(block: Block, item: EditorialItem, number: int) -> Block | None:
    """The block with ``item.phrase`` marked, or None when no single text piece holds it."""
    inlines: list[Inline] = []
    done = False
    for piece in block.inlines:
        if done or not isinstance(piece, Text) or item.phrase not in piece.text:
            inlines.append(piece)
            continue
        before, after = piece.text.split(item.phrase, 1)
        marks = {"note": [Editorial(item.phrase, "noted", number)],
                 "sic": [Text(item.phrase), Editorial("sic", "sic")],
                 "supply": [Text(item.phrase), Editorial(item.text, "supplied")]}[item.kind]
        inlines.extend([Text(before), *marks, Text(after)])
        done = True
    return replace(block, inlines=tuple(i for i in inlines if not (isinstance(i, Text) and not i.text))) \
        if done else None


def run(article: Article, context) -> Article:
    items = article.meta.editorial
    if not items:
        return article
    problems: list[Problem] = []
    changed: dict[int, Block] = {}
    notes: dict[int, list[EditorNote]] = {}
    for number, item in enumerate((i for i in items if i.kind == "note"), start=1):
        _apply(article, item, number, changed, notes, problems)
    for item in (i for i in items if i.kind != "note"):
        _apply(article, item, 0, changed, notes, problems)
    if problems:
        raise EditionError(problems)
    return _rebuild(article, changed, notes)


def _apply(article, item, number, changed, notes, problems) -> None:
    block = find_block(article, item.at)
    if block is None:
        problems.append(Problem(article.meta.path, f"editorial: no paragraph has the anchor {item.at!r}",
                                item.line, hint="use an anchor shown on the page (¶ 12 is p-12)"))
        return
    current = changed.get(id(block), block)
    if item.phrase:
        marked = mark_phrase(current, item, number)
        if marked is None:
            problems.append(Problem(article.meta.path, f"editorial: {item.phrase!r} is not in paragraph "
                                    f"{item.at}", item.line,
                                    hint="quote the words exactly as on the page, within one sentence part "
                                         "(not across an abbreviation or a footnote mark)"))
            return
        changed[id(block)] = marked
    if item.kind == "note":
        notes.setdefault(id(block), []).append(
            EditorNote((Text(item.text),), block.lines, number=number, target=block.anchor or item.at))


def _rebuild(article: Article, changed: dict[int, Block], notes: dict[int, list[EditorNote]]) -> Article:
    def swap(block):
        return changed.get(id(block), block) if block is not None else None

    body: list = []
    lede_notes = notes.get(id(article.lede), []) if article.lede is not None else []
    body.extend(lede_notes)
    for block in article.blocks:
        body.append(swap(block))
        body.extend(notes.get(id(block), []))
    footnotes = tuple(swap(n) for n in article.footnotes)
    for note in article.footnotes:
        body.extend(notes.get(id(note), []))
    return article.with_(lede=swap(article.lede), blocks=tuple(body), footnotes=footnotes)
