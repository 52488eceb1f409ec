"""The JSON Schema for editors is generated from the model, committed, served, and agrees with the check.

It accepts Family B's front matter and rejects every bad fixture whose mistake survives YAML's
reading of the file; the mistakes only the file shows (a key given twice, an unquoted `no`, a
comment cutting a title short) or only the library shows (a repeated title) are the check's alone,
and the test says so fixture by fixture.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import ENV, FIXTURES, ROOT
from casebook.exports.schema import COMMITTED, review_schema, schema_json
from casebook.model.vocabulary import load_vocabulary
from test_bad_reviews import BAD, EXPECTED

VOCABULARY = load_vocabulary(ROOT / "vocabulary")
VALIDATOR = jsonschema.Draft202012Validator(review_schema(VOCABULARY))

# Bad fixtures the schema cannot reject, and why: the file as written, not the values YAML reads,
# or more than one file, or today's date, or the order of two dates.
BEYOND_A_SCHEMA = {
    "utf8-bom.md": "valid",
    "crlf-line-endings.md": "valid",
    "empty.md": "no front matter to read",
    "binary.md": "no front matter to read",
    "not-utf8.md": "no front matter to read",
    "over-5-mb.md": "the size of the file",
    "Bad_File_Name.md": "the file name",
    "slug-case.md": "two file names",
    "duplicate-title.md": "another file's title",
    "saved-as-text.md.txt": "the file's extension",
    "report-pasted-as-pdf.pdf": "not a review file at all",
    "in-a-subfolder.md": "the file's folder",
    "text-before-front-matter.md": "no front matter to read",
    "blank-line-before-front-matter.md": "no front matter to read",
    "no-front-matter.md": "no front matter to read",
    "no-closing-line.md": "no front matter to read",
    "tab-in-yaml.md": "not YAML at all",
    "invalid-yaml.md": "not YAML at all",
    "duplicate-key.md": "YAML keeps the last value",
    "yaml-alias.md": "YAML copies the value",
    "comment-swallows-title.md": "YAML drops the comment before a schema sees the value",
    "published-in-future.md": "today's date",
    "publish-until-before-published.md": "the order of two dates",
    "incident-after-published.md": "the order of two dates",
    "published-impossible-date.md": "the calendar",
    "not-stated-written-in-words.md": "'Not stated' is plain text to a schema",
    "children-leading-zero.md": "YAML reads 010 as 8, a valid number",
}


NOTHING_TO_READ = object()
_BLOCK = re.compile(r"\A---\n(.*?)^---$", re.S | re.M)


def front_matter(path: Path):
    """The front matter as an editor's YAML reader hands it to a schema (dates as the strings
    written), or NOTHING_TO_READ where a YAML reader finds no front matter or cannot read it."""
    try:
        text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return NOTHING_TO_READ
    block = _BLOCK.match(text)
    if block is None:
        return NOTHING_TO_READ
    try:
        return _jsonable(yaml.safe_load(block.group(1)))
    except yaml.YAMLError:
        return NOTHING_TO_READ


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def test_committed_schema_is_the_generated_one():
    assert COMMITTED.read_text(encoding="utf-8") == schema_json(VOCABULARY), (
        "the model or vocabulary changed: regenerate with  .venv/bin/casebook schema > casebook/exports/review.schema.json")


def test_casebook_schema_prints_it():
    result = subprocess.run([sys.executable, "-m", "casebook", "schema"], cwd=ROOT, env=ENV, capture_output=True, text=True)
    assert result.returncode == 0
    assert json.loads(result.stdout) == review_schema(VOCABULARY)


def test_the_schema_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(review_schema(VOCABULARY))


def test_it_accepts_family_b_and_the_fixture_library():
    paths = [ROOT / "docs" / "reviews" / "family-b.md", *sorted((FIXTURES / "library").glob("*.md"))]
    for path in paths:
        errors = [e.message for e in VALIDATOR.iter_errors(front_matter(path))]
        assert errors == [], path.name


@pytest.mark.parametrize("name", sorted(set(EXPECTED) - set(BEYOND_A_SCHEMA)))
def test_it_rejects_each_bad_fixture_it_can_express(name: str):
    data = front_matter(BAD / name)
    assert data is not NOTHING_TO_READ and not VALIDATOR.is_valid(data), name


def test_what_it_cannot_express_is_named_and_really_passes():
    assert set(BEYOND_A_SCHEMA) <= set(EXPECTED)
    expressible = set(EXPECTED) - set(BEYOND_A_SCHEMA)
    assert len(expressible) >= 30
    for name in BEYOND_A_SCHEMA:
        data = front_matter(BAD / name)
        if data is NOTHING_TO_READ:
            continue  # not YAML, or no front matter: nothing for a schema to see
        assert VALIDATOR.is_valid(data), f"{name}: the schema rejects it after all; move it out of BEYOND_A_SCHEMA"


def test_the_site_serves_it(real_site: Path):
    served = (real_site / "data" / "review.schema.json").read_text(encoding="utf-8")
    assert served == COMMITTED.read_text(encoding="utf-8")
