"""The registry of rules: every check a contributor can meet, by a stable id (`casebook rules` lists them).

Each family of rules is one module of casebook/checks/ with a list RULES beside the functions that
apply them; the registry gathers those lists, in FAMILIES order. A problem names its rule's id, so a
contributor can look the rule up, and the every-rule-has-fixtures test (tests/unit/test_rules.py)
walks the same list.

To add a rule, in the family's module (a new family is a new module and one line in FAMILIES):
1. write the function that applies it, if no existing one does; for a rule on each file's text it
   takes (src, vocabulary, review) and returns a list of Problem, each made with rule="<the id>";
2. add Rule("<the id>", ERROR or WARNING, "<what it asks, one line>", "<family>", <function>, CONTENT)
   to RULES. CONTENT, FOLDER, LIBRARY and STRICT rules are then run by the check and the build from
   here alone; READING, MODEL and FILE_NAME rules name the reader or walker that applies them;
3. give it fixtures in tests/unit/test_rules.py (FIXTURES_OF), which fails until you do.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from typing import Callable

from casebook.checks.problems import ERROR, WARNING

# When a rule's function runs, and what it is given.
READING = "reading"  # while a file is read and its YAML parsed (casebook.reading.frontmatter)
MODEL = "model"  # by the walk over the model: check_front_matter(path, front, vocabulary, today)
FILE_NAME = "file name"  # on each file's name: f(path, display)
FOLDER = "folder"  # on the reviews folder: f(folder, display)
CONTENT = "content"  # on each parsed file: f(src, vocabulary, review) -> problems
LIBRARY = "library"  # on every review at once: f(reviews, files, display) -> problems
STRICT = "strict"  # with `casebook check --strict` only: f(reviews) -> warnings

SEVERITIES = (ERROR, WARNING)

# The families, in the order a file meets them; each is the module casebook/checks/<module>.py.
FAMILIES = {
    "files": "files",
    "front matter": "front_matter",
    "markup": "markup",
    "personal data": "personal_data",
    "import": "import_confirmation",
    "library": "library_wide",
    "completeness": "completeness",
}


@dataclass(frozen=True)
class Rule:
    """One rule: its id, how much it matters, what it asks of a review file, and what applies it."""

    id: str  # words, lowercase, hyphens: 'theme-unknown'
    severity: str  # error (fails the check and the build) or warning (fails only --strict)
    asks: str  # one line: what the rule asks of the file, for `casebook rules`
    family: str  # a key of FAMILIES
    check: Callable  # the function that applies it
    stage: str  # when `check` runs: READING, MODEL, FILE_NAME, FOLDER, CONTENT, LIBRARY or STRICT

    def __post_init__(self) -> None:
        # Mistakes here would only show as a wrong listing; refuse them when the family loads.
        if self.severity not in SEVERITIES:
            raise ValueError(f"rule {self.id}: severity must be one of {SEVERITIES}")
        if self.family not in FAMILIES:
            raise ValueError(f"rule {self.id}: family must be one of {tuple(FAMILIES)}")
        if not self.id or self.id != self.id.lower() or not all(part.isalnum() for part in self.id.split("-")):
            raise ValueError(f"rule {self.id!r}: an id is lowercase words joined by hyphens")


@cache
def rules() -> tuple[Rule, ...]:
    """Every rule, family by family. Imported on first use: the family modules import the readers,
    which in turn run the CONTENT rules."""
    found: list[Rule] = []
    for family, module in FAMILIES.items():
        for rule in importlib.import_module(f"casebook.checks.{module}").RULES:
            if rule.family != family:
                raise ValueError(f"rule {rule.id} is declared in checks/{module}.py but says family '{rule.family}'")
            found.append(rule)
    ids = [r.id for r in found]
    doubled = sorted({i for i in ids if ids.count(i) > 1})
    if doubled:
        raise ValueError(f"rule ids given twice: {', '.join(doubled)}")
    return tuple(found)


def rule(rule_id: str) -> Rule:
    """The rule with this id (KeyError if there is none)."""
    by_id = {r.id: r for r in rules()}
    return by_id[rule_id]


def checks_at(stage: str) -> list[Callable]:
    """The functions that apply the rules of one stage, each once, in registry order."""
    out: list[Callable] = []
    for r in rules():
        if r.stage == stage and r.check not in out:
            out.append(r.check)
    return out


def by_family() -> list[tuple[str, list[Rule]]]:
    """The rules as `casebook rules` lists them: family by family, ids in alphabetical order."""
    return [(family, sorted((r for r in rules() if r.family == family), key=lambda r: r.id)) for family in FAMILIES]
