"""Escaping source text so that it can never become Markdown, HTML or attribute syntax.

Source text is data. ``markdown_text`` makes any string render as exactly that
string under the Markdown extensions the site enables (see mkdocs.yml: attr_list,
footnotes, md_in_html, toc, tables, admonition). The rules:

* ``& < >`` become entities: no raw HTML, no autolinks, no entity tricks, no blockquotes;
* ``\\ ` * _ { } [ ] #`` get a backslash (Python-Markdown's own escapes): no emphasis,
  code, links, images, footnote or abbreviation definitions, attr_list ``{: ...}``,
  ``[TOC]`` markers, or closing ``#`` of a heading;
* ``|`` becomes ``&#124;``, which works whether or not the tables extension is on;
* at the start of a line, ``-``, ``+`` and ``1.`` lose their list meaning, ``!`` its
  admonition meaning (``!!! note``);
* white space is collapsed to single spaces: no hard breaks, no indented code.

``html_attribute`` quotes text for an HTML attribute value (title, data-*).

``front_matter_values`` escapes the front-matter fields that MkDocs and Material
print into HTML without escaping (their Jinja environment does not autoescape:
``<title>{{ page.meta.title }}``, the header, the navigation, ``<meta name=description>``).
Templates in overrides/ must apply ``| e`` to any other page.meta value they print.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from .readers.common import collapse_spaces, tidy

BACKSLASHED = set("\\`*_{}[]#")
ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;"}
LIST_START = re.compile(r"^(\d+)([.)])(?=\s|$)")


# What each special character becomes, and one pattern finding them: a regex scan in C is
# ~15x faster than a Python loop (or str.translate) over Vietnamese text, which is hot.
ESCAPES = {char: "\\" + char for char in BACKSLASHED} | ENTITIES
SPECIAL_CHARS = "".join(sorted(ESCAPES))
SPECIAL = re.compile("[" + re.escape(SPECIAL_CHARS) + "]")


def markdown_text(text: str) -> str:
    """``text`` as inline Markdown that renders literally.

    White space is collapsed but not stripped: ``text`` may be one inline among others.
    """
    text = collapse_spaces(text)
    if has_special(text):
        text = SPECIAL.sub(lambda match: ESCAPES[match.group()], text)
    return escape_line_start(text)


def has_special(text: str) -> bool:
    """Whether ``text`` holds a character ``SPECIAL`` matches.

    One substring test per character (13 passes of memchr-like C search) is about
    three times faster than the regex search, and nine texts in ten have none.
    """
    for char in SPECIAL_CHARS:
        if char in text:
            return True
    return False


BLOCK_MARKERS = frozenset("-+=!")  # list items, setext underline, admonition ("!!! note")


def escape_line_start(escaped: str) -> str:
    """Neutralise what Markdown reads at the start of a block: list markers, setext
    underlines, admonitions. ``escaped`` is collapsed, so it has at most one leading
    space, which Markdown skips before a list marker (" - x" is a list too)."""
    first = escaped[:1]
    if first != " " and first not in BLOCK_MARKERS and not first.isdecimal():
        return escaped  # most texts: the steps below would find nothing to neutralise
    indent = " " if escaped.startswith(" ") else ""
    rest = escaped[len(indent):]
    if rest[:1] in BLOCK_MARKERS:
        return indent + ("\\" + rest if rest[0] != "=" else "&#61;" + rest[1:])
    match = LIST_START.match(rest) if rest[:1].isdecimal() else None  # \d is isdecimal
    if match:
        return indent + match.group(1) + "\\" + match.group(2) + rest[match.end():]
    return escaped


@lru_cache(maxsize=4096)
def html_attribute(text: str) -> str:
    """``text`` for a double-quoted HTML attribute value.

    Cached: the values are mostly labels, anchors and term expansions, which repeat
    on every paragraph of every article (87,000 calls for 1,000 articles).
    """
    return html.escape(tidy(text), quote=True)


THEME_PRINTS_RAW = ("title", "description", "author")  # page.meta keys Material outputs unescaped


def front_matter_values(data: dict) -> dict:
    """``data`` with the values the theme prints raw HTML-escaped, so they show as text."""
    return {key: html.escape(value, quote=True) if key in THEME_PRINTS_RAW and isinstance(value, str) else value
            for key, value in data.items()}
