"""Reading a Word document (.docx) with python-docx: paragraphs with their styles, list numbers
worked out from the numbering definitions, tables, footnotes, and the pages its breaks make.

python-docx reads styles and numbering properties but never computes the number a list shows
("3.1.2", "b)"), so the counters are kept here the way Word keeps them: one set per abstract
list, a level's counter restarting when a higher level moves on, start values and overrides
honoured.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from casebook.authoring.importer.document import (CONTENTS_ENTRY, HEADING, ITEM, PARAGRAPH, PARAGRAPH_NUMBER, TABLE, Block,
                                                   Document, Footnote)
from casebook.authoring.importer.refusal import ReportRefused

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(?:heading|überschrift|titre)\s*(\d)$", re.IGNORECASE)
_CONTENTS_STYLE = re.compile(r"^(?:toc|contents)\s*\d*$|^toc heading$", re.IGNORECASE)
_CONTENTS_TITLE = re.compile(r"^(?:table of )?contents?$", re.IGNORECASE)
_TYPED_BULLET = re.compile(r"^[•●▪■◦○·\uf0b7\uf0a7-]\s+")
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    # Word's lowerLetter: a..z, then aa..zz.
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter",):
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: the level whose change restarts this one


@dataclass
class Numbering:
    """The document's list definitions and the counters that give each paragraph its number."""

    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId -> (abstractNumId, start overrides)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)  # numIds whose overrides have been applied

    @classmethod
    def read(cls, document) -> "Numbering":
        out = cls()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return out
        style_links: dict[str, str] = {}
        for abstract in root.iter(f"{W}abstractNum"):
            aid = abstract.get(f"{W}abstractNumId")
            levels: dict[int, _Level] = {}
            for lvl in abstract.iter(f"{W}lvl"):
                level = _Level()
                for tag, attr in (("start", "start"), ("numFmt", "fmt"), ("lvlText", "text"), ("lvlRestart", "restart")):
                    el = lvl.find(f"{W}{tag}")
                    if el is not None and el.get(f"{W}val") is not None:
                        value = el.get(f"{W}val")
                        setattr(level, attr, int(value) if attr in ("start", "restart") else value)
                levels[int(lvl.get(f"{W}ilvl", "0"))] = level
            link = abstract.find(f"{W}numStyleLink")
            if link is not None:
                style_links[aid] = link.get(f"{W}val")
            out.abstract[aid] = levels
        for num in root.iter(f"{W}num"):
            nid = num.get(f"{W}numId")
            aid_el = num.find(f"{W}abstractNumId")
            if aid_el is None:
                continue
            overrides = {}
            for override in num.iter(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                if start is not None:
                    overrides[int(override.get(f"{W}ilvl", "0"))] = int(start.get(f"{W}val"))
            out.nums[nid] = (aid_el.get(f"{W}val"), overrides)
        # A list defined by a numbering style ('numStyleLink') takes its levels from the list that style names.
        for aid, style_id in style_links.items():
            try:
                style = document.styles.element.get_by_id(style_id)
                num_id = style.pPr.numPr.numId.val
                target = out.nums.get(str(num_id))
                if target and target[0] in out.abstract and out.abstract[target[0]]:
                    out.abstract[aid] = out.abstract[target[0]]
            except AttributeError:
                continue
        return out

    def number(self, num_id: str, ilvl: int) -> tuple[str, bool] | None:
        """The number the next paragraph of this list shows at this level, and whether it is a bullet."""
        if num_id not in self.nums:
            return None
        aid, overrides = self.nums[num_id]
        levels = self.abstract.get(aid, {})
        level = levels.get(ilvl, _Level())
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in overrides.items():
                counters[lvl] = start - 1
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels.get(deeper, _Level()).restart
            if restart is None or restart == 0 or restart - 1 >= ilvl:
                del counters[deeper]
        if level.fmt == "bullet":
            return "", True
        def fill(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            lvl = levels.get(k, _Level())
            value = counters.get(k, lvl.start)
            return _format(value, "decimal" if k != ilvl and lvl.fmt == "bullet" else lvl.fmt)
        return re.sub(r"%(\d)", fill, level.text).strip(), False


class _Styles:
    """Each paragraph style with the styles it is based on, looked up once per style: python-docx
    finds a style by scanning every style, which on a 60-page report was most of the reading."""

    def __init__(self, document):
        from docx.enum.style import WD_STYLE_TYPE

        self.by_id = {s.style_id: s for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}
        self.default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self.chains: dict[str | None, list] = {}

    def chain(self, paragraph) -> list:
        p_pr = paragraph._p.pPr
        style_id = p_pr.pStyle.val if p_pr is not None and p_pr.pStyle is not None else None
        if style_id not in self.chains:
            style = self.by_id.get(style_id, self.default) if style_id else self.default
            chain, seen = [], set()
            while style is not None and style.style_id not in seen:
                chain.append(style)
                seen.add(style.style_id)
                based_on = style.element.basedOn
                style = self.by_id.get(based_on.val) if based_on is not None else None
            self.chains[style_id] = chain
        return self.chains[style_id]


def _numbering_of(paragraph, chain: list) -> tuple[str, int] | None:
    """(numId, level) from the paragraph, or from its style or the styles it is based on."""
    p_pr = paragraph._p.pPr
    num_pr = p_pr.numPr if p_pr is not None else None
    num_id = ilvl = None
    if num_pr is not None:
        num_id = num_pr.numId.val if num_pr.numId is not None else None
        ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else None
    if num_id is None:
        for style in chain:
            s_pr = style.element.pPr
            if s_pr is not None and s_pr.numPr is not None and s_pr.numPr.numId is not None:
                num_id = s_pr.numPr.numId.val
                if ilvl is None and s_pr.numPr.ilvl is not None:
                    ilvl = s_pr.numPr.ilvl.val
                break
    if num_id is None or str(num_id) == "0":
        return None
    return str(num_id), int(ilvl or 0)


def _heading_level(paragraph, chain: list) -> int | None:
    """1 for 'Heading 1' (or an outline level 0), 2 for deeper headings; None for body text."""
    for style in chain:
        m = _HEADING_STYLE.match(style.name or "")
        if m:
            return 1 if m.group(1) == "1" else 2
    p_pr = paragraph._p.pPr
    outline = p_pr.find(f"{W}outlineLvl") if p_pr is not None else None
    if outline is not None and outline.get(f"{W}val", "9").isdigit() and int(outline.get(f"{W}val")) < 9:
        return 1 if outline.get(f"{W}val") == "0" else 2
    return None


@dataclass
class _Walk:
    """What reading a paragraph's runs found besides its text."""

    text: str = ""
    page_breaks_before: int = 0  # page breaks met before any text
    page_breaks_after: int = 0  # page breaks met after the text started
    rendered_breaks: int = 0  # where Word last broke the pages (w:lastRenderedPageBreak)
    bold: bool = False
    size: float = 0.0


def _walk(p, footnote_numbers: dict[str, str]) -> _Walk:
    """A paragraph's visible text: runs, tabs, breaks and footnote markers; deleted text and field codes left out."""
    out = _Walk()
    parts: list[str] = []
    in_field_code = 0
    bold_chars = chars = 0
    sizes: list[float] = []

    def note_break():
        if "".join(parts).strip():
            out.page_breaks_after += 1
            parts.append("\n\f")
        else:
            out.page_breaks_before += 1

    for el in p.iter():
        tag = el.tag
        if tag == f"{W}fldChar":
            kind = el.get(f"{W}fldCharType")
            if kind == "begin":
                in_field_code += 1
            elif kind in ("separate", "end") and in_field_code:
                in_field_code -= 1
        elif tag == f"{W}t" and not in_field_code:
            if _ancestor(el, _SKIPPED):
                continue
            parts.append(el.text or "")
            run = el.getparent()
            length = len(el.text or "")
            chars += length
            if _run_bold(run):
                bold_chars += length
            size = _run_size(run)
            if size:
                sizes.append(size)
        elif tag == f"{W}tab" and el.getparent().tag == f"{W}r" and not in_field_code:
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            if el.get(f"{W}type") == "page":
                note_break()
            elif el.get(f"{W}type") != "column":
                parts.append("\n")
        elif tag == f"{W}lastRenderedPageBreak":
            out.rendered_breaks += 1
        elif tag == f"{W}footnoteReference" or tag == f"{W}endnoteReference":
            label = footnote_numbers.get(("e" if "endnote" in tag else "f") + el.get(f"{W}id", ""))
            if label:
                parts.append(f"[^{label}]")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{W}softHyphen":
            parts.append("\u00ad")
    out.text = "".join(parts).replace("\u00ad", "")
    out.bold = chars > 0 and bold_chars >= 0.8 * chars
    out.size = max(sizes) if sizes else 0.0
    return out


# Text a reader does not see: tracked deletions and moves, and the copy of a text box Word keeps
# for older readers (mc:Fallback repeats what mc:Choice shows).
_SKIPPED = {f"{W}del", f"{W}moveFrom", "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}


def _ancestor(el, tags: set[str]) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _run_bold(run) -> bool:
    r_pr = run.find(f"{W}rPr") if run is not None else None
    b = r_pr.find(f"{W}b") if r_pr is not None else None
    return b is not None and b.get(f"{W}val", "true") not in ("0", "false", "off")


def _run_size(run) -> float:
    r_pr = run.find(f"{W}rPr") if run is not None else None
    sz = r_pr.find(f"{W}sz") if r_pr is not None else None
    return int(sz.get(f"{W}val")) / 2 if sz is not None and (sz.get(f"{W}val") or "").isdigit() else 0.0


def _style_bold_size(chain: list) -> tuple[bool, float]:
    bold, size = None, 0.0
    for style in chain:
        font = style.font
        if bold is None and font.bold is not None:
            bold = font.bold
        if not size and font.size is not None:
            size = font.size.pt
    return bool(bold), size


def _notes(document) -> dict[str, str]:
    """Footnotes and endnotes: their text by id, numbered later in the order the body refers to them."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    texts: dict[str, str] = {}
    for rel in document.part.rels.values():
        if rel.reltype not in (RT.FOOTNOTES, RT.ENDNOTES) or rel.is_external:
            continue
        prefix = "e" if rel.reltype == RT.ENDNOTES else "f"
        root = etree.fromstring(rel.target_part.blob)
        for note in root:
            if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            paragraphs = []
            for p in note.iter(f"{W}p"):
                paragraphs.append("".join(t.text or "" for t in p.iter(f"{W}t")).strip())
            texts[prefix + note.get(f"{W}id", "")] = " ".join(t for t in paragraphs if t)
    return texts


def _reference_order(body) -> list[str]:
    out = []
    for el in body.iter(f"{W}footnoteReference", f"{W}endnoteReference"):
        key = ("e" if "endnote" in el.tag else "f") + el.get(f"{W}id", "")
        if key not in out:
            out.append(key)
    return out


def _open(path: Path):
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(path) as z:
            bad = z.testzip()
            if bad is not None:
                raise zipfile.BadZipFile(bad)
        return docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError, EOFError):
        raise ReportRefused("this Word document is damaged and cannot be read; open it in Word and save it again "
                            "(or save it as PDF), then import that copy") from None
    except Exception as exc:  # lxml's XMLSyntaxError and the like: the package opened but its XML is broken
        if type(exc).__name__ in ("XMLSyntaxError", "ParseError", "InvalidXmlError"):
            raise ReportRefused("this Word document is damaged and cannot be read; open it in Word and save it again "
                                "(or save it as PDF), then import that copy") from None
        raise


def read_word(path: Path) -> Document:
    document = _open(path)
    body = document.element.body
    note_texts = _notes(document)
    labels = {key: str(n) for n, key in enumerate((k for k in _reference_order(body) if k in note_texts), start=1)}
    numbering = Numbering.read(document)
    styles = _Styles(document)
    doc = Document("Word", 1)
    page = 1
    explicit_breaks = 0
    rendered = 0
    # Word records where it last broke the pages; where it did, those are the pages a reader saw.
    # Without them (a file no word processor has laid out) only the explicit page breaks count.
    word_laid_out = body.find(f".//{W}lastRenderedPageBreak") is not None
    in_contents = False
    title_parts: list[str] = []
    seen_text = False
    pending_new_page = False

    for item in document.iter_inner_content():
        if item.__class__.__name__ == "Table":
            rows = _table_rows(item)
            rendered += sum(1 for _ in item._tbl.iter(f"{W}lastRenderedPageBreak"))
            if rows:
                doc.blocks.append(Block(TABLE, page=rendered + 1 if word_laid_out else page, rows=rows, new_page=pending_new_page))
                pending_new_page = False
                in_contents = False
            continue
        paragraph = item
        walk = _walk(paragraph._p, labels)
        chain = styles.chain(paragraph)
        break_before = paragraph.paragraph_format.page_break_before or any(
            s.paragraph_format.page_break_before for s in chain)
        breaks_before = walk.page_breaks_before + (1 if break_before else 0)
        rendered += walk.rendered_breaks
        if breaks_before and seen_text:
            page += breaks_before
            explicit_breaks += breaks_before
            pending_new_page = True
        style_name = chain[0].name if chain else ""
        pieces = walk.text.split("\n\f")
        for k, piece in enumerate(pieces):
            if k:
                page += 1
                explicit_breaks += 1
                pending_new_page = True
            text = piece.strip(" ")
            if not text.strip():
                continue
            seen_text = True
            shown = rendered + 1 if word_laid_out else page
            block = _paragraph_block(paragraph, chain, text, style_name, walk, numbering, k == 0, shown)
            if block is None:
                continue
            if block == "contents-title":
                in_contents = True
                doc.contents_entries_removed += 1
                if shown not in doc.contents_pages:
                    doc.contents_pages.append(shown)
                continue
            if block == "title":
                if shown <= 2 and not any(b.kind == HEADING for b in doc.blocks):
                    title_parts.append(" ".join(text.split()))
                    doc.title_page = shown
                    continue
                block = Block(HEADING, _clean(text), shown, level=2)  # a 'Title' paragraph further in
            if _CONTENTS_STYLE.match(style_name) or (in_contents and CONTENTS_ENTRY.search(text)):
                doc.contents_entries_removed += 1
                if shown not in doc.contents_pages:
                    doc.contents_pages.append(shown)
                continue
            in_contents = False
            block.new_page = pending_new_page
            pending_new_page = False
            doc.blocks.append(block)
    doc.pages = rendered + 1 if word_laid_out else page
    doc.title = ": ".join(title_parts)
    if not doc.title:
        doc.title = _title_from_first_page(doc)
    # The title page's other lines (the partnership, the date) are facts to look for, never headings.
    first_page = [b for b in doc.blocks if b.page == doc.title_page]
    if (explicit_breaks or word_laid_out) and sum(len(b.text.split()) for b in first_page) < 150:
        for b in first_page:
            b.on_title_page = True
            b.kind, b.level = PARAGRAPH, 2
            b.text = b.numbered_text
            b.number = ""
    for key, label in labels.items():
        doc.footnotes.append(Footnote(label, note_texts[key], 0))
    if not doc.blocks and not doc.title:
        raise ReportRefused("this Word document has no text; check it is the report itself, not a cover sheet or a scan")
    return doc


def _title_from_first_page(doc: Document) -> str:
    """Without a Title style: the first page's headings, or its first heading anywhere."""
    first = [b for b in doc.blocks if b.page == doc.blocks[0].page and b.kind == HEADING] if doc.blocks else []
    if first:
        doc.blocks.remove(first[0])
        return first[0].text
    return ""


def _paragraph_block(paragraph, chain: list, text: str, style_name: str, walk: _Walk, numbering: Numbering,
                     first_piece: bool, page: int):
    if style_name.lower() in ("title", "subtitle") and not _HEADING_STYLE.match(style_name):
        return "title"
    numbered = _numbering_of(paragraph, chain)
    if _CONTENTS_TITLE.match(text.strip()) and not numbered:
        return "contents-title"
    level = _heading_level(paragraph, chain)
    number, bullet = "", False
    numbered = numbered if first_piece else None
    if numbered:
        result = numbering.number(*numbered)
        if result:
            number, bullet = result
    style_bold, style_size = _style_bold_size(chain)
    bold = walk.bold or style_bold
    words = len(text.split())
    if level is None and bold and words <= 15 and not numbered and not re.search(r"[.,;:]$", text.rstrip()) and "\n" not in text.strip():
        level = 1 if (walk.size or style_size) >= 14 else 2
    if level is not None and words <= 30:
        typed = re.match(r"^(\d{1,2}(?:\.\d{1,2}){0,3}\.?)[ \t]+(?=\S)", text)
        if not number and typed:
            number, text = typed.group(1), text[typed.end():]
        depth = number.rstrip(".").count(".") + 1 if number else level
        md_level = 2 if (depth == 1 if number else level == 1) else 3
        return Block(HEADING, _clean(text), page, level=md_level, number=number)
    if numbered and bullet:
        return Block(ITEM, _clean(text), page, level=numbered[1], number="")
    if numbered and number:
        if "." in number.rstrip(".") :
            return Block(PARAGRAPH, _clean(text), page, number=number)
        return Block(ITEM, _clean(text), page, level=numbered[1], number=number)
    typed = PARAGRAPH_NUMBER.match(text)
    if typed:
        return Block(PARAGRAPH, _clean(text[typed.end():]), page, number=typed.group(1))
    if _TYPED_BULLET.match(text) or style_name.lower().startswith("list bullet"):
        return Block(ITEM, _clean(_TYPED_BULLET.sub("", text)), page, level=0)
    return Block(PARAGRAPH, _clean(text), page)


def _clean(text: str) -> str:
    """Tabs are layout; line breaks stay (as '\\n') until the layout step joins the lines."""
    text = text.replace("\t", " ")
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip("\n")


def _table_rows(table) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells = []
        previous = None
        for cell in row.cells:
            if previous is not None and cell._tc is previous:
                continue  # a merged cell python-docx repeats
            previous = cell._tc
            text = " ".join(" ".join(p.text.split()) for p in cell.paragraphs if p.text.strip())
            cells.append(text)
        if any(cells):
            rows.append(cells)
    return rows
