"""Poll days, the notice-of-election deadline and the pre-election period ("purdah")."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping

import attrs

from meetings.closures import SUBDIVISIONS, Category, Period, bank_holidays
from meetings.dates import (
    AnnualMeetingWindow,
    Deadline,
    Nation,
    WorkingCalendar,
    as_date,
)
from meetings.errors import CalendarError


class PollKind(enum.StrEnum):
    """The kinds of poll a council's pre-election period can precede (data tokens)."""

    LOCAL = "local"
    PCC = "pcc"  # Police and Crime Commissioner
    MAYORAL = "mayoral"
    PARLIAMENTARY = "parliamentary"
    REFERENDUM = "referendum"


def election_calendar(
    nation: Nation | str = Nation.ENGLAND, disregarded: Iterable[dt.date] = ()
) -> WorkingCalendar:
    """The days that count in an election timetable. Disregarded: Saturdays, Sundays,
    Christmas Eve, Christmas Day, Good Friday, bank holidays, and days appointed for public
    thanksgiving or mourning, passed as `disregarded` (Local Elections (Principal Areas)
    (England and Wales) Rules 2006, SI 2006/3304, Sch 2 r 2; the PCC Elections Order 2012,
    SI 2012/1917, Sch 3 r 2, alike). Christmas Day and Good Friday are bank holidays in every
    UK nation already; Christmas Eve is not, so it is added every year."""
    mourning = tuple(
        Period.day(as_date(d, "day of mourning"), "day of mourning or thanksgiving", "closure")
        for d in disregarded
    )
    return WorkingCalendar(nation=nation, extra_closures=mourning, annual_closures=((12, 24),))


NOTICE_WORKING_DAYS = 25


def notice_of_election_deadline(
    poll_day: dt.date | str,
    nation: Nation | str = Nation.ENGLAND,
    *,
    disregarded: Iterable[dt.date] = (),
) -> dt.date:
    """The last day to publish the notice of election: the 25th working day before the poll
    (SI 2006/3304 Sch 2 r 1, timetable; SI 2012/1917 Sch 3 r 1 for PCC elections), counting
    only the days `election_calendar` keeps. The other nations' rules use the same count;
    their own bank holidays apply."""
    day = as_date(poll_day, "poll day")
    return election_calendar(nation, disregarded).add_working_days(day, -NOTICE_WORKING_DAYS)


def _poll_day(value: object) -> dt.date:
    return as_date(value, "poll day")


def _kind(value: object) -> PollKind:
    try:
        return PollKind(str(value))
    except ValueError:
        raise CalendarError(
            f"unknown poll kind {value!r}; valid: {', '.join(k.value for k in PollKind)}"
        ) from None


@attrs.frozen(kw_only=True)
class Poll:
    """One poll: its day and kind."""

    day: dt.date = attrs.field(converter=_poll_day)
    kind: PollKind = attrs.field(default=PollKind.LOCAL, converter=_kind)

    @property
    def title(self) -> str:
        return _TITLES[self.kind]


_TIMETABLE = {
    PollKind.LOCAL: "SI 2006/3304 Sch 2 rr 1-2",
    PollKind.PCC: "SI 2012/1917 Sch 3 rr 1-2",
    PollKind.MAYORAL: "Local Authorities (Mayoral Elections) (England and Wales) Regs 2007",
    PollKind.PARLIAMENTARY: "RPA 1983 Sch 1 rr 1-2",
    PollKind.REFERENDUM: "PPERA 2000 s.125",
}

_TITLES = {
    PollKind.LOCAL: "local elections",
    PollKind.PCC: "Police and Crime Commissioner election",
    PollKind.MAYORAL: "mayoral election",
    PollKind.PARLIAMENTARY: "parliamentary election",
    PollKind.REFERENDUM: "referendum",
}


def statutory_start(
    poll: Poll, nation: Nation | str = Nation.ENGLAND, disregarded: Iterable[dt.date] = ()
) -> dt.date:
    """The latest day the pre-election period can start for a poll: the day the notice of
    election must be published (Code of Recommended Practice on Local Authority Publicity
    2011, para 34: the period begins with the notice).

    Local, PCC and mayoral polls: the 25th working day before the poll (see
    `notice_of_election_deadline`; the Local Authorities (Mayoral Elections) (England and
    Wales) Regulations 2007 use the same count).
    Parliamentary general elections: Parliament is dissolved 25 working days before the poll
    (RPA 1983 Sch 1 r 1 timetable), counted alike. National referendums: publicity is
    restricted for the 28 days ending with the poll (PPERA 2000 s.125)."""
    if poll.kind is PollKind.REFERENDUM:
        return poll.day - dt.timedelta(days=27)
    days = tuple(disregarded)
    if poll.kind is PollKind.PARLIAMENTARY:
        # A UK general election disregards a bank holiday "in any part of the United Kingdom"
        # (RPA 1983 Sch 1 r 2(1)): 2 December 2019 (St Andrew's Day substitute, Scotland) put
        # the dissolution for the poll of 12 December 2019 on 6 November, not 7 November.
        years = (poll.day.year - 1, poll.day.year)
        days += tuple(
            d for subdiv in SUBDIVISIONS for d in bank_holidays(subdiv, years) if d <= poll.day
        )
    return notice_of_election_deadline(poll.day, nation, disregarded=days)


STATUTORY = "statutory latest date (notice of election)"
FIXED = "fixed by the council"


@attrs.frozen(kw_only=True)
class PreElectionPeriod:
    """The pre-election period before one or more polls: from `start` to the last poll day.

    It begins when the notice of election is published and ends with the poll (Code of
    Recommended Practice on Local Authority Publicity 2011). `basis` says whether `start` was
    fixed by the council (the seed's 7 April 2020 for the PCC poll of 7 May 2020) or is the
    statutory latest date."""

    polls: tuple[Poll, ...]
    start: dt.date
    end: dt.date
    basis: str
    statutory_start: dt.date

    @classmethod
    def for_polls(
        cls,
        polls: Iterable[Poll],
        *,
        start: dt.date | str | None = None,
        nation: Nation | str = Nation.ENGLAND,
        disregarded: Iterable[dt.date] = (),
    ) -> PreElectionPeriod:
        """One period covering `polls` (combined polls share one period): from the earliest
        statutory start (or the council's own `start`) to the last poll day."""
        ordered = tuple(sorted(polls, key=lambda p: (p.day, p.kind.value)))
        if not ordered:
            raise CalendarError("a pre-election period needs at least one poll")
        days = tuple(disregarded)
        latest_start = min(statutory_start(p, nation, days) for p in ordered)
        end = ordered[-1].day
        if start is None:
            first, basis = latest_start, STATUTORY
        else:
            first, basis = as_date(start, "pre-election start"), FIXED
            if first > end:
                raise CalendarError(
                    f"pre-election start {first} is after the poll on {end}; "
                    f"valid: a day on or before {end} (statutory latest start {latest_start})"
                )
        return cls(polls=ordered, start=first, end=end, basis=basis, statutory_start=latest_start)

    @classmethod
    def for_poll(
        cls,
        poll_day: dt.date | str,
        kind: PollKind | str = PollKind.LOCAL,
        *,
        start: dt.date | str | None = None,
        nation: Nation | str = Nation.ENGLAND,
        disregarded: Iterable[dt.date] = (),
    ) -> PreElectionPeriod:
        return cls.for_polls(
            [Poll(day=as_date(poll_day, "poll day"), kind=_kind(kind))],
            start=start,
            nation=nation,
            disregarded=disregarded,
        )

    @property
    def name(self) -> str:
        titles = " and ".join(dict.fromkeys(p.title for p in self.polls))
        return f"Pre-election period ({titles}, {self.end.day} {self.end:%B %Y})"

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def as_period(self) -> Period:
        return Period(
            name=self.name,
            start=self.start,
            end=self.end,
            category=Category.PRE_ELECTION,
            source=f"start {self.basis}",
        )


def pre_election_periods(
    polls: Iterable[Poll],
    *,
    starts: Mapping[int, dt.date] | None = None,
    nation: Nation | str = Nation.ENGLAND,
    disregarded: Iterable[dt.date] = (),
) -> tuple[PreElectionPeriod, ...]:
    """One period per calendar year of polls (combined polls in a year share one period);
    `starts` gives a council's own start for a year."""
    by_year: dict[int, list[Poll]] = {}
    for poll in polls:
        by_year.setdefault(poll.day.year, []).append(poll)
    days = tuple(disregarded)
    return tuple(
        PreElectionPeriod.for_polls(
            by_year[year], start=(starts or {}).get(year), nation=nation, disregarded=days
        )
        for year in sorted(by_year)
    )


def poll_timetables(
    polls: Iterable[Poll],
    *,
    starts: Mapping[int, dt.date] | None = None,
    nation: Nation | str = Nation.ENGLAND,
    disregarded: Iterable[dt.date] = (),
) -> list[tuple[str, tuple[Deadline, ...]]]:
    """The deadlines of each pre-election period of `polls`, each headed "Poll (…)": what
    `meetings deadlines` prints for given polls and for the polls of a planned year."""
    days = tuple(disregarded)
    return [
        (
            period.name.replace("Pre-election period", "Poll", 1),
            poll_deadlines(period, nation, disregarded=days),
        )
        for period in pre_election_periods(polls, starts=starts, nation=nation, disregarded=days)
    ]


def poll_deadlines(
    period: PreElectionPeriod,
    nation: Nation | str = Nation.ENGLAND,
    *,
    disregarded: Iterable[dt.date] = (),
) -> tuple[Deadline, ...]:
    """What a council needs to know about a poll: the notice-of-election deadline, the
    pre-election period, and after ordinary local elections the annual-meeting window."""
    days = tuple(disregarded)
    out = [
        Deadline(
            name=f"Notice of election ({poll.title})",
            day=notice_of_election_deadline(poll.day, nation, disregarded=days),
            rule=f"25th working day before the poll ({_TIMETABLE[poll.kind]})",
        )
        for poll in period.polls
        if poll.kind is not PollKind.REFERENDUM
    ]
    out += [
        Deadline(name="Pre-election period begins", day=period.start, rule=period.basis),
        Deadline(name="Poll (pre-election period ends)", day=period.end, rule="polling day"),
    ]
    if any(p.kind is PollKind.LOCAL for p in period.polls):
        window = AnnualMeetingWindow.after_poll(
            next(p.day for p in period.polls if p.kind is PollKind.LOCAL)
        )
        sch12 = "LGA 1972 Sch 12 para 1(2)"
        out += [
            Deadline(name="Councillors retire", day=window.retirement, rule="4th day after poll"),
            Deadline(name="Annual meeting: earliest", day=window.earliest, rule=sch12),
            Deadline(name="Annual meeting: default", day=window.default, rule="8th day (custom)"),
            Deadline(name="Annual meeting: latest", day=window.latest, rule=sch12),
        ]
    return tuple(out)
