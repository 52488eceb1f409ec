"""/feed.xml: an Atom feed a real feed parser reads, with the fixture reviews in the right order and
the review whose publication date is not stated left out."""

from __future__ import annotations

import shutil
from pathlib import Path

import feedparser

from conftest import FIXTURES, ROOT
from fixture_corpus import NOT_STATED, SITE_URL, THEMES, fixture_reviews, newest_first


def parse(site: Path):
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_the_feed_lists_dated_reviews_newest_first(fixture_site: Path):
    feed = parse(fixture_site)
    want = [r for r in newest_first(fixture_reviews()) if r["published"] != NOT_STATED]
    assert [e.id for e in feed.entries] == [f"{SITE_URL}reviews/{r['slug']}/" for r in want]
    for entry, review in zip(feed.entries, want):
        assert entry.title == review["title"]
        assert entry.link == f"{SITE_URL}reviews/{review['slug']}/"
        assert entry.summary == review["summary"]
        # A year or a month alone is dated to its first day.
        year, month, day = (review["published"].split("-") + ["01", "01"])[:3]
        assert entry.published_parsed[:3] == (int(year), int(month), int(day))
        assert entry.updated_parsed[:3] == (int(year), int(month), int(day))
        assert [t.term for t in entry.tags] == review["all_themes"]
        assert [t.label for t in entry.tags] == [THEMES[s]["name"] for s in review["all_themes"]]
        if review["publisher"] != NOT_STATED:
            assert entry.author == review["publisher"]


def test_a_review_without_a_publication_date_is_not_in_the_feed(fixture_site: Path):
    ids = [e.id for e in parse(fixture_site).entries]
    undated = [r["slug"] for r in fixture_reviews() if r["published"] == NOT_STATED]
    assert undated, "the fixture library must hold a review with no publication date"
    for slug in undated:
        assert f"{SITE_URL}reviews/{slug}/" not in ids
        assert (fixture_site / "reviews" / slug / "index.html").exists()


def test_the_feed_has_what_rfc_4287_requires(fixture_site: Path):
    feed = parse(fixture_site).feed
    assert feed.id == SITE_URL
    assert feed.title and feed.updated_parsed
    assert {(link.rel, link.href) for link in feed.links} >= {("self", f"{SITE_URL}feed.xml"), ("alternate", f"{SITE_URL}reviews/")}
    assert feed.author == "Casebook"


def test_the_real_feed_is_valid_and_leaves_out_family_b(real_site: Path):
    # Family B's publication date is not stated: it is not in the feed, which is still valid Atom.
    feed = parse(real_site)
    assert [e.id for e in feed.entries if "family-b" in e.id] == []
    # Feed readers find it from any page.
    for url, href in (("index.html", "feed.xml"), ("reviews/family-b/index.html", "../../feed.xml")):
        html = (real_site / url).read_text(encoding="utf-8")
        assert f'<link rel="alternate feed" type="application/atom+xml" title="Casebook: new reviews" href="{href}">' in html


def test_the_feed_link_does_not_make_every_page_fetch_the_sitemap(browser, real_site_url):
    """Material fetches sitemap.xml for each link[rel=alternate]; it grows with the library."""
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(real_site_url + "reviews/family-b/", wait_until="networkidle")
    assert page.locator('link[type="application/atom+xml"]').count() == 1
    assert [u for u in requested if u.endswith("sitemap.xml")] == []
    page.close()


def test_the_feed_keeps_the_newest_fifty(tmp_path: Path):
    from casebook.exports.feed import FEED_SIZE, feed_reviews
    from casebook.library.collection import load_library
    from casebook.model.vocabulary import load_vocabulary

    base = (FIXTURES / "library" / "child-c.md").read_text(encoding="utf-8")
    for i in range(FEED_SIZE + 5):
        year = 1960 + i
        text = base.replace("Child C: a fictional review", f"Copy {i}: a fictional review").replace('published: "2019"', f'published: "{year}"')
        (tmp_path / f"copy-{i}.md").write_text(text, encoding="utf-8")
    shutil.copy(FIXTURES / "library" / "family-h.md", tmp_path / "family-h.md")
    library = load_library([tmp_path], load_vocabulary(ROOT / "vocabulary"))
    assert not library.errors
    chosen = feed_reviews(library)
    assert len(chosen) == FEED_SIZE
    assert [r.published for r in chosen] == [str(1960 + i) for i in range(FEED_SIZE + 4, 4, -1)]
