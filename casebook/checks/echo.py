"""A value as a message may show it: short, escaped, and masked where it holds personal data.

Messages go into CI logs of a public repository, which outlive the pull request. So a message that
quotes what the contributor wrote ("unknown nation 'englund'") shows at most about 60 characters,
writes control and invisible characters as escapes (a message is one line, and says what it saw),
and masks whatever the anonymisation check would refuse: `unknown nation 'DOB 12/03/2015'` would
otherwise print the very date the check exists to keep out.
"""

from __future__ import annotations

from typing import Iterable

from casebook.checks.characters import has_odd_characters

LIMIT = 60
MASK = "[…]"


def escaped(text: str) -> str:
    """The text on one line: tabs, line breaks, control and invisible characters as escapes
    (a file name with a newline in it is still one line of a message)."""
    return _escape(text)


def _escape(text: str) -> str:
    if not has_odd_characters(text) and "\t" not in text and "\n" not in text:
        return text
    out = []
    for ch in text:
        if ch in "\t\n" or has_odd_characters(ch):
            out.append(repr(ch)[1:-1] if ch in "\t\n" or ord(ch) < 0x100 else f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    return "".join(out)


def masked(text: str, deny_names: Iterable[str] = (), dates: bool = True) -> str:
    """The text with each piece of personal data in it replaced by '[…]'; `dates=False` leaves
    full dates alone (in a date field, where the model decides what may be written)."""
    # Imported here: the detectors import the reader, which uses this module.
    from casebook.checks.personal_data import FULL_DATE, find_personal_data

    found = [f for f in find_personal_data(text, tuple(deny_names)) if dates or f.kind != FULL_DATE]
    for finding in reversed(found):
        text = text[: finding.start] + MASK + text[finding.end:]
    return text


def shown(value, deny_names: Iterable[str] = (), limit: int = LIMIT, dates: bool = True) -> str:
    """`value` as a message quotes it: masked, escaped, and cut to about `limit` characters."""
    text = str(value)
    # Cut before masking, with some slack, so that a 5 MB value costs nothing; a date cut at the
    # edge is masked on what is left (a detector needs the whole date, so the cut part is dropped).
    head = text[: limit * 2]
    text = masked(head, deny_names, dates)
    text = _escape(text)
    if len(text) > limit or len(head) < len(str(value)):
        text = text[: limit - 1].rstrip() + "…"
    return text


def without_names(problems: list, deny_names: Iterable[str]) -> list:
    """The problems with every listed name in their messages and fields masked: the last guard, for
    the messages that quote a value before the names are known (the reader's)."""
    names = tuple(n for n in deny_names if str(n).strip())
    if not names:
        return problems
    from dataclasses import replace

    from casebook.checks.personal_data import DENIED_NAME, find_personal_data

    def clean(text: str) -> str:
        for f in reversed([f for f in find_personal_data(text, names) if f.kind == DENIED_NAME]):
            text = text[: f.start] + MASK + text[f.end:]
        return text

    return [replace(p, message=clean(p.message), field=clean(p.field)) for p in problems]
