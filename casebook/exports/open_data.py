"""Open data (SPEC section 7): the reviews and their learning as JSON and CSV, the themes with counts,
and the JSON Schema of the reviews export.

Every shape here is derived from the one model of the front matter (casebook.model.fields.FIELDS), so a
new field reaches the JSON, the CSV, the schema and the /data/ page together. `not-stated` is
exported as null: it is an honest absence, not a value to count. Figures are counts of reviews
and learning points, never of children's characteristics.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import weakref
from typing import Any

from casebook.library.collection import Library
from casebook.model import fields as model_fields
from casebook.library.actions import is_overdue
from casebook.model.build_date import build_date, build_moment
from casebook.model.fields import DATE_FORMS, NOT_STATED, Field
from casebook.reading.review import Review, Validated
from casebook.model.vocabulary import Vocabulary

SCHEMA_VERSION = 1

# Front-matter keys left out of the export: the anonymisation check's accepted strings are
# editorial working, not facts about the review.
NOT_EXPORTED = ("allow",)

# Cells a spreadsheet would run as a formula (CSV injection); tab and carriage return too, which
# some spreadsheets strip before looking for '='.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")



def generated_at(environ=os.environ) -> str:
    """When the data was generated, in ISO 8601 (UTC); SOURCE_DATE_EPOCH makes builds reproducible."""
    return build_moment(environ).isoformat().replace("+00:00", "Z")


def site_address(site_url: str | None, path: str) -> str:
    """A page's address: absolute under site_url, else relative to the site's root."""
    return site_url.rstrip("/") + "/" + path if site_url else path


def exported_fields() -> tuple[Field, ...]:
    return tuple(f for f in model_fields.FIELDS if f.key not in NOT_EXPORTED)


# -- one review as data -----------------------------------------------------------------------


def _normalise(f: Field, value: Any) -> Any:
    """A value as exported: not-stated and absent as null, absent lists as [], dates as strings."""
    if f.kind == "list":
        return [_normalise(f.item, v) for v in (value or [])]
    if f.kind == "mapping":
        # A learning point or a recommendation holds its values in `fields`; the subject is a dict.
        value = value.fields if isinstance(value, Validated) else (value or {})
        return {sub.key: _normalise(sub, value.get(sub.key)) for sub in f.fields}
    if value is None or value == NOT_STATED:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


# Each review's record, made once for the three downloads that hold it (and, under `mkdocs serve`,
# kept for the saves that leave the review as it was): by review, then by address and date. Weak,
# so that a review gone from the library takes its record with it.
_records: "weakref.WeakKeyDictionary[Review, dict]" = weakref.WeakKeyDictionary()


def review_record(review: Review, site_url: str | None, on: dt.date | None = None) -> dict[str, Any]:
    """One review in reviews.json: slug and url, then every exported field in the model's order
    (the review's themes include those of its learning points); each recommendation with whether
    it is overdue on `on` (the build's date unless given) and its address. Read only: the record
    is shared by everything that exports the review."""
    on = build_date() if on is None else on
    made = _records.setdefault(review, {})
    key = (site_url, on)
    if key not in made:
        made[key] = _review_record(review, site_url, on)
    return made[key]


def _review_record(review: Review, site_url: str | None, on: dt.date) -> dict[str, Any]:
    front = review.fields
    url = site_address(site_url, review.url)
    record: dict[str, Any] = {"slug": review.slug, "url": url}
    for f in exported_fields():
        record[f.key] = _normalise(f, front.get(f.key))
    record["learning"] = [
        {"id": lp.anchor, "url": f"{url}#{lp.anchor}", **point}
        for lp, point in zip(review.learning, record["learning"])
    ]
    if "recommendations" in record:
        record["recommendations"] = [
            {**point, RECOMMENDATION_OVERDUE[0]: is_overdue(rec, on), "url": f"{url}#{rec.anchor}"}
            for rec, point in zip(review.recommendations, record["recommendations"])
        ]
    return record


def _dump(data: Any, compact: bool = False) -> str:
    # Compact for the big download: a third smaller, and Python's fast (C) encoder writes only
    # unindented JSON (11.5 MB took 0.5 s to write indented at 2,000 reviews).
    if compact:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def reviews_json(library: Library, site_url: str | None, generated: str) -> str:
    reviews = [review_record(r, site_url, library.actions.on) for r in library.newest()]
    return _dump({"schema_version": SCHEMA_VERSION, "generated": generated, "reviews": reviews}, compact=True)


# -- CSV ----------------------------------------------------------------------------------------


def spreadsheet_safe(value: Any) -> Any:
    """A cell a spreadsheet shows as text: one that would start a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    """RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else spreadsheet_safe(v) for v in row])
    return out.getvalue()


def joined(values: list[str]) -> str:
    return "; ".join(values)


def review_columns() -> list[tuple[str, str]]:
    """reviews.csv's columns and what each holds, derived from the model."""
    columns = [("slug", "The review's identifier: its file name and the last part of its address."),
               ("url", "The review's page on this site.")]
    for f in exported_fields():
        if f.kind == "mapping":
            columns += [(f"{f.key}_{sub.key}", sub.description + _list_note(sub)) for sub in f.fields]
        elif f.kind == "list" and f.item.kind == "mapping":
            columns.append((f.key, f"How many {f.key.replace('_', ' ')} the review has"
                            + (" (each is a row of learning.csv)." if f.key == "learning" else ".")))
        else:
            columns.append((f.key, f.description + _list_note(f)))
    return columns


def _list_note(f: Field) -> str:
    return " Several values are joined with '; '." if f.kind == "list" else ""


def _review_row(record: dict[str, Any]) -> list[Any]:
    row: list[Any] = [record["slug"], record["url"]]
    for f in exported_fields():
        value = record[f.key]
        if f.kind == "mapping":
            for sub in f.fields:
                v = value[sub.key]
                row.append(joined(v) if sub.kind == "list" else v)
        elif f.kind == "list" and f.item.kind == "mapping":
            row.append(len(value))
        elif f.kind == "list":
            row.append(joined(value))
        else:
            row.append(value)
    return row


def reviews_csv(library: Library, site_url: str | None) -> str:
    records = [review_record(r, site_url, library.actions.on) for r in library.newest()]
    return _csv([name for name, _ in review_columns()], [_review_row(r) for r in records])


LEARNING_REVIEW = ("review", "The slug of the review the learning point comes from.")
LEARNING_ID = ("id", "The learning point's anchor on the review page: learning-1, learning-2, ...")
LEARNING_URL = ("url", "The learning point on the review page.")


def learning_fields() -> tuple[Field, ...]:
    """A learning point's fields in learning.csv's order: the model's, with the long text last
    (SPEC section 7: review, id, themes, for, text, url)."""
    item = next(f for f in exported_fields() if f.key == "learning").item.fields
    return tuple(f for f in item if f.key != "text") + tuple(f for f in item if f.key == "text")


def learning_columns() -> list[tuple[str, str]]:
    """learning.csv's columns and what each holds, derived from the model."""
    return [LEARNING_REVIEW, LEARNING_ID, *[(f.key, f.description + _list_note(f)) for f in learning_fields()], LEARNING_URL]


def learning_csv(library: Library, site_url: str | None) -> str:
    rows = []
    point_fields = learning_fields()
    for review in library.newest():
        url = site_address(site_url, review.url)
        for lp in review.learning:
            cells = [_normalise(f, lp.fields.get(f.key)) for f in point_fields]
            rows.append([review.slug, lp.anchor, *[joined(c) if isinstance(c, list) else c for c in cells], f"{url}#{lp.anchor}"])
    return _csv([name for name, _ in learning_columns()], rows)


RECOMMENDATION_REVIEW = ("review", "The slug of the review that makes the recommendation.")
RECOMMENDATION_OVERDUE = ("overdue", "true when it is due before the build date (in `generated`, and on /actions/) "
                                     "and not complete; a due month runs to its end.")
RECOMMENDATION_URL = ("url", "The recommendation on the review page.")


def recommendation_fields() -> tuple[Field, ...]:
    """A recommendation's fields in recommendations.csv's order: the model's, with the long text last
    (SPEC section 7: review, id, for, owner, status, due, updated, overdue, evidence, text, url)."""
    item = next(f for f in exported_fields() if f.key == "recommendations").item.fields
    return tuple(f for f in item if f.key != "text") + tuple(f for f in item if f.key == "text")


def _overdue_after(fields: tuple[Field, ...]) -> int:
    """Where `overdue` goes among the columns: after the last date, which it is worked out from."""
    dates = [i for i, f in enumerate(fields) if f.kind == "date"]
    return dates[-1] + 1 if dates else len(fields)


def recommendation_columns() -> list[tuple[str, str]]:
    """recommendations.csv's columns and what each holds, derived from the model."""
    fields = recommendation_fields()
    described = [(f.key, f.description + _list_note(f)) for f in fields]
    at = _overdue_after(fields)
    return [RECOMMENDATION_REVIEW, *described[:at], RECOMMENDATION_OVERDUE, *described[at:], RECOMMENDATION_URL]


def recommendations_csv(library: Library, site_url: str | None) -> str:
    """One row per recommendation, newest review first; overdue on the build's date."""
    fields = recommendation_fields()
    at = _overdue_after(fields)
    rows = []
    for review in library.newest():
        record = review_record(review, site_url, library.actions.on)
        for rec in record.get("recommendations", []):
            cells = [joined(rec[f.key]) if f.kind == "list" else rec[f.key] for f in fields]
            overdue = "true" if rec[RECOMMENDATION_OVERDUE[0]] else "false"
            rows.append([review.slug, *cells[:at], overdue, *cells[at:], rec["url"]])
    return _csv([name for name, _ in recommendation_columns()], rows)


# -- themes -------------------------------------------------------------------------------------


def themes_json(library: Library, site_url: str | None, generated: str) -> str:
    themes = []
    for slug, theme in library.vocabulary.themes.items():
        index = library.themes[slug]
        themes.append({
            "slug": slug,
            "url": site_address(site_url, f"themes/{slug}/"),
            "name": theme.name,
            "definition": theme.definition,
            "parent": theme.parent,
            "children": list(theme.children),
            "synonyms": list(theme.synonyms),
            "questions": list(theme.questions),
            "reviews": index.review_count,
            "learning_points": index.learning_count,
        })
    return _dump({"schema_version": SCHEMA_VERSION, "generated": generated, "themes": themes})


# -- the schema of reviews.json ------------------------------------------------------------------


def _nullable(f: Field) -> bool:
    return f.not_stated or not f.required or (f.kind == "choice" and NOT_STATED in f.choices)


def field_schema(f: Field, vocabulary: Vocabulary) -> dict[str, Any]:
    """The JSON Schema of one field as exported (null where not stated or absent)."""
    schema: dict[str, Any] = {"description": f.description}
    nullable = _nullable(f)
    if f.kind == "list":
        schema.update(type="array", items=field_schema(f.item, vocabulary))
        if f.min_items:
            schema["minItems"] = f.min_items
        return schema
    if f.kind == "mapping":
        props = {sub.key: field_schema(sub, vocabulary) for sub in f.fields}
        schema.update(type="object", properties=props, required=list(props), additionalProperties=False)
        return schema
    if f.kind in ("choice", "vocabulary"):
        values = list(f.choices) if f.kind == "choice" else sorted(getattr(vocabulary, f.vocabulary))
        values = [v for v in values if v != NOT_STATED]
        schema["enum"] = values + ([None] if nullable else [])
        return schema
    if f.kind == "integer":
        schema.update(type=["integer", "null"] if nullable else "integer", minimum=0)
        return schema
    schema["type"] = ["string", "null"] if nullable else "string"
    if f.kind == "date":
        schema["pattern"] = "^(" + "|".join(DATE_FORMS[form] for form in f.date_forms) + ")$"
    elif f.kind == "url":
        schema["pattern"] = "^https://"
    elif f.pattern:
        schema["pattern"] = f"^(?:{f.pattern})$"
    if f.kind == "text" and f.max_chars:
        schema["maxLength"] = f.max_chars
    return schema


def reviews_schema(vocabulary: Vocabulary, site_url: str | None) -> str:
    """reviews.schema.json: the schema reviews.json validates against (JSON Schema 2020-12)."""
    fields = exported_fields()
    review_props: dict[str, Any] = {
        "slug": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "description": review_columns()[0][1]},
        "url": {"type": "string", "description": review_columns()[1][1]},
    }
    review_props.update({f.key: field_schema(f, vocabulary) for f in fields})
    learning_item = review_props["learning"]["items"]
    learning_item["properties"] = {
        "id": {"type": "string", "pattern": "^learning-[1-9][0-9]*$", "description": LEARNING_ID[1]},
        "url": {"type": "string", "description": LEARNING_URL[1]},
        **learning_item["properties"],
    }
    learning_item["required"] = list(learning_item["properties"])
    if "recommendations" in review_props:
        item = review_props["recommendations"]["items"]
        item["properties"] = {
            **item["properties"],
            RECOMMENDATION_OVERDUE[0]: {"type": "boolean", "description": RECOMMENDATION_OVERDUE[1]},
            "url": {"type": "string", "description": RECOMMENDATION_URL[1]},
        }
        item["required"] = list(item["properties"])
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": site_address(site_url, "data/reviews.schema.json"),
        "title": "Casebook reviews export (reviews.json)",
        "type": "object",
        "required": ["schema_version", "generated", "reviews"],
        "additionalProperties": False,
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION, "description": "Changes when a field changes meaning or is removed."},
            "generated": {"type": "string", "format": "date-time", "description": "When the file was generated (UTC)."},
            "reviews": {"type": "array", "items": {"$ref": "#/$defs/review"}},
        },
        "$defs": {
            "review": {
                "type": "object",
                "properties": review_props,
                "required": list(review_props),
                "additionalProperties": False,
            }
        },
    }
    return _dump(schema)
