"""What the search index holds for a review: one small HTML document for Pagefind, made from the
review's validated facts and its rendered body.

The document is handed to Pagefind as soon as the body is rendered, not read back from the
finished page: then Pagefind indexes while the site generator is still rendering, and writes its
index while the pages are written (at 2,000 reviews the build otherwise waited ~6 s for it at the
end). It holds the words a reader searches (title, summary, body, learning, and the themes'
other names at half weight); the facts a search filters by are filters, not words, so that they
do not crowd the excerpts.
"""

from __future__ import annotations

import html
import re

from casebook.library import facets
from casebook.model.fields import NOT_STATED
from casebook.model.labels import unstated
from casebook.reading.review import Review
from casebook.model.vocabulary import Vocabulary


# Pagefind records every element id as a place a result could point to (sub-results); the search
# page shows whole reviews, so ids only cost indexing time (1.3 s of Pagefind's ~10 s at 2,000
# reviews) and bytes in every result fragment.
_ID = re.compile(r'\sid="[^"]*"')


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
        f'<h2>Summary</h2><p>{_e(review.summary)}</p>',
        _ID.sub("", content_html),
        f'<p data-pagefind-weight="0.5">{_e(terms)}</p>' if terms else "",
        "</main></body></html>",
    ])
