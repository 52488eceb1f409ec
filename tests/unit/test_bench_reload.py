"""bench.reload reads what each save cost from the server's own log lines."""

from __future__ import annotations

from bench.reload import server_times

CASEBOOK = """\
INFO    -  casebook: 500 of 500 review files read and checked, 630 pages rendered; 15.10 s
INFO    -  Documentation built in 15.13 seconds
INFO    -  casebook: updated after a save to fictional-review-00001: 2 page(s) and file(s) made again, the rest kept; 0.06 s
INFO    -  casebook: the saved files have 1 problem(s), shown on every page; the site shows their last version without errors; 0.01 s
INFO    -  casebook: updated after a save to fictional-review-00001: 132 page(s) and file(s) made again, the rest kept; 3.31 s (0.50 s to the saved pages)
"""
BARE = """\
INFO    -  Documentation built in 2.50 seconds
INFO    -  Documentation built in 3.61 seconds
INFO    -  Documentation built in 3.40 seconds
"""


def test_updates_after_a_save_are_read_as_the_servers_times():
    # The first build is not a save; a save that changed no page is not an update.
    assert server_times(CASEBOOK) == [0.06, 3.31]


def test_a_bare_serve_is_read_from_mkdocs_build_lines_after_the_first():
    assert server_times(BARE) == [3.61, 3.40]
