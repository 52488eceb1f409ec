"""Search: Pagefind indexes every review with its facets, /search/ finds and filters them in a real
browser, and the header search box leads there. Material's own search is gone.

Expected figures are computed here from the fixture files with plain YAML, not with the casebook
package, so that a mistake in casebook.library.facets cannot hide behind the same mistake in the test.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT, page, serve

THEMES = yaml.safe_load((ROOT / "vocabulary" / "themes.yml").read_text(encoding="utf-8"))
TIMEOUT = 30_000


def fixture_facets(folder: Path = FIXTURES / "library") -> dict[str, dict[str, list[str]]]:
    """Each review's facet values (and title and publication date), by slug, read straight from the
    files: the fixture library's, or another folder of fictional reviews."""
    out = {}
    for path in sorted(folder.glob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        themes = set(meta["themes"]) | {t for lp in meta["learning"] for t in lp["themes"]}
        for slug in list(themes):
            while THEMES[slug].get("parent"):
                slug = THEMES[slug]["parent"]
                themes.add(slug)
        published = str(meta["published"])
        out[path.stem] = {
            "title": meta["title"],
            "published": "" if published == "not-stated" else published,
            "theme": sorted(themes),
            "type": [meta["review_type"]],
            "nation": [meta["nation"]],
            "outcome": [meta["outcome"]],
            "agency": list(meta.get("agencies") or ["not-stated"]),
            "year": ["not-stated" if published == "not-stated" else published[:4]],
        }
    return out


def counts(reviews: dict[str, dict[str, list[str]]], facet: str) -> Counter:
    return Counter(v for r in reviews.values() for v in r[facet])


# -- in the built site ---------------------------------------------------------------------------


def test_pagefind_replaces_material_search(real_site: Path):
    assert not (real_site / "search" / "search_index.json").exists(), "Material's search index is still built"
    assert (real_site / "pagefind" / "pagefind.js").is_file()
    assert (real_site / "pagefind" / "pagefind-entry.json").is_file()
    home = page(real_site, "/").read_text(encoding="utf-8")
    assert 'data-md-component="search"' not in home
    # The header box is a plain form: it opens /search/ with the words typed, JavaScript or not.
    assert re.search(r'<form class="cb-header-search" role="search" action="search/" method="get">', home)


def test_a_reviews_index_entry_carries_its_facets_broader_themes_included(real_site: Path):
    """What Pagefind is handed for Family B (casebook.search.record), made as the build makes it."""
    from casebook.search import record as search_record
    from casebook.library.collection import load_project

    library = load_project(ROOT)
    review = library.review("family-b")
    document = search_record.review_document(review, library.vocabulary, "<p>The body.</p>")
    filters = set(re.findall(r'data-pagefind-filter="([a-z]+:[a-z0-9-]+)"', document))
    # Family B is tagged with malicious-referral-caution, whose broader theme is referrals.
    assert {"theme:malicious-referral-caution", "theme:referrals", "theme:information-sharing"} <= filters
    assert {"type:serious-case-review", "nation:not-stated", "outcome:serious-harm", "year:not-stated", "agency:police"} <= filters
    assert 'data-pagefind-meta="type:Serious Case Review"' in document
    assert "<h1>Serious Case Review Report: Family B</h1>" in document
    # The body by its words, once each, in the section a result never quotes (record.py says why).
    terms = document.split(f'id="{search_record.TERMS_ID}"', 1)[1]
    assert "<p>The body.</p>" not in document and re.search(r"\bbody\b", terms)
    # Only the review itself is indexed: not the content note, the metadata panel or related reviews.
    assert "Content note" not in document and "Related reviews" not in document
    # The page a reader sees carries none of it.
    assert "data-pagefind" not in page(real_site, "/reviews/family-b/").read_text(encoding="utf-8")


def test_an_index_entry_keeps_the_ids_of_headings_only():
    """Headings with ids are the places a result can land on (Pagefind's sections): the summary, the
    learning points, the recommendations; other ids go, and the body is indexed by its words only."""
    from casebook.search import record as search_record
    from casebook.library.collection import load_project

    library = load_project(ROOT)
    body = ('<h2 id="learning">Key learning</h2><h3 id="learning-1">Learning point 1</h3><p class="cb-point">Point.</p>'
            '<h2 id="background">Background</h2><ol><li id="recommendation-R1">Do this.</li></ol>'
            '<h2 id="recommendations">Recommendations</h2><div class="cb-recommendations"><ul>'
            '<li id="recommendation-R2"><p class="cb-point"><strong>R2</strong> Share it.</p></li></ul></div>')
    document = search_record.review_document(library.review("family-b"), library.vocabulary, body)
    assert re.findall(r'\sid="([^"]+)"', document) == ["summary", "learning", "learning-1", "recommendations", search_record.TERMS_ID]
    # The themes' other names and the body's words come last, in their own section, which the
    # search page never shows.
    shown, terms = document.split(f'id="{search_record.TERMS_ID}"', 1)
    assert "Share it." in shown and "Do this." not in document
    assert "background" in re.sub(r"<[^>]+>", " ", terms).split()


def test_the_search_page_says_where_to_browse_without_javascript(real_site: Path):
    html = page(real_site, "/search/").read_text(encoding="utf-8")
    assert "Search needs JavaScript" in html
    assert 'href="../reviews/"' in html and 'href="../themes/"' in html
    # The script is a file of the site's own, not an inline script (the CSP allows no inline code).
    assert '<script src="../javascripts/search.js" defer></script>' in html
    assert (real_site / "javascripts" / "search.js").is_file()


# -- in Chromium ---------------------------------------------------------------------------------


def search(browser, base: str, query: str = "", **filters: str):
    """Open /search/ with a query and filters in the address, as a shared link would."""
    params = [("q", query)] if query else []
    params += [(k, v) for k, v in filters.items()]
    tab = browser.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(base + "search/" + ("?" + "&".join(f"{k}={v.replace(' ', '+')}" for k, v in params) if params else ""))
    status = tab.locator("[data-cb-status]")
    status.filter(has_text=re.compile(r"match|Type words|could not")).wait_for(timeout=TIMEOUT)
    assert "could not" not in status.inner_text(), errors
    return tab


def open_filters(tab) -> None:
    """Open the closed filter panel, as a reader clicks 'Filter by ...'."""
    tab.locator("[data-cb-facets] > summary").click()
    tab.locator('fieldset[data-facet="theme"]').wait_for(state="visible", timeout=TIMEOUT)
    tab.wait_for_load_state("networkidle")  # the filter index, then the counts it gives


def result_titles(tab) -> list[str]:
    """Every result's title: results come five at a time, so 'Show more results' is pressed until gone."""
    more, items = tab.locator("[data-cb-more]"), tab.locator("[data-cb-results] > li")
    while more.is_visible():
        shown = items.count()
        more.click()
        items.nth(shown).wait_for(timeout=TIMEOUT)
    return tab.locator("[data-cb-results] h3").all_inner_texts()


def shown_count(tab) -> int:
    found = re.match(r"([\d,]+) reviews? match", tab.locator("[data-cb-status]").inner_text())
    return int(found.group(1)) if found else 0


def wait_for_count(tab, n: int) -> None:
    """Wait until the status says n reviews match (a locator wait: the site's CSP forbids eval)."""
    tab.locator("[data-cb-status]").filter(has_text=re.compile(rf"^{n} reviews? match")).wait_for(timeout=TIMEOUT)


def facet_counts(tab, facet: str) -> dict[str, int]:
    out = {}
    for item in tab.locator(f'fieldset[data-facet="{facet}"] li').all():
        # A broader theme's item holds its narrower themes' list: its own box and count only.
        value = item.locator(":scope > input").get_attribute("value")
        out[value] = int(re.sub(r"\D", "", item.locator(":scope > label [data-count]").inner_text()))
    return out


def test_searching_information_sharing_finds_family_b(browser, real_site_url):
    tab = search(browser, real_site_url, "information sharing")
    assert "Serious Case Review Report: Family B" in result_titles(tab)
    result = tab.locator("[data-cb-results] > li").first
    # Each result: the title as a link, the type and year, and an excerpt with the words marked.
    assert result.locator("h3 a").get_attribute("href").rstrip("/").endswith("reviews/family-b")
    assert result.locator(".cb-result__meta").inner_text() == "Serious Case Review · year not stated"
    assert result.locator(".cb-result__excerpt mark").count() >= 1
    tab.close()


@pytest.mark.parametrize("query", ["malicious allegations", "anonymous referrals"])
def test_theme_synonyms_find_family_b(browser, real_site_url, query):
    tab = search(browser, real_site_url, query)
    assert "Serious Case Review Report: Family B" in result_titles(tab)
    tab.close()


def test_a_result_that_matched_a_learning_point_links_to_it(browser, real_site_url):
    tab = search(browser, real_site_url, "anonymous allegations")
    result = tab.locator("[data-cb-results] > li").filter(has_text="Serious Case Review Report: Family B").first
    point = result.locator("a[href$='/reviews/family-b/#learning-5']")
    assert point.count() == 1, result.inner_html()
    assert point.inner_text() == "Learning point 5"
    # Beside the link, the point's own words, the ones searched for marked.
    excerpt = point.locator("xpath=..").locator(".cb-result__excerpt")
    assert [m.lower() for m in excerpt.locator("mark").all_inner_texts()] == ["anonymous", "allegations"]
    assert "repeated anonymous allegations are malicious" in excerpt.inner_text()
    point.click()
    tab.wait_for_url("**/reviews/family-b/#learning-5")
    assert tab.locator("#learning-5").is_visible()
    tab.close()


def test_excerpts_show_only_what_the_page_shows(browser, real_site_url, fixture_site_url):
    """The themes' other names are searched, never shown: no excerpt quotes them, no link leads to them."""
    for base, query in ((real_site_url, "anonymous allegations"), (real_site_url, "malicious referral"),
                        (fixture_site_url, "hoarding")):
        tab = search(browser, base, query)
        result_titles(tab)
        results = tab.locator("[data-cb-results]")
        text = results.inner_text()
        assert results.locator("li").count() and "also called" not in text and "Themes and terms" not in text, (query, text)
        assert not results.locator("a[href*='cb-search-terms']").count()
        # Every result says something of the review, even when only a theme's other name matched.
        for item in results.locator(":scope > li").all():
            assert item.locator(".cb-result__excerpt").first.inner_text().strip(), (query, item.inner_text())
        tab.close()


def test_narrower_themes_are_nested_and_indented_under_their_broader_theme(browser, fixture_site_url):
    tab = search(browser, fixture_site_url, "fictional")
    open_filters(tab)
    broader = tab.locator("#cb-theme-referrals")
    narrower = tab.locator("#cb-theme-malicious-referral-caution")
    # In a list inside the broader theme's item, so that a screen reader announces it as nested.
    item = tab.locator("li").filter(has=tab.locator(":scope > #cb-theme-referrals"))
    assert item.locator("ul #cb-theme-malicious-referral-caution").count() == 1
    assert narrower.bounding_box()["x"] - broader.bounding_box()["x"] >= 16
    tab.close()


def test_a_synonym_found_nowhere_in_a_review_still_finds_it_by_its_theme(browser, fixture_site_url):
    # "hoarding" is a synonym of self-neglect; no fixture review uses the word.
    assert "hoarding" in THEMES["self-neglect"]["synonyms"]
    for path in (FIXTURES / "library").glob("*.md"):
        assert not re.search(r"\bhoarding\b", path.read_text(encoding="utf-8"), re.I), path
    want = {r["title"] for r in fixture_facets().values() if "self-neglect" in r["theme"]}
    assert want
    tab = search(browser, fixture_site_url, "hoarding")
    assert set(result_titles(tab)) == want
    tab.close()


def test_the_theme_filter_narrows_the_results(browser, fixture_site_url):
    reviews = fixture_facets()
    tab = search(browser, fixture_site_url, "learning")
    everything = set(result_titles(tab))
    tagged = {r["title"] for r in reviews.values() if "malicious-referral-caution" in r["theme"]}
    want = everything & tagged
    assert 0 < len(want) < len(everything)
    open_filters(tab)
    tab.check("#cb-theme-malicious-referral-caution")
    tab.wait_for_url(re.compile(r"theme=malicious-referral-caution"))
    wait_for_count(tab, len(want))
    assert set(result_titles(tab)) == want
    tab.close()


def test_a_broader_theme_finds_the_reviews_of_its_narrower_themes(browser, fixture_site_url):
    reviews = fixture_facets()
    tab = search(browser, fixture_site_url, theme="referrals")
    want = {r["title"] for r in reviews.values() if "referrals" in r["theme"]}
    assert "malicious-referral-caution" in THEMES and THEMES["malicious-referral-caution"]["parent"] == "referrals"
    assert set(result_titles(tab)) == want and shown_count(tab) == len(want)
    tab.close()


def test_counts_per_filter_are_right(browser, fixture_site_url):
    reviews = fixture_facets()
    tab = search(browser, fixture_site_url, "fictional")
    open_filters(tab)
    # Every fixture review says it is fictional: the counts for that search are the library's.
    wait_for_count(tab, len(reviews))
    for facet in ("theme", "type", "nation", "outcome", "agency", "year"):
        want = counts(reviews, facet)
        assert facet_counts(tab, facet) == {v: want[v] for v in facet_counts(tab, facet)}, facet
        assert set(facet_counts(tab, facet)) == set(want), facet
    tab.close()

    # With nation=england chosen: other facets count the English reviews; the nation facet keeps
    # counting every nation, since its values are alternatives to each other.
    english = {s: r for s, r in reviews.items() if r["nation"] == ["england"]}
    tab = search(browser, fixture_site_url, nation="england")
    assert shown_count(tab) == len(english)
    assert facet_counts(tab, "nation") == dict(counts(reviews, "nation"))
    for facet in ("theme", "type", "outcome", "agency", "year"):
        want = counts(english, facet)
        assert facet_counts(tab, facet) == {v: want.get(v, 0) for v in facet_counts(tab, facet)}, facet
    tab.close()


def test_a_plain_search_loads_no_filter_index_until_the_filters_are_opened(browser, fixture_site_url):
    tab = browser.new_page()
    loaded: list[str] = []
    tab.on("requestfinished", lambda request: loaded.append(request.url))
    tab.goto(fixture_site_url + "search/?q=learning")
    tab.locator("[data-cb-status]").filter(has_text="match").wait_for(timeout=TIMEOUT)
    assert any("/pagefind/index/" in url for url in loaded)
    assert not any("/pagefind/filter/" in url for url in loaded)
    open_filters(tab)
    tab.wait_for_load_state("networkidle")
    assert any("/pagefind/filter/" in url for url in loaded)
    tab.close()


def test_an_empty_search_page_loads_no_search_index_until_the_reader_types(browser, fixture_site_url):
    tab = browser.new_page()
    loaded: list[str] = []
    tab.on("requestfinished", lambda request: loaded.append(request.url))
    tab.goto(fixture_site_url + "search/")
    tab.locator("[data-cb-status]").filter(has_text="Type words").wait_for(timeout=TIMEOUT)
    tab.wait_for_load_state("networkidle")
    assert not [u for u in loaded if "/pagefind/" in u]
    tab.fill("#cb-search-q", "fictional")
    tab.locator("[data-cb-status]").filter(has_text="match").wait_for(timeout=TIMEOUT)
    assert [u for u in loaded if u.endswith("/pagefind/pagefind.js")]
    tab.close()


def test_two_values_of_one_facet_are_alternatives(browser, fixture_site_url):
    reviews = fixture_facets()
    tab = search(browser, fixture_site_url, nation="england")
    tab.check("#cb-nation-wales")
    tab.wait_for_url(re.compile(r"nation=wales"))
    want = {r["title"] for r in reviews.values() if r["nation"][0] in ("england", "wales")}
    wait_for_count(tab, len(want))
    assert set(result_titles(tab)) == want
    tab.close()


def test_the_header_search_box_opens_the_search_page_with_results(browser, real_site_url):
    tab = browser.new_page()
    tab.goto(real_site_url + "themes/")
    tab.fill("#cb-header-search-q", "information sharing")
    tab.press("#cb-header-search-q", "Enter")
    tab.wait_for_url(re.compile(r"/search/\?q=information\+sharing"))
    tab.locator("[data-cb-status]").filter(has_text="match").wait_for(timeout=TIMEOUT)
    assert "Serious Case Review Report: Family B" in result_titles(tab)
    tab.close()


def _bundle(service, folder: Path, documents: dict[str, str]) -> Path:
    """A Pagefind bundle of the given pages (url -> body HTML), written as the build writes it."""
    indexer = service.PagefindIndexer({"force_language": "en"})
    try:
        for url, body in documents.items():
            indexer.add_page(url, f'<html lang="en"><body><main data-pagefind-body>{body}</main></body></html>')
        indexer.write(folder / "pagefind")
    finally:
        indexer.close()
    return folder


@pytest.fixture(scope="module")
def twelve_results_url(fixture_site, tmp_path_factory):
    """The fixture site's search page over twelve fictional reviews that all say 'fictional'."""
    import shutil

    site = tmp_path_factory.mktemp("twelve") / "site"
    shutil.copytree(fixture_site, site, ignore=shutil.ignore_patterns("pagefind"))
    _bundle(_indexer(), site, {
        f"/reviews/twelve-{n:02d}/": f'<h1>Fictional review {n:02d}</h1>'
        f'<span data-pagefind-meta="type:Serious Case Review"></span><span data-pagefind-meta="year:20{n:02d}"></span>'
        f"<p>This review is fictional. {'Learning about information sharing. ' * n}</p>"
        for n in range(1, 13)
    })
    url, server = serve(site)
    yield url
    server.shutdown()


def test_results_come_five_at_a_time_and_show_more_loads_the_next(browser, twelve_results_url):
    # Each result shown downloads that review's fragment: a cold search fetches five, not all.
    tab = browser.new_page()
    fragments: list[str] = []
    tab.on("requestfinished", lambda r: fragments.append(r.url) if "/pagefind/fragment/" in r.url else None)
    tab.goto(twelve_results_url + "search/?q=fictional")
    wait_for_count(tab, 12)
    more = tab.get_by_role("button", name="Show more results")
    assert tab.locator("[data-cb-results] h3").count() == 5 and more.is_visible()
    tab.wait_for_load_state("networkidle")
    assert len(fragments) == 5
    more.click()
    tab.locator("[data-cb-results] > li").nth(9).wait_for(timeout=TIMEOUT)
    assert tab.locator("[data-cb-results] h3").count() == 10 and more.is_visible()
    more.click()
    tab.locator("[data-cb-results] > li").nth(11).wait_for(timeout=TIMEOUT)
    assert sorted(result_titles(tab)) == [f"Fictional review {n:02d}" for n in range(1, 13)]
    assert not more.is_visible()
    assert len(fragments) == 12
    tab.close()


def _chunks_holding(bundle: Path, word: str) -> set[str]:
    """The index chunks whose word range (in the page list) can hold `word`."""
    import cbor2

    from casebook.search import pagefind_meta

    meta = cbor2.loads(pagefind_meta.read_file(next((bundle / "pagefind").glob("*.pf_meta"))))
    return {chunk[2] for chunk in meta[pagefind_meta.INDEX_CHUNKS] if chunk[0] <= word <= chunk[1]}


def test_words_nearly_every_review_has_are_not_looked_up(browser, fixture_site, tmp_path):
    """'the voice of the child' downloads the index of 'voice' and 'child', not of 'the' and 'of'."""
    import shutil

    site = tmp_path / "site"
    shutil.copytree(fixture_site, site, ignore=shutil.ignore_patterns("pagefind"))
    _bundle(_indexer(), site, {
        f"/reviews/r{i}/": f"<h1>Fictional review {i}</h1><p>{'the voice of the child, ' * 700}{'unheard ' * (i % 3)}</p>"
        for i in range(30)
    })
    the, voice = _chunks_holding(site, "the"), _chunks_holding(site, "voic")
    assert the and the.isdisjoint(voice), "the fixture must put 'the' in a chunk of its own"
    url, server = serve(site)
    tab = browser.new_page()
    loaded: list[str] = []
    tab.on("requestfinished", lambda r: loaded.append(r.url.rsplit("/", 1)[1].split(".")[0]) if "/pagefind/index/" in r.url else None)
    tab.goto(url + "search/?q=the+voice+of+the+child")
    wait_for_count(tab, 30)
    server.shutdown()
    assert voice & set(loaded) and not the & set(loaded), loaded
    # The reader's words stay as typed.
    assert "“the voice of the child”" in tab.locator("[data-cb-status]").inner_text()
    tab.close()


def _search_in(browser, base: str, query: str) -> tuple[list[str], list[str]]:
    """Pagefind's results (page and score) for a query in a fresh page, and the index chunks it loaded."""
    tab = browser.new_context(bypass_csp=True).new_page()
    chunks: list[str] = []
    tab.on("requestfinished", lambda r: chunks.append(r.url.split("/pagefind/")[1]) if "/pagefind/index/" in r.url else None)
    tab.goto(base)
    results = tab.evaluate("""async (q) => {
        const pagefind = await import('/pagefind/pagefind.js');
        await pagefind.options({ noWorker: true });
        const search = await pagefind.search(q);
        return search.results.map((r) => r.id + ' ' + r.score.toFixed(6));
    }""", query)
    tab.context.close()
    return results, chunks


def test_a_search_loads_only_the_index_chunks_that_can_hold_its_words(browser, tmp_path, monkeypatch):
    """casebook/search/pagefind_meta.py: 'information' no longer loads the chunk of the common word 'in'."""
    service = _indexer()
    # "in" and "inform" (the stem of "information") each fill a chunk of their own, as at 5,000 reviews.
    pages = {f"/r{i}/": f"<h1>Review {i}</h1><p>{'in the home, information sharing ' * 700}"
                        f"{'professional curiosity ' * (i % 5)}</p>" for i in range(30)}
    as_written = _bundle(service, tmp_path / "as-written", {**pages})
    monkeypatch.setattr(service.pagefind_meta, "close_chunk_gaps", lambda bundle: 0)
    untouched = _bundle(service, tmp_path / "untouched", {**pages})
    assert len(list((untouched / "pagefind" / "index").glob("*.pf_index"))) >= 3
    for query in ["information", "information sharing", "in", "informa", "profession", "curious home"]:
        url, server = serve(as_written)
        results, chunks = _search_in(browser, url, query)
        server.shutdown()
        url, server = serve(untouched)
        want, chunks_before = _search_in(browser, url, query)
        server.shutdown()
        assert results == want, query
        assert set(chunks) <= set(chunks_before), query
        if query == "information":
            assert len(chunks_before) == 2 and len(chunks) == 1


def test_the_chunk_ranges_cover_every_word():
    from casebook.search import pagefind_meta

    chunks = [["a", "in", "h1"], ["inf", "inform", "h2"], ["s", "share", "h3"]]
    assert pagefind_meta.close_gaps(chunks) == 4
    assert [c[:2] for c in chunks] == [["", "ine\U0010ffff"], ["inf", "r\U0010ffff"], ["s", "\U0010ffff"]]
    for word in ["in", "inferred", "information", "inform", "sharing", "zebra", "a", "0"]:
        assert sum(c[0] <= word <= c[1] for c in chunks) == 1, word
    assert pagefind_meta.close_gaps(chunks) == 0


# -- the indexer client --------------------------------------------------------------------------


def _indexer():
    from casebook.search import pagefind_service

    return pagefind_service


def test_the_indexer_streams_pages_and_writes_the_bundle(tmp_path: Path):
    service = _indexer()
    indexer = service.PagefindIndexer({"force_language": "en"})
    try:
        for i in range(30):
            indexer.add_page(f"/reviews/r{i}/", f'<html><body><main data-pagefind-body><h1>Review {i}</h1>'
                                                f'<p>Learning about information sharing {i}.</p></main></body></html>')
        assert indexer.write(tmp_path / "pagefind") == 30
    finally:
        indexer.close()
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()
    assert (tmp_path / "pagefind" / "pagefind-entry.json").is_file()


def test_an_indexer_that_died_is_reported_not_waited_for(tmp_path: Path):
    import time

    service = _indexer()
    indexer = service.PagefindIndexer()
    indexer.add_page("/a/", "<html><body data-pagefind-body><p>text</p></body></html>")
    indexer._process.kill()
    started = time.monotonic()
    with pytest.raises(service.PagefindError):
        indexer.write(tmp_path / "pagefind")
    indexer.close()
    assert time.monotonic() - started < 30


@pytest.fixture(scope="module")
def parts_site_url(tmp_path_factory):
    """The fixture library with its index made in parts of three reviews and joined, as a library
    of over 2,000 is (casebook/search/pagefind_parts.py)."""
    from conftest import build, make_project

    project = make_project(tmp_path_factory.mktemp("parts-library"), FIXTURES / "library")
    result = build(project, env={"CASEBOOK_SEARCH_PART_PAGES": "3"})
    assert result.returncode == 0 and " in 3 parts" in result.stderr, result.stderr
    url, server = serve(project / "site")
    yield url
    server.shutdown()


@pytest.mark.parametrize("query, filters", [
    ("fictional", {}), ("hoarding", {}), ("learning", {}), ("learning", {"theme": "information-sharing"}),
])
def test_an_index_made_in_parts_finds_what_one_index_finds(browser, fixture_site_url, parts_site_url, query, filters):
    whole, parts = search(browser, fixture_site_url, query, **filters), search(browser, parts_site_url, query, **filters)
    assert shown_count(parts) == shown_count(whole) > 0
    assert result_titles(parts) == result_titles(whole)
    if not filters:  # with a filter in the address the panel is open already
        open_filters(whole), open_filters(parts)
        assert facet_counts(parts, "theme") == facet_counts(whole, "theme")
    whole.close(), parts.close()
