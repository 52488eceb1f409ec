"""The rule reference on /contributing/: every rule the checks apply, generated from the registry
(casebook/checks/registry.py), so the page lists exactly what `casebook rules` prints.

docs/contributing.md holds a marker line where the reference goes; a page without it is left as it is.
"""

from __future__ import annotations

from casebook.checks.registry import by_family, rules
from casebook.pages.themes import md_text

MARKER = "<!-- casebook: rule reference -->"


def rule_reference() -> str:
    """The Markdown of the reference: one table per family of rules."""
    out = [
        "## Rules { #rules }",
        "",
        f"Every problem `casebook check` reports breaks one of these {len(rules())} rules. "
        "`casebook check --format json` names the rule of each problem (as does `--format github`, in the "
        "annotation's title), and `casebook rules` prints this list. An error fails the check and the build; "
        "a warning fails only `casebook check --strict`.",
        "",
    ]
    for family, listed in by_family():
        if not listed:
            continue
        out += [f"### {family.capitalize()} {{ #rules-{family.replace(' ', '-')} }}", "",
                "| Rule | Severity | What it asks |", "|---|---|---|"]
        out += [f"| `{r.id}` | {r.severity} | {md_text(r.asks)} |" for r in listed]
        out.append("")
    return "\n".join(out)


def with_rule_reference(markdown: str) -> str:
    """The page with the rule reference in place of its marker."""
    return markdown.replace(MARKER, rule_reference(), 1) if MARKER in markdown else markdown
