"""glossary.yml: the editor's single source of truth for abbreviations.

Example::

    terms:
      - term: CSĐN                      # as written in the texts (case-sensitive)
        expansion: chính sách đối ngoại # in the language of the texts that use it
        gloss: foreign policy           # optional: the other language
        definition: null                # optional: shown literally (Markdown is not interpreted)
        variants: []                    # optional: other spellings, e.g. [CA-TBD] for CA - TBD
        see_also: [QHQT]                # optional: other terms
        language: vi                    # optional: the expansion's language (default vi)
    ignore:                             # acronym-like tokens that need no entry
      - USD

Every problem is reported at once with file:line:column.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import EditionError, Problem
from .metadata import LANGUAGES
from .slugs import slugify
from .yamlfile import Positions, load_yaml

ENTRY_KEYS = ("term", "expansion", "gloss", "definition", "variants", "see_also", "language")
TOP_KEYS = ("terms", "ignore")


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    expansion: str
    anchor: str
    gloss: str | None = None
    definition: str | None = None
    variants: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()
    language: str = "vi"
    line: int | None = None

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.term, *self.variants)


@dataclass(frozen=True)
class Glossary:
    entries: tuple[GlossaryEntry, ...] = ()
    ignore: frozenset[str] = frozenset()
    path: str = "glossary.yml"
    by_form: dict[str, GlossaryEntry] = field(default_factory=dict, compare=False)

    def sorted_entries(self) -> list[GlossaryEntry]:
        return sorted(self.entries, key=lambda e: vietnamese_sort_key(e.term))


# --- Vietnamese alphabetical order ---------------------------------------------------

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
TONE_MARKS = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng


def vietnamese_sort_key(text: str) -> tuple:
    """Letters in Vietnamese order (a ă â … d đ … o ô ơ … u ư), then tones, then case."""
    letters, tones = [], []
    for char in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", char)
        tone = next((TONE_MARKS[m] for m in decomposed if m in TONE_MARKS), 0)
        base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in TONE_MARKS)).lower()
        if base in ALPHABET:
            letters.append((1, ALPHABET.index(base)))
        elif base.isdigit():
            letters.append((0, int(base)))
        else:
            letters.append((2, ord(base)))
        tones.append(tone)
    return (tuple(letters), tuple(tones), text)


def term_anchor(term: str) -> str:
    """An ASCII id: CSĐN -> csdn, ADMM+ -> admm-plus, CA - TBD -> ca-tbd."""
    return slugify(term.replace("+", " plus ")) or "term"


# --- loading ---------------------------------------------------------------------------


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value.strip())


def _entry(raw: Any, index: int, positions: Positions, problems: list[Problem]) -> GlossaryEntry | None:
    where = ("terms", index)
    if not isinstance(raw, dict):
        problems.append(positions.problem(where, "each entry must be a mapping with 'term' and 'expansion'"))
        return None
    for key in raw:
        if key not in ENTRY_KEYS:
            problems.append(positions.problem(where + (key,), f"unknown key {key!r}",
                                              f"use one of: {', '.join(ENTRY_KEYS)}"))
    ok = True
    if not _text(raw.get("term")):
        problems.append(positions.problem(where + ("term",) if "term" in raw else where,
                                          "a glossary entry has an empty or no 'term'",
                                          "write the abbreviation after 'term:', or delete the entry"))
        return None
    for key in ("expansion",):
        if not _text(raw.get(key)):
            problems.append(positions.problem(where + (key,) if key in raw else where,
                                              f"{key}: expected non-empty text, got {raw.get(key)!r}"))
            ok = False
    for key in ("gloss", "definition"):
        if raw.get(key) is not None and not _text(raw.get(key)):
            problems.append(positions.problem(where + (key,), f"{key}: expected text or null"))
            ok = False
    for key in ("variants", "see_also"):
        value = raw.get(key) or []
        if not isinstance(value, list) or not all(_text(v) for v in value):
            problems.append(positions.problem(where + (key,), f"{key}: expected a list of text"))
            ok = False
    if raw.get("language", "vi") not in LANGUAGES:
        problems.append(positions.problem(where + ("language",), f"language: expected one of {', '.join(LANGUAGES)}"))
        ok = False
    if not ok:
        return None
    term = _nfc(raw["term"])
    return GlossaryEntry(term=term, expansion=_nfc(raw["expansion"]), anchor=term_anchor(term),
                         gloss=raw.get("gloss"), definition=raw.get("definition"),
                         variants=tuple(_nfc(v) for v in raw.get("variants") or ()),
                         see_also=tuple(_nfc(v) for v in raw.get("see_also") or ()),
                         language=raw.get("language", "vi"), line=positions.of(where)[0])


def parse_glossary(data: Any, positions: Positions) -> Glossary:
    shown = positions.path
    if data is None:
        return Glossary(path=shown)
    if not isinstance(data, dict):
        raise EditionError.at(shown, "expected a mapping with 'terms:' (and optionally 'ignore:')", 1)
    problems: list[Problem] = []
    for key in data:
        if key not in TOP_KEYS:
            problems.append(positions.problem((key,), f"unknown key {key!r}", "use 'terms' and 'ignore'"))
    raw_terms = data.get("terms") or []
    if not isinstance(raw_terms, list):
        problems.append(positions.problem(("terms",), "terms: expected a list of entries"))
        raw_terms = []
    entries = [e for i, raw in enumerate(raw_terms) if (e := _entry(raw, i, positions, problems))]
    by_form: dict[str, GlossaryEntry] = {}
    anchors: dict[str, str] = {}
    for index, entry in enumerate(entries):
        for form in entry.forms:
            if form in by_form:
                problems.append(Problem(shown, f"term {form!r} is already defined at line {by_form[form].line}",
                                        entry.line, None, "keep one entry per term; put other spellings in "
                                                          "'variants'"))
            by_form.setdefault(form, entry)
        if entry.anchor in anchors and anchors[entry.anchor] != entry.term:
            problems.append(Problem(shown, f"{entry.term!r} and {anchors[entry.anchor]!r} share the anchor "
                                           f"#{entry.anchor}", entry.line))
        anchors.setdefault(entry.anchor, entry.term)
    for entry in entries:
        for other in entry.see_also:
            if other not in by_form:
                problems.append(Problem(shown, f"see_also: {other!r} has no entry", entry.line))
    ignore = data.get("ignore") or []
    if not isinstance(ignore, list) or not all(_text(v) for v in ignore):
        problems.append(positions.problem(("ignore",), "ignore: expected a list of text"))
        ignore = []
    if problems:
        raise EditionError(problems)
    return Glossary(tuple(entries), frozenset(_nfc(v) for v in ignore), shown, by_form)


def load_glossary(path: Path, shown: str = "glossary.yml") -> Glossary:
    data, positions = load_yaml(path, shown)
    return parse_glossary(data, positions)
