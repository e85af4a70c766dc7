"""How pages are prepared for the Pagefind index (no browser): language, anchors, folded words."""

from __future__ import annotations

from pathlib import Path

from edition.search_index import (FOLD_CLOSE, FOLD_OPEN, folded_words, indexable_pages, page_url,
                                  prepare_page)

PAGE = """<!doctype html><html lang="vi" class="no-js"><head><title>t</title></head><body>
<article class="md-content__inner md-typeset">{body}</article></body></html>"""


def page(body: str) -> str:
    return PAGE.format(body=body)


def folded_part(prepared: str) -> str:
    start = prepared.index(FOLD_OPEN) + 1
    return prepared[start:prepared.index(FOLD_CLOSE)]


def test_english_article_is_indexed_as_english():
    prepared = prepare_page(page('<div lang="en"><p id="p-1">Defence ties</p></div>'))
    assert '<html lang="en"' in prepared


def test_vietnamese_article_keeps_the_site_language():
    prepared = prepare_page(page('<p id="p-1">Quan hệ quốc phòng</p>'))
    assert '<html lang="vi"' in prepared


def test_anchored_paragraph_gets_a_subresult_heading_with_its_id():
    prepared = prepare_page(page('<p class="lede" data-label="3" id="p-3">Quan hệ</p>'))
    assert '<h6 id="p-3">¶</h6><p class="lede" data-label="3">Quan hệ</p>' in prepared
    assert prepared.count('id="p-3"') == 1


def test_footnote_item_gets_its_heading_inside_the_list_item():
    prepared = prepare_page(page('<ol><li id="fn:1"><p>Nguồn.</p></li></ol>'))
    assert '<li><h6 id="fn:1">¶</h6><p>Nguồn.</p></li>' in prepared


def test_words_with_d_stroke_get_one_folded_copy_each():
    prepared = prepare_page(page('<p id="p-1">Chính sách đối ngoại của Đảng, đối nội</p>'))
    assert folded_part(prepared) == "dối Dảng"
    assert "Chính sách đối ngoại của Đảng, đối nội" in prepared


def test_abbreviation_and_its_title_are_folded():
    fragment = ('Điều chỉnh <abbr title="chính sách đối ngoại" data-pagefind-index-attrs="title">'
                'CSĐN</abbr> của Lào')
    assert folded_words(fragment) == ["Diều", "CSDN", "dối"]


def test_title_of_an_abbreviation_that_pagefind_does_not_index_is_not_folded():
    assert folded_words('<abbr title="chính sách đối ngoại">CSĐN</abbr>') == ["CSDN"]


def test_symbol_ending_abbreviation_keeps_its_symbol():
    assert folded_words("Hội nghị ĐNA+ và CSĐN") == ["DNA+", "CSDN"]


def test_paragraph_without_d_stroke_is_left_alone():
    body = '<p>Quan hệ quốc phòng Việt Nam</p>'
    assert prepare_page(page(body)).count(FOLD_OPEN) == 0


def test_folded_copy_of_hostile_text_stays_escaped():
    prepared = prepare_page(page('<p id="p-1">&lt;script&gt;đ&lt;/script&gt; &amp;đ</p>'))
    assert "<script>" not in prepared
    assert folded_part(prepared) == "d"


def test_heading_folded_copy_goes_after_the_heading_so_titles_stay_clean():
    prepared = prepare_page(page('<h2 id="dong-nam-a">Đông Nam Á</h2>'))
    assert f'<h2 id="dong-nam-a">Đông Nam Á</h2> <span>{FOLD_OPEN}Dông{FOLD_CLOSE}</span>' in prepared


def test_reports_assets_and_404_are_not_indexed(tmp_path: Path):
    for name in ("index.html", "404.html", "articles/a/index.html", "reports/a/index.html",
                 "pagefind/x.html", "about/index.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<html></html>", encoding="utf-8")
    found = [page_url(tmp_path, p) for p in indexable_pages(tmp_path)]
    assert found == ["/about/", "/articles/a/", "/"]
