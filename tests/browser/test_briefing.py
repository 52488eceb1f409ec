"""7-minute briefings: each review's and each theme's, with what a team meeting needs, printing on at
most two A4 pages without the site's navigation."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import article_text, page
from fixture_corpus import THEMES, fixture_reviews, newest_first, sections, theme_learning, theme_reviews

REVIEWS = fixture_reviews()


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_the_family_b_briefing_prints_on_at_most_two_a4_pages(browser, real_site_url, tmp_path: Path):
    tab = browser.new_page()
    tab.goto(real_site_url + "reviews/family-b/briefing/")
    pdf = tmp_path / "family-b-briefing.pdf"
    tab.pdf(path=str(pdf), format="A4")
    tab.close()
    assert pdf_pages(pdf) <= 2
    text = " ".join(pdf_text(pdf).split())
    # All of it is there: the summary's end, the last learning point, the last question, where to read more.
    assert "highlighted five learning points" in text
    assert "repeated anonymous allegations are malicious unless there is clear supporting evidence" in text
    assert "Have the repeated referrals been looked at together rather than one by one?" in text
    assert "Where to read more" in text
    # And none of the site's navigation or controls.
    for chrome in ("Skip to content", "Switch to dark mode", "Search", "Accessibility statement"):
        assert chrome not in text, chrome


def test_the_print_check_can_fail(browser, real_site_url, tmp_path: Path):
    # The same page with three copies of its content is more than two pages: the check above can fail.
    tab = browser.new_page()
    tab.goto(real_site_url + "reviews/family-b/briefing/")
    tab.evaluate("const a = document.querySelector('.cb-briefing'); a.innerHTML = a.innerHTML.repeat(3)")
    pdf = tmp_path / "three.pdf"
    tab.pdf(path=str(pdf), format="A4")
    tab.close()
    assert pdf_pages(pdf) > 2


@pytest.mark.parametrize("review", REVIEWS, ids=[r["slug"] for r in REVIEWS])
def test_a_review_briefing_has_what_happened_why_the_learning_questions_and_more(fixture_site: Path, review: dict):
    briefing = page(fixture_site, f"/reviews/{review['slug']}/briefing/")
    s = sections(briefing)
    flat = lambda text: " ".join(text.split())  # noqa: E731
    assert flat(review["summary"]) in s.section_text("what-happened")
    for lp in review["learning"]:
        assert flat(lp["text"]) in s.section_text("learning")
    learning_themes = [t for lp in review["learning"] for t in lp["themes"]] or review["all_themes"]
    # Why it matters: a sentence for each theme of the learning, after the learning.
    for theme in learning_themes:
        assert flat(THEMES[theme]["definition"]) in s.section_text("why-it-matters"), theme
    text = article_text(briefing)
    assert text.index("What happened") < text.index("Key learning") < text.index("Questions for reflection") < text.index("Why it matters")
    for theme in learning_themes:
        for question in THEMES[theme].get("questions", []):
            assert question in s.section_text("questions"), question
    links = s.links["read-more"]
    assert "../" in links  # the review's page, one folder up from its briefing
    learning_themes = [t for lp in review["learning"] for t in lp["themes"]] or review["all_themes"]
    assert {f"../../../themes/{t}/" for t in learning_themes} <= set(links)
    if review["source"] != "not-stated":
        assert review["source"] in links
    # Reached from the review's own page.
    assert 'href="briefing/"' in page(fixture_site, f"/reviews/{review['slug']}/").read_text(encoding="utf-8")


def test_a_review_briefing_leaves_out_the_body(fixture_site: Path):
    text = article_text(page(fixture_site, "/reviews/child-a/briefing/"))
    assert "The baby was brought to the surgery" not in text
    assert text.index("7-minute briefing: Child A") < text.index("What happened")


@pytest.mark.parametrize("slug", ["information-sharing", "multi-agency-working"])
def test_a_theme_briefing_gathers_the_newest_learning_across_reviews(fixture_site: Path, slug: str):
    from casebook.pages.briefing import THEME_BRIEFING_LEARNING

    s = sections(page(fixture_site, f"/themes/{slug}/briefing/"))
    assert " ".join(THEMES[slug]["definition"].split()) in s.section_text("what-it-is")
    order = [r["slug"] for r in newest_first(REVIEWS)]
    learning = sorted(theme_learning(slug, REVIEWS), key=lambda p: (order.index(p[0]), p[1]))
    want = [f"../../../reviews/{r}/#learning-{n}" for r, n in learning[:THEME_BRIEFING_LEARNING]]
    assert [h for h in s.links.get("learning", []) if "#learning-" in h] == want
    for question in THEMES[slug].get("questions", []):
        assert question in s.section_text("questions")
    assert "../" in s.links["read-more"]  # the theme page
    assert 'href="briefing/"' in page(fixture_site, f"/themes/{slug}/").read_text(encoding="utf-8")


def test_every_review_and_every_theme_with_learning_has_a_briefing(fixture_site: Path):
    for review in REVIEWS:
        assert page(fixture_site, f"/reviews/{review['slug']}/briefing/").exists()
    for slug in THEMES:
        # A briefing only where there is learning to brief on; the theme page then links none.
        has_learning = bool(theme_learning(slug, REVIEWS))
        assert page(fixture_site, f"/themes/{slug}/briefing/").exists() == has_learning, slug
        linked = 'href="briefing/"' in page(fixture_site, f"/themes/{slug}/").read_text(encoding="utf-8")
        assert linked == has_learning, slug
    assert not theme_learning("self-neglect", REVIEWS) and theme_reviews("self-neglect", REVIEWS), "the fixtures need such a theme"


def _head(html: str) -> dict[str, str]:
    return {
        "title": re.search(r"<title>(.*?)</title>", html, re.S).group(1),
        "canonical": re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1),
        "policy": re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1),
        "h1": re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1),
    }


def test_every_review_briefing_has_its_own_title_address_and_the_pages_policy(fixture_site: Path):
    """Briefings are made from one rendered page: each must still say whose briefing it is, and where."""
    import html as html_module

    from fixture_corpus import SITE_URL

    heads = {r["slug"]: _head(page(fixture_site, f"/reviews/{r['slug']}/briefing/").read_text(encoding="utf-8")) for r in REVIEWS}
    for review in REVIEWS:
        head = heads[review["slug"]]
        assert html_module.unescape(head["title"]) == f"7-minute briefing: {review['title']} - Casebook"
        assert html_module.unescape(head["h1"]) == f"7-minute briefing: {review['title']}"
        assert head["canonical"] == f"{SITE_URL}reviews/{review['slug']}/briefing/"
        assert "casebook-briefing-title-placeholder" not in page(fixture_site, f"/reviews/{review['slug']}/briefing/").read_text(encoding="utf-8")
    assert len({h["policy"] for h in heads.values()}) == 1


def test_a_template_without_the_markers_is_refused():
    from casebook.pages.briefing import BriefingError, review_briefing_pages
    from casebook.library.collection import load_library
    from casebook.model.vocabulary import load_vocabulary

    from conftest import FIXTURES, ROOT

    library = load_library([FIXTURES / "library"], load_vocabulary(ROOT / "vocabulary"))
    with pytest.raises(BriefingError, match="casebook:briefing"):
        review_briefing_pages("<html><title>casebook-briefing-title-placeholder</title>{{ page.content }}</html>", library)
