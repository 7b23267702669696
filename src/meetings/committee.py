"""Councils, their bodies (Council, committees, sub-committees…), members, officers and venues.

The model only: `meetings.definitions.load_council` reads it from a `council.toml` file and
writes it back (`council_to_toml`).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import math
import re
import urllib.parse
import zoneinfo
from collections.abc import Collection, Iterable, Mapping
from fractions import Fraction
from pathlib import Path

import attrs

from meetings._private import suggest
from meetings.dates import AnnualMeetingWindow, DayCount, Nation, NoticeRules, WorkingCalendar
from meetings.errors import DefinitionError, MeetingsError, Problem
from meetings.people import Person, officer_code
from meetings.rules import ScheduleRules
from meetings.text import slug

# Images a front sheet can carry as the council's logo, with their media types.
LOGO_TYPES: Mapping[str, str] = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}


class BodyKind(enum.StrEnum):
    """What sort of body meets; the schedule table groups meetings by it."""

    COUNCIL = "council"
    COMMITTEE = "committee"
    SUB_COMMITTEE = "sub-committee"
    WORKING_GROUP = "working-group"
    PORTFOLIO_HOLDER = "portfolio-holder"
    EXECUTIVE = "executive"  # the Cabinet: its decisions are executive (LGA 2000 s.9C)
    EVENT = "event"  # induction sessions, training, briefings: on the schedule, not a body

    @property
    def single_decision_maker(self) -> bool:
        """One member decides alone (LGA 2000 s.9E(2)(b)), a portfolio holder: there is no
        quorum, and those attending are invited, not summoned."""
        return self is BodyKind.PORTFOLIO_HOLDER

    @property
    def executive(self) -> bool:
        """Whether the body's decisions are executive decisions (LGA 2000 s.9C, s.9E): the
        Cabinet's, or a single decision-maker's."""
        return self is BodyKind.EXECUTIVE or self.single_decision_maker


class Role(enum.StrEnum):
    """A member's role on a body."""

    CHAIR = "chair"
    VICE_CHAIR = "vice-chair"
    MEMBER = "member"

    @property
    def label(self) -> str:
        """How lists write it after a name: "(Chair)", "(Vice-Chair)"."""
        return {"chair": "Chair", "vice-chair": "Vice-Chair", "member": "Member"}[self.value]


class Weekday(enum.StrEnum):
    """A day of the week; `number` matches `date.weekday()` (Monday = 0)."""

    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"

    @property
    def number(self) -> int:
        return list(Weekday).index(self)

    @classmethod
    def of(cls, day: dt.date) -> Weekday:
        return list(cls)[day.weekday()]


class MinuteNumbering(enum.StrEnum):
    """How minute numbers run (local custom, RULES.md "Minutes and action lists")."""

    PER_MEETING = "per-meeting"  # each meeting starts at 1 (seed 003)
    MUNICIPAL_YEAR = "municipal-year"  # continues through the year for the body (seed 000)
    COUNCIL_WIDE = "council-wide"  # one sequence across every body of the council


# Ids are data tokens: they appear in file names, URLs and calendar UIDs.
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# The defaults of the council-file settings for executive decisions, here once (the council
# file's reader and writer and decisions.DecisionRules use them): custom and the common
# constitution, not statute (SI 2012/2089 regs 12, 13: "as soon as reasonably practicable";
# LGA 2000 s.9F(2)(a) leaves the call-in period to the constitution).
DECISION_NOTICE_WORKING_DAYS = 2
CALL_IN_WORKING_DAYS = 5

# The statuses an action list uses (seed 000's action list shows the first three in use).
DEFAULT_ACTION_STATUSES = (
    "Not Started",
    "On Target to Complete",
    "Ongoing",
    "Completed",
    "Superseded",
)


# -- people on bodies --------------------------------------------------------------------------
@attrs.frozen(kw_only=True)
class Membership:
    """A councillor's seat on a body, with the dates it runs between (both inclusive)."""

    person: Person
    role: Role = Role.MEMBER
    since: dt.date | None = None  # `from` in the definition file
    until: dt.date | None = None

    def __attrs_post_init__(self) -> None:
        if self.since and self.until and self.until < self.since:
            raise MeetingsError(
                f"membership of {self.person} ends ({self.until}) before it starts ({self.since})"
            )

    def active_on(self, day: dt.date | None) -> bool:
        """Whether the seat is held on `day` (None: ignore the dates)."""
        if day is None:
            return True
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )

    @property
    def listed(self) -> str:
        """The name as a summons lists it: "M H Charlesworth (Chair)"."""
        if self.role is Role.MEMBER:
            return str(self.person)
        return f"{self.person} ({self.role.label})"


@attrs.frozen(kw_only=True)
class Officer:
    """A council officer: full name, job titles and the code action lists use ("SaBa")."""

    id: str
    name: Person
    job_titles: tuple[str, ...] = ()
    code: str | None = attrs.field()
    email: str | None = None
    phone: str | None = None

    @code.default
    def _code(self) -> str | None:
        # Derived from the full name where it is written in full; else set it explicitly.
        try:
            return officer_code(self.name)
        except MeetingsError:
            return None

    @property
    def job_title(self) -> str:
        """ "Head of Law & Governance / Monitoring Officer"."""
        return " / ".join(self.job_titles)

    @property
    def listed(self) -> str:
        """ "Mrs A E Court (Chief Executive)", the form attendance lists use."""
        initials = self.name.with_initials
        return f"{initials} ({self.job_title})" if self.job_titles else initials


# -- rules of a body ---------------------------------------------------------------------------
@attrs.frozen(kw_only=True)
class QuorumRule:
    """How many members make a quorum: a fixed minimum, a fraction of the membership rounded
    up, or (when both are set) the larger of the two.

    Seed 000 shows both proposals: officers wanted "a minimum baseline of 3 Members"; the
    Constitutional Working Group "one third of the overall Membership". Full Council's quorum
    is one quarter of the whole number of members (LGA 1972 Sch 12 para 6).
    """

    minimum: int | None = None
    fraction: Fraction | None = None

    def __attrs_post_init__(self) -> None:
        if self.minimum is None and self.fraction is None:
            raise MeetingsError("a quorum rule needs a minimum, a fraction, or both")
        if self.minimum is not None and self.minimum < 1:
            raise MeetingsError(f"a quorum minimum must be at least 1, not {self.minimum}")
        if self.fraction is not None and not 0 < self.fraction <= 1:
            raise MeetingsError(f"a quorum fraction must be above 0 and at most 1: {self.fraction}")

    def quorum(self, membership: int) -> int:
        """The number of members who must be present, for a body of `membership` members.

        A fraction of nobody is still at least one: a meeting of no members is never quorate.
        """
        counts = []
        if self.minimum is not None:
            counts.append(self.minimum)
        if self.fraction is not None:
            counts.append(max(1, math.ceil(self.fraction * membership)))
        return max(counts)

    def __str__(self) -> str:
        parts = []
        if self.minimum is not None:
            parts.append(str(self.minimum))
        if self.fraction is not None:
            parts.append(f"{self.fraction} of members")
        return " or ".join(parts) + (", whichever is more" if len(parts) == 2 else "")


@attrs.frozen(kw_only=True)
class SubstitutionDeadline:
    """When substitutes must be named to Democratic Services: `at` o'clock, `days_before` the
    meeting day, counted in calendar days or, with `working_days`, in the council's working
    days (so "17:00 the day before" a Monday meeting is the Friday, not the Sunday). Seed 000:
    officers proposed 17:00 the day before; the working group 12:00 on the day.
    """

    days_before: int = 0
    at: dt.time
    working_days: bool = False

    def __attrs_post_init__(self) -> None:
        if self.days_before < 0:
            raise MeetingsError(f"days_before cannot be negative: {self.days_before}")

    def deadline(
        self,
        meeting_start: dt.datetime,
        tz: dt.tzinfo | None = None,
        calendar: WorkingCalendar | None = None,
    ) -> dt.datetime:
        """The aware date-time by which substitutes must be named for a meeting.

        A naive `meeting_start` is read in `tz` (the council's time zone); an aware one is
        first put into `tz`, since "12:00 on the day" is the council's wall clock. The deadline
        is wall-clock time on its day, so it is right across clock changes.
        """
        if meeting_start.tzinfo is not None and tz is not None:
            meeting_start = meeting_start.astimezone(tz)
        zone = meeting_start.tzinfo or tz
        if zone is None:
            raise MeetingsError("a naive meeting time needs the council's time zone")
        day = meeting_start.date()
        if self.working_days:
            day = (calendar or WorkingCalendar()).add_working_days(day, -self.days_before)
        else:
            day -= dt.timedelta(days=self.days_before)
        return dt.datetime.combine(day, self.at, tzinfo=zone)

    def __str__(self) -> str:
        clock = "12 noon" if self.at == dt.time(12) else self.at.strftime("%H:%M")
        kind = "working day" if self.working_days else "day"
        when = {0: "on the day", 1: f"the {kind} before"}.get(
            self.days_before, f"{self.days_before} {kind}s before"
        )
        return f"{clock} {when}"


@attrs.frozen(kw_only=True)
class MeetingDefaults:
    """Where and when a body usually meets; the scheduler starts from these.

    `weekdays` lists the days it may meet (empty: any working day); `cycle_position` orders
    bodies within a committee cycle (lower meets earlier; bodies that receive others'
    recommendations, and full Council, come last, seed 000 para 3.2).
    """

    weekdays: tuple[Weekday, ...] = ()
    start: dt.time | None = None
    duration: dt.timedelta = dt.timedelta(hours=2)
    venue: str | None = None  # a venue id; None is shown as "TBC"
    meetings_per_year: int | None = None
    every_weeks: int | None = None  # a cadence instead of a count: a meeting every N weeks
    cycle_position: int | None = None

    def __attrs_post_init__(self) -> None:
        if self.every_weeks is not None and self.every_weeks < 1:
            raise MeetingsError(f"every_weeks must be at least 1: {self.every_weeks}")
        if self.every_weeks is not None and self.meetings_per_year is not None:
            raise MeetingsError("give meetings per year or every_weeks, not both")
        if self.duration <= dt.timedelta(0) or self.duration % dt.timedelta(minutes=1):
            raise MeetingsError(
                f"a meeting's duration must be a positive whole number of minutes: {self.duration}"
            )
        if self.meetings_per_year is not None and self.meetings_per_year < 0:
            raise MeetingsError(f"meetings_per_year cannot be negative: {self.meetings_per_year}")

    def allows(self, day: dt.date) -> bool:
        return not self.weekdays or Weekday.of(day) in self.weekdays

    def overlaps(self, other: MeetingDefaults) -> bool:
        """Whether two bodies' usual slots can coincide: a shared weekday and overlapping
        times. Bodies without a usual start time never clash."""
        if self.start is None or other.start is None:
            return False
        mine = set(self.weekdays or Weekday)
        theirs = set(other.weekdays or Weekday)
        if not mine & theirs:
            return False
        day = dt.date(2000, 1, 3)
        a = dt.datetime.combine(day, self.start)
        b = dt.datetime.combine(day, other.start)
        return a < b + other.duration and b < a + self.duration


@attrs.frozen(kw_only=True)
class Body:
    """A body that meets: full Council, a committee, sub-committee, working group, a portfolio
    holder's meeting, or an event on the schedule. A body whose members are not yet appointed
    (bodies are appointed at the annual meeting) has no members."""

    id: str  # the data token, "change-management"
    name: str  # "Change Management Committee"
    kind: BodyKind = BodyKind.COMMITTEE
    members: tuple[Membership, ...] = ()
    # The number of seats, for a quorum while the members are not (yet) listed: full
    # Council's quorum is a quarter of its whole number of members (LGA 1972 Sch 12 para 6).
    seats: int | None = None
    substitutes: tuple[Person, ...] = ()  # named substitutes, where the council uses them
    remit: str = ""
    quorum: QuorumRule
    substitution_deadline: SubstitutionDeadline | None = None
    quarterly_reporting: bool = False
    receives_from: tuple[str, ...] = ()  # body ids whose recommendations come to this body
    defaults: MeetingDefaults = MeetingDefaults()

    def members_on(self, day: dt.date | None = None) -> tuple[Membership, ...]:
        return tuple(m for m in self.members if m.active_on(day))

    def holder(self, role: Role, day: dt.date | None = None) -> Person | None:
        for m in self.members_on(day):
            if m.role is role:
                return m.person
        return None

    def chair(self, day: dt.date | None = None) -> Person | None:
        return self.holder(Role.CHAIR, day)

    def vice_chair(self, day: dt.date | None = None) -> Person | None:
        return self.holder(Role.VICE_CHAIR, day)

    def __attrs_post_init__(self) -> None:
        if self.seats is not None and self.seats < 1:
            raise MeetingsError(f"seats must be at least 1, not {self.seats}")

    def membership_size(self, day: dt.date | None = None) -> int | None:
        """How many members the body has on `day`: those listed, else its `seats` (None when
        neither is known, as before the annual meeting appoints them)."""
        return len(self.members_on(day)) or self.seats

    def quorum_count(self, day: dt.date | None = None) -> int | None:
        """Members needed for a quorum on `day` (memberships dated around it); None when the
        rule is a fraction of a membership that is not known yet."""
        size = self.membership_size(day)
        if size is None:
            return self.quorum.minimum if self.quorum.fraction is None else None
        return self.quorum.quorum(size)

    def is_quorate(
        self,
        present: int | Iterable[Person],
        day: dt.date | None = None,
        *,
        substitutes: Iterable[Person] = (),
    ) -> bool:
        """Whether an attendance makes a quorum: a head count of members, or the people
        present. Only members of the body on `day` count, and each substitute counts for one
        absent member (seed 000: J Kaufman sat for M L Darr on 15 January 2019)."""
        if isinstance(present, int):
            count = present
        else:
            seats = {m.person for m in self.members_on(day)}
            here = len(set(present) & seats)
            count = here + min(len(set(substitutes) - seats), len(seats) - here)
        needed = self.quorum_count(day)
        if needed is None:
            raise MeetingsError(
                f"{self.name}: its quorum is {self.quorum}, but its members are not listed; "
                "list them or give `seats`"
            )
        return count >= needed

    def substitutes_deadline(
        self,
        meeting_start: dt.datetime,
        tz: dt.tzinfo | None = None,
        calendar: WorkingCalendar | None = None,
    ) -> dt.datetime | None:
        """When substitutes must be named for a meeting starting then (None: no deadline)."""
        if self.substitution_deadline is None:
            return None
        return self.substitution_deadline.deadline(meeting_start, tz, calendar)


# -- the council -------------------------------------------------------------------------------
@attrs.frozen(kw_only=True)
class Venue:
    id: str
    name: str  # "Council Offices"
    address: tuple[str, ...] = ()  # ("Station Road", "Wigston", "Leicestershire", "LE18 2DR")
    label: str = ""  # how papers name it, "Council Offices, Station Road, Wigston"

    @property
    def text(self) -> str:
        return self.label or ", ".join((self.name, *self.address))


@attrs.frozen(kw_only=True)
class Contact:
    """The "for more information, please contact" block of a summons."""

    team: str = ""
    phone: str = ""
    email: str = ""
    web: str = ""

    @property
    def domain(self) -> str:
        """The host of the website without "www." ("https://www.oadby-wigston.gov.uk" ->
        "oadby-wigston.gov.uk"), or "": what follows the "@" of the council's calendar UIDs,
        since RFC 5545 s.3.8.4.7 recommends a domain there, so UIDs are unique worldwide."""
        web = self.web.strip()
        host = urllib.parse.urlsplit(web if "//" in web else f"//{web}").hostname or ""
        return host.removeprefix("www.")


@attrs.frozen(kw_only=True)
class ProceduralItem:
    """A standard item opening every agenda ("Apologies for Absence"…), with its wording.

    `text` may contain "{rule}", replaced by `rule`, the constitution reference
    ("Rule 4 of Part 4 of the Constitution"). `bodies` limits the item to some bodies (empty:
    every body).
    """

    id: str
    title: str
    text: str = ""
    rule: str | None = None
    bodies: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        if "{rule}" in self.text and not self.rule:
            raise MeetingsError(
                f"procedural item {self.id!r}: text uses {{rule}} but no rule is set"
            )

    @property
    def wording(self) -> str:
        return self.text.replace("{rule}", self.rule or "")

    def applies_to(self, body: str) -> bool:
        return not self.bodies or body in self.bodies


# Our own wording; the seed agenda's constitution references are council data (see the example).
DEFAULT_PROCEDURAL_ITEMS: tuple[ProceduralItem, ...] = (
    ProceduralItem(id="apologies", title="Apologies for Absence"),
    ProceduralItem(
        id="substitutes",
        title="Appointment of Substitutes",
        text="To note any substitute members appointed for this meeting.",
    ),
    ProceduralItem(
        id="declarations",
        title="Declarations of Interest",
        text=(
            "Members are asked to declare any interest in business on this agenda, having "
            "regard to the Members' Code of Conduct, and to say whether it is pecuniary or "
            "non-pecuniary."
        ),
    ),
    ProceduralItem(
        id="minutes",
        title="Minutes of the Previous Meeting",
        text="To confirm as a correct record, and sign, the minutes of the previous meeting.",
    ),
    ProceduralItem(
        id="action-list",
        title="Action List Arising from the Previous Meeting",
        text="To note the action list arising from the previous meeting.",
    ),
    ProceduralItem(
        id="petitions",
        title="Petitions and Deputations",
        text="To receive any petitions and deputations.",
    ),
)


def _default_clear_days(council: Council) -> int:
    # Five clear days in England (LGA 1972 s.100B(3), SI 2002/715); three in Wales, in
    # Scotland (LG(S)A 1973 s.50B) and for parish and community councils (Sch 12 paras 10, 26).
    return NoticeRules.for_council(council.nation, kind=council.kind).agenda_clear_days


# The council-file settings below are typed `str` but hold the `meetings.statutes` StrEnum
# members (CouncilKind, LocalClearDays, RetirementReading): NoticeRules converts and checks.
def _council_kind(value: object) -> str:
    return NoticeRules(kind=value).kind


def _local_clear_days(value: object) -> str:
    return NoticeRules(local_clear_days=value).local_clear_days


def _retirement_reading(value: object) -> str:
    return NoticeRules(retirement_reading=value).retirement_reading


@attrs.frozen(kw_only=True)
class Council:
    """A council: who it is, where it meets, its officers and bodies, and its local rules.

    Building one checks that its ids are unique and its references resolve (a venue, the
    proper officer, the bodies a body receives from) and that no two officers share a code;
    a failure raises `DefinitionError` listing every problem.
    """

    name: str
    nation: Nation = Nation.ENGLAND
    # Which rules apply: principal, parish (England) or community (Wales) council.
    kind: str = attrs.field(default="principal", converter=_council_kind)
    # Disputed readings, each defaulting to the cautious (earlier) date: how a parish or
    # community council counts its clear days, and retirement on a bank holiday.
    local_clear_days: str = attrs.field(default="cautious", converter=_local_clear_days)
    retirement_reading: str = attrs.field(default="plain", converter=_retirement_reading)
    timezone: str = "Europe/London"  # a zoneinfo key
    address: tuple[str, ...] = ()
    contact: Contact = Contact()
    proper_officer: str | None = None  # an officer id: who signs summonses
    logo: Path | None = None  # the council's logo or crest on every front sheet
    venues: tuple[Venue, ...] = ()
    officers: tuple[Officer, ...] = ()
    bodies: tuple[Body, ...] = ()
    procedural_items: tuple[ProceduralItem, ...] = DEFAULT_PROCEDURAL_ITEMS
    clear_days: int = attrs.field(default=attrs.Factory(_default_clear_days, takes_self=True))
    key_decision_days_kind: DayCount = DayCount.CALENDAR
    # Executive decisions: the decision notice is published this many working days after the
    # meeting (regs 12, 13 of SI 2012/2089 say "as soon as reasonably practicable"), and may be
    # called in for this many working days after it (the council's constitution, LGA 2000
    # s.9F(2)(a)); both are the council's own rules.
    decision_notice_working_days: int = DECISION_NOTICE_WORKING_DAYS
    call_in_working_days: int = CALL_IN_WORKING_DAYS
    large_print_notice_hours: int | None = None  # seed 003: "at least 48 hours before"
    minute_numbering: MinuteNumbering = MinuteNumbering.MUNICIPAL_YEAR
    action_statuses: tuple[str, ...] = DEFAULT_ACTION_STATUSES
    # Which of them close an action (None: Completed and Superseded, else the last one).
    closed_statuses: tuple[str, ...] | None = None
    # Where summonses are issued from (seed 000: "Council Offices", "Wigston"); () : the
    # address without its postcode.
    issued_from: tuple[str, ...] = ()
    default_quorum: QuorumRule | None = None  # for bodies that do not set their own
    schedule: ScheduleRules = attrs.field(factory=ScheduleRules)

    def __attrs_post_init__(self) -> None:
        problems = integrity_problems(self)
        if problems:
            raise DefinitionError(
                Problem(file=self.name or "council", key=k, message=m) for k, m in problems
            )

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def uid_domain(self) -> str:
        """The domain of its meetings' UIDs: its own, else one made from its name."""
        return self.contact.domain or slug(self.name)

    def annual_meeting_window(self, poll: dt.date) -> AnnualMeetingWindow:
        """When the annual meeting may be held after the council's ordinary poll of `poll`:
        by its nation and kind (LGA 1972 Sch 12 paras 1(2), 7, 23; LG(S)A 1973 Sch 7 para
        1(1)) and its reading of retirement on a bank holiday (`retirement_reading`)."""
        return AnnualMeetingWindow.after_poll(
            poll,
            reading=self.retirement_reading,
            kind=self.kind,
            calendar=self.working_calendar(poll.year),
        )

    def working_calendar(self, *years: int) -> WorkingCalendar:
        """The days the council's offices work in `years`: weekdays that are not bank holidays
        of its nation nor its own closures (`[[schedule.closures]]`, the Christmas closure)."""
        return self.schedule.working_calendar(self.nation, *years)

    @property
    def notice_rules(self) -> NoticeRules:
        """The council's notice settings in the form the deadline functions take."""
        rules = NoticeRules(
            agenda_clear_days=self.clear_days,
            long_notice_counting=self.key_decision_days_kind,
            kind=self.kind,
            local_clear_days=self.local_clear_days,
            retirement_reading=self.retirement_reading,
        )
        if self.large_print_notice_hours is not None:
            rules = attrs.evolve(rules, large_print_hours=self.large_print_notice_hours)
        return rules

    # -- lookups ------------------------------------------------------------------------
    def body(self, id: str) -> Body:
        for b in self.bodies:
            if b.id == id:
                return b
        raise _unknown("body", id, [b.id for b in self.bodies])

    def venue(self, id: str) -> Venue:
        for v in self.venues:
            if v.id == id:
                return v
        raise _unknown("venue", id, [v.id for v in self.venues])

    def officer(self, id_or_code: str) -> Officer:
        """An officer by id ("samuel-ball") or action-list code ("SaBa")."""
        for o in self.officers:
            if id_or_code in (o.id, o.code):
                return o
        known = [o.id for o in self.officers] + [o.code for o in self.officers if o.code]
        raise _unknown("officer", id_or_code, known)

    @property
    def signatory(self) -> Officer | None:
        """The proper officer, who signs summonses."""
        return self.officer(self.proper_officer) if self.proper_officer else None

    def procedural_items_for(self, body: str) -> tuple[ProceduralItem, ...]:
        return tuple(i for i in self.procedural_items if i.applies_to(body))

    # -- checks -------------------------------------------------------------------------
    def clashes(self) -> tuple[Clash, ...]:
        """Members sitting on two bodies whose usual meeting slots overlap (warnings)."""
        out = []
        for i, a in enumerate(self.bodies):
            for b in self.bodies[i + 1 :]:
                if not a.defaults.overlaps(b.defaults):
                    continue
                shared = {m.person for m in a.members} & {m.person for m in b.members}
                for person in sorted(shared, key=str):
                    out.append(Clash(person=person, first=a.id, second=b.id))
        return tuple(out)


@attrs.frozen(kw_only=True)
class Clash:
    """A member of two bodies that usually meet on the same weekday at overlapping times."""

    person: Person
    first: str
    second: str

    def __str__(self) -> str:
        return (
            f"{self.person.councillor} sits on {self.first} and {self.second}, "
            "whose usual meeting times overlap"
        )


def _unknown(what: str, value: str, known: Collection[str]) -> MeetingsError:
    return DefinitionError(
        [
            Problem(
                file="council",
                key=what,
                message=f"unknown {what} {value!r}; {suggest(value, known)}",
            )
        ]
    )


def integrity_problems(council: Council) -> list[tuple[str, str]]:
    """(key path, message) for each broken reference or duplicate in a council; key paths
    are those of the definition file, so the loader reports them at the right place."""
    out: list[tuple[str, str]] = []
    if council.timezone not in _time_zones():
        out.append(
            (
                "council.timezone",
                f"unknown time zone {council.timezone!r}; expected a zoneinfo key like "
                "Europe/London",
            )
        )
    if not council.name.strip():
        out.append(("council.name", "a council needs a name"))
    if council.clear_days < 0:
        out.append(("council.clear_days", f"cannot be negative: {council.clear_days}"))
    if council.large_print_notice_hours is not None and council.large_print_notice_hours < 1:
        out.append(
            (
                "council.large_print_notice_hours",
                f"must be at least 1: {council.large_print_notice_hours}",
            )
        )
    statuses = council.action_statuses
    if not statuses or any(not s.strip() for s in statuses) or len(set(statuses)) < len(statuses):
        out.append(("council.action_statuses", "needs one or more different, non-blank statuses"))
    if council.closed_statuses is not None:
        stray = [c for c in council.closed_statuses if c not in statuses]
        if stray or not council.closed_statuses:
            out.append(
                (
                    "council.closed_statuses",
                    f"{', '.join(map(repr, stray)) or 'none given'}: each must be one of the "
                    f"action_statuses ({', '.join(statuses)})",
                )
            )
    for what, named in (
        ("venues", [(v.id, v.name) for v in council.venues]),
        ("bodies", [(b.id, b.name) for b in council.bodies]),
        ("procedural_items", [(i.id, i.title) for i in council.procedural_items]),
    ):
        field = "title" if what == "procedural_items" else "name"
        for id_, name in named:
            if not name.strip():
                out.append((f"{what}.{id_}.{field}", f"the {field} cannot be blank"))
    for what, ids in (
        ("venues", [v.id for v in council.venues]),
        ("officers", [o.id for o in council.officers]),
        ("bodies", [b.id for b in council.bodies]),
        ("procedural_items", [i.id for i in council.procedural_items]),
    ):
        for dup in sorted({i for i in ids if ids.count(i) > 1}):
            out.append((f"{what}.{dup}", f"id {dup!r} is used more than once"))
        for bad in ids:
            if not ID_PATTERN.fullmatch(bad):
                out.append(
                    (
                        f"{what}.{bad}",
                        f"id {bad!r} is not a token: use lower-case letters, digits and "
                        "hyphens, like 'change-management'",
                    )
                )
    codes: dict[str, str] = {}
    for o in council.officers:
        if o.code is None:
            continue
        if not o.code.isalpha():
            out.append(
                (f"officers.{o.id}.code", f"{o.code!r} is not a code; expected letters, like SaBa")
            )
        if o.code in codes:
            out.append(
                (
                    f"officers.{o.id}.code",
                    f"action-list code {o.code!r} is already {codes[o.code]}'s; two officers "
                    "cannot share a code: set a different `code` for one of them",
                )
            )
        else:
            codes[o.code] = o.id
    officer_ids = {o.id for o in council.officers}
    if council.proper_officer is not None and council.proper_officer not in officer_ids:
        out.append(
            (
                "council.proper_officer",
                f"unknown officer {council.proper_officer!r}; "
                + suggest(council.proper_officer, officer_ids),
            )
        )
    venue_ids = {v.id for v in council.venues}
    body_ids = {b.id for b in council.bodies}
    for b in council.bodies:
        venue = b.defaults.venue
        if venue is not None and venue not in venue_ids:
            out.append(
                (
                    f"bodies.{b.id}.meetings.venue",
                    f"unknown venue {venue!r}; {suggest(venue, venue_ids)}",
                )
            )
        for i, source in enumerate(b.receives_from):
            if source not in body_ids or source == b.id:
                out.append(
                    (
                        f"bodies.{b.id}.receives_from[{i}]",
                        f"unknown body {source!r}; {suggest(source, body_ids - {b.id})}",
                    )
                )
        for role in (Role.CHAIR, Role.VICE_CHAIR):
            held = [m for m in b.members if m.role is role]
            if any(_overlap(x, y) for i, x in enumerate(held) for y in held[i + 1 :]):
                out.append((f"bodies.{b.id}.members", f"more than one {role.value} at a time"))
    for item in council.procedural_items:
        for i, body in enumerate(item.bodies):
            if body not in body_ids:
                out.append(
                    (
                        f"procedural_items.{item.id}.bodies[{i}]",
                        f"unknown body {body!r}; {suggest(body, body_ids)}",
                    )
                )
    return out


@functools.cache
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _overlap(a: Membership, b: Membership) -> bool:
    lo, hi = dt.date.min, dt.date.max
    return (a.since or lo) <= (b.until or hi) and (b.since or lo) <= (a.until or hi)
