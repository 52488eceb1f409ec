"""MkDocs adapter for the Content-Security-Policy: every written HTML page gets its own meta policy.

Listed last in mkdocs.yml and registered at the lowest priority, because the hashes must be taken
from the final HTML: a post-page step that ran later and added or changed an inline script would
leave that script blocked. The policy itself is built by casebook.csp, which never imports MkDocs.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from casebook import csp

# Lower than any other handler: MkDocs runs handlers from the highest priority to the lowest.
LAST = -1000


def _protect(output: str, where: str) -> str:
    try:
        return csp.with_policy(output)
    except csp.PolicyError as exc:
        raise PluginError(f"{where}: {exc}") from exc


@event_priority(LAST)
def on_post_page(output: str, page, config) -> str:
    return _protect(output, page.file.src_uri)


@event_priority(LAST)
def on_post_template(output_content: str, template_name: str, config) -> str:
    """Static templates (404.html) are pages too; sitemap.xml is not HTML and is left alone."""
    if not template_name.endswith(".html"):
        return output_content
    return _protect(output_content, template_name)
