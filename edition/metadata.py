"""Article metadata (sources/<slug>.yml): schema, validation and the ArticleMeta record.

Every fact the text does not state is null and shown as unknown; nothing is invented.
Validation reports every problem of a file at once, each as ``file:line:column``.
A file in the simple layout most are written in is read without PyYAML
(metadata_format.py), giving the same data and positions, several times faster.

Example::

    slug: defense-key-pillar-vietnam-laos     # the stable URL: articles/<slug>/
    source: 003_1f87558668262b9a.txt          # raw text in sources/, kept byte for byte
    kind: web                                 # which reader: web | pdf
    language: en                              # vi | en
    title: Defense remains key pillar in Vietnam-Laos relations
    authors: []
    publication: null                         # unknown facts stay null
    date: null                                # ISO: 2022-06-02, 2022-06 or 2022
    url: null
    rights: Reproduced for research; rights remain with the publisher.
    reader:                                   # overrides, only where rules cannot decide
      body_end: 38
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .errors import EditionError, Problem
from .metadata_format import read_meta_text
from .yamlfile import Positions, conflict_markers, decode_utf8, parse_yaml

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SOURCE_NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
ISO_DATE_PATTERN = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
KINDS = ("web", "pdf")
LANGUAGES = ("vi", "en")


@dataclass(frozen=True)
class LineOverride:
    line: int
    reason: str


@dataclass(frozen=True)
class ReaderOverrides:
    """Editorial decisions a reader honours where its rules cannot decide.

    Line numbers are 1-based lines of the raw source.
    """

    headline: int | None = None  # the line holding the headline
    lede: int | bool | None = None  # the lede's line; false: the article has none
    body_start: int | None = None  # first line of the article (earlier lines dropped)
    body_end: int | None = None  # last line of the article (later lines dropped)
    drop: tuple[LineOverride, ...] = ()  # lines to drop, each with the reason
    keep: tuple[int, ...] = ()  # lines the rules would drop but that belong to the text


@dataclass(frozen=True)
class EditorialItem:
    """One editorial intervention, keyed to a published paragraph anchor.

    kind "note": the editor's note (``text``), about ``phrase`` if given;
    kind "sic": ``phrase`` is reproduced as in the source, marked [sic];
    kind "supply": ``text`` is supplied in square brackets after ``phrase``.
    """

    at: str
    kind: str
    text: str = ""
    phrase: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class Reference:
    """An entry of the article's reference list, cited as [id] or [id, tr.N]."""

    id: str
    text: str
    url: str | None = None


@dataclass(frozen=True)
class ArticleMeta:
    slug: str
    source: str
    kind: str
    language: str
    title: str | None = None
    subtitle: str | None = None
    series: str | None = None
    authors: tuple[str, ...] = ()
    publication: str | None = None
    date: str | None = None
    url: str | None = None
    rights: str | None = None
    keywords: tuple[str, ...] = ()
    note: str | None = None  # the editor's note on provenance (what was inferred, from what)
    reader: ReaderOverrides = field(default_factory=ReaderOverrides)
    editorial: tuple[EditorialItem, ...] = ()
    references: tuple[Reference, ...] = ()
    path: str = ""  # the metadata file, relative to the edition folder
    positions: Positions | None = field(default=None, compare=False, repr=False)


# --- schema ----------------------------------------------------------------------

Check = Callable[[Any], str | None]  # returns an error message, or None when fine


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    return {str: "text", int: "a number", float: "a number", bool: "true/false",
            list: "a list", dict: "a mapping"}.get(type(value), type(value).__name__)


def text(nullable: bool = True, pattern: re.Pattern | None = None, what: str = "text") -> Check:
    def check(value: Any) -> str | None:
        if value is None:
            return None if nullable else f"expected {what}, got null"
        if not isinstance(value, str):
            return f"expected {what}, got {_type_name(value)}"
        if not value.strip():
            return f"expected {what}, got an empty string (write null when unknown)"
        if pattern and not pattern.match(value):
            return f"expected {what}, got {value!r}"
        return None
    return check


def one_of(choices: tuple[str, ...]) -> Check:
    def check(value: Any) -> str | None:
        if value not in choices:
            return f"expected one of {', '.join(choices)}, got {value!r}"
        return None
    return check


def text_list(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, list):
        return f"expected a list of text, got {_type_name(value)}"
    for item in value:
        if not isinstance(item, str) or not item.strip():
            return f"expected a list of text, got an item {item!r}"
    return None


def iso_date(value: Any) -> str | None:
    if value is None or isinstance(value, dt.date):
        return None
    if isinstance(value, str) and ISO_DATE_PATTERN.match(value):
        padded = value + "-01" * ((10 - len(value)) // 3)
        try:
            dt.date.fromisoformat(padded)
            return None
        except ValueError:
            return f"expected an ISO date of the calendar, got {value!r} (no such date)"
    return f"expected an ISO date (2022-06-02, 2022-06 or 2022) or null, got {value!r}"


def web_url(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not re.match(r"^https?://[^\s<>\"']+$", value):
        return f"expected an http(s) URL or null, got {value!r}"
    return None


FIELDS: dict[str, tuple[bool, Check, str]] = {
    # key: (required, check, what it holds)
    "slug": (True, text(False, SLUG_PATTERN, "a slug of lowercase ASCII letters, digits and single hyphens"),
             "the stable URL of the article"),
    "source": (True, text(False, SOURCE_NAME_PATTERN, "a file name inside sources/"),
               "the raw text file, kept byte for byte"),
    "kind": (True, one_of(KINDS), "which reader reads the source"),
    "language": (True, one_of(LANGUAGES), "the article's language"),
    "title": (False, text(), "the title, or null when unknown"),
    "subtitle": (False, text(), "subtitle"),
    "series": (False, text(), "series the article belongs to"),
    "authors": (False, text_list, "authors, as printed"),
    "publication": (False, text(), "newspaper, magazine or journal"),
    "date": (False, iso_date, "publication date"),
    "url": (False, web_url, "original URL"),
    "rights": (False, text(), "rights statement"),
    "keywords": (False, text_list, "keywords"),
    "note": (False, text(), "editor's note on provenance"),
    "editorial": (False, lambda v: None if v is None or isinstance(v, list)
                  else f"expected a list of editorial notes and corrections, got {_type_name(v)}",
                  "editorial notes and corrections"),
    "references": (False, lambda v: None if v is None or isinstance(v, list)
                   else f"expected a list of references, got {_type_name(v)}",
                   "the reference list the citations [N] point to"),
    "reader": (False, lambda v: None if v is None or isinstance(v, dict)
               else f"expected a mapping of reader overrides, got {_type_name(v)}",
               "reader overrides"),
}

OVERRIDE_KEYS = ("headline", "lede", "body_start", "body_end", "drop", "keep")


def _line_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _parse_overrides(raw: dict, positions: Positions, problems: list[Problem]) -> ReaderOverrides:
    values: dict[str, Any] = {}
    for key, value in raw.items():
        where = ("reader", key)
        if key not in OVERRIDE_KEYS:
            problems.append(positions.problem(where, f"reader: unknown key {key!r}",
                                              f"use one of: {', '.join(OVERRIDE_KEYS)}"))
        elif key == "lede" and value is False:
            values[key] = False
        elif key in ("headline", "lede", "body_start", "body_end"):
            if value is None:
                continue
            if not _line_number(value):
                problems.append(positions.problem(where, f"reader: {key}: expected a line number, got {value!r}"))
            else:
                values[key] = value
        elif key == "keep":
            if not isinstance(value, list) or not all(_line_number(v) for v in value):
                problems.append(positions.problem(where, "reader: keep: expected a list of line numbers"))
            else:
                values[key] = tuple(value)
        elif key == "drop":
            drops = []
            for index, item in enumerate(value if isinstance(value, list) else [None]):
                if (not isinstance(item, dict) or set(item) != {"line", "reason"}
                        or not _line_number(item.get("line")) or not isinstance(item.get("reason"), str)):
                    problems.append(positions.problem(
                        where + (index,), "reader: drop: expected items {line: N, reason: text}"))
                else:
                    drops.append(LineOverride(item["line"], item["reason"]))
            values[key] = tuple(drops)
    return ReaderOverrides(**values)


EDITORIAL_SHAPES = {  # kind: (required keys, optional keys)
    "note": ({"at", "note"}, {"phrase"}),
    "sic": ({"at", "sic"}, set()),
    "supply": ({"at", "supply", "after"}, set()),
}


def _parse_editorial(raw: list, positions: Positions, problems: list[Problem]) -> tuple[EditorialItem, ...]:
    items = []
    for index, item in enumerate(raw):
        where = ("editorial", index)
        kind = next((k for k in ("note", "sic", "supply") if isinstance(item, dict) and k in item), None)
        required, optional = EDITORIAL_SHAPES.get(kind, (set(), set()))
        if kind is None or not required <= set(item) or set(item) - required - optional \
                or not all(isinstance(item[k], str) and item[k].strip() for k in item):
            problems.append(positions.problem(where, "editorial: expected {at: p-N, note: text[, phrase: words]}, "
                                              "{at: p-N, sic: words} or {at: p-N, supply: words, after: words}"))
            continue
        text = item.get("note") or item.get("supply") or ""
        phrase = item.get("phrase") or item.get("sic") or item.get("after")
        items.append(EditorialItem(item["at"], kind, text, phrase, positions.of(where)[0]))
    return tuple(items)


def _parse_references(raw: list, positions: Positions, problems: list[Problem]) -> tuple[Reference, ...]:
    found: list[Reference] = []
    for index, item in enumerate(raw):
        ok = isinstance(item, dict) and {"id", "text"} <= set(item) <= {"id", "text", "url"} \
            and isinstance(item.get("text"), str) and web_url(item.get("url")) is None
        if not ok:
            problems.append(positions.problem(("references", index),
                                              "references: expected items {id: 10, text: ...[, url: https://...]}"))
            continue
        if str(item["id"]) in {r.id for r in found}:
            problems.append(positions.problem(("references", index), f"references: id {item['id']} appears twice"))
            continue
        found.append(Reference(str(item["id"]), item["text"], item.get("url")))
    return tuple(found)


def parse_meta(data: Any, positions: Positions, shown_as: str) -> ArticleMeta:
    """Validate parsed YAML ``data``; raise EditionError listing every problem."""
    if not isinstance(data, dict):
        raise EditionError.at(shown_as, f"expected a mapping of metadata keys, got {_type_name(data)}", 1,
                              hint="start the file with 'slug: ...' and 'source: ...'")
    problems: list[Problem] = []
    for key in data:
        if key not in FIELDS:
            problems.append(positions.problem((key,), f"unknown key {key!r}",
                                              f"use one of: {', '.join(FIELDS)}"))
    for key, (required, check, _what) in FIELDS.items():
        if key not in data:
            if required:
                problems.append(Problem(shown_as, f"missing required key {key!r}", 1, None,
                                        f"add '{key}: ...' ({FIELDS[key][2]})"))
            continue
        message = check(data[key])
        if message:
            problems.append(positions.problem((key,), f"{key}: {message}",
                                              f"correct the value of '{key}:' ({FIELDS[key][2]})"))
    overrides = ReaderOverrides()
    if isinstance(data.get("reader"), dict):
        overrides = _parse_overrides(data["reader"], positions, problems)
    references = _parse_references(data.get("references") or [], positions, problems) \
        if isinstance(data.get("references") or [], list) else ()
    editorial = _parse_editorial(data.get("editorial") or [], positions, problems) \
        if isinstance(data.get("editorial") or [], list) else ()
    if problems:
        raise EditionError(problems)
    date = data.get("date")
    return ArticleMeta(
        slug=data["slug"], source=data["source"], kind=data["kind"], language=data["language"],
        title=data.get("title"), subtitle=data.get("subtitle"), series=data.get("series"),
        authors=tuple(data.get("authors") or ()), publication=data.get("publication"),
        date=date.isoformat() if isinstance(date, dt.date) else date,
        url=data.get("url"), rights=data.get("rights"),
        keywords=tuple(data.get("keywords") or ()), note=data.get("note"),
        reader=overrides, editorial=editorial, references=references, path=shown_as, positions=positions,
    )


def load_meta(path: Path, shown_as: str) -> ArticleMeta:
    return meta_from_bytes(path.read_bytes(), shown_as)


def meta_from_bytes(data: bytes, shown_as: str) -> ArticleMeta:
    """The record a metadata file's bytes hold; EditionError listing its problems."""
    text = decode_utf8(data, shown_as)
    read = _read_simple(text, shown_as)
    parsed, positions = read if read is not None else parse_yaml(text, shown_as)
    return parse_meta(parsed, positions, shown_as)


def _read_simple(text: str, shown_as: str) -> tuple[Any, Positions] | None:
    conflict_markers(text, shown_as)  # refused before anything reads the text, as parse_yaml does
    return read_meta_text(text, shown_as)
