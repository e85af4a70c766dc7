"""`python build.py serve` serves on 127.0.0.1 and rebuilds when a source changes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO, copy_edition

SLUG = "defense-key-pillar-vietnam-laos-relations"
OLD_TITLE = "Defense remains key pillar in Vietnam-Laos relations"
NEW_TITLE = "Retitled while serving"
DEADLINE_SECONDS = 120  # generous: a cold MkDocs start plus a rebuild on a busy 2-core machine


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, server: subprocess.Popen) -> str:
    """The page at ``url`` once it contains ``text``; fails if the server dies or the deadline passes."""
    deadline = time.monotonic() + DEADLINE_SECONDS
    body = None
    while time.monotonic() < deadline:
        assert server.poll() is None, f"serve exited early: {server.returncode}"
        body = fetch(url)
        if body is not None and text in body:
            return body
        time.sleep(0.5)
    pytest.fail(f"{url} did not show {text!r} within {DEADLINE_SECONDS} s; last body: {(body or '')[:300]!r}")


class Output:
    """Lines the serve process printed, collected by a thread so the test never blocks on a pipe."""

    def __init__(self, stream) -> None:
        self.lines: list[str] = []
        self.thread = threading.Thread(target=lambda: self.lines.extend(stream), daemon=True)
        self.thread.start()

    def text(self) -> str:
        return "".join(self.lines)

    def wait_for(self, text: str) -> None:
        deadline = time.monotonic() + DEADLINE_SECONDS
        while text not in self.text():
            assert time.monotonic() < deadline, f"serve never printed {text!r}:\n{self.text()}"
            time.sleep(0.2)


@pytest.fixture
def served_edition(tmp_path: Path):
    root = copy_edition(tmp_path / "edition")
    port = free_port()
    server = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--root", str(root),
                               "--port", str(port)], cwd=tmp_path, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, env={**os.environ, "CI": "1"})
    server.output = Output(server.stdout)
    yield root, f"http://127.0.0.1:{port}/", server
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_serve_rebuilds_page_when_source_title_changes(served_edition):
    root, base, server = served_edition
    url = f"{base}articles/{SLUG}/"
    wait_for(url, OLD_TITLE, server)
    meta = root / "sources" / f"{SLUG}.yml"
    meta.write_text(meta.read_text(encoding="utf-8").replace(OLD_TITLE, NEW_TITLE), encoding="utf-8")
    body = wait_for(url, NEW_TITLE, server)
    assert f"<title>{NEW_TITLE}" in body
    assert (root / "docs" / "articles" / f"{SLUG}.md").read_text(encoding="utf-8").count(NEW_TITLE) >= 1


def test_serve_stops_cleanly_on_sigterm_and_frees_port(served_edition):
    _root, base, server = served_edition
    wait_for(base, "<html", server)
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=30) == 0, server.output.text()
    server.output.thread.join(timeout=10)
    assert "Traceback" not in server.output.text()
    assert fetch(base) is None, "the MkDocs server is still answering after serve stopped"


def test_serve_reports_bad_metadata_and_keeps_serving(served_edition):
    root, base, server = served_edition
    url = f"{base}articles/{SLUG}/"
    wait_for(url, OLD_TITLE, server)
    meta = root / "sources" / f"{SLUG}.yml"
    meta.write_text(meta.read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")
    server.output.wait_for("unknown key 'colour'")
    meta.write_text(meta.read_text(encoding="utf-8").replace("colour: red\n", "").replace(OLD_TITLE, NEW_TITLE),
                    encoding="utf-8")
    wait_for(url, NEW_TITLE, server)
