"""Rules that need the whole library at once: file names that collide, titles that repeat."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from casebook.checks.problems import ERROR, WARNING, Problem
from casebook.checks.registry import LIBRARY, Rule

if TYPE_CHECKING:
    from casebook.reading.review import Review


def case_collisions(reviews: list[Review], files: list[Path], display: Callable[[Path], str]) -> list[Problem]:
    """Slugs that collide on case-insensitive disks."""
    problems = []
    by_lower: dict[str, Path] = {}
    for path in files:
        other = by_lower.get(path.stem.lower())
        if other is not None and other.stem != path.stem:
            # Report it on the name that is not a valid (lowercase) slug: that is the one to change.
            bad, taken = (other, path) if path.stem == path.stem.lower() else (path, other)
            problems.append(Problem(display(bad), 1, "file name",
                                    f"give this file another slug or merge it into '{taken.name}': "
                                    "names that differ only in case collide on Windows and macOS", rule="slug-case-collision"))
        by_lower.setdefault(path.stem.lower(), path)
    return problems


def duplicate_titles(reviews: list[Review], files: list[Path], display: Callable[[Path], str]) -> list[Problem]:
    """Titles that repeat: a reader could not tell the reviews apart in a list."""
    problems = []
    by_title: dict[str, Review] = {}
    for review in reviews:
        key = " ".join(review.title.lower().split())
        if key in by_title:
            problems.append(Problem(review.path, review.lines.get(("title",), 1), "title",
                                    f"the title is the same as {by_title[key].path}'s; add what tells them apart (place, year or name)",
                                    WARNING, rule="title-duplicate"))
        else:
            by_title[key] = review
    return problems


RULES = [
    Rule("slug-case-collision", ERROR, "no two file names differ only in letter case", "library", case_collisions, LIBRARY),
    Rule("title-duplicate", WARNING, "no two reviews have the same title", "library", duplicate_titles, LIBRARY),
]
