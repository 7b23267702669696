"""Writing meeting feeds, the publishing layer's adapter over `icalendar`: the council's and
each body's feed (UIDs, SEQUENCE against an earlier publication, cancelled meetings kept) and
the "useful dates" feed. Reading .ics files is the calendar layer's (ics.py)."""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from collections.abc import Iterable, Mapping

import attrs
import icalendar

from meetings import ics
from meetings.closures import Period
from meetings.errors import CalendarError
from meetings.ics import STATUS, TBC, X_BODY, X_KIND, X_QUARTER, X_VENUE
from meetings.schedule import Meeting

PRODID = "-//meetings//Schedule of Council and Allied Meetings//EN"

# CATEGORIES shown by calendar programs; the table groups by the same kinds.
CATEGORY = {
    "council": "Council",
    "committee": "Committee",
    "sub-committee": "Sub-Committee",
    "working-group": "Working Group",
    "portfolio-holder": "Portfolio Holder",
    "event": "Event",
}


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
def _published(feed: bytes) -> tuple[tuple[str, str, _Published], ...]:
    """(body, UID, meeting) of each timed event of an earlier publication, read once: the
    feed of every body is compared with the same whole-council feed."""
    try:
        found = []
        for event in ics.parsed(feed).events:
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
            found.append(
                (ics.text_value(event.get(X_BODY, "")), uid, _Published(seen=seen, event=event))
            )
    except ValueError as exc:  # icalendar's InvalidCalendar is a ValueError too
        message = f"the previous feed is not usable iCalendar data: {ics.reason(exc)}"
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
    event = previous.copy()  # the parsed previous feed is shared (`ics.parsed`): left as it is
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
        status = STATUS[meeting.status]
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
