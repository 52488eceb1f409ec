"""One search index made by Pagefind in parts, so that a large library is indexed in bounded memory.

Pagefind keeps every page it is given until it writes the index, and writing builds several more
copies of every page's words: measured with Pagefind 1.5.2, 5,000 review records took 338 MB to
hold and 1,366 MB at the peak of writing (2,500 records: 686 MB), which alone is more than the
whole build may use at 5,000 reviews (SPEC 9: under 1 GB). Its memory grows with the pages of one
index, so a large library is given to Pagefind PAGES_PER_PART reviews at a time, one indexer after
another (each writes its part while the next is being filled), and the parts are joined here into
the one bundle the site's search loads, the same index that one indexer would have written:

- the page list is the parts' lists one after another (page N of part 2 is page len(part 1) + N);
- each word's locations are the parts' locations of it, in page order, and the words are cut into
  chunks by Pagefind's own rule (a chunk ends once it holds 20,000 locations and pages);
- each filter value's pages are the parts' pages; the sort order is made again from the values
  the pages carried (`data-pagefind-sort`), as Pagefind makes it;
- a page's fragment (its URL, text and anchors) does not depend on its number: it is moved as it is.

tests/build/test_search_in_parts.py indexes the fixture library in one part and in parts and
compares what the two bundles hold. Only the shapes Pagefind 1.5.2 writes are read
(pagefind_meta.VERIFIED_VERSION, which requirements.txt pins); anything else is an error, since
the pages are already given to Pagefind and cannot be indexed again another way.

The files are CBOR (decoded by cbor2's C extension: the pure-Python decoder made a 2,000-review
build 25 s longer) inside gzip after Pagefind's `pagefind_dcd` signature; files are named by the
SHA-1 of their contents as Pagefind names them.
"""

from __future__ import annotations

import hashlib
import heapq
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import cbor2

from casebook.search import pagefind_meta
from casebook.search.pagefind_meta import VERIFIED_VERSION, UnexpectedShape, read_file, write_file
from casebook.search.pagefind_service import PagefindError, PagefindIndexer

# Measured at 5,000 reviews (python -m bench --summary 5000): in parts of 1,250 the indexer's peak
# fell from 1,359 MB to 381 MB and the whole build's from 1,812 MB to 897 MB.
PAGES_PER_PART = 1250
# Joining costs processor time (at 2,000 reviews 5 to 10 s of it, on two cores that the build
# shares), and up to here one part keeps the whole build well under 1 GB (761 MB at 2,000):
# a library of up to this many reviews is indexed in one part, as Pagefind writes it.
ONE_PART_UP_TO = 2000
# Pagefind 1.5.2's rule for cutting the sorted words into index chunks (index/mod.rs chunk_index).
CHUNK_SIZE = 20000
# The page list's fields, in Pagefind 1.5.2's order.
VERSION, PAGES, CHUNKS, FILTERS, SORTS, META_FIELDS = range(6)
_SORT = re.compile(r'data-pagefind-sort="([^":]*):([^"]*)"')


class JoinError(UnexpectedShape):
    """A part is not in the shape this module knows (another Pagefind version?)."""


def sort_values(page_html: str) -> dict[str, str]:
    """The sort keys a page's HTML gives Pagefind, as Pagefind reads them."""
    return {html.unescape(key): html.unescape(value) for key, value in _SORT.findall(page_html)}


# -- Pagefind's file conventions ------------------------------------------------------------------

def full_hash(data: bytes) -> str:
    """Pagefind's name for contents: SHA-1, each byte in hex without its leading zero."""
    return "".join(format(b, "x") for b in hashlib.sha1(data).digest())


def _short_name(language: str, data: bytes, taken) -> str:
    """Pagefind's file name: the language and 7 characters of the hash, longer if one is taken."""
    name = f"{language}_{full_hash(data)}"
    length = len(language) + 8
    while name[:length] in taken and length < len(name):
        length += 1
    return name[:length]


# -- one part ---------------------------------------------------------------------------------------

@dataclass
class Part:
    """One written part: its bundle folder and the sort values of its pages, in the order given."""

    bundle: Path
    sorts: list[dict[str, str]] = field(default_factory=list)

    def read(self) -> tuple[str, list]:
        try:
            entry = json.loads((self.bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
            if entry.get("version") != VERIFIED_VERSION or len(entry.get("languages") or {}) != 1:
                raise JoinError(f"not a one-language Pagefind {VERIFIED_VERSION} bundle")
            (language, about), = entry["languages"].items()
            meta = cbor2.loads(read_file(self.bundle / f"pagefind.{about['hash']}.pf_meta"))
        except (OSError, ValueError, KeyError, cbor2.CBORDecodeError) as exc:
            raise JoinError(f"{self.bundle}: {exc}") from exc
        if not (isinstance(meta, list) and len(meta) == 6 and meta[VERSION] == VERIFIED_VERSION):
            raise JoinError(f"{self.bundle}: not a Pagefind {VERIFIED_VERSION} page list")
        if len(meta[PAGES]) != len(self.sorts):
            raise JoinError(f"{self.bundle}: {len(meta[PAGES])} pages indexed of {len(self.sorts)} given")
        return language, meta

    def words(self, meta: list) -> Iterator[tuple[str, list]]:
        """The part's words in order, each with its pages (page numbers as Pagefind stores them:
        each the difference from the one before), read one chunk at a time."""
        for _, _, name in meta[CHUNKS]:
            chunk = cbor2.loads(read_file(self.bundle / "index" / f"{name}.pf_index"))
            for word, pages, extra in chunk[0]:
                if extra:  # empty in every index Pagefind 1.5.2 wrote here; its meaning is unknown
                    raise JoinError(f"{self.bundle}: word {word!r} has data this module does not know")
                yield word, pages


# -- joining ------------------------------------------------------------------------------------------

def _prefixes(a: str, b: str) -> tuple[str, str]:
    """Pagefind's cut-short boundary between two chunks, one character past their common start."""
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return a[:common + 1], b[:common + 1]


def cut_short(chunks: list[list[str]]) -> None:
    """Turn each chunk's [first word, last word, name] into the range Pagefind 1.5.2 writes for it
    (checked against its own index of 5,000 reviews): between two chunks each side is cut one
    character past what the two words have in common, except that a chunk keeps its whole last
    word where cut short it would sort before the chunk's own start ("ing" to "involv", not "in")."""
    for before, after in zip(chunks, chunks[1:]):
        to, after[0] = _prefixes(before[1], after[0])
        if to >= before[0]:
            before[1] = to


def _joined_words(parts: list[Part], metas: list[list], offsets: list[int]) -> Iterator[list]:
    """Every word of every part in order, its pages numbered across the parts (still stored as
    differences: a part's first page of the word counts from the last page of the parts before)."""
    def numbered(i: int) -> Iterator[tuple[str, int, list]]:
        return ((word, i, pages) for word, pages in parts[i].words(metas[i]))

    streams = [numbered(i) for i in range(len(parts))]
    current, pages, last = None, [], 0
    for word, i, part_pages in heapq.merge(*streams):
        if word != current:
            if current is not None:
                yield [current, pages, []]
            current, pages, last = word, [], 0
        first = offsets[i] + part_pages[0][0]
        pages.append([first - last, *part_pages[0][1:]])
        pages.extend(part_pages[1:])
        last = first + sum(p[0] for p in part_pages[1:])
    if current is not None:
        yield [current, pages, []]


def _chunks(words: Iterator[list]) -> Iterator[list[list]]:
    chunk, size = [], 0
    for word in words:
        size += sum(len(page[1]) + len(page[2]) + 1 for page in word[1])
        chunk.append(word)
        if size >= CHUNK_SIZE:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _sort_orders(sorts: list[dict[str, str]]) -> list[list]:
    """Each sort key's page order, made as Pagefind makes it: numbers if every value is one,
    otherwise text; pages without the key left out; ties in page order."""
    keys = sorted({key for page in sorts for key in page})
    orders = []
    for key in keys:
        valued = [(page[key], n) for n, page in enumerate(sorts) if key in page]
        numbers = [_number(value) for value, _ in valued]
        if all(x is not None for x in numbers):
            order = [n for _, (_, n) in sorted(zip(numbers, valued), key=lambda pair: pair[0])]
        else:
            order = [n for _, n in sorted(valued, key=lambda pair: pair[0].encode("utf-8"))]
        orders.append([key, order])
    return orders


_INTEGER = re.compile(r"[+-]?\d+")
_FLOAT = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def _number(value: str) -> float | None:
    if _INTEGER.fullmatch(value):
        return float(int(value))
    if _FLOAT.fullmatch(value):
        return float(value)
    return None


def place_fragment(source: Path, output: Path, language: str, taken: set[str]) -> str:
    """Copy a part's page fragment into the joined bundle and return its name there. Two parts can
    give different pages the same short name (7 hex characters: at 5,000 pages about one build in
    twenty); the later one then gets a longer one, as Pagefind lengthens names within an index.
    (A fragment holds its page's URL, so two pages' fragments are never the same.)"""
    name = source.name.removesuffix(".pf_fragment")
    if name in taken:
        name = _short_name(language, read_file(source), taken)
    taken.add(name)
    target = output / "fragment" / f"{name}.pf_fragment"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return name


def join(parts: list[Part], output: Path) -> int:
    """Write into `output` (a Pagefind bundle folder, made or emptied here) the one index of all
    the parts' pages; returns the number of pages."""
    read = [part.read() for part in parts]
    languages = {language for language, _ in read}
    metas = [meta for _, meta in read]
    if len(languages) != 1:
        raise JoinError(f"the parts are in different languages: {sorted(languages)}")
    if any(meta[META_FIELDS] != metas[0][META_FIELDS] for meta in metas):
        raise JoinError("the parts' pages carry different metadata fields")
    language = languages.pop()
    if output.exists():
        shutil.rmtree(output)
    # What does not depend on the pages (the script, the WebAssembly, the styles) is the same in
    # every part.
    shutil.copytree(parts[0].bundle, output, ignore=shutil.ignore_patterns("*.pf_*", "pagefind-entry.json"))

    offsets, pages = [], []
    taken: set[str] = set()
    for part, meta in zip(parts, metas):
        offsets.append(len(pages))
        for name, word_count in meta[PAGES]:
            pages.append([place_fragment(part.bundle / "fragment" / f"{name}.pf_fragment", output, language, taken),
                          word_count])
    chunks: list[list[str]] = []
    written: set[str] = set()
    # Compressing (zlib lets go of the interpreter) on other threads while the next chunk is made.
    with ThreadPoolExecutor(max_workers=2) as compressing:
        pending = []
        for chunk in _chunks(_joined_words(parts, metas, offsets)):
            data = cbor2.dumps([chunk])
            name = _short_name(language, data, written)
            written.add(name)
            pending.append(compressing.submit(write_file, output / "index" / f"{name}.pf_index", data))
            chunks.append([chunk[0][0], chunk[-1][0], name])
        for done in pending:
            done.result()
    cut_short(chunks)

    filters: dict[str, dict[str, list[int]]] = {}
    for part, meta, offset in zip(parts, metas, offsets):
        for filter_name, name in meta[FILTERS]:
            decoded = cbor2.loads(read_file(part.bundle / "filter" / f"{name}.pf_filter"))
            if decoded[0] != filter_name:
                raise JoinError(f"{part.bundle}: filter file {name} is not {filter_name!r}")
            values = filters.setdefault(filter_name, {})
            for value, value_pages in decoded[1]:
                values.setdefault(value, []).extend(offset + n for n in value_pages)
    filter_list, filter_names = [], set()
    for filter_name, values in filters.items():
        data = cbor2.dumps([filter_name, [[value, value_pages] for value, value_pages in values.items()]])
        name = _short_name(language, data, filter_names)
        filter_names.add(name)
        write_file(output / "filter" / f"{name}.pf_filter", data)
        filter_list.append([filter_name, name])

    sorts = [page for part in parts for page in part.sorts]
    meta = [metas[0][VERSION], pages, chunks, filter_list, _sort_orders(sorts), metas[0][META_FIELDS]]
    data = cbor2.dumps(meta)
    meta_name = f"{language}_{full_hash(data)[:len(language) + 8]}"
    write_file(output / f"pagefind.{meta_name}.pf_meta", data)
    entry = json.loads((parts[0].bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    entry["languages"][language].update(hash=meta_name, page_count=len(pages))
    (output / "pagefind-entry.json").write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return len(pages)



# -- indexing in parts ------------------------------------------------------------------------------

def part_size(pages: int) -> int:
    """How many of a library's `pages` each indexer is given: all of them up to ONE_PART_UP_TO,
    otherwise as many parts of at most PAGES_PER_PART as it takes, of even size. Where a test sets
    CASEBOOK_SEARCH_PART_PAGES, that many, so that a small library is indexed in parts."""
    forced = os.environ.get("CASEBOOK_SEARCH_PART_PAGES", "")
    if forced.isdigit() and int(forced) > 0:
        return int(forced)
    if pages <= ONE_PART_UP_TO:
        return max(pages, 1)
    parts = -(-pages // PAGES_PER_PART)
    return -(-pages // parts)


class IndexInParts:
    """What the build hands its pages to (the interface of PagefindIndexer): one Pagefind indexer
    per part, each writing its part on a thread while the next one is filled, and at the end the
    parts joined into the site's bundle. A library of one part is Pagefind's index as it wrote it."""

    def __init__(self, config: dict | None = None, expected_pages: int = 0):
        self._config = config or {}
        self._per_part = part_size(expected_pages)
        self._indexer: PagefindIndexer | None = PagefindIndexer(self._config)
        self._folder = Path(tempfile.mkdtemp(prefix="casebook-search-parts-"))
        self._parts: list[Part] = []
        self._writing: list[tuple[threading.Thread, PagefindIndexer]] = []
        self._failures: list[PagefindError] = []
        self._cpu_done = 0.0
        self._part = Part(self._folder / "part-1")
        self.pages = 0

    def add_page(self, url: str, html_text: str) -> None:
        if len(self._part.sorts) == self._per_part:
            self._write_part_in_background()
            self._indexer = PagefindIndexer(self._config)
            self._part = Part(self._folder / f"part-{len(self._parts) + 1}")
        self._indexer.add_page(url, html_text)
        self._part.sorts.append(sort_values(html_text))
        self.pages += 1

    def _write_part_in_background(self) -> None:
        # One part written at a time: two at once would hold both parts' copies of their words.
        for thread, _ in self._writing:
            thread.join()
        indexer, part = self._indexer, self._part
        self._parts.append(part)
        self._indexer = None

        def write() -> None:
            try:
                indexer.write(part.bundle)
            except PagefindError as exc:
                self._failures.append(exc)
            finally:
                self._cpu_done += indexer.cpu_seconds() or 0.0
                indexer.close()

        thread = threading.Thread(target=write, name=f"pagefind-part-{len(self._parts)}", daemon=True)
        self._writing.append((thread, indexer))
        thread.start()

    def write(self, output_path: Path) -> int:
        """Write the index of every page given into `output_path` and return the number of pages."""
        output_path = Path(output_path)
        if not self._parts:  # one part: Pagefind's own bundle, written where it belongs
            return self._indexer.write(output_path)
        self._write_part_in_background()
        for thread, _ in self._writing:
            thread.join()
        if self._failures:
            raise self._failures[0]
        _join_in_another_process(self._parts, output_path)
        # A search then loads only the index chunks that can hold its words (pagefind_meta.py).
        pagefind_meta.close_chunk_gaps(output_path)
        return self.pages

    @property
    def parts(self) -> int:
        return len(self._parts) + (self._indexer is not None)

    def cpu_seconds(self) -> float | None:
        """The processor time the parts' indexers have used so far (Linux only)."""
        current = self._indexer.cpu_seconds() if self._indexer is not None else 0.0
        return None if current is None else self._cpu_done + current

    def close(self) -> None:
        """Stop every indexer, one still writing its part too (a save cancels the preview's
        re-indexing: waiting for a part to be written would hold up the save)."""
        for thread, indexer in self._writing:
            if thread.is_alive():
                indexer.close()
            thread.join(10)
        if self._indexer is not None:
            self._indexer.close()
        shutil.rmtree(self._folder, ignore_errors=True)


def _join_in_another_process(parts: list[Part], output: Path) -> None:
    """Joining is 5 to 10 s of CBOR and compression at 5,000 reviews: in a process of its own it
    shares neither this process's interpreter lock nor its memory with the pages being written."""
    plan = parts[0].bundle.parent / "join.json"
    plan.write_text(json.dumps({
        "parts": [{"bundle": str(p.bundle), "sorts": p.sorts} for p in parts], "output": str(output),
    }), encoding="utf-8")
    package_root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-m", "casebook.search.pagefind_parts", str(plan)],
                          env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise PagefindError(f"the search index's parts could not be joined: {done.stderr.strip()[-2000:]}")


def main(argv: list[str] | None = None) -> int:
    plan = json.loads(Path((argv or sys.argv[1:])[0]).read_text(encoding="utf-8"))
    parts = [Part(Path(p["bundle"]), p["sorts"]) for p in plan["parts"]]
    try:
        join(parts, Path(plan["output"]))
    except UnexpectedShape as exc:
        print(f"search index: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
