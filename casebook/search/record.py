"""What the search index holds for a review: one small HTML document for Pagefind, made from the
review's validated facts and its rendered body.

The document is handed to Pagefind as soon as the body is rendered, not read back from the
finished page: then Pagefind indexes while the site generator is still rendering, and writes its
index while the pages are written (at 2,000 reviews the build otherwise waited ~6 s for it at the
end). It holds the words a reader searches (title, summary, learning, recommendations; the body's
words and the themes' other names once each, at half weight); the facts a search filters by are
filters, not words, so that they do not crowd the excerpts.

A result lands on the part of the review that matched: Pagefind divides a page into sections at
its headings that have an id ("sub-results"), and the search script links to the best of them,
/reviews/family-b/#learning-5 for a learning point. So the headings keep their ids (the same as
on the page: #summary, #learning-N for a point, #recommendations) and every other id goes.
One document per review, its points as sections, rather than one per point: a record per point
would put every point in Pagefind's page list, which each search downloads whole.

What a cold search downloads is, for each word searched, every location of it in every review
(Pagefind's index chunks), plus the page list and the fragments of the results shown. At 5,000
summary-length reviews "child" was in every review 35 times, 60 % of them in the body, and its
chunk alone was 204 KB gzipped, more than the whole budget of a search (250 KB) leaves for the
index; "mental health" loaded 304 KB. So the text a result quotes and links to (title, summary,
learning, recommendations) is indexed as it is, word for word; the body, which grows with the
report (a 60-page one is 20,000 words), is indexed by its words, not its prose: each word of it
that the quoted text does not already have, once. A reader still finds a review by any word of its
body (a place, a service, a term of practice only the body uses), and such a result shows the
start of the summary; what goes is a body heading as a place to land, and how often the body
repeats a word that the review's own summary and learning already carry.

The body's words and the themes' other names (what practitioners also call a theme, the review
type's abbreviations, the publisher) are words a reader may search, not text a result shows: they
sit in a last section of their own (TERMS_ID), which the script never shows as an excerpt or links
to. Each word once, and none that the quoted text has: repeated there, "child" and "mental"
(in several themes' names and other names) gained a location in every review tagged with them.
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
# The parts of a review's page (casebook.pages.themes.review_page): Key learning first, then the
# body, then the recommendations, generated from front matter and last on the page.
_LEARNING = re.compile(
    r'\A\s*<h2 id="learning">[^<]*</h2>\s*'
    r'(?:<p>The review records no learning points\.</p>\s*'
    r'|(?:<h3 id="learning-\d+">.*?</h3>\s*<p class="cb-point">.*?</p>\s*)*)', re.S)
_RECOMMENDATIONS = '<h2 id="recommendations">'
_TAG = re.compile(r"<[^>]*>")
# A word as a reader types it; "child's" is the same word as "child" (Pagefind stems both alike).
_WORD = re.compile(r"\w+(?:['\u2019-]\w+)*")
_POSSESSIVE = re.compile(r"['\u2019]s$")


def _e(text: str) -> str:
    return html.escape(" ".join(str(text).split()), quote=True)


def _words(html_text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(html.unescape(_TAG.sub(" ", html_text)))]


def _key(word: str) -> str:
    return _POSSESSIVE.sub("", word)


def split_page(content_html: str) -> tuple[str, str, str]:
    """A review page's rendered content as (Key learning, body, recommendations)."""
    learning = _LEARNING.match(content_html)
    start = learning.end() if learning else 0
    at = content_html.rfind(_RECOMMENDATIONS, start)
    end = at if at != -1 and '<div class="cb-recommendations">' in content_html[at:] else len(content_html)
    return content_html[:start], content_html[start:end], content_html[end:]


def searched_words(shown_html: str, *texts_html: str) -> list[str]:
    """The words of `texts_html` that `shown_html` does not have, each once, in order."""
    known = {_key(w) for w in _words(shown_html)}
    out = []
    for text in texts_html:
        for word in _words(text):
            if _key(word) not in known:
                known.add(_key(word))
                out.append(word)
    return out


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
    learning, body, recommendations = split_page(_ID.sub(r"\1", _POINT_TAGS.sub("", content_html)))
    shown = "".join([
        f"<h1>{_e(review.title)}</h1>",
        *marks,
        # With the page's own id, so that a result found in the summary links to it.
        f'<h2 id="summary">Summary</h2><p>{_e(review.summary)}</p>',
        learning,
        recommendations,
    ])
    searched = searched_words(shown, *map(_e, facets.search_terms(review, vocabulary)), body)
    return "".join([
        '<html lang="en"><body><main data-pagefind-body>',
        shown,
        f'<h2 id="{TERMS_ID}">\u00b7</h2><p data-pagefind-weight="0.5">{_e(" ".join(searched))}</p>' if searched else "",
        "</main></body></html>",
    ])
