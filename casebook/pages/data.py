"""The /data/ page: the downloads and every field in them, described from the model itself.

Nothing here is written by hand about a field: the descriptions, types and allowed values come
from casebook.model.FIELDS and the exports' column lists, so the page cannot fall behind them.
"""

from __future__ import annotations

from casebook.exports.open_data import (
    LEARNING_ID,
    LEARNING_URL,
    NOT_EXPORTED,
    RECOMMENDATION_OVERDUE,
    RECOMMENDATION_URL,
    exported_fields,
    learning_columns,
    recommendation_columns,
    review_columns,
)
from casebook.exports.feed import FEED_SIZE
from casebook.library.collection import Library
from casebook.model.fields import NOT_STATED, Field
from casebook.model import labels
from casebook.model.labels import NOT_STATED_LABEL
from casebook.pages.themes import md_text

_VOCABULARY_NAMES = {
    "themes": "a theme slug (see themes.json)",
    "review_types": "a review type slug",
    "agencies": "an agency slug",
    "harm_types": "a harm type slug",
}


def describe_type(f: Field) -> str:
    """A field's type and values, in words, as exported to JSON."""
    if f.kind == "list":
        return "list of " + ("objects (below)" if f.item.kind == "mapping" else describe_type(f.item))
    if f.kind == "mapping":
        return "object (below)"
    if f.kind == "choice":
        text = "one of " + ", ".join(f"`{c}`" for c in f.choices if c != NOT_STATED)
    elif f.kind == "vocabulary":
        text = _VOCABULARY_NAMES[f.vocabulary]
    elif f.kind == "date":
        text = "date as text: " + " or ".join(f.date_forms)
    elif f.kind == "integer":
        text = "whole number"
    elif f.kind == "url":
        text = "https:// address"
    else:
        text = "text" + (f", at most {f.max_chars} characters" if f.max_chars else "")
        text += f", at most {f.max_words} words" if f.max_words else ""
    if f.not_stated or (f.kind == "choice" and NOT_STATED in f.choices):
        text += "; null when the review does not say"
    elif not f.required:
        text += "; null when not given"
    return text


def _with_code(text: str) -> str:
    """Text made safe for Markdown except its `code` spans (vocabulary values), which stay code."""
    parts = text.split("`")
    return "".join(f"`{part}`" if i % 2 else _spaced(part, md_text(part)) for i, part in enumerate(parts))


def _spaced(original: str, escaped: str) -> str:
    # md_text trims; the spaces around a code span are part of the sentence ("one of `open`, `closed`").
    lead = " " if original[:1].isspace() else ""
    trail = " " if original[-1:].isspace() and original.strip() else ""
    return lead + escaped + trail


def _rows(fields, prefix: str = "") -> list[str]:
    rows = []
    for f in fields:
        rows.append(f"| `{prefix}{f.key}` | {_with_code(describe_type(f))} | {md_text(f.description)} |")
        if f.kind == "mapping":
            rows += _rows(f.fields, f"{prefix}{f.key}.")
        elif f.kind == "list" and f.item.kind == "mapping":
            extra = []
            if f.key == "learning":
                extra = [
                    f"| `learning[].id` | text | {md_text(LEARNING_ID[1])} |",
                    f"| `learning[].url` | address | {md_text(LEARNING_URL[1])} |",
                ]
            if f.key == "recommendations":
                extra = [
                    f"| `recommendations[].{RECOMMENDATION_OVERDUE[0]}` | true or false | {_with_code(RECOMMENDATION_OVERDUE[1])} |",
                    f"| `recommendations[].{RECOMMENDATION_URL[0]}` | address | {md_text(RECOMMENDATION_URL[1])} |",
                ]
                rows += _rows(f.item.fields, f"{prefix}{f.key}[].") + extra
                continue
            rows += extra + _rows(f.item.fields, f"{prefix}{f.key}[].")
    return rows


# The licence of what Casebook generates (LICENSE), and of a download that also quotes reviews.
_OPEN = f"[CC BY 4.0]({labels.RIGHTS_URLS['cc-by-4.0']})"
_QUOTES_REVIEWS = f"{_OPEN}; each review's words under its `rights`"


def data_page(library: Library, with_feed: bool = True) -> str:
    n_reviews, n_learning = len(library.reviews), library.learning_count
    out = [
        "# Data",
        "",
        "Everything in the library, free to download and reuse: the reviews' facts, their learning points "
        "and the themes, regenerated on every build from the same files as the pages. "
        f"Today: {n_reviews} {'review' if n_reviews == 1 else 'reviews'} and "
        f"{n_learning} learning {'point' if n_learning == 1 else 'points'}.",
        "",
        "| File | What it holds | Licence |",
        "| --- | --- | --- |",
        f"| [reviews.json](reviews.json) | Every review: its facts, summary, learning points and recommendations. | {_QUOTES_REVIEWS} |",
        f"| [reviews.schema.json](reviews.schema.json) | The JSON Schema that reviews.json follows. | {_OPEN} |",
        f"| [reviews.csv](reviews.csv) | One row per review, for a spreadsheet. | {_QUOTES_REVIEWS} |",
        f"| [learning.csv](learning.csv) | One row per learning point. | {_QUOTES_REVIEWS} |",
        "| [recommendations.csv](recommendations.csv) | One row per recommendation: who owns it, its status, "
        f"when it is due and whether it is overdue. | {_QUOTES_REVIEWS} |",
        f"| [themes.json](themes.json) | The themes, with how many reviews and learning points each has. | {_OPEN} |",
    ]
    if with_feed:
        out.append(f"| [feed.xml](../feed.xml) | An Atom feed of the {FEED_SIZE} newest reviews, for a feed reader. | {_QUOTES_REVIEWS} |")
    out += [
        "",
        f"The data and the themes are under the {_OPEN} licence: reuse them for any purpose, saying where they "
        "came from. The words of a review in them (its summary, learning points and recommendations) remain "
        "its publisher's, on the terms each review's `rights` field gives (the `rights` column of reviews.csv).",
        "",
        "## How to read it { #conventions }",
        "",
        f"- **{NOT_STATED_LABEL}.** Where a review does not give a fact (`{NOT_STATED}` in its file), the JSON has `null` "
        "and the CSV an empty cell. Nothing is guessed.",
        "- **Dates** are text: a year (`2021`), a month (`2021-03`) or a day (`2021-03-15`), as precise as the "
        "review says. The incident is never given to the day.",
        "- **Themes** of a review include the themes of its learning points. A broader theme's counts in "
        "themes.json include its narrower themes.",
        "- **Counts** published here are counts of reviews and learning points, never counts of children "
        "by age or circumstance: with small numbers those could point to a family.",
        "- **CSV files** follow RFC 4180: UTF-8, comma-separated, a header row, lines ending CRLF, fields "
        "quoted when they hold a comma, a quote or a line break. Lists are joined with `; `. A cell that "
        "would begin with `=`, `+`, `-` or `@` begins with an apostrophe instead, so that a spreadsheet "
        "shows it as text rather than running it as a formula; remove the apostrophe if you read the file "
        "with a program. To open a file in Excel with its accents and quotation marks intact, use "
        "Data, From Text/CSV, and choose UTF-8.",
        f"- **Left out:** {', '.join(f'`{k}`' for k in NOT_EXPORTED)} (the strings the anonymisation check was "
        "told to accept, which are editorial working rather than facts), and the reviews' full text, which "
        "stays with its publisher.",
        "- **`schema_version`** changes when a field changes meaning or is removed; new fields may be added "
        "without changing it.",
        "",
        "## reviews.json { #reviews-json }",
        "",
        "`{\"schema_version\": 1, \"generated\": \"<ISO 8601 time>\", \"reviews\": [...]}`, newest publication first. "
        "Each review has these fields:",
        "",
        "| Field | Type | What it holds |",
        "| --- | --- | --- |",
        f"| `slug` | text | {md_text(review_columns()[0][1])} |",
        f"| `url` | address | {md_text(review_columns()[1][1])} |",
    ]
    out += _rows(exported_fields())
    out += [
        "",
        "## reviews.csv { #reviews-csv }",
        "",
        "| Column | What it holds |",
        "| --- | --- |",
    ]
    out += [f"| `{name}` | {md_text(desc)} |" for name, desc in review_columns()]
    out += [
        "",
        "## learning.csv { #learning-csv }",
        "",
        "| Column | What it holds |",
        "| --- | --- |",
    ]
    out += [f"| `{name}` | {md_text(desc)} |" for name, desc in learning_columns()]
    out += [
        "",
        "## recommendations.csv { #recommendations-csv }",
        "",
        "One row per recommendation, newest review first, as on [Actions](../actions/index.md). `overdue` is worked out "
        "on the build date: the day in `generated` of reviews.json.",
        "",
        "| Column | What it holds |",
        "| --- | --- |",
    ]
    out += [f"| `{name}` | {_with_code(desc)} |" for name, desc in recommendation_columns()]
    out += [
        "",
        "## themes.json { #themes-json }",
        "",
        "`{\"schema_version\": 1, \"generated\": ..., \"themes\": [...]}`, in the vocabulary's order. Each theme has "
        "`slug`, `url`, `name`, `definition`, `parent` (the broader theme's slug, or null), `children` (the "
        "narrower themes' slugs), `synonyms`, `questions` (for reflection), `reviews` (how many reviews have the "
        "theme or a narrower one) and `learning_points` (how many learning points are tagged with it or a "
        "narrower one).",
        "",
    ]
    if with_feed:
        out += [
            "## feed.xml { #feed }",
            "",
            f"An Atom feed (RFC 4287) of the {FEED_SIZE} reviews published most recently, newest first: each entry "
            "has the review's title, address, publication date, publisher, themes (as categories) and summary. "
            "Reviews whose publication date is not stated are not in the feed; they are in reviews.json.",
            "",
        ]
    return "\n".join(out)
