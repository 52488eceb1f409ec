"""Lighthouse on the real site, as a phone sees it: the home page, a review, a theme, the list of
reviews and the search page, each scored for performance, accessibility and best practices
against SPEC section 9 (at least 95, 100 and 95).

Lighthouse comes from npm, pinned (LIGHTHOUSE_VERSION; 13 wants Node 22), installed the first
time into a folder outside the repository (~/.cache/casebook/, or CASEBOOK_LIGHTHOUSE_DIR), and
drives Debian's Chromium. Without npm or Chromium it says so and is skipped. The site is built
strictly from the repository and served on loopback compressing text as GitHub Pages does; the
scores are Lighthouse's mobile defaults (a mid-range phone on a slow 4G connection, simulated).

    python -m bench.lighthouse            # the median of three runs of each of the five pages
    python -m bench.lighthouse --runs 1   # one run each (a busy machine lowers performance)
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE_VERSION = "12.2.3"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu"
PAGES = {
    "home": "",
    "review": "reviews/family-b/",
    "theme": "themes/information-sharing/",
    "review list": "reviews/",
    "search": "search/",
}
# SPEC section 9: each category's lowest acceptable score.
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95}
_COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".txt"}


def install_dir() -> Path:
    if os.environ.get("CASEBOOK_LIGHTHOUSE_DIR"):
        return Path(os.environ["CASEBOOK_LIGHTHOUSE_DIR"])
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "casebook" / f"lighthouse-{LIGHTHOUSE_VERSION}"


def lighthouse_command(log=print) -> list[str] | None:
    """The pinned Lighthouse, installed if need be; None (with a message) when it cannot run here."""
    if not Path(CHROMIUM).exists():
        log(f"Lighthouse skipped: {CHROMIUM} is missing (apt-get install -y chromium)")
        return None
    folder = install_dir()
    script = folder / "node_modules" / "lighthouse" / "cli" / "index.js"
    node = shutil.which("node")
    if not script.is_file():
        npm = shutil.which("npm")
        if npm is None or node is None:
            log("Lighthouse skipped: npm is not installed (apt-get install -y npm)")
            return None
        log(f"Installing lighthouse@{LIGHTHOUSE_VERSION} into {folder} (outside the repository)")
        folder.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([npm, "install", "--prefix", str(folder), "--no-audit", "--no-fund", "--loglevel=error",
                               f"lighthouse@{LIGHTHOUSE_VERSION}"], capture_output=True, text=True)
        if done.returncode != 0 or not script.is_file():
            log(f"Lighthouse skipped: npm could not install lighthouse@{LIGHTHOUSE_VERSION}: {done.stderr.strip()[-500:]}")
            return None
    return [node, str(script)]


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files as GitHub Pages serves them: text gzipped for a browser that accepts it."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json"}

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        if not (path.is_file() and path.suffix in _COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


def serve(site: Path):
    handler = functools.partial(_Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def build_real_site(folder: Path) -> Path:
    """The repository's own site, built strictly into `folder`."""
    site = folder / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the site did not build:\n{done.stderr[-3000:]}")
    return site


def audit_page(command: list[str], url: str) -> dict:
    """One Lighthouse run (mobile): each category's score out of 100, and what cost points."""
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    done = subprocess.run(
        [*command, url, "--quiet", "--output=json", "--output-path=stdout",
         "--only-categories=" + ",".join(TARGETS), f"--chrome-flags={CHROME_FLAGS}"],
        env=env, capture_output=True, text=True, timeout=300,
    )
    if done.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}: {done.stderr.strip()[-1000:]}")
    report = json.loads(done.stdout)
    scores = {key: round(100 * (report["categories"][key]["score"] or 0)) for key in TARGETS}
    lost = []
    for key in TARGETS:
        for ref in report["categories"][key]["auditRefs"]:
            audit = report["audits"].get(ref["id"], {})
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                lost.append(f"{key}: {ref['id']} ({audit.get('displayValue') or audit['score']})")
    metrics = {m: report["audits"][m].get("displayValue") for m in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")
               if m in report["audits"]}
    return {"scores": scores, "lost": lost, "metrics": metrics}


def measure(site: Path, runs: int = 1, log=print) -> list[dict] | None:
    """Each page's median scores over `runs` runs; None when Lighthouse cannot run here."""
    command = lighthouse_command(log)
    if command is None:
        return None
    base, server = serve(site)
    rows = []
    try:
        for kind, path in PAGES.items():
            results = [audit_page(command, base + path) for _ in range(runs)]
            scores = {key: statistics.median(r["scores"][key] for r in results) for key in TARGETS}
            rows.append({"page": kind, "url": "/" + path, "scores": scores, "runs": [r["scores"] for r in results],
                         "lost": sorted({line for r in results for line in r["lost"]}),
                         "metrics": results[-1]["metrics"]})
            log(f"  lighthouse {kind}: " + ", ".join(f"{k} {v:g}" for k, v in scores.items()))
    finally:
        server.shutdown()
    return rows


def table(rows: list[dict]) -> str:
    head = ["page", "URL", *TARGETS]
    lines = [head] + [[r["page"], r["url"], *(f"{r['scores'][k]:g}" for k in TARGETS)] for r in rows]
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(head))]
    out = [" | ".join(str(c).ljust(w) if i < 2 else str(c).rjust(w) for i, (c, w) in enumerate(zip(line, widths)))
           for line in lines]
    out.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(out)


def targets(rows: list[dict]) -> list[str]:
    out = []
    for r in rows:
        for key, least in TARGETS.items():
            score = r["scores"][key]
            line = f"{'met' if score >= least else 'NOT met'}: Lighthouse {key} on {r['page']} ({r['url']}) is {score:g} (at least {least})"
            if score < least:
                line += ": " + "; ".join(x for x in r["lost"] if x.startswith(key + ":"))
            out.append(line)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.lighthouse", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page (the median is reported)")
    parser.add_argument("--out", type=Path, default=None, help="also save the rows as JSON here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="casebook-lighthouse-") as work:
        rows = measure(build_real_site(Path(work)), args.runs)
    if rows is None:
        return 0
    print()
    print(table(rows))
    print()
    for line in targets(rows):
        print(line)
    if args.out:
        args.out.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
