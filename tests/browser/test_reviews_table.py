"""/reviews/: the list of reviews, complete without JavaScript across its pages of at most a hundred,
newest first; with JavaScript filtered and sorted across every review, the choice kept in the
address; on a phone a list of cards.

Expected rows come from the review files read with plain YAML (test_search.fixture_facets), not
from the casebook package. Two libraries: the fixture library (seven reviews, one page) and a
generated one of 230 fictional reviews (conftest.paged_site, three pages).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from conftest import FIXTURES, PAGED_REVIEWS, page
from test_accessibility import audit, report
from test_search import fixture_facets

TIMEOUT = 30_000
PER_PAGE = 100


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


def status(tab):
    return tab.locator("[data-cb-table-count]")


def wait_for_status(tab, text: str) -> None:
    """Wait until the list says `text` (a locator wait: the site's CSP forbids eval)."""
    status(tab).filter(has_text=text).wait_for(timeout=TIMEOUT)


def showing(n: int, total: int) -> str:
    return f"Showing {n} review{'s' if n != 1 else ''} of {total}."


def newest_first(reviews: dict[str, dict]) -> list[str]:
    """Slugs newest publication first, no stated date last, ties by title (as the list orders them)."""
    stated = sorted((s for s, r in reviews.items() if r["published"]), key=lambda s: reviews[s]["title"].lower())
    stated.sort(key=lambda s: reviews[s]["published"], reverse=True)
    unstated = sorted((s for s, r in reviews.items() if not r["published"]), key=lambda s: reviews[s]["title"].lower())
    return stated + unstated


# -- the fixture library: one page ------------------------------------------------------------------


def test_without_javascript_the_table_lists_every_review(browser, fixture_site_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(fixture_site_url + "reviews/")
    titles = rows(tab)
    reviews = fixture_facets()
    assert titles == [reviews[s]["title"] for s in newest_first(reviews)]
    # The filter form needs the script; without it the reader sees no controls that do nothing.
    assert not tab.locator("form[data-cb-table-filters]").is_visible()
    assert tab.get_by_role("link", name=titles[0]).is_visible()
    # One page holds the whole library: no pages to go through.
    assert not tab.locator("[data-cb-pages]").count()
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
    assert 0 < len(want) < len(reviews)
    wait_for_status(tab, showing(len(want), len(reviews)))
    assert sorted(rows(tab)) == want
    assert status(tab).inner_text() == showing(len(want), len(reviews))
    tab.wait_for_url(re.compile(r"/reviews/\?theme=referrals$"))

    # Facets combine; each option's count is what choosing it would show.
    tab.select_option("#cb-filter-theme", "")
    tab.select_option("#cb-filter-nation", "england")
    english = [r for r in reviews.values() if r["nation"] == ["england"]]
    wait_for_status(tab, showing(len(english), len(reviews)))
    assert sorted(rows(tab)) == sorted(r["title"] for r in english)
    for option in tab.locator("#cb-filter-outcome option").all():
        value = option.get_attribute("value")
        if value:
            n = sum(1 for r in english if r["outcome"] == [value])
            assert option.inner_text().endswith(f"({n})"), option.inner_text()

    tab.get_by_role("button", name="Clear filters").click()
    wait_for_status(tab, "The library holds")
    assert len(rows(tab)) == len(reviews)
    # Back to the list as built: the address has no filters left.
    tab.wait_for_url(re.compile(r"/reviews/$"))
    tab.close()


def test_a_filtered_address_opens_the_list_filtered(browser, fixture_site_url):
    """/reviews/?theme=joint-meetings, as a shared link: the list opens with that filter chosen."""
    reviews = fixture_facets()
    want = [reviews[s]["title"] for s in newest_first(reviews) if "joint-meetings" in reviews[s]["theme"]]
    assert 0 < len(want) < len(reviews)
    tab = browser.new_page()
    tab.goto(fixture_site_url + "reviews/?theme=joint-meetings")
    wait_for_status(tab, showing(len(want), len(reviews)))
    assert rows(tab) == want
    assert tab.locator("#cb-filter-theme").input_value() == "joint-meetings"
    assert tab.locator("form[data-cb-table-filters]").is_visible()
    tab.close()


def test_the_order_is_kept_in_the_address_too(browser, fixture_site_url):
    reviews = fixture_facets()
    tab = browser.new_page()
    tab.goto(fixture_site_url + "reviews/?nation=england&sort=title&order=descending")
    english = sorted((r["title"] for r in reviews.values() if r["nation"] == ["england"]), key=str.lower, reverse=True)
    wait_for_status(tab, showing(len(english), len(reviews)))
    assert rows(tab) == english
    assert tab.locator("th[data-sort=title]").get_attribute("aria-sort") == "descending"
    tab.select_option("#cb-sort", "published:ascending")
    tab.wait_for_url(re.compile(r"\?nation=england&sort=published&order=ascending$"))
    tab.close()


def test_the_index_is_loaded_only_when_the_reader_filters_or_sorts(browser, fixture_site_url):
    tab = browser.new_page()
    loaded: list[str] = []
    tab.on("requestfinished", lambda request: loaded.append(request.url))
    tab.goto(fixture_site_url + "reviews/")
    tab.wait_for_load_state("networkidle")
    assert not [u for u in loaded if u.endswith("/reviews/index.json")]
    tab.locator("th[data-sort=title]").get_by_role("button").click()
    wait_for_status(tab, "Title, A to Z")
    assert len([u for u in loaded if u.endswith("/reviews/index.json")]) == 1
    tab.select_option("#cb-filter-nation", "england")
    wait_for_status(tab, "Showing")
    assert len([u for u in loaded if u.endswith("/reviews/index.json")]) == 1
    tab.close()


def test_with_javascript_the_columns_sort(browser, fixture_site_url):
    reviews = fixture_facets()
    tab = browser.new_page()
    tab.goto(fixture_site_url + "reviews/")
    heading = tab.locator("th[data-sort=title]")
    heading.get_by_role("button").click()
    wait_for_status(tab, "Title, A to Z")
    assert heading.get_attribute("aria-sort") == "ascending"
    titles = rows(tab)
    assert titles == sorted(titles, key=str.lower) and len(titles) == len(reviews)
    heading.get_by_role("button").click()
    wait_for_status(tab, "Title, Z to A")
    assert heading.get_attribute("aria-sort") == "descending"
    assert rows(tab) == sorted(titles, key=str.lower, reverse=True)
    # Oldest first; reviews with no stated date stay last whichever way dates are sorted.
    published = tab.locator("th[data-sort=published]")
    published.get_by_role("button").click()
    assert published.get_attribute("aria-sort") == "descending"
    published.get_by_role("button").click()
    wait_for_status(tab, "Oldest first")
    assert published.get_attribute("aria-sort") == "ascending"
    by_title = {r["title"]: r for r in reviews.values()}
    dates = [by_title[t]["published"] for t in rows(tab)]
    stated = [d for d in dates if d]
    assert stated and dates == sorted(stated) + [""] * (len(dates) - len(stated))
    # The cells say dates for people ("March 2021").
    shown = tab.locator("table[data-cb-reviews] tbody tr td:nth-child(4)").all_inner_texts()
    assert re.fullmatch(r"(\d{1,2} )?([A-Z][a-z]+ )?\d{4}", shown[0]) and shown[-1] == "Not stated"
    tab.close()


def test_on_a_phone_the_list_is_cards_and_does_not_scroll_sideways(browser, fixture_site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(fixture_site_url + "reviews/")
    tab.wait_for_load_state("networkidle")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    # The headings are out of sight; each review is a block with its facts labelled.
    assert not tab.locator("table[data-cb-reviews] thead").is_visible() or \
        tab.locator("table[data-cb-reviews] thead").bounding_box()["height"] <= 1
    first, second = tab.locator("table[data-cb-reviews] tbody tr").nth(0), tab.locator("table[data-cb-reviews] tbody tr").nth(1)
    assert first.bounding_box()["width"] > 300
    assert second.bounding_box()["y"] >= first.bounding_box()["y"] + first.bounding_box()["height"] - 1
    type_cell = first.locator("td").nth(1)
    assert type_cell.bounding_box()["y"] > first.locator("td").nth(0).bounding_box()["y"]
    assert tab.evaluate("getComputedStyle(document.querySelector('table[data-cb-reviews] tbody td:nth-child(2)'), '::before').content") == '"Type: "'
    # The filters wait behind one line until opened, so that the first reviews are on the first screen.
    assert not tab.locator("form[data-cb-table-filters]").is_visible()
    assert first.bounding_box()["y"] < 844
    tab.locator("[data-cb-list-filters] > summary").click()
    assert tab.locator("form[data-cb-table-filters]").is_visible()
    context.close()


# -- a library of 230 reviews: three pages --------------------------------------------------------


def paged_reviews(paged_site: Path) -> dict[str, dict]:
    return fixture_facets(paged_site.parent / "docs" / "reviews")


def test_without_javascript_the_pages_list_every_review_newest_first(browser, paged_site, paged_site_url):
    reviews = paged_reviews(paged_site)
    assert len(reviews) == PAGED_REVIEWS
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(paged_site_url + "reviews/")
    seen: list[str] = []
    pages = 0
    while True:
        pages += 1
        titles = rows(tab)
        assert 0 < len(titles) <= PER_PAGE
        seen += titles
        first = (pages - 1) * PER_PAGE + 1
        assert f"page {pages} of 3: reviews {first} to {first + len(titles) - 1}." in status(tab).inner_text()
        assert tab.locator("[data-cb-pages] a[aria-current=page]").inner_text() == str(pages)
        following = tab.get_by_role("link", name="Next page")
        if not following.count():
            break
        following.click()
        tab.wait_for_load_state()
    assert pages == 3
    assert seen == [reviews[s]["title"] for s in newest_first(reviews)]
    # And back: the last page links to the one before it.
    tab.get_by_role("link", name="Previous page").click()
    assert tab.url.endswith("/reviews/page/2/")
    assert tab.title().startswith("Reviews: page 2 of 3")
    context.close()


def test_filtering_on_a_later_page_lists_matches_from_every_page(browser, paged_site, paged_site_url):
    reviews = paged_reviews(paged_site)
    want = [reviews[s]["title"] for s in newest_first(reviews) if reviews[s]["nation"] == ["wales"]]
    assert 0 < len(want) < PER_PAGE
    tab = browser.new_page()
    tab.goto(paged_site_url + "reviews/page/3/")
    tab.select_option("#cb-filter-nation", "wales")
    wait_for_status(tab, showing(len(want), PAGED_REVIEWS))
    assert rows(tab) == want
    # A filtered list is the library's, not the page's: its address is /reviews/, and the pages
    # of the unfiltered list are out of the way.
    tab.wait_for_url(re.compile(r"/reviews/\?nation=wales$"))
    assert not tab.locator("[data-cb-pages]").is_visible()
    tab.close()


def test_a_long_filtered_list_shows_a_hundred_at_a_time(browser, paged_site, paged_site_url):
    reviews = paged_reviews(paged_site)
    want = sorted((r["title"] for r in reviews.values() if r["nation"] == ["england"]), key=str.lower)
    assert len(want) > PER_PAGE
    tab = browser.new_page()
    tab.goto(paged_site_url + "reviews/?nation=england&sort=title")
    wait_for_status(tab, showing(len(want), PAGED_REVIEWS))
    assert rows(tab) == want[:PER_PAGE]
    more = tab.get_by_role("button", name=re.compile("Show more reviews"))
    more.click()
    tab.locator("table[data-cb-reviews] tbody tr").nth(PER_PAGE).wait_for(timeout=TIMEOUT)
    assert rows(tab) == want[:2 * PER_PAGE]
    tab.close()


def test_the_list_pages_have_no_axe_violations_in_use(browser, paged_site_url):
    """A later page (its page links included) as loaded, then filtered, at desktop and phone widths."""
    failures = []
    for width, height in ((1280, 900), (390, 844)):
        context = browser.new_context(viewport={"width": width, "height": height})
        tab = context.new_page()
        tab.goto(paged_site_url + "reviews/page/2/")
        tab.wait_for_load_state("networkidle")
        failures += [f"page 2 at {width} px:\n{report(v)}" for v in [audit(tab)] if v]
        summary = tab.locator("[data-cb-list-filters] > summary")
        if not tab.locator("form[data-cb-table-filters]").is_visible():
            summary.click()
        tab.select_option("#cb-filter-nation", "england")
        wait_for_status(tab, "Showing")
        failures += [f"page 2 filtered at {width} px:\n{report(v)}" for v in [audit(tab)] if v]
        context.close()
    assert not failures, "\n".join(failures)
