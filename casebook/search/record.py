"""What the search index holds for a review: one small HTML document for Pagefind, made from the
review's validated facts and its rendered body.

The document is handed to Pagefind as soon as the body is rendered, not read back from the
finished page: then Pagefind indexes while the site generator is still rendering, and writes its
index while the pages are written (at 2,000 reviews the build otherwise waited ~6 s for it at the
end). It holds the words a reader searches (title, summary, body, learning, and the themes'
other names at half weight); the facts a search filters by are filters, not words, so that they
do not crowd the excerpts.

A result lands on the part of the review that matched: Pagefind divides a page into sections at
its headings that have an id ("sub-results"), and the search script links to the best of them,
/reviews/family-b/#learning-5 for a learning point. So the headings keep their ids (the same as
on the page: #summary, #learning-N for a point, the body's own headings) and every other id goes.
One document per review, its points as sections, rather than one per point: a record per point
would put every point in Pagefind's page list, which each search downloads whole.

The themes' other names are words a reader may search, not text the page shows: they sit in a
last section of their own (TERMS_ID), which the script never shows as an excerpt or links to.
"""

from __future__ import annotations

import html
import re

from casebook.library import facets
from casebook.model.fields import NOT_STATED
from casebook.model.labels import unstated
from casebook.reading.review import Review
from casebook.model.vocabulary import Vocabulary


# Pagefind records every element id as a place a result could point to, but only headings start
# a section; other ids (a recommendation's list item) only cost indexing time and bytes in every
# result fragment.
_ID = re.compile(r'(<(?!h[1-6]\b)[a-z][a-z0-9]*\b[^>]*?)\sid="[^"]*"')
# Under each learning point the page lists its themes and agencies as links ("Themes: ... For:
# ..."). Those are facts of the point, already filters and (with their other names) search terms:
# as words they would put every theme's name into the index once more for each point (at 5,000
# reviews a two-word search loaded 1 to 20 KB more for them, 11 KB in the middle) and into excerpts.
_POINT_TAGS = re.compile(r'<p class="cb-point-tags">.*?</p>', re.S)
# The section of words searched but not shown (see the module's docstring). Its heading needs
# some text for Pagefind to keep it, and a mark that is no word adds nothing a search could find.
TERMS_ID = "cb-search-terms"


def _e(text: str) -> str:
    return html.escape(" ".join(str(text).split()), quote=True)


def review_document(review: Review, vocabulary: Vocabulary, content_html: str) -> str:
    """The document Pagefind indexes for `review`; `content_html` is its page's rendered body and learning."""
    marks = [
        f'<span data-pagefind-filter="{_e(key)}:{_e(value)}"></span>'
        for key, values in facets.review_facets(review, vocabulary).items()
        for value in values
    ]
    marks += [
        f'<span data-pagefind-meta="type:{_e(vocabulary.review_types[review.review_type].name)}"></span>',
        f'<span data-pagefind-meta="year:{_e(review.published_year or unstated("year"))}"></span>',
        f'<span data-pagefind-sort="published:{"0000" if review.published == NOT_STATED else _e(review.published)}"></span>',
    ]
    terms = facets.search_terms(review, vocabulary)
    return "".join([
        '<html lang="en"><body><main data-pagefind-body>',
        f"<h1>{_e(review.title)}</h1>",
        *marks,
        # With the page's own id, so that a result found in the summary links to it.
        f'<h2 id="summary">Summary</h2><p>{_e(review.summary)}</p>',
        _ID.sub(r"\1", _POINT_TAGS.sub("", content_html)),
        f'<h2 id="{TERMS_ID}">\u00b7</h2><p data-pagefind-weight="0.5">{_e(terms)}</p>' if terms else "",
        "</main></body></html>",
    ])
