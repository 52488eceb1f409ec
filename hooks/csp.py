"""MkDocs adapter for the Content-Security-Policy: every written HTML page gets its own meta policy.

Listed last in mkdocs.yml and registered at the lowest priority, because the hashes must be taken
from the final HTML: a post-page step that ran later and added or changed an inline script would
leave that script blocked. The policy itself is built by casebook.pages.csp, which never imports MkDocs.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from casebook.pages import csp

# Lower than any other handler: MkDocs runs handlers from the highest priority to the lowest.
LAST = -1000

# Text of the site's own scripts, read once per build (static files are copied into site_dir
# before any page is written), by the URL a page's src resolves to: resolving a path on disk for
# each script of each page cost 0.4 s at 2,000 reviews. Reset in on_config: hooks live as long as
# `mkdocs serve`.
_scripts: dict[str, str | None] = {}

# `mkdocs serve` injects its live-reload script into every response, inline and different for each
# request, so no hash can allow it: under serve the preview goes without the policy (the built
# site, what is published, always has it).
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config):
    _scripts.clear()
    return config


def _reader(config, page_url: str):
    """read_script for one page: a script src resolved against the page, read from site_dir."""
    site_root = urlsplit(config.site_url or "/").path or "/"
    site_root = site_root if site_root.endswith("/") else site_root + "/"
    here = urljoin("http://site" + site_root, page_url)

    def read_script(src: str) -> str | None:
        target = urlsplit(urljoin(here, src))
        if target.netloc != "site" or not target.path.startswith(site_root):
            return None  # not the site's own (the third-party tests keep this from happening)
        if target.path not in _scripts:
            site_dir = Path(config.site_dir).resolve()
            path = (site_dir / target.path[len(site_root):]).resolve()
            inside = site_dir in path.parents and path.is_file()
            _scripts[target.path] = path.read_text(encoding="utf-8", errors="replace") if inside else None
        return _scripts[target.path]

    return read_script


def _protect(output: str, where: str, read_script) -> str:
    try:
        return csp.with_policy(output, read_script)
    except csp.PolicyError as exc:
        raise PluginError(f"{where}: {exc}") from exc


@event_priority(LAST)
def on_post_page(output: str, page, config) -> str:
    if _serving:
        return output
    return _protect(output, page.file.src_uri, _reader(config, page.url))


@event_priority(LAST)
def on_post_template(output_content: str, template_name: str, config) -> str:
    """Static templates (404.html) are pages too; sitemap.xml is not HTML and is left alone."""
    if _serving or not template_name.endswith(".html"):
        return output_content
    return _protect(output_content, template_name, _reader(config, template_name))
