"""The build's date and time: SOURCE_DATE_EPOCH when it is set, so that a build is reproducible,
otherwise now. What is overdue, and when the downloads say they were generated, both come from here."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping


def build_moment(environ: Mapping[str, str] = os.environ) -> dt.datetime:
    """The moment of the build, in UTC, to the second."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc)
    return moment.replace(microsecond=0)


def build_date(environ: Mapping[str, str] = os.environ) -> dt.date:
    """The day of the build (UTC): the date "overdue" is worked out on."""
    return build_moment(environ).date()
