"""A report as extraction leaves it: blocks in reading order, each with the page it came from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HEADING = "heading"
PARAGRAPH = "paragraph"
ITEM = "item"  # a bullet or a numbered list item
TABLE = "table"

# What PDF and Word reports alike type into their text, read the same way from either.
# A report's own paragraph number at the start of a paragraph: 1.2, 4.3.1 (the number is kept).
PARAGRAPH_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3}\.?)[ \t]+(?=\S)")
# A line of a contents page: a leader (dots, spaced dots, an ellipsis, underscores or a tab) and a page number.
CONTENTS_ENTRY = re.compile(r"(?:\.{4,}|…{2,}|(?:\. ?){4,}|_{4,}|\t)\s*\.?\s*(\d{1,3}|[ivxlc]{1,6})\s*$", re.IGNORECASE)


@dataclass
class Block:
    """One heading, paragraph, list item or table of the report.

    Until the layout step joins them, a paragraph's lines are kept apart by '\\n', so that a
    hyphen at a line end can be told from one inside a line.
    """

    kind: str
    text: str = ""
    page: int = 1
    level: int = 2  # a heading's Markdown level (2 or 3); an item's depth (0 for the outermost)
    number: str = ""  # as printed: "2.1.", "3.1.1", "1."; empty for bullets and plain paragraphs
    rows: list[list[str]] = field(default_factory=list)  # a table's cells, the first row its header
    new_page: bool = False  # the first block of its page: a page break lies before it
    on_title_page: bool = False

    @property
    def numbered_text(self) -> str:
        return f"{self.number} {self.text}" if self.number else self.text


@dataclass
class Footnote:
    label: str
    text: str
    page: int


@dataclass
class Document:
    """What extraction found, and what it left out (counted for the printed report)."""

    kind: str  # "PDF" or "Word"
    pages: int
    title: str = ""
    title_page: int = 1
    blocks: list[Block] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    running_lines_removed: int = 0  # running headers, footers and page numbers
    contents_pages: list[int] = field(default_factory=list)
    contents_entries_removed: int = 0
    joined_across_pages: int = 0
    hyphens_repaired: int = 0
