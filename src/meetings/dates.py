"""Working days, clear days, statutory deadlines, the municipal year and financial quarters.

Sources are cited where each rule is implemented; see also docs/calendar-engine.md.
"""

from __future__ import annotations

import bisect
import calendar as _calendar
import datetime as dt
import enum
import functools
import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Self, TypeVar
from zoneinfo import ZoneInfo

import attrs

from meetings import closures, statutes
from meetings.closures import Category, Period
from meetings.errors import CalendarError
from meetings.statutes import (
    CouncilKind,
    Counting,
    Duty,
    LocalClearDays,
    RetirementReading,
    Rule,
)
from meetings.text import weekday_date

E = TypeVar("E", bound=enum.Enum)

LONDON = ZoneInfo("Europe/London")


class Nation(enum.StrEnum):
    """The UK nation whose bank holidays and rules apply; values are the data tokens."""

    ENGLAND = "england"
    WALES = "wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern-ireland"

    @property
    def subdivision(self) -> str:
        """The `holidays` subdivision code (always passed: without it `holidays` omits
        Easter Monday and the summer bank holiday)."""
        return _SUBDIVISION[self]

    @classmethod
    def parse(cls, value: object) -> Nation:
        """A Nation from its token (or a Nation); CalendarError naming the valid tokens."""
        if isinstance(value, Nation):
            return value
        if isinstance(value, str):
            token = value.strip().lower().replace(" ", "-").replace("_", "-")
            for nation in cls:
                if token in (nation.value, nation.subdivision.lower()):
                    return nation
        raise CalendarError(
            f"unknown nation {value!r}; valid: {', '.join(n.value for n in Nation)}"
        )


def _nation(value: object) -> Nation:
    return Nation.parse(value)


_SUBDIVISION = {
    Nation.ENGLAND: "ENG",
    Nation.WALES: "WLS",
    Nation.SCOTLAND: "SCT",
    Nation.NORTHERN_IRELAND: "NIR",
}


def as_date(value: object, what: str = "date") -> dt.date:
    """A date from a date or an ISO text "YYYY-MM-DD"; CalendarError otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise CalendarError(f"{what} {value!r} is not a date; expected YYYY-MM-DD, e.g. 2019-03-05")


def parse_meeting(value: object) -> dt.date | dt.datetime:
    """A meeting day ("2019-03-05") or start ("2019-03-05T18:30", read as UK time when it has
    no offset); CalendarError otherwise."""
    if isinstance(value, str) and "T" in value:
        try:
            start = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise CalendarError(
                f"meeting {value!r} is not a date or date-time; expected YYYY-MM-DD or "
                "YYYY-MM-DDTHH:MM, e.g. 2019-03-05T18:30"
            ) from None
        return start if start.tzinfo else start.replace(tzinfo=LONDON)
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=LONDON)
    return as_date(value, "meeting")


def meeting_label(meeting: dt.date | dt.datetime) -> str:
    """ "Meeting on Tuesday 5 March 2019" (with the time when known)."""
    day = meeting.date() if isinstance(meeting, dt.datetime) else meeting
    text = f"Meeting on {weekday_date(day)}"
    if isinstance(meeting, dt.datetime):
        text += f" at {meeting:%H:%M}"
    return text


def _count(value: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise CalendarError(f"{what} must be a whole number of days, 0 or more; got {value!r}")
    return value


def _closure(value: dt.date | Period) -> Period:
    if isinstance(value, Period):
        return value
    if isinstance(value, dt.date):
        return Period.day(value, "council closure", Category.CLOSURE)
    raise CalendarError(f"extra closure {value!r} is neither a date nor a Period")


def _closures(values: Iterable[dt.date | Period]) -> tuple[Period, ...]:
    return tuple(sorted((_closure(v) for v in values), key=lambda p: (p.start, p.end, p.name)))


def _month_days(values: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out = []
    for month, day in values:
        try:
            dt.date(2000, month, day)  # a leap year accepts 29 February
        except (TypeError, ValueError) as exc:
            raise CalendarError(f"annual closure {(month, day)!r} is not a (month, day)") from exc
        out.append((month, day))
    return tuple(sorted(set(out)))


@attrs.frozen(kw_only=True)
class WorkingCalendar:
    """Which days a council's offices work: Monday to Friday, not a bank holiday of its
    nation, not one of its own closures.

    Frozen and hashable; the holidays of each year are computed once (in `closures`) and the
    working days of each year are indexed once per calendar, so a year of scheduling never
    recomputes them. `closures` is the "closed days" view the scheduler uses: `day in
    calendar.closures`.
    """

    nation: Nation = attrs.field(default=Nation.ENGLAND, converter=_nation)
    extra_closures: tuple[Period, ...] = attrs.field(default=(), converter=_closures)
    # Days closed every year, as (month, day): e.g. Christmas Eve in election timetables.
    annual_closures: tuple[tuple[int, int], ...] = attrs.field(default=(), converter=_month_days)
    _years: dict[int, tuple[int, ...]] = attrs.field(
        init=False, factory=dict, eq=False, hash=False, repr=False
    )
    _closed: dict[int, frozenset[dt.date]] = attrs.field(
        init=False, factory=dict, eq=False, hash=False, repr=False
    )

    # -- the closed days of a year ----------------------------------------------------------
    # Two levels of memo: a dict on the instance (fast, no hashing of the calendar) and a
    # module-level cache shared by equal calendars (a new WorkingCalendar(nation=...) per call
    # still never recomputes a year).
    def _closed_in(self, year: int) -> frozenset[dt.date]:
        closed = self._closed.get(year)
        if closed is None:
            closed = self._closed[year] = _closed_days(self, year)
        return closed

    def _working(self, year: int) -> tuple[int, ...]:
        """The ordinals of the working days of `year`, ascending (indexed once)."""
        days = self._years.get(year)
        if days is None:
            days = self._years[year] = _working_ordinals(self, year)
        return days

    # -- queries ----------------------------------------------------------------------------
    def is_working_day(self, day: dt.date) -> bool:
        """Monday to Friday and not a bank holiday of the nation or a council closure.

        A datetime counts as its own date (a meeting start, say)."""
        if type(day) is not dt.date:  # a datetime never equals the closed dates stored
            day = as_date(day, "day")
        closed = self._closed.get(day.year)  # inlined memo lookup: this is the hot path
        if closed is None:
            closed = self._closed_in(day.year)
        return day.weekday() < 5 and day not in closed

    def closed(self, day: dt.date) -> bool:
        """True on a day the offices are shut (weekend, bank holiday, council closure)."""
        return not self.is_working_day(day)

    @property
    def closures(self) -> ClosedDays:
        """The closed days, as a container: `day in calendar.closures`."""
        return ClosedDays(calendar=self)

    def why_closed(self, day: dt.date) -> str | None:
        """Why the offices are shut on `day` ("Saturday", "Easter Monday"…), or None."""
        holiday = closures.bank_holidays(self.nation.subdivision, (day.year,)).get(day)
        if holiday:
            return f"{holiday} (bank holiday)"
        for period in self.extra_closures:
            if day in period:
                return period.name
        if (day.month, day.day) in self.annual_closures:
            return f"{day.day} {day:%B} (closed every year)"
        if day.weekday() >= 5:
            return day.strftime("%A")
        return None

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The `n`th working day after `day` (before it when `n` is negative); `day` itself
        is never counted and need not be a working day. `n == 0` returns `day`."""
        if isinstance(n, bool) or not isinstance(n, int):
            raise CalendarError(f"working-day count must be a whole number; got {n!r}")
        if type(day) is not dt.date:
            day = as_date(day, "day")
        if n == 0:
            return day
        year = day.year
        days = self._working(year)
        ordinal = day.toordinal()
        try:
            if n > 0:
                i = bisect.bisect_right(days, ordinal) + n - 1
                while i >= len(days):
                    i -= len(days)
                    year += 1
                    days = self._working(year)
            else:
                i = bisect.bisect_left(days, ordinal) + n
                while i < 0:
                    year -= 1
                    days = self._working(year)
                    i += len(days)
        except ValueError as exc:  # beyond year 1..9999
            raise CalendarError(f"{n} working days from {day} is outside the calendar") from exc
        return dt.date.fromordinal(days[i])

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """The working days strictly after `a` and strictly before `b` (neither end counts:
        the "clear days" reading); negative when `b` is before `a`."""
        if b < a:
            return -self.working_days_between(b, a)
        lo, hi = a.toordinal(), b.toordinal()
        total = 0
        for year in range(a.year, b.year + 1):
            days = self._working(year)
            total += max(bisect.bisect_left(days, hi) - bisect.bisect_right(days, lo), 0)
        return total

    def working_days(self, start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
        """The working days from `start` to `end`, both inclusive."""
        out: list[dt.date] = []
        for year in range(start.year, end.year + 1):
            days = self._working(year)
            lo = bisect.bisect_left(days, start.toordinal())
            hi = bisect.bisect_right(days, end.toordinal())
            out.extend(dt.date.fromordinal(o) for o in days[lo:hi])
        return tuple(out)

    def periods(self, start: dt.date, end: dt.date) -> tuple[Period, ...]:
        """Bank holidays and council closures overlapping `start`..`end` (for a grid)."""
        found = list(closures.bank_holiday_periods(self.nation.subdivision, start, end))
        found += [p for p in self.extra_closures if p.overlaps(start, end)]
        return tuple(sorted(found, key=lambda p: (p.start, p.end, p.name)))


@functools.lru_cache(maxsize=1024)
def _closed_days(cal: WorkingCalendar, year: int) -> frozenset[dt.date]:
    days = set(closures.bank_holidays(cal.nation.subdivision, (year,)))
    for period in cal.extra_closures:
        if period.start.year <= year <= period.end.year:
            days.update(d for d in period.days if d.year == year)
    for month, day in cal.annual_closures:
        if month == 2 and day == 29 and not _calendar.isleap(year):
            continue
        days.add(dt.date(year, month, day))
    return frozenset(days)


@functools.lru_cache(maxsize=1024)
def _working_ordinals(cal: WorkingCalendar, year: int) -> tuple[int, ...]:
    closed = _closed_days(cal, year)
    first = dt.date(year, 1, 1).toordinal()
    last = dt.date(year, 12, 31).toordinal()
    # date.toordinal() % 7: 0 is Sunday, 6 is Saturday.
    return tuple(
        o
        for o in range(first, last + 1)
        if (o % 7) not in (0, 6) and dt.date.fromordinal(o) not in closed
    )


@attrs.frozen(kw_only=True)
class ClosedDays:
    """The days a `WorkingCalendar` is closed, as a container (`day in closed_days`)."""

    calendar: WorkingCalendar

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.calendar.closed(day)


def _calendar_or_default(calendar: WorkingCalendar | None) -> WorkingCalendar:
    return calendar if calendar is not None else _ENGLAND


_ENGLAND = WorkingCalendar()


# -- clear days ------------------------------------------------------------------------------


def latest_publication_date(
    meeting_day: dt.date,
    clear_days: int = 5,
    calendar: WorkingCalendar | None = None,
    *,
    publish_on_any_day: bool = False,
) -> dt.date:
    """The last day a notice or agenda can be published and still leave `clear_days` clear
    days before the meeting.

    Five clear days in England (LGA 1972 s.100A(6)(a) and s.100B(3), "five" since 1 October
    2002 by SI 2002/715); three in Wales and for parish and town councils (Sch 12 para 10).
    Clear days exclude the day of publication and the day of the meeting and count working
    days only (R v Swansea City Council, ex p Elitestone, CA 1993). The publication day is
    itself a working day unless `publish_on_any_day` (a setting: some councils publish online
    at weekends)."""
    meeting_day = as_date(meeting_day, "meeting day")
    _count(clear_days, "clear days")
    cal = _calendar_or_default(calendar)
    if publish_on_any_day:
        first_clear = cal.add_working_days(meeting_day, -clear_days) if clear_days else meeting_day
        return first_clear - dt.timedelta(days=1)
    return cal.add_working_days(meeting_day, -(clear_days + 1))


def clear_days_between(
    published: dt.date, meeting_day: dt.date, calendar: WorkingCalendar | None = None
) -> int:
    """The clear (working) days between publication and the meeting: neither day counts
    (R v Swansea City Council, ex p Elitestone, CA 1993)."""
    return _calendar_or_default(calendar).working_days_between(published, meeting_day)


class DayCount(enum.StrEnum):
    """How a long notice period is counted (RULES.md: whether "28 clear days" means calendar
    or working days is disputed; a council setting)."""

    CALENDAR = "calendar"
    WORKING = "working"


def latest_notice_date(
    meeting_day: dt.date,
    clear_days: int,
    calendar: WorkingCalendar | None = None,
    *,
    counting: DayCount = DayCount.WORKING,
    publish_on_any_day: bool = False,
) -> dt.date:
    """Like `latest_publication_date`, with the clear days counted as calendar days when
    `counting` is CALENDAR (the notice day is still a working day unless any day is allowed)."""
    if counting is DayCount.WORKING:
        return latest_publication_date(
            meeting_day, clear_days, calendar, publish_on_any_day=publish_on_any_day
        )
    _count(clear_days, "clear days")
    cal = _calendar_or_default(calendar)
    day = as_date(meeting_day, "meeting day") - dt.timedelta(days=clear_days + 1)
    if publish_on_any_day or cal.is_working_day(day):
        return day
    return cal.add_working_days(day, -1)


# -- parish and community councils: the days LGA 1972 s.243 disregards ----------------------


def _week_day_before(day: dt.date) -> dt.date:
    # s.243: a "week day" is any day but Sunday.
    day -= dt.timedelta(days=1)
    return day - dt.timedelta(days=1) if day.weekday() == 6 else day


@functools.cache
def _section_243_year(subdiv: str, year: int) -> frozenset[dt.date]:
    holidays = closures.bank_holidays(subdiv, (year - 1, year, year + 1))
    out: set[dt.date] = set()

    def week_day_after(day: dt.date) -> dt.date:
        # "the next (first) week day after … which is not a bank holiday"
        day += dt.timedelta(days=1)
        while day.weekday() == 6 or day in holidays:
            day += dt.timedelta(days=1)
        return day

    def span(first: dt.date, last: dt.date) -> set[dt.date]:
        return {first + dt.timedelta(days=i) for i in range((last - first).days + 1)}

    breaks: set[dt.date] = set()
    for y in (year - 1, year, year + 1):
        # Christmas break: the last week day before Christmas Day to the first week day
        # after it which is not a bank holiday.
        christmas = dt.date(y, 12, 25)
        breaks |= span(_week_day_before(christmas), week_day_after(christmas))
        # Easter break: the Thursday before Easter Day to the Tuesday after (Easter Day is
        # two days after Good Friday).
        for day in closures.good_fridays(subdiv, (y,)):
            breaks |= span(day - dt.timedelta(days=1), day + dt.timedelta(days=4))
    # A bank holiday break: any other bank holiday, from the last week day before it to the
    # next week day which is not a bank holiday.
    for day in holidays:
        if day not in breaks:
            out |= span(_week_day_before(day), week_day_after(day))
    out |= breaks
    return frozenset(d for d in out if d.year == year)


def section_243_days(nation: Nation | str, years: Iterable[int]) -> frozenset[dt.date]:
    """The days LGA 1972 s.243 disregards in computing time, Sundays and days of public
    thanksgiving or mourning apart: the Christmas break, the Easter break and each bank
    holiday break of `nation` in `years` (as s.243 defines them)."""
    subdiv = Nation.parse(nation).subdivision
    out: set[dt.date] = set()
    for year in years:
        out |= _section_243_year(subdiv, year)
    return frozenset(out)


def _latest_counted(
    meeting_day: dt.date, clear_days: int, counted: Callable[[dt.date], bool], any_day: bool
) -> dt.date:
    # Walk back over `clear_days` counted days; the publication day is the day before them,
    # itself a counted day unless any day will do.
    day, found = meeting_day, 0
    while found < clear_days:
        day -= dt.timedelta(days=1)
        found += counted(day)
    day -= dt.timedelta(days=1)
    while not any_day and not counted(day):
        day -= dt.timedelta(days=1)
    return day


def local_council_calendar(calendar: WorkingCalendar, years: Iterable[int]) -> WorkingCalendar:
    """`calendar` with the days s.243 disregards closed as well: the counting of a parish or
    community council's clear days on the cautious reading (`LocalClearDays.CAUTIOUS`)."""
    days = sorted(section_243_days(calendar.nation, years))
    extra = tuple(Period.day(d, "s.243 break (LGA 1972)", Category.CLOSURE) for d in days)
    return attrs.evolve(calendar, extra_closures=calendar.extra_closures + extra)


def latest_local_notice_date(
    meeting_day: dt.date,
    clear_days: int = 3,
    calendar: WorkingCalendar | None = None,
    *,
    reading: LocalClearDays = LocalClearDays.CAUTIOUS,
    publish_on_any_day: bool = False,
) -> dt.date:
    """The last day a parish or community council can give notice of a meeting, and send the
    summons, leaving `clear_days` clear days (LGA 1972 Sch 12 paras 10(2) and 26(2)).

    LGA 1972 s.243 disregards in computing time Sundays, the Christmas break, the Easter break,
    bank holiday breaks and days of public thanksgiving or mourning (give those as closures of
    `calendar`). On the cautious reading (the default) Saturdays, bank holidays and the
    council's closures are left out too; on the `SECTION_243` reading Saturdays count."""
    meeting_day = as_date(meeting_day, "meeting day")
    _count(clear_days, "clear days")
    cal = _calendar_or_default(calendar)
    years = range(meeting_day.year - 1, meeting_day.year + 1)
    if reading is LocalClearDays.CAUTIOUS:
        return latest_publication_date(
            meeting_day,
            clear_days,
            local_council_calendar(cal, years),
            publish_on_any_day=publish_on_any_day,
        )
    breaks = section_243_days(cal.nation, years)
    own = {d for p in cal.extra_closures for d in p.days}

    def counted(day: dt.date) -> bool:
        return day.weekday() != 6 and day not in breaks and day not in own

    return _latest_counted(meeting_day, clear_days, counted, publish_on_any_day)


# -- statutory deadlines for one meeting -----------------------------------------------------


def _kind(value: object) -> CouncilKind:
    return CouncilKind.parse(value)


def _reading(enum_type: type[E]) -> Callable[[object], E]:
    def convert(value: object) -> E:
        try:
            return enum_type(str(value))
        except ValueError:
            raise CalendarError(
                f"{value!r} is not a reading; valid: {', '.join(m.value for m in enum_type)}"
            ) from None

    return convert


def _local_clear_days(value: object) -> LocalClearDays:
    return _reading(LocalClearDays)(value)


def _retirement_reading(value: object) -> RetirementReading:
    return _reading(RetirementReading)(value)


@attrs.frozen(kw_only=True)
class NoticeRules:
    """A council's notice settings. The statutory counts come from the dated table
    (`meetings.statutes`) for the meeting's own date; a count set here longer than the law's
    is used instead (never a shorter one: a date later than the law allows is the worst
    fault). The defaults are an English principal council's."""

    # Agenda, reports and public notice: five clear days (LGA 1972 s.100A(6)(a), s.100B(3)).
    agenda_clear_days: int = 5
    # Summons to members: three clear days (LGA 1972 Sch 12 para 4(2)(b)).
    summons_clear_days: int = 3
    # Key decision notice: 28 clear days (SI 2012/2089 reg 9).
    key_decision_clear_days: int = 28
    # Intention to meet in private: 28 clear days, then 5 clear days (SI 2012/2089 reg 5(2),
    # 5(4)).
    private_notice_clear_days: int = 28
    private_final_notice_clear_days: int = 5
    # Disputed: whether the 28 days are calendar or working days (default calendar).
    long_notice_counting: DayCount = DayCount.CALENDAR
    # Large-print agenda requests: "at least 48 hours before the meeting" (seed 003; custom).
    large_print_hours: int = 48
    # Whether a notice may be published on a day the offices are shut.
    publish_on_any_day: bool = False
    # Which rules apply: a principal, parish (England) or community (Wales) council.
    kind: CouncilKind = attrs.field(default=CouncilKind.PRINCIPAL, converter=_kind)
    # Disputed: how a parish or community council counts its clear days (default cautious).
    local_clear_days: LocalClearDays = attrs.field(
        default=LocalClearDays.CAUTIOUS, converter=_local_clear_days
    )
    # Disputed: retirement on a bank holiday (default the plain reading, the earlier date).
    retirement_reading: RetirementReading = attrs.field(
        default=RetirementReading.PLAIN, converter=_retirement_reading
    )

    def __attrs_post_init__(self) -> None:
        for field in attrs.fields(NoticeRules):
            value = getattr(self, field.name)
            if field.type in ("int", int):
                _count(value, field.name.replace("_", " "))

    @classmethod
    def for_council(
        cls,
        nation: Nation | str = Nation.ENGLAND,
        *,
        parish: bool = False,
        kind: CouncilKind | str | None = None,
    ) -> Self:
        """The defaults for a council: three clear days for Welsh and Scottish councils
        (LGA 1972 s.100B(3) as it applies in Wales; LG(S)A 1973 s.50B) and for parish and
        community councils (Sch 12 paras 10(2), 26(2))."""
        kind = CouncilKind.PARISH if parish and kind is None else _kind(kind or "principal")
        if kind is not CouncilKind.PRINCIPAL or Nation.parse(nation) in (
            Nation.WALES,
            Nation.SCOTLAND,
        ):
            return cls(agenda_clear_days=3, kind=kind)
        return cls(kind=kind)


@attrs.frozen(kw_only=True)
class Deadline:
    """One deadline: what, by which day (and time, when known), the rule and its source."""

    name: str
    day: dt.date
    rule: str
    at: dt.datetime | None = None
    source: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "day": self.day.isoformat(),
            "weekday": self.day.strftime("%A"),
            "at": self.at.isoformat() if self.at else None,
            "rule": self.rule,
            "source": self.source,
        }


_ROW_NAMES = {
    Duty.AGENDA: "Agenda and reports published",
    Duty.PUBLIC_NOTICE: "Public notice of the meeting",
    Duty.SUMMONS: "Summons sent to members",
    Duty.KEY_DECISION: "Key decision notice (forward plan)",
    Duty.PRIVATE_NOTICE: "Notice of intention to meet in private",
    Duty.PRIVATE_FINAL_NOTICE: "Final notice of meeting in private",
}
_FIELDS = {
    Duty.AGENDA: "agenda",
    Duty.PUBLIC_NOTICE: "public_notice",
    Duty.SUMMONS: "summons",
    Duty.KEY_DECISION: "key_decision_notice",
    Duty.PRIVATE_NOTICE: "private_notice",
    Duty.PRIVATE_FINAL_NOTICE: "private_final_notice",
    Duty.GENERAL_EXCEPTION: "general_exception_notice",
}


@attrs.frozen(kw_only=True)
class MeetingDeadlines:
    """The statutory deadlines for one meeting, from the rules in force on its day for its
    council's nation and kind. A deadline the law does not set for that council (a Scottish
    council has no key decisions, a parish council no agenda rule apart from its summons) is
    None and has no row in `deadlines`."""

    meeting_day: dt.date
    start: dt.datetime | None
    agenda: dt.date | None  # agenda and reports available for inspection
    public_notice: dt.date | None  # notice of the meeting posted
    summons: dt.date | None  # summons sent to members
    key_decision_notice: dt.date | None  # notice (forward plan) of a key decision
    private_notice: dt.date | None  # first notice of intention to meet in private
    private_final_notice: dt.date | None  # second notice of intention to meet in private
    general_exception_notice: dt.date | None  # a key decision without the notice
    large_print_request: dt.datetime | dt.date  # requests received by then
    rules: NoticeRules
    calendar: WorkingCalendar = attrs.field(factory=lambda: _ENGLAND, repr=False)
    # The rules used, as (duty, rule, days counted), in display order.
    used: tuple[tuple[Duty, Rule, int], ...] = ()
    council_settings: bool = False  # whether the counts came from the council's settings

    @property
    def nation(self) -> Nation:
        return self.calendar.nation

    def rule(self, duty: Duty | str) -> Rule | None:
        """The rule of the dated table used for `duty`, or None when none applied."""
        return next((r for d, r, _ in self.used if d == duty), None)

    @property
    def deadlines(self) -> tuple[Deadline, ...]:
        """Every deadline, agenda first, each with the rule and source used (built on
        demand: planning a year asks for the dates far more often than for the text)."""
        r = self.rules
        rows: list[Deadline] = []
        for duty, statute, n in self.used:
            if duty is Duty.GENERAL_EXCEPTION:
                anyday = r.publish_on_any_day
                route = general_exception(
                    self.meeting_day, self.calendar, publish_on_any_day=anyday
                )
                rows.append(route.deadline())
                continue
            if statute.counting is Counting.SECTION_243:
                counting = f"clear days, {r.local_clear_days.value} reading"
            elif statute.counting is Counting.LONG_NOTICE:
                counting = f"clear {r.long_notice_counting.value} days"
            elif statute.counting is Counting.FORWARD_PLAN:
                first = self.meeting_day.replace(day=1)
                counting = f"clear days before 1 {first:%B %Y} (forward plan for the month)"
            else:
                counting = "clear working days"
            text = f"{n} {counting}"
            if self.council_settings and n > statute.days:
                text += f" (council setting; the law's minimum is {statute.days})"
            day = getattr(self, _FIELDS[duty])
            rows.append(Deadline(name=_ROW_NAMES[duty], day=day, rule=text, source=statute.source))
        large = self.large_print_request
        rows.append(
            Deadline(
                name="Large-print agenda requests",
                day=large.date() if isinstance(large, dt.datetime) else large,
                at=large if isinstance(large, dt.datetime) else None,
                rule=f"{r.large_print_hours} hours before the meeting",
                source="council custom (seed 003: at least 48 hours)",
            )
        )
        return tuple(rows)


@attrs.frozen(kw_only=True)
class ExecutiveRoute:
    """How an executive key decision may still be taken without the 28-day notice: the
    general exception (SI 2012/2089 reg 10) or special urgency (reg 11), with what must be
    done, who must be told or agree, and by when."""

    name: str
    decision_day: dt.date
    notice_by: dt.date | None  # the last day for the notice; None: no notice period
    notices: tuple[str, ...]  # what must be given or published, in order
    agree: tuple[str, ...]  # whose agreement is needed, the first available in order
    source: str
    rule: str

    def deadline(self) -> Deadline:
        day = self.notice_by or self.decision_day
        who = f"; agreed by {' or, failing that, '.join(self.agree)}" if self.agree else ""
        return Deadline(name=self.name, day=day, rule=self.rule + who, source=self.source)


_SCRUTINY_CHAIR = "the chair of the relevant overview and scrutiny committee"


def general_exception(
    decision_day: dt.date,
    calendar: WorkingCalendar | None = None,
    *,
    publish_on_any_day: bool = False,
) -> ExecutiveRoute:
    """The general exception for a key decision that missed its notice: the chair of the
    relevant overview and scrutiny committee (or each member, if there is no chair) told in
    writing, a copy of that notice made available at the offices and published on the
    website, then five clear days before the decision (SI 2012/2089 reg 10(1)-(2); three
    clear days under SI 2000/3272 reg 15 before 10 September 2012). As soon as reasonably
    practicable afterwards, a notice of why the 28-day notice was impracticable (reg 10(3))."""
    day = as_date(decision_day, "decision day")
    cal = _calendar_or_default(calendar)
    rule = statutes.rule_for(Duty.GENERAL_EXCEPTION, cal.nation, CouncilKind.PRINCIPAL, day)
    by = latest_publication_date(day, rule.days, cal, publish_on_any_day=publish_on_any_day)
    notices: tuple[str, ...] = (
        f"notice in writing to {_SCRUTINY_CHAIR} (to each member if it has no chair)",
        "a copy of that notice available at the council's offices",
    )
    if rule.end is None:  # SI 2012/2089 reg 10(1)(c) and 10(3)
        notices += (
            "and published on the council's website",
            "afterwards: notice of the reasons the key decision notice was impracticable",
        )
    urgent = statutes.find_rule(Duty.SPECIAL_URGENCY, cal.nation, CouncilKind.PRINCIPAL, day)
    later = f"; later than this, special urgency ({urgent.source})" if urgent else ""
    return ExecutiveRoute(
        name="Key decision without notice: general exception",
        decision_day=day,
        notice_by=by,
        notices=notices,
        agree=(),
        source=rule.source,
        rule=f"{_SCRUTINY_CHAIR} told and notice published, then {rule.days} clear working "
        f"days{later}",
    )


def special_urgency(decision_day: dt.date, nation: Nation | str = Nation.ENGLAND) -> ExecutiveRoute:
    """Special urgency, when even the general exception is impracticable: the decision may be
    taken only with the agreement that it is urgent and cannot reasonably be deferred of the
    chair of the relevant overview and scrutiny committee, or if there is none or they cannot
    act, the chair of the council, or failing both the vice-chair (SI 2012/2089 reg 11(1);
    SI 2000/3272 reg 16 before 10 September 2012); then, as soon as reasonably practicable, a
    notice of the reasons made available and published (reg 11(2))."""
    day = as_date(decision_day, "decision day")
    rule = statutes.rule_for(Duty.SPECIAL_URGENCY, str(Nation.parse(nation)), "principal", day)
    return ExecutiveRoute(
        name="Key decision without notice: special urgency",
        decision_day=day,
        notice_by=None,
        notices=(
            "agreement that the decision is urgent and cannot reasonably be deferred",
            "as soon as reasonably practicable: notice of the reasons, at the offices and on "
            "the website",
        ),
        agree=(_SCRUTINY_CHAIR, "the chair of the council", "the vice-chair of the council"),
        source=rule.source,
        rule="before the decision: agreement that it is urgent and cannot reasonably be deferred",
    )


def meeting_deadlines(
    meeting: dt.date | dt.datetime,
    calendar: WorkingCalendar | None = None,
    rules: NoticeRules | None = None,
) -> MeetingDeadlines:
    """The statutory deadlines for a meeting on a day (or at an aware start time), from the
    rules in force on that day for the council's nation (`calendar.nation`) and kind
    (`rules.kind`). A council the table does not cover (Northern Ireland) or a day before it
    starts (1 April 1986) raises `CalendarError`."""
    if isinstance(meeting, dt.datetime):
        if meeting.tzinfo is None:
            raise CalendarError(
                f"meeting start {meeting.isoformat()} has no time zone; "
                "give an aware date-time, e.g. 2019-03-05T18:30:00+00:00"
            )
        start: dt.datetime | None = meeting
        day = meeting.date()
    else:
        start = None
        day = as_date(meeting, "meeting day")
    cal = _calendar_or_default(calendar)
    setting = rules is not None
    r = rules or _default_rules(cal.nation)
    anyday = r.publish_on_any_day
    wanted = {
        Duty.AGENDA: r.agenda_clear_days,
        Duty.PUBLIC_NOTICE: r.agenda_clear_days,
        Duty.SUMMONS: r.summons_clear_days,
        Duty.KEY_DECISION: r.key_decision_clear_days,
        Duty.PRIVATE_NOTICE: r.private_notice_clear_days,
        Duty.PRIVATE_FINAL_NOTICE: r.private_final_notice_clear_days,
        Duty.GENERAL_EXCEPTION: 0,
    }
    used: list[tuple[Duty, Rule, int]] = []
    dated: dict[Duty, dt.date] = {}
    done: dict[tuple[Counting, int], dt.date] = {}  # agenda and notice share one count
    for duty, statute in statutes.meeting_rules(cal.nation, r.kind, day):
        if duty not in wanted:
            continue
        # A council's own longer count wins; a shorter one never does. Without the council's
        # settings, the law's count. The forward plan's 14 days are the law's alone.
        n = statute.days
        if setting and statute.counting is not Counting.FORWARD_PLAN:
            n = max(wanted[duty], n)
        used.append((duty, statute, n))
        known = done.get((statute.counting, n))
        if known is not None:
            dated[duty] = known
            continue
        if statute.counting is Counting.SECTION_243:
            by = latest_local_notice_date(
                day, n, cal, reading=r.local_clear_days, publish_on_any_day=anyday
            )
        elif statute.counting is Counting.LONG_NOTICE:
            by = latest_notice_date(
                day, n, cal, counting=r.long_notice_counting, publish_on_any_day=anyday
            )
        elif statute.counting is Counting.FORWARD_PLAN:
            by = latest_notice_date(
                day.replace(day=1), n, cal, counting=DayCount.CALENDAR, publish_on_any_day=anyday
            )
        else:
            by = latest_publication_date(day, n, cal, publish_on_any_day=anyday)
        dated[duty] = done[statute.counting, n] = by
    hours = dt.timedelta(hours=r.large_print_hours)
    # Without a start time, the conservative reading: that many hours before the meeting day.
    large: dt.datetime | dt.date = (
        start - hours if start else day - dt.timedelta(days=math.ceil(r.large_print_hours / 24))
    )
    return MeetingDeadlines(
        meeting_day=day,
        start=start,
        agenda=dated.get(Duty.AGENDA),
        public_notice=dated.get(Duty.PUBLIC_NOTICE),
        summons=dated.get(Duty.SUMMONS),
        key_decision_notice=dated.get(Duty.KEY_DECISION),
        private_notice=dated.get(Duty.PRIVATE_NOTICE),
        private_final_notice=dated.get(Duty.PRIVATE_FINAL_NOTICE),
        general_exception_notice=dated.get(Duty.GENERAL_EXCEPTION),
        large_print_request=large,
        rules=r,
        calendar=cal,
        used=tuple(used),
        council_settings=setting,
    )


@functools.lru_cache(maxsize=16)
def _default_rules(nation: Nation) -> NoticeRules:
    return NoticeRules.for_council(nation)


def format_deadlines(groups: Sequence[tuple[str, Sequence[Deadline]]], fmt: str = "md") -> str:
    """Deadlines of several meetings (label, deadlines) as Markdown tables or JSON."""
    if fmt == "json":
        data = [{"label": label, "deadlines": [d.to_json() for d in ds]} for label, ds in groups]
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt != "md":
        raise CalendarError(f"unknown deadline format {fmt!r}; valid: json, md")
    out: list[str] = []
    for label, ds in groups:
        out += [f"## {label}", "", "| Deadline | By | Rule | Source |", "|---|---|---|---|"]
        for d in ds:
            when = weekday_date(d.day)
            if d.at is not None:
                when += d.at.strftime(", %H:%M")
            out.append(f"| {d.name} | {when} | {d.rule} | {d.source} |")
        out.append("")
    return "\n".join(out)


# -- the municipal year ----------------------------------------------------------------------


def _first_thursday_of_may(year: int) -> dt.date:
    first = dt.date(year, 5, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7)


# Ordinary local elections are on the first Thursday in May (Representation of the People
# Act 1983 s.37(1)), except where the law moved them:
POLL_DAY_EXCEPTIONS: Mapping[int, tuple[dt.date, str]] = {
    2001: (dt.date(2001, 6, 7), "Elections Act 2001 s.1 (foot and mouth): from 3 May"),
    2004: (dt.date(2004, 6, 10), "SI 2004/222 under LGA 2003 s.103: with the European poll"),
    2009: (dt.date(2009, 6, 4), "SI 2008/2857 under RPA 1983 s.37A: with the European poll"),
    2014: (dt.date(2014, 5, 22), "SI 2013/2277 under RPA 1983 s.37A: with the European poll"),
    2020: (dt.date(2021, 5, 6), "Coronavirus Act 2020 s.60: postponed to 6 May 2021"),
}


def ordinary_poll_day(year: int) -> dt.date:
    """The ordinary day of election of councillors in England in `year`: the first Thursday
    in May (RPA 1983 s.37(1)), or the day the law moved it to (`POLL_DAY_EXCEPTIONS`; the
    2020 elections were held on 6 May 2021). A poll date in a council's file wins over this."""
    if isinstance(year, bool) or not isinstance(year, int) or not 1974 <= year <= 9998:
        raise CalendarError(f"election year {year!r} is not a year like 2019 (1974 or later)")
    if year in POLL_DAY_EXCEPTIONS:
        return POLL_DAY_EXCEPTIONS[year][0]
    return _first_thursday_of_may(year)


@attrs.frozen(kw_only=True)
class AnnualMeetingWindow:
    """When the annual meeting may be held after ordinary elections.

    Principal councils (LGA 1972 Sch 12 para 1(2)): within the 21 days after councillors
    retire, the fourth day after the poll (s.7(4) for districts; ss.16, 21 alike), and on the
    eighth day after unless the council fixes another day. Parish and community councils
    (Sch 12 paras 7, 23): on or within 14 days after the councillors elected take office, the
    same fourth day; no default day. Retirement on a bank holiday is disputed
    (`RetirementReading`): the plain reading (default) keeps the fourth day; the 2019 opinion
    for the AEA and LLG moves it to the next working day under s.243(1)."""

    poll_day: dt.date
    retirement: dt.date
    earliest: dt.date
    latest: dt.date
    default: dt.date | None  # the eighth day after retirement (principal councils)
    reading: RetirementReading = RetirementReading.PLAIN
    kind: CouncilKind = CouncilKind.PRINCIPAL
    source: str = "LGA 1972 Sch 12 para 1(2)"

    @classmethod
    def after_poll(
        cls,
        poll_day: dt.date,
        *,
        reading: RetirementReading | str = RetirementReading.PLAIN,
        calendar: WorkingCalendar | None = None,
        kind: CouncilKind | str = CouncilKind.PRINCIPAL,
    ) -> AnnualMeetingWindow:
        poll_day = as_date(poll_day, "poll day")
        reading = _retirement_reading(reading)
        kind = _kind(kind)
        cal = _calendar_or_default(calendar)
        retirement = poll_day + dt.timedelta(days=RETIREMENT_DAYS)
        if reading is RetirementReading.NEXT_WORKING_DAY:
            while not cal.is_working_day(retirement):
                retirement += dt.timedelta(days=1)
        rule = statutes.rule_for(Duty.ANNUAL_MEETING, cal.nation, kind, poll_day)
        if cal.nation is Nation.SCOTLAND:
            # No retirement day in the reckoning: a meeting within 21 days from the election,
            # the day of the election counted as the first (the cautious reading).
            return cls(
                poll_day=poll_day,
                retirement=poll_day,
                earliest=poll_day + dt.timedelta(days=1),
                latest=poll_day + dt.timedelta(days=rule.days - 1),
                default=None,
                reading=reading,
                kind=kind,
                source=rule.source,
            )
        if kind is CouncilKind.PRINCIPAL:
            earliest = retirement + dt.timedelta(days=1)
            default = retirement + dt.timedelta(days=DEFAULT_ANNUAL_DAYS)
        else:  # "on or within fourteen days after" taking office
            earliest, default = retirement, None
        return cls(
            poll_day=poll_day,
            retirement=retirement,
            earliest=earliest,
            latest=retirement + dt.timedelta(days=rule.days),
            default=default,
            reading=reading,
            kind=kind,
            source=rule.source,
        )

    @property
    def reading_text(self) -> str:
        """Which reading of retirement on a bank holiday was used, for display."""
        if self.reading is RetirementReading.PLAIN:
            return "plain reading (the default)"
        return (
            "next-working-day reading (LGA 1972 s.243(1): NALC and the Electoral Commission "
            "2018, AEA/LLG opinion 2019)"
        )


# Councillors retire on the fourth day after the poll (LGA 1972 s.7(4), districts; ss.16, 21
# alike); the annual meeting is by default on the eighth day after that (Sch 12 para 1(2)).
RETIREMENT_DAYS = 4
DEFAULT_ANNUAL_DAYS = 8


def default_annual_meeting(year: int, poll_day: dt.date | None = None) -> dt.date:
    """The default day of the annual meeting in `year`: the eighth day after councillors
    retire when there is a poll that year (Sch 12 para 1(2)); otherwise, by custom, the same
    offset from the ordinary day of election (Sch 12 para 1(3) allows March, April or May).
    Where the law moved the poll within the year (June 2009, 22 May 2014), the default follows
    it, so the annual meeting never comes before the poll; a poll moved to another year
    (2020) leaves the first Thursday in May."""
    if poll_day is None:
        moved = POLL_DAY_EXCEPTIONS.get(year)
        poll_day = moved[0] if moved and moved[0].year == year else _first_thursday_of_may(year)
    poll_day = as_date(poll_day, "poll day")
    # The plain reading: the fourth day after the poll, then the eighth day after that.
    return poll_day + dt.timedelta(days=RETIREMENT_DAYS + DEFAULT_ANNUAL_DAYS)


def _year(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 9998:
        raise CalendarError(f"municipal year {value!r} is not a year like 2019")
    return value


@attrs.frozen
class MunicipalYear:
    """The council year from one annual meeting to the next (custom, not statute), labelled
    "2019/20". Give the annual meetings when known; otherwise the defaults apply."""

    year: int = attrs.field(converter=_year)
    annual_meeting: dt.date | None = attrs.field(default=None, kw_only=True)
    next_annual_meeting: dt.date | None = attrs.field(default=None, kw_only=True)

    @property
    def label(self) -> str:
        return f"{self.year}/{(self.year + 1) % 100:02d}"

    @property
    def start(self) -> dt.date:
        return self.annual_meeting or default_annual_meeting(self.year)

    @property
    def end(self) -> dt.date:
        """The day before the next annual meeting (inclusive end of the year)."""
        following = self.next_annual_meeting or default_annual_meeting(self.year + 1)
        return following - dt.timedelta(days=1)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    @property
    def budget_deadline(self) -> dt.date:
        """The last day to set the budget and council tax for the coming financial year:
        before 11 March (Local Government Finance Act 1992 s.30(6)); later is lawful but
        should be warned about."""
        return dt.date(self.year + 1, 3, 10)

    def reporting_windows(self, rule: ReportingRule | None = None) -> tuple[ReportingWindow, ...]:
        """The quarterly reporting windows whose meetings fall in this municipal year."""
        return reporting_windows(self, rule)

    def as_period(self) -> Period:
        return Period(
            name=f"Municipal year {self.label}",
            start=self.start,
            end=self.end,
            category=Category.OTHER,
        )


# -- financial quarters and reporting windows ------------------------------------------------


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _calendar.monthrange(year, month)[1])


@attrs.frozen(kw_only=True, order=True)
class FinancialQuarter:
    """A quarter of the UK local-government financial year (1 April to 31 March): Q1 is
    April-June of `year`, Q4 is January-March of `year + 1`."""

    year: int  # the financial year starting in April of this year
    number: int = attrs.field(validator=attrs.validators.in_((1, 2, 3, 4)))

    @property
    def label(self) -> str:
        return f"Q{self.number} {self.year}/{(self.year + 1) % 100:02d}"

    @property
    def start(self) -> dt.date:
        y, m = _add_months(self.year, 4, 3 * (self.number - 1))
        return dt.date(y, m, 1)

    @property
    def end(self) -> dt.date:
        y, m = _add_months(self.year, 4, 3 * self.number - 1)
        return month_end(y, m)

    @property
    def covers(self) -> str:
        """The months covered, e.g. "Jul-Sep"."""
        return f"{self.start.strftime('%b')}-{self.end.strftime('%b')}"

    def next(self) -> FinancialQuarter:
        if self.number == 4:
            return FinancialQuarter(year=self.year + 1, number=1)
        return FinancialQuarter(year=self.year, number=self.number + 1)

    @classmethod
    def parse(cls, label: str) -> FinancialQuarter:
        """From a label "Q2 2019/20" (or "Q2 2019")."""
        try:
            q, fy = label.split()
            number = int(q.upper().removeprefix("Q"))
            year = int(fy.split("/")[0])
            return cls(year=year, number=number)
        except ValueError as exc:
            raise CalendarError(
                f"quarter {label!r} is not a quarter label; expected e.g. 'Q2 2019/20'"
            ) from exc


@attrs.frozen(kw_only=True)
class WindowOverride:
    """A reporting window moved by the council, e.g. Q2 2019/20 to 25 Nov - 6 Dec 2019."""

    quarter: str  # label, "Q2 2019/20"
    start: dt.date
    end: dt.date
    reason: str = ""

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise CalendarError(
                f"reporting window for {self.quarter} ends ({self.end}) before it starts "
                f"({self.start})"
            )


@attrs.frozen(kw_only=True)
class ReportingRule:
    """When quarterly reports can be taken (seed 000, Draft Schedule report para 3.1): data
    collected the month after the quarter, reports written the month after that, meetings in
    the first two weeks of the third month. All offsets are data a council can change."""

    data_months_after: int = 1
    report_months_after: int = 2
    meeting_months_after: int = 3
    meeting_first_day: int = 1  # window starts on this day of the meeting month
    meeting_days: int = 14  # and lasts this many days ("first two weeks")
    overrides: tuple[WindowOverride, ...] = ()

    def __attrs_post_init__(self) -> None:
        offsets = (self.data_months_after, self.report_months_after, self.meeting_months_after)
        if not 0 <= offsets[0] <= offsets[1] <= offsets[2] <= 12:
            raise CalendarError(
                f"reporting offsets {offsets} (data, reports, meeting months after the quarter) "
                "must rise from 0 to at most 12, e.g. (1, 2, 3)"
            )
        if not 1 <= self.meeting_first_day <= 31 or self.meeting_days < 1:
            raise CalendarError(
                f"reporting window from day {self.meeting_first_day} for {self.meeting_days} "
                "days: the first day must be 1-31 and the window at least 1 day"
            )

    def window(self, quarter: FinancialQuarter) -> ReportingWindow:
        last = quarter.end
        dy, dm = _add_months(last.year, last.month, self.data_months_after)
        ry, rm = _add_months(last.year, last.month, self.report_months_after)
        my, mm = _add_months(last.year, last.month, self.meeting_months_after)
        start = dt.date(my, mm, min(self.meeting_first_day, _calendar.monthrange(my, mm)[1]))
        end = start + dt.timedelta(days=self.meeting_days - 1)
        note = ""
        for override in self.overrides:
            if override.quarter == quarter.label:
                start, end, note = override.start, override.end, override.reason or "moved"
        return ReportingWindow(
            quarter=quarter.label,
            covers=quarter.covers,
            covers_start=quarter.start,
            covers_end=quarter.end,
            data_collection=dt.date(dy, dm, 1),
            reports_finished=dt.date(ry, rm, 1),
            start=start,
            end=end,
            note=note,
        )


@attrs.frozen(kw_only=True)
class ReportingWindow:
    """When a committee can take one quarter's performance report."""

    quarter: str  # "Q2 2019/20"
    covers: str  # "Jul-Sep"
    covers_start: dt.date
    covers_end: dt.date
    data_collection: dt.date  # first day of the month the data is collected
    reports_finished: dt.date  # first day of the month the reports are written
    start: dt.date  # the meeting window, inclusive
    end: dt.date
    note: str = ""  # why the window was moved, when it was

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def as_period(self) -> Period:
        return Period(
            name=f"{self.quarter} reporting window",
            start=self.start,
            end=self.end,
            category="reporting-window",
            source="seed 000 para 3.1" if not self.note else self.note,
        )


def reporting_windows(
    year: MunicipalYear | int, rule: ReportingRule | None = None
) -> tuple[ReportingWindow, ...]:
    """The reporting windows whose meeting window starts within the municipal year (for
    2019/20 with the defaults: Q4 2018/19, Q1, Q2 and Q3 2019/20)."""
    my = year if isinstance(year, MunicipalYear) else MunicipalYear(year)
    r = rule or ReportingRule()
    out: list[ReportingWindow] = []
    quarter = FinancialQuarter(year=my.year - 2, number=1)
    while quarter.start <= my.end:
        window = r.window(quarter)
        if my.start <= window.start <= my.end:
            out.append(window)
        quarter = quarter.next()
    return tuple(out)
