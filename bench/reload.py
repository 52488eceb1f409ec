"""`python -m bench.reload`: with `mkdocs serve` on N fictional reviews, how long saving one review
takes to show in the browser (the rebuild and the live reload together), for Casebook and for a
bare MkDocs + Material serve of the same Markdown, measured in the same run.

It serves each project, opens one review in Chromium, appends a sentence to that review's file,
and times from the save until the sentence is in the open tab (which happens only once MkDocs has
rebuilt the site and live reload has refreshed it); the median of several saves. For Casebook it
also saves a change to a review's themes and times until the new theme's page lists the review.
Peak memory is the serving process tree's, sampled throughout.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from . import builds, corpus
from .search_cost import CHROMIUM, CHROMIUM_ARGS

# SPEC section 9 (issue 16): save-to-page medians.
AT_500_S, AT_500_OF_BARE, AT_2000_S = 1.0, 0.5, 1.5


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read() if response.status == 200 else None
    except OSError:
        return None


def _wait_for(url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _fetch(url) is not None:
            return
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


def _until_served(url: str, marker: str, since: float, timeout: float = 600) -> float:
    """Seconds from `since` until the served page contains `marker` (MkDocs has rebuilt it)."""
    while time.perf_counter() - since < timeout:
        body = _fetch(url)
        if body is not None and marker.encode() in body:
            return time.perf_counter() - since
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show the change within {timeout:.0f} s")


class _PeakMemory:
    """The serving process tree's memory (PSS summed, as bench.builds measures a build), sampled every 100 ms until stopped."""

    def __init__(self, pid: int):
        self.pid, self.peak_kb, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, builds.tree_memory(self.pid).pss_kb)
            self._stop.wait(0.1)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join(5)
        return self.peak_kb / 1024


def _theme_save(review: Path, page_url: str, theme_url) -> tuple[str, str]:
    """A change to the review's themes (a theme added to its list) and the theme it adds."""
    text = review.read_text(encoding="utf-8")
    listed = re.search(r"^themes:\n((?:- .*\n)+)", text, re.M)
    for theme in corpus_themes():
        if f"- {theme}\n" in listed.group(1):
            continue
        page = _fetch(theme_url(theme)) or b""
        if review.stem.encode() not in page:
            return text[:listed.end()] + f"- {theme}\n" + text[listed.end():], theme
    raise RuntimeError(f"{review.name}: every theme lists it already")


def corpus_themes() -> list[str]:
    from casebook.model.vocabulary import load_vocabulary

    return list(load_vocabulary(builds.ROOT / "vocabulary").themes)


def measure(n: int = 500, saves: int = 5, which: str = "full", work: Path | None = None, keep: bool = False,
            log=print) -> dict:
    """Serve N reviews (`full`: Casebook; `bare`: MkDocs + Material alone) and time `saves` saves."""
    own = work is None
    work = Path(tempfile.mkdtemp(prefix="casebook-reload-")) if own else work
    port = _free_port()
    server = memory = None
    try:
        if not (work / "reviews").is_dir():
            corpus.write_corpus(work / "reviews", n)
        shutil.rmtree(work / which, ignore_errors=True)
        project = (builds.full_project if which == "full" else builds.bare_project)(work, work / "reviews")
        review = sorted((project / "docs" / "reviews").glob("*.md"))[0]
        started = time.perf_counter()
        server_log = (work / f"{which}-serve.log").open("wb")
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=server_log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        memory = _PeakMemory(server.pid)
        base = f"http://127.0.0.1:{port}/"
        url = f"{base}reviews/{review.stem}/"
        _wait_for(url, timeout=1800)
        first = time.perf_counter() - started
        log(f"  {which} x {n}: first build and serve {first:.1f} s")
        from playwright.sync_api import sync_playwright

        rebuilt, reloaded, theme_s = [], [], None
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            # CSP bypassed: under serve Casebook's pages carry no policy, and the bare site none at all.
            tab = browser.new_context(bypass_csp=True).new_page()
            tab.goto(url)
            for i in range(saves):
                time.sleep(2)  # let the last rebuild's background work (search index) settle, as between saves
                marker = f"Reload marker {i} {time.time_ns()}"
                text = review.read_text(encoding="utf-8")
                saved = time.perf_counter()
                review.write_text(text.rstrip("\n") + f"\n\n{marker}.\n", encoding="utf-8")
                try:
                    tab.get_by_text(marker).wait_for(timeout=600_000)
                    reloaded.append(time.perf_counter() - saved)
                except Exception:  # noqa: BLE001 - a reload that never comes is a finding, not a crash
                    reloaded.append(None)
                rebuilt.append(_until_served(url, marker, saved))
                log(f"  {which} x {n}: save {i + 1}: in the tab after "
                    f"{'never' if reloaded[-1] is None else f'{reloaded[-1]:.2f} s'} (served after {rebuilt[-1]:.2f} s)")
            if which == "full":
                time.sleep(2)
                changed, theme = _theme_save(review, url, lambda t: f"{base}themes/{t}/")
                saved = time.perf_counter()
                review.write_text(changed, encoding="utf-8")
                theme_s = _until_served(f"{base}themes/{theme}/", review.stem, saved)
                log(f"  {which} x {n}: a save adding theme {theme}: its page lists the review after {theme_s:.2f} s")
            browser.close()
        done = [t for t in reloaded if t is not None]
        said = (work / f"{which}-serve.log").read_text(encoding="utf-8", errors="replace")
        builds_s = server_times(said)
        for line in re.findall(r"casebook: .*", said)[1:3]:
            log(f"  {which} x {n}: the server said: {line}")
        return {"server_build_s": builds_s,
                "median_server_build_s": round(statistics.median(builds_s), 2) if builds_s else None,"n": n, "which": which, "first_serve_s": round(first, 1),
                "reloaded_s": [None if t is None else round(t, 2) for t in reloaded],
                "median_reloaded_s": round(statistics.median(done), 2) if done else None,
                "rebuilt_s": [round(t, 2) for t in rebuilt], "median_rebuilt_s": round(statistics.median(rebuilt), 2),
                "theme_save_s": None if theme_s is None else round(theme_s, 2),
                "peak_mb": round(memory.stop())}
    finally:
        if memory is not None:
            memory.stop()
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(30)
            server_log.close()
        if own and not keep:
            shutil.rmtree(work, ignore_errors=True)


def server_times(said: str) -> list[float]:
    """What a serve log says each save took: MkDocs' build line (the first build's left out), or,
    for a save Casebook's preview handles without a build, its update line ("...; 0.21 s")."""
    updates = re.findall(r"casebook: updated after a save .*?; ([\d.]+) s", said)
    built = re.findall(r"Documentation built in ([\d.]+) seconds", said)[1:]
    return [float(x) for x in updates + built]


def compare(n: int, saves: int = 5, log=print) -> dict:
    """Casebook and bare MkDocs + Material, served one after the other on the same corpus."""
    work = Path(tempfile.mkdtemp(prefix="casebook-reload-"))
    try:
        full = measure(n, saves, "full", work, log=log)
        bare = measure(n, saves, "bare", work, log=log)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"n": n, "saves": saves, "full": full, "bare": bare}


def table(rows: list[dict]) -> str:
    head = ["N", "save-to-page s", "bare s", "of bare", "theme save s", "server build s", "bare build s",
            "first serve s", "peak MB", "bare peak MB"]
    lines = [head]
    for r in rows:
        full, bare = r["full"], r["bare"]
        share = (f"{full['median_reloaded_s'] / bare['median_reloaded_s']:.2f}"
                 if full["median_reloaded_s"] and bare["median_reloaded_s"] else "-")
        lines.append([f"{r['n']:,}", _s(full["median_reloaded_s"]), _s(bare["median_reloaded_s"]), share,
                      _s(full["theme_save_s"]), _s(full.get("median_server_build_s")),
                      _s(bare.get("median_server_build_s")), f"{full['first_serve_s']:.0f}",
                      str(full["peak_mb"]), str(bare["peak_mb"])])
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(head))]
    out = [" | ".join(str(c).rjust(w) for c, w in zip(line, widths)) for line in lines]
    out.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(out)


def _s(value: float | None) -> str:
    return "never" if value is None else f"{value:.2f}"


def targets(rows: list[dict]) -> list[str]:
    out = []
    for r in rows:
        full, bare = r["full"]["median_reloaded_s"], r["bare"]["median_reloaded_s"]
        theme = r["full"]["theme_save_s"]
        if r["n"] == 500 and full is not None:
            out.append(f"{'met' if full <= AT_500_S else 'NOT met'}: save-to-page at 500 is {full:.2f} s (at most {AT_500_S} s)")
            if bare:
                out.append(f"{'met' if full <= AT_500_OF_BARE * bare else 'NOT met'}: save-to-page at 500 is "
                           f"{full / bare:.2f} x bare ({bare:.2f} s; at most {AT_500_OF_BARE})")
        if r["n"] == 2000 and full is not None:
            out.append(f"{'met' if full <= AT_2000_S else 'NOT met'}: save-to-page at 2,000 is {full:.2f} s (at most {AT_2000_S} s)")
        budget = AT_500_S if r["n"] == 500 else AT_2000_S if r["n"] == 2000 else None
        if budget is not None and theme is not None:
            out.append(f"{'met' if theme <= budget else 'NOT met'}: a save changing themes shows on the theme page at "
                       f"{r['n']:,} after {theme:.2f} s (at most {budget} s)")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reload", description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", default="500", help="numbers of fictional reviews, comma-separated (default 500)")
    parser.add_argument("--saves", type=int, default=5, help="how many saves to time (the median is reported)")
    args = parser.parse_args(argv)
    rows = [compare(int(n), args.saves) for n in args.n.split(",") if n.strip()]
    print()
    print(table(rows))
    for line in targets(rows):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
