"""markdown_text renders any text literally under the site's own Markdown extensions."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
import pytest
import yaml
from hypothesis import given, settings, strategies as st

from conftest import REPO
from edition.escape import markdown_text
from edition.pipeline import _TolerantLoader
from edition.readers.common import tidy


def site_extensions() -> tuple[list, dict]:
    """The markdown_extensions of this repository's mkdocs.yml, as Python-Markdown takes them."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TolerantLoader)
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict):
            (name, options), = entry.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(entry)
    return names, configs


EXTENSIONS, EXTENSION_CONFIGS = site_extensions()


class Rendered(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)

    def handle_data(self, data):
        self.text += data


def render(text: str) -> Rendered:
    html = markdown.markdown(markdown_text(text), extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    parsed = Rendered()
    parsed.feed(html)
    parsed.close()
    return parsed


def assert_literal(text: str) -> None:
    rendered = render(text)
    assert rendered.tags == ["p"], (text, markdown_text(text), rendered.tags)
    assert rendered.attributes == [], (text, rendered.attributes)
    assert rendered.text.strip() == tidy(text), (text, markdown_text(text))  # blocks strip their ends


CASES = [
    "1. CƠ SỞ LÝ LUẬN", "2) Mục hai", "- không phải gạch đầu dòng", "+ cộng", "* sao",
    " - gạch sau một dấu cách", " 1. số sau một dấu cách", " !!! note",
    "a | b | c", "| a | b |\n|---|---|", "<script>alert(1)</script>", "{: .x #y onclick=z }",
    "Đoạn văn {: .lede }", "*[X]: y", "[^1]", "[^1]: chú thích", "[a](javascript:alert(1))",
    "![i](data:image/png;base64,AAAA)", "`code`", "``double``", "# heading", "### h3 ###",
    "> quote", "***", "---", "___", "===", "&amp;", "&#60;script&#62;", "[TOC]", "    indented",
    "trailing two spaces  ", "<https://example.org>", "https://example.org", "a_b_c __bold__",
    "\\* backslash", "!!! note", "<div markdown>x</div>", "Term\n: definition", "~~strike~~",
    "{{ config.site_name }}", "{% raw %}", "a  b\tc\u00a0d", "&nbsp;", "[link][ref]\n\n[ref]: /x",
]


@pytest.mark.parametrize("text", CASES)
def test_markdown_text_renders_literally(text):
    assert_literal(text)


def test_site_extension_list_is_read_from_mkdocs_yml():
    assert {"attr_list", "footnotes", "md_in_html", "tables", "toc"} <= set(EXTENSIONS)


# Characters the readers can hand to the writer: no controls or surrogates (edition/source.py
# removes C0/C1 controls; YAML refuses them in metadata).
WRITER_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=80)
MARKDOWN_ALPHABET = st.text(st.sampled_from(list("\\`*_{}[]()#+-.!|<>&;:=~^/\"' \t1aĐơ\n")), max_size=40)
RAN: dict[str, int] = {}


@settings(max_examples=400, deadline=None)
@given(st.one_of(WRITER_TEXT, MARKDOWN_ALPHABET))
def test_markdown_text_round_trips_arbitrary_text(text):
    RAN["round trip"] = RAN.get("round trip", 0) + 1
    if tidy(text):
        assert_literal(text)
