"""Checks on a review's content beyond its fields: the body's markup and personal data.

Each check is a function taking the parsed file and returning problems; CONTENT_CHECKS lists them
so the check command and the build run exactly the same set.
"""

from __future__ import annotations

from typing import Callable

from casebook.checks.import_confirmation import unconfirmed_imports
from casebook.checks.personal_data import check_personal_data
from casebook.reading.frontmatter import SourceFile
from casebook.checks.markup import check_markup
from casebook.checks.problems import Problem
from casebook.model.vocabulary import Vocabulary

ContentCheck = Callable[[SourceFile, Vocabulary, object], list[Problem]]

CONTENT_CHECKS: list[ContentCheck] = [check_markup, check_personal_data, unconfirmed_imports]


def check_review_content(src: SourceFile, vocabulary: Vocabulary, review) -> list[Problem]:
    problems: list[Problem] = []
    for check in CONTENT_CHECKS:
        problems.extend(check(src, vocabulary, review))
    return problems
