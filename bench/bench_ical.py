"""Exporting 10,000 meetings as one .ics feed: goal under 0.6 s.

`to_ical` builds the feed from icalendar's value classes and lays out the content lines
itself; icalendar's own serialiser (`Calendar.to_ical()`) of the same feed is timed too,
after checking that both write the same bytes, with the time to build that model.

Run: .venv/bin/python bench/bench_ical.py [--meetings N] [--repeat R]
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections.abc import Callable, Sequence
from zoneinfo import ZoneInfo

from meetings.committee import BodyKind
from meetings.ical import _meetings_feed, to_ical
from meetings.schedule import Meeting, MeetingStatus

LONDON = ZoneInfo("Europe/London")
STAMP = dt.datetime(2019, 3, 5, 12, tzinfo=dt.UTC)
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
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    items = meetings(args.meetings)

    def ours() -> bytes:
        return to_ical(items, name="Bench", stamp=STAMP, venues=VENUES)

    def model() -> bytes:
        built: bytes = (
            _meetings_feed(items, name="Bench", stamp=STAMP, venues=VENUES).calendar().to_ical()
        )
        return built

    previous = ours()
    if model() != previous:
        raise SystemExit("icalendar's serialiser does not write the same feed: a bug in ical.py")
    mine, size = best(ours, args.repeat)
    theirs, _ = best(model, args.repeat)
    # With a previous feed to compare against: what every re-publication costs. One run only,
    # not the best of --repeat that the header line prints for the rows above it.
    again, _ = best(
        lambda: to_ical(items, name="Bench", stamp=STAMP, venues=VENUES, previous=previous), 1
    )

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    print(f"meetings exported:            {args.meetings} (best of {args.repeat})")
    print(
        f"to_ical:                      {mine:.3f} s  ({size / 1e6:.1f} MB)"
        f"  goal < 0.6 s: {verdict(mine < 0.6)}"
    )
    print(f"icalendar's Calendar.to_ical: {theirs:.3f} s  (the same bytes, model built too)")
    print(f"speed-up:                     {theirs / mine:.1f} x")
    print(f"to_ical with previous feed:   {again:.3f} s  (parses the old feed for SEQUENCE)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
