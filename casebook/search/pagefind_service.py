"""A client of Pagefind's indexing service (`pagefind --service`) that streams pages as they are
written, so that the index is built on a second core while MkDocs goes on rendering.

Pagefind's own Python API (pagefind.index.PagefindIndex) speaks the same protocol, but its
reader sleeps 0.1 s before each response: measured here, 100 pages took 10.2 s, so 5,000 review
pages would take over eight minutes. This client writes requests without waiting and reads the
responses on a thread. The protocol (pinned with pagefind_bin==1.5.2): each message is the
base64 of a JSON object {"message_id", "payload"}, followed by a comma, in both directions.
"""

from __future__ import annotations

import base64
import json
import os
import queue
import subprocess
import threading
import time
from pathlib import Path

from casebook.search import pagefind_meta


# Pagefind's binary allocates with jemalloc (tikv-jemallocator, which reads _RJEM_MALLOC_CONF), whose
# default keeps freed memory for 10 s before returning it. Writing the index builds several copies
# of every page's words one after another, so at 5,000 reviews the indexer held 2.0 GB at its peak,
# much of it memory already freed; returned at once, the peak was 1.7 GB for the same index (the
# same files). A setting of the caller's own is kept.
ALLOCATOR_SETTING = ("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")


class PagefindError(Exception):
    """Pagefind could not start, refused a page or could not write the index."""


def executable() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError as exc:  # pragma: no cover - requirements.txt pins pagefind_bin
        raise PagefindError("install the search indexer: pip install -r requirements.txt (pagefind_bin)") from exc
    return get_executable()


def _wait_until_written(bundle: Path, since: float, timeout: float = 300) -> None:
    """Wait for the entry file of this write, which Pagefind writes last.

    Pagefind can answer WriteFiles before its files are all on disk: seen at 5,000 pages on a busy
    machine, the entry file came 20 s after the answer, and the page list, rewritten in between,
    was left as Pagefind wrote it (a cold search then loaded 30 to 60 % more)."""
    entry = bundle / "pagefind-entry.json"
    deadline = time.monotonic() + timeout
    while True:
        try:
            if entry.stat().st_mtime >= since - 1:
                json.loads(entry.read_text(encoding="utf-8"))
                return
        except (OSError, ValueError):
            pass  # not there yet, or being written
        if time.monotonic() > deadline:
            raise PagefindError(f"the search index was not on disk within {timeout:.0f} s of being written: {entry}")
        time.sleep(0.05)


class PagefindIndexer:
    """One in-memory Pagefind index fed page by page; `write()` puts the search bundle on disk."""

    def __init__(self, config: dict | None = None):
        self._process = subprocess.Popen(
            [str(executable()), "--service"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env={ALLOCATOR_SETTING[0]: ALLOCATOR_SETTING[1], **os.environ},
        )
        self._next_id = 0
        self._waiting: dict[int, tuple[threading.Event, list]] = {}
        self._sent_pages: dict[int, str] = {}  # message id -> page URL, until Pagefind answers
        self._errors: list[str] = []
        self.pages = 0
        self._lock = threading.Lock()
        self._all_answered = threading.Condition(self._lock)
        # Writing happens on a thread so that a slow moment of the indexer never holds up the
        # page MkDocs is rendering; the bound keeps memory flat if the indexer falls behind.
        self._outbox: queue.Queue[bytes | None] = queue.Queue(maxsize=64)
        self._stderr: list[bytes] = []
        self._ended = False  # the indexer process has closed its output: no answer will come
        self._threads = [
            threading.Thread(target=self._write_loop, name="pagefind-writer", daemon=True),
            threading.Thread(target=self._read_loop, name="pagefind-reader", daemon=True),
            threading.Thread(target=lambda: self._stderr.extend(self._process.stderr), name="pagefind-stderr", daemon=True),
        ]
        for thread in self._threads:
            thread.start()
        self._index_id = self._request({"type": "NewIndex", "config": config or {}})["index_id"]

    # -- sending --------------------------------------------------------------------------------

    def _send(self, payload: dict) -> tuple[int, bytes]:
        with self._lock:
            self._next_id += 1
            message_id = self._next_id
        message = base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode())
        return message_id, message + b","

    def _write_loop(self) -> None:
        stdin = self._process.stdin
        try:
            while (message := self._outbox.get()) is not None:
                stdin.write(message)
                stdin.flush()
        except (BrokenPipeError, OSError):
            pass  # the reader reports what went wrong

    def _request(self, payload: dict, timeout: float = 600) -> dict:
        """Send one message and wait for its answer."""
        message_id, message = self._send(payload)
        done, answer = threading.Event(), []
        with self._lock:
            if self._ended:
                raise PagefindError(f"the search indexer has stopped: {self._stderr_text()}")
            self._waiting[message_id] = (done, answer)
        self._outbox.put(message)
        if not done.wait(timeout) or not answer:
            raise PagefindError(f"the search indexer did not answer: {self._stderr_text()}")
        if answer[0].get("type") == "Error":
            raise PagefindError(f"the search indexer refused the request: {answer[0].get('message')}")
        return answer[0]

    def add_page(self, url: str, html: str) -> None:
        """Queue a written page for indexing; its answer is checked in `write()`."""
        message_id, message = self._send(
            {"type": "AddFile", "index_id": self._index_id, "url": url, "file_path": None, "file_contents": html}
        )
        with self._lock:
            self._sent_pages[message_id] = url
            self.pages += 1
        self._outbox.put(message)

    # -- receiving ------------------------------------------------------------------------------

    def _read_loop(self) -> None:
        buffer = b""
        stdout = self._process.stdout
        while chunk := stdout.read1(1 << 16):
            buffer += chunk
            *messages, buffer = buffer.split(b",")
            for raw in messages:
                if raw.strip():
                    self._receive(json.loads(base64.b64decode(raw)))
        with self._lock:  # the process has ended: wake anyone still waiting
            self._ended = True
            for done, _ in self._waiting.values():
                done.set()
            self._sent_pages.clear()
            self._all_answered.notify_all()

    def _receive(self, response: dict) -> None:
        message_id, payload = response.get("message_id"), response.get("payload") or {}
        if message_id is None and payload.get("original_message"):
            message_id = json.loads(payload["original_message"]).get("message_id")
        with self._lock:
            if message_id in self._waiting:
                done, answer = self._waiting.pop(message_id)
                answer.append(payload)
                done.set()
            elif message_id in self._sent_pages:
                url = self._sent_pages.pop(message_id)
                if payload.get("type") == "Error":
                    self._errors.append(f"{url}: {payload.get('message')}")
                if not self._sent_pages:
                    self._all_answered.notify_all()

    def _stderr_text(self) -> str:
        return b"".join(self._stderr).decode(errors="replace").strip() or "no message"

    # -- finishing ------------------------------------------------------------------------------

    def write(self, output_path: Path) -> int:
        """Wait until every page is indexed, write the bundle, and return the number of pages."""
        with self._lock:
            finished = self._all_answered.wait_for(lambda: not self._sent_pages, timeout=600)
        if not finished:
            raise PagefindError("the search indexer did not finish indexing the pages within ten minutes")
        if self._ended and not self._errors:
            raise PagefindError(f"the search indexer stopped before the index was written: {self._stderr_text()}")
        if self._errors:
            raise PagefindError("the search indexer refused pages:\n" + "\n".join(self._errors))
        asked = time.time()
        self._request({"type": "WriteFiles", "index_id": self._index_id, "output_path": str(output_path)})
        _wait_until_written(Path(output_path), asked)
        # A search then loads only the index chunks that can hold its words (pagefind_meta.py).
        pagefind_meta.close_chunk_gaps(Path(output_path))
        return self.pages

    def cpu_seconds(self) -> float | None:
        """The processor time the indexer has used so far (Linux only; None elsewhere)."""
        try:
            with open(f"/proc/{self._process.pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            return None

    def close(self) -> None:
        """Stop the indexer and the threads that talk to it (the build forks after this: no thread may be left)."""
        self._outbox.put(None)
        if self._process.poll() is None:
            self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            self._process.kill()
        for thread in self._threads:
            thread.join(10)
