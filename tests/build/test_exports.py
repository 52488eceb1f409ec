"""The data downloads (SPEC section 7) over the fictional fixture library equal what is computed here
from the fixture files, validate against their schema, and open safely in a spreadsheet."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest

from conftest import page
from fixture_corpus import (
    NOT_STATED, SITE_URL, THEMES, fixture_reviews, newest_first, sections, theme_learning, theme_reviews,
)

FORMULA = ("=", "+", "-", "@")


def _null(value):
    return None if value == NOT_STATED else value


def expected_record(r: dict) -> dict:
    url = f"{SITE_URL}reviews/{r['slug']}/"
    subject = r["subject"]
    return {
        "slug": r["slug"],
        "url": url,
        "title": r["title"],
        "review_type": r["review_type"],
        "nation": _null(r["nation"]),
        "publisher": _null(r["publisher"]),
        "published": _null(r["published"]),
        "incident": r.get("incident"),
        "incident_note": r.get("incident_note"),
        "subject": {"name": subject["name"], "naming": subject["naming"],
                    "children": subject.get("children"), "age_bands": subject.get("age_bands", [])},
        "outcome": _null(r["outcome"]),
        "harm_types": r.get("harm_types", []),
        "agencies": r.get("agencies", []),
        "themes": r["all_themes"],
        "summary": r["summary"],
        "learning": [
            {"id": f"learning-{n}", "url": f"{url}#learning-{n}", "text": lp["text"], "themes": lp["themes"], "for": lp.get("for", [])}
            for n, lp in enumerate(r["learning"], 1)
        ],
        "recommendations": [
            {"text": rec["text"], "id": str(rec.get("id", f"R{n}")), "for": rec.get("for", []), "owner": rec.get("owner"),
             "status": _null(rec.get("status")), "due": rec.get("due"), "updated": rec.get("updated"),
             "evidence": rec.get("evidence"),
             # No fixture of the library gives a due date: none can be overdue, whatever the day.
             "overdue": False, "url": f"{url}#recommendation-{rec.get('id', f'R{n}')}"}
            for n, rec in enumerate(r.get("recommendations", []), 1)
        ],
        "source": _null(r["source"]),
        "publish_until": r.get("publish_until"),
        "keywords": r.get("keywords", []),
        "rights": _null(r["rights"]),
        "rights_note": r.get("rights_note"),
    }


def download(site: Path, name: str) -> bytes:
    return (site / "data" / name).read_bytes()


def load_json(site: Path, name: str) -> dict:
    return json.loads(download(site, name).decode("utf-8"))


def read_csv(site: Path, name: str) -> list[dict[str, str]]:
    text = download(site, name).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline=""), strict=True))


def unneutralised(cell: str) -> str:
    """What a program reading the CSV gets back once it drops the apostrophe the export added."""
    return cell[1:] if cell.startswith("'") and cell[1:2] in FORMULA else cell


def test_reviews_json_equals_the_fixture_files(fixture_site: Path):
    data = load_json(fixture_site, "reviews.json")
    assert data["schema_version"] == 1
    want = [expected_record(r) for r in newest_first(fixture_reviews())]
    assert [r["slug"] for r in data["reviews"]] == [r["slug"] for r in want]
    for got, expected in zip(data["reviews"], want):
        assert got == expected, got["slug"]
        assert list(got) == list(expected), "fields in the model's order"


def test_generated_is_an_iso_8601_time(fixture_site: Path):
    generated = load_json(fixture_site, "reviews.json")["generated"]
    moment = dt.datetime.fromisoformat(generated.replace("Z", "+00:00"))
    assert moment.tzinfo is not None
    assert load_json(fixture_site, "themes.json")["generated"] == generated


def test_generated_follows_source_date_epoch():
    from casebook.exports.open_data import generated_at

    assert generated_at({"SOURCE_DATE_EPOCH": "1700000000"}) == "2023-11-14T22:13:20Z"


def _validator(site: Path) -> jsonschema.protocols.Validator:
    schema = load_json(site, "reviews.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_reviews_json_validates_against_its_schema(fixture_site: Path, real_site: Path):
    for site in (fixture_site, real_site):
        _validator(site).validate(load_json(site, "reviews.json"))


@pytest.mark.parametrize("spoil", [
    lambda r: r.update(nation="not-stated"),  # not-stated must be null in the export
    lambda r: r.update(published="2021-13"),
    lambda r: r["learning"][0].update(id="point-1"),
    lambda r: r["subject"].update(children="four"),
    lambda r: r.update(themes=["informaton-sharing"]),
    lambda r: r.update(secret="x"),
    lambda r: r.pop("source"),
])
def test_the_schema_refuses_a_spoiled_review(fixture_site: Path, spoil):
    data = load_json(fixture_site, "reviews.json")
    review = copy.deepcopy(next(r for r in data["reviews"] if r["slug"] == "child-a"))
    spoil(review)
    with pytest.raises(jsonschema.ValidationError):
        _validator(fixture_site).validate({**data, "reviews": [review]})


def test_learning_csv_read_back_equals_the_json(fixture_site: Path):
    rows = read_csv(fixture_site, "learning.csv")
    assert list(rows[0]) == ["review", "id", "themes", "for", "text", "url"]
    want = [
        {"review": r["slug"], "id": lp["id"], "themes": "; ".join(lp["themes"]), "for": "; ".join(lp["for"]),
         "text": lp["text"], "url": lp["url"]}
        for r in load_json(fixture_site, "reviews.json")["reviews"]
        for lp in r["learning"]
    ]
    assert [{k: unneutralised(v) for k, v in row.items()} for row in rows] == want
    assert len(rows) == sum(len(r["learning"]) for r in fixture_reviews())


def _flat(record: dict) -> dict[str, str]:
    """A reviews.json record as the reviews.csv row it should be."""
    row = {}
    for key, value in record.items():
        if key == "subject":
            for sub, v in value.items():
                row[f"subject_{sub}"] = "; ".join(v) if isinstance(v, list) else ("" if v is None else str(v))
        elif key in ("learning", "recommendations"):
            row[key] = str(len(value))
        elif isinstance(value, list):
            row[key] = "; ".join(value)
        else:
            row[key] = "" if value is None else str(value)
    return row


def test_reviews_csv_equals_the_json(fixture_site: Path):
    rows = read_csv(fixture_site, "reviews.csv")
    want = [_flat(r) for r in load_json(fixture_site, "reviews.json")["reviews"]]
    assert [{k: unneutralised(v) for k, v in row.items()} for row in rows] == want
    assert list(rows[0]) == list(want[0])


@pytest.mark.parametrize("name", ["reviews.csv", "learning.csv", "recommendations.csv"])
def test_csv_follows_rfc_4180_in_utf_8(fixture_site: Path, name: str):
    raw = download(fixture_site, name)
    text = raw.decode("utf-8")  # strict: fails on anything but UTF-8
    assert not text.startswith("\ufeff")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    if name == "reviews.csv":
        # Family H's curly quotes survive; Child F's straight quotes are doubled inside a quoted field.
        assert "Agencies’ records" in text
        assert '"This review is fictional and exists only to test Casebook. A baby\'s bruise was seen by two services, ""each assuming' in text


@pytest.mark.parametrize("name", ["reviews.csv", "learning.csv", "recommendations.csv"])
def test_no_cell_can_start_a_formula(fixture_site: Path, name: str):
    rows = list(csv.reader(io.StringIO(download(fixture_site, name).decode("utf-8"), newline="")))
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c.startswith(FORMULA)]
    if name == "learning.csv":
        # Child F's learning point 2 begins with '=' in its file: exported as text.
        assert any(c.startswith("'=1+1 - fictional learning F2") for c in cells)


def test_spreadsheet_safe_neutralises_every_formula_start():
    from casebook.exports.open_data import spreadsheet_safe

    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert spreadsheet_safe(start + "SUM(A1)") == "'" + start + "SUM(A1)"
    assert spreadsheet_safe("Plain text - with a dash") == "Plain text - with a dash"
    assert spreadsheet_safe(4) == 4


def test_themes_json_counts_equal_the_fixture_files(fixture_site: Path):
    data = load_json(fixture_site, "themes.json")
    reviews = fixture_reviews()
    assert [t["slug"] for t in data["themes"]] == list(THEMES)
    for theme in data["themes"]:
        slug = theme["slug"]
        assert theme["reviews"] == len(theme_reviews(slug, reviews)), slug
        assert theme["learning_points"] == len(theme_learning(slug, reviews)), slug
        assert theme["name"] == THEMES[slug]["name"]
        assert theme["parent"] == THEMES[slug].get("parent")
        assert theme["url"] == f"{SITE_URL}themes/{slug}/"
    assert any(t["reviews"] > 1 for t in data["themes"])


def test_the_data_page_describes_every_field_and_column(fixture_site: Path):
    text = sections(page(fixture_site, "/data/")).section_text

    def paths(value, prefix=""):
        if isinstance(value, dict):
            for key, v in value.items():
                yield prefix + key
                yield from paths(v, prefix + key + ".")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            yield from paths(value[0], prefix[:-1] + "[].")

    records = load_json(fixture_site, "reviews.json")["reviews"]
    fields = {p for r in records for p in paths(r)}
    assert "learning[].id" in fields and "subject.children" in fields and "recommendations[].status" in fields
    described = text("reviews-json")
    missing = [f for f in sorted(fields) if not re.search(rf"(?<![\w.\[\]]){re.escape(f)}(?![\w.\[])", described)]
    assert not missing
    for csv_name, section in (("reviews.csv", "reviews-csv"), ("learning.csv", "learning-csv"),
                              ("recommendations.csv", "recommendations-csv")):
        header = read_csv(fixture_site, csv_name)[0].keys()
        assert all(re.search(rf"(?<!\w){re.escape(col)}(?!\w)", text(section)) for col in header), csv_name
    html = page(fixture_site, "/data/").read_text(encoding="utf-8")
    for name in ("reviews.json", "reviews.schema.json", "reviews.csv", "learning.csv", "recommendations.csv", "themes.json"):
        assert f'href="{name}"' in html
    assert 'href="../feed.xml"' in html
