"""The commented template `casebook new` writes, derived from the model so it never drifts from the rules."""

from __future__ import annotations

import re

from .model import FIELDS, NOT_STATED, Field

_PLACEHOLDER = "FILL-IN"


def slugify(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:60].rstrip("-") or "review"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _comment(f: Field) -> str:
    need = "required" if f.required else "optional"
    extra = ""
    if f.kind == "choice":
        extra = " One of: " + ", ".join(f.choices + ((NOT_STATED,) if f.not_stated else ())) + "."
    elif f.kind == "vocabulary" or (f.kind == "list" and f.item and f.item.kind == "vocabulary"):
        vocab = f.vocabulary or f.item.vocabulary
        extra = f" Slugs from vocabulary/{vocab.replace('_', '-')}.yml."
    elif f.not_stated:
        extra = f" Write {NOT_STATED} if the review does not say."
    return f"# {f.key} ({need}): {f.description}{extra}"


def review_template(title: str) -> str:
    """A new review file: every field explained; only the facts to fill in are left as FILL-IN."""
    lines = ["---"]
    for f in FIELDS:
        lines.append(_comment(f))
        if f.key == "title":
            lines.append(f"title: {_quote(title)}")
        elif f.key == "subject":
            lines += ["subject:", f"  name: {_PLACEHOLDER}  # how the review names them, e.g. Child Q", "  naming: pseudonym  # pseudonym, letter-or-initial or real-name-with-consent"]
        elif f.key == "themes":
            lines += ["themes:", f"  - {_PLACEHOLDER}"]
        elif f.key == "learning":
            lines += ["learning:", f"  - text: {_PLACEHOLDER}", "    themes:", f"      - {_PLACEHOLDER}"]
        elif f.key == "summary":
            lines.append(f"summary: {_PLACEHOLDER}")
        elif f.required:
            lines.append(f"{f.key}: {NOT_STATED if f.not_stated else _PLACEHOLDER}")
        else:
            lines.append(f"# {f.key}:")
    lines += ["---", "", "Paste the review's text here as Markdown: its headings as '##' lines, its numbered paragraphs as they are.", ""]
    return "\n".join(lines)
