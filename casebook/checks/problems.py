"""Problems found in review files, in the one format every check prints (SPEC section 4)."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as _option  # "field" is a Problem attribute: the front-matter field
from typing import Iterable

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a review file, said as what to do about it."""

    path: str
    line: int
    field: str
    message: str
    severity: str = ERROR
    # The id of the rule it breaks (casebook/checks/registry.py): required, so that no problem is
    # ever made without one.
    rule: str = _option(kw_only=True)
    # Where on the line, counted from 1, when the check knows; the text format does not print it,
    # and two findings on one line with the same message are one line to fix.
    column: int | None = _option(default=None, kw_only=True, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        # Warnings carry a marker so a reader can tell them apart; errors keep the bare format
        # that editors and CI parse.
        prefix = "warning: " if self.severity == WARNING else ""
        return f"{self.path}:{self.line}: {self.field}: {prefix}{self.message}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary_line(problems: Iterable[Problem], files_checked: int) -> str:
    """The closing count: '2 errors in 1 file (12 files checked)'."""
    problems = list(problems)
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    files = len({p.path for p in problems})
    parts = [_plural(errors, "error")]
    if warnings:
        parts.append(_plural(warnings, "warning"))
    return f"{' and '.join(parts)} in {_plural(files, 'file')} ({_plural(files_checked, 'file')} checked)"


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """File by file, line by line, so a contributor can work down the list."""
    return sorted(problems, key=lambda p: (p.path, p.line, p.field, p.message))
