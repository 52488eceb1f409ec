"""Theme pages over the fictional fixture library list exactly the right learning and reviews.

The expected figures are computed here from the fixture files and the vocabulary with plain YAML,
independently of the casebook package.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, page
from fixture_corpus import THEMES, ancestors_and_self


def fixture_reviews() -> list[dict]:
    reviews = []
    for path in sorted((FIXTURES / "library").glob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        meta["slug"] = path.stem
        reviews.append(meta)
    return reviews


def expected(slug: str) -> tuple[set[tuple[str, int]], set[str]]:
    learning, reviews = set(), set()
    for r in fixture_reviews():
        tagged = set(r["themes"])
        for n, lp in enumerate(r["learning"], 1):
            lp_themes = set().union(*(ancestors_and_self(t) for t in lp["themes"]))
            tagged |= set(lp["themes"])
            if slug in lp_themes:
                learning.add((r["slug"], n))
        if slug in set().union(*(ancestors_and_self(t) for t in tagged)):
            reviews.add(r["slug"])
    return learning, reviews


class Sections(HTMLParser):
    """Links under each h2 of a theme page."""

    def __init__(self):
        super().__init__()
        self.section = None
        self.links: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h2":
            self.section = attrs.get("id")
        if tag == "a" and self.section and attrs.get("href", "").startswith("../../reviews/"):
            self.links.setdefault(self.section, []).append(attrs["href"])


def theme_links(site: Path, slug: str) -> dict[str, list[str]]:
    parser = Sections()
    parser.feed(page(site, f"/themes/{slug}/").read_text(encoding="utf-8"))
    return parser.links


@pytest.mark.parametrize("slug", sorted(THEMES))
def test_theme_page_lists_exactly_the_right_learning_and_reviews(fixture_site: Path, slug: str):
    want_learning, want_reviews = expected(slug)
    links = theme_links(fixture_site, slug)
    # The learning section links each point to its anchor, and each group's heading to its review.
    point_links = [href for href in links.get("learning", []) if "#" in href]
    got_learning = {
        (m.group(1), int(m.group(2)))
        for href in point_links
        for m in [re.match(r"\.\./\.\./reviews/([a-z0-9-]+)/#learning-(\d+)$", href)]
    }
    assert got_learning == want_learning
    assert len(point_links) == len(want_learning)  # each point once
    heading_links = [href for href in links.get("learning", []) if "#" not in href]
    assert {href.split("/")[3] for href in heading_links} == {review for review, _ in want_learning}
    assert len(heading_links) == len({review for review, _ in want_learning})  # each review named once
    got_reviews = {href.split("/")[3] for href in links.get("reviews", [])}
    assert got_reviews == want_reviews
    text = page(fixture_site, f"/themes/{slug}/").read_text(encoding="utf-8")
    r, n = len(want_reviews), len(want_learning)
    if not r:  # an empty theme says so in words, not "0 reviews and 0 learning points"
        assert "No review in the library has this theme yet" in text and "0 reviews" not in text
        assert not (fixture_site / "themes" / slug / "briefing").exists()
    else:
        assert f"{r} review{'s' if r != 1 else ''} and {n} learning point{'s' if n != 1 else ''}" in text


def test_every_learning_link_lands_on_an_anchor(fixture_site: Path):
    for slug in THEMES:
        for href in [h for h in theme_links(fixture_site, slug).get("learning", []) if "#" in h]:
            review, anchor = re.match(r"\.\./\.\./reviews/([a-z0-9-]+)/#(.+)$", href).groups()
            assert f'id="{anchor}"' in page(fixture_site, f"/reviews/{review}/").read_text(encoding="utf-8")


def test_theme_index_counts_every_theme(fixture_site: Path):
    text = page(fixture_site, "/themes/").read_text(encoding="utf-8")
    for slug in ("multi-agency-working", "risk-assessment", "self-neglect"):
        want_learning, want_reviews = expected(slug)
        r, n = len(want_reviews), len(want_learning)
        name = THEMES[slug]["name"]
        assert re.search(rf">{re.escape(name)}</a>:[^(]*\({r} reviews?, {n} learning points?\)", text), slug


def test_theme_index_lists_empty_themes_without_a_link(fixture_site: Path):
    text = page(fixture_site, "/themes/").read_text(encoding="utf-8")
    empty = [slug for slug in THEMES if not expected(slug)[1]]
    assert empty, "the fixture library leaves some themes without reviews"
    for slug in empty:
        assert f'href="{slug}/"' not in text, slug
        assert re.search(rf"<li>{re.escape(html.escape(THEMES[slug]['name']))}:[^<]*\(no reviews yet\)", text), slug


def test_reviews_index_lists_every_review(fixture_site: Path):
    text = page(fixture_site, "/reviews/").read_text(encoding="utf-8")
    for r in fixture_reviews():
        assert f'href="{r["slug"]}/"' in text


def test_a_review_page_does_not_grow_with_the_library(tmp_path: Path):
    from conftest import build, make_project

    base = (FIXTURES / "library" / "child-c.md").read_text(encoding="utf-8")
    small = {"child-c.md": base}
    large = dict(small)
    for i in range(60):
        large[f"copy-{i}.md"] = base.replace("Child C: a fictional review", f"Copy {i}: a fictional review")
    sizes = []
    for name, reviews in (("small", small), ("large", large)):
        project = make_project(tmp_path / name, reviews)
        result = build(project)
        assert result.returncode == 0, result.stderr
        sizes.append(len(page(project / "site", "/reviews/child-c/").read_bytes()))
    # Related reviews (at most five) may differ; a sidebar entry per review would add ~60 links.
    assert sizes[1] - sizes[0] < 4000


def test_dates_read_as_people_write_them_on_every_page(fixture_site: Path):
    """Child A was published "2021-03", Family D "2018-11-02": pages say March 2021 and 2 November 2018."""
    from conftest import article_text

    for url in ("/reviews/child-a/", "/reviews/", "/themes/information-sharing/", "/reviews/child-a/briefing/", "/"):
        text = article_text(page(fixture_site, url))
        assert "March 2021" in text and "2021-03" not in text, url
    assert "2 November 2018" in article_text(page(fixture_site, "/reviews/family-d/"))
    # One wording for a date not stated in running text, after a title.
    for url in ("/themes/information-sharing/", "/themes/information-sharing/briefing/"):
        text = article_text(page(fixture_site, url))
        assert "(Not stated)" not in text and "publication date not stated" in text, url
