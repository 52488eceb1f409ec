"""Rule import-unconfirmed: `casebook check` fails while a '# CONFIRM:' line the import wrote is left,
naming the line and the field it is about."""

from __future__ import annotations

from casebook.checks.content import CONTENT_CHECKS, check_review_content
from casebook.checks.import_confirmation import unconfirmed_imports
from casebook.reading.frontmatter import parse_source

DRAFT = """---
# A draft written by `casebook import` (fictional).
# CONFIRM: review_type: from the words "Serious Case Review" (page 1)
review_type: serious-case-review
subject:
  # CONFIRM: subject.name: from the title (page 1)
  name: "Child Z"
learning:
  # CONFIRM: learning[1]: as published under "4. Learning" (page 6)
  - text: A fictional learning point.
    themes: [information-sharing]
---

# CONFIRM: a heading in the body is the report's text, not a value to confirm
"""


def problems(text: str) -> list[str]:
    src = parse_source(text.encode("utf-8"), "docs/reviews/child-z.md")
    return [str(p) for p in unconfirmed_imports(src, None, None)]


def test_each_confirm_line_is_a_problem_at_its_line_naming_the_field_below_it():
    assert problems(DRAFT) == [
        "docs/reviews/child-z.md:3: review_type: confirm the value the import filled in, then delete the '# CONFIRM:' line",
        "docs/reviews/child-z.md:6: subject.name: confirm the value the import filled in, then delete the '# CONFIRM:' line",
        "docs/reviews/child-z.md:9: learning[1]: confirm the value the import filled in, then delete the '# CONFIRM:' line",
    ]


def test_a_confirmed_draft_has_none():
    confirmed = "\n".join(l for l in DRAFT.splitlines() if not l.lstrip().startswith("# CONFIRM:") or l.startswith("# CONFIRM: a heading"))
    assert problems(confirmed + "\n") == []


def test_it_is_one_of_the_checks_the_command_and_the_build_run():
    assert unconfirmed_imports in CONTENT_CHECKS
    src = parse_source(DRAFT.encode("utf-8"), "docs/reviews/child-z.md")
    found = [p for p in check_review_content(src, None, None) if "CONFIRM" in p.message]
    assert [p.line for p in found] == [3, 6, 9]
