"""How a library's search index is divided among Pagefind indexers, and the sort order the joined
index is given (casebook/search/pagefind_parts.py; the joining itself is tested on a real build in
tests/build/test_search_in_parts.py)."""

from __future__ import annotations

import pytest

from casebook.search import pagefind_parts
from casebook.search.pagefind_parts import part_size


@pytest.fixture(autouse=True)
def _no_forced_size(monkeypatch):
    monkeypatch.delenv("CASEBOOK_SEARCH_PART_PAGES", raising=False)


@pytest.mark.parametrize("reviews, each", [
    (0, 1), (8, 8), (2000, 2000),  # one part, as Pagefind writes it
    (2001, 1001), (2500, 1250), (5000, 1250), (5001, 1001), (12_000, 1200),
])
def test_a_large_library_is_divided_in_even_parts_of_at_most_1250(reviews, each):
    assert part_size(reviews) == each
    if reviews > pagefind_parts.ONE_PART_UP_TO:
        parts = -(-reviews // each)
        assert each <= pagefind_parts.PAGES_PER_PART and parts * each - reviews < parts


def test_a_test_can_have_a_small_library_indexed_in_parts(monkeypatch):
    monkeypatch.setenv("CASEBOOK_SEARCH_PART_PAGES", "3")
    assert part_size(8) == 3


def test_sort_values_are_read_as_pagefind_reads_them():
    html = ('<span data-pagefind-sort="published:2022-10"></span>'
            '<span data-pagefind-sort="title:Child &quot;A&quot;"></span>')
    assert pagefind_parts.sort_values(html) == {"published": "2022-10", "title": 'Child "A"'}


def test_the_sort_order_is_by_text_unless_every_value_is_a_number():
    pages = [{"published": "2022-10"}, {"published": "0000"}, {}, {"published": "2019-01"}, {"published": "0000"}]
    # By text ("2022-10" is no number); ties keep page order; a page without the key is left out.
    assert pagefind_parts._sort_orders(pages) == [["published", [1, 4, 3, 0]]]
    numbers = [{"n": "10"}, {"n": "9"}, {"n": "-1.5"}, {"n": "9"}]
    assert pagefind_parts._sort_orders(numbers) == [["n", [2, 1, 3, 0]]]


def test_chunk_ranges_are_cut_short_as_pagefind_cuts_them():
    # First and last words of chunks, and the ranges, as in Pagefind 1.5.2's own index of 1,000
    # generated reviews ("ing" to "involv" is its range: cut short, "in" would sort before "ing").
    chunks = [["40", "a", "n1"], ["aa", "activ", "n2"], ["actual", "alcohol", "n3"],
              ["alert", "infant", "n4"], ["ingash", "involv", "n5"], ["is", "iss", "n6"]]
    pagefind_parts.cut_short(chunks)
    assert chunks == [["40", "a", "n1"], ["aa", "acti", "n2"], ["actu", "alc", "n3"],
                      ["ale", "inf", "n4"], ["ing", "involv", "n5"], ["is", "iss", "n6"]]


def test_two_parts_pages_with_the_same_short_name_keep_apart(tmp_path):
    from casebook.search.pagefind_meta import write_file
    from casebook.search.pagefind_parts import full_hash, place_fragment

    fragments = [b'{"url":"/reviews/a/"}', b'{"url":"/reviews/b/"}']
    sources = []
    for n, fragment in enumerate(fragments):
        # Both parts named their page as Pagefind names the first one.
        source = tmp_path / f"part-{n}" / "fragment" / f"en_{full_hash(fragments[0])[:7]}.pf_fragment"
        source.parent.mkdir(parents=True)
        write_file(source, fragment)
        sources.append(source)
    taken: set[str] = set()
    names = [place_fragment(source, tmp_path / "joined", "en", taken) for source in sources]
    assert names[0] == f"en_{full_hash(fragments[0])[:7]}"
    assert names[1] == f"en_{full_hash(fragments[1])[:7]}"  # its own hash, not the clash
    for name, source in zip(names, sources):
        assert (tmp_path / "joined" / "fragment" / f"{name}.pf_fragment").read_bytes() == source.read_bytes()
