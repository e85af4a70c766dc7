"""Lock files written and read without PyYAML must say exactly what PyYAML says.

yaml_writer.dump_block_yaml writes the text PyYAML's safe_dump writes for the same
data, and lock_format.read_lock_text reads whatever text it reads as
yaml.safe_load does (or declines, returning None). These tests hold it to that
on adversarial strings: YAML indicators, quotes, values the resolver would turn
into numbers, booleans, nulls or dates, line breaks, control and non-BMP characters.

The reader also calls a text canonical when it is exactly what dump_lock writes for
the lock it holds (a build then skips writing and comparing the lock): every lock
dump_lock writes in its own layout must be called so, and no other text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings, strategies as st

from edition.anchor_lock import HEADER, ArticleLock, dump_lock, load_lock, lock_data, parse_lock_text
from edition.anchor_match import LIVE, MERGED, REMOVED, LockEntry
from edition.errors import EditionError
from edition.anchor_lock import LOCK_WIDTH
from edition.lock_format import Declined, read_lock, read_lock_text, read_scalar
from edition.yaml_writer import block_scalar, dump_block_yaml, write_scalar
from edition.yamlfile import FAST_DUMPER
from line_edits import LINE_EDITS, edit_line

DUMP_OPTIONS = dict(allow_unicode=True, sort_keys=False, width=LOCK_WIDTH, default_flow_style=False)
# Characters that change how YAML writes or reads a scalar, and ordinary text.
TRICKY = list("-?:#,[]{}&*!|>'\"%@`.~=<0123456789 \t\n\r") + [
    "\x85", "\u2028", "\u2029", "\ufeff", "\x00", "\x07", "\x7f", "\x9f", "\xa0", "\U0001f600",
    "ệ", "Đ", "“", "”", "…", "–", "a", "e", "x", "Y", "n", "o", "l", "u", "t", "r", "N", "O",
]
TRICKY_WORDS = ["yes", "no", "on", "off", "true", "False", "null", "Null", "~", "2024-01-02", "1e3",
                "0x1F", "0o17", "1_000", ".5", ".inf", "-.Inf", ".NaN", "<<", "=", "---", "...", "- ", ": ",
                " #", "#", "p-1", "14a", "ĐNA"]
tricky_text = st.lists(st.one_of(st.sampled_from(TRICKY), st.sampled_from(TRICKY_WORDS)),
                       max_size=12).map("".join)
# Text the fast path writes itself (no tabs, line breaks or control characters), indicators included.
PRINTABLE = [c for c in TRICKY if c.isprintable() and c not in "\ufeff\U0001f600"]
printable_text = st.lists(st.one_of(st.sampled_from(PRINTABLE), st.sampled_from(TRICKY_WORDS)),
                          max_size=12).map("".join)
any_text = st.one_of(printable_text, tricky_text)


def pyyaml_text(data) -> set[str]:
    """What PyYAML writes, with libyaml and with the pure-Python emitter."""
    return {yaml.dump(data, Dumper=dumper, **DUMP_OPTIONS) for dumper in {FAST_DUMPER, yaml.SafeDumper}}


@given(tricky_text)
@example("")
@example("'1'")
@example("a: b")
@example("-")
@example("? x")
@example("x #y")
@settings(max_examples=400)
def test_a_scalar_is_written_as_pyyaml_writes_it(value):
    written = block_scalar(value)
    if written is not None:
        assert pyyaml_text({"text": value}) == {f"text: {written}\n"}
        assert yaml.safe_load(f"text: {written}\n") == {"text": value}


entries = st.builds(
    lambda anchor, label, text, retired, at: (
        {"anchor": anchor, "label": label, "status": retired, "at": at, "text": text} if retired
        else {"anchor": anchor, "label": label, "text": text}),
    any_text, any_text, any_text, st.sampled_from([None, MERGED, REMOVED]), st.one_of(st.none(), any_text))
locks = st.fixed_dictionaries({"slugs": st.lists(any_text, max_size=3),
                               "paragraphs": st.lists(entries, max_size=4),
                               "headings": st.lists(entries, max_size=2)})


@given(locks)
@settings(max_examples=300)
def test_a_lock_is_written_as_pyyaml_writes_it_and_read_back(data):
    written = dump_block_yaml(data, width=LOCK_WIDTH)
    assert written == yaml.dump(data, Dumper=FAST_DUMPER, **DUMP_OPTIONS)
    assert read_lock_text(written) in (None, data)


printable_entries = st.builds(
    lambda anchor, label, text, retired, at: (
        {"anchor": anchor, "label": label, "status": retired, "at": at, "text": text} if retired
        else {"anchor": anchor, "label": label, "text": text}),
    printable_text, printable_text, printable_text, st.sampled_from([None, MERGED, REMOVED]),
    st.one_of(st.none(), printable_text))


@given(st.builds(lambda slugs, paragraphs, headings: {"slugs": slugs, "paragraphs": paragraphs,
                                                      "headings": headings},  # the order dump_lock writes
                 st.lists(printable_text, max_size=3), st.lists(printable_entries, max_size=4),
                 st.lists(printable_entries, max_size=2)))
@settings(max_examples=300)
def test_what_pyyaml_writes_of_printable_text_is_read_back_without_it(data):
    assert read_lock_text(dump_block_yaml(data, width=LOCK_WIDTH)) == data


def test_the_seed_locks_take_the_fast_path_both_ways(monkeypatch):
    """The real locks, Vietnamese and English, are read without PyYAML and found canonical;
    the lock writer writes them without the generic writer, which writes them without PyYAML."""
    import edition.anchor_lock
    import edition.yaml_writer

    monkeypatch.setattr(edition.yaml_writer, "dump_yaml", None)  # would fail if called
    monkeypatch.setattr(edition.anchor_lock, "dump_block_yaml", None)
    paths = sorted((Path(__file__).resolve().parent.parent / "sources").glob("*.lock.yml"))
    assert len(paths) >= 5
    for path in paths:
        text = path.read_text(encoding="utf-8")
        data = read_lock_text(text)
        assert data == yaml.safe_load(text), path
        assert dump_block_yaml(data, width=LOCK_WIDTH) == text.split("\n", 1)[1], path
        loaded = parse_lock_text(text, path.name, "sources/" + path.name.replace(".lock.yml", ".txt"))
        assert loaded.canonical and dump_lock(loaded.lock) == text, path


@given(locks, st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 3), tricky_text), max_size=3))
@settings(max_examples=400)
def test_any_text_it_reads_it_reads_as_pyyaml_does(data, edits):
    """Hand edits, damage and other YAML layouts: read as PyYAML reads them, or declined."""
    text = yaml.dump(data, Dumper=yaml.SafeDumper, **DUMP_OPTIONS)
    for at, cut, insert in edits:
        at %= len(text) + 1
        text = text[:at] + insert + text[at + cut:]
    read = read_lock_text(text)
    if read is None:
        return
    assert read == yaml.safe_load(text)


printable_locks = st.builds(lambda slugs, paragraphs, headings: {"slugs": slugs, "paragraphs": paragraphs,
                                                                   "headings": headings},
                            st.lists(printable_text, max_size=3), st.lists(printable_entries, min_size=1, max_size=4),
                            st.lists(printable_entries, max_size=2))
@given(printable_locks, st.lists(st.tuples(st.sampled_from(LINE_EDITS), st.integers(0, 100), tricky_text),
                                 min_size=1, max_size=2))
@example({"slugs": [], "paragraphs": [{"anchor": "", "label": "", "text": ""}], "headings": []},
         [("insert", 0, "#\x85?")])  # a comment whose U+0085 ends it: "?" is a key to PyYAML
@example({"slugs": [], "paragraphs": [{"anchor": "", "label": "", "text": ""}], "headings": []},
         [("insert", 0, "#\u2028x: 1")])
@example({"slugs": [], "paragraphs": [{"anchor": "", "label": "", "text": ""}], "headings": []},
         [("insert", 0, "#\x01")])  # PyYAML refuses a control character, even in a comment
@example({"slugs": [""], "paragraphs": [{"anchor": "", "label": "", "text": ""}], "headings": []},
         [("delete", 1, "")])  # "slugs:" with its only item deleted is null to PyYAML
@settings(max_examples=600)
def test_a_lock_edited_line_by_line_is_read_as_pyyaml_reads_it_or_declined(data, edits):
    """Starts from a lock the fast reader accepts, so the edited texts it still accepts are many
    (duplicated entries, swapped keys, a changed value), not the rare few of random damage."""
    from hypothesis import event

    lines = dump_block_yaml(data, width=LOCK_WIDTH).split("\n")[:-1]
    for edit, at, text in edits:
        lines = edit_line(lines, edit, at, text)
    text = "\n".join(lines) + "\n"
    read = read_lock_text(text)
    event("accepted" if read is not None else "declined")
    if read is None:
        return
    try:
        expected = yaml.safe_load(text)
    except yaml.YAMLError:
        raise AssertionError(f"read a text PyYAML refuses: {text!r}")
    assert read == expected


@pytest.mark.parametrize("text", [
    "slugs: [a]\nparagraphs: []\nheadings: []\n",
    "slugs: []\n- a\nparagraphs: []\nheadings: []\n",
    "slugs:\n- a: b\nparagraphs: []\nheadings: []\n",
    "slugs:\n- a\n  b\nparagraphs: []\nheadings: []\n",
    "slugs: []\nparagraphs:\n- anchor: p-1\n  text: a\n  text: b\nheadings: []\n",
    "slugs: []\nparagraphs:\n- anchor: p-1\n  text: 'it''s\n  more'\nheadings: []\n",
    "slugs: []\nparagraphs:\n- anchor: p-1\n  text: a # note\nheadings: []\n",
    "headings: []\nslugs: []\nparagraphs: []\n",
])
def test_other_layouts_are_left_to_pyyaml(text):
    assert read_lock_text(text) is None


def test_load_lock_reads_pyyaml_layouts_the_fast_reader_declines(tmp_path):
    """An editor may re-indent a lock or write flow style: it still loads, through PyYAML."""
    lock = ArticleLock("sources/a.txt", ["old", "new"],
                       [LockEntry("p-1", "1", "Tiếng Việt: “có dấu”"), LockEntry("p-2", "2", "x", MERGED, "p-1")],
                       [LockEntry("h", "", "Mở đầu")])
    canonical = dump_lock(lock)
    path = tmp_path / "a.lock.yml"
    path.write_text(canonical, encoding="utf-8")
    assert load_lock(path, "sources/a.lock.yml", "sources/a.txt") == lock
    reindented = yaml.dump(yaml.safe_load(canonical), allow_unicode=True, indent=4, default_flow_style=True)
    assert read_lock_text(reindented) is None
    path.write_text(reindented, encoding="utf-8")
    assert load_lock(path, "sources/a.lock.yml", "sources/a.txt") == lock


def test_a_broken_entry_in_the_usual_layout_is_reported_at_its_line(tmp_path):
    """The fast reader has no line numbers: a problem sends the text to PyYAML for them."""
    path = tmp_path / "a.lock.yml"
    path.write_text("# lock\nslugs:\n- a\nparagraphs:\n- anchor: p-1\n  label: '1'\n  text: ok\n"
                    "- anchor: p-2\n  text: no label\nheadings: []\n", encoding="utf-8")
    assert read_lock_text(path.read_text(encoding="utf-8")) is not None
    try:
        load_lock(path, "sources/a.lock.yml", "sources/a.txt")
    except EditionError as err:
        assert [(p.path, p.line) for p in err.problems] == [("sources/a.lock.yml", 8)]
    else:
        raise AssertionError("a lock entry without a label was accepted")


# --- canonical texts: exactly what dump_lock writes -----------------------------------------

SOURCES = ["sources/a.txt", "sources/003_bài-viết.txt", "sources/x: y #1.txt"]


def lock_entries(text):
    """Entries as the anchor pass makes them: a live one has no ``at``; a retired one may have none."""
    return st.builds(lambda anchor, label, body, status, at: LockEntry(anchor, label, body, status,
                                                                       at if status != LIVE else None),
                     text, text, text, st.sampled_from([LIVE, LIVE, MERGED, REMOVED]), st.one_of(st.none(), text))


def article_locks(text):
    return st.builds(ArticleLock, st.sampled_from(SOURCES), st.lists(text, max_size=3),
                     st.lists(lock_entries(text), max_size=4, unique_by=lambda e: e.anchor),
                     st.lists(lock_entries(text), max_size=2, unique_by=lambda e: e.anchor))


def loaded(text: str, source: str):
    """parse_lock_text's reading of ``text``; None if it is not a valid lock."""
    try:
        return parse_lock_text(text, "sources/a.lock.yml", source)
    except EditionError:
        return None


@given(article_locks(printable_text))
@example(ArticleLock("sources/a.txt"))  # every list empty: "key: []"
@example(ArticleLock("sources/a.txt", ["yes", "null"], [LockEntry("12", "1", "~"), LockEntry(
    "p-2", "2a", "it's: “Tiếng Việt”", MERGED, None)], [LockEntry("h", "", "", REMOVED, "12")]))
@settings(max_examples=400)
def test_every_lock_dump_lock_writes_itself_is_canonical(lock):
    """Retired entries, empty lists, quotes, resolver words (yes, null, 12), Vietnamese: the
    lock reads back as itself and the text is called canonical, so a build skips rewriting it."""
    text = dump_lock(lock)
    reading = loaded(text, lock.source)
    assert reading is not None and reading.lock == lock
    assert reading.canonical, text


@given(article_locks(any_text))
@settings(max_examples=300)
def test_a_lock_with_any_text_is_canonical_only_if_dump_lock_writes_it(lock):
    """Tabs, line breaks, control characters: dump_lock leaves those to PyYAML, whose
    layout the reader declines; whatever it calls canonical must round-trip."""
    text = dump_lock(lock)
    reading = loaded(text, lock.source)
    if reading is not None and reading.canonical:
        assert reading.lock == lock and dump_lock(reading.lock) == text


def requote(line: str) -> str:
    """The value of ``line`` (a key's or a list item's) single-quoted, as YAML allows for
    any string, even one the writer leaves plain."""
    head, sep, value = line.partition(": ") if ": " in line else line.partition("- ")
    if not sep or value.startswith("'") or value == "null":
        return line
    return head + sep + "'" + value.replace("'", "''") + "'"


HAND_EDITS = LINE_EDITS + ("comment", "blank", "requote", "header")


def hand_edit(lines: list[str], edit: str, at: int, text: str) -> list[str]:
    """``edit_line``'s edits, and those that keep the lock's meaning but not the writer's layout."""
    if edit == "comment":
        at %= len(lines) + 1
        return lines[:at] + ["#" + text] + lines[at:]
    if edit == "blank":
        at %= len(lines) + 1
        return lines[:at] + [""] + lines[at:]
    if edit == "requote":
        at %= len(lines)
        return lines[:at] + [requote(lines[at])] + lines[at + 1:]
    if edit == "header":
        return ["# " + text] + lines[1:]
    return edit_line(lines, edit, at, text)


@given(article_locks(printable_text), st.lists(st.tuples(st.sampled_from(HAND_EDITS), st.integers(0, 100),
                                                          printable_text), min_size=1, max_size=2))
@example(ArticleLock("sources/a.txt", ["bai"], [LockEntry("p-1", "1", "x")]), [("comment", 3, "")])
@example(ArticleLock("sources/a.txt", ["bai"], [LockEntry("p-1", "1", "x")]), [("blank", 9, "")])
@example(ArticleLock("sources/a.txt", ["bai"], [LockEntry("p-1", "1", "x")]), [("requote", 5, "")])
@example(ArticleLock("sources/a.txt", ["bai"], [LockEntry("p-1", "1", "x")]), [("requote", 2, "")])
@example(ArticleLock("sources/a.txt", ["bai"], [LockEntry("p-1", "1", "x")]), [("header", 0, "")])
@example(ArticleLock("sources/a.txt", ["bai"], [LockEntry("p-1", "1", "x"), LockEntry("p-2", "2", "y", MERGED,
                                                                                      "p-1")]),
         [("swap", 7, "")])  # status after at
@example(ArticleLock("sources/a.txt", ["bai"], [LockEntry("p-1", "1", "x")]), [("value", 4, "null")])
@settings(max_examples=800)
def test_a_lock_edited_by_hand_is_canonical_only_if_dump_lock_writes_it(lock, edits):
    """Swapped, duplicated or re-indented lines, a comment, a blank line, a value quoted where
    the writer leaves it plain, another header: read as before, but called canonical only
    when dump_lock would write that very text (so a build that keeps the lock rewrites it)."""
    from hypothesis import event

    lines = dump_lock(lock).split("\n")[:-1]
    for edit, at, text in edits:
        lines = hand_edit(lines, edit, at, text)
    text = "\n".join(lines) + "\n"
    reading = loaded(text, lock.source)
    event("not a lock" if reading is None else "canonical" if reading.canonical else "read, not canonical")
    if reading is not None and reading.canonical:
        assert dump_lock(reading.lock) == text


CANONICAL = HEADER.format(source="sources/a.txt") + """slugs:
- bai
paragraphs:
- anchor: p-1
  label: '1'
  text: Một đoạn mở đầu.
- anchor: p-2
  label: '2'
  status: merged
  at: p-1
  text: 'Đoạn hai: “có dấu”'
headings: []
"""
HAND_EDITED = {
    "another source in the header": CANONICAL.replace("sources/a.txt", "sources/b.txt", 1),
    "no header": CANONICAL.split("\n", 1)[1],
    "a second comment": CANONICAL.replace("paragraphs:\n", "# checked by hand\nparagraphs:\n"),
    "a comment at the end": CANONICAL + "# end\n",
    "a blank line": CANONICAL.replace("headings:", "\nheadings:"),
    "a plain text quoted": CANONICAL.replace("text: Một đoạn mở đầu.", "text: 'Một đoạn mở đầu.'"),
    "a slug quoted": CANONICAL.replace("- bai\n", "- 'bai'\n"),
    "a plain anchor quoted": CANONICAL.replace("anchor: p-1", "anchor: 'p-1'"),
    "text before label": CANONICAL.replace("  label: '1'\n  text: Một đoạn mở đầu.\n",
                                           "  text: Một đoạn mở đầu.\n  label: '1'\n"),
    "at before status": CANONICAL.replace("  status: merged\n  at: p-1\n", "  at: p-1\n  status: merged\n"),
    "a live status written out": CANONICAL.replace("  label: '1'\n", "  label: '1'\n  status: live\n  at: null\n"),
    "at without a status": CANONICAL.replace("  label: '1'\n", "  label: '1'\n  at: p-2\n"),
    "a null label": CANONICAL.replace("label: '1'", "label: null"),
    "a null slug": CANONICAL.replace("- bai\n", "- null\n"),
    # Not locks any more (parse_lock refuses them), but YAML the fast reader reads:
    "an entry without its anchor": CANONICAL.replace("- anchor: p-1\n  label: '1'\n", "- label: '1'\n"),
    "a slug among the paragraphs": CANONICAL.replace("paragraphs:\n", "paragraphs:\n- bai\n"),
    "an entry among the slugs": CANONICAL.replace("- bai\n", "- anchor: p-9\n  label: '9'\n  text: x\n"),
}


@pytest.mark.parametrize("edit", sorted(HAND_EDITED))
def test_hand_edits_are_not_canonical(edit):
    """Each still reads as PyYAML reads it (most of them without PyYAML), but dump_lock writes
    something else: the build must rewrite the file, as it always did."""
    reading = loaded(CANONICAL, "sources/a.txt")
    assert reading.canonical and dump_lock(reading.lock) == CANONICAL
    text = HAND_EDITED[edit]
    edited = loaded(text, "sources/a.txt")
    if edited is not None:
        assert not edited.canonical
        assert dump_lock(edited.lock) != text
    fast = read_lock(text, HEADER.format(source="sources/a.txt"))
    assert fast is None or (fast.data == yaml.safe_load(text) and not fast.canonical)


def test_a_line_longer_than_the_width_is_not_canonical():
    """PyYAML folds a plain scalar at a space past LOCK_WIDTH, so dump_lock does not write such a
    line, though the reader reads it."""
    long = " ".join(["từ"] * (LOCK_WIDTH // 3 + 1))
    text = CANONICAL.replace("text: Một đoạn mở đầu.", f"text: {long}")
    reading = loaded(text, "sources/a.txt")
    assert reading.lock.paragraphs[0].text == long
    assert not reading.canonical and dump_lock(reading.lock) != text


# --- the lock layout's own writer ---------------------------------------------------------------


def generic_dump(lock: ArticleLock) -> str:
    """dump_lock as it was before write_lock_body: the header, then dump_block_yaml."""
    return HEADER.format(source=lock.source) + dump_block_yaml(lock_data(lock), width=LOCK_WIDTH)


odd_at = st.sampled_from([12, 0, True, False, 1.5, ["p-1"], {"a": 1}, "", "null"])


@given(article_locks(any_text), st.lists(odd_at, max_size=2))
@example(ArticleLock("sources/a.txt", ["x\ny"]), [])  # a line break: PyYAML's layout
@example(ArticleLock("sources/a.txt", [], [LockEntry("p-1", "1", "a\tb")]), [])
@example(ArticleLock("sources/a.txt", [], [LockEntry("p-1", "1", "Một đoạn văn dài hơn hai mươi tư ký tự\nvà dòng hai")]),
         [])  # a line break in a text long enough to skip block_scalar
@settings(max_examples=500)
def test_dump_lock_writes_what_dump_block_yaml_writes(lock, ats):
    """Tabs, line breaks, control characters, resolver words, quotes; and ``at`` values a lock
    read by PyYAML may hold (numbers, booleans, lists): the same text, byte for byte."""
    retired = [LockEntry(f"r-{n}", "", "x", MERGED, at) for n, at in enumerate(ats)]
    lock = ArticleLock(lock.source, lock.slugs, lock.paragraphs + retired, lock.headings)
    assert dump_lock(lock) == generic_dump(lock)


def test_dump_lock_leaves_a_line_past_the_width_to_pyyaml():
    long = " ".join(["từ"] * (LOCK_WIDTH // 3 + 1))
    lock = ArticleLock("sources/a.txt", ["bai"], [LockEntry("p-1", "1", long)])
    assert dump_lock(lock) == generic_dump(lock)
    assert long not in dump_lock(lock)  # PyYAML folds it


# --- the reader's shortcuts ---------------------------------------------------------------------


@given(st.one_of(printable_text.map(lambda s: "'" + s.replace("'", "''") + "'"), printable_text,
                 printable_text.map(lambda s: "'" + s + "'")))
@example("''")
@example("'it''s'")
@example("'a: b'")
@example("'plain'")
@example("'yes'")
@example("'''x'")
@settings(max_examples=500)
def test_read_scalar_says_written_exactly_when_write_scalar_writes_the_value_so(raw):
    """read_scalar tells whether a printable scalar is as the writer writes its value without
    writing it again: that must be write_scalar(value) == raw, quoted or plain."""
    try:
        value, as_written = read_scalar(raw)
    except Declined:
        return
    assert yaml.safe_load(f"text: {raw}\n") == {"text": value}
    assert as_written == (value is None and raw == "null" or write_scalar(value) == raw)


@given(st.one_of(st.binary(max_size=40), st.lists(st.sampled_from(["\r", "\n", "\r\n", "a", "ệ", "\ufeff", "\x85",
                                                                     "\u2028"]), max_size=12)
                 .map(lambda parts: "".join(parts).encode("utf-8"))))
@example(b"a\r\r\nb\r")
@example(b"\xe1\x80")
@settings(max_examples=300)
def test_a_lock_file_is_read_as_read_text_reads_it(tmp_path_factory, data):
    """anchor_lock.read_text decodes the bytes itself: same text (line ends turned into "\\n"),
    same error, as Path.read_text."""
    from edition.anchor_lock import read_text

    path = tmp_path_factory.mktemp("lock") / "a.lock.yml"
    path.write_bytes(data)

    def outcome(read):
        try:
            return read(path)
        except UnicodeDecodeError as err:
            return repr(err)

    assert outcome(read_text) == outcome(lambda p: p.read_text(encoding="utf-8"))


# Lines: 0 header, 1 slugs:, 2 its slug, 3 paragraphs:, 4 anchor, 5 label, 6 status, 7 at, 8 text.
ARTICLE_LOCK = ArticleLock("sources/a.txt", ["bai"], [LockEntry("p-1", "1", "x", MERGED, "p-2")])


def general_reading(text: str, header: str):
    """lock_format._read's reading of ``text`` (data and whether canonical); None if declined."""
    from edition.lock_format import _read

    try:
        return _read(text.split("\n")[:-1], header)
    except Declined:
        return None


@given(article_locks(printable_text), st.lists(st.tuples(st.sampled_from(HAND_EDITS), st.integers(0, 100),
                                                          printable_text), max_size=2))
@example(ArticleLock("sources/a.txt", ["anchor: p"], [LockEntry("p-1", "1", "x")]), [])
@example(ARTICLE_LOCK, [("value", 6, "live")])  # the status of a live entry written out
@example(ARTICLE_LOCK, [("value", 7, "~")])  # another null
@example(ARTICLE_LOCK, [("value", 5, "null")])  # a null label
@example(ARTICLE_LOCK, [("value", 5, "")])
@example(ARTICLE_LOCK, [("value", 8, "a text long enough to skip: the cache")])  # not plain
@example(ARTICLE_LOCK, [("value", 2, "a: b")])  # an entry among the slugs
@settings(max_examples=800)
def test_the_written_layout_is_read_as_the_general_reader_reads_it(lock, edits):
    """_read_written, the shortcut for a lock as the build wrote it, reads what _read reads
    and calls canonical, or leaves the text to _read; it takes every lock dump_lock writes."""
    from hypothesis import event
    from edition.lock_format import PRINTABLE_LINES, _read_written

    lines = dump_lock(lock).split("\n")[:-1]
    for edit, at, text in edits:
        lines = hand_edit(lines, edit, at, text)
    text = "\n".join(lines) + "\n"
    if not PRINTABLE_LINES.match(text):
        return
    for header in HEADER.format(source=lock.source), "", "#\n", "# two lines\n#\n":
        fast = _read_written(text, header)
        event("shortcut" if fast is not None else "general reader")
        general = general_reading(text, header)
        if fast is not None:
            assert general == (fast, True)
        elif general is not None:
            assert not (general[1] and not edits)  # dump_lock's texts are not left to _read


def test_a_header_of_two_lines_is_never_canonical():
    """_read compares the first line with the header: a header with a line break in it (a
    source named so) never matches, and the shortcut must not take it either."""
    body = dump_lock(ARTICLE_LOCK).split("\n", 1)[1]
    reading = read_lock("#a\n#b\n" + body, "#a\n#b\n")
    assert reading is not None and not reading.canonical
    assert reading.data == yaml.safe_load(body)
