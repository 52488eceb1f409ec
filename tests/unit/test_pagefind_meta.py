"""casebook.search.pagefind_meta: a word nearly every review has gets an index chunk of its own, so
that a search for it does not load its neighbours and a search for a neighbour does not load it."""

from __future__ import annotations

from casebook.search import pagefind_meta

BIG, SMALL = pagefind_meta.COMMON_WORD_BYTES + 1, pagefind_meta.NEIGHBOURS_BYTES


def _groups(words: list[str], sizes: list[int]) -> list[list[str]]:
    chunk = [[w, []] for w in words]
    return [[entry[0] for entry in group] for group in pagefind_meta.split_common_words(chunk, sizes)]


def test_a_common_word_and_its_extensions_leave_their_neighbours():
    assert _groups(["check", "child", "childhood", "chin", "chip"], [SMALL, BIG, 10, SMALL, 10]) == [
        ["check"], ["child", "childhood"], ["chin", "chip"]]


def test_a_chunk_is_never_cut_between_a_word_and_one_that_extends_it():
    # "abus" extends "ab": a search for "ab" looks for "abus" in the chunk of "ab".
    assert _groups(["ab", "abus", "abusiv", "b"], [SMALL, BIG, 10, SMALL]) == [["ab", "abus", "abusiv"], ["b"]]


def test_a_chunk_with_no_common_word_or_only_small_neighbours_stays_whole():
    assert _groups(["check", "child", "chin"], [SMALL, SMALL, SMALL]) == [["check", "child", "chin"]]
    assert _groups(["check", "child", "chin"], [10, BIG, 10]) == [["check", "child", "chin"]]
