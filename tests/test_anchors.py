"""Stable paragraph anchors: matching, the lock files, retired anchors, slug redirects."""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import make_edition, meta_yaml, run_build
from edition.anchor_lock import dump_lock, load_lock
from edition.anchor_match import LIVE, MERGED, REMOVED, assign, label_between
from edition.errors import EditionError

PARAS = ["Một đoạn mở đầu về quan hệ hai nước trong nhiều năm qua.",
         "Đoạn thứ hai nói về hợp tác quốc phòng và biên giới giữa hai bên.",
         "Đoạn thứ ba bàn về kinh tế, thương mại và đầu tư song phương.",
         "Đoạn kết luận đề xuất các giải pháp cho những năm tới."]


def anchors_of(outcome) -> list[str]:
    return [e.anchor for e in outcome.per_block]


def test_first_publication_numbers_in_reading_order():
    outcome = assign([], PARAS)
    assert anchors_of(outcome) == ["p-1", "p-2", "p-3", "p-4"]
    assert [e.label for e in outcome.per_block] == ["1", "2", "3", "4"]


def test_corrected_typo_keeps_its_anchor():
    first = assign([], PARAS)
    edited = PARAS[:2] + [PARAS[2].replace("thương mại", "thuơng mại")] + PARAS[3:]
    assert anchors_of(assign(first.entries, edited)) == ["p-1", "p-2", "p-3", "p-4"]


def test_inserted_paragraph_gets_a_label_between_its_neighbours():
    first = assign([], PARAS)
    edited = PARAS[:2] + ["Một đoạn hoàn toàn mới được chèn vào giữa văn bản này."] + PARAS[2:]
    outcome = assign(first.entries, edited)
    assert anchors_of(outcome) == ["p-1", "p-2", "p-2a", "p-3", "p-4"]
    again = assign(outcome.entries, PARAS[:2] + ["Thêm một đoạn mới nữa, khác hẳn mọi đoạn trước đó ở đây."]
                   + edited[2:])
    assert anchors_of(again) == ["p-1", "p-2", "p-2b", "p-2a", "p-3", "p-4"]


def test_label_between_never_reuses_and_sorts_between():
    assert label_between("14", "15", {"14a"}) == "14b"
    assert label_between("14a", "14b", set()) == "14aa"
    assert label_between(None, "1", set()) == "0a"


def test_moved_paragraph_keeps_its_anchor():
    first = assign([], PARAS)
    moved = [PARAS[2], PARAS[0], PARAS[1], PARAS[3]]
    assert anchors_of(assign(first.entries, moved)) == ["p-3", "p-1", "p-2", "p-4"]


def test_removed_paragraph_resolves_at_the_nearest_survivor():
    first = assign([], PARAS)
    outcome = assign(first.entries, [PARAS[0], PARAS[1], PARAS[3]])
    assert anchors_of(outcome) == ["p-1", "p-2", "p-4"]
    [retired] = [e for e in outcome.entries if e.status != LIVE]
    assert (retired.anchor, retired.status, retired.at) == ("p-3", REMOVED, "p-2")


def test_joined_paragraphs_keep_one_anchor_and_merge_the_other():
    first = assign([], PARAS)
    outcome = assign(first.entries, [PARAS[0], PARAS[1] + " " + PARAS[2], PARAS[3]])
    assert anchors_of(outcome)[0] == "p-1" and anchors_of(outcome)[2] == "p-4"
    joined = outcome.per_block[1].anchor
    [retired] = [e for e in outcome.entries if e.status != LIVE]
    assert {joined, retired.anchor} == {"p-2", "p-3"}
    assert (retired.status, retired.at) == (MERGED, joined)


def test_split_paragraph_keeps_its_anchor_on_the_larger_part_and_adds_one():
    long = PARAS[1] + " Đoạn này còn một phần dài thêm về tuần tra chung trên tuyến biên giới hai nước."
    first = assign([], [PARAS[0], long, PARAS[3]])
    head, tail = long.split(" Đoạn này")
    outcome = assign(first.entries, [PARAS[0], head, "Đoạn này" + tail, PARAS[3]])
    assert anchors_of(outcome)[0] == "p-1" and anchors_of(outcome)[-1] == "p-3"
    middle = anchors_of(outcome)[1:3]
    assert "p-2" in middle  # the larger part keeps the published anchor
    assert set(middle) - {"p-2"} <= {"p-1a", "p-2a"}  # the other part sorts between its neighbours


def test_retired_anchors_follow_their_target_when_it_is_retired_too():
    first = assign([], PARAS)
    second = assign(first.entries, [PARAS[0], PARAS[1], PARAS[3]])
    third = assign(second.entries, [PARAS[0], PARAS[3]])
    retired = {e.anchor: e.at for e in third.entries if e.status != LIVE}
    assert retired == {"p-2": "p-1", "p-3": "p-1"}


# --- lock files ------------------------------------------------------------------------


def test_lock_round_trips_and_is_readable_yaml(tmp_path):
    outcome = assign(assign([], PARAS).entries, PARAS[:3])
    from edition.anchor_lock import ArticleLock
    lock = ArticleLock("sources/a.txt", ["bai"], outcome.entries, [])
    path = tmp_path / "a.lock.yml"
    path.write_text(dump_lock(lock), encoding="utf-8")
    loaded = load_lock(path, "sources/a.lock.yml", "sources/a.txt")
    assert loaded.paragraphs == outcome.entries
    assert "status: removed" in path.read_text(encoding="utf-8")


def test_conflict_markers_in_a_lock_are_reported_at_their_lines(tmp_path):
    path = tmp_path / "a.lock.yml"
    path.write_text("slugs: [bai]\n<<<<<<< HEAD\nparagraphs: []\n=======\nparagraphs: []\n>>>>>>> other\n")
    with pytest.raises(EditionError) as caught:
        load_lock(path, "sources/a.lock.yml", "sources/a.txt")
    lines = [p.line for p in caught.value.problems]
    assert lines == [2, 4, 6]
    assert "merge-conflict marker" in str(caught.value) and "keep every anchor of both sides" in str(caught.value)


def test_a_badly_edited_lock_is_a_clear_error(tmp_path):
    path = tmp_path / "a.lock.yml"
    path.write_text("slugs: [bai]\nparagraphs:\n  - {anchor: p-1, label: '1'}\n")
    with pytest.raises(EditionError, match=r"sources/a.lock.yml:3:5: paragraphs: expected \{anchor, label, text"):
        load_lock(path, "sources/a.lock.yml", "sources/a.txt")


@pytest.mark.parametrize("value", ["yes", "12", "p-1"])
def test_a_lock_with_no_list_of_paragraphs_is_a_clear_error(tmp_path, value):
    """A scalar where the entries belong: one problem at its line, not a TypeError or one per letter."""
    path = tmp_path / "a.lock.yml"
    path.write_text(f"slugs: [bai]\nparagraphs: {value}\nheadings: []\n")
    with pytest.raises(EditionError) as caught:
        load_lock(path, "sources/a.lock.yml", "sources/a.txt")
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (2, "paragraphs: expected a list of {anchor, label, text[, status, at]}")]


# --- through the build ---------------------------------------------------------------------

TEXT = "Tiêu đề của bài thử nghiệm về anchors\n" + "\n".join(PARAS) + "\n"


def small(root: Path, text: str = TEXT, slug: str = "bai") -> Path:
    return make_edition(root, {"a.txt": text}, {"bai": meta_yaml(slug, "a.txt")})


def article_ids(root: Path, slug: str = "bai") -> set[str]:
    html = (root / "docs" / "articles" / f"{slug}.md").read_text(encoding="utf-8")
    return set(re.findall(r'(?:id="|\{: #)([\w-]+)', html))


def test_rebuild_after_an_edit_keeps_every_published_anchor(tmp_path):
    root = small(tmp_path / "ed")
    assert run_build("--root", str(root), "--docs-only").returncode == 0
    published = {a for a in article_ids(root) if a.startswith("p-")}
    lock = root / "sources" / "a.lock.yml"
    assert lock.is_file()
    edited = "Tiêu đề của bài thử nghiệm về anchors\n" + "\n".join([PARAS[0], "Đoạn mới chen vào.", PARAS[2]]) + "\n"
    (root / "sources" / "a.txt").write_text(edited, encoding="utf-8")
    assert run_build("check", "--root", str(root), "--docs-only").returncode == 1  # locks and docs stale
    assert run_build("--root", str(root), "--docs-only").returncode == 0
    assert published <= article_ids(root)
    assert "status: removed" in lock.read_text(encoding="utf-8")


def test_check_never_writes_the_lock(tmp_path):
    root = small(tmp_path / "ed")
    result = run_build("check", "--root", str(root), "--docs-only")
    assert result.returncode == 1 and "anchor locks are stale: a.lock.yml" in result.stderr
    assert not (root / "sources" / "a.lock.yml").exists()


def test_renamed_slug_leaves_a_redirect_that_keeps_the_fragment(tmp_path):
    root = small(tmp_path / "ed")
    assert run_build("--root", str(root)).returncode == 0
    meta = root / "sources" / "bai.yml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("slug: bai", "slug: bai-moi"), encoding="utf-8")
    assert run_build("--root", str(root)).returncode == 0
    redirect = (root / "site" / "articles" / "bai" / "index.html").read_text(encoding="utf-8")
    assert 'location.replace("../bai-moi/" + location.hash)' in redirect
    assert '<meta http-equiv="refresh" content="0; url=../bai-moi/">' in redirect
    assert (root / "site" / "articles" / "bai-moi" / "index.html").is_file()
    assert "- bai\n- bai-moi\n" in (root / "sources" / "a.lock.yml").read_text(encoding="utf-8")


def test_a_new_article_may_not_take_over_a_former_slug(tmp_path):
    root = small(tmp_path / "ed")
    assert run_build("--root", str(root), "--docs-only").returncode == 0
    meta = root / "sources" / "bai.yml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("slug: bai", "slug: bai-moi"), encoding="utf-8")
    assert run_build("--root", str(root), "--docs-only").returncode == 0
    (root / "sources" / "b.txt").write_text(TEXT.replace("Tiêu đề", "Một tiêu đề khác"), encoding="utf-8")
    (root / "sources" / "khac.yml").write_text(meta_yaml("bai", "b.txt"), encoding="utf-8")
    result = run_build("--root", str(root), "--docs-only")
    assert result.returncode == 2
    assert "slug 'bai' was published before for sources/a.txt" in result.stderr


def read_in_process(root: Path, keep_article: bool = False):
    """build_one over the edition at ``root``, in this process: the outcome of its only article."""
    from edition import pipeline
    from edition.articles import build_one
    from edition.transforms import BuildContext

    edition = pipeline.discover(root)
    [meta] = edition.metas
    return build_one(pipeline.read_article, edition, BuildContext(edition.root, glossary=edition.glossary),
                     keep_article, meta)


def test_a_lock_the_build_keeps_is_neither_written_nor_compared_again(tmp_path, monkeypatch):
    """Sources unchanged, lock in the build's layout: the anchor pass's reading says the file
    already holds the new lock, so no YAML is written and the file is not read again."""
    import edition.locks

    root = small(tmp_path / "ed")
    assert run_build("--root", str(root), "--docs-only").returncode == 0
    lock = root / "sources" / "a.lock.yml"
    canonical = lock.read_text(encoding="utf-8")

    def unexpected(*args):
        raise AssertionError("the lock was dumped or compared again")

    with monkeypatch.context() as patched:
        patched.setattr(edition.locks, "dump_lock", unexpected)
        patched.setattr(edition.locks, "lock_file_holds", unexpected)
        assert read_in_process(root).lock is None
    kept = read_in_process(root, keep_article=True).article
    assert kept is not None and kept.canonical_lock is None  # not sent to the main process for check
    lock.write_text(canonical + "# checked by hand\n", encoding="utf-8")
    assert read_in_process(root).lock == canonical


@pytest.mark.parametrize("edit", [
    lambda text: text.replace("paragraphs:\n", "# checked by hand\nparagraphs:\n"),
    lambda text: text.replace("label: '2'", 'label: "2"'),  # double quotes: read by PyYAML
    lambda text: text.replace("text: Đoạn thứ hai", "text: 'Đoạn thứ hai").replace("bên.\n", "bên.'\n", 1),
    lambda text: text.replace("headings:", "\nheadings:"),
    lambda text: text.replace("# Anchor lock for", "# Lock for"),
], ids=["comment", "label-double-quoted", "text-single-quoted", "blank-line", "header"])
def test_a_lock_edited_by_hand_is_rewritten_in_the_builds_layout(tmp_path, edit):
    """The edit keeps every anchor, so the lock as read equals the article's; but the file is not
    what the build writes, so the build rewrites it, as it always has."""
    root = small(tmp_path / "ed")
    assert run_build("--root", str(root), "--docs-only").returncode == 0
    lock = root / "sources" / "a.lock.yml"
    canonical = lock.read_text(encoding="utf-8")
    edited = edit(canonical)
    assert edited != canonical
    lock.write_text(edited, encoding="utf-8")
    result = run_build("--root", str(root), "--docs-only")
    assert result.returncode == 0, result.stderr
    assert "1 anchor lock(s) updated" in result.stderr
    assert lock.read_text(encoding="utf-8") == canonical


def test_an_unchanged_lock_is_not_rewritten(tmp_path):
    root = small(tmp_path / "ed")
    assert run_build("--root", str(root), "--docs-only").returncode == 0
    lock = root / "sources" / "a.lock.yml"
    os.utime(lock, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    result = run_build("--root", str(root), "--docs-only", "--no-cache")  # the article is read again
    assert result.returncode == 0, result.stderr
    assert "0 anchor lock(s) updated" in result.stderr
    assert lock.stat().st_mtime_ns == 1_000_000_000_000_000_000


# --- citation metadata ------------------------------------------------------------------------


class MetaTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.scripts: dict[str, str] = {}
        self._script: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and attributes.get("name"):
            self.meta.append((attributes["name"], attributes.get("content", "")))
        if tag == "script" and attributes.get("type") in ("application/ld+json", "application/json"):
            self._script = attributes.get("id") or attributes["type"]
            self.scripts[self._script] = ""

    def handle_data(self, data):
        if self._script:
            self.scripts[self._script] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


def zotero_fields(html: str) -> dict:
    """The fields Zotero's Embedded Metadata translator reads from Highwire tags."""
    parser = MetaTags()
    parser.feed(html)
    tags = parser.meta
    fields = {"title": next((v for k, v in tags if k == "citation_title"), None),
              "creators": [v for k, v in tags if k == "citation_author"],
              "date": next((v for k, v in tags if k == "citation_publication_date"), None),
              "publicationTitle": next((v for k, v in tags if k == "citation_journal_title"), None),
              "publisher": next((v for k, v in tags if k == "citation_publisher"), None),
              "language": next((v for k, v in tags if k == "citation_language"), None)}
    fields["jsonld"] = json.loads(parser.scripts["application/ld+json"])
    return fields


def test_article_pages_carry_the_fields_zotero_reads(site_dir, built_edition):
    from edition.metadata import load_meta

    metas = [load_meta(p, p.name) for p in sorted((built_edition / "sources").glob("*.yml"))
             if not p.name.endswith(".lock.yml")]
    for meta in metas:
        fields = zotero_fields((site_dir / "articles" / meta.slug / "index.html").read_text(encoding="utf-8"))
        assert fields["title"] and fields["language"] == meta.language
        assert fields["creators"] == list(meta.authors)
        assert fields["date"] == (meta.date.replace("-", "/") if meta.date else None)
        venue = fields["publicationTitle"] if meta.kind == "pdf" else fields["publisher"]
        assert venue == meta.publication  # unknown stays absent, never invented
        assert fields["jsonld"]["headline"] == fields["title"]
        assert ("author" in fields["jsonld"]) == bool(meta.authors)


def test_hostile_metadata_cannot_break_out_of_json_ld_or_meta_tags(tmp_path):
    hostile = '"</script><script>alert(1)</script>'
    root = make_edition(tmp_path / "ed", {"a.txt": TEXT},
                        {"bai": meta_yaml("bai", "a.txt", title=json.dumps(hostile),
                                          authors=json.dumps([hostile]), publication=json.dumps(hostile))},
                        site_layer=True)
    assert run_build("--root", str(root)).returncode == 0
    html = (root / "site" / "articles" / "bai" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    fields = zotero_fields(html)
    assert fields["title"] == hostile and fields["creators"] == [hostile]
    assert fields["jsonld"]["headline"] == hostile
