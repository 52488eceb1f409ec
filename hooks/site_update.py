"""Under `mkdocs serve`: a save to review files updates the served site in place, without a build.

MkDocs answers every save with a whole build: the configuration read again, every file listed,
every page rendered and written, the theme's files copied (at 500 reviews, 2.6 s a save). A save to
a review reaches a few pages (casebook.preview.reach says which: one page and its briefing when
only the body changed). The update reads the changed files (the preview's review cache), makes
those pages with MkDocs' own page steps, the plugins' page events included, on the files,
navigation and templates of the last full build, and writes them over that build's site; every
other page stays as it was written. What it writes is what a full build of the same files writes.

Anything else saved (the vocabulary, a template, mkdocs.yml, another page), a review added or
removed, a build that failed or an update that could not finish, and the next build is MkDocs'
own, whole. `mkdocs build` never comes here.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import build_state
from jinja2 import BytecodeCache
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.utils import CountHandler

from casebook.library.collection import Library
from casebook.pages import briefing
from casebook.pages.registry import generated_files
from casebook.preview.reach import panels_changed, pages_reached

log = logging.getLogger("mkdocs.hooks.casebook")

# How long the rest of an update waits for the tab to reload (and fetch) the pages made first.
RELOAD_FIRST_S = 0.4


def project_signature(root: Path, docs_dir: Path) -> tuple:
    """Everything a build reads besides the review files' contents: when it changes, build it all."""
    # Paths as strings, as listed (resolving or sorting Path objects took 0.4 s at 2,000 reviews).
    reviews = os.path.join(str(docs_dir), "reviews")
    seen = []
    for top in (root / "mkdocs.yml", root / "vocabulary", root / "overrides", root / "hooks", docs_dir):
        if top.is_file():
            s = top.stat()
            seen.append((str(top), s.st_mtime_ns, s.st_size))
            continue
        for folder, subfolders, names in os.walk(top):
            subfolders.sort()
            for name in sorted(names):
                if folder == reviews and name.endswith(".md") and name != "index.md":
                    seen.append((name,))  # which reviews there are, not their contents
                    continue
                path = os.path.join(folder, name)
                s = os.stat(path)
                seen.append((path, s.st_mtime_ns, s.st_size))
    return tuple(seen)


@dataclass
class LastBuild:
    """What the last full build left for updates to work on (its MkDocs objects and its library)."""

    config: object
    files: Files
    nav: object
    env: object
    library: Library
    signature: tuple
    generated: frozenset[str]  # the source paths of the pages and files Casebook generated
    # The rendered page review briefings are stamped from (casebook.pages.briefing), before stamping.
    briefing_shell: str | None


@dataclass
class Outcome:
    changed: list[str]
    rendered: int
    problems: list[str]


class SiteUpdate:
    """The server's builder under `mkdocs serve`: an update where a save allows it, else MkDocs' build.

    An update makes what the contributor looks at first (the saved review, its briefing, its
    theme pages) and returns, so that the page reloads; the rest of what the save reaches (the
    lists, other reviews' related panels, the downloads...) is made next, in a thread, while the
    server holds back any request for one of those pages until it is written: nothing stale is
    ever served, and the reload waits only for the pages it shows."""

    def __init__(self, full_build: Callable[[], None], read_library: Callable[[Path, object], Library],
                 before_update: Callable[[], None], after_update: Callable[[object, Library], None]):
        self.full_build = full_build
        self.read_library = read_library  # (project root, last library) -> the library now on disk
        # The search index, written again in the background: stopped while an update works, and
        # started again after it.
        self.before_update, self.after_update = before_update, after_update
        self.last: LastBuild | None = None
        self._rest: threading.Thread | None = None
        self._rest_failed = False
        self._held = threading.Condition()
        self._held_back: set[str] | None = None  # site paths (reviews/x/index.html) not yet written

    def __call__(self) -> None:
        self._finish_the_rest()
        if self._rest_failed:
            self.last, self._rest_failed = None, False  # the site is not what the last library says
        last, self.last = self.last, None  # nothing to update from until this build or update succeeds
        if last is not None:
            try:
                if self._update(last):
                    self.last = last
                    return
            except Exception:  # noqa: BLE001 - the full build below reports what is really wrong
                log.exception("preview: the update failed; building the whole site instead")
                self._release()
        self.full_build()

    def wait_until_written(self, site_path: str, timeout: float = 120) -> None:
        """For the server, before it answers a request: wait while that page is being made again."""
        with self._held:
            self._held.wait_for(lambda: self._held_back is None or site_path not in self._held_back, timeout)

    def _hold_back(self, paths: set[str]) -> None:
        with self._held:
            self._held_back = paths

    def _release(self) -> None:
        with self._held:
            self._held_back = None
            self._held.notify_all()

    def _finish_the_rest(self) -> None:
        if self._rest is not None:
            self._rest.join()
        self._rest = None

    def _update(self, last: LastBuild) -> bool:
        started = time.perf_counter()
        self.before_update()
        config, files = last.config, last.files
        root = Path(config.config_file_path).resolve().parent
        if project_signature(root, Path(config.docs_dir)) != last.signature:
            return False
        previous = build_state.current
        library, problems = self.read_library(root, last.library)
        if library is None:
            return False
        sources = [f.src_uri for f in files if f.is_documentation_page() or f.generated_by is not None]
        reach = pages_reached(last.library, library, sources)
        if reach is None:
            return False
        stamping = previous.speed.stamp_briefings
        makers = {}
        if reach.regathered or not stamping:  # a body alone reaches no generated page but its briefing
            makers = generated_files(library, site_url=config.site_url, site_name=config.site_name,
                                     stamp_briefings=stamping)
            if set(makers) != last.generated:
                return False  # a page to add or take away (a theme's first learning point gives it a briefing)
        if not reach.regathered:
            # Only bodies changed: the related reviews are those of the last library (what decides
            # them is front matter), which a save need not work out again.
            library.reuse_front_matter_indexes(last.library)
        state = build_state.begin()
        state.options, state.speed, state.library, state.preview_problems = previous.options, previous.speed, library, problems
        give_to_macros(config, library, again=True)
        before, last.library = last.library, library
        if not reach.regathered:
            made = self._make(last, library, makers, reach.first)
            self._done(config, library, reach, made, started)
            return True
        # Until the rest is written, the server holds back requests for it, and for any page whose
        # related panel may change (every review page but those just made).
        reviews = {f"reviews/{r.slug}.md" for r in library.reviews} - reach.first
        self._hold_back({f.dest_uri for f in files if f.src_uri in reach.then | reviews})
        try:
            made = self._make(last, library, makers, reach.first)
        except Exception:
            self._release()
            raise
        first_took = time.perf_counter() - started

        def the_rest() -> None:
            try:
                # The tab reloads first: its requests (the saved review, a theme page) are answered
                # while this thread is not yet sharing the interpreter with the server's.
                time.sleep(RELOAD_FIRST_S)
                self._done(config, library, reach, made + self._make(last, library, makers, reach.then | panels_changed(before, library)),
                           started, first_took)
            except Exception:  # noqa: BLE001 - said in the terminal; the next save builds the whole site
                log.exception("preview: the update failed; the next save builds the whole site")
                self._rest_failed = True
            finally:
                self._release()

        self._rest = threading.Thread(target=the_rest, name="casebook-preview-rest", daemon=True)
        self._rest.start()
        return True

    def _done(self, config, library: Library, reach, made: int, started: float, first_took: float | None = None) -> None:
        if reach.changed:
            self.after_update(config, library)
        problems = build_state.current.preview_problems
        said = f"; {len(problems)} problem(s) shown on every page" if problems else ""
        first = f" ({first_took:.2f} s to the saved pages)" if first_took is not None else ""
        took = f"{time.perf_counter() - started:.2f} s{first}"
        if not reach.changed:
            log.info(f"casebook: the saved files have {len(problems)} problem(s), shown on every page; "
                     f"the site shows their last version without errors; {took}")
            return
        log.info(f"casebook: updated after a save to {', '.join(reach.changed)}: "
                 f"{made} page(s) and file(s) made again, the rest kept{said}; {took}")

    def _make(self, last: LastBuild, library: Library, makers: dict, uris: set[str]) -> int:
        """Make these pages and files again (`makers`: the generated ones' contents, by source path)
        and write them over the last build's site; how many."""
        config, files = last.config, last.files
        state = build_state.current
        stamped = []
        if state.speed.stamp_briefings:
            # Review briefings are stamped from the last build's shell, the shell's own review's too.
            of_review = {uri: briefing.review_for_briefing(library, uri) for uri in uris}
            stamped = [r for r in of_review.values() if r is not None]
            uris = {uri for uri, review in of_review.items() if review is None}
        pages = []
        for uri in sorted(uris):
            file = files.get_file_from_path(uri)
            if file is None:
                continue
            if uri in makers:
                file.made_by(makers[uri])  # a page's Markdown made when read, a download written now
            if file.is_documentation_page() and file.page is not None:
                pages.append(file.page)
        warnings = CountHandler()
        warnings.setLevel(logging.WARNING)
        logging.getLogger("mkdocs").addHandler(warnings)
        try:
            for page in pages:
                _populate_page(page, config, files)
            doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            for page in pages:
                _build_page(page, config, doc_files, last.nav, last.env)
            for page in pages:
                page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        finally:
            logging.getLogger("mkdocs").removeHandler(warnings)
        if warnings.get_counts():
            # What would fail the strict build: said on every page, as a review's errors are.
            state.preview_problems.append("mkdocs: the build logged warnings (see the terminal); "
                                          "`mkdocs build --strict` would fail")
        if stamped:
            briefing.write_review_briefings(Path(config.site_dir), library, config.site_url,
                                            reviews=stamped, shell_html=last.briefing_shell)
        return len(uris) + len(stamped)


def give_to_macros(config, library: Library, again: bool = False) -> None:
    """The library as the macros plugin's `casebook` variable (hand-written pages use it);
    `again`: after a save, in place of the one a full build gave it."""
    from casebook.model import labels
    from casebook.pages import themes as pages

    macros = config.plugins.get("macros")
    if macros is None or library is None:
        return
    if again:
        macros.variables["casebook"] = library
        return
    # The macros plugin makes every key of `extra` a variable, Casebook's own settings
    # (extra.casebook) among them; in a page, `casebook` is the library ({{ extra.casebook }}
    # still reads the settings).
    macros.variables.pop("casebook", None)
    macros.register_variables({"casebook": library, "labels": labels})
    # Review titles are contributor input: owned pages escape them for Markdown with this filter.
    macros.register_filters({"md_text": pages.md_text, "published_phrase": labels.published_phrase})


class CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates, in memory, for the rebuilds of one `mkdocs serve`."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
