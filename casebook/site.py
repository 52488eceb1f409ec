"""Every page and file the build generates, by its path in the site's source tree.

The MkDocs hook adds each of these in memory; nothing is written into docs/. Markdown pages go
through the theme like hand-written ones; other files (JSON, CSV, XML) are copied as they are.
Each capability adds its own entries here, so that the adapter stays one loop.
"""

from __future__ import annotations

from . import briefing, browse, data_page, exports, feed, pages
from .completeness import completeness_page
from .library import Library
from .schema import schema_json


def generated_files(library: Library, site_url: str | None = None, site_name: str = "Casebook") -> dict[str, str]:
    """`site_url` makes the data's and the feed's addresses absolute; without it there is no feed."""
    files = {
        "reviews/index.md": pages.reviews_index(library),
        "themes/index.md": pages.themes_index(library),
        "search/index.md": browse.search_page(library),
        # For contributors and editors: the front matter's JSON Schema and what reviews do not say.
        "data/review.schema.json": schema_json(library.vocabulary),
        "completeness.md": completeness_page(library),
    }
    for slug in library.vocabulary.themes:
        files[f"themes/{slug}.md"] = pages.theme_page(library, slug)
        files[f"themes/{slug}/briefing.md"] = briefing.theme_briefing(library, slug, site_url)
    # One review briefing is rendered as a page; the hook writes the others from it after the build.
    shell = briefing.briefing_shell(library, site_url)
    if shell:
        files[shell[0]] = shell[1]
    # One timestamp for every file of the build, so that the downloads agree with each other.
    generated = exports.generated_at()
    files["data/index.md"] = data_page.data_page(library, with_feed=bool(site_url))
    files["data/reviews.json"] = exports.reviews_json(library, site_url, generated)
    files["data/reviews.schema.json"] = exports.reviews_schema(library.vocabulary, site_url)
    files["data/reviews.csv"] = exports.reviews_csv(library, site_url)
    files["data/learning.csv"] = exports.learning_csv(library, site_url)
    files["data/themes.json"] = exports.themes_json(library, site_url, generated)
    if site_url:
        files["feed.xml"] = feed.atom_feed(library, site_url, site_name, generated)
    return files
