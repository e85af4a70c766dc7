"""Paragraph anchors: every lede, body paragraph and caption gets ``p-N`` and ¶ N.

Numbers follow reading order. (The lock file that keeps them stable across edits
comes with the citation work; until then they are positional.)
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Article, Caption, Paragraph


def run(article: Article, context) -> Article:
    counter = 0

    def number(block):
        nonlocal counter
        counter += 1
        return replace(block, anchor=f"p-{counter}", label=str(counter))

    lede = number(article.lede) if article.lede is not None else None
    blocks = tuple(number(b) if isinstance(b, (Paragraph, Caption)) else b for b in article.blocks)
    return article.with_(lede=lede, blocks=blocks)
