"""Helpers for the web reader tests: read a seed or a text, and check line accounting."""

from __future__ import annotations

from pathlib import Path

from edition.metadata import ArticleMeta, ReaderOverrides, load_meta
from edition.model import RULE_BLANK, Article, Caption, DroppedLine, Heading, Paragraph, SourceFile
from edition.readers import web
from edition.source import RawSource, read_source, split_lines

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "web"


def seed_meta(slug: str) -> ArticleMeta:
    return load_meta(REPO / "sources" / f"{slug}.yml", f"sources/{slug}.yml")


def read_seed(slug: str, **changes) -> tuple[Article, RawSource]:
    meta = seed_meta(slug)
    if changes:
        meta = ArticleMeta(**{**meta.__dict__, **changes})
    raw = read_source(REPO / "sources" / meta.source, f"sources/{meta.source}")
    return web.read(raw, meta), raw


def raw_text(text: str, name: str = "test.txt") -> RawSource:
    lines = split_lines(text)
    return RawSource(SourceFile(name, "0" * 64, len(lines)), lines)


def read_text(text: str, language: str = "vi", title: str | None = None,
              overrides: ReaderOverrides | None = None) -> Article:
    meta = ArticleMeta(slug="test", source="test.txt", kind="web", language=language, title=title,
                       reader=overrides or ReaderOverrides(), path="sources/test.yml")
    return web.read(raw_text(text), meta)


def paragraphs(article: Article) -> list[str]:
    return [b.text for b in article.blocks if type(b) is Paragraph]


def headings(article: Article) -> list[str]:
    return [b.text for b in article.blocks if isinstance(b, Heading)]


def captions(article: Article) -> list[str]:
    return [b.text for b in article.blocks if isinstance(b, Caption)]


def drop_rules(article: Article) -> dict[int, str]:
    """Rule of each dropped line (whole-line drops only), blank lines' included."""
    rules = dict.fromkeys(article.blank_lines, RULE_BLANK)
    rules.update((d.line, d.rule) for d in article.drops)
    return rules


def assert_every_line_accounted_for(article: Article, lines: tuple[str, ...]) -> None:
    """Each line (``lines``: the source's) is in exactly one block, dropped, or blank; a line
    may be both only when part of it was dropped. Blank lines are exactly the source's
    lines without text: a blank line cannot hide text, nor a blank one be lost."""
    line_count = len(lines)
    blanks = list(article.blank_lines)
    assert blanks == sorted(set(blanks)), "blank lines out of order or counted twice"
    assert blanks == [n for n, line in enumerate(lines, start=1) if not line.strip()], "blank lines misnamed"
    in_blocks: dict[int, int] = {}
    for block in article.all_blocks():
        for number in block.lines.numbers():
            in_blocks[number] = in_blocks.get(number, 0) + 1
    dropped: dict[int, list] = {}
    # A blank line counts as a drop of its (empty) text: what it was before Article.blank_lines.
    for drop in [*article.drops, *(DroppedLine(n, lines[n - 1], RULE_BLANK) for n in blanks)]:
        dropped.setdefault(drop.line, []).append(drop)
    for number in range(1, line_count + 1):
        blocks = in_blocks.get(number, 0)
        drops = dropped.get(number, [])
        assert blocks + len(drops) >= 1, f"line {number} is neither on the page nor in the drop report"
        assert blocks <= 1, f"line {number} is in {blocks} blocks"
        assert len(drops) <= 1, f"line {number} is dropped {len(drops)} times"
        if blocks and drops:
            block_text = next(b.text for b in article.all_blocks() if number in b.lines.numbers())
            assert drops[0].text.strip() and drops[0].text.strip() not in block_text, \
                f"line {number} is both kept and dropped whole"
    assert all(1 <= n <= line_count for n in list(in_blocks) + list(dropped)), "a line number outside the source"
