"""MkDocs adapter for search: hands Pagefind each review as soon as its body is rendered, has
Pagefind write its index while MkDocs writes the pages, and waits for it when the build ends, so
that `mkdocs build` and `mkdocs serve` both have search.

What a review's index entry holds is casebook.search.record's business; this hook only times it.
The indexer and its threads live in the build's state (build_state.py), which library.py's
on_config renews, stopping any indexer the build before left running.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import build_state
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from casebook.reading.review import Review
from casebook.search import record as search_record
from casebook.search.pagefind_service import PagefindError, PagefindIndexer

log = logging.getLogger("mkdocs.hooks.casebook.search")


# After every on_files (library.py forks there: reading in parallel, rendering ahead), before any
# page is rendered: the indexer's threads must not exist when a process is forked.
def on_nav(nav, config, files):
    """Start the indexer before any page is rendered, so that it works alongside the rendering."""
    state = build_state.current
    state.stop_indexing()
    try:
        # One language for the whole site keeps one index, whatever a page's lang attribute says.
        state.indexer = PagefindIndexer({"force_language": config.theme["language"] or "en"})
    except (PagefindError, OSError) as exc:
        raise PluginError(f"search: {exc}") from exc
    return nav


def on_page_content(html: str, page, config, files) -> str:
    """A review's body and learning are rendered (library.py has put the learning back): index it now."""
    indexer = build_state.current.indexer
    review, vocabulary = page.meta.get("review"), page.meta.get("vocabulary")
    if indexer is not None and isinstance(review, Review) and vocabulary is not None:
        # Root-relative URLs; the search script adds the site's own path when it shows them.
        indexer.add_page("/" + page.url, search_record.review_document(review, vocabulary, html))
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
    cpu = state.indexer.cpu_seconds()
    state.stop_indexing()
    if isinstance(outcome, PagefindError):
        raise PluginError(f"search: {outcome}")
    pages, seconds = outcome
    log.info(f"search: indexed {pages} pages; writing the index took {seconds:.1f} s, "
             f"{time.perf_counter() - started:.1f} s of it after the pages were written"
             + (f"; Pagefind used {cpu:.1f} s of processor time" if cpu is not None else ""))


def on_build_error(error):
    build_state.current.stop_indexing()
