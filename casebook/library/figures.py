"""Figures across reviews: themes that occur in the same reviews, and reviews by year of publication.

Every figure here is a count of reviews, never of children or their characteristics: with small
numbers, counts of children by age or circumstance could point to a family.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from casebook.reading.review import Review
from casebook.model.vocabulary import Vocabulary


@dataclass(frozen=True)
class YearCounts:
    """Reviews by year of publication, every year from the first to the last (gaps as 0)."""

    years: tuple[tuple[str, int], ...]
    not_stated: int = 0

    @property
    def total(self) -> int:
        return sum(n for _, n in self.years) + self.not_stated


def reviews_by_year(reviews: list[Review]) -> YearCounts:
    counts = Counter(r.published_year for r in reviews)
    not_stated = counts.pop(None, 0)
    if not counts:
        return YearCounts((), not_stated)
    first, last = int(min(counts)), int(max(counts))
    # Empty years stay in: a gap in the bars is part of the picture.
    years = tuple((str(y), counts.get(str(y), 0)) for y in range(first, last + 1))
    return YearCounts(years, not_stated)


def co_occurring_themes(vocabulary: Vocabulary, reviews: list[Review]) -> dict[str, list[tuple[str, int]]]:
    """For each theme, the other themes found in the same reviews, with how many reviews share both.

    A review has a theme as on the theme pages: listed, on a learning point, or gathered from a
    narrower theme. A theme's own broader and narrower themes are left out: they always occur
    with it and the theme page names them already. Most shared first, then by name.
    """
    closure = {slug: {slug, *vocabulary.ancestors(slug)} for slug in vocabulary.themes}
    together: dict[str, Counter] = {slug: Counter() for slug in vocabulary.themes}
    for review in reviews:
        has = set().union(*(closure[t] for t in review.themes)) if review.themes else set()
        for theme in has:
            together[theme].update(has)
    out: dict[str, list[tuple[str, int]]] = {}
    for slug, counts in together.items():
        family = closure[slug] | set(vocabulary.descendants(slug))
        pairs = [(other, n) for other, n in counts.items() if other not in family]
        pairs.sort(key=lambda p: (-p[1], vocabulary.themes[p[0]].name.lower()))
        out[slug] = pairs
    return out
