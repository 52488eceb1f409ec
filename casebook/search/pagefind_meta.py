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
from pathlib import Path

import cbor2

VERIFIED_VERSION = "1.5.2"
SIGNATURE = b"pagefind_dcd"
# The top-level fields of the page list, in Pagefind 1.5.2's order.
VERSION, PAGES, INDEX_CHUNKS = 0, 1, 2
HIGHEST = "\U0010ffff"  # sorts after every character, in Rust (UTF-8 bytes) as in Python


class UnexpectedShape(Exception):
    """The file is not in the shape this module knows."""


def read_file(path: Path) -> bytes:
    """The CBOR inside one of Pagefind's index files (gzip, then its signature)."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise UnexpectedShape(f"{path.name}: no Pagefind signature")
    return data[len(SIGNATURE):]


def write_file(path: Path, cbor: bytes) -> None:
    """Write an index file as Pagefind does (its signature, then gzip at the highest level)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(SIGNATURE + cbor, 9, mtime=0))


def just_below(word: str) -> str:
    """The highest string that still sorts before `word` (for any word a reader could type)."""
    if not word:
        raise UnexpectedShape("empty chunk boundary")
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
            raise UnexpectedShape("index chunk entry")
    for chunk, following in zip(chunks, chunks[1:]):
        if not (chunk[0] <= chunk[1] < following[0]):
            raise UnexpectedShape(f"index chunks out of order: {chunk[:2]} before {following[:2]}")
    if not chunks:
        return 0
    tops = [just_below(following[0]) for following in chunks[1:]] + [HIGHEST]
    moved = int(chunks[0][0] != "")
    chunks[0][0] = ""
    for chunk, top in zip(chunks, tops):
        moved += chunk[1] != top
        chunk[1] = top
    return moved


def rewrite_meta(cbor: bytes) -> tuple[bytes, int]:
    """The page list (its CBOR) with the gaps closed, and how many chunk ranges moved."""
    try:
        meta = cbor2.loads(cbor)
    except cbor2.CBORDecodeError as exc:
        raise UnexpectedShape(str(exc)) from exc
    if cbor2.dumps(meta) != cbor:
        raise UnexpectedShape("the page list does not re-encode to the same bytes")
    if not isinstance(meta, list) or len(meta) <= INDEX_CHUNKS or meta[VERSION] != VERIFIED_VERSION:
        raise UnexpectedShape("not a Pagefind 1.5.2 page list")
    moved = close_gaps(meta[INDEX_CHUNKS])
    return cbor2.dumps(meta), moved


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
            data, n = rewrite_meta(read_file(path))
        except (OSError, EOFError, gzip.BadGzipFile, UnexpectedShape):
            continue
        # The file keeps its name: its content is still a function of what Pagefind wrote there.
        write_file(path, data)
        moved += n
    return moved
