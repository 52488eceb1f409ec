"""/reviews/: a complete table of every review without JavaScript, filtered and sorted with it.

Expected rows come from the fixture files read with plain YAML, not from the casebook package.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from conftest import FIXTURES, page
from test_search import fixture_facets

TIMEOUT = 30_000


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.in_table = False
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "table" and "data-cb-reviews" in dict(attrs):
            self.in_table = True
        if tag == "a" and self.in_table:
            self.hrefs.append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        if tag == "table":
            self.in_table = False


def test_every_link_in_the_table_leads_to_a_page(fixture_site: Path):
    parser = _Links()
    parser.feed(page(fixture_site, "/reviews/").read_text(encoding="utf-8"))
    assert parser.hrefs
    for href in parser.hrefs:
        target = (fixture_site / "reviews" / href).resolve()
        assert (target / "index.html").is_file(), href
    reviews = {h for h in parser.hrefs if not h.startswith("../")}
    assert reviews == {f"{p.stem}/" for p in (FIXTURES / "library").glob("*.md")}


def rows(tab) -> list[str]:
    return tab.locator("table[data-cb-reviews] tbody tr:visible td:first-child").all_inner_texts()


def test_without_javascript_the_table_lists_every_review(browser, fixture_site_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(fixture_site_url + "reviews/")
    titles = rows(tab)
    assert sorted(titles) == sorted(r["title"] for r in fixture_facets().values())
    # The filter form needs the script; without it the reader sees no controls that do nothing.
    assert not tab.locator("form[data-cb-table-filters]").is_visible()
    assert tab.get_by_role("link", name=titles[0]).is_visible()
    context.close()


def test_with_javascript_the_filters_narrow_the_table(browser, fixture_site_url):
    reviews = fixture_facets()
    tab = browser.new_page()
    tab.goto(fixture_site_url + "reviews/")
    tab.locator("form[data-cb-table-filters]").wait_for(state="visible", timeout=TIMEOUT)
    assert len(rows(tab)) == len(reviews)

    # A broader theme keeps the reviews of its narrower themes.
    tab.select_option("#cb-filter-theme", "referrals")
    want = sorted(r["title"] for r in reviews.values() if "referrals" in r["theme"])
    assert sorted(rows(tab)) == want and 0 < len(want) < len(reviews)
    status = tab.locator("[data-cb-table-count]").inner_text()
    assert status == f"Showing {len(want)} review{'s' if len(want) != 1 else ''} of {len(reviews)}."

    # Facets combine; each option's count is what choosing it would show.
    tab.select_option("#cb-filter-theme", "")
    tab.select_option("#cb-filter-nation", "england")
    english = [r for r in reviews.values() if r["nation"] == ["england"]]
    assert sorted(rows(tab)) == sorted(r["title"] for r in english)
    for option in tab.locator("#cb-filter-outcome option").all():
        value = option.get_attribute("value")
        if value:
            n = sum(1 for r in english if r["outcome"] == [value])
            assert option.inner_text().endswith(f"({n})"), option.inner_text()

    tab.get_by_role("button", name="Clear filters").click()
    tab.locator("[data-cb-table-count]").filter(has_text="The library holds").wait_for(timeout=TIMEOUT)
    assert len(rows(tab)) == len(reviews)
    tab.close()


def test_with_javascript_the_columns_sort(browser, fixture_site_url):
    tab = browser.new_page()
    tab.goto(fixture_site_url + "reviews/")
    heading = tab.locator("th[data-sort=title]")
    heading.get_by_role("button").click()
    assert heading.get_attribute("aria-sort") == "ascending"
    titles = rows(tab)
    assert titles == sorted(titles, key=str.lower)
    heading.get_by_role("button").click()
    assert heading.get_attribute("aria-sort") == "descending"
    assert rows(tab) == sorted(titles, key=str.lower, reverse=True)
    # Newest first again; reviews with no stated date stay last.
    tab.locator("th[data-sort=published]").get_by_role("button").click()
    # The cells say dates for people ("March 2021"); rows sort by the ISO date each row carries.
    body = tab.locator("table[data-cb-reviews] tbody tr")
    dates = [body.nth(i).get_attribute("data-published") for i in range(body.count())]
    stated = [d for d in dates if d]
    assert stated and dates == sorted(stated, reverse=True) + [""] * (len(dates) - len(stated))
    shown = tab.locator("table[data-cb-reviews] tbody tr td:nth-child(4)").all_inner_texts()
    assert re.fullmatch(r"(\d{1,2} )?([A-Z][a-z]+ )?\d{4}", shown[0]) and shown[-1] == "Not stated"
    tab.close()
