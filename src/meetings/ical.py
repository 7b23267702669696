"""The one adapter over `icalendar`: reading blackout calendars, and writing meeting feeds.

Reading (below, first half) turns an .ics file into plain data: `IcsEvent(summary, start,
end inclusive, description)`. It never imports `closures` (closures imports this module and
turns events into `Period`s). Writing (second half) turns meetings into a feed.

A file names its source with calendar properties, since iCalendar has no comment syntax:
`X-MEETINGS-SOURCE` (the publisher and address the dates came from), else `X-WR-CALDESC`.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import icalendar
from dateutil import rrule

from meetings.errors import CalendarError

if TYPE_CHECKING:  # only for annotations: closures and schedule import this module
    from meetings.closures import Period
    from meetings.schedule import Meeting

# =============================================================================================
# Reading: .ics -> IcsCalendar / IcsEvent (helper A)
# =============================================================================================

SOURCE_PROPERTY = "X-MEETINGS-SOURCE"
CATEGORY_PROPERTY = "X-MEETINGS-CATEGORY"  # what the periods are: "school-holiday"…
RECURRENCE_YEARS = 10  # how far an endless RRULE is expanded when no `until` is given


@attrs.frozen(kw_only=True)
class IcsEvent:
    """One event of a calendar file as plain dates: `end` is inclusive (the last day)."""

    summary: str
    start: dt.date
    end: dt.date  # inclusive: RFC 5545 DTEND of an all-day event is exclusive, we subtract a day
    description: str = ""
    uid: str = ""
    categories: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class IcsCalendar:
    """A calendar file: its name, where its dates come from, and its events in date order."""

    path: str
    name: str
    source: str
    category: str  # from X-MEETINGS-CATEGORY, "" when the file does not say
    events: tuple[IcsEvent, ...]


def read_events(path: str | Path, *, until: dt.date | None = None) -> tuple[IcsEvent, ...]:
    """The events of an .ics file, in date order (recurring events expanded to `until`)."""
    return read_ics(path, until=until).events


def read_ics(path: str | Path, *, until: dt.date | None = None) -> IcsCalendar:
    """Read an .ics file. A missing or malformed file raises CalendarError naming the file."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise CalendarError(f"{p}: cannot read calendar: {exc.strerror or exc}") from exc
    return parse_ics(data, where=str(p), until=until)


def _reason(exc: Exception) -> str:
    """icalendar's message, which quotes the bad line: kept short and printable, so a binary
    file given by mistake does not fill the terminal."""
    text = str(exc)
    if not text.isprintable():
        return "the file is not text (is it an .ics file?)"
    return text if len(text) <= 120 else text[:117] + "..."


def parse_ics(data: bytes, *, where: str, until: dt.date | None = None) -> IcsCalendar:
    """Parse the bytes of an .ics file; `where` names it in error messages."""
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError as exc:
        raise CalendarError(f"{where}: not an iCalendar file (RFC 5545): {_reason(exc)}") from exc
    if calendar.name != "VCALENDAR":
        raise CalendarError(f"{where}: expected a VCALENDAR, found {calendar.name}")
    events: list[IcsEvent] = []
    for index, component in enumerate(calendar.walk("VEVENT")):
        if str(component.get("STATUS", "")).upper() == "CANCELLED":
            continue
        events.extend(_events(component, where=f"{where}: event {index + 1}", until=until))
    return IcsCalendar(
        path=where,
        name=_text(calendar.get("X-WR-CALNAME", "")),
        source=_text(calendar.get(SOURCE_PROPERTY, calendar.get("X-WR-CALDESC", ""))),
        category=_text(calendar.get(CATEGORY_PROPERTY, "")),
        events=tuple(sorted(events, key=lambda e: (e.start, e.end, e.summary))),
    )


def _text(value: object) -> str:
    # X- properties come back as raw TEXT; undo the RFC 5545 3.3.11 escapes.
    out, chars = [], iter(str(value))
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            out.append("\n" if nxt in "nN" and nxt else nxt)
        else:
            out.append(ch)
    return "".join(out).strip()


def _day(value: object) -> dt.date:
    # A timed event counts on the day of its own (local) clock time.
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise TypeError(f"expected a date or date-time, found {value!r}")


def _prop_date(component: icalendar.cal.Component, name: str, where: str) -> object | None:
    errors = [msg for prop, msg in getattr(component, "errors", ()) if prop == name]
    if errors:
        raise CalendarError(f"{where}: {name} is not a date: {errors[0]}")
    prop = component.get(name)
    if prop is None:
        return None
    try:
        value: object = prop.dt
    except (AttributeError, ValueError) as exc:
        raise CalendarError(f"{where}: {name} is not a date: {exc}") from exc
    return value


def _events(
    component: icalendar.cal.Component, *, where: str, until: dt.date | None
) -> list[IcsEvent]:
    summary = str(component.get("SUMMARY", "")).strip()
    if summary:
        where = f"{where} ({summary!r})"
    start_value = _prop_date(component, "DTSTART", where)
    if start_value is None:
        raise CalendarError(f"{where}: has no DTSTART; every event needs a start date")
    if not isinstance(start_value, dt.date):
        raise CalendarError(f"{where}: DTSTART {start_value!r} is not a date or date-time")
    start = _day(start_value)
    end_value = _prop_date(component, "DTEND", where)
    duration = component.get("DURATION")
    if end_value is not None:
        if not isinstance(end_value, dt.date):
            raise CalendarError(f"{where}: DTEND {end_value!r} is not a date or date-time")
        if isinstance(end_value, dt.datetime):
            # A timed event ending at midnight does not touch the next day.
            last = end_value - dt.timedelta(microseconds=1)
            end = max(_day(last), start)
        else:
            # DTEND of a DATE is exclusive (RFC 5545 3.6.1); some feeds repeat DTSTART for a
            # one-day event, which we read as one day rather than none.
            end = max(end_value - dt.timedelta(days=1), start)
        if _day(end_value) < start:
            raise CalendarError(
                f"{where}: DTEND {end_value} is before DTSTART {start_value}; "
                "DTEND must be after the start (and is exclusive for all-day events)"
            )
    elif duration is not None:
        length = duration.dt if hasattr(duration, "dt") else duration
        if not isinstance(length, dt.timedelta):
            raise CalendarError(f"{where}: DURATION {duration!r} is not a duration")
        end = start + max(length - dt.timedelta(days=1), dt.timedelta(0))
        if isinstance(start_value, dt.datetime):
            end = max(_day(start_value + length - dt.timedelta(microseconds=1)), start)
    else:
        end = start  # RFC 5545 3.6.1: an all-day event without DTEND lasts one day
    description = str(component.get("DESCRIPTION", "")).strip()
    uid = str(component.get("UID", ""))
    categories = _categories(component)
    span = end - start
    return [
        IcsEvent(
            summary=summary,
            start=day,
            end=day + span,
            description=description,
            uid=uid,
            categories=categories,
        )
        for day in _occurrences(component, start, where=where, until=until)
    ]


def _categories(component: icalendar.cal.Component) -> tuple[str, ...]:
    raw = component.get("CATEGORIES")
    if raw is None:
        return ()
    items = raw if isinstance(raw, list) else [raw]
    out: list[str] = []
    for item in items:
        cats = getattr(item, "cats", None)
        out.extend(str(c) for c in (cats if cats is not None else [item]))
    return tuple(out)


def _occurrences(
    component: icalendar.cal.Component, start: dt.date, *, where: str, until: dt.date | None
) -> list[dt.date]:
    rule = component.get("RRULE")
    if rule is None:
        return [start]
    horizon = until or start.replace(year=start.year + RECURRENCE_YEARS)
    text = rule.to_ical().decode()
    try:
        # Expand on naive midnights: only the dates matter for a blackout period.
        recur = rrule.rrulestr(
            text,
            dtstart=dt.datetime.combine(start, dt.time()),
            ignoretz=True,
        )
        days = [
            d.date()
            for d in recur.between(
                dt.datetime.combine(start, dt.time()),
                dt.datetime.combine(horizon, dt.time()),
                inc=True,
            )
        ]
    except (ValueError, TypeError) as exc:
        raise CalendarError(f"{where}: RRULE {text!r} cannot be expanded: {exc}") from exc
    excluded = {_day(d.dt) for ex in _as_list(component.get("EXDATE")) for d in ex.dts}
    return [d for d in days if d not in excluded]


def _as_list(value: object) -> list[icalendar.prop.vDDDLists]:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]  # type: ignore[list-item]


# =============================================================================================
# Writing: meetings -> .ics feed (helper E adds `to_ical` and friends below this line)
# =============================================================================================

PRODID = "-//meetings//Schedule of Council and Allied Meetings//EN"
TBC = "TBC"  # a venue not yet fixed (seed 000, para 2.3: "will be confirmed at the AGM")

# STATUS (RFC 5545 s.3.8.1.11): a provisional meeting is tentative until the annual meeting
# adopts the schedule (seed 000, para 4.2: "clearly marked as 'Provisional'").
_STATUS = {"provisional": "TENTATIVE", "confirmed": "CONFIRMED", "cancelled": "CANCELLED"}
_MEETING_STATUS = {value: key for key, value in _STATUS.items()}

# CATEGORIES shown by calendar programs; the table groups by the same kinds.
CATEGORY = {
    "council": "Council",
    "committee": "Committee",
    "sub-committee": "Sub-Committee",
    "working-group": "Working Group",
    "portfolio-holder": "Portfolio Holder",
    "event": "Event",
}

# Our own properties (RFC 5545 s.3.8.8.2 allows X- names) so `meetings check` can read a
# published feed back into the schedule it came from.
X_BODY = "X-MEETINGS-BODY"
X_KIND = "X-MEETINGS-KIND"
X_VENUE = "X-MEETINGS-VENUE"
X_QUARTER = "X-MEETINGS-QUARTER"


def location(venue: str | None, venues: Mapping[str, str] | None = None) -> str:
    """LOCATION: how `venues` writes the venue out (its name and address), the venue as given
    when `venues` does not know it, or 'TBC'."""
    if venue is None:
        return TBC
    return (venues or {}).get(venue, venue)


def _description(meeting: Meeting, where: str, link: str | None, body_name: str) -> str:
    lines = [meeting.title]
    if body_name and body_name != meeting.title:
        lines.append(f"Body: {body_name}")
    lines.append(f"Venue: {where}")
    if meeting.reporting_quarter:
        lines.append(f"Quarterly performance report: {meeting.reporting_quarter}")
    if meeting.status == "provisional":
        lines.append("Provisional until the schedule is adopted at the annual meeting.")
    elif meeting.status == "cancelled":
        lines.append("This meeting has been cancelled.")
    if link:
        lines.append(f"Agenda: {link}")
    return "\n".join(lines)


@attrs.frozen
class _Fingerprint:
    """What a subscriber sees of a meeting; a change in any of it raises SEQUENCE."""

    start: dt.datetime
    end: dt.datetime
    summary: str
    location: str
    status: str


@attrs.frozen
class _Published:
    """A meeting as an earlier publication of the feed has it."""

    seen: _Fingerprint
    event: icalendar.Event


@functools.lru_cache(maxsize=1)
def _parsed(feed: bytes) -> icalendar.Calendar:
    """A published feed, parsed once however often it is read: `meetings schedule` compares
    every feed it writes with the same previous one. Its readers never change it."""
    return icalendar.Calendar.from_ical(feed)


@functools.lru_cache(maxsize=1)
def _published(feed: bytes) -> tuple[tuple[str, str, _Published], ...]:
    """(body, UID, meeting) of each timed event of an earlier publication, read once: the
    feed of every body is compared with the same whole-council feed."""
    try:
        found = []
        for event in _parsed(feed).events:
            uid = str(event.get("UID", ""))
            start, end = event.start, event.end
            if not uid or not isinstance(start, dt.datetime) or not isinstance(end, dt.datetime):
                continue  # an all-day event is not a meeting
            seen = _Fingerprint(
                start=start,
                end=end,
                summary=str(event.get("SUMMARY", "")),
                location=str(event.get("LOCATION", "")),
                status=str(event.get("STATUS", "")),
            )
            found.append((_text(event.get(X_BODY, "")), uid, _Published(seen=seen, event=event)))
    except ValueError as exc:  # icalendar's InvalidCalendar is a ValueError too
        message = f"the previous feed is not usable iCalendar data: {_reason(exc)}"
        raise CalendarError(message) from exc
    return tuple(found)


def _previous_events(previous: bytes, body: str | None) -> dict[str, _Published]:
    """UID -> each meeting (timed event) of an earlier publication of the feed; with `body`,
    only that body's meetings (by X-MEETINGS-BODY)."""
    return {uid: p for b, uid, p in _published(previous) if body is None or b == body}


def _cancelled(previous: icalendar.Event, dtstamp: icalendar.vDatetime) -> icalendar.Event:
    """A meeting published before and no longer planned, as the feed now carries it: the
    previous VEVENT, cancelled. Deleting it would leave it in subscribers' calendars, or make
    it vanish unexplained; RFC 5545 s.3.8.1.11 and s.3.8.7.4: STATUS:CANCELLED with a higher
    SEQUENCE is how a published event is withdrawn."""
    event = previous.copy()  # the parsed previous feed is shared (`_parsed`): left as it is
    if str(event.get("STATUS", "")).upper() != "CANCELLED":
        event["STATUS"] = icalendar.vText("CANCELLED")
        event["SEQUENCE"] = icalendar.vInt(int(event.get("SEQUENCE", 0)) + 1)
    event["DTSTAMP"] = dtstamp
    return event


def _zone(timezone: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise CalendarError(
            f"unknown time zone {timezone!r}; expected an IANA name such as 'Europe/London'"
        ) from exc


def _calendar(name: str, url: str | None) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    # icalendar 7 does not know these two (vUnknown) and would write them unescaped: a comma
    # would cut the name short in other readers and a newline could not be written at all.
    # Both are TEXT (RFC 7986 s.5.1; X-WR-CALNAME by convention), escaped by RFC 5545 s.3.3.11.
    calendar["X-WR-CALNAME"] = icalendar.vText(name)
    calendar["NAME"] = icalendar.vText(name)  # the standard spelling of X-WR-CALNAME
    if url:
        calendar.add("URL", url)
    return calendar


def _add_timezone(
    calendar: icalendar.Calendar, zone: zoneinfo.ZoneInfo, days: Iterable[dt.date]
) -> None:
    """VTIMEZONE covering whole years around the events: local times stay right across the
    clock changes in any client, and the block depends only on the years (reproducible)."""
    years = sorted({day.year for day in days})
    if not years:
        return
    calendar.add_component(
        icalendar.Timezone.from_tzinfo(
            zone,
            tzid=zone.key,
            first_date=dt.date(years[0], 1, 1),
            last_date=dt.date(years[-1] + 1, 1, 1),
        )
    )


def _utc(stamp: dt.datetime) -> dt.datetime:
    if stamp.tzinfo is None:
        raise CalendarError(f"the stamp {stamp.isoformat()} has no UTC offset")
    return stamp.astimezone(dt.UTC)


def to_ical(
    meetings: Iterable[Meeting],
    *,
    name: str,
    stamp: dt.datetime,
    timezone: str = "Europe/London",
    previous: bytes | None = None,
    body: str | None = None,
    venues: Mapping[str, str] | None = None,
    bodies: Mapping[str, str] | None = None,
    links: Mapping[str, str] | None = None,
    url: str | None = None,
) -> bytes:
    """An iCalendar feed (RFC 5545) of `meetings`, named `name`, in local time of `timezone`.

    `stamp` is the publication time (DTSTAMP), so the same input gives the same bytes.
    `previous` is the feed as last published: a meeting whose date, time, title, place or
    status changed since then gets a higher SEQUENCE, so subscribers' calendars update it,
    and a meeting no longer among `meetings` stays in the feed, cancelled (SEQUENCE raised).
    `body` says the feed is that body's (its id): only its meetings are taken from
    `previous`, which may then be the whole council's feed.
    `venues` maps a meeting's venue (id or name) to the LOCATION text, "Council Chamber,
    Station Road, Wigston, LE18 2DR"; `bodies` maps a body id to its name,
    `links` a meeting UID to its agenda page (URL and DESCRIPTION); `url` is the page for
    the whole schedule, used when a meeting has no agenda link yet.
    """
    zone = _zone(timezone)
    dtstamp = icalendar.vDatetime(_utc(stamp))  # one value shared by every event
    before = _previous_events(previous, body) if previous else {}
    events: list[tuple[dt.datetime, str, icalendar.Event]] = []
    for meeting in meetings:
        start = meeting.start.astimezone(zone)
        end = meeting.end.astimezone(zone)
        where = location(meeting.venue, venues)
        status = _STATUS[meeting.status]
        sequence = 0
        if (old := before.pop(meeting.uid, None)) is not None:
            now = _Fingerprint(
                start=start, end=end, summary=meeting.title, location=where, status=status
            )
            sequence = int(old.event.get("SEQUENCE", 0))
            if now != old.seen:
                sequence += 1
        link = (links or {}).get(meeting.uid)
        # Typed values set directly rather than through Component.add, which infers each
        # property's type and the datetime's TZID again for every event: this halves the time
        # of building 10,000 events (bench/bench_ical.py). vDatetime of an aware time writes
        # TZID=<zone key> (RFC 5545 s.3.2.19); vText escapes commas, semicolons and newlines.
        event = icalendar.Event()
        event["UID"] = icalendar.vText(meeting.uid)
        event["DTSTAMP"] = dtstamp
        event["SEQUENCE"] = icalendar.vInt(sequence)
        event["DTSTART"] = icalendar.vDatetime(start)
        event["DTEND"] = icalendar.vDatetime(end)
        event["SUMMARY"] = icalendar.vText(meeting.title)
        event["LOCATION"] = icalendar.vText(where)
        event["STATUS"] = icalendar.vText(status)
        event["DESCRIPTION"] = icalendar.vText(
            _description(meeting, where, link, (bodies or {}).get(meeting.body, ""))
        )
        event["CATEGORIES"] = icalendar.vCategory([CATEGORY.get(meeting.kind, "Event")])
        if page := link or url:
            event["URL"] = icalendar.vUri(page)
        event[X_BODY] = icalendar.vText(meeting.body)
        event[X_KIND] = icalendar.vText(str(meeting.kind))
        event[X_VENUE] = icalendar.vText(meeting.venue or TBC)
        if meeting.reporting_quarter:
            event[X_QUARTER] = icalendar.vText(meeting.reporting_quarter)
        events.append((start, meeting.uid, event))
    events.extend(
        (old.seen.start, uid, _cancelled(old.event, dtstamp)) for uid, old in before.items()
    )
    events.sort(key=lambda item: (item[0], item[1]))
    calendar = _calendar(name, url)
    _add_timezone(calendar, zone, (start.astimezone(zone).date() for start, _, _ in events))
    for _, _, event in events:
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def periods_to_ical(
    periods: Iterable[Period],
    *,
    name: str,
    stamp: dt.datetime,
    domain: str = "meetings.invalid",
) -> bytes:
    """The "useful dates" feed: bank holidays, school holidays, closures and the pre-election
    period as all-day events (DTEND is the day after the last, RFC 5545 s.3.6.1)."""
    stamp_utc = _utc(stamp)
    calendar = _calendar(name, None)
    for period in sorted(periods, key=lambda p: (p.start, p.end, p.category, p.name)):
        event = icalendar.Event()
        # Derived from what the period is, so re-publishing never duplicates it.
        slug = "-".join("".join(c if c.isalnum() else " " for c in period.name.lower()).split())
        event.add("UID", f"{period.category}-{period.start.isoformat()}-{slug}@{domain}")
        event.add("DTSTAMP", stamp_utc)
        event.add("DTSTART", period.start)
        event.add("DTEND", period.end + dt.timedelta(days=1))
        event.add("SUMMARY", period.name)
        event.add("CATEGORIES", [period.category])
        event.add("TRANSP", "TRANSPARENT")  # a holiday does not make anyone busy
        if period.source:
            event.add("DESCRIPTION", f"Source: {period.source}")
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


# -- reading a published feed back (`meetings check SCHEDULE.ics`) ----------------------------


@attrs.frozen(kw_only=True)
class FeedEvent:
    """One timed event of a published feed, as `meetings check` needs it."""

    uid: str
    summary: str
    start: dt.datetime
    end: dt.datetime
    status: str  # provisional / confirmed / cancelled
    sequence: int
    location: str
    body: str | None  # from our X- properties when the feed is ours
    kind: str | None
    venue: str | None
    reporting_quarter: str | None
    categories: tuple[str, ...]


def read_feed(data: bytes, *, file: str) -> tuple[FeedEvent, ...]:
    """The timed events of an iCalendar feed, in date order; all-day events are skipped."""
    try:
        calendar = _parsed(data)
    except ValueError as exc:
        raise CalendarError(f"{file}: not iCalendar data: {_reason(exc)}") from exc
    events: list[FeedEvent] = []
    for index, event in enumerate(calendar.events):
        uid = str(event.get("UID", "")) or f"VEVENT {index + 1}"
        try:
            start, end = event.start, event.end
        except (ValueError, icalendar.IncompleteComponent) as exc:  # no or bad DTSTART
            raise CalendarError(f"{file}: {uid}: {exc}") from exc
        if not isinstance(start, dt.datetime) or not isinstance(end, dt.datetime):
            continue
        if start.tzinfo is None or end.tzinfo is None:
            raise CalendarError(
                f"{file}: {uid}: DTSTART {start.isoformat()} is a floating time; "
                "expected a TZID or a UTC time"
            )
        if "UID" not in event:
            raise CalendarError(f"{file}: {uid}: no UID (every meeting needs one)")
        status = str(event.get("STATUS", "CONFIRMED")).upper()
        # icalendar keeps X- properties as written (vUnknown): undo the TEXT escapes.
        ours = {
            key: _text(event[key]) for key in (X_BODY, X_KIND, X_VENUE, X_QUARTER) if key in event
        }
        venue = ours.get(X_VENUE)
        events.append(
            FeedEvent(
                uid=uid,
                summary=str(event.get("SUMMARY", "")),
                start=start,
                end=end,
                status=_MEETING_STATUS.get(status, "confirmed"),
                sequence=int(event.get("SEQUENCE", 0)),
                location=str(event.get("LOCATION", "")),
                body=ours.get(X_BODY),
                kind=ours.get(X_KIND),
                venue=None if venue == TBC else venue,
                reporting_quarter=ours.get(X_QUARTER),
                categories=tuple(str(c) for c in event.categories),
            )
        )
    return tuple(sorted(events, key=lambda e: (e.start, e.uid)))
