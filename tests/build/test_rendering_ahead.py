"""The speed machinery (casebook.speed, behind `extra.casebook.parallel`) never changes the site:
review pages rendered by a second process (hooks/render_ahead.py) and review briefings stamped
out of one rendered page are the pages MkDocs renders itself; a problem found in the second
process still fails the strict build; another plugin's page events make both step aside; with
`parallel: off` nothing forks, and with `auto` nothing forks while a thread is running.

$CASEBOOK_PARALLEL_FROM=2 makes the build read reviews and render review pages in parallel as it
does from 300 reviews on, so that a fixture library of eight tries it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from casebook.library.collection import load_project
from casebook.pages.themes import review_page
from conftest import FIXTURES, ROOT, build, make_project

PARALLEL = {"CASEBOOK_PARALLEL_FROM": "2", "SOURCE_DATE_EPOCH": "1767225600"}
SERIAL = {"CASEBOOK_PARALLEL_FROM": "1000000", "SOURCE_DATE_EPOCH": "1767225600"}
RENDERED_AHEAD = "review pages in a second process"
STEPS_ASIDE = "step aside, so that other plugins see every page"

# A fictional partnership's hook: it reads every page's Markdown, as a glossary or a link checker
# would, and says what it saw when the build ends.
GLOSSARY_HOOK = '''
import json
from pathlib import Path

seen = {}

def on_page_markdown(markdown, page, config, files):
    seen[page.file.src_uri] = markdown
    return markdown

def on_post_build(config):
    Path(config.config_file_path).with_name("glossary-saw.json").write_text(json.dumps(seen))
'''

# Counts the build's forks, and the threads running at each (this process's, the one forking).
FORK_WATCH_HOOK = '''
import json, os, threading
from pathlib import Path
from mkdocs.plugins import event_priority

forks = []
os.register_at_fork(before=lambda: forks.append([t.name for t in threading.enumerate()]))

@event_priority(-5000)  # after every other on_post_build, the briefings' among them
def on_post_build(config):
    Path(config.config_file_path).with_name("forks.json").write_text(json.dumps(forks))
'''


def _library(tmp_path: Path, parallel: str | None = None, extra_hooks: dict[str, str] | None = None) -> Path:
    project = make_project(tmp_path, FIXTURES / "library")
    shutil.copy(ROOT / "docs" / "reviews" / "family-b.md", project / "docs" / "reviews")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if parallel is not None:
        assert "\n  casebook:\n    parallel: auto\n" in text
        text = text.replace("\n    parallel: auto\n", f"\n    parallel: {parallel}\n", 1)
    for name, source in (extra_hooks or {}).items():
        (project / "fictional").mkdir(exist_ok=True)
        (project / "fictional" / name).write_text(source, encoding="utf-8")
        text = text.replace("  - hooks/csp.py\n", f"  - hooks/csp.py\n  - fictional/{name}\n", 1)
    config.write_text(text, encoding="utf-8")
    return project


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and "pagefind" not in p.parts}


def _sitemap_pages(files: dict[str, bytes]) -> list[str]:
    return re.findall(r"<loc>([^<]+)</loc>", files["sitemap.xml"].decode())


def _same_site_but_the_sitemap(stamped: dict[str, bytes], rendered: dict[str, bytes]) -> None:
    """Every briefing MkDocs renders is the one stamped; the sitemap lists the rendered ones too."""
    assert stamped.keys() == rendered.keys()
    assert [name for name in stamped if stamped[name] != rendered[name]] == ["sitemap.xml", "sitemap.xml.gz"]
    more = [url for url in _sitemap_pages(rendered) if url not in _sitemap_pages(stamped)]
    briefings = [name for name in rendered if re.fullmatch(r"reviews/[^/]+/briefing/index\.html", name)]
    assert len(more) == len(briefings) - 1 and all(url.endswith("/briefing/") for url in more), more


def test_pages_rendered_ahead_are_byte_for_byte_the_pages_mkdocs_renders(tmp_path: Path):
    project = _library(tmp_path)
    serial = build(project, tmp_path / "serial", SERIAL)
    parallel = build(project, tmp_path / "parallel", PARALLEL)
    assert serial.returncode == 0 and parallel.returncode == 0, serial.stderr + parallel.stderr
    assert RENDERED_AHEAD in parallel.stderr
    assert RENDERED_AHEAD not in serial.stderr
    one, other = _files(tmp_path / "serial"), _files(tmp_path / "parallel")
    assert one.keys() == other.keys()
    differ = [name for name in one if one[name] != other[name]]
    assert differ == []
    # The later reviews (the second process's share) kept their contents and learning anchors.
    page = (tmp_path / "parallel" / "reviews" / "family-h" / "index.html").read_text(encoding="utf-8")
    assert 'href="#learning-1"' in page and 'id="learning-1"' in page


def test_with_parallel_off_every_page_is_mkdocs_own_and_the_same(tmp_path: Path):
    stamped = _library(tmp_path / "auto")
    plain = _library(tmp_path / "off", parallel="off")
    auto, off = build(stamped, tmp_path / "auto-site", PARALLEL), build(plain, tmp_path / "off-site", PARALLEL)
    assert auto.returncode == 0 and off.returncode == 0, auto.stderr + off.stderr
    assert RENDERED_AHEAD in auto.stderr and RENDERED_AHEAD not in off.stderr
    _same_site_but_the_sitemap(_files(tmp_path / "auto-site"), _files(tmp_path / "off-site"))


def test_another_plugins_page_events_make_rendering_ahead_and_stamping_step_aside(tmp_path: Path):
    project = _library(tmp_path, extra_hooks={"glossary.py": GLOSSARY_HOOK})
    result = build(project, tmp_path / "site", PARALLEL)
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if STEPS_ASIDE in line]
    assert said == ["INFO    -  rendering review pages ahead and stamped review briefings step aside, so that other "
                    "plugins see every page: 'fictional/glossary.py' handles on_page_markdown"], result.stderr
    assert RENDERED_AHEAD not in result.stderr
    # The partnership's hook saw every review page's real Markdown, the one MkDocs rendered, and
    # every review's briefing.
    seen = json.loads((project / "glossary-saw.json").read_text(encoding="utf-8"))
    library = load_project(project)
    assert len(library.reviews) == 8
    for review in library.reviews:
        assert seen[f"reviews/{review.slug}.md"] == review_page(review, library.vocabulary)[0], review.slug
        assert f"<h1>7-minute briefing: {review.title}</h1>" in seen[f"reviews/{review.slug}/briefing.md"], review.slug
    # And the site is the one built with the switch off.
    plain = _library(tmp_path / "off", parallel="off")
    assert build(plain, tmp_path / "off-site", PARALLEL).returncode == 0
    assert _files(tmp_path / "site") == _files(tmp_path / "off-site")


def test_forks_only_with_the_switch_on_and_never_beside_a_thread(tmp_path: Path):
    watch = {"forks.py": FORK_WATCH_HOOK}
    on, off = _library(tmp_path / "auto", extra_hooks=watch), _library(tmp_path / "off", parallel="off", extra_hooks=watch)
    assert build(on, tmp_path / "auto-site", PARALLEL).returncode == 0
    assert build(off, tmp_path / "off-site", PARALLEL).returncode == 0
    assert json.loads((off / "forks.json").read_text()) == []
    forks = json.loads((on / "forks.json").read_text())
    # Reading the reviews, rendering ahead, writing the briefings: each forked with no other thread.
    assert len(forks) == 3 and forks == [["MainThread"]] * 3, forks


def test_a_broken_link_in_a_review_rendered_ahead_fails_the_strict_build_once(tmp_path: Path):
    project = _library(tmp_path)
    # Named to sort last, so that the second process renders it.
    text = (FIXTURES / "library" / "child-a.md").read_text(encoding="utf-8")
    text = text.replace("Child A", "Child Z") + "\nSee [the missing review](missing-review.md).\n"
    (project / "docs" / "reviews" / "zz-child-z.md").write_text(text, encoding="utf-8")
    result = build(project, tmp_path / "site", PARALLEL)
    assert RENDERED_AHEAD in result.stderr
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if "missing-review.md" in line]
    assert len(lines) == 1, result.stderr
    assert "reviews/zz-child-z.md" in lines[0] and lines[0].startswith("WARNING")
