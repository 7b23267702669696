"""Writing the schedule's iCalendar feeds, checked against real consumers: icalendar itself,
vobject (an independent parser), recurring-ical-events and a Radicale CalDAV server on loopback.

Golden feeds: tests/golden/publish/*.ics, compared parsed (not byte for byte).
Regenerate with MEETINGS_REGEN_GOLDEN=1 .venv/bin/pytest tests/test_ical.py
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
from pathlib import Path
from typing import Any

import attrs
import icalendar
import pytest
import recurring_ical_events
from helpers import VENUES, fixture_schedule, meeting
from hypothesis import given, settings
from hypothesis import strategies as st

from meetings import timetable
from meetings.committee import Contact, Council
from meetings.dates import LONDON
from meetings.definitions import load_council
from meetings.errors import CalendarError
from meetings.ical import periods_to_ical, to_ical
from meetings.ics import FeedEvent, read_feed
from meetings.planner import plan_schedule
from meetings.schedule import MeetingStatus, Schedule

vobject: Any = importlib.import_module("vobject")  # the independent parser (test extra)

GOLDEN = Path(__file__).parent / "golden" / "publish"
EXAMPLE = Path(__file__).parent.parent / "examples" / "oadby-wigston" / "council.toml"
STATUS = {"provisional": "TENTATIVE", "confirmed": "CONFIRMED", "cancelled": "CANCELLED"}
STAMP = dt.datetime(2019, 3, 5, 12, 0, tzinfo=dt.UTC)  # the Committee met on 5 March 2019


def events(feed: bytes) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(feed).events}


def normalised(feed: bytes) -> list[list[tuple[str, str]]]:
    """Each component as sorted (property, value) pairs: what a golden comparison checks."""
    out = []
    for component in icalendar.Calendar.from_ical(feed).walk():
        pairs: list[tuple[str, str]] = [("BEGIN", str(component.name))]
        for name, value in component.property_items(recursive=False):
            if name not in ("BEGIN", "END"):
                text = value.to_ical() if hasattr(value, "to_ical") else value
                pairs.append((name, text.decode() if isinstance(text, bytes) else str(text)))
        out.append(sorted(pairs))
    return out


def check_golden(name: str, feed: bytes) -> None:
    path = GOLDEN / name
    if os.environ.get("MEETINGS_REGEN_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(feed)
    assert normalised(feed) == normalised(path.read_bytes())


# -- the feed --------------------------------------------------------------------------------


def test_fixture_feed_matches_golden_and_is_reproducible() -> None:
    schedule = fixture_schedule()
    feed = to_ical(
        schedule.meetings, name="Oadby and Wigston Borough Council", stamp=STAMP, venues=VENUES
    )
    check_golden("schedule.ics", feed)
    again = to_ical(
        reversed(schedule.meetings),
        name="Oadby and Wigston Borough Council",
        stamp=STAMP,
        venues=VENUES,
    )
    assert again == feed  # same input (in any order), same bytes


def test_round_trip_through_icalendar() -> None:
    schedule = fixture_schedule()
    feed = to_ical(schedule.meetings, name="OWBC meetings 2019/20", stamp=STAMP, venues=VENUES)
    calendar = icalendar.Calendar.from_ical(feed)
    assert calendar["X-WR-CALNAME"] == "OWBC meetings 2019/20"
    assert "meetings" in str(calendar["PRODID"])
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    parsed = events(feed)
    assert len(parsed) == len(schedule.meetings) == 56
    for m in schedule.meetings:
        event = parsed[m.uid]
        assert event.start == m.start
        assert event.end == m.end
        assert isinstance(event.start, dt.datetime)
        assert str(event.start.tzinfo) == "Europe/London"
        assert str(event["SUMMARY"]) == m.title
        assert event.DTSTAMP == STAMP
        assert event["SEQUENCE"] == 0
    annual = parsed["council-2019-20-1@oadby-wigston.gov.uk"]
    assert annual["STATUS"] == "CONFIRMED"
    assert str(annual["LOCATION"]) == (
        "Council Chamber, Council Offices, Station Road, Wigston, LE18 2DR"
    )
    assert [str(c) for c in annual.categories] == ["Council"]
    assert parsed["service-delivery-2019-20-1@oadby-wigston.gov.uk"]["STATUS"] == "TENTATIVE"
    assert str(parsed["audit-2019-20-4@oadby-wigston.gov.uk"]["LOCATION"]) == "TBC"
    description = str(parsed["policy-finance-2019-20-1@oadby-wigston.gov.uk"]["DESCRIPTION"])
    assert "Quarterly performance report: Q4 (2018/19)" in description
    assert "Provisional" in description


def test_agenda_link_goes_into_url_and_description() -> None:
    m = meeting(dt.date(2019, 6, 18))
    feed = to_ical(
        [m],
        name="x",
        stamp=STAMP,
        links={m.uid: "https://democracy.oadby-wigston.gov.uk/ieListDocuments.aspx?MId=1"},
        url="https://democracy.oadby-wigston.gov.uk/mgCalendarMonthView.aspx",
    )
    event = events(feed)[m.uid]
    assert str(event["URL"]).endswith("MId=1")
    assert "Meeting page (agenda, papers, minutes): https://democracy" in str(event["DESCRIPTION"])
    other = attrs.evolve(m, uid="other@x")
    event = events(to_ical([other], name="x", stamp=STAMP, url="https://example.org/"))["other@x"]
    assert str(event["URL"]) == "https://example.org/"  # no agenda yet: the schedule's page


def test_independent_reader_sees_the_same_meetings() -> None:
    schedule = fixture_schedule()
    feed = to_ical(schedule.meetings, name="x", stamp=STAMP, venues=VENUES)
    calendar = icalendar.Calendar.from_ical(feed)
    october = recurring_ical_events.of(calendar).between(dt.date(2019, 10, 1), dt.date(2019, 11, 1))
    expected = {
        m.uid for m in schedule.meetings if m.start.date().month == 10 and m.start.year == 2019
    }
    assert {str(e["UID"]) for e in october} == expected
    assert len(expected) == 5


# -- the worked example, read by an independent parser ---------------------------------------


@pytest.fixture(scope="module")
def example() -> tuple[Council, Schedule, dict[str, bytes]]:
    """The planner's schedule for Oadby and Wigston and every feed `meetings schedule` writes."""
    council = load_council(EXAMPLE)
    plan = plan_schedule(council)
    return council, plan, timetable.feeds(plan, council, stamp=STAMP)


def test_example_feeds_match_golden(example: tuple[Council, Schedule, dict[str, bytes]]) -> None:
    # Parsed and compared property by property: SEQUENCE, DTSTAMP, STATUS, the VTIMEZONE,
    # DESCRIPTION, URL, CATEGORIES and the calendar's name included.
    council, plan, feeds = example
    check_golden("example/schedule.ics", feeds["schedule.ics"])
    check_golden("example/useful-dates.ics", feeds["useful-dates.ics"])
    assert feeds == timetable.feeds(plan, council, stamp=STAMP)  # same input, same bytes
    assert all(
        str(e["UID"]).endswith("@oadby-wigston.gov.uk")  # the domain of [contact] web
        for e in icalendar.Calendar.from_ical(feeds["useful-dates.ics"]).events
    )


def _x(component: Any, name: str) -> str | None:
    found = component.contents.get(name.lower())
    return None if found is None else str(found[0].value)


def test_vobject_reads_what_we_wrote(example: tuple[Council, Schedule, dict[str, bytes]]) -> None:
    council, plan, feeds = example
    year = plan.municipal_year
    bodies = {b.id: b.name for b in council.bodies} | {"event": "Other Meetings and Events"}
    places = {v.id: ", ".join((v.name, *v.address)) for v in council.venues}
    names = {"schedule.ics": f"{council.name}: meetings {year}"} | {
        f"schedule-{body}.ics": f"{council.name}: {name} {year}" for body, name in bodies.items()
    }
    assert any("Policy, Finance and" in name for name in names.values())  # a comma in a name
    for feed, expected in names.items():
        if feed not in feeds:
            continue  # a body without meetings
        calendar = vobject.readOne(feeds[feed].decode())
        assert _x(calendar, "X-WR-CALNAME") == _x(calendar, "NAME") == expected, feed
        planned = [m for m in plan.meetings if feed in ("schedule.ics", f"schedule-{m.body}.ics")]
        events = sorted(calendar.vevent_list, key=lambda e: (e.dtstart.value, e.uid.value))
        assert [e.uid.value for e in events] == [m.uid for m in planned], feed
        for event, m in zip(events, planned, strict=True):
            start = event.dtstart.value
            assert start == m.start
            assert start.utcoffset() == m.start.utcoffset()  # local time, either side of October
            assert event.summary.value == m.title
            assert event.location.value == (places[m.venue] if m.venue else "TBC")
            assert event.status.value == STATUS[m.status]
            assert (_x(event, "X-MEETINGS-BODY"), _x(event, "X-MEETINGS-KIND")) == (m.body, m.kind)
            assert _x(event, "X-MEETINGS-VENUE") == (m.venue or "TBC")
            assert _x(event, "X-MEETINGS-QUARTER") == m.reporting_quarter
    assert set(feeds) - set(names) == {"useful-dates.ics"}
    dates = vobject.readOne(feeds["useful-dates.ics"].decode())
    assert _x(dates, "X-WR-CALNAME") == f"{council.name}: useful dates {year}"
    summaries = [(e.summary.value, e.dtstart.value) for e in dates.vevent_list]
    assert len(summaries) == len(set(summaries))  # Easter Monday once, not also as a festival


def test_uid_domain_is_the_council_website() -> None:
    def domain(web: str) -> str:
        return Contact(web=web).domain

    assert domain("https://www.oadby-wigston.gov.uk") == "oadby-wigston.gov.uk"
    assert domain("https://democracy.leics.gov.uk/mgCalendar") == "democracy.leics.gov.uk"
    assert domain("www.blaby.gov.uk") == "blaby.gov.uk"
    assert domain("") == ""  # the planner then uses the council's name, slugged


# -- changes between publications ------------------------------------------------------------


def test_moved_meeting_keeps_uid_and_raises_sequence() -> None:
    first = [meeting(dt.date(2019, 10, 24)), meeting(dt.date(2019, 11, 19), uid="other@x")]
    published = to_ical(first, name="x", stamp=STAMP)
    moved = [meeting(dt.date(2019, 10, 31)), first[1]]
    second = to_ical(moved, name="x", stamp=STAMP + dt.timedelta(days=1), previous=published)
    parsed = events(second)
    assert parsed[first[0].uid]["SEQUENCE"] == 1
    assert parsed[first[0].uid].start == dt.datetime(2019, 10, 31, 18, 30, tzinfo=LONDON)
    assert parsed["other@x"]["SEQUENCE"] == 0  # unchanged
    assert len(parsed) == 2  # updated in place, not duplicated
    # Publishing again without a change keeps the sequence; a further change raises it.
    third = to_ical(moved, name="x", stamp=STAMP, previous=second)
    assert events(third)[first[0].uid]["SEQUENCE"] == 1
    venue_changed = [attrs.evolve(moved[0], venue="brocks-hill")]
    fourth = to_ical(venue_changed, name="x", stamp=STAMP, previous=third)
    assert events(fourth)[first[0].uid]["SEQUENCE"] == 2


def test_meeting_removed_from_the_plan_stays_cancelled() -> None:
    kept = meeting(dt.date(2019, 10, 24), uid="kept@x")
    dropped = meeting(dt.date(2019, 11, 19), uid="dropped@x", title="Policy, Finance; Dev")
    published = to_ical([kept, dropped], name="x", stamp=STAMP, venues=VENUES)
    later = STAMP + dt.timedelta(days=7)
    second = to_ical([kept], name="x", stamp=later, venues=VENUES, previous=published)
    parsed = events(second)
    assert parsed["kept@x"]["SEQUENCE"] == 0  # unchanged
    gone = parsed["dropped@x"]  # still there, for subscribers to see it cancelled
    assert gone["STATUS"] == "CANCELLED"
    assert gone["SEQUENCE"] == 1
    stamped = gone.DTSTAMP
    assert stamped == later
    assert gone.start == dropped.start
    assert str(gone["SUMMARY"]) == "Policy, Finance; Dev"
    (back,) = [e for e in read_feed(second, file="x.ics") if e.uid == "dropped@x"]
    assert (back.status, back.body, back.venue) == (
        "cancelled",
        "change-management",
        "Council Chamber",
    )
    # Publishing again keeps it, cancelled, without raising SEQUENCE again.
    third = events(to_ical([kept], name="x", stamp=later, venues=VENUES, previous=second))
    assert (third["dropped@x"]["STATUS"], third["dropped@x"]["SEQUENCE"]) == ("CANCELLED", 1)
    # Planned again: back in the feed as planned, a newer version still.
    again = to_ical([kept, dropped], name="x", stamp=later, venues=VENUES, previous=second)
    assert (events(again)["dropped@x"]["STATUS"], events(again)["dropped@x"]["SEQUENCE"]) == (
        "TENTATIVE",
        2,
    )


def test_a_body_feed_takes_its_meetings_from_the_whole_council_feed() -> None:
    audit = meeting(dt.date(2019, 7, 16), uid="audit@x")
    audit = attrs.evolve(audit, body="audit", title="Audit Committee")
    other = meeting(dt.date(2019, 7, 18), uid="other@x")
    whole = to_ical([audit, other], name="x", stamp=STAMP)
    feed = events(to_ical([], name="Audit", stamp=STAMP, previous=whole, body="audit"))
    assert list(feed) == ["audit@x"]  # the other body's meeting is not this feed's
    assert feed["audit@x"]["STATUS"] == "CANCELLED"


def test_cancelled_meeting_stays_in_the_feed_cancelled() -> None:
    m = meeting(dt.date(2019, 10, 31), status=MeetingStatus.CONFIRMED)
    published = to_ical([m], name="x", stamp=STAMP)
    assert events(published)[m.uid]["STATUS"] == "CONFIRMED"
    cancelled = attrs.evolve(m, status=MeetingStatus.CANCELLED)
    feed = to_ical([cancelled], name="x", stamp=STAMP, previous=published)
    event = events(feed)[m.uid]
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 1
    assert "cancelled" in str(event["DESCRIPTION"])
    assert [e.status for e in read_feed(feed, file="x.ics")] == ["cancelled"]


def test_october_clock_change_local_times_stay_local() -> None:
    # Clocks go back at 02:00 on Sunday 27 October 2019: 6.30 PM is 17:30 UTC on the 24th
    # (BST, UTC+1) and 18:30 UTC on the 31st (GMT).
    before = meeting(dt.date(2019, 10, 24), uid="a@x")
    after = meeting(dt.date(2019, 10, 31), uid="b@x")
    feed = to_ical([before, after], name="x", stamp=STAMP)
    text = feed.decode()
    assert "DTSTART;TZID=Europe/London:20191024T183000" in text
    assert "DTSTART;TZID=Europe/London:20191031T183000" in text
    assert "TZOFFSETTO:+0000" in text
    # the rule of the last Sunday of October (02:00 BST), from the year before (see
    # tests/test_feed_clients.py for clients that read it)
    assert "DTSTART:20181028T020000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in text
    parsed = events(feed)
    assert parsed["a@x"].start == dt.datetime(2019, 10, 24, 17, 30, tzinfo=dt.UTC)
    assert parsed["b@x"].start == dt.datetime(2019, 10, 31, 18, 30, tzinfo=dt.UTC)
    # A meeting given with a fixed offset (as schedule.json stores it) is written local.
    fixed = attrs.evolve(
        before, uid="c@x", start=before.start.astimezone(dt.timezone(dt.timedelta(hours=1)))
    )
    assert "c@x" in events(to_ical([fixed], name="x", stamp=STAMP))
    assert (
        "DTSTART;TZID=Europe/London:20191024T183000"
        in to_ical([fixed], name="x", stamp=STAMP).decode()
    )


# -- escaping ----------------------------------------------------------------------------------


def test_commas_semicolons_and_newlines_are_escaped() -> None:
    title = "Policy, Finance; and\nDevelopment Committee"
    venue = "Brocks Hill Council Offices; Meeting Room"
    m = meeting(dt.date(2019, 6, 11), title=title, venue="brocks-hill")
    feed = to_ical([m], name="Meetings; 2019, 20", stamp=STAMP, venues=VENUES)
    text = feed.decode().replace("\r\n ", "")  # unfold long lines (RFC 5545 s.3.1)
    assert "SUMMARY:Policy\\, Finance\\; and\\nDevelopment Committee" in text
    assert "LOCATION:Brocks Hill Council Offices\\; Meeting Room\\, Washbrook Lane\\, Oadby" in text
    event = events(feed)[m.uid]
    assert str(event["SUMMARY"]) == title
    assert str(event["LOCATION"]) == f"{venue}, Washbrook Lane, Oadby, LE2 5JJ"
    (back,) = read_feed(feed, file="x.ics")
    assert back.summary == title
    assert back.venue == "brocks-hill"


def test_names_and_our_own_properties_are_escaped_too() -> None:
    # icalendar writes properties it does not know (X-WR-CALNAME, NAME, X-) raw: a comma cut
    # the name short in vobject and a newline failed with a bare AssertionError.
    name = "OWBC: Policy, Finance; and\nDevelopment"
    m = attrs.evolve(
        meeting(dt.date(2019, 6, 11), venue="Hall, Room 2; East\nWing"),
        reporting_quarter="Q4 (2018/19), late",
    )
    feed = to_ical([m], name=name, stamp=STAMP)
    text = feed.decode().replace("\r\n ", "")
    assert "X-WR-CALNAME:OWBC: Policy\\, Finance\\; and\\nDevelopment\r\n" in text
    assert "\r\nNAME:OWBC: Policy\\, Finance\\; and\\nDevelopment\r\n" in text
    assert "X-MEETINGS-VENUE:Hall\\, Room 2\\; East\\nWing\r\n" in text
    calendar = vobject.readOne(feed.decode())
    assert _x(calendar, "X-WR-CALNAME") == _x(calendar, "NAME") == name
    assert _x(calendar.vevent, "X-MEETINGS-VENUE") == "Hall, Room 2; East\nWing"
    assert _x(calendar.vevent, "X-MEETINGS-QUARTER") == "Q4 (2018/19), late"
    (back,) = read_feed(feed, file="x.ics")
    assert (back.venue, back.reporting_quarter) == (
        "Hall, Room 2; East\nWing",
        "Q4 (2018/19), late",
    )
    dates = periods_to_ical([], name=name, stamp=STAMP)
    assert _x(vobject.readOne(dates.decode()), "X-WR-CALNAME") == name


# Text of any script, with the line breaks and tabs a title may have: control characters are
# refused on reading (guards.control_character), so no title holds one.
PRINTABLE = st.characters(exclude_categories=["Cs", "Cc"], include_characters="\n\t")


@settings(max_examples=40, deadline=None)
@given(
    st.text(PRINTABLE, min_size=1, max_size=60).filter(lambda s: s.strip() == s and "\r" not in s)
)
def test_any_title_survives_the_feed(title: str) -> None:
    m = meeting(dt.date(2019, 6, 11), title=title)
    (back,) = read_feed(to_ical([m], name="x", stamp=STAMP), file="x.ics")
    assert back.summary == title


# -- reading back and bad input ----------------------------------------------------------------


def test_read_feed_gives_back_what_was_written() -> None:
    schedule = fixture_schedule()
    back = read_feed(to_ical(schedule.meetings, name="x", stamp=STAMP), file="x.ics")
    assert [b.uid for b in back] == [m.uid for m in schedule.meetings]
    first = back[0]
    assert first == FeedEvent(
        uid="council-2019-20-1@oadby-wigston.gov.uk",
        summary="Council (Annual Meeting)",
        start=dt.datetime(2019, 5, 14, 19, 0, tzinfo=LONDON),
        end=dt.datetime(2019, 5, 14, 22, 0, tzinfo=LONDON),
        status="confirmed",
        sequence=0,
        location="chamber",
        body="council",
        kind="council",
        venue="chamber",
        reporting_quarter=None,
        categories=("Council",),
    )


def test_bad_input_is_named() -> None:
    with pytest.raises(CalendarError, match=r"x\.ics: not iCalendar"):
        read_feed(b"hello", file="x.ics")
    floating = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:f@x\r\n"
        b"DTSTART:20191024T183000\r\nDTEND:20191024T203000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    with pytest.raises(CalendarError, match=r"x\.ics: f@x: .*floating"):
        read_feed(floating, file="x.ics")
    with pytest.raises(CalendarError, match="no UTC offset"):
        to_ical([], name="x", stamp=dt.datetime(2019, 3, 5))
    with pytest.raises(CalendarError, match="unknown time zone 'Mars/Olympus'"):
        to_ical([], name="x", stamp=STAMP, timezone="Mars/Olympus")
    with pytest.raises(CalendarError, match="previous feed"):
        to_ical([], name="x", stamp=STAMP, previous=b"not a calendar")


def test_useful_dates_are_all_day_events() -> None:
    schedule = fixture_schedule()
    feed = periods_to_ical(schedule.periods, name="Useful dates", stamp=STAMP)
    check_golden("useful-dates.ics", feed)
    calendar = icalendar.Calendar.from_ical(feed)
    christmas = recurring_ical_events.of(calendar).at(dt.date(2019, 12, 25))
    assert sorted(str(e["SUMMARY"]) for e in christmas) == [
        "Christmas Day",
        "Christmas closure",
        "Christmas holidays",
    ]
    purdah = next(e for e in calendar.events if e.categories == ["pre-election"])
    assert purdah.start == dt.date(2020, 4, 7)
    assert purdah.end == dt.date(2020, 5, 8)  # exclusive: the last day is 7 May 2020
    assert purdah["TRANSP"] == "TRANSPARENT"


# -- a real CalDAV server ----------------------------------------------------------------------

HAS_CALDAV = all(importlib.util.find_spec(m) for m in ("radicale", "caldav"))


def _objects(feed: bytes) -> list[bytes]:
    """A feed as CalDAV stores it: one calendar object per event, each with the VTIMEZONE."""
    calendar = icalendar.Calendar.from_ical(feed)
    out = []
    for event in calendar.events:
        one = icalendar.Calendar()
        for name in ("VERSION", "PRODID"):
            one.add(name, calendar[name])
        for tz in calendar.walk("VTIMEZONE"):
            one.add_component(tz)
        one.add_component(event)
        out.append(one.to_ical())
    return out


@pytest.mark.skipif(not HAS_CALDAV, reason="radicale and caldav are not installed")
def test_caldav_server_gives_back_the_meetings(radicale: str) -> None:
    caldav: Any = importlib.import_module("caldav")  # optional test tool

    schedule = fixture_schedule()
    feed = to_ical(schedule.meetings, name="OWBC", stamp=STAMP, venues=VENUES)
    client: Any = caldav.DAVClient(url=radicale, username="democratic-services", password="x")
    calendar = client.principal().make_calendar(name="OWBC meetings")
    for obj in _objects(feed):
        calendar.save_event(obj.decode())
    # The week of the October clock change, as a subscriber's calendar asks for it.
    found = calendar.search(
        start=dt.datetime(2019, 10, 21, tzinfo=dt.UTC),
        end=dt.datetime(2019, 11, 4, tzinfo=dt.UTC),
        event=True,
    )
    got = {}
    for item in found:
        event = icalendar.Calendar.from_ical(item.data).events[0]
        got[str(event["UID"])] = event
    expected = {
        m.uid: m for m in schedule.meetings if dt.date(2019, 10, 21) <= m.day < dt.date(2019, 11, 4)
    }
    assert set(got) == set(expected)
    assert len(expected) >= 2
    for uid, m in expected.items():
        assert got[uid].start == m.start
        assert str(got[uid]["SUMMARY"]) == m.title
        assert str(got[uid]["STATUS"]) == {
            "provisional": "TENTATIVE",
            "cancelled": "CANCELLED",
        }.get(m.status, "CONFIRMED")
