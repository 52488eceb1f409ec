"""The fictional fixture library read with plain YAML, independently of the casebook package.

The tests of cross-review figures (co-occurrence, years, related reviews, exports, the feed) compare
what the site publishes with what is computed here from the same files, so that a mistake in
casebook's indexes cannot hide behind the same mistake in the expectation.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import yaml

from conftest import FIXTURES, ROOT

THEMES = yaml.safe_load((ROOT / "vocabulary" / "themes.yml").read_text(encoding="utf-8"))
SITE_URL = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
NOT_STATED = "not-stated"


def _text(value):
    """Dates YAML read as dates back to the text the file has."""
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def fixture_reviews(folder: Path = FIXTURES / "library") -> list[dict]:
    """Every fixture review's front matter, with its slug and its effective themes."""
    reviews = []
    for path in sorted(folder.glob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        meta["slug"] = path.stem
        meta["published"] = _text(meta["published"])
        themes = list(meta["themes"])
        for lp in meta["learning"]:
            themes += [t for t in lp["themes"] if t not in themes]
        meta["all_themes"] = themes
        reviews.append(meta)
    return reviews


def newest_first(reviews: list[dict]) -> list[dict]:
    """Newest publication first (a longer date of the same year sorts first), not stated last, then by title."""
    stated = [r for r in reviews if r["published"] != NOT_STATED]
    unstated = [r for r in reviews if r["published"] == NOT_STATED]
    stated.sort(key=lambda r: r["title"].lower())
    stated.sort(key=lambda r: r["published"], reverse=True)
    unstated.sort(key=lambda r: r["title"].lower())
    return stated + unstated


def ancestors_and_self(slug: str) -> set[str]:
    out = {slug}
    while THEMES[slug].get("parent"):
        slug = THEMES[slug]["parent"]
        out.add(slug)
    return out


def descendants(slug: str) -> set[str]:
    return {t for t in THEMES if t != slug and slug in ancestors_and_self(t)}


def review_has(review: dict) -> set[str]:
    """The themes a review is listed under on the theme pages (broader themes gather narrower ones)."""
    return set().union(*(ancestors_and_self(t) for t in review["all_themes"]))


def theme_reviews(slug: str, reviews: list[dict]) -> list[dict]:
    return [r for r in reviews if slug in review_has(r)]


def theme_learning(slug: str, reviews: list[dict]) -> list[tuple[str, int]]:
    return [
        (r["slug"], n)
        for r in reviews
        for n, lp in enumerate(r["learning"], 1)
        if slug in set().union(*(ancestors_and_self(t) for t in lp["themes"]))
    ]


def co_occurring(slug: str, reviews: list[dict]) -> dict[str, int]:
    """Other themes in the same reviews, with counts of reviews; the theme's own family left out."""
    family = ancestors_and_self(slug) | descendants(slug)
    counts: Counter = Counter()
    for r in theme_reviews(slug, reviews):
        counts.update(review_has(r) - family)
    return dict(counts)


def by_year(slug: str, reviews: list[dict]) -> list[tuple[str, int]]:
    years = Counter(r["published"][:4] if r["published"] != NOT_STATED else None for r in theme_reviews(slug, reviews))
    not_stated = years.pop(None, 0)
    rows = [(str(y), years.get(str(y), 0)) for y in range(int(min(years)), int(max(years)) + 1)] if years else []
    return rows + ([("Not stated", not_stated)] if not_stated else [])


def related(review: dict, reviews: list[dict], limit: int = 5) -> list[str]:
    """The slugs of the related reviews: most shared themes, then newest, then title."""
    order = {r["slug"]: i for i, r in enumerate(newest_first(reviews))}
    mine = set(review["all_themes"])
    scored = [(len(mine & set(o["all_themes"])), o["slug"]) for o in reviews if o["slug"] != review["slug"]]
    scored = [s for s in scored if s[0]]
    scored.sort(key=lambda s: (-s[0], order[s[1]]))
    return [slug for _, slug in scored[:limit]]


class Sections(HTMLParser):
    """A page's article: the text and the links under each h2, by the h2's id."""

    def __init__(self):
        super().__init__()
        self.section: str | None = None
        self.text: dict[str, list[str]] = {}
        self.links: dict[str, list[str]] = {}
        self.h3: dict[str, list[str]] = {}
        self._in_h3 = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h2":
            self.section = attrs.get("id")
        elif tag == "h3" and self.section:
            self._in_h3 = True
            self.h3.setdefault(self.section, []).append("")
        elif tag == "a" and self.section and "href" in attrs:
            self.links.setdefault(self.section, []).append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "h3":
            self._in_h3 = False
        elif tag in ("article", "section"):
            # The last h2's section ends with its <section> or the article, not at the footer.
            self.section = None

    def handle_data(self, data):
        if self.section:
            self.text.setdefault(self.section, []).append(data)
            if self._in_h3:
                self.h3[self.section][-1] += data

    def section_text(self, section: str) -> str:
        return re.sub(r"\s+", " ", " ".join(self.text.get(section, []))).strip()


def sections(html_path: Path) -> Sections:
    parser = Sections()
    parser.feed(html_path.read_text(encoding="utf-8"))
    return parser
