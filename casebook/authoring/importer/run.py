"""`casebook import REPORT [--slug SLUG] [--force]`: the steps in order, and the report it prints."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from casebook.authoring.importer.document import HEADING, ITEM, PARAGRAPH, TABLE, Document
from casebook.authoring.importer.draft import PointThemes, draft_front_matter
from casebook.authoring.importer.layout import tidy
from casebook.authoring.importer.markdown import body_markdown
from casebook.authoring.importer.parts import Parts, find_parts
from casebook.authoring.importer.refusal import PDF, ReportRefused, report_kind
from casebook.authoring.importer.themes import closest, suggest
from casebook.authoring.template import slugify
from casebook.checks.personal_data import check_personal_data
from casebook.checks.problems import Problem
from casebook.model.fields import PLACEHOLDER
from casebook.model.labels import unstated
from casebook.model.vocabulary import Vocabulary
from casebook.reading.frontmatter import parse_source

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# The facts a report may state, in the order the printed report lists those it did not.
FACTS = ("review_type", "publisher", "published", "incident")


@dataclass
class Imported:
    """What one import did: the draft it wrote and everything the printed report says."""

    report: Path
    draft: Path
    display: str  # the draft's path as the check prints it
    document: Document
    parts: Parts
    learning_themes: list[PointThemes]
    recommendation_themes: list[PointThemes]
    review_themes: list[str]
    personal_data: list[Problem] = field(default_factory=list)
    still_to_do: list[Problem] = field(default_factory=list)  # what `casebook check` lists now


def read_report(report: Path) -> Document:
    """The report's text and structure, whichever format it is in."""
    kind = report_kind(report)
    if kind == PDF:
        from casebook.authoring.importer.pdf import read_pdf

        doc = read_pdf(report)
    else:
        from casebook.authoring.importer.word import read_word

        doc = read_word(report)
    if not any(b.text.strip() or b.rows for b in doc.blocks) and not doc.title:
        raise ReportRefused("the report has no text to import; check it is the report itself, not a cover sheet")
    return tidy(doc)


def _slug_for(parts: Parts, report: Path) -> str:
    name = parts.facts.get("subject.name")
    if name:
        return slugify(name.value)
    if parts.title:
        return slugify(parts.title)
    return slugify(report.stem)


def check_slug(slug: str) -> None:
    if not _SLUG.fullmatch(slug):
        raise ReportRefused(f"--slug {slug!r}: write the slug in lowercase letters, digits and hyphens, e.g. --slug child-q")


def _review_themes(groups: list[PointThemes]) -> list[str]:
    out: list[str] = []
    for group in groups:
        for slug in group.slugs:
            if slug not in out:
                out.append(slug)
    return out


def import_report(report: Path, root: Path, vocabulary: Vocabulary, slug: str | None = None, force: bool = False) -> Imported:
    """Read the report, write the draft into docs/reviews/, and check it; ReportRefused says why not."""
    reviews = root / "docs" / "reviews"
    if slug is not None:
        check_slug(slug)
        _refuse_overwrite(reviews / f"{slug}.md", root, force)
    doc = read_report(report)
    parts = find_parts(doc, vocabulary)
    slug = slug or _slug_for(parts, report)
    target = reviews / f"{slug}.md"
    _refuse_overwrite(target, root, force)

    def themes_of(text: str) -> PointThemes:
        found = suggest(text, vocabulary)
        return PointThemes(found, [] if found else closest(text, vocabulary))

    learning_themes = [themes_of(p.text) for p in parts.learning]
    recommendation_themes = [themes_of(p.text) for p in parts.recommendations]
    review_themes = _review_themes(learning_themes + recommendation_themes)
    everything = " ".join(p.text for p in parts.learning + parts.recommendations) or " ".join(b.text for b in doc.blocks[:60])
    front = draft_front_matter(parts, learning_themes, recommendation_themes, review_themes,
                               closest(everything, vocabulary), report.name, doc.kind, doc.pages)
    text = front + "\n" + body_markdown(doc)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    display = _display(target, root)
    result = Imported(report, target, display, doc, parts, learning_themes, recommendation_themes, review_themes)
    src = parse_source(text.encode("utf-8"), display)
    result.personal_data = check_personal_data(src, vocabulary, None)
    result.still_to_do = _check(target, root, vocabulary)
    return result


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def _refuse_overwrite(target: Path, root: Path, force: bool) -> None:
    if target.exists() and not force:
        raise ReportRefused(f"{_display(target, root)} already exists; choose another name with --slug SLUG, "
                            "or add --force to overwrite it")


def _check(target: Path, root: Path, vocabulary: Vocabulary) -> list[Problem]:
    """What `casebook check` now says about the draft: the person's list of things to do."""
    from casebook.library.collection import load_library

    return load_library([target], vocabulary, root=root).problems


# -- the printed report -------------------------------------------------------------------------

def _count(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {plural or word + 's'}"


def _where(points, section: str) -> str:
    if not points:
        return ""
    pages = sorted({p.page for p in points})
    span = f"page {pages[0]}" if len(pages) == 1 else f"pages {pages[0]}-{pages[-1]}"
    return f', from "{section}" ({span})' if section and not section.startswith("the list") else f" ({span})"


def printed_report(result: Imported) -> str:
    doc, parts = result.document, result.parts
    kinds = {k: sum(b.kind == k for b in doc.blocks) for k in (HEADING, PARAGRAPH, ITEM, TABLE)}
    removed = []
    if doc.contents_pages:
        removed.append("contents on page " + ", ".join(map(str, doc.contents_pages)) + " removed")
    if doc.running_lines_removed:
        removed.append(f"{_count(doc.running_lines_removed, 'running header, footer or page-number line')} removed")
    joins = [f"{_count(doc.joined_across_pages, 'paragraph')} joined across a page break",
             f"{_count(doc.hyphens_repaired, 'hyphenated line end')} repaired"]
    rows = [
        ("report", f"{result.report} ({doc.kind}, {_count(doc.pages, 'page')})"),
        ("draft", result.display),
        ("pages", f"{doc.pages}" + (f" ({'; '.join(removed)})" if removed else "")),
        ("headings", str(kinds[HEADING])),
        ("paragraphs", f"{kinds[PARAGRAPH]} ({'; '.join(joins)})"),
        ("lists, tables", f"{_count(kinds[ITEM], 'list item')}, {_count(kinds[TABLE], 'table')}, {_count(len(doc.footnotes), 'footnote')}"),
        ("title", parts.title or f"not found: write it in place of {PLACEHOLDER}"),
        ("learning points", f"{len(parts.learning)}{_where(parts.learning, parts.learning_section)}"),
        ("recommendations", f"{len(parts.recommendations)}{_where(parts.recommendations, parts.recommendations_section)}"),
    ]
    theme_lines = []
    for label, points in (("learning", result.learning_themes), ("recommendation", result.recommendation_themes)):
        for n, themes in enumerate(points, start=1):
            if themes.slugs:
                theme_lines.append(f"{label} {n}: {', '.join(themes.slugs)}")
            else:
                theme_lines.append(f"{label} {n}: none matched ({PLACEHOLDER}); closest {', '.join(themes.closest)}")
    rows.append(("themes suggested", theme_lines[0] if theme_lines else "none (no learning points or recommendations)"))
    rows += [("", line) for line in theme_lines[1:]]
    filled = [f"{key} {fact.value} (page {fact.page})" for key, fact in parts.facts.items() if key in FACTS or key == "incident_note"]
    rows.append(("facts found", "; ".join(filled) if filled else "none"))
    not_stated = ["nation"] + [k for k in FACTS if k not in parts.facts and k != "review_type"] + ["outcome", "source"]
    rows.append((unstated("facts"), ", ".join(not_stated) + " (written as not-stated; change any the report does state)"))
    if result.personal_data:
        rows.append(("personal data", _count(len(result.personal_data), "finding") + " (nothing was removed: fix each)"))
        rows += [("", str(p)) for p in result.personal_data]
    else:
        rows.append(("personal data", "none found by the anonymisation check (still read the body yourself)"))
    unconfirmed = sum(p.rule == "import-unconfirmed" for p in result.still_to_do)
    fill_in = sum(p.rule == "field-placeholder" for p in result.still_to_do)
    other = len(result.still_to_do) - unconfirmed - fill_in
    todo = [_count(unconfirmed, "value") + " to confirm", _count(fill_in, f"{PLACEHOLDER}", f"{PLACEHOLDER}s") + " to replace"]
    if other:
        todo.append(_count(other, "other problem"))
    rows.append(("next step", f"edit {result.display}: write the summary, check each '# CONFIRM:' value against the report "
                              "and delete its line, replace each FILL-IN"))
    rows.append(("", f"then run: casebook check {result.display}   (it lists exactly what is left: now {', '.join(todo)})"))
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows)
