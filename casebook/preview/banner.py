"""The banner `mkdocs serve` puts on every page while a review has errors: the problems, one a line.

A contributor editing in a browser may never look at the terminal. The banner is escaped HTML with
Material's own admonition classes (no style attribute, no script: the page's Content-Security-Policy
allows it as it is), added as the server sends each page (hooks/library.py, on_serve), never
written into the site.
"""

from __future__ import annotations

import re
from html import escape

# Inside the article, where Material's typeset styles apply; the body when a page has no article.
_PLACES = (re.compile(r"<article\b[^>]*>"), re.compile(r"<body\b[^>]*>"))


def banner_html(lines: list[str], contributing_url: str) -> str:
    """The alert for these problem lines (`PATH:LINE: FIELD: MESSAGE`), with the way to the guide."""
    count = sum(1 for line in lines if line)
    items = "".join(f"<li><code>{escape(line)}</code></li>" for line in lines if line)
    title = "This preview shows the last version without errors" if count else "Preview"
    return (
        f'<div class="admonition failure casebook-preview-errors" role="alert">'
        f'<p class="admonition-title">{escape(title)}</p>'
        f"<p>Fix {'this problem' if count == 1 else f'these {count} problems'} and save: "
        f"the page reloads by itself.</p><ul>{items}</ul>"
        f'<p>How each field is written: <a href="{escape(contributing_url, quote=True)}">How to contribute</a>.</p>'
        f"</div>"
    )


def with_banner(html: str, banner: str) -> str:
    for place in _PLACES:
        found = place.search(html)
        if found:
            return html[:found.end()] + banner + html[found.end():]
    return banner + html

