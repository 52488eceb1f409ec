"""The JSON Schema of a review's front matter, generated from the model and the vocabulary.

Editors with YAML support use it to complete field names and slugs and to underline mistakes as
they type. It is derived from casebook.model.fields.FIELDS and vocabulary/*.yml, never written by hand;
`casebook schema` prints it, a copy is committed as casebook/exports/review.schema.json (a test keeps the
copy equal to the generated one) and the build serves it at /data/review.schema.json.

A schema sees the values after YAML has read them, so it cannot see what only the file shows:
duplicate keys, unquoted `no` read as false by YAML 1.1, a comment swallowing the end of a title,
dates in the future, the publication order of dates, what a recommendation's status asks of its other
fields (a date, evidence), and rules across files. `casebook check` does.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from casebook.model import fields as model_fields
from casebook.model.fields import DATE_FORMS, NOT_STATED, PLAIN_TEXT_FORBIDDEN, VOCABULARIES, Field
from casebook.model.vocabulary import Vocabulary

COMMITTED = Path(__file__).with_name("review.schema.json")
DRAFT = "https://json-schema.org/draft/2020-12/schema"

# One regular expression refusing everything plain text must not hold (ECMAScript and Python alike).
_PLAIN_TEXT = r"^(?![\s\S]*(?:" + "|".join(pattern for pattern, _ in PLAIN_TEXT_FORBIDDEN) + r"))[\s\S]*\S[\s\S]*$"


def _words_at_most(n: int) -> str:
    return r"^\s*(?:\S+\s+){0," + str(n - 1) + r"}\S*\s*$"


def _property(f: Field, vocabulary: Vocabulary) -> dict[str, Any]:
    schema: dict[str, Any] = {"description": f.description}
    if f.kind == "text":
        # An alphabet of its own (a recommendation's id) is stricter than plain text.
        schema.update({"type": "string", "pattern": f"^(?:{f.pattern})$" if f.pattern else _PLAIN_TEXT})
        if f.max_chars:
            schema["maxLength"] = f.max_chars
        if f.max_words:
            schema = {"description": f.description, "allOf": [
                {"type": "string", "pattern": _PLAIN_TEXT},
                {"pattern": _words_at_most(f.max_words)},
            ]}
    elif f.kind == "choice":
        schema["enum"] = list(f.allowed)
    elif f.kind == "vocabulary":
        schema["enum"] = list(getattr(vocabulary, f.vocabulary))
        schema["description"] += f" Slugs from {VOCABULARIES[f.vocabulary][1]}."
    elif f.kind == "integer":
        schema.update({"type": "integer", "minimum": 0})
    elif f.kind == "url":
        schema.update({"type": "string", "pattern": r"^(?:https://\S+|" + NOT_STATED + r")$"})
    elif f.kind == "date":
        forms = "|".join(DATE_FORMS[d] for d in f.date_forms)
        options: list[dict[str, Any]] = [{"type": "string", "pattern": f"^(?:{forms})$"}]
        if "YYYY" in f.date_forms:
            # An unquoted year is read as a number; the check accepts it, so the schema does too.
            options.append({"type": "integer", "minimum": 1000, "maximum": 9999})
        if f.not_stated:
            options.append({"const": NOT_STATED})
        schema["anyOf"] = options
    elif f.kind == "list":
        schema.update({"type": "array", "items": _property(f.item, vocabulary)})
        if f.min_items:
            schema["minItems"] = f.min_items
    elif f.kind == "mapping":
        schema.update(_object(f.fields, vocabulary))
    else:  # pragma: no cover - a new kind in the model must be given a schema here
        raise ValueError(f"no JSON Schema for field kind {f.kind!r}")
    if f.example is not None:
        schema["examples"] = [f.example]
    return schema


def _object(fields: tuple[Field, ...], vocabulary: Vocabulary) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {f.key: _property(f, vocabulary) for f in fields},
        "required": [f.key for f in fields if f.required],
        "additionalProperties": False,
    }


def review_schema(vocabulary: Vocabulary) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a review file's front matter."""
    return {
        "$schema": DRAFT,
        "title": "Casebook review front matter",
        "description": "The YAML between the '---' lines at the top of docs/reviews/<slug>.md. "
                       "Generated from casebook/model/fields.py and vocabulary/*.yml; `casebook check` applies "
                       "further rules a schema cannot express.",
        **_object(model_fields.FIELDS, vocabulary),
        # Terms that rest on an agreement need the note that records it (SPEC section 3).
        "if": {"properties": {"rights": {"enum": list(model_fields.RIGHTS_NEEDING_NOTE)}}, "required": ["rights"]},
        "then": {"required": ["rights_note"]},
    }


def schema_json(vocabulary: Vocabulary) -> str:
    """The schema as the committed and served file: stable key order, one trailing newline."""
    return json.dumps(review_schema(vocabulary), indent=2, ensure_ascii=False) + "\n"
