"""A review as the library knows it: validated front matter, its learning points, and its body."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casebook.checks.content import check_review_content
from casebook.reading.frontmatter import SourceFile, read_source
from casebook.model.fields import NOT_STATED
from casebook.checks.problems import Problem
from casebook.checks.files import slug_problem
from casebook.checks.front_matter import check_front_matter
from casebook.model.vocabulary import Vocabulary

@dataclass
class LearningPoint:
    number: int  # 1-based, as in the anchor #learning-N
    text: str
    themes: list[str]
    for_agencies: list[str] = field(default_factory=list)
    review: "Review | None" = field(default=None, repr=False, compare=False)

    @property
    def anchor(self) -> str:
        return f"learning-{self.number}"


@dataclass
class Recommendation:
    text: str
    for_agencies: list[str] = field(default_factory=list)
    status: str = NOT_STATED


# A short repr: a review travels in page metadata, and tools that log metadata (the macros
# plugin formats it for its debug trace on every page) would otherwise print the whole review.
@dataclass(repr=False)
class Review:
    slug: str
    path: str  # as shown in messages, e.g. docs/reviews/family-b.md
    title: str
    review_type: str
    nation: str
    publisher: str
    published: str
    subject: dict[str, Any]
    outcome: str
    summary: str
    source: str
    themes: list[str]  # as listed, then the learning points' own themes, in order of first use
    learning: list[LearningPoint]
    body: str = ""
    body_line: int = 1
    incident: str | None = None
    incident_note: str | None = None
    harm_types: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    publish_until: str | None = None
    keywords: list[str] = field(default_factory=list)
    allow: list[dict[str, str]] = field(default_factory=list)
    lines: dict = field(default_factory=dict, repr=False, compare=False)  # front-matter path -> file line

    def __repr__(self) -> str:
        return f"Review({self.slug!r})"

    @property
    def url(self) -> str:
        return f"reviews/{self.slug}/"

    @property
    def published_year(self) -> str | None:
        return None if self.published == NOT_STATED else self.published[:4]

    def is_expired(self, today: dt.date | None = None) -> bool:
        """Past its publish_until date: the body is withdrawn, the learning stays."""
        today = today or dt.date.today()
        return self.publish_until is not None and self.publish_until < today.isoformat()


def build_review(src: SourceFile, slug: str, vocabulary: Vocabulary, today: dt.date | None = None) -> tuple[Review | None, list[Problem]]:
    """Validate a parsed file and, if it has no errors, make the Review."""
    if src.front is None:
        return None, []
    data, problems = check_front_matter(src.path, src.front, vocabulary, today)
    if any(p.is_error for p in problems):
        return None, problems
    learning = [
        LearningPoint(number=i + 1, text=lp["text"], themes=lp["themes"], for_agencies=lp.get("for", []))
        for i, lp in enumerate(data["learning"])
    ]
    themes = list(data["themes"])
    for lp in learning:
        for t in lp.themes:
            if t not in themes:
                themes.append(t)
    review = Review(
        slug=slug,
        path=src.path,
        title=data["title"],
        review_type=data["review_type"],
        nation=data["nation"],
        publisher=data["publisher"],
        published=data["published"],
        subject=data["subject"],
        outcome=data["outcome"],
        summary=data["summary"],
        source=data["source"],
        themes=themes,
        learning=learning,
        body=src.body,
        body_line=src.body_line,
        incident=data.get("incident"),
        incident_note=data.get("incident_note"),
        harm_types=data.get("harm_types", []),
        agencies=data.get("agencies", []),
        recommendations=[
            Recommendation(text=r["text"], for_agencies=r.get("for", []), status=r.get("status", NOT_STATED))
            for r in data.get("recommendations", [])
        ],
        publish_until=data.get("publish_until"),
        keywords=data.get("keywords", []),
        allow=data.get("allow", []),
        lines=src.front.lines,
    )
    for lp in learning:
        lp.review = review
    return review, problems


def read_review(path: str | Path, vocabulary: Vocabulary, display: str | None = None, today: dt.date | None = None) -> tuple[Review | None, list[Problem]]:
    """Read, parse and validate one review file. Problems are returned, never raised."""
    path = Path(path)
    display = display or str(path)
    problems: list[Problem] = []
    bad_name = slug_problem(path, display)
    if bad_name:
        problems.append(bad_name)
    src = read_source(path, display)
    problems.extend(src.problems)
    if src.front is None:
        return None, problems
    review, more = build_review(src, path.stem, vocabulary, today)
    problems.extend(more)
    problems.extend(check_review_content(src, vocabulary, review))
    if any(p.is_error for p in problems):
        return None, problems
    return review, problems
