"""The `[schedule]` table of a council file: how to plan its municipal year (the annual
meeting, counts, pins, windows, ordering, clashes, blackout calendars, elections, events,
the budget), and its reading from TOML. The council layer: no meeting model here."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

import attrs

from meetings import closures, dates, elections, guards
from meetings._private import Reader, suggest
from meetings.closures import Category, Period
from meetings.errors import MeetingsError


class Severity(enum.StrEnum):
    HARD = "hard"  # never broken by a plan; `check` exits 1 when a schedule breaks one
    SOFT = "soft"  # kept "as far as possible" (seed 000, para 3.2) and reported when broken


class BudgetAuthority(enum.StrEnum):
    """Who sets the budget meeting's statutory deadline (Local Government Finance Act 1992)."""

    BILLING = "billing"  # sets council tax before 11 March (s.30(6); Scotland s.93(2))
    PRECEPTING = "precepting"  # a major precepting authority: precept before 1 March (s.40(2))


class Link(enum.StrEnum):
    """How a body's meetings sit in the committee cycle of another body's."""

    FOLLOWS = "follows"  # each meeting some days after one of the other's, before its next
    REPORTS_TO = "reports_to"  # each meeting some days before one of the other's, after its last


class ClashRule(enum.StrEnum):
    """What makes two meetings on one day a clash (seed 000 para 3.2: "clashes avoided")."""

    NONE = "none"  # meetings may share a day
    EVENING = "evening"  # one meeting (or event) an evening
    VENUE = "venue"  # not two in the same venue on one day (TBC venues never clash)
    MEMBER = "member"  # not two sharing a member on one day (events: every member)


WEEKDAY_TOKENS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A count of meetings or a gap in days longer than a year is a typing mistake, and would
# have the planner search a space it can never fill.
DAYS_IN_YEAR = 366
BUILTIN_CALENDARS = ("festivals",)  # computed by closures.festival_periods, no file needed


@attrs.frozen(kw_only=True)
class Weights:
    """Points per breach of each soft rule (spacing: per day away from the target)."""

    spacing: int = 1
    avoided_weekday: int = 30
    busy_week: int = 15
    clash: int = 60  # used when clash_severity = "soft"
    budget: int = 200  # used when the budget rule is soft: per meeting after the latest date
    pre_election: int = 200  # used when an election's severity is soft


@attrs.frozen(kw_only=True)
class Pin:
    """A meeting fixed by hand: it replaces the body's meeting whose target is nearest."""

    body: str
    date: dt.date
    start: dt.time | None = None
    venue: str | None = None
    note: str = ""


@attrs.frozen(kw_only=True)
class Ordering:
    """`before`'s meetings come at least `days` ahead of `after`'s (reports need writing)."""

    before: str
    after: str
    days: int


@attrs.frozen(kw_only=True)
class CycleLink:
    """One `[[schedule.cycle]]` table: each meeting of `body` in a cycle of `other`'s meetings,
    `min_days` to `max_days` after the one it follows, or before the one it reports to."""

    body: str
    link: Link
    other: str
    min_days: int
    max_days: int
    index: int = 0  # its place in the file, for messages: [[schedule.cycle]][index]

    @property
    def where(self) -> str:
        return f"[[schedule.cycle]][{self.index}]"


@attrs.frozen(kw_only=True)
class Cancel:
    """`[[schedule.cancel]]`: one meeting of the adopted year called off. It stays in the
    feeds, cancelled, with its UID; nothing else moves or is renumbered."""

    body: str
    meeting: int  # its number in the year (the UID's): "cabinet meeting 3"
    note: str = ""


@attrs.frozen(kw_only=True)
class Move:
    """`[[schedule.move]]`: one meeting of the adopted year moved to `date` (same UID)."""

    body: str
    meeting: int
    date: dt.date
    start: dt.time | None = None
    note: str = ""


@attrs.frozen(kw_only=True)
class Extra:
    """`[[schedule.add]]`: an extraordinary meeting on `date`, called on `called` (its notice
    and summons must leave the clear days before it, LGA 1972 s.100B(3) and Sch 12 para 4)."""

    body: str
    date: dt.date
    start: dt.time | None = None
    venue: str | None = None
    called: dt.date | None = None
    note: str = ""


@attrs.frozen(kw_only=True)
class BodyWindow:
    """A reporting window given for one body only (`[[schedule.windows]]` with `body`)."""

    body: str
    window: dates.WindowOverride


@attrs.frozen(kw_only=True)
class Blackout:
    """Days to avoid, read from a calendar: hard (never) or soft (at a cost of `weight`)."""

    calendar: str  # as written: a shipped calendar's name, "festivals", or a file path
    category: str
    severity: Severity
    weight: int
    periods: tuple[Period, ...]


@attrs.frozen(kw_only=True)
class Election:
    """A poll in the year: no decision meetings from `purdah_start` to the poll, inclusive."""

    name: str = ""  # "" : named from the poll ("Pre-election period (PCC election, …)")
    poll: dt.date
    kind: elections.PollKind = elections.PollKind.LOCAL
    purdah_start: dt.date | None = None  # None: the statutory latest notice of election
    severity: Severity = Severity.HARD
    exempt: tuple[str, ...] = ()  # body ids that may still meet (licensing, planning)
    # The day of the count: the day after the poll unless set (an overnight count: the poll)
    count: dt.date | None = None
    # The council's own ordinary election: from the poll to the annual meeting that follows
    # it, only `[schedule] continuing` bodies meet.
    ordinary: bool = False

    @property
    def count_day(self) -> dt.date:
        return self.count or self.poll + dt.timedelta(days=1)


@attrs.frozen(kw_only=True)
class Event:
    """Something else the draft schedule carries: an induction session, training, a tour."""

    title: str
    date: dt.date
    start: dt.time
    duration: dt.timedelta = dt.timedelta(hours=2)
    venue: str | None = None


@attrs.frozen(kw_only=True)
class Budget:
    """The budget meeting: council tax set before 11 March (LGFA 1992 s.30(6)) by a billing
    authority; a major precepting authority's precept issued before 1 March (s.40(2))."""

    body: str | None = None  # None: the body of kind "council"
    earliest: dt.date | None = None  # None: 1 February
    latest: dt.date | None = None  # None: the statutory last day of `authority`
    severity: Severity = Severity.HARD
    authority: BudgetAuthority = BudgetAuthority.BILLING

    def statutory_latest(self, year: int, nation: dates.Nation) -> tuple[dt.date, str]:
        """The last lawful day for the budget of the financial year from April `year + 1`,
        and the rule that sets it."""
        if self.authority == BudgetAuthority.PRECEPTING:
            # LGFA 1992 s.40(2): a major precepting authority issues its precept before
            # 1 March in the preceding financial year.
            day = dt.date(year + 1, 3, 1) - dt.timedelta(days=1)
            return day, (
                "a major precepting authority issues its precept before 1 March (LGFA 1992 s.40(2))"
            )
        # England and Wales: s.30(6); Scotland: s.93(2); both "before 11th March".
        section = "s.93(2)" if nation == dates.Nation.SCOTLAND else "s.30(6)"
        return dt.date(year + 1, 3, 10), f"council tax is set before 11 March (LGFA 1992 {section})"

    def deadline(self, year: int, nation: dates.Nation) -> tuple[dt.date, str]:
        """The budget meeting's last day and why: the council's own `latest` when set."""
        day, law = self.statutory_latest(year, nation)
        if self.latest is not None:
            return self.latest, f"the council's own date ([schedule.budget] latest); {law}"
        return day, law


@attrs.frozen(kw_only=True)
class ScheduleRules:
    """The `[schedule]` table of a council definition: how to plan its municipal year."""

    year: int | None = None
    annual_meeting: dt.date | None = None
    ordinary_election: dt.date | None = None  # poll day before the annual meeting
    next_annual_meeting: dt.date | None = None
    # The day the annual meeting adopted the schedule: its meetings are then confirmed,
    # no longer provisional (seed 000 para 4.1).
    adopted: dt.date | None = None
    first_meeting_gap: int = 7  # days after the annual meeting before the cycle starts
    counts: tuple[tuple[str, int], ...] = ()
    pins: tuple[Pin, ...] = ()
    orderings: tuple[Ordering, ...] = ()
    report_days: int = 7  # gap for each body's `receives_from` (time to write reports)
    clash: ClashRule = ClashRule.EVENING
    clash_severity: Severity = Severity.HARD
    avoid_weekdays: tuple[int, ...] = (0, 4)  # Mondays and Fridays (seed 000 para 3.2)
    max_per_week: int = 2
    spacing_tolerance: int = 7
    christmas_closure: bool = True
    closures: tuple[Period, ...] = ()
    blackouts: tuple[Blackout, ...] = ()
    elections: tuple[Election, ...] = ()
    windows: tuple[dates.WindowOverride, ...] = ()
    events: tuple[Event, ...] = ()
    budget: Budget | None = Budget()
    weights: Weights = Weights()
    cycle: tuple[CycleLink, ...] = ()
    # bodies not appointed by the council (a joint committee): they meet between the poll
    # and the annual meeting of an ordinary election year
    continuing: tuple[str, ...] = ()
    # council-wide quarterly reporting windows: from `reporting_weeks[0]` to `[1]` weeks after
    # the quarter ends (None: the default months of dates.ReportingRule)
    reporting_weeks: tuple[int, int] | None = None
    body_windows: tuple[BodyWindow, ...] = ()
    cancel: tuple[Cancel, ...] = ()
    move: tuple[Move, ...] = ()
    add: tuple[Extra, ...] = ()
    # the schedule as adopted (a schedule.json `meetings schedule` wrote): re-planning keeps
    # each of its meetings on its date unless [[schedule.move]] or cancel says otherwise
    adopted_schedule: Path | None = None

    def count(self, body: str) -> int | None:
        return dict(self.counts).get(body)

    def ordinary_polls(self) -> tuple[dt.date, ...]:
        """The council's own ordinary elections: `ordinary_election` and every poll of
        `[[schedule.elections]]` marked `ordinary`."""
        found = {e.poll for e in self.elections if e.ordinary}
        if self.ordinary_election is not None:
            found.add(self.ordinary_election)
        return tuple(sorted(found))

    def polls(self) -> tuple[tuple[dt.date, dt.date, str], ...]:
        """Every poll the file knows: (polling day, count day, what it is)."""
        out: dict[dt.date, tuple[dt.date, dt.date, str]] = {}
        if self.ordinary_election is not None:
            day = self.ordinary_election
            out[day] = (day, day + dt.timedelta(days=1), "ordinary elections of the council")
        for e in self.elections:
            title = e.name or elections.Poll(day=e.poll, kind=e.kind).title
            out[e.poll] = (e.poll, e.count_day, title)
        return tuple(out[d] for d in sorted(out))

    def warnings(self) -> tuple[str, ...]:
        """What is lawful but unusual enough to check: a poll on a day other than a Thursday
        (the ordinary day of local elections, RPA 1983 s.37; by custom every poll's)."""
        out = []
        for i, e in enumerate(self.elections):
            if e.poll.weekday() not in (3, 6):
                out.append(
                    f"[[schedule.elections]][{i}] poll {e.poll} is a {e.poll:%A}; polls are "
                    "held on Thursdays (RPA 1983 s.37): check the date"
                )
        day = self.ordinary_election
        if day is not None and day.weekday() not in (3, 6):
            out.append(
                f"[schedule] ordinary_election {day} is a {day:%A}; polls are held on "
                "Thursdays (RPA 1983 s.37): check the date"
            )
        return tuple(out)

    def annual_meeting_of(
        self,
        year: int,
        weekdays: Collection[int] = (),
        window: Callable[
            [dt.date], dates.AnnualMeetingWindow
        ] = dates.AnnualMeetingWindow.after_poll,
    ) -> dt.date:
        """The annual meeting opening the municipal year from `year`: `annual_meeting` or
        `next_annual_meeting` when it falls in that year, else the default day (Sch 12
        para 1), counted from the council's ordinary poll when there is one that year.

        With `weekdays` (the council's meeting days, Monday = 0) the default moves to the
        nearest of them: within the 21 days after councillors retire in a year of ordinary
        elections (Sch 12 para 1(2)), within May otherwise (para 1(3) allows March, April or
        May; the municipal year runs May to May). `window` gives the window after a poll for
        the council's kind and reading of retirement on a bank holiday (`Council.window`)."""
        for known in (self.annual_meeting, self.next_annual_meeting):
            if known is not None and known.year == year:
                return known
        poll = next((p for p in self.ordinary_polls() if p.year == year), None)
        after = window(poll) if poll is not None else None
        # Parish and Scottish windows have no default day: the customary twelfth day after
        # the poll, inside both.
        default = (after and after.default) or dates.default_annual_meeting(year, poll)
        if not weekdays or default.weekday() in weekdays:
            return default
        if after is not None:
            lo, hi = after.earliest, after.latest
        else:
            lo, hi = dt.date(year, 5, 1), dt.date(year, 5, 31)
        options = [
            lo + dt.timedelta(days=k)
            for k in range((hi - lo).days + 1)
            if (lo + dt.timedelta(days=k)).weekday() in weekdays
        ]
        if not options:
            return default
        # nearest the custom day, the later of two equally near (more time after the poll)
        return min(options, key=lambda d: (abs((d - default).days), -d.toordinal()))

    def working_calendar(
        self, nation: dates.Nation, *years: int, extra: Sequence[Period] = ()
    ) -> dates.WorkingCalendar:
        """The council's working days around `years`: its nation's bank holidays, its
        `closures`, and the Christmas closure beginning in December of each year and of the
        year before (a January meeting's notice falls in the previous December)."""
        found = list(self.closures) + list(extra)
        if self.christmas_closure:
            found += [
                closures.christmas_shutdown(y) for y in sorted({*years, *(y - 1 for y in years)})
            ]
        return dates.WorkingCalendar(nation=nation, extra_closures=tuple(found))

    def to_toml_table(self) -> dict[str, object]:
        """The `[schedule]` table that reads back as these rules (defaults left out)."""
        d = ScheduleRules()
        out: dict[str, object] = {}
        for key in (
            "year",
            "annual_meeting",
            "ordinary_election",
            "next_annual_meeting",
            "adopted",
        ):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        for key in (
            "first_meeting_gap",
            "report_days",
            "clash",
            "clash_severity",
            "max_per_week",
            "spacing_tolerance",
            "christmas_closure",
        ):
            value = getattr(self, key)
            if value != getattr(d, key):
                out[key] = value.value if isinstance(value, enum.Enum) else value
        if self.avoid_weekdays != d.avoid_weekdays:
            out["avoid_weekdays"] = [WEEKDAY_TOKENS[w] for w in self.avoid_weekdays]
        if self.counts:
            out["counts"] = dict(self.counts)
        if self.pins:
            out["pins"] = [
                _drop_empty(
                    {"body": p.body, "date": p.date, "start": p.start, "venue": p.venue}
                    | {"note": p.note}
                )
                for p in self.pins
            ]
        if self.orderings:
            out["orderings"] = [
                {"before": o.before, "after": o.after, "days": o.days} for o in self.orderings
            ]
        if self.closures:
            out["closures"] = [
                {"name": c.name, "start": c.start, "end": c.end} for c in self.closures
            ]
        if self.blackouts:
            out["avoid"] = [
                {
                    "calendar": b.calendar,
                    "category": b.category,
                    "severity": b.severity.value,
                    "weight": b.weight,
                }
                for b in self.blackouts
            ]
        if self.elections:
            out["elections"] = [
                _drop_empty(
                    {
                        "name": e.name,
                        "poll": e.poll,
                        "kind": e.kind.value,
                        "purdah_start": e.purdah_start,
                        "severity": e.severity.value,
                        "exempt": list(e.exempt),
                        "count": e.count,
                        "ordinary": e.ordinary or None,
                    }
                )
                for e in self.elections
            ]
        if self.windows or self.body_windows:
            given = [("", w) for w in self.windows]
            given += [(bw.body, bw.window) for bw in self.body_windows]
            out["windows"] = [
                _drop_empty(
                    {"quarter": w.quarter, "start": w.start, "end": w.end, "reason": w.reason}
                    | {"body": body}
                )
                for body, w in given
            ]
        if self.reporting_weeks is not None:
            lo_w, hi_w = self.reporting_weeks
            out["reporting"] = {"from_weeks": lo_w, "to_weeks": hi_w}
        if self.continuing:
            out["continuing"] = list(self.continuing)
        if self.cycle:
            out["cycle"] = [
                {
                    "body": c.body,
                    c.link.value: c.other,
                    "min_days": c.min_days,
                    "max_days": c.max_days,
                }
                for c in self.cycle
            ]
        if self.cancel:
            out["cancel"] = [
                _drop_empty({"body": c.body, "meeting": c.meeting, "note": c.note})
                for c in self.cancel
            ]
        if self.move:
            out["move"] = [
                _drop_empty(
                    {"body": m.body, "meeting": m.meeting, "date": m.date, "start": m.start}
                    | {"note": m.note}
                )
                for m in self.move
            ]
        if self.add:
            out["add"] = [
                _drop_empty(
                    {"body": e.body, "date": e.date, "start": e.start, "venue": e.venue}
                    | {"called": e.called, "note": e.note}
                )
                for e in self.add
            ]
        if self.events:
            out["events"] = [
                _drop_empty(
                    {
                        "title": e.title,
                        "date": e.date,
                        "start": e.start,
                        "minutes": int(e.duration.total_seconds() // 60),
                        "venue": e.venue,
                    }
                )
                for e in self.events
            ]
        if self.budget is None:
            out["budget"] = {"enabled": False}
        elif self.budget != d.budget:
            out["budget"] = _drop_empty(
                {
                    "body": self.budget.body,
                    "earliest": self.budget.earliest,
                    "latest": self.budget.latest,
                    "severity": self.budget.severity.value,
                    "authority": self.budget.authority.value,
                }
            )
        if self.adopted_schedule is not None:
            out["adopted_schedule"] = str(self.adopted_schedule)
        if self.weights != d.weights:
            out["weights"] = {
                f.name.replace("_", "-"): getattr(self.weights, f.name)
                for f in attrs.fields(Weights)
            }
        return out

    @classmethod
    def from_reader(
        cls,
        reader: Reader,
        *,
        bodies: Collection[str],
        venues: Collection[str],
        base_dir: Path,
    ) -> ScheduleRules:
        """Read the rules; problems go to `reader.problems` (reported with the rest)."""
        r = reader
        year = r.opt_integer("year", minimum=guards.FIRST_YEAR, maximum=guards.LAST_YEAR)
        annual = r.date("annual_meeting")
        ordinary = r.date("ordinary_election")
        next_annual = r.date("next_annual_meeting")
        if annual and next_annual and next_annual <= annual:
            r.problem(
                "next_annual_meeting",
                f"{next_annual} is not after the annual meeting of {annual} (annual_meeting);"
                " the next annual meeting closes the municipal year it opens",
            )
        adopted = r.date("adopted")
        gap = r.integer("first_meeting_gap", 7, minimum=0, maximum=DAYS_IN_YEAR)
        report_days = r.integer("report_days", 7, minimum=0, maximum=DAYS_IN_YEAR)
        clash = r.choice("clash", ClashRule, ClashRule.EVENING) or ClashRule.EVENING
        clash_sev = r.choice("clash_severity", Severity, Severity.HARD) or Severity.HARD
        avoid = tuple(
            WEEKDAY_TOKENS.index(t)
            for t in _weekday_tokens(r, "avoid_weekdays", ("monday", "friday"))
        )
        max_week = r.integer("max_per_week", 2, minimum=1)
        tolerance = r.integer("spacing_tolerance", 7, minimum=0, maximum=DAYS_IN_YEAR)
        christmas = r.flag("christmas_closure", True)
        counts: list[tuple[str, int]] = []
        table = r.table("counts")
        if table is not None:
            for body in table.data:
                if body not in bodies:
                    table.problem(body, f"unknown body {body!r}; {suggest(body, bodies)}")
                    table._seen.add(body)
                    continue
                n = table.integer(body, 0, required=True, minimum=0, maximum=DAYS_IN_YEAR)
                counts.append((body, n))
            table.done()
        pins = []
        for t in r.tables("pins"):
            pinned = t.ref("body", bodies, required=True)
            day = t.date("date", required=True)
            start = t.time("start")
            venue = t.ref("venue", venues)
            note = t.text("note")
            t.done()
            if pinned and day:
                pins.append(Pin(body=pinned, date=day, start=start, venue=venue, note=note))
        orderings = []
        for t in r.tables("orderings"):
            before = t.ref("before", bodies, required=True)
            after = t.ref("after", bodies, required=True)
            days = t.integer("days", report_days, minimum=0, maximum=DAYS_IN_YEAR)
            t.done()
            if before and after:
                if before == after:
                    t.problem("after", f"{after!r} cannot be ordered after itself")
                else:
                    orderings.append(Ordering(before=before, after=after, days=days))
        closures_ = []
        for t in r.tables("closures"):
            name = t.text("name", required=True)
            start_d = t.date("start", required=True)
            end_d = t.date("end") or start_d
            t.done()
            if start_d and end_d:
                if end_d < start_d:
                    t.problem("end", f"{end_d} is before start {start_d}")
                else:
                    closures_.append(
                        Period(
                            name=name,
                            start=start_d,
                            end=end_d,
                            category=Category.CLOSURE,
                            source="council closure",
                        )
                    )
        blackouts = []
        for t in r.tables("avoid"):
            blackout = _read_blackout(t, base_dir)
            if blackout is not None:
                blackouts.append(blackout)
        polls: list[Election] = []
        for t in r.tables("elections"):
            name = t.text("name")
            poll = t.date("poll", required=True)
            kind = t.choice("kind", elections.PollKind, elections.PollKind.LOCAL)
            purdah = t.date("purdah_start")
            severity = t.choice("severity", Severity, Severity.HARD) or Severity.HARD
            exempt = tuple(_refs(t, "exempt", bodies))
            count_d = t.date("count")
            own_poll = t.flag("ordinary", False)
            t.done()
            if poll:
                if purdah and purdah > poll:
                    t.problem("purdah_start", f"{purdah} is after the poll {poll}")
                if poll.weekday() == 6:
                    t.problem("poll", f"{poll} is a Sunday: no poll is held on a Sunday")
                if count_d is not None and not poll <= count_d <= poll + dt.timedelta(days=7):
                    t.problem(
                        "count", f"{count_d} is not the poll {poll} or one of the 7 days after it"
                    )
                polls.append(
                    Election(
                        name=name,
                        poll=poll,
                        kind=kind or elections.PollKind.LOCAL,
                        purdah_start=purdah,
                        severity=severity,
                        exempt=exempt,
                        count=count_d,
                        ordinary=own_poll,
                    )
                )
        windows = []
        body_windows = []
        seen_windows: dict[tuple[str, str], int] = {}
        for k, t in enumerate(r.tables("windows")):
            quarter = t.text("quarter", required=True)
            start_d = t.date("start", required=True)
            end_d = t.date("end", required=True)
            reason = t.text("reason")
            for_body = t.ref("body", bodies) or ""
            t.done()
            try:
                label = dates.FinancialQuarter.parse(quarter).label if quarter else ""
            except MeetingsError:
                t.problem("quarter", f"{quarter!r} is not a quarter; expected e.g. 'Q2 2019/20'")
                label = ""
            if label and (for_body, label) in seen_windows:
                first = seen_windows[(for_body, label)]
                whose = f"body {for_body!r}" if for_body else "every quarterly body"
                t.problem(
                    "quarter",
                    f"a second window for {label} ({whose}): [[schedule.windows]][{first}] "
                    f"gives one already; keep one of [[schedule.windows]][{first}] and "
                    f"[[schedule.windows]][{k}]",
                )
                label = ""
            elif label:
                seen_windows[(for_body, label)] = k
            if label and start_d and end_d:
                if end_d < start_d:
                    t.problem("end", f"{end_d} is before start {start_d}")
                else:
                    override = dates.WindowOverride(
                        quarter=label, start=start_d, end=end_d, reason=reason
                    )
                    if for_body:
                        body_windows.append(BodyWindow(body=for_body, window=override))
                    else:
                        windows.append(override)
        events = []
        for t in r.tables("events"):
            title = t.text("title", required=True)
            day = t.date("date", required=True)
            start = t.time("start", required=True)
            minutes = t.integer("minutes", 120, minimum=1)
            venue = t.ref("venue", venues)
            t.done()
            if title and day and start:
                events.append(
                    Event(
                        title=title,
                        date=day,
                        start=start,
                        duration=dt.timedelta(minutes=minutes),
                        venue=venue,
                    )
                )
        budget: Budget | None = Budget()
        bt = r.table("budget")
        if bt is not None:
            if bt.flag("enabled", True):
                budget = Budget(
                    body=bt.ref("body", bodies),
                    earliest=bt.date("earliest"),
                    latest=bt.date("latest"),
                    severity=bt.choice("severity", Severity, Severity.HARD) or Severity.HARD,
                    authority=bt.choice("authority", BudgetAuthority, BudgetAuthority.BILLING)
                    or BudgetAuthority.BILLING,
                )
            else:
                budget = None
                for key in ("body", "earliest", "latest", "severity", "authority"):
                    bt._seen.add(key)
            bt.done()
        weights = Weights()
        wt = r.table("weights")
        if wt is not None:
            weights = Weights(
                **{
                    f.name: wt.integer(f.name.replace("_", "-"), f.default or 0, minimum=0)
                    for f in attrs.fields(Weights)
                }
            )
            wt.done()
        cycle: list[CycleLink] = []
        for k, t in enumerate(r.tables("cycle")):
            who = t.ref("body", bodies, required=True)
            follows = t.ref("follows", bodies)
            reports_to = t.ref("reports_to", bodies)
            lo = t.integer("min_days", 1, minimum=0)
            hi = t.integer("max_days", 28, minimum=0)
            t.done()
            if ("follows" in t.data) == ("reports_to" in t.data):
                t.problem("follows", "give one of follows or reports_to (a body id)")
                continue
            other, link = (follows, Link.FOLLOWS) if follows else (reports_to, Link.REPORTS_TO)
            if hi < lo:
                t.problem("max_days", f"{hi} is less than min_days {lo}")
            elif who and other and who == other:
                t.problem(link.value, f"{who!r} cannot be in a cycle with itself")
            elif who and other:
                earlier = next((c for c in cycle if c.body == who), None)
                if earlier is not None:
                    t.problem(
                        "body",
                        f"{who!r} is in {earlier.where} already; a body follows or reports "
                        "to one other body",
                    )
                    continue
                cycle.append(
                    CycleLink(body=who, link=link, other=other, min_days=lo, max_days=hi, index=k)
                )
        ties = {c.body: c for c in cycle}
        for c in cycle:
            seen, at = [c.body], c.other
            while at in ties and at not in seen:
                seen.append(at)
                at = ties[at].other
            if at == c.body:
                r.problem(
                    f"cycle[{c.index}]",
                    "the cycle goes round in a loop: " + " -> ".join([*seen, at]),
                )
                break
        continuing = tuple(_refs(r, "continuing", bodies))
        reporting_weeks = None
        rt = r.table("reporting")
        if rt is not None:
            lo_w = rt.integer("from_weeks", 4, minimum=0)
            hi_w = rt.integer("to_weeks", 8, minimum=1)
            rt.done()
            if hi_w < lo_w:
                rt.problem("to_weeks", f"{hi_w} is less than from_weeks {lo_w}")
            else:
                reporting_weeks = (lo_w, hi_w)
        cancels = []
        for t in r.tables("cancel"):
            who = t.ref("body", bodies, required=True)
            number = t.integer("meeting", 0, required=True, minimum=1)
            note = t.text("note")
            t.done()
            if who and number:
                cancels.append(Cancel(body=who, meeting=number, note=note))
        moves = []
        for t in r.tables("move"):
            who = t.ref("body", bodies, required=True)
            number = t.integer("meeting", 0, required=True, minimum=1)
            day = t.date("date", required=True)
            start = t.time("start")
            note = t.text("note")
            t.done()
            if who and number and day:
                moves.append(Move(body=who, meeting=number, date=day, start=start, note=note))
        extras = []
        for t in r.tables("add"):
            who = t.ref("body", bodies, required=True)
            day = t.date("date", required=True)
            start = t.time("start")
            venue = t.ref("venue", venues)
            called = t.date("called")
            note = t.text("note")
            t.done()
            if who and day:
                if called is not None and called > day:
                    t.problem("called", f"{called} is after the meeting's date {day}")
                extras.append(
                    Extra(body=who, date=day, start=start, venue=venue, called=called, note=note)
                )
        changed = [(c.body, c.meeting) for c in cancels] + [(m.body, m.meeting) for m in moves]
        for twice in sorted({c for c in changed if changed.count(c) > 1}):
            r.problem(
                "move",
                f"{twice[0]} meeting {twice[1]} is moved or cancelled more than once; "
                "keep one [[schedule.move]] or [[schedule.cancel]] for it",
            )
        adopted_file = r.opt_text("adopted_schedule")
        adopted_path = None
        if adopted_file:
            adopted_path = base_dir / adopted_file
            if not adopted_path.is_file():
                r.problem(
                    "adopted_schedule",
                    f"no file {adopted_path}; expected the schedule.json of the adopted year",
                )
        r.done()
        return cls(
            year=year,
            annual_meeting=annual,
            ordinary_election=ordinary,
            next_annual_meeting=next_annual,
            adopted=adopted,
            first_meeting_gap=gap,
            counts=tuple(counts),
            pins=tuple(pins),
            orderings=tuple(orderings),
            report_days=report_days,
            clash=clash,
            clash_severity=clash_sev,
            avoid_weekdays=avoid,
            max_per_week=max_week,
            spacing_tolerance=tolerance,
            christmas_closure=christmas,
            closures=tuple(closures_),
            blackouts=tuple(blackouts),
            elections=tuple(polls),
            windows=tuple(windows),
            events=tuple(events),
            budget=budget,
            weights=weights,
            cycle=tuple(cycle),
            continuing=continuing,
            reporting_weeks=reporting_weeks,
            body_windows=tuple(body_windows),
            cancel=tuple(cancels),
            move=tuple(moves),
            add=tuple(extras),
            adopted_schedule=adopted_path,
        )


def _drop_empty(table: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in table.items() if v not in (None, "", [])}


def _weekday_tokens(r: Reader, key: str, default: tuple[str, ...]) -> tuple[str, ...]:
    if key not in r:
        r._seen.add(key)
        return default
    out = []
    for i, token in enumerate(r.texts(key)):
        if token.lower() in WEEKDAY_TOKENS:
            out.append(token.lower())
        else:
            r.problem(
                f"{key}[{i}]", f"{token!r} is not a weekday; {suggest(token, WEEKDAY_TOKENS)}"
            )
    return tuple(out)


def _refs(r: Reader, key: str, known: Collection[str]) -> list[str]:
    out = []
    for i, token in enumerate(r.texts(key)):
        if token in known:
            out.append(token)
        else:
            r.problem(f"{key}[{i}]", f"unknown body {token!r}; {suggest(token, known)}")
    return out


def _read_blackout(t: Reader, base_dir: Path) -> Blackout | None:
    name = t.text("calendar", required=True)
    category = (t.choice("category", Category, Category.OTHER) or Category.OTHER).value
    severity = t.choice("severity", Severity, Severity.SOFT) or Severity.SOFT
    weight = t.integer("weight", 20, minimum=0)
    t.done()
    if not name:
        return None
    try:
        if name == "festivals":
            periods: tuple[Period, ...] = ()  # computed for the year being planned
        elif name in closures.shipped_calendars():
            periods = closures.shipped_calendar(name, category)
        else:
            path = base_dir / name
            if not path.is_file():
                valid = (*BUILTIN_CALENDARS, *closures.shipped_calendars())
                t.problem(
                    "calendar",
                    f"{name!r} is neither a file (looked for {path}) nor a shipped calendar; "
                    f"valid names: {', '.join(valid)}",
                )
                return None
            periods = closures.read_calendar(path, category)
    except MeetingsError as exc:
        t.problem("calendar", str(exc))
        return None
    periods = tuple(attrs.evolve(p, category=category) for p in periods)
    return Blackout(
        calendar=name, category=category, severity=severity, weight=weight, periods=periods
    )
