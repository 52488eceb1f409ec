"""`python -m bench.guard`: the time to check one 5 MB review body, and the bodies that were quadratic.

Issue 12 found 120 KB of '%a' before an email took 10.7 s and 20,000 phone numbers 14.4 s. This
reads and checks (every CONTENT rule: markup and personal data) a fictional review whose body is
about 5 MB of each kind of text, and prints the seconds of processor time (a busy machine stretches the wall time, not this); the
target is under 2 s each. Not a timed
test: the machine may be busy, so a person reads the figures (and `make bench` prints them too).

    python -m bench.guard
"""

from __future__ import annotations

import time
from pathlib import Path

from casebook.checks.content import check_review_content
from casebook.model.vocabulary import load_vocabulary
from casebook.reading.frontmatter import MAX_BYTES, parse_source

ROOT = Path(__file__).resolve().parents[1]
HEAD = (ROOT / "tests" / "fixtures" / "library" / "child-c.md").read_text(encoding="utf-8")
TARGET_SECONDS = 2.0

PARAGRAPH = (
    "The health visitor saw the family in March 2021 and again in the summer. Section 47 enquiries "
    "began after a referral from the school (paragraph 3.2.14); Working Together 2018 sets out what "
    "should happen next. The 0.5 FTE post was vacant for 12 months, page 12 of 56.\n\n"
)


def bodies() -> dict[str, str]:
    """About 5 MB of each: ordinary prose, the two quadratic cases, and prose full of findings."""
    size = MAX_BYTES - len(HEAD.encode()) - 4096
    return {
        "prose": PARAGRAPH * (size // len(PARAGRAPH)),
        "'%a' then an email": "%a" * (size // 2 - 20) + " jo@example.org\n",
        "phone numbers": "rang 01632 960001 and\n" * (size // 22),
        "entities and non-break spaces": "Jay&shy;den rang 01632\u00a0960001 on 12&nbsp;March 2021.\n" * (size // 60),
        "'@' on every line": "@handle and @other; name at example dot org\n" * (size // 44),
    }


def main() -> int:
    vocabulary = load_vocabulary(ROOT / "vocabulary")
    vocabulary.deny_names = ["Jayden"]
    worst = 0.0
    for name, body in bodies().items():
        raw = (HEAD + "\n" + body).encode("utf-8")[:MAX_BYTES]
        start = time.process_time()
        src = parse_source(raw, "docs/reviews/bench.md")
        problems = check_review_content(src, vocabulary, None)
        seconds = time.process_time() - start
        worst = max(worst, seconds)
        print(f"{name:32} {len(raw) / 1e6:4.1f} MB  {seconds:5.2f} s  {len(problems):7,} problems")
    print(f"slowest: {worst:.2f} s (target: under {TARGET_SECONDS:.0f} s)")
    return 0 if worst < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
