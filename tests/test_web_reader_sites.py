"""The web reader on imitations of other sites' saved pages (tests/fixtures/web/*.txt).

Each ``<name>.txt`` has a ``<name>.yml`` with the expectations: headline, byline,
lede, paragraph count, first and last paragraph, subheadings, captions, and lines
that must be dropped. The rules were not tuned to any one of these texts.
"""

from __future__ import annotations

import pytest
import yaml

from web_helpers import (FIXTURES, assert_every_line_accounted_for, captions, headings, paragraphs,
                         raw_text, read_text)

CASES = sorted(p.stem for p in FIXTURES.glob("*.txt"))


def load_case(name: str) -> tuple[str, dict]:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    expected = yaml.safe_load((FIXTURES / f"{name}.yml").read_text(encoding="utf-8"))
    return text, expected


@pytest.fixture(scope="module", params=CASES)
def case(request):
    text, expected = load_case(request.param)
    article = read_text(text, expected["language"], expected.get("title"))
    return text, expected, article


def test_there_are_at_least_six_site_imitations():
    assert len(CASES) >= 6


def test_site_headline_byline_lede(case):
    _, expected, article = case
    assert article.headline is not None and article.headline.text == expected["headline"]
    assert (article.byline.text if article.byline else None) == expected["byline"]
    assert (article.lede.text if article.lede else None) == expected["lede"]


def test_site_paragraphs(case):
    _, expected, article = case
    body = paragraphs(article)
    assert len(body) == expected["paragraphs"]
    assert body[0] == expected["first"]
    assert body[-1] == expected["last"]


def test_site_headings_and_captions(case):
    _, expected, article = case
    assert headings(article) == expected["headings"]
    assert captions(article) == expected["captions"]


def test_site_boilerplate_dropped(case):
    _, expected, article = case
    dropped = {d.text.strip() for d in article.drops}
    kept = {b.text for b in article.all_blocks()}
    for line in expected["dropped"]:
        assert line in dropped, f"not dropped: {line!r}"
        assert line not in kept


def test_site_every_line_accounted_for(case):
    text, _, article = case
    assert_every_line_accounted_for(article, raw_text(text).lines)


@pytest.mark.parametrize("name", CASES)
def test_site_headline_found_without_a_recorded_title(name):
    text, expected = load_case(name)
    article = read_text(text, expected["language"], title=None)
    assert article.headline is not None and article.headline.text == expected["headline"]
