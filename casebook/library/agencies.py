"""What the library addresses to each agency: the learning points and recommendations whose `for`
(or `owner`) names it, grouped by theme, built in one pass over the reviews."""

from __future__ import annotations

from dataclasses import dataclass, field

from casebook.reading.review import LearningPoint, Recommendation, Review
from casebook.model.vocabulary import Vocabulary


@dataclass
class AddressedRecommendation:
    review: Review
    number: int  # 1-based position in the review's list
    recommendation: Recommendation


@dataclass
class AgencyIndex:
    """Everything addressed to one agency, newest review first."""

    slug: str
    learning: list[LearningPoint] = field(default_factory=list)
    recommendations: list[AddressedRecommendation] = field(default_factory=list)

    @property
    def addressed_count(self) -> int:
        return len(self.learning) + len(self.recommendations)

    @property
    def review_count(self) -> int:
        return len({lp.review.slug for lp in self.learning} | {r.review.slug for r in self.recommendations})

    def learning_by_theme(self, vocabulary: Vocabulary) -> list[tuple[str, list[LearningPoint]]]:
        """(theme slug, points) in vocabulary order; a point with two themes is under each."""
        by_theme: dict[str, list[LearningPoint]] = {}
        for lp in self.learning:
            for theme in lp.themes:
                by_theme.setdefault(theme, []).append(lp)
        order = list(vocabulary.themes)
        return sorted(by_theme.items(), key=lambda item: order.index(item[0]))


def _addressed_to(rec: Recommendation) -> list[str]:
    # `owner` is the agency accountable for a recommendation (SPEC 3): it is addressed to it too.
    owner = rec.fields.get("owner")
    agencies = list(dict.fromkeys(rec.for_agencies))
    if owner and owner not in agencies:
        agencies.append(owner)
    return agencies


def index_agencies(vocabulary: Vocabulary, reviews_newest_first: list[Review]) -> dict[str, AgencyIndex]:
    index = {slug: AgencyIndex(slug) for slug in vocabulary.agencies}
    for review in reviews_newest_first:
        for lp in review.learning:
            for agency in dict.fromkeys(lp.for_agencies):
                index[agency].learning.append(lp)
        for number, rec in enumerate(review.recommendations, start=1):
            for agency in _addressed_to(rec):
                if agency in index:
                    index[agency].recommendations.append(AddressedRecommendation(review, number, rec))
    return index
