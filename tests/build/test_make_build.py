"""`make build` keeps the last good site: a failed strict build leaves site/ exactly as it was.

MkDocs empties its site folder when a build starts, so a review with an error used to leave a
partnership's preview (or the folder a deploy step uploads) empty. The Makefile builds beside
site/ and swaps the result in only when the build passes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ENV, FIXTURES, ROOT, make_project


def _project_with_make(tmp_path: Path) -> Path:
    """A fixture project with the repository's Makefile and a stand-in .venv (the test's own Python)."""
    project = make_project(tmp_path, FIXTURES / "library")
    for name in ("Makefile", "requirements.txt", "pyproject.toml"):
        shutil.copy(ROOT / name, project / name)
    venv_bin = project / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    for tool in ("python", "mkdocs"):
        (venv_bin / tool).symlink_to(Path(sys.executable).parent / tool)
    # The install stamp newer than the requirements: make installs nothing.
    stamp = project / ".venv" / ".installed-runtime"
    stamp.touch()
    later = stamp.stat().st_mtime + 1
    os.utime(stamp, (later, later))
    return project


def _make_build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "build"], cwd=project, env=ENV, capture_output=True, text=True)


def _snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_failed_build_leaves_the_last_good_site_and_a_good_one_replaces_it(tmp_path: Path):
    project = _project_with_make(tmp_path)
    good = _make_build(project)
    assert good.returncode == 0, good.stdout + good.stderr
    site = project / "site"
    before = _snapshot(site)
    assert "reviews/index.html" in before

    review = next((project / "docs" / "reviews").glob("*.md"))
    text = review.read_text(encoding="utf-8")
    review.write_text(text.replace("themes:", "themes:\n  - informaton-sharing", 1), encoding="utf-8")
    failed = _make_build(project)
    assert failed.returncode != 0
    assert "did you mean 'information-sharing'?" in failed.stderr
    assert _snapshot(site) == before
    assert not (project / ".site.next").exists() and not (project / ".site.previous").exists()

    review.write_text(text.replace("summary:", "keywords: [mended]\nsummary:", 1), encoding="utf-8")
    mended = _make_build(project)
    assert mended.returncode == 0, mended.stdout + mended.stderr
    assert _snapshot(site) != before
    assert not (project / ".site.next").exists() and not (project / ".site.previous").exists()
