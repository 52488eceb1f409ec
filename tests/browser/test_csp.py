"""Every page carries a Content-Security-Policy that allows its own inline scripts and nothing else.

GitHub Pages cannot send headers, so the policy is a meta tag written by hooks/csp.py. These tests
check the policy text of every built page against an independent reading of its scripts, then
load every kind of page in Chromium and record the browser's own CSP violation reports.
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from casebook.pages import csp
from site_pages import mkdocs_config, page_types, use_search_and_filters

VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`));
"""


# -- the policy logic, without MkDocs ---------------------------------------------------------------

def test_script_hash_is_the_one_browsers_compute():
    # The worked example of the CSP specification.
    assert csp.script_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    # The HTML parser turns CRLF into LF before the browser hashes the script.
    assert csp.script_hash("a()\r\nb()") == csp.script_hash("a()\nb()")


def test_only_inline_scripts_that_run_are_hashed():
    page = """<html><head><meta charset="utf-8"><script>one()</script>
    <script src="x.js"></script><script type="application/json">{"data": 1}</script>
    <SCRIPT type="module">two()</SCRIPT></head><body></body></html>"""
    assert csp.inline_scripts(page) == ["one()", "two()"]


def test_policy_goes_before_every_stylesheet_and_script():
    page = '<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="a.css"><script>go()</script></head></html>'
    out = csp.with_policy(page)
    meta = out.index('http-equiv="Content-Security-Policy"')
    assert meta < out.index("<link") < out.index("<script")
    assert csp.script_hash("go()") in out
    assert "'unsafe-inline'" not in out and "'unsafe-eval'" not in out


def test_a_second_policy_from_a_template_is_refused():
    page = '<head><meta charset="utf-8"><meta http-equiv="content-security-policy" content="default-src *"></head>'
    with pytest.raises(csp.PolicyError):
        csp.with_policy(page)


def test_webassembly_is_allowed_only_where_pagefind_runs():
    head = '<head><meta charset="utf-8">'
    assert "'wasm-unsafe-eval'" not in csp.with_policy(head + "<script>a()</script></head>")
    # Pages marked for the indexer run no search.
    assert "'wasm-unsafe-eval'" not in csp.with_policy(head + "<script>a()</script></head><div data-pagefind-body>")
    assert "'wasm-unsafe-eval'" in csp.with_policy(
        head + '<script type="module">import("/pagefind/pagefind.js")</script></head>')
    scripts = {"../js/search.js": 'pagefind = await import(bundle + "pagefind.js")', "../js/other.js": "x()"}
    assert "'wasm-unsafe-eval'" in csp.with_policy(head + '<script src="../js/search.js"></script></head>', scripts.get)
    assert "'wasm-unsafe-eval'" not in csp.with_policy(head + '<script src="../js/other.js"></script></head>', scripts.get)


def test_the_csp_hook_is_the_last_hook():
    assert mkdocs_config()["hooks"][-1] == "hooks/csp.py"


# -- the built pages ----------------------------------------------------------------------------------

class _Scripts(HTMLParser):
    """Inline scripts as the HTML parser sees them: an independent check of casebook.pages.csp's reading."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.inline: list[str] = []
        self.policies: list[str] = []
        self.inline_styles: list[str] = []
        self._in: dict | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if "style" in attrs:
            self.inline_styles.append(f'<{tag} style="{attrs["style"]}">')
        if tag == "style":
            self.inline_styles.append("<style>")
        self.inline_styles += [f"<{tag} {k}=...>" for k in attrs if k.startswith("on")]
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "content-security-policy":
            self.policies.append(attrs["content"])
        if tag == "script":
            self._in, self._text = attrs, []

    def handle_data(self, data):
        if self._in is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in is not None:
            runs = self._in.get("type", "").lower() in ("", "module", "text/javascript")
            if "src" not in self._in and runs:
                self.inline.append("".join(self._text))
            self._in = None


def _directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in policy.split(";")) if d}


@pytest.mark.parametrize("site_fixture", ["real_site", "fixture_site"])
def test_every_page_allows_exactly_its_own_inline_scripts(site_fixture, request):
    site: Path = request.getfixturevalue(site_fixture)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    wasm_pages: list[str] = []
    for path in pages:
        html = path.read_text(encoding="utf-8")
        parser = _Scripts()
        parser.feed(html)
        where = path.relative_to(site)
        assert len(parser.policies) == 1, f"{where}: expected one CSP meta tag, found {len(parser.policies)}"
        policy = _directives(parser.policies[0])
        head = html[: html.index('http-equiv="Content-Security-Policy"')]
        assert "<script" not in head and "<link" not in head and "<style" not in head, (
            f"{where}: the policy must come before any script or stylesheet")
        hashes = {h for h in policy["script-src"] if h.startswith("'sha256-")}
        assert hashes == {csp.script_hash(s) for s in parser.inline}, f"{where}: script-src hashes do not match its inline scripts"
        assert len(parser.inline) >= 3, f"{where}: Material's inline scripts are missing"
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert policy["default-src"] == ["'self'"]
        everything = " ".join(" ".join(v) for v in policy.values())
        assert "'unsafe-inline'" not in everything and "'unsafe-eval'" not in everything
        assert "*" not in everything and "http:" not in everything and "https:" not in everything
        if "'wasm-unsafe-eval'" in policy["script-src"]:
            wasm_pages.append(str(where))
        # The policy allows no inline style and no event-handler attribute: the browser would drop them.
        assert parser.inline_styles == [], (
            f"{where}: the CSP blocks these; use a class in a stylesheet or a script file: {parser.inline_styles[:5]}")
    # Only search pages may compile WebAssembly (Pagefind), never every page.
    assert all("search" in p for p in wasm_pages), wasm_pages


# -- in the browser -------------------------------------------------------------------------------------

@pytest.fixture()
def watched_page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(VIOLATIONS)
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    page.csp_console = console
    yield page
    context.close()


def _violations(page) -> list[str]:
    """The page's CSP violation reports, each once, shortened (console messages repeat the events)."""
    reports = page.evaluate("window.__cspViolations") + [m[:160] for m in page.csp_console]
    return list(dict.fromkeys(reports))


def test_no_page_breaks_its_own_policy(real_site, real_site_url, watched_page):
    page = watched_page
    for kind, url in page_types(real_site).items():
        page.goto(real_site_url + url)
        page.wait_for_load_state("networkidle")
        assert _violations(page) == [], f"{kind} ({url or '/'}): {_violations(page)}"
        # Material's inline scripts and bundle ran under the policy.
        assert page.evaluate("typeof __md_get === 'function' && typeof document$ !== 'undefined'"), kind


def test_search_and_filters_work_under_the_policy(real_site_url, watched_page):
    """Pagefind's WebAssembly, its worker and the filter scripts all run on the search and review pages."""
    use_search_and_filters(watched_page, real_site_url)
    assert _violations(watched_page) == []


def test_palette_toggle_works_under_the_policy(real_site_url, watched_page):
    page = watched_page
    page.goto(real_site_url)
    before = page.evaluate("document.body.dataset.mdColorScheme")
    page.locator("label.md-header__button:visible[for^='__palette']").click()
    for _ in range(50):  # polled from Python: wait_for_function would need eval, which the policy forbids
        if page.evaluate("document.body.dataset.mdColorScheme") != before:
            break
        page.wait_for_timeout(50)
    page.reload()
    assert page.evaluate("document.body.dataset.mdColorScheme") != before, "the choice did not survive a reload"
    assert _violations(page) == []


def test_a_script_changed_after_the_build_is_blocked(real_site, tmp_path, browser):
    """The policy is enforced, not decorative: an inline script that is not the one hashed does not run."""
    from conftest import serve

    site = tmp_path / "site"
    shutil.copytree(real_site, site)
    home = site / "index.html"
    html = home.read_text(encoding="utf-8")
    first = csp.inline_scripts(html)[0]
    home.write_text(html.replace(first, first + ";window.__tampered=1", 1), encoding="utf-8")
    url, server = serve(site)
    try:
        context = browser.new_context()
        page = context.new_page()
        page.add_init_script(VIOLATIONS)
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__tampered") is None
        assert any(v.startswith("script-src") for v in page.evaluate("window.__cspViolations"))
        context.close()
    finally:
        server.shutdown()
