"""The benchmark's own parts at a tiny size: the corpus is valid and fictional, both builds run and
are measured, and the table judges the SPEC targets. The real benchmark (`make bench`) is not a
test: it takes many minutes and its timings depend on the machine."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ENV, ROOT

from bench import corpus
from bench.__main__ import run_corpus, table, targets


def test_the_corpus_is_valid_fictional_and_the_lengths_asked_for(tmp_path: Path):
    summary = corpus.write_corpus(tmp_path / "summary", 4, seed=7)
    full = corpus.write_corpus(tmp_path / "full", 1, words=corpus.FULL_WORDS, seed=7)
    result = subprocess.run([sys.executable, "-m", "casebook", "check", str(tmp_path / "summary"), str(tmp_path / "full")],
                            cwd=ROOT, env=ENV, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    for path in summary + full:
        text = path.read_text(encoding="utf-8")
        assert "FICTIONAL" in text and "This review is fictional" in text
    words = [len(p.read_text(encoding="utf-8").split()) for p in summary]
    assert all(1_000 <= n <= 1_500 for n in words), words
    assert 10_000 <= len(full[0].read_text(encoding="utf-8").split()) <= 14_000
    # The same seed gives the same corpus, so that runs compare like with like.
    again = corpus.write_corpus(tmp_path / "again", 4, seed=7)
    assert [p.read_text(encoding="utf-8") for p in again] == [p.read_text(encoding="utf-8") for p in summary]


def test_the_corpus_is_never_written_into_the_projects_reviews():
    with pytest.raises(ValueError):
        corpus.write_corpus(ROOT / "docs" / "reviews", 1)


def test_both_builds_run_and_are_measured(tmp_path: Path):
    row = run_corpus(tmp_path, 3, "summary", rounds=1, queries=[], log=lambda msg: None)
    assert row["n"] == 3 and row["size"] == "summary"
    assert row["full_s"] > 0 and row["bare_s"] > 0
    assert row["ratio"] == pytest.approx(row["full_s"] / row["bare_s"], rel=0.05)
    assert row["full_peak_mb"] > 0 and row["full_site_bytes"] > row["bare_site_bytes"] > 0
    # Peak memory is PSS summed over the process tree, Pagefind's indexer part of it (none, in a
    # build this small, when the tree peaks after the indexer has gone); the indexer's own peak.
    assert 0 <= row["full_pagefind_mb"] < row["full_peak_mb"] and row["full_peak_rss_mb"] >= row["full_peak_mb"]
    assert 0 < row["full_pagefind_peak_mb"] < row["full_peak_mb"]
    assert 0 < row["largest_review_bytes"] < 50_000
    assert 0 < row["list_page_gzip_bytes"] < 50_000
    # Processor time of each build's process tree, and Pagefind's part of the full build's.
    assert row["full_cpu_s"] > 0 and row["bare_cpu_s"] > 0
    assert row["pagefind_cpu_s"] is not None and 0 <= row["pagefind_cpu_s"] <= row["full_cpu_s"]
    # The full build has the search index, as the site's own build does.
    assert (tmp_path / "summary-3" / "site-full" / "pagefind" / "pagefind-entry.json").is_file()


def test_the_table_judges_the_targets():
    def row(n, full_s, bare_s, largest, search, list_page=20_000, peak_mb=900):
        return {"n": n, "size": "summary", "full_s": full_s, "bare_s": bare_s, "ratio": round(full_s / bare_s, 2),
                "full_cpu_s": 2.0, "bare_cpu_s": 1.0, "pagefind_cpu_s": None,
                "full_peak_mb": peak_mb, "full_pagefind_mb": 500, "bare_peak_mb": 1, "full_site_bytes": 1, "largest_review_bytes": largest,
                "list_page_gzip_bytes": list_page, "search_bytes": search, "search_bytes_gzip": search}

    met = targets([row(2000, 14, 10, 30_000, None), row(5000, 35, 25, 30_000, 250_000, 150_000)])
    assert all(line.startswith("met") for line in met), met
    missed = targets([row(2000, 26, 10, 51_000, None), row(5000, 75, 25, 51_000, 260_000, 151_000, peak_mb=1000)])
    assert [line.split(":")[0] for line in missed] == ["NOT met"] * 7, missed
    assert any("/reviews/ at 5,000 is 151.0 KB" in line for line in missed), missed
    assert any("5,000 peaks at 1000 MB, Pagefind's indexer 500 MB of it" in line for line in missed), missed
    table_text = table([row(2000, 14, 10, 30_000, 250_000, 23_400)])
    assert "2,000" in table_text and "/reviews/ KB gzip" in table_text and "23.4" in table_text


def test_lighthouse_judges_each_page_against_the_spec():
    from bench import lighthouse

    def row(page, performance, accessibility, practices, lost=()):
        return {"page": page, "url": "/x/", "scores": {"performance": performance, "accessibility": accessibility,
                                                        "best-practices": practices}, "lost": list(lost)}

    met = lighthouse.targets([row("home", 95, 100, 95)])
    assert len(met) == 3 and all(line.startswith("met") for line in met), met
    missed = lighthouse.targets([row("review", 94, 99, 100, ["performance: total-blocking-time (400 ms)"])])
    assert [line.split(":")[0] for line in missed] == ["NOT met", "NOT met", "met"]
    assert "total-blocking-time" in missed[0]
    assert "review" in lighthouse.table([row("review", 94, 99, 100)])


def test_lighthouse_is_skipped_with_a_message_without_npm(tmp_path: Path, monkeypatch):
    from bench import lighthouse

    monkeypatch.setenv("CASEBOOK_LIGHTHOUSE_DIR", str(tmp_path / "none-installed"))
    monkeypatch.setattr(lighthouse.shutil, "which", lambda name: None)
    said: list[str] = []
    assert lighthouse.measure(tmp_path, log=said.append) is None
    assert len(said) == 1 and "skipped" in said[0] and ("npm" in said[0] or "chromium" in said[0])


def test_the_preview_loop_table_judges_save_to_page_against_the_bare_serve():
    from bench import reload

    def row(n, full, bare, theme):
        return {"n": n, "saves": 5,
                "full": {"median_reloaded_s": full, "theme_save_s": theme, "median_rebuilt_s": full,
                         "first_serve_s": 30.0, "peak_mb": 400},
                "bare": {"median_reloaded_s": bare, "peak_mb": 120}}

    rows = [row(500, 0.8, 2.0, 0.9), row(2000, 1.7, 4.0, 1.2)]
    said = reload.targets(rows)
    assert "met: save-to-page at 500 is 0.80 s (at most 1.0 s)" in said
    assert "met: save-to-page at 500 is 0.40 x bare (2.00 s; at most 0.5)" in said
    assert "NOT met: save-to-page at 2,000 is 1.70 s (at most 1.5 s)" in said
    assert any(line.startswith("met: a save changing themes") and "2,000" in line for line in said)
    shown = reload.table(rows)
    assert "2,000" in shown and "0.40" in shown and "400" in shown
