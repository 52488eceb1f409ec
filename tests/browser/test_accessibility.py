"""Every kind of page passes axe-core's WCAG 2.2 AA rules, in the light and the dark palette.

axe-core comes inside the pinned axe-playwright-python wheel (requirements-dev.txt), so the audit
needs no npm and no network. Palettes are chosen the way a reader's system chooses them
(prefers-color-scheme), which is what the site's palette follows until the reader toggles it.
"""

from __future__ import annotations

import re

import pytest

from site_pages import filter_the_review_table, mkdocs_config, page_types, search_from_the_header

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Rules switched off, each with its reason. Empty: every rule of the tags above runs.
EXCLUDED_RULES: dict[str, str] = {}

# Parts of the page left out of the audit, each with its reason. Empty: the whole page is audited.
EXCLUDED_SELECTORS: dict[str, str] = {}

PALETTES = {"light": "default", "dark": "slate"}

# Kinds of page allowed to scroll sideways on a phone, each with its reason (1.4.10 exempts content
# that needs two dimensions, such as data tables). Empty: tables scroll inside their own box.
SCROLLS_SIDEWAYS: dict[str, str] = {}


def axe_script() -> str:
    from axe_playwright_python.base import AXE_SCRIPT

    return AXE_SCRIPT


def test_the_audit_uses_a_current_axe_core():
    version = re.match(r"/\*! axe v(\d+)\.(\d+)", axe_script())
    assert version, "axe.min.js is missing from axe-playwright-python"
    # wcag22aa rules (target-size and others) arrived in axe-core 4.5; older ones would pass silently.
    assert (int(version[1]), int(version[2])) >= (4, 5)


def audit(page) -> list[dict]:
    page.evaluate(axe_script())
    context = {"exclude": [[s] for s in EXCLUDED_SELECTORS]} if EXCLUDED_SELECTORS else {"include": [["html"]]}
    options = {
        "runOnly": {"type": "tag", "values": WCAG_22_AA},
        "rules": {rule: {"enabled": False} for rule in EXCLUDED_RULES},
        "resultTypes": ["violations"],
    }
    return page.evaluate("([context, options]) => axe.run(context, options)", [context, options])["violations"]


def report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['failureSummary'].splitlines()[-1].strip()}")
    return "\n".join(lines)


@pytest.mark.parametrize("palette", PALETTES)
def test_every_kind_of_page_has_no_axe_violations(palette, browser, real_site, real_site_url):
    context = browser.new_context(color_scheme=palette, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    failures = []
    kinds = page_types(real_site)
    for kind, url in kinds.items():
        page.goto(real_site_url + url)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.body.dataset.mdColorScheme") == PALETTES[palette], (
            f"{kind}: the {palette} palette did not apply")
        violations = audit(page)
        if violations:
            failures.append(f"{kind} ({url or '/'}), {palette}:\n{report(violations)}")
    context.close()
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("palette", PALETTES)
def test_search_results_and_filters_in_use_have_no_axe_violations(palette, browser, real_site_url):
    """What scripts add (facets, results, counts, sort buttons) is audited too, not only the page as loaded."""
    context = browser.new_context(color_scheme=palette, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    failures = []
    if search_from_the_header(page, real_site_url):
        failures += [f"search with results and a filter, {palette}:\n{report(v)}" for v in [audit(page)] if v]
    if filter_the_review_table(page, real_site_url):
        failures += [f"review list filtered and sorted, {palette}:\n{report(v)}" for v in [audit(page)] if v]
    context.close()
    assert not failures, "\n".join(failures)


def test_a_small_screen_has_no_axe_violations(browser, real_site, real_site_url):
    """Every kind of page at 320 CSS pixels wide (WCAG reflow), where Material folds the navigation into a drawer."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    failures = []
    for kind, url in page_types(real_site).items():
        page.goto(real_site_url + url)
        violations = audit(page)
        if violations:
            failures.append(f"{kind} ({url or '/'}), 320 px:\n{report(violations)}")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0 and kind not in SCROLLS_SIDEWAYS:
            failures.append(f"{kind} ({url or '/'}): the page scrolls sideways by {overflow}px at 320 px (1.4.10)")
    context.close()
    assert not failures, "\n".join(failures)


def test_the_content_note_points_to_uk_support_by_name(real_site):
    """Every review opens with a content note whose link says where it goes (2.4.4), configured in mkdocs.yml."""
    from urllib.parse import urlsplit

    support = mkdocs_config()["extra"]["support"]
    assert urlsplit(support["url"]).scheme == "https" and urlsplit(support["url"]).hostname.endswith(".uk")
    reviews = [p for p in (real_site / "reviews").glob("*/index.html")]
    assert reviews
    for path in reviews:
        html = path.read_text(encoding="utf-8")
        note = html[html.index("cb-content-note"):]
        note = note[: note.index("</p>")]
        assert f'href="{support["url"]}"' in note and f'>{support["name"]}</a>' in note, path


# The sections of the UK government's sample accessibility statement, in its order.
MODEL_STATEMENT = [
    "How accessible this website is",
    "Feedback and contact information",
    "Reporting accessibility problems with this website",
    "Enforcement procedure",
    "Technical information about this website's accessibility",
    "Compliance status",
    "Non-accessible content",
    "What we're doing to improve accessibility",
    "Preparation of this accessibility statement",
]


def test_the_accessibility_statement_follows_the_uk_model(real_site):
    from conftest import article_text

    text = article_text(real_site / "accessibility" / "index.html")
    positions = [text.find(heading) for heading in MODEL_STATEMENT]
    assert -1 not in positions, [h for h, p in zip(MODEL_STATEMENT, positions) if p == -1]
    assert positions == sorted(positions), "the sections are not in the model's order"
    assert re.search(r"This website is (fully|partially|not) compliant with the Web Content Accessibility Guidelines version 2\.2 AA", text)
    assert "Equality and Human Rights Commission" in text and "Equality Commission for Northern Ireland" in text
    assert re.search(r"last tested on \d{1,2} \w+ 20\d\d", text)


def test_every_page_links_to_the_statement_and_the_privacy_notice(real_site):
    """Every page's footer, the 404 page's included, links to both, and the links resolve."""
    from urllib.parse import urljoin, urlsplit

    root = urlsplit(mkdocs_config()["site_url"]).path
    pages = sorted(real_site.rglob("*.html"))
    for path in pages:
        html = path.read_text(encoding="utf-8")
        footer = html[html.index('class="cb-footer-links"'):]
        hrefs = re.findall(r'href="([^"]+)"', footer[: footer.index("</nav>")])
        here = "/" + str(path.relative_to(real_site).as_posix())
        targets = [urlsplit(urljoin(here, h)).path for h in hrefs]
        targets = [t[len(root) - 1:] if t.startswith(root) else t for t in targets]
        assert [t.strip("/") for t in targets] == ["accessibility", "privacy"], f"{path}: {hrefs}"
        for t in targets:
            assert (real_site / t.strip("/") / "index.html").is_file(), f"{path}: {t} does not resolve"


def test_the_audit_can_fail(browser, real_site_url):
    """A page with a known failure is reported: the audit is not passing by being blind."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(real_site_url)
    page.evaluate("""() => {
        const img = document.createElement('img');
        img.src = 'assets/images/favicon.png';
        document.querySelector('article').appendChild(img);
    }""")
    ids = {v["id"] for v in audit(page)}
    context.close()
    assert "image-alt" in ids
