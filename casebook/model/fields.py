"""The review file's fields and their rules (SPEC section 3): the one model every check reads.

The validator, the Review and its learning points and recommendations, the open data exports and
their schema, the /data/ page, the `casebook new` template, the field reference on /contributing/,
the metadata completeness page and the JSON Schema for editors are all derived from FIELDS and the
constants here; the rules are never written twice. A new field is one entry below. Each reader
looks FIELDS up when it runs (`fields.FIELDS`, not a copy taken at import), so a test can add a
field to a copy of the model and see it everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

NOT_STATED = "not-stated"
# What `casebook new` leaves where a fact must be filled in; the check names it as unfinished.
PLACEHOLDER = "FILL-IN"

NATIONS = ("england", "wales", "scotland", "northern-ireland")
OUTCOMES = ("died", "serious-harm")
NAMING = ("pseudonym", "letter-or-initial", "real-name-with-consent")
AGE_BANDS = ("unborn", "under-1", "1-4", "5-10", "11-15", "16-17", "18-24", "25-64", "65-plus")
# On what terms a review's text is reproduced (SPEC section 3); `not-stated` is accepted too.
RIGHTS = ("ogl-3.0", "cc-by-4.0", "with-permission", "provided-for-publication", "summary-only")
# Terms under which the page keeps the metadata, summary and learning and never shows the body.
BODY_WITHHELD_RIGHTS = ("summary-only", NOT_STATED)
# Terms that rest on an agreement only the note can record: who agreed, or who provided the text.
RIGHTS_NEEDING_NOTE = ("with-permission", "provided-for-publication")
RECOMMENDATION_STATUS = (NOT_STATED, "open", "in-progress", "complete", "not-accepted")
# The status that closes a recommendation: it needs evidence of what was done, and is never overdue.
COMPLETE = "complete"
# A recommendation's id: short, in the slug alphabet (either case, so that the default R1 fits);
# without one it is known by its position, R1, R2 ...
RECOMMENDATION_ID = r"[A-Za-z0-9]+(-[A-Za-z0-9]+)*"
RECOMMENDATION_ID_PREFIX = "R"
MAX_RECOMMENDATION_ID_CHARS = 20


def default_recommendation_id(position: int) -> str:
    """The id of the recommendation at `position` (1-based) that gives none: R1, R2 ..."""
    return f"{RECOMMENDATION_ID_PREFIX}{position}"


MAX_TITLE_CHARS = 120
MAX_SUMMARY_WORDS = 120

# The shapes of a date, as regular expressions both the validator and the JSON Schema use.
DATE_FORMS = {
    "YYYY": r"\d{4}",
    "YYYY-MM": r"\d{4}-(0[1-9]|1[0-2])",
    "YYYY-MM-DD": r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])",
}

# Plain text: what a text value must not contain, and the action that fixes it. A front-matter
# value is rendered as text, never as markup, so these would show as junk or be refused later.
PLAIN_TEXT_FORBIDDEN = (
    (r"\{\{|\{%|\{#", "remove the template syntax ('{{', '{%' or '{#'): front matter is plain text"),
    (r"</?[a-zA-Z][^>]*>|<!--", "remove the HTML: front matter is plain text"),
    (r"\]\([^)]*\)", "remove the Markdown link: front matter is plain text; put the address in 'source'"),
)

# Ways people write "the review does not say" that Casebook would otherwise publish as a fact.
NOT_STATED_LOOKALIKES = ("not-stated", "not stated", "notstated", "not_stated", "unknown", "n/a", "na", "none", "not known", "tbc")

# How each vocabulary is named in messages and where it lives.
VOCABULARIES = {
    "review_types": ("review type", "vocabulary/review-types.yml"),
    "themes": ("theme", "vocabulary/themes.yml"),
    "agencies": ("agency", "vocabulary/agencies.yml"),
    "harm_types": ("harm type", "vocabulary/harm-types.yml"),
}


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
    # An optional fact an editor should chase when it is missing (the completeness page lists it).
    chase: bool = False
    # For kind 'text': a regular expression the whole value must match (an id's alphabet).
    pattern: str = ""
    # The Python name the value goes by on a Review, LearningPoint or Recommendation, where the key
    # cannot be one ('for' is a keyword); empty means the key itself.
    attribute: str = ""

    @property
    def attribute_name(self) -> str:
        """The value's attribute name: review.title, learning_point.for_agencies."""
        return self.attribute or self.key

    @property
    def length_limits(self) -> str:
        """'at most 120 characters and at most 120 words', for the template and the field reference."""
        limits = []
        if self.max_chars:
            limits.append(f"at most {self.max_chars} characters")
        if self.max_words:
            limits.append(f"at most {self.max_words} words")
        return " and ".join(limits)

    @property
    def allowed(self) -> tuple[str, ...]:
        """The accepted values of a choice, 'not-stated' included where it is honest."""
        extra = (NOT_STATED,) if self.not_stated and NOT_STATED not in self.choices else ()
        return self.choices + extra


def _text(key, required, description, **kw):
    return Field(key, "text", required, description, **kw)


SUBJECT_FIELDS = (
    _text("name", True, "How the review names the child, adult or family, e.g. 'Family B' or 'Child Q'.", example="Child Q"),
    Field("naming", "choice", True, "What kind of name that is.", choices=NAMING, example="letter-or-initial"),
    Field("children", "integer", False, "How many children the review concerns.", example=1, chase=True),
    Field("age_bands", "list", False, "Age bands of the subjects at the time of the incident.",
          item=Field("age_band", "choice", True, "An age band.", choices=AGE_BANDS), example=["1-4"], chase=True),
)

LEARNING_FIELDS = (
    _text("text", True, "The learning point, in the review's own words where possible.",
          example="Share a concern about a baby's bruise with the GP the same day."),
    Field("themes", "list", True, "The themes this learning point is about (at least one).",
          item=Field("theme", "vocabulary", True, "A theme slug.", vocabulary="themes"), min_items=1, example=["information-sharing"]),
    Field("for", "list", False, "The agencies the learning is addressed to.",
          item=Field("agency", "vocabulary", True, "An agency slug.", vocabulary="agencies"), example=["health-visiting", "general-practice"],
          attribute="for_agencies"),
)

RECOMMENDATION_FIELDS = (
    _text("text", True, "The recommendation.", example="Publish the bruising protocol to every GP practice."),
    _text("id", False, "A short name for it, unique in the review, as the review numbers it; without one it is "
                       "known by its position: R1, R2 ...", example="R1", max_chars=MAX_RECOMMENDATION_ID_CHARS,
          pattern=RECOMMENDATION_ID),
    Field("for", "list", False, "The agencies it is addressed to.",
          item=Field("agency", "vocabulary", True, "An agency slug.", vocabulary="agencies"), example=["general-practice"],
          attribute="for_agencies"),
    Field("owner", "vocabulary", False, "The agency accountable for carrying it out.", vocabulary="agencies", example="general-practice"),
    Field("status", "choice", False, "How far it has been carried out, if the publisher says.", choices=RECOMMENDATION_STATUS, example="in-progress"),
    Field("due", "date", False, "When it is due to be complete: by the end of that month, or on that day.",
          date_forms=("YYYY-MM", "YYYY-MM-DD"), example="2025-03"),
    Field("updated", "date", False, "When its status last changed (required with any status but not-stated).",
          date_forms=("YYYY-MM", "YYYY-MM-DD"), example="2024-11-05"),
    _text("evidence", False, "What was done, and where that is reported (required with complete).",
          example="The protocol was sent to all 42 practices; the board's annual report, page 12."),
)

ALLOW_FIELDS = (
    _text("text", True, "The exact string the anonymisation check may accept.", example="0808 800 5000"),
    _text("reason", True, "Why it is safe to publish.", example="national helpline number"),
)

FIELDS: tuple[Field, ...] = (
    _text("title", True, "The review's published (anonymised) title.", max_chars=MAX_TITLE_CHARS, example="Child Q: Local Child Safeguarding Practice Review"),
    Field("review_type", "vocabulary", True, "The kind of review.", vocabulary="review_types", example="local-child-safeguarding-practice-review"),
    Field("nation", "choice", True, "The nation whose guidance the review follows.", choices=NATIONS, not_stated=True, example="england"),
    _text("publisher", True, "The partnership or board that published it.", not_stated=True, example="Anytown Safeguarding Children Partnership"),
    Field("published", "date", True, "Date of publication.", not_stated=True, date_forms=("YYYY", "YYYY-MM", "YYYY-MM-DD"), example="2021-03"),
    Field("incident", "date", False, "When the incident happened: the year or the month, never a full date (it could identify a child).", date_forms=("YYYY", "YYYY-MM"), example="2019", chase=True),
    _text("incident_note", False, "When the incident happened, in words the review uses.", example="Summer 2017"),
    Field("subject", "mapping", True, "Who the review is about.", fields=SUBJECT_FIELDS),
    Field("outcome", "choice", True, "What happened to the subject.", choices=OUTCOMES, not_stated=True, example="serious-harm"),
    Field("harm_types", "list", False, "The kinds of harm the review concerns.",
          item=Field("harm_type", "vocabulary", True, "A harm type slug.", vocabulary="harm_types"), example=["neglect"], chase=True),
    Field("agencies", "list", False, "The agencies and services the review examines.",
          item=Field("agency", "vocabulary", True, "An agency slug.", vocabulary="agencies"), example=["police", "childrens-social-care"], chase=True),
    Field("themes", "list", True, "The review's learning themes (at least one). Themes of learning points count too.",
          item=Field("theme", "vocabulary", True, "A theme slug.", vocabulary="themes"), min_items=1, example=["information-sharing"]),
    _text("summary", True, "What happened and what the review found, in plain text.", max_words=MAX_SUMMARY_WORDS,
          example="A baby was seen with a bruise that nobody referred. The review found ..."),
    Field("learning", "list", True, "The review's learning points (the list may be empty).",
          item=Field("learning_point", "mapping", True, "A learning point.", fields=LEARNING_FIELDS)),
    Field("recommendations", "list", False, "The review's recommendations.",
          item=Field("recommendation", "mapping", True, "A recommendation.", fields=RECOMMENDATION_FIELDS), chase=True),
    Field("source", "url", True, "The publisher's own page or document for the review (https://).", not_stated=True, example="https://example.org/reviews/child-q.pdf"),
    Field("publish_until", "date", False, "After this date the page keeps its metadata, summary and learning and drops the body.", date_forms=("YYYY-MM-DD",), example="2031-12-31"),
    Field("keywords", "list", False, "Extra words for search.", item=_text("keyword", True, "A keyword."), example=["bruising"]),
    Field("rights", "choice", True, "On what terms the review's text is reproduced here: with summary-only, or if "
          "the review does not say, the page shows its facts, summary and learning and links to its source, never its text.",
          choices=RIGHTS, not_stated=True, example="ogl-3.0"),
    _text("rights_note", False, "Who holds the copyright and what they agreed (needed with with-permission and "
          "provided-for-publication).", example="Reproduced with the permission of Anytown Safeguarding Children Partnership, given by email in March 2024."),
    Field("allow", "list", False, "Exact strings the anonymisation check may accept, each with a reason.",
          item=Field("allowance", "mapping", True, "An accepted string.", fields=ALLOW_FIELDS)),
)

FIELDS_BY_KEY = {f.key: f for f in FIELDS}
