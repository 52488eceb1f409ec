"""Every page and file the build generates, by its path in the site's source tree.

The MkDocs hook adds each of these in memory; nothing is written into docs/. Markdown pages go
through the theme like hand-written ones; other files (JSON, CSV, XML) are copied as they are.
Each capability adds its own entries here, so that the adapter stays one loop.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from casebook.exports import feed
from casebook.exports import open_data as exports
from casebook.pages import actions, agencies, briefing, browse
from casebook.pages import data as data_page
from casebook.pages import themes as pages
from casebook.checks.completeness import completeness_page
from casebook.library.collection import Library
from casebook.exports.schema import schema_json


def generated_files(library: Library, site_url: str | None = None, site_name: str = "Casebook",
                    stamp_briefings: bool = True) -> dict[str, Callable[[], str]]:
    """Each generated file's source path, with what makes its content.

    Names first, contents on demand: the adapter registers every name (so that links to them
    resolve) before the contents are made, and renders review pages meanwhile in another process.
    `site_url` makes the data's and the feed's addresses absolute; without it there is no feed.
    `stamp_briefings`: one review briefing is a page, the adapter writes the others from it
    (casebook.pages.briefing); otherwise each is a page.
    """
    files: dict[str, Callable[[], str]] = {
        # The list of reviews in pages of a hundred, and the index its script filters and sorts.
        **browse.review_list_pages(library),
        browse.LIST_INDEX: lambda: browse.review_list_index(library),
        "themes/index.md": lambda: pages.themes_index(library),
        "search/index.md": lambda: browse.search_page(library),
        # For contributors and editors: the front matter's JSON Schema and what reviews do not say.
        "data/review.schema.json": lambda: schema_json(library.vocabulary),
        "completeness.md": lambda: completeness_page(library),
    }
    for slug in library.vocabulary.themes:
        files[f"themes/{slug}.md"] = functools.partial(pages.theme_page, library, slug)
        if pages.has_learning(library, slug):  # no briefing with nothing in it
            files[f"themes/{slug}/briefing.md"] = functools.partial(briefing.theme_briefing, library, slug, site_url)
    # Every agency has a page (review pages link to them); only those with something addressed
    # to them have a briefing, and only those are linked from /agencies/.
    # What became of every recommendation, overdue on the build's date.
    files["actions/index.md"] = lambda: actions.actions_page(library)
    files["agencies/index.md"] = lambda: agencies.agencies_index(library)
    for slug in library.vocabulary.agencies:
        files[f"agencies/{slug}.md"] = functools.partial(agencies.agency_page, library, slug)
        if library.agencies[slug].addressed_count:
            files[f"agencies/{slug}/briefing.md"] = functools.partial(agencies.agency_briefing, library, slug, site_url)
    if stamp_briefings:
        # One review briefing is rendered as a page; the hook writes the others from it after the build.
        shell = briefing.briefing_shell(library, site_url)
        if shell:
            files[shell[0]] = functools.partial(str, shell[1])
    else:
        files.update(briefing.briefing_pages(library, site_url))
    # One timestamp for every file of the build, so that the downloads agree with each other.
    generated = exports.generated_at()
    files["data/index.md"] = lambda: data_page.data_page(library, with_feed=bool(site_url))
    files["data/reviews.json"] = lambda: exports.reviews_json(library, site_url, generated)
    files["data/reviews.schema.json"] = lambda: exports.reviews_schema(library.vocabulary, site_url)
    files["data/reviews.csv"] = lambda: exports.reviews_csv(library, site_url)
    files["data/learning.csv"] = lambda: exports.learning_csv(library, site_url)
    files["data/recommendations.csv"] = lambda: exports.recommendations_csv(library, site_url)
    files["data/themes.json"] = lambda: exports.themes_json(library, site_url, generated)
    if site_url:
        files["feed.xml"] = lambda: feed.atom_feed(library, site_url, site_name, generated)
    return files
