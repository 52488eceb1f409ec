"""Review pages rendered by a second process (hooks/render_ahead.py, used for large libraries) are
the pages MkDocs renders itself, and a problem found there still fails the strict build.

$CASEBOOK_PARALLEL_FROM=2 makes the build read reviews and render review pages in parallel as it
does from 300 reviews on, so that a fixture library of seven tries it."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURES, ROOT, build, make_project

PARALLEL = {"CASEBOOK_PARALLEL_FROM": "2", "SOURCE_DATE_EPOCH": "1767225600"}
SERIAL = {"CASEBOOK_PARALLEL_FROM": "1000000", "SOURCE_DATE_EPOCH": "1767225600"}


def _library(tmp_path: Path) -> Path:
    project = make_project(tmp_path, FIXTURES / "library")
    shutil.copy(ROOT / "docs" / "reviews" / "family-b.md", project / "docs" / "reviews")
    return project


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and "pagefind" not in p.parts}


def test_pages_rendered_ahead_are_byte_for_byte_the_pages_mkdocs_renders(tmp_path: Path):
    project = _library(tmp_path)
    serial = build(project, tmp_path / "serial", SERIAL)
    parallel = build(project, tmp_path / "parallel", PARALLEL)
    assert serial.returncode == 0 and parallel.returncode == 0, serial.stderr + parallel.stderr
    assert "review pages in a second process" in parallel.stderr
    assert "review pages in a second process" not in serial.stderr
    one, other = _files(tmp_path / "serial"), _files(tmp_path / "parallel")
    assert one.keys() == other.keys()
    differ = [name for name in one if one[name] != other[name]]
    assert differ == []
    # The later reviews (the second process's share) kept their contents and learning anchors.
    page = (tmp_path / "parallel" / "reviews" / "family-h" / "index.html").read_text(encoding="utf-8")
    assert 'href="#learning-1"' in page and 'id="learning-1"' in page


def test_a_broken_link_in_a_review_rendered_ahead_fails_the_strict_build_once(tmp_path: Path):
    project = _library(tmp_path)
    # Named to sort last, so that the second process renders it.
    text = (FIXTURES / "library" / "child-a.md").read_text(encoding="utf-8")
    text = text.replace("Child A", "Child Z") + "\nSee [the missing review](missing-review.md).\n"
    (project / "docs" / "reviews" / "zz-child-z.md").write_text(text, encoding="utf-8")
    result = build(project, tmp_path / "site", PARALLEL)
    assert "review pages in a second process" in result.stderr
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if "missing-review.md" in line]
    assert len(lines) == 1, result.stderr
    assert "reviews/zz-child-z.md" in lines[0] and lines[0].startswith("WARNING")
