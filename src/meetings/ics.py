"""Reading iCalendar files, the calendar layer's adapter over `icalendar`: blackout
calendars (.ics) become plain data, `IcsEvent(summary, start, end inclusive, description)`,
and a published feed becomes `FeedEvent`s for `meetings check`. No meeting model here:
closures.py turns events into `Period`s; writing feeds is publishing's (ical.py).

A file names its source with calendar properties, since iCalendar has no comment syntax:
`X-MEETINGS-SOURCE` (the publisher and address the dates came from), else `X-WR-CALDESC`.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import attrs
import icalendar
from dateutil import rrule

from meetings import guards
from meetings.errors import CalendarError

TBC = "TBC"  # a venue not yet fixed (seed 000, para 2.3: "will be confirmed at the AGM")

# STATUS (RFC 5545 s.3.8.1.11): a provisional meeting is tentative until the annual meeting
# adopts the schedule (seed 000, para 4.2: "clearly marked as 'Provisional'").
STATUS = {"provisional": "TENTATIVE", "confirmed": "CONFIRMED", "cancelled": "CANCELLED"}
MEETING_STATUS = {value: key for key, value in STATUS.items()}

# Our own properties (RFC 5545 s.3.8.8.2 allows X- names) so `meetings check` can read a
# published feed back into the schedule it came from.
X_BODY = "X-MEETINGS-BODY"
X_KIND = "X-MEETINGS-KIND"
X_VENUE = "X-MEETINGS-VENUE"
X_QUARTER = "X-MEETINGS-QUARTER"

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


def reason(exc: Exception) -> str:
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
        raise CalendarError(f"{where}: not an iCalendar file (RFC 5545): {reason(exc)}") from exc
    if calendar.name != "VCALENDAR":
        raise CalendarError(f"{where}: expected a VCALENDAR, found {calendar.name}")
    events: list[IcsEvent] = []
    for index, component in enumerate(calendar.walk("VEVENT")):
        if str(component.get("STATUS", "")).upper() == "CANCELLED":
            continue
        events.extend(_events(component, where=f"{where}: event {index + 1}", until=until))
    return IcsCalendar(
        path=where,
        name=text_value(calendar.get("X-WR-CALNAME", "")),
        source=text_value(calendar.get(SOURCE_PROPERTY, calendar.get("X-WR-CALDESC", ""))),
        category=text_value(calendar.get(CATEGORY_PROPERTY, "")),
        events=tuple(sorted(events, key=lambda e: (e.start, e.end, e.summary))),
    )


def text_value(value: object) -> str:
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


@functools.lru_cache(maxsize=1)
def parsed(feed: bytes) -> icalendar.Calendar:
    """A published feed, parsed once however often it is read: `meetings schedule` compares
    every feed it writes with the same previous one. Its readers never change it."""
    return icalendar.Calendar.from_ical(feed)


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
    """The timed events of an iCalendar feed, in date order; all-day events are skipped.

    A recurring event (RRULE, RDATE) is refused: a schedule's meetings are one event each,
    with a UID of their own, and counting ten weekly meetings as one would be wrong."""
    try:
        data.decode("utf-8")  # RFC 5545 s.3.1.4: the default charset is UTF-8
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CalendarError(
            f"{file}: line {line}: not UTF-8 text (byte {exc.start}); iCalendar files are"
            " UTF-8 (RFC 5545 s.3.1.4): save it as UTF-8"
        ) from exc
    try:
        calendar = parsed(data)
    except ValueError as exc:
        raise CalendarError(f"{file}: not iCalendar data: {reason(exc)}") from exc
    except RecursionError:
        raise CalendarError(f"{file}: not iCalendar data: nested too deeply") from None
    events: list[FeedEvent] = []
    for index, event in enumerate(calendar.events):
        uid = str(event.get("UID", "")) or f"VEVENT {index + 1}"
        status = _check_feed_event(event, f"{file}: {uid}")
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
        # icalendar keeps X- properties as written (vUnknown): undo the TEXT escapes.
        ours = {
            key: text_value(event[key])
            for key in (X_BODY, X_KIND, X_VENUE, X_QUARTER)
            if key in event
        }
        venue = ours.get(X_VENUE)
        events.append(
            FeedEvent(
                uid=uid,
                summary=str(event.get("SUMMARY", "")),
                start=start,
                end=end,
                status=MEETING_STATUS[status],
                sequence=_sequence(event, f"{file}: {uid}"),
                location=str(event.get("LOCATION", "")),
                body=ours.get(X_BODY),
                kind=ours.get(X_KIND),
                venue=None if venue == TBC else venue,
                reporting_quarter=ours.get(X_QUARTER),
                categories=tuple(str(c) for c in event.categories),
            )
        )
    return tuple(sorted(events, key=lambda e: (e.start, e.uid)))


def _check_feed_event(event: icalendar.cal.Component, where: str) -> str:
    """What a feed's event must not be: recurring, of an unknown STATUS, or with a control
    character in its text. Returns its STATUS (CONFIRMED when it has none)."""
    for name in ("RRULE", "RDATE"):
        if name in event:
            raise CalendarError(
                f"{where}: {name} makes it a recurring event; a schedule lists each meeting as"
                " an event of its own (with its own UID), so expand it into one event per"
                " meeting"
            )
    status = str(event.get("STATUS", "CONFIRMED")).upper()
    if status not in MEETING_STATUS:
        valid = ", ".join(sorted(MEETING_STATUS))
        raise CalendarError(f"{where}: STATUS {status!r} is not allowed; valid: {valid}")
    for name in ("UID", "SUMMARY", "LOCATION", X_BODY, X_KIND, X_VENUE, X_QUARTER):
        if name in event and (problem := guards.control_character(str(event[name]))):
            raise CalendarError(f"{where}: {name} {problem}")
    return status


def _sequence(event: icalendar.cal.Component, where: str) -> int:
    """SEQUENCE, a non-negative integer (RFC 5545 s.3.8.7.4); 0 when absent."""
    raw = event.get("SEQUENCE", 0)
    text = raw.to_ical().decode() if hasattr(raw, "to_ical") else str(raw)
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= guards.MAX_INT:
        raise CalendarError(
            f"{where}: SEQUENCE {text!r} is not allowed; valid: a whole number from 0"
            " (RFC 5545 s.3.8.7.4)"
        )
    return value
