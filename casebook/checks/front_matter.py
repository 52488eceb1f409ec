"""Checking a review's front matter against the model, with messages that say what to do."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from casebook.reading.frontmatter import FrontMatter, field_name, parse_source
from casebook.model import fields as model_fields
from casebook.model.fields import (
    DATE_FORMS,
    NOT_STATED,
    NOT_STATED_LOOKALIKES,
    PLACEHOLDER,
    PLAIN_TEXT_FORBIDDEN,
    VOCABULARIES,
    Field,
)
from casebook.checks.echo import shown
from casebook.checks.problems import ERROR, Problem
from casebook.checks.recommendations import check_recommendations
from casebook.checks.registry import MODEL, READING, Rule
from casebook.model.labels import NOT_STATED_LABEL
from casebook.model.vocabulary import Vocabulary, closest, synonym_index

_DATE_PATTERNS = {name: re.compile(f"^(?:{pattern})$") for name, pattern in DATE_FORMS.items()}
# The rule of each thing plain text must not contain, in the model's order.
_FORBIDDEN_RULES = ("text-template", "text-html", "text-markdown-link")
if len(_FORBIDDEN_RULES) != len(PLAIN_TEXT_FORBIDDEN):
    raise ValueError("casebook/checks/front_matter.py: name the rule of each entry of PLAIN_TEXT_FORBIDDEN in _FORBIDDEN_RULES")
_FORBIDDEN = [(re.compile(pattern), action, rule) for (pattern, action), rule in zip(PLAIN_TEXT_FORBIDDEN, _FORBIDDEN_RULES)]


def _nested_home(key: str) -> str | None:
    """Which mapping a nested key belongs in, so that a key written at the wrong indent is moved, not guessed at."""
    return next((f.key for f in model_fields.FIELDS if f.kind == "mapping" for sub in f.fields if sub.key == key), None)


class Checker:
    """Validates one file's front matter; collects problems and the normalised values."""

    def __init__(self, path: str, front: FrontMatter, vocabulary: Vocabulary, today: dt.date | None = None):
        self.path = path
        self.front = front
        self.vocabulary = vocabulary
        self.today = today or dt.date.today()
        self.problems: list[Problem] = []
        # Missing fields already explained by a message about a misspelt or misplaced key:
        # one mistake, one message.
        self.explained: set[tuple] = set()
        self.names = tuple(getattr(vocabulary, "deny_names", None) or ())

    def echo(self, value: Any, dates: bool = True) -> str:
        """A value as a message may quote it (casebook.checks.echo): short, escaped, masked."""
        return shown(value, self.names, dates=dates)

    def problem(self, path: tuple, message: str, *, rule: str) -> None:
        self.problems.append(Problem(self.path, self.front.line_of(path), field_name(path), message, rule=rule))

    # -- the walk over the model ------------------------------------------------------------

    def check(self) -> dict[str, Any]:
        return self.check_mapping(self.front.data, model_fields.FIELDS, ())

    def check_mapping(self, data: Any, fields: tuple[Field, ...], path: tuple) -> dict[str, Any]:
        if not isinstance(data, dict):
            keys = [f.key for f in fields if f.required]
            if path and isinstance(path[-1], int):
                # A list item written as plain text: show the shape of an item.
                rest = " and ".join(f"'{k}:'" for k in keys[1:])
                self.problem(path, f"write each item as '- {keys[0]}: ...'" + (f" with {rest} on the lines below, lined up with '{keys[0]}'" if rest else ""), rule="field-not-mapping")
            else:
                self.problem(path, f"write '{field_name(path)}' as 'key: value' lines indented under it, with the keys {', '.join(keys)}", rule="field-not-mapping")
            return {}
        known = {f.key: f for f in fields}
        for key in data:
            if key not in known:
                self.unknown_key(data, known, path, key)
        out: dict[str, Any] = {}
        for f in fields:
            here = path + (f.key,)
            if f.key not in data:
                if f.required and here not in self.explained:
                    # A missing key has no line of its own: point at the mapping it belongs in.
                    line = self.front.line_of(path) if path else 1
                    self.problems.append(Problem(self.path, line, field_name(here), f"add the required field '{f.key}'" + _or_not_stated(f),
                                                 rule="field-required"))
                continue
            if data[f.key] is None and self._written_empty(here):
                if f.required:
                    if f.kind == "list":
                        fix = f", or write '{f.key}: []' if the review has none"
                    elif f.not_stated:
                        fix = f", or write '{f.key}: {NOT_STATED}' if the review does not say"
                    else:
                        fix = ""
                    self.problem(here, f"fill in '{f.key}'{fix}", rule="field-empty")
                continue
            value = self.check_value(data[f.key], f, here)
            if value is not _INVALID:
                out[f.key] = value
        return out

    def unknown_key(self, data: dict, known: dict[str, Field], path: tuple, key: str) -> None:
        home = _nested_home(str(key)) if not path else None
        if home:
            self.explained.add((home, key))
            self.problem(path + (key,), f"move '{self.echo(key)}' under '{home}:', indented by two spaces", rule="key-misplaced")
            return
        guess = closest(str(key), known)
        if guess:
            if guess not in data:
                self.explained.add(path + (guess,))
            self.problem(path + (key,), f"unknown key '{self.echo(key)}': did you mean '{guess}'?", rule="key-unknown")
        else:
            self.problem(path + (key,), f"unknown key '{self.echo(key)}': use one of: {', '.join(known)}", rule="key-unknown")

    def _written_empty(self, path: tuple) -> bool:
        scalar = self.front.scalars.get(path)
        return scalar is None or scalar.source == "" or scalar.tag == "null"

    def check_value(self, value: Any, f: Field, path: tuple) -> Any:
        if path in self.front.refused:
            return _INVALID  # the reader has said what to do about it
        scalar = self.front.scalars.get(path)
        if f.not_stated and value == NOT_STATED:
            return NOT_STATED
        if value == PLACEHOLDER:
            self.problem(path, f"replace {PLACEHOLDER} with {self.what_to_write(f)}", rule="field-placeholder")
            return _INVALID
        kind = f.kind
        if kind == "list":
            return self.check_list(value, f, path)
        if kind == "mapping":
            return self.check_mapping(value, f.fields, path)
        if kind == "integer":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                self.problem(path, f"write '{f.key}' as a whole number, e.g. {f.key}: 2", rule="number-not-whole")
                return _INVALID
            if scalar is not None and scalar.source.lstrip("+").startswith("0") and scalar.source != "0":
                # YAML reads 010 as the octal number 8.
                digits = scalar.source.lstrip("+0") or "0"
                self.problem(path, f"remove the leading zero: YAML reads {self.echo(scalar.source)} as {self.echo(value)}; write {f.key}: {self.echo(digits)}", rule="number-leading-zero")
                return _INVALID
            return value
        if kind == "date":
            return self.check_date(value, f, path)
        # text, url, choice and vocabulary are all strings
        if scalar is not None and scalar.plain and scalar.tag not in ("str",):
            # In a list there is no key to repeat: the fix is the quoted item itself.
            fix = self.echo(f'"{scalar.source}"') if isinstance(path[-1], int) else f'{f.key}: {self.echo(chr(34) + scalar.source + chr(34))}'
            self.problem(path, f"quote the value: YAML reads {self.echo(scalar.source)} as {_yaml_reading(scalar.tag, value)}; write {fix}", rule="value-needs-quotes")
            return _INVALID
        if not isinstance(value, str):
            self.problem(path, f"write '{f.key}' as a single value, not a list or mapping", rule="value-not-single")
            return _INVALID
        value = value.strip()
        if f.not_stated and value.lower() in NOT_STATED_LOOKALIKES:
            self.problem(path, f"write {f.key}: {NOT_STATED} (the value Casebook shows as '{NOT_STATED_LABEL}'), not '{self.echo(value)}'", rule="not-stated-spelling")
            return _INVALID
        if kind == "choice":
            if value not in f.allowed:
                guess = closest(value, f.allowed)
                hint = f"did you mean '{guess}'?" if guess else f"use one of: {', '.join(f.allowed)}"
                self.problem(path, f"unknown {f.key.replace('_', ' ')} '{self.echo(value)}': {hint}", rule=unknown_value_rule(f))
                return _INVALID
            return value
        if kind == "vocabulary":
            terms = getattr(self.vocabulary, f.vocabulary)
            if value not in terms:
                noun, where = VOCABULARIES[f.vocabulary]
                guess = closest(value, terms, synonym_index(terms))
                hint = f"did you mean '{guess}'?" if guess else f"use a slug from {where}"
                self.problem(path, f"unknown {noun} '{self.echo(value)}': {hint}", rule=unknown_value_rule(f))
                return _INVALID
            return value
        if kind == "url":
            if value.startswith("http://") and " " not in value:
                self.problem(path, f"link to the secure address: write {f.key}: {self.echo('https://' + value[len('http://'):], dates=False)} (check it opens)", rule="source-not-https")
                return _INVALID
            if not value.startswith("https://") or len(value) <= len("https://") or any(c.isspace() for c in value):
                self.problem(path, f"give the publisher's https:// address for the review (or {NOT_STATED} if there is none), not '{self.echo(value)}'", rule="source-not-url")
                return _INVALID
            return value
        return self.check_text(value, f, path, scalar)

    def what_to_write(self, f: Field) -> str:
        """How to fill in a field, for the template's placeholders."""
        if f.kind == "vocabulary":
            return f"a slug from {VOCABULARIES[f.vocabulary][1]}"
        if f.kind == "list" and f.item is not None and f.item.kind == "vocabulary":
            return f"slugs from {VOCABULARIES[f.item.vocabulary][1]}"
        if f.kind == "choice":
            return "one of: " + ", ".join(f.allowed)
        if f.kind == "date":
            forms = " or ".join(f'"{d}"' for d in f.date_forms)
            return forms + (f" or {NOT_STATED}" if f.not_stated else "")
        if f.kind == "url":
            return f"the publisher's https:// address for the review, or {NOT_STATED}"
        what = f.description[0].lower() + f.description[1:].rstrip(".")
        return what + (f", or {NOT_STATED} if the review does not say" if f.not_stated else "")

    def check_text(self, value: str, f: Field, path: tuple, scalar=None) -> Any:
        if not value:
            self.problem(path, f"fill in '{f.key}' or remove the line", rule="field-empty")
            return _INVALID
        if scalar is not None and scalar.comment_after:
            return _INVALID  # refused by the reader (yaml-comment-after-value)
        for pattern, action, rule in _FORBIDDEN:
            if pattern.search(value):
                self.problem(path, action, rule=rule)
                return _INVALID
        if f.pattern and not re.fullmatch(f.pattern, value):
            # Only a recommendation's id has an alphabet: it becomes the anchor #recommendation-<id>.
            self.problem(path, f"write the {f.key} with letters, digits and single hyphens only, e.g. {f.key}: {f.example}, "
                               f"not '{value}'", rule="recommendation-id-form")
            return _INVALID
        if f.max_chars and len(value) > f.max_chars:
            self.problem(path, f"shorten the {f.key} to at most {f.max_chars} characters (it has {len(value)})", rule="text-too-long")
            return _INVALID
        if f.max_words:
            words = len(value.split())
            if words > f.max_words:
                self.problem(path, f"shorten the {f.key} to at most {f.max_words} words (it has {words})", rule="text-too-long")
                return _INVALID
        return value

    def check_list(self, value: Any, f: Field, path: tuple) -> Any:
        if value is None:
            value = []
        if not isinstance(value, list):
            example = self.echo(value) if isinstance(value, str) and value.strip() else (f.example[0] if f.example else "...")
            self.problem(path, f"write '{f.key}' as a list, e.g. {f.key}: [{example}], or one '- item' per line below it", rule="field-not-list")
            return _INVALID
        out = []
        for i, item in enumerate(value):
            checked = self.check_value(item, f.item, path + (i,))
            if checked is not _INVALID:
                out.append(checked)
        if f.min_items and len(value) < f.min_items:
            noun = f.item.key.replace("_", " ")
            self.problem(path, f"give at least {f.min_items} {noun} in '{f.key}', e.g. {f.key}: [{self.example_slug(f.item)}]", rule="list-too-short")
        return out

    def example_slug(self, f: Field) -> str:
        if f.kind == "vocabulary":
            terms = getattr(self.vocabulary, f.vocabulary)
            return next(iter(terms), "...")
        return f.choices[0] if f.choices else "..."

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
            self.problem(path, f"write '{f.key}' as {forms}" + (f" or {NOT_STATED}" if f.not_stated else ""), rule="date-format")
            return _INVALID
        if f.not_stated and text.lower() in NOT_STATED_LOOKALIKES:
            self.problem(path, f"write {f.key}: {NOT_STATED} (the value Casebook shows as '{NOT_STATED_LABEL}'), not '{self.echo(text)}'", rule="not-stated-spelling")
            return _INVALID
        form = next((name for name in f.date_forms if _DATE_PATTERNS[name].match(text)), None)
        if form is None:
            if _DATE_PATTERNS["YYYY-MM-DD"].match(text) and "YYYY-MM-DD" not in f.date_forms:
                self.problem(path, f"give only the year or month of '{f.key}' (a full date can identify a child): write {f.key}: \"{text[:7]}\"", rule="date-too-precise")
            elif _in_words(text) and any(_DATE_PATTERNS[d].match(_in_words(text)) for d in f.date_forms):
                self.problem(path, f"write the date as numbers: {f.key}: \"{_in_words(text)}\"", rule="date-format")
            else:
                self.problem(path, f"write '{f.key}' as {forms}" + (f" or {NOT_STATED}" if f.not_stated else "") + f", not '{self.echo(text, dates=False)}'", rule="date-format")
            return _INVALID
        if form == "YYYY-MM-DD":
            try:
                dt.date.fromisoformat(text)
            except ValueError:
                self.problem(path, f"'{self.echo(text, dates=False)}' is not a real date; correct the day or the month", rule="date-impossible")
                return _INVALID
        return text


_INVALID = object()

_MONTHS = {name: i for i, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"), 1)}
_MONTH_YEAR = re.compile(r"^([A-Za-z]+)\.?,? (\d{4})$")


def _in_words(text: str) -> str:
    """'March 2021' as '2021-03' (so the message can offer it), else ''."""
    match = _MONTH_YEAR.match(text.strip())
    if not match:
        return ""
    word = match.group(1).lower()
    month = next((n for name, n in _MONTHS.items() if name == word or (len(word) >= 3 and name.startswith(word))), None)
    return f"{match.group(2)}-{month:02d}" if month else ""


def unknown_value_rule(f: Field) -> str:
    """The rule a value outside a choice or a vocabulary breaks: 'theme-unknown', 'nation-unknown'."""
    noun = VOCABULARIES[f.vocabulary][0] if f.kind == "vocabulary" else f.key.replace("_", " ")
    return noun.replace(" ", "-") + "-unknown"


def _or_not_stated(f: Field) -> str:
    return f" (or '{f.key}: {NOT_STATED}' if the review does not say)" if f.not_stated else ""


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


def _stated(value: Any) -> bool:
    return isinstance(value, str) and value != NOT_STATED


def _check_across_fields(checker: Checker, data: dict[str, Any]) -> None:
    """Rules that involve more than one field (or today's date)."""
    published = data.get("published")
    if _stated(published) and published > checker.today.isoformat()[: len(published)]:
        checker.problem(("published",), f"'{published}' is in the future; give the date the review was published", rule="date-future")
    until = data.get("publish_until")
    if _stated(until) and _stated(published) and until[: len(published)] < published:
        checker.problem(("publish_until",), f"'{until}' is before the publication date '{published}'; correct one of them", rule="date-order")
    _check_rights_note(checker, data)
    incident = data.get("incident")
    if _stated(incident) and _stated(published):
        n = min(len(incident), len(published))
        if incident[:n] > published[:n]:
            checker.problem(("incident",), f"'{incident}' is after the publication date '{published}'; correct one of them", rule="date-order")

    def report(at: tuple, about: tuple, message: str, rule: str) -> None:
        checker.problems.append(Problem(checker.path, checker.front.line_of(at), field_name(about), message, rule=rule))

    if "recommendations" in data:
        check_recommendations(checker.front.data.get("recommendations"), data["recommendations"], published, checker.today, report,
                              checker.explained)


# What a rights note must say, for the terms that rest on an agreement only the note records.
RIGHTS_NOTE_ACTIONS = {
    "with-permission": "add 'rights_note': say who agreed to publication and what they agreed",
    "provided-for-publication": "add 'rights_note': say who provided the text for publication and what is known of where it came from",
}


def _check_rights_note(checker: Checker, data: dict[str, Any]) -> None:
    """`with-permission` and `provided-for-publication` need a `rights_note` (SPEC section 3)."""
    rights = data.get("rights")
    if rights not in model_fields.RIGHTS_NEEDING_NOTE:
        return
    # A note written but refused, or a misspelt key, has its own message already: one mistake, one
    # message. A note written empty ('rights_note:') is no note.
    written = checker.front.data.get("rights_note") is not None
    if not written and ("rights_note",) not in checker.explained:
        # The note has no line of its own: point at the terms that need it.
        checker.problems.append(Problem(checker.path, checker.front.line_of(("rights",)), "rights_note",
                                        RIGHTS_NOTE_ACTIONS[rights], rule="rights-note-missing"))


# -- the rules ------------------------------------------------------------------------------------


def _every_field(fields: tuple[Field, ...] | None = None, prefix: str = ""):
    """Each field of the model with the name a message gives it: 'subject.naming', 'learning[].themes'."""
    for f in model_fields.FIELDS if fields is None else fields:
        name = prefix + f.key
        yield name, f
        if f.kind == "mapping":
            yield from _every_field(f.fields, name + ".")
        if f.kind == "list" and f.item is not None:
            if f.item.kind == "mapping":
                yield from _every_field(f.item.fields, name + "[].")
            else:
                yield name + "[]", f.item


def _rules_from_the_model() -> list[Rule]:
    """One rule per vocabulary and per choice of the model, so a new one has its rule (and needs fixtures)."""
    out: dict[str, Rule] = {}
    for name, f in _every_field():
        if f.kind == "vocabulary":
            noun, where = VOCABULARIES[f.vocabulary]
            asks = f"every {noun} is a slug from {where}"
        elif f.kind == "choice":
            asks = f"{_label(name)} is one of: {', '.join(f.allowed)}"
        else:
            continue
        rule_id = unknown_value_rule(f)
        out.setdefault(rule_id, Rule(rule_id, ERROR, asks, "front matter", check_front_matter, MODEL))
    return list(out.values())


def _label(name: str) -> str:
    """'subject.age_bands[]' as "each of 'subject.age_bands'", 'recommendations[].status' as
    "'status' in each of 'recommendations'"."""
    if name.endswith("[]"):
        return f"each of '{name[:-2]}'"
    if "[]." in name:
        outer, inner = name.rsplit("[].", 1)
        return f"'{inner}' in each of '{outer}'"
    return f"'{name}'"


def _limits() -> str:
    return "text keeps to its limit: " + ", ".join(f"'{name}' {f.length_limits}" for name, f in _every_field() if f.length_limits)


def _never_full_dates() -> str:
    return " and ".join(_label(name) for name, f in _every_field() if f.kind == "date" and "YYYY-MM-DD" not in f.date_forms)


def _reading(rule_id: str, asks: str) -> Rule:
    return Rule(rule_id, ERROR, asks, "front matter", parse_source, READING)


def _fields(rule_id: str, asks: str) -> Rule:
    return Rule(rule_id, ERROR, asks, "front matter", check_front_matter, MODEL)


RULES = [
    # The block and its YAML, as the file is read.
    _reading("front-matter-missing", "the file starts with front matter: fields between two '---' lines"),
    _reading("front-matter-not-at-top", "the opening '---' is the very first line of the file"),
    _reading("front-matter-unclosed", "a '---' line closes the front matter before the body"),
    _reading("front-matter-empty", "the front matter has fields in it"),
    _reading("front-matter-not-mapping", "the front matter is 'key: value' lines, not a list or a lone value"),
    _reading("yaml-invalid", "the front matter is YAML that can be read: spaces, not tabs; quotes round ': '"),
    _reading("yaml-alias", "every value is written out: no YAML aliases ('*name') or merge keys ('<<')"),
    _reading("yaml-value-unreadable", "a value YAML cannot read as written (an impossible unquoted date) is quoted"),
    _reading("key-not-plain", "every key is a plain word"),
    _reading("key-duplicate", "no key is given twice in the same place"),
    _reading("yaml-tag", "no YAML tag ('!!str', '!!timestamp', '!name'): values are written alone"),
    _reading("yaml-too-deep", "the front matter nests at most 10 levels deep"),
    _reading("yaml-number-form", "no number YAML 1.1 reads differently (4:00 as 240, 1_000, 0x1F): plain digits, or quotes"),
    _reading("yaml-date-with-time", "a date has no time of day (YAML would drop it)"),
    _reading("yaml-comment-after-value", "no ' # comment' after an unquoted value or a [list] (YAML drops it silently)"),
    _reading("value-digits-not-ascii", "numbers and dates are written with the digits 0-9"),
    # The fields, against the model (casebook/model/fields.py).
    _fields("key-unknown", "every key is a field of the model (see /contributing/)"),
    _fields("key-misplaced", "a key that belongs inside a field (subject's 'naming', say) is indented under it"),
    _fields("field-required", "every required field is there"),
    _fields("field-empty", "a field that is written has a value"),
    _fields("field-placeholder", "no FILL-IN is left from the template"),
    _fields("field-not-mapping", "subject and each learning point, recommendation and allow entry are 'key: value' lines"),
    _fields("field-not-list", "a list field is a list: [a, b] or one '- item' a line"),
    _fields("list-too-short", "a review and each of its learning points have at least one theme"),
    _fields("value-not-single", "a field of one value holds one value, not a list or mapping"),
    _fields("value-needs-quotes", "text YAML would change (no, yes, 007) or cut short at ' #' is in quotes"),
    _fields("not-stated-spelling", f"a fact the review does not give is written {NOT_STATED}, in that one spelling"),
    _fields("number-not-whole", "a count is a whole number"),
    _fields("number-leading-zero", "a number has no leading zero (YAML reads 010 as 8)"),
    _fields("text-template", "plain text has no template syntax ('{{', '{%' or '{#')"),
    _fields("text-html", "plain text has no HTML"),
    _fields("text-markdown-link", "plain text has no Markdown link; the review's address goes in 'source'"),
    _fields("text-too-long", _limits()),
    _fields("source-not-https", "'source' is a secure https:// address, not http://"),
    _fields("source-not-url", f"'source' is the publisher's https:// address for the review, or {NOT_STATED}"),
    _fields("date-format", 'a date is numbers in quotes, "YYYY", "YYYY-MM" or "YYYY-MM-DD", as its field allows'),
    _fields("date-too-precise", f"{_never_full_dates()} gives a year or a month, never a full date (it could identify a child)"),
    _fields("date-impossible", "a full date is a real day"),
    _fields("date-future", "'published' is not in the future"),
    _fields("date-order", "'incident' is not after 'published', and 'publish_until' not before it"),
    _fields("rights-note-missing", "terms 'with-permission' and 'provided-for-publication' come with a 'rights_note' "
                                   "saying who agreed, or who provided the text"),
    # A recommendation's fields together (casebook/checks/recommendations.py).
    _fields("recommendation-id-form", "a recommendation's 'id' is letters, digits and single hyphens, e.g. R1"),
    _fields("recommendation-id-duplicate", "each recommendation of a review has its own id (by position, R1, R2 ..., when it gives none)"),
    _fields("recommendation-updated-missing", f"a recommendation with a status other than {NOT_STATED} says when it last changed ('updated')"),
    _fields("recommendation-evidence-missing", "a complete recommendation says what was done ('evidence')"),
    _fields("recommendation-updated-future", "a recommendation's 'updated' is not in the future"),
    _fields("recommendation-updated-before-published", "a recommendation's 'updated' is not before 'published'"),
    _fields("recommendation-due-before-published", "a recommendation's 'due' is not before 'published'"),
    *_rules_from_the_model(),
]
