"""Checking a review's front matter against the model, with messages that say what to do."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .frontmatter import FrontMatter, field_name
from .model import FIELDS, NOT_STATED, Field
from .problems import WARNING, Problem
from .vocabulary import Vocabulary, closest, synonym_index

_DATE_PATTERNS = {
    "YYYY": re.compile(r"^\d{4}$"),
    "YYYY-MM": re.compile(r"^\d{4}-(0[1-9]|1[0-2])$"),
    "YYYY-MM-DD": re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"),
}
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<!--")
_MARKDOWN_LINK = re.compile(r"\]\([^)]*\)")
_TEMPLATE = re.compile(r"\{\{|\{%|\{#")

_VOCABULARY_NOUN = {
    "themes": ("theme", "vocabulary/themes.yml"),
    "review_types": ("review type", "vocabulary/review-types.yml"),
    "agencies": ("agency", "vocabulary/agencies.yml"),
    "harm_types": ("harm type", "vocabulary/harm-types.yml"),
}


class Checker:
    """Validates one file's front matter; collects problems and the normalised values."""

    def __init__(self, path: str, front: FrontMatter, vocabulary: Vocabulary, today: dt.date | None = None):
        self.path = path
        self.front = front
        self.vocabulary = vocabulary
        self.today = today or dt.date.today()
        self.problems: list[Problem] = []

    def problem(self, path: tuple, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(self.path, self.front.line_of(path), field_name(path), message, severity))

    # -- the walk over the model ------------------------------------------------------------

    def check(self) -> dict[str, Any]:
        return self.check_mapping(self.front.data, FIELDS, ())

    def check_mapping(self, data: Any, fields: tuple[Field, ...], path: tuple) -> dict[str, Any]:
        if not isinstance(data, dict):
            self.problem(path, "write this as 'key: value' lines indented under it")
            return {}
        known = {f.key: f for f in fields}
        out: dict[str, Any] = {}
        for key in data:
            if key not in known:
                guess = closest(str(key), known)
                hint = f"did you mean '{guess}'?" if guess else f"use one of: {', '.join(known)}"
                self.problem(path + (key,), f"unknown key '{key}': {hint}")
        for f in fields:
            if f.key not in data or data[f.key] is None and self._written_empty(path + (f.key,)):
                if f.required:
                    line_path = path if path else ()
                    self.problems.append(Problem(
                        self.path, self.front.line_of(line_path) if path else 1, field_name(path + (f.key,)),
                        f"add the required field '{f.key}'" + (f" (or '{f.key}: {NOT_STATED}' if the review does not say)" if f.not_stated else ""),
                    ))
                continue
            value = self.check_value(data[f.key], f, path + (f.key,))
            if value is not _INVALID:
                out[f.key] = value
        return out

    def _written_empty(self, path: tuple) -> bool:
        scalar = self.front.scalars.get(path)
        return scalar is None or scalar.source == "" or scalar.tag == "null"

    def check_value(self, value: Any, f: Field, path: tuple) -> Any:
        scalar = self.front.scalars.get(path)
        if f.not_stated and value == NOT_STATED:
            self.problem(path, f"'{f.key}' is not stated; fill it in if the review or its publisher says", WARNING)
            return NOT_STATED
        kind = f.kind
        if kind == "list":
            return self.check_list(value, f, path)
        if kind == "mapping":
            return self.check_mapping(value, f.fields, path)
        if kind == "integer":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                self.problem(path, f"write '{f.key}' as a whole number, e.g. {f.key}: 2")
                return _INVALID
            return value
        if kind == "date":
            return self.check_date(value, f, path)
        # text, url, choice and vocabulary are all strings
        if scalar is not None and scalar.plain and scalar.tag not in ("str",):
            self.problem(path, f"quote the value: YAML reads {scalar.source} as {_yaml_reading(scalar.tag, value)}; write {f.key}: \"{scalar.source}\"")
            return _INVALID
        if not isinstance(value, str):
            self.problem(path, f"write '{f.key}' as a single value, not a list or mapping")
            return _INVALID
        value = value.strip()
        if kind == "choice":
            if value not in f.choices:
                allowed = list(f.choices) + ([NOT_STATED] if f.not_stated else [])
                guess = closest(value, allowed)
                hint = f"did you mean '{guess}'?" if guess else f"use one of: {', '.join(allowed)}"
                self.problem(path, f"unknown {f.key.replace('_', ' ')} '{value}': {hint}")
                return _INVALID
            return value
        if kind == "vocabulary":
            terms = getattr(self.vocabulary, f.vocabulary)
            if value not in terms:
                noun, where = _VOCABULARY_NOUN[f.vocabulary]
                guess = closest(value, terms, synonym_index(terms))
                hint = f"did you mean '{guess}'?" if guess else f"use a slug from {where}"
                self.problem(path, f"unknown {noun} '{value}': {hint}")
                return _INVALID
            return value
        if kind == "url":
            if not value.startswith("https://") or " " in value:
                self.problem(path, f"give the publisher's https:// address (or {NOT_STATED} if the review does not say)")
                return _INVALID
            return value
        return self.check_text(value, f, path)

    def check_text(self, value: str, f: Field, path: tuple) -> Any:
        if not value:
            self.problem(path, f"fill in '{f.key}' or remove the line")
            return _INVALID
        if _TEMPLATE.search(value):
            self.problem(path, "remove the template syntax ('{{', '{%' or '{#'): front matter is plain text")
            return _INVALID
        if _HTML_TAG.search(value):
            self.problem(path, "remove the HTML: front matter is plain text")
            return _INVALID
        if _MARKDOWN_LINK.search(value):
            self.problem(path, "remove the Markdown link: front matter is plain text; put the address in 'source'")
            return _INVALID
        if f.max_chars and len(value) > f.max_chars:
            self.problem(path, f"shorten the {f.key} to at most {f.max_chars} characters (it has {len(value)})")
            return _INVALID
        if f.max_words:
            words = len(value.split())
            if words > f.max_words:
                self.problem(path, f"shorten the {f.key} to at most {f.max_words} words (it has {words})")
                return _INVALID
        return value

    def check_list(self, value: Any, f: Field, path: tuple) -> Any:
        if value is None:
            value = []
        if not isinstance(value, list):
            self.problem(path, f"write '{f.key}' as a list: one '- item' per line, or [a, b]")
            return _INVALID
        out = []
        for i, item in enumerate(value):
            checked = self.check_value(item, f.item, path + (i,))
            if checked is not _INVALID:
                out.append(checked)
        if f.min_items and len(value) < f.min_items:
            self.problem(path, f"give at least {f.min_items} {f.item.key.replace('_', ' ')} in '{f.key}'")
        return out

    def check_date(self, value: Any, f: Field, path: tuple) -> Any:
        forms = " or ".join(f'"{d}"' for d in f.date_forms)
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            text = value.isoformat()
        elif isinstance(value, int) and not isinstance(value, bool):
            text = str(value)
        elif isinstance(value, str):
            text = value.strip()
        else:
            self.problem(path, f"write '{f.key}' as {forms}")
            return _INVALID
        form = next((name for name in f.date_forms if _DATE_PATTERNS[name].match(text)), None)
        if form is None:
            if _DATE_PATTERNS["YYYY-MM-DD"].match(text) and "YYYY-MM-DD" not in f.date_forms:
                self.problem(path, f"give only the year or month of '{f.key}' (a full date can identify a child): write \"{text[:7]}\"")
            else:
                self.problem(path, f"write '{f.key}' as {forms}" + (f" or {NOT_STATED}" if f.not_stated else "") + f", not '{text}'")
            return _INVALID
        if form == "YYYY-MM-DD":
            try:
                dt.date.fromisoformat(text)
            except ValueError:
                self.problem(path, f"'{text}' is not a real date; correct it")
                return _INVALID
        return text


_INVALID = object()


def _yaml_reading(tag: str, value: Any) -> str:
    if tag == "bool":
        return f"{'true' if value else 'false'} (yes/no)"
    if tag == "null":
        return "empty"
    if tag in ("int", "float"):
        return f"the number {value}"
    if tag == "timestamp":
        return "a date"
    return f"a {tag}"


def check_front_matter(path: str, front: FrontMatter, vocabulary: Vocabulary, today: dt.date | None = None) -> tuple[dict[str, Any], list[Problem]]:
    checker = Checker(path, front, vocabulary, today)
    data = checker.check()
    _check_across_fields(checker, data)
    return data, checker.problems


def _check_across_fields(checker: Checker, data: dict[str, Any]) -> None:
    """Rules that involve more than one field."""
    published = data.get("published")
    if isinstance(published, str) and published != NOT_STATED:
        if published > checker.today.isoformat()[: len(published)]:
            checker.problem(("published",), f"'{published}' is in the future; give the date the review was published")
    until = data.get("publish_until")
    if isinstance(until, str) and isinstance(published, str) and published != NOT_STATED:
        if until < published:
            checker.problem(("publish_until",), f"'{until}' is before the publication date '{published}'; correct one of them")
    if data.get("source") is None and "source" not in checker.front.data:
        pass  # already reported as a missing required field
