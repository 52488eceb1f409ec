"""The Content-Security-Policy of a built page, carried in a meta tag with the hashes of its own inline scripts.

GitHub Pages cannot send response headers, so the policy has to travel inside each page. Material
puts a few inline scripts on every page and the first one differs with the folder depth, so the
hashes are computed page by page from the finished HTML, never listed once for the whole site.
A meta policy only governs what the parser meets after it, so it goes straight after the charset,
before any stylesheet or script.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import re
from collections.abc import Callable

# Types a browser executes; any other type (application/json, text/template) is a data block that
# CSP does not govern, so hashing it would only widen the policy.
_EXECUTABLE = {
    "", "module", "text/javascript", "application/javascript", "application/ecmascript",
    "text/ecmascript", "application/x-javascript", "text/x-javascript",
}

# A script element's text runs to the first `</script`, whatever it contains: this is how the
# HTML parser reads it too.
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_ATTR = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_CHARSET = re.compile(r"<meta\s+charset\s*=\s*[\"']?[\w-]+[\"']?\s*/?>", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_EXISTING = re.compile(r"<meta\b[^>]*http-equiv\s*=\s*[\"']?content-security-policy", re.IGNORECASE)


class PolicyError(ValueError):
    """The page cannot be given a policy, e.g. because a template already set another one."""


def _attributes(text: str) -> dict[str, str]:
    return {m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
            for m in _ATTR.finditer(text)}


def _scripts(page_html: str) -> tuple[list[str], list[str]]:
    """In one pass over the page: the text of every inline script the browser would run, and the
    src of every script it loads from a file, each in page order."""
    inline, sources = [], []
    for match in _SCRIPT.finditer(page_html):
        attrs = _attributes(match.group(1))
        if attrs.get("src"):
            sources.append(attrs["src"])
        elif "src" not in attrs and attrs.get("type", "").strip().lower() in _EXECUTABLE:
            inline.append(match.group(2))
    return inline, sources


def inline_scripts(page_html: str) -> list[str]:
    """The text of every inline script the browser would run, in page order."""
    return _scripts(page_html)[0]


def script_hash(text: str) -> str:
    """The CSP source for one inline script: the browser hashes its UTF-8 text after newline normalisation."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(normalised.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@functools.lru_cache(maxsize=256)
def _mentions_pagefind(text: str) -> bool:
    # Cached: every page loads the same few scripts (Material's bundle is ~100 KB), and lowering
    # them again for each page cost 0.5 s at 2,000 reviews.
    return "pagefind" in text.lower()


def _starts_pagefind(inline: list[str], sources: list[str], read_script: Callable[[str], str | None]) -> bool:
    """Whether one of the page's scripts, inline or loaded from the site, starts Pagefind (WebAssembly).
    Only scripts count: a page that merely mentions Pagefind runs no search."""
    return any(_mentions_pagefind(text) for text in inline) or any(
        _mentions_pagefind(read_script(src) or "") for src in sources
    )


def policy(script_hashes: list[str], *, wasm: bool = False) -> str:
    """The policy text: only the site's own origin, and only the inline scripts the build wrote."""
    script_src = ["'self'", *dict.fromkeys(script_hashes)]
    if wasm:
        # Compiling Pagefind's WebAssembly needs this, and only this: 'unsafe-eval' stays out.
        script_src.append("'wasm-unsafe-eval'")
    directives = [
        "default-src 'self'",
        "script-src " + " ".join(script_src),
        "style-src 'self'",
        # Material's icons in its stylesheets are SVG data: URLs (CSS masks load as images).
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives)


def with_policy(page_html: str, read_script: Callable[[str], str | None] = lambda src: None) -> str:
    """The page with its Content-Security-Policy meta tag inserted before any stylesheet or script.

    `read_script(src)` gives the text of a script the page loads (None if it is not the site's own),
    so that a page whose script starts Pagefind is allowed to compile WebAssembly, and no other page.
    """
    if _EXISTING.search(page_html):
        raise PolicyError("the page already has a Content-Security-Policy meta tag; remove it from the template")
    inline, sources = _scripts(page_html)
    text = policy([script_hash(s) for s in inline], wasm=_starts_pagefind(inline, sources, read_script))
    # Escaped for a double-quoted attribute; the policy's single quotes stay readable.
    content = html.escape(text, quote=False).replace('"', "&quot;")
    tag = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    anchor = _CHARSET.search(page_html) or _HEAD.search(page_html)
    if anchor is not None:
        at = anchor.end()
    else:
        first_script = re.search(r"<script\b", page_html, re.IGNORECASE)
        if first_script is None:
            return page_html  # a fragment without head or scripts: nothing to protect
        at = first_script.start()
    return page_html[:at] + "\n    " + tag + page_html[at:]
