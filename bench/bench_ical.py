"""Exporting 10,000 meetings as one .ics feed: goal under a second, and at most 1.3 times a
bare loop that builds the same events directly with icalendar.

The bare loop writes byte for byte the feed `to_ical` writes (checked before timing), with
the same icalendar calls, so the ratio is the cost of our own code. icalendar's serialising
of the built calendar alone is timed too: no use of icalendar can be faster than that.

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
from meetings.ical import PRODID, to_ical
from meetings.schedule import Meeting, MeetingStatus

LONDON = ZoneInfo("Europe/London")
STAMP = dt.datetime(2019, 3, 5, 12, tzinfo=dt.UTC)
STATUS = {"provisional": "TENTATIVE", "confirmed": "CONFIRMED", "cancelled": "CANCELLED"}
VENUES = {"chamber": "Council Chamber, Council Offices, Station Road, Wigston, LE18 2DR"}
NOTE = {
    "provisional": "Provisional until the schedule is adopted at the annual meeting.",
    "cancelled": "This meeting has been cancelled.",
}


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


def bare(items: Sequence[Meeting]) -> icalendar.Calendar:
    """The same feed built straight with icalendar: the floor our adapter is measured by."""
    calendar = icalendar.Calendar()
    for name, value in (
        ("PRODID", PRODID),
        ("VERSION", "2.0"),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
    ):
        calendar.add(name, value)
    calendar["X-WR-CALNAME"] = calendar["NAME"] = icalendar.vText("Bench")
    years = sorted({m.start.year for m in items})
    calendar.add_component(
        icalendar.Timezone.from_tzinfo(
            LONDON,
            tzid="Europe/London",
            first_date=dt.date(years[0], 1, 1),
            last_date=dt.date(years[-1] + 1, 1, 1),
        )
    )
    stamp = icalendar.vDatetime(STAMP)
    for m in sorted(items, key=lambda m: (m.start, m.uid)):
        where = VENUES[m.venue] if m.venue else "TBC"
        lines = [m.title, f"Venue: {where}"]
        if m.reporting_quarter:
            lines.append(f"Quarterly performance report: {m.reporting_quarter}")
        if m.status in NOTE:
            lines.append(NOTE[m.status])
        event = icalendar.Event()
        event["UID"] = icalendar.vText(m.uid)
        event["DTSTAMP"] = stamp
        event["SEQUENCE"] = icalendar.vInt(0)
        event["DTSTART"] = icalendar.vDatetime(m.start)
        event["DTEND"] = icalendar.vDatetime(m.end)
        event["SUMMARY"] = icalendar.vText(m.title)
        event["LOCATION"] = icalendar.vText(where)
        event["STATUS"] = icalendar.vText(STATUS[m.status])
        event["DESCRIPTION"] = icalendar.vText("\n".join(lines))
        event["CATEGORIES"] = icalendar.vCategory(["Committee"])
        event["X-MEETINGS-BODY"] = icalendar.vText(m.body)
        event["X-MEETINGS-KIND"] = icalendar.vText(str(m.kind))
        event["X-MEETINGS-VENUE"] = icalendar.vText(m.venue or "TBC")
        if m.reporting_quarter:
            event["X-MEETINGS-QUARTER"] = icalendar.vText(m.reporting_quarter)
        calendar.add_component(event)
    return calendar


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

    previous = ours()
    if bare(items).to_ical() != previous:
        raise SystemExit("the bare loop does not write the same feed: fix the benchmark")
    built = bare(items)
    mine, size = best(ours, args.repeat)
    floor, _ = best(lambda: bare(items).to_ical(), args.repeat)
    serialise, _ = best(built.to_ical, args.repeat)
    # With a previous feed to compare against: what every re-publication costs.
    again, _ = best(
        lambda: to_ical(items, name="Bench", stamp=STAMP, venues=VENUES, previous=previous), 1
    )

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    print(f"meetings exported:            {args.meetings} (best of {args.repeat})")
    print(
        f"to_ical:                      {mine:.3f} s  ({size / 1e6:.1f} MB)"
        f"  goal < 1 s: {verdict(mine < 1.0)}"
    )
    print(f"bare icalendar loop:          {floor:.3f} s  (the same bytes)")
    print(f"  of which Calendar.to_ical:  {serialise:.3f} s  (icalendar serialising alone)")
    print(
        f"ratio to_ical / bare loop:    {mine / floor:.2f}"
        f"  goal <= 1.3: {verdict(mine / floor <= 1.3)}"
    )
    print(f"to_ical with previous feed:   {again:.3f} s  (parses the old feed for SEQUENCE)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
