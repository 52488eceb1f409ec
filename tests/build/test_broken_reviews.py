"""A broken review stops both `casebook check` and the build, with the line that says what to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, build, check, make_project

GOOD = (FIXTURES / "library" / "child-c.md").read_text(encoding="utf-8")
SUMMARY = "summary: This review is fictional and exists only to test Casebook. A child stopped attending school."

CASES = {
    "unknown theme, with did you mean": (
        GOOD.replace("themes: [school-attendance]", "themes: [school-attendence]"),
        "docs/reviews/broken.md:13: themes[1]: unknown theme 'school-attendence': did you mean 'school-attendance'?",
    ),
    "missing required key": (
        GOOD.replace("outcome: died\n", ""),
        "docs/reviews/broken.md:1: outcome: add the required field 'outcome' (or 'outcome: not-stated' if the review does not say)",
    ),
    "invalid YAML": (
        GOOD.replace('title: "Child C: a fictional review"', "title: Child C: a fictional review"),
        "docs/reviews/broken.md:3: title: put the value in quotes, since it contains ': ': write title: \"Child C: a fictional review\"",
    ),
    "no closing ---": (
        GOOD.replace("source: not-stated\n---\n", "source: not-stated\n"),
        "docs/reviews/broken.md:1: front matter: no closing '---' line; add one after the last field, before the body",
    ),
    "unknown key": (
        GOOD.replace("outcome: died\n", "outcome: died\noutcom: died\n"),
        "docs/reviews/broken.md:12: outcom: unknown key 'outcom': did you mean 'outcome'?",
    ),
    "summary over 120 words": (
        GOOD.replace(SUMMARY, "summary: " + " ".join(["word"] * 121)),
        "docs/reviews/broken.md:14: summary: shorten the summary to at most 120 words (it has 121)",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_refuses_with_the_exact_line(tmp_path: Path, case: str):
    text, line = CASES[case]
    project = make_project(tmp_path, {"broken.md": text})
    result = check(project)
    assert result.returncode == 1, result.stdout
    assert line in result.stdout.splitlines()
    assert result.stdout.splitlines()[-1].startswith("1 error ")


@pytest.mark.parametrize("case", sorted(CASES))
def test_build_fails_with_the_same_line(tmp_path: Path, case: str):
    text, line = CASES[case]
    project = make_project(tmp_path, {"broken.md": text})
    result = build(project)
    assert result.returncode == 1
    assert line in result.stderr
    assert not (project / "site" / "reviews" / "broken" / "index.html").exists()


def test_two_broken_files_are_reported_in_one_run(tmp_path: Path):
    reviews = {
        "first.md": CASES["unknown theme, with did you mean"][0],
        "second.md": CASES["unknown key"][0].replace("Child C: a fictional review", "Second: a fictional review"),
        "fine.md": GOOD.replace("Child C: a fictional review", "Fine: a fictional review"),
    }
    project = make_project(tmp_path, reviews)
    result = check(project)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "docs/reviews/first.md:13: themes[1]: unknown theme 'school-attendence': did you mean 'school-attendance'?" in lines
    assert "docs/reviews/second.md:12: outcom: unknown key 'outcom': did you mean 'outcome'?" in lines
    # 'source: not-stated' is honest, so no warning for it unless --strict.
    assert lines[-1] == "2 errors in 2 files (3 files checked)"
    built = build(project)
    assert built.returncode == 1
    assert "first.md:13: themes[1]" in built.stderr and "second.md:12: outcom" in built.stderr


def test_a_clean_library_passes(tmp_path: Path):
    project = make_project(tmp_path, FIXTURES / "library")
    result = check(project)
    assert result.returncode == 0
    assert result.stdout == ""  # a clean library prints nothing
    assert build(project).returncode == 0


def test_check_exits_2_when_it_cannot_run(tmp_path: Path):
    project = make_project(tmp_path, {})
    result = check(project, "docs/reviews/nowhere.md")
    assert result.returncode == 2
    assert "no such file" in result.stderr


def test_new_writes_a_template_that_check_reads(tmp_path: Path):
    import subprocess, sys
    from conftest import ENV

    project = make_project(tmp_path, {})
    made = subprocess.run([sys.executable, "-m", "casebook", "new", "Child Z: a fictional review"],
                          cwd=project, env=ENV, capture_output=True, text=True)
    assert made.returncode == 0
    assert made.stdout.strip() == "docs/reviews/child-z-a-fictional-review.md"
    result = check(project)
    # The template's FILL-IN placeholders are refused until the facts are filled in.
    assert result.returncode == 1
    assert "FILL-IN" in result.stdout
