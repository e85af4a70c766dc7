"""Generated bench editions: N articles made from the five seeds, each copy's text varied.

Copy ``i`` of a seed keeps the seed's line structure (so reader overrides in its
metadata still point at the right lines) but swaps words inside its longer lines,
chosen by a random generator seeded with ``i``: no two copies have the same bytes,
so no cache can serve one copy for another. Generation is deterministic.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

MIN_WORDS_TO_VARY = 6  # shorter lines (bylines, menu lines) keep their words: readers recognise them
SWAPS_PER_LINE = 2  # pairs of words exchanged in each varied line
SLUG_LINE = re.compile(r"^slug: .*$", re.MULTILINE)
SOURCE_LINE = re.compile(r"^source: .*$", re.MULTILINE)


def seed_pairs(repo: Path) -> list[tuple[Path, str]]:
    """(source file, metadata text) of every seed, in slug order."""
    pairs = []
    for meta in sorted((repo / "sources").glob("*.yml")):
        if meta.name.endswith(".lock.yml"):
            continue
        text = meta.read_text(encoding="utf-8")
        source = SOURCE_LINE.search(text).group(0).split(":", 1)[1].strip()
        pairs.append((repo / "sources" / source, text))
    return pairs


def vary_line(line: str, rng: random.Random) -> str:
    words = line.split(" ")
    if len([w for w in words if w]) < MIN_WORDS_TO_VARY:
        return line
    for _ in range(SWAPS_PER_LINE):
        a, b = rng.randrange(len(words)), rng.randrange(len(words))
        words[a], words[b] = words[b], words[a]
    return " ".join(words)


def vary_text(data: bytes, index: int) -> bytes:
    """The seed's bytes with words swapped in long lines; line ends kept exactly."""
    rng = random.Random(index)
    parts = re.split(rb"(\r\n|\r|\n)", data)
    varied = [part if i % 2 else vary_line(part.decode("utf-8"), rng).encode("utf-8")
              for i, part in enumerate(parts)]
    return b"".join(varied)


def copy_metadata(text: str, slug: str, source: str) -> str:
    # Editorial notes quote the seed's exact words and reader overrides name its lines:
    # a varied copy has neither, so both are left out of the copies.
    text = re.split(r"^(?:editorial|reader):", text, maxsplit=1, flags=re.M)[0]
    text = SLUG_LINE.sub(f"slug: {slug}", text, count=1)
    return SOURCE_LINE.sub(f"source: {source}", text, count=1)


def site_files(repo: Path, target: Path) -> None:
    """The repository's mkdocs.yml as it is, glossary, overrides and hand-written docs."""
    shutil.copy2(repo / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copy2(repo / "glossary.yml", target / "glossary.yml")
    shutil.copytree(repo / "overrides", target / "overrides")
    (target / "docs").mkdir()
    for hand_written in ("about.md", "stylesheets", "javascripts"):
        source = repo / "docs" / hand_written
        if source.is_dir():
            shutil.copytree(source, target / "docs" / hand_written)
        elif source.exists():
            shutil.copy2(source, target / "docs" / hand_written)


def make_edition(repo: Path, target: Path, count: int) -> Path:
    """A fresh edition of ``count`` articles at ``target`` (replaced if it exists)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    site_files(repo, target)
    sources = target / "sources"
    sources.mkdir()
    seeds = seed_pairs(repo)
    for index in range(count):
        seed_source, seed_meta = seeds[index % len(seeds)]
        seed_slug = SLUG_LINE.search(seed_meta).group(0).split(":", 1)[1].strip()
        slug = f"{seed_slug}-{index:05d}"
        source = f"{index:05d}_{seed_source.name}"
        (sources / source).write_bytes(vary_text(seed_source.read_bytes(), index))
        (sources / f"{slug}.yml").write_text(copy_metadata(seed_meta, slug, source), encoding="utf-8")
    return target
