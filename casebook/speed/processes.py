"""Independent pieces of work shared between processes: this one and forked copies of it.

Used where a large library makes one loop the longest part of a build (reading and checking the
reviews, writing their briefings). The copies are forked, so they start at once with everything
already loaded, and nothing but the results travels back. How many processes is
casebook.speed.switch's decision.

A process is forked only while it runs no other thread: the copy would inherit the locks those
threads hold (the logging module's, an allocator's) without the threads that would release them,
and hang. `fork_context()` checks that before every fork, so a build that starts a thread too early
fails at once instead of now and then.
"""

from __future__ import annotations

import gc
import multiprocessing
import threading
from collections.abc import Callable, Sequence
from typing import Any

# The work of the current call, inherited by the forked copies rather than sent to them.
_work: Callable[[Any], Any] | None = None


class ForkWithThreads(RuntimeError):
    """A fork was asked for while other threads were running."""


def other_threads() -> tuple[str, ...]:
    """The names of the threads running besides the current one."""
    me = threading.current_thread()
    return tuple(t.name for t in threading.enumerate() if t is not me)


def fork_context():
    """multiprocessing's fork context, once it is certain that no other thread is running."""
    running = other_threads()
    if running:
        raise ForkWithThreads(f"a process was about to be forked while {len(running)} other threads were running "
                              f"({', '.join(running)}): fork before starting them")
    return multiprocessing.get_context("fork")


def fork_pool(processes: int, initializer: Callable[[], None] | None = None):
    """A multiprocessing pool of `processes` forked copies of this process.

    A copy shares this process's memory until either writes to it, and a garbage collection in the
    copy writes to every object it looks at: the collections of a copy that renders pages would
    copy most of the library into it. Frozen at the fork, the objects this process holds are left
    out of the copies' collections (gc.freeze), and so stay shared; this process collects them
    again as soon as the copies exist."""
    context = fork_context()
    gc.freeze()
    try:
        return context.Pool(processes, initializer=initializer)
    finally:
        gc.unfreeze()


def _run(items: Sequence[Any]) -> list[Any]:
    return [_work(item) for item in items]


def map_shared(work: Callable[[Any], Any], items: Sequence[Any], shares: int) -> list[Any]:
    """[work(item) for item in items], in order, split into `shares` consecutive parts; this
    process does the first part while forked copies do the others."""
    global _work
    _work = work
    try:
        if shares < 2 or len(items) < 2:
            return _run(items)
        size = -(-len(items) // shares)
        parts = [items[i:i + size] for i in range(0, len(items), size)]
        with fork_pool(len(parts) - 1) as pool:
            others = pool.map_async(_run, parts[1:])
            first = _run(parts[0])
            return first + [result for part in others.get() for result in part]
    finally:
        _work = None
