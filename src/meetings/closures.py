"""Days a council does not meet: bank holidays (the one adapter over `holidays`), council
closures, and blackout periods read from iCalendar files (school holidays, festivals…)."""

from __future__ import annotations

import datetime as dt

import attrs


@attrs.frozen(kw_only=True)
class Period:
    """A named run of days (inclusive), e.g. a school half term or the pre-election period."""

    name: str
    start: dt.date
    end: dt.date  # inclusive
    category: str  # "bank-holiday", "school-holiday", "closure", "pre-election", "festival", …
    source: str = ""

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end
