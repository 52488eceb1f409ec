"""Reading the site as a practitioner would: the learning comes first, at a desktop's and a phone's width."""

from __future__ import annotations

import pytest

from site_pages import REVIEW

# (width, height) of the screen, and how far down the page the first learning point may start.
SCREENS = {"desktop": ((1280, 800), 900), "phone": ((390, 844), 1600)}


@pytest.mark.parametrize("screen", SCREENS)
def test_the_first_learning_point_is_near_the_top_of_a_review_page(screen, browser, real_site_url):
    (width, height), limit = SCREENS[screen]
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(real_site_url + f"reviews/{REVIEW}/")
    first = page.locator("#learning-1")
    top = page.evaluate("document.querySelector('#learning-1').getBoundingClientRect().top + window.scrollY")
    assert first.is_visible() and "Learning point 1" in first.inner_text()
    assert top <= limit, f"{screen}: the first learning point starts {top:.0f} px down the page (at most {limit})"
    # The body (Family B's first heading, "1. Case summary") comes after the learning.
    body_top = page.evaluate("document.getElementById('1-case-summary')"
                             ".getBoundingClientRect().top + window.scrollY")
    assert body_top > top
    page.close()


def test_learning_on_a_theme_page_is_body_text_naming_its_review_once(browser, real_site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(real_site_url + "themes/information-sharing/")
    point = page.locator("article .cb-point").first
    assert "Vulnerable Child Meetings" in point.inner_text()
    # The same colour as the page's running text: not a faint quotation.
    colours = page.evaluate("""() => {
        const p = document.querySelector('article .cb-point');
        const body = document.querySelector('article > p');
        return [getComputedStyle(p).color, getComputedStyle(body).color, !!p.closest('blockquote')];
    }""")
    assert colours[0] == colours[1] and not colours[2]
    # Shown once (in the group's heading); the point's link carries it for screen readers only.
    shown = page.evaluate("""() => {
        const copy = document.querySelector('article .cb-learning-by-review').cloneNode(true);
        copy.querySelectorAll('.cb-visually-hidden').forEach(e => e.remove());
        return copy.textContent;
    }""")
    assert shown.count("Serious Case Review Report: Family B") == 1
    assert page.get_by_role("link", name="Learning point 1 of Serious Case Review Report: Family B").count() == 1
    page.close()
