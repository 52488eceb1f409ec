"""Dates as people read them ("March 2024", "5 March 2024", "2024"), and one rule for what a review
does not state: "Not stated" where a label names the fact (a metadata panel's "Published"), and a
phrase naming it in running text ("publication date not stated"), where a bare "Not stated" after a
title would read as if the review itself were not stated."""

from __future__ import annotations

import calendar
import datetime as dt

from casebook.model.fields import NOT_STATED

NOT_STATED_LABEL = "Not stated"


def people_date(value: str | dt.date | None) -> str | None:
    """'2024-03' -> 'March 2024', '2024-03-05' -> '5 March 2024', '2024' -> '2024'; None when not stated."""
    if value in (None, "", NOT_STATED):
        return None
    if isinstance(value, dt.date):
        return f"{value.day} {calendar.month_name[value.month]} {value.year}"
    parts = str(value).split("-")
    if len(parts) == 1:
        return parts[0]
    month = calendar.month_name[int(parts[1])]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def shown_date(value: str | None) -> str:
    """A date in a labelled slot: the date for people, or 'Not stated'."""
    return people_date(value) or NOT_STATED_LABEL


def published_phrase(value: str | None) -> str:
    """'published March 2024', or 'publication date not stated': for running text after a title."""
    when = people_date(value)
    return f"published {when}" if when else "publication date not stated"
