"""Characters a review file must not contain: control characters, odd line breaks and invisible ones.

Text pasted from Word or a PDF brings them in unseen. Each one hides something: a zero-width space
or a soft hyphen inside a name hides it from the anonymisation check (the page shows it whole); a
U+2028 is a line break to YAML and to some editors but not to others, so every later line number
disagrees and a ' #' comment on the next line is cut without a word; a control character stops
YAML with a message about its internals. So each is refused with its own message, its line and
its column, lines counted as editors count them (only \\n, \\r\\n and \\r end a line).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

CONTROL = "control"
LINE_SEPARATOR = "line separator"
INVISIBLE = "invisible"

# C0 controls but tab and line feed (a carriage return is a line end, normalised before this),
# DEL, C1 controls, and the two non-characters YAML refuses.
_CONTROL = "\x00-\x08\x0b-\x1f\x7f\x80-\x84\x86-\x9f\ufffe\uffff"
# Line breaks to YAML (and to Python's splitlines), not to most editors.
_LINE_SEPARATORS = "\x85\u2028\u2029"
# Zero-width characters, the soft hyphen, a byte order mark past the start, bidirectional
# controls (they reorder what a reader sees), and other characters that print as nothing.
_INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\U0001d173-\U0001d17a\U000e0000-\U000e007f"
)
_ANY = re.compile(f"[{_CONTROL}{_LINE_SEPARATORS}{_INVISIBLE}]")
_KIND = [(re.compile(f"[{_CONTROL}]"), CONTROL), (re.compile(f"[{_LINE_SEPARATORS}]"), LINE_SEPARATOR),
         (re.compile(f"[{_INVISIBLE}]"), INVISIBLE)]

RULE_OF = {CONTROL: "character-control", LINE_SEPARATOR: "character-line-separator", INVISIBLE: "character-invisible"}


@dataclass(frozen=True)
class OddCharacter:
    """The first refused character of a line, and how many more of them the line has."""

    line: int  # 1-based, in the whole file
    column: int  # 1-based
    character: str
    more: int

    @property
    def kind(self) -> str:
        return next(kind for pattern, kind in _KIND if pattern.match(self.character))

    @property
    def rule(self) -> str:
        return RULE_OF[self.kind]

    def message(self) -> str:
        code = f"U+{ord(self.character):04X}"
        name = unicodedata.name(self.character, "").lower() or "unnamed"
        more = f" (and {self.more} more on this line)" if self.more else ""
        if self.kind == CONTROL:
            return (f"remove the control character {code} at column {self.column}{more}: it is not text, "
                    "and it came with a paste from another program")
        if self.kind == LINE_SEPARATOR:
            return (f"replace the {code} ({name}) at column {self.column}{more} with an ordinary line break or a space: "
                    "YAML and some editors start a new line there, others do not")
        return (f"remove the invisible character {code} ({name}) at column {self.column}{more}: readers cannot see it, "
                "and it hides the words around it from the checks and from search")


def has_odd_characters(text: str) -> bool:
    return _ANY.search(text) is not None


def odd_characters(text: str) -> list[OddCharacter]:
    """Each line's first refused character, `text` with its line ends already '\\n'."""
    found: list[OddCharacter] = []
    last_line = -1
    line = 1
    line_start = 0
    counted_to = 0
    for m in _ANY.finditer(text):
        line += text.count("\n", counted_to, m.start())
        counted_to = m.start()
        if line == last_line:
            found[-1] = OddCharacter(found[-1].line, found[-1].column, found[-1].character, found[-1].more + 1)
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        found.append(OddCharacter(line, m.start() - line_start + 1, m.group(), 0))
        last_line = line
    return found


def blanked(text: str) -> str:
    """The text with every refused character made a space, so that YAML reads the rest of the file
    and counts its lines as the messages do (a file with one is refused already)."""
    return _ANY.sub(" ", text)
