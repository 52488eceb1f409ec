"""The review page works in a real browser: it loads, shows its learning, and its anchors land."""

from __future__ import annotations


def test_family_b_page_shows_its_learning_in_chromium(browser, real_site_url):
    page = browser.new_page()
    page.goto(real_site_url + "themes/information-sharing/")
    page.get_by_role("link", name="Learning point 1 of Serious Case Review Report: Family B").click()
    page.wait_for_url("**/reviews/family-b/#learning-1")
    assert page.locator("#learning-1").is_visible()
    assert "Learning point 1" in page.locator("#learning-1").inner_text()
    page.close()
