"""No page makes any request to another website, and the privacy notice tells the truth.

Two ways of looking: a scan of every built file for resources loaded from elsewhere (scripts,
stylesheets, images, frames, CSS url() and @import), and Chromium visiting every kind of page,
using the palette toggle and search, recording every request the page makes. Links (<a href>) to
other sites are fine: they are only followed when the reader chooses to.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT
from site_pages import mkdocs_config, page_types, use_search_and_filters

SITE_URL = mkdocs_config()["site_url"]

# Attributes through which a browser fetches something by itself, by tag.
LOADING = {
    "script": ("src",), "link": ("href",), "img": ("src", "srcset"), "iframe": ("src",),
    "frame": ("src",), "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",),
    "track": ("src",), "embed": ("src",), "object": ("data",), "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"), "input": ("src",), "form": ("action",),
}
# <link rel> values the browser never fetches: they name the page, they do not load it.
NOT_FETCHED = {"canonical", "alternate", "feed", "prev", "next", "author", "license", "me"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+(?:url\()?\s*['"]([^'"]+)""", re.IGNORECASE)


def _is_elsewhere(url: str) -> bool:
    """True for a URL on another origin than the site's own (relative URLs and data: are the site's)."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme in ("", "data", "blob", "about") and not url.startswith("//"):
        return False
    own = urlsplit(SITE_URL)
    return (parts.scheme or own.scheme, parts.netloc) != (own.scheme, own.netloc)


class _Loads(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = set((attrs.get("rel") or "").lower().split())
        if tag == "link" and rel and rel <= NOT_FETCHED:
            return
        for name in LOADING.get(tag, ()):
            for url in re.split(r",\s*", attrs.get(name) or ""):
                url = url.split()[0] if url.strip() else ""
                if url and _is_elsewhere(url):
                    self.found.append(f"<{tag} {name}={url!r}>")
        for url in CSS_URL.findall(attrs.get("style") or ""):
            self.found.extend(f"<{tag} style url({u})>" for u in url if u and _is_elsewhere(u))

    def handle_data(self, data):
        for groups in CSS_URL.findall(data):
            self.found.extend(f"<style> {u}" for u in groups if u and _is_elsewhere(u))


def test_the_scanner_finds_what_it_is_for():
    parser = _Loads()
    parser.feed('<link rel="stylesheet" href="https://fonts.googleapis.com/css"><img src="//cdn.example/x.png">'
                '<style>@import "https://cdn.example/a.css"; b{background:url(https://x.example/i.png)}</style>'
                '<link rel="canonical" href="https://elsewhere.example/"><a href="https://www.nspcc.org.uk/">ok</a>'
                '<script src="assets/a.js"></script><img src="data:image/png;base64,AAAA">')
    assert len(parser.found) == 4, parser.found


@pytest.mark.parametrize("site_fixture", ["real_site", "fixture_site"])
def test_no_built_file_loads_anything_from_another_site(site_fixture, request):
    site: Path = request.getfixturevalue(site_fixture)
    found: list[str] = []
    for path in sorted(site.rglob("*.html")):
        parser = _Loads()
        parser.feed(path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(site)}: {f}" for f in parser.found]
    stylesheets = sorted(site.rglob("*.css"))
    assert stylesheets
    for path in stylesheets:
        for groups in CSS_URL.findall(path.read_text(encoding="utf-8")):
            found += [f"{path.relative_to(site)}: {u}" for u in groups if u and _is_elsewhere(u)]
    assert found == []


def test_no_google_fonts_and_no_github_api():
    config = mkdocs_config()
    # theme.font: false stops Material loading Google Fonts; without repo_url its JavaScript never
    # asks the GitHub API for stars and forks from the reader's browser.
    assert config["theme"]["font"] is False
    assert "repo_url" not in config
    assert "analytics" not in (config.get("extra") or {})


# -- in the browser ---------------------------------------------------------------------------------

class Recorder:
    """Every request a browser context makes, and the ones that went to another origin."""

    def __init__(self, context, own: str):
        self.own = own
        self.requests: list[str] = []
        context.on("request", lambda r: self.requests.append(r.url))

    @property
    def elsewhere(self) -> list[str]:
        return [u for u in self.requests if not (u.startswith(self.own) or u.split(":")[0] in ("data", "blob"))]


def test_no_page_requests_anything_from_another_origin(browser, real_site, real_site_url):
    context = browser.new_context()
    recorder = Recorder(context, real_site_url)
    page = context.new_page()
    visited = []
    for kind, url in page_types(real_site).items():
        page.goto(real_site_url + url)
        page.wait_for_load_state("networkidle")
        visited.append(kind)
    # Search (Pagefind's index, worker and WebAssembly), the filters and the palette toggle, in use.
    use_search_and_filters(page, real_site_url)
    page.goto(real_site_url)
    page.locator("label.md-header__button:visible[for^='__palette']").click()
    page.wait_for_load_state("networkidle")
    assert any("/pagefind/" in u for u in recorder.requests) or "search" not in page_types(real_site)
    assert len(recorder.requests) > 3 * len(visited), "the recorder saw too few requests to be trusted"
    assert recorder.elsewhere == [], f"requests to other origins: {recorder.elsewhere}"
    context.close()


def test_the_privacy_notice_is_true(browser, real_site, real_site_url):
    """No cookies, and nothing in the browser's storage but the colour scheme, after every page, search and filter."""
    context = browser.new_context()
    page = context.new_page()
    for url in page_types(real_site).values():
        page.goto(real_site_url + url)
        page.wait_for_load_state("networkidle")
    use_search_and_filters(page, real_site_url)
    page.goto(real_site_url)
    page.locator("label.md-header__button:visible[for^='__palette']").click()
    page.wait_for_load_state("networkidle")
    assert context.cookies() == []
    assert page.evaluate("document.cookie") == ""
    local = page.evaluate("Object.keys(localStorage)")
    assert local and all(key.endswith(".__palette") for key in local), local
    assert page.evaluate("Object.keys(sessionStorage)") == []
    notice = (ROOT / "docs" / "privacy.md").read_text(encoding="utf-8")
    assert "sets no cookies" in notice and "local storage" in notice
    context.close()
