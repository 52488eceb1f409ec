"""The casebook command: check review files, start a new one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .library import load_library
from .problems import summary_line
from .template import review_template, slugify
from .vocabulary import VocabularyError, load_vocabulary


def find_project_root(start: Path) -> Path:
    """The folder holding vocabulary/ (the repository), searching upwards like git does."""
    for folder in [start, *start.parents]:
        if (folder / "vocabulary" / "themes.yml").exists():
            return folder
    raise FileNotFoundError("no vocabulary/themes.yml here or above; run casebook inside a Casebook repository")


def _github(problem) -> str:
    kind = "error" if problem.is_error else "warning"
    message = problem.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{kind} file={problem.path},line={problem.line},title={problem.field}::{message}"


def cmd_check(args) -> int:
    root = find_project_root(Path.cwd())
    vocabulary = load_vocabulary(root / "vocabulary")
    paths = [Path(p) for p in args.paths] or [root / "docs" / "reviews"]
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"casebook check: no such file or folder: {missing[0]}", file=sys.stderr)
        return 2
    library = load_library(paths, vocabulary, root=Path.cwd())
    for problem in library.problems:
        print(_github(problem) if args.format == "github" else problem)
    if library.problems:
        print(summary_line(library.problems, library.files_checked))
    failing = library.problems if args.strict else library.errors
    return 1 if failing else 0


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="casebook", description="Check and create safeguarding case review files.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate review files (default: every file under docs/reviews/)")
    check.add_argument("paths", nargs="*", help="review files or folders")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--format", choices=("text", "github"), default="text", help="github: annotations for pull requests")
    check.set_defaults(run=cmd_check)
    new = sub.add_parser("new", help="write a new review file from the template and print its path")
    new.add_argument("title", help="the review's published title")
    new.set_defaults(run=cmd_new)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (FileNotFoundError, VocabularyError) as exc:
        print(f"casebook: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
