"""Publishing a schedule: the table (HTML, Markdown, CSV), the calendar grid (HTML, PDF), the
iCalendar feeds, and reading a published schedule back (`meetings check`).

The table follows the seed schedule report's Appendix 2 (meetings grouped by type, then in date
order); the grid its Appendix 1 (a calendar of the municipal year with the holidays shown).
"""

from __future__ import annotations

import calendar as _calendar
import csv
import datetime as dt
import io
import zoneinfo
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from meetings import files as atomic_files  # `files` is a name write() uses
from meetings import guards, ical, ics
from meetings.closures import Category, Period
from meetings.committee import BodyKind, Council
from meetings.errors import CalendarError, DefinitionError, MeetingsError, Problem
from meetings.render import Format, clock, render_document
from meetings.schedule import Meeting, MeetingStatus, Schedule, meeting_problems
from meetings.text import csv_cell, csv_value, long_date, plain_date

# -- what we need to know about the council ----------------------------------------------


@attrs.frozen(kw_only=True)
class Facts:
    """What publishing needs from a council: its name, time zone, venues and bodies."""

    name: str
    timezone: str = "Europe/London"
    addresses: Mapping[str, str] = attrs.field(factory=dict)  # venue name -> address
    locations: Mapping[str, str] = attrs.field(factory=dict)  # venue id/name -> LOCATION
    venue_names: Mapping[str, str] = attrs.field(factory=dict)  # venue id -> name
    bodies: Mapping[str, str] = attrs.field(factory=dict)  # body id -> name
    kinds: Mapping[str, BodyKind] = attrs.field(factory=dict)  # body id -> kind

    @classmethod
    def of(cls, council: Council) -> Facts:
        return cls(
            name=council.name,
            timezone=council.timezone,
            addresses={v.name: ", ".join(v.address) for v in council.venues},
            venue_names={v.id: v.name for v in council.venues},
            locations={
                key: ", ".join((v.name, *v.address))
                for v in council.venues
                for key in (v.name, v.id)
            },
            bodies={b.id: b.name for b in council.bodies},
            kinds={b.id: b.kind for b in council.bodies},
        )

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    def venue(self, venue: str | None) -> str | None:
        """The venue's display name (a meeting holds the venue's id, or its name)."""
        return None if venue is None else self.venue_names.get(venue, venue)

    def venue_id(self, name: str) -> str:
        """Back from a display name (CSV, a foreign feed) to the venue's id, when known."""
        ids = {shown: ident for ident, shown in self.venue_names.items()}
        return ids.get(name, name)


# -- the table -----------------------------------------------------------------------------

# The seed table groups "by type": Council first, then committees, sub-committees, and the
# other meetings and events (seed 000, para 2.2).
GROUPS: tuple[tuple[str, frozenset[BodyKind]], ...] = (
    ("Council", frozenset({BodyKind.COUNCIL})),
    ("Committees", frozenset({BodyKind.COMMITTEE})),
    ("Sub-Committees", frozenset({BodyKind.SUB_COMMITTEE})),
    ("Working Groups", frozenset({BodyKind.WORKING_GROUP})),
    ("Portfolio Holder Meetings", frozenset({BodyKind.PORTFOLIO_HOLDER})),
    ("Other Meetings and Events", frozenset({BodyKind.EVENT})),
)

STATUS_LABEL = {
    MeetingStatus.PROVISIONAL: "Provisional",
    MeetingStatus.CONFIRMED: "Confirmed",
    MeetingStatus.CANCELLED: "Cancelled",
}


@attrs.frozen(kw_only=True)
class Row:
    """One meeting as the table and the grid show it, in the council's local time."""

    uid: str
    body: str
    kind: BodyKind
    title: str
    date: dt.date
    start: dt.datetime
    end: dt.datetime
    venue: str  # ics.TBC when not fixed (`venue_tbc`)
    address: str
    quarter: str
    status: MeetingStatus

    @property
    def day_name(self) -> str:
        return f"{self.date:%A}"

    @property
    def venue_tbc(self) -> bool:
        """Whether the venue is still to be confirmed (`ics.TBC`)."""
        return self.venue == ics.TBC

    @property
    def date_text(self) -> str:
        return plain_date(self.date)

    @property
    def time_text(self) -> str:
        return clock(self.start)

    @property
    def status_label(self) -> str:
        return STATUS_LABEL[self.status]


@attrs.frozen(kw_only=True)
class Group:
    heading: str
    rows: tuple[Row, ...]


def rows(schedule: Schedule, facts: Facts) -> tuple[Row, ...]:
    """Every meeting of `schedule` as a row, in date order."""
    tz = facts.tz
    out = []
    for meeting in sorted(schedule.meetings, key=lambda m: (m.start, m.title, m.uid)):
        start = meeting.start.astimezone(tz)
        venue = facts.venue(meeting.venue)
        out.append(
            Row(
                uid=meeting.uid,
                body=meeting.body,
                kind=meeting.kind,
                title=meeting.title,
                date=start.date(),
                start=start,
                end=meeting.end.astimezone(tz),
                venue=venue or ics.TBC,
                address=facts.addresses.get(venue or "", ""),
                quarter=meeting.reporting_quarter or "",
                status=meeting.status,
            )
        )
    return tuple(out)


def groups(schedule: Schedule, facts: Facts) -> tuple[Group, ...]:
    """The table: meetings grouped by type of body, each group in date order; empty groups
    are left out."""
    every = rows(schedule, facts)
    return tuple(
        Group(heading=heading, rows=chosen)
        for heading, kinds in GROUPS
        if (chosen := tuple(r for r in every if r.kind in kinds))
    )


# -- the calendar grid ---------------------------------------------------------------------

# The grid's column heads, Monday first as its weeks are (`months`): the names `%A` gives.
WEEKDAYS: tuple[str, ...] = tuple(_calendar.day_name)


@attrs.frozen(kw_only=True)
class Shade:
    """How the grid marks a kind of period: a pattern (readable in black and white), a short
    code printed in the day, and the legend's words."""

    category: str
    code: str
    label: str


# Order is precedence: a day in two periods is shaded with the first and labelled with both.
SHADES: tuple[Shade, ...] = (
    Shade(category=Category.BANK_HOLIDAY, code="BH", label="Bank holiday"),
    Shade(category=Category.CLOSURE, code="CL", label="Council offices closed"),
    Shade(category=Category.PRE_ELECTION, code="PE", label="Pre-election period"),
    Shade(category=Category.SCHOOL_HOLIDAY, code="SH", label="School holiday"),
    Shade(category=Category.FESTIVAL, code="RF", label="Religious festival"),
    Shade(category=Category.PARTY_CONFERENCE, code="PC", label="Party conference"),
)
_SHADE = {shade.category: shade for shade in SHADES}
_OTHER = Shade(category=Category.OTHER, code="OT", label="Other date to avoid")


def shade_for(category: str) -> Shade:
    return _SHADE.get(category, _OTHER)


@attrs.frozen(kw_only=True)
class Day:
    date: dt.date
    in_month: bool
    weekend: bool
    marks: tuple[tuple[Shade, str], ...]  # (shade, period name), in precedence order
    meetings: tuple[Row, ...]
    names: tuple[str, ...] = ()  # period names written in the day (the rest only coded)

    @property
    def shade(self) -> str:
        return self.marks[0][0].category if self.marks else ""

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes printed in the day's corner, each once (Easter Monday and Vaisakhi on
        13 April 2020 are both festivals: one RF)."""
        return tuple(dict.fromkeys(shade.code for shade, _ in self.marks))

    @property
    def label(self) -> str:
        """Words a screen reader (and a printout) gives for the shading."""
        return "; ".join(f"{shade.label}: {name}" for shade, name in self.marks)


@attrs.frozen(kw_only=True)
class Month:
    first: dt.date
    weeks: tuple[tuple[Day, ...], ...]

    @property
    def heading(self) -> str:
        return f"{self.first:%B %Y}"


def _first_month(schedule: Schedule, tz: zoneinfo.ZoneInfo) -> dt.date:
    """May of the municipal year: from the label ("2019/20"), else the first meeting."""
    label = schedule.municipal_year.split("/")[0].strip()
    if label.isdigit() and len(label) == 4:
        return dt.date(int(label), 5, 1)
    if schedule.meetings:
        first = min(m.start.astimezone(tz).date() for m in schedule.meetings)
        return dt.date(municipal_year_of(first), 5, 1)
    raise MeetingsError(f"the schedule has no meetings and no municipal year ({schedule!r:.60})")


def shown_periods(schedule: Schedule) -> tuple[Period, ...]:
    """The schedule's periods as the grid and the useful-dates feed show them. A period with
    the name and days of a bank holiday is that bank holiday, shown once: the festivals
    calendar lists Christmas Day, Good Friday and Easter Monday too (closures.FESTIVALS), for
    councils that avoid festivals without closing on bank holidays."""
    holidays = {
        (p.name, p.start, p.end) for p in schedule.periods if p.category == Category.BANK_HOLIDAY
    }
    return tuple(
        p
        for p in schedule.periods
        if p.category == Category.BANK_HOLIDAY or (p.name, p.start, p.end) not in holidays
    )


def months(schedule: Schedule, facts: Facts) -> tuple[Month, ...]:
    """Twelve months from May (the municipal year runs annual meeting to annual meeting), and
    any month outside them that has a meeting; weeks Monday to Sunday, each day with its
    meetings and the periods that cover it."""
    every = rows(schedule, facts)
    by_day: dict[dt.date, list[Row]] = {}
    for row in every:
        by_day.setdefault(row.date, []).append(row)
    first = _first_month(schedule, facts.tz)
    precedence = {shade.category: i for i, shade in enumerate(SHADES)}
    periods = sorted(
        shown_periods(schedule), key=lambda p: (precedence.get(p.category, 99), p.start)
    )
    cal = _calendar.Calendar(firstweekday=_calendar.MONDAY)
    # Twelve months; more when a meeting falls later (the next annual meeting in May), so no
    # meeting is ever left off the grid.
    if every and every[0].date < first:
        first = every[0].date.replace(day=1)
    last = max((row.date for row in every), default=first)
    count = max(12, (last.year - first.year) * 12 + last.month - first.month + 1)
    out = []
    for offset in range(count):
        year, month = (
            first.year + (first.month - 1 + offset) // 12,
            (first.month - 1 + offset) % 12 + 1,
        )
        weeks = []
        for week in cal.monthdatescalendar(year, month):
            days = []
            for day in week:
                marks: list[tuple[Shade, str]] = []
                for period in periods:
                    mark = (shade_for(period.category), period.name)
                    if day in period and mark not in marks:
                        marks.append(mark)
                # A period's name is written where a reader meets it: its first day, and the
                # first day of each week and month it runs on; other days carry its code.
                fresh = day.weekday() == 0 or day.day == 1
                names = [p.name for p in periods if day in p and (fresh or day == p.start)]
                days.append(
                    Day(
                        date=day,
                        in_month=day.month == month,
                        weekend=day.weekday() >= _calendar.SATURDAY,
                        marks=tuple(marks),
                        meetings=tuple(by_day.get(day, ())),
                        names=tuple(dict.fromkeys(names)),
                    )
                )
            weeks.append(tuple(days))
        out.append(Month(first=dt.date(year, month, 1), weeks=tuple(weeks)))
    return tuple(out)


def legend(schedule: Schedule) -> tuple[Shade, ...]:
    """The shades this schedule's periods use, in precedence order."""
    used = {shade_for(p.category) for p in shown_periods(schedule)}
    return tuple(s for s in (*SHADES, _OTHER) if s in used)


# -- rendering -----------------------------------------------------------------------------


def _context(schedule: Schedule, facts: Facts, stamp: dt.datetime | None) -> dict[str, object]:
    every = rows(schedule, facts)
    return {
        "council": facts.name,
        "year": schedule.municipal_year,
        "groups": groups(schedule, facts),
        "provisional": any(r.status is MeetingStatus.PROVISIONAL for r in every),
        "count": len(every),
        "published": long_date(stamp.astimezone(facts.tz).date()) if stamp else "",
    }


def render_table(
    schedule: Schedule,
    council: Council,
    fmt: Format = Format.HTML,
    *,
    stamp: dt.datetime | None = None,
    template_dir: Path | None = None,
) -> bytes:
    """The schedule as a table grouped by type of meeting, in html, md or pdf (the `pdf`
    extra; printed from the HTML)."""
    if fmt not in (Format.HTML, Format.MD, Format.PDF):
        raise MeetingsError(f"the table is made as html, md or pdf, not {fmt.value}")
    facts = Facts.of(council)
    return render_document(
        "schedule/table", _context(schedule, facts, stamp), fmt, template_dir=template_dir
    )


def render_grid(
    schedule: Schedule,
    council: Council,
    fmt: Format = Format.HTML,
    *,
    stamp: dt.datetime | None = None,
    template_dir: Path | None = None,
) -> bytes:
    """The calendar grid: twelve months from May, A4 landscape, a month a page (html, pdf)."""
    facts = Facts.of(council)
    context = _context(schedule, facts, stamp)
    context["months"] = months(schedule, facts)
    context["legend"] = legend(schedule)
    context["weekdays"] = WEEKDAYS
    if fmt not in (Format.HTML, Format.PDF):
        raise MeetingsError(f"the calendar grid is made as html or pdf, not {fmt.value}")
    return render_document("schedule/grid", context, fmt, template_dir=template_dir)


# -- CSV -----------------------------------------------------------------------------------

CSV_COLUMNS = (
    "group",
    "day",
    "date",
    "start",
    "end",
    "title",
    "venue",
    "reporting_quarter",
    "status",
    "body",
    "kind",
    "uid",
)


def to_csv(schedule: Schedule, council: Council) -> bytes:
    """The table as CSV (one row per meeting, grouped like the table; dates ISO, times local
    24-hour) for spreadsheets and for `meetings check`."""
    facts = Facts.of(council)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow(CSV_COLUMNS)
    for group in groups(schedule, facts):
        for row in group.rows:
            writer.writerow(  # every cell safe to open in a spreadsheet (text.csv_cell)
                csv_cell(cell)
                for cell in (
                    group.heading,
                    row.day_name,
                    row.date.isoformat(),
                    f"{row.start:%H:%M}",
                    f"{row.end:%H:%M}",
                    row.title,
                    row.venue,
                    row.quarter,
                    row.status.value,
                    row.body,
                    row.kind.value,
                    row.uid,
                )
            )
    return out.getvalue().encode("utf-8")


def _from_csv(path: Path, facts: Facts) -> Schedule:
    # a spreadsheet may add a BOM, or save as Windows-1252 or UTF-16
    text = guards.decode_text(path.read_bytes(), file=str(path), spreadsheet=True)
    reader = csv.DictReader(io.StringIO(text))
    try:
        return _csv_schedule(path, reader, facts)
    except csv.Error as exc:  # an unclosed quote, a field past the csv module's limit
        raise DefinitionError(
            [Problem(file=str(path), key=f"line {reader.line_num}", message=f"not CSV: {exc}")]
        ) from exc


def _csv_schedule(path: Path, reader: csv.DictReader[str], facts: Facts) -> Schedule:
    missing = [
        c for c in ("date", "start", "end", "title", "uid") if c not in (reader.fieldnames or ())
    ]
    if missing:
        raise DefinitionError(
            [
                Problem(
                    file=str(path),
                    key="header",
                    message=f"missing columns {', '.join(missing)}; "
                    f"expected {', '.join(CSV_COLUMNS)}",
                )
            ]
        )
    problems: list[Problem] = []
    meetings: list[Meeting] = []
    keys: list[str] = []
    tz = facts.tz
    for number, row in enumerate(reader, start=2):
        key = f"row {number}"
        record = {k: csv_value(v) if isinstance(v, str) else v for k, v in row.items()}
        try:
            day = dt.date.fromisoformat(record["date"])
            times = [dt.time.fromisoformat(record[c]) for c in ("start", "end")]
            columns = ("start", "end")
            offsets = [
                guards.time_offset(t, record[c]) for t, c in zip(times, columns, strict=True)
            ]
            if any(offsets):
                raise ValueError("; ".join(o for o in offsets if o))
            start = dt.datetime.combine(day, times[0], tz)
            end = dt.datetime.combine(day, times[1], tz)
        except (ValueError, TypeError) as exc:
            problems.append(
                Problem(
                    file=str(path),
                    key=key,
                    message=f"bad date or time ({exc}); expected "
                    "date 2019-06-13, start 18:30, end 20:30",
                )
            )
            continue
        body = record.get("body") or record["uid"]
        kind_text = record.get("kind") or facts.kinds.get(body, BodyKind.COMMITTEE).value
        status_text = (record.get("status") or "provisional").lower()
        try:
            kind, status = BodyKind(kind_text), MeetingStatus(status_text)
        except ValueError:
            problems.append(
                Problem(
                    file=str(path),
                    key=key,
                    message=f"kind {kind_text!r} or status "
                    f"{status_text!r} unknown; valid kinds: "
                    f"{', '.join(k.value for k in BodyKind)}; valid statuses: "
                    f"{', '.join(s.value for s in MeetingStatus)}",
                )
            )
            continue
        venue = record.get("venue") or ics.TBC
        keys.append(key)
        meetings.append(
            Meeting(
                uid=record["uid"],
                body=body,
                title=record["title"],
                kind=kind,
                start=start,
                end=end,
                venue=None if venue == ics.TBC else facts.venue_id(venue),
                status=status,
                reporting_quarter=record.get("reporting_quarter") or None,
            )
        )
    problems += meeting_problems(meetings, keys, file=str(path))
    if problems:
        raise DefinitionError(problems)
    ordered = _ordered(meetings)
    return Schedule(
        council=facts.name,
        municipal_year=_year_label((m.start for m in ordered), tz),
        meetings=ordered,
    )


def _ordered(meetings: Iterable[Meeting]) -> tuple[Meeting, ...]:
    return tuple(sorted(meetings, key=lambda m: (m.start, m.uid)))


def municipal_year_of(day: dt.date) -> int:
    """The year the municipal year (May to April) of `day` starts in."""
    return day.year if day.month >= 5 else day.year - 1


def year_label(day: dt.date) -> str:
    """'2019/20': the municipal year (May to April) of `day`, labelled as
    `dates.MunicipalYear.label` labels it (any year: a feed's day is not checked)."""
    year = municipal_year_of(day)
    return f"{year}/{(year + 1) % 100:02d}"


def _year_label(starts: Iterable[dt.datetime], tz: zoneinfo.ZoneInfo) -> str:
    """'2019/20': the municipal year (May to April) of the first meeting."""
    earliest = min(starts, default=None)
    if earliest is None:
        return ""
    return year_label(earliest.astimezone(tz).date())


def _from_ics(path: Path, facts: Facts) -> Schedule:
    by_title = {name: ident for ident, name in facts.bodies.items()}
    meetings = []
    keys = []
    for event in ics.read_feed(path.read_bytes(), file=str(path)):
        keys.append(f"the event {event.summary!r} on {event.start.date().isoformat()}")
        body = event.body or by_title.get(event.summary, event.uid)
        kind_text = event.kind or facts.kinds.get(body, BodyKind.COMMITTEE).value
        venue = event.venue
        if venue is None and event.location not in ("", ics.TBC) and event.body is None:
            venue = facts.venue_id(event.location)  # a feed not made by us: its LOCATION
        meetings.append(
            Meeting(
                uid=event.uid,
                body=body,
                title=event.summary,
                kind=BodyKind(kind_text) if kind_text in set(BodyKind) else BodyKind.EVENT,
                start=event.start,
                end=event.end,
                venue=venue,
                status=MeetingStatus(event.status),
                reporting_quarter=event.reporting_quarter,
            )
        )
    if problems := meeting_problems(meetings, keys, file=str(path), uid_key="UID"):
        raise DefinitionError(problems)
    ordered = _ordered(meetings)
    return Schedule(
        council=facts.name,
        municipal_year=_year_label((m.start for m in ordered), facts.tz),
        meetings=ordered,
    )


def load_schedule(path: Path, council: Council) -> Schedule:
    """Read a published schedule back: `schedule.json`, the CSV table or an iCalendar feed."""
    path = Path(path)
    facts = Facts.of(council)
    if not path.is_file():
        raise DefinitionError([Problem(file=str(path), key="", message="no such file")])
    suffix = path.suffix.lower()
    if suffix == ".json":
        text = guards.decode_text(path.read_bytes(), file=str(path))
        data: Any = guards.load_json(text, file=str(path))
        schedule = Schedule.from_json(data, file=str(path))
        # a hand-written file may leave out whose and which year it is
        schedule = attrs.evolve(
            schedule,
            council=schedule.council or facts.name,
            municipal_year=schedule.municipal_year
            or _year_label((m.start for m in schedule.meetings), facts.tz),
        )
    elif suffix == ".csv":
        schedule = _from_csv(path, facts)
    elif suffix in (".ics", ".ical", ".ifb"):
        schedule = _from_ics(path, facts)
    else:
        raise DefinitionError(
            [
                Problem(
                    file=str(path),
                    key="",
                    message=f"unknown schedule format {suffix or '(none)'!r}; "
                    "valid: .json, .csv, .ics",
                )
            ]
        )
    if not schedule.meetings:
        # Checking an empty schedule would report every rule as broken, which hides the
        # real mistake: the wrong file (useful-dates.ics holds holidays, not meetings).
        raise DefinitionError(
            [
                Problem(
                    file=str(path),
                    key="",
                    message=f"holds no meetings of {council.name} (all-day events, such as "
                    "the holidays of useful-dates.ics, are not meetings); expected the "
                    "schedule.json, schedule.csv or schedule.ics that `meetings schedule` "
                    "writes",
                )
            ]
        )
    return schedule


# -- writing every publication format ------------------------------------------------------

FORMATS = ("ics", "html", "md", "csv", "pdf")


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split()) or "body"


def feed_name(body: str) -> str:
    """The name a body's feed file carries: `schedule-<feed_name(body)>.ics` (see `feeds`)."""
    return _slug(body)


def _feed_title(meetings: Sequence[Meeting]) -> str:
    """A name for the feed of a body the council file does not define (e.g. events)."""
    titles = {m.title for m in meetings}
    if len(titles) == 1:
        return titles.pop()
    return next(heading for heading, kinds in GROUPS if meetings[0].kind in kinds)


COUNCIL_FEED = "schedule.ics"  # the whole council's feed: what a publication is compared with


@attrs.frozen(kw_only=True)
class PreviousFeed:
    """A whole-council feed as last published, read and checked (`read_previous`)."""

    path: Path
    data: bytes
    events: tuple[ics.FeedEvent, ...]


def read_previous(where: Path) -> PreviousFeed | None:
    """The whole-council feed in `where` (the file itself, else `where`/schedule.ics), read
    and checked; None when there is none. CalendarError (or DefinitionError) when it is
    damaged: its year is checked by `previous_feed`/`same_year`."""
    where = Path(where)
    path = where / COUNCIL_FEED if where.is_dir() else where
    if not path.is_file():
        return None
    data = path.read_bytes()
    return PreviousFeed(path=path, data=data, events=ics.read_feed(data, file=str(path)))


def same_year(found: PreviousFeed, schedule: Schedule, council: Council) -> tuple[Path, bytes]:
    """(path, data) of a feed read by `read_previous`; CalendarError when it is not a feed of
    `schedule`'s municipal year (see `previous_feed`)."""
    year = _year_label((e.start for e in found.events), Facts.of(council).tz)
    if year != schedule.municipal_year:
        raise CalendarError(
            f"{found.path}: not a previous publication of this schedule: "
            + (f"its meetings are of {year}" if year else "it holds no meetings")
            + f", this schedule's of {schedule.municipal_year}"
        )
    return found.path, found.data


def previous_feed(where: Path, schedule: Schedule, council: Council) -> tuple[Path, bytes] | None:
    """The whole-council feed last published for `schedule` (see `feeds`): `where` itself
    when it is a file, else `where`/schedule.ics; None when there is none.

    Raises CalendarError when it is not a feed of the same municipal year: the meetings of
    another year are not this schedule's, and would all be carried over as cancelled."""
    found = read_previous(where)
    return None if found is None else same_year(found, schedule, council)


def feeds(
    schedule: Schedule,
    council: Council,
    *,
    stamp: dt.datetime,
    previous: bytes | None = None,
    links: Mapping[str, str] | None = None,
    url: str | None = None,
) -> dict[str, bytes]:
    """File name -> feed: `schedule.ics` (the whole council), `schedule-<body>.ics` (one per
    body) and `useful-dates.ics` (the shaded periods as all-day events, when there are any).

    `previous` is the whole council's feed as last published. Every feed is compared with
    it (a body's feed with that body's meetings in it), so all feeds agree on SEQUENCE, and
    a meeting no longer planned stays in them, cancelled; a body with no meetings left keeps
    its feed, every meeting cancelled. `url` (default: the council's website) is each
    meeting's URL until `links` gives its agenda."""
    facts = Facts.of(council)
    year = f" {schedule.municipal_year}" if schedule.municipal_year else ""
    common: dict[str, Any] = {
        "stamp": stamp,
        "timezone": facts.timezone,
        "previous": previous,
        "venues": facts.locations,
        "bodies": facts.bodies,
        "links": links,
        "url": url or council.contact.web or None,  # else the council's website
    }
    meetings = schedule.meetings
    out = {COUNCIL_FEED: ical.to_ical(meetings, name=f"{facts.name}: meetings{year}", **common)}
    published = ics.read_feed(previous, file="the previous feed") if previous else ()
    # body id -> a title of its meetings, now or (a body with none left) as last published
    titles = {e.body: e.summary for e in published if e.body} | {m.body: m.title for m in meetings}
    for body in sorted(titles):
        chosen = [m for m in meetings if m.body == body]
        title = facts.bodies.get(body) or (_feed_title(chosen) if chosen else titles[body])
        out[f"schedule-{_slug(body)}.ics"] = ical.to_ical(
            chosen, name=f"{facts.name}: {title}{year}", body=body, **common
        )
    if periods := shown_periods(schedule):
        out["useful-dates.ics"] = ical.periods_to_ical(
            periods,
            name=f"{facts.name}: useful dates{year}",
            stamp=stamp,
            domain=council.uid_domain,  # the meetings' own, so one publication shares one
        )
    return out


def write(
    schedule: Schedule,
    council: Council,
    out_dir: Path,
    formats: Sequence[str],
    stamp: dt.datetime,
    *,
    template_dir: Path | None = None,
    previous: bytes | None = None,
    links: Mapping[str, str] | None = None,
    url: str | None = None,
) -> list[Path]:
    """Write the publication formats asked for into `out_dir`; returns the files written.

    ics: the feeds (see `feeds`, and `previous_feed` to find the last publication's);
    html: `schedule.html` (table) and `calendar.html` (grid); md: `schedule.md`;
    csv: `schedule.csv`; pdf: `calendar.pdf` (the grid, needs the `pdf` extra).
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise MeetingsError(
            f"unknown publication format {', '.join(unknown)}; valid: {', '.join(FORMATS)}"
        )
    out_dir = atomic_files.make_folder(out_dir)
    files: dict[str, bytes] = {}
    if "ics" in formats:
        files.update(feeds(schedule, council, stamp=stamp, previous=previous, links=links, url=url))
    if "html" in formats:
        files["schedule.html"] = render_table(
            schedule, council, Format.HTML, stamp=stamp, template_dir=template_dir
        )
        files["calendar.html"] = render_grid(
            schedule, council, Format.HTML, stamp=stamp, template_dir=template_dir
        )
    if "md" in formats:
        files["schedule.md"] = render_table(
            schedule, council, Format.MD, stamp=stamp, template_dir=template_dir
        )
    if "csv" in formats:
        files["schedule.csv"] = to_csv(schedule, council)
    if "pdf" in formats:
        files["calendar.pdf"] = render_grid(
            schedule, council, Format.PDF, stamp=stamp, template_dir=template_dir
        )
    written = []
    for name, data in files.items():
        written.append(atomic_files.write_atomic(out_dir / name, data))  # never a half-written feed
    return written
