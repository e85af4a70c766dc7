"""Reader for text extracted from PDF (placeholder: one line, one paragraph)."""

from __future__ import annotations

from ..metadata import ArticleMeta
from ..model import Article
from ..source import RawSource
from .common import blank_drop, paragraph


def read(source: RawSource, meta: ArticleMeta) -> Article:
    blocks, drops = [], []
    for number, line in enumerate(source.lines, start=1):
        if not line.strip():
            drops.append(blank_drop(number, line))
        else:
            blocks.append(paragraph(line, number))
    return Article(meta=meta, source=source.file, blocks=tuple(blocks), drops=tuple(drops))
