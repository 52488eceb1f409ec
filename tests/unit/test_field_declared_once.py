"""A field is declared once: added to a copy of the model, and nowhere else, it is validated, stored
on the Review, exported (reviews.json, reviews.csv, learning.csv, their schema), in the editors' JSON Schema, and
documented on /contributing/, on /data/ and in the `casebook new` template.

The fields below are made up for the test (no review has them); every review used is fictional.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from casebook.authoring.template import review_template
from casebook.exports import open_data, schema
from casebook.library.collection import load_library
from casebook.model import fields
from casebook.model.fields import Field
from casebook.model.vocabulary import load_vocabulary
from casebook.pages.data import data_page
from casebook.pages.field_reference import field_reference
from casebook.reading.review import Review

VOCABULARY = load_vocabulary(ROOT / "vocabulary")
TODAY = dt.date(2025, 1, 1)

REVIEWER = Field("reviewer", "text", False, "Who led the review, as the report names them.",
                 max_chars=40, example="An independent reviewer")
# Inside each recommendation: a choice, so the schemas must list its values.
ASSURANCE = Field("assurance", "choice", False, "Whether the board has seen evidence that it was carried out.",
                  choices=("evidence-seen", "no-evidence"), example="evidence-seen")
# Inside each learning point: a number, so learning.csv gains a column.
PAGE = Field("page", "integer", False, "The page of the report the point is on.", example=12)


@pytest.fixture
def with_new_fields(monkeypatch):
    """A copy of the model with `reviewer` after `publisher`, `assurance` in each recommendation
    and `page` in each learning point."""
    model = []
    for f in fields.FIELDS:
        for key, extra in (("recommendations", ASSURANCE), ("learning", PAGE)):
            if f.key == key:
                f = dataclasses.replace(f, item=dataclasses.replace(f.item, fields=f.item.fields + (extra,)))
        model.append(f)
        if f.key == "publisher":
            model.append(REVIEWER)
    monkeypatch.setattr(fields, "FIELDS", tuple(model))


def _child_a(tmp_path: Path, reviewer: str, assurance: str) -> Path:
    text = (FIXTURES / "library" / "child-a.md").read_text(encoding="utf-8")
    text = text.replace("publisher: Fictional Safeguarding Children Partnership\n",
                        f"publisher: Fictional Safeguarding Children Partnership\nreviewer: {reviewer}\n")
    text = text.replace("    status: open\n", f"    status: open\n    assurance: {assurance}\n")
    text = text.replace("    for: [health-visiting]\n", "    for: [health-visiting]\n    page: 12\n")
    folder = tmp_path / "docs" / "reviews"
    folder.mkdir(parents=True)
    (folder / "child-a.md").write_text(text, encoding="utf-8")
    return folder


def _library(tmp_path: Path, reviewer: str = '"A fictional reviewer"', assurance: str = "evidence-seen"):
    return load_library([_child_a(tmp_path, reviewer, assurance)], VOCABULARY, root=tmp_path, today=TODAY)


def test_a_bad_value_of_a_new_field_is_refused_with_its_rule(with_new_fields, tmp_path: Path):
    library = _library(tmp_path, reviewer='"' + "A" * 41 + '"', assurance="done")
    assert [str(p) for p in library.problems] == [
        "docs/reviews/child-a.md:7: reviewer: shorten the reviewer to at most 40 characters (it has 41)",
        "docs/reviews/child-a.md:31: recommendations[1].assurance: unknown assurance 'done': use one of: evidence-seen, no-evidence",
    ]
    assert library.reviews == []


def test_a_new_field_is_stored_on_the_review(with_new_fields, tmp_path: Path):
    library = _library(tmp_path)
    assert library.problems == []
    review = library.review("child-a")
    assert review.reviewer == review.fields["reviewer"] == "A fictional reviewer"
    assert review.recommendations[0].assurance == "evidence-seen"
    assert [lp.page for lp in review.learning] == [12, None]
    # In the model's order, so that everything derived from `fields` follows it too.
    assert list(review.fields)[:5] == ["title", "review_type", "nation", "publisher", "reviewer"]


def test_a_new_field_is_exported(with_new_fields, tmp_path: Path):
    library = _library(tmp_path)
    data = json.loads(open_data.reviews_json(library, None, "2025-01-01T00:00:00Z"))
    record = data["reviews"][0]
    assert record["reviewer"] == "A fictional reviewer"
    assert record["recommendations"][0]["assurance"] == "evidence-seen"
    assert [lp["page"] for lp in record["learning"]] == [12, None]
    rows = list(csv.DictReader(io.StringIO(open_data.reviews_csv(library, None))))
    assert rows[0]["reviewer"] == "A fictional reviewer"
    rows = list(csv.DictReader(io.StringIO(open_data.learning_csv(library, None))))
    # Before the text, which stays the last column but the address (SPEC section 7).
    assert list(rows[0]) == ["review", "id", "themes", "for", "page", "text", "url"]
    assert [row["page"] for row in rows] == ["12", ""]

    # The export's schema describes it, and the export validates against that schema.
    import jsonschema

    export_schema = json.loads(open_data.reviews_schema(VOCABULARY, None))
    review_def = export_schema["$defs"]["review"]
    assert review_def["properties"]["reviewer"] == {"description": REVIEWER.description, "type": ["string", "null"], "maxLength": 40}
    assert "reviewer" in review_def["required"]
    recommendation = review_def["properties"]["recommendations"]["items"]
    assert recommendation["properties"]["assurance"]["enum"] == ["evidence-seen", "no-evidence", None]
    jsonschema.Draft202012Validator(export_schema).validate(data)
    record["recommendations"][0]["assurance"] = "done"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(export_schema).validate(data)


def test_a_new_field_is_in_the_editors_schema(with_new_fields):
    editors = schema.review_schema(VOCABULARY)
    assert editors["properties"]["reviewer"]["maxLength"] == 40
    assert "reviewer" not in editors["required"]
    recommendation = editors["properties"]["recommendations"]["items"]
    assert recommendation["properties"]["assurance"]["enum"] == ["evidence-seen", "no-evidence"]


def test_a_new_field_is_documented(with_new_fields, tmp_path: Path):
    reference = field_reference(VOCABULARY)
    assert "| `reviewer` | no | Who led the review, as the report names them. | Plain text, at most 40 characters. |" in reference
    assert ("| `assurance` | no | Whether the board has seen evidence that it was carried out. | "
            "One of `evidence-seen`, `no-evidence`. |") in reference

    page = data_page(_library(tmp_path))
    assert "| `reviewer` | text, at most 40 characters; null when not given | Who led the review, as the report names them. |" in page
    assert ("| `recommendations[].assurance` | one of `evidence-seen`, `no-evidence`; null when not given | "
            "Whether the board has seen evidence that it was carried out. |") in page
    assert "| `reviewer` | Who led the review, as the report names them. |" in page  # the reviews.csv column
    assert "| `learning[].page` | whole number; null when not given | The page of the report the point is on. |" in page
    assert "| `page` | The page of the report the point is on. |" in page  # the learning.csv column

    template = review_template("Child Z: a fictional review").splitlines()
    at = template.index("# reviewer: An independent reviewer")
    assert template[at - 1] == "# reviewer (optional): Who led the review, as the report names them. Plain text, at most 40 characters."
    assert "#     assurance: evidence-seen" in template


def test_the_real_model_is_untouched_without_the_copy():
    """The fields above exist only in the test's copy: the shipped model and schema do not have them."""
    assert "reviewer" not in [f.key for f in fields.FIELDS]
    assert "reviewer" not in json.loads(schema.COMMITTED.read_text(encoding="utf-8"))["properties"]


def test_a_field_named_like_a_review_attribute_is_refused(monkeypatch):
    """A key such as 'url' would hide the review's address from every page and export."""
    monkeypatch.setattr(fields, "FIELDS", fields.FIELDS + (Field("url", "url", False, "A second address."),))
    with pytest.raises(ValueError, match=r"casebook/model/fields.py: url: the name 'url' is taken by Review; "
                                         r"give the field another key or an 'attribute'"):
        Review("child-z", "docs/reviews/child-z.md", {"title": "Child Z", "url": "https://example.org/z"})
