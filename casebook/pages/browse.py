"""The two ways of finding reviews across the library: the list of reviews (/reviews/, then
/reviews/page/2/, ...) and the search page (/search/), as HTML blocks inside generated Markdown pages.

Both work without JavaScript as far as a static page can: the list's pages hold every review,
newest first, a hundred to a page, and the search form says where to browse instead. The scripts
(docs/javascripts/reviews-table.js and search.js) add filtering, sorting and search on top; the
facet controls they use are rendered here, hidden until a script shows them, so that labels and
counts come from the library itself. The list script filters and sorts every review, not only one
page's, from a small index of the library (review_list_index), fetched the first time a reader
filters or sorts. Links are relative to the page (reviews/index.md is served at /reviews/,
reviews/page/2.md at /reviews/page/2/), as MkDocs' directory URLs make them.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from html import escape

from casebook.library import facets
from casebook.library.collection import Library
from casebook.model import labels
from casebook.model.fields import NATIONS, NOT_STATED, OUTCOMES
from casebook.reading.review import Review
from casebook.model.vocabulary import Vocabulary


def _e(text: str) -> str:
    return escape(str(text), quote=True)


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word if n == 1 else word + 's'}"


# -- the list of reviews -------------------------------------------------------------------------

# A page of the list holds at most this many reviews: at 5,000 reviews one table of every review
# was about 6 MB (860 KB gzipped), on a phone a sideways-scrolling wall.
REVIEWS_PER_PAGE = 100
# Every review in a few fields (what the list shows and filters by), for the list script: it is
# loaded only once a reader filters or sorts, and beside the list rather than in /data/, which
# holds the documented open data.
LIST_INDEX = "reviews/index.json"


def list_page_path(number: int) -> str:
    """The source path of page `number` of the list: /reviews/, then /reviews/page/2/, ..."""
    return "reviews/index.md" if number == 1 else f"reviews/page/{number}.md"


def is_review_list(src_uri: str) -> bool:
    return src_uri == "reviews/index.md" or (src_uri.startswith("reviews/page/") and src_uri.count("/") == 2)


def page_count(library: Library, per_page: int = REVIEWS_PER_PAGE) -> int:
    return max(1, -(-len(library.reviews) // per_page))


def _to_root(number: int) -> str:
    """From page `number` of the list to the site's root (/reviews/ is one folder down, /reviews/page/2/ three)."""
    return "../" if number == 1 else "../../../"


def _page_href(number: int, target: int) -> str:
    """A link from page `number` of the list to page `target`."""
    if number == 1:
        return "./" if target == 1 else f"page/{target}/"
    return "../../" if target == 1 else f"../{target}/"


def _row(review: Review, vocabulary: Vocabulary, root: str, to_list: str) -> str:
    themes = ", ".join(
        f'<a href="{root}themes/{t}/">{_e(vocabulary.themes[t].name)}</a>' for t in review.themes
    )
    # No class or data on the cells: the narrow-screen cards label them by column (search.css).
    return (
        f'<tr><td><a href="{to_list}{review.slug}/">{_e(review.title)}</a></td>'
        f"<td>{_e(vocabulary.review_types[review.review_type].name)}</td>"
        f"<td>{_e(labels.nation(review.nation))}</td>"
        f"<td>{_e(labels.shown_date(review.published))}</td>"
        f"<td>{themes}</td></tr>"
    )


# How the script may order the list: (key, order) -> label; the first is the order the pages have.
SORTS = {
    ("published", "descending"): "Newest first",
    ("published", "ascending"): "Oldest first",
    ("title", "ascending"): "Title, A to Z",
    ("title", "descending"): "Title, Z to A",
    ("type", "ascending"): "Review type, A to Z",
    ("type", "descending"): "Review type, Z to A",
    ("nation", "ascending"): "Nation, A to Z",
    ("nation", "descending"): "Nation, Z to A",
}


def _list_filters(counts: dict[str, list[facets.FacetValue]]) -> str:
    """One drop-down per facet and the order, hidden until the list script runs (it does the
    filtering). In a <details>: on a phone the controls would fill the first screen, so the script
    opens it only on a wide screen, or when the address has chosen filters."""
    out = ['<details class="cb-list-filters" data-cb-list-filters hidden>',
           '<summary>Filter and sort the reviews</summary>',
           '<form class="cb-table-filters" data-cb-table-filters aria-label="Filter and sort the reviews">']
    for facet in facets.FACETS:
        out.append(f'<div class="cb-filter"><label for="cb-filter-{facet.key}">{_e(facet.label)}</label>')
        out.append(f'<select id="cb-filter-{facet.key}" data-facet="{facet.key}"><option value="">Any</option>')
        for v in counts[facet.key]:
            # Narrower themes under their broader one, indented (a select cannot nest options).
            label = "\u2003" * v.depth + ("\u2013 " if v.depth else "") + v.label
            out.append(f'<option value="{_e(v.value)}" data-label="{_e(label)}">{_e(label)} ({v.count:,})</option>')
        out.append("</select></div>")
    out.append('<div class="cb-filter"><label for="cb-filter-title">Title contains</label>'
               '<input id="cb-filter-title" type="search" data-filter-title autocomplete="off"></div>')
    out.append('<div class="cb-filter"><label for="cb-sort">Order</label><select id="cb-sort" data-sort-select>')
    out.extend(f'<option value="{key}:{order}">{_e(label)}</option>' for (key, order), label in SORTS.items())
    out.append("</select></div>")
    out.append('<div class="cb-filter"><button type="reset" class="md-button">Clear filters</button></div>')
    out.append("</form>")
    out.append("</details>")
    return "\n".join(out)


def _pages_nav(number: int, pages: int) -> str:
    """Previous, next and the page numbers around this one, as GOV.UK's pagination shows them."""
    if pages == 1:
        return ""
    wanted = sorted({1, pages, number - 1, number, number + 1} & set(range(1, pages + 1)))
    items = []
    if number > 1:
        items.append(f'<li class="cb-pages__prev"><a href="{_page_href(number, number - 1)}" rel="prev">'
                     'Previous<span class="cb-visually-hidden"> page</span></a></li>')
    for i, n in enumerate(wanted):
        if i and n != wanted[i - 1] + 1:
            items.append('<li class="cb-pages__gap" aria-hidden="true">\u2026</li>')
        current = ' aria-current="page"' if n == number else ""
        items.append(f'<li><a href="{_page_href(number, n)}" aria-label="Page {n}"{current}>{n}</a></li>')
    if number < pages:
        items.append(f'<li class="cb-pages__next"><a href="{_page_href(number, number + 1)}" rel="next">'
                     'Next<span class="cb-visually-hidden"> page</span></a></li>')
    return '<nav class="cb-pages" aria-label="Pages of reviews" data-cb-pages>\n<ul>\n' + "\n".join(items) + "\n</ul>\n</nav>"


def review_list_page(library: Library, number: int = 1, per_page: int = REVIEWS_PER_PAGE) -> str:
    """Page `number` of the list of reviews, newest publication first, complete without
    JavaScript across its pages; with it, the list script filters and sorts every review."""
    vocabulary = library.vocabulary
    reviews = library.newest()
    pages = page_count(library, per_page)
    shown = reviews[(number - 1) * per_page:number * per_page]
    root = _to_root(number)
    total = len(reviews)
    where = ""
    if pages > 1:
        first = (number - 1) * per_page + 1
        where = f" This is page {number} of {pages}: reviews {first:,} to {first + len(shown) - 1:,}."
    out = [
        "# Reviews" if number == 1 else f"# Reviews: page {number} of {pages}",
        "",
        _list_filters(library.facet_counts),
        "",
        f'<p class="cb-table-count" role="status" data-cb-table-count data-total="{total}">'
        f"The library holds {_plural(total, 'review')}, newest publication first.{where}</p>",
        "",
        f'<table class="cb-reviews" data-cb-reviews data-index="{root}{LIST_INDEX}" data-root="{root}" data-list="{root}reviews/">',
        '<thead><tr><th scope="col" data-sort="title">Review</th><th scope="col" data-sort="type">Type</th>'
        '<th scope="col" data-sort="nation">Nation</th><th scope="col" data-sort="published">Published</th>'
        '<th scope="col">Themes</th></tr></thead>',
        "<tbody>",
        *(_row(r, vocabulary, root, "" if number == 1 else "../../") for r in shown),
        "</tbody>",
        "</table>",
        "",
        '<p><button type="button" class="md-button" data-cb-more hidden>Show more reviews</button></p>',
        "",
        _pages_nav(number, pages),
        "",
        f'<script src="{root}javascripts/reviews-table.js" defer></script>',
        "",
    ]
    return "\n".join(out)


def review_list_pages(library: Library, per_page: int = REVIEWS_PER_PAGE) -> dict[str, Callable[[], str]]:
    """Each page of the list by its source path, with what makes it."""
    return {
        list_page_path(n): functools.partial(review_list_page, library, n, per_page)
        for n in range(1, page_count(library, per_page) + 1)
    }


def review_list_index(library: Library) -> str:
    """The list script's index of every review (LIST_INDEX), newest publication first.

    Vocabulary values are numbers into the lists at the top, so that a review costs a few bytes
    beyond its slug and title (at 5,000 reviews about 0.7 MB, 0.1 MB gzipped). The facet values
    are those of casebook.library.facets: a review's themes are its own (as the list shows
    them), and `broader` gives each theme's broader one, for the script to count a review under it.
    """
    vocabulary = library.vocabulary
    themes = list(vocabulary.themes)
    types = list(vocabulary.review_types)
    agencies = list(vocabulary.agencies)
    nations = [*NATIONS, NOT_STATED]
    outcomes = [*OUTCOMES, NOT_STATED]
    position = {key: {v: i for i, v in enumerate(values)} for key, values in
                (("theme", themes), ("type", types), ("agency", agencies), ("nation", nations), ("outcome", outcomes))}

    def row(review: Review) -> list:
        return [
            review.slug, review.title,
            review.published if labels.is_stated(review.published) else "",
            labels.shown_date(review.published),
            position["type"][review.review_type], position["nation"][review.nation],
            position["outcome"][review.outcome],
            [position["theme"][t] for t in review.themes],
            [position["agency"][a] for a in review.agencies],
        ]

    index = {
        "version": 1,
        "columns": ["slug", "title", "published", "published_label", "type", "nation", "outcome", "themes", "agencies"],
        "theme": [[t, vocabulary.themes[t].name, position["theme"].get(vocabulary.themes[t].parent, -1)] for t in themes],
        "type": [[t, vocabulary.review_types[t].name] for t in types],
        "nation": [[n, labels.nation(n)] for n in nations],
        "outcome": [[o, labels.outcome(o)] for o in outcomes],
        "agency": [[a, vocabulary.agencies[a].name] for a in agencies],
        "reviews": [row(r) for r in library.newest()],
    }
    return json.dumps(index, ensure_ascii=False, separators=(",", ":")) + "\n"


# -- the search page ------------------------------------------------------------------------------


def _facet_fieldset(facet: facets.Facet, values: list[facets.FacetValue]) -> str:
    """A facet's boxes; a narrower theme's is in a list inside its broader theme's item, so that
    it shows indented under it and a screen reader announces the nesting."""
    out = [f'<fieldset class="cb-facet" data-facet="{facet.key}"><legend>{_e(facet.label)}</legend><ul>']
    depth = 0
    for i, v in enumerate(values):
        while depth > v.depth:
            out.append("</li></ul>")
            depth -= 1
        if i and v.depth > depth:
            out.append('<ul class="cb-facet__narrower">')
            depth = v.depth
        elif i:
            out.append("</li>")
        ident = f"cb-{facet.key}-{v.value}"
        out.append(
            f'<li class="cb-facet__value cb-depth-{v.depth}"><input type="checkbox" id="{_e(ident)}" name="{facet.key}" value="{_e(v.value)}">'
            f' <label for="{_e(ident)}">{_e(v.label)} <span class="cb-count" data-count>({v.count:,})</span></label>'
        )
    if values:
        out.append("</li>")
    out.append("</ul></li>" * depth)
    out.append("</ul></fieldset>")
    return "".join(out)


def search_page(library: Library) -> str:
    """/search/: a search box and the facets with their counts over the whole library."""
    counts = library.facet_counts
    fieldsets = "\n".join(_facet_fieldset(f, counts[f.key]) for f in facets.FACETS)
    return "\n".join([
        "# Search reviews",
        "",
        f'<form class="cb-search" role="search" action="./" method="get" data-cb-search data-pagefind-bundle="../pagefind/" data-total="{len(library.reviews)}">',
        '<div class="cb-search__box"><label for="cb-search-q">Words to search for</label>',
        '<input type="search" id="cb-search-q" name="q" autocomplete="off" spellcheck="false">',
        '<button type="submit" class="md-button md-button--primary">Search</button></div>',
        '<div class="cb-search__layout">',
        # Closed until a reader opens it (or a link chooses filters): the counts need Pagefind's
        # filter index, which at 5,000 reviews is about half of what a cold search would download.
        f'<details class="cb-facets" data-cb-facets hidden><summary class="cb-facets__title">'
        f'Filter by theme, review type, nation, outcome, agency or year</summary>\n{fieldsets}\n</details>',
        '<div class="cb-search__results">',
        '<p class="cb-search__status" role="status" data-cb-status>'
        'Search needs JavaScript. Without it, browse <a href="../reviews/">every review in the table of reviews</a> '
        'or <a href="../themes/">the learning gathered by theme</a>.</p>',
        '<ol class="cb-results" data-cb-results></ol>',
        '<button type="button" class="md-button" data-cb-more hidden>Show more results</button>',
        "</div></div>",
        "</form>",
        '<script src="../javascripts/search.js" defer></script>',
        "",
    ])
