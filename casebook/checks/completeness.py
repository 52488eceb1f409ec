"""Metadata completeness: per review, the facts that are `not-stated` or missing, for editors to chase.

`not-stated` is an honest value, not a mistake, so the plain check stays quiet about it; this module
is where those gaps are listed: on the /completeness/ page, and as warnings under
`casebook check --strict` for a partnership that wants every fact filled in before publishing.
Which fields count comes from the model: every field that accepts `not-stated`, and every optional
field marked `chase`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from casebook.reading.frontmatter import field_name
from casebook.model import fields as model_fields
from casebook.model.fields import NOT_STATED, Field
from casebook.model.labels import NOT_STATED_LABEL
from casebook.checks.problems import WARNING, Problem
from casebook.checks.registry import STRICT, Rule

if TYPE_CHECKING:
    # Only named here: the registry loads this module while the review reader is being imported.
    from casebook.library.collection import Library
    from casebook.reading.review import Review


@dataclass
class Gaps:
    """What one review does not say."""

    review: Review
    not_stated: list[tuple] = field(default_factory=list)  # paths into the front matter
    missing: list[tuple] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.not_stated or self.missing)


def _walk(fields: tuple[Field, ...], prefix: tuple = ()):
    """Every field worth chasing, with its path; mappings are followed, lists of mappings are not."""
    for f in fields:
        if f.not_stated or f.chase:
            yield prefix + (f.key,), f
        if f.kind == "mapping":
            yield from _walk(f.fields, prefix + (f.key,))


def chased() -> list[tuple[tuple, Field]]:
    """The fields worth chasing in the model as it is now."""
    return list(_walk(model_fields.FIELDS))


def _value(review: Review, path: tuple):
    value = review.fields.get(path[0])
    for part in path[1:]:
        value = value.get(part) if isinstance(value, dict) else None
    return value


def gaps(review: Review) -> Gaps:
    found = Gaps(review)
    for path, f in chased():
        if f.not_stated and _value(review, path) == NOT_STATED:
            found.not_stated.append(path)
        elif f.chase and path not in review.lines:
            # review.lines holds a line for every key written in the file: absent means missing.
            found.missing.append(path)
    return found


def not_stated_warnings(reviews: list[Review]) -> list[Problem]:
    """The warnings `casebook check --strict` adds: one per `not-stated` fact."""
    out = []
    for review in reviews:
        for path in gaps(review).not_stated:
            name = field_name(path)
            out.append(Problem(review.path, review.lines.get(path, 1), name,
                               f"'{name}' is not stated; fill it in if the review or its publisher says", WARNING,
                               rule="fact-not-stated"))
    return out


def completeness_page(library: Library) -> str:
    """The Markdown of /completeness/: counts per field, then the reviews with gaps."""
    from casebook.pages.themes import review_link  # a page of its own; see the imports above

    all_gaps = [gaps(r) for r in sorted(library.reviews, key=lambda r: r.title.lower())]
    with_gaps = [g for g in all_gaps if g]
    total = len(all_gaps)
    out = [
        "# Metadata completeness",
        "",
        "What each review does not say, so that an editor can ask its publisher or re-read the report. "
        f"`{NOT_STATED}` is an honest value: the review or its publisher does not give that fact, and "
        "Casebook never guesses it. A missing optional field may simply not have been filled in yet. "
        "[How to fill them in](contributing.md).",
        "",
        f"{total - len(with_gaps)} of {total} {'review has' if total == 1 else 'reviews have'} every field below filled in.",
        "",
        "## By field { #by-field }",
        "",
        f"| Field | {NOT_STATED_LABEL} | Missing |",
        "|---|--:|--:|",
    ]
    for path, f in chased():
        not_stated = sum(path in g.not_stated for g in all_gaps)
        missing = sum(path in g.missing for g in all_gaps)
        out.append(f"| `{field_name(path)}` | {not_stated if f.not_stated else '–'} | {missing if f.chase else '–'} |")
    out += ["", "## By review { #by-review }", ""]
    if not with_gaps:
        out.append("Every review states every field.")
    else:
        out += [f"| Review | {NOT_STATED_LABEL} | Missing |", "|---|---|---|"]
        for g in with_gaps:
            cells = [", ".join(f"`{field_name(p)}`" for p in paths) or "–" for paths in (g.not_stated, g.missing)]
            out.append(f"| {review_link(g.review, '')} | {cells[0]} | {cells[1]} |")
    out.append("")
    return "\n".join(out)


RULES = [
    Rule("fact-not-stated", WARNING, f"with --strict: no fact that can be '{NOT_STATED}' is left so", "completeness",
         not_stated_warnings, STRICT),
]
