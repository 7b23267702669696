"""Poll days, the notice-of-election deadline and the pre-election period ("purdah")."""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable, Mapping

import attrs

from meetings.closures import SUBDIVISIONS, Category, Period, bank_holidays, good_fridays
from meetings.dates import (
    DEFAULT_ANNUAL_DAYS,
    LONDON,
    RETIREMENT_DAYS,
    AnnualMeetingWindow,
    Deadline,
    Nation,
    WorkingCalendar,
    as_date,
)
from meetings.errors import CalendarError
from meetings.statutes import (
    TWENTY_FIVE_DAYS,
    CouncilKind,
    Duty,
    RetirementReading,
    Rule,
    find_rule,
    rule_for,
)
from meetings.text import plain_date


class PollKind(enum.StrEnum):
    """The kinds of poll a council's pre-election period can precede (data tokens)."""

    LOCAL = "local"
    PCC = "pcc"  # Police and Crime Commissioner
    MAYORAL = "mayoral"
    PARLIAMENTARY = "parliamentary"
    REFERENDUM = "referendum"


def election_calendar(
    nation: Nation | str = Nation.ENGLAND,
    disregarded: Iterable[dt.date] = (),
    *,
    rule: Rule | None = None,
    years: Iterable[int] = (),
) -> WorkingCalendar:
    """The days that count in an election timetable. Disregarded: Saturdays, Sundays,
    Christmas Eve, Christmas Day, Good Friday, bank holidays, and days appointed for public
    thanksgiving or mourning, passed as `disregarded` (Local Elections (Principal Areas)
    (England and Wales) Rules 2006, SI 2006/3304, Sch 2 r 2; the PCC Elections Order 2012,
    SI 2012/1917, Sch 3 r 2, alike). Christmas Day and Good Friday are bank holidays in every
    UK nation already; Christmas Eve is not, so it is added every year.

    A `rule` of the dated table (`meetings.statutes`) adds, for `years`, the days it also
    disregards: the bank holidays of every part of the UK (a UK general election, RPA 1983
    Sch 1 r 2), Maundy Thursday (before 2007), Easter Monday (Scottish local elections)."""
    days = {as_date(d, "day of mourning") for d in disregarded}
    if rule is not None:
        spans = tuple(years)
        if rule.disregard_uk_bank_holidays:
            days |= {d for subdiv in SUBDIVISIONS for d in bank_holidays(subdiv, spans)}
        for good_friday in good_fridays("ENG", spans):
            if rule.disregard_maundy_thursday:
                days.add(good_friday - dt.timedelta(days=1))
            if rule.disregard_easter_monday:
                days.add(good_friday + dt.timedelta(days=3))
    mourning = tuple(
        Period.day(d, "day disregarded in the election timetable", "closure") for d in sorted(days)
    )
    return WorkingCalendar(nation=nation, extra_closures=mourning, annual_closures=((12, 24),))


def _timetable_calendar(
    rule: Rule, nation: Nation | str, poll_day: dt.date, disregarded: Iterable[dt.date]
) -> WorkingCalendar:
    days = tuple(sorted({as_date(d, "day of mourning") for d in disregarded}))
    return _timetable_calendar_of(
        Nation.parse(nation), days, rule, (poll_day.year - 1, poll_day.year)
    )


@functools.lru_cache(maxsize=256)
def _timetable_calendar_of(
    nation: Nation, days: tuple[dt.date, ...], rule: Rule, years: tuple[int, int]
) -> WorkingCalendar:
    # One calendar per timetable and pair of years, so its working days are indexed once.
    return election_calendar(nation, days, rule=rule, years=years)


def notice_of_election_rule(poll_day: dt.date | str, nation: Nation | str = Nation.ENGLAND) -> Rule:
    """The rule for the notice of election in force for a local poll on `poll_day` in
    `nation` (the dated table); `CalendarError` for Northern Ireland or a poll before the
    table covers (England and Wales: 2 January 2007, SI 2006/3304; Scotland: 3 May 2012,
    SSI 2011/399)."""
    day = as_date(poll_day, "poll day")
    return rule_for(Duty.NOTICE_OF_ELECTION, Nation.parse(nation), CouncilKind.PRINCIPAL, day)


def notice_of_election_deadline(
    poll_day: dt.date | str,
    nation: Nation | str = Nation.ENGLAND,
    *,
    disregarded: Iterable[dt.date] = (),
) -> dt.date:
    """The last day to publish the notice of election for a local (or PCC, or mayoral) poll.

    England and Wales: the 25th working day before the poll (SI 2006/3304 Sch 2 r 1; SI
    2012/1917 Sch 3 r 1 for PCC elections), counting only the days `election_calendar`
    keeps. Scotland: not later than the 28th day before the poll (SSI 2011/399 Sch 1 r 1),
    disregarding Saturdays, Sundays, Christmas Eve, Christmas Day, Good Friday, Easter Monday,
    Scottish bank holidays and days of thanksgiving or mourning. Northern Ireland is not in
    the table: `CalendarError`."""
    day = as_date(poll_day, "poll day")
    rule = notice_of_election_rule(day, nation)
    cal = _timetable_calendar(rule, nation, day, disregarded)
    return cal.add_working_days(day, -rule.days)


# A Scottish local election (SSI 2011/399 Sch 1 r 1): the notice of election not earlier than
# the 35th day before the poll; nominations by 4 pm on the 23rd day before it.
SCOTTISH_NOTICE_EARLIEST = 35
SCOTTISH_NOMINATIONS = 23
# A parliamentary election (RPA 1983 Sch 1 r 1): the notice by 4 pm on the 3rd working day
# after the proclamation or dissolution, nominations by 4 pm on the 6th.
PARLIAMENTARY_NOTICE = 3
PARLIAMENTARY_NOMINATIONS = 6


def scottish_notice_window(
    poll_day: dt.date | str, *, disregarded: Iterable[dt.date] = ()
) -> tuple[dt.date, dt.date, dt.datetime]:
    """A Scottish local election's notice of election and nominations (SSI 2011/399 Sch 1
    r 1): the notice not earlier than the 35th and not later than the 28th day before the
    poll, nominations by 4 pm on the 23rd day, as (earliest, latest, nominations close).
    Poll 4 May 2017: 13 March, 22 March, 29 March 2017 4 pm; poll 5 May 2022: 14 March,
    23 March, 30 March 2022 4 pm."""
    day = as_date(poll_day, "poll day")
    rule = notice_of_election_rule(day, Nation.SCOTLAND)
    cal = _timetable_calendar(rule, Nation.SCOTLAND, day, disregarded)
    close = cal.add_working_days(day, -SCOTTISH_NOMINATIONS)
    at_four = dt.datetime.combine(close, dt.time(16, 0), tzinfo=LONDON)
    earliest = cal.add_working_days(day, -SCOTTISH_NOTICE_EARLIEST)
    return earliest, cal.add_working_days(day, -rule.days), at_four


@attrs.frozen(kw_only=True)
class ParliamentaryTimetable:
    """The timetable of a UK Parliament general election (RPA 1983 Sch 1 r 1), counted in
    working days, disregarding Saturdays, Sundays, Christmas Eve, Christmas Day, Good Friday,
    a bank holiday in any part of the UK and days of thanksgiving or mourning (r 2)."""

    poll_day: dt.date
    dissolution: dt.date  # the proclamation dissolving Parliament: day 0
    writ_received: dt.date  # taken as the working day after the proclamation
    notice_of_election: dt.datetime  # by 4 pm on the 2nd working day after the writ
    nominations_close: dt.datetime  # 4 pm on the 6th working day after the proclamation
    rule: Rule

    @classmethod
    def for_poll(
        cls, poll_day: dt.date | str, *, disregarded: Iterable[dt.date] = ()
    ) -> ParliamentaryTimetable:
        day = as_date(poll_day, "poll day")
        rule = rule_for(Duty.PARLIAMENTARY_TIMETABLE, Nation.ENGLAND, CouncilKind.PRINCIPAL, day)
        cal = _timetable_calendar(rule, Nation.ENGLAND, day, disregarded)
        dissolution = cal.add_working_days(day, -rule.days)

        def four_pm(n: int) -> dt.datetime:
            when = cal.add_working_days(dissolution, n)
            return dt.datetime.combine(when, dt.time(16, 0), tzinfo=LONDON)

        return cls(
            poll_day=day,
            dissolution=dissolution,
            writ_received=cal.add_working_days(dissolution, 1),
            notice_of_election=four_pm(PARLIAMENTARY_NOTICE),
            nominations_close=four_pm(PARLIAMENTARY_NOMINATIONS),
            rule=rule,
        )

    def deadlines(self) -> tuple[Deadline, ...]:
        src = self.rule.source
        # before the 25-day timetable, the days counted from the proclamation
        day0 = "the proclamation" if self.rule.start < TWENTY_FIVE_DAYS else "dissolution"
        return (
            Deadline(
                name="Dissolution of Parliament (proclamation)",
                day=self.dissolution,
                rule=f"{self.rule.days} working days before the poll, bank holidays anywhere "
                "in the UK disregarded",
                source=src,
            ),
            Deadline(
                name="Writ received",
                day=self.writ_received,
                rule=f"taken as the working day after {day0}",
                source=src,
            ),
            Deadline(
                name="Notice of election (parliamentary election)",
                day=self.notice_of_election.date(),
                at=self.notice_of_election,
                rule=(
                    f"by 4 pm on the {_ordinal(PARLIAMENTARY_NOTICE)} working day after {day0} "
                    f"(the {_ordinal(PARLIAMENTARY_NOTICE - 1)} after the writ)"
                ),
                source=src,
            ),
            Deadline(
                name="Nominations close",
                day=self.nominations_close.date(),
                at=self.nominations_close,
                rule=f"4 pm on the {_ordinal(PARLIAMENTARY_NOMINATIONS)} working day after {day0}",
                source=src,
            ),
        )


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

# Polls held only in England and Wales, and from when the table has their rules.
_ENGLAND_AND_WALES_ONLY = {
    PollKind.PCC: dt.date(2012, 11, 15),  # the first PCC elections (SI 2012/1917)
    PollKind.MAYORAL: dt.date(2007, 5, 3),  # the first polls under the 2007 Regulations
}

_TITLES = {
    PollKind.LOCAL: "local elections",
    PollKind.PCC: "Police and Crime Commissioner election",
    PollKind.MAYORAL: "mayoral election",
    PollKind.PARLIAMENTARY: "parliamentary election",
    PollKind.REFERENDUM: "referendum",
}


def _check_poll(poll: Poll, nation: Nation) -> None:
    first = _ENGLAND_AND_WALES_ONLY.get(poll.kind)
    if first is None:
        return
    if nation not in (Nation.ENGLAND, Nation.WALES):
        raise CalendarError(
            f"a {poll.title} is held in England and Wales only, not in {nation.value}"
        )
    if poll.day < first:
        raise CalendarError(
            f"the {poll.title} of {poll.day} is before the table's rules for it start "
            f"({first}, {_TIMETABLE[poll.kind]})"
        )


def _notice_source(poll: Poll, rule: Rule) -> str:
    # PCC and mayoral polls have their own timetables with the local elections' count.
    return _TIMETABLE[poll.kind] if poll.kind in _ENGLAND_AND_WALES_ONLY else rule.source


def statutory_start(
    poll: Poll, nation: Nation | str = Nation.ENGLAND, disregarded: Iterable[dt.date] = ()
) -> dt.date:
    """The latest day the pre-election period can start for a poll: the day the notice of
    election must be published (Code of Recommended Practice on Local Authority Publicity
    2011, para 34: the period begins with the notice).

    Local, PCC and mayoral polls: the notice of election's latest day (see
    `notice_of_election_deadline`: the 25th working day before the poll in England and Wales,
    the 28th day in Scotland). Parliamentary general elections: the dissolution of
    Parliament, the earlier, cautious start (the notice follows by the third working day;
    `ParliamentaryTimetable`). National referendums: publicity is restricted for the 28 days
    ending with the poll (PPERA 2000 s.125)."""
    nation = Nation.parse(nation)
    if poll.kind is PollKind.REFERENDUM:
        rule = rule_for(Duty.REFERENDUM_PERIOD, nation, CouncilKind.PRINCIPAL, poll.day)
        return poll.day - dt.timedelta(days=rule.days - 1)
    if poll.kind is PollKind.PARLIAMENTARY:
        # A UK general election disregards a bank holiday "in any part of the United Kingdom"
        # (RPA 1983 Sch 1 r 2): 2 December 2019 (St Andrew's Day substitute, Scotland) put
        # the dissolution for the poll of 12 December 2019 on 6 November, not 7 November.
        return ParliamentaryTimetable.for_poll(poll.day, disregarded=disregarded).dissolution
    _check_poll(poll, nation)
    return notice_of_election_deadline(poll.day, nation, disregarded=disregarded)


STATUTORY = "statutory latest date (notice of election)"
STATUTORY_DISSOLUTION = "statutory latest date (dissolution of Parliament)"
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
        starts = {p: statutory_start(p, nation, days) for p in ordered}
        latest_start = min(starts.values())
        end = ordered[-1].day
        if start is None:
            first, basis = latest_start, STATUTORY
            if any(p.kind is PollKind.PARLIAMENTARY and s == first for p, s in starts.items()):
                basis = STATUTORY_DISSOLUTION
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
    def titles_by_day(self) -> dict[dt.date, str]:
        """Each polling day and its polls' titles joined ("local elections and Police and Crime
        Commissioner election"): polls on different days merged into one period each keep
        their own date."""
        days = dict.fromkeys(p.day for p in self.polls)
        return {
            day: " and ".join(dict.fromkeys(p.title for p in self.polls if p.day == day))
            for day in days
        }

    @property
    def name(self) -> str:
        parts = [f"{titles}, {plain_date(day)}" for day, titles in self.titles_by_day.items()]
        return f"Pre-election period ({'; '.join(parts)})"

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
    kind: CouncilKind | str = CouncilKind.PRINCIPAL,
    reading: RetirementReading | str = RetirementReading.PLAIN,
    calendar: WorkingCalendar | None = None,
) -> list[tuple[str, tuple[Deadline, ...]]]:
    """The deadlines of each pre-election period of `polls`, each headed "Poll (…)": what
    `meetings deadlines` prints for given polls and for the polls of a planned year."""
    days = tuple(disregarded)
    return [
        (
            period.name.replace("Pre-election period", "Poll", 1),
            poll_deadlines(
                period, nation, disregarded=days, kind=kind, reading=reading, calendar=calendar
            ),
        )
        for period in pre_election_periods(polls, starts=starts, nation=nation, disregarded=days)
    ]


def poll_deadlines(
    period: PreElectionPeriod,
    nation: Nation | str = Nation.ENGLAND,
    *,
    disregarded: Iterable[dt.date] = (),
    kind: CouncilKind | str = CouncilKind.PRINCIPAL,
    reading: RetirementReading | str = RetirementReading.PLAIN,
    calendar: WorkingCalendar | None = None,
) -> tuple[Deadline, ...]:
    """What a council needs to know about a poll: the notice of election (a general
    election's whole timetable), the pre-election period, and after ordinary local elections
    the annual-meeting window of a council of `kind`, with the `reading` of retirement on a
    bank holiday it used (counted on `calendar`, the council's working days, when given)."""
    nation = Nation.parse(nation)
    days = tuple(disregarded)
    out: list[Deadline] = []
    for poll in period.polls:
        if poll.kind is PollKind.PARLIAMENTARY:
            out += ParliamentaryTimetable.for_poll(poll.day, disregarded=days).deadlines()
        elif poll.kind is not PollKind.REFERENDUM:
            _check_poll(poll, nation)
            rule = notice_of_election_rule(poll.day, nation)
            close: dt.datetime | None = None
            if nation is Nation.SCOTLAND:
                earliest, latest, close = scottish_notice_window(poll.day, disregarded=days)
                out.append(
                    Deadline(
                        name=f"Notice of election: earliest ({poll.title})",
                        day=earliest,
                        rule=f"{_ordinal(SCOTTISH_NOTICE_EARLIEST)} day before the poll",
                        source=rule.source,
                    )
                )
            else:
                latest = notice_of_election_deadline(poll.day, nation, disregarded=days)
            note = f"; {rule.note}" if rule.note else ""
            out.append(
                Deadline(
                    name=f"Notice of election ({poll.title})",
                    day=latest,
                    rule=f"{_ordinal(rule.days)} working day before the poll{note}",
                    source=_notice_source(poll, rule),
                )
            )
            if close is not None:
                out.append(
                    Deadline(
                        name=f"Nominations close ({poll.title})",
                        day=close.date(),
                        at=close,
                        rule=(
                            f"4 pm on the {_ordinal(SCOTTISH_NOMINATIONS)} working day before "
                            f"the poll{note}"
                        ),
                        source=rule.source,
                    )
                )
    out += [
        Deadline(
            name="Pre-election period begins",
            day=period.start,
            rule=period.basis,
            source="Code of Recommended Practice on Local Authority Publicity 2011",
        ),
    ]
    # Polls on different days merged into one period: each earlier poll keeps its own row.
    for day, titles in period.titles_by_day.items():
        if day == period.end:
            continue
        out.append(
            Deadline(
                name=f"Poll ({titles})",
                day=day,
                rule="polling day; the pre-election period runs on to the later poll",
            )
        )
    out.append(Deadline(name="Poll (pre-election period ends)", day=period.end, rule="polling day"))
    local = [p.day for p in period.polls if p.kind is PollKind.LOCAL]
    cal = calendar if calendar is not None else WorkingCalendar(nation=nation)
    first = find_rule(Duty.ANNUAL_MEETING, nation, kind, local[0]) if local else None
    if first is not None:
        window = AnnualMeetingWindow.after_poll(local[0], reading=reading, calendar=cal, kind=kind)
        if nation is Nation.SCOTLAND:
            # "within 21 days from the date of the election": the cautious count takes the
            # election day as the first of them (LG(S)A 1973 Sch 7 para 1(1)), as the window does
            out.append(
                Deadline(
                    name="First meeting of the council: latest",
                    day=window.latest,
                    rule=f"{first.summary}; {first.note}",
                    source=first.source,
                )
            )
        else:
            src = window.source
            read = f"retirement on a bank holiday: {window.reading_text}"
            out.append(
                Deadline(
                    name="Councillors retire",
                    day=window.retirement,
                    rule=f"{_ordinal(RETIREMENT_DAYS)} day after the poll; {read}",
                    source=src,
                )
            )
            if window.default is None:
                out.append(
                    Deadline(
                        name="Annual meeting: earliest",
                        day=window.earliest,
                        rule=f"the day councillors take office ({read})",
                        source=src,
                    )
                )
            else:
                out += [
                    Deadline(
                        name="Annual meeting: earliest",
                        day=window.earliest,
                        rule=f"the day after retirement ({read})",
                        source=src,
                    ),
                    Deadline(
                        name="Annual meeting: default",
                        day=window.default,
                        rule=(
                            f"{_ordinal(DEFAULT_ANNUAL_DAYS)} day after retirement unless the "
                            f"council fixes another ({read})"
                        ),
                        source=src,
                    ),
                ]
            span = (window.latest - window.retirement).days
            out.append(
                Deadline(
                    name="Annual meeting: latest",
                    day=window.latest,
                    rule=f"{span} days after retirement ({read})",
                    source=src,
                )
            )
    return tuple(out)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
