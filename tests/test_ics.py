"""Reading blackout calendars (.ics) into plain events: ics.py, the calendar layer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from meetings import ics
from meetings.errors import CalendarError, MeetingsError

DATA = Path(__file__).parent / "data" / "calendars"


def test_events_are_plain_dates_with_inclusive_ends() -> None:
    events = ics.read_events(DATA / "closures.ics")
    by_summary: dict[str, list[ics.IcsEvent]] = {}
    for e in events:
        by_summary.setdefault(e.summary, []).append(e)
    # DTEND of an all-day event is exclusive (RFC 5545): 23 Dec to 2 Jan means 23 Dec-1 Jan.
    shutdown = by_summary["Christmas shutdown"][0]
    assert (shutdown.start, shutdown.end) == (dt.date(2019, 12, 23), dt.date(2020, 1, 1))
    # No DTEND on an all-day event: one day.
    training = by_summary["Staff training day"][0]
    assert training.start == training.end == dt.date(2019, 10, 21)
    assert training.description == "No DTEND: one day"
    # A timed event that ends at midnight does not spill into the next day.
    timed = by_summary["Timed event ending at midnight"][0]
    assert timed.start == timed.end == dt.date(2019, 11, 5)
    # DURATION instead of DTEND.
    three = by_summary["Three days by duration"][0]
    assert (three.start, three.end) == (dt.date(2019, 11, 11), dt.date(2019, 11, 13))


def test_recurring_events_expand_without_excluded_dates() -> None:
    events = ics.read_events(DATA / "closures.ics")
    yearly = [e.start for e in events if e.summary == "Yearly event"]
    assert yearly == [dt.date(2019, 7, 4), dt.date(2021, 7, 4)]  # 2020 is an EXDATE


def test_cancelled_events_are_left_out() -> None:
    assert all(e.summary != "Cancelled event" for e in ics.read_events(DATA / "closures.ics"))


def test_events_come_in_date_order() -> None:
    events = ics.read_events(DATA / "closures.ics")
    assert [e.start for e in events] == sorted(e.start for e in events)


def test_calendar_properties_name_the_source() -> None:
    info = ics.read_ics(DATA / "closures.ics")
    assert info.name == "Test closures"
    assert info.source == "Hand-written test data, not real"  # TEXT escapes undone
    assert info.category == "closure"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("no-start.ics", "has no DTSTART"),
        ("bad-date.ics", "DTSTART is not a date"),
        ("backwards.ics", "DTEND 2019-01-05 is before DTSTART 2019-01-10"),
        ("not-ical.ics", "not an iCalendar file"),
        ("missing.ics", "cannot read calendar"),
    ],
)
def test_malformed_calendars_name_the_file_and_the_fault(name: str, message: str) -> None:
    with pytest.raises(CalendarError) as caught:
        ics.read_events(DATA / name)
    assert name in str(caught.value)
    assert message in str(caught.value)
    assert isinstance(caught.value, MeetingsError)
    assert isinstance(caught.value, ValueError)


def test_parse_ics_from_bytes_names_where() -> None:
    with pytest.raises(CalendarError, match=r"^feed\.ics: "):
        ics.parse_ics(b"BEGIN:VEVENT\r\nEND:VEVENT\r\n", where="feed.ics")


def test_endless_rule_is_expanded_to_the_horizon() -> None:
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\n"
        b"DTSTART;VALUE=DATE:20191225\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:Christmas\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    events = ics.parse_ics(data, where="x.ics", until=dt.date(2022, 1, 1)).events
    assert [e.start.year for e in events] == [2019, 2020, 2021]
    default = ics.parse_ics(data, where="x.ics").events
    assert len(default) == ics.RECURRENCE_YEARS + 1


def test_dtend_equal_to_dtstart_is_one_day() -> None:
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\n"
        b"DTSTART;VALUE=DATE:20191225\r\nDTEND;VALUE=DATE:20191225\r\nSUMMARY:Day\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    (event,) = ics.parse_ics(data, where="x.ics").events
    assert event.start == event.end == dt.date(2019, 12, 25)
