"""A large library's search index is made by Pagefind in parts and joined
(casebook/search/pagefind_parts.py), so that indexing 5,000 reviews stays within the build's
memory. Joined, it must be the index one Pagefind would have written: the same pages in the same
order, the same words with the same locations cut into the same chunks (the same bytes: chunk
files are named by their contents), the same filters and sort order, the same excerpts.

$CASEBOOK_SEARCH_PART_PAGES=3 makes the fixture library of eight reviews three parts."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import cbor2
import pytest

from conftest import FIXTURES, ROOT, build, make_project

EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}


def _read(path: Path):
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(b"pagefind_dcd")
    return data[len(b"pagefind_dcd"):]


def what_the_index_holds(bundle: Path) -> dict:
    """Everything a search reads, with file names only where they are names of contents."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    (language, about), = entry["languages"].items()
    meta = cbor2.loads(_read(bundle / f"pagefind.{about['hash']}.pf_meta"))
    version, pages, chunks, filters, sorts, fields = meta
    return {
        "version": version,
        "page_count": about["page_count"],
        "pages": [json.loads(_read(bundle / "fragment" / f"{name}.pf_fragment")) | {"words": count}
                  for name, count in pages],
        "chunks": [(start, end, name, cbor2.loads(_read(bundle / "index" / f"{name}.pf_index")))
                   for start, end, name in chunks],
        # Pagefind lists a filter's values in no fixed order.
        "filters": {f: sorted(map(tuple, cbor2.loads(_read(bundle / "filter" / f"{name}.pf_filter"))[1]))
                    for f, name in filters},
        "sorts": sorted(map(tuple, sorts)),
        "fields": fields,
    }


@pytest.fixture(scope="module")
def built_both_ways(tmp_path_factory):
    sites = {}
    for way, env in (("whole", {}), ("parts", {"CASEBOOK_SEARCH_PART_PAGES": "3"})):
        folder = tmp_path_factory.mktemp(way)
        project = make_project(folder, FIXTURES / "library")
        (project / "docs" / "reviews" / "family-b.md").write_text(
            (ROOT / "docs" / "reviews" / "family-b.md").read_text(encoding="utf-8"), encoding="utf-8")
        result = build(project, env={**EPOCH, **env})
        assert result.returncode == 0, result.stderr
        sites[way] = (project / "site", result.stderr)
    return sites


def test_the_library_is_indexed_in_parts(built_both_ways):
    (_, whole_log), (_, parts_log) = built_both_ways["whole"], built_both_ways["parts"]
    assert "in 3 parts" in parts_log, parts_log
    assert " parts" not in whole_log.split("search: ", 1)[1].split("\n", 1)[0]


def test_the_joined_index_is_the_index_pagefind_writes_in_one(built_both_ways):
    whole = what_the_index_holds(built_both_ways["whole"][0] / "pagefind")
    parts = what_the_index_holds(built_both_ways["parts"][0] / "pagefind")
    assert len(whole["pages"]) == whole["page_count"] == 8
    assert [p["url"] for p in parts["pages"]] == [p["url"] for p in whole["pages"]]
    for key in whole:
        assert parts[key] == whole[key], key
    # The ranges were closed (casebook/search/pagefind_meta.py): a search loads no chunk it need not.
    assert parts["chunks"][0][0] == "" and parts["chunks"][-1][1] == "\U0010ffff"


def test_the_rest_of_the_site_is_the_same(built_both_ways):
    whole, parts = built_both_ways["whole"][0], built_both_ways["parts"][0]
    files = {p.relative_to(whole) for p in whole.rglob("*") if p.is_file() and "pagefind" not in p.parts}
    assert files == {p.relative_to(parts) for p in parts.rglob("*") if p.is_file() and "pagefind" not in p.parts}
    different = [str(f) for f in sorted(files) if (whole / f).read_bytes() != (parts / f).read_bytes()]
    assert not different
    assert {p.name for p in (whole / "pagefind").iterdir() if p.is_file() and not p.name.endswith(".pf_meta")} == \
        {p.name for p in (parts / "pagefind").iterdir() if p.is_file() and not p.name.endswith(".pf_meta")}


def test_closing_stops_every_indexer_and_leaves_no_parts_behind(monkeypatch):
    """What a save does to the preview's re-indexing in the background (hooks/search.py)."""
    from casebook.search.pagefind_parts import IndexInParts

    monkeypatch.setenv("CASEBOOK_SEARCH_PART_PAGES", "2")
    index = IndexInParts({"force_language": "en"}, expected_pages=5)
    for n in range(5):
        index.add_page(f"/reviews/r{n}/", f"<html lang='en'><body><h1>Fictional review {n}</h1><p>words</p></body></html>")
    assert index.parts == 3
    indexers = [indexer for _, indexer in index._writing] + [index._indexer]
    index.close()
    assert all(indexer._process.poll() is not None for indexer in indexers)
    assert not index._folder.exists()
