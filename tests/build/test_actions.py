"""Recommendations tracked across reviews: /actions/, the agency pages, the review pages and the data
over the fictional library tests/fixtures/actions/, built on a fixed day (SOURCE_DATE_EPOCH), equal
what is worked out from the fixture files with plain YAML (tests/actions_corpus.py).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from actions_corpus import AGENCIES, EXPECTED, ON, STATUS_WORDS, build_actions_site, deadline, for_people
from conftest import ROOT, article_text, page


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_actions_site(tmp_path_factory.mktemp("actions"))


class Tables(HTMLParser):
    """Every table of a page's article: its rows, each (the row's attributes, its cells' text)."""

    def __init__(self):
        super().__init__()
        self.tables: list[list[tuple[dict, list[str]]]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append((dict(attrs), []))
        elif tag in ("td", "th") and self.tables:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1][1].append(re.sub(r"\s+", " ", "".join(self.cell)).strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def tables(html_path: Path) -> list[list[tuple[dict, list[str]]]]:
    parser = Tables()
    parser.feed(html_path.read_text(encoding="utf-8"))
    return parser.tables


def test_the_fixtures_have_every_status_and_some_overdue():
    # What the rest of this file relies on: else a test could pass over an empty case.
    assert set(r["status"] for r in EXPECTED) == set(STATUS_WORDS)
    assert 0 < sum(r["overdue"] for r in EXPECTED) < len(EXPECTED)
    assert any(r["due"] and deadline(r["due"]) == ON for r in EXPECTED), "a due date on the build's day"
    assert any(r["status"] == "complete" and deadline(r["due"]) < ON for r in EXPECTED), "complete after its due date"


def test_actions_counts_by_status_and_by_owner_equal_the_fixture_files(site: Path):
    by_status, by_owner, listing = tables(page(site, "/actions/"))
    status_counts = Counter(r["status"] for r in EXPECTED)
    assert by_status[1:] == [({}, [STATUS_WORDS[s], str(status_counts[s])]) for s in STATUS_WORDS]
    owners = Counter(r["owner"] for r in EXPECTED)
    overdue = Counter(r["owner"] for r in EXPECTED if r["overdue"])
    order = [a for a in AGENCIES if owners[a]] + ([None] if owners[None] else [])
    assert [cells for _, cells in by_owner[1:]] == [
        [AGENCIES[o]["name"] if o else "Not stated", str(owners[o]), str(overdue[o])] for o in order]
    text = article_text(page(site, "/actions/"))
    reviews = len({r["review"] for r in EXPECTED})
    assert (f"The library holds {len(EXPECTED)} recommendations from {reviews} reviews; "
            f"{sum(r['overdue'] for r in EXPECTED)} overdue.") in text
    # The page says which day overdue was worked out on.
    assert "Overdue here is worked out on 1 June 2025 , the date this page was built." in text


def test_actions_lists_every_recommendation_with_its_facts(site: Path):
    listing = tables(page(site, "/actions/"))[2]
    assert listing[0][1] == ["Recommendation", "Review", "Owner", "Status", "Due", "Last update"]
    rows = listing[1:]
    assert len(rows) == len(EXPECTED)
    for (attrs, cells), want in zip(rows, EXPECTED):
        assert cells == [
            f"{want['id']} {want['text']}",
            want["review_title"],
            AGENCIES[want["owner"]]["name"] if want["owner"] else "Not stated",
            STATUS_WORDS[want["status"]],
            for_people(want["due"]) + (" (overdue)" if want["overdue"] else ""),
            for_people(want["updated"]),
        ]
        # What the filters read.
        assert (attrs["data-status"], attrs["data-owner"], attrs["data-publisher"], attrs["data-overdue"]) == (
            want["status"], want["owner"] or "not-stated", want["publisher"], "yes" if want["overdue"] else "no")
    html = page(site, "/actions/").read_text(encoding="utf-8")
    for want in EXPECTED:
        assert f'href="../reviews/{want["review"]}/#recommendation-{want["id"]}"' in html
    # The filters are there for the script, hidden until it runs; no inline script.
    assert re.search(r"<form [^>]*data-cb-actions-filters hidden", html)
    assert '<script src="../javascripts/actions-table.js" defer></script>' in html


def _addressed(agency: str) -> list[dict]:
    return [r for r in EXPECTED if agency == r["owner"] or agency in r["for"]]


def test_every_agency_page_counts_its_recommendations_by_status(site: Path):
    checked = 0
    for agency, term in AGENCIES.items():
        text = article_text(page(site, f"/agencies/{agency}/"))
        mine = _addressed(agency)
        if not mine:
            assert "Recommendations addressed to it" not in text, agency
            continue
        counts = Counter(r["status"] for r in mine)
        by_status = ", ".join(f"{counts[s]} {STATUS_WORDS[s].lower()}" for s in STATUS_WORDS if counts[s])
        overdue = sum(r["overdue"] for r in mine)
        assert f"By status: {by_status}. {overdue} overdue on 1 June 2025" in text, agency
        assert f"{len(mine)} recommendation{'s' if len(mine) != 1 else ''} from" in text, agency
        for r in mine:
            role = "owned by it" if r["owner"] == agency else "addressed to it"
            assert f"{r['review_title']}, recommendation {r['id']} ({role}; status: {STATUS_WORDS[r['status']].lower()}" in text
        assert text.count("Overdue: due ") == overdue, agency
        checked += 1
    assert checked >= 3


def test_each_review_page_shows_its_recommendations_with_their_anchors(site: Path):
    for slug in {r["review"] for r in EXPECTED}:
        html = page(site, f"/reviews/{slug}/").read_text(encoding="utf-8")
        text = article_text(page(site, f"/reviews/{slug}/"))
        for r in (r for r in EXPECTED if r["review"] == slug):
            assert f'id="recommendation-{r["id"]}"' in html
            assert (f"Owner: {AGENCIES[r['owner']]['name'] if r['owner'] else 'Not stated'} "
                    f"Status: {STATUS_WORDS[r['status']]} Due: {for_people(r['due'])} "
                    f"Last update: {for_people(r['updated'])}") in text, (slug, r["id"])
            note = f"Overdue: due {for_people(r['due'])}, not complete."
            assert (note in text) == r["overdue"], (slug, r["id"])
            if r["evidence"]:
                assert f"Evidence: {r['evidence']}" in text
    # The review that made none has no recommendations section.
    assert "Recommendations" not in article_text(page(site, "/reviews/child-w/"))


def test_recommendations_csv_equals_the_fixture_files(site: Path):
    raw = (site / "data" / "recommendations.csv").read_bytes().decode("utf-8")
    assert raw.endswith("\r\n") and "\n" not in raw.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(raw, newline=""), strict=True))
    assert rows[0] == ["review", "id", "for", "owner", "status", "due", "updated", "overdue", "evidence", "text", "url"]

    def cell(value) -> str:
        text = "" if value is None or value == "not-stated" else str(value)
        return "'" + text if text.startswith(("=", "+", "-", "@")) else text

    assert rows[1:] == [
        [cell(r["review"]), cell(r["id"]), "; ".join(r["for"]), cell(r["owner"]), cell(r["status"]), cell(r["due"]),
         cell(r["updated"]), "true" if r["overdue"] else "false", cell(r["evidence"]), cell(r["text"]), r["url"]]
        for r in EXPECTED
    ]
    # Child N's evidence begins with '=' in its file: a spreadsheet shows it as text.
    assert any(c.startswith("'=Fictional audit") for row in rows for c in row)


def test_reviews_json_has_the_same_recommendations_and_validates(site: Path):
    data = json.loads((site / "data" / "reviews.json").read_text(encoding="utf-8"))
    assert data["generated"] == "2025-06-01T00:00:00Z"
    got = [(r["slug"], rec) for r in data["reviews"] for rec in r["recommendations"]]
    assert [(slug, rec["id"], rec["owner"], rec["status"], rec["due"], rec["updated"], rec["overdue"], rec["evidence"],
             rec["for"], rec["url"]) for slug, rec in got] == [
        (r["review"], r["id"], r["owner"], None if r["status"] == "not-stated" else r["status"], r["due"], r["updated"],
         r["overdue"], r["evidence"], r["for"], r["url"]) for r in EXPECTED]
    schema = json.loads((site / "data" / "reviews.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    # The schema holds the new fields to their shape: an overdue that is not true or false fails.
    data["reviews"][0]["recommendations"][0]["overdue"] = "yes"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(data)


def test_the_data_page_describes_every_recommendation_column(site: Path):
    text = article_text(page(site, "/data/"))
    for column in ("review", "id", "for", "owner", "status", "due", "updated", "overdue", "evidence", "text", "url"):
        assert f"recommendations[].{column}" in text or column == "review", column
    assert "recommendations.csv" in text


def test_family_b_makes_no_recommendations_and_actions_says_so(real_site: Path):
    source = (ROOT / "docs" / "reviews" / "family-b.md").read_text(encoding="utf-8")
    assert "\nrecommendations: []\n" in source
    assert 'id="recommendation-' not in page(real_site, "/reviews/family-b/").read_text(encoding="utf-8")
    assert "No review in the library makes a recommendation yet." in article_text(page(real_site, "/actions/"))
