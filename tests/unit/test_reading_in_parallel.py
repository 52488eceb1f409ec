"""A large library is read and checked by several processes (casebook.speed.switch.PARALLEL_FROM):
what a contributor is told, and what the site is built from, must not depend on that."""

from __future__ import annotations

import multiprocessing

from casebook.library import collection as library
from casebook.speed import switch
from casebook.model.vocabulary import load_vocabulary
from conftest import FIXTURES, ROOT


def _read(folder, monkeypatch, parallel: bool):
    monkeypatch.setattr(switch, "PARALLEL_FROM", 2 if parallel else 10**9)
    monkeypatch.setattr(switch, "_cores", lambda: 2)
    forks = []
    real_context = multiprocessing.get_context

    def spy(method=None):
        forks.append(method)
        return real_context(method)

    monkeypatch.setattr(multiprocessing, "get_context", spy)
    read = library.load_library([folder], load_vocabulary(ROOT / "vocabulary"), root=ROOT)
    assert forks == (["fork"] if parallel else []), "the library was not read the way the test meant"
    return read


def _summary(lib: library.Library):
    return (
        [str(p) for p in lib.problems],
        [(r.slug, r.title, r.summary, [lp.text for lp in lib.review(r.slug).learning]) for r in lib.reviews],
        lib.files_checked,
    )


def test_broken_files_get_the_same_messages_in_parallel(monkeypatch):
    serial = _summary(_read(FIXTURES / "bad", monkeypatch, parallel=False))
    parallel = _summary(_read(FIXTURES / "bad", monkeypatch, parallel=True))
    assert len(serial[0]) > 50  # the broken fixtures give a message or more each
    assert parallel == serial


def test_a_library_read_in_parallel_is_the_same_library(monkeypatch):
    serial = _read(FIXTURES / "library", monkeypatch, parallel=False)
    parallel = _read(FIXTURES / "library", monkeypatch, parallel=True)
    assert _summary(parallel) == _summary(serial)
    # Learning points still know their review (the theme pages link each one to it).
    for review in parallel.reviews:
        assert all(lp.review is review for lp in review.learning)
    assert {s: t.learning_count for s, t in parallel.themes.items()} == {s: t.learning_count for s, t in serial.themes.items()}
