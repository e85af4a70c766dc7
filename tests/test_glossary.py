"""glossary.yml, the term matcher, the glossary page and the coverage check."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import REPO, make_edition, meta_yaml, run_build
from edition.errors import EditionError
from edition.glossary import load_glossary, parse_glossary, term_anchor, vietnamese_sort_key
from edition.glossary_coverage import inline_definition
from edition.metadata import ArticleMeta
from edition.model import (Article, Citation, Footnote, LineSpan, Link, NoteRef, Paragraph, SourceFile,
                           Term, Text)
from edition.transforms import BuildContext
from edition.transforms.glossary import link_text, run as link_glossary
from edition.writer import render_article
from edition.yamlfile import parse_yaml

GLOSSARY = load_glossary(REPO / "glossary.yml")
ARTICLES = sorted(p for p in (REPO / "sources").glob("*.yml") if not p.name.endswith(".lock.yml"))


def glossary_of(text: str):
    return parse_glossary(*parse_yaml(text, "glossary.yml"))


def terms_in(inlines) -> list[str]:
    return [i.text for i in inlines if isinstance(i, Term)]


# --- glossary.yml --------------------------------------------------------------------


def test_repository_glossary_covers_the_required_terms():
    required = ("CSĐN QHQT ĐNA BRI GSI FOIP IP LHQ NDCM CHDCND CHXHCN ADMM ADMM+ AIPA EAS ARF ODA WTO EU "
                "NATO ASEAN TTXVN CHQS VGP QDND").split() + ["CA - TBD"]
    missing = [t for t in required if t not in GLOSSARY.by_form]
    assert missing == []
    assert GLOSSARY.by_form["CA-TBD"].term == "CA - TBD"


def test_unknown_key_empty_and_duplicate_terms_are_reported_with_positions():
    text = ("terms:\n"
            "  - term: ABC\n    expansion: một\n    meaning: x\n"
            "  - term: ''\n    expansion: hai\n"
            "  - term: ABC\n    expansion: ba\n")
    with pytest.raises(EditionError) as caught:
        glossary_of(text)
    messages = [str(p) for p in caught.value.problems]
    assert any(m.startswith("glossary.yml:4:5: unknown key 'meaning'") for m in messages)
    assert any(m.startswith("glossary.yml:5:5: a glossary entry has an empty or no 'term'") for m in messages)
    assert any("glossary.yml:7: term 'ABC' is already defined at line 2" in m for m in messages)


def test_invalid_yaml_in_glossary_names_line_and_column():
    with pytest.raises(EditionError) as caught:
        glossary_of("terms:\n  - term: [ABC\n")
    assert str(caught.value).startswith("glossary.yml:3:1: invalid YAML")


def test_see_also_must_name_an_entry():
    with pytest.raises(EditionError, match="see_also: 'XYZ' has no entry"):
        glossary_of("terms:\n  - term: ABC\n    expansion: một\n    see_also: [XYZ]\n")


def test_vietnamese_order_puts_d_stroke_after_d_and_breve_and_circumflex_after_a():
    words = ["Đông", "Dân", "Âu", "Ăn", "An", "Ơn", "Ôn", "On", "Ưu", "Uy", "Em", "Êm"]
    assert sorted(words, key=vietnamese_sort_key) == ["An", "Ăn", "Âu", "Dân", "Đông", "Em", "Êm",
                                                      "On", "Ôn", "Ơn", "Uy", "Ưu"]


def test_glossary_page_lists_entries_in_vietnamese_order(site_dir):
    html = (site_dir / "glossary" / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'<h2 id="([^"]+)"', html)
    terms = [GLOSSARY.entries[[e.anchor for e in GLOSSARY.entries].index(i)].term for i in ids]
    assert terms == sorted(terms, key=vietnamese_sort_key)
    assert terms.index("CSĐN") < terms.index("ĐNA") < terms.index("EU")


def test_anchors_are_ascii_and_distinguish_plus():
    assert term_anchor("CSĐN") == "csdn"
    assert term_anchor("ADMM+") == "admm-plus" != term_anchor("ADMM")
    assert term_anchor("CA - TBD") == "ca-tbd"


# --- matching ---------------------------------------------------------------------------

SMALL = glossary_of("terms:\n"
                    "  - {term: ADMM, expansion: a}\n  - {term: ADMM+, expansion: b}\n"
                    "  - {term: IP, expansion: c}\n  - {term: ĐNA, expansion: d}\n"
                    "  - {term: CA - TBD, expansion: e, variants: [CA-TBD]}\n")


@pytest.mark.parametrize("text, expected", [
    ("trong khuôn khổ (ADMM+); và ADMM.", ["ADMM+", "ADMM"]),
    ("ADMM+ là một", ["ADMM+"]),
    ("SHIP IPv6 IP, VIP", ["IP"]),
    ("ĐNAx xĐNA ĐNA.", ["ĐNA"]),
    ("khu vực CA - TBD và CA-TBD", ["CA - TBD", "CA-TBD"]),
    ("ADMMx ADMM2", []),
])
def test_matcher_boundaries(text, expected):
    assert terms_in(link_text(text, SMALL)) == expected


def test_superset_wins_over_subset_and_keeps_its_own_expansion():
    [term] = [i for i in link_text("(ADMM+)", SMALL) if isinstance(i, Term)]
    assert (term.text, term.expansion, term.term_id) == ("ADMM+", "b", "admm-plus")


def test_urls_written_in_text_are_not_touched():
    inlines = link_text("xem https://example.org/ADMM/IP và ADMM", SMALL)
    assert terms_in(inlines) == ["ADMM"]
    assert "".join(getattr(i, "text", "") for i in inlines) == "xem https://example.org/ADMM/IP và ADMM"


def test_links_citations_and_footnote_markers_are_never_touched():
    meta = ArticleMeta(slug="t", source="t.txt", kind="pdf", language="vi")
    span = LineSpan(1, 1)
    block = Paragraph((Text("ADMM "), Link("ADMM site", "https://e.org/ADMM"), Citation("[IP, tr.2]", ("IP",)),
                       NoteRef("1"), Text(" IP")), span)
    note = Footnote((Text("Theo ADMM+ và "), Link("IP", "https://e.org")), span, note_label="1")
    article = Article(meta, SourceFile("t.txt", "0" * 64, 1), blocks=(block,), footnotes=(note,))
    linked = link_glossary(article, BuildContext(REPO, glossary=SMALL))
    assert terms_in(linked.blocks[0].inlines) == ["ADMM", "IP"]
    assert linked.blocks[0].inlines[2] == Link("ADMM site", "https://e.org/ADMM")
    assert terms_in(linked.footnotes[0].inlines) == ["ADMM+"]
    page = render_article(linked, "../reports/t.md")
    footnote_line = next(line for line in page.splitlines() if line.startswith("[^1]:"))
    assert '<abbr title="b"' in footnote_line and ">ADMM+</abbr>" in footnote_line


def test_english_articles_show_the_english_gloss_of_a_vietnamese_entry():
    [term] = [i for i in link_text("ASEAN", GLOSSARY, "en") if isinstance(i, Term)]
    assert term.expansion == "Association of Southeast Asian Nations"
    [term] = [i for i in link_text("ASEAN", GLOSSARY, "vi") if isinstance(i, Term)]
    assert term.expansion == "Hiệp hội các quốc gia Đông Nam Á"


def test_nfd_source_is_matched_like_nfc(tmp_path):
    text = "Tiêu đề bài thử về chính sách\nBài viết nói về CSĐN của Lào trong khu vực ĐNA hiện nay.\n"
    root = make_edition(tmp_path / "ed", {"a.txt": unicodedata.normalize("NFD", text)},
                        {"bai": meta_yaml("bai", "a.txt")}, glossary=(REPO / "glossary.yml").read_text("utf-8"))
    assert run_build("--root", str(root), "--docs-only").returncode == 0
    page = (root / "docs" / "articles" / "bai.md").read_text(encoding="utf-8")
    assert ">CSĐN</abbr>" in page and ">ĐNA</abbr>" in page


# --- the built site -----------------------------------------------------------------------


class ArticleText(HTMLParser):
    """Text of an article body with, for each piece, whether it sits in an <abbr>."""

    SKIP = {"h1", "h2", "h3", "h4", "h5", "h6", "code", "script", "style", "nav", "header", "footer"}

    def __init__(self) -> None:
        super().__init__()
        self.pieces: list[tuple[str, bool]] = []
        self.abbrs: list[tuple[str, str]] = []
        self.in_article = self.in_abbr = 0
        self.skipping: list[str] = []
        self.title = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "article":
            self.in_article += 1
        if tag in self.SKIP or "edition-provenance" in (attributes.get("class") or "") \
                or "edition-facts" in (attributes.get("class") or ""):
            self.skipping.append(tag)
        if tag == "abbr":
            self.in_abbr += 1
            self.title = attributes.get("title", "")
            self.abbrs.append(("", self.title))

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()
        if tag == "abbr":
            self.in_abbr -= 1
        if tag == "article":
            self.in_article -= 1

    def handle_data(self, data):
        if self.in_article and not self.skipping:
            self.pieces.append((data, bool(self.in_abbr)))
            if self.in_abbr:
                text, title = self.abbrs[-1]
                self.abbrs[-1] = (text + data, title)


def parse_article(site_dir: Path, slug: str) -> ArticleText:
    parser = ArticleText()
    parser.feed((site_dir / "articles" / slug / "index.html").read_text(encoding="utf-8"))
    return parser


def slugs() -> list[str]:
    return [re.search(r"^slug: (\S+)", p.read_text("utf-8"), re.M).group(1) for p in ARTICLES]


FORM_PATTERN = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in sorted(GLOSSARY.by_form, key=len,
                                                                                  reverse=True)) + r")(?![\w+])")


@pytest.mark.parametrize("slug", slugs())
def test_every_occurrence_of_every_term_is_marked_up(site_dir, slug):
    parsed = parse_article(site_dir, slug)
    plain = [text for text, inside in parsed.pieces if not inside]
    unmarked = [m.group() for text in plain for m in FORM_PATTERN.finditer(text)]
    assert unmarked == []
    for text, title in parsed.abbrs:
        entry = GLOSSARY.by_form[text]
        assert title in (entry.expansion, entry.gloss)


@pytest.mark.parametrize("slug", slugs())
def test_no_term_is_matched_inside_a_word(site_dir, slug):
    pieces = parse_article(site_dir, slug).pieces
    for index, (text, inside) in enumerate(pieces):
        if inside:
            before = pieces[index - 1][0] if index else ""
            after = pieces[index + 1][0] if index + 1 < len(pieces) else ""
            assert not (before[-1:].isalnum() or after[:1].isalnum() or after[:1] == "+"), (before, text, after)


def test_admm_plus_is_one_element(site_dir):
    abbrs = [t for t, _ in parse_article(site_dir, "quan-he-lao-viet-nam-chinh-sach-doi-ngoai").abbrs]
    assert "ADMM+" in abbrs and "ADMM" in abbrs
    html = (site_dir / "articles" / "quan-he-lao-viet-nam-chinh-sach-doi-ngoai" / "index.html").read_text("utf-8")
    assert "ADMM</abbr>+" not in html and "ADMM</abbr></a>+" not in html


def test_glossary_page_where_used_counts_match_the_articles_and_links_resolve(site_dir):
    html = (site_dir / "glossary" / "index.html").read_text(encoding="utf-8")
    counts = {slug: parse_article(site_dir, slug) for slug in slugs()}
    for entry in GLOSSARY.entries:
        section = html.split(f'<h2 id="{entry.anchor}"', 1)[1].split("<h2 ", 1)[0]
        expected = sum(1 for parsed in counts.values() for text, _ in parsed.abbrs if GLOSSARY.by_form[text] is entry)
        stated = re.search(r"Dùng (\d+) lần", section)
        assert (int(stated.group(1)) if stated else 0) == expected, entry.term
        for slug, anchor in re.findall(r'href="\.\./articles/([^/]+)/#([^"]+)"', section):
            target = (site_dir / "articles" / slug / "index.html").read_text(encoding="utf-8")
            assert f'id="{anchor}"' in target, (entry.term, slug, anchor)


def test_first_occurrence_in_a_section_links_to_the_glossary_later_ones_are_focusable(site_dir):
    html = (site_dir / "articles" / "quan-he-lao-viet-nam-chinh-sach-doi-ngoai" / "index.html").read_text("utf-8")
    linked = re.findall(r'<a class="term" href="\.\./\.\./glossary/#csdn"', html)
    focusable = re.findall(r'class="term" tabindex="0">CSĐN</abbr>', html)
    assert linked and focusable
    assert len(linked) + len(focusable) == html.count(">CSĐN</abbr>")


# --- coverage -------------------------------------------------------------------------------


def test_inline_definition_uses_syllable_initials():
    text = "nghiên cứu quan hệ quốc tế (QHQT) và khu vực Đông Nam Á (ĐNA)"
    assert inline_definition(text, text.index("QHQT"), "QHQT") == "quan hệ quốc tế"
    assert inline_definition(text, text.index("ĐNA"), "ĐNA") == "Đông Nam Á"
    assert inline_definition("một cơ chế (XYZ)", 12, "XYZ") is None


def test_check_reports_an_undefined_abbreviation_with_stanza_and_inline_definition(tmp_path):
    text = ("Tiêu đề bài thử về gạo xuất khẩu\n"
            "Theo Ngân hàng Nhà nước (NHNN), tín dụng tăng; NHNN dự báo năm 2026 còn tăng, "
            "theo số liệu của ASEAN.\n")
    root = make_edition(tmp_path / "ed", {"a.txt": text}, {"bai": meta_yaml("bai", "a.txt")},
                        glossary="terms:\n  - term: ASEAN\n    expansion: Hiệp hội các quốc gia Đông Nam Á\n")
    assert run_build("--root", str(root), "--docs-only").returncode == 0
    result = run_build("check", "--root", str(root), "--docs-only")
    assert result.returncode == 1
    assert "sources/a.txt:2: abbreviation 'NHNN' has no glossary entry; defined inline as " \
           "'Ngân hàng Nhà nước'" in result.stderr
    assert "  - term: NHNN\n    expansion: Ngân hàng Nhà nước\n    gloss: null" in result.stderr
    assert "ASEAN" not in result.stderr.split("NHNN", 1)[1]


def test_check_reports_no_missing_abbreviation_on_the_seeds():
    result = run_build("check", "--docs-only")
    assert "has no glossary entry" not in result.stderr
    assert result.returncode == 0, result.stderr


def test_where_used_lists_the_newest_articles_and_points_to_search_for_the_rest(tmp_path):
    """The glossary page must not grow with the edition: a capped list, then a count and a pointer."""
    from edition.glossary_page import WHERE_USED_MAX_ARTICLES

    count = WHERE_USED_MAX_ARTICLES + 3
    sources = {f"a{i:02d}.txt": f"Tiêu đề bài {i}\n\nQuan hệ trong khuôn khổ ASEAN ngày càng chặt chẽ hơn.\n"
               for i in range(count)}
    metas = {f"bai-{i:02d}": meta_yaml(f"bai-{i:02d}", f"a{i:02d}.txt", date=f"2024-01-{i + 1:02d}")
             for i in range(count)}
    glossary = "terms:\n  - {term: ASEAN, expansion: Hiệp hội các quốc gia Đông Nam Á}\n"
    root = make_edition(tmp_path / "ed", sources, metas, glossary=glossary)
    assert run_build("--root", str(root), "--docs-only").returncode == 0
    page = (root / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert f"Dùng {count} lần trong {count} bài; {WHERE_USED_MAX_ARTICLES} bài mới nhất:" in page
    listed = re.findall(r"^- \[.*\]\(articles/(bai-\d+)\.md\)", page, re.M)
    assert listed == [f"bai-{i:02d}" for i in range(count - 1, count - 1 - WHERE_USED_MAX_ARTICLES, -1)]
    assert "… và 3 bài khác: tìm “ASEAN” bằng ô tìm kiếm" in page
