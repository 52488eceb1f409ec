"""The list of reviews in pages of at most a hundred (/reviews/, /reviews/page/2/, ...) and the index
its script filters from (/reviews/index.json), in a built library of 230 fictional reviews.

Expected values come from the review files read with plain YAML, not from the casebook package.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from conftest import PAGED_REVIEWS, page

PER_PAGE = 100


def _reviews(site: Path) -> dict[str, dict]:
    out = {}
    for path in sorted((site.parent / "docs" / "reviews").glob("*.md")):
        out[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    return out


def _row_slugs(html: str, to_list: str) -> list[str]:
    table = html[html.index("<table"):html.index("</table>")]
    return re.findall(rf'<tr><td><a href="{re.escape(to_list)}([a-z0-9-]+)/">', table)


def test_each_page_holds_at_most_a_hundred_and_together_every_review(paged_site: Path):
    reviews = _reviews(paged_site)
    assert len(reviews) == PAGED_REVIEWS
    first = page(paged_site, "/reviews/").read_text(encoding="utf-8")
    pages = [_row_slugs(first, "")]
    for n in (2, 3):
        pages.append(_row_slugs(page(paged_site, f"/reviews/page/{n}/").read_text(encoding="utf-8"), "../../"))
    assert [len(p) for p in pages] == [100, 100, 30]
    seen = [s for p in pages for s in p]
    assert sorted(seen) == sorted(reviews)
    # Newest publication first across the pages; no stated date last.
    dates = [str(reviews[s]["published"]) for s in seen]
    stated = [d for d in dates if d != "not-stated"]
    assert stated == sorted(stated, reverse=True) and dates[len(stated):] == ["not-stated"] * (len(dates) - len(stated))
    assert not (paged_site / "reviews" / "page" / "4").exists()
    assert not (paged_site / "reviews" / "page" / "1").exists(), "page 1 is /reviews/ itself"


def test_every_link_of_the_pages_resolves(paged_site: Path):
    for url in ("/reviews/", "/reviews/page/2/", "/reviews/page/3/"):
        path = page(paged_site, url)
        html = path.read_text(encoding="utf-8")
        article = html[html.index("<article"):html.index("</article>")]
        hrefs = re.findall(r'href="([^"#]+)"', article)
        assert ('rel="next"' in article) == (not url.endswith("3/"))
        assert ('rel="prev"' in article) == (url != "/reviews/")
        for href in hrefs:
            if href.startswith("http"):
                continue
            target = (path.parent / href).resolve()
            assert (target / "index.html").is_file() or target.is_file(), f"{url}: {href}"
        nav = article[article.index('class="cb-pages"'):]
        assert re.findall(r'aria-label="Page (\d+)"', nav) == ["1", "2", "3"]


def test_the_pages_have_their_own_titles(paged_site: Path):
    titles = [re.search(r"<title>([^<]*)</title>", page(paged_site, u).read_text(encoding="utf-8")).group(1)
              for u in ("/reviews/", "/reviews/page/2/", "/reviews/page/3/")]
    assert titles == ["Reviews - Casebook", "Reviews: page 2 of 3 - Casebook", "Reviews: page 3 of 3 - Casebook"]


def test_the_index_holds_every_review_with_what_the_list_shows_and_filters_by(paged_site: Path):
    reviews = _reviews(paged_site)
    index = json.loads((paged_site / "reviews" / "index.json").read_text(encoding="utf-8"))
    columns = index["columns"]
    rows = {r[columns.index("slug")]: dict(zip(columns, r)) for r in index["reviews"]}
    assert set(rows) == set(reviews)
    for slug, meta in reviews.items():
        row = rows[slug]
        assert row["title"] == meta["title"]
        assert index["type"][row["type"]][0] == meta["review_type"]
        assert index["nation"][row["nation"]][0] == meta["nation"]
        assert index["outcome"][row["outcome"]][0] == meta["outcome"]
        assert {index["agency"][i][0] for i in row["agencies"]} == set(meta.get("agencies") or [])
        themes = set(meta["themes"]) | {t for lp in meta["learning"] for t in lp["themes"]}
        assert {index["theme"][i][0] for i in row["themes"]} == themes
        published = str(meta["published"])
        assert row["published"] == ("" if published == "not-stated" else published)
    # Small: a review costs little more than its slug and title.
    size = len((paged_site / "reviews" / "index.json").read_bytes())
    text = sum(len(r["title"].encode()) + len(s) for s, r in reviews.items())
    assert size < text + 110 * len(reviews) + 5000

