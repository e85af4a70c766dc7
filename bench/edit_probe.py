#!/usr/bin/env python3
"""Edit one article of a built edition; time until its Markdown page is regenerated.

    python bench/edit_probe.py EDITION_FOLDER

Prints one JSON line: ``serve_s`` (the rebuild `serve` runs in its process, with the
cache it keeps in memory; ``serve_cpu_s``: its CPU time), ``cli_s`` (a fresh `build.py --docs-only` process after
another edit, cache on disk), ``read`` (articles read again: 1 when incremental).
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from edition.cache import BuildCache  # noqa: E402
from edition.cli import Progress, collect_while_idle, regenerate  # noqa: E402
from edition.pages import article_path  # noqa: E402


def edit_one_source(root: Path, marker: str) -> Path:
    """Append a sentence to the longest line of the middle article; return its page."""
    metas = sorted(p for p in (root / "sources").glob("*.yml") if not p.name.endswith(".lock.yml"))
    meta = metas[len(metas) // 2]
    text = meta.read_text(encoding="utf-8")
    source = root / "sources" / next(line.split(":", 1)[1].strip() for line in text.splitlines()
                                     if line.startswith("source:"))
    lines = source.read_text(encoding="utf-8").split("\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[longest] += f" {marker}"
    source.write_text("\n".join(lines), encoding="utf-8")
    return root / "docs" / article_path(meta.stem)


def main() -> int:
    logging.basicConfig(level=logging.WARNING)
    root = Path(sys.argv[1]).resolve()
    cache = BuildCache(root)
    regenerate(root, Progress(), cache)  # serve's first build: the cache is now in memory
    collect_while_idle()  # as serve does after each build
    page = edit_one_source(root, f"Serve-edit-{time.time_ns()}.")
    started, cpu_started = time.perf_counter(), time.process_time()
    _edition, result = regenerate(root, Progress(), cache)
    serve_s, serve_cpu_s = time.perf_counter() - started, time.process_time() - cpu_started
    assert "Serve-edit-" in page.read_text(encoding="utf-8")
    page = edit_one_source(root, f"CLI-edit-{time.time_ns()}.")
    started = time.perf_counter()
    subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(root), "--docs-only", "-q"], check=True)
    cli_s = time.perf_counter() - started
    assert "CLI-edit-" in page.read_text(encoding="utf-8")
    print(json.dumps({"serve_s": round(serve_s, 3), "serve_cpu_s": round(serve_cpu_s, 3),
                      "cli_s": round(cli_s, 3), "read": result.read,
                      "from_cache": result.from_cache}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
