"""MkDocs adapter for search: gives review pages their facet values, hands each page marked
`data-pagefind-body` to Pagefind as it is written, and writes the index when the build ends,
so that `mkdocs build` and `mkdocs serve` both have search.

Listed after hooks/library.py in mkdocs.yml: it reads the `review` and `vocabulary` that hook
puts into the page context. Hooks are loaded once per process, so a rebuild under `mkdocs serve`
drops any indexer left by the build before (on_config).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from pagefind_service import PagefindError, PagefindIndexer

from casebook import facets

log = logging.getLogger("mkdocs.hooks.casebook.search")

# What marks a page for the index: the review template puts it on the review's own content.
MARK = "data-pagefind-body"

_indexer: PagefindIndexer | None = None


def _stop() -> None:
    global _indexer
    if _indexer is not None:
        _indexer.close()
    _indexer = None


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


def on_page_context(context, page, config, nav):
    review, vocabulary = context.get("review"), context.get("vocabulary")
    if review is not None and vocabulary is not None:
        context["search_facets"] = facets.review_facets(review, vocabulary)
        context["search_terms"] = facets.search_terms(review, vocabulary)
    return context


def _article(output: str) -> str:
    """The page's <article> (where the review template puts the marked content) in a minimal
    document: Pagefind then parses half the bytes, not Material's navigation and scripts."""
    start, end = output.find("<article"), output.rfind("</article>")
    if start < 0 or end < start:
        return output
    return '<html lang="en"><body>' + output[start:end + len("</article>")] + "</body></html>"


def on_post_page(output: str, page, config):
    if _indexer is not None and MARK in output:
        # Root-relative URLs; the search script adds the site's own path when it shows them.
        _indexer.add_page("/" + page.url, _article(output))
    return output


def on_post_build(config):
    if _indexer is None:
        return
    started = time.perf_counter()
    try:
        pages = _indexer.write(Path(config.site_dir) / "pagefind")
    except PagefindError as exc:
        raise PluginError(f"search: {exc}") from exc
    finally:
        _stop()
    log.info(f"search: indexed {pages} pages (waited {time.perf_counter() - started:.1f} s for the index)")


def on_build_error(error):
    _stop()
