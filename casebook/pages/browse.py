"""The two ways of finding reviews across the library: the review table (/reviews/) and the
search page (/search/), as HTML blocks inside their generated Markdown pages.

Both work without JavaScript as far as a static page can: the table lists every review, and the
search form says where to browse instead. The scripts (docs/javascripts/reviews-table.js and
search.js) add filtering, sorting and search on top; the facet controls they use are rendered
here, hidden until a script shows them, so that labels and counts come from the library itself.
Links are relative to the page (reviews/index.md is served at /reviews/, search/index.md at
/search/), as MkDocs' directory URLs make them.
"""

from __future__ import annotations

from html import escape

from casebook.library import facets
from casebook.library.collection import Library
from casebook.model import labels
from casebook.reading.review import Review
from casebook.model.vocabulary import Vocabulary


def _e(text: str) -> str:
    return escape(str(text), quote=True)


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word if n == 1 else word + 's'}"


# -- the review table -----------------------------------------------------------------------------


def _row(review: Review, vocabulary: Vocabulary) -> str:
    values = facets.review_facets(review, vocabulary)
    data = "".join(f' data-{key}="{_e(" ".join(v))}"' for key, v in values.items())
    themes = ", ".join(
        f'<a href="../themes/{t}/">{_e(vocabulary.themes[t].name)}</a>' for t in review.themes
    )
    # For people in the cell ("March 2024"); the data-published attribute keeps the sortable ISO form.
    return (
        f'<tr{data} data-published="{_e(review.published if labels.is_stated(review.published) else "")}">'
        f'<td><a href="{review.slug}/">{_e(review.title)}</a></td>'
        f"<td>{_e(vocabulary.review_types[review.review_type].name)}</td>"
        f"<td>{_e(labels.nation(review.nation))}</td>"
        f"<td>{_e(labels.shown_date(review.published))}</td>"
        f"<td>{themes}</td></tr>"
    )


def _table_filters(counts: dict[str, list[facets.FacetValue]]) -> str:
    """One drop-down per facet, hidden until the table script runs (it does the filtering)."""
    out = ['<form class="cb-table-filters" data-cb-table-filters hidden aria-label="Filter the reviews">']
    for facet in facets.FACETS:
        out.append(f'<div class="cb-filter"><label for="cb-filter-{facet.key}">{_e(facet.label)}</label>')
        out.append(f'<select id="cb-filter-{facet.key}" data-facet="{facet.key}"><option value="">Any</option>')
        for v in counts[facet.key]:
            indent = "\u00a0\u00a0" * v.depth
            out.append(f'<option value="{_e(v.value)}" data-label="{_e(indent + v.label)}">{_e(indent + v.label)} ({v.count:,})</option>')
        out.append("</select></div>")
    out.append('<div class="cb-filter"><label for="cb-filter-title">Title contains</label>'
               '<input id="cb-filter-title" type="search" data-filter-title autocomplete="off"></div>')
    out.append('<div class="cb-filter"><button type="reset" class="md-button">Clear filters</button></div>')
    out.append("</form>")
    return "\n".join(out)


def reviews_table(library: Library) -> str:
    """Every review in one table, newest publication first; each row carries its facet values
    (broader themes included) for the table script to filter and sort by."""
    vocabulary = library.vocabulary
    reviews = library.newest()
    counts = facets.facet_counts(reviews, vocabulary)
    total = len(reviews)
    out = [
        _table_filters(counts),
        f'<p class="cb-table-count" role="status" data-cb-table-count data-total="{total}">'
        f"The library holds {_plural(total, 'review')}, newest publication first.</p>",
        '<table data-cb-reviews>',
        '<thead><tr><th scope="col" data-sort="title">Review</th><th scope="col" data-sort="type">Type</th>'
        '<th scope="col" data-sort="nation">Nation</th><th scope="col" data-sort="published">Published</th>'
        '<th scope="col">Themes</th></tr></thead>',
        "<tbody>",
    ]
    out.extend(_row(r, vocabulary) for r in reviews)
    out += ["</tbody>", "</table>", '<script src="../javascripts/reviews-table.js" defer></script>']
    return "\n".join(out)


# -- the search page ------------------------------------------------------------------------------


def _facet_fieldset(facet: facets.Facet, values: list[facets.FacetValue]) -> str:
    out = [f'<fieldset class="cb-facet" data-facet="{facet.key}"><legend>{_e(facet.label)}</legend><ul>']
    for v in values:
        ident = f"cb-{facet.key}-{v.value}"
        out.append(
            f'<li class="cb-facet__value cb-depth-{v.depth}"><input type="checkbox" id="{_e(ident)}" name="{facet.key}" value="{_e(v.value)}">'
            f' <label for="{_e(ident)}">{_e(v.label)} <span class="cb-count" data-count>({v.count:,})</span></label></li>'
        )
    out.append("</ul></fieldset>")
    return "".join(out)


def search_page(library: Library) -> str:
    """/search/: a search box and the facets with their counts over the whole library."""
    counts = facets.facet_counts(library.reviews, library.vocabulary)
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
