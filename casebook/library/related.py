"""Related reviews: for each review, the few others that share the most themes with it.

Ranked by the number of themes in common (as listed on the review pages: the review's themes and
its learning points' themes), ties broken by publication date, newest first, then by title.

Computed for every review at once from an index of theme pairs, never by comparing each review
with every other: a review sharing two or more themes appears in the pair lists of exactly those
pairs, so counting pair occurrences ranks every strong candidate, and the rest (one theme in
common) come from the first few reviews of each theme, which is all a top five can need.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import chain, combinations, compress

from casebook.reading.review import Review

RELATED_LIMIT = 5


@dataclass(frozen=True)
class Related:
    """Another review and the themes it has in common with this one."""

    review: Review
    shared: tuple[str, ...]


def related_reviews(newest_first: list[Review], limit: int = RELATED_LIMIT) -> dict[str, list[Related]]:
    """Every review's related reviews, best first; `newest_first` is the library's own order."""
    theme_sets = [frozenset(r.themes) for r in newest_first]
    # Reviews are numbered by their place in newest_first, so a smaller number wins a tie.
    first_of_theme: dict[str, list[int]] = {}
    with_pair: dict[tuple[str, str], list[int]] = {}
    # Enough of each theme's first reviews to fill a top `limit` after skipping the review itself
    # and the reviews already chosen for sharing two themes or more.
    keep = 2 * limit + 1
    for rank, themes in enumerate(theme_sets):
        for theme in themes:
            firsts = first_of_theme.setdefault(theme, [])
            if len(firsts) < keep:
                firsts.append(rank)
        for pair in combinations(sorted(themes), 2):
            with_pair.setdefault(pair, []).append(rank)

    related: dict[str, list[Related]] = {}
    for rank, review in enumerate(newest_first):
        themes = theme_sets[rank]
        # A review sharing m >= 2 themes is counted m(m-1)/2 times: more pairs, more themes shared.
        pairs_shared = Counter(chain.from_iterable(with_pair[p] for p in combinations(sorted(themes), 2)))
        pairs_shared.pop(rank, None)
        chosen: list[int] = []
        for level in sorted(set(pairs_shared.values()), reverse=True):
            # The reviews at this level, oldest rank first; compress keeps the filter in C.
            at_level = sorted(compress(pairs_shared.keys(), map(level.__eq__, pairs_shared.values())))
            chosen += at_level[: limit - len(chosen)]
            if len(chosen) == limit:
                break
        if len(chosen) < limit:
            # Every review sharing two themes or more is already chosen: fill with one-theme matches.
            taken = {rank, *chosen}
            for other in sorted(set(chain.from_iterable(first_of_theme[t] for t in themes))):
                if other not in taken:
                    chosen.append(other)
                    if len(chosen) == limit:
                        break
        related[review.slug] = [
            Related(newest_first[other], tuple(t for t in review.themes if t in theme_sets[other]))
            for other in chosen
        ]
    return related
