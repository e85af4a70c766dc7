"""Metadata files read without PyYAML must read exactly as PyYAML reads them.

metadata_format.read_meta_text reads the simple layout of sources/<slug>.yml itself and
returns what yamlfile.parse_yaml returns (data, value types, key positions), or None.
These tests hold it to that on adversarial texts: values the resolver reads as booleans,
nulls, numbers or dates, indicators, quotes, comments, line breaks YAML sees and Python's
split does not, control characters, continuation lines, duplicate keys, and hand edits of
the real metadata files. PyYAML's reading is taken both with libyaml and with the
pure-Python parser, so that the answer does not depend on which one a machine has.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from unittest import mock

import pytest
import yaml
from hypothesis import event, example, given, settings, strategies as st

import edition.metadata as metadata
from edition import yamlfile
from edition.errors import EditionError
from edition.metadata import FIELDS, load_meta, meta_from_bytes, parse_meta
from edition.metadata_format import read_meta_text
from edition.yaml_writer import reads_back_as_itself
from edition.yamlfile import parse_yaml
from line_edits import LINE_EDITS, edit_line

REPO = Path(__file__).resolve().parent.parent
SHOWN = "sources/x.yml"
SEEDS = sorted(p for p in (REPO / "sources").glob("*.yml") if not p.name.endswith(".lock.yml"))
# A file of the bench edition (bench/editions.py), the layout of most metadata files.
BENCH_STYLE = """slug: defense-key-pillar-vietnam-laos-relations-00005
source: 00005_003_1f87558668262b9a.txt
kind: web
language: en
title: Defense remains key pillar in Vietnam-Laos relations
authors: []
publication: null
date: null
url: null
rights: Quoted for research; rights remain with the publisher.
note: The talks took place in Hanoi on June 2 (2022, per the text); the publication date is not in the saved text.
"""


def typed(value):
    """``value`` with the type of each part spelled out: 1 is not True, a date is not its text."""
    if isinstance(value, dict):
        return "dict", [(typed(k), typed(v)) for k, v in value.items()]
    if isinstance(value, list):
        return "list", [typed(item) for item in value]
    return type(value).__name__, value


def pyyaml_readings(text: str) -> list:
    """parse_yaml's data (typed) and positions (in order), with libyaml and with the pure-Python
    parser; EditionError if PyYAML refuses the text."""
    readings = []
    for loader in dict.fromkeys([yamlfile.FAST_LOADER, yaml.SafeLoader]):
        with mock.patch.object(yamlfile, "FAST_LOADER", loader):
            data, positions = parse_yaml(text, SHOWN)
        readings.append((typed(data), list(positions.where.items())))
    return readings


def read_as_pyyaml_reads(text: str) -> bool:
    """Whether the fast reader accepted ``text``; fails if it read it otherwise than PyYAML."""
    read = read_meta_text(text, SHOWN)
    if read is None:
        return False
    try:
        expected = pyyaml_readings(text)
    except EditionError as err:
        raise AssertionError(f"read a text PyYAML refuses ({err}): {text!r}") from None
    data, positions = read
    assert positions.path == SHOWN
    for reading in expected:
        assert (typed(data), list(positions.where.items())) == reading, text
    return True


# --- adversarial texts ------------------------------------------------------------

TRICKY = list("-?:#,[]{}&*!|>'\"%@`.~=<0123456789 \t\n\r\\") + [
    "\x85", "\u2028", "\u2029", "\ufeff", "\x00", "\x07", "\x7f", "\x9f", "\xa0", "\U0001f600",
    "ệ", "Đ", "“", "”", "…", "–", "a", "e", "x", "Y", "n", "o", "l", "u", "t", "r", "N", "O", "T",
]
TRICKY_WORDS = ["yes", "no", "on", "off", "y", "n", "true", "False", "null", "Null", "NULL", "~", "12",
                "-3", "1e3", "0x1F", "0o17", "017", "1_000", ".5", "12:30", ".inf", "-.Inf", ".NaN",
                "2024-01-02", "2024-02-30", "2024-13-01", "0000-01-01", "2024-05", "2024", "2024-5-1",
                "2024-01-02T10:00:00", "2024-01-02 10:00", "<<", "=", "---", "...", "- ", ": ", "? ",
                " #", "#", "p-1", "14a", "ĐNA", "Nguyễn Văn Ả", "Trích dẫn", "a: b", "'", "''", '"',
                "&a ", "*a", "!!str ", "!x ", "%YAML 1.1", "@", "`", "|", ">", ">-", "[]", "{}", "[a]",
                "{a: b}", "null ", " ", "?x", "x?y", ":x", "x:y", "-x", "\\t", "\\\"", "\\x41", "\\u00e9"]
tricky_text = st.lists(st.one_of(st.sampled_from(TRICKY), st.sampled_from(TRICKY_WORDS)),
                       max_size=8).map("".join)
# Text without line breaks, tabs or control characters, indicators and resolver words included.
PRINTABLE = [c for c in TRICKY if c.isprintable() and c not in "\ufeff\U0001f600"] + [
    w for w in TRICKY_WORDS if w.isprintable()]
printable_text = st.lists(st.sampled_from(PRINTABLE), max_size=8).map("".join)

ODD_KEYS = ["titel", "x_y", "a" * 1025, "yes", "no", "on", "null", "true", "Title", "a b", "-a", "? a", "a:", "1",
            "date ", " date", "'title'", '"title"', "<<", "~", "ti\u2028tle", "&a title", "!!str title"]
keys = st.sampled_from(list(FIELDS) * 3 + ODD_KEYS)


def quoted(text: str, quote: str) -> str:
    if quote == "'":
        return "'" + text.replace("'", "''") + "'"
    return '"' + text + '"'


FLOW_INDICATORS = set(",[]{}:?")


def simple_value(text: str, form: str, in_flow: bool = False) -> str:
    """``text`` written as a value (or list item) the fast reader accepts, in the given form
    when it can."""
    if form == "plain" and text and reads_back_as_itself(text) and not (in_flow and FLOW_INDICATORS & set(text)):
        return text
    if form == "double" and '"' not in text and "\\" not in text:
        return '"' + text + '"'
    return quoted(text, "'")


simple_values = st.one_of(
    st.builds(simple_value, printable_text, st.sampled_from(["plain", "single", "double"])),
    st.sampled_from(["null", "[]", "2024-05-01", "Trích dẫn cho mục đích nghiên cứu.", "web", "vi"]),
    st.builds(lambda items: "[" + ", ".join(items) + "]",
              st.lists(st.builds(simple_value, printable_text, st.sampled_from(["plain", "single", "double"]),
                                 st.just(True)),
                       min_size=1, max_size=3)),
    st.lists(printable_text.map(lambda line: line.strip(" ") or "x"), min_size=1, max_size=3)
    .map(lambda lines: ">-\n" + "\n".join("  " + line for line in lines)),
)
scalars = st.one_of(
    st.sampled_from(TRICKY_WORDS), tricky_text, printable_text, printable_text,
    st.builds(quoted, printable_text, st.sampled_from("'\"")),
    st.builds(quoted, tricky_text, st.sampled_from("'\"")),
    st.builds(lambda text: "'" + text + "'", tricky_text),  # quotes inside, unescaped
)
# List items that a flow reads otherwise than a block: "?" starts a key there, "," ends an item.
FLOW_WORDS = ["?x", "x?y", "? x", ":x", "x:y", "x: y", "-x", "- x", "x,y", "[x]", "{x}", "x]", "'x'", '"x"',
              "x #y", "x#y", "yes", "null", "~", "12", "", " x", "x ", "&x", "*x", "!x", "|", ">", "Đ x"]
flow_lists = st.builds(lambda items, separator: "[" + separator.join(items) + "]",
                       st.lists(st.one_of(st.sampled_from(FLOW_WORDS), scalars), max_size=3),
                       st.sampled_from([", "] * 4 + [",", " , ", ",  "]))
values = st.one_of(simple_values, simple_values, scalars, flow_lists, flow_lists,
                   st.sampled_from(["null", "[]", ">-", ">", "|", "|-", ">+", ">2-", ""]))
suffixes = st.sampled_from([""] * 12 + [" ", " # note", "#", "  ", "\t", "\r"])
key_lines = st.builds(lambda key, value, suffix: f"{key}: {value}{suffix}", keys, values, suffixes)
folded_headers = st.sampled_from([">-", ">-", ">", "|", "|-", ">- # c", ">2-"])
folded_lines = st.lists(st.one_of(printable_text.map(lambda line: "  " + line),
                                  st.sampled_from(["", "  ", "   x", "    y", "#c", " z", "  #", "  - a", "  a: b"])),
                        max_size=4)
other_lines = st.one_of(
    st.just(""), printable_text.map(lambda text: "#" + text), tricky_text.map(lambda text: "#" + text),
    st.builds(lambda indent, text: indent + text, st.sampled_from([" ", "  ", "   ", "    ", "\t"]), printable_text),
    st.sampled_from(["---", "...", "--- ", "%YAML 1.1", "- item", "title:", "? title", "<<<<<<< HEAD",
                     "=======", ">>>>>>> theirs", "&a title: x", "title: &a x", "note: *a"]),
    tricky_text,
)


@st.composite
def texts(draw) -> str:
    """Key lines (each key once, now and then an odd or repeated key), folded scalars,
    comments and other lines, values simple or adversarial."""
    fields = draw(st.permutations(list(FIELDS)))
    lines = []
    for index in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["key"] * 4 + ["folded", "other"]))
        key = draw(keys) if draw(st.integers(0, 7)) == 0 else fields[index]
        if kind == "key":
            lines.append(f"{key}: {draw(values)}{draw(suffixes)}")
        elif kind == "folded":
            lines += [f"{key}: {draw(folded_headers)}"] + draw(folded_lines)
        else:
            lines.append(draw(other_lines))
    return draw(st.sampled_from([""] * 8 + ["\ufeff"])) + "\n".join(lines) + draw(
        st.sampled_from(["\n", "\n", "\n", "", "\n\n", "\r\n"]))


@given(texts())
@example("title: yes\n")
@example("title: a\n  b\n")  # a plain scalar continued on the next line
@example("title: a\n\n  b\n")
@example("note: >-\n  a\n\n  b\n")  # a blank line inside a folded scalar is a line break
@example("note: >-\n  a\n   b\n")  # a more-indented line keeps its line breaks
@example("note: >-\n  a\n#c\n  b\n")
@example("note: >-\n\n  a\n")
@example("authors: [?a]\n")  # "?" starts a key inside a flow
@example("authors: [a?b]\n")
@example("authors: [a:b]\n")
@example("date: 2024-02-30\n")
@example("#\x85title: x\n")  # U+0085 ends the comment: the rest is a key to PyYAML
@example("title: a\u2028b\n")
@example("title: x\nslug: a\ntitle: y\n")
@example("\n\n# c\nslug: a\n")
@settings(max_examples=1500)
def test_any_metadata_like_text_it_reads_it_reads_as_pyyaml_does(text):
    event("accepted" if read_as_pyyaml_reads(text) else "declined")


@given(st.lists(st.one_of(st.sampled_from(FLOW_WORDS), printable_text,
                          st.builds(quoted, printable_text, st.sampled_from("'\""))), max_size=4),
       st.sampled_from([", "] * 4 + [",", " , "]))
@settings(max_examples=500)
def test_a_flow_list_is_read_as_pyyaml_reads_it_or_declined(items, separator):
    text = "slug: a\nauthors: [" + separator.join(items) + "]\n"
    event("accepted" if read_as_pyyaml_reads(text) else "declined")


# --- hand edits of files it accepts -------------------------------------------------

simple_files = st.builds(
    lambda comment, pairs: comment + "".join(f"{key}: {value}\n" for key, value in pairs),
    st.sampled_from(["", "# Metadata: the title stays null.\n", "\n"]),
    st.builds(zip, st.permutations(list(FIELDS)), st.lists(simple_values, min_size=1, max_size=8)))
def edited(text: str, edits: list[tuple[str, int, str]]) -> str:
    lines = text.split("\n")
    for edit, at, insert in edits:
        lines = edit_line(lines, edit, at, insert)
    return "\n".join(lines)


edits = st.lists(st.tuples(st.sampled_from(LINE_EDITS), st.integers(0, 100),
                           st.one_of(tricky_text, simple_values, key_lines)), max_size=2)


@given(simple_files, edits)
@example("title: a\nnote: b\n", [("indent", 1, "")])  # "title: a b": a continuation line
@example("note: >-\n  a\nslug: b\n", [("insert", 2, "")])
@example("authors: ['a', \"b\"]\n", [("append", 0, " ")])
@settings(max_examples=1500)
def test_a_simple_file_edited_line_by_line_is_read_as_pyyaml_reads_it_or_declined(text, line_edits):
    """Starts from files the fast reader accepts, so the edited texts it still accepts are many."""
    if not line_edits:
        assert read_as_pyyaml_reads(text), text  # every such file is accepted as written
    else:
        event("accepted" if read_as_pyyaml_reads(edited(text, line_edits)) else "declined")


SEED_TEXTS = [path.read_text(encoding="utf-8") for path in SEEDS] + [BENCH_STYLE]


@given(st.sampled_from(SEED_TEXTS), edits)
@settings(max_examples=600)
def test_the_seed_files_edited_line_by_line_are_read_as_pyyaml_reads_them_or_declined(text, line_edits):
    event("accepted" if read_as_pyyaml_reads(edited(text, line_edits)) else "declined")


SWEEP_TEXTS = ["yes", "null", "2024-05-01", "2024-02-30", "a: b", "x # c", "'q'", '"d"', "[a, 'b']", "",
               "  more", "Tiếng Việt", "title: again", "# comment"]


def test_every_single_line_edit_of_the_seed_files_is_read_as_pyyaml_reads_it_or_declined():
    """Every edit of every line of the real files it accepts, not a sample: a fair share must
    still be accepted (and compared), or the other tests compare little."""
    accepted = total = 0
    for text in [text for text in SEED_TEXTS if read_meta_text(text, SHOWN) is not None]:
        for at in range(text.count("\n") + 1):
            for edit in LINE_EDITS:
                for insert in SWEEP_TEXTS:
                    total += 1
                    accepted += read_as_pyyaml_reads(edited(text, [(edit, at, insert)]))
    assert accepted >= total // 4, (accepted, total)


# --- the layouts that must take the fast path ----------------------------------------

def test_the_bench_layout_and_the_simple_seed_files_are_read_without_pyyaml(monkeypatch):
    """A regression to PyYAML for every file fails here."""
    monkeypatch.setattr(metadata, "parse_yaml", None)  # would fail if called
    meta = meta_from_bytes(BENCH_STYLE.encode("utf-8"), SHOWN)
    assert meta.slug == "defense-key-pillar-vietnam-laos-relations-00005" and meta.authors == ()
    simple = [path for path in SEEDS if "\neditorial:" not in path.read_text(encoding="utf-8")]
    assert len(simple) == 4  # only the file with editorial notes has nested entries
    for path in simple:
        assert load_meta(path, path.name).path == path.name


def test_the_seed_files_are_read_as_pyyaml_reads_them():
    accepted = [read_as_pyyaml_reads(text) for text in SEED_TEXTS]
    assert accepted == [True, False, True, True, True, True]  # declined: nested editorial notes


def test_values_take_the_types_pyyaml_gives():
    data, positions = read_meta_text('# c\n\ndate: 2024-05-01\ntitle: "Đối: #1"\nauthors: [A, \'B\', "C"]\n'
                                     "url: null\nkeywords: []\nnote: >-\n  a\n  b\n", SHOWN)
    assert data == {"date": dt.date(2024, 5, 1), "title": "Đối: #1", "authors": ["A", "B", "C"],
                    "url": None, "keywords": [], "note": "a b"}
    assert positions.where == {(): (3, 1), ("date",): (3, 1), ("title",): (4, 1), ("authors",): (5, 1),
                               ("authors", 0): (5, 11), ("authors", 1): (5, 14), ("authors", 2): (5, 19),
                               ("url",): (6, 1), ("keywords",): (7, 1), ("note",): (8, 1)}


@pytest.mark.parametrize("text", [
    "title: a\tb\n", "title: a\r\n", "title: a\n  b\n", "title:\n", "---\ntitle: a\n", "title: a\n...\n",
    "%YAML 1.1\n---\ntitle: a\n", "title: &x a\n", "title: !!str a\n", "note: *x\n", "title: a \n",
    "title: a # c\n", "title: a\ufeffb\n", "\ufefftitle: a\n", "title: a\nslug: b\ntitle: c\n",
    "date: 2024-02-30\n", "note: |\n  a\n", "note: >\n  a\n", "note: >-\n\n  a\n", "note: >-\n  a\n    b\n",
    "authors: [a, [b]]\n", "authors:\n- a\n", "reader: {body_end: 3}\n", "title: yes\n", "title: 12\n",
    "title: 'a'b'\n", 'title: "a\\tb"\n', "<<<<<<< HEAD\ntitle: a\n", "# only a comment\n", "",
    "title: a\x85b\n", "#\u2028title: a\n", "title: a\x07\n", "Title: a\n", "yes: a\n",
    "a" * 1100 + ": x\n",  # longer than YAML allows a key
])
def test_other_layouts_are_left_to_pyyaml(text):
    assert read_meta_text(text, SHOWN) is None


# --- the problems reported are PyYAML's path's -------------------------------------

def outcome(read) -> object:
    """The record, or the problems reported, of reading a metadata file."""
    try:
        meta = read()
    except EditionError as err:
        return [str(problem) for problem in err.problems]
    return meta, list(meta.positions.where.items())


def through_pyyaml(text: str):
    data, positions = parse_yaml(text, SHOWN)
    return parse_meta(data, positions, SHOWN)


@given(st.one_of(simple_files, st.builds(edited, simple_files, edits), st.builds(edited, st.sampled_from(SEED_TEXTS),
                                                                                  edits)))
@example("slug: a\nsource: a.txt\nkind: html\nlanguage: fr\ntitel: x\ndate: 2024-13-01\n")
@example("<<<<<<< HEAD\nslug: a\n")
@settings(max_examples=600)
def test_a_file_gives_the_record_or_the_problems_that_pyyaml_s_reading_gives(text):
    expected = outcome(lambda: through_pyyaml(text))
    assert outcome(lambda: meta_from_bytes(text.encode("utf-8"), SHOWN)) == expected
