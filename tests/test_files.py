"""write_atomically: a page, lock or cache entry is replaced whole, with an ordinary file mode."""

from __future__ import annotations

import os
import stat

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
