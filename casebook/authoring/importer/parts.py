"""The review's parts found in the report: its title, learning points and recommendations from their
sections, and the few facts a report states in words a rule can find (review type, publisher,
publication date, incident year). Each fact keeps the page and the words it came from, so the
draft can say where to confirm it; anything not found stays `not-stated`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from casebook.authoring.importer.document import HEADING, ITEM, PARAGRAPH, Block, Document
from casebook.model.vocabulary import Vocabulary

_LEARNING_HEADING = re.compile(r"\b(?:learning|lessons?\s+(?:learn[te]d?|to\s+be\s+learn[te]d?|identified)|findings|key\s+learning)\b", re.IGNORECASE)
_NOT_LEARNING = re.compile(r"\blearning\s+(?:events?|reviews?|sessions?|and\s+improvement\s+framework)\b", re.IGNORECASE)
_RECOMMENDATIONS_HEADING = re.compile(r"\brecommendations?\b", re.IGNORECASE)
# "Relevant services were asked to:", "Relevant Services were therefore asked to:", "Agencies are asked to:"
_ASKED_TO = re.compile(r"\b(?:were|are|is|was|be)\b[^.]{0,30}?\basked\s+to:?\s*$|\bshould:\s*$|\bto:\s*$", re.IGNORECASE)
_RECOMMENDATION_LABEL = re.compile(r"^recommendation\s+(\d{1,2}|[A-Z])\s*[:.\-–]?\s*", re.IGNORECASE)

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_SEASON = r"(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter)"
_YEAR = r"((?:19|20)\d\d)"
_WHEN = rf"((?:(?:early|late|mid)[- ]?)?(?:the\s+)?(?:({_MONTH}|{_SEASON})\s+(?:of\s+)?)?{_YEAR})"
_INCIDENT = [
    re.compile(rf"\bdate\s+of\s+(?:the\s+)?(?:incident|death|serious\s+incident)\s*[:\-–]?\s*{_WHEN}", re.IGNORECASE),
    re.compile(rf"\b(?:the\s+)?(?:serious\s+)?incident\b[^.]{{0,80}}?\b(?:happened|occurred|took\s+place)\b[^.]{{0,20}}?\b(?:in|on|during)\s+{_WHEN}", re.IGNORECASE),
]
_PUBLISHED = re.compile(rf"\b(?:published|publication(?:\s+date)?|date\s+of\s+publication)\s*:?\s*(?:in\s+|on\s+)?(?:\d{{1,2}}\s+)?(?:({_MONTH})\s+)?{_YEAR}\b", re.IGNORECASE)
_DATE_ONLY = re.compile(rf"^\s*(?:({_MONTH})\s+)?{_YEAR}\s*$", re.IGNORECASE)
_NOT_PUBLICATION = re.compile(r"incident|death|died|born|birth|period|between|from\s", re.IGNORECASE)
_PUBLISHER = re.compile(
    r"((?:[A-Z][\w'’&-]*\s+(?:(?:and|of|&)\s+)?){1,6}?(?:Local\s+)?Safeguarding\s+(?:Children(?:'s|’s)?\s+|Adults?\s+|"
    r"Children\s+and\s+Adults\s+)?(?:Partnership|Board)\b|(?:[A-Z][\w'’-]*\s+){1,5}Community\s+Safety\s+Partnership\b)"
)
_PUBLISHER_CUE = re.compile(r"copyright|published\s+by|commissioned\s+by|on\s+behalf\s+of|©", re.IGNORECASE)
_SUBJECT = re.compile(r"\b(Child|Baby|Family|Adult|Young\s+Person|Children|Siblings|Sibling\s+Group)\s+([A-Z]{1,2}\d{0,2})\b")
_ACRONYMS = {"NHS", "UK", "GP", "LSCB", "LSCP", "SCP", "SCR", "MASH", "CSE", "CCE", "DHR", "SAR", "CSPR", "LCSPR",
             "CPR", "APR", "SUSR", "CMR", "ASCP", "SAB"}


@dataclass
class Fact:
    """A fact the report states: the value for the front matter, its page, the words it came from."""

    value: str
    page: int
    words: str


@dataclass
class Point:
    """A learning point or a recommendation, its text exactly as published."""

    text: str
    page: int
    label: str = ""  # its number as printed, if any


@dataclass
class Parts:
    title: str
    title_as_printed: str
    title_page: int
    learning: list[Point] = field(default_factory=list)
    learning_section: str = ""
    recommendations: list[Point] = field(default_factory=list)
    recommendations_section: str = ""
    facts: dict[str, Fact] = field(default_factory=dict)


# -- sections -----------------------------------------------------------------------------------

@dataclass
class Section:
    heading: Block
    blocks: list[Block]

    @property
    def name(self) -> str:
        return self.heading.numbered_text


def sections(blocks: list[Block]) -> list[Section]:
    """Each heading with the blocks up to the next heading of the same or a higher level."""
    out = []
    for i, block in enumerate(blocks):
        if block.kind != HEADING:
            continue
        end = next((j for j in range(i + 1, len(blocks)) if blocks[j].kind == HEADING and blocks[j].level <= block.level), len(blocks))
        out.append(Section(block, blocks[i + 1:end]))
    return out


def _items(blocks: list[Block]) -> list[Point]:
    """The outermost list items; a nested item's words belong to the item above it."""
    points: list[Point] = []
    for b in blocks:
        if b.kind != ITEM:
            continue
        if b.level > 0 and points:
            points[-1].text += " " + b.text
        else:
            points.append(Point(b.text, b.page, b.number))
    return points


def _after_lead(blocks: list[Block]) -> list[Point]:
    """The list that follows "... were asked to:" (or another lead ending in 'to:')."""
    for i, b in enumerate(blocks):
        if b.kind in (PARAGRAPH, HEADING) and _ASKED_TO.search(b.text):
            after = []
            for nxt in blocks[i + 1:]:
                if nxt.kind != ITEM:
                    break
                after.append(nxt)
            if after:
                return _items(after)
    return []


def _points(section_blocks: list[Block], recommendations: bool = False) -> list[Point]:
    """The points of a section: the list after "... were asked to:", else its lists, else its
    'Recommendation N' paragraphs, else its numbered paragraphs, else its subheadings."""
    led = _after_lead(section_blocks)
    if led:
        return led
    listed = _items(section_blocks)
    if listed:
        return listed
    labelled: list[Point] = []
    for i, b in enumerate(section_blocks):
        m = _RECOMMENDATION_LABEL.match(b.text) if b.kind in (PARAGRAPH, HEADING) else None
        if not m:
            continue
        rest = b.text[m.end():].strip()
        if not rest and i + 1 < len(section_blocks) and section_blocks[i + 1].kind == PARAGRAPH:
            rest = section_blocks[i + 1].text
        if rest:
            labelled.append(Point(rest, b.page, m.group(1)))
    if labelled:
        return labelled
    numbered = [Point(b.text, b.page, b.number) for b in section_blocks if b.kind == PARAGRAPH and b.number]
    if numbered and (recommendations or len(numbered) > 1):
        return numbered
    subheadings = [Point(b.text, b.page, b.number) for b in section_blocks if b.kind == HEADING]
    return subheadings


def _find_learning(doc: Document) -> tuple[list[Point], str]:
    for section in sections(doc.blocks):
        text = section.heading.text
        if _LEARNING_HEADING.search(text) and not _NOT_LEARNING.search(text) and not _RECOMMENDATIONS_HEADING.search(text):
            points = _points(section.blocks)
            if points:
                return points, section.name
    # No learning heading: the list after "Relevant services were asked to:" wherever it is.
    points = _after_lead(doc.blocks)
    return (points, 'the list after "... asked to:"') if points else ([], "")


def _find_recommendations(doc: Document) -> tuple[list[Point], str]:
    for section in sections(doc.blocks):
        if _RECOMMENDATIONS_HEADING.search(section.heading.text):
            points = _points(section.blocks, recommendations=True)
            if points:
                return points, section.name
    return [], ""


# -- facts --------------------------------------------------------------------------------------

def calm_capitals(title: str) -> str:
    """'SERIOUS CASE REVIEW REPORT: Family B' as 'Serious Case Review Report: Family B'; acronyms stay."""
    words = title.split(" ")
    shouting = [w for w in words if re.fullmatch(r"[A-Z][A-Z'’&-]{3,}[:,]?", w)]
    if len(shouting) < 2:
        return title
    out = []
    for i, word in enumerate(words):
        core = word.strip(":,;()")
        if core.isupper() and len(core) > 1 and core not in _ACRONYMS and not re.fullmatch(r"[A-Z]\d*", core):
            lower = core.lower()
            new = lower if lower in ("of", "and", "the", "for", "in", "on", "to", "a", "an", "into") and i else lower.capitalize()
            word = word.replace(core, new)
        out.append(word)
    return " ".join(out)


def _review_type(texts: list[tuple[str, int]], vocabulary: Vocabulary) -> Fact | None:
    candidates = []
    for slug, term in vocabulary.review_types.items():
        for phrase in [term.name, *term.synonyms]:
            acronym = phrase.isupper()
            flags = 0 if acronym else re.IGNORECASE
            candidates.append((len(phrase), slug, re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", flags)))
    candidates.sort(key=lambda c: -c[0])
    for text, page in texts:
        for _, slug, pattern in candidates:
            m = pattern.search(text)
            if m:
                return Fact(slug, page, m.group())
    return None


def _publisher(doc: Document) -> Fact | None:
    title_page = [b for b in doc.blocks if b.on_title_page]
    cued = [b for b in doc.blocks if not b.on_title_page and _PUBLISHER_CUE.search(b.text)]
    for block in title_page + cued:
        m = _PUBLISHER.search(block.text)
        if m:
            name = re.sub(r"^(?:The|Copyright|Published|By)\s+", "", m.group(1).strip())
            return Fact(" ".join(name.split()), block.page, m.group(1).strip())
    return None


def _published(doc: Document) -> Fact | None:
    for block in (b for b in doc.blocks if b.on_title_page):
        if _NOT_PUBLICATION.search(block.text):
            continue
        m = _PUBLISHED.search(block.text) or _DATE_ONLY.match(block.text)
        if m:
            month, year = m.group(1), m.group(2)
            value = f"{year}-{_MONTHS.index(month.lower()) + 1:02d}" if month else year
            return Fact(value, block.page, m.group().strip())
    return None


def _incident(doc: Document) -> tuple[Fact | None, Fact | None]:
    """The incident's year (or month), and the words the report uses for it when they say more."""
    searched = [b for b in doc.blocks if b.kind in (PARAGRAPH, HEADING, ITEM)]
    for block in searched[: max(20, len(searched) // 2)]:
        for pattern in _INCIDENT:
            m = pattern.search(block.text)
            if not m:
                continue
            when, season_or_month, year = m.group(1), m.group(2), m.group(3)
            if season_or_month and season_or_month.lower() in _MONTHS:
                value = f"{year}-{_MONTHS.index(season_or_month.lower()) + 1:02d}"
            else:
                value = year
            fact = Fact(value, block.page, m.group().strip())
            note = None
            if season_or_month and season_or_month.lower() not in _MONTHS or re.match(r"(?i)early|late|mid", when):
                words = re.sub(r"^the\s+", "", when, flags=re.IGNORECASE)
                note = Fact(words[0].upper() + words[1:], block.page, m.group().strip())
            return fact, note
    return None, None


def find_parts(doc: Document, vocabulary: Vocabulary) -> Parts:
    parts = Parts(title=calm_capitals(doc.title), title_as_printed=doc.title, title_page=doc.title_page)
    parts.learning, parts.learning_section = _find_learning(doc)
    parts.recommendations, parts.recommendations_section = _find_recommendations(doc)
    title_texts = [(doc.title, doc.title_page)] + [(b.text, b.page) for b in doc.blocks if b.on_title_page]
    facts = parts.facts
    review_type = _review_type(title_texts, vocabulary)
    if review_type:
        facts["review_type"] = review_type
    for key, fact in (("publisher", _publisher(doc)), ("published", _published(doc))):
        if fact:
            facts[key] = fact
    incident, note = _incident(doc)
    if incident:
        facts["incident"] = incident
    if note:
        facts["incident_note"] = note
    subject = _SUBJECT.search(doc.title)
    if subject:
        name = f"{subject.group(1)} {subject.group(2)}"
        facts["subject.name"] = Fact(name, doc.title_page, name)
        facts["subject.naming"] = Fact("letter-or-initial", doc.title_page, name)
    return parts
