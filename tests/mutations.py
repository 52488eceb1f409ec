"""Mutated review files for the property tests: valid fictional fixtures, broken the ways a paste or a
careless edit breaks them (issue 12 tried 12,000 such files by hand).

`mutate(text, rng)` applies one to three edits chosen by `rng`: an insertion of hostile characters or
YAML (tags, aliases, 4:00, ' #', U+2028, a zero-width space, an entity, raw HTML), a deletion, a
line repeated, moved or re-indented, a value replaced. `check_one(project, text)` runs `casebook
check` in this process on one file and returns its exit code, its output and the seconds it took.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import re
import time
from pathlib import Path

from casebook import cli
from casebook.model.vocabulary import load_vocabulary

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "fixtures" / "library").glob("*.md"))]

PIECES = [
    ":", ": ", " #", " # note", "#", "-", "- ", "  ", "\t", "'", '"', "[", "]", "{", "}", "[[[[[[[[[[[[", "*a", "&a ",
    "!!timestamp ", "!!str ", "!x ", "<<: ", "? ", "|", ">", "%", "@", "`", "4:00", "1_000", "0x1F", "010", "0o7",
    "2019-03-01 23:59:59", "yes", "no", "~", "null", ".inf", "=", "\u0662\u0660\u0661\u0669", "\u2028", "\u2029", "\x85",
    "\u200b", "\u00ad", "\ufeff", "\x07", "\x1b", "\x9b", "\xa0", "\u2009", "\r", "\r\n", "\n", "\n\n", "---", "...",
    "<div>", "</div>", "<div hidden>", "<plaintext>", "<textarea>", "<script>", "<!--", "{{", "{%", "&#64;", "&nbsp;",
    "java\nscript:", "[x](javascript:1)", "![x](https://t.example/a.png)", "<img srcset=a>", "01632 960001",
    "jo@example.org", "SW1A 1AA", "12 March 2021", "DOB 12/03/2015", "943 476 5919", "12 Acacia Avenue", "é", "Ω",
    "😀", "\\", "\\u0000", "0" * 30, "x" * 200, "title: ", "themes: ", "learning:\n  - text: x\n    themes: [a]\n",
]


def mutate(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 3)):
        lines = text.split("\n")
        kind = rng.randrange(6)
        if kind == 0 or not text:  # insert a piece anywhere
            at = rng.randint(0, len(text))
            text = text[:at] + rng.choice(PIECES) + text[at:]
        elif kind == 1:  # delete a stretch
            at = rng.randint(0, len(text))
            text = text[:at] + text[at + rng.randint(1, 40):]
        elif kind == 2:  # repeat a line
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i])
            text = "\n".join(lines)
        elif kind == 3:  # move a line
            line = lines.pop(rng.randrange(len(lines)))
            lines.insert(rng.randint(0, len(lines)), line)
            text = "\n".join(lines)
        elif kind == 4:  # re-indent a line
            i = rng.randrange(len(lines))
            lines[i] = " " * rng.choice([0, 1, 2, 3, 4, 6]) + lines[i].lstrip(" ")
            text = "\n".join(lines)
        else:  # replace the value of a 'key: value' line
            keyed = [i for i, l in enumerate(lines) if re.match(r"\s*(- )?[a-z_]+: \S", l)]
            if keyed:
                i = rng.choice(keyed)
                key = lines[i].split(": ", 1)[0]
                lines[i] = key + ": " + "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 3)))
                text = "\n".join(lines)
    return text


_VOCABULARY = {}


def _vocabulary(folder):
    if "v" not in _VOCABULARY:
        _VOCABULARY["v"] = load_vocabulary(folder)
    return _VOCABULARY["v"]


def check_one(project: Path, text: str) -> tuple[int, str, str, float]:
    """`casebook check` in this process on docs/reviews/x.md: (exit code, stdout, stderr, seconds)."""
    (project / "docs" / "reviews" / "x.md").write_bytes(text.encode("utf-8", "surrogatepass"))
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    real = cli.load_vocabulary
    cli.load_vocabulary = _vocabulary
    start = time.perf_counter()
    try:
        os.chdir(project)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(["check"])
            except BaseException as exc:  # noqa: BLE001 - a crash is what the property test counts
                import traceback

                traceback.print_exc(file=err)
                code = f"raised {type(exc).__name__}"
    finally:
        os.chdir(here)
        cli.load_vocabulary = real
    return code, out.getvalue(), err.getvalue(), time.perf_counter() - start


PROBLEM_LINE = re.compile(r"^docs/reviews/x\.md:(\d+): [^\n]+?: [^\n]+$")
SUMMARY_LINE = re.compile(r"^\d+ errors?( and \d+ warnings?)? in 1 file \(1 file checked\)$|^0 errors and \d+ warnings? in 1 file \(1 file checked\)$")


def malformed_lines(text: str, stdout: str) -> list[str]:
    """Output lines not in the problem format, or naming a line outside the file (as editors count)."""
    lines_in_file = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    out = stdout.splitlines()
    bad = []
    for i, line in enumerate(out):
        if i == len(out) - 1 and SUMMARY_LINE.match(line):
            continue
        m = PROBLEM_LINE.match(line)
        if not m or not 1 <= int(m.group(1)) <= lines_in_file:
            bad.append(line)
    return bad
