"""What one cold search costs a reader: the bytes Chromium downloads to search a built site.

The site is served on loopback; a fresh browser context (empty cache) opens /search/ with a
query and waits for the results. Counted: every response the search page loads from
/pagefind/ (Pagefind's script, worker, WebAssembly, index chunks, filters and the result
fragments), and the page with its own assets for context. Bytes are as sent by a server that does
not compress; Pagefind's index files are gzip already, and a host that compresses JavaScript
(GitHub Pages does) sends less of the rest.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import re
import threading
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json"}

    def log_message(self, *args):
        pass


@dataclass
class SearchCost:
    query: str
    results: int  # how many reviews the search found
    pagefind_bytes: int  # what the search itself loaded, uncompressed JavaScript included
    pagefind_bytes_gzip: int  # the same with the JavaScript and JSON gzipped, as a compressing host sends it
    page_bytes: int  # everything, the search page and its stylesheets and scripts included
    requests: int


def _gzipped_size(path: Path) -> int:
    data = path.read_bytes()
    if path.suffix in (".js", ".json", ".css", ".html"):
        return len(gzip.compress(data, 6))
    return len(data)


def measure(site: Path, queries: list[str]) -> list[SearchCost]:
    """One cold search per query, each in a new browser context."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for query in queries:
                context = browser.new_context()
                page = context.new_page()
                loaded: list[str] = []
                page.on("requestfinished", lambda request: loaded.append(request.url))
                page.goto(base + "search/?q=" + query.replace(" ", "+"))
                # A locator wait, not a script: the site's Content-Security-Policy forbids eval.
                page.locator("[data-cb-status]", has_text=re.compile("match|No review|could not")).wait_for(timeout=120_000)
                page.wait_for_load_state("networkidle")
                status = page.locator("[data-cb-status]").inner_text()
                found = re.match(r"([\d,]+) reviews? match", status)
                results = int(found.group(1).replace(",", "")) if found else 0
                files = [site / url[len(base):].split("?")[0] for url in loaded if url.startswith(base)]
                files = [f / "index.html" if f.is_dir() else f for f in files]
                search_files = [f for f in files if "pagefind" in f.parts]
                out.append(SearchCost(
                    query=query,
                    results=results,
                    pagefind_bytes=sum(f.stat().st_size for f in search_files),
                    pagefind_bytes_gzip=sum(_gzipped_size(f) for f in search_files),
                    page_bytes=sum(f.stat().st_size for f in files if f.is_file()),
                    requests=len(loaded),
                ))
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return out
