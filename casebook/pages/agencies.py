"""The Markdown of /agencies/ and /agencies/<slug>/ (with its briefing): the learning and the
recommendations addressed to each agency (`for`, `owner`), grouped by theme.

As on theme pages, the long repeated part (every point quoted) is one ready-made HTML block per
theme with relative URLs, set aside from Markdown by the adapter (casebook.pages.themes.set_aside_blocks);
the headings stay Markdown so that they are in the page's contents. Contributor text is escaped.
"""

from __future__ import annotations

import html

from casebook.library.actions import is_overdue, status_of
from casebook.library.agencies import AgencyIndex
from casebook.library.collection import Library
from casebook.model import labels
from casebook.model.fields import RECOMMENDATION_STATUS
from casebook.pages.themes import md_text
from casebook.reading.review import LearningPoint
from casebook.model.vocabulary import Vocabulary

# An agency page is served at /agencies/<slug>/: the site root is two folders up.
_ROOT = "../../"
BRIEFING_LEARNING = 8


def _h(text: str) -> str:
    return html.escape(" ".join(str(text).split()), quote=True)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _counts(agency: AgencyIndex) -> str:
    parts = [_plural(len(agency.learning), "learning point")]
    if agency.recommendations:
        parts.append(_plural(len(agency.recommendations), "recommendation"))
    return " and ".join(parts) + f" from {_plural(agency.review_count, 'review')}"


def agencies_index(library: Library) -> str:
    vocabulary = library.vocabulary
    out = [
        "# Agencies",
        "",
        "The learning and recommendations that reviews address to each agency or service, gathered "
        "across the library, so that a team can read what is asked of it.",
        "",
    ]
    for slug, term in vocabulary.agencies.items():
        agency = library.agencies[slug]
        if agency.addressed_count:
            out.append(f"- [{md_text(term.name)}]({slug}.md): {_counts(agency)}")
        else:
            out.append(f"- {md_text(term.name)}: nothing addressed yet")
    return "\n".join(out) + "\n"


def _point_html(lp: LearningPoint) -> str:
    review = lp.review
    href = _h(f"{_ROOT}{review.url}#{lp.anchor}")
    return (f'<li><p class="cb-point">{_h(lp.text)}</p>'
            f'<p class="cb-point-from"><a href="{href}">{_h(review.title)}, learning point {lp.number}</a>'
            f" ({_h(labels.published_phrase(review.published))})</p></li>")


def agency_page(library: Library, slug: str) -> str:
    vocabulary = library.vocabulary
    term, agency = vocabulary.agencies[slug], library.agencies[slug]
    out = [f"# {md_text(term.name)}", ""]
    if term.synonyms:
        out += ["Also called: " + ", ".join(md_text(s) for s in term.synonyms), ""]
    if not agency.addressed_count:
        out += ["Nothing in the library is addressed to this agency yet. [All agencies](index.md)", ""]
        return "\n".join(out)
    out += [
        f"Addressed to it: {_counts(agency)}. Each point links to its place in the review.",
        "",
        f"[A printable 7-minute briefing for {md_text(term.name)}]({slug}/briefing.md)",
        "",
        "## Learning addressed to it { #learning }",
        "",
    ]
    if not agency.learning:
        out += ["No learning point is addressed to this agency yet.", ""]
    for theme, points in agency.learning_by_theme(vocabulary):
        out += [f"### {md_text(vocabulary.themes[theme].name)} {{ #theme-{theme} }}", "",
                f"{_plural(len(points), 'learning point')}; [the theme page](../themes/{theme}.md)", ""]
        out += ['<div class="cb-learning-by-review">', '<ul class="cb-addressed">',
                *(_point_html(lp) for lp in points), "</ul>", "</div>", ""]
    if agency.recommendations:
        out += ["## Recommendations addressed to it { #recommendations }", "", _status_counts(library, agency), ""]
        out += ['<div class="cb-learning-by-review">', '<ul class="cb-addressed">']
        for item in agency.recommendations:
            out.append(_recommendation_html(library, slug, item.review, item.recommendation))
        out += ["</ul>", "</div>", ""]
    return "\n".join(out)


def _status_counts(library: Library, agency: AgencyIndex) -> str:
    """'By status: 2 open, 1 complete. 1 overdue on 1 June 2025.' over the agency's recommendations."""
    on = library.actions.on
    statuses = [status_of(item.recommendation) for item in agency.recommendations]
    parts = [f"{statuses.count(s)} {labels.recommendation_status(s).lower()}" for s in RECOMMENDATION_STATUS if s in statuses]
    overdue = sum(is_overdue(item.recommendation, on) for item in agency.recommendations)
    return (f"By status: {', '.join(parts)}. {overdue} overdue on {labels.people_date(on)} (the date this page was built). "
            "Every recommendation in the library is on [Actions](../actions/index.md).")


def _recommendation_html(library: Library, slug: str, review, rec) -> str:
    on = library.actions.on
    role = "owned by it" if rec.fields.get("owner") == slug else "addressed to it"
    facts = [role, f"status: {_h(status_phrase(status_of(rec)))}"]
    if labels.is_stated(rec.fields.get("due")):
        facts.append(f"due {_h(labels.people_date(rec.fields['due']))}")
    if labels.is_stated(rec.fields.get("updated")):
        facts.append(f"last update {_h(labels.people_date(rec.fields['updated']))}")
    overdue = (f'<p class="cb-overdue"><strong>{_h(labels.overdue_note(rec.fields["due"]))}.</strong></p>'
               if is_overdue(rec, on) else "")
    return (f'<li><p class="cb-point">{_h(rec.text)}</p><p class="cb-point-from">'
            f'<a href="{_h(_ROOT + review.url + "#" + rec.anchor)}">{_h(review.title)}, recommendation '
            f'{_h(rec.id)}</a> ({"; ".join(facts)})</p>{overdue}</li>')


def status_phrase(status: str) -> str:
    return labels.recommendation_status(status).lower()


_FRONT = "---\ntemplate: briefing.html\nhide:\n  - navigation\n  - toc\n---\n\n"


def _absolute(site_url: str | None, path: str) -> str:
    return (site_url.rstrip("/") + "/" + path) if site_url else "/" + path


def agency_briefing(library: Library, slug: str, site_url: str | None = None) -> str:
    """/agencies/<slug>/briefing/: the newest learning addressed to the agency, questions, where to read more."""
    vocabulary = library.vocabulary
    term, agency = vocabulary.agencies[slug], library.agencies[slug]
    out = [_FRONT + f"# 7-minute briefing: learning for {md_text(term.name)}", "",
           f"Across the library: {_counts(agency)}.", "", "## Key learning { #learning }", ""]
    quoted = agency.learning[:BRIEFING_LEARNING]
    for lp in quoted:
        out.append(f"- {md_text(lp.text)} ([{md_text(lp.review.title)}, learning point {lp.number}]"
                   f"(../../reviews/{lp.review.slug}.md#{lp.anchor}))")
    if len(agency.learning) > len(quoted):
        out.append(f"- and {_plural(len(agency.learning) - len(quoted), 'more learning point')} on the agency page.")
    if not quoted:
        out.append("No learning point is addressed to this agency yet; its recommendations are on the agency page.")
    themes: list[str] = []
    for lp in quoted:
        themes += [t for t in lp.themes if t not in themes]
    questions = [(q, vocabulary.themes[t].name) for t in themes for q in vocabulary.themes[t].questions][:6]
    out += ["", "## Questions for reflection { #questions }", ""]
    out += [f"- {md_text(q)} *({md_text(name)})*" for q, name in questions] or [
        "- What in this learning applies to your own service, and what will you change?"]
    out += ["", "## Why it matters { #why-it-matters }", ""]
    out += [f"- **{md_text(vocabulary.themes[t].name)}**: {md_text(vocabulary.themes[t].definition)}" for t in themes[:4]]
    out += ["", "## Where to read more { #read-more }", "",
            f"- [Everything addressed to {md_text(term.name)}](../{slug}.md): {md_text(_absolute(site_url, f'agencies/{slug}/'))}", ""]
    return "\n".join(out)
