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

The file is CBOR inside gzip after a `pagefind_dcd` signature. Only the shapes Pagefind 1.5.2
writes are read, and a file is rewritten only if re-encoding it unchanged gives back the exact
bytes Pagefind wrote; anything else is left as it is (search works, it just loads more).
"""

from __future__ import annotations

import gzip
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


def rewrite_meta(data: bytes) -> tuple[bytes, int]:
    """The page list (gunzipped) with the gaps closed, and how many chunk ranges moved."""
    if not data.startswith(SIGNATURE):
        raise _Unexpected("no Pagefind signature")
    meta, end = _decode(data, len(SIGNATURE))
    if end != len(data) or SIGNATURE + _encode(meta) != data:
        raise _Unexpected("the page list does not re-encode to the same bytes")
    if not isinstance(meta, list) or len(meta) <= INDEX_CHUNKS or meta[VERSION] != VERIFIED_VERSION:
        raise _Unexpected("not a Pagefind 1.5.2 page list")
    moved = close_gaps(meta[INDEX_CHUNKS])
    return SIGNATURE + _encode(meta), moved


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
            data, n = rewrite_meta(gzip.decompress(path.read_bytes()))
        except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError, IndexError, _Unexpected):
            continue
        # The file keeps its name: its content is still a function of what Pagefind wrote there.
        path.write_bytes(gzip.compress(data, 9, mtime=0))
        moved += n
    return moved
