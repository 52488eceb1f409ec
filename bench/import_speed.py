"""The import rows of `make bench`: `casebook import` of a fictional 60-page report (SPEC section 9:
under 10 seconds on one core), as PDF printed by Chromium and as Word, median of 3 runs.

Each run is the command a person types, in its own process pinned to one core, so its time includes
starting Python; the report is the fictional Child M padded to 60 pages
(tests/fixtures/reports/make_reports.py), written into the benchmark's temporary folder.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT_S = 10.0


def _one_core() -> None:
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def write_reports(folder: Path, pages: int) -> tuple[list[Path], int]:
    """The padded fictional report as PDF (if Chromium is there) and DOCX; its number of words."""
    sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "reports"))
    from make_reports import long_report
    from report_model import CHROMIUM, write_docx, write_pdf

    report = long_report(pages)
    paths = []
    if Path(CHROMIUM).exists():
        paths.append(write_pdf(report, folder / f"report-{pages}.pdf"))
    paths.append(write_docx(report, folder / f"report-{pages}.docx"))
    return paths, report.words()


def time_import(report: Path, project: Path, rounds: int) -> tuple[list[float], list[float]]:
    walls, cpus = [], []
    for _ in range(rounds):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "casebook", "import", str(report), "--slug", "bench-import", "--force"],
                              cwd=project, capture_output=True, text=True, preexec_fn=_one_core)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
        if done.returncode != 0:
            raise SystemExit(f"casebook import {report.name} failed:\n{done.stderr}")
    return walls, cpus


def measure(work: Path, pages: int = 60, rounds: int = 3, log=print) -> list[dict]:
    folder = work / "import"
    project = folder / "project"
    (project / "docs" / "reviews").mkdir(parents=True)
    shutil.copytree(ROOT / "vocabulary", project / "vocabulary")
    reports, words = write_reports(folder, pages)
    if not any(p.suffix == ".pdf" for p in reports):
        log("  import: no Chromium to print the PDF; timing the Word file only")
    rows = []
    for report in reports:
        walls, cpus = time_import(report, project, rounds)
        row = {"format": "PDF" if report.suffix == ".pdf" else "Word", "pages": pages, "words": words,
               "median_s": round(statistics.median(walls), 2), "runs_s": [round(w, 2) for w in walls],
               "cpu_s": round(statistics.median(cpus), 2), "limit_s": LIMIT_S}
        log(f"  import of a {pages}-page {row['format']} report: {row['median_s']:.2f} s (runs {row['runs_s']})")
        rows.append(row)
    return rows


def table(rows: list[dict]) -> str:
    head = ["import", "pages", "words", "s on one core (median of 3)", "CPU s", "runs s"]
    lines = [head] + [[r["format"], str(r["pages"]), f"{r['words']:,}", f"{r['median_s']:.2f}", f"{r['cpu_s']:.2f}",
                       " ".join(f"{s:.2f}" for s in r["runs_s"])] for r in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    out = [" | ".join(c.rjust(w) for c, w in zip(line, widths)) for line in lines]
    out.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(out)


def targets(rows: list[dict]) -> list[str]:
    return [f"{'met' if r['median_s'] < r['limit_s'] else 'NOT met'}: casebook import of a {r['pages']}-page "
            f"{r['format']} report takes {r['median_s']:.2f} s on one core (under {r['limit_s']:.0f} s)" for r in rows]
