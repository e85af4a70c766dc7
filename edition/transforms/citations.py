"""Citations: link each bracketed reference to the article's reference list, when it has one.

The reference list is editorial metadata (``references:`` in sources/<slug>.yml): the
source text is never touched. Without a list, citations stay plain text, marked up
with their keys so that a list added later links them.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Article, Block, Citation


def unresolved(article: Article) -> list[str]:
    """Cited numbers the reference list does not have (empty when there is no list)."""
    known = {r.id for r in article.meta.references}
    if not known:
        return []
    cited = {k for b in article.all_blocks() for i in b.inlines if isinstance(i, Citation) for k in i.keys}
    return sorted(cited - known, key=lambda k: (len(k), k))


def _link(block: Block, known: set[str]) -> Block:
    inlines = tuple(replace(i, href=f"#ref-{i.keys[0]}") if isinstance(i, Citation) and i.keys
                    and set(i.keys) <= known else i for i in block.inlines)
    return replace(block, inlines=inlines)


def run(article: Article, context) -> Article:
    known = {r.id for r in article.meta.references}
    if not known:
        return article
    return article.with_(blocks=tuple(_link(b, known) for b in article.blocks),
                         footnotes=tuple(_link(n, known) for n in article.footnotes),
                         lede=_link(article.lede, known) if article.lede is not None else None)
