"""/actions/: every recommendation across the reviews, who owns it, its status, when it is due and
when it last changed, with counts by status and by owner, and which are overdue on the build's date.

Complete without JavaScript: the counts and the table are the whole page. The script
(docs/javascripts/actions-table.js) shows the filter form the page carries hidden, and filters the
rows by the data- attributes each row carries (status, owner, publisher, overdue). Links are relative
to /actions/. Contributor text is escaped.
"""

from __future__ import annotations

from html import escape

from casebook.library.actions import Tracked
from casebook.library.collection import Library
from casebook.model import labels
from casebook.model.fields import NOT_STATED
from casebook.pages.themes import md_text

_ROOT = "../"


def _e(text: object) -> str:
    return escape(" ".join(str(text).split()), quote=True)


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word if n == 1 else word + 's'}"


def _publisher(t: Tracked) -> str:
    return t.review.publisher if labels.is_stated(t.review.publisher) else NOT_STATED


def _row(library: Library, t: Tracked) -> str:
    rec, review = t.recommendation, t.review
    agencies = library.vocabulary.agencies
    owner = (f'<a href="{_ROOT}agencies/{t.owner}/">{_e(agencies[t.owner].name)}</a>' if t.owner
             else labels.NOT_STATED_LABEL)
    due = _e(labels.shown_date(rec.fields.get("due")))
    if t.overdue:
        due += ' <strong class="cb-overdue">(overdue)</strong>'
    data = {"status": t.status, "owner": t.owner or NOT_STATED, "publisher": _publisher(t),
            "overdue": "yes" if t.overdue else "no"}
    attributes = "".join(f' data-{key}="{_e(value)}"' for key, value in data.items())
    return (
        f"<tr{attributes}>"
        f'<td><a href="{_ROOT}{review.url}#{_e(rec.anchor)}">{_e(rec.id)}</a> {_e(rec.text)}</td>'
        f'<td><a href="{_ROOT}{review.url}">{_e(review.title)}</a></td>'
        f"<td>{owner}</td>"
        f"<td>{_e(labels.status_heading(t.status))}</td>"
        f"<td>{due}</td>"
        f"<td>{_e(labels.shown_date(rec.fields.get('updated')))}</td></tr>"
    )


def _select(key: str, label: str, options: list[tuple[str, str]]) -> str:
    out = [f'<div class="cb-filter"><label for="cb-actions-{key}">{_e(label)}</label>',
           f'<select id="cb-actions-{key}" data-filter="{key}"><option value="">Any</option>']
    out += [f'<option value="{_e(value)}">{_e(text)}</option>' for value, text in options]
    out.append("</select></div>")
    return "".join(out)


def _filters(library: Library) -> str:
    """The filter form, hidden until the script runs: without it there is nothing to filter with."""
    actions, agencies = library.actions, library.vocabulary.agencies
    statuses = [(status, labels.status_heading(status)) for status, n in actions.by_status() if n]
    owners = [(owner or NOT_STATED, agencies[owner].name if owner else labels.NOT_STATED_LABEL)
              for owner, _, _ in actions.by_owner(list(agencies))]
    publishers = sorted({_publisher(t) for t in actions.items}, key=lambda p: (p == NOT_STATED, p.lower()))
    return "\n".join([
        '<form class="cb-table-filters" data-cb-actions-filters hidden aria-label="Filter the recommendations">',
        _select("status", "Status", statuses),
        _select("owner", "Owner", owners),
        _select("publisher", "Publisher", [(p, labels.shown(p)) for p in publishers]),
        '<div class="cb-filter cb-filter--check"><input type="checkbox" id="cb-actions-overdue" data-filter-overdue>'
        ' <label for="cb-actions-overdue">Overdue only</label></div>',
        '<div class="cb-filter"><button type="reset" class="md-button">Clear filters</button></div>',
        "</form>",
    ])


def actions_page(library: Library) -> str:
    actions, agencies = library.actions, library.vocabulary.agencies
    on = labels.people_date(actions.on)
    total = len(actions.items)
    out = [
        "# Actions",
        "",
        "What became of the reviews' recommendations: every one in the library, the agency that owns it, "
        "how far it has got, when it is due and when its status last changed, as the review files record it. "
        "Each links to its place in its review.",
        "",
        f"A recommendation is **overdue** when its due date has passed and it is not complete. Overdue here is "
        f"worked out on **{on}**, the date this page was built. A status is only as recent as its last update.",
        "",
    ]
    if not total:
        out += ["No review in the library makes a recommendation yet.", ""]
        return "\n".join(out)
    out += [
        f"The library holds {_plural(total, 'recommendation')} from {_plural(actions.review_count, 'review')}; "
        f"{actions.overdue_count:,} overdue.",
        "",
        "## By status { #by-status }",
        "",
        "| Status | Recommendations |",
        "| --- | ---: |",
        *(f"| {md_text(labels.status_heading(status))} | {n:,} |" for status, n in actions.by_status()),
        "",
        "## By owner { #by-owner }",
        "",
        "| Owner | Recommendations | Overdue |",
        "| --- | ---: | ---: |",
    ]
    for owner, n, overdue in actions.by_owner(list(agencies)):
        name = f"[{md_text(agencies[owner].name)}](../agencies/{owner}.md)" if owner else labels.NOT_STATED_LABEL
        out.append(f"| {name} | {n:,} | {overdue:,} |")
    out += [
        "",
        "## Every recommendation { #recommendations }",
        "",
        _filters(library),
        f'<p class="cb-table-count" role="status" data-cb-actions-count data-total="{total}">'
        f"{_plural(total, 'recommendation')}, newest review first.</p>",
        "<table data-cb-actions>",
        '<thead><tr><th scope="col">Recommendation</th><th scope="col">Review</th><th scope="col">Owner</th>'
        '<th scope="col">Status</th><th scope="col">Due</th><th scope="col">Last update</th></tr></thead>',
        "<tbody>",
        *(_row(library, t) for t in actions.items),
        "</tbody>",
        "</table>",
        '<script src="../javascripts/actions-table.js" defer></script>',
        "",
    ]
    return "\n".join(out)
