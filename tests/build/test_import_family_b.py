"""`casebook import` on the one real review: a PDF printed by Chromium and a Word file, both laid out
like the Family B report from its extracted text (tests/fixtures/seeds/). The layout is RECONSTRUCTED
(title page, contents page, running header, "Page N of M" footer, numbered paragraphs, the page
break inside 2.2), written into a temporary folder, never into docs/. What the import finds must be
what a person found when they wrote docs/reviews/family-b.md, and nothing more."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from test_family_b import normalise, seed_sentences

from casebook.authoring.importer.run import import_report
from casebook.model.vocabulary import load_vocabulary

sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "reports"))
from make_reports import family_b_report  # noqa: E402
from report_model import CHROMIUM, write_docx, write_pdf  # noqa: E402

PUBLISHED_PAGE = ROOT / "docs" / "reviews" / "family-b.md"


def front_and_body(text: str) -> tuple[dict, str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


@pytest.fixture(scope="module", params=["pdf", "docx"])
def family_b(request, tmp_path_factory):
    if request.param == "pdf" and not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    folder = tmp_path_factory.mktemp(f"family-b-{request.param}")
    write = write_pdf if request.param == "pdf" else write_docx
    report = write(family_b_report(), folder / f"family-b.{request.param}")
    project = folder / "project"
    (project / "docs" / "reviews").mkdir(parents=True)
    shutil.copytree(ROOT / "vocabulary", project / "vocabulary")
    result = import_report(report, project, load_vocabulary(project / "vocabulary"))
    front, body = front_and_body(result.draft.read_text(encoding="utf-8"))
    return result, front, body


def test_the_body_has_every_sentence_of_the_published_review(family_b):
    _, front, body = family_b
    text = normalise(body)
    title, *sentences = seed_sentences()
    assert title == normalise(front["title"])  # the title is the page's heading, from the front matter
    missing = [s for s in sentences if s not in text]
    assert missing == []
    assert "appropriate at that time given the level of concerns." in body


def test_the_five_learning_points_are_found_exactly(family_b):
    result, front, _ = family_b
    published, _ = front_and_body(PUBLISHED_PAGE.read_text(encoding="utf-8"))
    assert [p["text"] for p in front["learning"]] == [p["text"] for p in published["learning"]]
    assert front["recommendations"] == []
    assert result.parts.learning_section == "3. Learning from the Review"


def test_the_suggested_themes_are_the_ones_a_person_chose(family_b):
    _, front, _ = family_b
    published, _ = front_and_body(PUBLISHED_PAGE.read_text(encoding="utf-8"))
    assert [p["themes"] for p in front["learning"]] == [p["themes"] for p in published["learning"]]
    assert front["learning"][0]["themes"] == ["information-sharing"]
    assert front["learning"][1]["themes"] == ["joint-meetings"]
    assert front["learning"][4]["themes"] == ["malicious-referral-caution"]


def test_only_the_stated_facts_are_filled_in(family_b):
    _, front, _ = family_b
    assert front["title"] == "Serious Case Review Report: Family B"
    assert front["review_type"] == "serious-case-review"
    assert front["incident"] == "2017"
    assert front["incident_note"] == "Summer 2017"
    assert front["subject"] == {"name": "Family B", "naming": "letter-or-initial"}
    for key in ("nation", "publisher", "published", "outcome", "source"):
        assert front[key] == "not-stated", key
    assert front["summary"] == "FILL-IN"


def test_nothing_of_the_layout_is_left_in_the_body(family_b):
    _, _, body = family_b
    assert "Page " not in body and "Contents" not in body and "Serious Case Review: Family B" not in body
    assert body.lstrip().startswith("Date of Incident: Summer 2017\n\n## 1. Case summary\n\n1.1. In the summer of 2017")
