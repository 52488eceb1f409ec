"""MkDocs adapter for search: hands Pagefind each review as soon as its body is rendered, has
Pagefind write its index while MkDocs writes the pages, and waits for it when the build ends, so
that `mkdocs build` and `mkdocs serve` both have search.

What a review's index entry holds is casebook.search.record's business; this hook only times it.
Hooks are loaded once per process, so a rebuild under `mkdocs serve` drops any indexer left by
the build before (on_config).
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from casebook.search.pagefind_service import PagefindError, PagefindIndexer

from casebook.search import record as search_record
from casebook.reading.review import Review

log = logging.getLogger("mkdocs.hooks.casebook.search")

_indexer: PagefindIndexer | None = None
# Pagefind writing its index, started once every page is rendered (on_env), before MkDocs
# writes the pages; what it ends with (pages indexed, or the error) is read in on_post_build.
_writing: threading.Thread | None = None
_written: list = []


def _stop() -> None:
    global _indexer, _writing
    if _indexer is not None:
        _indexer.close()
    if _writing is not None:
        _writing.join(10)
    _indexer, _writing = None, None
    _written.clear()


def on_config(config):
    _stop()
    return config


def on_pre_build(config):
    """Start the indexer before any page is rendered, so that it works alongside the rendering."""
    global _indexer
    _stop()
    try:
        # One language for the whole site keeps one index, whatever a page's lang attribute says.
        _indexer = PagefindIndexer({"force_language": config.theme["language"] or "en"})
    except (PagefindError, OSError) as exc:
        raise PluginError(f"search: {exc}") from exc


def on_page_content(html: str, page, config, files) -> str:
    """A review's body and learning are rendered (library.py has put the learning back): index it now."""
    review, vocabulary = page.meta.get("review"), page.meta.get("vocabulary")
    if _indexer is not None and isinstance(review, Review) and vocabulary is not None:
        # Root-relative URLs; the search script adds the site's own path when it shows them.
        _indexer.add_page("/" + page.url, search_record.review_document(review, vocabulary, html))
    return html


def on_env(env, config, files):
    """Every page is rendered, so every review is with Pagefind: it writes its index while MkDocs
    writes the pages (site_dir was emptied when the build began; nothing else writes to pagefind/)."""
    global _writing
    if _indexer is not None:
        indexer, output = _indexer, Path(config.site_dir) / "pagefind"

        def write() -> None:
            started = time.perf_counter()
            try:
                _written.append((indexer.write(output), time.perf_counter() - started))
            except PagefindError as exc:
                _written.append(exc)

        _writing = threading.Thread(target=write, daemon=True)
        _writing.start()
    return env


def on_post_build(config):
    if _indexer is None or _writing is None:
        return
    started = time.perf_counter()
    _writing.join()
    outcome = _written[0] if _written else PagefindError("the search index was not written")
    cpu = _indexer.cpu_seconds()
    _stop()
    if isinstance(outcome, PagefindError):
        raise PluginError(f"search: {outcome}")
    pages, seconds = outcome
    log.info(f"search: indexed {pages} pages; writing the index took {seconds:.1f} s, "
             f"{time.perf_counter() - started:.1f} s of it after the pages were written"
             + (f"; Pagefind used {cpu:.1f} s of processor time" if cpu is not None else ""))


def on_build_error(error):
    _stop()
