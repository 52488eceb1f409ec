"""Every kind of page works with a keyboard alone: skip link first, everything reachable, focus always seen.

A reader who cannot use a mouse moves with Tab. On every kind of page this presses Tab from the
top until focus leaves the page and checks, at every stop, what WCAG 2.2 asks: the focus is
visible (2.4.7), not hidden under Material's sticky header (2.4.11), and every control a mouse
user can reach is reached (2.1.1), the skip link first (2.4.1).
"""

from __future__ import annotations

import pytest

from site_pages import REVIEW, SEARCH_WORD, page_types

VIEWPORT = {"width": 1280, "height": 800}


# Marks every element a mouse user can operate, so that the walk can tell which were reached.
MARK_OPERABLE = """() => {
  const selector = 'a[href], button, input, select, textarea, summary, [tabindex]';
  const operable = [...document.querySelectorAll(selector)].filter(el =>
    !el.disabled && el.tabIndex >= 0 && el.type !== 'hidden' &&
    el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}) &&
    el.getBoundingClientRect().width > 0 && !el.closest('[inert]'));
  operable.forEach((el, i) => { el.dataset.kb = String(i); });
  return operable.map(el => ({
    id: String(el.dataset.kb), radio: el.type === 'radio' ? el.name : null,
    what: el.outerHTML.slice(0, 120)}));
}"""

# What the reader sees of the element that has focus.
FOCUS_STATE = """async () => {
  // Let movements finish (Material slides the skip link in) before looking; colour changes do not matter.
  const moving = document.getAnimations().filter(a => !(a instanceof CSSTransition) ||
    ['opacity', 'transform', 'visibility', 'top', 'left', 'max-height'].includes(a.transitionProperty));
  await Promise.all(moving.map(a => a.finished.catch(() => null)));
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  // Material's palette buttons are invisible radio inputs: the label after them shows focus.
  let shown = el;
  if (el.matches('input.md-option') && el.nextElementSibling && el.nextElementSibling.matches('label'))
    shown = el.nextElementSibling;
  const r = shown.getBoundingClientRect();
  const cs = getComputedStyle(shown);
  const indicator = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || cs.boxShadow !== 'none';
  const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight &&
    r.right > 0 && r.left < innerWidth && cs.visibility !== 'hidden' && parseFloat(cs.opacity) > 0.5;
  // Hidden under the sticky header: what is drawn at the element's top edge belongs to the header.
  const header = document.querySelector('.md-header');
  let underHeader = false;
  if (onScreen && header && !header.contains(shown)) {
    const x = Math.min(Math.max(r.left + Math.min(r.width / 2, 8), 0), innerWidth - 1);
    const y = Math.min(Math.max(r.top + Math.min(r.height / 2, 4), 0), innerHeight - 1);
    const drawn = document.elementFromPoint(x, y);
    underHeader = !!drawn && header.contains(drawn);
  }
  return {id: el.dataset.kb || null, what: el.outerHTML.slice(0, 120), indicator, onScreen, underHeader,
          inMain: !!el.closest('.md-content'),
          inRepeatedBlocks: !!el.closest('.md-header, .md-tabs, .md-sidebar--primary')};
}"""


def walk(page, limit: int) -> list[dict]:
    """Tab from the top of the page until focus leaves it; the state at every stop."""
    stops: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None:
            break
        stops.append(state)
    return stops


def _new_page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    return context, context.new_page()


def test_the_skip_link_comes_first_shows_and_moves_focus_to_the_content(browser, real_site, real_site_url):
    context, page = _new_page(browser)
    for kind, url in page_types(real_site).items():
        page.goto(real_site_url + url)
        page.keyboard.press("Tab")
        skip = page.locator(":focus")
        assert skip.inner_text().strip() == "Skip to content", f"{kind}: the first Tab stop is not the skip link"
        state = page.evaluate(FOCUS_STATE)
        assert state["onScreen"] and state["indicator"], f"{kind}: the skip link is not shown when focused"
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        # Past the header and the navigation: into the content, or the footer if the content has no links.
        assert state and not state["inRepeatedBlocks"], f"{kind}: the skip link did not skip the header and navigation: {state}"
    context.close()


def test_every_control_is_reached_and_focus_is_always_visible(browser, real_site, real_site_url):
    context, page = _new_page(browser)
    problems = []
    for kind, url in page_types(real_site).items():
        page.goto(real_site_url + url)
        operable = page.evaluate(MARK_OPERABLE)
        stops = walk(page, limit=len(operable) * 2 + 20)
        where = f"{kind} ({url or '/'})"
        if len(stops) < 5:
            problems.append(f"{where}: only {len(stops)} Tab stops")
        for stop in stops:
            if not stop["onScreen"]:
                problems.append(f"{where}: focused but not on screen: {stop['what']}")
            elif not stop["indicator"]:
                problems.append(f"{where}: no visible focus indicator: {stop['what']}")
            elif stop["underHeader"]:
                problems.append(f"{where}: focus hidden under the header: {stop['what']}")
        reached = {s["id"] for s in stops}
        radio_groups_reached = {o["radio"] for o in operable if o["radio"] and o["id"] in reached}
        for o in operable:
            if o["id"] not in reached and not (o["radio"] and o["radio"] in radio_groups_reached):
                problems.append(f"{where}: not reachable with Tab: {o['what']}")
    context.close()
    assert not problems, "\n".join(problems)


# Puts link i of the content just under the sticky header, as scrolling with the mouse or the
# space bar leaves it, with focus on the link after it.
PARK_UNDER_HEADER = """i => {
  const links = [...document.querySelectorAll('.md-content a[href]')].filter(a => a.checkVisibility());
  if (i + 1 >= links.length) return false;
  window.scrollBy(0, links[i].getBoundingClientRect().top - 5);
  links[i + 1].focus({preventScroll: true});
  return true;
}"""


@pytest.mark.parametrize("kind", ["review", "theme list"])
def test_focus_moving_back_onto_a_link_under_the_header_brings_it_into_view(kind, browser, real_site, real_site_url):
    """The case where sticky headers hide focus (2.4.11): the link is already 'on screen', under the header."""
    context, page = _new_page(browser)
    page.goto(real_site_url + page_types(real_site)[kind])
    hidden = []
    for i in range(20):
        if not page.evaluate(PARK_UNDER_HEADER, i):
            break
        page.keyboard.press("Shift+Tab")
        state = page.evaluate(FOCUS_STATE)
        if state["underHeader"]:
            hidden.append(state["what"])
    context.close()
    assert i >= 5, f"{kind}: too few links to test"
    assert not hidden, f"{kind}: focus hidden under the header:\n" + "\n".join(hidden)


def test_the_footer_links_are_reached_on_every_page(browser, real_site, real_site_url):
    context, page = _new_page(browser)
    for kind, url in page_types(real_site).items():
        page.goto(real_site_url + url)
        page.keyboard.press("End")
        footer = page.locator(".cb-footer-links a")
        assert footer.count() == 2, kind
        footer.last.focus()
        # Shift+Tab from the last link reaches the accessibility statement link.
        page.keyboard.press("Shift+Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Accessibility statement", kind
    context.close()


def _tab_to(page, selector: str, limit: int = 200, back: bool = False) -> dict:
    """Press Tab (or Shift+Tab) until the element matching selector has focus; its focus state."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return page.evaluate(FOCUS_STATE)
    raise AssertionError(f"{selector} is not reachable with the keyboard")


def _assert_seen(state: dict, what: str) -> None:
    assert state["onScreen"] and state["indicator"] and not state["underHeader"], f"{what}: {state}"


def test_search_and_its_filters_work_from_the_keyboard(browser, real_site, real_site_url):
    if "search" not in page_types(real_site):
        pytest.skip("the site has no search page yet")
    context, page = _new_page(browser)
    page.goto(real_site_url)
    _assert_seen(_tab_to(page, ".md-header input[type=search]"), "header search box")
    page.keyboard.type(SEARCH_WORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/search/?q={SEARCH_WORD}*")
    page.locator(f"article a[href*='reviews/{REVIEW}/']").first.wait_for(state="visible", timeout=10_000)
    # From the top of the page, Tab reaches the closed filter panel and Enter opens it; Tab reaches
    # a filter; Space ticks it, and the choice is applied.
    panel = "article details[data-cb-facets] > summary"
    if page.locator(panel).count():
        _assert_seen(_tab_to(page, panel), "filter panel")
        page.keyboard.press("Enter")
    state = _tab_to(page, "article fieldset input[type=checkbox]")
    _assert_seen(state, "first filter")
    facet = page.evaluate("document.activeElement.name") + "="
    page.keyboard.press("Space")
    page.wait_for_url(lambda url: facet in url, timeout=10_000)
    assert page.evaluate("document.activeElement.checked")
    # Onwards to the result, which Enter opens.
    _assert_seen(_tab_to(page, f"article a[href*='reviews/{REVIEW}/']"), "search result")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/reviews/{REVIEW}/")
    context.close()


def test_the_review_table_filters_and_sorts_from_the_keyboard(browser, real_site_url):
    context, page = _new_page(browser)
    page.goto(real_site_url + "reviews/")
    if not page.locator("article form select").count():
        pytest.skip("the review table has no filters yet")
    _assert_seen(_tab_to(page, "article form select"), "first filter of the table")
    before = page.evaluate("document.activeElement.value")
    page.keyboard.press("ArrowDown")  # a closed select changes its value with the arrow keys
    assert page.evaluate("document.activeElement.value") != before
    page.locator(f"article table a[href*='{REVIEW}/']").first.wait_for(state="visible")
    sort = "article table th button"
    _assert_seen(_tab_to(page, sort), "sort button")
    header = page.locator("article table th").filter(has=page.locator("button")).first
    before = header.get_attribute("aria-sort")
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") != before, "Enter on the sort button did not sort"
    context.close()


def test_the_palette_toggle_works_from_the_keyboard(browser, real_site_url):
    context, page = _new_page(browser)
    page.goto(real_site_url)
    _assert_seen(_tab_to(page, "input.md-option"), "palette toggle")
    before = page.evaluate("document.body.dataset.mdColorScheme")
    page.keyboard.press("Enter")
    for _ in range(20):
        if page.evaluate("document.body.dataset.mdColorScheme") != before:
            break
        page.wait_for_timeout(50)
    assert page.evaluate("document.body.dataset.mdColorScheme") != before, "Enter did not switch the palette"
    # Focus stays on the toggle, and is still seen, in the other palette.
    _assert_seen(page.evaluate(FOCUS_STATE), "palette toggle after switching")
    context.close()


def test_focus_indicator_check_can_fail(browser, real_site_url):
    """An element whose focus style is removed is reported: the check is not passing by being blind."""
    # The site's own policy forbids adding a stylesheet, which is what this test does on purpose.
    context = browser.new_context(viewport=VIEWPORT, bypass_csp=True)
    page = context.new_page()
    page.goto(real_site_url)
    page.add_style_tag(content="a:focus-visible { outline: none !important; box-shadow: none !important; }")
    stops = walk(page, limit=3)
    context.close()
    assert any(not s["indicator"] for s in stops)
