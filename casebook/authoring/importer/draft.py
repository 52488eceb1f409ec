"""The draft review file: front matter with a `# CONFIRM:` line above every value the import filled
in (saying where it came from), `not-stated` for every fact the report does not state, FILL-IN for
what only a person can write, and the report's body below.

Comments sit on their own lines: YAML drops a ' # comment' after a value silently, and the check
(rule import-unconfirmed) finds them there.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from casebook.authoring.importer.parts import Fact, Parts, Point
from casebook.authoring.importer.themes import Suggestion, describe
from casebook.model.fields import NOT_STATED, PLACEHOLDER

CONFIRM = "# CONFIRM:"
WRAP = 96


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _folded(key: str, text: str, indent: str) -> list[str]:
    """`key: >-` with the text wrapped at spaces, if YAML reads it back unchanged; else one quoted line."""
    words = text.split(" ")
    lines, line = [], ""
    for word in words:
        if line and len(indent) + 2 + len(line) + 1 + len(word) > WRAP:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    block = [f"{indent}{key}: >-"] + [f"{indent}  {l}" for l in lines]
    try:
        back = yaml.safe_load("\n".join(l[len(indent):] for l in block))
    except yaml.YAMLError:
        back = None
    if isinstance(back, dict) and back.get(key) == text:
        return block
    return [f"{indent}{key}: {quote(text)}"]


@dataclass
class PointThemes:
    """The suggestion for one learning point or recommendation."""

    suggestions: list[Suggestion]
    closest: list[str]

    @property
    def slugs(self) -> list[str]:
        return [s.slug for s in self.suggestions]


def _comment_for(themes: PointThemes) -> str:
    if themes.suggestions:
        return "# suggested: " + "; ".join(f"{s.slug} from {describe(s)}" for s in themes.suggestions)
    return "# no theme's name or synonym occurs in it; the closest themes: " + ", ".join(themes.closest)


def _fact_line(key: str, fact: Fact | None, indent: str = "", what: str = "", quoted: bool = True) -> list[str]:
    label = key.split(".")[-1]
    if fact is None:
        return [f"{indent}{label}: {NOT_STATED}"]
    source = what or f'from "{_short(fact.words)}"'
    value = quote(fact.value) if quoted else fact.value
    return [f"{indent}{CONFIRM} {key}: {source} (page {fact.page})", f"{indent}{label}: {value}"]


def _short(words: str, limit: int = 80) -> str:
    words = " ".join(words.split()).replace('"', "'")
    return words if len(words) <= limit else words[: limit - 3].rstrip() + "..."


def draft_front_matter(parts: Parts, learning_themes: list[PointThemes], recommendation_themes: list[PointThemes],
                       review_themes: list[str], review_closest: list[str], report_name: str, kind: str, pages: int) -> str:
    facts = parts.facts
    lines = [
        "---",
        f"# A draft written by `casebook import` from {report_name} ({kind}, {pages} pages). Before publishing:",
        "# check each value under a '# CONFIRM:' line against the report, correct it if need be, then delete",
        "# that line; replace each FILL-IN; add nothing the report does not state ('not-stated' is honest).",
        "# `casebook check` lists exactly what is left. Every field is explained on /contributing/.",
    ]
    if parts.title:
        if parts.title != parts.title_as_printed:
            source = f'printed "{_short(parts.title_as_printed, 120)}" on page {parts.title_page}; only its capitals were changed'
        else:
            source = f"the title as printed on page {parts.title_page}"
        lines += [f"{CONFIRM} title: {source}", f"title: {quote(parts.title)}"]
    else:
        lines.append(f"title: {PLACEHOLDER}")
    review_type = facts.get("review_type")
    if review_type:
        lines += _fact_line("review_type", review_type, what=f'from the words "{review_type.words}"', quoted=False)
    else:
        lines.append(f"review_type: {PLACEHOLDER}")
    lines.append(f"nation: {NOT_STATED}")
    lines += _fact_line("publisher", facts.get("publisher"))
    lines += _fact_line("published", facts.get("published"))
    if "incident" in facts:
        lines += _fact_line("incident", facts["incident"])
    if "incident_note" in facts:
        lines += _fact_line("incident_note", facts["incident_note"], what="the report's own words")
    lines.append("subject:")
    if "subject.name" in facts:
        name = facts["subject.name"]
        lines += [f"  {CONFIRM} subject.name: from the title (page {name.page})", f"  name: {quote(name.value)}",
                  f"  {CONFIRM} subject.naming: '{name.value}' names them by a letter",
                  "  naming: letter-or-initial"]
    else:
        lines += [f"  name: {PLACEHOLDER}", f"  naming: {PLACEHOLDER}"]
    lines.append(f"outcome: {NOT_STATED}")
    if review_themes:
        lines += [f"{CONFIRM} themes: suggested from the learning points and recommendations below; keep those the review is about",
                  "themes:"] + [f"  - {slug}" for slug in review_themes]
    else:
        lines += ["# no learning point or recommendation names a theme; the closest themes: " + ", ".join(review_closest),
                  "themes:", f"  - {PLACEHOLDER}"]
    lines.append(f"summary: {PLACEHOLDER}")
    lines += _points_lines("learning", parts.learning, learning_themes, parts.learning_section, with_themes=True)
    lines += _points_lines("recommendations", parts.recommendations, recommendation_themes, parts.recommendations_section, with_themes=False)
    # A report rarely states the terms it may be reproduced on; not stated, only its facts, summary
    # and learning are published (never its text) until a person writes the terms its publisher gives.
    lines += [f"source: {NOT_STATED}",
              "# rights: the terms the publisher gives (ogl-3.0, cc-by-4.0, with-permission ...); while not-stated,",
              "# the site shows the facts, summary and learning, never the report's text",
              f"rights: {NOT_STATED}", "---"]
    return "\n".join(lines) + "\n"


def _points_lines(key: str, points: list[Point], themes: list[PointThemes], section: str, with_themes: bool) -> list[str]:
    if not points:
        what = "learning points" if key == "learning" else "recommendations"
        return [f"# the import found no {what}: copy them from the report if it has any", f"{key}: []"]
    out = [f"{key}:"]
    where = f'under "{_short(section, 70)}"' if section and not section.startswith("the list") else "in the report"
    for n, (point, suggestion) in enumerate(zip(points, themes), start=1):
        out.append(f"  {CONFIRM} {key}[{n}]: as published {where} (page {point.page})" + (", with its suggested themes" if with_themes else ""))
        text_lines = _folded("text", point.text, "    ")
        out.append("  - " + text_lines[0].lstrip())
        out += text_lines[1:]
        if with_themes:
            out.append("    " + _comment_for(suggestion))
            slugs = suggestion.slugs or [PLACEHOLDER]
            out.append(f"    themes: [{', '.join(slugs)}]")
        else:
            # A recommendation has no themes of its own: its suggestions count towards the review's themes.
            out.append("    " + _comment_for(suggestion).replace("# suggested:", "# suggested themes:"))
    return out
