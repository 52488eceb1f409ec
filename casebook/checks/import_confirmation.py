"""Rule import-unconfirmed: a draft `casebook import` wrote is not published while a value it filled in
is unconfirmed, that is while a '# CONFIRM:' comment line is left in its front matter.

The import fills in what a rule found in the report (the title, the review type, learning points
word for word, suggested themes); a person must look at each against the report before the page goes
out. Deleting the comment line is how they say they have.
"""

from __future__ import annotations

import re

from casebook.checks.problems import ERROR, Problem
from casebook.checks.registry import CONTENT, Rule
from casebook.reading.frontmatter import SourceFile, field_name

CONFIRM_LINE = re.compile(r"^\s*#\s*CONFIRM:")
MESSAGE = "confirm the value the import filled in, then delete the '# CONFIRM:' line"


def unconfirmed_imports(src: SourceFile, vocabulary, review) -> list[Problem]:
    """One problem per '# CONFIRM:' line, at that line, naming the field below it."""
    if src.front is None or "CONFIRM:" not in src.text:
        return []
    lines = src.text.split("\n")
    # The value a comment is about is the first one written below it.
    values = sorted(src.front.lines.items(), key=lambda item: (item[1], len(item[0])))
    problems = []
    for number in range(2, src.front.end_line):
        if not CONFIRM_LINE.match(lines[number - 1]):
            continue
        path = next((p for p, line in values if line > number), None)
        problems.append(Problem(src.path, number, field_name(path) if path else "front matter", MESSAGE, rule="import-unconfirmed"))
    return problems


RULES = [
    Rule("import-unconfirmed", ERROR, "no '# CONFIRM:' line is left: each value `casebook import` filled in has been checked",
         "import", unconfirmed_imports, CONTENT),
]
