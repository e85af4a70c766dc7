"""Stable anchors: every lede, paragraph, caption and footnote keeps its ¶ number for good.

The pass reads the article's lock (sources/<source>.lock.yml), matches today's
blocks to the anchors published before (edition/anchor_match.py), gives new blocks
labels between their neighbours, and hangs every retired anchor on the block it now
resolves to (``Block.aliases``). Headings keep their ids the same way. The updated
lock is derived from the returned Article (``lock_from_article``) and written by
the CLI only after the whole build succeeded. The lock as read travels in the Article
(``canonical_lock``) when its file is in the build's layout: a build whose lock equals
it has nothing to write (locks.changed_lock_text).
"""

from __future__ import annotations

from dataclasses import replace

from ..anchor_lock import ArticleLock, lock_path, read_lock_file
from ..anchor_match import LIVE, LockEntry, assign, resolve_retired, retire, match_exact, match_fuzzy
from ..model import Alias, Article, Block, Caption, Heading, Paragraph, author_text

NUMBERED = (Paragraph, Caption)


def numbered_blocks(article: Article) -> list[Block]:
    """Blocks that carry a ¶ number, in reading order: lede, body, footnotes."""
    lede = [article.lede] if article.lede is not None else []
    return lede + [b for b in article.blocks if isinstance(b, NUMBERED)] + list(article.footnotes)


def assign_headings(entries: list[LockEntry], headings: list[Heading]) -> list[LockEntry]:
    live = [e for e in entries if e.status == LIVE]
    texts = [h.text for h in headings]
    found = match_exact(live, texts)
    found.update(match_fuzzy(live, texts, found))
    used = {e.anchor for e in entries}
    per_block = []
    for index, heading in enumerate(headings):
        if index in found:
            entry = live[found[index]]
            per_block.append(entry if entry.text == heading.text else replace(entry, text=heading.text))
            continue
        base = heading.anchor or "section"
        anchor, n = base, 2
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        used.add(anchor)
        per_block.append(LockEntry(anchor, "", heading.text))
    matched = set(found.values())
    lost = [e for j, e in enumerate(live) if j not in matched]
    retired = resolve_retired([e for e in entries if e.status != LIVE] + retire(lost, live, per_block), per_block)
    return per_block + retired


def _with_anchors(blocks: list[Block], entries: list[LockEntry], retired: list[LockEntry]) -> dict[int, Block]:
    aliases: dict[str, list[Alias]] = {}
    for entry in retired:
        if entry.at:
            aliases.setdefault(entry.at, []).append(Alias(entry.anchor, entry.label, entry.status, entry.text))
    return {id(block): replace(block, anchor=entry.anchor, label=entry.label or None,
                               aliases=tuple(aliases.get(entry.anchor, ())))
            for block, entry in zip(blocks, entries)}


def run(article: Article, context) -> Article:
    path = lock_path(context.root, article.source.path.split("/", 1)[-1])
    loaded = read_lock_file(path, f"sources/{path.name}", article.source.path, context.inputs)
    lock = loaded.lock
    numbered = numbered_blocks(article)
    outcome = assign(lock.paragraphs, [b.text for b in numbered])
    retired = [e for e in outcome.entries if e.status != LIVE]
    replaced = _with_anchors(numbered, outcome.per_block, retired)
    headings = [b for b in article.blocks if isinstance(b, Heading)]
    heading_entries = assign_headings(lock.headings, headings)
    live_headings = heading_entries[:len(headings)]
    replaced.update(_with_anchors(headings, live_headings, heading_entries[len(headings):]))
    former = tuple(s for s in lock.slugs if s != article.meta.slug)
    return article.with_(
        lede=replaced.get(id(article.lede), article.lede) if article.lede is not None else None,
        blocks=tuple(replaced.get(id(b), b) for b in article.blocks),
        footnotes=tuple(replaced.get(id(n), n) for n in article.footnotes),
        former_slugs=former,
        canonical_lock=lock if loaded.canonical else None,
    )


def lock_from_article(article: Article) -> ArticleLock:
    """The lock that records ``article``'s anchors: live ones in reading order, then retired ones."""
    def entries(blocks: list[Block]) -> list[LockEntry]:
        live = [LockEntry(b.anchor, b.label or "", author_text(b.inlines)) for b in blocks if b.anchor]
        retired = [LockEntry(a.anchor, a.label, a.text, a.status, b.anchor) for b in blocks for a in b.aliases]
        return live + sorted(retired, key=lambda e: e.anchor)

    headings = [b for b in article.blocks if isinstance(b, Heading)]
    return ArticleLock(article.source.path, [*article.former_slugs, article.slug],
                       entries(numbered_blocks(article)), entries(headings))
