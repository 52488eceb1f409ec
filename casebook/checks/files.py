"""Rules about the files themselves: their names and what sits in the reviews folder."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from casebook.checks.problems import ERROR, Problem
from casebook.checks.registry import FILE_NAME, FOLDER, READING, Rule
from casebook.reading.frontmatter import MAX_BYTES, parse_source, read_source

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def slug_problem(path: Path, display: str) -> Problem | None:
    if not SLUG.match(path.stem):
        fixed = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "review"
        return Problem(display, 1, "file name", f"rename the file to '{fixed}.md': a slug is lowercase letters, digits and hyphens",
                       rule="file-name-slug")
    return None


# -- files in docs/reviews/ that are not reviews ---------------------------------------------------

# Saved with the wrong extension (Windows Notepad adds .txt): never published as a review page.
_TEXT_SUFFIXES = {".txt", ".markdown", ".mdown", ".mkd", ".mkdn", ".text"}
# A report itself: Casebook links to the publisher's copy, it does not re-host it.
_DOCUMENT_SUFFIXES = {".pdf", ".doc", ".docx", ".odt", ".rtf", ".pages"}


def stray_files(folder: Path, display: Callable[[Path], str]) -> list[Problem]:
    """Files in the reviews folder that would be published as they are, or silently not at all."""
    problems = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")):
        suffix = path.suffix.lower()
        if path.suffix == ".md":
            if path.parent != folder:
                problems.append(Problem(display(path), 1, "file name", f"move the file into {display(folder)}/ itself: "
                                        "a review's address is /reviews/<slug>/, so it cannot sit in a subfolder",
                                        rule="file-in-subfolder"))
        elif suffix in _TEXT_SUFFIXES or suffix == ".md":
            stem = path.stem if path.stem.endswith(".md") else path.stem + ".md"
            problems.append(Problem(display(path), 1, "file name", f"rename the file to '{stem}': only .md files are reviews, so this one would not be published",
                                    rule="file-not-markdown"))
        elif suffix in _DOCUMENT_SUFFIXES:
            problems.append(Problem(display(path), 1, "file", "remove the file: link to the publisher's own copy of the report with 'source' "
                                    "(Casebook does not re-host reports), and paste the review's text into a .md file",
                                    rule="file-not-allowed"))
    return problems



def _rule(rule_id: str, asks: str, check, stage: str) -> Rule:
    return Rule(rule_id, ERROR, asks, "files", check, stage)


RULES = [
    _rule("file-unreadable", "the file can be read", read_source, READING),
    _rule("file-too-large", f"a review file is under {MAX_BYTES // 1024 // 1024} MB: link to the report instead of pasting it", read_source, READING),
    _rule("file-binary", "a review file is text", parse_source, READING),
    _rule("file-not-utf8", "a review file is saved as UTF-8", parse_source, READING),
    _rule("file-empty", "a review file is not empty", parse_source, READING),
    _rule("file-name-slug", "a review's file name is its slug (lowercase letters, digits and hyphens) and .md", slug_problem, FILE_NAME),
    _rule("file-not-markdown", "a review file ends in .md (not .txt or .markdown), or it is not published", stray_files, FOLDER),
    _rule("file-in-subfolder", "a review file sits in docs/reviews/ itself, not in a folder inside it", stray_files, FOLDER),
    _rule("file-not-allowed", "no report (PDF, Word) in docs/reviews/: 'source' links to the publisher's copy", stray_files, FOLDER),
]
