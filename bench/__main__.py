"""`python -m bench`: build fictional corpora with the full Casebook site and with bare MkDocs +
Material, alternating the two in the same run, and check the targets of SPEC section 9.

For each corpus (N reviews of summary or full-report length) it prints and saves (JSON): the wall
time of each build and their ratio, peak memory, site bytes, the largest review page's HTML, the
first page of the list of reviews gzipped, and the bytes one cold search transfers in Chromium.
Then Lighthouse's mobile scores of five pages of the real site (bench/lighthouse.py; skipped,
saying so, where npm is missing). The machine may be busy: alternating full and
bare builds, and comparing ratios rather than seconds, keeps the comparison fair.

Then the preview loop (bench.reload): save-to-page under `mkdocs serve` at 500 and 2,000 reviews,
Casebook against a bare Material serve of the same Markdown, with each serve's peak memory.

    python -m bench                          # 500, 2,000, 5,000 summary reviews; 500 full reports
    python -m bench --summary 200 --full 0 --reload 0 --import-pages 0   # a quick look
    python -m bench --summary 5000 --full 0 --reload 0 --import-pages 0 --no-lighthouse --no-bare   # search at 5,000

It also times `casebook import` of a fictional 60-page report (PDF and Word; --import-pages 0 skips it).
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from . import builds, corpus, import_speed, lighthouse, reload, search_cost

# Two-word searches of the library's themes, and one of very common words ("child" is in every
# review): a search downloads each word's part of the index, so the common words cost the most
# ("mental" and "health" are in nearly every review, and in several themes' names).
QUERIES = ["information sharing", "professional curiosity", "domestic abuse", "voice of the child", "mental health"]
# SPEC section 9.
RATIO_AT_2000 = 2.5  # "within 2.5 times a bare MkDocs + Material build"
GROWTH_2000_TO_5000 = 2.75
REVIEW_PAGE_LIMIT = 50_000
SEARCH_LIMIT_AT_5000 = 250_000
LIST_PAGE_LIMIT_AT_5000 = 150_000  # the first page of /reviews/, gzipped
PEAK_MB_AT_5000 = 1000  # the full build's peak memory (PSS summed over its processes)


def run_corpus(work: Path, n: int, kind: str, rounds: int, queries: list[str], log=print,
               bare_config: str = builds.BARE_CONFIG, bare: bool = True) -> dict:
    """Generate one corpus, build it full and bare `rounds` times each (alternating), measure search.
    Without `bare`, only the full build (its figures against the bare one are then None)."""
    folder = work / f"{kind}-{n}"
    words = corpus.SUMMARY_WORDS if kind == "summary" else corpus.FULL_WORDS
    started = time.perf_counter()
    corpus.write_corpus(folder / "reviews", n, words)
    log(f"  {kind} x {n}: corpus written in {time.perf_counter() - started:.1f} s")
    full = builds.full_project(folder, folder / "reviews")
    bare_project = builds.bare_project(folder, folder / "reviews", bare_config) if bare else None
    costs: dict[str, list[builds.BuildCost]] = {"full": [], "bare": []}
    for r in range(rounds):
        # Alternate which goes first, so that neither always meets a warmer or busier machine.
        order = (["full", "bare"] if r % 2 == 0 else ["bare", "full"]) if bare else ["full"]
        for which in order:
            project = full if which == "full" else bare_project
            cost = builds.build(project, folder / f"site-{which}")
            if cost.returncode != 0:
                raise SystemExit(f"the {which} build of {kind} x {n} failed:\n{cost.log_tail}")
            costs[which].append(cost)
            log(f"  {kind} x {n}: {which} build {r + 1}: {cost.seconds:.1f} s, {cost.peak_mb:.0f} MB "
                f"(RSS summed {cost.peak_rss_mb:.0f} MB, Pagefind {cost.pagefind_mb:.0f} MB)")
    searches = search_cost.measure(folder / "site-full", queries) if queries else []
    full_s = statistics.median(c.seconds for c in costs["full"])
    bare_s = statistics.median(c.seconds for c in costs["bare"]) if bare else None
    row = {
        "n": n,
        "size": kind,
        "full_s": round(full_s, 2),
        "bare_s": round(bare_s, 2) if bare else None,
        "ratio": round(full_s / bare_s, 2) if bare else None,
        "full_runs_s": [round(c.seconds, 2) for c in costs["full"]],
        "bare_runs_s": [round(c.seconds, 2) for c in costs["bare"]],
        # Processor time (user + system) of each build's process tree: on two cores a build cannot
        # take less wall time than half of it.
        "full_cpu_s": round(statistics.median(c.cpu_s for c in costs["full"]), 1),
        "bare_cpu_s": round(statistics.median(c.cpu_s for c in costs["bare"]), 1) if bare else None,
        "pagefind_cpu_s": _median_or_none([c.pagefind_cpu_s for c in costs["full"]]),
        # Peak memory: the largest sum of PSS over the build's process tree (bench.builds says why
        # not RSS); beside it the sum of RSS at that moment, and Pagefind's part.
        "full_peak_mb": round(max(c.peak_mb for c in costs["full"])),
        "bare_peak_mb": round(max(c.peak_mb for c in costs["bare"])) if bare else None,
        "full_peak_rss_mb": round(max(costs["full"], key=lambda c: c.peak_mb).peak_rss_mb),
        "full_pagefind_mb": round(max(costs["full"], key=lambda c: c.peak_mb).pagefind_mb),
        "full_pagefind_peak_mb": round(max(c.pagefind_peak_mb for c in costs["full"])),
        "full_site_bytes": costs["full"][-1].site_bytes,
        "bare_site_bytes": costs["bare"][-1].site_bytes if bare else None,
        "largest_review_bytes": costs["full"][-1].largest_review_bytes,
        "list_page_gzip_bytes": costs["full"][-1].list_page_gzip_bytes,
        "bare_largest_review_bytes": costs["bare"][-1].largest_review_bytes if bare else None,
        "search": [asdict(s) for s in searches],
        "search_bytes": max((s.pagefind_bytes for s in searches), default=None),
        "search_bytes_gzip": max((s.pagefind_bytes_gzip for s in searches), default=None),
    }
    shutil.rmtree(folder / "site-bare", ignore_errors=True)
    return row


def _median_or_none(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(statistics.median(known), 1) if known else None


def table(rows: list[dict]) -> str:
    head = ["N", "size", "full s", "bare s", "ratio", "full CPU s", "Pagefind CPU s", "bare CPU s",
            "full MB (PSS)", "Pagefind MB", "bare MB", "site MB", "largest review KB", "/reviews/ KB gzip", "search KB (gzip JS)"]
    lines = [head]
    for r in rows:
        bare = r["bare_s"] is not None
        search = "-" if r["search_bytes"] is None else f"{r['search_bytes'] / 1000:.0f} ({r['search_bytes_gzip'] / 1000:.0f})"
        lines.append([
            f"{r['n']:,}", r["size"], f"{r['full_s']:.1f}", f"{r['bare_s']:.1f}" if bare else "-",
            f"{r['ratio']:.2f}" if bare else "-",
            f"{r['full_cpu_s']:.1f}", "-" if r["pagefind_cpu_s"] is None else f"{r['pagefind_cpu_s']:.1f}",
            f"{r['bare_cpu_s']:.1f}" if bare else "-", str(r["full_peak_mb"]), str(r.get("full_pagefind_mb", "-")),
            str(r["bare_peak_mb"]) if bare else "-", f"{r['full_site_bytes'] / 1e6:.0f}",
            f"{r['largest_review_bytes'] / 1000:.1f}",
            "-" if r.get("list_page_gzip_bytes") is None else f"{r['list_page_gzip_bytes'] / 1000:.1f}", search,
        ])
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(head))]
    out = [" | ".join(str(c).rjust(w) for c, w in zip(line, widths)) for line in lines]
    out.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(out)


def targets(rows: list[dict]) -> list[str]:
    """Each SPEC section 9 target the rows can judge, met or not, with the figure."""
    summary = {r["n"]: r for r in rows if r["size"] == "summary"}
    out = []
    if 2000 in summary and summary[2000]["ratio"] is not None:
        ratio = summary[2000]["ratio"]
        out.append(f"{'met' if ratio <= RATIO_AT_2000 else 'NOT met'}: full build at 2,000 is {ratio:.2f} x bare (at most {RATIO_AT_2000})")
    if 2000 in summary and 5000 in summary:
        growth = summary[5000]["full_s"] / summary[2000]["full_s"]
        out.append(f"{'met' if growth <= GROWTH_2000_TO_5000 else 'NOT met'}: 5,000 take {growth:.2f} x 2,000 (at most {GROWTH_2000_TO_5000})")
    if 5000 in summary:
        row = summary[5000]
        mb = row["full_peak_mb"]
        pagefind = f", Pagefind's indexer {row['full_pagefind_mb']} MB of it" if row.get("full_pagefind_mb") else ""
        out.append(f"{'met' if mb < PEAK_MB_AT_5000 else 'NOT met'}: the full build at 5,000 peaks at {mb} MB{pagefind} "
                   f"(under {PEAK_MB_AT_5000} MB)")
    for r in rows:
        ok = r["largest_review_bytes"] < REVIEW_PAGE_LIMIT
        out.append(f"{'met' if ok else 'NOT met'}: largest review page at {r['size']} x {r['n']:,} is "
                   f"{r['largest_review_bytes'] / 1000:.1f} KB (under {REVIEW_PAGE_LIMIT // 1000} KB)")
    if 5000 in summary and summary[5000].get("list_page_gzip_bytes") is not None:
        b = summary[5000]["list_page_gzip_bytes"]
        out.append(f"{'met' if b <= LIST_PAGE_LIMIT_AT_5000 else 'NOT met'}: the first page of /reviews/ at 5,000 is "
                   f"{b / 1000:.1f} KB gzipped (at most {LIST_PAGE_LIMIT_AT_5000 // 1000} KB)")
    if 5000 in summary and summary[5000]["search_bytes"] is not None:
        # What the network carries from a host that compresses JavaScript, as GitHub Pages does
        # (Pagefind's own files are compressed already); uncompressed, pagefind.js adds ~32 KB.
        row = summary[5000]
        b = row["search_bytes_gzip"]
        worst = max(row.get("search") or [{}], key=lambda s: s.get("pagefind_bytes_gzip", 0)).get("query")
        out.append(f"{'met' if b <= SEARCH_LIMIT_AT_5000 else 'NOT met'}: one cold search at 5,000 transfers "
                   f"{b / 1000:.0f} KB{f' for {worst!r}' if worst else ''} ({row['search_bytes'] / 1000:.0f} KB "
                   f"uncompressed; at most {SEARCH_LIMIT_AT_5000 // 1000} KB)")
    return out


def _sizes(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip() and int(x) > 0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--summary", default="500,2000,5000", help="numbers of summary-length reviews (comma-separated)")
    parser.add_argument("--full", default="500", help="numbers of full-report-length reviews (comma-separated; 0 for none)")
    parser.add_argument("--rounds", type=int, default=1, help="full and bare builds per corpus, alternating (the median is reported)")
    parser.add_argument("--no-search", action="store_true", help="skip the cold-search measurement in Chromium")
    parser.add_argument("--no-bare", action="store_true",
                        help="skip the bare MkDocs + Material builds (no build ratios; for a quick look at search or page sizes)")
    parser.add_argument("--reload", default="500,2000",
                        help="numbers of reviews to time save-to-page under mkdocs serve for (comma-separated; 0 for none)")
    parser.add_argument("--saves", type=int, default=5, help="saves timed per served corpus (the median is reported)")
    parser.add_argument("--out", type=Path, default=Path("bench/results.json"), help="where to save the JSON")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (corpora and sites)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse on the real site")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page (the median is reported)")
    parser.add_argument("--import-pages", type=int, default=60, help="pages of the fictional report `casebook import` is timed on (0: skip)")
    parser.add_argument("--bare-plugins", choices=["default", "none"], default="default",
                        help="the bare build's plugins: MkDocs' default (Material's search) or none at all")
    args = parser.parse_args(argv)

    bare_config = builds.BARE_CONFIG if args.bare_plugins == "default" else builds.BARE_WITHOUT_PLUGINS
    work = Path(tempfile.mkdtemp(prefix="casebook-bench-"))
    log = lambda msg: print(msg, flush=True)  # noqa: E731
    log(f"Working in {work} (fictional corpora only; never docs/)")
    rows, reloads, imports = [], [], []
    scores = None  # Lighthouse's, when it ran
    try:
        plan = [("summary", n) for n in _sizes(args.summary)] + [("full", n) for n in _sizes(args.full)]
        for kind, n in plan:
            rows.append(run_corpus(work, n, kind, args.rounds, [] if args.no_search else QUERIES, log, bare_config,
                                   bare=not args.no_bare))
        for n in _sizes(args.reload):
            log(f"  preview loop x {n}: mkdocs serve, Casebook then bare")
            reloads.append(reload.compare(n, args.saves, log=log))
        if args.import_pages > 0:
            imports = import_speed.measure(work, args.import_pages, log=log)
        if not args.no_lighthouse:
            log("  Lighthouse (mobile) on the real site")
            scores = lighthouse.measure(lighthouse.build_real_site(work / "real"), args.lighthouse_runs, log)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print(table(rows))
    if reloads:
        print("\nPreview loop (mkdocs serve; seconds from a save until the open tab shows it, median):")
        print(reload.table(reloads))
    if imports:
        print()
        print(import_speed.table(imports))
    if scores:
        print()
        print(lighthouse.table(scores))
    print()
    judged = targets(rows) + reload.targets(reloads) + import_speed.targets(imports) + (lighthouse.targets(scores) if scores else [])
    for line in judged:
        print(line)
    result = {
        "generated": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"python": platform.python_version(), "cpus": __import__("os").cpu_count(), "platform": platform.platform()},
        "bare_config": bare_config,
        "rows": rows,
        "reload": reloads,
        "import": imports,
        "lighthouse": scores,
        "targets": judged,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nSaved {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
