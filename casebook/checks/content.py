"""Checks on a review's content beyond its fields: the body's markup and personal data.

Each check is a function taking the parsed file and returning problems. CONTENT_CHECKS lists them,
made from the registry's CONTENT rules, so the check command and the build run exactly the same set.
"""

from __future__ import annotations

from typing import Callable

from casebook.reading.frontmatter import SourceFile
from casebook.checks.problems import Problem
from casebook.checks.registry import CONTENT, checks_at
from casebook.model.vocabulary import Vocabulary

ContentCheck = Callable[[SourceFile, Vocabulary, object], list[Problem]]

CONTENT_CHECKS: list[ContentCheck] = checks_at(CONTENT)


def check_review_content(src: SourceFile, vocabulary: Vocabulary, review) -> list[Problem]:
    problems: list[Problem] = []
    for check in CONTENT_CHECKS:
        problems.extend(check(src, vocabulary, review))
    return problems
