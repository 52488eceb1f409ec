"""What became of the reviews' recommendations: every one across the library, its owner, its status
and whether it is overdue on the build's date, with counts by status and by owner, in one pass.

Overdue (SPEC section 6) means due before the build date and not complete. A due month runs to its
end: due "2024-03" is overdue from 1 April 2024.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from casebook.model.fields import COMPLETE, NOT_STATED, RECOMMENDATION_STATUS
from casebook.model.labels import is_stated
from casebook.reading.review import Recommendation, Review


def status_of(rec: Recommendation) -> str:
    """Its status, `not-stated` when the review gives none."""
    status = rec.fields.get("status")
    return status if is_stated(status) else NOT_STATED


def is_overdue(rec: Recommendation, on: dt.date) -> bool:
    """Due before `on` (at the precision the due date gives) and not complete."""
    due = rec.fields.get("due")
    if not is_stated(due) or status_of(rec) == COMPLETE:
        return False
    return str(due) < on.isoformat()[: len(str(due))]


@dataclass(frozen=True)
class Tracked:
    """One recommendation as /actions/ lists it."""

    review: Review
    recommendation: Recommendation
    status: str
    overdue: bool

    @property
    def owner(self) -> str | None:
        owner = self.recommendation.fields.get("owner")
        return owner if is_stated(owner) else None


@dataclass
class Actions:
    """Every recommendation of the library, newest review first and in each review's order."""

    on: dt.date  # the date overdue was worked out on
    items: list[Tracked] = field(default_factory=list)

    @property
    def overdue_count(self) -> int:
        return sum(t.overdue for t in self.items)

    @property
    def review_count(self) -> int:
        return len({t.review.slug for t in self.items})

    def by_status(self) -> list[tuple[str, int]]:
        """(status, count) for every status of the model, in its order, none left out."""
        counts = Counter(t.status for t in self.items)
        return [(status, counts[status]) for status in RECOMMENDATION_STATUS]

    def by_owner(self, agency_order: list[str]) -> list[tuple[str | None, int, int]]:
        """(owner slug, or None where not stated; recommendations; overdue) for each owner with any,
        in the vocabulary's order, those with no owner last."""
        counts, overdue = Counter(t.owner for t in self.items), Counter(t.owner for t in self.items if t.overdue)
        owners = [a for a in agency_order if counts[a]] + ([None] if counts[None] else [])
        return [(owner, counts[owner], overdue[owner]) for owner in owners]


def track_recommendations(reviews_newest_first: list[Review], on: dt.date) -> Actions:
    actions = Actions(on)
    for review in reviews_newest_first:
        for rec in review.recommendations:
            actions.items.append(Tracked(review, rec, status_of(rec), is_overdue(rec, on)))
    return actions
