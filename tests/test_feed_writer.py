"""ical.py writes the feeds' content lines itself (five to ten times faster than icalendar's
serialiser): these tests hold it to the bytes icalendar's own `Calendar.to_ical()` writes for
the same calendar, on random calendars, and check that any text survives the round trip.
"""

from __future__ import annotations

import datetime as dt
import importlib
import string
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import icalendar
import pytest
from helpers import VENUES, fixture_schedule, ical_js, meeting
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar.parser.string import _foldline

from meetings import ical, ics
from meetings.closures import Period
from meetings.dates import LONDON
from meetings.guards import control_character
from meetings.ical import to_ical
from meetings.ics import read_feed
from meetings.schedule import Meeting, MeetingStatus

vobject: Any = importlib.import_module("vobject")

STAMP = dt.datetime(2019, 3, 5, 12, tzinfo=dt.UTC)

# Text that has broken escaping before: backslashes before N, n, commas and semicolons, carets
# (which icalendar never leaves at the end of a folded line), multi-byte characters that land
# on a fold, and plain text.
TRICKY = st.sampled_from(
    ["\\", "\\N", "\\n", "N", "n", ",", ";", ":", "^", '"', "\n", " ", "é", "😀", "\uff41", "x"]
)
# Control characters are refused on reading (guards.control_character): no title holds one.
PLAIN = st.text(max_size=8).map(lambda s: "".join(c for c in s if not control_character(c)))
TEXT = st.lists(st.one_of(TRICKY, PLAIN), max_size=30).map("".join)
TITLE = TEXT.filter(lambda s: s.strip() == s and s != "" and "\r" not in s)


# -- text survives the round trip ----------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "C:\\New folder",
        "a literal \\N, not a newline",
        "\\n\\N\\\\N\\,\\;",
        "Line\nbreak; and, more",
    ],
)
def test_backslashes_come_back_unchanged(title: str) -> None:
    # icalendar 7 turned the backslash-N of "C:\New folder" into a newline when writing, so
    # readers saw "C:\new folder" (issue 16).
    m = meeting(dt.date(2019, 6, 11), title=title, venue=title)
    feed = to_ical([m], name=title, stamp=STAMP)
    (back,) = read_feed(feed, file="x.ics")
    assert (back.summary, back.venue, back.location) == (title, title, title)
    calendar = icalendar.Calendar.from_ical(feed)
    assert str(calendar.events[0]["SUMMARY"]) == title
    assert ics.text_value(calendar["X-WR-CALNAME"]) == title
    assert vobject.readOne(feed.decode()).vevent.summary.value == title
    if title == "C:\\New folder":
        assert "SUMMARY:C:\\\\New folder\r\n" in feed.decode()


@settings(max_examples=150)
@given(title=TITLE, venue=TITLE, name=TITLE)
def test_any_text_survives_the_feed(title: str, venue: str, name: str) -> None:
    m = meeting(dt.date(2019, 10, 24), title=title, venue=venue, quarter=title)
    feed = to_ical([m], name=name, stamp=STAMP)
    (back,) = read_feed(feed, file="x.ics")
    assert (back.summary, back.location, back.venue, back.reporting_quarter) == (
        title,
        venue,
        venue,
        title,
    )
    calendar = icalendar.Calendar.from_ical(feed)
    assert ics.text_value(calendar["NAME"]) == name
    event = vobject.readOne(feed.decode()).vevent
    assert (event.summary.value, event.location.value) == (title, venue)


def test_ical_js_reads_the_escapes_back() -> None:

    titles = ["C:\\New folder", "\\N stays", "Policy, Finance; and\nDevelopment"]
    meetings = [
        meeting(dt.date(2019, 6, 11 + i), uid=f"{i}@x", title=t, venue=t)
        for i, t in enumerate(titles)
    ]
    got = ical_js(to_ical(meetings, name="x", stamp=STAMP))
    assert [(got[f"{i}@x"]["summary"], got[f"{i}@x"]["location"]) for i in range(3)] == [
        (t, t) for t in titles
    ]


# -- the writer writes what icalendar writes ----------------------------------------------------


@settings(max_examples=300)
@given(st.text(max_size=300))
def test_folding_is_icalendars(line: str) -> None:
    line = line.replace("\n", " ").replace("\r", " ")
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        return  # a lone surrogate cannot be written by either
    assert ical._fold(line) == _foldline(line)


@settings(max_examples=300)
@given(st.text(alphabet=string.ascii_letters + "\\^;, ", min_size=60, max_size=400))
def test_ascii_folding_around_escapes_is_icalendars(line: str) -> None:
    assert ical._fold(line) == _foldline(line)


ZONE_NAMES = ["Europe/London", "UTC", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"]


@settings(max_examples=200)
@given(
    when=st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1)),
    zone=st.sampled_from(ZONE_NAMES),
)
def test_local_times_are_written_as_vdatetime_writes_them(when: dt.datetime, zone: str) -> None:
    value = when.replace(tzinfo=dt.UTC).astimezone(ZoneInfo(zone))
    ours = ical._local_times(ZoneInfo(zone))(value)
    theirs = icalendar.vDatetime(value)
    assert ours.to_ical() == theirs.to_ical()  # type: ignore[no-untyped-call]
    assert ours.params.to_ical() == theirs.params.to_ical()


def feed_meetings() -> st.SearchStrategy[list[Meeting]]:
    one = st.builds(
        lambda n, day, minutes, title, venue, status, quarter: meeting(
            dt.date(2019, 1, 1) + dt.timedelta(days=day),
            uid=f"m-{n}@x",
            title=title,
            venue=venue,
            at=dt.time(minutes // 60, minutes % 60),
            status=status,
            quarter=quarter,
        ),
        st.integers(0, 10**6),
        st.integers(0, 3 * 366),
        st.integers(0, 24 * 60 - 1),
        TITLE,
        st.none() | TITLE,
        st.sampled_from(list(MeetingStatus)),
        st.none() | TITLE,
    )
    return st.lists(one, max_size=6, unique_by=lambda m: m.uid)


@settings(max_examples=60)
@given(
    meetings=feed_meetings(),
    later=feed_meetings(),
    name=TITLE,
    description=st.none() | TEXT,
    url=st.none() | st.sampled_from(["https://example.org/meetings", "https://x.test/a?b=c,d"]),
    zone=st.sampled_from(ZONE_NAMES),
    refresh=st.none() | st.sampled_from([dt.timedelta(hours=6), dt.timedelta(days=7)]),
)
def test_meetings_feed_is_byte_for_byte_icalendars(  # noqa: PLR0917  (hypothesis gives them)
    meetings: list[Meeting],
    later: list[Meeting],
    name: str,
    description: str | None,
    url: str | None,
    zone: str,
    refresh: dt.timedelta | None,
) -> None:
    # the earlier publication: a meeting dropped since stays in the feed, cancelled, as
    # icalendar parsed it (its values are icalendar's, written by the generic path)
    previous = to_ical(meetings, name=name, stamp=STAMP, timezone=zone)
    links = {m.uid: f"https://example.org/meetings/{m.uid}.html" for m in later[:2]}
    feed = ical._meetings_feed(
        later,
        name=name,
        stamp=STAMP + dt.timedelta(days=1),
        timezone=zone,
        previous=previous,
        links=links,
        url=url,
        description=description,
        refresh=refresh,
    )
    written = feed.to_ical()
    assert written == feed.calendar().to_ical()
    assert len(icalendar.Calendar.from_ical(written).events) == len(
        {m.uid for m in meetings} | {m.uid for m in later}
    )


@settings(max_examples=40)
@given(
    st.lists(
        st.builds(
            lambda day, length, name, category, source: Period(
                name=name,
                start=dt.date(2019, 1, 1) + dt.timedelta(days=day),
                end=dt.date(2019, 1, 1) + dt.timedelta(days=day + length),
                category=category,
                source=source,
            ),
            st.integers(0, 700),
            st.integers(0, 30),
            TITLE,
            st.sampled_from(["bank-holiday", "school-holiday", "closure"]),
            TEXT,
        ),
        max_size=8,
    ),
    TITLE,
)
def test_useful_dates_feed_is_byte_for_byte_icalendars(periods: list[Period], name: str) -> None:
    feed = ical._periods_feed(
        periods, name=name, stamp=STAMP, domain="x.test", description=None, refresh=ical.REFRESH
    )
    assert feed.to_ical() == feed.calendar().to_ical()


def own_parameters(text: str) -> ical._Text:
    value = ical._Text(text)
    value.params = icalendar.Parameters()  # the shared empty ones cannot change
    return value


def test_shared_parameters_cannot_change() -> None:
    value = ical._Text("x")
    with pytest.raises(TypeError, match="shared parameters"):
        value.params["LANGUAGE"] = "en-GB"
    assert ical._Text("y").params == {}


# Random components of icalendar's own values, parameters included: the generic path the
# VTIMEZONE and carried-over cancelled meetings take.
VALUES = st.one_of(
    TEXT.map(icalendar.vText),
    TEXT.map(own_parameters),
    st.integers(-(10**6), 10**6).map(icalendar.vInt),
    st.datetimes(
        min_value=dt.datetime(1970, 1, 1),
        max_value=dt.datetime(2100, 1, 1),
        timezones=st.sampled_from([None, dt.UTC, LONDON, ZoneInfo("America/New_York")]),
    ).map(icalendar.vDatetime),
    st.dates().map(icalendar.vDDDTypes),
    st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=400)).map(
        icalendar.vDuration
    ),
    st.lists(TEXT, min_size=1, max_size=3).map(icalendar.vCategory),
    st.sampled_from(["https://example.org/a,b;c", "mailto:x@example.org"]).map(icalendar.vUri),
)
PARAMETERS = st.dictionaries(
    st.sampled_from(["LANGUAGE", "ALTREP", "X-NOTE", "CN"]),
    st.sampled_from(["en-GB", "cy", "https://example.org/a;b", 'say "hi"', "a:b", "é,ü"]),
    max_size=2,
)
NAMES = st.sampled_from(
    ["SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "X-MEETINGS-NOTE", "X-A", "CONTACT"]
)


@st.composite
def components(draw: st.DrawFn, depth: int = 0) -> icalendar.cal.Component:
    kind = draw(st.sampled_from([icalendar.Event, icalendar.Todo, icalendar.Alarm]))
    component = kind()
    for name in draw(st.lists(NAMES, max_size=5, unique=True)):
        values = []
        for _ in range(draw(st.integers(1, 2))):
            value = draw(VALUES)
            for key, text in draw(PARAMETERS).items():
                value.params[key] = text
            values.append(value)
        component[name] = values if len(values) > 1 else values[0]
    if depth < 2:
        for sub in draw(st.lists(components(depth + 1), max_size=2)):
            component.add_component(sub)
    return component


@settings(max_examples=150)
@given(st.lists(components(), max_size=4), TEXT)
def test_any_calendar_is_written_as_icalendar_writes_it(
    children: list[icalendar.cal.Component], name: str
) -> None:
    calendar = icalendar.Calendar()
    calendar["PRODID"] = ical._Text("-//test//EN")
    calendar["X-WR-CALNAME"] = ical._Text(name)
    for child in children:
        calendar.add_component(child)
    writer = ical._Writer()
    writer.component(calendar)
    assert writer.to_ical() == calendar.to_ical()


def test_the_example_feeds_are_icalendars_bytes() -> None:
    schedule = fixture_schedule()
    venues = VENUES
    feed = ical._meetings_feed(schedule.meetings, name="OWBC", stamp=STAMP, venues=venues)
    assert feed.to_ical() == feed.calendar().to_ical()
    again = attrs.evolve(schedule.meetings[0], title="Moved")
    moved = ical._meetings_feed(
        [again], name="OWBC", stamp=STAMP, previous=feed.to_ical(), venues=venues
    )
    assert moved.to_ical() == moved.calendar().to_ical()
