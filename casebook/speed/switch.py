"""The one switch for Casebook's speed machinery (`extra.casebook.parallel`) and what it lets a build do.

Three tricks make a large library build in a fraction of the time: reading the reviews (and
writing their briefings) in several forked processes, rendering review pages ahead in a second
process (hooks/render_ahead.py), and stamping every review briefing out of one rendered page
(casebook.pages.briefing). The last two go round MkDocs' page events, so another plugin would not
see those pages: they step aside whenever one registers for the events they bypass. With the
switch `off`, the build is MkDocs' own, every page through every plugin, in one process.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

AUTO, OFF = "auto", "off"
SETTINGS = (AUTO, OFF)

# Reading and checking one review needs no other review, and for a large library it is most of
# the work done before any page is rendered, so from this many reviews on it is shared between
# processes, one per core (2,000 reviews on two cores: 5.2 s -> 3.2 s). Smaller libraries are read
# in this process: starting another costs more than it saves.
PARALLEL_FROM = 300
# Tests set it (to 2) to try the parallel paths on a library of a few fictional reviews.
THRESHOLD_VARIABLE = "CASEBOOK_PARALLEL_FROM"

# The page events each trick keeps other plugins from, for the pages it handles. Rendering ahead
# hands MkDocs an empty page and puts the real one in place in Casebook's own on_page_content, at
# this priority: an on_page_markdown handler would see an empty page (and what it returned would
# be ignored), an on_page_content handler that runs first would see an empty page too. A stamped
# briefing never goes through MkDocs at all.
CASEBOOK_PAGE_CONTENT_PRIORITY = 100
RENDER_AHEAD_BYPASSES = ("page_markdown", "page_content")
STAMPING_BYPASSES = ("pre_page", "page_read_source", "page_markdown", "page_content", "page_context", "post_page")


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def parallel_shares(count: int) -> int:
    """How many processes should share `count` independent pieces of work: one below
    PARALLEL_FROM (or $CASEBOOK_PARALLEL_FROM), else one per core, at most four, where processes
    can be forked."""
    threshold = int(os.environ.get(THRESHOLD_VARIABLE) or PARALLEL_FROM)
    # Linux only: it is where CI and GitHub Pages build. macOS can abort a forked copy of a
    # process that has used its system frameworks, and Windows cannot fork; both build in one process.
    if count < threshold or sys.platform != "linux":
        return 1
    return max(1, min(_cores(), 4, count))


@dataclass(frozen=True)
class Handler:
    """Another plugin's (or hook's) handler of a page event, as MkDocs registered it."""

    owner: str  # the plugin's name in mkdocs.yml, or the hook's path
    event: str  # without "on_": "page_markdown"
    priority: float = 0


@dataclass(frozen=True)
class Speed:
    """What one build does to go faster. Speed() is `parallel: auto` with nothing in the way."""

    setting: str = AUTO
    render_ahead: bool = True
    stamp_briefings: bool = True
    # Threads already running when the build began (the preview server's, on a rebuild): a forked
    # copy of a process inherits the locks they hold but not the threads that would release them.
    threads: tuple[str, ...] = ()
    # Why a trick the setting allows is not used in this build, one line for the log; or "".
    stepped_aside: str = ""

    def shares(self, count: int) -> int:
        """How many processes share `count` independent pieces of work in this build."""
        if self.setting == OFF or self.threads:
            return 1
        return parallel_shares(count)

    def renders_ahead(self, review_count: int) -> bool:
        return self.render_ahead and self.shares(review_count) >= 2

    def held_back(self, count: int) -> str:
        """Why `count` pieces of work stay in one process although there are enough of them; or ""."""
        if self.setting == AUTO and self.threads and parallel_shares(count) > 1:
            return (f"this build does all its work in one process: {len(self.threads)} other threads are running "
                    "(a preview server's, when mkdocs serve rebuilds), and a forked copy would inherit their locks without them")
        return ""


def _in_the_way(handler: Handler, events: tuple[str, ...], content_priority: float | None = None) -> bool:
    if handler.event not in events:
        return False
    if handler.event == "page_content" and content_priority is not None:
        # Handlers that run after Casebook's own see the page rendered ahead already in place.
        return handler.priority >= content_priority
    return True


def _handlers(handlers: list[Handler]) -> str:
    by_owner: dict[str, list[str]] = {}
    for h in handlers:
        events = by_owner.setdefault(h.owner, [])
        if "on_" + h.event not in events:
            events.append("on_" + h.event)
    return "; ".join(f"'{owner}' handles {', '.join(events)}" for owner, events in by_owner.items())


def decide_speed(setting: str, others: list[Handler], threads: tuple[str, ...] = ()) -> Speed:
    """What a build may do, given the setting, the page-event handlers of plugins other than
    Casebook's own (and the macros plugin's, which Casebook turns off for the pages it handles),
    and the threads already running when the build starts."""
    if setting not in SETTINGS:
        raise ValueError(f"the speed setting is {AUTO} or {OFF}, not {setting!r}")
    if setting == OFF:
        return Speed(OFF, render_ahead=False, stamp_briefings=False)
    ahead = [h for h in others if _in_the_way(h, RENDER_AHEAD_BYPASSES, CASEBOOK_PAGE_CONTENT_PRIORITY)]
    stamping = [h for h in others if _in_the_way(h, STAMPING_BYPASSES)]
    tricks = [name for name, found in (("rendering review pages ahead", ahead), ("stamped review briefings", stamping)) if found]
    stepped_aside = ""
    if tricks:
        # One line whatever the number of plugins: what steps aside, and who it makes way for.
        # (Stamping bypasses every event rendering ahead does, so it is always among them.)
        stepped_aside = (f"{' and '.join(tricks)} step aside, so that other plugins see every page: "
                         f"{_handlers([h for h in others if h in ahead or h in stamping])}")
    return Speed(AUTO, render_ahead=not ahead, stamp_briefings=not stamping, threads=tuple(threads),
                 stepped_aside=stepped_aside)
