"""A recommendation's fields as a contributor meets them: ids by position, owners and statuses with
the closest valid value offered, the dates of an action plan left alone by the anonymisation check,
and the template and /contributing/ saying what each field takes. Every review here is fictional."""

from __future__ import annotations

import datetime as dt

from casebook.authoring.template import review_template
from casebook.checks.personal_data import check_personal_data
from casebook.library.actions import is_overdue, track_recommendations
from casebook.model.vocabulary import load_vocabulary
from casebook.pages.field_reference import field_reference
from casebook.reading.frontmatter import parse_source
from casebook.reading.review import build_review
from conftest import ROOT

VOCABULARY = load_vocabulary(ROOT / "vocabulary")
TODAY = dt.date(2025, 6, 1)

HEAD = """---
# FICTIONAL: a made-up review for Casebook's tests. No real child or family.
title: "Child R: a fictional review"
review_type: rapid-review
nation: england
publisher: Fictional Board
published: "2021-03"
subject:
  name: Child R
  naming: pseudonym
outcome: serious-harm
themes: [information-sharing]
summary: This review is fictional.
learning: []
recommendations:
"""


def _read(recommendations: str):
    src = parse_source((HEAD + recommendations + "rights: cc-by-4.0\nsource: not-stated\n---\n\nFictional.\n").encode(), "docs/reviews/child-r.md")
    review, problems = build_review(src, "child-r", VOCABULARY, TODAY)
    return src, review, [str(p) for p in problems if p.is_error]


def test_a_recommendation_without_an_id_is_known_by_its_position():
    _, review, problems = _read("  - text: One.\n    id: first\n  - text: Two.\n")
    assert problems == []
    assert [(r.id, r.anchor) for r in review.recommendations] == [("first", "recommendation-first"), ("R2", "recommendation-R2")]


def test_ids_differing_only_in_case_are_the_same_anchor_to_a_reader():
    _, _, problems = _read("  - text: One.\n    id: r1\n  - text: Two.\n    id: R1\n")
    assert problems == ["docs/reviews/child-r.md:19: recommendations[2].id: give recommendation 2 an id of its own: "
                        "'R1' is already recommendation 1's"]


def test_a_misspelt_owner_status_or_key_is_offered_the_closest():
    _, _, problems = _read("  - text: One.\n    owner: polise\n    status: compelte\n    evidnce: Done.\n")
    assert problems == [
        "docs/reviews/child-r.md:19: recommendations[1].evidnce: unknown key 'evidnce': did you mean 'evidence'?",
        "docs/reviews/child-r.md:17: recommendations[1].owner: unknown agency 'polise': did you mean 'police'?",
        "docs/reviews/child-r.md:18: recommendations[1].status: unknown status 'compelte': did you mean 'complete'?",
    ]


def test_a_misspelt_evidence_is_not_asked_for_again():
    _, _, problems = _read('  - text: One.\n    status: complete\n    updated: "2022-01"\n    evidnce: Done.\n')
    assert problems == ["docs/reviews/child-r.md:19: recommendations[1].evidnce: unknown key 'evidnce': did you mean 'evidence'?"]


def test_a_refused_date_is_not_asked_for_again():
    # One mistake, one message: a status with an unreadable date is not told to add one.
    _, _, problems = _read("  - text: One.\n    status: open\n    updated: last spring\n")
    assert problems == ["docs/reviews/child-r.md:18: recommendations[1].updated: write 'updated' as \"YYYY-MM\" or "
                        "\"YYYY-MM-DD\", not 'last spring'"]


def test_the_dates_of_an_action_plan_are_not_personal_data():
    src, _, problems = _read('  - text: One.\n    status: open\n    due: "2025-03-31"\n    updated: "2024-11-05"\n')
    assert problems == []
    assert check_personal_data(src, VOCABULARY) == []
    # The text of a recommendation still is scanned.
    src, _, _ = _read('  - text: Write to jo.bloggs@example.org today.\n')
    assert [p.rule for p in check_personal_data(src, VOCABULARY)] == ["personal-data-email"]


def test_overdue_runs_to_the_end_of_a_due_month_and_never_when_complete():
    _, review, problems = _read(
        '  - text: A.\n    due: "2025-05"\n'
        '  - text: B.\n    due: "2025-06"\n'
        '  - text: C.\n    due: "2025-05-31"\n'
        '  - text: D.\n    due: "2025-06-01"\n'
        '  - text: E.\n    status: complete\n    updated: "2025-01-01"\n    evidence: Done.\n    due: "2024-01"\n'
        '  - text: F.\n    status: not-accepted\n    updated: "2021-04"\n    due: "2024-01"\n'
    )
    assert problems == []
    assert [is_overdue(r, TODAY) for r in review.recommendations] == [True, False, True, False, False, True]
    actions = track_recommendations([review], TODAY)
    assert actions.by_status() == [("not-stated", 4), ("open", 0), ("in-progress", 0), ("complete", 1), ("not-accepted", 1)]
    assert actions.by_owner(list(VOCABULARY.agencies)) == [(None, 6, 3)]


def test_the_template_and_the_field_reference_explain_each_field():
    template = review_template("Child R")
    for line in ("#     # owner (optional): The agency accountable for carrying it out.",
                 "#     # updated (optional): When its status last changed (required with any status but not-stated).",
                 "#     # evidence (optional): What was done, and where that is reported (required with complete).",
                 "#     status: in-progress", '#     due: "2025-03"'):
        assert line in template
    reference = field_reference(VOCABULARY)
    assert "| `id` | no |" in reference and "Letters, digits and hyphens, at most 20 characters" in reference
    assert "`not-accepted`" in reference
