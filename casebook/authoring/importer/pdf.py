"""Reading a PDF with pypdfium2: characters with their place, size and weight, grouped into lines,
then into headings, paragraphs, list items, tables and footnotes, page by page.

pypdfium2 (PDFium's own text layer; Apache-2.0/BSD) was chosen over pdfplumber (MIT; pdfminer.six
underneath) because the import of a 60-page report must stay well under 10 seconds on one core:
measured on the 60-page fictional report of the benchmark, one core, median of 3, pdfplumber's word
extraction alone took 25 s and PDFium's characters with boxes, sizes and weights 1.7 s. PDFium gives
no tables, so ruled tables are rebuilt here from the page's thin rules.
"""

from __future__ import annotations

import ctypes
import math
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from casebook.authoring.importer.document import (CONTENTS_ENTRY, HEADING, ITEM, PARAGRAPH, PARAGRAPH_NUMBER, TABLE, Block,
                                                   Document, Footnote)
from casebook.authoring.importer.refusal import ReportRefused

NO_TEXT_LAYER = "this PDF has no text layer: run OCR first, e.g. with ocrmypdf"

# Bullet characters as Word and other writers print them, private-use Symbol-font ones included.
BULLETS = set("•●▪■◦○·‣⁃∙◆◇►▶➢➤✓✔❖□-–—*\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf0e0\uf0b2")
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\u00a0": " ", "\u2002": " ", "\u2003": " "}
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demibold|extrabold|,b$|-b$", re.IGNORECASE)
_CONTENTS_TITLE = re.compile(r"^(?:table of )?contents?$|^index$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^[\s\-–—|]*(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?[\s\-–—|]*$", re.IGNORECASE)
_HEADING_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3}\.?)[ \t]+(?=\S)")
_LIST_NUMBER = re.compile(r"^(\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)])[ \t]+(?=\S)")
_FOOTNOTE_LABEL = re.compile(r"^(\d{1,3}|[*†‡])[ \t]+(?=\S)")
_ENDS_SENTENCE = re.compile(r"[.?!:;][\"'’”)\]]*$")


@dataclass(slots=True)
class Char:
    ch: str
    x0: float
    x1: float
    top: float
    bottom: float
    base: float
    size: float  # the loose box's height: the font's size as drawn, whatever the text matrix
    bold: bool
    space_before: bool = False
    sup: bool = False


@dataclass
class Line:
    chars: list[Char]
    page: int
    bullet_drawn: bool = False
    note: bool = False  # a footnote line

    def __post_init__(self):
        self.chars.sort(key=lambda c: c.x0)
        self.refresh()

    def refresh(self) -> None:
        main = [c for c in self.chars if not c.sup] or self.chars
        self.x0 = min(c.x0 for c in self.chars)
        self.x1 = max(c.x1 for c in self.chars)
        self.top = max(c.top for c in main)
        self.bottom = min(c.bottom for c in main)
        self.base = statistics.median(c.base for c in main)
        self.size = statistics.median(c.size for c in main)
        letters = [c for c in main if c.ch.isalnum()]
        self.bold = bool(letters) and sum(c.bold for c in letters) >= 0.7 * len(letters)

    def absorb(self, other: "Line", sup: bool = False) -> None:
        for c in other.chars:
            c.sup = c.sup or sup
        self.chars = sorted(self.chars + other.chars, key=lambda c: c.x0)
        self.refresh()

    def text(self, labels: dict[str, str] | None = None) -> str:
        """The line's words; superscript numbers that are footnote labels become '[^label]'."""
        labels = labels or {}
        out: list[str] = []
        prev: Char | None = None
        i = 0
        chars = self.chars
        while i < len(chars):
            c = chars[i]
            if prev is not None:
                gap = c.x0 - prev.x1
                if gap > 2.2 * self.size:
                    out.append("\t")
                elif c.space_before or gap > 0.14 * self.size:
                    out.append(" ")
            if c.sup and c.ch.isdigit():
                j = i
                while j < len(chars) and chars[j].sup and chars[j].ch.isdigit():
                    j += 1
                digits = "".join(ch.ch for ch in chars[i:j])
                if digits in labels:
                    if out and out[-1] == " ":
                        out.pop()  # the marker sits against its word
                    out.append(f"[^{labels[digits]}]")
                else:
                    out.append(digits)
                prev = chars[j - 1]
                i = j
                continue
            out.append(c.ch)
            prev = c
            i += 1
        return "".join(out).strip()


@dataclass
class Rules:
    """The thin lines and small dots drawn on a page: table borders and browsers' bullets."""

    horizontal: list[tuple[float, float, float]] = field(default_factory=list)  # (x0, x1, y)
    vertical: list[tuple[float, float, float]] = field(default_factory=list)  # (y0, y1, x)
    dots: list[tuple[float, float, float, float]] = field(default_factory=list)


@dataclass
class Table:
    top: float
    bottom: float
    x0: float
    x1: float
    rows: list[list[str]]


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]
    tables: list[Table]
    text_chars: int


# -- reading the file ---------------------------------------------------------------------------

def _open(path: Path):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        import pypdfium2.raw as raw

        code = getattr(exc, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            raise ReportRefused("this PDF is password-protected; ask the publisher for an open copy, or open it with the "
                                "password and print it to a new PDF, then import that") from None
        if code == raw.FPDF_ERR_SECURITY:
            raise ReportRefused("this PDF uses a security handler that cannot be read; print it to a new PDF and import that") from None
        raise ReportRefused("this PDF is damaged and cannot be read; download it again, or open it and print it to a "
                            "new PDF, then import that") from None


def _page_paths(page) -> list:
    """The page's path objects, those inside form objects too, read through PDFium's own calls
    (pypdfium2's object wrappers cost more than the reading itself on text-heavy pages)."""
    import pypdfium2.raw as raw

    out = []
    stack = [(raw.FPDFPage_CountObjects(page.raw), lambda i: raw.FPDFPage_GetObject(page.raw, i), 0)]
    while stack:
        count, get, depth = stack.pop()
        for i in range(count):
            obj = get(i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_PATH:
                out.append(obj)
                if len(out) > 5000:
                    return out  # a drawing, not a table: stop looking
            elif kind == raw.FPDF_PAGEOBJ_FORM and depth < 3:
                stack.append((raw.FPDFFormObj_CountObjects(obj), lambda k, form=obj: raw.FPDFFormObj_GetObject(form, k), depth + 1))
    return out


def _page_rules(page) -> Rules:
    import pypdfium2.raw as raw

    rules = Rules()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for obj in _page_paths(page):
        raw.FPDFPageObj_GetBounds(obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top))
        x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
        w, h = x1 - x0, y1 - y0
        if h <= 2.5 and w >= 6:
            rules.horizontal.append((x0, x1, (y0 + y1) / 2))
        elif w <= 2.5 and h >= 6:
            rules.vertical.append((y0, y1, (x0 + x1) / 2))
        elif 1.5 <= w <= 8 and abs(w - h) <= 1.5:
            rules.dots.append((x0, y0, x1, y1))
        elif w > 6 and h > 6:
            # A stroked rectangle: its four sides are rules (a filled one is a cell's background).
            raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
            if stroke.value:
                rules.horizontal += [(x0, x1, y0), (x0, x1, y1)]
                rules.vertical += [(y0, y1, x0), (y0, y1, x1)]
    return rules


def _page_chars(page) -> tuple[list[list[Char]], int]:
    """The page's characters in PDFium's reading order, cut into runs at PDFium's line breaks."""
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    handle = textpage.raw
    n = raw.FPDFText_CountChars(handle)
    rect = raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    rect_ref, ox_ref, oy_ref = ctypes.byref(rect), ctypes.byref(ox), ctypes.byref(oy)
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    get_unicode, get_box, get_origin, get_weight = (raw.FPDFText_GetUnicode, raw.FPDFText_GetLooseCharBox,
                                                    raw.FPDFText_GetCharOrigin, raw.FPDFText_GetFontWeight)
    runs: list[list[Char]] = []
    run: list[Char] = []
    space = False
    last_font = None
    bold = False
    visible = 0
    for i in range(n):
        u = get_unicode(handle, i)
        if u in (10, 13):
            if run:
                runs.append(run)
                run = []
            space = False
            continue
        if u in (32, 9, 0xA0):
            # PDFium generates only spaces and line breaks, so there is no need to ask which are its own.
            space = True
            continue
        if u < 32 and u != 2:
            continue
        get_box(handle, i, rect_ref)
        get_origin(handle, i, ox_ref, oy_ref)
        top, bottom, base = rect.top, rect.bottom, oy.value
        size = top - bottom
        weight = get_weight(handle, i)
        # The font's name says bold more reliably than its weight; ask only when the font may change.
        font = (weight, size)
        if font != last_font:
            raw.FPDFText_GetFontInfo(handle, i, name, len(name), ctypes.byref(flags))
            font_name = name.value.decode("latin-1").split("+")[-1]
            bold = bool(_BOLD_NAME.search(font_name)) or weight >= 600
            last_font = font
        ch = "-" if u == 2 else _LIGATURES.get(chr(u), chr(u))  # PDFium's 2 is a hyphen it found at a line end
        left = rect.left
        if run and (abs(base - run[-1].base) > 0.2 * size or left < run[-1].x0 - size):
            # Another baseline (or back to the left) without a line break from PDFium: a new run.
            runs.append(run)
            run = []
        run.append(Char(ch, left, rect.right, top, bottom, base, size, bold, space, False))
        space = False
        visible += 1
    if run:
        runs.append(run)
    textpage.close()
    return runs, visible


def _cluster(values: list[float], tolerance: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tolerance:
            continue
        out.append(v)
    return out


def _tables(rules: Rules) -> list[tuple[list[float], list[float]]]:
    """Ruled tables: groups of crossing horizontal and vertical rules, as (column xs, row ys)."""
    segments = [("h", x0, x1, y, y) for x0, x1, y in rules.horizontal] + [("v", x, x, y0, y1) for y0, y1, x in rules.vertical]
    if len(segments) < 4 or len(segments) > 1500:
        return []
    parent = list(range(len(segments)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    tol = 2.5
    for i, a in enumerate(segments):
        for j in range(i + 1, len(segments)):
            b = segments[j]
            if a[1] - tol <= b[2] and b[1] - tol <= a[2] and a[3] - tol <= b[4] and b[3] - tol <= a[4]:
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[ri] = rj
    groups: dict[int, list[tuple]] = defaultdict(list)
    for i, s in enumerate(segments):
        groups[find(i)].append(s)
    out = []
    for group in groups.values():
        xs = _cluster([s[1] for s in group if s[0] == "v"])
        ys = _cluster([s[3] for s in group if s[0] == "h"])
        if len(xs) >= 3 and len(ys) >= 3:  # at least two columns and two rows
            out.append((xs, sorted(ys, reverse=True)))
    return out


def _cell_text(chars: list[Char]) -> str:
    lines = _lines_of(chars, page=0)
    return "\n".join(l.text() for l in lines)


def _split_tables(chars: list[Char], rules: Rules) -> tuple[list[Char], list[Table]]:
    """Take the characters inside ruled tables out of the page's flow, into the tables' cells."""
    tables = []
    rest = chars
    for xs, ys in _tables(rules):
        cells: dict[tuple[int, int], list[Char]] = defaultdict(list)
        outside = []
        for c in rest:
            cx, cy = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
            if xs[0] <= cx <= xs[-1] and ys[-1] <= cy <= ys[0]:
                col = next(k for k in range(len(xs) - 1) if cx <= xs[k + 1])
                row = next(k for k in range(len(ys) - 1) if cy >= ys[k + 1])
                cells[(row, col)].append(c)
            else:
                outside.append(c)
        rows = []
        for r in range(len(ys) - 1):
            # A cell's lines stay apart until the layout step, which repairs a word hyphenated across them.
            row = [_cell_text(cells[(r, k)]).strip() for k in range(len(xs) - 1)]
            if any(row):
                rows.append(row)
        if len(rows) >= 1 and len(rows[0]) >= 2:
            tables.append(Table(ys[0], ys[-1], xs[0], xs[-1], rows))
            rest = outside
    return rest, tables


def _lines_of(chars: list[Char], page: int, runs: list[list[Char]] | None = None) -> list[Line]:
    """Characters into lines: runs joined where they share a baseline and a size, superscripts attached."""
    if runs is None:
        runs = []
        for c in sorted(chars, key=lambda c: (-round(c.base, 0), c.x0)):
            if runs and abs(runs[-1][-1].base - c.base) <= 0.25 * c.size and c.x0 >= runs[-1][-1].x0 - 1:
                runs[-1].append(c)
            else:
                runs.append([c])
    pieces = sorted((Line(list(r), page) for r in runs if r), key=lambda l: (-l.base, l.x0))
    lines: list[Line] = []
    for piece in pieces:
        target = next((l for l in reversed(lines[-6:]) if abs(l.base - piece.base) <= 0.3 * max(l.size, piece.size)
                       and 0.8 <= piece.size / l.size <= 1.25 and (piece.x0 >= l.x1 - 1 or piece.x1 <= l.x0 + 1)), None)
        if target:
            target.absorb(piece)
        else:
            lines.append(piece)
    out: list[Line] = []
    for line in lines:
        # A superscript (a footnote marker, an ordinal's 'th'): a few small characters raised
        # inside a bigger line's height, against its text.
        host = None
        if len(line.chars) <= 4:
            host = next((h for h in lines if h is not line and line.size <= 0.8 * h.size and h.bottom - 1 <= line.base <= h.top
                         and line.base > h.base + 0.15 * h.size and h.x0 - 8 <= line.x0 <= h.x1 + 4), None)
        if host is not None:
            host.absorb(line, sup=True)
        else:
            out.append(line)
    out.sort(key=lambda l: (-l.base, l.x0))
    return out


def _read_pages(pdf) -> list[Page]:
    pages = []
    for i in range(len(pdf)):
        page = pdf[i]
        width, height = page.get_size()
        runs, visible = _page_chars(page)
        rules = _page_rules(page) if visible else Rules()
        chars = [c for r in runs for c in r]
        rest, tables = _split_tables(chars, rules)
        if tables:
            kept = {id(c) for c in rest}
            runs = [[c for c in r if id(c) in kept] for r in runs]
        lines = _lines_of(rest, i + 1, runs)
        for line in lines:
            line.bullet_drawn = any(d[2] <= line.x0 + 1 and line.x0 - d[2] < 24 and line.bottom - 2 <= (d[1] + d[3]) / 2 <= line.top + 2
                                    and d[3] - d[1] < 0.6 * line.size for d in rules.dots)
        pages.append(Page(i + 1, width, height, lines, tables, visible))
        page.close()
    return pages


# -- the document's layout ----------------------------------------------------------------------

def _norm(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _remove_running_lines(pages: list[Page]) -> int:
    """Running headers and footers (text repeated in a margin on most pages) and page numbers."""
    seen: dict[tuple[str, str], set[int]] = defaultdict(set)

    def zone(line: Line, page: Page) -> str | None:
        if line.top > page.height * 0.88:
            return "top"
        if line.bottom < page.height * 0.12:
            return "bottom"
        return None

    for page in pages:
        for line in page.lines:
            z = zone(line, page)
            if z:
                seen[(z, _norm(line.text()))].add(page.number)
    # "Most pages", but odd and even pages often carry different headers: each is on about half.
    need = 2 if len(pages) < 4 else math.ceil(0.4 * len(pages))
    removed = 0
    for page in pages:
        keep = []
        for line in page.lines:
            z = zone(line, page)
            text = line.text()
            if z and (len(seen[(z, _norm(text))]) >= need or _PAGE_NUMBER.match(text)):
                removed += 1
                continue
            keep.append(line)
        page.lines = keep
    return removed


def _remove_contents(pages: list[Page]) -> tuple[list[int], int]:
    """The contents page(s): entries ending in a page number after dotted leaders, near the front."""
    pages_with_contents = []
    removed = 0
    for page in pages[: max(4, len(pages) // 5)]:
        entries = [l for l in page.lines if CONTENTS_ENTRY.search(l.text())]
        if len(entries) < 3:
            continue
        whole = len(entries) >= 0.5 * len(page.lines)
        drop = {id(l) for l in entries}
        keep = []
        for line in page.lines:
            text = line.text()
            if id(line) in drop or _CONTENTS_TITLE.match(text.strip()) or whole:
                removed += 1
                continue
            keep.append(line)
        page.lines = keep
        pages_with_contents.append(page.number)
    return pages_with_contents, removed


def _body_size(pages: list[Page]) -> float:
    sizes: Counter = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.size * 2) / 2] += len(line.chars)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _footnotes(page: Page, body: float) -> list[Footnote]:
    """Notes at the foot of a page: the lowest lines, smaller than the body, starting with a label."""
    lines = sorted(page.lines, key=lambda l: -l.base)
    run: list[Line] = []
    for line in reversed(lines):
        if line.size <= 0.9 * body:
            run.insert(0, line)
        else:
            break
    while run and not _note_label(run[0]):
        run.pop(0)
    if not run:
        return []
    # A footnote has its marker, raised, in the text above it: without one, small lines at a page's
    # foot are a caption or a code listing, and stay in the body.
    in_note = {id(l) for l in run}
    markers = set()
    for line in page.lines:
        if id(line) not in in_note:
            markers |= set(re.findall(r"\d+|[*†‡]", "".join(c.ch if c.sup else " " for c in line.chars)))
    labels = [_note_label(l) for l in run if _note_label(l)]
    if not all(label in markers for label in labels) or len(set(labels)) != len(labels):
        return []
    notes: list[Footnote] = []
    for line in run:
        label = _note_label(line)
        text = line.text()
        if label:
            text = re.sub(rf"^(?:\[\^{re.escape(label)}\]|{re.escape(label)})\s*", "", text)
            notes.append(Footnote(label, text, page.number))
        else:
            notes[-1].text += "\n" + text
        line.note = True
    page.lines = [l for l in page.lines if not l.note]
    return notes


def _note_label(line: Line) -> str | None:
    first = line.chars[0]
    if first.sup:
        digits = ""
        for c in line.chars:
            if not c.sup:
                break
            digits += c.ch
        return digits if digits.isdigit() or digits in ("*", "†", "‡") else None
    m = _FOOTNOTE_LABEL.match(line.text())
    return m.group(1) if m else None


@dataclass
class _Measures:
    body: float
    pitch: float
    left: float
    right: float


def _measures(pages: list[Page], body: float) -> _Measures:
    deltas: Counter = Counter()
    lefts: Counter = Counter()
    rights = []
    for page in pages:
        body_lines = sorted((l for l in page.lines if abs(l.size - body) <= 0.6), key=lambda l: -l.base)
        for a, b in zip(body_lines, body_lines[1:]):
            d = a.base - b.base
            if 0.9 * body <= d <= 2.2 * body:
                deltas[round(d * 2) / 2] += 1
        for l in body_lines:
            lefts[round(l.x0)] += 1
            rights.append(l.x1)
    pitch = deltas.most_common(1)[0][0] if deltas else 1.3 * body
    left = lefts.most_common(1)[0][0] if lefts else 72
    rights.sort()
    right = rights[int(0.95 * (len(rights) - 1))] if rights else 520
    return _Measures(body, pitch, left, right)


def _item_start(line: Line, text: str) -> tuple[str, str] | None:
    """('bullet', rest) or (number, rest) if the line starts a list item."""
    if line.bullet_drawn:
        return "bullet", text
    if text and text[0] in BULLETS and len(text) > 1 and text[1] in " \t" and len(line.chars) > 1:
        # A dash or an asterisk is a bullet only when set apart from its words like one.
        if text[0] in "-–—*" and text[1] != "\t" and line.chars[1].x0 - line.chars[0].x1 < 0.3 * line.size:
            return None
        return "bullet", text[1:].lstrip()
    m = _LIST_NUMBER.match(text)
    if m and not PARAGRAPH_NUMBER.match(text):
        return m.group(1), text[m.end():]
    return None


def _starts_numbered(text: str) -> bool:
    return bool(PARAGRAPH_NUMBER.match(text) or _LIST_NUMBER.match(text))


def _continues(block: list[Line], line: Line, m: _Measures, texts: dict[int, str]) -> bool:
    prev = block[-1]
    gap = prev.base - line.base
    if gap <= 0 or gap > max(m.pitch, 1.15 * prev.size) * 1.28 + 0.5:
        return False
    if prev.bold != line.bold or abs(prev.size - line.size) > 0.12 * max(prev.size, line.size):
        return False
    text, prev_text = texts[id(line)], texts[id(prev)]
    ended = bool(_ENDS_SENTENCE.search(prev_text))
    if _item_start(line, text) and (ended or line.bullet_drawn or text[:1] in BULLETS):
        return False
    if _starts_numbered(text) and ended:
        return False
    if ended and prev.x1 < m.right - 0.12 * (m.right - m.left):
        return False  # the previous line ended its paragraph well short of the margin
    first_text_x = _text_x(block[0], texts[id(block[0])])
    if ended and line.x0 > first_text_x + 12:
        return False  # a first-line indent starts a new paragraph
    if line.x0 < block[0].x0 - 8:
        return False  # text to the left of the paragraph's start: a new block
    return True


def _text_x(line: Line, text: str) -> float:
    """Where a line's words start, after a paragraph number or bullet."""
    m = PARAGRAPH_NUMBER.match(text) or _LIST_NUMBER.match(text)
    skip = len(m.group(1)) if m else (1 if text[:1] in BULLETS else 0)
    # The text's characters carry no spaces, so the number's length in characters is where the words start.
    return line.chars[skip].x0 if skip and len(line.chars) > skip else line.x0


def _make_block(lines: list[Line], texts: dict[int, str], m: _Measures, title_page: bool) -> Block:
    text = "\n".join(texts[id(l)] for l in lines).replace("\t", " ")
    first = lines[0]
    page = first.page
    if title_page:
        return Block(PARAGRAPH, text, page, on_title_page=True)
    size = statistics.median(l.size for l in lines)
    bold = all(l.bold for l in lines)
    big = size >= 1.12 * m.body
    words = len(text.split())
    item = _item_start(first, texts[id(first)])
    # A bold or large short line is a heading even when it starts with a number ("1. Case summary").
    if (bold or big) and (not item or item[0] != "bullet") and words <= 22 and len(lines) <= 3 and not re.search(r"[.,;]$", text.rstrip()):
        number_match = _HEADING_NUMBER.match(text)
        number = number_match.group(1) if number_match else ""
        rest = text[number_match.end():] if number_match else text
        depth = number.rstrip(".").count(".") + 1 if number else 0
        level = (2 if depth == 1 else 3) if number else (2 if size >= 1.25 * m.body else 3)
        return Block(HEADING, rest, page, level=level, number=number)
    if item:
        kind, rest = item
        rest_lines = [rest] + text.split("\n")[1:]
        return Block(ITEM, "\n".join(rest_lines), page, level=0, number="" if kind == "bullet" else kind)
    number_match = PARAGRAPH_NUMBER.match(text)
    if number_match:
        return Block(PARAGRAPH, text[number_match.end():], page, number=number_match.group(1))
    return Block(PARAGRAPH, text, page)


def _item_depths(blocks: list[Block], xs: dict[int, float]) -> None:
    """Nested list items: an item whose marker sits further right than the item before it."""
    stack: list[float] = []
    for b in blocks:
        if b.kind != ITEM:
            stack = []
            continue
        x = xs[id(b)]
        while stack and x < stack[-1] - 4:
            stack.pop()
        if not stack or x > stack[-1] + 8:
            stack.append(x)
        b.level = len(stack) - 1


def _page_blocks(page: Page, m: _Measures, labels: dict[str, str], title_page: bool) -> list[Block]:
    texts = {id(l): l.text(labels) for l in page.lines}
    elements: list = sorted(page.lines + page.tables, key=lambda e: -(e.base if isinstance(e, Line) else e.top))
    blocks: list[Block] = []
    xs: dict[int, float] = {}
    current: list[Line] = []

    def flush():
        if current:
            block = _make_block(current, texts, m, title_page)
            xs[id(block)] = current[0].x0
            blocks.append(block)
            current.clear()

    for element in elements:
        if isinstance(element, Table):
            flush()
            blocks.append(Block(TABLE, page=page.number, rows=element.rows))
            continue
        if current and _continues(current, element, m, texts):
            current.append(element)
        else:
            flush()
            current.append(element)
    flush()
    _item_depths(blocks, xs)
    return blocks


def _title(page: Page, m: _Measures) -> tuple[str, set[int]]:
    """The title: the largest text on the first page, its separate lines joined with ': '."""
    lines = [l for l in page.lines if l.text().strip()]
    if not lines:
        return "", set()
    biggest = max(l.size for l in lines)
    if biggest < 1.15 * m.body and not lines[0].bold:
        return "", set()
    chosen = [l for l in sorted(lines, key=lambda l: -l.base) if l.size >= 0.9 * biggest]
    # Keep the first group of adjacent title lines: a big heading further down is not the title.
    group = [chosen[0]]
    for line in chosen[1:]:
        between = [l for l in lines if group[-1].base > l.base > line.base and l not in chosen]
        if between or group[-1].base - line.base > 4 * line.size:
            break
        group.append(line)
    title = group[0].text()
    for prev, line in zip(group, group[1:]):
        # Lines of one wrapped title sit a line apart; separate title lines sit further.
        wrapped = prev.base - line.base <= 1.35 * line.size or title.endswith(":")
        title += (" " if wrapped else ": ") + line.text()
    return " ".join(title.replace("\t", " ").split()), {id(l) for l in group}


def read_pdf(path: Path) -> Document:
    pdf = _open(path)
    try:
        if len(pdf) == 0:
            raise ReportRefused("this PDF has no pages; download the report again and import the new copy")
        pages = _read_pages(pdf)
    finally:
        pdf.close()
    with_text = sum(p.text_chars >= 20 for p in pages)
    if with_text == 0 or with_text < 0.5 * len(pages):
        raise ReportRefused(NO_TEXT_LAYER)
    doc = Document("PDF", len(pages))
    doc.running_lines_removed = _remove_running_lines(pages)
    doc.contents_pages, doc.contents_entries_removed = _remove_contents(pages)
    body = _body_size(pages)
    # Footnote labels, made unique where a report numbers its notes afresh in each chapter.
    page_labels: dict[int, dict[str, str]] = {}
    used: set[str] = set()
    for page in pages:
        mapping = {}
        for note in _footnotes(page, body):
            unique = note.label if note.label not in used else f"{note.label}-p{page.number}"
            used.add(unique)
            mapping[note.label] = unique
            note.label = unique
            doc.footnotes.append(note)
        page_labels[page.number] = mapping
    first_labels = {}
    for mapping in page_labels.values():
        for label, unique in mapping.items():
            first_labels.setdefault(label, unique)
    m = _measures(pages, body)
    first = next((p for p in pages if p.lines), pages[0])
    doc.title, title_ids = _title(first, m)
    doc.title_page = first.number
    title_words = sum(len(l.text().split()) for l in first.lines if id(l) not in title_ids)
    first.lines = [l for l in first.lines if id(l) not in title_ids]
    for page in pages:
        labels = {**first_labels, **page_labels[page.number]}
        blocks = _page_blocks(page, m, labels, title_page=page is first and title_words < 150)
        if blocks and page.number > 1:
            blocks[0].new_page = True
        doc.blocks += blocks
    return doc
