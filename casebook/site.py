"""Every page and file the build generates, by its path in the site's source tree.

The MkDocs hook adds each of these in memory; nothing is written into docs/. Markdown pages go
through the theme like hand-written ones; other files (JSON, CSV, XML) are copied as they are.
Each capability adds its own entries here, so that the adapter stays one loop.
"""

from __future__ import annotations

from . import browse, pages
from .completeness import completeness_page
from .library import Library
from .schema import schema_json


def generated_files(library: Library) -> dict[str, str]:
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
    return files
