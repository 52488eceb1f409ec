"""`mkdocs serve` keeps the pages a save does not reach: after a save, the pages it does reach are
the bytes a clean build of the same files serves, and so are the pages kept."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ENV, FIXTURES, make_project

# mkdocs serve puts its live-reload script (a new request id every time) into each HTML response.
LIVE_RELOAD = re.compile(rb"<script>\s*var livereload = .*?</script>(?=</body>)", re.S)
PAGES = [
    "reviews/child-c/", "reviews/child-c/briefing/", "reviews/child-a/", "reviews/child-a/briefing/", "",
    "reviews/", "themes/", "themes/school-attendance/", "themes/neglect/", "themes/neglect/briefing/",
    "themes/voice-of-the-child/", "themes/multi-agency-working/", "themes/challenge-escalation/",
    "agencies/education/", "data/reviews.json", "data/themes.json", "data/reviews.csv", "data/learning.csv",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return LIVE_RELOAD.sub(b"", response.read())


def _serve(project: Path, port: int, ready: str = "reviews/child-c/") -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
        cwd=project, env={**ENV, "SOURCE_DATE_EPOCH": "1700000000"},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            _get(f"http://127.0.0.1:{port}/{ready}")
            return server
        except OSError:
            if server.poll() is not None:
                pytest.fail(server.stderr.read())
            time.sleep(0.3)
    server.kill()
    pytest.fail("mkdocs serve did not answer within 90 s")


def _stop(server: subprocess.Popen) -> str:
    server.terminate()
    _, err = server.communicate(timeout=20)
    return err


def _save_and_compare(tmp_path, change, built_as_a_whole: bool, pages=PAGES) -> None:
    """Serve the fixture library, save child-c.md changed by `change`, then compare every page of
    `pages` as served after the save with a fresh server's (its one build renders every page)."""
    project = make_project(tmp_path, FIXTURES / "library")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    server = _serve(project, port)
    try:
        review = project / "docs" / "reviews" / "child-c.md"
        review.write_text(change(review.read_text(encoding="utf-8")), encoding="utf-8")
        deadline = time.time() + 60
        while b"was saved" not in _get(url + "reviews/child-c/"):
            assert time.time() < deadline, "the saved review was not served within 60 s"
            time.sleep(0.3)
        # The theme page of the new theme lists the review at once.
        assert b"child-c" in _get(url + "themes/neglect/")
        after_save = {page: _get(url + page) for page in pages}
    finally:
        log = _stop(server)
    # The update's line, or a second build's (else this tests nothing). Casebook's own build line,
    # not MkDocs': MkDocs drops a log line that repeats the one before it word for word.
    if built_as_a_whole:
        assert log.count("pages rendered;") == 2 and "the rest kept" not in log, log[-3000:]
    else:
        assert log.count("pages rendered;") == 1 and "the rest kept" in log, log[-3000:]
    clean = _serve(project, port)
    try:
        for page in pages:
            assert after_save[page] == _get(url + page), f"/{page} differs from a clean build's"
    finally:
        _stop(clean)


def test_after_a_save_updating_the_site_the_pages_are_a_clean_builds(tmp_path):
    """A new theme on the review and a new sentence: an update (the pages the save reaches made
    again, the rest kept), and every page served is what a clean build serves."""
    def change(text: str) -> str:
        saved = (text.replace("themes: [school-attendance]\n", "themes: [school-attendance, neglect]\n")
                 # The summary is on the review's briefing, stamped from the last build's shell.
                 .replace("A child stopped attending school.", "A child stopped attending school, as saved.")
                 .replace("This body is fictional.", "This body is fictional and was saved."))
        assert saved.count("neglect") == 1 and "as saved" in saved
        return saved

    # Neglect has no learning point, so no briefing, before the save and after.
    _save_and_compare(tmp_path, change, False, [p for p in PAGES if p != "themes/neglect/briefing/"])


def test_after_a_save_adding_a_page_the_whole_site_is_built(tmp_path):
    """A learning point moved to a theme with no learning yet gives that theme a briefing (and takes
    the old theme's away): pages added and removed, which only a whole build does."""
    def change(text: str) -> str:
        saved = (text.replace("themes: [school-attendance]\n", "themes: [school-attendance, neglect]\n")
                 .replace("themes: [voice-of-the-child]", "themes: [neglect]")
                 .replace("This body is fictional.", "This body is fictional and was saved."))
        assert saved.count("neglect") == 2
        return saved

    _save_and_compare(tmp_path, change, True)


def test_saves_while_no_review_is_yet_without_errors_keep_the_preview_answering(tmp_path):
    project = make_project(tmp_path, {"child-z.md": "---\ntitle: Child Z\n---\nDraft.\n"})
    port = _free_port()
    server = _serve(project, port, ready="")
    try:
        assert b"docs/reviews/child-z.md:1: summary: add the required field" in _get(f"http://127.0.0.1:{port}/")
        (project / "docs" / "reviews" / "child-z.md").write_text("---\ntitle: Child Z, again\n---\nDraft.\n", encoding="utf-8")
        time.sleep(1)
        (project / "docs" / "reviews" / "child-z.md").write_text("---\ntitle: Child Z\nnation: narnia\n---\nDraft.\n", encoding="utf-8")
        deadline = time.time() + 60
        while b"unknown nation" not in _get(f"http://127.0.0.1:{port}/"):
            assert time.time() < deadline, "the preview stopped following the saves"
            time.sleep(0.3)
    finally:
        log = _stop(server)
    assert "Traceback" not in log, log[-2000:]
