"""`python build.py serve`: serves on 127.0.0.1 and regenerates when a source changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from conftest import REPO, copy_edition

SLUG = "defense-key-pillar-vietnam-laos-relations"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, expected: str, deadline: float) -> str:
    """Poll until the page at ``url`` contains ``expected``; return the last body."""
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
            if expected in body:
                return body
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.3)
    return body


def test_serve_rebuilds_the_page_when_its_metadata_changes(tmp_path):
    root = copy_edition(tmp_path / "ed")
    port = free_port()
    server = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--root", str(root),
                               "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = f"http://127.0.0.1:{port}/articles/{SLUG}/"
        first = wait_for(url, "Vietnam", time.monotonic() + 120)
        assert "Vietnam" in first, "the server never answered"
        meta = root / "sources" / f"{SLUG}.yml"
        text = meta.read_text(encoding="utf-8")
        meta.write_text(text.replace("title: Defense remains key pillar in Vietnam-Laos relations",
                                     "title: A renamed title while serving"), encoding="utf-8")
        page = wait_for(url, "A renamed title while serving", time.monotonic() + 120)
        assert "A renamed title while serving" in page
        generated = (root / "docs" / "articles" / f"{SLUG}.md").read_text(encoding="utf-8")
        assert "title: A renamed title while serving" in generated
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert server.returncode is not None
    assert "Traceback" not in output
