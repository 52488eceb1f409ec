"""Theme pages' cross-review figures (co-occurring themes, reviews by year as SVG and table), learning
grouped by review, questions for reflection, and the home page's counts, over the fixture library."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import page
from fixture_corpus import (
    THEMES, by_year, co_occurring, fixture_reviews, newest_first, sections, theme_learning, theme_reviews,
)

REVIEWS = fixture_reviews()
NAME_TO_SLUG = {t["name"]: slug for slug, t in THEMES.items()}


def test_co_occurring_themes_and_counts_equal_the_fixture_files(fixture_site: Path):
    checked_counts = set()
    for slug in THEMES:
        s = sections(page(fixture_site, f"/themes/{slug}/"))
        text = s.section_text("co-occurring")
        got = {}
        for href, count in zip(
            [h for h in s.links.get("co-occurring", [])],
            re.findall(r": (\d+) reviews?\b", text),
        ):
            got[href.strip("/").split("/")[-1]] = int(count)
        want = co_occurring(slug, REVIEWS)
        assert got == want, slug
        checked_counts |= set(want.values())
    assert max(checked_counts) > 1, "the fixtures must give some pair of themes more than one review"


class Chart(HTMLParser):
    """The by-year block: the SVG's role, title and description, its bars, and the table's rows."""

    def __init__(self):
        super().__init__()
        self.svg: dict = {}
        self.stack: list[str] = []
        self.title = self.desc = ""
        self.rects = 0
        self.rows: list[list[str]] = []
        self.caption = ""
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        if tag == "svg" and "cb-chart" in (dict(attrs).get("class") or ""):
            self.svg = dict(attrs)
        if tag == "rect":
            self.rects += 1
        if tag == "tr":
            self.rows.append([])
        if tag == "script":
            self.scripts += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.stack.pop()

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data):
        if not self.stack:
            return
        where = self.stack[-1]
        if where == "title" and "svg" in self.stack:
            self.title += data
        elif where == "desc":
            self.desc += data
        elif where == "caption":
            self.caption += data
        elif where in ("td", "th") and self.rows and "table" in self.stack:
            self.rows[-1].append(data.strip())


def chart(site: Path, slug: str) -> Chart:
    html = page(site, f"/themes/{slug}/").read_text(encoding="utf-8")
    block = re.search(r'<div class="cb-by-year">.*?</table></div>', html, re.S)
    assert block, slug
    parser = Chart()
    parser.feed(block.group(0))
    return parser


@pytest.mark.parametrize("slug", ["information-sharing", "multi-agency-working", "domestic-abuse", "self-neglect"])
def test_reviews_by_year_equal_the_fixture_files_in_the_chart_and_its_table(fixture_site: Path, slug: str):
    want = by_year(slug, REVIEWS)
    c = chart(fixture_site, slug)
    assert c.rows[0] == ["Year", "Reviews"]
    assert [(label, int(n)) for label, n in c.rows[1:]] == want
    # The SVG says the same figures, for those who cannot see the bars.
    assert c.svg.get("role") == "img" and c.svg.get("aria-labelledby")
    assert THEMES[slug]["name"] in c.title and c.title == c.caption
    for label, n in want:
        assert f"{label}: {n} review{'s' if n != 1 else ''}" in c.desc
    assert c.rects == sum(1 for _, n in want if n)
    assert c.scripts == 0


def test_the_fixtures_give_empty_years_unstated_dates_and_busy_years():
    # Multi-agency working: 2018, 2019, none in 2020, 2021. Information sharing: three reviews in
    # 2021 (Child A, F, G) and one with no date (Family H).
    assert ("2020", 0) in by_year("multi-agency-working", REVIEWS)
    assert by_year("information-sharing", REVIEWS) == [("2021", 3), ("Not stated", 1)]


@pytest.mark.parametrize("slug", ["information-sharing", "multi-agency-working"])
def test_learning_is_grouped_under_each_review_newest_first(fixture_site: Path, slug: str):
    s = sections(page(fixture_site, f"/themes/{slug}/"))
    order = [r["slug"] for r in newest_first(REVIEWS)]
    learning = sorted(theme_learning(slug, REVIEWS), key=lambda p: (order.index(p[0]), p[1]))
    titles = {r["slug"]: r["title"] for r in REVIEWS}
    groups = list(dict.fromkeys(r for r, _ in learning))
    assert [h.split(" (")[0].strip() for h in s.h3["learning"]] == [titles[r] for r in groups]
    # Each group's heading links to its review (named once), then each point to its anchor.
    want_links = []
    for r, n in learning:
        if f"../../reviews/{r}/" not in want_links:
            want_links.append(f"../../reviews/{r}/")
        want_links.append(f"../../reviews/{r}/#learning-{n}")
    assert [h for h in s.links["learning"]] == want_links


def test_every_theme_page_has_its_questions_for_reflection(fixture_site: Path):
    for slug, theme in THEMES.items():
        text = sections(page(fixture_site, f"/themes/{slug}/")).section_text("questions")
        for question in theme.get("questions", []):
            assert question in text, slug


def test_the_home_page_gives_counts_themes_and_the_newest_reviews(fixture_site: Path):
    html = page(fixture_site, "/").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
    n_learning = sum(len(r["learning"]) for r in REVIEWS)
    assert f"The library holds {len(REVIEWS)} reviews, {n_learning} learning points and {len(THEMES)} themes" in text
    newest = [r["slug"] for r in newest_first(REVIEWS)[:5]]
    assert re.findall(r'href="reviews/([a-z0-9-]+)/"', html) == newest
    # The themes with the most learning, and only themes that have some.
    counts = sorted(((len(theme_learning(slug, REVIEWS)), slug) for slug in THEMES), key=lambda p: -p[0])
    top = re.findall(r'href="themes/([a-z0-9-]+)/">[^<]*</a>: (\d+) reviews?, (\d+) learning points?', html)
    assert len(top) == min(10, sum(1 for n, _ in counts if n))
    for slug, n, k in top:
        assert int(n) == len(theme_reviews(slug, REVIEWS)) and int(k) == len(theme_learning(slug, REVIEWS)) > 0
    assert [int(k) for _, _, k in top] == [n for n, _ in counts[:10]]
    # A visible way to contribute.
    assert 'href="contributing/"' in html
