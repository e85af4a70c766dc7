"""Matching today's paragraphs to the anchors published before (pure functions).

Steps, each cheaper than the next:

1. exact: the same normalised text keeps its anchor (duplicates in order);
2. fuzzy: a corrected typo, a paragraph split or joined differently, a moved one:
   pairs scored by word-sequence similarity, or by containment when one text holds
   most of the other's words (splits and joins), assigned best score first;
3. new paragraphs get a label that sorts between their neighbours (14a after 14),
   so no other number shifts;
4. published anchors with no paragraph left are retired, never reused: ``merged``
   into the paragraph that holds their words, or ``removed`` and resolved at the
   nearest surviving paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from string import ascii_lowercase

SIMILAR_ENOUGH = 0.55  # word-sequence ratio above which two paragraphs are one edited paragraph
CONTAINED = 0.8  # share of a text's words found in another: a split or a join
MIN_WORDS_FOR_CONTAINMENT = 4  # tiny texts are contained everywhere
LIVE, REMOVED, MERGED = "live", "removed", "merged"
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class LockEntry:
    anchor: str
    label: str
    text: str
    status: str = LIVE
    at: str | None = None  # for retired entries: the anchor they now resolve to


@dataclass
class Assignment:
    """The outcome for one article: an entry per current block, plus all lock entries."""

    per_block: list[LockEntry]
    entries: list[LockEntry] = field(default_factory=list)


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def containment(part: list[str], whole: list[str]) -> float:
    if len(part) < MIN_WORDS_FOR_CONTAINMENT:
        return 0.0
    pool = set(whole)
    return sum(1 for w in part if w in pool) / len(part)


def similarity(a: str, b: str) -> float:
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 1.0 if a == b else 0.0
    matcher = SequenceMatcher(None, wa, wb, autojunk=False)
    if matcher.real_quick_ratio() < SIMILAR_ENOUGH and max(containment(wa, wb), containment(wb, wa)) < CONTAINED:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= SIMILAR_ENOUGH else max(containment(wa, wb), containment(wb, wa)) - 0.3


def match_exact(old: list[LockEntry], new: list[str]) -> dict[int, int]:
    if [entry.text for entry in old] == new:  # the text the lock was written for: the usual build
        return dict(zip(range(len(new)), range(len(new))))
    by_text: dict[str, list[int]] = {}
    for index, entry in enumerate(old):
        by_text.setdefault(normalise(entry.text), []).append(index)
    found: dict[int, int] = {}
    for index, text in enumerate(new):
        candidates = by_text.get(normalise(text))
        if candidates:
            found[index] = candidates.pop(0)
    return found


def match_fuzzy(old: list[LockEntry], new: list[str], taken: dict[int, int]) -> dict[int, int]:
    used_old = set(taken.values())
    free_new = [i for i in range(len(new)) if i not in taken]
    free_old = [j for j in range(len(old)) if j not in used_old]
    scored = []
    for i in free_new:
        for j in free_old:
            score = similarity(old[j].text, new[i])
            if score >= SIMILAR_ENOUGH - 0.05:
                scored.append((score, -abs(i - j), i, j))
    found: dict[int, int] = {}
    paired_old: set[int] = set()
    for _score, _distance, i, j in sorted(scored, reverse=True):
        if i not in found and j not in paired_old:
            found[i] = j
            paired_old.add(j)
    return found


def label_key(label: str) -> tuple[int, str]:
    match = re.match(r"^(\d+)(.*)$", label)
    return (int(match.group(1)), match.group(2)) if match else (0, label)


def label_between(previous: str | None, following: str | None, used: set[str]) -> str:
    """A fresh label after ``previous`` and, where possible, before ``following``."""
    base = previous or "0"
    free = [base + s for length in (1, 2) for s in _suffixes(length) if base + s not in used]
    ordered = [c for c in free if following is None or label_key(c) < label_key(following)]
    if ordered or free:
        return (ordered or free)[0]  # between the neighbours if any label can be; else the shortest
    raise ValueError(f"no free label after {base}")


def _suffixes(length: int):
    if length == 1:
        yield from ascii_lowercase
    else:
        for head in ascii_lowercase:
            for tail in _suffixes(length - 1):
                yield head + tail


def assign(entries: list[LockEntry], texts: list[str], prefix: str = "p-") -> Assignment:
    """Anchors for ``texts`` (blocks in reading order), given the lock ``entries``."""
    live = [e for e in entries if e.status == LIVE]
    if not entries:
        per_block = [LockEntry(f"{prefix}{n}", str(n), t) for n, t in enumerate(texts, start=1)]
        return Assignment(per_block, list(per_block))
    found = match_exact(live, texts)
    found.update(match_fuzzy(live, texts, found))
    per_block: list[LockEntry | None] = [None] * len(texts)
    for i, j in found.items():
        per_block[i] = live[j] if live[j].text == texts[i] else replace(live[j], text=texts[i])
    used = {e.label for e in entries}
    for i, text in enumerate(texts):
        if per_block[i] is None:
            previous = next((per_block[k].label for k in range(i - 1, -1, -1) if per_block[k]), None)
            following = next((per_block[k].label for k in range(i + 1, len(texts)) if per_block[k]), None)
            label = label_between(previous, following, used)
            used.add(label)
            per_block[i] = LockEntry(f"{prefix}{label}", label, text)
    blocks = [b for b in per_block if b is not None]
    matched = set(found.values())
    retired = retire([live[j] for j in range(len(live)) if j not in matched], live, blocks)
    kept_retired = [e for e in entries if e.status != LIVE]
    return Assignment(blocks, blocks + resolve_retired(kept_retired + retired, blocks))


def retire(lost: list[LockEntry], live: list[LockEntry], blocks: list[LockEntry]) -> list[LockEntry]:
    """Each lost entry resolves at the block that holds its words, else the nearest survivor."""
    if not lost:  # the usual build: every published anchor still has its block
        return []
    if not blocks:
        return [replace(e, status=REMOVED, at=None) for e in lost]
    order = {e.anchor: n for n, e in enumerate(live)}
    block_at = {b.anchor: n for n, b in enumerate(blocks)}
    retired = []
    for entry in lost:
        holder = max(blocks, key=lambda b: containment(words(entry.text), words(b.text)))
        if containment(words(entry.text), words(holder.text)) >= CONTAINED:
            retired.append(replace(entry, status=MERGED, at=holder.anchor))
            continue
        position = order[entry.anchor]
        before = [e.anchor for e in live[:position] if e.anchor in block_at]
        target = before[-1] if before else blocks[0].anchor
        retired.append(replace(entry, status=REMOVED, at=target))
    return retired


def resolve_retired(retired: list[LockEntry], blocks: list[LockEntry]) -> list[LockEntry]:
    """Point every retired entry at a block that exists now (following chains of retirements)."""
    if not retired:
        return []
    current = {b.anchor for b in blocks}
    by_anchor = {e.anchor: e for e in retired}
    resolved = []
    for entry in retired:
        target, seen = entry.at, set()
        while target and target not in current and target in by_anchor and target not in seen:
            seen.add(target)
            target = by_anchor[target].at
        if target not in current:
            target = blocks[0].anchor if blocks else None
        resolved.append(replace(entry, at=target))
    return sorted(resolved, key=lambda e: label_key(e.label))
