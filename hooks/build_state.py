"""What one build of the site holds, shared by Casebook's hooks (library.py, search.py).

Hooks are loaded once per process, so with `mkdocs serve` anything kept in a hook module would
outlive its build. Everything a build holds lives in one BuildState instead: library.py's
on_config starts a new one, after stopping whatever the previous build left running.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from render_ahead import RenderAhead

from casebook.library.collection import Library
from casebook.search.pagefind_parts import IndexInParts
from casebook.site_options import SiteOptions
from casebook.speed.switch import Speed


@dataclass
class BuildState:
    options: SiteOptions | None = None
    speed: Speed = field(default_factory=Speed)
    library: Library | None = None
    # HTML blocks kept out of Markdown by page: theme pages' (casebook.pages.themes.set_aside_blocks)
    # and review pages' learning (casebook.pages.themes.review_page); put back in on_page_content.
    set_aside: dict[str, list[str]] = field(default_factory=dict)
    # The later review pages, rendered by a second process while this one renders the others.
    ahead: RenderAhead | None = None
    # Pagefind, fed each review as it is rendered (search.py; in parts for a large library), and the
    # thread that has it write its index while MkDocs writes the pages; what that ends with (pages
    # and seconds, or the error).
    indexer: IndexInParts | None = None
    index_writer: threading.Thread | None = None
    index_written: list = field(default_factory=list)
    # Under `mkdocs serve`, the problems that would have failed the build (`PATH:LINE: FIELD: MESSAGE`),
    # shown on every page instead (library.py); empty when the library has no errors.
    preview_problems: list[str] = field(default_factory=list)
    # For the one line each build logs (library.py's on_post_build): when it began, how many review
    # files it read and checked (the rest came from the preview's cache), how many pages it wrote.
    started: float = field(default_factory=time.perf_counter)
    # Under `mkdocs serve`, what later updates after a save work on (site_update.py): this build's
    # files, navigation and template environment, and the signature of everything but the reviews.
    files: "object | None" = None
    nav: "object | None" = None
    env: "object | None" = None
    preview_signature: tuple = ()
    generated: set[str] = field(default_factory=set)
    reviews_read: int = 0
    pages_written: int = 0

    def stop_rendering_ahead(self) -> None:
        if self.ahead is not None:
            self.ahead.close()
        self.ahead = None

    def stop_indexing(self) -> None:
        if self.indexer is not None:
            self.indexer.close()
        if self.index_writer is not None:
            self.index_writer.join(10)
        self.indexer, self.index_writer = None, None

    def stop(self) -> None:
        self.stop_rendering_ahead()
        self.stop_indexing()


current = BuildState()

# Whether this process is `mkdocs serve` (set once, in library.py's on_startup): a preview keeps
# answering while a review has errors; `mkdocs build` fails instead.
serving = False


def begin() -> BuildState:
    """A new build: the previous one's helpers stopped, nothing kept from it."""
    global current
    current.stop()
    current = BuildState()
    return current
