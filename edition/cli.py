"""Command line: build, serve and check an edition.

Exit status: 0 success; 1 ``check`` found the edition stale or warnings; 2 bad
input (each problem printed once as ``file:line:column: message`` with what to do,
no traceback unless --debug). docs/ pages are written only after every source was
read without error; a full build first builds site/ from a staged copy of docs/ with the
new pages, and writes docs/ and swaps site/ in only after MkDocs succeeded.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from .articles import gc_paused
from .cache import BuildCache
from .errors import EditionError
from .files import by_name
from .locks import write_locks
from .metadata import load_meta
from .model import RULE_BLANK
from .outputs import differences, plan_problems, staged_docs, staging_area, write_pages
from .pages import report_path
from .pipeline import BuildResult, discover, generate, shown

log = logging.getLogger("edition")

EXIT_OK, EXIT_CHECK_FAILED, EXIT_BAD_INPUT = 0, 1, 2


class Progress:
    """One rewritten status line on a terminal; silent in CI or when piped."""

    def __init__(self, stream=sys.stderr) -> None:
        self.stream = stream
        self.enabled = stream.isatty() and not os.environ.get("CI")

    def __call__(self, index: int, total: int, label: str) -> None:
        if self.enabled:
            self.stream.write(f"\r\033[K[{index}/{total}] {label}")
            self.stream.flush()

    def done(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="build.py", description="Build an annotated digital edition.")
    parser.add_argument("command", nargs="?", default="build", choices=("build", "serve", "check"),
                        help="build (default): docs/ and site/; serve: build, serve on 127.0.0.1 and rebuild "
                             "on change; check: report stale docs/, invalid input and warnings")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="the edition folder (sources/, glossary.yml, mkdocs.yml); default: this repository")
    parser.add_argument("--docs-only", action="store_true", help="write docs/ but do not run MkDocs")
    parser.add_argument("--port", type=int, default=8000, help="port for serve (default 8000)")
    parser.add_argument("--jobs", "-j", type=int, default=None,
                        help="worker processes reading articles (1: serial; default: all cores from 50 articles "
                             "to read, or $EDITION_JOBS)")
    parser.add_argument("--no-cache", action="store_true",
                        help="read every article again, ignoring and not updating .edition-cache/")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logging")
    parser.add_argument("--quiet", "-q", action="store_true", help="only errors")
    return parser.parse_args(argv)


def summarise(result: BuildResult) -> None:
    """One line per article: lines kept and dropped (by rule), and where the drop report is."""
    if not log.isEnabledFor(logging.INFO):
        return  # -q: not worth counting 1,000 articles' lines for nobody
    for article in result.summaries:
        rules = Counter({rule: count for rule, count in article.drop_counts if rule != RULE_BLANK})
        blanks = dict(article.drop_counts).get(RULE_BLANK, 0)
        detail = ", ".join(f"{rule} {count}" for rule, count in rules.most_common()) or "none"
        log.info("%-60s %4d lines: %3d kept in %3d blocks, %3d dropped (%s), %3d blank; see %s",
                 article.slug, article.line_count, article.kept_lines, article.block_count, sum(rules.values()),
                 detail, blanks, report_path(article.slug))


def build_cache(args: argparse.Namespace) -> BuildCache | None:
    return None if args.no_cache else BuildCache(args.root.resolve())


def regenerate(root: Path, progress: Progress, cache: BuildCache | None = None,
               jobs: int | None = None) -> tuple[object, BuildResult]:
    with gc_paused():  # the cache held in memory makes every cycle collection slow
        return _regenerate(root, progress, cache, jobs)


def _regenerate(root: Path, progress: Progress, cache: BuildCache | None,
                jobs: int | None) -> tuple[object, BuildResult]:
    edition = discover(root, cache.load_meta if cache else load_meta)
    with staging_area(edition.config.docs_dir) as staging:
        result = generate(edition, progress, cache, jobs, staging=staging)
        progress.done()
        commit_docs(edition, result, cache)
    return edition, result


def commit_docs(edition, result: BuildResult, cache: BuildCache | None) -> None:
    """Write docs/ pages, then the anchor locks (a failed build never moves an anchor),
    then what the cache needs for the next build."""
    docs = edition.config.docs_dir
    known = cache.written_pages(docs) if cache else None
    written, deleted = write_pages(docs, shown(edition.root, docs), result.pages, known)
    write_locks(result.locks)
    if cache:
        cache.rekey_after_locks(edition.root, edition.metas, set(result.locks))
        cache.save_metas({meta.path for meta in edition.metas})
        cache.save_written_pages(docs)
    log.info("docs: %d articles: %d read, %d from cache; %d pages generated, %d written, %d stale removed; "
             "%d anchor lock(s) updated", len(result.summaries), result.read, result.from_cache, len(result.pages),
             written, deleted, len(result.locks))


def collect_while_idle() -> None:
    """Run the cycle collector now, while serve waits for a change: otherwise its first
    pass after a build rescans every cached article (~0.3 s at 1,000) inside the next rebuild."""
    gc.collect()


def command_build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    progress = Progress()
    cache = build_cache(args)
    if args.docs_only:
        edition, result = regenerate(args.root, progress, cache, args.jobs)
        report_build(result)
        return EXIT_OK
    edition = discover(args.root)
    docs, docs_shown = edition.config.docs_dir, shown(edition.root, edition.config.docs_dir)
    from .site import build_site  # here: a --docs-only build, the one timed against MkDocs, needs none of it

    with staging_area(docs) as pages_staged:
        result = generate(edition, progress, cache, args.jobs, staging=pages_staged)
        progress.done()
        report_build(result)
        with staged_docs(docs, docs_shown, result.pages) as staging:  # refuses hand-edited pages first
            run = build_site(edition.config, docs_dir=staging)
        if not run.ok:
            log.error("MkDocs failed; docs/ and site/ were left as they were:\n%s", run.output)
            return EXIT_CHECK_FAILED
        commit_docs(edition, result, cache)
    log.info("site: %s built in %.1f s", shown(edition.root, edition.config.site_dir), time.perf_counter() - started)
    return EXIT_OK


def report_build(result: BuildResult) -> None:
    summarise(result)
    for warning in result.warnings:
        log.warning("warning: %s", warning)


def command_check(args: argparse.Namespace) -> int:
    from . import checks  # here: a build needs neither the checks nor the MkDocs runner
    from .site import run_mkdocs_build

    edition = discover(args.root)
    result = generate(edition, keep_articles=True)  # the checks scan every block
    docs = edition.config.docs_dir
    blocking = plan_problems(docs, shown(edition.root, docs), result.pages)
    if blocking:
        raise EditionError(blocking)  # the same messages, and exit status 2, as a build
    failures: list[str] = []
    stale = differences(docs, result.pages)
    if stale:
        failures.append(f"docs/ is stale: {len(stale)} page(s) differ from a fresh build "
                        f"({', '.join(stale[:5])}{'…' if len(stale) > 5 else ''}); run: python build.py")
    if result.locks:
        failures.append(f"anchor locks are stale: {', '.join(sorted(p.name for p in result.locks))} would change; "
                        f"run: python build.py (then commit sources/*.lock.yml)")
    failures.extend(f"warning: {w}" for w in result.warnings)
    failures.extend(checks.run_all(edition, result))
    if not args.docs_only and not stale:
        with tempfile.TemporaryDirectory(prefix="edition-check-") as scratch:
            run = run_mkdocs_build(edition.config, Path(scratch) / "site", strict=True)
        if not run.ok:
            failures.append("mkdocs build --strict fails:\n" + run.output)
    for failure in failures:
        log.error("%s", failure)
    if failures:
        return EXIT_CHECK_FAILED
    log.info("check: %d articles, docs/ up to date, no warnings", len(result.summaries))
    return EXIT_OK


SERVE_POLL_SECONDS = 0.5  # how often serve looks for changed sources; cheap (a few stat() calls)
SERVER_STOP_SECONDS = 10  # how long mkdocs serve may take to exit before it is killed


def watched_state(root: Path) -> dict[str, float]:
    paths = [root / "glossary.yml", *sorted((root / "sources").glob("*"), key=by_name)]
    return {str(p): p.stat().st_mtime_ns for p in paths if p.is_file()}


class Stop(Exception):
    """Raised by the SIGTERM handler so that serve stops its server like on Ctrl-C."""


def _raise_stop(signum, frame) -> None:
    raise Stop()


def serve_command(config_path: Path, port: int) -> list[str]:
    # MkDocs' own server rebuilds the site when docs/ changes; we regenerate docs/ when
    # sources/ or glossary.yml change, which closes the loop.
    return [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(config_path),
            "--dev-addr", f"127.0.0.1:{port}", "--no-strict"]


def watch_sources(root: Path, server: subprocess.Popen, cache: BuildCache | None = None,
                  jobs: int | None = None) -> None:
    state = watched_state(root)
    while server.poll() is None:
        time.sleep(SERVE_POLL_SECONDS)
        current = watched_state(root)
        if current == state:
            continue
        state = current
        log.info("sources changed: regenerating docs/")
        try:
            regenerate(root, Progress(), cache, jobs)
            collect_while_idle()
        except EditionError as err:
            for problem in err.problems:
                log.error("error: %s", problem)


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=SERVER_STOP_SECONDS)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def command_serve(args: argparse.Namespace) -> int:
    cache = build_cache(args)  # kept in memory between rebuilds: only changed articles are read
    edition, _ = regenerate(args.root, Progress(), cache, args.jobs)
    collect_while_idle()
    previous = signal.signal(signal.SIGTERM, _raise_stop)
    server = subprocess.Popen(serve_command(edition.config.path, args.port), cwd=edition.root)
    log.info("serving on http://127.0.0.1:%d/ (Ctrl-C stops)", args.port)
    try:
        watch_sources(edition.root, server, cache, args.jobs)
        log.error("mkdocs serve exited with status %s", server.returncode)
        return EXIT_CHECK_FAILED
    except (KeyboardInterrupt, Stop):
        log.info("stopping the server")
        return EXIT_OK
    finally:
        stop_server(server)
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING if args.quiet else logging.INFO,
                        format="%(message)s", stream=sys.stderr)
    commands = {"build": command_build, "serve": command_serve, "check": command_check}
    try:
        return commands[args.command](args)
    except EditionError as err:
        if args.debug:
            raise
        for problem in err.problems:
            log.error("error: %s", problem)
        log.error("%d problem(s); nothing was written.", len(err.problems))
        return EXIT_BAD_INPUT
    except OSError as err:  # unreadable file, full disk, permissions: the editor can act on these too
        if args.debug:
            raise
        log.error("error: %s: %s\n  what to do: check that the file exists and can be read and written; "
                  "nothing was replaced", err.filename or "?", err.strerror or err)
        return EXIT_BAD_INPUT
