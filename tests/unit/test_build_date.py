"""One build date: SOURCE_DATE_EPOCH when it is set, so that a build is reproducible, else today;
"overdue" and the downloads' `generated` both read it."""

from __future__ import annotations

import datetime as dt

from casebook.exports.open_data import generated_at
from casebook.model.build_date import build_date, build_moment


def test_source_date_epoch_sets_the_build_date_and_generated():
    environ = {"SOURCE_DATE_EPOCH": "1748736000"}
    assert build_date(environ) == dt.date(2025, 6, 1)
    assert generated_at(environ) == "2025-06-01T00:00:00Z" == build_moment(environ).isoformat().replace("+00:00", "Z")


def test_without_it_the_build_date_is_today_in_utc():
    assert build_date({}) == dt.datetime.now(dt.timezone.utc).date()
