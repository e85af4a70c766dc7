"""dump_block_yaml writes exactly what dump_yaml writes for the front matter of every page."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from edition.writer import FRONT_MATTER_WIDTH
from edition.yaml_writer import dump_block_yaml
from edition.yamlfile import dump_yaml


def reference(data: dict) -> str:
    return dump_yaml(data, allow_unicode=True, sort_keys=False, width=FRONT_MATTER_WIDTH)


def dump_front_matter(data: dict) -> str:
    return dump_block_yaml(data, width=FRONT_MATTER_WIDTH)


TRICKY = ["'", '"', ":", ": ", " :", "#", " #", "# ", "-", "- ", "--", "---", "...", ".", "?", "? ", "&", "*", "!",
          "|", ">", "%", "@", "`", ",", "[", "]", "{", "}", "<<", "=", "~", " ", "  ", "\t", "\n", "\r", "\x85",
          "\u2028", "\u2029", "\ufeff", "\xa0", "\x00", "\x7f", "\ud7ff", "\ue000", "\ufffd", "\ufffe", "\U0001f600",
          "\U00020000", "yes", "no", "No", "NO", "y", "n", "on", "Off", "true", "False", "null", "Null", "~", "0",
          "12", "-3", "+4", "1.5", "1e3", ".inf", "-.Inf", ".nan", "0x1F", "0o17", "0b101", "1_000", "12:30:00",
          "2024-02-30", "2020-01-05", "2001-12-14t21:59:43.10-05:00", "a", "Đ", "ế", "“", "”", "’", "…", "https://x.y/z?a=1#f"]
ADVERSARIAL = st.lists(st.sampled_from(TRICKY), max_size=6).map("".join)
STRINGS = st.one_of(ADVERSARIAL, st.text(max_size=40), st.sampled_from(TRICKY),
                    st.text(alphabet="aĐ ế:'#", min_size=900, max_size=1100))  # near the fold width
SCALARS = st.one_of(STRINGS, st.none(), st.booleans(), st.integers(-10**6, 10**20))
KEYS = st.one_of(st.sampled_from(["title", "lang", "@context", "@type", "date-parts", "URL", "yes", "null", "1"]),
                 ADVERSARIAL)


def nested(children):
    return st.one_of(st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=4))


VALUES = st.recursive(SCALARS, nested, max_leaves=12)


@settings(max_examples=600, deadline=None)
@given(st.dictionaries(KEYS, VALUES, min_size=1, max_size=6))
def test_same_text_as_dump_yaml(data):
    assert dump_front_matter(data) == reference(data)


@settings(max_examples=400, deadline=None)
@given(title=STRINGS, authors=st.lists(STRINGS, max_size=3), date=st.one_of(st.none(), STRINGS),
       parts=st.lists(st.integers(0, 3000), min_size=1, max_size=3))
def test_same_text_for_an_article_s_front_matter(title, authors, date, parts):
    data = {"title": title, "lang": "vi", "authors": authors, "date": date, "url": None,
            "csl": {"id": "slug", "title": title, "author": [{"literal": a} for a in authors],
                    "issued": {"date-parts": [parts]}},
            "jsonld": {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                       "author": [{"@type": "Person", "name": a} for a in authors]},
            "search": {"exclude": True}}
    assert dump_front_matter(data) == reference(data)


@settings(max_examples=1500, deadline=None)
@given(STRINGS)
def test_same_text_for_each_string_as_value_key_and_item(text):
    """One string per document, so that most examples take the fast path (a document with
    any unproven value is all left to dump_yaml)."""
    for data in ({"k": text}, {"m": {"k": text}}, {"l": [text]}, {"l": [{"k": text}]}, {text: 1}):
        assert dump_front_matter(data) == reference(data)


def test_a_list_met_twice_is_left_to_pyyaml():
    shared = ["a"]
    data = {"x": shared, "y": shared}
    assert "&id001" in reference(data)
    assert dump_front_matter(data) == reference(data)


def test_usual_values_are_written_here_not_by_pyyaml(monkeypatch):
    import edition.yaml_writer as module

    monkeypatch.setattr(module, "dump_yaml", None)  # would fail if called
    assert dump_front_matter({"title": "Báo cáo: “x” #1", "n": None, "l": [], "d": {"a": [[2020, 1]]}}) == (
        "title: 'Báo cáo: “x” #1'\nn: null\nl: []\nd:\n  a:\n  - - 2020\n    - 1\n")
