"""Writing files: a page, lock or cache entry replaced whole, with an ordinary file mode;
pages staged by worker processes moved into docs/ only when the build succeeded."""

from __future__ import annotations

import os
import stat
from dataclasses import replace

import pytest

from edition import files


@pytest.fixture
def umask_027():
    previous = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(previous)


def test_a_new_file_gets_the_mode_of_any_new_file(tmp_path, umask_027):
    target = tmp_path / "docs" / "articles" / "a.md"
    files.write_atomically(target, "Đoạn 1\r\nĐoạn 2\n")
    assert target.read_bytes() == "Đoạn 1\r\nĐoạn 2\n".encode("utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # 0666 less the umask, not mkstemp's 0600
    assert [p.name for p in target.parent.iterdir()] == ["a.md"]  # no temporary left


def test_a_failed_replace_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "a.md"
    target.write_text("old", encoding="utf-8")

    def refuse(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(OSError):
        files.write_atomically(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_a_taken_temporary_name_is_not_reused(tmp_path, monkeypatch):
    names = iter(["aaaaaaaaaaaa", "aaaaaaaaaaaa", "bbbbbbbbbbbb"])
    monkeypatch.setattr(files.secrets, "token_hex", lambda _n: next(names))
    (tmp_path / ".a.md.aaaaaaaaaaaa.tmp").write_text("someone else's", encoding="utf-8")
    files.write_atomically(tmp_path / "a.md", "mine")
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "mine"
    assert (tmp_path / ".a.md.aaaaaaaaaaaa.tmp").read_text(encoding="utf-8") == "someone else's"


# --- pages staged by worker processes (outputs.staging_area) ------------------------

from edition.outputs import GeneratedPage, staging_area, write_pages, write_staged  # noqa: E402
from edition.written import WrittenPages  # noqa: E402


def _page(path: str, text: str, staged: str | None = None) -> GeneratedPage:
    return GeneratedPage(path, f"---\ntitle: {text}\n---\n\n{text}\n", ("sources/a.txt",), staged)


def test_a_staged_page_is_moved_into_docs_and_a_missing_one_written(tmp_path):
    docs = tmp_path / "docs"
    with staging_area(docs) as staging:
        assert staging.parent == tmp_path and staging.name.startswith(".docs.pages.")
        moved, written = _page("articles/a.md", "Đoạn A"), _page("articles/b.md", "Đoạn B")
        write_staged(staging, [moved])
        pages = [_page(moved.path, "Đoạn A", str(staging / moved.path)),
                 _page(written.path, "Đoạn B", str(staging / written.path))]  # b was never staged
        assert write_pages(docs, "docs", pages) == (2, 0)
        assert not (staging / moved.path).exists()  # moved, not copied
        for page in pages:
            assert (docs / page.path).read_text(encoding="utf-8") == page.stamped()
    assert not staging.exists()
    assert pages[0] == moved  # where a page was staged is not part of what it is


def test_the_staging_folder_goes_away_when_the_build_fails(tmp_path):
    docs = tmp_path / "docs"
    with pytest.raises(RuntimeError):
        with staging_area(docs) as staging:
            write_staged(staging, [_page("articles/a.md", "A")])
            raise RuntimeError("a source could not be read")
    assert list(tmp_path.iterdir()) == []  # no docs/ written, no staging left


def test_a_folder_docs_does_not_have_yet_is_moved_in_whole(tmp_path):
    """A first build renames the staged articles/ folder into docs/ in one step."""
    docs = tmp_path / "docs"
    with staging_area(docs) as staging:
        pages = [_page(f"articles/{name}.md", f"Đoạn {name}") for name in ("a", "b", "c")]
        write_staged(staging, pages)
        staged = [replace(p, staged=str(staging / p.path)) for p in pages]
        staged.append(_page("articles/old-slug/index.md", "a redirect, written by the main process"))
        folder_inode = (staging / "articles").stat().st_ino
        known = WrittenPages()
        assert write_pages(docs, "docs", staged, known) == (4, 0)
        assert (docs / "articles").stat().st_ino == folder_inode  # the folder itself, renamed
        assert not (staging / "articles").exists()
        for page in staged:
            assert (docs / page.path).read_text(encoding="utf-8") == page.stamped()
        assert write_pages(docs, "docs", staged, known) == (0, 0)  # recorded as written


def test_the_stamp_a_worker_worked_out_is_the_one_the_page_gets(tmp_path):
    pages = [_page("articles/a.md", "Đoạn A"), _page("reports/a.md", "Báo cáo A"),
             _page("articles/old/index.md", "a folder made on the way"),
             GeneratedPage("articles/old.html", "<!doctype html>\n<title>Đoạn</title>\n", ("sources/a.txt",))]
    stamps = write_staged(tmp_path, pages)
    for page, stamp in zip(pages, stamps):
        assert (tmp_path / page.path).read_bytes() == page.stamped().encode("utf-8")
        assert (tmp_path / page.path).read_text(encoding="utf-8").split("\n")[1] == stamp == page.stamp_line()
        assert replace(page, stamp=stamp).stamped() == page.stamped()
        assert replace(page, stamp=stamp) == page  # a cached stamp is not part of what a page is


def test_a_changed_redirect_page_is_written_again_by_the_next_build(tmp_path):
    """Regression: the stamp line of an HTML page was read from a fixed offset (right for
    "---", wrong for "<!doctype html>"), so every redirect page had the same recorded
    digest and a changed one (a new title, or a slug renamed again) was never rewritten."""
    docs = tmp_path / "docs"
    path = "articles/old-slug/index.html"
    first, second = (GeneratedPage(path, f"<!doctype html>\n<title>{title}</title>\n", ("sources/a.yml",))
                     for title in ("Tên cũ", "Tên mới"))
    known = WrittenPages()
    assert write_pages(docs, "docs", [first], known) == (1, 0)
    next_build = WrittenPages(dict(known.records))  # as the next CLI run reads it from the cache
    next_build.start_build()
    assert write_pages(docs, "docs", [second], next_build) == (1, 0)
    assert (docs / path).read_text(encoding="utf-8") == second.stamped()


def test_a_folder_is_moved_page_by_page_when_docs_has_it_or_it_holds_another_file(tmp_path):
    for case in ("docs has the folder", "a stray file", "a page not staged"):
        docs = tmp_path / case / "docs"
        with staging_area(docs) as staging:
            pages = [_page(f"articles/{name}.md", f"Đoạn {name}") for name in ("a", "b")]
            write_staged(staging, pages)
            staged = [replace(p, staged=str(staging / p.path)) for p in pages]
            if case == "docs has the folder":
                (docs / "articles").mkdir(parents=True)
            elif case == "a stray file":
                (staging / "articles" / "stray.md").write_text("not a page of this build", encoding="utf-8")
            else:
                staged[1] = replace(staged[1], staged=None)
            folder_inode = (staging / "articles").stat().st_ino
            assert write_pages(docs, "docs", staged) == (2, 0), case
            assert (docs / "articles").stat().st_ino != folder_inode, case
            assert sorted(p.name for p in (docs / "articles").iterdir()) == ["a.md", "b.md"], case
            for page in staged:
                assert (docs / page.path).read_text(encoding="utf-8") == page.stamped(), case


def test_a_folder_listing_tells_files_and_links_as_pathlib_does(tmp_path):
    from edition.files import list_folder

    (tmp_path / "b.txt").write_text("a source", encoding="utf-8")
    (tmp_path / ".hidden.yml").write_text("x", encoding="utf-8")
    (tmp_path / "folder.yml").mkdir()
    (tmp_path / "link-to-file.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "link-to-folder").symlink_to(tmp_path / "folder.yml")
    (tmp_path / "broken-link.txt").symlink_to(tmp_path / "gone.txt")
    listing = list_folder(tmp_path)
    paths = sorted(tmp_path.iterdir(), key=lambda p: p.name)
    assert listing.names == tuple(p.name for p in paths)
    assert listing.files == {p.name for p in paths if p.is_file()} == {"b.txt", ".hidden.yml", "link-to-file.txt"}
    assert listing.links == {p.name for p in paths if p.is_symlink()}
