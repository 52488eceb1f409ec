"""Related reviews: up to five, ranked by shared themes, ties broken by date (newest first), then title."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from conftest import page
from fixture_corpus import fixture_reviews, related, sections

REVIEWS = fixture_reviews()


@pytest.mark.parametrize("review", REVIEWS, ids=[r["slug"] for r in REVIEWS])
def test_each_review_page_lists_its_related_reviews_in_order(fixture_site: Path, review: dict):
    got = [
        href.split("/")[-2]
        for href in sections(page(fixture_site, f"/reviews/{review['slug']}/")).links.get("related", [])
    ]
    assert got == related(review, REVIEWS)


def test_the_fixtures_exercise_every_tie_break():
    child_a = next(r for r in REVIEWS if r["slug"] == "child-a")
    # Child F and Child G share two themes with Child A and the same year: the title decides.
    assert related(child_a, REVIEWS)[:2] == ["child-f", "child-g"]
    # Family H shares one theme and has no date: it comes after the dated one-theme matches.
    assert related(child_a, REVIEWS)[-1] == "family-h"


def test_a_related_review_says_which_themes_it_shares(fixture_site: Path):
    text = sections(page(fixture_site, "/reviews/child-a/")).section_text("related")
    assert "Child F: a fictional rapid review (published 2021) shares 2 themes: Injuries in non-mobile babies, Information sharing" in text


def _review(slug: str, published: str, title: str, themes: list[str]):
    from casebook.reading.review import Review

    return Review(slug, f"{slug}.md", {
        "title": title, "review_type": "serious-case-review", "nation": "england", "publisher": "not-stated",
        "published": published, "subject": {"name": "X", "naming": "pseudonym"}, "outcome": "not-stated",
        "summary": "Fictional.", "source": "not-stated", "themes": themes, "learning": []})


def test_the_pair_index_ranks_exactly_like_comparing_every_pair():
    """The fast ranking (pairs of themes) equals the obvious one (every review against every other)."""
    from casebook.library.collection import sorted_newest_first
    from casebook.library.related import related_reviews

    rng = random.Random(7)
    themes = [f"t{i}" for i in range(9)]
    reviews = []
    for i in range(400):
        published = rng.choice(["not-stated", f"{rng.randint(2015, 2024)}", f"{rng.randint(2015, 2024)}-0{rng.randint(1, 9)}"])
        chosen = rng.sample(themes, rng.choice([1, 1, 2, 3, 4, 6]))
        reviews.append(_review(f"r{i}", published, f"Review {rng.randint(0, 60)} number {i}", chosen))
    order = sorted_newest_first(reviews)
    rank = {r.slug: i for i, r in enumerate(order)}
    fast = related_reviews(order)
    for review in reviews:
        scored = [(len(set(review.themes) & set(o.themes)), o) for o in reviews if o is not review]
        scored = sorted((s for s in scored if s[0]), key=lambda s: (-s[0], rank[s[1].slug]))[:5]
        assert [(r.review.slug, len(r.shared)) for r in fast[review.slug]] == [(o.slug, n) for n, o in scored], review.slug


def test_a_review_sharing_no_theme_has_no_related_section(tmp_path: Path):
    from casebook.library.related import related_reviews

    alone = _review("alone", "2020", "Alone", ["self-neglect"])
    other = _review("other", "2021", "Other", ["neglect"])
    assert related_reviews([other, alone]) == {"other": [], "alone": []}
