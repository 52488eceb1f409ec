"""What a review's search record holds (casebook.search.record): the text a result quotes word for
word, and the body's words and the themes' other names once each, so that a word every review
repeats does not make every search download its every repetition (SPEC section 9: one cold search
at most 250 KB at 5,000 reviews)."""

from __future__ import annotations

import re
from collections import Counter

from conftest import ROOT
from casebook.library import facets
from casebook.library.collection import load_project
from casebook.search import record

LEARNING = ('<h2 id="learning">Key learning</h2>\n<h3 id="learning-1">Learning point 1</h3>\n'
            '<p class="cb-point">Hear the child and the child\'s family.</p>\n'
            '<p class="cb-point-tags"><span>Themes: <a href="../../themes/x/">Voice of the child</a></span></p>\n')
# A body that says "child" over and over, as reports do, and one word nothing else in the review has.
BODY = "<h2 id=\"findings\">Findings</h2>\n" + "<p>The child was seen. The child was not heard.</p>\n" * 40 + "<p>Zumbrota.</p>\n"
RECOMMENDATIONS = ('<h2 id="recommendations">Recommendations</h2>\n<div class="cb-recommendations">\n<ul>\n'
                   '<li id="recommendation-R1"><p class="cb-point"><strong>R1</strong> See the child alone.</p></li>\n</ul>\n</div>')


def _words(html_text: str) -> list[str]:
    return re.findall(r"[\w'-]+", re.sub(r"<[^>]+>", " ", html_text).lower())


def _record():
    library = load_project(ROOT)
    review = library.review("family-b")
    document = record.review_document(review, library.vocabulary, LEARNING + BODY + RECOMMENDATIONS)
    shown, searched = document.split(f'id="{record.TERMS_ID}"', 1)
    return library, review, shown, searched


def test_the_text_a_result_quotes_is_indexed_word_for_word_with_the_places_it_lands_on():
    _, review, shown, _ = _record()
    assert "Hear the child and the child's family." in shown and "See the child alone." in shown
    assert re.findall(r'\sid="([^"]+)"', shown) == ["summary", "learning", "learning-1", "recommendations"]


def test_the_body_is_indexed_by_its_words_once_each_not_by_its_prose():
    _, review, shown, searched = _record()
    # If the body's prose came back, "child" would be in the record 80 times more.
    assert "The child was seen." not in shown + searched
    assert "findings" in _words(searched) and "zumbrota" in _words(searched)
    counts = Counter(_words(searched))
    assert counts and max(counts.values()) == 1, counts.most_common(3)


def test_no_word_of_the_searched_words_repeats_the_quoted_text():
    library, review, shown, searched = _record()
    assert not set(_words(searched)) & set(_words(shown))
    # The themes' other names are there, but not the wording that joined them ("also called").
    assert "also called" not in searched and "Themes and terms" not in searched
    theme_words = {w for term in facets.search_terms(review, library.vocabulary) for w in _words(term)}
    assert theme_words <= set(_words(searched)) | set(_words(shown))
