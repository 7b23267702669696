"""The dated table of statutory rules the calendar engine reads.

Each row is one rule: what it governs (a `Duty`), for which nations and kinds of council, how
many days and how they are counted, its source, and the dates it is in force (`start`
inclusive, `end` exclusive). The engine looks a rule up for the meeting's or poll's own date,
so a 2009 meeting is never given a 2012 regulation, and a change in the law is one new row.
A case the table does not cover (Northern Ireland, a date before a rule's first row) raises
`CalendarError` naming what is covered, never a guess.

The table is `RULES`; `rule_for` finds the one row in force; `rules_in_force` lists them.
See docs/calendar-engine.md for the table as prose, with the disputed readings.
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
from collections.abc import Iterable

import attrs

from meetings.errors import CalendarError
from meetings.text import plain_date


class CouncilKind(enum.StrEnum):
    """The kind of council, which decides the notice rules (data tokens of `council.kind`)."""

    PRINCIPAL = "principal"  # county, district, unitary, London borough; Scottish councils
    PARISH = "parish"  # parish and town councils in England (LGA 1972 Sch 12 Part II)
    COMMUNITY = "community"  # community and town councils in Wales (LGA 1972 Sch 12 Part IV)

    @classmethod
    def parse(cls, value: object) -> CouncilKind:
        if isinstance(value, CouncilKind):
            return value
        try:
            return cls(str(value).strip().lower())
        except ValueError:
            raise CalendarError(
                f"unknown kind of council {value!r}; valid: {', '.join(k.value for k in cls)}"
            ) from None


class LocalClearDays(enum.StrEnum):
    """How a parish or community council counts its three clear days: disputed, a council
    setting (`council.local_clear_days`)."""

    # Default, the cautious (earlier) reading: the days s.243 disregards and also Saturdays,
    # bank holidays and the council's closures, as clear days are working days for principal
    # councils (R v Swansea City Council, ex p Elitestone, CA 1993).
    CAUTIOUS = "cautious"
    # Only the days s.243 disregards: Saturdays count (the reading of the National
    # Association of Local Councils).
    SECTION_243 = "section-243"


class RetirementReading(enum.StrEnum):
    """When councillors retire if the fourth day after the poll is a bank holiday (6 May 2019,
    6 May 2024): disputed, a council setting (`council.retirement_reading`)."""

    # Default, the plain reading and the earlier date: the fourth day after the poll.
    PLAIN = "plain"
    # The 2019 opinion for the AEA and LLG: LGA 1972 s.243(1) moves it to the next working
    # day (Tue 7 May 2024), and the annual-meeting window with it.
    NEXT_WORKING_DAY = "next-working-day"


class Duty(enum.StrEnum):
    """What a rule governs."""

    AGENDA = "agenda"  # agenda and reports open to inspection
    PUBLIC_NOTICE = "public-notice"  # public notice of the meeting's time and place
    SUMMONS = "summons"  # summons to members
    KEY_DECISION = "key-decision"  # notice of a key decision (forward plan)
    PRIVATE_NOTICE = "private-notice"  # first notice of an executive meeting in private
    PRIVATE_FINAL_NOTICE = "private-final-notice"  # the second notice
    GENERAL_EXCEPTION = "general-exception"  # a key decision not in the forward plan
    SPECIAL_URGENCY = "special-urgency"  # a key decision too urgent for the general exception
    NOTICE_OF_ELECTION = "notice-of-election"  # local, PCC and mayoral polls
    PARLIAMENTARY_TIMETABLE = "parliamentary-timetable"  # UK Parliament general elections
    REFERENDUM_PERIOD = "referendum-period"  # publicity restricted before a referendum
    ANNUAL_MEETING = "annual-meeting"  # the annual meeting in a year of ordinary elections


class Counting(enum.StrEnum):
    """How a rule's days are counted."""

    # Clear working days: not Saturday, Sunday, a bank holiday of the nation or a council
    # closure; neither the day of publication nor the meeting counts (R v Swansea City
    # Council, ex p Elitestone (1993) 66 P & CR 422, CA).
    WORKING = "clear working days"
    # Clear days with the days of LGA 1972 s.243 disregarded: Sundays, the Christmas and
    # Easter breaks, bank holiday breaks, days of public thanksgiving or mourning (parish
    # and community councils; see `LocalClearDays` for the two readings).
    SECTION_243 = "clear days (LGA 1972 s.243)"
    # 28 clear days, counted as calendar or working days by the council's setting (disputed).
    LONG_NOTICE = "clear days (council's counting)"
    # SI 2000/3272: the forward plan for the four months from the first of a month is
    # published at least 14 days before that first day.
    FORWARD_PLAN = "days before the forward plan's first month"
    # Days before the poll, disregarding the days the election rules name.
    ELECTION = "days before the poll (election timetable)"
    CALENDAR = "calendar days"


@attrs.frozen(kw_only=True)
class Rule:
    """One row of the table: a rule, its source, and when it is in force."""

    duty: Duty
    nations: frozenset[str]  # `Nation` tokens: england, wales, scotland, northern-ireland
    kinds: frozenset[CouncilKind]
    days: int
    counting: Counting
    summary: str  # what the rule requires, in a phrase
    source: str  # the provision, e.g. "LGA 1972 s.100B(3), as amended by SI 2002/715"
    start: dt.date  # in force from (inclusive): the meeting's or poll's date
    end: dt.date | None = None  # in force until (exclusive); None: still in force
    # Election timetables: which extra days are disregarded in counting.
    disregard_uk_bank_holidays: bool = False  # a bank holiday in any part of the UK
    disregard_maundy_thursday: bool = False
    disregard_easter_monday: bool = False
    note: str = ""  # a reading, a caveat

    def in_force(self, on: dt.date) -> bool:
        return self.start <= on and (self.end is None or on < self.end)

    @property
    def period(self) -> str:
        """ "from 10 September 2012" or "1 April 1986 to 30 September 2002"."""
        if self.end is None:
            return f"from {plain_date(self.start)}"
        return f"{plain_date(self.start)} to {plain_date(self.end - dt.timedelta(days=1))}"


ENGLAND = frozenset({"england"})
WALES = frozenset({"wales"})
SCOTLAND = frozenset({"scotland"})
ENGLAND_AND_WALES = frozenset({"england", "wales"})
UK = frozenset({"england", "wales", "scotland", "northern-ireland"})
PRINCIPAL = frozenset({CouncilKind.PRINCIPAL})
PARISH = frozenset({CouncilKind.PARISH})
COMMUNITY = frozenset({CouncilKind.COMMUNITY})
ANY_KIND = frozenset(CouncilKind)

# Part VA of LGA 1972 (ss.100A-100K, access to meetings and documents) and ss.50A-50K of
# LG(S)A 1973 were inserted by the Local Government (Access to Information) Act 1985, in force
# 1 April 1986: where this table starts.
ACCESS_TO_INFORMATION = dt.date(1986, 4, 1)
FIVE_CLEAR_DAYS = dt.date(2002, 10, 1)  # SI 2002/715 art 2, England only
EXECUTIVE_2000 = dt.date(2001, 1, 9)  # SI 2000/3272 reg 1(1)
EXECUTIVE_2012 = dt.date(2012, 9, 10)  # SI 2012/2089 reg 1
# ERAA 2013 s.14 (25 working days) in force 6 April 2014 (Commencement No. 5 Order 2014).
TWENTY_FIVE_DAYS = dt.date(2014, 4, 6)
# Electoral Administration Act 2006 s.20 and Sch 1 Part 4: Maundy Thursday no longer
# disregarded in election timetables, from 1 January 2007 in Great Britain.
NO_MAUNDY_THURSDAY = dt.date(2007, 1, 1)
DCPA_2022 = dt.date(2022, 3, 24)  # Dissolution and Calling of Parliament Act 2022, Royal Assent

RULES: tuple[Rule, ...] = (
    # -- agenda and public notice: principal councils ----------------------------------------
    Rule(
        duty=Duty.AGENDA,
        nations=ENGLAND_AND_WALES,
        kinds=PRINCIPAL,
        days=3,
        counting=Counting.WORKING,
        summary="agenda and reports open to inspection three clear days before",
        source="LGA 1972 s.100B(3) as inserted by the Local Government (Access to "
        "Information) Act 1985",
        start=ACCESS_TO_INFORMATION,
        end=FIVE_CLEAR_DAYS,
    ),
    Rule(
        duty=Duty.AGENDA,
        nations=ENGLAND,
        kinds=PRINCIPAL,
        days=5,
        counting=Counting.WORKING,
        summary="agenda and reports open to inspection five clear days before",
        source="LGA 1972 s.100B(3), five days in England by SI 2002/715",
        start=FIVE_CLEAR_DAYS,
    ),
    Rule(
        duty=Duty.AGENDA,
        nations=WALES,
        kinds=PRINCIPAL,
        days=3,
        counting=Counting.WORKING,
        summary="agenda and reports open to inspection three clear days before",
        source="LGA 1972 s.100B(3) (three clear days in Wales)",
        start=FIVE_CLEAR_DAYS,
    ),
    Rule(
        duty=Duty.AGENDA,
        nations=SCOTLAND,
        kinds=PRINCIPAL,
        days=3,
        counting=Counting.WORKING,
        summary="agenda and reports open to inspection three clear days before",
        source="LG(S)A 1973 s.50B",
        start=ACCESS_TO_INFORMATION,
    ),
    Rule(
        duty=Duty.PUBLIC_NOTICE,
        nations=ENGLAND_AND_WALES,
        kinds=PRINCIPAL,
        days=3,
        counting=Counting.WORKING,
        summary="public notice of the meeting three clear days before",
        source="LGA 1972 s.100A(6)(a) as inserted by the Local Government (Access to "
        "Information) Act 1985",
        start=ACCESS_TO_INFORMATION,
        end=FIVE_CLEAR_DAYS,
    ),
    Rule(
        duty=Duty.PUBLIC_NOTICE,
        nations=ENGLAND,
        kinds=PRINCIPAL,
        days=5,
        counting=Counting.WORKING,
        summary="public notice of the meeting five clear days before",
        source="LGA 1972 s.100A(6)(a), five days in England by SI 2002/715",
        start=FIVE_CLEAR_DAYS,
    ),
    Rule(
        duty=Duty.PUBLIC_NOTICE,
        nations=WALES,
        kinds=PRINCIPAL,
        days=3,
        counting=Counting.WORKING,
        summary="public notice of the meeting three clear days before",
        source="LGA 1972 s.100A(6)(a) (three clear days in Wales)",
        start=FIVE_CLEAR_DAYS,
    ),
    Rule(
        duty=Duty.PUBLIC_NOTICE,
        nations=SCOTLAND,
        kinds=PRINCIPAL,
        days=3,
        counting=Counting.WORKING,
        summary="public notice of the meeting three clear days before",
        source="LG(S)A 1973 s.50A; Sch 7 para 2(1)(a)",
        start=ACCESS_TO_INFORMATION,
    ),
    # -- parish (England) and community (Wales) councils ------------------------------------
    Rule(
        duty=Duty.PUBLIC_NOTICE,
        nations=ENGLAND,
        kinds=PARISH,
        days=3,
        counting=Counting.SECTION_243,
        summary="notice of the meeting fixed in a conspicuous place three clear days before",
        source="LGA 1972 Sch 12 para 10(2)(a), with s.243; Public Bodies (Admission to "
        "Meetings) Act 1960 s.1(4)(a)",
        start=ACCESS_TO_INFORMATION,
    ),
    Rule(
        duty=Duty.SUMMONS,
        nations=ENGLAND,
        kinds=PARISH,
        days=3,
        counting=Counting.SECTION_243,
        summary="summons, specifying the business, to every member three clear days before",
        source="LGA 1972 Sch 12 para 10(2)(b), with s.243",
        start=ACCESS_TO_INFORMATION,
    ),
    Rule(
        duty=Duty.PUBLIC_NOTICE,
        nations=WALES,
        kinds=COMMUNITY,
        days=3,
        counting=Counting.SECTION_243,
        summary="notice of the meeting three clear days before",
        source="LGA 1972 Sch 12 para 26(2)(a), with s.243; Public Bodies (Admission to "
        "Meetings) Act 1960 s.1(4)(a)",
        start=ACCESS_TO_INFORMATION,
    ),
    Rule(
        duty=Duty.SUMMONS,
        nations=WALES,
        kinds=COMMUNITY,
        days=3,
        counting=Counting.SECTION_243,
        summary="summons, specifying the business, to every member three clear days before",
        source="LGA 1972 Sch 12 para 26(2)(b), with s.243",
        start=ACCESS_TO_INFORMATION,
    ),
    # -- summons: principal councils ----------------------------------------------------------
    Rule(
        duty=Duty.SUMMONS,
        nations=ENGLAND_AND_WALES,
        kinds=PRINCIPAL,
        days=3,
        counting=Counting.WORKING,
        summary="summons to every member three clear days before",
        source="LGA 1972 Sch 12 para 4(2)(b)",
        start=ACCESS_TO_INFORMATION,
    ),
    Rule(
        duty=Duty.SUMMONS,
        nations=SCOTLAND,
        kinds=PRINCIPAL,
        days=3,
        counting=Counting.WORKING,
        summary="summons to every member three clear days before",
        source="LG(S)A 1973 Sch 7 para 2(1)(b)",
        start=ACCESS_TO_INFORMATION,
    ),
    # -- executive arrangements (England) -----------------------------------------------------
    Rule(
        duty=Duty.KEY_DECISION,
        nations=ENGLAND,
        kinds=PRINCIPAL,
        days=14,
        counting=Counting.FORWARD_PLAN,
        summary="in the forward plan for the decision's month, published at least 14 days "
        "before that month begins",
        source="SI 2000/3272 regs 12-14",
        start=EXECUTIVE_2000,
        end=EXECUTIVE_2012,
        note="14 days read as clear days (the cautious reading)",
    ),
    Rule(
        duty=Duty.KEY_DECISION,
        nations=ENGLAND,
        kinds=PRINCIPAL,
        days=28,
        counting=Counting.LONG_NOTICE,
        summary="notice of the key decision 28 clear days before",
        source="SI 2012/2089 reg 9",
        start=EXECUTIVE_2012,
    ),
    Rule(
        duty=Duty.PRIVATE_NOTICE,
        nations=ENGLAND,
        kinds=PRINCIPAL,
        days=28,
        counting=Counting.LONG_NOTICE,
        summary="notice of intention to meet in private 28 clear days before",
        source="SI 2012/2089 reg 5(2)",
        start=EXECUTIVE_2012,
    ),
    Rule(
        duty=Duty.PRIVATE_FINAL_NOTICE,
        nations=ENGLAND,
        kinds=PRINCIPAL,
        days=5,
        counting=Counting.WORKING,
        summary="further notice of the private meeting, with reasons, five clear days before",
        source="SI 2012/2089 reg 5(4)",
        start=EXECUTIVE_2012,
    ),
    Rule(
        duty=Duty.GENERAL_EXCEPTION,
        nations=ENGLAND,
        kinds=PRINCIPAL,
        days=3,
        counting=Counting.WORKING,
        summary="chair of the overview and scrutiny committee told in writing, public notice "
        "given, then three clear days",
        source="SI 2000/3272 reg 15",
        start=EXECUTIVE_2000,
        end=EXECUTIVE_2012,
    ),
    Rule(
        duty=Duty.GENERAL_EXCEPTION,
        nations=ENGLAND,
        kinds=PRINCIPAL,
        days=5,
        counting=Counting.WORKING,
        summary="chair of the overview and scrutiny committee told in writing, notice made "
        "available and published, then five clear days",
        source="SI 2012/2089 reg 10",
        start=EXECUTIVE_2012,
    ),
    Rule(
        duty=Duty.SPECIAL_URGENCY,
        nations=ENGLAND,
        kinds=PRINCIPAL,
        days=0,
        counting=Counting.WORKING,
        summary="agreement that the decision is urgent and cannot reasonably be deferred",
        source="SI 2000/3272 reg 16",
        start=EXECUTIVE_2000,
        end=EXECUTIVE_2012,
    ),
    Rule(
        duty=Duty.SPECIAL_URGENCY,
        nations=ENGLAND,
        kinds=PRINCIPAL,
        days=0,
        counting=Counting.WORKING,
        summary="agreement that the decision is urgent and cannot reasonably be deferred",
        source="SI 2012/2089 reg 11",
        start=EXECUTIVE_2012,
    ),
    # -- the annual meeting in a year of ordinary elections -----------------------------------
    Rule(
        duty=Duty.ANNUAL_MEETING,
        nations=ENGLAND_AND_WALES,
        kinds=PRINCIPAL,
        days=21,
        counting=Counting.CALENDAR,
        summary="within the 21 days after councillors retire (the fourth day after the "
        "poll); on the eighth day unless the council fixes another",
        source="LGA 1972 Sch 12 para 1(2); retirement s.7(4) (districts), ss.16, 21 alike",
        start=ACCESS_TO_INFORMATION,
    ),
    Rule(
        duty=Duty.ANNUAL_MEETING,
        nations=SCOTLAND,
        kinds=PRINCIPAL,
        days=21,
        counting=Counting.CALENDAR,
        summary="a meeting within 21 days from the date of the election",
        source="LG(S)A 1973 Sch 7 para 1(1)",
        start=ACCESS_TO_INFORMATION,
        note="the day of the election counted as the first of the 21 (the cautious reading)",
    ),
    Rule(
        duty=Duty.ANNUAL_MEETING,
        nations=ENGLAND,
        kinds=PARISH,
        days=14,
        counting=Counting.CALENDAR,
        summary="on or within 14 days after the councillors elected take office (the fourth "
        "day after the poll)",
        source="LGA 1972 Sch 12 para 7; s.16",
        start=ACCESS_TO_INFORMATION,
    ),
    Rule(
        duty=Duty.ANNUAL_MEETING,
        nations=WALES,
        kinds=COMMUNITY,
        days=14,
        counting=Counting.CALENDAR,
        summary="on or within 14 days after the councillors elected take office (the fourth "
        "day after the poll)",
        source="LGA 1972 Sch 12 para 23; s.35",
        start=ACCESS_TO_INFORMATION,
    ),
    # -- the notice of election ---------------------------------------------------------------
    Rule(
        duty=Duty.NOTICE_OF_ELECTION,
        nations=ENGLAND_AND_WALES,
        kinds=frozenset({CouncilKind.PRINCIPAL, CouncilKind.PARISH, CouncilKind.COMMUNITY}),
        days=25,
        counting=Counting.ELECTION,
        summary="notice of election not later than the 25th day before the poll",
        source="SI 2006/3304 Sch 2 rr 1-2",
        start=dt.date(2007, 1, 2),
    ),
    Rule(
        duty=Duty.NOTICE_OF_ELECTION,
        nations=SCOTLAND,
        kinds=PRINCIPAL,
        days=28,
        counting=Counting.ELECTION,
        summary="notice of election not earlier than the 35th day and not later than the "
        "28th day before the poll",
        source="SSI 2011/399 Sch 1 rr 1-2",
        # The 2011 Order governs the elections of 3 May 2012 and after (art 6).
        start=dt.date(2012, 5, 3),
        # Easter Monday is not a Scottish bank holiday, yet the published timetables count
        # it out: nominations closed (23rd day) on Wed 29 March 2017 and Wed 30 March 2022,
        # the notice went out on Mon 13 March 2017 and Mon 14 March 2022 (within the 35th
        # to 28th days). Disregarding it gives the earlier, cautious date.
        disregard_easter_monday=True,
        note="Easter Monday disregarded, as in the published 2017 and 2022 timetables",
    ),
    # -- UK Parliament general elections (RPA 1983 Sch 1, the parliamentary elections rules) --
    Rule(
        duty=Duty.PARLIAMENTARY_TIMETABLE,
        nations=UK,
        kinds=ANY_KIND,
        days=17,
        counting=Counting.ELECTION,
        summary="poll on the 17th working day after the proclamation",
        source="RPA 1983 Sch 1 rr 1-2 (before EAA 2006 s.20: Maundy Thursday disregarded)",
        start=ACCESS_TO_INFORMATION,
        end=NO_MAUNDY_THURSDAY,
        disregard_uk_bank_holidays=True,
        disregard_maundy_thursday=True,
    ),
    Rule(
        duty=Duty.PARLIAMENTARY_TIMETABLE,
        nations=UK,
        kinds=ANY_KIND,
        days=17,
        counting=Counting.ELECTION,
        summary="poll on the 17th working day after the proclamation",
        source="RPA 1983 Sch 1 rr 1-2 (17-day timetable)",
        start=NO_MAUNDY_THURSDAY,
        end=TWENTY_FIVE_DAYS,
        disregard_uk_bank_holidays=True,
    ),
    Rule(
        duty=Duty.PARLIAMENTARY_TIMETABLE,
        nations=UK,
        kinds=ANY_KIND,
        days=25,
        counting=Counting.ELECTION,
        summary="Parliament dissolved 25 working days before the poll",
        source="RPA 1983 Sch 1 rr 1-2 as amended by ERAA 2013 s.14; FTPA 2011 s.3",
        start=TWENTY_FIVE_DAYS,
        end=DCPA_2022,
        disregard_uk_bank_holidays=True,
    ),
    Rule(
        duty=Duty.PARLIAMENTARY_TIMETABLE,
        nations=UK,
        kinds=ANY_KIND,
        days=25,
        counting=Counting.ELECTION,
        summary="Parliament dissolved 25 working days before the poll",
        source="RPA 1983 Sch 1 rr 1-2 as amended by ERAA 2013 s.14 and the Dissolution and "
        "Calling of Parliament Act 2022",
        start=DCPA_2022,
        disregard_uk_bank_holidays=True,
    ),
    Rule(
        duty=Duty.REFERENDUM_PERIOD,
        nations=UK,
        kinds=ANY_KIND,
        days=28,
        counting=Counting.CALENDAR,
        summary="publicity restricted for the 28 days ending with the poll",
        source="PPERA 2000 s.125",
        start=dt.date(2001, 2, 16),
    ),
)


def _covered(duty: Duty, rows: Iterable[Rule]) -> str:
    parts = [
        f"{'/'.join(sorted(r.nations))} {'/'.join(sorted(k.value for k in r.kinds))} {r.period}"
        for r in rows
        if r.duty is duty
    ]
    return "; ".join(parts) or "nothing"


def rule_for(
    duty: Duty | str,
    nation: str,
    kind: CouncilKind | str = CouncilKind.PRINCIPAL,
    on: dt.date | None = None,
    *,
    table: Iterable[Rule] = RULES,
) -> Rule:
    """The rule for `duty` in force on `on` for a council of `nation` and `kind`;
    `CalendarError` saying what the table covers when none is."""
    rows = table if isinstance(table, tuple) else tuple(table)
    duty, kind = Duty(duty), CouncilKind.parse(kind)
    if on is None:
        raise CalendarError(f"which day? the rule for {duty.value} depends on the date")
    found = _in_force(rows, duty, str(nation), kind, on)
    if found is not None:
        return found
    raise CalendarError(
        f"no rule for {duty.value} for a {kind.value} council in {nation} on {plain_date(on)}: "
        f"the table covers {_covered(duty, rows)}"
    )


def find_rule(
    duty: Duty | str,
    nation: str,
    kind: CouncilKind | str,
    on: dt.date,
    *,
    table: Iterable[Rule] = RULES,
) -> Rule | None:
    """Like `rule_for`, but None when the duty does not apply to that council on that day
    (a Scottish council has no key decisions; nor had an English one before 9 January 2001).
    A date before the table starts, or a nation it does not cover, is still an error."""
    rows = table if isinstance(table, tuple) else tuple(table)
    duty, kind = Duty(duty), CouncilKind.parse(kind)
    found = _in_force(rows, duty, str(nation), kind, on)
    if found is None:
        _check_covered(str(nation), kind, on, rows)
    return found


def _in_force(
    rows: tuple[Rule, ...], duty: Duty, nation: str, kind: CouncilKind, on: dt.date
) -> Rule | None:
    for row in _index(rows).get((duty, nation, kind), ()):
        if row.in_force(on):
            return row
    return None


_Index = dict[tuple[Duty, str, CouncilKind], tuple[Rule, ...]]
_INDEXES: dict[int, tuple[tuple[Rule, ...], _Index]] = {}


def _index(rows: tuple[Rule, ...]) -> _Index:
    # Each (duty, nation, kind) has a row or three: indexed once per table (found by
    # identity, as hashing the whole table would cost more than the search), so a year of
    # deadlines never scans the whole table.
    known = _INDEXES.get(id(rows))
    if known is not None and known[0] is rows:
        return known[1]
    index = _build_index(rows)
    if len(_INDEXES) > 16:
        _INDEXES.clear()
    _INDEXES[id(rows)] = (rows, index)
    return index


def _build_index(rows: tuple[Rule, ...]) -> _Index:
    out: dict[tuple[Duty, str, CouncilKind], list[Rule]] = {}
    for row in rows:
        for nation in sorted(row.nations):
            for kind in sorted(row.kinds):
                out.setdefault((row.duty, nation, kind), []).append(row)
    return {key: tuple(found) for key, found in out.items()}


def _check_covered(nation: str, kind: CouncilKind, on: dt.date, rows: tuple[Rule, ...]) -> None:
    first = _first_meeting_rule(rows, nation, kind)
    if first is None:
        raise CalendarError(
            f"the table has no meeting rules for a {kind.value} council in {nation}; "
            f"covered: {_councils_covered(rows)}"
        )
    if on < first:
        raise CalendarError(
            f"{plain_date(on)} is before the table of rules starts ({plain_date(first)}) for a "
            f"{kind.value} council in {nation}"
        )


def _first_meeting_rule(rows: tuple[Rule, ...], nation: str, kind: CouncilKind) -> dt.date | None:
    index = _index(rows)
    found = [
        r.start
        for duty in (Duty.PUBLIC_NOTICE, Duty.SUMMONS)
        for r in index.get((duty, nation, kind), ())
    ]
    return min(found, default=None)


def _councils_covered(rows: Iterable[Rule]) -> str:
    notices = [r for r in rows if r.duty is Duty.PUBLIC_NOTICE]
    pairs = sorted({(n, k.value) for r in notices for n in r.nations for k in r.kinds})
    return ", ".join(f"{n} {k}" for n, k in pairs)


def rules_in_force(
    nation: str, kind: CouncilKind | str, on: dt.date, *, table: Iterable[Rule] = RULES
) -> tuple[Rule, ...]:
    """Every rule in force on `on` for a council of `nation` and `kind`, in table order."""
    kind = CouncilKind.parse(kind)
    rows = tuple(table)
    _check_covered(str(nation), kind, on, rows)
    return tuple(r for r in rows if str(nation) in r.nations and kind in r.kinds and r.in_force(on))


# The duties of a meeting, in the order `meeting_deadlines` shows them.
MEETING_DUTIES = (
    Duty.AGENDA,
    Duty.PUBLIC_NOTICE,
    Duty.SUMMONS,
    Duty.KEY_DECISION,
    Duty.PRIVATE_NOTICE,
    Duty.PRIVATE_FINAL_NOTICE,
    Duty.GENERAL_EXCEPTION,
    Duty.SPECIAL_URGENCY,
)


def meeting_rules(
    nation: str, kind: CouncilKind | str, on: dt.date, *, table: Iterable[Rule] = RULES
) -> tuple[tuple[Duty, Rule], ...]:
    """The rules in force on `on` for a meeting of a council of `nation` and `kind`, as
    (duty, rule) in `MEETING_DUTIES` order (one look-up per duty in the table's index);
    `CalendarError` for a council or a day the table does not cover."""
    rows = table if isinstance(table, tuple) else tuple(table)
    kind = CouncilKind.parse(kind)
    nation = str(nation)
    starts, found = _meeting_segments(rows, nation, kind)
    if not starts or on < starts[0]:
        _check_covered(nation, kind, on, rows)  # raises, saying what the table covers
    return found[bisect.bisect_right(starts, on) - 1]


_SEGMENTS: dict[tuple[int, str, CouncilKind], tuple[tuple[Rule, ...], _Segments]] = {}
_Segments = tuple[list[dt.date], list[tuple[tuple[Duty, Rule], ...]]]


def _meeting_segments(rows: tuple[Rule, ...], nation: str, kind: CouncilKind) -> _Segments:
    # The rules change on a few dates only: between two of them the same rules apply, so
    # each span's rules are found once and a meeting's day is placed by bisection.
    key = (id(rows), nation, kind)
    known = _SEGMENTS.get(key)
    if known is not None and known[0] is rows:
        return known[1]
    first = _first_meeting_rule(rows, nation, kind)
    starts: list[dt.date] = []
    found: list[tuple[tuple[Duty, Rule], ...]] = []
    if first is not None:
        index = _index(rows)
        mine = [r for d in MEETING_DUTIES for r in index.get((d, nation, kind), ())]
        edges = {first} | {r.start for r in mine} | {r.end for r in mine if r.end is not None}
        for edge in sorted(e for e in edges if e >= first):
            rules = []
            for duty in MEETING_DUTIES:
                rule = _in_force(rows, duty, nation, kind, edge)
                if rule is not None:
                    rules.append((duty, rule))
            starts.append(edge)
            found.append(tuple(rules))
    if len(_SEGMENTS) > 64:
        _SEGMENTS.clear()
    _SEGMENTS[key] = (rows, (starts, found))
    return starts, found


def rules_table(table: Iterable[Rule] = RULES) -> str:
    """The table as Markdown (duty, councils, rule, source, in force, note): the table in
    docs/calendar-engine.md is this text, checked by a test, so the docs never drift."""
    out = [
        "| duty | councils | rule | source | in force | note |",
        "|---|---|---|---|---|---|",
    ]
    for r in table:
        councils = f"{', '.join(sorted(r.nations))} ({', '.join(sorted(k.value for k in r.kinds))})"
        if r.nations == UK:
            councils = f"UK ({', '.join(sorted(k.value for k in r.kinds))})"
        cells = (r.duty.value, councils, r.summary, r.source, r.period, r.note)
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"
