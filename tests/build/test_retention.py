"""Retention: after its publish_until date a review keeps its metadata, summary and learning, drops
its body, and says since when and why."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from casebook.pages import themes as pages
from casebook.reading.frontmatter import parse_source
from casebook.reading.review import build_review
from casebook.model.vocabulary import load_vocabulary
from conftest import FIXTURES, ROOT, article_text, build, make_project, page
from published import published_texts, where

BODY_SENTENCE = "This fictional body tells the family's story in full."
REVIEW = (FIXTURES / "library" / "child-c.md").read_text(encoding="utf-8").replace(
    "source: not-stated\n---\n\nThis body is fictional.",
    f"source: not-stated\npublish_until: \"2020-06-30\"\n---\n\n{BODY_SENTENCE}\n\n## What happened\n\nMore of the story.",
)


def _review(text: str = REVIEW):
    vocabulary = load_vocabulary(ROOT / "vocabulary")
    review, problems = build_review(parse_source(text.encode(), "docs/reviews/child-c.md"), "child-c", vocabulary)
    assert review is not None, problems
    return review, vocabulary


def test_body_is_dropped_the_day_after_publish_until():
    review, vocabulary = _review()
    on_the_day, _ = pages.review_page(review, vocabulary, today=dt.date(2020, 6, 30))
    assert BODY_SENTENCE in on_the_day and "withdrawn" not in on_the_day
    after, learning = pages.review_page(review, vocabulary, today=dt.date(2020, 7, 1))
    assert BODY_SENTENCE not in after and "More of the story" not in after
    assert "published here until 30 June 2020" in after and "Since 1 July 2020" in after
    assert "no longer than agreed" in after  # why
    assert "## Key learning" in after and "Fictional learning C1" in "".join(learning)


def test_a_review_without_publish_until_keeps_its_body():
    review, vocabulary = _review(REVIEW.replace('publish_until: "2020-06-30"\n', ""))
    assert BODY_SENTENCE in pages.review_page(review, vocabulary, today=dt.date(2999, 1, 1))[0]


def test_built_page_of_an_expired_review(tmp_path: Path):
    project = make_project(tmp_path, {"child-c.md": REVIEW})
    result = build(project)
    assert result.returncode == 0, result.stderr
    text = article_text(page(project / "site", "/reviews/child-c/"))
    assert BODY_SENTENCE not in text and "More of the story" not in text
    assert "Full text withdrawn" in text and "published here until 30 June 2020" in text and "Since 1 July 2020" in text
    # Metadata, summary and learning stay.
    assert "Fictional Regional Safeguarding Board" in text
    assert "A child stopped attending school." in text
    assert "Fictional learning C1" in text and "Fictional learning C3" in text
    # Nor does the body survive anywhere else the site publishes text (briefings, data, feed), nor
    # in the search index, whose result fragments carry the indexed text.
    texts = published_texts(project / "site")
    # Readable like this: the summary is in the index as written (a body by its words only).
    assert any(path.endswith(".pf_fragment") for path in where(texts, "A child stopped attending school."))
    assert where(texts, BODY_SENTENCE, "More of the story") == []
