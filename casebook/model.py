"""The review file's fields and their rules (SPEC section 3): the one model every check reads.

The validator, the `casebook new` template, the field reference on /contributing/ and the JSON
Schema for editors are all derived from FIELDS; the rules are never written twice.
"""

from __future__ import annotations

from dataclasses import dataclass

NOT_STATED = "not-stated"

NATIONS = ("england", "wales", "scotland", "northern-ireland")
OUTCOMES = ("died", "serious-harm")
NAMING = ("pseudonym", "letter-or-initial", "real-name-with-consent")
AGE_BANDS = ("unborn", "under-1", "1-4", "5-10", "11-15", "16-17", "18-24", "25-64", "65-plus")
RECOMMENDATION_STATUS = (NOT_STATED, "open", "in-progress", "complete")

MAX_TITLE_CHARS = 120
MAX_SUMMARY_WORDS = 120


@dataclass(frozen=True)
class Field:
    """One key of the front matter, or of a mapping inside it."""

    key: str
    kind: str  # text | url | choice | vocabulary | date | integer | list | mapping
    required: bool
    description: str
    example: object = None
    choices: tuple[str, ...] = ()  # for kind 'choice'
    vocabulary: str = ""  # for kind 'vocabulary': themes | review_types | agencies | harm_types
    not_stated: bool = False  # 'not-stated' is an accepted, honest value
    date_forms: tuple[str, ...] = ()  # for kind 'date': which of YYYY, YYYY-MM, YYYY-MM-DD
    max_chars: int = 0
    max_words: int = 0
    item: "Field | None" = None  # for kind 'list'
    fields: tuple["Field", ...] = ()  # for kind 'mapping'
    min_items: int = 0


def _text(key, required, description, **kw):
    return Field(key, "text", required, description, **kw)


SUBJECT_FIELDS = (
    _text("name", True, "How the review names the child, adult or family, e.g. 'Family B' or 'Child Q'.", example="Child Q"),
    Field("naming", "choice", True, "What kind of name that is.", choices=NAMING, example="letter-or-initial"),
    Field("children", "integer", False, "How many children the review concerns.", example=1),
    Field("age_bands", "list", False, "Age bands of the subjects at the time of the incident.",
          item=Field("age_band", "choice", True, "An age band.", choices=AGE_BANDS), example=["1-4"]),
)

LEARNING_FIELDS = (
    _text("text", True, "The learning point, in the review's own words where possible."),
    Field("themes", "list", True, "The themes this learning point is about (at least one).",
          item=Field("theme", "vocabulary", True, "A theme slug.", vocabulary="themes"), min_items=1),
    Field("for", "list", False, "The agencies the learning is addressed to.",
          item=Field("agency", "vocabulary", True, "An agency slug.", vocabulary="agencies")),
)

RECOMMENDATION_FIELDS = (
    _text("text", True, "The recommendation."),
    Field("for", "list", False, "The agencies it is addressed to.",
          item=Field("agency", "vocabulary", True, "An agency slug.", vocabulary="agencies")),
    Field("status", "choice", False, "How far it has been carried out, if the publisher says.", choices=RECOMMENDATION_STATUS),
)

ALLOW_FIELDS = (
    _text("text", True, "The exact string the anonymisation check may accept."),
    _text("reason", True, "Why it is safe to publish (e.g. 'national helpline number')."),
)

FIELDS: tuple[Field, ...] = (
    _text("title", True, "The review's published (anonymised) title.", max_chars=MAX_TITLE_CHARS, example="Child Q: Local Child Safeguarding Practice Review"),
    Field("review_type", "vocabulary", True, "The kind of review.", vocabulary="review_types", example="local-child-safeguarding-practice-review"),
    Field("nation", "choice", True, "The nation whose guidance the review follows.", choices=NATIONS, not_stated=True, example="england"),
    _text("publisher", True, "The partnership or board that published it.", not_stated=True, example="Anytown Safeguarding Children Partnership"),
    Field("published", "date", True, "Date of publication.", not_stated=True, date_forms=("YYYY", "YYYY-MM", "YYYY-MM-DD"), example="2021-03"),
    Field("incident", "date", False, "When the incident happened (never a full date).", date_forms=("YYYY", "YYYY-MM"), example="2019"),
    _text("incident_note", False, "When the incident happened, in words the review uses.", example="Summer 2017"),
    Field("subject", "mapping", True, "Who the review is about.", fields=SUBJECT_FIELDS),
    Field("outcome", "choice", True, "What happened to the subject.", choices=OUTCOMES, not_stated=True, example="serious-harm"),
    Field("harm_types", "list", False, "The kinds of harm the review concerns.",
          item=Field("harm_type", "vocabulary", True, "A harm type slug.", vocabulary="harm_types"), example=["neglect"]),
    Field("agencies", "list", False, "The agencies and services the review examines.",
          item=Field("agency", "vocabulary", True, "An agency slug.", vocabulary="agencies"), example=["police", "childrens-social-care"]),
    Field("themes", "list", True, "The review's learning themes (at least one). Themes of learning points count too.",
          item=Field("theme", "vocabulary", True, "A theme slug.", vocabulary="themes"), min_items=1, example=["information-sharing"]),
    _text("summary", True, "What happened and what the review found, in plain text.", max_words=MAX_SUMMARY_WORDS),
    Field("learning", "list", True, "The review's learning points (the list may be empty).",
          item=Field("learning_point", "mapping", True, "A learning point.", fields=LEARNING_FIELDS)),
    Field("recommendations", "list", False, "The review's recommendations.",
          item=Field("recommendation", "mapping", True, "A recommendation.", fields=RECOMMENDATION_FIELDS)),
    Field("source", "url", True, "The publisher's own page or document for the review (https://).", not_stated=True, example="https://example.org/reviews/child-q.pdf"),
    Field("publish_until", "date", False, "After this date the page keeps its metadata, summary and learning and drops the body.", date_forms=("YYYY-MM-DD",)),
    Field("keywords", "list", False, "Extra words for search.", item=_text("keyword", True, "A keyword.")),
    Field("allow", "list", False, "Exact strings the anonymisation check may accept, each with a reason.",
          item=Field("allowance", "mapping", True, "An accepted string.", fields=ALLOW_FIELDS)),
)

FIELDS_BY_KEY = {f.key: f for f in FIELDS}
