"""Closes the gaps between the word ranges of Pagefind's index chunks, so that a search loads only
the chunks that can hold its words.

Pagefind's page list (`pagefind.<hash>.pf_meta`) names each index chunk with the range of words it
holds, `from` and `to`, both cut short. A query word that falls between two ranges (as a whole
word usually does: chunks hold stems, "information" is stored as "inform") is matched loosely,
and the loose match also loads every chunk whose cut-short `to` is a prefix of the word: the chunk
ending with "in" for "information", the one ending with "a" for "assessment". Those chunks hold
the most common words of the language: at 5,000 reviews the "in" chunk alone is 87 KB, a quarter
of a cold search. Their words sort before the query word: the search looks for the word's stem
and the words that extend it, which lie in the stem's own chunk (looked up as before).

Here each chunk's `to` is moved up to just below the next chunk's `from` (the first chunk's `from`
down to nothing, the last one's `to` up to the end). The ranges then cover every word, a query
word always matches its own chunk strictly, and the loose match never happens. The chunks and
their words are unchanged, so results and ranking are the same for every word the index extends.
One difference: when nothing in the index extends a word (a misspelling, a word no review uses),
Pagefind falls back to the longest loaded word it starts with, and with the "in" chunk no longer
loaded "inquest" no longer matches every review through "in".

Before that, a chunk that holds a word found in nearly every review beside other words is split,
so that the common word has a chunk of its own: at 5,000 reviews "child" (65 KB gzipped) shared
its chunk with "check" (15 KB), so that "voice of the child" loaded "check" and a search for
"check" loaded "child". The word entries are moved into new chunk files unchanged and in order;
a chunk is never cut between a word and a word that extends it ("abus" and "abusive"), as Pagefind
looks for the extensions of a word in the chunk it loads for it. Results and ranking are the same
for every word; as at any of Pagefind's own chunk boundaries, a word cut short before the common
word ("chil") is looked for in the chunk before and no longer finds it.

The files are CBOR inside gzip after a `pagefind_dcd` signature. Only the shapes Pagefind 1.5.2
writes are read, and a file is rewritten only if re-encoding it unchanged gives back the exact
bytes Pagefind wrote; anything else is left as it is (search works, it just loads more).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path

VERIFIED_VERSION = "1.5.2"
SIGNATURE = b"pagefind_dcd"
# The top-level fields of the page list, in Pagefind 1.5.2's order.
VERSION, PAGES, INDEX_CHUNKS = 0, 1, 2
HIGHEST = "\U0010ffff"  # sorts after every character, in Rust (UTF-8 bytes) as in Python


class _Unexpected(Exception):
    """The file is not in the shape this module knows."""


def _decode(data: bytes, i: int):
    head = data[i]
    major, extra, i = head >> 5, head & 31, i + 1
    if extra < 24:
        n = extra
    elif extra in (24, 25, 26, 27):
        size = 1 << (extra - 24)
        n, i = int.from_bytes(data[i:i + size], "big"), i + size
    else:
        raise _Unexpected(f"CBOR item {head:#x}")
    if major == 0:
        return n, i
    if major == 1:
        return -1 - n, i
    if major == 3:
        return data[i:i + n].decode("utf-8"), i + n
    if major == 4:
        items = []
        for _ in range(n):
            item, i = _decode(data, i)
            items.append(item)
        return items, i
    raise _Unexpected(f"CBOR major type {major}")


def _head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for extra, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if n < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | extra]) + struct.pack(fmt, n)
    raise _Unexpected("integer too large")


def _encode(value) -> bytes:
    if isinstance(value, bool):
        raise _Unexpected("boolean")
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(v) for v in value)
    raise _Unexpected(type(value).__name__)


def just_below(word: str) -> str:
    """The highest string that still sorts before `word` (for any word a reader could type)."""
    if not word:
        raise _Unexpected("empty chunk boundary")
    last = ord(word[-1])
    if last == 0:
        return word[:-1]
    lower = last - 1
    if 0xD800 <= lower <= 0xDFFF:  # surrogates are not characters: step over them
        lower = 0xD7FF
    return word[:-1] + chr(lower) + HIGHEST


def close_gaps(chunks: list[list]) -> int:
    """Move each chunk's `to` up to just below the next chunk's `from` (the first chunk starting
    from nothing, the last going to the end), so that the ranges cover every word; returns how
    many boundaries moved."""
    for chunk in chunks:
        if not (isinstance(chunk, list) and len(chunk) == 3 and all(isinstance(x, str) for x in chunk)):
            raise _Unexpected("index chunk entry")
    for chunk, following in zip(chunks, chunks[1:]):
        if not (chunk[0] <= chunk[1] < following[0]):
            raise _Unexpected(f"index chunks out of order: {chunk[:2]} before {following[:2]}")
    if not chunks:
        return 0
    tops = [just_below(following[0]) for following in chunks[1:]] + [HIGHEST]
    moved = int(chunks[0][0] != "")
    chunks[0][0] = ""
    for chunk, top in zip(chunks, tops):
        moved += chunk[1] != top
        chunk[1] = top
    return moved


# A word whose entry (every location of it in every page) is larger than this, as CBOR, has a chunk
# of its own; at 5,000 reviews about a hundred words, each 20 KB or more gzipped. Splitting off
# smaller words would add more to the page list, which every search loads, than it takes off a
# search (each chunk costs the list about 15 bytes gzipped).
COMMON_WORD_BYTES = 40_000
# Nor is a chunk split for the sake of neighbours smaller than this together.
NEIGHBOURS_BYTES = 8_000


def split_common_words(chunk: list, sizes: list[int]) -> list[list]:
    """The word entries of one index chunk in groups: each common word (see COMMON_WORD_BYTES) with
    the words that extend it in a group of its own, the words between in groups of their own."""
    words = [entry[0] for entry in chunk]
    if not (all(isinstance(w, str) for w in words) and all(a < b for a, b in zip(words, words[1:]))):
        raise _Unexpected("index chunk words")
    common = [size > COMMON_WORD_BYTES for size in sizes]
    if not any(common) or sum(s for s, c in zip(sizes, common) if not c) < NEIGHBOURS_BYTES:
        return [chunk]
    groups, has_common = [[chunk[0]]], common[0]
    for i in range(1, len(chunk)):
        # Never between a word and one that extends it: Pagefind would not find the extension.
        can_cut = not any(words[i].startswith(w) for w in words[:i])
        if can_cut and (common[i] or has_common):
            groups.append([chunk[i]])
            has_common = common[i]
        else:
            groups[-1].append(chunk[i])
            has_common = has_common or common[i]
    return groups


def _split_chunks(bundle: Path, chunks: list[list]) -> tuple[list[list], list[Path]]:
    """The page list's chunk entries with every chunk holding a common word split (new files
    written), and the files they replace."""
    out, replaced = [], []
    for entry in chunks:
        if not (isinstance(entry, list) and len(entry) == 3 and all(isinstance(x, str) for x in entry)):
            raise _Unexpected("index chunk entry")
        path = bundle / "index" / f"{entry[2]}.pf_index"
        data = gzip.decompress(path.read_bytes())
        if not data.startswith(SIGNATURE):
            raise _Unexpected("no Pagefind signature")
        index, end = _decode(data, len(SIGNATURE))
        if end != len(data) or SIGNATURE + _encode(index) != data:
            raise _Unexpected("an index chunk does not re-encode to the same bytes")
        if not (isinstance(index, list) and len(index) == 1 and isinstance(index[0], list) and index[0]):
            raise _Unexpected("not a Pagefind 1.5.2 index chunk")
        groups = split_common_words(index[0], [len(_encode(word)) for word in index[0]])
        if len(groups) == 1:
            out.append(entry)
            continue
        language = entry[2].split("_", 1)[0]
        for group in groups:
            content = SIGNATURE + _encode([group])
            # Named by content, as Pagefind names its files: a changed chunk never meets a cached one.
            name = f"{language}_{hashlib.sha256(content).hexdigest()[:7]}"
            (bundle / "index" / f"{name}.pf_index").write_bytes(gzip.compress(content, 9, mtime=0))
            out.append([group[0][0], group[-1][0], name])
        replaced.append(path)
    return out, replaced


def rewrite_meta(data: bytes, bundle: Path | None = None) -> tuple[bytes, int, list[Path]]:
    """The page list (gunzipped) with the gaps closed, and how many chunk ranges moved."""
    if not data.startswith(SIGNATURE):
        raise _Unexpected("no Pagefind signature")
    meta, end = _decode(data, len(SIGNATURE))
    if end != len(data) or SIGNATURE + _encode(meta) != data:
        raise _Unexpected("the page list does not re-encode to the same bytes")
    if not isinstance(meta, list) or len(meta) <= INDEX_CHUNKS or meta[VERSION] != VERIFIED_VERSION:
        raise _Unexpected("not a Pagefind 1.5.2 page list")
    replaced = []
    if bundle is not None:
        meta[INDEX_CHUNKS], replaced = _split_chunks(bundle, meta[INDEX_CHUNKS])
    moved = close_gaps(meta[INDEX_CHUNKS])
    return SIGNATURE + _encode(meta), moved, replaced


def close_chunk_gaps(bundle: Path) -> int:
    """Rewrite every language's page list in a written bundle; returns how many ranges moved
    (0 when the bundle is not one this module knows, which is then left as Pagefind wrote it)."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    if entry.get("version") != VERIFIED_VERSION:
        return 0
    moved = 0
    for language in (entry.get("languages") or {}).values():
        path = bundle / f"pagefind.{language.get('hash')}.pf_meta"
        try:
            data, n, replaced = rewrite_meta(gzip.decompress(path.read_bytes()), bundle)
        except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError, IndexError, _Unexpected):
            continue
        kept = {entry[2] for entry in _decode(data, len(SIGNATURE))[0][INDEX_CHUNKS]}
        # The file keeps its name: its content is still a function of what Pagefind wrote there.
        path.write_bytes(gzip.compress(data, 9, mtime=0))
        for chunk in replaced:
            if chunk.stem not in kept:
                chunk.unlink(missing_ok=True)
        moved += n
    return moved
