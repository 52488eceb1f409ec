"""One page of every kind the built site has: what the privacy, CSP and accessibility audits visit.

The kinds are read from the built site, so the audits grow as pages land (search, briefings,
data, contributing, any new top-level page) without anyone having to remember to add them. The
foundation's kinds and the two pages every footer links to must exist.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

# The review and theme chosen as examples of their kind: Family B is the real review, and
# information sharing is a theme it has learning under.
REVIEW = "family-b"
THEME = "information-sharing"
# An agency Family B addresses learning to.
AGENCY = "general-practice"
# Top-level folders that hold pages of a kind listed separately, or no pages at all.
NOT_A_KIND = {"reviews", "themes", "agencies", "assets", "javascripts", "stylesheets", "pagefind", "search_index"}


def _built(site: Path, url: str) -> bool:
    path = site / url if url.endswith(".html") else site / url / "index.html"
    return path.is_file()


def _one_under(site: Path, folder: str, preferred: str) -> str | None:
    if _built(site, f"{folder}/{preferred}/"):
        return f"{folder}/{preferred}/"
    candidates = sorted(p.parent.name for p in (site / folder).glob("*/index.html"))
    return f"{folder}/{candidates[0]}/" if candidates else None


def page_types(site: Path) -> dict[str, str]:
    """Kind of page -> its URL relative to the site root, for every kind the site has."""
    review = _one_under(site, "reviews", REVIEW)
    theme = _one_under(site, "themes", THEME)
    kinds = {
        "home": "",
        "review list": "reviews/",
        "review": review,
        "theme list": "themes/",
        "theme": theme,
        "accessibility statement": "accessibility/",
        "privacy notice": "privacy/",
        "not found": "404.html",
    }
    missing = [kind for kind, url in kinds.items() if url is None or not _built(site, url)]
    assert not missing, f"the built site has no page of these kinds: {', '.join(missing)}"
    if _built(site, review + "briefing/"):
        kinds["review briefing"] = review + "briefing/"
    if _built(site, theme + "briefing/"):
        kinds["theme briefing"] = theme + "briefing/"
    if _built(site, "agencies/"):
        kinds["agency list"] = "agencies/"
        agency = _one_under(site, "agencies", AGENCY)
        if agency:
            kinds["agency"] = agency
            if _built(site, agency + "briefing/"):
                kinds["agency briefing"] = agency + "briefing/"
    if _built(site, "actions/"):
        kinds["actions"] = "actions/"
    listed = set(kinds.values())
    for index in sorted(site.glob("*/index.html")):
        url = index.parent.name + "/"
        if index.parent.name not in NOT_A_KIND and url not in listed:
            kinds[index.parent.name] = url
    return kinds


def mkdocs_config() -> dict:
    """The site's mkdocs.yml as data (Python-object tags, if any appear, are read as plain text)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return yaml.safe_load(re.sub(r"!!python/\S+", "", text))


# -- what a reader does on the pages, for the browser audits ----------------------------------------

# A word from Family B's summary: a search for it must find the review.
SEARCH_WORD = "siblings"


def search_from_the_header(page, base_url: str) -> bool:
    """Search from the header box and tick the first filter; False if the site has no search yet."""
    page.goto(base_url)
    box = page.locator(".md-header form[role=search] input[type=search]")
    if not box.count():
        return False
    box.fill(SEARCH_WORD)
    box.press("Enter")
    page.wait_for_url(f"**/search/?q={SEARCH_WORD}*")
    result = page.locator(f"article a[href*='reviews/{REVIEW}/']").first
    result.wait_for(state="visible", timeout=10_000)
    # The filters sit in a closed panel until opened (only then does it load the filter index).
    panel = page.locator("article details[data-cb-facets] > summary")
    if panel.count():
        panel.click()
    tick = page.locator("article fieldset input[type=checkbox]").first
    facet = tick.get_attribute("name") + "="
    tick.check()
    # The chosen filter goes into the address (wait_for_function would need eval, which the CSP forbids).
    page.wait_for_url(lambda url: facet in url, timeout=10_000)
    result.wait_for(state="visible", timeout=10_000)
    return True


def filter_the_review_table(page, base_url: str) -> bool:
    """Choose a filter on /reviews/ and sort by the first column; False if the table has no controls yet."""
    page.goto(base_url + "reviews/")
    choose = page.locator("article form select")
    if not choose.count():
        return False
    # On a narrow screen the filters wait behind a closed "Filter and sort" line.
    closed = page.locator("article details[data-cb-list-filters]:not([open]) > summary")
    if closed.count():
        closed.click()
    choose.first.select_option(index=1)
    page.locator(f"article table a[href*='{REVIEW}/']").first.wait_for(state="visible")
    sort = page.locator("article table th button")
    if sort.count():
        sort.first.click()
    return True


def use_search_and_filters(page, base_url: str) -> None:
    """Search from the header box, tick a filter, then filter and sort the review table, as a reader would.

    Each step asserts that it worked, so that an audit run alongside covers the pages in use, not
    only as first loaded.
    """
    search_from_the_header(page, base_url)
    filter_the_review_table(page, base_url)
