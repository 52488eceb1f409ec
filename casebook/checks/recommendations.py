"""The rules a review's recommendations keep across their fields: a status has a date, a complete one
its evidence, the dates fall after publication and not in the future, and each id is the review's only one.

Called by the front-matter check (casebook.checks.front_matter) once every field is valid on its
own; the rules are registered there, with the other rules of the front matter.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from casebook.model.fields import COMPLETE, NOT_STATED, default_recommendation_id

# (path in the front matter, field path, message, rule), where a problem points.
Report = Callable[[tuple, tuple, str, str], None]


def _stated(value: Any) -> bool:
    return isinstance(value, str) and value != NOT_STATED


def _before(earlier: str, later: str) -> bool:
    """`earlier` is before `later` at the precision both give: '2021-02-15' is before '2021-03', not '2021'."""
    n = min(len(earlier), len(later))
    return earlier[:n] < later[:n]


def check_recommendations(written: list, checked: list[dict], published: Any, today: dt.date, report: Report,
                          explained: frozenset | set = frozenset()) -> None:
    """`written` is the list as in the file, `checked` its items' valid values; a value that was
    refused on its own, or a key a misspelling already explains (`explained`), is not complained
    of again here."""
    if not isinstance(written, list) or len(written) != len(checked):
        return
    seen: dict[str, int] = {}
    for number, (raw, item) in enumerate(zip(written, checked), 1):
        if not isinstance(raw, dict):
            continue
        here = ("recommendations", number - 1)
        status, updated, due = item.get("status"), item.get("updated"), item.get("due")
        if _stated(status) and "updated" not in raw and here + ("updated",) not in explained:
            report(here + ("status",), here + ("updated",),
                   f"add the date the status last changed on the line below 'status: {status}': "
                   f"updated: \"YYYY-MM-DD\" (or \"YYYY-MM\")", "recommendation-updated-missing")
        if status == COMPLETE and "evidence" not in raw and here + ("evidence",) not in explained:
            report(here + ("status",), here + ("evidence",),
                   "add 'evidence:' saying what was done and where that is reported: a status of complete needs it", "recommendation-evidence-missing")
        if _stated(updated):
            if updated > today.isoformat()[: len(updated)]:
                report(here + ("updated",), here + ("updated",),
                       f"'{updated}' is in the future; give the date the status last changed", "recommendation-updated-future")
            elif _stated(published) and _before(updated, published):
                report(here + ("updated",), here + ("updated",),
                       f"'{updated}' is before the publication date '{published}'; a status changes after the review "
                       "is published: correct one of them", "recommendation-updated-before-published")
        if _stated(due) and _stated(published) and _before(due, published):
            report(here + ("due",), here + ("due",),
                   f"'{due}' is before the publication date '{published}'; correct the due date or the publication date",
                   "recommendation-due-before-published")
        given = item.get("id")
        if "id" in raw and given is None:
            continue  # refused on its own
        ident = given or default_recommendation_id(number)
        first = seen.setdefault(ident.casefold(), number)
        if first != number:
            how = "" if given else " (its id by position, as it gives none)"
            report(here + ("id",) if given else here, here + ("id",),
                   f"give recommendation {number} an id of its own: '{ident}'{how} is already recommendation {first}'s",
                   "recommendation-id-duplicate")
