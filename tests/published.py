"""Everything a built site publishes as text, the search index included: where tests look for a
review's withheld body (retention, rights)."""

from __future__ import annotations

import gzip
from pathlib import Path

# The files a reader or a program can fetch and read as text.
TEXT_SUFFIXES = (".html", ".json", ".csv", ".xml", ".txt", ".js")


def published_texts(site: Path) -> dict[str, str]:
    """Each text file of the site by its path under the site folder, and each search result
    fragment (Pagefind's gzip files, which hold the indexed text) decoded."""
    texts = {str(p.relative_to(site)): p.read_text(encoding="utf-8", errors="replace")
             for p in sorted(site.rglob("*")) if p.is_file() and p.suffix in TEXT_SUFFIXES}
    fragments = sorted((site / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert fragments, "the site has no search index to look in"
    texts.update({str(f.relative_to(site)): gzip.decompress(f.read_bytes()).decode("utf-8", errors="replace")
                  for f in fragments})
    return texts


def where(texts: dict[str, str], *phrases: str) -> list[str]:
    """The published files that contain any of the phrases."""
    return [path for path, text in texts.items() if any(phrase in text for phrase in phrases)]
