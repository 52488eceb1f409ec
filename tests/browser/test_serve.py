"""`make serve` previews with live reload: saving a review changes the open page by itself."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ENV, FIXTURES, make_project


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(tmp_path: Path):
    project = make_project(tmp_path, FIXTURES / "library")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
        cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "reviews/child-c/", timeout=2)
            break
        except OSError:
            if server.poll() is not None:
                pytest.fail(server.stderr.read())
            time.sleep(0.3)
    else:
        server.kill()
        pytest.fail("mkdocs serve did not answer within 60 s")
    yield project, url
    server.terminate()
    server.wait(timeout=10)


def test_saving_a_review_reloads_the_open_page(served, browser):
    project, url = served
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(url + "reviews/child-c/")
    assert "This body is fictional." in page.locator("article").inner_text()
    review = project / "docs" / "reviews" / "child-c.md"
    review.write_text(review.read_text(encoding="utf-8").replace(
        "This body is fictional.", "This body is fictional and was just edited."), encoding="utf-8")
    # No navigation from the test: the live-reload script must reload the tab itself.
    page.wait_for_function("document.querySelector('article').innerText.includes('was just edited')", timeout=60_000)
    assert errors == []
    page.close()
