"""Shared fixtures: temporary editions, the built site, and a local web server.

Tests never write into the repository: the real edition is copied to a temporary
folder and built there.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run, so that a run passes or fails for
# the code and not for the draw (a reader's property test failed a run now and then on a
# rare drawn line before its bug was fixed). To draw new examples after changing a reader
# or a fast path: HYPOTHESIS_PROFILE=explore bash scripts/test.sh tests/test_reader_properties.py
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

REPO = Path(__file__).resolve().parent.parent
EDITION_PARTS = ("sources", "glossary.yml", "mkdocs.yml", "docs", "overrides")
SITE_PREFIX = "/edition/"  # GitHub Pages serves a project site under /<repo>/
# The published address the fixture site is built for (mkdocs.yml reads SITE_URL): only
# its path matters to the pages a browser loads (the 404 page's assets); the host is
# never contacted (.invalid cannot resolve) and appears only in canonical links.
PUBLISHED_URL = "https://edition.invalid" + SITE_PREFIX


def copy_edition(target: Path) -> Path:
    """A copy of this repository's edition folder at ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for part in EDITION_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        elif source.exists():
            shutil.copy2(source, target / part)
    return target


def run_build(*args: str, cwd: Path = REPO, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run build.py as the editor would; returns the finished process."""
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600,
                          env=None if env is None else {**os.environ, **env})


MINIMAL_MKDOCS = """site_name: Test edition
theme:
  name: material
  language: vi
  font: false
markdown_extensions: [attr_list, footnotes, md_in_html, tables, admonition, toc]
plugins: [search]
"""


def make_edition(root: Path, sources: dict[str, str | bytes], metas: dict[str, str],
                 glossary: str = "terms: []\n", mkdocs: str = MINIMAL_MKDOCS, site_layer: bool = False) -> Path:
    """A small edition folder: ``sources`` by file name, ``metas`` by slug (YAML text).

    ``site_layer`` copies this repository's mkdocs.yml, overrides/ and site assets
    instead of the minimal configuration.
    """
    (root / "sources").mkdir(parents=True, exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    for name, content in sources.items():
        path = root / "sources" / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    for slug, text in metas.items():
        (root / "sources" / f"{slug}.yml").write_text(text, encoding="utf-8")
    (root / "glossary.yml").write_text(glossary, encoding="utf-8")
    (root / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    if site_layer:
        shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(REPO / "overrides", root / "overrides")
        for assets in ("stylesheets", "javascripts"):
            if (REPO / "docs" / assets).is_dir():
                shutil.copytree(REPO / "docs" / assets, root / "docs" / assets)
        (root / "docs" / "about.md").write_text("# About\n", encoding="utf-8")
    return root


def meta_yaml(slug: str, source: str, kind: str = "web", language: str = "vi", **extra: str) -> str:
    lines = [f"slug: {slug}", f"source: {source}", f"kind: {kind}", f"language: {language}"]
    lines += [f"{key}: {value}" for key, value in extra.items()]
    return "\n".join(lines) + "\n"


def outside_nav(root: Path, *pages: str) -> None:
    """Declare hand-written ``pages`` as published without a sidebar entry, as an editor would."""
    config = root / "mkdocs.yml"
    listed = "".join(f"  /{name}\n" for name in pages)
    config.write_text(config.read_text(encoding="utf-8").replace("not_in_nav: |\n", "not_in_nav: |\n" + listed, 1),
                      encoding="utf-8")


def build_copy_with_pages(target: Path, pages: dict[str, str]) -> Path:
    """Copy this edition to ``target``, add hand-written docs/ ``pages`` (name: Markdown), build;
    returns the site folder."""
    root = copy_edition(target)
    for name, text in pages.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    outside_nav(root, *pages)
    result = run_build("--root", str(root), env={"SITE_URL": PUBLISHED_URL})
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="session")
def built_edition(tmp_path_factory) -> Path:
    """This repository's edition, copied and fully built (docs/ and site/)."""
    root = copy_edition(tmp_path_factory.mktemp("edition"))
    result = run_build("--root", str(root), env={"SITE_URL": PUBLISHED_URL})
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="session")
def site_dir(built_edition: Path) -> Path:
    return built_edition / "site"


class _PrefixHandler(http.server.SimpleHTTPRequestHandler):
    """Serves ``directory`` under SITE_PREFIX only, as GitHub Pages serves a project."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Like GitHub Pages: a missing path gets the site's 404.html, with status 404."""
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def translate_path(self, path: str) -> str:
        if not path.startswith(SITE_PREFIX):
            return str(Path(self.directory) / "__outside_the_project_path__")
        return super().translate_path("/" + path[len(SITE_PREFIX):])

    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve_directory(site: Path):
    """Serve a built site on 127.0.0.1 under SITE_PREFIX; yields its base URL."""
    handler = functools.partial(_PrefixHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SITE_PREFIX}"
    finally:
        server.shutdown()
        server.server_close()


serve_site = serve_directory  # the name the search and anchor tests use


@pytest.fixture(scope="session")
def site_url(site_dir: Path):
    """Base URL of the built site, served on 127.0.0.1 under a project path."""
    with serve_directory(site_dir) as url:
        yield url


# --- headless Chromium (Debian's package) driven by Playwright ---------------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    """A fresh page; ``page.console_errors`` collects console errors and page errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    new_page = context.new_page()
    errors: list[str] = []
    new_page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    new_page.on("pageerror", lambda error: errors.append(str(error)))
    new_page.console_errors = errors
    yield new_page
    context.close()
