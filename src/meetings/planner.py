"""The planner: the planning model of one council's municipal year (what each body needs,
what each day costs), solved by the search in solver.py into a `Schedule` with the reasons
for every date and every rule it breaks."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs

from meetings import closures, dates, elections, guards, solver
from meetings.closures import Period
from meetings.committee import Body, BodyKind, Council
from meetings.errors import MeetingsError, ScheduleError
from meetings.rules import (
    WEEKDAY_TOKENS,
    Blackout,
    Budget,
    Cancel,
    ClashRule,
    CycleLink,
    Election,
    Extra,
    Link,
    Move,
    ScheduleRules,
    Severity,
)
from meetings.schedule import (
    SHORT_WEEKDAYS,
    Breach,
    Meeting,
    MeetingStatus,
    Quality,
    Rule,
    Schedule,
    date_span,
    short_date,
    slug,
)
from meetings.text import plain_date


@attrs.frozen(kw_only=True, eq=False)
class _Spec:
    """What schedule.py knows about a slot beyond the solver's view."""

    body: Body | None
    title: str
    kind: BodyKind
    ordinal: int
    target: dt.date
    lo: dt.date
    hi: dt.date
    weekdays: tuple[int, ...]  # allowed, Monday = 0
    start: dt.time
    duration: dt.timedelta
    venue: str | None
    window: dates.ReportingWindow | None = None
    budget: Budget | None = None
    fixed: str = ""  # why the date is fixed ("" = it is planned)
    reasons: tuple[str, ...] = ()
    uid: str = ""
    extra: Extra | None = None  # an extraordinary meeting added after adoption
    cancelled: Cancel | None = None
    moved: Move | None = None


@attrs.frozen(kw_only=True, eq=False)
class _Year:
    """The municipal year being planned and the calendars that shape it."""

    label: str
    start: dt.date  # the annual meeting
    end: dt.date  # the day before the next annual meeting
    tz: ZoneInfo
    closed: Mapping[dt.date, str]  # hard: bank holidays, closures, hard blackouts
    soft: Mapping[dt.date, tuple[tuple[str, str, int], ...]]  # (category, name, weight)
    purdah: tuple[tuple[Election, dt.date], ...]  # (election, first day)
    recess: tuple[Period, ...]  # the Christmas closure, cut out of the spacing timeline
    windows: tuple[dates.ReportingWindow, ...]
    budget_deadline: dt.date
    budget_rule: str  # why the budget meeting comes by budget_deadline
    next_annual: dt.date
    periods: tuple[Period, ...]
    polls: Mapping[dt.date, str]  # polling and count days in the year: no body meets
    # (ordinary poll, next annual meeting): only continuing bodies meet between them
    constituting: tuple[dt.date, dt.date] | None = None
    rule: dates.ReportingRule = attrs.field(factory=dates.ReportingRule)

    def holds(self, day: dt.date) -> bool:
        """The day is in this municipal year: events and pins of other years are not ours."""
        return self.start <= day <= self.end


class Model:
    """The planning problem of one council's year: specs and the solver's problem.

    `specs` are the meetings as they stand after the changes since adoption (moved, added,
    cancelled: `[[schedule.move]]`, `add`, `cancel`); `planned` the meetings before them, which
    are what the search places, so a change never moves another meeting."""

    def __init__(
        self,
        council: Council,
        year: int | None,
        *,
        adopted: Schedule | None = None,
        today: dt.date | None = None,
    ) -> None:
        self.council = council
        self.rules = council.schedule
        self.y = _year(council, year)
        self.today = today
        self.specs: list[_Spec] = []
        self.problems: list[str] = []
        self._build()
        if adopted is None and self.rules.adopted_schedule is not None:
            adopted = _read_adopted(self.rules.adopted_schedule)
        if adopted is not None:
            self._adopt(adopted)
        self.planned = list(self.specs)
        self._changes()
        self.problem = self._problem(self.specs)
        self.quality: Quality | None = None  # set by `solve`

    # -- building ---------------------------------------------------------------------
    def _build(self) -> None:
        council, rules = self.council, self.rules
        positions = [b.defaults.cycle_position for b in council.bodies]
        known = [p for p in positions if p is not None]
        self.pmin, self.pmax = (min(known), max(known)) if known else (0, 0)
        # Bodies are planned in cycle order (earlier first), then in the order of the file.
        order = sorted(
            range(len(council.bodies)),
            key=lambda k: (council.bodies[k].defaults.cycle_position or self.pmin, k),
        )
        self._rank = {council.bodies[k].id: r for r, k in enumerate(order)}
        for body in council.bodies:
            if body.kind == BodyKind.EVENT:
                continue
            self.specs.extend(self._body_specs(body))
        events: dict[str, int] = {}
        # Events and pins dated in another municipal year belong to that year's plan.
        ours = [e for e in rules.events if self.y.holds(e.date)]
        for ev in sorted(ours, key=lambda e: (e.date, e.start, e.title)):
            k = events[ev.title] = events.get(ev.title, 0) + 1
            self.specs.append(
                _Spec(
                    body=None,
                    title=ev.title,
                    kind=BodyKind.EVENT,
                    ordinal=k,
                    target=ev.date,
                    lo=ev.date,
                    hi=ev.date,
                    weekdays=(),
                    start=ev.start,
                    duration=ev.duration,
                    venue=ev.venue,
                    fixed="an event on the schedule ([[schedule.events]])",
                    reasons=("an event the schedule carries ([[schedule.events]])",),
                    uid=self._uid(f"event-{slug(ev.title)}", k),
                )
            )

    @property
    def status(self) -> MeetingStatus:
        """Provisional until adopted. A schedule is adopted in the year before it starts or
        at its annual meeting (seed 000: a draft for 2019/20 put to Council), so an adoption
        in the year up to the end of the municipal year confirms it."""
        adopted = self.rules.adopted
        if adopted is not None and self.y.start - dt.timedelta(days=366) < adopted <= self.y.end:
            return MeetingStatus.CONFIRMED
        return MeetingStatus.PROVISIONAL

    def _adopt(self, adopted: Schedule) -> None:
        """Keep every meeting of the adopted schedule on its date (by UID): re-planning an
        adopted year moves nothing that was not asked to move."""
        given = {m.uid: m for m in adopted.meetings}
        for i, spec in enumerate(self.specs):
            m = given.get(spec.uid)
            if m is None or spec.fixed == "the annual meeting":
                continue
            day = m.start.astimezone(self.y.tz).date()
            self.specs[i] = attrs.evolve(
                spec,
                target=day,
                lo=day,
                hi=day,
                start=m.start.astimezone(self.y.tz).time().replace(tzinfo=None),
                fixed="its date in the adopted schedule ([schedule] adopted_schedule)",
                reasons=(
                    "kept on its date in the adopted schedule ([schedule] adopted_schedule)",
                    *(r for r in spec.reasons if not r.startswith("target ")),
                ),
            )

    def _changes(self) -> None:
        """Apply `[[schedule.cancel]]`, `move` and `add`: each changes one meeting only."""
        rules = self.rules
        by_number = {
            (s.body.id, s.ordinal): i
            for i, s in enumerate(self.specs)
            if s.body is not None and s.extra is None
        }

        def find(body: str, number: int, what: str) -> int | None:
            i = by_number.get((body, number))
            if i is None:
                have = sum(1 for b, _ in by_number if b == body)
                self.problems.append(
                    f"[[schedule.{what}]] {body} meeting {number}: {body} has "
                    f"{have} meeting(s) in {self.y.label}, numbered 1 to {have}"
                )
            return i

        for c in rules.cancel:
            i = find(c.body, c.meeting, "cancel")
            if i is not None:
                note = f": {c.note}" if c.note else ""
                spec = self.specs[i]
                self.specs[i] = attrs.evolve(
                    spec,
                    cancelled=c,
                    reasons=(f"cancelled ([[schedule.cancel]]){note}", *spec.reasons),
                )
        for mv in rules.move:
            i = find(mv.body, mv.meeting, "move")
            if i is not None:
                spec = self.specs[i]
                note = f": {mv.note}" if mv.note else ""
                self.specs[i] = attrs.evolve(
                    spec,
                    target=mv.date,
                    lo=mv.date,
                    hi=mv.date,
                    start=mv.start or spec.start,
                    moved=mv,
                    fixed=f"moved to {short_date(mv.date)} ([[schedule.move]])",
                    reasons=(
                        f"moved to {short_date(mv.date)} ([[schedule.move]]){note}",
                        *(r for r in spec.reasons if not r.startswith("target ")),
                    ),
                )
        counted: dict[str, int] = {}
        for extra in sorted(rules.add, key=lambda e: (e.date, e.body)):
            body = self.council.body(extra.body)
            k = counted[body.id] = counted.get(body.id, 0) + 1
            note = f": {extra.note}" if extra.note else ""
            self.specs.append(
                _Spec(
                    body=body,
                    title=f"{body.name} (extraordinary meeting)",
                    kind=body.kind,
                    ordinal=k,
                    target=extra.date,
                    lo=extra.date,
                    hi=extra.date,
                    weekdays=tuple(sorted(w.number for w in body.defaults.weekdays)),
                    start=extra.start or body.defaults.start or dt.time(19, 0),
                    duration=body.defaults.duration,
                    venue=extra.venue or body.defaults.venue,
                    fixed=f"an extraordinary meeting ([[schedule.add]] {extra.date})",
                    reasons=(f"an extraordinary meeting added ([[schedule.add]]){note}",),
                    uid=self._uid(f"{body.id}-extraordinary", k),
                    extra=extra,
                )
            )

    def _uid(self, what: str, ordinal: int) -> str:
        # Derived from what the meeting is (year, body, ordinal), never its date, so a moved
        # meeting keeps its UID and updates in subscribers' calendars (RFC 5545 s.3.8.4.7).
        return f"{self.y.label.replace('/', '-')}-{what}-{ordinal}@{self.council.uid_domain}"

    def _phase(self, body: Body) -> float:
        p = body.defaults.cycle_position
        if p is None or self.pmax == self.pmin:
            return 0.5
        return (p - self.pmin) / (self.pmax - self.pmin)

    def _body_specs(self, body: Body) -> list[_Spec]:
        rules, y = self.rules, self.y
        first = y.start + dt.timedelta(days=rules.first_meeting_gap)
        phase = self._phase(body)
        weekdays = tuple(sorted(w.number for w in body.defaults.weekdays))
        # Even spacing runs over the time the body can meet: the pre-election period (unless
        # exempt) and the Christmas closure are cut out of its timeline, so no target lands
        # in them and the meetings around them are not crowded together. Every other closure
        # stays in, so adding one never shifts the targets of meetings outside it: only a
        # meeting whose day it closes moves (and those whose days that one then takes).
        line = _Timeline(first, y.end, self._gaps(body))
        offset = 0.15 + 0.7 * phase  # where in its gap each meeting falls: the cycle order
        is_council = body.kind == BodyKind.COUNCIL and body.id == self._council_body()
        n = rules.count(body.id)
        if n is None:
            n = body.defaults.meetings_per_year
        every = body.defaults.every_weeks if n is None else None
        if every is not None:
            # A cadence: a meeting every `every` weeks of its timeline, as many as fit (with
            # the annual meeting on top for full Council).
            n = int((line.length / (7 * every)) - offset) + 1 + is_council
        if not n or n <= 0:
            return []
        # targets: (date, window, fixed reason, budget)
        targets: list[tuple[dt.date, dates.ReportingWindow | None, str, Budget | None]] = []
        if is_council:
            targets.append((y.start, None, "the annual meeting", None))
            n -= 1
        spacing = f"every {every} weeks" if every else f"{n} a year, evenly spaced"
        if body.quarterly_reporting:
            windows = list(self._windows_for(body.id))
            if n < len(windows):
                self.problems.append(
                    f"{body.name} reports quarterly, so it needs a meeting in each of the "
                    f"{len(windows)} reporting windows ({', '.join(w.quarter for w in windows)}), "
                    f"but meets {n} times a year; raise meetings_per_year or [schedule.counts]"
                )
                windows = windows[:n]
            anchors = [0.0]
            for w in windows:
                day = w.start + dt.timedelta(days=round(phase * (w.end - w.start).days))
                targets.append((day, w, "", None))
                anchors.append(line.position(day))
            anchors.append(float(line.length))
            for _ in range(n - len(windows)):
                anchors.sort()
                gaps = [anchors[k + 1] - anchors[k] for k in range(len(anchors) - 1)]
                k = gaps.index(max(gaps))
                mid = anchors[k] + gaps[k] / 2
                anchors.append(mid)
                targets.append((line.day(mid), None, "", None))
            spacing = f"{n} a year: one in each reporting window, the rest in the widest gaps"
        else:
            step = 7 * every if every else line.length / n
            for j in range(n):
                targets.append((line.day((j + offset) * step), None, "", None))
        targets.sort(key=lambda t: t[0])
        budget = rules.budget
        if budget is not None and (budget.body or self._council_body()) == body.id:
            lo_b, hi_b = _budget_range(budget, y)
            movable = [k for k, t in enumerate(targets) if not t[2] and t[1] is None]
            if movable:
                middle = lo_b + (hi_b - lo_b) / 2
                k = min(movable, key=lambda k: (abs(targets[k][0] - middle), k))
                day = min(max(targets[k][0], lo_b), hi_b)
                targets[k] = (day, None, "", budget)
                targets.sort(key=lambda t: t[0])
        # pins replace the planned meeting nearest their date
        free = [k for k, t in enumerate(targets) if not t[2]]
        pins = [p for p in rules.pins if p.body == body.id and y.holds(p.date)]
        for pin in sorted(pins, key=lambda p: p.date):
            if not free:
                self.problems.append(
                    f"{body.name} has more pins than meetings ({len(targets)}); "
                    "raise meetings_per_year or remove a pin"
                )
                break
            k = min(free, key=lambda k: (abs((targets[k][0] - pin.date).days), k))
            free.remove(k)
            old = targets[k]
            targets[k] = (pin.date, old[1], f"pinned ([[schedule.pins]] {pin.date})", old[3])
        targets.sort(key=lambda t: t[0])
        # Domains partition the year between neighbouring targets so the order of a body's
        # meetings never changes and each ordinal keeps its identity (and its UID).
        bounds: list[tuple[dt.date, dt.date]] = []
        lo = y.start
        for k, (day, window, fixed, _bud) in enumerate(targets):
            if k + 1 < len(targets):
                nxt, nwin, nfixed, _nbud = targets[k + 1]
                b = day + dt.timedelta(days=(nxt - day).days // 2)
                if window is not None:
                    b = max(b, window.end)
                if fixed:
                    b = max(b, day)
                if nwin is not None:
                    b = min(b, nwin.start - dt.timedelta(days=1))
                if nfixed:
                    b = min(b, nxt - dt.timedelta(days=1))
                hi = b
            else:
                hi = y.end
            bounds.append((lo, hi))
            lo = hi + dt.timedelta(days=1)
        specs = []
        for k, ((day, window, fixed, bud), bound) in enumerate(zip(targets, bounds, strict=True)):
            lo, hi = bound
            reasons = []
            pinned = next((p for p in pins if p.date == day), None)
            if fixed == "the annual meeting":
                law = _ANNUAL_MEETING_LAW.get((self.council.nation, self.council.kind), "")
                reasons.append(f"the annual meeting opens the municipal year{law}")
            elif fixed:
                reasons.append(fixed + (f": {pinned.note}" if pinned and pinned.note else ""))
            if window is not None:
                reasons.append(
                    f"{window.quarter} reporting window {date_span(window.start, window.end)} "
                    f"({self._window_source(body.id, window)})"
                )
                lo, hi = max(lo, window.start), min(hi, window.end)
            if bud is not None:
                lo_b, hi_b = _budget_range(bud, y)
                reasons.append(f"budget meeting by {short_date(hi_b)}: {y.budget_rule}")
                if bud.severity == Severity.HARD:
                    lo, hi = max(lo, lo_b), min(hi, hi_b)
                else:
                    lo = max(lo, lo_b)
            if not fixed:
                reasons.append(f"target {short_date(day)} ({spacing})")
            if weekdays:
                reasons.append("meets on " + ", ".join(SHORT_WEEKDAYS[w] for w in weekdays))
            start = (pinned.start if pinned and pinned.start else None) or body.defaults.start
            specs.append(
                _Spec(
                    body=body,
                    title=body.name,
                    kind=body.kind,
                    ordinal=k + 1,
                    target=day,
                    lo=day if fixed else lo,
                    hi=day if fixed else hi,
                    weekdays=weekdays,
                    start=start or dt.time(19, 0),
                    duration=body.defaults.duration,
                    venue=(pinned.venue if pinned and pinned.venue else None)
                    or body.defaults.venue,
                    window=window,
                    budget=bud,
                    fixed=fixed,
                    reasons=tuple(reasons),
                    uid=self._uid(body.id, k + 1),
                )
            )
        return specs

    def _gaps(self, body: Body) -> list[tuple[dt.date, dt.date]]:
        gaps = [
            (first, e.poll)
            for e, first in self.y.purdah
            if e.severity == Severity.HARD and body.id not in e.exempt
        ]
        if self.y.constituting is not None and body.id not in self.rules.continuing:
            poll, _annual = self.y.constituting
            gaps.append((poll, self.y.end))
        return gaps + [(p.start, p.end) for p in self.y.recess]

    def _windows_for(self, body: str) -> tuple[dates.ReportingWindow, ...]:
        own = [bw.window for bw in self.rules.body_windows if bw.body == body]
        if not own:
            return self.y.windows
        rule = attrs.evolve(self.y.rule, overrides=(*self.y.rule.overrides, *own))
        my = dates.MunicipalYear(
            self.y.start.year, annual_meeting=self.y.start, next_annual_meeting=self.y.next_annual
        )
        return tuple(w for w in my.reporting_windows(rule) if self.y.holds(w.start))

    def _window_source(self, body: str, window: dates.ReportingWindow) -> str:
        """Where the council file sets this window: its own table, the council-wide rule
        or the default."""
        for bw in self.rules.body_windows:
            if bw.body == body and bw.window.quarter == window.quarter:
                return f"[[schedule.windows]] for {body}"
        if any(w.quarter == window.quarter for w in self.rules.windows):
            return "[[schedule.windows]]"
        if self.rules.reporting_weeks is not None:
            lo_w, hi_w = self.rules.reporting_weeks
            return f"[schedule.reporting]: {lo_w} to {hi_w} weeks after the quarter ends"
        return "the default: the first two weeks of the third month after the quarter"

    def _council_body(self) -> str | None:
        for b in self.council.bodies:
            if b.kind == BodyKind.COUNCIL:
                return b.id
        return None

    # -- the rules, day by day ----------------------------------------------------------
    def hard(self, spec: _Spec, day: dt.date) -> list[tuple[Rule, str]]:
        """The hard rules `day` breaks for this meeting (its window and pins apart)."""
        y, out = self.y, []
        if spec.kind == BodyKind.EVENT:
            return []
        if not y.start <= day <= y.end:
            out.append(
                (Rule.MUNICIPAL_YEAR, f"outside the municipal year {date_span(y.start, y.end)}")
            )
        allowed = spec.weekdays or (0, 1, 2, 3, 4)
        if day.weekday() not in allowed:
            days = ", ".join(SHORT_WEEKDAYS[w] for w in allowed)
            out.append((Rule.WEEKDAY, f"a {day:%A}; it meets on {days} only"))
        if day in y.closed:
            out.append((Rule.CLOSED, f"closed: {y.closed[day]}"))
        if day in y.polls:
            # The council's officers run the poll and the count: no body meets either day.
            out.append((Rule.POLLING_DAY, y.polls[day]))
        body_id = spec.body.id if spec.body else ""
        if (
            y.constituting is not None
            and y.constituting[0] < day <= y.end
            and body_id not in self.rules.continuing
        ):
            poll, annual = y.constituting
            why = (
                "the new council appoints its committees at its first meeting"
                if self.council.nation == "scotland"
                else "councillors retire on the fourth day after the poll (LGA 1972 s.7(4)) "
                "and the new council appoints its committees at its annual meeting "
                "(Sch 12 para 1)"
            )
            out.append(
                (
                    Rule.AFTER_THE_POLL,
                    f"after the ordinary elections of {short_date(poll)} and before the annual "
                    f"meeting of {short_date(annual)}: {why}; only bodies listed in "
                    "[schedule] continuing meet",
                )
            )
        for election, first in y.purdah:
            body_id = spec.body.id if spec.body else ""
            if spec.fixed == "the annual meeting" and first <= day < election.poll:
                continue  # the law requires it (Sch 12 para 1): it is held, purdah or not
            if (
                election.severity == Severity.HARD
                and first <= day <= election.poll
                and body_id not in election.exempt
            ):
                out.append(
                    (
                        Rule.PRE_ELECTION,
                        f"in the {election.name or 'pre-election period'} from "
                        f"{short_date(first)} (no decision meetings)",
                    )
                )
        return out

    def soft(self, spec: _Spec, day: dt.date) -> tuple[tuple[str, int], ...]:
        """The soft cost of `day` for this meeting, rule by rule."""
        if spec.kind == BodyKind.EVENT:
            return ()
        w, out = self.rules.weights, []
        if not spec.fixed:
            dev = abs((day - spec.target).days)
            if dev and w.spacing:
                out.append((Rule.EVEN_SPACING.value, dev * w.spacing))
        allowed = spec.weekdays or (0, 1, 2, 3, 4)
        # A weekday the body never meets on is a hard breach; not a soft one as well.
        avoided = day.weekday() in self.rules.avoid_weekdays
        if avoided and day.weekday() in allowed and w.avoided_weekday:
            out.append((Rule.AVOIDED_WEEKDAY.value, w.avoided_weekday))
        for category, _name, weight in self.y.soft.get(day, ()):
            if weight:
                out.append((category, weight))
        for election, first in self.y.purdah:
            body_id = spec.body.id if spec.body else ""
            if (
                election.severity == Severity.SOFT
                and first <= day <= election.poll
                and body_id not in election.exempt
                and w.pre_election
            ):
                out.append((Rule.PRE_ELECTION.value, w.pre_election))
        if spec.budget is not None and spec.budget.severity == Severity.SOFT:
            _, latest = _budget_range(spec.budget, self.y)
            if day > latest and w.budget:
                out.append((Rule.BUDGET.value, w.budget))
        return _merge(out)

    def _slot(self, i: int, spec: _Spec, domain: Sequence[dt.date] | None = None) -> solver.Slot:
        if domain is None:
            domain = tuple(d for d in _days(spec.lo, spec.hi) if not self.hard(spec, d))
        if spec.fixed:
            domain = (spec.target,)
        return solver.Slot(
            index=i,
            body=spec.body.id if spec.body else f"event:{spec.title}",
            ordinal=spec.ordinal,
            label=self.label(spec),
            target=spec.target,
            domain=tuple(domain),
            costs={d: c for d in domain if (c := self.soft(spec, d))},
            resources=self.resources(spec),
            fixed=bool(spec.fixed),
            counts_in_week=spec.kind != BodyKind.EVENT,
            phase=0 if spec.fixed else 1 if spec.window or spec.budget else 2,
            rank=self._rank.get(spec.body.id if spec.body else "", 0),
        )

    def _problem(self, specs: Sequence[_Spec]) -> solver.Problem:
        rules = self.rules
        slots = [self._slot(i, spec) for i, spec in enumerate(specs)]
        seps = []
        pairs: dict[tuple[str, str], int] = {}
        body_ids = {b.id for b in self.council.bodies}
        for body in self.council.bodies:
            for feeder in body.receives_from:
                if feeder in body_ids:
                    pairs[(feeder, body.id)] = rules.report_days
        for o in rules.orderings:
            pairs[(o.before, o.after)] = o.days
        names = {b.id: b.name for b in self.council.bodies}
        for (feeder, receiver), days in sorted(pairs.items()):
            if days > 0:
                seps.append(
                    solver.Separation(
                        feeder=feeder,
                        receiver=receiver,
                        min_days=days,
                        label=f"{names[feeder]} before {names[receiver]}",
                    )
                )
        w = rules.weights
        return solver.Problem(
            slots=tuple(slots),
            separations=tuple(seps),
            clash_hard=rules.clash_severity == Severity.HARD,
            clash_weight=w.clash,
            max_per_week=rules.max_per_week,
            busy_week_weight=w.busy_week,
        )

    def resources(self, spec: _Spec) -> frozenset[str]:
        # Clashes are judged per part of the day (morning, afternoon, evening): a 10:00 and
        # a 14:00 meeting in one room do not clash, and a 10:00 meeting is not "that evening".
        parts = sessions(spec.start, spec.duration)
        clash = self.rules.clash
        if clash == ClashRule.EVENING:
            return frozenset(parts)
        if clash == ClashRule.VENUE:
            if not spec.venue:
                return frozenset()
            return frozenset(_at(f"venue {spec.venue}", p) for p in parts)
        if clash == ClashRule.MEMBER:
            people = frozenset(str(m.person) for m in spec.body.members) if spec.body else None
            if not people or spec.kind == BodyKind.COUNCIL:
                # Full Council, events and bodies whose members are not yet appointed may
                # take any member, so they clash with every meeting at that time.
                people = self._everyone
            return frozenset(_at(who, p) for who in people for p in parts)
        return frozenset()

    @functools.cached_property
    def _everyone(self) -> frozenset[str]:
        people = {str(m.person) for b in self.council.bodies for m in b.members}
        return frozenset({*people, "every member"})

    def label(self, spec: _Spec) -> str:
        if spec.kind == BodyKind.EVENT:
            return spec.title
        if spec.extra is not None and spec.body is not None:
            return f"{spec.body.name} extraordinary meeting {spec.ordinal}"
        return f"{spec.title} meeting {spec.ordinal}"

    # -- solving --------------------------------------------------------------------------
    def solve(self) -> list[dt.date]:
        """Place every planned meeting (body by body through the committee cycle), then put
        the changes since adoption on top: a move or an added meeting never moves another."""
        self.infeasible()
        unchanged = len(self.planned) == len(self.specs) and all(
            a is b for a, b in zip(self.planned, self.specs, strict=True)
        )
        base = self.problem if unchanged else self._problem(self.planned)
        if self.rules.cycle:
            days = self._solve_cycle(base)
            # The stages add the cycle's windows to `base`, so its bound holds for them too.
            bound = solver.lower_bound(base)
        else:
            solution = solver.optimise(base)
            days, bound = list(solution.days), solution.bound
        if bound is not None:
            cost = solver.total_cost(base, days[: len(base.slots)])
            self.quality = Quality(penalty=cost, lower_bound=bound)
        for i, spec in enumerate(self.specs):
            if i >= len(days):
                days.append(spec.target)
            elif spec.moved is not None:
                days[i] = spec.target
        return days

    def _solve_cycle(self, base: solver.Problem) -> list[dt.date]:
        """The committee cycle, stage by stage: the bodies no `[[schedule.cycle]]` ties to
        another first, then each body once the body it follows or reports to is placed,
        its meetings one to a cycle, each in the days its cycle allows."""
        links = {c.body: c for c in self.rules.cycle}
        depth = self._depth
        slot_stage = [depth(s.body.id) if s.body else 0 for s in self.planned]
        slots = list(base.slots)
        days: dict[int, dt.date] = {}
        for st in range(max(slot_stage, default=0) + 1):
            for body in sorted(links):
                if depth(body) == st and st > 0:
                    self._link(links[body], slots, days)
            idx = [i for i in range(len(slots)) if slot_stage[i] <= st]
            sub = []
            for k, i in enumerate(idx):
                slot = slots[i]
                if i in days:
                    slot = attrs.evolve(slot, domain=(days[i],), fixed=True, phase=0)
                sub.append(attrs.evolve(slot, index=k))
            got = solver.solve(attrs.evolve(base, slots=tuple(sub)))
            for k, i in enumerate(idx):
                days[i] = got[k]
        final = list(self.problem.slots)
        for i, slot in enumerate(slots):
            if self.specs[i].moved is None:
                final[i] = slot
        self.problem = attrs.evolve(self.problem, slots=tuple(final))
        return [days[i] for i in range(len(slots))]

    def _depth(self, body: str) -> int:
        """0 for a body no [[schedule.cycle]] ties to another, else 1 + the other's."""
        links = {c.body: c for c in self.rules.cycle}
        k, seen = 0, {body}
        while body in links:
            body = links[body].other
            if body in seen:  # a loop: the reading of the file reports it
                break
            seen.add(body)
            k += 1
        return k

    def fit_cycles(self, days: Sequence[dt.date | None]) -> None:
        """Tie each `[[schedule.cycle]]` body's meetings to the cycles that `days` (a given
        schedule's) make, as the plan does, so `check` prices them by the same targets."""
        known = {i: d for i, d in enumerate(days[: len(self.planned)]) if d is not None}
        slots = list(self.problem.slots)
        for link in sorted(self.rules.cycle, key=lambda c: (self._depth(c.body), c.index)):
            try:
                self._link(link, slots, known)
            except ScheduleError:
                continue  # the breaches say what is wrong with this schedule's cycles
        final = [
            slot if self.specs[i].moved is None else self.problem.slots[i]
            for i, slot in enumerate(slots)
        ]
        self.problem = attrs.evolve(self.problem, slots=tuple(final))

    def _anchors(
        self, link: CycleLink, specs: Sequence[_Spec], days: Mapping[int, dt.date | None]
    ) -> list[tuple[dt.date, int]]:
        """The meetings of the body `link` ties to that make its cycles: not the annual
        meeting, not an extraordinary or cancelled one."""
        return sorted(
            (day, i)
            for i, s in enumerate(specs)
            if s.body is not None
            and s.body.id == link.other
            and s.fixed != "the annual meeting"
            and s.extra is None
            and s.cancelled is None
            and (day := days.get(i)) is not None
        )

    def cycle_windows(
        self, link: CycleLink, anchors: Sequence[tuple[dt.date, int]], specs: Sequence[_Spec]
    ) -> list[tuple[dt.date, dt.date, str]]:
        """The days each cycle allows a meeting of `link.body`: (first, last, why)."""
        out = []
        lo_d, hi_d = dt.timedelta(days=link.min_days), dt.timedelta(days=link.max_days)
        span = f"{link.min_days} to {link.max_days} days"
        for k, (a, i) in enumerate(anchors):
            label = self.label(specs[i])
            if link.link == Link.FOLLOWS:
                lo, hi = a + lo_d, a + hi_d
                text = f"follows {label} on {short_date(a)}: {span} after it"
                if k + 1 < len(anchors):
                    nxt = anchors[k + 1][0]
                    hi = min(hi, nxt - dt.timedelta(days=1))
                    text += f" and before the next, on {short_date(nxt)}"
            else:
                lo, hi = a - hi_d, a - lo_d
                text = f"reports to {label} on {short_date(a)}: {span} before it"
                if k > 0:
                    prev = anchors[k - 1][0]
                    lo = max(lo, prev + dt.timedelta(days=1))
                    text += f" and after the one before, on {short_date(prev)}"
            out.append((lo, hi, f"{text} ({link.where})"))
        return out

    def _link(self, link: CycleLink, slots: list[solver.Slot], days: dict[int, dt.date]) -> None:
        """Give each meeting of `link.body` a cycle of its own and its cycle's days."""
        anchors = self._anchors(link, self.planned, days)
        windows = self.cycle_windows(link, anchors, self.planned)
        mine = [
            i for i, s in enumerate(self.planned) if s.body is not None and s.body.id == link.body
        ]
        if len(mine) > len(windows):
            body, other = self.council.body(link.body), self.council.body(link.other)
            verb = "follows" if link.link == Link.FOLLOWS else "reports to"
            raise ScheduleError(
                f"{body.name} {verb} {other.name} once a cycle ({link.where}), but meets "
                f"{len(mine)} times to {len(windows)} cycle(s) of {other.name}; lower "
                f"[schedule.counts] {link.body} to at most {len(windows)} or add "
                f"meetings of {link.other}"
            )
        first = self.y.start + dt.timedelta(days=self.rules.first_meeting_gap)

        def cost(j: int, k: int) -> int:
            spec = self.planned[mine[j]]
            lo, hi, _ = windows[k]
            if spec.fixed:
                return 0 if lo <= spec.target <= hi else 10**6
            lo, hi = max(lo, first), min(hi, self.y.end)
            if hi < lo:
                return 10**6
            return abs((min(max(spec.target, lo), hi) - spec.target).days)

        for j, k in _assign(len(mine), len(windows), cost):
            i = mine[j]
            spec = self.planned[i]
            lo, hi, text = windows[k]
            kept = tuple(r for r in spec.reasons if not r.startswith("target "))
            if spec.fixed:
                new = attrs.evolve(spec, reasons=(*kept, text))
            else:
                lo, hi = max(lo, first), min(hi, self.y.end)
                if spec.window is not None:
                    lo, hi = max(lo, spec.window.start), min(hi, spec.window.end)
                target = min(max(spec.target, lo), hi) if lo <= hi else spec.target
                new = attrs.evolve(spec, lo=lo, hi=hi, target=target, reasons=(text, *kept))
                slot = self._slot(i, new)
                if not slot.domain:
                    raise ScheduleError(f"{self._empty(new, slot.label)} ({text})")
                slots[i] = slot
            self.planned[i] = new
            old = self.specs[i]
            if old.moved is None:
                reasons = new.reasons if old.cancelled is None else (old.reasons[0], *new.reasons)
                self.specs[i] = attrs.evolve(new, cancelled=old.cancelled, reasons=reasons)

    # -- messages -------------------------------------------------------------------------
    def infeasible(self) -> None:
        """Raise ScheduleError for a slot no day can hold, naming the rules that empty it."""
        if self.problems:
            raise ScheduleError("; ".join(self.problems))
        for spec, slot in zip(self.specs, self.problem.slots, strict=True):
            if spec.moved or spec.extra or spec.cancelled:
                continue  # a change is made as asked; what it breaks is reported
            if spec.fixed:
                broken = self.hard(spec, spec.target)
                if spec.window and not spec.window.start <= spec.target <= spec.window.end:
                    broken.append(
                        (
                            Rule.REPORTING_WINDOW,
                            f"outside the {spec.window.quarter} reporting window "
                            f"{date_span(spec.window.start, spec.window.end)}",
                        )
                    )
                if broken:
                    raise ScheduleError(
                        f"{slot.label} is {spec.fixed} on {short_date(spec.target)}, but that day "
                        f"breaks a hard rule: {'; '.join(t for _, t in broken)}"
                    )
            elif not slot.domain:
                raise ScheduleError(self._empty(spec, slot.label))

    def _empty(self, spec: _Spec, label: str) -> str:
        where = (
            f"{spec.window.quarter} window {date_span(spec.window.start, spec.window.end)}"
            if spec.window
            else f"{date_span(spec.lo, spec.hi)}"
        )
        if spec.hi < spec.lo:
            return (
                f"{label} has no days to go in: its range is empty between its neighbours "
                "(a pin or a window leaves it no room)"
            )
        allowed = spec.weekdays or (0, 1, 2, 3, 4)
        names = ", ".join(SHORT_WEEKDAYS[w] for w in allowed)
        on_days = [d for d in _days(spec.lo, spec.hi) if d.weekday() in allowed]
        if not on_days:
            return f"{label}: {where} has no {names}"
        by_rule: dict[str, list[dt.date]] = {}
        for d in on_days:
            for _, text in self.hard(spec, d):
                by_rule.setdefault(text, []).append(d)
                break
        parts = [
            f"{', '.join(short_date(d) for d in days)} {text}" for text, days in by_rule.items()
        ]
        return f"{label}: {where} has no allowed day: {names} only; " + "; ".join(parts)

    def note(self, board: solver.Board, i: int) -> str | None:
        """Why a planned meeting is not on its target day: what ruled out nearer days."""
        spec, slot = self.specs[i], self.problem.slots[i]
        day = board.day[i]
        if spec.fixed or day is None or day == spec.target:
            return None
        dist = abs((day - spec.target).days)
        nearer = sorted(
            (
                d
                for d in _days(
                    spec.target - dt.timedelta(days=dist - 1),
                    spec.target + dt.timedelta(days=dist - 1),
                )
                if (spec.weekdays and d.weekday() in spec.weekdays)
                or (not spec.weekdays and d.weekday() < 5)
            ),
            key=lambda d: (abs((d - spec.target).days), d),
        )
        why = []
        domain = set(slot.domain)
        for d in nearer[:3]:
            if d not in domain:
                hard = self.hard(spec, d)
                if hard:
                    text = hard[0][1]
                elif spec.window and d not in spec.window:
                    text = f"outside the {spec.window.quarter} window"
                elif not spec.lo <= d <= spec.hi and any(
                    "[[schedule.cycle]]" in r for r in spec.reasons
                ):
                    text = "outside its cycle"
                else:
                    text = "nearer another of its own meetings' targets"
            else:
                blocking = solver.blockers_of(board, i, d)
                if blocking:
                    o, rule = blocking[0]
                    other = self.specs[o]
                    both = set(sessions(spec.start, spec.duration))
                    shared = [p for p in sessions(other.start, other.duration) if p in both]
                    when = shared[0].replace("the ", "that ") if shared else "that day"
                    text = (
                        f"{self.problem.slots[o].label} {when}"
                        if rule == solver.CLASH
                        else f"too close to {self.problem.slots[o].label} (ordering)"
                    )
                else:
                    extra, parts = solver.extra_cost(board, i, d)
                    if extra > 0:
                        rules = ", ".join(r for r, _ in parts if r != Rule.EVEN_SPACING)
                        text = f"costs {extra} more" + (f" ({rules})" if rules else "")
                    elif extra == 0:
                        text = "costs the same"
                    else:  # a plan made stage by stage (a cycle) can leave a better day
                        text = f"costs {-extra} less, a move the search did not make"
            why.append(f"{short_date(d)} {text}")
        return f"{dist} day(s) from its target: " + "; ".join(why) if why else None


SESSIONS = (("the morning", 0, 13 * 60), ("the afternoon", 13 * 60, 17 * 60))
EVENING = ("the evening", 17 * 60, 48 * 60)


def sessions(start: dt.time, duration: dt.timedelta) -> tuple[str, ...]:
    """The parts of the day a meeting takes: the morning (to 13:00), the afternoon (to
    17:00), the evening. Two meetings clash only in a part both take."""
    a = start.hour * 60 + start.minute
    b = a + max(1, int(duration.total_seconds() // 60))
    return tuple(name for name, lo, hi in (*SESSIONS, EVENING) if a < hi and b > lo)


def _at(what: str, part: str) -> str:
    # the evening, where most meetings are, keeps the plain name ("venue X", a member)
    return what if part == EVENING[0] else f"{what} ({part})"


class _Timeline:
    """The days from `first` to `last` without the `gaps`: positions 0..length map to days."""

    def __init__(
        self, first: dt.date, last: dt.date, gaps: Sequence[tuple[dt.date, dt.date]]
    ) -> None:
        self.days = [d for d in _days(first, last) if not any(a <= d <= b for a, b in gaps)]
        if not self.days:
            self.days = _days(first, last) or [first]
        self.length = len(self.days)

    def day(self, position: float) -> dt.date:
        k = min(max(round(position), 0), self.length - 1)
        return self.days[k]

    def position(self, day: dt.date) -> float:
        return float(bisect.bisect_left(self.days, day))


def _assign(n: int, m: int, cost: Callable[[int, int], int]) -> list[tuple[int, int]]:
    """Pair n items with n of m places (n <= m), both in order, at the least total cost."""
    big = 1 << 60
    best = [[big] * (m + 1) for _ in range(n + 1)]
    best[0] = [0] * (m + 1)
    for j in range(1, n + 1):
        for k in range(j, m + 1):
            take = best[j - 1][k - 1] + cost(j - 1, k - 1)
            best[j][k] = min(best[j][k - 1], take)
    pairs = []
    j, k = n, m
    while j > 0:
        if best[j][k] == best[j][k - 1] and k > j:
            k -= 1
        else:
            pairs.append((j - 1, k - 1))
            j, k = j - 1, k - 1
    return pairs[::-1]


def _merge(parts: list[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    out: dict[str, int] = {}
    for rule, cost in parts:
        out[rule] = out.get(rule, 0) + cost
    return tuple(out.items())


def _days(lo: dt.date, hi: dt.date) -> list[dt.date]:
    return [lo + dt.timedelta(days=k) for k in range((hi - lo).days + 1)]


def _budget_range(budget: Budget, y: _Year) -> tuple[dt.date, dt.date]:
    # The council tax for the coming financial year is set before 11 March (LGFA 1992
    # s.30(6)), a major precepting authority's precept issued before 1 March (s.40(2)): the
    # budget meeting goes in the weeks before that, from 1 February by default.
    latest = y.budget_deadline
    earliest = budget.earliest or latest.replace(month=2, day=1)
    return earliest, latest


def _year(council: Council, year: int | None) -> _Year:
    rules = council.schedule
    y = year or rules.year or (rules.annual_meeting.year if rules.annual_meeting else None)
    if y is None:
        raise ScheduleError(
            f"{council.name}: which municipal year? pass --year (year=…) or set "
            "[schedule] year or annual_meeting"
        )
    # Sch 12 para 1: after ordinary elections, by default the eighth day after retirement,
    # moved to the nearest of the full council's meeting days.
    weekdays = tuple(
        w.number for b in council.bodies if b.kind == BodyKind.COUNCIL for w in b.defaults.weekdays
    )
    window_of = council.annual_meeting_window
    annual = rules.annual_meeting_of(y, weekdays, window_of)
    poll = next((p for p in rules.ordinary_polls() if p.year == y), None)
    if poll is not None and not _in_window(annual, window := window_of(poll)):
        raise ScheduleError(
            f"[schedule] annual_meeting {short_date(annual)} is outside "
            f"{_window_text(window)} after the poll of {short_date(poll)}"
        )
    following = rules.annual_meeting_of(y + 1, weekdays, window_of)
    my = dates.MunicipalYear(y, annual_meeting=annual, next_annual_meeting=following)
    start, end = my.start, my.end
    next_poll = next((p for p in rules.ordinary_polls() if start < p <= end), None)
    if next_poll is not None and not _in_window(following, window := window_of(next_poll)):
        raise ScheduleError(
            f"the next annual meeting, {short_date(following)}, is outside "
            f"{_window_text(window)} after the ordinary elections of {short_date(next_poll)}; "
            "set [schedule] next_annual_meeting"
        )
    constituting = (next_poll, following) if next_poll is not None else None
    polls: dict[dt.date, str] = {}
    for poll_day, count_day, title in rules.polls():
        if start <= poll_day <= end:
            polls[poll_day] = (
                f"polling day of the {title} of {short_date(poll_day)}: the council's "
                "officers run the poll, so no body meets"
            )
        if start <= count_day <= end and count_day not in polls:
            polls[count_day] = (
                f"the count of the {title} of {short_date(poll_day)}: the council's officers "
                "run it, so no body meets ([[schedule.elections]] count)"
            )
    # The grid shows whole months, so its shading covers them: 1 May to 31 May next year.
    shown = (start.replace(day=1), dates.month_end(end.year, end.month))
    hard_blackouts = [
        p
        for b in rules.blackouts
        if b.severity == Severity.HARD
        for p in _blackout_periods(b, *shown)
    ]
    cal = rules.working_calendar(council.nation, start.year, extra=hard_blackouts)
    christmas = [closures.christmas_shutdown(start.year)] if rules.christmas_closure else []
    recess = tuple(p for p in christmas if p.overlaps(start, end))
    closed: dict[dt.date, str] = {}
    for day in _days(start, end):
        if cal.closed(day):
            why = cal.why_closed(day)
            if why and why != day.strftime("%A"):
                closed[day] = why
    soft: dict[dt.date, list[tuple[str, str, int]]] = {}
    soft_periods: list[Period] = []
    for b in rules.blackouts:
        if b.severity != Severity.SOFT:
            continue
        for p in _blackout_periods(b, *shown):
            soft_periods.append(p)
            for day in p.days:
                if start <= day <= end:
                    soft.setdefault(day, []).append((b.category, p.name, b.weight))
    purdah = []
    purdah_periods = []
    for e in rules.elections:
        period = elections.PreElectionPeriod.for_poll(
            e.poll, e.kind, start=e.purdah_start, nation=council.nation
        )
        if period.start <= end and start <= period.end:
            purdah.append((attrs.evolve(e, name=e.name or period.name), period.start))
        if period.as_period().overlaps(*shown):
            purdah_periods.append(period.as_period())
    rule = dates.ReportingRule(overrides=_reporting_overrides(rules, my) + rules.windows)
    windows = tuple(w for w in my.reporting_windows(rule) if start <= w.start <= end)
    budget = rules.budget or Budget()
    deadline, budget_rule = budget.deadline(y, council.nation)
    periods = sorted(
        {*cal.periods(*shown), *soft_periods, *purdah_periods},
        key=lambda p: (p.start, p.end, p.category, p.name),
    )
    return _Year(
        label=my.label,
        start=start,
        end=end,
        tz=ZoneInfo(council.timezone),
        closed=closed,
        soft={d: tuple(v) for d, v in soft.items()},
        purdah=tuple(purdah),
        recess=recess,
        windows=windows,
        periods=tuple(periods),
        budget_deadline=deadline,
        budget_rule=budget_rule,
        next_annual=following,
        polls=polls,
        constituting=constituting,
        rule=rule,
    )


def _reporting_overrides(
    rules: ScheduleRules, my: dates.MunicipalYear
) -> tuple[dates.WindowOverride, ...]:
    """The council-wide reporting rule ("from 4 to 8 weeks after the quarter ends") as a
    window for every quarter whose reports can fall in the year."""
    if rules.reporting_weeks is None:
        return ()
    lo_w, hi_w = rules.reporting_weeks
    out = []
    quarter = dates.FinancialQuarter(year=my.year - 2, number=1)
    while quarter.start <= my.end:
        out.append(
            dates.WindowOverride(
                quarter=quarter.label,
                start=quarter.end + dt.timedelta(weeks=lo_w),
                end=quarter.end + dt.timedelta(weeks=hi_w),
                reason="[schedule.reporting]",
            )
        )
        quarter = quarter.next()
    return tuple(out)


def _read_adopted(path: Path) -> Schedule:
    """The adopted schedule's JSON, as `meetings schedule` wrote it."""
    try:
        data = guards.load_json(
            guards.decode_text(path.read_bytes(), file=str(path)), file=str(path)
        )
    except (OSError, MeetingsError) as exc:
        raise ScheduleError(f"[schedule] adopted_schedule {path}: {exc}") from exc
    return Schedule.from_json(data, file=str(path))


def _blackout_periods(b: Blackout, start: dt.date, end: dt.date) -> tuple[Period, ...]:
    periods = b.periods
    if b.calendar == "festivals":
        periods = tuple(
            attrs.evolve(p, category=b.category) for p in closures.festival_periods(start, end)
        )
    return tuple(p for p in periods if p.overlaps(start, end))


# -- results: meetings, breaches and the report --------------------------------------------


def plan_schedule(
    council: Council,
    year: int | None = None,
    *,
    adopted: Schedule | None = None,
    today: dt.date | None = None,
) -> Schedule:
    """Plan the municipal year starting in `year` (default: the `[schedule]` table's).

    Every hard rule holds; soft rules are traded by weight. Raises ScheduleError naming the
    rules that cannot all hold, and the body concerned. `adopted` (default: the file's
    `[schedule] adopted_schedule`) keeps each of its meetings on its date; the changes since
    adoption (`[[schedule.cancel]]`, `move`, `add`) are made on top, moving nothing else and
    reported by the rules they break. `today` is when an added meeting without its own
    `called` day is called (its notice period is counted from it)."""
    return _plan(Model(council, year, adopted=adopted, today=today))


def _plan(model: Model) -> Schedule:
    days = model.solve()
    board = solver.board(model.problem, days)
    meetings = []
    for i, spec in enumerate(model.specs):
        day = days[i]
        note = model.note(board, i)
        exempt = _exempt(model, spec, day)
        reasons = (*spec.reasons, *exempt, *([note] if note else []))
        meetings.append(_meeting(model, spec, day, reasons))
    y, rules = model.y, model.rules
    ours = {e.poll for e, _ in y.purdah}
    left_out = (
        (sum(not y.holds(p.date) for p in rules.pins), "pin(s)"),
        (sum(not y.holds(e.date) for e in rules.events), "event(s)"),
        (sum(e.poll not in ours for e in rules.elections), "election(s)"),
    )
    return Schedule(
        council=model.council.name,
        municipal_year=y.label,
        meetings=tuple(sorted(meetings, key=lambda m: (m.start, m.uid))),
        breaches=tuple(
            breaches(
                model, [None if s.cancelled else d for s, d in zip(model.specs, days, strict=True)]
            )
        ),
        periods=y.periods,
        left_out=tuple(f"{n} {what}" for n, what in left_out if n),
        quality=model.quality,
    )


def _meeting(model: Model, spec: _Spec, day: dt.date, reasons: tuple[str, ...]) -> Meeting:
    start = dt.datetime.combine(day, spec.start, tzinfo=model.y.tz)
    quarter = None
    if spec.window is not None and day in spec.window:
        quarter = spec.window.quarter
    return Meeting(
        uid=spec.uid,
        body=spec.body.id if spec.body else "event",
        title=spec.title,
        kind=spec.kind,
        start=start,
        end=start + spec.duration,
        venue=spec.venue,
        status=MeetingStatus.CANCELLED if spec.cancelled else model.status,
        reporting_quarter=quarter,
        reasons=reasons,
    )


def _exempt(model: Model, spec: _Spec, day: dt.date) -> list[str]:
    """Say so when an exempt body meets in a pre-election period."""
    out = []
    for election, first in model.y.purdah:
        if spec.fixed == "the annual meeting" and first <= day < election.poll:
            title = elections.Poll(day=election.poll, kind=election.kind).title
            out.append(
                f"in the pre-election period for the {title} of {plain_date(election.poll)}: "
                "the annual meeting is required by law and is held"
            )
        if (
            spec.body is not None
            and spec.body.id in election.exempt
            and first <= day <= election.poll
        ):
            title = elections.Poll(day=election.poll, kind=election.kind).title
            out.append(
                f"exempt from the pre-election period for the {title} of "
                f"{plain_date(election.poll)}: [schedule.elections] exempt"
            )
    return out


def breach_key(b: Breach) -> tuple[int, str, str, str]:
    return (0 if b.severity == Severity.HARD else 1, b.rule, b.uid or "", b.detail)


def breaches(model: Model, days: list[dt.date | None]) -> list[Breach]:
    """Every rule broken by an assignment of days to the model's slots (None = missing)."""
    out: list[Breach] = []
    specs = model.specs
    board = solver.board(model.problem, days)

    def add(rule: str, severity: Severity, i: int | None, what: str, why: str = "") -> None:
        uid = specs[i].uid if i is not None else None
        day = days[i] if i is not None else None
        head = f"{model.label(specs[i])} {short_date(day)}: " if i is not None and day else ""
        out.append(
            Breach(
                rule=rule,
                severity=severity,
                uid=uid,
                detail=head + what + (f"; {why}" if why else ""),
            )
        )

    for i, spec in enumerate(specs):
        day = days[i]
        if spec.window is not None and (day is None or day not in spec.window):
            body = spec.body.id if spec.body else ""
            served = any(
                days[j] in spec.window
                for j, s in enumerate(specs)
                if s.body is not None and s.body.id == body
            )
            if not served:
                add(
                    Rule.REPORTING_WINDOW,
                    Severity.HARD,
                    i,
                    f"no {spec.title} meeting in the {spec.window.quarter} reporting window "
                    f"{date_span(spec.window.start, spec.window.end)} "
                    f"({model._window_source(body, spec.window)})",
                )
        if day is None:
            continue
        for hard_rule, text in model.hard(spec, day):
            add(hard_rule, Severity.HARD, i, text)
        if spec.fixed and day != spec.target:
            fixed_rule = Rule.ANNUAL_MEETING if spec.fixed == "the annual meeting" else Rule.PIN
            add(
                fixed_rule,
                Severity.HARD,
                i,
                f"should be on {short_date(spec.target)} ({spec.fixed})",
            )
        if spec.budget is not None and spec.budget.severity == Severity.HARD:
            lo_b, hi_b = _budget_range(spec.budget, model.y)
            if not lo_b <= day <= hi_b:
                add(
                    Rule.BUDGET,
                    Severity.HARD,
                    i,
                    f"the budget meeting must fall {date_span(lo_b, hi_b)} ({model.y.budget_rule})",
                )
        if spec.extra is not None:
            called = spec.extra.called or model.today
            if called is not None:
                calendar = model.rules.working_calendar(model.council.nation, day.year)
                clear = model.council.clear_days
                latest = dates.latest_publication_date(day, clear, calendar)
                if called > latest:
                    add(
                        Rule.NOTICE,
                        Severity.HARD,
                        i,
                        f"called on {short_date(called)}, but its notice and summons must be "
                        f"out by {short_date(latest)} to leave {clear} clear days "
                        "(LGA 1972 s.100B(3), Sch 12 para 4)",
                    )
        costs = model.soft(spec, day)
        for rule, _cost in costs:
            if rule == Rule.EVEN_SPACING:
                dev = abs((day - spec.target).days)
                if dev <= model.rules.spacing_tolerance:
                    continue
                what = (
                    f"{dev} days from its evenly spaced target {short_date(spec.target)} "
                    f"(tolerance {model.rules.spacing_tolerance})"
                )
            elif rule == Rule.AVOIDED_WEEKDAY:
                avoided = " and ".join(
                    f"{WEEKDAY_TOKENS[w].capitalize()}s" for w in sorted(model.rules.avoid_weekdays)
                )
                what = (
                    f"a {day:%A}; the council avoids {avoided} where it can "
                    "([schedule] avoid_weekdays)"
                )
            elif rule == Rule.PRE_ELECTION:
                what = "in the pre-election period (a soft rule here)"
            elif rule == Rule.BUDGET:
                what = (
                    f"the budget meeting is after {short_date(model.y.budget_deadline)} "
                    f"({model.y.budget_rule}): lawful but late"
                )
            else:
                names = sorted({name for cat, name, _w in model.y.soft.get(day, ()) if cat == rule})
                what = f"in {', '.join(names)} ({rule})"
            add(rule, Severity.SOFT, i, what, _why(model, board, i, rule))
    out.extend(_cycle_breaches(model, days))
    for pb in solver.pair_breaches(model.problem, days):
        severity = Severity.HARD if pb.hard else Severity.SOFT
        why = "" if pb.hard else _why(model, board, pb.slot, pb.rule)
        out.append(
            Breach(
                rule=pb.rule,
                severity=severity,
                uid=specs[pb.slot].uid,
                detail=pb.detail + (f"; {why}" if why else ""),
            )
        )
    return sorted(out, key=breach_key)


def _cycle_breaches(model: Model, days: Sequence[dt.date | None]) -> list[Breach]:
    """Every meeting tied by `[[schedule.cycle]]` in a cycle of its own: within its days of
    a meeting it follows (or reports to), and no other of its body's in that cycle."""
    out = []
    specs = model.specs
    known = dict(enumerate(days))
    for link in model.rules.cycle:
        anchors = model._anchors(link, specs, known)
        windows = model.cycle_windows(link, anchors, specs)
        other = model.council.body(link.other).name
        used: dict[int, int] = {}
        mine = sorted(
            (day, i)
            for i, s in enumerate(specs)
            if s.body is not None
            and s.body.id == link.body
            and s.extra is None
            and (day := days[i]) is not None
        )
        for day, i in mine:
            k = next((k for k, (lo, hi, _) in enumerate(windows) if lo <= day <= hi), None)
            head = f"{model.label(specs[i])} {short_date(day)}: "
            span = f"{link.min_days} to {link.max_days} days"
            if k is None:
                where = (
                    f"{span} after a meeting of {other} and before its next"
                    if link.link == Link.FOLLOWS
                    else f"{span} before a meeting of {other} and after the one before it"
                )
                detail = f"not in a cycle: it should be {where} ({link.where})"
            elif k in used:
                first = used[k]
                a_day, a = anchors[k]
                detail = (
                    f"a second meeting in the cycle of {model.label(specs[a])} on "
                    f"{short_date(a_day)}, after {model.label(specs[first])}: one a cycle "
                    f"({link.where})"
                )
            else:
                used[k] = i
                continue
            out.append(
                Breach(
                    rule=Rule.CYCLE, severity=Severity.HARD, uid=specs[i].uid, detail=head + detail
                )
            )
    return out


def _why(model: Model, board: solver.Board, i: int, rule: str) -> str:
    """Why no better date existed for meeting i than one that breaks `rule`."""
    spec = model.specs[i]
    if spec.fixed:
        return f"its date is fixed: {spec.fixed}"
    if board.day[i] is None:
        return ""
    tol = model.rules.spacing_tolerance * model.rules.weights.spacing

    def avoids(parts: solver.Breakdown) -> bool:
        for r, cost in parts:
            if r == rule and not (rule == Rule.EVEN_SPACING and cost <= tol):
                return False
        return True

    options = [
        (extra, d, parts) for d, extra, parts in solver.alternatives(board, i) if avoids(parts)
    ]
    slot = model.problem.slots[i]
    if not options:
        where = f"{spec.window.quarter} window" if spec.window else "range"
        return (
            f"no other allowed day in its {where} {date_span(spec.lo, spec.hi)} avoids it "
            f"({len(slot.domain)} allowed day(s); the rest are taken or closed)"
        )
    day = board.day[i]
    assert day is not None
    extra, alt, parts = min(options, key=lambda o: (o[0], abs((o[1] - day).days), o[1]))
    if extra < 0:  # only in a schedule made by hand: the plan never leaves a saving
        return f"{short_date(alt)} would avoid it and cost {-extra} less"
    if extra == 0:
        return f"{short_date(alt)} would avoid it at no extra cost"
    costs = ", ".join(f"{r} {c}" for r, c in parts) or "nothing"
    return f"the best day that avoids it, {short_date(alt)}, costs {extra} more ({costs})"


# The annual meeting's own provision, by nation and kind of council; Scotland's councils are
# not under the 1972 Act's Schedule 12 and their Act fixes no annual meeting.
_ANNUAL_MEETING_LAW = {
    (dates.Nation.ENGLAND, "principal"): " (LGA 1972 Sch 12 para 1)",
    (dates.Nation.WALES, "principal"): " (LGA 1972 Sch 12 para 1)",
    (dates.Nation.ENGLAND, "parish"): " (LGA 1972 Sch 12 para 7)",
    (dates.Nation.WALES, "community"): " (LGA 1972 Sch 12 para 23)",
}


def _in_window(day: dt.date, window: dates.AnnualMeetingWindow) -> bool:
    return window.earliest <= day <= window.latest


def _window_text(window: dates.AnnualMeetingWindow) -> str:
    if window.retirement == window.poll_day:  # Scotland: counted from the election
        what = f"the {(window.latest - window.poll_day).days + 1} days from the election"
    elif window.default is None:  # parish and community councils
        what = f"the {(window.latest - window.retirement).days} days after councillors take office"
    else:
        what = f"the {(window.latest - window.retirement).days} days after councillors retire"
    return (
        f"{what} ({date_span(window.earliest, window.latest)}; {window.source}; "
        f"{window.reading_text})"
    )


def planned_deadlines(
    council: Council, year: int | None = None, rules: dates.NoticeRules | None = None
) -> list[tuple[str, Sequence[dates.Deadline]]]:
    """The statutory deadlines of every meeting of the planned year (events apart): agenda
    and notice five clear days before (LGA 1972 s.100B(3)), summons, key decisions…"""
    model = Model(council, year)
    plan = _plan(model)
    years = {m.day.year for m in plan.meetings}
    calendar = council.schedule.working_calendar(council.nation, *years)
    groups: list[tuple[str, Sequence[dates.Deadline]]] = [
        (
            f"{m.title}: {dates.meeting_label(m.start)}",
            dates.meeting_deadlines(m.start, calendar, rules).deadlines,
        )
        for m in plan.meetings
        if m.kind != BodyKind.EVENT and m.status != MeetingStatus.CANCELLED
    ]
    # and the timetable of each poll whose pre-election period the year holds, from the
    # council's own start where it sets one
    polls = [e for e, _ in model.y.purdah]
    return groups + elections.poll_timetables(
        [elections.Poll(day=e.poll, kind=e.kind) for e in polls],
        starts={e.poll.year: e.purdah_start for e in polls if e.purdah_start},
        nation=council.nation,
        kind=council.kind,
        reading=council.retirement_reading,
        calendar=calendar,
    )


def planning_problem(council: Council, year: int | None = None) -> solver.Problem:
    """The reduced problem the search solves (for tools that compare other solvers)."""
    model = Model(council, year)
    model.infeasible()
    return model.problem
