"""Rules about the files themselves: their names, their characters, and what sits in the reviews folder.

Everything in docs/reviews/ is published as it is, on the site's own address. So beside the review
files (.md) the folder may hold only raster images (PNG, JPEG, WebP, GIF): an SVG's onload, an
HTML page or a script would run with the site's origin, a stylesheet restyles it, XML can carry
script; and a symbolic link is never followed (it can point outside the repository, or at a device
that never ends). docs/reviews/index.md would stand in for the generated list of every review.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Callable

from casebook.checks.characters import RULE_OF as CHARACTER_RULES
from casebook.checks.echo import shown
from casebook.checks.problems import ERROR, Problem
from casebook.checks.registry import FILE_NAME, FOLDER, READING, Rule
from casebook.reading.frontmatter import MAX_BYTES, parse_source, read_source

# \Z, not $: '$' also matches before a final newline, and a newline in a file name breaks the build.
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")


def _suggested(stem: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "review"


def slug_problem(path: Path, display: str) -> Problem | None:
    if not SLUG.match(path.stem):
        return Problem(display, 1, "file name", f"rename the file to '{_suggested(path.stem)}{path.suffix.lower() or '.md'}': "
                       "a slug is lowercase letters, digits and hyphens", rule="file-name-slug")
    return None


# -- files in docs/reviews/ that are not reviews ---------------------------------------------------

# Saved with the wrong extension (Windows Notepad adds .txt): never published as a review page.
_TEXT_SUFFIXES = {".txt", ".markdown", ".mdown", ".mkd", ".mkdn", ".text"}
# A report itself: Casebook links to the publisher's copy, it does not re-host it.
_DOCUMENT_SUFFIXES = {".pdf", ".doc", ".docx", ".odt", ".rtf", ".pages"}
# Raster images, each with the bytes it starts with: a file that says it is an image is one.
_IMAGES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
}
# Files a browser runs or renders as part of the site, and why each is refused.
_LIVE = {
    ".svg": "an SVG image can carry script that runs on the site's own address; save the image as PNG",
    ".svgz": "an SVG image can carry script that runs on the site's own address; save the image as PNG",
    ".html": "an HTML page is published as it is, scripts and all; put the text in the review's .md file",
    ".htm": "an HTML page is published as it is, scripts and all; put the text in the review's .md file",
    ".xhtml": "an HTML page is published as it is, scripts and all; put the text in the review's .md file",
    ".js": "a script would run on the site's own address",
    ".mjs": "a script would run on the site's own address",
    ".css": "a stylesheet would restyle the site's pages; the site's own stylesheet styles every review",
    ".xml": "an XML file can carry script (and styles) that a browser runs",
    ".xsl": "an XML stylesheet can carry script that a browser runs",
    ".xslt": "an XML stylesheet can carry script that a browser runs",
}


def _walk(folder: Path):
    """Every entry under `folder`, depth first, never following a symbolic link."""
    stack = [folder]
    while stack:
        here = stack.pop()
        try:
            entries = sorted(os.scandir(here), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue  # MkDocs publishes no hidden file
            yield entry
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))


def _starts_like(path: Path, signatures: tuple[bytes, ...]) -> bool:
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError:
        return False
    if signatures == _IMAGES[".webp"]:
        return head.startswith(b"RIFF") and head[8:12] == b"WEBP"
    return any(head.startswith(s) for s in signatures)


def review_paths(folder: Path) -> list[Path]:
    """The review files in a folder, in order: its .md files and those of its subfolders (reported
    as misplaced, but still checked), never through a symbolic link, never the generated index."""
    return sorted(Path(e.path) for e in _walk(folder)
                  if e.name.endswith(".md") and not e.is_symlink()
                  and not (e.name == "index.md" and Path(e.path).parent == folder))


def stray_files(folder: Path, display: Callable[[Path], str]) -> list[Problem]:
    """Files in the reviews folder that would be published as they are, or silently not at all."""
    problems = []

    def refuse(path: Path, field: str, message: str, rule: str) -> None:
        problems.append(Problem(display(path), 1, field, message, rule=rule))

    for entry in _walk(folder):
        path = Path(entry.path)
        if entry.is_symlink():
            refuse(path, "file", "replace the link with the file itself: a symbolic link can point anywhere (outside the "
                   "repository, at a device), so Casebook never follows one", "file-symlink")
            continue
        if entry.is_dir(follow_symlinks=False):
            continue
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError:
            continue
        if not stat.S_ISREG(mode):
            refuse(path, "file", "remove it: only files are published, and this is a device, a pipe or a socket", "file-not-allowed")
            continue
        suffix = path.suffix.lower()
        if path.suffix == ".md":
            if path.parent != folder:
                refuse(path, "file name", f"move the file into {display(folder)}/ itself: a review's address is "
                       "/reviews/<slug>/, so it cannot sit in a subfolder", "file-in-subfolder")
            elif path.name == "index.md":
                refuse(path, "file", "remove the file: /reviews/ is the list of every review, which Casebook makes itself; "
                       "write what it says into a review, or into docs/index.md", "file-generated-page")
        elif suffix in _TEXT_SUFFIXES or suffix == ".md":
            stem = path.stem if path.stem.endswith(".md") else path.stem + ".md"
            refuse(path, "file name", f"rename the file to '{shown(stem, limit=40)}': only .md files are reviews, so this one "
                   "would not be published", "file-not-markdown")
        elif suffix in _DOCUMENT_SUFFIXES:
            refuse(path, "file", "remove the file: link to the publisher's own copy of the report with 'source' "
                   "(Casebook does not re-host reports), and paste the review's text into a .md file", "file-not-allowed")
        elif suffix in _LIVE:
            refuse(path, "file", f"remove the file: {_LIVE[suffix]}", "file-live-content")
        elif suffix in _IMAGES:
            if not _starts_like(path, _IMAGES[suffix]):
                refuse(path, "file", f"save the image again as a real {suffix[1:].upper()} file: this one does not start "
                       "like one, and a browser may read it as something that runs", "file-live-content")
            elif not SLUG.match(path.stem):
                refuse(path, "file name", f"rename the file to '{_suggested(path.stem)}{suffix}': an image's name is lowercase "
                       "letters, digits and hyphens, like a review's", "file-name-slug")
        else:
            refuse(path, "file", "remove the file: beside the reviews only .md files and PNG, JPEG, WebP or GIF images are "
                   "published", "file-not-allowed")
    return problems


def _rule(rule_id: str, asks: str, check, stage: str) -> Rule:
    return Rule(rule_id, ERROR, asks, "files", check, stage)


RULES = [
    _rule("file-unreadable", "the file can be read", read_source, READING),
    _rule("file-too-large", f"a review file is under {MAX_BYTES // 1024 // 1024} MB: link to the report instead of pasting it", read_source, READING),
    _rule("file-symlink", "nothing in docs/reviews/ is a symbolic link", stray_files, FOLDER),
    _rule("file-binary", "a review file is text", parse_source, READING),
    _rule("file-not-utf8", "a review file is saved as UTF-8", parse_source, READING),
    _rule("file-empty", "a review file is not empty", parse_source, READING),
    _rule(CHARACTER_RULES["control"], "no control character (pasted from another program) anywhere in the file", parse_source, READING),
    _rule(CHARACTER_RULES["line separator"], "no U+2028, U+2029 or U+0085: a line ends with an ordinary line break", parse_source, READING),
    _rule(CHARACTER_RULES["invisible"], "no invisible character (zero-width space, soft hyphen, a byte order mark past the start)",
          parse_source, READING),
    _rule("file-name-slug", "a review's file name is its slug (lowercase letters, digits and hyphens) and .md", slug_problem, FILE_NAME),
    _rule("file-not-markdown", "a review file ends in .md (not .txt or .markdown), or it is not published", stray_files, FOLDER),
    _rule("file-in-subfolder", "a review file sits in docs/reviews/ itself, not in a folder inside it", stray_files, FOLDER),
    _rule("file-generated-page", "there is no docs/reviews/index.md: the list of reviews is generated", stray_files, FOLDER),
    _rule("file-live-content", "no SVG, HTML, JavaScript, CSS or XML beside the reviews, and every image is a real raster image",
          stray_files, FOLDER),
    _rule("file-not-allowed", "beside the reviews only .md files and PNG, JPEG, WebP or GIF images (no report: 'source' links to it)",
          stray_files, FOLDER),
]
