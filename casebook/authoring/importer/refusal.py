"""What `casebook import` refuses to read, each said in one line with what to do instead (exit 2)."""

from __future__ import annotations

import zipfile
from pathlib import Path

MAX_BYTES = 50 * 1024 * 1024

PDF = "PDF"
WORD = "Word"


class ReportRefused(Exception):
    """The report cannot be imported; the message says why and what to do, in one line."""


def report_kind(path: Path) -> str:
    """PDF or Word, judged by the file's first bytes (a name can lie); refuses everything else."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ReportRefused("no such file; check the path and the file name") from None
    except OSError as exc:
        raise ReportRefused(f"cannot read the file ({exc.strerror}); check it exists and is readable") from None
    if path.is_dir():
        raise ReportRefused("this is a folder; give the report's PDF or .docx file")
    if size == 0:
        raise ReportRefused("the file is empty (0 bytes); download the report again and import the new copy")
    if size > MAX_BYTES:
        raise ReportRefused(f"the file is {size / 1024 / 1024:.0f} MB, over the 50 MB limit; import a copy without "
                            "images (e.g. printed to PDF as text), or write the review by hand with casebook new")
    try:
        with path.open("rb") as f:
            head = f.read(2048)
    except OSError as exc:
        raise ReportRefused(f"cannot read the file ({exc.strerror}); check it exists and is readable") from None
    if b"%PDF-" in head[:1024]:
        return PDF
    if head.startswith(b"PK\x03\x04"):
        if _is_word(path):
            return WORD
        raise ReportRefused("this is a zip file but not a Word document (.docx); export the report as PDF or .docx and import that")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        # An OLE file: an old .doc, or a password-protected .docx (Word wraps those in OLE).
        if "EncryptedPackage".encode("utf-16-le") in _read_start(path):
            raise ReportRefused("this Word document is password-protected; open it, remove the password "
                                "(File, Info, Protect Document), save it and import that copy")
        raise ReportRefused("this is an old Word .doc file; open it and save it as .docx (Word Document), then import that")
    raise ReportRefused("this is not a PDF or a Word (.docx) file; import the report as published, in PDF or .docx")


def _read_start(path: Path, limit: int = 1024 * 1024) -> bytes:
    with path.open("rb") as f:
        return f.read(limit)


def _is_word(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError):
        # A damaged zip that starts like a .docx: let the Word reader say it is damaged.
        return path.suffix.lower() == ".docx"
