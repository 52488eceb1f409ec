"""The preview loop's pieces: reviews read once per content across rebuilds, the error banner."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from conftest import FIXTURES, ROOT

from casebook.library.collection import load_project
from casebook.preview.banner import banner_html, with_banner
from casebook.preview.review_cache import ReviewCache, with_last_good


def _project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "vocabulary", tmp_path / "vocabulary")
    shutil.copytree(FIXTURES / "library", tmp_path / "docs" / "reviews")
    return tmp_path


def test_a_rebuild_reads_and_checks_only_the_saved_file(tmp_path):
    root, cache = _project(tmp_path), ReviewCache()
    first = load_project(root, cache=cache)
    assert cache.read_count == first.files_checked == 7
    review = root / "docs" / "reviews" / "child-c.md"
    review.write_text(review.read_text(encoding="utf-8").replace("This body is fictional.", "Edited."), encoding="utf-8")
    again = load_project(root, cache=cache)
    assert cache.read_count == 1
    assert again.review("child-c").body.strip() == "Edited."
    # Touched, not changed: read to compare, not checked again.
    os.utime(root / "docs" / "reviews" / "child-a.md", ns=(1, 1))
    load_project(root, cache=cache)
    assert cache.read_count == 0


def test_a_changed_vocabulary_checks_every_file_again(tmp_path):
    root, cache = _project(tmp_path), ReviewCache()
    load_project(root, cache=cache)
    themes = root / "vocabulary" / "themes.yml"
    themes.write_text(themes.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    load_project(root, cache=cache)
    assert cache.read_count == 7


def test_a_review_with_errors_stands_in_as_its_last_good_version(tmp_path):
    root, cache = _project(tmp_path), ReviewCache()
    load_project(root, cache=cache)
    review = root / "docs" / "reviews" / "child-c.md"
    review.write_text(review.read_text(encoding="utf-8").replace("nation: wales", "nation: narnia"), encoding="utf-8")
    broken = load_project(root, cache=cache)
    assert broken.review("child-c") is None and broken.errors
    shown, left_out = with_last_good(broken, cache)
    assert shown.review("child-c").nation == "wales" and left_out == []
    assert shown.errors == broken.errors


def test_the_banner_escapes_each_problem_and_goes_inside_the_article():
    page = '<html><body class="x"><article class="md-content__inner">Text</article></body></html>'
    line = "docs/reviews/child-c.md:3: title: write a title without <script>"
    banner = banner_html([line], "/contributing/")
    shown = with_banner(page, banner)
    assert "&lt;script&gt;" in shown and "<script>" not in shown
    assert shown.index('role="alert"') > shown.index("<article")
    assert 'href="/contributing/"' in shown and "style=" not in shown
    assert shown.replace(banner, "") == page


def _saved(root: Path, cache: ReviewCache, old: str, new: str):
    before = load_project(root, cache=cache)
    review = root / "docs" / "reviews" / "child-c.md"
    review.write_text(review.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return before, load_project(root, cache=cache)


def _sources(library) -> list[str]:
    from casebook.pages.registry import generated_files

    # As the site has them: the hand-written pages, the reviews, the generated pages and files
    # (review briefings stamped from one rendered page, which alone is a source).
    return (["index.md", "contributing.md"] + [f"reviews/{r.slug}.md" for r in library.reviews]
            + list(generated_files(library, site_url="http://x/")))


def test_a_save_to_a_body_reaches_its_page_and_briefing_only(tmp_path):
    from casebook.preview.reach import pages_reached

    before, after = _saved(_project(tmp_path), ReviewCache(), "This body is fictional.", "Edited.")
    reach = pages_reached(before, after, _sources(after))
    assert reach.changed == ["child-c"] and reach.regathered == []
    assert reach.pages == {"reviews/child-c.md", "reviews/child-c/briefing.md"} and not reach.then


def test_a_save_to_themes_reaches_the_pages_that_gather_the_review(tmp_path):
    from casebook.preview.reach import pages_reached

    before, after = _saved(_project(tmp_path), ReviewCache(), "themes: [school-attendance]\n",
                           "themes: [school-attendance, neglect]\n")
    reach = pages_reached(before, after, _sources(after))
    assert reach.regathered == ["child-c"]
    # The saved review and the page of the theme it gained first (before the page reloads).
    assert reach.first == {"reviews/child-c.md", "reviews/child-c/briefing.md", "themes/neglect.md"}
    # Then what gathers every review: lists, home, downloads, the pages of its other themes (which
    # count the themes it occurs with); not the unrelated themes' pages.
    assert {"index.md", "reviews/index.md", "data/reviews.json", "data/learning.csv", "completeness.md",
            "themes/school-attendance.md", "themes/school-attendance/briefing.md"} <= reach.then
    assert "themes/joint-meetings.md" not in reach.pages
    # Child C makes no recommendation: the actions page does not show it.
    assert "actions/index.md" not in reach.pages


def test_a_review_added_or_gone_is_a_whole_build(tmp_path):
    from casebook.preview.reach import pages_reached

    root, cache = _project(tmp_path), ReviewCache()
    before = load_project(root, cache=cache)
    (root / "docs" / "reviews" / "child-c.md").unlink()
    after = load_project(root, cache=cache)
    assert pages_reached(before, after, _sources(after)) is None
