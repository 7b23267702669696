"""Exporting 10,000 meetings as one .ics feed: goal under a second, and at most 1.3 times a
bare loop that builds the same events directly with icalendar.

Run: .venv/bin/python bench/bench_ical.py [--meetings N] [--repeat R]
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections.abc import Callable, Sequence
from zoneinfo import ZoneInfo

import icalendar  # the baseline only: the library itself goes through meetings.ical

from meetings.committee import BodyKind
from meetings.ical import to_ical
from meetings.schedule import Meeting, MeetingStatus

LONDON = ZoneInfo("Europe/London")
STAMP = dt.datetime(2019, 3, 5, 12, tzinfo=dt.UTC)
STATUS = {"provisional": "TENTATIVE", "confirmed": "CONFIRMED", "cancelled": "CANCELLED"}
VENUES = {"chamber": "Council Chamber, Council Offices, Station Road, Wigston, LE18 2DR"}


def meetings(count: int) -> list[Meeting]:
    """`count` evening meetings, one a day from May 2019, across both clock changes."""
    out = []
    statuses = list(MeetingStatus)
    for i in range(count):
        start = dt.datetime.combine(
            dt.date(2019, 5, 1) + dt.timedelta(days=i % 3650), dt.time(18, 30), LONDON
        )
        out.append(
            Meeting(
                uid=f"body-{i % 40}-{i}@oadby-wigston.gov.uk",
                body=f"body-{i % 40}",
                title=f"Committee {i % 40}, meeting {i}",
                kind=BodyKind.COMMITTEE,
                start=start,
                end=start + dt.timedelta(hours=2),
                venue="chamber" if i % 5 else None,
                status=statuses[i % 3],
                reporting_quarter="Q1 (2019/20)" if i % 4 == 0 else None,
            )
        )
    return out


def bare(items: Sequence[Meeting]) -> bytes:
    """The same feed written straight with icalendar: the floor our adapter is measured by."""
    calendar = icalendar.Calendar()
    for name, value in (
        ("PRODID", "-//bench//EN"),
        ("VERSION", "2.0"),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
        ("X-WR-CALNAME", "Bench"),
        ("NAME", "Bench"),
    ):
        calendar.add(name, value)
    years = sorted({m.start.year for m in items})
    calendar.add_component(
        icalendar.Timezone.from_tzinfo(
            LONDON,
            tzid="Europe/London",
            first_date=dt.date(years[0], 1, 1),
            last_date=dt.date(years[-1] + 1, 1, 1),
        )
    )
    stamp = STAMP.astimezone(dt.UTC)
    for m in items:
        where = VENUES.get(m.venue, m.venue) if m.venue else "TBC"
        event = icalendar.Event()
        event.add("UID", m.uid)
        event.add("DTSTAMP", stamp)
        event.add("SEQUENCE", 0)
        event.add("DTSTART", m.start)
        event.add("DTEND", m.end)
        event.add("SUMMARY", m.title)
        event.add("LOCATION", where)
        event.add("STATUS", STATUS[m.status])
        event.add("DESCRIPTION", f"{m.title}\nVenue: {where}")
        event.add("CATEGORIES", ["Committee"])
        event.add("X-MEETINGS-BODY", m.body)
        event.add("X-MEETINGS-KIND", str(m.kind))
        event.add("X-MEETINGS-VENUE", m.venue or "TBC")
        if m.reporting_quarter:
            event.add("X-MEETINGS-QUARTER", m.reporting_quarter)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def best(run: Callable[[], bytes], repeat: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(repeat):
        began = time.perf_counter()
        size = len(run())
        times.append(time.perf_counter() - began)
    return min(times), size


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    items = meetings(args.meetings)
    ours, size = best(lambda: to_ical(items, name="Bench", stamp=STAMP, venues=VENUES), args.repeat)
    # With a previous feed to compare against: what every re-publication costs.
    previous = to_ical(items, name="Bench", stamp=STAMP, venues=VENUES)
    again, _ = best(
        lambda: to_ical(items, name="Bench", stamp=STAMP, venues=VENUES, previous=previous), 1
    )
    floor, _ = best(lambda: bare(items), args.repeat)

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    print(f"meetings exported:            {args.meetings} (best of {args.repeat})")
    print(
        f"to_ical:                      {ours:.3f} s  ({size / 1e6:.1f} MB)"
        f"  goal < 1 s: {verdict(ours < 1.0)}"
    )
    print(f"bare icalendar loop:          {floor:.3f} s")
    print(
        f"ratio to_ical / bare loop:    {ours / floor:.2f}"
        f"  goal <= 1.3: {verdict(ours / floor <= 1.3)}"
    )
    print(f"to_ical with previous feed:   {again:.3f} s  (parses the old feed for SEQUENCE)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
