"""The one real review: its page must carry every sentence of the published text, and its
learning must reach the theme pages with links that land on their anchors."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT, article_text, page

# The review as extracted from its published PDF, kept beside the tests so a fresh clone has it.
SEED = ROOT / "tests" / "fixtures" / "seeds" / "family-b-serious-case-review.txt"


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def normalise(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text).strip().lower()


def seed_sentences() -> list[str]:
    text = seed_text()
    # The extraction's bullets are layout, not words.
    text = re.sub(r"^\s*-\s+", "", text, flags=re.M)
    # The one paragraph the PDF broke across a page ("given the level" / "of concerns") is joined
    # again; every other line of the extraction is a heading or a paragraph of its own.
    text = re.sub(r"given the level\s*\n\s*\n\s*of concerns", "given the level of concerns", text)
    sentences = []
    for line in text.splitlines():
        line = normalise(line)
        sentences += [s for s in re.split(r"(?<=[.?!])\s+(?=[A-Za-z0-9])", line) if len(s) > 3]
    return sentences


def test_every_sentence_of_the_published_review_is_on_its_page(real_site: Path):
    text = normalise(article_text(page(real_site, "/reviews/family-b/")))
    sentences = seed_sentences()
    assert len(sentences) > 30
    missing = [s for s in sentences if s not in text]
    assert missing == []


def test_the_sentence_split_by_the_pdf_extraction_is_one_sentence_again(real_site: Path):
    text = article_text(page(real_site, "/reviews/family-b/"))
    assert "appropriate at that time given the level of concerns." in text


def test_each_learning_point_has_its_anchor_and_themes(real_site: Path):
    html = page(real_site, "/reviews/family-b/").read_text(encoding="utf-8")
    for n in range(1, 6):
        assert f'id="learning-{n}"' in html
    assert html.count('id="learning-') == 5
    assert 'href="../../themes/malicious-referral-caution/"' in html


def test_not_stated_facts_show_as_not_stated(real_site: Path):
    text = article_text(page(real_site, "/reviews/family-b/"))
    assert "Nation Not stated" in text
    assert "Publisher Not stated" in text
    assert "Published Not stated" in text
    assert "Source Not stated" in text


def test_learning_is_not_repeated_in_the_body():
    body = (ROOT / "docs" / "reviews" / "family-b.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    assert "GP led Vulnerable Child Meetings" not in body


def _theme_quotes(site: Path, slug: str) -> str:
    return page(site, f"/themes/{slug}/").read_text(encoding="utf-8")


def test_information_sharing_quotes_the_vulnerable_child_meetings_point(real_site: Path):
    html = _theme_quotes(real_site, "information-sharing")
    assert "Ensure continued development and utilisation of the GP led Vulnerable Child Meetings" in html
    assert 'href="../../reviews/family-b/#learning-1"' in html


def test_malicious_referral_caution_and_joint_meetings_quote_their_points(real_site: Path):
    assert 'href="../../reviews/family-b/#learning-5"' in _theme_quotes(real_site, "malicious-referral-caution")
    assert "repeated anonymous allegations are malicious" in _theme_quotes(real_site, "malicious-referral-caution")
    assert 'href="../../reviews/family-b/#learning-2"' in _theme_quotes(real_site, "joint-meetings")


def test_a_broader_theme_gathers_the_learning_of_its_narrower_ones(real_site: Path):
    html = _theme_quotes(real_site, "multi-agency-working")
    assert "more explicitly planned approach when undertaking joint meetings" in html
    # The review's unknown publication date is said as such, not as a bare "Not stated".
    assert "Serious Case Review Report: Family B</a> (publication date not stated)" in html
    assert 'href="../../reviews/family-b/#learning-2"' in html


def test_reviews_stay_out_of_the_navigation(real_site: Path):
    html = page(real_site, "/themes/information-sharing/").read_text(encoding="utf-8")
    nav = html[html.find('<nav class="md-nav md-nav--primary"'):]
    nav = nav[: nav.find("</nav>")]
    assert "family-b" not in nav


def test_the_home_page_counts_the_library(real_site: Path):
    text = article_text(page(real_site, "/"))
    assert "1 review" in text
    assert "5 learning points" in text


def test_family_b_page_has_key_learning_first_and_no_second_learning_heading(real_site):
    """The learning sits before the body; the body's own "Learning from the Review" is the only one
    of that name, and its closing "asked to:" points up to the learning rather than to nothing."""
    html = (real_site / "reviews" / "family-b" / "index.html").read_text(encoding="utf-8")
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)
    names = [re.sub(r"<[^>]+>", "", h).strip() for h in headings]
    assert names.index("Key learning") < names.index("1. Case summary")
    assert [n for n in names if "learning from the review" in n.lower()] == ["3. Learning from the Review"]
    asked = html.index("Relevant Services were therefore asked to:")
    assert 'href="#learning"' in html[asked:asked + 400]


def test_its_page_and_briefing_say_it_was_provided_for_publication_by_no_named_publisher(real_site: Path):
    """The seed states no licence and no publisher: the page says what the library knows, and no more."""
    note = ("Provided to the Casebook project for publication, as text extracted from the published report's PDF. "
            "The report does not name its publisher and states no licence; copyright remains with whoever "
            "published it. Casebook links to no source because none was provided.")
    text = article_text(page(real_site, "/reviews/family-b/"))
    assert "Rights Provided for publication; copyright: see the note below" in text
    assert f"Rights: The text of this review was provided to this library for publication. {note}" in text
    assert note in article_text(page(real_site, "/reviews/family-b/briefing/"))
    # The seed itself says nothing of its terms or its publisher.
    assert not re.search(r"(?i)copyright|licen[cs]e|©", seed_text())
