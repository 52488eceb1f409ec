"""The report's body as Markdown: headings as ##/###, numbered paragraphs with their numbers, lists,
tables, footnotes at the end. Text is escaped only where Markdown or the site's checks would read it
as something else, so the body still reads as the report's own words."""

from __future__ import annotations

import re

from casebook.authoring.importer.document import HEADING, ITEM, TABLE, Block, Document

_INLINE = [
    (re.compile(r"\\"), r"\\\\"),
    (re.compile(r"([*`])"), r"\\\1"),
    (re.compile(r"(?<![\w\\])_|_(?!\w)"), r"\\_"),
    (re.compile(r"<(?=[A-Za-z/!?])"), "&lt;"),
    (re.compile(r"\{(?=[{%#])"), "&#123;"),  # template syntax is refused in a body
    (re.compile(r"\[(?!\^\w+\])"), r"\\["),
]
_LINE_START = re.compile(r"^(#|>|[-+] |\d+[.)] |=+\s*$|-{3,}\s*$)")


def escape(text: str) -> str:
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text


def _paragraph(text: str) -> str:
    text = escape(text)
    m = _LINE_START.match(text)
    if m:
        # A paragraph that happens to start like a heading, a quote or a list stays a paragraph.
        token = m.group(1)
        if token[0].isdigit():
            digits = re.match(r"\d+", token).group()
            text = digits + "\\" + text[len(digits):]
        else:
            text = "\\" + text
    return text


def _table(rows: list[list[str]]) -> str:
    width = max(len(r) for r in rows)
    cells = [[escape(c).replace("|", "\\|") or " " for c in r] + [" "] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(r) + " |" for r in cells[1:]]
    return "\n".join(lines)


def _list(items: list[Block]) -> str:
    """A run of list items: numbered 1, 2, 3 ... as a Markdown ordered list, anything else as bullets
    that keep their printed labels ('a)', '(iv)')."""
    outer = [b for b in items if b.level == 0]
    numbers = [re.fullmatch(r"(\d+)[.)]", b.number) for b in outer]
    ordered = all(numbers) and [int(m.group(1)) for m in numbers] == list(range(1, len(outer) + 1))
    lines = []
    count = 0
    for b in items:
        indent = "    " * b.level
        if b.level == 0 and ordered:
            count += 1
            lines.append(f"{indent}{count}. {escape(b.text)}")
        else:
            label = f"{escape(b.number)} " if b.number else ""
            lines.append(f"{indent}- {label}{escape(b.text)}")
    return "\n".join(lines)


def body_markdown(doc: Document) -> str:
    chunks: list[str] = []
    run: list[Block] = []
    for block in doc.blocks:
        if block.kind == ITEM:
            run.append(block)
            continue
        if run:
            chunks.append(_list(run))
            run = []
        if block.kind == HEADING:
            chunks.append("#" * block.level + " " + escape(block.numbered_text))
        elif block.kind == TABLE:
            chunks.append(_table(block.rows))
        else:
            chunks.append(_paragraph(block.numbered_text))
    if run:
        chunks.append(_list(run))
    notes = [f"[^{note.label}]: {escape(note.text)}" for note in doc.footnotes]
    if notes:
        chunks.append("\n".join(notes))
    return "\n\n".join(chunks) + "\n"
