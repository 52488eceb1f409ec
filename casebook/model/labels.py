"""How a review's facts are shown to readers: the names of nations, outcomes and recommendation
statuses, and the one wording of a fact the review does not give ("Not stated").

The Python pages use these, and so do the templates: hooks/library.py gives this module to the
review page as `labels` ({{ labels.nation(r.nation) }}). A test keeps every choice in the model
labelled here.
"""

from __future__ import annotations

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
RECOMMENDATION_STATUSES = {"open": "open", "in-progress": "in progress", "complete": "complete"}


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


def publication(value: str | None) -> str:
    """The publication date, or 'publication date not stated'."""
    return str(value) if is_stated(value) else unstated("publication date")


def published_phrase(value: str | None) -> str:
    """'published 2021-03', or 'publication date not stated'."""
    return f"published {value}" if is_stated(value) else unstated("publication date")
