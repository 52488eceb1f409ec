"""Independent pieces of work shared between processes: this one and forked copies of it.

Used where a large library makes one loop the longest part of a build (reading and checking the
reviews, writing their briefings). The copies are forked, so they start at once with everything
already loaded, and nothing but the results travels back. How many processes is
casebook.speed.switch.parallel_shares' decision.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from typing import Any

# The work of the current call, inherited by the forked copies rather than sent to them.
_work: Callable[[Any], Any] | None = None


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
        with multiprocessing.get_context("fork").Pool(len(parts) - 1) as pool:
            others = pool.map_async(_run, parts[1:])
            first = _run(parts[0])
            return first + [result for part in others.get() for result in part]
    finally:
        _work = None
