"""The field reference on /contributing/: every field, its rules and the vocabularies, generated
from casebook.model and vocabulary/*.yml at build time, so that the page can never disagree with
what `casebook check` accepts.

docs/contributing.md holds the hand-written part and a marker line; the build puts the reference
where the marker is (or at the end of the page if the marker is missing).
"""

from __future__ import annotations

from casebook.model import fields as model_fields
from casebook.model.fields import DATE_FORMS, MAX_SUMMARY_WORDS, MAX_TITLE_CHARS, NOT_STATED, PLACEHOLDER, VOCABULARIES, Field
from casebook.model import labels
from casebook.model.labels import NOT_STATED_LABEL
from casebook.pages.rule_reference import with_rule_reference
from casebook.pages.themes import md_text
from casebook.model.vocabulary import Term, Vocabulary

MARKER = "<!-- casebook: field reference -->"

# The anchors of the vocabulary sections, linked from the field tables.
_ANCHOR = {"review_types": "review-types", "themes": "themes", "agencies": "agencies", "harm_types": "harm-types"}
_HEADING = {"review_types": "Review types", "themes": "Themes", "agencies": "Agencies", "harm_types": "Harm types"}


def _code_list(values) -> str:
    return ", ".join(f"`{v}`" for v in values)


def _what_to_write(f: Field) -> str:
    """The allowed values of a field, in a table cell."""
    if f.kind == "list" and f.item is not None:
        inner = f.item
        if inner.kind == "mapping":
            what = f"A list; each item has the keys in [{f.key}](#field-{f.key})"
        elif inner.kind == "vocabulary":
            what = f"A list of {VOCABULARIES[inner.vocabulary][0]} slugs (see [{_HEADING[inner.vocabulary]}](#{_ANCHOR[inner.vocabulary]}))"
        elif inner.kind == "choice":
            what = f"A list of: {_code_list(inner.choices)}"
        else:
            what = "A list of plain-text words"
        if f.min_items:
            what += f", at least {f.min_items}"
        elif f.required:
            what += "; `[]` if there are none"
        return what + "."
    if f.kind == "mapping":
        return f"The keys in [{f.key}](#field-{f.key})."
    if f.kind == "vocabulary":
        return f"A {VOCABULARIES[f.vocabulary][0]} slug (see [{_HEADING[f.vocabulary]}](#{_ANCHOR[f.vocabulary]}))."
    if f.kind == "choice":
        return f"One of {_code_list(f.allowed)}."
    if f.kind == "date":
        what = "In quotes: " + " or ".join(f'`"{d}"`' for d in f.date_forms)
        return what + (f", or `{NOT_STATED}`." if f.not_stated else ".")
    if f.kind == "url":
        return "An `https://` address" + (f", or `{NOT_STATED}`." if f.not_stated else ".")
    if f.kind == "integer":
        return "A whole number."
    what = ("Letters, digits and hyphens" if f.pattern else "Plain text") + (", " + f.length_limits if f.length_limits else "")
    return what + (f", or `{NOT_STATED}`." if f.not_stated else ".")


def _field_table(fields: tuple[Field, ...]) -> list[str]:
    rows = ["| Field | Required | What it is | What to write |", "|---|---|---|---|"]
    for f in fields:
        rows.append(f"| `{f.key}` | {'yes' if f.required else 'no'} | {md_text(f.description)} | {_what_to_write(f)} |")
    return rows


def _nested(fields: tuple[Field, ...]):
    """The mappings inside the front matter that get their own table: subject, learning, ..."""
    for f in fields:
        inner = f.item if f.kind == "list" and f.item is not None else f
        if inner.kind == "mapping":
            yield f, inner


def _terms_table(terms: dict[str, Term], with_nations: bool = False) -> list[str]:
    head = "| Slug | Name | Also called |" + (" Used in |" if with_nations else "")
    rows = [head, "|---|---|---|" + ("---|" if with_nations else "")]
    for slug, term in terms.items():
        row = f"| `{slug}` | {md_text(term.name)} | {md_text(', '.join(term.synonyms)) or '–'} |"
        if with_nations:
            row += f" {md_text(', '.join(labels.nation(n) for n in term.nations)) or '–'} |"
        rows.append(row)
    return rows


def _themes_table(vocabulary: Vocabulary) -> list[str]:
    rows = ["| Slug | Theme | Broader theme | Definition |", "|---|---|---|---|"]

    def add(slug: str, depth: int) -> None:
        theme = vocabulary.themes[slug]
        parent = f"`{theme.parent}`" if theme.parent else "–"
        rows.append(f"| `{slug}` | {md_text(theme.name)} | {parent} | {md_text(theme.definition)} |")
        for child in theme.children:
            add(child, depth + 1)

    # Broader themes first, each followed by its narrower ones, as on /themes/.
    for theme in vocabulary.top_level_themes():
        add(theme.slug, 0)
    return rows


def field_reference(vocabulary: Vocabulary) -> str:
    """The Markdown of the field reference: fields, nested fields, rules, and every vocabulary."""
    out = [
        "## Field reference { #field-reference }",
        "",
        "Generated from `casebook/model/fields.py` and `vocabulary/*.yml` when the site is built: it is exactly "
        "what `casebook check` accepts. Editors with YAML support can use the same rules as a JSON Schema: "
        "[review.schema.json](data/review.schema.json).",
        "",
        "### Front matter { #field-front-matter }",
        "",
        *_field_table(model_fields.FIELDS),
        "",
    ]
    for f, mapping in _nested(model_fields.FIELDS):
        whose = f"each item of `{f.key}`" if f.kind == "list" else f"`{f.key}`"
        out += [f"### {f.key} {{ #field-{f.key} }}", "", f"The keys of {whose}:", "", *_field_table(mapping.fields), ""]
    out += [
        "### Rules for every value { #field-rules }",
        "",
        f"- `{NOT_STATED}` is an honest value where a field allows it: the page shows \"{NOT_STATED_LABEL}\", the "
        "data downloads carry `null`, and nothing is guessed. Never invent a fact about a real review. "
        "The [metadata completeness](completeness.md) page lists every review's unstated facts.",
        "- Plain text means no HTML, no Markdown links (put the address in `source`) and no template "
        "syntax (`{{`, `{%`, `{#`).",
        f"- A title has at most {MAX_TITLE_CHARS} characters; a summary at most {MAX_SUMMARY_WORDS} words.",
        "- Put dates in quotes: " + ", ".join(f'`"{d}"`' for d in DATE_FORMS) + ". "
        "An incident is never given as a full date: a full date can identify a child.",
        "- Quote any text YAML would change: `no`, `yes`, `on`, `off`, `true`, numbers such as `007`, and text "
        "containing `: ` or ` #` (YAML drops everything after ` #` as a comment).",
        "- Unknown keys, unknown slugs and values out of range are errors; the check offers the closest valid one.",
        f"- `{PLACEHOLDER}` is what `casebook new` leaves to be filled in; the check refuses it.",
        "",
    ]
    for name in ("review_types", "themes", "agencies", "harm_types"):
        out += [f"### {_HEADING[name]} {{ #{_ANCHOR[name]} }}", "", f"From `{VOCABULARIES[name][1]}`.", ""]
        if name == "themes":
            out += _themes_table(vocabulary)
        else:
            out += _terms_table(getattr(vocabulary, name), with_nations=name == "review_types")
        out.append("")
    return "\n".join(out)


def with_field_reference(markdown: str, vocabulary: Vocabulary) -> str:
    """The contributing page with the generated references in place of their markers."""
    markdown = with_rule_reference(markdown)
    reference = field_reference(vocabulary)
    if MARKER in markdown:
        return markdown.replace(MARKER, reference, 1)
    return markdown.rstrip() + "\n\n" + reference
