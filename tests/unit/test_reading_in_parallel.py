"""A large library is read and checked by several processes (casebook.speed.switch.PARALLEL_FROM):
what a contributor is told, and what the site is built from, must not depend on that.

Each reading runs in a fresh interpreter: a process is forked only while it runs no other thread
(casebook.speed.processes), and the test session may have some (the browser tests' servers)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading

import pytest

from casebook.speed import processes
from conftest import ENV, FIXTURES, ROOT

# Run in the fresh interpreter: read `folder` with or without forking, and print what was read.
_READ = """
import json, multiprocessing, sys
from pathlib import Path
from casebook.library import collection
from casebook.model.vocabulary import load_vocabulary
from casebook.speed import switch

folder, parallel = Path(sys.argv[1]), sys.argv[2] == "parallel"
switch.PARALLEL_FROM = 2 if parallel else 10**9
switch._cores = lambda: 2
forks, real_context = [], multiprocessing.get_context
multiprocessing.get_context = lambda method=None: forks.append(method) or real_context(method)
root = Path(sys.argv[3])
lib = collection.load_library([folder], load_vocabulary(root / "vocabulary"), root=root)
print(json.dumps({
    "forks": forks,
    "problems": [str(p) for p in lib.problems],
    "reviews": [(r.slug, r.title, r.summary, [lp.text for lp in lib.review(r.slug).learning]) for r in lib.reviews],
    "files_checked": lib.files_checked,
    # Learning points still know their review (the theme pages link each one to it).
    "learning_knows_its_review": all(lp.review is r for r in lib.reviews for lp in r.learning),
    "theme_learning": {s: t.learning_count for s, t in lib.themes.items()},
}))
"""


def _read(folder, parallel: bool) -> dict:
    result = subprocess.run([sys.executable, "-c", _READ, str(folder), "parallel" if parallel else "serial", str(ROOT)],
                            env={**ENV, "CASEBOOK_PARALLEL_FROM": ""}, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    read = json.loads(result.stdout)
    assert read.pop("forks") == (["fork"] if parallel else []), "the library was not read the way the test meant"
    return read


def test_broken_files_get_the_same_messages_in_parallel():
    serial = _read(FIXTURES / "bad", parallel=False)
    parallel = _read(FIXTURES / "bad", parallel=True)
    assert len(serial["problems"]) > 50  # the broken fixtures give a message or more each
    assert parallel == serial


def test_a_library_read_in_parallel_is_the_same_library():
    serial = _read(FIXTURES / "library", parallel=False)
    parallel = _read(FIXTURES / "library", parallel=True)
    assert parallel == serial and parallel["learning_knows_its_review"]


def test_no_process_is_forked_beside_a_running_thread():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, name="fictional-indexer", daemon=True)
    thread.start()
    try:
        with pytest.raises(processes.ForkWithThreads, match=r"while \d+ other threads were running \(.*fictional-indexer.*\): fork before starting them"):
            processes.map_shared(str, [1, 2, 3], shares=2)
    finally:
        stop.set()
        thread.join()
