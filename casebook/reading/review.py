"""A review as the library knows it: its validated front matter held by the model's keys, its learning
points and recommendations, and its body."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from casebook.checks.content import check_review_content
from casebook.reading.frontmatter import SourceFile, read_source
from casebook.model import fields as model_fields
from casebook.model.fields import NOT_STATED, Field
from casebook.checks.problems import Problem
from casebook.checks.files import slug_problem
from casebook.checks.front_matter import check_front_matter
from casebook.model.vocabulary import Vocabulary

# Why a review's body is not shown (Review.body_withheld_reason).
WITHHELD_BY_RIGHTS = "rights"
WITHHELD_EXPIRED = "publish_until"


class Validated:
    """One mapping of the front matter after the check: its values by key, in the model's order
    (`fields`), each also an attribute named by the model (review.title, point.for_agencies).

    Nothing here names a field: a field added to casebook.model.fields reaches every Review,
    learning point and recommendation, and whatever reads their `fields`, with no edit here.
    """

    # Attributes each kind of object sets itself before its fields (Review: slug, path, body...).
    OWN: tuple[str, ...] = ()

    def __init__(self, model: tuple[Field, ...], values: dict[str, Any]):
        keys, names = _layout(type(self), model)
        # An absent list is empty, any other absent value None: the model says which is which.
        self.fields = fields = {key: values[key] if key in values else ([] if is_list else None) for key, is_list in keys}
        self.__dict__.update(fields if names is None else {name: fields[key] for key, name in names})


# (kind of object, model) -> what its __init__ needs; worked out once, as a library makes thousands.
_LAYOUTS: dict[tuple[type, int], tuple[tuple[Field, ...], tuple, tuple | None]] = {}


def _layout(cls: type[Validated], model: tuple[Field, ...]) -> tuple[tuple, tuple | None]:
    """The model's keys (and whether each is a list), and its attribute names where one differs
    from its key (None if none does). Refuses a name the object already uses."""
    known = _LAYOUTS.get((cls, id(model)))
    if known is not None and known[0] is model:
        return known[1], known[2]
    for f in model:
        name = f.attribute_name
        if name == "fields" or name in cls.OWN or hasattr(cls, name):
            # A key such as 'url' or 'path' would hide what the pages and the exports rely on.
            raise ValueError(f"casebook/model/fields.py: {f.key}: the name '{name}' is taken by "
                             f"{cls.__name__}; give the field another key or an 'attribute'")
    keys = tuple((f.key, f.kind == "list") for f in model)
    names = None if all(f.attribute_name == f.key for f in model) else tuple((f.key, f.attribute_name) for f in model)
    _LAYOUTS[(cls, id(model))] = (model, keys, names)
    return keys, names


class LearningPoint(Validated):
    """A learning point: its fields (text, themes, for_agencies...) and its place in its review."""

    OWN = ("number", "review")

    def __init__(self, model: tuple[Field, ...], values: dict[str, Any], number: int = 0, review: "Review | None" = None):
        self.number = number  # 1-based, as in the anchor #learning-N
        self.review = review
        super().__init__(model, values)

    def __repr__(self) -> str:
        return f"LearningPoint({self.number}, {self.fields.get('text', '')[:30]!r})"

    @property
    def anchor(self) -> str:
        return f"learning-{self.number}"


class Recommendation(Validated):
    """A recommendation: its fields (text, id, for_agencies, owner, status...) and its place in its
    review. Its `id` is always set: the one written, or its position (R1, R2 ...)."""

    OWN = ("number", "review")

    def __init__(self, model: tuple[Field, ...], values: dict[str, Any], number: int = 0, review: "Review | None" = None):
        self.number = number  # 1-based position in the review's list
        self.review = review
        super().__init__(model, values)

    def __repr__(self) -> str:
        return f"Recommendation({self.fields.get('text', '')[:30]!r})"

    @property
    def anchor(self) -> str:
        return f"recommendation-{self.fields.get('id') or model_fields.default_recommendation_id(self.number)}"


# Lists of mappings whose items are objects of their own; the items of any other such list are
# plain Validated values.
ITEM_CLASSES: dict[str, type[Validated]] = {"learning": LearningPoint, "recommendations": Recommendation}


class Review(Validated):
    """A review: every validated field of its front matter (review.fields, and review.title,
    review.nation, ...), with `themes` counting its learning points' themes too, `learning` and
    `recommendations` as objects, and where the file is and what its body says."""

    OWN = ("slug", "path", "body", "body_line", "lines")

    def __init__(self, slug: str, path: str, values: dict[str, Any], *, body: str = "", body_line: int = 1,
                 lines: dict | None = None, model: tuple[Field, ...] | None = None):
        self.slug = slug
        self.path = path  # as shown in messages, e.g. docs/reviews/family-b.md
        self.body = body
        self.body_line = body_line
        self.lines = lines or {}  # front-matter path -> file line
        model = model_fields.FIELDS if model is None else model
        super().__init__(model, _objects(model, values))
        for number, point in enumerate(self.fields.get("learning", []), 1):
            point.number, point.review = number, self
        for number, rec in enumerate(self.fields.get("recommendations", []), 1):
            rec.number, rec.review = number, self
            if "id" in rec.fields and rec.fields["id"] is None:
                # Known by its position when it gives no id, in the page's anchor and in the data alike.
                rec.fields["id"] = rec.id = model_fields.default_recommendation_id(number)

    # A short repr: a review travels in page metadata, and tools that log metadata (the macros
    # plugin formats it for its debug trace on every page) would otherwise print the whole review.
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

    def body_withheld_reason(self, today: dt.date | None = None) -> str | None:
        """Why the site must not show this review's body, or None if it may: WITHHELD_BY_RIGHTS
        (its terms allow only the summary and learning) or WITHHELD_EXPIRED (past publish_until).

        The one decision every page, briefing, search record and data file follows: what it
        withholds stays in the repository and nowhere else. Rights come first: a body never
        reproduced was never "published here until" a date.
        """
        # Absent only on a Review made without the check: then nothing says the text may be shown.
        if (self.fields.get("rights") or NOT_STATED) in model_fields.BODY_WITHHELD_RIGHTS:
            return WITHHELD_BY_RIGHTS
        if self.is_expired(today):
            return WITHHELD_EXPIRED
        return None


def _objects(model: tuple[Field, ...], values: dict[str, Any]) -> dict[str, Any]:
    """The values a Review holds: each list of mappings as objects, and the review's themes
    followed by its learning points' own themes, in order of first use."""
    out = dict(values)
    for f in model:
        if f.kind == "list" and f.item.kind == "mapping" and f.key in values:
            make = ITEM_CLASSES.get(f.key, Validated)
            out[f.key] = [make(f.item.fields, item) for item in values[f.key]]
    if "themes" in out:
        themes = list(out["themes"])
        for point in out.get("learning", []):
            themes += [t for t in point.fields.get("themes", []) if t not in themes]
        out["themes"] = themes
    return out


def build_review(src: SourceFile, slug: str, vocabulary: Vocabulary, today: dt.date | None = None) -> tuple[Review | None, list[Problem]]:
    """Validate a parsed file and, if it has no errors, make the Review."""
    if src.front is None:
        return None, []
    data, problems = check_front_matter(src.path, src.front, vocabulary, today)
    if any(p.is_error for p in problems):
        return None, problems
    review = Review(slug, src.path, data, body=src.body, body_line=src.body_line, lines=src.front.lines)
    return review, problems


def read_review(path: str | Path, vocabulary: Vocabulary, display: str | None = None, today: dt.date | None = None) -> tuple[Review | None, list[Problem]]:
    """Read, parse and validate one review file. Problems are returned, never raised."""
    path = Path(path)
    display = display or str(path)
    try:
        return _read_review(path, vocabulary, display, today)
    except Exception as exc:  # noqa: BLE001 - one file's failure is that file's problem (SPEC section 4)
        # Never expected: the reader and the rules return problems. If one raises all the same, the
        # other files are still checked and this one is refused, not published unchecked.
        return None, [Problem(display, 1, "file", f"cannot check the file ({type(exc).__name__}); simplify what changed "
                              "last and report this to the Casebook maintainers", rule="file-unreadable")]


def _read_review(path: Path, vocabulary: Vocabulary, display: str, today: dt.date | None) -> tuple[Review | None, list[Problem]]:
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
