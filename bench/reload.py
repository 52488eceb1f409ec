"""`python -m bench.reload`: with `mkdocs serve` on N fictional reviews, how long saving one review
takes to show in the browser (the rebuild and the live reload together).

It serves a full Casebook project of N generated reviews, opens one review in Chromium, appends
a sentence to that review's file, and times from the save until the sentence is on the page,
which happens only once MkDocs has rebuilt the site and live reload has refreshed the tab.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from . import builds, corpus
from .search_cost import CHROMIUM, CHROMIUM_ARGS


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


def _until_served(url: str, marker: str, since: float, timeout: float = 600) -> float:
    """Seconds from `since` until the served page contains `marker` (MkDocs has rebuilt it)."""
    while time.perf_counter() - since < timeout:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if marker.encode() in response.read():
                    return time.perf_counter() - since
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not show the change within {timeout:.0f} s")


def measure(n: int = 500, saves: int = 3, keep: bool = False, log=print) -> dict:
    work = Path(tempfile.mkdtemp(prefix="casebook-reload-"))
    port = _free_port()
    server = None
    try:
        corpus.write_corpus(work / "reviews", n)
        project = builds.full_project(work, work / "reviews")
        review = sorted((project / "docs" / "reviews").glob("*.md"))[0]
        started = time.perf_counter()
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}/reviews/{review.stem}/"
        _wait_for(url, timeout=900)
        first = time.perf_counter() - started
        log(f"  first build and serve: {first:.1f} s")
        from playwright.sync_api import sync_playwright

        rebuilt, reloaded, csp_reloads, blocked = [], [], [], []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            # MkDocs injects its live-reload script inline when it serves a page; the page's own
            # Content-Security-Policy decides whether it may run. One tab as a reader's browser
            # has it, one with CSP bypassed to time the reload itself.
            strict = browser.new_page()
            strict.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
            strict.goto(url)
            relaxed = browser.new_context(bypass_csp=True).new_page()
            relaxed.goto(url)
            for i in range(saves):
                marker = f"Reload marker {i} {time.time_ns()}"
                text = review.read_text(encoding="utf-8")
                saved = time.perf_counter()
                review.write_text(text.rstrip("\n") + f"\n\n{marker}.\n", encoding="utf-8")
                rebuilt.append(_until_served(url, marker, saved))
                try:
                    relaxed.get_by_text(marker).wait_for(timeout=120_000)
                    reloaded.append(time.perf_counter() - saved)
                except Exception:  # noqa: BLE001 - a reload that never comes is a finding, not a crash
                    reloaded.append(None)
                time.sleep(3)
                csp_reloads.append(strict.get_by_text(marker).count() > 0)
                log(f"  save {i + 1}: rebuilt and served after {rebuilt[-1]:.1f} s; the tab reloaded after "
                    f"{reloaded[-1] if reloaded[-1] is None else round(reloaded[-1], 1)} s"
                    f"{'' if csp_reloads[-1] else ' (only with CSP bypassed: the page CSP blocks the live-reload script)'}")
            browser.close()
        done = [t for t in reloaded if t is not None]
        return {"n": n, "first_serve_s": round(first, 1),
                "rebuilt_s": [round(t, 1) for t in rebuilt], "median_rebuilt_s": round(statistics.median(rebuilt), 1),
                "reloaded_s": [None if t is None else round(t, 1) for t in reloaded],
                "median_reloaded_s": round(statistics.median(done), 1) if done else None,
                "reloads_under_the_page_csp": all(csp_reloads), "csp_messages": sorted(set(blocked))[:2]}
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(30)
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reload", description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=500, help="number of fictional reviews (default 500)")
    parser.add_argument("--saves", type=int, default=3, help="how many saves to time")
    args = parser.parse_args(argv)
    result = measure(args.n, args.saves)
    print(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
