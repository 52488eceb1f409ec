"""How a review's facts are shown to readers: the names of nations, outcomes and recommendation
statuses, and the one wording of a fact the review does not give ("Not stated").

The Python pages use these, and so do the templates: hooks/library.py gives this module to the
review page as `labels` ({{ labels.nation(r.nation) }}). A test keeps every choice in the model
labelled here.
"""

from __future__ import annotations

import calendar
import datetime as dt

from casebook.model.fields import NOT_STATED

# A fact the review does not give, shown on its own: in a table cell, a facet, a chart's bar.
NOT_STATED_LABEL = "Not stated"

NATIONS = {
    "england": "England",
    "wales": "Wales",
    "scotland": "Scotland",
    "northern-ireland": "Northern Ireland",
}
OUTCOMES = {"died": "Died", "serious-harm": "Serious harm"}
# Shown inside a sentence ('status: in progress'), so in lower case.
RECOMMENDATION_STATUSES = {"open": "open", "in-progress": "in progress", "complete": "complete", "not-accepted": "not accepted"}


def is_stated(value: object) -> bool:
    """A fact the review gives: neither absent nor `not-stated`."""
    return value is not None and value != NOT_STATED


def shown(value: object) -> str:
    """A value as readers see it, or 'Not stated'."""
    return str(value) if is_stated(value) else NOT_STATED_LABEL


def unstated(what: str) -> str:
    """'publication date not stated': the wording inside a sentence, where a bare 'Not stated'
    after a title would read as if the review itself were not stated."""
    return f"{what} {NOT_STATED_LABEL.lower()}"


def nation(value: str | None) -> str:
    return NATIONS[value] if is_stated(value) else NOT_STATED_LABEL


def outcome(value: str | None) -> str:
    return OUTCOMES[value] if is_stated(value) else NOT_STATED_LABEL


def recommendation_status(value: str | None) -> str:
    return RECOMMENDATION_STATUSES[value] if is_stated(value) else NOT_STATED_LABEL


def status_heading(value: str | None) -> str:
    """A status on its own, in a table cell or a count: 'In progress', 'Not stated'."""
    text = recommendation_status(value)
    return text[:1].upper() + text[1:]


def overdue_note(due: str) -> str:
    """'Overdue: due March 2024, not complete': overdue said in words, never by colour alone."""
    return f"Overdue: due {people_date(due)}, not complete"


def people_date(value: str | dt.date | None) -> str | None:
    """A date as people read it: '2024-03' -> 'March 2024', '2024-03-05' -> '5 March 2024',
    '2024' -> '2024'; None when not stated."""
    if not is_stated(value) or value == "":
        return None
    if isinstance(value, dt.date):
        return f"{value.day} {calendar.month_name[value.month]} {value.year}"
    parts = str(value).split("-")
    if len(parts) == 1:
        return parts[0]
    month = calendar.month_name[int(parts[1])]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def shown_date(value: str | None) -> str:
    """A date in a labelled slot (a metadata panel's "Published"): the date for people, or 'Not stated'."""
    return people_date(value) or NOT_STATED_LABEL


def publication(value: str | None) -> str:
    """The publication date for people, or 'publication date not stated'."""
    return people_date(value) or unstated("publication date")


def published_phrase(value: str | None) -> str:
    """'published March 2021', or 'publication date not stated': for running text after a title."""
    when = people_date(value)
    return f"published {when}" if when else unstated("publication date")
