"""The anonymisation check (SPEC section 5): personal data a published review must not contain.

Deterministic detectors only, no network and no language model: UK postcodes, UK phone numbers,
email addresses, NHS numbers (only with a valid mod-11 check digit), National Insurance numbers
(only with a prefix that can be issued), full dates in numbers or words, "date of birth"/"DOB"
followed by a value, and names a partnership lists in vocabulary/deny-names.yml. Each detector
is written to pass the near misses a review legitimately contains ("Summer 2017", "March 2021",
"aged 4", a ten-digit reference that fails mod-11), because a check that cries wolf gets allowed
away wholesale. An exact string can still be accepted through the file's `allow` list.

Messages never repeat the data found in full: CI logs of a public repository outlive the pull
request, so a message names the kind, the line and the column, and shows only a short prefix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from casebook.reading.frontmatter import SourceFile, field_name, front_strings
from casebook.checks.problems import ERROR, WARNING, Problem
from casebook.checks.registry import CONTENT, Rule
from casebook.model import fields as model_fields

# Kinds of personal data, as a message names them.
POSTCODE = "UK postcode"
PHONE = "UK phone number"
EMAIL = "email address"
NHS_NUMBER = "NHS number"
NI_NUMBER = "National Insurance number"
FULL_DATE = "full date"
DATE_OF_BIRTH = "date of birth"
DENIED_NAME = "name from vocabulary/deny-names.yml"

# What to do about each kind: the message is an action.
_ACTION = {
    POSTCODE: "remove the UK postcode; name the area in words if the review needs it",
    PHONE: "remove the UK phone number",
    EMAIL: "remove the email address",
    NHS_NUMBER: "remove the NHS number",
    NI_NUMBER: "remove the National Insurance number",
    FULL_DATE: "give only the month and year (e.g. 'March 2021') or a season instead of the full date",
    DATE_OF_BIRTH: "remove the date of birth; give an age band in 'subject.age_bands' instead",
    DENIED_NAME: "replace the name (listed in vocabulary/deny-names.yml) with the name the review uses, e.g. 'Child Q'",
}

# Front-matter fields not scanned: their format is fixed by the model (a publication date may be
# a full date; 'incident' never may, and validate says so), and allow entries are the exceptions.
_NOT_SCANNED = {"published", "publish_until", "incident", "allow"}


def _is_model_date(path: tuple) -> bool:
    """A date field at any depth (a recommendation's 'due' and 'updated'): its format is fixed by
    the model, and the dates of a board's action plan are not facts about a child."""
    fields, found = model_fields.FIELDS, None
    for key in path:
        if isinstance(key, int):
            continue
        found = next((f for f in fields if f.key == key), None)
        if found is None:
            return False
        item = found.item if found.kind == "list" and found.item is not None else found
        fields = item.fields
    return found is not None and found.kind == "date"


@dataclass(frozen=True)
class Finding:
    """One piece of personal data in a text: what kind, the text as written, where."""

    kind: str
    text: str
    start: int
    end: int


# -- detectors ----------------------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")

# 3-3-4 digits with one consistent separator (or none), as NHS numbers are written.
_TEN_DIGITS = re.compile(r"(?<![\w.+/-])(\d{3})([ -]?)(\d{3})\2(\d{4})(?![\w/-]|\.\d)")

# Two letters, three pairs of digits, a suffix letter A-D; spaces between the parts are optional.
_NI = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{2}) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-Da-d])(?![A-Za-z0-9])")
_NI_BAD_FIRST = set("DFIQUV")
_NI_BAD_SECOND = set("DFIOQUV")
_NI_NEVER_ISSUED = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}

# +44 or a leading 0, then 9-11 digits with single spaces, hyphens or brackets between them.
_PHONE = re.compile(r"(?<![\w+])(?:\+44[ ]?(?:\(0\)[ ]?)?|\(0|0)(?:\d[ \-)]{0,2}){8,10}\d(?!\w)")

# The full postcode formats (A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA): an outward code
# alone ('SW1A', 'M25') covers thousands of homes and is not flagged.
_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])(GIR ?0AA|[A-PR-UWYZ](?:\d[A-HJKPSTUW]?|\d\d|[A-HK-Y]\d[ABEHMNPRVWXY]?|[A-HK-Y]\d\d) ?\d[ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_ORDINAL_INWARD = re.compile(r"\d(?:st|nd|rd|th)$")

_MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_ORDINAL_WORDS = (
    "thirty[- ]first|thirtieth|twenty[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|"
    "twentieth|nineteenth|eighteenth|seventeenth|sixteenth|fifteenth|fourteenth|thirteenth|twelfth|"
    "eleventh|tenth|ninth|eighth|seventh|sixth|fifth|fourth|third|second|first"
)
_DAY = rf"(?:(?P<d>[0-3]?\d)(?:st|nd|rd|th)?|(?P<dw>{_ORDINAL_WORDS}))"
_YEAR = r"(?P<y>(?:1[89]|20)\d\d|'\d\d)"
_MONTH = rf"(?P<m>{_MONTH_NAMES})\.?"
# '12 March 2021', '12th of March, 2021', 'the twelfth of March 2021', 'Monday 12 Mar 2021'
_DATE_DMY = re.compile(rf"(?<![\w'])(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}(?!\w)", re.IGNORECASE)
# 'March 12, 2021', 'March 12th 2021'
_DATE_MDY = re.compile(rf"(?<![\w'])(?P<m>{_MONTH_NAMES})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+{_YEAR}(?!\w)", re.IGNORECASE)
# 12/03/2021, 12-03-21, 12.03.2021 (dots only with a four-digit year: '3.2.14' is a paragraph number)
_DATE_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-]|\.\d)")
# 2021-03-12, 2021/03/12
_DATE_ISO = re.compile(r"(?<![\d/.-])(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?![\d/-]|\.\d)")

_DOB_CUE = re.compile(r"(?<!\w)(?:dates?\s+of\s+birth|birth\s*dates?|d\.?o\.?b(?![a-z])\.?|born\s+on)", re.IGNORECASE)
# The value right after a cue (past ':', 'is', 'was' and the like): a date, a number or a month.
# 'born on time at 38 weeks' and 'date of birth not recorded' are not values.
_DOB_VALUE = re.compile(
    rf"""[ \t:=\-–]*(?:(?:is|was|of|the|given\s+as|recorded\s+as)[ \t]+)*
    (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?[ \t]+)?
    (?:(?:\d[\d/.\-]*\d|\d)(?:(?:st|nd|rd|th)?(?:[ \t]+of)?[ \t]+(?:{_MONTH_NAMES})(?![a-z])\.?)?(?:,?[ \t]+(?:\d{{4}}|'\d\d))?
      |(?:{_MONTH_NAMES})(?![a-z])\.?(?:[ \t]+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?[ \t]+\d{{4}})?)""",
    re.IGNORECASE | re.VERBOSE,
)


def nhs_number_is_valid(digits: str) -> bool:
    """The NHS number check digit: weights 10..2 over the first nine digits, mod 11."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def ni_number_is_valid(letters: str) -> bool:
    """A National Insurance prefix that can be issued (HMRC's rules on the two letters)."""
    a, b = letters.upper()
    return a not in _NI_BAD_FIRST and b not in _NI_BAD_SECOND and a + b not in _NI_NEVER_ISSUED


def _phone_is_uk(number: str) -> bool:
    digits = re.sub(r"\D", "", number)
    if number.startswith("+44"):
        rest = digits[2:]
        digits = rest if rest.startswith("0") else "0" + rest
    # UK numbers are 0 + 9 or 10 digits; 01, 02, 03, 05, 07, 08 and 09 are the ranges in use.
    return len(digits) in (10, 11) and digits[0] == "0" and digits[1] in "1235789"


def _plausible_day_month(a: int, b: int) -> bool:
    return (1 <= a <= 31 and 1 <= b <= 12) or (1 <= b <= 31 and 1 <= a <= 12)  # UK or US order


def _emails(text: str) -> Iterator[Finding]:
    for m in _EMAIL.finditer(text):
        yield Finding(EMAIL, m.group(), m.start(), m.end())


def _nhs_numbers(text: str) -> Iterator[Finding]:
    for m in _TEN_DIGITS.finditer(text):
        if nhs_number_is_valid(m.group(1) + m.group(3) + m.group(4)):
            yield Finding(NHS_NUMBER, m.group(), m.start(), m.end())


def _ni_numbers(text: str) -> Iterator[Finding]:
    for m in _NI.finditer(text):
        if ni_number_is_valid(m.group(1)):
            yield Finding(NI_NUMBER, m.group(), m.start(), m.end())


def _phones(text: str) -> Iterator[Finding]:
    for m in _PHONE.finditer(text):
        number = m.group().rstrip(" -")
        if _phone_is_uk(number):
            yield Finding(PHONE, number, m.start(), m.start() + len(number))


# Every full postcode ends in its inward code: a digit and two letters ('9AA').
_INWARD_CODE = re.compile(r"\d[A-Za-z]{2}(?![A-Za-z0-9])")


def _postcodes(text: str) -> Iterator[Finding]:
    if not _INWARD_CODE.search(text):
        return
    for m in _POSTCODE.finditer(text):
        # 'the M25 4th junction' is a road: an upper-case outward code before a lower-case ordinal.
        # 'b33 8th' and 'B33 8TH' are postcodes.
        if _ORDINAL_INWARD.search(m.group()) and not m.group()[0].islower():
            continue
        yield Finding(POSTCODE, m.group(), m.start(), m.end())


# Every date written with a month name ends in a year and has the month name right before a
# number ('12 March 2021', 'March 12, 2021'). The two patterns are the slowest of the detectors,
# so they run only on the few lines around such a month name: the lines before and after too,
# because a date may be wrapped over a line break.
_YEAR_ANYWHERE = re.compile(r"(?:1[89]|20)\d\d|'\d\d")
_MONTH_BEFORE_NUMBER = re.compile(rf"(?:{_MONTH_NAMES})\.?,?\s+['\d]", re.IGNORECASE)
_LINES_AROUND = 3


def _month_name_windows(text: str) -> list[tuple[int, int]]:
    """Stretches of whole lines around each month name followed by a number, merged."""
    windows: list[tuple[int, int]] = []
    for m in _MONTH_BEFORE_NUMBER.finditer(text):
        start = end = m.start()
        for _ in range(_LINES_AROUND):
            start = text.rfind("\n", 0, max(start - 1, 0)) + 1 if start > 0 else 0
        for _ in range(_LINES_AROUND):
            found = text.find("\n", end + 1)
            end = len(text) if found < 0 else found
            if found < 0:
                break
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


def _month_name_dates(text: str) -> Iterator[re.Match]:
    if not _YEAR_ANYWHERE.search(text):
        return
    for start, end in _month_name_windows(text):
        # Windows end at a line break (or the text's end), so the patterns' look-behind and
        # look-ahead see the same characters as over the whole text.
        for pattern in (_DATE_DMY, _DATE_MDY):
            yield from pattern.finditer(text, start, end)


def _dates(text: str) -> Iterator[Finding]:
    for m in _month_name_dates(text):
        if m.groupdict().get("d") and not 1 <= int(m.group("d")) <= 31:
            continue
        start = m.start()
        if m.group().lower().startswith("the "):
            start += 4
        yield Finding(FULL_DATE, text[start:m.end()], start, m.end())
    for m in _DATE_NUMERIC.finditer(text):
        day, sep, month, year = int(m.group(1)), m.group(2), int(m.group(3)), m.group(4)
        if sep == "." and len(year) != 4:
            continue
        if _plausible_day_month(day, month):
            yield Finding(FULL_DATE, m.group(), m.start(), m.end())
    for m in _DATE_ISO.finditer(text):
        year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if 1800 <= year <= 2199 and 1 <= month <= 12 and 1 <= day <= 31:
            yield Finding(FULL_DATE, m.group(), m.start(), m.end())


def _dates_of_birth(text: str) -> Iterator[Finding]:
    for cue in _DOB_CUE.finditer(text):
        value = _DOB_VALUE.match(text, cue.end())
        if value:
            yield Finding(DATE_OF_BIRTH, text[cue.start():value.end()], cue.start(), value.end())


def _name_pattern(name: str) -> re.Pattern | None:
    words = name.split()
    if not words:
        return None
    # Case-insensitive: a leak is a leak in any case; a common word that is also a listed name
    # ('Rose', 'rose') is accepted per file through 'allow', which is case-sensitive.
    return re.compile(r"(?<![\w])" + r"\s+".join(map(re.escape, words)) + r"(?![\w])", re.IGNORECASE)


def _names(text: str, patterns: list[re.Pattern]) -> Iterator[Finding]:
    for pattern in patterns:
        for m in pattern.finditer(text):
            yield Finding(DENIED_NAME, m.group(), m.start(), m.end())


# Where two detectors claim the same characters, the first in this order names the finding
# ('DOB: 12/03/2021' is a date of birth, not just a date).
_ORDER = [EMAIL, NHS_NUMBER, NI_NUMBER, DATE_OF_BIRTH, PHONE, FULL_DATE, POSTCODE, DENIED_NAME]


_DIGIT = re.compile(r"\d")
# Every date-of-birth cue (_DOB_CUE) contains one of these.
_DOB_HINT = re.compile(r"birth|d\.?o\.?b|born", re.IGNORECASE)


@lru_cache(maxsize=8)
def _name_patterns(names: tuple[str, ...]) -> list[re.Pattern]:
    # Made once per list of names, not once per text: a library has thousands of texts.
    return [p for p in (_name_pattern(n) for n in names) if p is not None]


def find_personal_data(text: str, deny_names: Iterable[str] = ()) -> list[Finding]:
    """Every piece of personal data in `text`, in order, one finding per stretch of characters."""
    patterns = _name_patterns(tuple(deny_names))
    found = [*_names(text, patterns)]
    # Cheap tests first: most texts (short front-matter values, most paragraphs) have no '@',
    # no digit or no birth cue, and the detectors that need one are skipped.
    if "@" in text:
        found += _emails(text)
    if _DOB_HINT.search(text):
        found += _dates_of_birth(text)
    if _DIGIT.search(text):
        found += [*_nhs_numbers(text), *_ni_numbers(text), *_phones(text), *_dates(text), *_postcodes(text)]
    kept: list[Finding] = []
    for f in sorted(found, key=lambda f: (_ORDER.index(f.kind), f.start, -f.end)):
        if all(f.end <= k.start or f.start >= k.end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: (f.start, f.end))


# -- the allow list -----------------------------------------------------------------------------


def _squash(text: str) -> str:
    return " ".join(text.split())


def _allowed_spans(text: str, allowed: list[str]) -> list[tuple[int, int]]:
    """Where the allowed strings occur in a text; a line break may stand for a space."""
    spans = []
    for a in allowed:
        words = a.split()
        if not words:
            continue
        pattern = re.compile(r"\s+".join(map(re.escape, words)))
        spans.extend((m.start(), m.end()) for m in pattern.finditer(text))
    return spans


def is_allowed(finding: Finding, text: str, allowed: list[str]) -> bool:
    """Accepted if the finding is exactly an allowed string, or lies inside one where it occurs."""
    if _squash(finding.text) in {_squash(a) for a in allowed}:
        return True
    return any(s <= finding.start and finding.end <= e for s, e in _allowed_spans(text, allowed))


def _allow_entries(data: dict) -> list[tuple[int, str]]:
    entries = data.get("allow") or []
    if not isinstance(entries, list):
        return []
    return [(i, e["text"]) for i, e in enumerate(entries) if isinstance(e, dict) and isinstance(e.get("text"), str)]


# -- the check ----------------------------------------------------------------------------------


def deny_names(vocabulary) -> tuple[str, ...]:
    """The names to refuse: vocabulary/deny-names.yml and the private list named by
    $CASEBOOK_DENY_NAMES, both read once, with the vocabulary (casebook.model.vocabulary)."""
    return tuple(n for n in (getattr(vocabulary, "deny_names", None) or ()) if str(n).strip())


def _preview(text: str) -> str:
    """Enough to recognise the finding on its line, not enough to publish it again."""
    text = _squash(text)
    return (text[:2] + "…") if len(text) > 3 else "…"


def _message(finding: Finding, column: int) -> str:
    return (
        f"{_ACTION[finding.kind]} (a {finding.kind} at column {column}: '{_preview(finding.text)}', "
        f"{len(finding.text)} characters); if it is safe to publish, add the exact text to 'allow' with a reason"
    )


def _locate_in_front(src: SourceFile, first_line: int, value: str, finding: Finding) -> tuple[int, int]:
    """The file line and column of a finding inside a (possibly folded, multi-line) YAML value.

    Folding keeps the words in order, so the n-th occurrence of the finding's first word in the
    value is the n-th occurrence in the file from the value's first line on.
    """
    word = finding.text.split()[0]
    nth = value.count(word, 0, finding.start) + 1
    lines = src.text.split("\n")
    end = src.front.end_line - 1 if src.front else len(lines)
    seen = 0
    for number in range(first_line, end + 1):
        line = lines[number - 1]
        at = -1
        while True:
            at = line.find(word, at + 1)
            if at < 0:
                break
            seen += 1
            if seen == nth:
                return number, at + 1
    return first_line, 1


def check_personal_data(src: SourceFile, vocabulary, review=None) -> list[Problem]:
    """Content check: personal data in the front matter and the body, each an error with its line."""
    if src.front is None:
        return []
    names = deny_names(vocabulary)
    allow = _allow_entries(src.front.data)
    allowed = [text for _, text in allow]
    problems: list[Problem] = []
    scanned: list[str] = []

    for path, value in front_strings(src.front.data, _NOT_SCANNED):
        if _is_model_date(path):
            continue
        scanned.append(value)
        first_line = src.front.line_of(path)
        for finding in find_personal_data(value, names):
            if is_allowed(finding, value, allowed):
                continue
            line, column = _locate_in_front(src, first_line, value, finding)
            problems.append(Problem(src.path, line, field_name(path), _message(finding, column),
                                    rule=_RULE_OF[finding.kind], column=column))

    body = src.body
    scanned.append(body)
    for finding in find_personal_data(body, names):
        if is_allowed(finding, body, allowed):
            continue
        line_start = body.rfind("\n", 0, finding.start) + 1
        line = src.body_line + body.count("\n", 0, finding.start)
        column = finding.start - line_start + 1
        problems.append(Problem(src.path, line, "body", _message(finding, column), rule=_RULE_OF[finding.kind], column=column))

    # An allow entry that matches nothing is stale: it would silently accept the string if it
    # came back, so say so (a warning: it publishes nothing).
    for i, text in allow:
        if not any(_allowed_spans(s, [text]) for s in scanned):
            problems.append(Problem(
                src.path, src.front.line_of(("allow", i, "text")), field_name(("allow", i, "text")),
                "this text does not occur in the file; remove the allow entry", WARNING, rule="allow-unused",
            ))
    return problems


# -- the rules ------------------------------------------------------------------------------------

_RULE_OF = {
    POSTCODE: "personal-data-postcode",
    PHONE: "personal-data-phone",
    EMAIL: "personal-data-email",
    NHS_NUMBER: "personal-data-nhs-number",
    NI_NUMBER: "personal-data-ni-number",
    FULL_DATE: "personal-data-full-date",
    DATE_OF_BIRTH: "personal-data-date-of-birth",
    DENIED_NAME: "personal-data-name",
}

_ASKS = {
    POSTCODE: "no full UK postcode (an outward code alone, 'SW1A', is fine)",
    PHONE: "no UK phone number",
    EMAIL: "no email address",
    NHS_NUMBER: "no NHS number (ten digits with a valid check digit)",
    NI_NUMBER: "no National Insurance number",
    FULL_DATE: "no full date of an event: give the month and year, or a season",
    DATE_OF_BIRTH: "no date of birth: give an age band in 'subject.age_bands'",
    DENIED_NAME: "no name listed in vocabulary/deny-names.yml or the private list $CASEBOOK_DENY_NAMES names",
}

RULES = [
    *(Rule(_RULE_OF[kind], ERROR, _ASKS[kind], "personal data", check_personal_data, CONTENT) for kind in _ORDER),
    Rule("allow-unused", WARNING, "every 'allow' entry is text the file contains", "personal data", check_personal_data, CONTENT),
]
