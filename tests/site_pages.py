"""One page of every kind the built site has: what the privacy, CSP and accessibility audits visit.

A kind is listed only if the build produced it, so the audits grow as pages land (search,
briefings, data, contributing) without failing before they exist. Once a kind exists, leaving it
out of the site is caught by that kind's own tests, not here.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

# Pages that other work adds; audited as soon as they are built.
OPTIONAL = ["search/", "data/", "contributing/"]
# The review and theme chosen as examples of their kind: Family B is the real review, and
# information sharing is a theme it has learning under.
REVIEW = "family-b"
THEME = "information-sharing"


def _built(site: Path, url: str) -> bool:
    path = site / url if url.endswith(".html") else site / url / "index.html"
    return path.is_file()


def _one_under(site: Path, folder: str, preferred: str) -> str | None:
    if _built(site, f"{folder}/{preferred}/"):
        return f"{folder}/{preferred}/"
    candidates = sorted(p.parent.name for p in (site / folder).glob("*/index.html"))
    return f"{folder}/{candidates[0]}/" if candidates else None


def page_types(site: Path) -> dict[str, str]:
    """Kind of page -> its URL relative to the site root, for every kind the site has."""
    review = _one_under(site, "reviews", REVIEW)
    theme = _one_under(site, "themes", THEME)
    kinds = {
        "home": "",
        "review list": "reviews/",
        "review": review,
        "theme list": "themes/",
        "theme": theme,
        "accessibility statement": "accessibility/",
        "privacy notice": "privacy/",
        "not found": "404.html",
    }
    if review and _built(site, review + "briefing/"):
        kinds["briefing"] = review + "briefing/"
    for url in OPTIONAL:
        if _built(site, url):
            kinds[url.strip("/")] = url
    missing = [kind for kind, url in kinds.items() if url is None or not _built(site, url)]
    assert not missing, f"the built site has no page of these kinds: {', '.join(missing)}"
    return kinds


def mkdocs_config() -> dict:
    """The site's mkdocs.yml as data (Python-object tags, if any appear, are read as plain text)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return yaml.safe_load(re.sub(r"!!python/\S+", "", text))
