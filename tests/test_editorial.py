"""Editorial notes and corrections: kept in the .yml, keyed to anchors, marked as the editor's."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import make_edition, meta_yaml, run_build

TEXT = ("Tiêu đề bài thử về ghi chú biên tập\n"
        "Đoạn một nói về hợp tác quốc phòng giữa hai nước láng giềng trong nhiều năm.\n"
        "Đoạn hai có lỗi chính tả trong nguyên văn: quốc phònng và biên giới.\n"
        "Đoạn ba nói về giáo dục, y tế và hạ tầng ở khu vực biên giới.\n")
EDITORIAL = """editorial:
  - at: p-2
    sic: quốc phònng
  - at: p-3
    note: Số liệu này chưa được kiểm chứng.
    phrase: giáo dục, y tế
  - at: p-1
    supply: năm 2022
    after: nhiều năm
"""


def edition(root: Path, editorial: str = EDITORIAL, text: str = TEXT) -> Path:
    return make_edition(root, {"a.txt": text}, {"bai": meta_yaml("bai", "a.txt") + editorial})


def page(root: Path) -> str:
    return (root / "docs" / "articles" / "bai.md").read_text(encoding="utf-8")


def test_notes_and_corrections_render_as_the_editors_not_the_authors(tmp_path):
    root = edition(tmp_path / "ed")
    result = run_build("--root", str(root))
    assert result.returncode == 0, result.stderr
    html = (root / "site" / "articles" / "bai" / "index.html").read_text(encoding="utf-8")
    assert 'quốc phònng <span class="edition-editorial edition-sic"' in html
    assert '<span class="edition-editorial edition-supplied" title="chữ do biên tập viên thêm">[năm 2022]</span>' in html
    assert '<mark class="edition-noted">giáo dục, y tế</mark>' in html
    assert '<aside class="edition-editor-note" id="ed-1" role="note">' in html
    assert "Số liệu này chưa được kiểm chứng." in html
    assert 'class="footnote"' not in html  # not mixed with the author's footnotes
    listing = (root / "site" / "editorial-notes" / "index.html").read_text(encoding="utf-8")
    assert listing.count("<tr>") == 4  # header + 3 interventions


def test_a_note_follows_its_paragraph_when_the_source_changes(tmp_path):
    root = edition(tmp_path / "ed")
    assert run_build("--root", str(root), "--docs-only").returncode == 0
    lines = TEXT.split("\n")
    lines.insert(1, "Một đoạn mới hoàn toàn được thêm vào đầu bài, trước mọi đoạn khác.")
    (root / "sources" / "a.txt").write_text("\n".join(lines), encoding="utf-8")
    assert run_build("--root", str(root), "--docs-only").returncode == 0
    text = page(root)
    note_at = text.index('id="ed-1"')
    assert 'href="#p-3"' in text[note_at:note_at + 400]  # still about the paragraph on education
    assert text.index("giáo dục, y tế") < note_at


def test_the_lock_keeps_the_authors_text_not_the_editors_marks(tmp_path):
    root = edition(tmp_path / "ed")
    assert run_build("--root", str(root), "--docs-only").returncode == 0
    lock = (root / "sources" / "a.lock.yml").read_text(encoding="utf-8")
    assert "[năm 2022]" not in lock and "năm 2022" not in lock and "quốc phònng và biên giới" in lock
    assert run_build("check", "--root", str(root), "--docs-only").returncode == 0


def test_unknown_anchor_and_missing_phrase_are_clear_errors(tmp_path):
    bad = "editorial:\n  - at: p-9\n    note: x\n  - at: p-2\n    sic: không có\n"
    root = edition(tmp_path / "ed", bad)
    result = run_build("--root", str(root), "--docs-only")
    assert result.returncode == 2
    assert "sources/bai.yml:6: editorial: no paragraph has the anchor 'p-9'" in result.stderr
    assert "sources/bai.yml:8: editorial: 'không có' is not in paragraph p-2" in result.stderr
    assert "Traceback" not in result.stderr


def test_malformed_item_is_a_schema_error(tmp_path):
    root = edition(tmp_path / "ed", "editorial:\n  - at: p-1\n    sic: ''\n  - {at: p-1, note: a, extra: b}\n")
    result = run_build("--root", str(root), "--docs-only")
    assert result.returncode == 2
    assert result.stderr.count("editorial: expected {at: p-N, note: text") == 2


@pytest.mark.browser
def test_editorial_marks_are_visible_and_distinct_in_the_browser(page, site_url):
    """On the seed article with a [sic] and an editor's note (sources/doi-ngoai-….yml)."""
    page.goto(site_url + "articles/doi-ngoai-quoc-phong-giao-luu-bien-gioi-viet-nam-campuchia/")
    note = page.locator("aside.edition-editor-note")
    assert note.count() == 1 and note.is_visible()
    assert note.get_attribute("role") == "note" and "Ghi chú của biên tập viên 1" in note.inner_text()
    sic = page.locator(".edition-sic")
    assert sic.is_visible() and sic.inner_text() == "[sic]"
    author_color = page.locator("article p").nth(3).evaluate("e => getComputedStyle(e).color")
    assert sic.evaluate("e => getComputedStyle(e).color") != author_color  # the editor's, not the author's
    page.locator("aside.edition-editor-note a").click()
    assert page.url.endswith("#p-17")
    assert page.console_errors == []
