"""Rules that need the whole library at once: file names that collide, titles that repeat."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from casebook.checks.problems import WARNING, Problem

if TYPE_CHECKING:
    from casebook.reading.review import Review


def check_across_reviews(reviews: list[Review], files: list[Path], display: Callable[[Path], str]) -> list[Problem]:
    """Rules that need the whole library: slugs that collide on case-insensitive disks, repeated titles."""
    problems = []
    by_lower: dict[str, Path] = {}
    for path in files:
        other = by_lower.get(path.stem.lower())
        if other is not None and other.stem != path.stem:
            # Report it on the name that is not a valid (lowercase) slug: that is the one to change.
            bad, taken = (other, path) if path.stem == path.stem.lower() else (path, other)
            problems.append(Problem(display(bad), 1, "file name",
                                    f"give this file another slug or merge it into '{taken.name}': "
                                    "names that differ only in case collide on Windows and macOS"))
        by_lower.setdefault(path.stem.lower(), path)
    by_title: dict[str, Review] = {}
    for review in reviews:
        key = " ".join(review.title.lower().split())
        if key in by_title:
            problems.append(Problem(review.path, review.lines.get(("title",), 1), "title",
                                    f"the title is the same as {by_title[key].path}'s; add what tells them apart (place, year or name)", WARNING))
        else:
            by_title[key] = review
    return problems
