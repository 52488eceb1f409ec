"""The Atom feed of reviews (/feed.xml, RFC 4287), newest publication first.

A review whose publication date is not stated is on the site but not in the feed: a feed entry
needs a date, and inventing one would put a fact into the record that the review does not give.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from casebook.library.collection import Library
from casebook.model import labels
from casebook.model.fields import NOT_STATED
from casebook.reading.review import Review

ATOM = "http://www.w3.org/2005/Atom"
# Feed readers poll the feed often; the newest entries are what they need, the full list is in
# /data/reviews.json.
FEED_SIZE = 50


def published_instant(published: str) -> str:
    """A review's publication date as an RFC 3339 instant: the first day of a year or month given alone."""
    parts = published.split("-")
    year, month, day = parts[0], (parts[1:2] or ["01"])[0], (parts[2:3] or ["01"])[0]
    return f"{year}-{month}-{day}T00:00:00Z"


def feed_reviews(library: Library, limit: int = FEED_SIZE) -> list[Review]:
    return [r for r in library.newest() if r.published != NOT_STATED][:limit]


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def atom_feed(library: Library, site_url: str, site_name: str, generated: str) -> str:
    """The feed's XML; `site_url` makes every id and link absolute, as RFC 4287 requires of ids."""
    base = site_url.rstrip("/") + "/"
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "id", base)
    _add(feed, "title", f"{site_name}: new reviews", type="text")
    _add(feed, "subtitle", "Safeguarding case reviews added to the library, newest publication first.", type="text")
    _add(feed, "updated", generated)
    _add(feed, "link", rel="self", type="application/atom+xml", href=base + "feed.xml")
    _add(feed, "link", rel="alternate", type="text/html", href=base + "reviews/")
    # RFC 4287's rights: the feed's own (what Casebook generates), and each entry's (the review's words).
    _add(feed, "rights", f"Creative Commons Attribution 4.0 ({labels.RIGHTS_URLS['cc-by-4.0']}); each review's "
         "words on the terms its entry gives.", type="text")
    author = _add(feed, "author")
    _add(author, "name", site_name)
    vocabulary = library.vocabulary
    for review in feed_reviews(library):
        url = base + review.url
        entry = _add(feed, "entry")
        _add(entry, "id", url)
        _add(entry, "title", review.title, type="text")
        _add(entry, "link", rel="alternate", type="text/html", href=url)
        instant = published_instant(review.published)
        # The review's publication date is the only date the library knows for it.
        _add(entry, "published", instant)
        _add(entry, "updated", instant)
        if review.publisher != NOT_STATED:
            _add(_add(entry, "author"), "name", review.publisher)
        for theme in review.themes:
            _add(entry, "category", term=theme, label=vocabulary.themes[theme].name, scheme=base + "themes/")
        _add(entry, "summary", review.summary, type="text")
        _add(entry, "rights", labels.rights_sentence(review.rights, review.rights_note, review.publisher), type="text")
    ET.register_namespace("", ATOM)
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=False).join(
        ['<?xml version="1.0" encoding="utf-8"?>\n', "\n"]
    )
