"""The `[schedule]` table of a council file: how to plan its municipal year (the annual
meeting, counts, pins, windows, ordering, clashes, blackout calendars, elections, events,
the budget), and its reading from TOML. The council layer: no meeting model here."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Collection, Sequence
from pathlib import Path

import attrs

from meetings import closures, dates, elections, guards
from meetings._private import Reader, suggest
from meetings.closures import Category, Period
from meetings.errors import MeetingsError


class Severity(enum.StrEnum):
    HARD = "hard"  # never broken by a plan; `check` exits 1 when a schedule breaks one
    SOFT = "soft"  # kept "as far as possible" (seed 000, para 3.2) and reported when broken


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
    """The budget meeting: council tax set before 11 March (LGFA 1992 s.30(6))."""

    body: str | None = None  # None: the body of kind "council"
    earliest: dt.date | None = None  # None: 1 February
    latest: dt.date | None = None  # None: 10 March
    severity: Severity = Severity.HARD


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

    def count(self, body: str) -> int | None:
        return dict(self.counts).get(body)

    def annual_meeting_of(self, year: int) -> dt.date:
        """The annual meeting opening the municipal year from `year`: `annual_meeting` or
        `next_annual_meeting` when it falls in that year, else the default day (Sch 12
        para 1), counted from `ordinary_election` when the poll is that year's."""
        for known in (self.annual_meeting, self.next_annual_meeting):
            if known is not None and known.year == year:
                return known
        poll = self.ordinary_election
        return dates.default_annual_meeting(year, poll if poll and poll.year == year else None)

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
                    }
                )
                for e in self.elections
            ]
        if self.windows:
            out["windows"] = [
                _drop_empty(
                    {"quarter": w.quarter, "start": w.start, "end": w.end, "reason": w.reason}
                )
                for w in self.windows
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
                }
            )
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
        year = r.opt_integer("year", minimum=1900, maximum=guards.LAST_YEAR)
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
            t.done()
            if poll:
                if purdah and purdah > poll:
                    t.problem("purdah_start", f"{purdah} is after the poll {poll}")
                polls.append(
                    Election(
                        name=name,
                        poll=poll,
                        kind=kind or elections.PollKind.LOCAL,
                        purdah_start=purdah,
                        severity=severity,
                        exempt=exempt,
                    )
                )
        windows = []
        for t in r.tables("windows"):
            quarter = t.text("quarter", required=True)
            start_d = t.date("start", required=True)
            end_d = t.date("end", required=True)
            reason = t.text("reason")
            t.done()
            try:
                label = dates.FinancialQuarter.parse(quarter).label if quarter else ""
            except MeetingsError:
                t.problem("quarter", f"{quarter!r} is not a quarter; expected e.g. 'Q2 2019/20'")
                label = ""
            if label and start_d and end_d:
                if end_d < start_d:
                    t.problem("end", f"{end_d} is before start {start_d}")
                else:
                    windows.append(
                        dates.WindowOverride(quarter=label, start=start_d, end=end_d, reason=reason)
                    )
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
                )
            else:
                budget = None
                for key in ("body", "earliest", "latest", "severity"):
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
