"""What the check refuses the build refuses, with the same lines; what it accepts the build renders with
the review's learning intact (issue 12). All fictional.
"""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

from casebook.library.collection import load_project
from conftest import FIXTURES, build, check, make_project
from mutations import SEEDS, check_one, mutate

GOOD = (FIXTURES / "library" / "child-c.md").read_text(encoding="utf-8")


def test_live_files_links_and_an_index_are_refused_by_check_and_build(tmp_path: Path):
    project = make_project(tmp_path, {"child-c.md": GOOD, "index.md": "# Every review\n"})
    reviews = project / "docs" / "reviews"
    (reviews / "chart.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="window.cbxss=1"/>\n', encoding="utf-8")
    (reviews / "notes.html").write_text("<script>window.cbxss=1</script>\n", encoding="utf-8")
    (reviews / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 16)  # a raster image: accepted
    outside = tmp_path / "outside.md"
    outside.write_text(GOOD.replace("Child C", "Child O"), encoding="utf-8")
    os.symlink(outside, reviews / "linked.md")
    expected = [
        "docs/reviews/chart.svg:1: file: remove the file: an SVG image can carry script that runs on the site's own address; save the image as PNG",
        "docs/reviews/index.md:1: file: remove the file: /reviews/ is the list of every review, which Casebook makes itself; write what it says into a review, or into docs/index.md",
        "docs/reviews/linked.md:1: file: replace the link with the file itself: a symbolic link can point anywhere (outside the repository, at a device), so Casebook never follows one",
        "docs/reviews/notes.html:1: file: remove the file: an HTML page is published as it is, scripts and all; put the text in the review's .md file",
    ]
    checked = check(project)
    assert checked.returncode == 1
    assert checked.stdout.splitlines()[:-1] == expected
    built = build(project)
    assert built.returncode == 1
    for line in expected:
        assert line in built.stderr
    assert not (project / "site" / "reviews" / "chart.svg").exists()


def test_an_unclosed_div_is_refused_by_the_build_with_the_checks_line(tmp_path: Path):
    text = GOOD + '\n<div class="note">\nPasted from the report.\n'
    project = make_project(tmp_path, {"child-c.md": text})
    line = f"docs/reviews/child-c.md:{GOOD.count(chr(10)) + 2}: body: close the <div> opened here with </div>, or remove it"
    assert line in check(project).stdout
    built = build(project)
    assert built.returncode == 1 and line in built.stderr


def _learning_ids(html: str) -> list[str]:
    return re.findall(r'id="(learning-\d+)"', html)


def test_accepted_raw_html_and_accepted_mutants_build_with_their_learning(tmp_path: Path):
    reviews = {"html.md": GOOD.replace("Child C", "Child H") + (
        "\n<details><summary>The chronology</summary>\n\nIn the spring the school raised a concern.\n\n</details>\n\n"
        "<table><tr><td>2019<td>referral</tr></table>\n\n<div class=\"note\">A note, closed.</div>\n")}
    # Mutants the check accepts, found in a fixed order: the first three that differ from their seed.
    scratch = make_project(tmp_path / "scratch", {})
    rng = random.Random(12)
    while len(reviews) < 4:
        seed = rng.choice(SEEDS)
        text = mutate(seed, rng)
        if text != seed and check_one(scratch, text)[0] == 0:
            reviews[f"mutant-{len(reviews)}.md"] = text
    project = make_project(tmp_path / "site", reviews)
    built = build(project)
    assert built.returncode == 0, built.stderr[-3000:]
    library = load_project(project)
    assert len(library.reviews) == 4
    for review in library.reviews:
        html = (project / "site" / "reviews" / review.slug / "index.html").read_text(encoding="utf-8")
        assert _learning_ids(html)[: len(review.learning)] == [f"learning-{n}" for n in range(1, len(review.learning) + 1)], review.slug
        for point in review.learning:
            assert point.text.split()[0] in html
