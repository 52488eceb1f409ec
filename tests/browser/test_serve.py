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
    # Null-safe: while the tab reloads, its new document has no article yet.
    page.wait_for_function("document.querySelector('article')?.innerText.includes('was just edited')", timeout=60_000)
    assert errors == []
    page.close()


def test_a_broken_save_shows_its_problem_in_the_page_until_fixed(served, browser):
    project, url = served
    page = browser.new_page()
    page.goto(url + "reviews/child-c/")
    review = project / "docs" / "reviews" / "child-c.md"
    good = review.read_text(encoding="utf-8")
    review.write_text(good.replace("nation: wales", "nation: narnia"), encoding="utf-8")
    # The live-reload script reloads the tab; the page now says what to fix, where, and how.
    alert = page.get_by_role("alert")
    alert.wait_for(timeout=60_000)
    assert "docs/reviews/child-c.md:5: nation: unknown nation 'narnia'" in alert.inner_text()
    # From the site's root: the banner is added as the server sends each page, the same on every page.
    assert alert.get_by_role("link", name="How to contribute").get_attribute("href") == "/contributing/"
    # The review keeps its last good version, and the rest of the site keeps answering.
    assert "This body is fictional." in page.locator("article").inner_text()
    with urllib.request.urlopen(url + "themes/school-attendance/", timeout=10) as response:
        assert response.status == 200 and b"nation: unknown nation" in response.read()
    review.write_text(good, encoding="utf-8")
    page.wait_for_function("document.querySelector('[role=alert]') === null", timeout=60_000)
    page.close()


def test_a_new_review_never_valid_is_left_out_of_the_preview(served, browser):
    project, url = served
    (project / "docs" / "reviews" / "child-z.md").write_text("---\ntitle: Child Z\n---\nDraft.\n", encoding="utf-8")
    page = browser.new_page()
    deadline = time.time() + 60
    while time.time() < deadline:
        page.goto(url)
        if page.get_by_role("alert").count():
            break
        time.sleep(0.5)
    assert "docs/reviews/child-z.md:1: summary: add the required field 'summary'" in page.get_by_role("alert").inner_text()
    assert page.goto(url + "reviews/child-z/").status == 404
    page.close()


def test_after_a_save_search_finds_the_saved_words(served, browser):
    """The search index is written again in the background after an update (never holding the
    reload): a word only the save added is found, in the review it was saved in."""
    from test_search import search, shown_count

    project, url = served
    review = project / "docs" / "reviews" / "child-c.md"
    review.write_text(review.read_text(encoding="utf-8").replace(
        "This body is fictional.", "This body is fictional and names the quillwort."), encoding="utf-8")
    deadline = time.time() + 60
    while True:
        tab = search(browser, url, "quillwort")
        if shown_count(tab) == 1:
            break
        tab.close()
        assert time.time() < deadline, "the saved word was not found within 60 s of the save"
        time.sleep(1)
    assert tab.locator("[data-cb-results] > li a[href*='/reviews/child-c/']").count()
    tab.close()
