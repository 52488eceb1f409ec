"""Labels live in one place: every choice in the model has its reader-facing name in
casebook/model/labels.py, and no page, template or module spells "Not stated" on its own."""

from __future__ import annotations

import io
import re
import tokenize

import pytest

from conftest import ROOT
from casebook.model import fields, labels


@pytest.mark.parametrize("values, named", [
    (fields.NATIONS, labels.NATIONS),
    (fields.OUTCOMES, labels.OUTCOMES),
    (fields.RECOMMENDATION_STATUS, labels.RECOMMENDATION_STATUSES),
    (fields.RIGHTS, labels.RIGHTS),
], ids=["nations", "outcomes", "recommendation statuses", "rights"])
def test_every_choice_in_the_model_has_a_label(values, named):
    assert sorted(v for v in values if v != fields.NOT_STATED) == sorted(named)


def test_a_fact_not_given_reads_the_same_everywhere():
    assert [labels.nation(fields.NOT_STATED), labels.outcome(None), labels.shown(fields.NOT_STATED),
            labels.recommendation_status(None)] == ["Not stated"] * 4
    assert labels.publication(fields.NOT_STATED) == labels.published_phrase(fields.NOT_STATED) == "publication date not stated"
    assert (labels.nation("northern-ireland"), labels.outcome("serious-harm"), labels.published_phrase("2021-03")) == (
        "Northern Ireland", "Serious harm", "published March 2021")
    # Dates for people: a month and year, a full date, a year.
    assert [labels.shown_date(d) for d in ("2024-03", "2024-03-05", "2024", fields.NOT_STATED)] == [
        "March 2024", "5 March 2024", "2024", "Not stated"]


def _is_label(text: str) -> bool:
    """'Not stated', 'publication date not stated': the wording labels.py owns."""
    text = text.strip().lower()
    return text == "not stated" or text.endswith(" not stated")


def _python_literals(path):
    """The string literals of a module that are values, not docstrings."""
    previous = tokenize.NEWLINE
    for token in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        if token.type == tokenize.STRING and previous not in (tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.DEDENT):
            yield token.start[0], token.string.strip("'\"rf")
        if token.type not in (tokenize.COMMENT,):
            previous = token.type


def test_no_module_or_template_spells_not_stated_itself():
    owners = {ROOT / "casebook/model/labels.py", ROOT / "casebook/model/fields.py"}  # fields: what people write instead
    found = []
    for path in sorted((ROOT / "casebook").rglob("*.py")) + sorted((ROOT / "hooks").glob("*.py")):
        if path not in owners:
            found += [f"{path.relative_to(ROOT)}:{line}" for line, text in _python_literals(path) if _is_label(text)]
    for path in sorted((ROOT / "overrides").rglob("*.html")) + sorted((ROOT / "docs").glob("*.md")):
        text = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.S)  # Jinja comments
        found += [f"{path.relative_to(ROOT)}" for _ in re.finditer(r"(?i)\bnot stated\b", text)]
    assert found == [], "use casebook.model.labels (in a template: labels.shown, labels.NOT_STATED_LABEL ...)"
