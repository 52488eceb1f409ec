"""How many processes a build shares its work between: the thresholds and the cores."""

from __future__ import annotations

import os
import sys


# Reading and checking one review needs no other review, and for a large library it is most of
# the work done before any page is rendered, so from this many reviews on it is shared between
# processes, one per core (2,000 reviews on two cores: 5.2 s -> 3.2 s). Smaller libraries are read
# in this process: starting another costs more than it saves.
PARALLEL_FROM = 300


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def parallel_shares(count: int) -> int:
    """How many processes should share `count` independent pieces of work: one below
    PARALLEL_FROM (or $CASEBOOK_PARALLEL_FROM, which tests set to try the parallel path on a small
    library), else one per core, at most four, where processes can be forked."""
    threshold = int(os.environ.get("CASEBOOK_PARALLEL_FROM") or PARALLEL_FROM)
    # Linux only: forking a process that has threads (the search indexer's, the preview server's)
    # is safe there, and it is where CI and GitHub Pages build. macOS can abort such a fork, and
    # Windows cannot fork; both build in one process, as before.
    if count < threshold or sys.platform != "linux":
        return 1
    return max(1, min(_cores(), 4, count))
