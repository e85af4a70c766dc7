"""sources/<slug>.yml validation: every problem reported with file:line:column."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.errors import EditionError
from edition.metadata import load_meta, parse_meta
from edition.yamlfile import parse_yaml

REPO = Path(__file__).resolve().parent.parent

VALID = """slug: an-article
source: a.txt
kind: web
language: vi
title: Tiêu đề
authors: [Nguyễn Văn A]
date: 2024-05-01
url: https://example.org/a
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(EditionError) as caught:
        data, positions = parse_yaml(text, "sources/x.yml")
        parse_meta(data, positions, "sources/x.yml")
    return [str(p) for p in caught.value.problems]


def test_every_seed_metadata_file_is_valid():
    metas = [load_meta(p, p.name) for p in sorted((REPO / "sources").glob("*.yml"))
             if not p.name.endswith(".lock.yml")]
    assert len(metas) == 5
    assert {m.kind for m in metas} == {"web", "pdf"}
    assert {m.language for m in metas} == {"vi", "en"}


def test_valid_metadata_parses_with_iso_date_as_text():
    data, positions = parse_yaml(VALID, "sources/x.yml")
    meta = parse_meta(data, positions, "sources/x.yml")
    assert meta.date == "2024-05-01"
    assert meta.authors == ("Nguyễn Văn A",)
    assert meta.publication is None  # unknown stays null, never invented


def test_unknown_key_names_line_and_column_and_the_allowed_keys():
    [message] = problems_of(VALID + "titel: typo\n")
    assert message.startswith("sources/x.yml:9:1: unknown key 'titel'")
    assert "use one of: slug, source" in message


def test_wrong_type_names_the_key_and_what_was_expected():
    [message] = problems_of(VALID.replace("authors: [Nguyễn Văn A]", "authors: Nguyễn Văn A"))
    assert message.startswith("sources/x.yml:6:1: authors: expected a list of text, got text")


def test_all_problems_are_reported_at_once():
    text = VALID.replace("kind: web", "kind: html").replace("language: vi", "language: fr")
    messages = problems_of(text)
    assert len(messages) == 2
    assert "kind: expected one of web, pdf, got 'html'" in messages[0]
    assert "language: expected one of vi, en, got 'fr'" in messages[1]


@pytest.mark.parametrize("slug", ["../etc", "a/b", "Has-Capitals", "trailing-", "a--b", "ý-nghĩa"])
def test_slug_must_be_plain_ascii_words(slug):
    [message] = problems_of(VALID.replace("slug: an-article", f"slug: '{slug}'"))
    assert ":1:1: slug: expected a slug" in message


@pytest.mark.parametrize("source", ["../secret.txt", "sub/dir.txt", "/etc/passwd"])
def test_source_must_be_a_file_name_inside_sources(source):
    [message] = problems_of(VALID.replace("source: a.txt", f"source: '{source}'"))
    assert "source: expected a file name inside sources/" in message


@pytest.mark.parametrize("date", ["'01/05/2024'", "'May 2024'", "2024-13", "yesterday"])
def test_date_must_be_iso_or_null(date):
    [message] = problems_of(VALID.replace("date: 2024-05-01", f"date: {date}"))
    assert "date: expected an ISO date" in message


def test_missing_required_key():
    [message] = problems_of(VALID.replace("kind: web\n", ""))
    assert "missing required key 'kind'" in message


def test_empty_string_is_not_unknown():
    [message] = problems_of(VALID + "publication: ''\n")
    assert "write null when unknown" in message


def test_non_http_url_is_refused():
    [message] = problems_of(VALID.replace("https://example.org/a", "javascript:alert(1)"))
    assert "url: expected an http(s) URL" in message


def test_duplicate_keys_are_errors_not_silently_last_wins():
    data_text = VALID + "slug: other\n"
    with pytest.raises(EditionError) as caught:
        parse_yaml(data_text, "sources/x.yml")
    assert "sources/x.yml:9:1: duplicate key 'slug'" in str(caught.value)


def test_reader_overrides_are_validated():
    messages = problems_of(VALID + "reader:\n  body_end: -3\n  bodyend: 4\n  drop: [{line: 2}]\n")
    assert any("reader: body_end: expected a line number" in m for m in messages)
    assert any("reader: unknown key 'bodyend'" in m for m in messages)
    assert any("reader: drop: expected items {line: N, reason: text}" in m for m in messages)


def test_invalid_yaml_reports_line_and_column():
    with pytest.raises(EditionError) as caught:
        parse_yaml("slug: a\ntitle: [unclosed\n", "sources/x.yml")
    assert str(caught.value).startswith("sources/x.yml:3:1: invalid YAML")


def test_impossible_calendar_date_in_yaml_is_an_error_not_a_crash():
    messages = problems_of(VALID.replace("date: 2024-05-01", "date: 2024-02-30"))
    assert any("sources/x.yml:7:7: cannot read value '2024-02-30'" in m for m in messages)
