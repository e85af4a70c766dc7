"""Search bench: bytes and time to the first result, Pagefind vs Material's lunr.

    python bench/search_bench.py                 # 5 and 1,000 articles
    python bench/search_bench.py --sizes 5 1000 5000 --work /tmp/search-bench

For each size: generate an edition from the seeds in sources/ (every article's
text varied with a seeded random generator, so no two articles are alike), run
build.py's pipeline for docs/, build the site twice (our mkdocs.yml with Pagefind,
and the same with Material's search plugin instead), serve each on 127.0.0.1
under /edition/ with gzip like GitHub Pages, and in headless Chromium (a fresh
cache per run) open an article, wait for the load event, type the query and wait
for the first result. Reported: bytes transferred from navigation start to the
first result (page + search), and milliseconds from typing to the first result.
Both builds use the edition's mkdocs.yml, whose nav lists no article (the home page
does), so MkDocs stays linear in pages.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import logging
import random
import re
import shutil
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from edition.outputs import write_pages  # noqa: E402
from edition.pipeline import discover, generate, shown  # noqa: E402
from edition.site import build_site, run_mkdocs_build  # noqa: E402

log = logging.getLogger("search_bench")

SEED_METAS = sorted(p for p in (REPO / "sources").glob("*.yml") if not p.name.endswith(".lock.yml"))
QUERY = "quốc phòng"          # in every seed, so every edition answers it
REPLACED_SHARE = 0.2          # share of words swapped for random words of the same seed
RUNS = 3                      # browser runs per engine and size; the median is reported
PREFIX = "/edition/"
GZIPPED = (".html", ".js", ".json", ".css", ".xml", ".svg")  # as GitHub Pages compresses
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FIRST_RESULT = ".md-search-result__item"
SEARCH_PATHS = ("/pagefind/", "edition-search.js", "/search/search_index.json", "/workers/search.")


@dataclass(frozen=True)
class Measure:
    engine: str
    articles: int
    page_bytes: int
    search_bytes: int
    first_result_ms: float


def varied_text(text: str, rng: random.Random, marker: str) -> str:
    vocabulary = text.split() or ["x"]
    lines = []
    for line in text.splitlines():
        words = [rng.choice(vocabulary) if w and rng.random() < REPLACED_SHARE else w for w in line.split(" ")]
        lines.append(" ".join(words))
    lines.insert(1, marker)
    return "\n".join(lines) + "\n"


def generate_edition(root: Path, articles: int, seed: int = 6) -> None:
    """``articles`` sources and metadata files made from the seeds, plus the site config."""
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    (root / "sources").mkdir(parents=True)
    (root / "docs").mkdir()
    shutil.copy2(REPO / "glossary.yml", root / "glossary.yml")
    shutil.copytree(REPO / "overrides", root / "overrides")
    shutil.copytree(REPO / "docs" / "stylesheets", root / "docs" / "stylesheets")
    (root / "docs" / "about.md").write_text((REPO / "docs" / "about.md").read_text(encoding="utf-8"),
                                            encoding="utf-8")
    for number in range(articles):
        meta_path = SEED_METAS[number % len(SEED_METAS)]
        meta = meta_path.read_text(encoding="utf-8")
        source = re.search(r"^source: (.+)$", meta, re.M).group(1).strip()
        slug = re.search(r"^slug: (.+)$", meta, re.M).group(1).strip()
        new_slug, new_source = f"{slug}-{number:05d}", f"{number:05d}_{source}"
        text = (REPO / "sources" / source).read_text(encoding="utf-8")
        (root / "sources" / new_source).write_text(varied_text(text, rng, f"bench{number:05d}"), encoding="utf-8")
        meta = re.sub(r"^slug: .+$", f"slug: {new_slug}", meta, flags=re.M)
        meta = re.sub(r"^source: .+$", f"source: {new_source}", meta, flags=re.M)
        (root / "sources" / f"{new_slug}.yml").write_text(meta, encoding="utf-8")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("strict: true", "strict: false")  # its nav lists no article: MkDocs stays linear
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "mkdocs-lunr.yml").write_text(config.replace("plugins: []", "plugins:\n  - search"), encoding="utf-8")


def build_both(root: Path) -> dict[str, float]:
    """docs/, then site/ (Pagefind) and site-lunr/ (Material's search); seconds per step."""
    timings = {}
    started = time.perf_counter()
    edition = discover(root)
    result = generate(edition)
    write_pages(edition.config.docs_dir, shown(edition.root, edition.config.docs_dir), result.pages)
    timings["docs"] = time.perf_counter() - started
    started = time.perf_counter()
    run = build_site(edition.config, strict=False)
    if not run.ok:
        raise SystemExit(f"build failed:\n{run.output}")
    timings["pagefind site"] = time.perf_counter() - started
    started = time.perf_counter()
    lunr_config = edition.config.__class__(root / "mkdocs-lunr.yml", edition.config.site_name,
                                           edition.config.docs_dir, root / "site-lunr")
    run = run_mkdocs_build(lunr_config, root / "site-lunr", strict=False)
    if not run.ok:
        raise SystemExit(f"lunr build failed:\n{run.output}")
    timings["lunr site"] = time.perf_counter() - started
    return timings


class GzipPrefixHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under PREFIX, gzipping text files as GitHub Pages does."""

    cache: dict[str, bytes] = {}

    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "__outside__")
        return super().translate_path("/" + path[len(PREFIX):])

    def send_head(self):
        path = Path(self.translate_path(self.path.split("?", 1)[0]))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in GZIPPED or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = self.cache.get(str(path))
        if body is None:
            body = self.cache[str(path)] = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io
        return io.BytesIO(body)

    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path):
    handler = functools.partial(type("Handler", (GzipPrefixHandler,), {"cache": {}}), directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    finally:
        server.shutdown()


def is_search_request(url: str) -> bool:
    """Requests made for search: Pagefind's bundle and our box, or lunr's worker and index."""
    return any(part in url for part in SEARCH_PATHS)


def measure_once(browser, url: str) -> tuple[int, int, float]:
    """(page bytes, search bytes, ms from typing to the first result); bytes up to that result."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # fresh cache
    page = context.new_page()
    received: list[tuple[str, int]] = []

    def count(request) -> None:  # includes the requests of Pagefind's and lunr's workers
        sizes = request.sizes()
        received.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

    context.on("requestfinished", count)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url, wait_until="load")
    started = time.perf_counter()
    page.locator("input.md-search__input").click()
    page.keyboard.type(QUERY)
    page.wait_for_selector(FIRST_RESULT, timeout=300_000)
    elapsed = (time.perf_counter() - started) * 1000
    page.wait_for_timeout(300)  # let the last requestfinished events arrive
    context.close()
    if errors:
        log.warning("page errors at %s: %s", url, errors[:3])
    search = sum(size for address, size in received if is_search_request(address))
    return sum(size for _, size in received) - search, search, elapsed


def median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def first_article_url(site: Path, base: str) -> str:
    article = sorted((site / "articles").iterdir())[0].name
    return f"{base}articles/{article}/"


def measure(browser, root: Path, articles: int) -> list[Measure]:
    results = []
    for engine, site in (("pagefind", root / "site"), ("lunr", root / "site-lunr")):
        with serve(site) as base:
            url = first_article_url(site, base)
            runs = [measure_once(browser, url) for _ in range(RUNS)]
        results.append(Measure(engine, articles, int(median([r[0] for r in runs])),
                               int(median([r[1] for r in runs])), median([r[2] for r in runs])))
    return results


def kib(value: float) -> str:
    return f"{value / 1024:,.0f} KiB"


def table(measures: list[Measure]) -> str:
    rows = ["| articles | engine | page bytes | search bytes | total bytes to 1st result | "
            "ms to 1st result | total bytes vs lunr | time vs lunr |",
            "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    by_size: dict[int, dict[str, Measure]] = {}
    for m in measures:
        by_size.setdefault(m.articles, {})[m.engine] = m
    for size in sorted(by_size):
        lunr = by_size[size].get("lunr")
        for engine in ("pagefind", "lunr"):
            m = by_size[size].get(engine)
            if m is None:
                continue
            total = m.page_bytes + m.search_bytes
            ratio_bytes = f"{total / (lunr.page_bytes + lunr.search_bytes):.3f}" if lunr else "–"
            ratio_time = f"{m.first_result_ms / lunr.first_result_ms:.2f}" if lunr else "–"
            rows.append(f"| {size:,} | {engine} | {kib(m.page_bytes)} | {kib(m.search_bytes)} | {kib(total)} | "
                        f"{m.first_result_ms:,.0f} | {ratio_bytes} | {ratio_time} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 1000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/search-bench"))
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    from playwright.sync_api import sync_playwright

    measures: list[Measure] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, headless=True, args=CHROMIUM_ARGS)
        for size in args.sizes:
            root = args.work / f"edition-{size}"
            generate_edition(root, size)
            timings = build_both(root)
            log.info("%d articles built: %s", size, ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()))
            measures.extend(measure(browser, root, size))
            log.info("%s", table(measures))
        browser.close()
    print(f"query: {QUERY!r}; median of {RUNS} runs; gzip as on GitHub Pages; fresh cache per run\n")
    print(table(measures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
