"""/actions/ in Chromium, over the fictional library tests/fixtures/actions/ built on 1 June 2025: every
recommendation listed without JavaScript; with it, filters by status, owner, publisher and overdue
that show exactly the rows the fixture files give, kept in the address; axe finds nothing, in either palette.
"""

from __future__ import annotations

import pytest

from actions_corpus import AGENCIES, EXPECTED, build_actions_site
from conftest import serve
from test_accessibility import PALETTES, audit, report


@pytest.fixture(scope="module")
def actions_url(tmp_path_factory):
    url, server = serve(build_actions_site(tmp_path_factory.mktemp("actions-browser")))
    yield url + "actions/"
    server.shutdown()


def shown(tab) -> list[str]:
    """The first cell (id and text) of each row a reader sees."""
    return tab.locator("table[data-cb-actions] tbody tr:visible td:first-child").all_inner_texts()


def first_cells(rows: list[dict]) -> list[str]:
    return [f"{r['id']} {r['text']}" for r in rows]


def test_without_javascript_every_recommendation_is_listed(browser, actions_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(actions_url)
    assert shown(tab) == first_cells(EXPECTED)
    # The filters need the script: without it the reader sees no controls that do nothing.
    assert not tab.locator("form[data-cb-actions-filters]").is_visible()
    context.close()


def test_filters_by_status_and_overdue_show_the_rows_the_files_give(browser, actions_url):
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(actions_url)
    form = tab.locator("form[data-cb-actions-filters]")
    form.wait_for(state="visible")
    status = tab.locator("[data-cb-actions-count]")

    tab.get_by_label("Status").select_option("open")
    want = [r for r in EXPECTED if r["status"] == "open"]
    assert shown(tab) == first_cells(want)
    assert status.inner_text() == f"Showing {len(want)} recommendations of {len(EXPECTED)}."
    assert "status=open" in tab.url

    tab.get_by_label("Overdue only").check()
    want = [r for r in want if r["overdue"]]
    assert shown(tab) == first_cells(want) and want

    tab.get_by_label("Status").select_option("")
    want = [r for r in EXPECTED if r["overdue"]]
    assert shown(tab) == first_cells(want)
    assert tab.url.endswith("?overdue=yes")

    tab.get_by_label("Owner").select_option(label=AGENCIES["police"]["name"])
    assert shown(tab) == first_cells([r for r in want if r["owner"] == "police"])

    tab.get_by_role("button", name="Clear filters").click()
    tab.wait_for_url(lambda url: "?" not in url)
    assert shown(tab) == first_cells(EXPECTED)
    assert status.inner_text() == f"{len(EXPECTED)} recommendations, newest review first."
    context.close()


def test_a_shared_address_opens_with_its_filters(browser, actions_url):
    context = browser.new_context()
    tab = context.new_page()
    publisher = "Fictional North Safeguarding Children Partnership"
    tab.goto(actions_url + "?status=complete&publisher=" + publisher.replace(" ", "+"))
    tab.locator("form[data-cb-actions-filters]").wait_for(state="visible")
    assert shown(tab) == first_cells([r for r in EXPECTED if r["status"] == "complete" and r["publisher"] == publisher])
    assert tab.get_by_label("Publisher").input_value() == publisher
    context.close()


@pytest.mark.parametrize("palette", PALETTES)
def test_actions_has_no_axe_violations_filtered_or_not(browser, actions_url, palette):
    context = browser.new_context(color_scheme=palette, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(actions_url)
    tab.wait_for_load_state("networkidle")
    violations = audit(tab)
    assert not violations, report(violations)
    tab.get_by_label("Overdue only").check()
    violations = audit(tab)
    assert not violations, report(violations)
    context.close()
