"""The commented template `casebook new` writes, derived from the model so it never drifts from the rules.

Every required fact is left as FILL-IN (the check names each one until it is replaced), so that
nothing is published by default, not even `not-stated`: the contributor decides each fact. Optional
fields are commented out with an example. Comments sit on their own lines because YAML would drop
a ' # comment' after a text value silently.
"""

from __future__ import annotations

import re

from casebook.model import fields as model_fields
from casebook.model.fields import NOT_STATED, PLACEHOLDER, VOCABULARIES, Field

_PLACEHOLDER = PLACEHOLDER


def slugify(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:60].rstrip("-") or "review"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _allowed(f: Field) -> str:
    """What a field accepts, in a few words."""
    target = f.item if f.kind == "list" and f.item is not None else f
    if target.kind == "choice":
        values = ", ".join(target.choices)
        return f"One of: {values}." if target is f else f"Each one of: {values}."
    if target.kind == "vocabulary":
        return f"Slugs from {VOCABULARIES[target.vocabulary][1]} (the list is on /contributing/)."
    if f.kind == "date":
        forms = " or ".join(f'"{d}"' for d in f.date_forms)
        return f"Written {forms}, in quotes."
    if f.kind == "url":
        return "An https:// address."
    if f.kind == "integer":
        return "A whole number."
    if f.pattern:
        return f"Letters, digits and hyphens, {f.length_limits}."
    return f"Plain text, {f.length_limits}." if f.length_limits else ""


def _comment(f: Field, indent: str = "") -> list[str]:
    need = "required" if f.required else "optional"
    parts = [f"{f.key} ({need}): {f.description}", _allowed(f)]
    if f.not_stated:
        parts.append(f"Write {NOT_STATED} if the review does not say.")
    return [f"{indent}# " + " ".join(p for p in parts if p)]


def _yaml(value) -> str:
    """An example value as YAML, quoted only where YAML would otherwise change it."""
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    if isinstance(value, str):
        return value if _PLAIN_SAFE.fullmatch(value) and not _PLAIN_UNSAFE.fullmatch(value) else _quote(value)
    return str(value)


_PLAIN_SAFE = re.compile(r"[A-Za-z][A-Za-z0-9 .,'\-]*")
_PLAIN_UNSAFE = re.compile(r"(?i)yes|no|on|off|true|false|y|n|null")


def _mapping_lines(fields: tuple[Field, ...], indent: str, list_item: bool = False) -> list[str]:
    """The keys of a mapping (subject, a learning point): required ones FILL-IN, optional ones commented out.

    In a list item the first key written carries the '- ' that starts the item.
    """
    lines: list[str] = []
    dash = list_item
    for f in fields:
        lead = indent[:-2] + "- " if dash else indent
        lines += _comment(f, indent[:-2] if dash else indent)
        if not f.required:
            example = _yaml(f.example) if f.example is not None else "..."
            lines.append(f"{indent}# {f.key}: {example}")
            continue
        if f.kind == "list":
            lines += [f"{lead}{f.key}:", f"{indent}  - {_PLACEHOLDER}"]
        else:
            lines.append(f"{lead}{f.key}: {_PLACEHOLDER}")
        dash = False
    return lines


def _example_item(fields: tuple[Field, ...], indent: str) -> list[str]:
    """One list item with every key filled in from the model's examples (for commented-out fields),
    each key after the explanation of it: uncommented, the explanations stay comments."""
    out = []
    for i, f in enumerate(fields):
        lead = indent + ("- " if i == 0 else "  ")
        out += _comment(f, indent + "  ")
        out.append(f"{lead}{f.key}: {_yaml(f.example) if f.example is not None else '...'}")
    return out


def review_template(title: str) -> str:
    """A new review file: every field explained; every required fact left as FILL-IN."""
    lines = ["---", f"# Replace every {_PLACEHOLDER}, then run: casebook check",
             "# Every field and its allowed values: the Contributing page of the site (/contributing/)."]
    for f in model_fields.FIELDS:
        lines += _comment(f)
        if f.kind == "mapping":
            lines += [f"{f.key}:"] + _mapping_lines(f.fields, "  ")
        elif f.kind == "list" and f.item is not None and f.item.kind == "mapping":
            if f.required:
                lines += [f"{f.key}:", "  # One item per point, each starting with '- '. Write [] instead if there are none."]
                lines += _mapping_lines(f.item.fields, "    ", list_item=True)
            else:
                lines.append(f"# {f.key}:")
                lines += ["# " + line for line in _example_item(f.item.fields, "  ")]
        elif f.key == "title":
            lines.append(f"title: {_quote(title)}")
        elif f.required and f.kind == "list":
            lines += [f"{f.key}:", f"  - {_PLACEHOLDER}"]
        elif f.required:
            lines.append(f"{f.key}: {_PLACEHOLDER}")
        else:
            example = _yaml(f.example) if f.example is not None else "..."
            lines.append(f"# {f.key}: {example}")
    lines += ["---", "", "Paste the review's text here as Markdown: its headings as '##' lines, its numbered paragraphs as they are.", ""]
    return "\n".join(lines)
