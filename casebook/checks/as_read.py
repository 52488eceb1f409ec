"""Text as a reader sees it, with the way back to where each character was written.

A page shows `01632&nbsp;960001`, `Jay&shy;den`, `jo&#64;example.org` and a number wrapped over a
line break all whole; a pattern over the file's characters sees none of them. So the checks that
look for personal data and for script links read the text after: HTML entities decoded; NFKC
(full-width digits, ligatures and the like as their plain forms); non-break, thin and other spaces
as spaces; dashes as hyphens; zero-width characters and soft hyphens removed; and a line break
inside a number or a date joined (as the page joins it). `origin()` turns a position in that text
back into one in the original, for the line and column of a finding.

Linear and cheap: ASCII text without '&' or a line break between digits is returned as it is, and
otherwise only the changed stretches are rewritten.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

_ZERO_WIDTH = set("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff")
_DASHES = set("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")

# What needs rewriting: a run of non-ASCII characters, an entity, or a line break between the
# parts of a number or a date ('01632⏎960001', '12/03/⏎2021', '0161-⏎496').
_CHANGED = re.compile(
    r"[^\x00-\x7f]+"
    r"|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?"
    r"|\n[ \t]*(?=[0-9])"
)


@lru_cache(maxsize=4096)
def _plain_char(ch: str) -> str:
    if ch in _ZERO_WIDTH:
        return ""
    if ch in _DASHES:
        return "-"
    if unicodedata.category(ch) == "Zs":
        return " "  # non-break, thin, figure, narrow non-break spaces...
    return unicodedata.normalize("NFKC", ch)


def _plain(run: str) -> str:
    return "".join(_plain_char(c) for c in run)


def _rewrite(m: re.Match) -> str:
    s = m.group()
    if s[0] == "&":
        decoded = html.unescape(s)
        if decoded == s:
            return s
        return _plain(decoded) if not decoded.isascii() else decoded
    if s[0] == "\n":
        # A soft line break inside a number: a hyphen or a slash joins it directly, digits with a
        # space. (A pattern that looked behind first could not skip ahead to the line breaks.)
        before = m.string[m.start() - 1] if m.start() else ""
        if before in "/.-" and before:
            return ""
        return " " if before.isdigit() else s
    return _plain(s)


@dataclass
class AsRead:
    """The text a reader sees, and where each of its stretches came from."""

    text: str
    # For each rewritten stretch: where it starts in `text` and in the original, and its two
    # lengths; between stretches the two texts are the same.
    _marks: list[tuple[int, int, int, int]] = field(default_factory=list)
    _keys: list[int] = field(default_factory=list)

    def origin(self, position: int) -> int:
        """The position in the original text of the character at `position`."""
        if not self._marks:
            return position
        i = bisect.bisect_right(self._keys, position) - 1
        if i < 0:
            return position
        at, orig, rewritten_len, original_len = self._marks[i]
        if position < at + rewritten_len:
            # Inside a rewritten stretch: as far in as the original allows.
            return orig + min(position - at, max(original_len - 1, 0))
        return orig + original_len + (position - at - rewritten_len)

    def end_origin(self, position: int) -> int:
        """The original position just after the character before `position` (for a span's end)."""
        return self.origin(position - 1) + 1 if position > 0 else 0


def as_read(original: str) -> AsRead:
    """The text as a reader sees it (see the module's docstring)."""
    if original.isascii() and "&" not in original and "\n" not in original:
        return AsRead(original)
    parts: list[str] = []
    marks: list[tuple[int, int, int, int]] = []
    out_len = 0
    last = 0
    for m in _CHANGED.finditer(original):
        new = _rewrite(m)
        if new == m.group():
            continue
        kept = original[last:m.start()]
        parts.append(kept)
        out_len += len(kept)
        marks.append((out_len, m.start(), len(new), m.end() - m.start()))
        parts.append(new)
        out_len += len(new)
        last = m.end()
    if not marks:
        return AsRead(original)
    parts.append(original[last:])
    return AsRead("".join(parts), marks, [mk[0] for mk in marks])
