"""The anonymisation check (SPEC section 5): personal data a published review must not contain.

Deterministic detectors only, no network and no language model: UK postcodes, UK phone numbers,
email addresses, NHS numbers (only with a valid mod-11 check digit), National Insurance numbers
(only with a prefix that can be issued), full dates in numbers or words, "date of birth"/"DOB"
followed by a value, and names a partnership lists in vocabulary/deny-names.yml. Each detector
is written to pass the near misses a review legitimately contains ("Summer 2017", "March 2021",
"aged 4", a ten-digit reference that fails mod-11), because a check that cries wolf gets allowed
away wholesale. An exact string can still be accepted through the file's `allow` list.

The detectors read the text as a reader sees it (casebook.checks.as_read: entities decoded, NFKC,
odd spaces as spaces, soft hyphens and zero-width characters removed, a number wrapped over a line
break joined); a finding names the original line and column. Every pattern is linear: an email is
looked for around each '@' only, overlapping findings are settled in one sorted pass, and lines
are found by bisection, so a 5 MB body is checked in well under two seconds (bench/personal_data.py).

Messages never repeat the data found in full: CI logs of a public repository outlive the pull
request, so a message names the kind, the line and the column, and shows only a short prefix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

import bisect

from casebook.checks.as_read import as_read
from casebook.reading.frontmatter import SourceFile, field_name, front_strings
from casebook.checks.problems import ERROR, WARNING, Problem
from casebook.checks.registry import CONTENT, Rule
from casebook.model import fields as model_fields

# Kinds of personal data, as a message names them.
POSTCODE = "UK postcode"
ADDRESS = "street address"
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
    ADDRESS: "remove the street address; name the area in words if the review needs it",
    PHONE: "remove the UK phone number",
    EMAIL: "remove the email address",
    NHS_NUMBER: "remove the NHS number",
    NI_NUMBER: "remove the National Insurance number",
    FULL_DATE: "give only the month and year (e.g. 'March 2021') or a season instead of the full date",
    DATE_OF_BIRTH: "remove the date of birth (even a month and year); give an age band in 'subject.age_bands' instead",
    DENIED_NAME: "replace the name (listed in vocabulary/deny-names.yml) with the name the review uses, e.g. 'Child Q'",
}

# Front-matter fields not scanned: their format is fixed by the model (a publication date may be
# a full date; 'incident' never may, and validate says so). Each allow entry's text is the
# exception itself; its reason is scanned like any other text.
_NOT_SCANNED = {"published", "publish_until", "incident"}


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

# An email is looked for around each '@' only (a pattern tried at every position of 120 KB of
# '%a' took 10.7 s): the local part is up to 64 characters before it, the domain up to 255 after.
_EMAIL_LOCAL = re.compile(r"[\w.%+'-]{1,64}\Z")
_EMAIL_DOMAIN = re.compile(r"[^\W_](?:[\w-]{0,62}[^\W_])?(?:\.[^\W_](?:[\w-]{0,62}[^\W_])?)*\.[^\W\d_]{2,24}(?![\w-])")

# 3-3-4 digits with one consistent separator (or none), as NHS numbers are written, alone or
# straight after 'NHS' ('NHS9434765919').
# (What comes before is tested in Python: a pattern that starts with a digit skips ahead to one.)
_TEN_DIGITS = re.compile(r"(\d{3})([ -]?)(\d{3})\2(\d{4})(?![\w/-]|\.\d)")
_NOT_BEFORE_TEN_DIGITS = re.compile(r"[\w.+/-]")

# Two letters, three pairs of digits, a suffix letter A-D (often left off); spaces between the
# parts are optional.
_NI = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{2}) ?(\d{2}) ?(\d{2}) ?(\d{2})(?: ?([A-Da-d]))?(?![A-Za-z0-9])")
_NI_BAD_FIRST = set("DFIQUV")
_NI_BAD_SECOND = set("DFIOQUV")
_NI_NEVER_ISSUED = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}

# +44, 0044 or a leading 0, then 9-11 digits with single spaces, hyphens, dots, slashes or
# brackets between them (dashes of every kind are hyphens by now).
_PHONE = re.compile(r"(?:(?:\+|00)44[ ]?(?:\(0\)[ ]?)?|\(0|0)(?:\d(?:[ \-)./]|\s-\s){0,2}){8,10}\d(?![\w]|[./]\d)")

# The full postcode formats (A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA): an outward code
# alone ('SW1A', 'M25') covers thousands of homes and is not flagged.
_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])(GIR ?0AA|[A-PR-UWYZ](?:\d[A-HJKPSTUW]?|\d\d|[A-HK-Y]\d[ABEHMNPRVWXY]?|[A-HK-Y]\d\d) ?\d[ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_ORDINAL_INWARD = re.compile(r"\d(?:st|nd|rd|th)$")

# A house or flat number and a street: '12 Acacia Avenue', 'Flat 3, 4 Church Road', '7a Mill Lane'.
# The street's name is one to three capitalised words before a usual ending, so 'Section 4 Road
# safety' (no name) and '3 High Court hearings' (a court, see below) pass.
_STREET_ENDINGS = (
    "Road|Street|Avenue|Close|Lane|Drive|Way|Crescent|Grove|Place|Court|Gardens|Terrace|Walk|Row|Square|Hill|"
    "Mews|Rise|Parade|Green|Vale|View|Park|Gate|Wharf|Yard|Fields|Meadow|Meadows|Boulevard|Circus|Esplanade|"
    "Rd|St|Ave|Cres|Gdns|Terr"
)
_ADDRESS = re.compile(
    r"\d{1,4}[A-Za-z]?,? (?:[A-Z][a-z'’]+(?:-[A-Z]?[a-z]+)? ){1,3}"
    rf"(?:{_STREET_ENDINGS})\b\.?"
)
_FLAT_BEFORE = re.compile(r"(?:Flat|Apartment|Apt|Unit|Room)\.? ?\d{1,4}[A-Za-z]?,? \Z")
_NOT_BEFORE_ADDRESS = re.compile(r"[\w.,/-]")
# Courts and other institutions named like streets: '2 Family Court hearings'.
_NOT_A_STREET = re.compile(r"\b(?:High|Crown|Family|County|Magistrates|Magistrates'|Supreme|Youth|Coroner's|Coroners|Royal|Juvenile) Court\b")

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
# A year: four digits, or two after an apostrophe or a month name ('3 Jan 19').
_YEAR = r"(?P<y>(?:1[89]|20)\d\d|'\d\d|\d\d(?![\d:.]))"
_MONTH = rf"(?P<m>{_MONTH_NAMES})\.?"
# '12 March 2021', '12th of March, 2021', 'the twelfth of March 2021', 'Monday 12 Mar 2021', '3-Jan-2019'
_DATE_DMY = re.compile(rf"(?<![\w'])(?:the\s+)?{_DAY}(?:\s+of)?(?:\s+|[-/.]){_MONTH},?(?:\s+|[-/.]){_YEAR}(?!\w)", re.IGNORECASE)
# 'March 12, 2021', 'March 12th 2021'
_DATE_MDY = re.compile(rf"(?<![\w'])(?P<m>{_MONTH_NAMES})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:1[89]|20)\d\d|'\d\d)(?!\w)", re.IGNORECASE)
# 12/03/2021, 12-03-21, 12.03.2021, 31.03.16 (dots with a two-digit year only when day and month
# have two digits: '3.2.14' is a paragraph number)
# (Both test what comes before in Python, so that the search skips from digit to digit.)
_DATE_NUMERIC = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-]|\.\d)")
# 2021-03-12, 2021/03/12
_DATE_ISO = re.compile(r"(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?![\d/-]|\.\d)")
_NOT_BEFORE_DATE = re.compile(r"[\d/.-]")


def _numeric_dates(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """Matches of `pattern` not preceded by a digit or a separator, as '(?<![\\d/.-])' would give."""
    at = 0
    while True:
        m = pattern.search(text, at)
        if m is None:
            return
        if m.start() and _NOT_BEFORE_DATE.match(text, m.start() - 1):
            at = m.start() + 1  # a later start inside this match may still be a date
            continue
        yield m
        at = m.end()

# One rule for dates of birth: a birth cue followed by any date, a month and year as much as a
# full date ('born 14 March 2019' and 'born March 2019' alike), or any value after a label
# ('DOB: 2015', '| DOB | March 2015 |').
_DOB_CUE = re.compile(r"(?<!\w)(?:dates?\s+of\s+birth|birth\s*dates?|birthday|d\.?o\.?b(?![a-z])\.?|born(?:\s+(?:on|in|at|during|around|about))?)", re.IGNORECASE)
# The value right after a cue (past ':', '|', 'is', 'was' and the like): a date, a number or a month.
# 'born on time at 38 weeks' and 'date of birth not recorded' are not values.
_DOB_VALUE = re.compile(
    rf"""[ \t:=|\-]*(?:(?:is|was|of|the|given\s+as|recorded\s+as)[ \t]+)*
    (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?[ \t]+)?
    (?:(?:\d[\d/.\-]*\d|\d)(?:(?:st|nd|rd|th)?(?:[ \t]+of)?[ \t\-]+(?:{_MONTH_NAMES})(?![a-z])\.?)?(?:,?[ \t\-]+(?:\d{{4}}|'?\d\d(?!\d)))?
      |(?:{_MONTH_NAMES})(?![a-z])\.?(?:[ \t]+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?[ \t]+(?:\d{{4}}|'\d\d))?)""",
    re.IGNORECASE | re.VERBOSE,
)
# After 'born' (a weaker cue than a label), only a month or a numeric date counts: 'born in 2019'
# is a year, which the age bands say anyway, and 'born at 38 weeks' is not a date.
_BORN_VALUE = re.compile(rf"[ \t,]*(?:the[ \t]+)?(?:\d{{1,2}}(?:st|nd|rd|th)?(?:[ \t]+of)?[ \t\-]+)?(?:{_MONTH_NAMES})(?![a-z])|[ \t]*\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}", re.IGNORECASE)


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
    if number.startswith(("+44", "0044")):
        rest = digits[2:] if number.startswith("+") else digits[4:]
        digits = rest if rest.startswith("0") else "0" + rest
    # UK numbers are 0 + 9 or 10 digits; 01, 02, 03, 05, 07, 08 and 09 are the ranges in use.
    return len(digits) in (10, 11) and digits[0] == "0" and digits[1] in "1235789"


def _plausible_day_month(a: int, b: int) -> bool:
    return (1 <= a <= 31 and 1 <= b <= 12) or (1 <= b <= 31 and 1 <= a <= 12)  # UK or US order


def _emails(text: str) -> Iterator[Finding]:
    at = text.find("@")
    while at >= 0:
        local = _EMAIL_LOCAL.search(text, max(0, at - 64), at)
        domain = _EMAIL_DOMAIN.match(text, at + 1, min(len(text), at + 256)) if local else None
        if local and domain:
            start = local.start()
            while start < at and text[start] in ".'-":
                start += 1  # an email does not start with a dot or a quote
            if start < at:
                yield Finding(EMAIL, text[start:domain.end()], start, domain.end())
        at = text.find("@", at + 1)


def _nhs_numbers(text: str) -> Iterator[Finding]:
    for m in _TEN_DIGITS.finditer(text):
        at = m.start()
        if at and _NOT_BEFORE_TEN_DIGITS.match(text, at - 1) and text[max(0, at - 3):at].upper() != "NHS":
            continue
        if nhs_number_is_valid(m.group(1) + m.group(3) + m.group(4)):
            yield Finding(NHS_NUMBER, m.group(), m.start(), m.end())


_SIX_DIGITS = re.compile(r"\d\d ?\d\d ?\d\d")


def _ni_candidates(text: str) -> Iterator[re.Match]:
    # Found from their digits (a pattern starting at every pair of letters is slow), then matched
    # from the two letters before them.
    for digits in _SIX_DIGITS.finditer(text):
        for start in (digits.start() - 3, digits.start() - 2):
            m = _NI.match(text, start) if start >= 0 else None
            if m is not None:
                yield m
                break


def _ni_numbers(text: str) -> Iterator[Finding]:
    for m in _ni_candidates(text):
        if not ni_number_is_valid(m.group(1)):
            continue
        if m.group(5) is None and not (m.group(1).isupper() and (" " in m.group() or m.start() == 0 or not text[m.start() - 1].isalpha())):
            continue
        yield Finding(NI_NUMBER, m.group(), m.start(), m.end())


_NOT_BEFORE_PHONE = re.compile(r"[\w+.]")


def _phones(text: str) -> Iterator[Finding]:
    for m in _PHONE.finditer(text):
        if m.start() and _NOT_BEFORE_PHONE.match(text, m.start() - 1):
            continue
        number = m.group().rstrip(" -./)")
        if not _phone_is_uk(number):
            continue
        if ("/" in number or "." in number) and (_DATE_NUMERIC.search(number) or _DATE_ISO.search(number)):
            continue  # '01/02/2019 12': a date, found as one
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


def _addresses(text: str) -> Iterator[Finding]:
    # The pattern starts with the house number (so the search skips from digit to digit); what may
    # come before it (a flat number, or nothing that makes it part of another number) is tested here.
    for m in _ADDRESS.finditer(text):
        start = m.start()
        flat = _FLAT_BEFORE.search(text, max(0, start - 20), start)
        if flat:
            start = flat.start()
        elif start and _NOT_BEFORE_ADDRESS.match(text, start - 1):
            continue
        if start and text[start - 1].isalnum():
            continue
        if _NOT_A_STREET.search(m.group()):
            continue
        end = m.end() - m.group().endswith(".")
        yield Finding(ADDRESS, text[start:end], start, end)


# Every date written with a month name has the month name right before a number ('12 March 2021',
# 'March 12, 2021', '3-Jan-2019'). The two patterns are the slowest of the detectors, so they are
# tried only around such a month name, found with str.find (the pattern of month names, tried at
# every position of a 5 MB body, took seconds): from 36 characters before it ('the twenty-first
# of ') to 24 after.
_MONTH_PREFIXES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_BEFORE_NUMBER = re.compile(rf"(?:{_MONTH_NAMES})\.?,?[\s\-/.]+['\d]", re.IGNORECASE)
_DAY_BEFORE = re.compile(r"(?:\d|st|nd|rd|th)(?:\s+of)?[\s\-/.]*\Z", re.IGNORECASE)


def _month_name_dates(text: str) -> Iterator[re.Match]:
    lower = text.lower()
    seen: set[tuple[int, int]] = set()
    for prefix in _MONTH_PREFIXES:
        at = lower.find(prefix)
        while at >= 0:
            if (at == 0 or not lower[at - 1].isalpha()) and _MONTH_BEFORE_NUMBER.match(text, at):
                start, end = max(0, at - 36), min(len(text), at + 24)
                # A day before the month ends in a digit or an ordinal's ending ('3 ', 'first of '):
                # most month names in prose ('in March 2021') have neither, and skip the search.
                before = text[start:at]
                day_first = _DAY_BEFORE.search(before) is not None
                for m in (_DATE_DMY.search(text, start, end) if day_first else None, _DATE_MDY.match(text, at, end)):
                    # A match cut by the window's end could be part of a longer word: not a date.
                    while m is not None and not (m.end() < end or end == len(text)):
                        m = None
                    if m is not None and (m.start(), m.end()) not in seen:
                        seen.add((m.start(), m.end()))
                        yield m
            at = lower.find(prefix, at + 3)


def _dates(text: str) -> Iterator[Finding]:
    for m in _month_name_dates(text):
        if m.groupdict().get("d") and not 1 <= int(m.group("d")) <= 31:
            continue
        start = m.start()
        if m.group().lower().startswith("the "):
            start += 4
        yield Finding(FULL_DATE, text[start:m.end()], start, m.end())
    for m in _numeric_dates(_DATE_NUMERIC, text):
        day, sep, month, year = int(m.group(1)), m.group(2), int(m.group(3)), m.group(4)
        if sep == "." and len(year) != 4 and not (len(m.group(1)) == 2 and len(m.group(3)) == 2 and 1 <= month <= 12 < day or
                                                   len(m.group(1)) == 2 and len(m.group(3)) == 2 and m.group(1)[0] == "0"):
            continue  # '3.2.14' and '10.11.12' are paragraph numbers; '31.03.16' and '03.04.16' dates
        if _plausible_day_month(day, month):
            yield Finding(FULL_DATE, m.group(), m.start(), m.end())
    for m in _numeric_dates(_DATE_ISO, text):
        year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if 1800 <= year <= 2199 and 1 <= month <= 12 and 1 <= day <= 31:
            yield Finding(FULL_DATE, m.group(), m.start(), m.end())


def _dates_of_birth(text: str) -> Iterator[Finding]:
    for cue in _DOB_CUE.finditer(text):
        if cue.group().lower().startswith("born"):
            value = _BORN_VALUE.match(text, cue.end())
            if value:
                # The whole date: 'born on 14 March 2019', not 'born on 14 March'.
                rest = _DOB_VALUE.match(text, cue.end())
                end = max(value.end(), rest.end() if rest else 0)
                yield Finding(DATE_OF_BIRTH, text[cue.start():end], cue.start(), end)
            continue
        value = _DOB_VALUE.match(text, cue.end())
        if value:
            yield Finding(DATE_OF_BIRTH, text[cue.start():value.end()], cue.start(), value.end())


def _name_pattern(name: str) -> re.Pattern | None:
    words = as_read(name).text.split()
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
_ORDER = [EMAIL, NHS_NUMBER, NI_NUMBER, DATE_OF_BIRTH, PHONE, FULL_DATE, POSTCODE, ADDRESS, DENIED_NAME]
_RANK = {kind: i for i, kind in enumerate(_ORDER)}


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=8)
def _name_patterns(names: tuple[str, ...]) -> list[re.Pattern]:
    # Made once per list of names, not once per text: a library has thousands of texts.
    return [p for p in (_name_pattern(n) for n in names) if p is not None]


def _without_overlaps(found: list[Finding]) -> list[Finding]:
    """One finding per stretch of characters, the first kind in _ORDER winning; in one sorted pass
    per kind (with 20,000 numbers in a body, comparing each with every other took 14 s)."""
    starts: list[int] = []  # the kept findings, by start; they never overlap one another
    kept: list[Finding] = []
    for f in sorted(found, key=lambda f: (_RANK[f.kind], f.start, -f.end)):
        i = bisect.bisect_left(starts, f.start)
        if i < len(kept) and kept[i].start < f.end:
            continue  # overlaps the next kept one
        if i > 0 and kept[i - 1].end > f.start:
            continue  # overlaps the one before
        starts.insert(i, f.start)
        kept.insert(i, f)
    return kept


def find_personal_data(text: str, deny_names: Iterable[str] = ()) -> list[Finding]:
    """Every piece of personal data in `text`, in order, one finding per stretch of characters;
    looked for in the text as a reader sees it, each finding's span and text the original's."""
    seen = as_read(text)
    found = _find(seen.text, deny_names)
    if seen.text is text:
        return found
    out = []
    for f in found:
        start, end = seen.origin(f.start), seen.end_origin(f.end)
        out.append(Finding(f.kind, text[start:end], start, end))
    return out


def _find(text: str, deny_names: Iterable[str]) -> list[Finding]:
    patterns = _name_patterns(tuple(deny_names))
    found = [*_names(text, patterns)]
    # Cheap tests first: most texts (short front-matter values, most paragraphs) have no '@',
    # no digit or no birth cue, and the detectors that need one are skipped.
    if "@" in text:
        found += _emails(text)
    lower = text.lower()
    if "birth" in lower or "born" in lower or "dob" in lower or "d.o" in lower:
        found += _dates_of_birth(text)
    if _DIGIT.search(text):
        found += [*_nhs_numbers(text), *_ni_numbers(text), *_phones(text), *_dates(text), *_postcodes(text), *_addresses(text)]
    return _without_overlaps(found)


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


# Findings reported in one body at most; and the size of the stretches the body is read in, each
# ending at a paragraph break (no detector reads across one).
MAX_FINDINGS = 200
_CHUNK = 256 * 1024
_SAFE_LINE_BREAK = re.compile(r"\n(?![\d \t])")


def _paragraph_chunks(body: str) -> Iterator[tuple[int, str]]:
    if len(body) <= _CHUNK:
        yield 0, body
        return
    start = 0
    while start < len(body):
        end = body.find("\n\n", start + _CHUNK, start + 2 * _CHUNK)
        if end < 0:
            # No paragraph break near: a line break with no number running on over it.
            m = _SAFE_LINE_BREAK.search(body, start + _CHUNK)
            end = len(body) if m is None else m.start()
        yield start, body[start:end + 1]
        start = end + 1


def _accepted(finding: Finding, spans: list[tuple[int, int]], allowed: set[str]) -> bool:
    return _squash(finding.text) in allowed or any(s <= finding.start and finding.end <= e for s, e in spans)


def check_personal_data(src: SourceFile, vocabulary, review=None) -> list[Problem]:
    """Content check: personal data in the front matter and the body, each an error with its line."""
    if src.front is None:
        return []
    names = deny_names(vocabulary)
    allow = _allow_entries(src.front.data)
    allowed = [text for _, text in allow]
    squashed = {_squash(a) for a in allowed}
    problems: list[Problem] = []
    scanned: list[str] = []

    for path, value in front_strings(src.front.data, _NOT_SCANNED):
        if len(path) == 3 and path[0] == "allow" and path[2] == "text":
            continue  # the exception itself; its reason is scanned
        if _is_model_date(path):
            continue
        scanned.append(value)
        first_line = src.front.line_of(path)
        found = find_personal_data(value, names)
        spans = _allowed_spans(value, allowed) if found and allowed else []
        for finding in found:
            if _accepted(finding, spans, squashed):
                continue
            line, column = _locate_in_front(src, first_line, value, finding)
            problems.append(Problem(src.path, line, field_name(path), _message(finding, column),
                                    rule=_RULE_OF[finding.kind], column=column))

    body = src.body
    scanned.append(body)
    line_starts: list[int] = []
    in_body = 0
    for offset, part in _paragraph_chunks(body):
        found = find_personal_data(part, names)
        if not found:
            continue
        spans = _allowed_spans(part, allowed) if allowed else []
        if not line_starts:
            # Lines by bisection over the line starts, found once: counting line breaks from the
            # top for each finding is quadratic in a long body full of them.
            line_starts = [0] + [m.end() for m in re.finditer("\n", body)]
        for finding in found:
            if _accepted(finding, spans, squashed):
                continue
            start = offset + finding.start
            index = bisect.bisect_right(line_starts, start) - 1
            column = start - line_starts[index] + 1
            problems.append(Problem(src.path, src.body_line + index, "body", _message(finding, column),
                                    rule=_RULE_OF[finding.kind], column=column))
            in_body += 1
            if in_body >= MAX_FINDINGS:
                break
        if in_body >= MAX_FINDINGS:
            # A pasted database, not a review: the first findings say what to do, and finding the
            # other hundred thousand would only slow the check down.
            last = problems[-1]
            problems.append(Problem(src.path, last.line, "body", f"stop and remove the personal data found so far: there are "
                                    f"more than {MAX_FINDINGS} pieces of it in this body; the check looks again once they are gone",
                                    rule=last.rule))
            break

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
    ADDRESS: "personal-data-address",
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
    ADDRESS: "no street address (a house or flat number with a street's name)",
    PHONE: "no UK phone number",
    EMAIL: "no email address",
    NHS_NUMBER: "no NHS number (ten digits with a valid check digit)",
    NI_NUMBER: "no National Insurance number",
    FULL_DATE: "no full date of an event: give the month and year, or a season",
    DATE_OF_BIRTH: "no date of birth, not even a month and year: give an age band in 'subject.age_bands'",
    DENIED_NAME: "no name listed in vocabulary/deny-names.yml or the private list $CASEBOOK_DENY_NAMES names",
}

RULES = [
    *(Rule(_RULE_OF[kind], ERROR, _ASKS[kind], "personal data", check_personal_data, CONTENT) for kind in _ORDER),
    Rule("allow-unused", WARNING, "every 'allow' entry is text the file contains", "personal data", check_personal_data, CONTENT),
]
