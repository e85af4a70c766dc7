"""The input catalogue: every odd or broken input an editor may feed the build.

Each odd-but-valid input builds the same pages as its clean twin; each broken one
stops the build with exit status 2 and one message naming the file, the line and
what to do, without a traceback, and leaves docs/ and site/ as they were.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

import pytest

from conftest import make_edition, meta_yaml, run_build

SOURCE = "a.txt"
SLUG = "bai-viet"
VIETNAMESE = ("Hợp tác quốc phòng Việt Nam – Lào\n"
              "Đối ngoại quốc phòng là một trụ cột quan trọng.\n"
              "\n"
              "Các đơn vị đã ký kết nhiều thỏa thuận hợp tác.\n")
ENGLISH = "Defense remains a key pillar\nThe two ministries signed a plan — “a résumé”.\n"
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\ufeff]")


def windows_1258(text: str) -> bytes:
    """``text`` as Windows-1258 writes Vietnamese: a precomposed vowel plus a combining tone."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", char)
        for mark in marks:
            combined = unicodedata.normalize("NFC", base + mark)
            if len(combined) == 1 and combined.encode("cp1258", errors="ignore"):
                base, marks = combined, [m for m in marks if m != mark]
                break
        out += (base + "".join(marks)).encode("cp1258")
    return bytes(out)


def edition(tmp_path: Path, content: str | bytes, meta: str | None = None, **parts) -> Path:
    metas = {SLUG: meta if meta is not None else meta_yaml(SLUG, SOURCE)}
    return make_edition(tmp_path / "edition", {SOURCE: content}, metas, **parts)


def build(root: Path, *args: str):
    return run_build("--root", str(root), "--docs-only", *args)


def article_text(root: Path, slug: str = SLUG) -> str:
    """The generated page without lines that carry a hash of the raw bytes."""
    text = (root / "docs" / "articles" / f"{slug}.md").read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if "sha256" not in line)


def assert_refused(result, location: str, *phrases: str) -> str:
    """Exit 2, one problem naming ``location`` (file[:line]), what to do, no traceback."""
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith(f"error: {location}"), result.stderr
    assert "what to do:" in result.stderr
    for phrase in phrases:
        assert phrase in result.stderr, result.stderr
    return result.stderr


def built_like_clean_twin(tmp_path: Path, content: bytes, clean: str = VIETNAMESE) -> None:
    twin = edition(tmp_path / "clean", clean)
    odd = edition(tmp_path / "odd", content)
    assert build(twin).returncode == 0
    result = build(odd)
    assert result.returncode == 0, result.stderr
    assert article_text(odd) == article_text(twin)


# --- encodings ------------------------------------------------------------------

def test_utf8_with_bom_reads_like_utf8(tmp_path):
    built_like_clean_twin(tmp_path, b"\xef\xbb\xbf" + VIETNAMESE.encode("utf-8"))


def test_utf16_with_bom_reads_like_utf8(tmp_path):
    built_like_clean_twin(tmp_path, VIETNAMESE.encode("utf-16"))


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_detected(tmp_path, encoding):
    built_like_clean_twin(tmp_path, VIETNAMESE.encode(encoding))


def test_windows_1258_is_refused_with_the_iconv_command(tmp_path):
    root = edition(tmp_path, windows_1258(VIETNAMESE))
    assert_refused(build(root), "sources/a.txt:1:", "not UTF-8", "WINDOWS-1258",
                   "iconv -f WINDOWS-1258 -t UTF-8 a.txt.original > sources/a.txt")


def test_cp1252_is_refused_with_the_iconv_command(tmp_path):
    root = edition(tmp_path, ("First line\n" + ENGLISH).encode("cp1252"), meta_yaml(SLUG, SOURCE, language="en"))
    assert_refused(build(root), "sources/a.txt:3:", "WINDOWS-1252", "iconv -f WINDOWS-1252 -t UTF-8")


def test_binary_file_is_refused(tmp_path):
    root = edition(tmp_path, b"%PDF-1.7\n\x00\x01\x02\xff\xfe binary \x00\x00\x10")
    assert_refused(build(root), "sources/a.txt:2", "binary file")


# --- normalisation and line ends ------------------------------------------------------

def test_vietnamese_in_nfd_reads_like_nfc(tmp_path):
    nfd = unicodedata.normalize("NFD", VIETNAMESE)
    assert nfd != VIETNAMESE
    built_like_clean_twin(tmp_path, nfd.encode("utf-8"))


@pytest.mark.parametrize("line_end", ["\r\n", "\r"])
def test_crlf_and_cr_line_ends_read_like_lf(tmp_path, line_end):
    built_like_clean_twin(tmp_path, VIETNAMESE.replace("\n", line_end).encode("utf-8"))


def test_tabs_zero_width_and_control_characters_never_reach_the_page(tmp_path):
    odd = ("Hợp tác\tquốc phòng Việt Nam – Lào\x07\n"
           "Đối ngoại quốc\u200b phòng là một trụ cột\x1b quan trọng.\x85\n"
           "\ufeff\n"
           "Các đơn vị đã\x0c ký kết nhiều thỏa thuận hợp tác.\x7f\n")
    root = edition(tmp_path, odd)
    result = build(root)
    assert result.returncode == 0, result.stderr
    page = article_text(root)
    assert "removed 7 control or zero-width character(s), the first on line 1 (U+0007)" in result.stderr
    assert not CONTROL_CHARACTERS.search(page)
    assert "Hợp tác quốc phòng" in page and "Đối ngoại quốc phòng" in page


def test_zero_width_joiners_are_kept(tmp_path):
    root = edition(tmp_path, "Tiêu đề\nGia đình 👨\u200d👩\u200d👧 và ZWNJ a\u200cb.\n")
    assert build(root).returncode == 0
    assert "👨\u200d👩\u200d👧" in article_text(root) and "a\u200cb" in article_text(root)


def test_empty_file_is_refused(tmp_path):
    root = edition(tmp_path, b"")
    assert_refused(build(root), "sources/a.txt:1", "is empty")


def test_file_of_blank_lines_is_refused_as_empty(tmp_path):
    root = edition(tmp_path, "\n  \r\n\t\n")
    assert_refused(build(root), "sources/a.txt:1", "is empty")


def test_five_megabyte_source_builds(tmp_path):
    line = "Đối ngoại quốc phòng là một trụ cột quan trọng của quan hệ Việt Nam – Lào. "
    count = 5 * 1024 * 1024 // len((line * 3).encode("utf-8")) + 1
    body = "\n".join(f"{line * 3}Đoạn {n}." for n in range(count))  # distinct paragraphs, not repeats
    content = ("Tiêu đề\n" + body + "\n").encode("utf-8")
    assert len(content) >= 5 * 1024 * 1024
    root = edition(tmp_path, content)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert article_text(root).count("Đối ngoại quốc phòng") >= 20000


# --- metadata -----------------------------------------------------------------------

def test_source_without_metadata_file_is_refused(tmp_path):
    root = edition(tmp_path, VIETNAMESE)
    (root / "sources" / "b.txt").write_text(VIETNAMESE, encoding="utf-8")
    assert_refused(build(root), "sources/b.txt", "has no metadata file", "source: b.txt")


def test_metadata_with_wrong_type_is_refused(tmp_path):
    root = edition(tmp_path, VIETNAMESE, meta_yaml(SLUG, SOURCE, title="[a, b]"))
    assert_refused(build(root), "sources/bai-viet.yml:5:", "title")


def test_metadata_with_unknown_key_is_refused(tmp_path):
    root = edition(tmp_path, VIETNAMESE, meta_yaml(SLUG, SOURCE, titel="Typo"))
    assert_refused(build(root), "sources/bai-viet.yml:5:", "unknown key 'titel'")


def test_duplicate_slugs_are_refused(tmp_path):
    root = edition(tmp_path, VIETNAMESE)
    (root / "sources" / "b.txt").write_text(VIETNAMESE, encoding="utf-8")
    (root / "sources" / "other.yml").write_text(meta_yaml(SLUG, "b.txt"), encoding="utf-8")
    assert_refused(build(root), "sources/other.yml:1", f"slug '{SLUG}' is already used")


@pytest.mark.parametrize("slug", ["../escape", "a/b", "..", "a..b"])
def test_slug_with_dots_or_slash_is_refused(tmp_path, slug):
    root = edition(tmp_path, VIETNAMESE, meta_yaml(f'"{slug}"', SOURCE))
    assert_refused(build(root), "sources/bai-viet.yml:1:", "slug")
    assert not (tmp_path / "escape.md").exists()


@pytest.mark.parametrize("source", ["../glossary.yml", "/etc/passwd", "sub/a.txt", ".."])
def test_source_outside_sources_is_refused(tmp_path, source):
    root = edition(tmp_path, VIETNAMESE, meta_yaml(SLUG, f'"{source}"'))
    result = build(root)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "error: sources/bai-viet.yml:2:" in result.stderr
    assert "a file name inside sources/" in result.stderr


def test_source_linking_outside_sources_is_refused(tmp_path):
    root = edition(tmp_path, VIETNAMESE)
    outside = tmp_path / "secret.txt"
    outside.write_text("secret\n", encoding="utf-8")
    (root / "sources" / SOURCE).unlink()
    (root / "sources" / SOURCE).symlink_to(outside)
    assert_refused(build(root), "sources/bai-viet.yml:2", "a link to a file outside sources/")


def test_metadata_with_conflict_markers_is_refused(tmp_path):
    meta = (f"slug: {SLUG}\nsource: {SOURCE}\n<<<<<<< HEAD\nkind: web\n=======\nkind: pdf\n"
            ">>>>>>> other\nlanguage: vi\n")
    root = edition(tmp_path, VIETNAMESE, meta)
    assert_refused(build(root), "sources/bai-viet.yml:3:1", "merge-conflict marker", "'<<<<<<<'")


# --- glossary -------------------------------------------------------------------------

def test_invalid_yaml_in_glossary_names_line_and_column(tmp_path):
    root = edition(tmp_path, VIETNAMESE, glossary="terms:\n  - term: QĐND\n    definition: [unclosed\n")
    assert_refused(build(root), "glossary.yml:4:1", "invalid YAML")


def test_empty_glossary_term_is_refused(tmp_path):
    glossary = "terms:\n  - term: QĐND\n    expansion: Quân đội nhân dân\n  - term: ''\n    expansion: x\n"
    root = edition(tmp_path, VIETNAMESE, glossary=glossary)
    assert_refused(build(root), "glossary.yml:4:", "empty or no 'term'")


def test_duplicate_glossary_term_is_refused(tmp_path):
    glossary = ("terms:\n  - term: QĐND\n    expansion: Quân đội nhân dân\n"
                "  - term: QĐND\n    expansion: again\n")
    root = edition(tmp_path, VIETNAMESE, glossary=glossary)
    assert_refused(build(root), "glossary.yml:4:", "'QĐND' is already defined at line 2")


def test_glossary_with_conflict_markers_is_refused(tmp_path):
    glossary = ("terms:\n<<<<<<< HEAD\n  - term: QĐND\n=======\n  - term: QDND\n>>>>>>> branch\n")
    root = edition(tmp_path, VIETNAMESE, glossary=glossary)
    assert_refused(build(root), "glossary.yml:2:1", "merge-conflict marker")


# --- generated pages ------------------------------------------------------------------

def test_hand_edited_generated_page_is_refused(tmp_path):
    root = edition(tmp_path, VIETNAMESE)
    assert build(root).returncode == 0
    page = root / "docs" / "articles" / f"{SLUG}.md"
    edited = page.read_text(encoding="utf-8") + "\nMy correction.\n"
    page.write_text(edited, encoding="utf-8")
    assert_refused(build(root), f"docs/articles/{SLUG}.md:1", "edited by hand", f"sources/{SLUG}.yml")
    assert page.read_text(encoding="utf-8") == edited


# --- check explains the same catalogue -------------------------------------------------

BROKEN = {
    "cp1258": (lambda t: edition(t, windows_1258(VIETNAMESE)), "sources/a.txt:1:"),
    "binary": (lambda t: edition(t, b"\x00\x01\x02"), "sources/a.txt:1"),
    "empty": (lambda t: edition(t, b""), "sources/a.txt:1"),
    "unknown key": (lambda t: edition(t, VIETNAMESE, meta_yaml(SLUG, SOURCE, titel="x")), "sources/bai-viet.yml:5:"),
    "glossary yaml": (lambda t: edition(t, VIETNAMESE, glossary="terms: [\n"), "glossary.yml:2:1"),
    "conflict": (lambda t: edition(t, VIETNAMESE, glossary="<<<<<<< HEAD\nterms: []\n"), "glossary.yml:1:1"),
    "source traversal": (lambda t: edition(t, VIETNAMESE, meta_yaml(SLUG, '"../x.txt"')), "sources/bai-viet.yml:2:"),
    "duplicate term": (lambda t: edition(t, VIETNAMESE, glossary="terms:\n  - {term: A, expansion: x}\n  - {term: A, expansion: y}\n"),
                       "glossary.yml:3:"),
    "wrong type": (lambda t: edition(t, VIETNAMESE, meta_yaml(SLUG, SOURCE, date="[2020]")),
                   "sources/bai-viet.yml:5:"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_check_explains_the_case_like_build(tmp_path, case):
    make, location = BROKEN[case]
    root = make(tmp_path)
    built = assert_refused(build(root), location)
    checked = assert_refused(run_build("check", "--root", str(root)), location)
    assert [l for l in built.splitlines() if l.startswith("error")] == \
        [l for l in checked.splitlines() if l.startswith("error")]


def test_check_explains_hand_edited_page(tmp_path):
    root = edition(tmp_path, VIETNAMESE)
    assert build(root).returncode == 0
    page = root / "docs" / "articles" / f"{SLUG}.md"
    page.write_text(page.read_text(encoding="utf-8") + "edit\n", encoding="utf-8")
    assert_refused(run_build("check", "--root", str(root)), f"docs/articles/{SLUG}.md:1", "edited by hand")


def test_debug_shows_the_traceback(tmp_path):
    root = edition(tmp_path, b"")
    result = build(root, "--debug")
    assert result.returncode != 0 and "Traceback" in result.stderr and "is empty" in result.stderr


# --- nothing built is lost ------------------------------------------------------------

def tree_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


BREAKAGES = {
    "binary source": lambda root: (root / "sources" / SOURCE).write_bytes(b"%PDF-1.7\n\x00\x01\xff\x00\x00\x10"),
    "glossary conflict": lambda root: (root / "glossary.yml").write_text("<<<<<<< HEAD\n", encoding="utf-8"),
    "unknown key": lambda root: (root / "sources" / f"{SLUG}.yml").write_text(
        meta_yaml(SLUG, SOURCE, titel="x"), encoding="utf-8"),
    "source without metadata": lambda root: (root / "sources" / "b.txt").write_text("x\n", encoding="utf-8"),
}


def test_broken_inputs_leave_docs_and_site_untouched(tmp_path):
    root = edition(tmp_path, VIETNAMESE)
    first = run_build("--root", str(root))
    assert first.returncode == 0, first.stderr
    before = {part: tree_hashes(root / part) for part in ("docs", "site")}
    assert before["site"] and before["docs"]
    for name, breakage in BREAKAGES.items():
        saved = {p: p.read_bytes() for p in (root / "sources").iterdir()} | \
            {root / "glossary.yml": (root / "glossary.yml").read_bytes()}
        breakage(root)
        result = run_build("--root", str(root))
        assert result.returncode == 2, (name, result.stderr)
        assert {part: tree_hashes(root / part) for part in ("docs", "site")} == before, name
        for path in (root / "sources").iterdir():
            if path not in saved:
                path.unlink()
        for path, data in saved.items():
            path.write_bytes(data)


def test_short_binary_that_looks_like_utf16_is_refused(tmp_path):
    root = edition(tmp_path, b"\x00\x01\x00\x02\x00\x03\x00A")
    assert_refused(build(root), "sources/a.txt:1", "binary file")


def test_failing_mkdocs_leaves_docs_and_site_untouched(tmp_path):
    root = edition(tmp_path, VIETNAMESE)
    assert run_build("--root", str(root)).returncode == 0
    before = {part: tree_hashes(root / part) for part in ("docs", "site")}
    (root / "sources" / SOURCE).write_text(VIETNAMESE + "Một đoạn mới.\n", encoding="utf-8")
    mkdocs = root / "mkdocs.yml"
    broken = mkdocs.read_text(encoding="utf-8").replace("[search]", "[search, no-such-plugin]")
    mkdocs.write_text(broken, encoding="utf-8")
    result = run_build("--root", str(root))
    assert result.returncode == 1 and "MkDocs failed" in result.stderr, result.stderr
    assert {part: tree_hashes(root / part) for part in ("docs", "site")} == before
    assert not [p for p in root.iterdir() if ".building." in p.name]


def test_a_broken_link_in_a_hand_written_page_fails_the_strict_build(tmp_path):
    """MkDocs' --quiet turns --strict off; the build must not pass it, or broken links would be published."""
    root = edition(tmp_path, VIETNAMESE)
    (root / "docs" / "about.md").write_text("# Giới thiệu\n\n[Trang không có](khong-co.md)\n", encoding="utf-8")
    result = run_build("--root", str(root))
    assert result.returncode == 1, result.stderr
    assert "MkDocs failed" in result.stderr and "khong-co.md" in result.stderr
    assert "INFO" not in result.stderr  # MkDocs' progress lines are left out
    assert not (root / "site").exists()
