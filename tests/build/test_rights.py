"""Rights: every review page and briefing says on what terms its text appears and who holds the
copyright; a review whose terms allow only its summary and learning (`summary-only`, or terms not
stated) has its body nowhere in the built site, as retention does; the data carries `rights`.

Every review here is fictional (tests/fixtures/library/, with its terms changed for the test).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import FIXTURES, article_text, build, make_project, page
from published import published_texts, where

OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"

SUMMARY_ONLY_BODY = "This fictional body is the summary-only review's own story."
NOT_STATED_BODY = "This fictional body belongs to a review whose terms are unknown."
PERMISSION_NOTE = "Reproduced with the permission of the Fictional Board, given in a fictional letter."


def _fixture(name: str) -> str:
    return (FIXTURES / "library" / name).read_text(encoding="utf-8")


def _with(text: str, terms: str, body: str | None = None, source: str | None = None) -> str:
    text = text.replace("rights: cc-by-4.0\n", terms)
    if source:
        text = text.replace("source: not-stated\n", f"source: {source}\n")
    if body:
        text = text.replace("\n---\n\nThis body is fictional.", f"\n---\n\n{body}\n\n## What happened\n\nMore of the withheld story.")
    return text


REVIEWS = {
    "child-a.md": _fixture("child-a.md"),  # ogl-3.0
    "child-c.md": _with(_fixture("child-c.md"), "rights: summary-only\n", SUMMARY_ONLY_BODY,
                        source="https://example.org/fictional/child-c"),
    "adult-e.md": _with(_fixture("adult-e.md"), "rights: not-stated\n", NOT_STATED_BODY),
    "family-d.md": _with(_fixture("family-d.md"), f'rights: with-permission\nrights_note: "{PERMISSION_NOTE}"\n'),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("rights"), REVIEWS)
    assert "rights: summary-only" in REVIEWS["child-c.md"] and "rights: not-stated" in REVIEWS["adult-e.md"]
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_a_summary_only_body_is_in_no_file_of_the_site(site: Path):
    texts = published_texts(site)
    assert where(texts, SUMMARY_ONLY_BODY, NOT_STATED_BODY, "More of the withheld story") == []
    # The summary is in the search index as written (so the index is read the right way; a body,
    # or the notice that stands for it, is indexed by its words only), and a body the terms allow
    # is there as before.
    assert any(path.endswith(".pf_fragment") for path in where(texts, "A child stopped attending school."))
    assert where(texts, "This body is fictional.")


def test_a_summary_only_page_keeps_its_facts_summary_and_learning_and_links_to_the_source(site: Path):
    html = page(site, "/reviews/child-c/").read_text(encoding="utf-8")
    text = article_text(page(site, "/reviews/child-c/"))
    assert "Full text not reproduced" in text
    assert "Only this review's facts, summary and learning are shown here: the full text stays with its publisher." in text
    assert 'href="https://example.org/fictional/child-c"' in html and "the publisher's page for this review" in text
    assert "A child stopped attending school." in text and "Fictional learning C1" in text and "Fictional learning C3" in text
    assert "Rights Summary only: the full text is not reproduced; copyright: Fictional Regional Safeguarding Board (the publisher)" in text


def test_terms_not_stated_are_said_and_the_body_withheld(site: Path):
    text = article_text(page(site, "/reviews/adult-e/"))
    assert "The review does not say on what terms its text may be reproduced, so only its facts, summary and learning are shown here" in text
    assert "No address is given for the publisher's own copy." in text
    assert "Rights Not stated; copyright: Fictional Safeguarding Adults Board (the publisher)" in text


def test_a_licensed_page_names_and_links_its_licence_and_the_copyright_holder(site: Path):
    html = page(site, "/reviews/child-a/").read_text(encoding="utf-8")
    text = article_text(page(site, "/reviews/child-a/"))
    assert f'<a href="{OGL}" rel="noopener">Open Government Licence v3.0</a>' in html
    assert "Open Government Licence v3.0 ; copyright: Fictional Safeguarding Children Partnership (the publisher)" in text
    assert ("Rights: The text of this review is reproduced under the Open Government Licence v3.0. "
            "Copyright remains with its publisher, Fictional Safeguarding Children Partnership.") in text
    assert "This body is fictional." in text


def test_with_permission_shows_the_note_as_who_agreed(site: Path):
    html = page(site, "/reviews/family-d/").read_text(encoding="utf-8")
    text = article_text(page(site, "/reviews/family-d/"))
    # The panel points to the note, which the sentence after the review gives in full.
    assert "Rights Reproduced with permission; copyright: see the note below" in text
    assert '<a href="#rights-and-copyright">see the note below</a>' in html and 'id="rights-and-copyright"' in html
    assert f"reproduced with the permission of its copyright holder. {PERMISSION_NOTE}" in text


def test_every_briefing_says_on_what_terms(site: Path):
    for slug, words in [("child-a", f"reproduced under the Open Government Licence v3.0. Copyright remains with its "
                                    f"publisher, Fictional Safeguarding Children Partnership. Licence: {OGL}"),
                        ("child-c", "Only the facts, summary and learning of this review are reproduced here, not its text."),
                        ("adult-e", "The terms on which this review may be reproduced are not stated"),
                        ("family-d", PERMISSION_NOTE)]:
        assert words in article_text(page(site, f"/reviews/{slug}/briefing/")), slug


def test_the_data_carries_rights_and_data_says_each_downloads_licence(site: Path):
    reviews = {r["slug"]: r for r in json.loads((site / "data" / "reviews.json").read_text(encoding="utf-8"))["reviews"]}
    assert {slug: (r["rights"], r["rights_note"]) for slug, r in reviews.items()} == {
        "child-a": ("ogl-3.0", None), "child-c": ("summary-only", None),
        "adult-e": (None, None),  # not stated: null, like every fact not given
        "family-d": ("with-permission", PERMISSION_NOTE)}
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO((site / "data" / "reviews.csv").read_text(encoding="utf-8")))}
    assert {slug: row["rights"] for slug, row in rows.items()} == {
        "child-a": "ogl-3.0", "child-c": "summary-only", "adult-e": "", "family-d": "with-permission"}

    html = page(site, "/data/").read_text(encoding="utf-8")
    text = article_text(page(site, "/data/"))
    assert f'href="{CC_BY}"' in html
    assert "reviews.json Every review: its facts, summary, learning points and recommendations. CC BY 4.0 ; each review's words under its rights" in text
    assert "themes.json The themes, with how many reviews and learning points each has. CC BY 4.0 feed.xml" in text
    assert "The words of a review in them (its summary, learning points and recommendations) remain its publisher's" in text


def test_the_feed_says_each_entrys_terms(site: Path):
    import xml.etree.ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(site / "feed.xml").getroot()
    assert CC_BY in feed.find(f"{atom}rights").text
    terms = {e.find(f"{atom}id").text.rstrip("/").rsplit("/", 1)[-1]: e.find(f"{atom}rights").text for e in feed.iter(f"{atom}entry")}
    assert terms["child-a"].startswith("The text of this review is reproduced under the Open Government Licence v3.0.")
    assert terms["child-c"].startswith("Only the facts, summary and learning of this review are reproduced here")
