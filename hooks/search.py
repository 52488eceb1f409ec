"""MkDocs adapter for search: hands Pagefind each review as soon as its body is rendered, has
Pagefind write its index while MkDocs writes the pages, and waits for it when the build ends, so
that `mkdocs build` and `mkdocs serve` both have search.

What a review's index entry holds is casebook.search.record's business; this hook only times it.
The indexer and its threads live in the build's state (build_state.py), which library.py's
on_config renews, stopping any indexer the build before left running.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from pathlib import Path

import build_state
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from casebook.reading.review import Review
from casebook.search import record as search_record
from casebook.search.pagefind_parts import IndexInParts
from casebook.search.pagefind_service import PagefindError

log = logging.getLogger("mkdocs.hooks.casebook.search")

# Under `mkdocs serve` only: each review's index entry by URL, as last rendered, so that an update
# after a save (site_update.py), which renders only the pages it reaches, can index them all again;
# and the background thread doing so. Not build state: they outlive a build on purpose.
_records: dict[str, str] = {}
AFTER_THE_RELOAD_S = 2.0


class _Reindexing:
    """The one background re-indexing of a preview: waiting for the editing to pause, then running."""

    def __init__(self) -> None:
        self.timer: threading.Timer | None = None
        self.indexer: IndexInParts | None = None
        self.cancelled = threading.Event()

    def cancel(self) -> None:
        """Another save: the index being made would be out of date before it is done."""
        self.cancelled.set()
        if self.timer is not None:
            self.timer.cancel()
        if self.indexer is not None:
            self.indexer.close()


_reindexing = _Reindexing()


def on_pre_build(config):
    cancel_reindexing()  # a full build writes the index itself


def cancel_reindexing() -> None:
    """Another save: an index being written in the background would be out of date."""
    _reindexing.cancel()


# After every on_files (library.py forks there: reading in parallel, rendering ahead), before any
# page is rendered: the indexer's threads must not exist when a process is forked.
def on_nav(nav, config, files):
    """Start the indexer before any page is rendered, so that it works alongside the rendering."""
    state = build_state.current
    state.stop_indexing()
    try:
        # One language for the whole site keeps one index, whatever a page's lang attribute says.
        reviews = len(state.library.reviews) if state.library is not None else 0
        state.indexer = IndexInParts({"force_language": config.theme["language"] or "en"}, expected_pages=reviews)
    except (PagefindError, OSError) as exc:
        raise PluginError(f"search: {exc}") from exc
    return nav


def on_page_content(html: str, page, config, files) -> str:
    """A review's body and learning are rendered (library.py has put the learning back): index it now."""
    indexer = build_state.current.indexer
    review, vocabulary = page.meta.get("review"), page.meta.get("vocabulary")
    if isinstance(review, Review) and vocabulary is not None and (indexer is not None or build_state.serving):
        # Root-relative URLs; the search script adds the site's own path when it shows them.
        document = search_record.review_document(review, vocabulary, html)
        if indexer is not None:
            indexer.add_page("/" + page.url, document)
        if build_state.serving:
            _records["/" + page.url] = document
    return html


def on_env(env, config, files):
    """Every page is rendered, so every review is with Pagefind: it writes its index while MkDocs
    writes the pages (site_dir was emptied when the build began; nothing else writes to pagefind/)."""
    state = build_state.current
    if state.indexer is not None:
        indexer, output, written = state.indexer, Path(config.site_dir) / "pagefind", state.index_written

        def write() -> None:
            started = time.perf_counter()
            try:
                written.append((indexer.write(output), time.perf_counter() - started))
            except PagefindError as exc:
                written.append(exc)

        state.index_writer = threading.Thread(target=write, name="pagefind-write-index", daemon=True)
        state.index_writer.start()
    return env


# Before library.py's on_post_build, which forks to write the review briefings: this one ends
# the indexer and its threads first.
@event_priority(50)
def on_post_build(config):
    state = build_state.current
    if state.indexer is None or state.index_writer is None:
        return
    started = time.perf_counter()
    state.index_writer.join()
    outcome = state.index_written[0] if state.index_written else PagefindError("the search index was not written")
    cpu, parts = state.indexer.cpu_seconds(), state.indexer.parts
    state.stop_indexing()
    if isinstance(outcome, PagefindError):
        raise PluginError(f"search: {outcome}")
    pages, seconds = outcome
    in_parts = f" in {parts} parts" if parts > 1 else ""
    log.info(f"search: indexed {pages} pages{in_parts}; writing the index took {seconds:.1f} s, "
             f"{time.perf_counter() - started:.1f} s of it after the pages were written"
             + (f"; Pagefind used {cpu:.1f} s of processor time" if cpu is not None else ""))


def on_build_error(error):
    build_state.current.stop_indexing()


def reindex_later(config, library) -> None:
    """After an update (site_update.py): the last index serves until a new one, written from every
    review's last entry after the page has reloaded, takes its place."""
    global _reindexing
    _reindexing.cancel()
    site_dir = Path(config.site_dir)
    index = site_dir / "pagefind"
    urls = {"/" + r.url for r in library.reviews}
    for url in set(_records) - urls:
        del _records[url]
    records = dict(_records)
    language = config.theme["language"] or "en"

    job = _Reindexing()

    def reindex() -> None:
        fresh = site_dir.with_name(site_dir.name + f".pagefind-{threading.get_ident()}")
        started = time.perf_counter()
        try:
            job.indexer = IndexInParts({"force_language": language}, expected_pages=len(records))
            try:
                for url, document in records.items():
                    if job.cancelled.is_set():
                        return
                    job.indexer.add_page(url, document)
                pages = job.indexer.write(fresh)
            finally:
                job.indexer.close()
            if job.cancelled.is_set():
                return  # a later save's build has the site now
            old = index.with_name("pagefind.old")
            if index.exists():
                os.rename(index, old)
            os.rename(fresh, index)
            shutil.rmtree(old, ignore_errors=True)
            log.info(f"search: {pages} pages indexed again in the background in {time.perf_counter() - started:.1f} s")
        except (PagefindError, OSError) as exc:
            if not job.cancelled.is_set():
                log.info(f"search: the index was not written again ({exc}); the previous one serves")
        finally:
            shutil.rmtree(fresh, ignore_errors=True)

    # Once the editing pauses: the tab fetches the rebuilt page first, and a save soon after
    # cancels it rather than share the two cores with it.
    job.timer = threading.Timer(AFTER_THE_RELOAD_S, reindex)
    job.timer.name, job.timer.daemon = "casebook-search-reindex", True
    _reindexing = job
    job.timer.start()
