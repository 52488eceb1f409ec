"""Every link on every theme page lands on a page and an anchor that exist in the built site.

Theme pages write their long parts (every learning point quoted, every review listed) as HTML with
relative URLs computed by casebook/pages/themes.py, which MkDocs does not validate: a broken `#learning-N`
would pass the strict build. This test resolves every link of the built pages instead.
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest


class _LinksAndIds(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        if tag == "a" and attrs.get("href") is not None:
            self.links.append(attrs["href"])

    handle_startendtag = handle_starttag


def _parse(path: Path) -> _LinksAndIds:
    parser = _LinksAndIds()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _url_of(site: Path, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def broken_links(site: Path, pages: list[Path]) -> list[str]:
    """Each link of `pages` whose target file or anchor is missing from `site`, as 'page -> href: why'."""
    parsed: dict[Path, _LinksAndIds] = {}
    problems = []
    for source in pages:
        base = _url_of(site, source)
        for href in _parse(source).links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue  # another site's page: not ours to check, and no network in tests
            url = urlsplit(urljoin("http://site" + base, href))
            target = site / unquote(url.path).lstrip("/")
            if url.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                problems.append(f"{base} -> {href}: no such page")
                continue
            if url.fragment and target.suffix == ".html":
                if target not in parsed:
                    parsed[target] = _parse(target)
                if unquote(url.fragment) not in parsed[target].ids:
                    problems.append(f"{base} -> {href}: no id {url.fragment!r} on {_url_of(site, target)}")
    return problems


def theme_pages(site: Path) -> list[Path]:
    """The theme index, every theme page and every theme briefing."""
    return sorted((site / "themes").rglob("index.html"))


def test_every_link_on_every_theme_page_resolves(fixture_site: Path):
    pages = theme_pages(fixture_site)
    assert len(pages) > 20
    assert broken_links(fixture_site, pages) == []


def test_the_check_covers_the_learning_links(fixture_site: Path):
    # Not vacuous: theme pages link to learning anchors on review pages, and those are checked.
    hrefs = [h for p in theme_pages(fixture_site) for h in _parse(p).links]
    assert sum(1 for h in hrefs if h.startswith("../../reviews/") and "#learning-" in h) > 10


def test_a_broken_anchor_on_a_theme_page_fails(fixture_site: Path, tmp_path: Path):
    site = tmp_path / "site"
    shutil.copytree(fixture_site, site)
    theme = site / "themes" / "information-sharing" / "index.html"
    html = theme.read_text(encoding="utf-8")
    assert "/#learning-1\"" in html
    theme.write_text(html.replace("/#learning-1\"", "/#learning-99\"", 1), encoding="utf-8")
    problems = broken_links(site, [theme])
    assert len(problems) == 1 and "no id 'learning-99'" in problems[0]
    theme.write_text(html.replace('href="../../reviews/', 'href="../../reviews/no-such-', 1), encoding="utf-8")
    assert any("no such page" in p for p in broken_links(site, [theme]))


@pytest.mark.parametrize("href", ["https://example.org/#x", "mailto:someone@example.org"])
def test_links_to_other_sites_are_not_followed(tmp_path: Path, href: str):
    (tmp_path / "themes").mkdir()
    page = tmp_path / "themes" / "index.html"
    page.write_text(f'<a href="{href}">elsewhere</a>', encoding="utf-8")
    assert broken_links(tmp_path, [page]) == []


def test_theme_page_blocks_set_aside_from_markdown_come_back_whole():
    # The adapter hands Python-Markdown a theme page without its big HTML blocks and puts them
    # back afterwards: nothing may be lost, and a lost placeholder must stop the build.
    from casebook.pages import themes as pages
    from casebook.library.collection import load_project
    from conftest import FIXTURES, ROOT

    library = load_project(ROOT, [FIXTURES / "library"])
    markdown = pages.theme_page(library, "information-sharing")
    shortened, blocks = pages.set_aside_blocks(markdown)
    assert len(blocks) == 2 and "<blockquote>" not in shortened and "../../reviews/" not in shortened
    assert pages.put_back_blocks(shortened, blocks) == markdown
    with pytest.raises(ValueError):
        pages.put_back_blocks(shortened.replace('data-cb-block="1"', ""), blocks)
