"""The fictional library of tracked recommendations (tests/fixtures/actions/), read with plain YAML:
what /actions/, the agency pages and the downloads should show when it is built on 1 June 2025.

Overdue is worked out here its own way: a due month is a deadline on the month's last day, and a
recommendation is overdue when that deadline is before the build's day and it is not complete.
"""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path

import yaml

from conftest import FIXTURES, ROOT, build, make_project
from fixture_corpus import SITE_URL, fixture_reviews, newest_first

ACTIONS = FIXTURES / "actions"
EPOCH = "1748736000"
ON = dt.date(2025, 6, 1)
AGENCIES = yaml.safe_load((ROOT / "vocabulary" / "agencies.yml").read_text(encoding="utf-8"))
STATUS_WORDS = {"not-stated": "Not stated", "open": "Open", "in-progress": "In progress", "complete": "Complete",
                "not-accepted": "Not accepted"}
MONTHS = ["", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def for_people(date: str | None) -> str:
    if not date:
        return "Not stated"
    parts = [int(p) for p in date.split("-")]
    return f"{MONTHS[parts[1]]} {parts[0]}" if len(parts) == 2 else f"{parts[2]} {MONTHS[parts[1]]} {parts[0]}"


def deadline(due: str) -> dt.date:
    year, month, *day = (int(p) for p in due.split("-"))
    return dt.date(year, month, day[0] if day else calendar.monthrange(year, month)[1])


def expected_recommendations() -> list[dict]:
    """Every recommendation of the fixture files, newest review first, as the downloads should give it."""
    out = []
    for review in newest_first(fixture_reviews(ACTIONS)):
        for n, rec in enumerate(review.get("recommendations") or [], 1):
            ident = str(rec.get("id", f"R{n}"))
            status = rec.get("status", "not-stated")
            due = rec.get("due")
            out.append({
                "review": review["slug"], "review_title": review["title"], "publisher": review["publisher"],
                "id": ident, "for": rec.get("for", []), "owner": rec.get("owner"), "status": status,
                "due": due, "updated": rec.get("updated"), "evidence": rec.get("evidence"), "text": rec["text"],
                "overdue": bool(due) and status != "complete" and deadline(due) < ON,
                "url": f"{SITE_URL}reviews/{review['slug']}/#recommendation-{ident}",
            })
    return out


EXPECTED = expected_recommendations()


def build_actions_site(folder: Path) -> Path:
    """The fictional library built as a site on the fixed day."""
    project = make_project(folder, ACTIONS)
    result = build(project, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stderr
    return project / "site"
