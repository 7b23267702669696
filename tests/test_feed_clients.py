"""The feeds' VTIMEZONE, read by clients that trust it instead of a zone database of their
own: ical.js (node; it has no zone database), Python `ical` and icalendar's `Timezone.to_tz`.
Each is made to use the embedded block by renaming its TZID to a name no zone database
knows, then every meeting's UTC instant is compared with the one zoneinfo gives, across
both clock changes of every year from 2019 to 2026.

ical.js is installed by `npm ci` in tests/js (.ci/run does it); without node or the package
those tests skip.
"""

from __future__ import annotations

import calendar as gregorian
import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from helpers import ical_js

from meetings.committee import BodyKind
from meetings.ical import to_ical
from meetings.schedule import Meeting, MeetingStatus

STAMP = dt.datetime(2019, 3, 5, 12, tzinfo=dt.UTC)


def unknown(zone: str) -> str:
    """A TZID no zone database has, so only the feed's VTIMEZONE defines it; one per zone, as
    icalendar keeps the zones it has built by TZID."""
    return f"Meetings-Test/{zone.replace('/', '-')}"


YEARS = range(2019, 2027)


def last_sunday(year: int, month: int) -> dt.date:
    day = dt.date(year, month, gregorian.monthrange(year, month)[1])
    return day - dt.timedelta(days=(day.weekday() - 6) % 7)


def around_changes(zone: str, years: range, changes: tuple[int, ...] = (3, 10)) -> list[Meeting]:
    """Meetings either side of each clock change (the last Sundays of March and October in
    the UK, The Summer Time Order 2002, SI 2002/262), on the day itself, and midwinter and
    midsummer: evening and morning meetings."""
    tz = ZoneInfo(zone)
    out = []
    for year in years:
        days: list[dt.date] = [dt.date(year, 1, 15), dt.date(year, 7, 15)]
        for month in changes:
            sunday = last_sunday(year, month)
            days += [sunday + dt.timedelta(days=d) for d in (-3, -1, 0, 1, 4)]
        for n, day in enumerate(days):
            for at in (dt.time(10), dt.time(18, 30)):
                start = dt.datetime.combine(day, at, tz)
                out.append(
                    Meeting(
                        uid=f"{day.isoformat()}-{at.hour}@test.invalid",
                        body="council",
                        title=f"Meeting {n}",
                        kind=BodyKind.COMMITTEE,
                        start=start,
                        end=start + dt.timedelta(hours=2),
                        venue=None,
                        status=MeetingStatus.CONFIRMED,
                    )
                )
    return out


def embedded_only(feed: bytes, zone: str) -> bytes:
    """The feed with its zone renamed, so a reader must use the VTIMEZONE it carries."""
    text = feed.decode()
    assert f"TZID:{zone}\r\n" in text
    renamed = unknown(zone)
    return (
        text.replace(f"TZID={zone}:", f"TZID={renamed}:")
        .replace(f"TZID:{zone}\r\n", f"TZID:{renamed}\r\n")
        .encode()
    )


def expected(meetings: list[Meeting]) -> dict[str, tuple[int, int]]:
    return {m.uid: (int(m.start.timestamp()), int(m.end.timestamp())) for m in meetings}


def test_london_is_two_yearly_rules() -> None:
    feed = to_ical(around_changes("Europe/London", YEARS), name="x", stamp=STAMP).decode()
    block = feed[feed.index("BEGIN:VTIMEZONE") : feed.index("END:VTIMEZONE")]
    # Local time before each change (RFC 5545 s.3.6.5): 01:00 GMT in March, 02:00 BST in
    # October, from the year before the first meeting, recurring without end.
    assert block.split("\r\n")[1:-1] == [
        "TZID:Europe/London",
        "BEGIN:DAYLIGHT",
        "DTSTART:20180325T010000",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
        "TZNAME:BST",
        "TZOFFSETFROM:+0000",
        "TZOFFSETTO:+0100",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "DTSTART:20181028T020000",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
        "TZNAME:GMT",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0000",
        "END:STANDARD",
    ]


def test_a_rule_that_changed_ends_with_until() -> None:
    # The United States moved its changes in 2007 (Energy Policy Act of 2005, s.110): the
    # old rules end with UNTIL, the new ones start, as in RFC 5545's own example.
    start = dt.datetime(2006, 6, 1, 18, tzinfo=ZoneInfo("America/New_York"))
    m = Meeting(
        uid="a@x",
        body="b",
        title="t",
        kind=BodyKind.COMMITTEE,
        start=start,
        end=start + dt.timedelta(hours=1),
        venue=None,
        status=MeetingStatus.CONFIRMED,
    )
    feed = to_ical([m], name="x", stamp=STAMP, timezone="America/New_York").decode()
    assert "RRULE:FREQ=YEARLY;UNTIL=20060402T070000Z;BYDAY=1SU;BYMONTH=4" in feed
    assert "RRULE:FREQ=YEARLY;UNTIL=20061029T060000Z;BYDAY=-1SU;BYMONTH=10" in feed
    assert "DTSTART:20070311T020000\r\nRRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3" in feed
    assert "DTSTART:20071104T020000\r\nRRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11" in feed


ZONES = [
    ("Europe/London", (3, 10)),
    ("Europe/Dublin", (3, 10)),  # "negative" summer time in the zone database
    ("America/New_York", (3, 11)),
    ("Australia/Sydney", (4, 10)),  # summer across the new year
    ("Asia/Tokyo", ()),  # no changes: one STANDARD observance
]


def feed_for(zone: str, months: tuple[int, ...]) -> tuple[list[Meeting], bytes]:
    meetings = around_changes(zone, YEARS, months)
    feed = to_ical(meetings, name="x", stamp=STAMP, timezone=zone)
    return meetings, embedded_only(feed, zone)


@pytest.mark.parametrize(("zone", "months"), ZONES)
def test_icalendar_from_the_embedded_block(zone: str, months: tuple[int, ...]) -> None:
    meetings, feed = feed_for(zone, months)
    calendar = icalendar.Calendar.from_ical(feed)
    (block,) = calendar.timezones
    tz = block.to_tz(lookup_tzid=False)  # built from the observances (dateutil's tzical)
    got = {}
    for event in calendar.events:
        start, end = event.start, event.end
        assert isinstance(start, dt.datetime)
        assert isinstance(end, dt.datetime)
        start, end = (t.replace(tzinfo=None).replace(tzinfo=tz) for t in (start, end))
        got[str(event["UID"])] = (int(start.timestamp()), int(end.timestamp()))
    assert got == expected(meetings)


@pytest.mark.parametrize(("zone", "months"), ZONES)
def test_python_ical_from_the_embedded_block(zone: str, months: tuple[int, ...]) -> None:
    calendar_stream: Any = pytest.importorskip("ical.calendar_stream")
    meetings, feed = feed_for(zone, months)
    calendar = calendar_stream.IcsCalendarStream.calendar_from_ics(feed.decode())
    got = {}
    for event in calendar.events:
        assert str(event.dtstart.tzinfo) != zone  # the embedded definition, not zoneinfo
        got[event.uid] = (int(event.dtstart.timestamp()), int(event.dtend.timestamp()))
    assert got == expected(meetings)


@pytest.mark.parametrize(("zone", "months"), ZONES)
def test_ical_js_from_the_embedded_block(zone: str, months: tuple[int, ...]) -> None:
    meetings, feed = feed_for(zone, months)
    got = ical_js(feed)
    assert {uid: e["zone"] for uid, e in got.items()} == {m.uid: unknown(zone) for m in meetings}
    assert {uid: (e["start"], e["end"]) for uid, e in got.items()} == expected(meetings)


def test_ical_js_gets_the_summer_meetings_right() -> None:
    # The fault the rules fix: 6.30 PM on 24 October 2019 (BST) is 17:30 UTC, on the 31st
    # (GMT) 18:30 UTC; in July 2026, years after the block's first DTSTART, 17:30 UTC again.
    _, feed = feed_for("Europe/London", (3, 10))
    got = ical_js(feed)
    when = {
        "2019-10-24-18@test.invalid": dt.datetime(2019, 10, 24, 17, 30, tzinfo=dt.UTC),
        "2019-10-31-18@test.invalid": dt.datetime(2019, 10, 31, 18, 30, tzinfo=dt.UTC),
        "2026-07-15-18@test.invalid": dt.datetime(2026, 7, 15, 17, 30, tzinfo=dt.UTC),
        "2026-03-29-10@test.invalid": dt.datetime(2026, 3, 29, 9, 0, tzinfo=dt.UTC),
    }
    for uid, instant in when.items():
        assert got[uid]["start"] == instant.timestamp(), uid
