"""The facets readers narrow reviews by (theme, review type, nation, outcome, agency, year of
publication): each review's values, and every value's count across the library.

Search (/search/) and the review table (/reviews/) both filter by these, so the values are
defined once here. A value is a slug, never a display name, so that links such as
/search/?theme=malicious-referral-caution keep working when a theme is renamed. A review counts
under a broader theme when it has any of its narrower themes: "Referrals" finds the reviews
tagged "Caution over malicious referrals".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from casebook.model import labels
from casebook.model.fields import NATIONS, NOT_STATED, OUTCOMES
from casebook.reading.review import Review
from casebook.model.vocabulary import Vocabulary


@dataclass(frozen=True)
class Facet:
    key: str  # the Pagefind filter name and the URL query parameter
    label: str


FACETS = [
    Facet("theme", "Theme"),
    Facet("type", "Review type"),
    Facet("nation", "Nation"),
    Facet("outcome", "Outcome"),
    Facet("agency", "Agency"),
    Facet("year", "Year of publication"),
]


@dataclass(frozen=True)
class FacetValue:
    value: str  # a slug, a year, or 'not-stated'
    label: str
    count: int = 0
    depth: int = 0  # themes: 1 for a narrower theme shown under its broader one


def review_themes(review: Review, vocabulary: Vocabulary) -> list[str]:
    """The review's themes and every broader theme above them, each once, in order of first use."""
    out: list[str] = []
    for slug in review.themes:
        for theme in (slug, *vocabulary.ancestors(slug)):
            if theme not in out:
                out.append(theme)
    return out


def year(review: Review) -> str:
    return review.published_year or NOT_STATED


def review_facets(review: Review, vocabulary: Vocabulary) -> dict[str, list[str]]:
    """The facet values of one review, by facet key."""
    return {
        "theme": review_themes(review, vocabulary),
        "type": [review.review_type],
        "nation": [review.nation],
        "outcome": [review.outcome],
        "agency": list(review.agencies) or [NOT_STATED],
        "year": [year(review)],
    }


def label(vocabulary: Vocabulary, key: str, value: str) -> str:
    """How a facet value is shown to readers."""
    if value == NOT_STATED:
        return labels.NOT_STATED_LABEL
    if key == "theme":
        return vocabulary.themes[value].name
    if key == "type":
        return vocabulary.review_types[value].name
    if key == "agency":
        return vocabulary.agencies[value].name
    if key == "nation":
        return labels.nation(value)
    if key == "outcome":
        return labels.outcome(value)
    return value


def facet_counts(reviews: list[Review], vocabulary: Vocabulary) -> dict[str, list[FacetValue]]:
    """Every facet value present in the library with its count of reviews, in reading order:
    themes as the vocabulary groups them (broader, then narrower), years newest first, the rest
    in vocabulary order, 'Not stated' last. One pass over the reviews."""
    counts = {facet.key: Counter() for facet in FACETS}
    for review in reviews:
        for key, values in review_facets(review, vocabulary).items():
            counts[key].update(values)

    def values(key: str, order: list[str]) -> list[FacetValue]:
        present = [v for v in order if counts[key][v]]
        if counts[key][NOT_STATED]:
            present.append(NOT_STATED)
        return [FacetValue(v, label(vocabulary, key, v), counts[key][v]) for v in present]

    themes: list[FacetValue] = []

    def add_theme(slug: str, depth: int) -> None:
        if counts["theme"][slug]:
            themes.append(FacetValue(slug, vocabulary.themes[slug].name, counts["theme"][slug], depth))
        for child in vocabulary.themes[slug].children:
            add_theme(child, depth + 1)

    for theme in vocabulary.top_level_themes():
        add_theme(theme.slug, 0)
    years = sorted((y for y in counts["year"] if y != NOT_STATED), reverse=True)
    return {
        "theme": themes,
        "type": values("type", list(vocabulary.review_types)),
        "nation": values("nation", list(NATIONS)),
        "outcome": values("outcome", list(OUTCOMES)),
        "agency": values("agency", list(vocabulary.agencies)),
        "year": values("year", years),
    }


def search_terms(review: Review, vocabulary: Vocabulary) -> list[str]:
    """Words a reader may search with that the review's own text may not use: its themes with
    what else practitioners call them, its review type with its abbreviations, its publisher."""
    parts = []
    for slug in review.themes:
        theme = vocabulary.themes[slug]
        parts += [theme.name, *theme.synonyms]
    kind = vocabulary.review_types[review.review_type]
    parts += [kind.name, *kind.synonyms]
    if review.publisher != NOT_STATED:
        parts.append(review.publisher)
    return parts
