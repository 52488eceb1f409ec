"""A property test: whatever a mutated review file holds, `casebook check` answers 0 or 1, never a
traceback or a hang, every line in the problem format at a line inside the file, and the same with
libyaml's parser as with PyYAML's own.

Hypothesis drives tests/mutations.py, derandomised (the same examples on every run, so CI never
fails on a new draw) with a fixed budget of examples that runs in a few seconds. That an accepted
mutant also builds is tests/build/test_guard_build.py's part: a build takes seconds, not milliseconds.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.reading import frontmatter
from conftest import ROOT
from mutations import SEEDS, check_one, malformed_lines, mutate

EXAMPLES = 100
SLOW_SECONDS = 5.0  # one file checked slower than this counts as a hang


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("mutations")
    shutil.copytree(ROOT / "vocabulary", project / "vocabulary")
    (project / "docs" / "reviews").mkdir(parents=True)
    return project


def _outcome(project: Path, text: str, monkeypatch_loader) -> tuple:
    code, out, err, seconds = check_one(project, text)
    assert code in (0, 1), err
    assert err == "", err
    assert seconds < SLOW_SECONDS
    assert malformed_lines(text, out) == []
    return code, out


@settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(seed=st.sampled_from(SEEDS), rng=st.randoms(use_true_random=False))
def test_a_mutated_review_is_answered_in_the_problem_format(project: Path, seed: str, rng: random.Random, monkeypatch):
    text = mutate(seed, rng)
    with_libyaml = _outcome(project, text, None)
    monkeypatch.setattr(frontmatter, "_FAST_LOADER", None)
    without = _outcome(project, text, None)
    monkeypatch.undo()
    assert with_libyaml == without, text


def run(count: int, seed: int = 0) -> dict[str, int]:
    """For the note on the issue: `count` mutants, with the outcome of each counted."""
    project = Path(__import__("tempfile").mkdtemp())
    shutil.copytree(ROOT / "vocabulary", project / "vocabulary")
    (project / "docs" / "reviews").mkdir(parents=True)
    counts = dict.fromkeys(["mutants", "exit 0", "exit 1", "tracebacks", "hangs", "malformed lines", "libyaml differs"], 0)
    rng = random.Random(seed)
    for _ in range(count):
        text = mutate(rng.choice(SEEDS), rng)
        code, out, err, seconds = check_one(project, text)
        counts["mutants"] += 1
        counts["tracebacks"] += code not in (0, 1) or "Traceback" in err
        counts["hangs"] += seconds > SLOW_SECONDS
        counts["malformed lines"] += bool(malformed_lines(text, out))
        counts[f"exit {code}"] = counts.get(f"exit {code}", 0) + 1
        fast, frontmatter._FAST_LOADER = frontmatter._FAST_LOADER, None
        try:
            counts["libyaml differs"] += check_one(project, text)[:2] != (code, out)
        finally:
            frontmatter._FAST_LOADER = fast
    shutil.rmtree(project)
    return counts


if __name__ == "__main__":  # python tests/unit/test_mutations.py [COUNT]
    import sys

    print(run(int(sys.argv[1]) if len(sys.argv) > 1 else 2000))
