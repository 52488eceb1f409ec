"""The two builds the benchmark compares, set up in a temporary folder, and what each costs.

- full: the Casebook site as the repository configures it (hooks, macros, generated pages, data,
  the Pagefind index), strict, with the corpus as docs/reviews/.
- bare: MkDocs + Material alone on the same Markdown files, reviews out of the nav, no hooks,
  no macros: the configuration a site of these pages starts from. Its plugins are MkDocs'
  defaults, that is Material's search, as the full build has a search index too (Pagefind's).
  `python -m bench --bare-plugins none` measures a bare build without even that.

Peak memory is the largest sum of PSS (proportional set size) over the build's process tree,
sampled every 50 ms: MkDocs, the copies of it that Casebook forks (reading, rendering ahead,
writing briefings) and Pagefind's indexer. Not RSS: a forked copy shares its parent's pages until
either writes to them, and RSS counts each shared page once in every process that maps it, so a
sum of RSS over the tree counts the library twice while a copy reads it; PSS splits each shared
page between the processes that share it, so the sum is the memory the build really takes. The
sum of RSS is reported beside it (the figure measured before), and Pagefind's own PSS at the peak.
"""

from __future__ import annotations

import gzip
import os
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# What a copy of the site needs from the repository besides the reviews.
PROJECT_PARTS = ["mkdocs.yml", "hooks", "overrides", "vocabulary"]

BARE_CONFIG = """\
site_name: Bench (bare)
site_url: http://127.0.0.1:8000/
theme:
  name: material
  font: false
nav:
  - Home: index.md
not_in_nav: |
  /reviews/*.md
"""
BARE_WITHOUT_PLUGINS = BARE_CONFIG + "plugins: []\n"


def copy_site_config(project: Path) -> Path:
    """A copy of the repository's site (configuration, hooks, templates, vocabulary, hand-written
    pages) in `project`, without docs/reviews/: the benchmark and the tests add their own reviews."""
    project.mkdir(parents=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, project / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, project / part)
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("reviews"))
    return project


def full_project(folder: Path, corpus: Path) -> Path:
    """The repository's site configuration with the corpus as its reviews (copied, never linked)."""
    project = copy_site_config(folder / "full")
    shutil.copytree(corpus, project / "docs" / "reviews")
    return project


def bare_project(folder: Path, corpus: Path, config: str = BARE_CONFIG) -> Path:
    project = folder / "bare"
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    (project / "docs" / "index.md").write_text("# Bench\n\nThe same reviews, built by MkDocs and Material alone.\n", encoding="utf-8")
    shutil.copytree(corpus, project / "docs" / "reviews")
    return project


@dataclass
class BuildCost:
    seconds: float
    peak_mb: float  # PSS of the build's whole process tree (MkDocs, its copies, Pagefind), at its peak
    site_bytes: int
    largest_review_bytes: int
    returncode: int
    log_tail: str
    cpu_s: float = 0.0  # processor time of the whole build (MkDocs, its helper processes, Pagefind)
    pagefind_cpu_s: float | None = None  # Pagefind's share of it, as the search hook logs it
    # The first page of the list of reviews (/reviews/), gzipped as a compressing host sends it;
    # None when the build has no such page (the bare one).
    list_page_gzip_bytes: int | None = None
    # At the same moment: the tree's RSS summed (counts pages shared by forked copies once per
    # copy) and the Pagefind indexer's PSS, its part of peak_mb.
    peak_rss_mb: float = 0.0
    pagefind_mb: float = 0.0
    # The indexers' own peak over the build (several in turn for a library indexed in parts): in a
    # small build the tree's peak can fall when no indexer runs.
    pagefind_peak_mb: float = 0.0


@dataclass(frozen=True)
class TreeMemory:
    """The memory of a process and all its descendants at one moment, in KB."""

    pss_kb: int = 0
    rss_kb: int = 0
    pagefind_pss_kb: int = 0  # the Pagefind indexer's part of pss_kb


def _process_memory_kb(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of one process, from /proc/<pid>/smaps_rollup (Linux 4.14 and later); where that
    cannot be read, RSS from /proc/<pid>/status stands for both."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            fields = dict(line.split(":", 1) for line in f if line.startswith(("Rss:", "Pss:")))
        return int(fields["Pss"].split()[0]), int(fields["Rss"].split()[0])
    except (OSError, KeyError, ValueError):
        pass  # an older kernel; or the process has gone, which reading its status says
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
                return rss, rss
    return 0, 0  # a zombie: no memory left


def tree_memory(pid: int) -> TreeMemory:
    """The memory of a process and all its descendants, from /proc (Linux)."""
    pss_total = rss_total = pagefind = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            pss, rss = _process_memory_kb(p)
            with open(f"/proc/{p}/comm") as f:
                if f.read().startswith("pagefind"):
                    pagefind += pss
            pss_total, rss_total = pss_total + pss, rss_total + rss
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    stack.extend(int(c) for c in f.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return TreeMemory(pss_total, rss_total, pagefind)


def _folder_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def build(project: Path, site: Path) -> BuildCost:
    """One strict build, timed by the wall clock, its memory (the tree's PSS) sampled every 50 ms."""
    if site.exists():
        shutil.rmtree(site)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    # Not -q: the search hook's INFO line says how much processor time Pagefind used.
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    peak, pagefind_peak_kb = TreeMemory(), 0
    output: list[bytes] = []
    reader = threading.Thread(target=lambda: output.extend(process.stdout), daemon=True)
    reader.start()
    while process.poll() is None:
        now = tree_memory(process.pid)
        peak, pagefind_peak_kb = max(peak, now, key=lambda m: m.pss_kb), max(pagefind_peak_kb, now.pagefind_pss_kb)
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    reader.join(5)
    text = b"".join(output).decode(errors="replace")
    pagefind = re.search(r"Pagefind used ([\d.]+) s of processor time", text)
    reviews = [p for p in (site / "reviews").glob("*/index.html")] if site.exists() else []
    list_page = site / "reviews" / "index.html"
    return BuildCost(
        seconds=seconds,
        peak_mb=peak.pss_kb / 1024,
        peak_rss_mb=peak.rss_kb / 1024,
        pagefind_mb=peak.pagefind_pss_kb / 1024,
        pagefind_peak_mb=pagefind_peak_kb / 1024,
        site_bytes=_folder_bytes(site) if site.exists() else 0,
        largest_review_bytes=max((p.stat().st_size for p in reviews), default=0),
        returncode=process.returncode,
        log_tail=text[-3000:],
        # The build's whole process tree: MkDocs reaps its helpers and Pagefind, and is reaped here.
        cpu_s=(after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
        pagefind_cpu_s=float(pagefind.group(1)) if pagefind else None,
        list_page_gzip_bytes=len(gzip.compress(list_page.read_bytes(), 6)) if list_page.is_file() else None,
    )
