"""Under `mkdocs serve`: which pages a save leaves as they were, and keeping those without rendering.

A save changes one review; rendering the other thousand pages again is what made the preview slow.
The pages a review's content reaches are its own page and briefing, the theme and agency pages of
its old and new themes and agencies (and their briefings), the pages whose related-review panel
names it, the lists, the home page and the data files. Every other page keeps the HTML the build
before wrote: MkDocs still walks it (its links resolve, the nav is whole) but reads nothing,
renders no Markdown and fills a one-line template; library.py puts the kept HTML in its place.

Anything that is not a review file (the vocabulary, the templates, mkdocs.yml, the other pages),
a review added or removed, or a build that failed, and the next build renders every page.
`mkdocs build` never keeps anything.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import BytecodeCache

from casebook.library.collection import Library
from casebook.pages import browse

# The template kept pages are filled with (library.py's on_env adds it to the theme's loader).
KEPT_TEMPLATE = "casebook-kept-page.html"
# Pages every save renders: they gather from every review.
ALWAYS = ("index.md", "reviews/index.md", "themes/index.md", "agencies/index.md", "search/index.md",
          "completeness.md", "data/index.md")


def project_signature(root: Path, docs_dir: Path) -> tuple:
    """Everything a build reads besides the review files' contents: when it changes, render all."""
    reviews = (docs_dir / "reviews").resolve()
    seen = []
    for top in (root / "mkdocs.yml", root / "vocabulary", root / "overrides", root / "hooks", docs_dir):
        paths = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file()) if top.is_dir() else []
        for path in paths:
            if path.parent.resolve() == reviews and path.suffix == ".md" and path.name != "index.md":
                seen.append((path.name,))  # which reviews there are, not their contents
                continue
            s = path.stat()
            seen.append((str(path), s.st_mtime_ns, s.st_size))
    return tuple(seen)


def _touched(old: Library, new: Library, slug: str) -> set[str]:
    """The theme and agency pages (and briefings) that show a review, before or after its save."""
    uris: set[str] = set()
    for library in (old, new):
        for theme, index in library.themes.items():
            if any(r.slug == slug for r in index.reviews) or any(lp.review.slug == slug for lp in index.learning):
                uris |= {f"themes/{theme}.md", f"themes/{theme}/briefing.md"}
        for agency, index in library.agencies.items():
            if (any(lp.review.slug == slug for lp in index.learning)
                    or any(r.review.slug == slug for r in index.recommendations)):
                uris |= {f"agencies/{agency}.md", f"agencies/{agency}/briefing.md"}
        review = library.review(slug)
        for agency in (getattr(review, "agencies", None) or []) if review is not None else []:
            uris |= {f"agencies/{agency}.md", f"agencies/{agency}/briefing.md"}
    return uris


def _shown(related) -> tuple:
    """What a related-review panel shows of one review (overrides/review.html): keep in step with it."""
    return (related.review.slug, related.review.title, related.review.published, related.shared)


@dataclass
class Preview:
    """What one `mkdocs serve` keeps from its last good build (module state in library.py)."""

    signature: tuple | None = None
    library: Library | None = None
    # The last build's site folder, moved aside before MkDocs empties site_dir.
    kept_dir: Path | None = None
    # This build: the source paths of the pages kept, and the reviews rendered again.
    keep: set[str] = field(default_factory=set)
    changed: list[str] = field(default_factory=list)
    ready: bool = False  # the last build finished: its site can be kept from

    def set_aside(self, site_dir: Path) -> None:
        """Before MkDocs empties site_dir: move the last build's site beside it, to keep pages from."""
        self.keep, self.changed = set(), []
        kept = site_dir.with_name(site_dir.name + ".kept")
        self.kept_dir = None
        if kept.exists():
            # Removing a thousand files takes seconds here: out of the save's way.
            doomed = kept.with_name(f"{kept.name}.old-{time.time_ns()}")
            os.rename(kept, doomed)
            _remove_elsewhere(doomed)
        if not self.ready or not site_dir.is_dir():
            return
        os.rename(site_dir, kept)
        site_dir.mkdir()
        self.kept_dir = kept
        self.ready = False

    def plan(self, signature: tuple, library: Library, page_uris: list[str]) -> None:
        """Decide which pages this build keeps, from what changed since the last good build."""
        old, self.library = self.library, library
        same_project, self.signature = signature == self.signature, signature
        if old is None or not same_project or self.kept_dir is None:
            return
        if {r.slug for r in old.reviews} != {r.slug for r in library.reviews}:
            return
        changed = [r.slug for r in library.reviews if old.review(r.slug) is not r]
        # Review pages link an agency only while something is addressed to it: a change there reaches every one.
        if ({a for a, i in old.agencies.items() if i.addressed_count}
                != {a for a, i in library.agencies.items() if i.addressed_count}):
            return
        dirty = set(ALWAYS)
        for slug in changed:
            dirty |= {f"reviews/{slug}.md", f"reviews/{slug}/briefing.md"} | _touched(old, library, slug)
        if changed:
            # Related-review panels show other reviews (title, shared themes): a panel is rendered
            # again when what it shows changed, not whenever it names a saved review.
            old_related, new_related = old.related, library.related
            for slug in new_related:
                before = [_shown(r) for r in old_related.get(slug, [])]
                after = [_shown(r) for r in new_related.get(slug, [])]
                if before != after:
                    dirty.add(f"reviews/{slug}.md")
        self.changed = changed
        # Every page of the list of reviews (/reviews/page/2/, ...) can show a saved review.
        self.keep = {uri for uri in page_uris if uri not in dirty and not uri.startswith("data/")
                     and not browse.is_review_list(uri)}

    def kept_html(self, dest_uri: str) -> str | None:
        if self.kept_dir is None:
            return None
        try:
            return (self.kept_dir / dest_uri).read_text(encoding="utf-8")
        except OSError:
            return None

    def take_back(self, site_dir: Path, rel: str) -> bool:
        """Move a file the last build wrote and MkDocs does not (a stamped briefing, the search index) back."""
        if self.kept_dir is None or not (self.kept_dir / rel).exists():
            return False
        target = site_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            shutil.rmtree(target) if target.is_dir() else target.unlink()
        os.rename(self.kept_dir / rel, target)
        return True


class CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates, in memory, for the rebuilds of one `mkdocs serve`."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def _remove_elsewhere(folder: Path) -> None:
    """Remove a folder in another process, so that the next build does not wait for it (nor share
    this process's interpreter lock with it)."""
    try:
        subprocess.Popen(["rm", "-rf", "--", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        threading.Thread(target=shutil.rmtree, args=(folder, True), name="casebook-kept-cleanup", daemon=True).start()


def render_nothing(page) -> None:
    """Stands in for page.render on a kept page: no Markdown, no anchors to validate against
    (MkDocs skips a page whose anchors it does not know)."""
    def render(config, files) -> None:
        page.content, page.toc, page.present_anchor_ids, page.links_to_anchors = "", [], None, None
    page.render = render
