"""The casebook command: check review files, list the rules, start a new one, import one from a published report."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from casebook.checks import registry
from casebook.library.collection import load_library
from casebook.checks.problems import sort_problems, summary_line
from casebook.exports.schema import schema_json
from casebook.authoring.template import review_template, slugify
from casebook.model.vocabulary import VocabularyError, closest, load_vocabulary


def find_project_root(start: Path) -> Path:
    """The folder holding vocabulary/ (the repository), searching upwards like git does."""
    for folder in [start, *start.parents]:
        if (folder / "vocabulary" / "themes.yml").exists():
            return folder
    raise FileNotFoundError("no vocabulary/themes.yml here or above; run casebook inside a Casebook repository")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    # GitHub's workflow commands end a property at ',' and the properties at '::'.
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem) -> str:
    """A GitHub Actions workflow command: the problem shows on the pull request's diff at its line,
    titled with its rule (to look up with `casebook rules`) and the field."""
    kind = "error" if problem.is_error else "warning"
    column = f",col={problem.column}" if problem.column is not None else ""
    return (f"::{kind} file={_escape_property(problem.path)},line={problem.line}{column},"
            f"title={_escape_property(f'{problem.rule} ({problem.field})')}::{_escape_data(problem.message)}")


def json_line(problem) -> str:
    """One problem as one JSON object on one line, for tools (SPEC section 4)."""
    return json.dumps({
        "path": problem.path, "line": problem.line, "column": problem.column, "field": problem.field,
        "rule": problem.rule, "severity": problem.severity, "message": problem.message,
    }, ensure_ascii=False)


FORMATS = {"text": str, "github": github_annotation, "json": json_line}


def cmd_check(args) -> int:
    root = find_project_root(Path.cwd())
    vocabulary = load_vocabulary(root / "vocabulary")
    paths = [Path(p) for p in args.paths] or [root / "docs" / "reviews"]
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"casebook check: no such file or folder: {missing[0]}", file=sys.stderr)
        return 2
    library = load_library(paths, vocabulary, root=Path.cwd())
    problems = library.problems
    if args.strict:
        # 'not-stated' is honest, so only --strict lists it (and fails on it): a partnership's
        # choice to publish nothing with a fact missing. /completeness/ lists the same gaps.
        warnings = [p for check in registry.checks_at(registry.STRICT) for p in check(library.reviews)]
        problems = sort_problems(problems + warnings)
    # A clean library prints nothing, like other linters: only problems are news.
    show = FORMATS[args.format]
    for problem in problems:
        print(show(problem))
    # JSON is read by tools: every line an object, so the count is left to them.
    if problems and args.format != "json":
        print(summary_line(problems, library.files_checked))
    failing = problems if args.strict else library.errors
    return 1 if failing else 0


def rules_listing(rules_by_family: list[tuple[str, list[registry.Rule]]]) -> str:
    """`casebook rules`: family by family, one rule a line: its id, severity and what it asks."""
    width = max(len(r.id) for _, rules in rules_by_family for r in rules)
    blocks = []
    for family, rules in rules_by_family:
        if rules:
            blocks.append("\n".join([family, *(f"  {r.id:<{width}}  {r.severity:<7}  {r.asks}" for r in rules)]))
    return "\n\n".join(blocks) + "\n"


def cmd_rules(args) -> int:
    chosen = registry.by_family()
    if args.ids:
        known = {r.id for r in registry.rules()}
        for rule_id in args.ids:
            if rule_id not in known:
                guess = closest(rule_id, sorted(known))
                hint = f"; did you mean '{guess}'?" if guess else "; `casebook rules` lists them all"
                print(f"casebook rules: there is no rule '{rule_id}'{hint}", file=sys.stderr)
                return 2
        chosen = [(family, [r for r in rules if r.id in args.ids]) for family, rules in chosen]
    sys.stdout.write(rules_listing(chosen))
    if not args.ids:
        print(f"\n{len(registry.rules())} rules; `casebook check --format json` (or github) names each problem's rule")
    return 0


def cmd_schema(args) -> int:
    root = find_project_root(Path.cwd())
    sys.stdout.write(schema_json(load_vocabulary(root / "vocabulary")))
    return 0


def cmd_new(args) -> int:
    root = find_project_root(Path.cwd())
    slug = slugify(args.title)
    path = root / "docs" / "reviews" / f"{slug}.md"
    if path.exists():
        print(f"casebook new: {path.relative_to(root)} already exists; choose another title or edit that file", file=sys.stderr)
        return 2
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(review_template(args.title), encoding="utf-8")
    print(path.relative_to(root))
    return 0


def cmd_import(args) -> int:
    """Write a draft review from a published report; a report that cannot be read is one line and exit 2."""
    from casebook.authoring.importer.refusal import ReportRefused
    from casebook.authoring.importer.run import import_report, printed_report

    root = find_project_root(Path.cwd())
    try:
        result = import_report(Path(args.report), root, load_vocabulary(root / "vocabulary"), args.slug, args.force)
    except ReportRefused as exc:
        print(f"casebook import: {args.report}: {exc}", file=sys.stderr)
        return 2
    except (VocabularyError, FileNotFoundError):
        raise
    except Exception as exc:  # never a traceback: a report no rule foresaw is still one line
        print(f"casebook import: {args.report}: could not read this report ({type(exc).__name__}); "
              "open it and save or print it to a new PDF, then import that copy", file=sys.stderr)
        return 2
    print(printed_report(result))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="casebook", description="Check and create safeguarding case review files.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate review files (default: every file under docs/reviews/)")
    check.add_argument("paths", nargs="*", help="review files or folders")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--format", choices=tuple(FORMATS), default="text",
                       help="github: annotations for pull requests; json: one object a line per problem")
    check.set_defaults(run=cmd_check)
    rules = sub.add_parser("rules", help="list every rule the checks apply: its id, severity and what it asks")
    rules.add_argument("ids", nargs="*", metavar="RULE", help="only these rules")
    rules.set_defaults(run=cmd_rules)
    new = sub.add_parser("new", help="write a new review file from the template and print its path")
    new.add_argument("title", help="the review's published title")
    new.set_defaults(run=cmd_new)
    imp = sub.add_parser("import", help="write a draft review file from a published report (PDF or .docx) and print what to confirm")
    imp.add_argument("report", help="the report as published: a .pdf or .docx file")
    imp.add_argument("--slug", help="the review's file name under docs/reviews/ (default: from the report's title)")
    imp.add_argument("--force", action="store_true", help="overwrite the review file if it exists")
    imp.set_defaults(run=cmd_import)
    schema = sub.add_parser("schema", help="print the JSON Schema of the front matter, for editors (casebook/exports/review.schema.json)")
    schema.set_defaults(run=cmd_schema)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (FileNotFoundError, VocabularyError) as exc:
        print(f"casebook: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
