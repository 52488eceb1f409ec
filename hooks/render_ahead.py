"""Review pages' Markdown rendered ahead by a second process while MkDocs renders the others.

Python-Markdown is the largest single cost of a large build (about a third of it at 2,000
reviews), and a review page needs nothing from any other page to be rendered. So with two cores
or more, the later review pages are rendered by a forked copy of the build: the same
configuration, the same files and the same `Page.render` MkDocs calls, so the HTML, the contents
and the anchors are the ones MkDocs would make. MkDocs itself then renders an empty page for
those, and the adapter puts the ready HTML, contents and anchors in its place (on_page_content).

What the copy logs while rendering (a broken link in a review body) is logged again by this
process when the page's turn comes, so a strict build still counts it and fails on it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from mkdocs.structure.pages import Page

from casebook.speed.processes import fork_pool

_MKDOCS_LOG = logging.getLogger("mkdocs")


@dataclass
class Rendered:
    """What Page.render leaves on a page, in a form that can travel between processes."""

    src_uri: str
    content: str
    toc: object  # mkdocs.structure.toc.TableOfContents
    anchors: set[str]
    links_to_anchors: dict[str, dict[str, str]]  # by the linked file's src_uri
    log: list[tuple[str, int, str]]  # (logger, level, message)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


# What the forked renderer needs, inherited at the fork rather than sent: the configuration, the
# files and the page Markdown by src_uri.
_job: tuple[object, object, Callable[[str], str]] | None = None
_collect: _Collect | None = None


def _start_renderer() -> None:
    """In the forked process: keep what MkDocs logs to hand it back, instead of printing it twice."""
    global _collect
    _collect = _Collect()
    _MKDOCS_LOG.handlers = [_collect]
    _MKDOCS_LOG.propagate = False


def _render(src_uri: str) -> Rendered:
    config, files, markdown_for = _job
    _collect.records = []
    file = files.get_file_from_path(src_uri)
    page = Page(None, file, config)
    page.markdown = markdown_for(src_uri)
    page.render(config, files)
    file.page = None  # Page() attached it: the copy keeps nothing of the pages it has handed back
    return Rendered(
        src_uri, page.content, page.toc, set(page.present_anchor_ids or ()),
        {f.src_uri: links for f, links in (page.links_to_anchors or {}).items()}, _collect.records,
    )


class RenderAhead:
    """A forked renderer working through `src_uris` in order; `take(src_uri)` waits for one."""

    def __init__(self, config, files, src_uris: list[str], markdown_for: Callable[[str], str]):
        global _job
        _job = (config, files, markdown_for)
        try:
            # fork_pool() fails if any thread is running: the copy would inherit its locks.
            self._pool = fork_pool(1, initializer=_start_renderer)
        finally:
            _job = None  # the fork has its copy
        self.src_uris = set(src_uris)
        self._results: Iterator[Rendered] = self._pool.imap(_render, src_uris, chunksize=8)
        self._arrived: dict[str, Rendered] = {}

    def take(self, src_uri: str) -> Rendered:
        # Pages arrive in the order asked for; a page MkDocs skips (serve --dirty) is just passed by.
        while src_uri not in self._arrived:
            rendered = next(self._results)
            self._arrived[rendered.src_uri] = rendered
        return self._arrived.pop(src_uri)

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()


def put_in_place(page, rendered: Rendered, files) -> str:
    """Give `page` what Page.render gave the copy, log what it logged, and return the HTML."""
    for name, level, message in rendered.log:
        logging.getLogger(name).log(level, message)
    page.toc = rendered.toc
    page.present_anchor_ids = rendered.anchors
    page.links_to_anchors = {files.get_file_from_path(uri): links for uri, links in rendered.links_to_anchors.items()}
    return rendered.content
