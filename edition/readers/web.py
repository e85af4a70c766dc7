"""Reader for web pages saved as plain text (placeholder: one line, one paragraph)."""

from __future__ import annotations

from dataclasses import replace

from ..metadata import ArticleMeta
from ..model import Article, Heading
from ..source import RawSource
from .common import blank_drop, paragraph


def read(source: RawSource, meta: ArticleMeta) -> Article:
    blocks, drops = [], []
    for number, line in enumerate(source.lines, start=1):
        if not line.strip():
            drops.append(blank_drop(number, line))
        else:
            blocks.append(paragraph(line, number))
    headline = None
    if blocks:
        first = blocks.pop(0)
        headline = Heading(first.inlines, first.lines, level=1)
    return Article(meta=meta, source=source.file, headline=headline,
                   blocks=tuple(blocks), drops=tuple(drops))
