"""The plain look (docs/stylesheets/plain.css): GOV.UK's colours and type, through Material's palette.

Page titles at full contrast, links in one dark blue, a black header, body text at GOV.UK's 19px
on a wide screen and 16px on a phone, and GOV.UK's yellow focus on a link.
"""

from __future__ import annotations

TEXT, LINK, YELLOW = "rgb(11, 12, 12)", "rgb(29, 112, 184)", "rgb(255, 221, 0)"


def style(tab, selector: str, prop: str) -> str:
    return tab.locator(selector).first.evaluate(f"(el) => getComputedStyle(el).{prop}")


def test_titles_text_and_links_in_govuk_colours(browser, real_site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="light")
    tab = context.new_page()
    for path in ("", "reviews/family-b/", "themes/information-sharing/", "reviews/"):
        tab.goto(real_site_url + path)
        assert style(tab, "article h1", "color") == TEXT, path
        assert style(tab, "article h1", "fontWeight") == "700", path
        assert style(tab, "article p", "color") == TEXT, path
        assert style(tab, ".md-header", "backgroundColor") == TEXT, path
    tab.goto(real_site_url)
    assert style(tab, "article a[href]", "color") == LINK
    assert style(tab, "article p", "fontSize") == "19px"
    # GOV.UK's focus on a link: black text on yellow.
    tab.locator("article a[href]").first.focus()
    tab.keyboard.press("Shift+Tab")
    tab.keyboard.press("Tab")
    tab.wait_for_timeout(400)  # Material eases link colours in
    assert style(tab, "article a[href]", "backgroundColor") == YELLOW
    assert style(tab, "article a[href]", "color") == TEXT
    context.close()


def test_body_text_is_16px_on_a_phone(browser, real_site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(real_site_url)
    assert style(tab, "article p", "fontSize") == "16px"
    context.close()
