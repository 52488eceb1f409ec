"""How a review's facts are shown to readers: the names of nations, outcomes, recommendation
statuses and the terms a review's text is reproduced on, and the one wording of a fact the review
does not give ("Not stated").

The Python pages use these, and so do the templates: hooks/library.py gives this module to the
review page as `labels` ({{ labels.nation(r.nation) }}). A test keeps every choice in the model
labelled here.
"""

from __future__ import annotations

import calendar
import datetime as dt

from casebook.model.fields import BODY_WITHHELD_RIGHTS, NOT_STATED

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

# The terms a review's text is reproduced on (`rights`), as the metadata panel names them.
RIGHTS = {
    "ogl-3.0": "Open Government Licence v3.0",
    "cc-by-4.0": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "with-permission": "Reproduced with permission",
    "provided-for-publication": "Provided for publication",
    "summary-only": "Summary only: the full text is not reproduced",
}
# The licence texts, for the two terms that are licences.
RIGHTS_URLS = {
    "ogl-3.0": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    "cc-by-4.0": "https://creativecommons.org/licenses/by/4.0/",
}
# What the page's sentence says of each: on what terms the text appears, or why it does not.
_RIGHTS_SENTENCES = {
    "ogl-3.0": "The text of this review is reproduced under the Open Government Licence v3.0.",
    "cc-by-4.0": "The text of this review is reproduced under the Creative Commons Attribution 4.0 International licence (CC BY 4.0).",
    "with-permission": "The text of this review is reproduced with the permission of its copyright holder.",
    "provided-for-publication": "The text of this review was provided to this library for publication.",
    "summary-only": "Only the facts, summary and learning of this review are reproduced here, not its text.",
    NOT_STATED: "The terms on which this review may be reproduced are not stated, so only its facts, summary and "
                "learning are reproduced here, not its text.",
}


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


def rights(value: str | None) -> str:
    """The name of the terms a review's text appears on, or 'Not stated'."""
    return RIGHTS[value] if is_stated(value) else NOT_STATED_LABEL


def rights_url(value: str | None) -> str | None:
    """The address of the licence text, for a licence; None for any other terms."""
    return RIGHTS_URLS.get(value or "")


def body_withheld_by(value: str | None) -> bool:
    """Whether these terms keep a review's text off the site (summary-only, not stated)."""
    return (value or NOT_STATED) in BODY_WITHHELD_RIGHTS


def copyright_holder(rights_note: str | None, publisher: str | None) -> str:
    """Who holds the copyright, as honestly as the file says: the rights note (which says who, and
    what they agreed), else the publisher it names, else 'Not stated'."""
    if rights_note:
        return _sentence(rights_note)
    if is_stated(publisher):
        return f"{publisher} (the publisher)"
    return NOT_STATED_LABEL


def rights_sentence(rights_value: str | None, rights_note: str | None, publisher: str | None) -> str:
    """The sentence every review page and briefing carries: on what terms its text appears (or why
    it does not), and who holds the copyright."""
    terms = _RIGHTS_SENTENCES[rights_value if is_stated(rights_value) else NOT_STATED]
    if rights_note:
        holder = _sentence(rights_note)
    elif is_stated(publisher):
        holder = f"Copyright remains with its publisher, {publisher}."
    else:
        holder = "Who holds the copyright is not stated."
    return f"{terms} {holder}"


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."
