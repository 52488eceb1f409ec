"""Shared helpers: building the real site or a throw-away project, and reading pages as a reader would."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

def make_project(tmp_path: Path, reviews: dict[str, str] | Path | None = None) -> Path:
    """A copy of the site's configuration with its own docs/reviews/ (fictional reviews only)."""
    # The same copy the benchmark builds from, so tests and benchmark build the same site.
    from bench.builds import copy_site_config

    project = copy_site_config(tmp_path / "project")
    target = project / "docs" / "reviews"
    target.mkdir()
    if isinstance(reviews, Path):
        for f in sorted(reviews.glob("*.md")):
            shutil.copy(f, target / f.name)
    elif reviews:
        for name, text in reviews.items():
            (target / name).write_text(text, encoding="utf-8")
    return project


def build(project: Path, site: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    site = site or project / "site"
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        cwd=project, env={**ENV, **(env or {})}, capture_output=True, text=True,
    )


def check(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "casebook", "check", *args], cwd=project, env=ENV, capture_output=True, text=True,
    )


class _Text(HTMLParser):
    """The visible text of a page's main article, as a screen reader would read it."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def article_text(html_path: Path) -> str:
    parser = _Text()
    parser.feed(html_path.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", " ".join(parser.parts)).strip()


def page(site: Path, url: str) -> Path:
    return site / url.strip("/") / "index.html" if url.strip("/") else site / "index.html"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The repository's own site, built once for the session."""
    site = tmp_path_factory.mktemp("real") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=ROOT, env=ENV, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The fictional fixture library (tests/fixtures/library/) built as a site."""
    project = make_project(tmp_path_factory.mktemp("fixture-library"), FIXTURES / "library")
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


# More reviews than two pages of the list of reviews hold (casebook.pages.browse.REVIEWS_PER_PAGE).
PAGED_REVIEWS = 230


@pytest.fixture(scope="session")
def paged_site(tmp_path_factory) -> Path:
    """A library of PAGED_REVIEWS fictional reviews from the benchmark's generator (bench/corpus.py),
    short ones, built as a site: the list of reviews runs over three pages. Its reviews are in
    the project's docs/reviews/, beside the site."""
    from bench import corpus

    folder = tmp_path_factory.mktemp("paged-library")
    corpus.write_corpus(folder / "corpus", PAGED_REVIEWS, words=80)
    project = make_project(folder, folder / "corpus")
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


# -- browser tests --------------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    # Without these Chromium reaches out to Google at start; the site itself must make no such request.
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def serve(site: Path):
    """Serve a built site on a free loopback port; returns (base_url, server)."""
    import functools
    import http.server
    import threading

    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


try:
    import http.server as _http_server

    class _QuietHandler(_http_server.SimpleHTTPRequestHandler):
        extensions_map = {**_http_server.SimpleHTTPRequestHandler.extensions_map,
                          ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json"}

        def log_message(self, *args):
            pass
except ImportError:  # pragma: no cover
    pass


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright, shared by the session's browser tests."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does this")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def real_site_url(real_site):
    url, server = serve(real_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def fixture_site_url(fixture_site):
    url, server = serve(fixture_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def paged_site_url(paged_site):
    url, server = serve(paged_site)
    yield url
    server.shutdown()


# The layer of a test is the folder it lives in: tests/unit (the domain package and the check
# command, no site built to be read), tests/build (a site built and read from disk) and
# tests/browser (pages driven in Debian's Chromium). `make test-fast` runs the unit layer only.
_LAYERS = ("unit", "build", "browser")


def pytest_collection_modifyitems(config, items):
    seen = set()
    for item in items:
        layer = Path(str(item.fspath)).parent.name
        if layer in _LAYERS:
            item.add_marker(getattr(pytest.mark, layer))
            seen.add(layer)
    # The whole suite (`make test`) must run every layer: pytest skips folders named 'build' unless
    # pytest.ini says otherwise, which once left tests/build out of `make test` without a word.
    whole = [Path(a).resolve() for a in config.args] == [ROOT / "tests"] and not config.option.keyword and not config.option.markexpr
    missing = [layer for layer in _LAYERS if layer not in seen and any((ROOT / "tests" / layer).glob("test_*.py"))]
    if whole and missing:
        raise pytest.UsageError(f"tests/{missing[0]} was not collected: check norecursedirs in pytest.ini")
