"""Heading ids: readable ASCII from the heading text, unique within the article."""

from __future__ import annotations

from dataclasses import replace

from ..model import Article, Heading
from ..slugs import slugify


def run(article: Article, context) -> Article:
    used: set[str] = set()
    blocks = []
    for block in article.blocks:
        if isinstance(block, Heading) and block.anchor is None:
            base = slugify(block.text) or "section"
            anchor, n = base, 2
            while anchor in used:
                anchor, n = f"{base}-{n}", n + 1
            used.add(anchor)
            block = replace(block, anchor=anchor)
        blocks.append(block)
    return article.with_(blocks=tuple(blocks))
