"""The structure both readers share: paragraphs a page break cut joined again, hyphenated line
ends repaired, lines joined, tables a page break split put back together."""

from __future__ import annotations

import re
from collections import Counter

from casebook.authoring.importer.document import HEADING, ITEM, PARAGRAPH, TABLE, Document

_ENDS_SENTENCE = re.compile(r"[.?!:;][\"'’”)\]]*$|\[\^\w+\]$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_HYPHEN_AT_END = re.compile(r"([A-Za-z0-9]*)[-\u2010\u00ad]\n([A-Za-z0-9]*)")
# Prefixes that keep their hyphen when a line ends after them: 'multi-agency', 'non-accidental'.
_KEEPS_HYPHEN = {
    "multi", "non", "pre", "post", "self", "co", "cross", "inter", "intra", "anti", "ex", "sub", "well", "half",
    "step", "long", "short", "full", "part", "one", "two", "three", "four", "five", "first", "second", "third",
    "high", "low", "over", "under", "semi", "mid", "re", "out", "child", "family", "face", "follow", "joined",
    "de", "counter", "extra", "ill", "single", "multiple", "early", "late", "large", "small", "age", "time",
}


def _words(doc: Document) -> tuple[Counter, Counter]:
    """Words written whole inside a line, and words written with a hyphen inside a line, across the report."""
    whole: Counter = Counter()
    hyphenated: Counter = Counter()
    texts = [b.text for b in doc.blocks] + [c for b in doc.blocks for row in b.rows for c in row] + [n.text for n in doc.footnotes]
    for text in texts:
        for line in text.split("\n"):
            for word in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", line):
                if "-" in word:
                    hyphenated[word.lower()] += 1
                    for part in word.split("-"):
                        whole[part.lower()] += 1
                else:
                    whole[word.lower()] += 1
            # A line's last word may itself be cut: it is not evidence.
            last = re.search(r"([A-Za-z]+)-?$", line)
            if last and line.endswith("-"):
                whole[last.group(1).lower()] -= 1
    return whole, hyphenated


class _Lines:
    """Joins a block's lines, deciding at each hyphenated line end whether the hyphen is the word's own."""

    def __init__(self, doc: Document):
        self.whole, self.hyphenated = _words(doc)
        self.repaired = 0

    def keep_hyphen(self, before: str, after: str) -> bool:
        if not before or not after or before[-1].isdigit() or after[0].isdigit() or after[0].isupper():
            return True  # '2016-2017', 'Anglo-Saxon', 'post-Covid'
        joined = (before + after).lower()
        if self.whole.get(joined, 0) > 0:
            return False  # the report writes the word whole elsewhere
        if self.hyphenated.get(f"{before}-{after}".lower(), 0) > 0:
            return True  # the report writes it with a hyphen elsewhere
        return before.lower() in _KEEPS_HYPHEN

    def join(self, text: str) -> str:
        if "\n" not in text:
            return text

        def repair(m: re.Match) -> str:
            before, after = m.group(1), m.group(2)
            soft = m.group(0)[len(before)] == "\u00ad"
            if not soft and self.keep_hyphen(before, after):
                return f"{before}-{after}"
            self.repaired += 1
            return before + after

        text = _HYPHEN_AT_END.sub(repair, text)
        return " ".join(" ".join(line.split()) for line in text.split("\n") if line.strip())


def _continues(previous: str, text: str) -> bool:
    """Whether the text on a new page goes on with the sentence the last page left unfinished."""
    previous = previous.rstrip()
    if not previous or not text or _ENDS_SENTENCE.search(previous):
        return False
    first = text.lstrip()[:1]
    return first.islower() or first in ",;)" or previous[-1] in ",-(" or bool(re.search(r"\b(?:the|a|an|of|and|or|to|in|for|with|by|that)$", previous))


def _join_across_pages(doc: Document) -> None:
    out = []
    for block in doc.blocks:
        prev = out[-1] if out else None
        if (block.new_page and prev is not None and prev.kind in (PARAGRAPH, ITEM) and block.kind == PARAGRAPH
                and not block.number and not block.on_title_page and not prev.on_title_page
                and _continues(prev.text, block.text)):
            prev.text = prev.text.rstrip() + "\n" + block.text.lstrip()
            doc.joined_across_pages += 1
            continue
        if (block.new_page and prev is not None and prev.kind == TABLE and block.kind == TABLE
                and len(prev.rows[0]) == len(block.rows[0])):
            # A table the page break split: its header row is often printed again on the new page.
            rows = block.rows[1:] if block.rows[0] == prev.rows[0] else block.rows
            prev.rows.extend(rows)
            doc.joined_across_pages += 1
            continue
        out.append(block)
    doc.blocks = out


def tidy(doc: Document) -> Document:
    """The layout both readers leave, made into one flow of whole paragraphs."""
    _join_across_pages(doc)
    lines = _Lines(doc)
    for block in doc.blocks:
        block.text = lines.join(block.text)
        block.rows = [[lines.join(cell) for cell in row] for row in block.rows]
    for note in doc.footnotes:
        note.text = lines.join(note.text)
    doc.hyphens_repaired = lines.repaired
    doc.title = lines.join(doc.title)
    doc.blocks = [b for b in doc.blocks if b.kind == TABLE or b.text.strip() or b.kind == HEADING and b.number]
    return doc
