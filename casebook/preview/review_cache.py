"""Reviews read and checked once per content, across the rebuilds of one `mkdocs serve`.

A save changes one file; every rebuild used to read and check all of them again. The cache keeps
each file's result by path, the file's size and modification time (an unchanged file is not even
read) and the hash of its bytes (a file touched but not changed is read, not checked again). It
holds only while the vocabulary and the day are those the results were checked against: a change
to either empties it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from casebook.checks.problems import Problem
from casebook.reading.review import Review, read_review

Result = tuple["Review | None", list[Problem]]


@dataclass
class _Entry:
    stat: tuple[int, int, int]
    digest: bytes
    display: str
    result: Result


def _stat(path: Path) -> tuple[int, int, int]:
    s = os.stat(path)
    return (s.st_mtime_ns, s.st_size, s.st_ino)


def _digest(path: str) -> bytes:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).digest()


def folder_fingerprint(folder: Path) -> bytes:
    """The hash of every file's name and bytes under a folder (the vocabulary is a few small files)."""
    digest = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


class ReviewCache:
    """read_review's results by file, valid for one vocabulary and one day."""

    def __init__(self) -> None:
        # By the file's absolute path as a string: hashing Path objects cost 0.3 s a build at 2,000 reviews.
        self._entries: dict[str, _Entry] = {}
        self._valid_for: tuple[bytes, dt.date] | None = None
        # The last version of each file that had no errors, by path: what the preview shows while
        # the file on disk has errors.
        self.last_good: dict[str, Review] = {}
        self.read_count = 0  # files read and checked again in the last build
        self.seen: set[str] = set()

    def begin(self, vocabulary_folder: Path, today: dt.date | None = None) -> None:
        """A new build: the results kept only if the vocabulary and the day are unchanged."""
        valid_for = (folder_fingerprint(vocabulary_folder), today or dt.date.today())
        if valid_for != self._valid_for:
            self._entries.clear()
            self.last_good.clear()
        self._valid_for = valid_for
        self.read_count = 0
        self.seen = set()

    def end(self) -> None:
        """Forget the files that are gone (deleted or renamed since the build before)."""
        for path in set(self._entries) - self.seen:
            del self._entries[path]
            self.last_good.pop(path, None)

    def reader(self, vocabulary, today: dt.date | None = None) -> Callable[[Path, str], Result]:
        def read(path: Path, display: str) -> Result:
            # The path as listed, not resolved: the same folder lists the same paths each build, and
            # resolving each of them cost 0.1 s at 2,000 reviews.
            key = os.path.abspath(path)
            self.seen.add(key)
            entry = self._entries.get(key)
            try:
                stat = _stat(key)
            except OSError:
                stat = None
            if entry is not None and stat is not None and entry.display == display:
                if entry.stat == stat:
                    return entry.result
                digest = _digest(key)
                if digest == entry.digest:
                    entry.stat = stat
                    return entry.result
            # Stat and hash taken before the read: were the file saved again meanwhile, the next
            # build sees a newer stat and reads it again.
            try:
                digest = _digest(key)
            except OSError:
                digest = b""
            self.read_count += 1
            result = read_review(path, vocabulary, display, today)
            if stat is not None:
                self._entries[key] = _Entry(stat, digest, display, result)
            if result[0] is not None:
                self.last_good[key] = result[0]
            return result

        return read


def with_last_good(library, cache: ReviewCache):
    """The library as the preview shows it while files have errors: each review with errors stands
    in as its last version without any. Returns that library and the files with no such version
    (new files never yet without errors), which the preview leaves out."""
    from casebook.library.collection import Library  # the library imports the reading layer, not this

    failing = {p.path for p in library.errors}
    present = {r.path for r in library.reviews}
    stand_ins, missing = [], []
    for key, entry in cache._entries.items():
        if key not in cache.seen or entry.display not in failing or entry.display in present:
            continue
        good = cache.last_good.get(key)
        (stand_ins.append(good) if good is not None else missing.append(Path(key)))
    if not stand_ins:
        return library, missing
    reviews = sorted(library.reviews + stand_ins, key=lambda r: r.path)
    return Library(library.vocabulary, reviews, library.problems, library.files_checked), missing
