"""Which pages a save reaches: what the preview renders again when review files change.

A review's body is shown on its own page (and in the search index) and nowhere else; everything
else about it (title, dates, summary, themes, learning, recommendations...) is gathered by other
pages: its themes' and agencies' pages and briefings, the lists, the home page, the actions, the
data files and the related-review panels of other reviews. So a save that changes only a body
reaches one page and one briefing, and a save that changes the front matter reaches those that
gather it, before the save and after.

None means "every page": the set of reviews changed (one added, removed or never yet valid), or
review pages' agency links changed (they link an agency only while something is addressed to it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from casebook.library.collection import Library
from casebook.library.facets import review_themes
from casebook.pages import browse
from casebook.reading.review import Review, Validated

# Pages that gather from every review: any change to what other pages show of a review reaches them.
GATHERING = ("index.md", "reviews/index.md", "themes/index.md", "agencies/index.md",
             "search/index.md", "completeness.md", "data/index.md")
# Gathers every recommendation (and nothing about a review that makes none).
ACTIONS = "actions/index.md"


@dataclass
class Reach:
    changed: list[str]  # the slugs of the reviews whose files changed
    regathered: list[str]  # those of them whose front matter changed (shown by other pages)
    # What a contributor looks at after a save, made before the page reloads: the saved reviews'
    # pages and briefings, and the pages of the themes the save gave them or took away.
    first: set[str]
    # Every other page and file the save reaches, made once the page has reloaded (the preview
    # holds back any request for one of them until it is written).
    then: set[str]

    @property
    def pages(self) -> set[str]:
        return self.first | self.then


def _plain(value: Any) -> Any:
    """A front-matter value as plain, comparable data (learning points and the like as their fields)."""
    if isinstance(value, Validated):
        return tuple((k, _plain(v)) for k, v in value.fields.items())
    if isinstance(value, (list, tuple)):
        return tuple(_plain(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _plain(v)) for k, v in value.items())
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def shown_elsewhere(review: Review) -> tuple:
    """Everything about a review that pages other than its own can show: its front matter as read."""
    return review.slug, _plain(review.fields)


def _gathered_by(library: Library, slug: str) -> set[str]:
    """The theme and agency pages (and their briefings) that show a review."""
    uris: set[str] = set()
    for theme, index in library.themes.items():
        if any(r.slug == slug for r in index.reviews) or any(lp.review.slug == slug for lp in index.learning):
            uris |= {f"themes/{theme}.md", f"themes/{theme}/briefing.md"}
    for agency, index in library.agencies.items():
        if (any(lp.review.slug == slug for lp in index.learning)
                or any(r.review.slug == slug for r in index.recommendations)):
            uris |= {f"agencies/{agency}.md", f"agencies/{agency}/briefing.md"}
    review = library.review(slug)
    for agency in (getattr(review, "agencies", None) or []) if review is not None else []:
        uris |= {f"agencies/{agency}.md", f"agencies/{agency}/briefing.md"}
    return uris


def _panel(related) -> tuple:
    """What a related-review panel shows of one review (overrides/review.html): keep in step with it."""
    return related.review.slug, related.review.title, related.review.published, related.shared


def pages_reached(old: Library, new: Library, sources: list[str]) -> Reach | None:
    """The pages (by source path, of those in `sources`) a change from `old` to `new` reaches,
    all but the review pages whose related-review panels changed (panels_changed: they take
    working out every review's panel)."""
    if [r.slug for r in old.reviews] != [r.slug for r in new.reviews]:
        return None
    changed = [r for r in new.reviews if old.review(r.slug) is not r]
    own = {uri for r in changed for uri in (f"reviews/{r.slug}.md", f"reviews/{r.slug}/briefing.md")}
    pages = set(own)
    regathered = [r for r in changed if shown_elsewhere(r) != shown_elsewhere(old.review(r.slug))]
    if regathered:
        if old.agency_pages != new.agency_pages:
            return None
        pages |= set(GATHERING)
        for review in regathered:
            pages |= _gathered_by(old, review.slug) | _gathered_by(new, review.slug)
            if review.recommendations or old.review(review.slug).recommendations:
                pages.add(ACTIONS)
        # Every page of the list (/reviews/page/2/, ...) and every download can show a saved review.
        pages |= {uri for uri in sources if browse.is_review_list(uri) or not uri.endswith(".md")}
    # Review briefings may be stamped out of one rendered page (no source of their own): kept.
    pages &= set(sources) | own
    retagged = {f"themes/{t}.md" for r in regathered
                for t in set(review_themes(r, new.vocabulary)) ^ set(review_themes(old.review(r.slug), old.vocabulary))}
    first = {uri for uri in pages if uri in own or uri in retagged}
    return Reach([r.slug for r in changed], [r.slug for r in regathered], first, pages - first)


def panels_changed(old: Library, new: Library) -> set[str]:
    """The review pages whose related-review panel shows something else after the change: a panel
    is made again when what it shows changed, not whenever it names a saved review."""
    return {f"reviews/{slug}.md" for slug, now in new.related.items()
            if [_panel(r) for r in old.related.get(slug, [])] != [_panel(r) for r in now]}
