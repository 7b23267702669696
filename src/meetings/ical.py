"""Writing meeting feeds, the publishing layer's adapter over `icalendar`: the council's and
each body's feed (UIDs, SEQUENCE against an earlier publication, cancelled meetings kept) and
the "useful dates" feed. Reading .ics files is the calendar layer's (ics.py).

icalendar makes every value (its `v*` classes escape and format them) and is the model the
feed is checked against, but its serialiser, a content-line object per property folded a
character at a time, takes 3 s for 10,000 meetings: `_write` lays out the same lines
(property order, parameters, folding) directly, byte for byte what `Calendar.to_ical()`
writes (tests/test_feed_writer.py), five times faster.
"""

from __future__ import annotations

import calendar as gregorian
import datetime as dt
import functools
import zoneinfo
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NoReturn

import attrs
import icalendar

from meetings import ics
from meetings.closures import Period
from meetings.errors import CalendarError
from meetings.ics import STATUS, TBC, X_BODY, X_KIND, X_QUARTER, X_VENUE
from meetings.schedule import Meeting
from meetings.text import meeting_slug

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
        lines.append(f"Meeting page (agenda, papers, minutes): {link}")
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
    _texts(event)
    if str(event.get("STATUS", "")).upper() != "CANCELLED":
        event["STATUS"] = _Text("CANCELLED")
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


class _SharedParameters(icalendar.Parameters):
    """The empty parameters many values share (a Parameters each costs more than the rest
    of writing a feed): changing them would change every value, so they cannot change."""

    def _frozen(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("shared parameters cannot change: give the value its own Parameters()")

    __setitem__ = __delitem__ = update = setdefault = pop = popitem = clear = _frozen


def _shared(parameters: icalendar.Parameters) -> _SharedParameters:
    copy = icalendar.Parameters(parameters)
    copy.__class__ = _SharedParameters  # filled before it is frozen
    return copy  # type: ignore[return-value]  # its class is now _SharedParameters


_NO_PARAMETERS = _SharedParameters()


class _Text(icalendar.vText):
    r"""TEXT escaped in one pass (RFC 5545 s.3.3.11: backslash, semicolon, comma, newline).
    icalendar 7's vText first turns a literal backslash-N into a newline, so a title
    "C:\New folder" came back as "C:\new folder"; reading is right (one pass) in icalendar."""

    __slots__ = ()

    def __new__(cls, value: str) -> _Text:
        self = str.__new__(cls, value)
        self.encoding = "utf-8"  # type: ignore[attr-defined]  # a slot of vText, untyped
        self.params = _NO_PARAMETERS  # shared, never changed: a Parameters each costs more
        return self

    def to_ical(self) -> bytes:
        text = str(self).replace("\r\n", "\n").replace("\r", "\n")  # TEXT has no CR escape
        escaped = (
            text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
        )
        return escaped.encode("utf-8")


class _Uri(icalendar.vUri):
    """A URI value sharing the empty parameters, as `_Text`."""

    __slots__ = ()

    def __new__(cls, value: str) -> _Uri:
        self = str.__new__(cls, value)
        self.params = _NO_PARAMETERS
        return self


@functools.lru_cache(maxsize=64)
def _integer(value: int) -> icalendar.vInt:
    return icalendar.vInt(value)


class _LocalTime(icalendar.vDatetime):
    """A date-time of the feed's zone, written as vDatetime writes it (TZID=<key> and the
    wall-clock time; tests/test_feed_writer.py compares the two) without the zone lookups
    vDatetime makes for every value: `_local_times(zone)` finds the TZID once per zone."""

    utc: bool

    def __init__(self, value: dt.datetime, params: icalendar.Parameters, utc: bool) -> None:
        self.dt = value
        self.params = params  # shared by the zone's times, never changed
        self.utc = utc

    def to_ical(self) -> bytes:
        t = self.dt
        text = f"{t.year:04}{t.month:02}{t.day:02}T{t.hour:02}{t.minute:02}{t.second:02}"
        return (text + "Z" if self.utc else text).encode("ascii")


def _local_times(zone: dt.tzinfo) -> functools.partial[_LocalTime]:
    """Makes `_LocalTime`s of `zone`: its TZID and UTC-ness as vDatetime finds them."""
    sample = icalendar.vDatetime(dt.datetime(2000, 1, 1, tzinfo=zone))
    return functools.partial(_LocalTime, params=_shared(sample.params), utc=sample.is_utc())


def _texts(component: icalendar.cal.Component) -> icalendar.cal.Component:
    """`component` with every TEXT value (as icalendar parsed it) escaped by `_Text`."""
    for name, value in list(component.items()):
        if type(value) is icalendar.vText:
            text = _Text(str(value))
            text.params = value.params
            component[name] = text
    return component


# -- the time zone ------------------------------------------------------------------------------

# Years of clock changes a VTIMEZONE is derived from, at least: enough for every rule to show
# itself (the last Sunday of March is also the fourth in some years, never in seven running).
RULE_YEARS = 8
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@attrs.frozen
class _Change:
    """A change of a zone's UTC offset (or of its abbreviation)."""

    local: dt.datetime  # naive: the wall-clock time it happens at, by the clock before it
    before: dt.timedelta
    after: dt.timedelta
    name: str  # the abbreviation after it: GMT, BST
    daylight: bool  # summer time after it


def _state(zone: zoneinfo.ZoneInfo, instant: dt.datetime) -> tuple[dt.timedelta, str, bool]:
    local = instant.astimezone(zone)
    return local.utcoffset() or dt.timedelta(0), local.tzname() or "", bool(local.dst())


def _changes(zone: zoneinfo.ZoneInfo, first: int, last: int) -> list[_Change]:
    """The clock changes from 1 January of `first` to the end of `last`, found to the second
    (zoneinfo does not list its transitions): a step of 12 hours, then halving."""
    out = []
    at = dt.datetime(first, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(last + 1, 1, 1, tzinfo=dt.UTC)
    step = 12 * 3600
    state = _state(zone, at)
    while at < end:
        new = _state(zone, at + dt.timedelta(seconds=step))
        if new != state:
            low, high = 0, step  # state at `at + low`, new at `at + high`
            while high - low > 1:
                middle = (low + high) // 2
                if _state(zone, at + dt.timedelta(seconds=middle)) == state:
                    low = middle
                else:
                    high = middle
            instant = at + dt.timedelta(seconds=high)
            out.append(
                _Change(
                    local=(instant + state[0]).replace(tzinfo=None),
                    before=state[0],
                    after=new[0],
                    name=new[1],
                    daylight=new[2],
                )
            )
        at += dt.timedelta(seconds=step)
        state = new
    return out


def _day_rules(day: dt.date) -> tuple[str, ...]:
    """The yearly rules that fall on `day` in its month, the likeliest first: the last such
    weekday (Europe: the last Sunday), the nth (United States: the second Sunday), the date."""
    code = _WEEKDAYS[day.weekday()]
    rules = []
    if day.day + 7 > gregorian.monthrange(day.year, day.month)[1]:
        rules.append(f"-1{code}")
    rules.append(f"{(day.day - 1) // 7 + 1}{code}")
    rules.append(str(day.day))  # BYMONTHDAY
    return tuple(rules)


def _runs(changes: Sequence[_Change]) -> list[tuple[list[_Change], str]]:
    """The changes as yearly runs: consecutive years with the same offsets, name, month and
    wall-clock time whose day one rule gives, with that rule (the likeliest common one)."""
    kinds: dict[tuple[object, ...], list[_Change]] = {}
    for change in changes:
        key = (change.daylight, change.before, change.after, change.name, change.local.month)
        kinds.setdefault((*key, change.local.time()), []).append(change)
    runs: list[tuple[list[_Change], str]] = []
    for items in kinds.values():
        run, rules = [items[0]], set(_day_rules(items[0].local.date()))
        for change in items[1:]:
            common = rules & set(_day_rules(change.local.date()))
            if common and change.local.year == run[-1].local.year + 1:
                run.append(change)
                rules = common
            else:
                runs.append((run, next(r for r in _day_rules(run[0].local.date()) if r in rules)))
                run, rules = [change], set(_day_rules(change.local.date()))
        runs.append((run, next(r for r in _day_rules(run[0].local.date()) if r in rules)))
    return sorted(runs, key=lambda item: item[0][0].local)


@functools.lru_cache(maxsize=16)
def _timezone(key: str, first: int, last: int) -> icalendar.Timezone:
    """VTIMEZONE of `key` as yearly rules (RFC 5545 s.3.6.5): each observance starts at the
    first change of its run, in the local time before the change (Europe/London: 01:00 on the
    last Sunday of March, 02:00 on the last Sunday of October), and recurs by RRULE, with
    UNTIL (UTC) when the zone's rule changed within the years `first` to `last`. A client that
    trusts the block (Outlook, ical.js) then gets every year right, not only the listed ones.
    A zone without changes is one STANDARD observance."""
    zone = zoneinfo.ZoneInfo(key)
    timezone = icalendar.Timezone()
    timezone["TZID"] = _Text(key)
    changes = _changes(zone, first, last)
    if not changes:
        offset, name, _ = _state(zone, dt.datetime(first, 1, 1, tzinfo=dt.UTC))
        standard = icalendar.TimezoneStandard()
        standard["DTSTART"] = icalendar.vDatetime(dt.datetime(first, 1, 1))
        standard["TZOFFSETFROM"] = icalendar.vUTCOffset(offset)
        standard["TZOFFSETTO"] = icalendar.vUTCOffset(offset)
        standard["TZNAME"] = _Text(name)
        standard["RDATE"] = icalendar.vDDDLists([dt.datetime(first, 1, 1)])  # see below
        timezone.add_component(standard)
        return timezone
    for run, rule in _runs(changes):
        start = run[0]
        observance = (
            icalendar.TimezoneDaylight() if start.daylight else icalendar.TimezoneStandard()
        )
        observance["DTSTART"] = icalendar.vDatetime(start.local)  # naive: local time
        observance["TZOFFSETFROM"] = icalendar.vUTCOffset(start.before)
        observance["TZOFFSETTO"] = icalendar.vUTCOffset(start.after)
        observance["TZNAME"] = _Text(start.name)
        if len(run) > 1:
            recur: dict[str, Any] = {"FREQ": "YEARLY", "BYMONTH": start.local.month}
            if rule[-1].isalpha():
                recur["BYDAY"] = rule
            else:
                recur["BYMONTHDAY"] = int(rule)
            if run[-1].local.year < last:  # the rule ended: RFC 5545 wants UNTIL in UTC
                end = run[-1]
                recur["UNTIL"] = (end.local - end.before).replace(tzinfo=dt.UTC)
            observance["RRULE"] = icalendar.vRecur(recur)
        else:
            # Once: DTSTART is the onset, but Python `ical` takes onsets only from RRULE and
            # RDATE (RFC 5545 allows an RDATE repeating DTSTART).
            observance["RDATE"] = icalendar.vDDDLists([start.local])
        timezone.add_component(observance)
    return timezone


def _timezone_for(zone: zoneinfo.ZoneInfo, days: Iterable[dt.date]) -> icalendar.Timezone | None:
    """The VTIMEZONE for events on `days`: derived from the year before the first (so the
    first observance is in force at the first event) to at least RULE_YEARS later; it depends
    only on the years, so the same meetings give the same block."""
    years = sorted({day.year for day in days})
    if not years:
        return None
    first = years[0] - 1
    return _timezone(zone.key, first, max(years[-1] + 1, first + RULE_YEARS - 1))


# -- writing ------------------------------------------------------------------------------------

_FOLD = 75  # octets: a content line is folded before it reaches this (RFC 5545 s.3.1)


def _fold(line: str) -> str:
    """`line` folded as icalendar folds it: at most 74 octets a line, never after a
    backslash or caret (an escape is not split), the continuation led by a space."""
    if line.isascii():
        if len(line) < _FOLD:
            return line
        parts, start = [], 0
        while len(line) - start >= _FOLD:
            end = start + _FOLD - 1
            if line[end - 1] in "\\^":
                end -= 1
            parts.append(line[start:end])
            start = end
        parts.append(line[start:])
        return "\r\n ".join(parts)
    folded: list[str] = []
    chunk: list[str] = []
    size = 0
    for char in line:
        octets = len(char.encode("utf-8"))
        if chunk and size + octets >= _FOLD:
            if len(chunk) > 1 and chunk[-1] in "\\^":
                moved = chunk.pop()
                folded.append("".join(chunk))
                chunk, size = [moved], len(moved.encode("utf-8"))
            else:
                folded.append("".join(chunk))
                chunk, size = [], 0
        chunk.append(char)
        size += octets
    if chunk:
        folded.append("".join(chunk))
    return "\r\n ".join(folded)


def _unicode(value: bytes | str) -> str:
    # as icalendar's to_unicode: UTF-8, a leading byte-order mark dropped
    if isinstance(value, bytes):
        if not value.startswith(b"\xef\xbb\xbf"):
            try:
                return value.decode("utf-8")
            except UnicodeDecodeError:
                pass
        try:
            return value.decode("utf-8-sig")
        except UnicodeDecodeError:
            return value.decode("utf-8-sig", "replace")
    return value


class _Writer:
    """Content lines as `Component.to_ical()` writes them (property order, parameters,
    folding), laid out directly; the parameters and property orders are worked out once."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._parameters: dict[tuple[tuple[str, str], ...], str] = {}
        self._orders: dict[tuple[type, tuple[str, ...]], list[str]] = {}
        # (name, id of value) -> its line: a value shared by many events (DTSTAMP, a venue, a
        # status) is written once. Values are held by the feed while it is written.
        self._written: dict[tuple[str, int], str] = {}

    def _parameter_text(self, parameters: icalendar.Parameters) -> str:
        items = tuple(parameters.items())
        if all(isinstance(v, str) for _, v in items):
            if (text := self._parameters.get(items)) is None:
                text = self._parameters[items] = _unicode(parameters.to_ical(sorted=True))
            return text
        return _unicode(parameters.to_ical(sorted=True))

    def property(self, name: str, value: Any) -> None:
        key = (name, id(value))
        if (line := self._written.get(key)) is not None:
            self.lines.append(line)
            return
        if hasattr(value, "to_ical"):
            text = _unicode(value.to_ical())
        else:
            text = _unicode(icalendar.vText(value).to_ical())  # as Contentline.from_parts
        parameters = getattr(value, "params", None)
        if parameters and (written := self._parameter_text(parameters)):
            line = f"{name};{written}:{text}"
        else:
            line = f"{name}:{text}"
        self.lines.append(line := _fold(line))
        self._written[key] = line

    def properties(self, kind: type[icalendar.cal.Component], items: Mapping[str, Any]) -> None:
        """`items` (upper-case names) in the order a `kind` component writes them."""
        key = (kind, tuple(items))
        if (order := self._orders.get(key)) is None:
            order = self._orders[key] = kind(items).sorted_keys()
        for name in order:
            values = items[name]
            for value in values if isinstance(values, list) else (values,):
                self.property(name, value)

    def component(self, component: icalendar.cal.Component) -> None:
        self.lines.append(f"BEGIN:{component.name}")
        for name in component.sorted_keys():
            values = component[name]
            for value in values if isinstance(values, list) else (values,):
                self.property(name, value)
        for sub in component.subcomponents:
            self.component(sub)
        self.lines.append(f"END:{component.name}")

    def to_ical(self) -> bytes:
        return ("\r\n".join(self.lines) + "\r\n").encode("utf-8")


Properties = dict[str, Any]  # upper-case property name -> icalendar value


@attrs.frozen(kw_only=True)
class _Feed:
    """A feed before it is written: `to_ical()` writes the bytes icalendar's own
    `calendar().to_ical()` writes (tests/test_feed_writer.py), without building the model."""

    properties: Properties
    timezone: icalendar.Timezone | None
    events: tuple[Properties | icalendar.Event, ...]

    def calendar(self) -> icalendar.Calendar:
        """The icalendar model of the feed."""
        calendar = icalendar.Calendar()
        for name, value in self.properties.items():
            calendar[name] = value
        if self.timezone is not None:
            calendar.add_component(self.timezone)
        for event in self.events:
            if isinstance(event, icalendar.Event):
                calendar.add_component(event)
            else:
                component = icalendar.Event()
                for name, value in event.items():
                    component[name] = value
                calendar.add_component(component)
        return calendar

    def to_ical(self) -> bytes:
        writer = _Writer()
        writer.lines.append("BEGIN:VCALENDAR")
        writer.properties(icalendar.Calendar, self.properties)
        if self.timezone is not None:
            writer.component(self.timezone)
        for event in self.events:
            if isinstance(event, icalendar.Event):
                writer.component(event)
            else:
                writer.lines.append("BEGIN:VEVENT")
                writer.properties(icalendar.Event, event)
                writer.lines.append("END:VEVENT")
        writer.lines.append("END:VCALENDAR")
        return writer.to_ical()


# Subscription hints (RFC 7986 s.5.7; X-PUBLISHED-TTL is Outlook's and Google's spelling):
# how often a subscribed calendar should fetch the feed again.
REFRESH = dt.timedelta(days=1)


def _calendar(
    name: str, url: str | None, description: str | None, refresh: dt.timedelta | None
) -> Properties:
    properties: Properties = {
        "PRODID": _Text(PRODID),
        "VERSION": _Text("2.0"),
        "CALSCALE": _Text("GREGORIAN"),
        "METHOD": _Text("PUBLISH"),
        # TEXT (RFC 7986 s.5.1 and s.5.2; the X-WR- spellings by convention, which icalendar
        # does not know and would write unescaped: a comma would cut the name short).
        "NAME": _Text(name),
        "X-WR-CALNAME": _Text(name),
    }
    if description:
        properties["DESCRIPTION"] = _Text(description)
        properties["X-WR-CALDESC"] = _Text(description)
    if url:
        properties["URL"] = icalendar.vUri(url)
    if refresh is not None:
        properties["REFRESH-INTERVAL"] = icalendar.vDuration(refresh, params={"VALUE": "DURATION"})
        properties["X-PUBLISHED-TTL"] = icalendar.vDuration(refresh)
    return properties


def _utc(stamp: dt.datetime) -> dt.datetime:
    if stamp.tzinfo is None:
        raise CalendarError(f"the stamp {stamp.isoformat()} has no UTC offset")
    return stamp.astimezone(dt.UTC)


def feed_description(name: str) -> str:
    """The DESCRIPTION of a meetings feed unless one is given."""
    return (
        f"{name}. The date, time, place and status of each meeting, updated when one changes."
        " Provisional meetings are tentative until the annual meeting adopts the schedule;"
        " a cancelled meeting stays in the calendar, marked cancelled."
    )


def meeting_pages(meetings: Iterable[Meeting], site: str) -> dict[str, str]:
    """UID -> the meeting's page on the council's meetings site, `links` for `to_ical`:
    `{site}/meetings/{meeting_slug(uid)}.html`, the address `meetings site` gives the page
    (council-2019-20-1@oadby-wigston.gov.uk -> {site}/meetings/council-2019-20-1.html)."""
    base = site.rstrip("/")
    return {m.uid: f"{base}/meetings/{meeting_slug(m.uid)}.html" for m in meetings}


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
    description: str | None = None,
    refresh: dt.timedelta | None = REFRESH,
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
    `links` a meeting UID to its page (its URL, and in DESCRIPTION; see `meeting_pages`);
    `url` is the page for the whole schedule, the feed's URL and each meeting's until it
    has a page. `description` is the feed's (default `feed_description(name)`); `refresh`
    how often subscribers should fetch it again (REFRESH-INTERVAL, X-PUBLISHED-TTL; None
    leaves them out).
    """
    return _meetings_feed(
        meetings,
        name=name,
        stamp=stamp,
        timezone=timezone,
        previous=previous,
        body=body,
        venues=venues,
        bodies=bodies,
        links=links,
        url=url,
        description=description,
        refresh=refresh,
    ).to_ical()


def _meetings_feed(
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
    description: str | None = None,
    refresh: dt.timedelta | None = REFRESH,
) -> _Feed:
    """`to_ical`'s feed, not yet written."""
    zone = _zone(timezone)
    dtstamp = icalendar.vDatetime(_utc(stamp))  # one value shared by every event
    before = _previous_events(previous, body) if previous else {}
    texts: dict[str, _Text] = {}  # titles, places and bodies repeat: one value each
    local = _local_times(zone)

    def text(value: str) -> _Text:
        if (found := texts.get(value)) is None:
            found = texts[value] = _Text(value)
        return found

    events: list[tuple[dt.datetime, str, Properties | icalendar.Event]] = []
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
        # Typed values: a local time writes TZID=<zone key> (RFC 5545 s.3.2.19), TEXT is escaped
        event: Properties = {
            "UID": text(meeting.uid),
            "DTSTAMP": dtstamp,
            "SEQUENCE": _integer(sequence),
            "DTSTART": local(start),
            "DTEND": local(end),
            "SUMMARY": text(meeting.title),
            "LOCATION": text(where),
            "STATUS": text(status),
            "DESCRIPTION": _Text(
                _description(meeting, where, link, (bodies or {}).get(meeting.body, ""))
            ),
            "CATEGORIES": _category(CATEGORY.get(meeting.kind, "Event")),
        }
        if page := link or url:
            event["URL"] = _Uri(page)
        event[X_BODY] = text(meeting.body)
        event[X_KIND] = text(str(meeting.kind))
        event[X_VENUE] = text(meeting.venue or TBC)
        if meeting.reporting_quarter:
            event[X_QUARTER] = text(meeting.reporting_quarter)
        events.append((start, meeting.uid, event))
    events.extend(
        (old.seen.start.astimezone(zone), uid, _cancelled(old.event, dtstamp))
        for uid, old in before.items()
    )
    events.sort(key=lambda item: (item[0], item[1]))
    return _Feed(
        properties=_calendar(
            name, url, feed_description(name) if description is None else description, refresh
        ),
        timezone=_timezone_for(zone, (start.date() for start, _, _ in events)),
        events=tuple(event for _, _, event in events),
    )


@functools.lru_cache(maxsize=16)
def _category(name: str) -> icalendar.vCategory:
    return icalendar.vCategory([name])


def periods_to_ical(
    periods: Iterable[Period],
    *,
    name: str,
    stamp: dt.datetime,
    domain: str = "meetings.invalid",
    description: str | None = None,
    refresh: dt.timedelta | None = REFRESH,
) -> bytes:
    """The "useful dates" feed: bank holidays, school holidays, closures and the pre-election
    period as all-day events (DTEND is the day after the last, RFC 5545 s.3.6.1).
    `description` and `refresh` as for `to_ical`."""
    return _periods_feed(
        periods, name=name, stamp=stamp, domain=domain, description=description, refresh=refresh
    ).to_ical()


def _periods_feed(
    periods: Iterable[Period],
    *,
    name: str,
    stamp: dt.datetime,
    domain: str,
    description: str | None,
    refresh: dt.timedelta | None,
) -> _Feed:
    stamp_utc = icalendar.vDatetime(_utc(stamp))
    events: list[Properties | icalendar.Event] = []
    for period in sorted(periods, key=lambda p: (p.start, p.end, p.category, p.name)):
        # Derived from what the period is, so re-publishing never duplicates it.
        slug = "-".join("".join(c if c.isalnum() else " " for c in period.name.lower()).split())
        event: Properties = {
            "UID": _Text(f"{period.category}-{period.start.isoformat()}-{slug}@{domain}"),
            "DTSTAMP": stamp_utc,
            "DTSTART": icalendar.vDDDTypes(period.start),  # VALUE=DATE
            "DTEND": icalendar.vDDDTypes(period.end + dt.timedelta(days=1)),
            "SUMMARY": _Text(period.name),
            "CATEGORIES": _category(period.category),
            "TRANSP": _Text("TRANSPARENT"),  # a holiday does not make anyone busy
        }
        if period.source:
            event["DESCRIPTION"] = _Text(f"Source: {period.source}")
        events.append(event)
    if description is None:
        description = (
            f"{name}. Bank holidays, school holidays, closures, the pre-election period and"
            " other dates the schedule of meetings avoids or marks."
        )
    return _Feed(
        properties=_calendar(name, None, description, refresh), timezone=None, events=tuple(events)
    )


# -- calendar objects for CalDAV (publication.py) -----------------------------------------------


def feed_objects(feed: bytes) -> tuple[str, str, dict[str, bytes]]:
    """A feed's name and description (X-WR-CALNAME, X-WR-CALDESC) and its calendar objects,
    the feed parsed once: UID -> the object a CalDAV server stores for that event, a
    VCALENDAR with the feed's PRODID, VERSION and VTIMEZONE and the one VEVENT (RFC 4791
    s.4.1: one UID per resource, its time zones with it)."""
    calendar = icalendar.Calendar.from_ical(feed)
    name, description = _title(calendar)
    return name, description, _objects(calendar)


def _objects(calendar: icalendar.Calendar) -> dict[str, bytes]:
    head: Properties = {"PRODID": _Text(PRODID), "VERSION": _Text("2.0")}
    timezones = calendar.timezones
    out = {}
    for event in calendar.events:
        writer = _Writer()
        writer.lines.append("BEGIN:VCALENDAR")
        writer.properties(icalendar.Calendar, head)
        for timezone in timezones:
            writer.component(timezone)
        writer.component(_texts(event))
        writer.lines.append("END:VCALENDAR")
        out[str(event["UID"])] = writer.to_ical()
    return out


@attrs.frozen(kw_only=True)
class StoredObject:
    """What publishing needs of a calendar object (as a CalDAV server holds it), read from
    its first VEVENT once (`stored_object`)."""

    uid: str  # "" when it holds no event or is unreadable
    status: str  # upper case; "" when it has none
    day: dt.date | None  # the (local) day it starts, None when it has no DTSTART
    # its one VEVENT as sorted (property, value) pairs, DTSTAMP left out: what a subscriber
    # sees change; None when it does not hold exactly one event
    content: tuple[tuple[str, bytes], ...] | None

    def same_event(self, other: StoredObject) -> bool:
        """Whether the two hold the same event, whenever each was stamped."""
        return self.content is not None and self.content == other.content


def stored_object(data: bytes) -> StoredObject:
    """A calendar object as publishing reads it: its event's UID, status, day and content."""
    try:
        events = icalendar.Calendar.from_ical(data).events
    except ValueError:
        return StoredObject(uid="", status="", day=None, content=None)
    if not events:
        return StoredObject(uid="", status="", day=None, content=None)
    first = events[0]
    try:
        start = first.start
    except (ValueError, icalendar.IncompleteComponent):
        start = None
    return StoredObject(
        uid=str(first.get("UID", "")),
        status=str(first.get("STATUS", "")).upper(),
        day=start.date() if isinstance(start, dt.datetime) else start,
        content=_event_content(first) if len(events) == 1 else None,
    )


def _event_content(event: icalendar.Event) -> tuple[tuple[str, bytes], ...]:
    """A VEVENT as sorted (property, value) pairs, DTSTAMP left out."""
    pairs = []
    for name, value in event.property_items(recursive=False):
        if name in ("BEGIN", "END", "DTSTAMP"):
            continue
        parameters = getattr(value, "params", None)
        written = parameters.to_ical() if parameters else b""
        text = value.to_ical() if hasattr(value, "to_ical") else str(value).encode()
        pairs.append((name, written + b":" + text))
    return tuple(sorted(pairs))


def joined(objects: Iterable[bytes]) -> bytes:
    """One feed of the events of calendar objects (read from a CalDAV server): the previous
    publication `to_ical` compares with. Objects that are not iCalendar are skipped."""
    events: list[icalendar.Event] = []
    for data in objects:
        try:
            events.extend(icalendar.Calendar.from_ical(data).events)
        except ValueError:
            continue
    events.sort(key=lambda e: str(e.get("UID", "")))
    writer = _Writer()
    writer.lines.append("BEGIN:VCALENDAR")
    writer.properties(icalendar.Calendar, {"PRODID": _Text(PRODID), "VERSION": _Text("2.0")})
    for event in events:
        writer.component(_texts(event))
    writer.lines.append("END:VCALENDAR")
    return writer.to_ical()


def _title(calendar: icalendar.Calendar) -> tuple[str, str]:
    """A feed's name and description (X-WR-CALNAME, X-WR-CALDESC: kept raw by icalendar, so
    unescaped once here, as `ics` reads them)."""
    name = calendar.get("X-WR-CALNAME", "")
    description = calendar.get("X-WR-CALDESC", "")
    return ics.text_value(name), ics.text_value(description)


def cancelled_object(data: bytes, stamp: dt.datetime) -> bytes:
    """A stored calendar object with its event withdrawn as a feed withdraws a meeting no
    longer planned (`_cancelled`: STATUS:CANCELLED, SEQUENCE raised, DTSTAMP `stamp`)."""
    calendar = icalendar.Calendar.from_ical(data)
    writer = _Writer()
    writer.lines.append("BEGIN:VCALENDAR")
    writer.properties(icalendar.Calendar, {"PRODID": _Text(PRODID), "VERSION": _Text("2.0")})
    for timezone in calendar.timezones:
        writer.component(timezone)
    for event in calendar.events:
        writer.component(_cancelled(event, icalendar.vDatetime(_utc(stamp))))
    writer.lines.append("END:VCALENDAR")
    return writer.to_ical()
