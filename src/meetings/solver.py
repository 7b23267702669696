"""The search behind `plan_schedule`: place every meeting slot on a day.

The planning problem arrives already reduced (schedule.py builds it): each *slot* is one
meeting of one body with a target date, a *domain* (the days every unary hard rule allows:
weekday, closures, purdah, reporting window, pins) and a soft cost for each of those days.
What is left here are the rules between meetings:

- clashes: two meetings on the same day sharing a resource (the evening, a venue, a member);
  hard or soft with a weight;
- orderings: a feeder body's meeting may not fall less than `min_days` before a receiver's
  meeting (reports need time to be written), a hard rule;
- busy weeks: every meeting beyond `max_per_week` in one ISO week costs `busy_week_weight`.

The search is a greedy construction in a fixed order (fixed meetings, then windowed
meetings, then the rest, body by body) choosing for each slot the cheapest feasible day with
ties broken by nearness to the target and then by date, followed by a bounded local search
(single moves, ejection chains and re-planning four-week stretches, each kept only when it
strictly lowers the total cost).
Targets never depend on other bodies' choices, and a move is never made for a tie, so pinning
one meeting or closing one day disturbs only the meetings that must move.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence

import attrs

from meetings.errors import ScheduleError

Breakdown = tuple[tuple[str, int], ...]  # (rule, cost) pairs, costs > 0

BUSY_WEEK = "busy-week"
CLASH = "clash"
ORDERING = "ordering"


def week_of(day: dt.date) -> tuple[int, int]:
    iso = day.isocalendar()
    return (iso.year, iso.week)


def short(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


@attrs.frozen(kw_only=True, eq=False)
class Slot:
    """One meeting to place: where it may go and what each of those days costs."""

    index: int
    body: str
    ordinal: int
    label: str  # "Service Delivery Committee meeting 3", for messages
    target: dt.date
    domain: tuple[dt.date, ...]  # sorted; every unary hard rule holds on each
    costs: Mapping[dt.date, Breakdown]  # soft costs of each domain day (missing = none)
    resources: frozenset[str] = frozenset()  # what a clash shares: "evening", venue, members
    fixed: bool = False  # pins, the annual meeting, events: the domain is one day
    counts_in_week: bool = True  # events do not make a week busy
    phase: int = 2  # search order: 0 fixed, 1 windowed, 2 the rest
    rank: int = 0  # then bodies in this order (earlier in the cycle first), then by index

    def cost(self, day: dt.date) -> int:
        return sum(c for _, c in self.costs.get(day, ()))


@attrs.frozen(kw_only=True)
class Separation:
    """Hard: no `receiver` meeting 0 to min_days-1 days after a `feeder` meeting."""

    feeder: str
    receiver: str
    min_days: int
    label: str = ""


@attrs.frozen(kw_only=True, eq=False)
class Problem:
    slots: tuple[Slot, ...]
    separations: tuple[Separation, ...] = ()
    clash_hard: bool = True
    clash_weight: int = 0
    max_per_week: int = 2
    busy_week_weight: int = 0
    max_passes: int = 12


@attrs.frozen(kw_only=True)
class PairBreach:
    """A rule broken between meetings: `slot` is the meeting the breach is reported on."""

    rule: str
    hard: bool
    slot: int
    others: tuple[int, ...]
    detail: str
    cost: int = 0


def _meets(a: Slot, b: Slot) -> bool:
    return bool(a.resources & b.resources)


class Board:
    """A partial or full assignment with the indexes that make moves cheap."""

    def __init__(self, problem: Problem) -> None:
        self.p = problem
        self.day: list[dt.date | None] = [None] * len(problem.slots)
        self.by_day: dict[dt.date, list[int]] = defaultdict(list)
        self.week_count: dict[tuple[int, int], int] = defaultdict(int)
        self.body_days: dict[str, dict[dt.date, int]] = defaultdict(lambda: defaultdict(int))
        self.feeders: dict[str, list[Separation]] = defaultdict(list)
        self.receivers: dict[str, list[Separation]] = defaultdict(list)
        for sep in problem.separations:
            self.feeders[sep.receiver].append(sep)
            self.receivers[sep.feeder].append(sep)
        longest = max((sep.min_days for sep in problem.separations), default=0)
        self._deltas = [dt.timedelta(days=k) for k in range(longest)]
        self._weeks: dict[dt.date, tuple[int, int]] = {}
        self.in_use: dict[tuple[str, dt.date], int] = defaultdict(int)  # (resource, day)
        self.total = 0  # the objective of what is placed, kept exact by marginal costs
        # the soft cost of each domain day, summed once
        self.unary = [
            {d: sum(c for _, c in parts) for d, parts in s.costs.items()} for s in problem.slots
        ]

    def week(self, day: dt.date) -> tuple[int, int]:
        wk = self._weeks.get(day)
        if wk is None:
            wk = self._weeks[day] = week_of(day)
        return wk

    def place(self, i: int, day: dt.date) -> None:
        s = self.p.slots[i]
        self.total += self.cost_at(i, day)
        self.day[i] = day
        self.by_day[day].append(i)
        if s.counts_in_week:
            self.week_count[self.week(day)] += 1
        self.body_days[s.body][day] += 1
        for r in s.resources:
            self.in_use[(r, day)] += 1

    def remove(self, i: int) -> dt.date:
        s = self.p.slots[i]
        day = self.day[i]
        assert day is not None
        self.day[i] = None
        self.by_day[day].remove(i)
        if s.counts_in_week:
            self.week_count[self.week(day)] -= 1
        self.body_days[s.body][day] -= 1
        for r in s.resources:
            self.in_use[(r, day)] -= 1
        self.total -= self.cost_at(i, day)
        return day

    def blockers(self, i: int, day: dt.date) -> list[tuple[int, str]]:
        """Placed slots that make `day` impossible for slot i, with the rule each breaks."""
        s = self.p.slots[i]
        out: list[tuple[int, str]] = []
        if self.p.clash_hard:
            out.extend((o, CLASH) for o in self.by_day.get(day, ()) if _meets(s, self.p.slots[o]))
        for sep in self.feeders.get(s.body, ()):
            days = self.body_days.get(sep.feeder)
            if days:
                for k in range(sep.min_days):
                    d = day - dt.timedelta(days=k)
                    if days.get(d):
                        out.extend(
                            (o, ORDERING)
                            for o in self.by_day[d]
                            if self.p.slots[o].body == sep.feeder
                        )
        for sep in self.receivers.get(s.body, ()):
            days = self.body_days.get(sep.receiver)
            if days:
                for k in range(sep.min_days):
                    d = day + dt.timedelta(days=k)
                    if days.get(d):
                        out.extend(
                            (o, ORDERING)
                            for o in self.by_day[d]
                            if self.p.slots[o].body == sep.receiver
                        )
        return out

    def feasible(self, i: int, day: dt.date) -> bool:
        """`blockers(i, day)` is empty: the fast test the search uses."""
        s = self.p.slots[i]
        if self.p.clash_hard:
            in_use = self.in_use
            for r in s.resources:
                if in_use.get((r, day)):
                    return False
        for sep in self.feeders.get(s.body, ()):
            days = self.body_days.get(sep.feeder)
            if days:
                for delta in self._deltas[: sep.min_days]:
                    if days.get(day - delta):
                        return False
        for sep in self.receivers.get(s.body, ()):
            days = self.body_days.get(sep.receiver)
            if days:
                for delta in self._deltas[: sep.min_days]:
                    if days.get(day + delta):
                        return False
        return True

    def cost_at(self, i: int, day: dt.date) -> int:
        """The cost slot i (not placed) adds by going on `day`."""
        s = self.p.slots[i]
        cost = self.unary[i].get(day, 0)
        if s.counts_in_week and self.week_count.get(self.week(day), 0) >= self.p.max_per_week:
            cost += self.p.busy_week_weight
        if not self.p.clash_hard and self.p.clash_weight and s.resources:
            res = s.resources
            cost += self.p.clash_weight * sum(
                1 for o in self.by_day.get(day, ()) if not res.isdisjoint(self.p.slots[o].resources)
            )
        return cost

    def best(self, i: int, exclude: dt.date | None = None) -> tuple[int, dt.date] | None:
        s = self.p.slots[i]
        target = s.target
        found: tuple[int, int, dt.date] | None = None
        for day in s.domain:
            if day == exclude or not self.feasible(i, day):
                continue
            key = (self.cost_at(i, day), abs((day - target).days), day)
            if found is None or key < found:
                found = key
        return None if found is None else (found[0], found[2])


def _order(problem: Problem) -> list[int]:
    return [s.index for s in sorted(problem.slots, key=lambda s: (s.phase, s.rank, s.index))]


def solve(problem: Problem) -> tuple[dt.date, ...]:
    """A day for every slot: every hard rule holds; raises ScheduleError when impossible."""
    state = Board(problem)
    order = _order(problem)
    for i in order:
        s = problem.slots[i]
        if not s.domain:
            raise ScheduleError(f"{s.label} has no allowed day")
        choice = state.best(i)
        if choice is None and not s.fixed:
            choice = _eject(state, i)
        if choice is None:
            raise ScheduleError(_blocked_message(state, i))
        state.place(i, choice[1])
    _improve(state, order)
    days = tuple(state.day)
    assert all(d is not None for d in days)
    return tuple(d for d in days if d is not None)


def _eject(state: Board, i: int) -> tuple[int, dt.date] | None:
    """Place slot i on a blocked day by moving the meetings in its way elsewhere (and, one
    level down, the meetings in theirs). Every change is journalled and undone on failure."""
    journal: list[tuple[bool, int, dt.date]] = []  # (placed?, slot, day)
    if _chain(state, i, depth=EJECT_DEPTH, busy={i}, journal=journal):
        day = state.day[i]
        assert day is not None
        state.remove(i)
        return (state.cost_at(i, day), day)
    return None


EJECT_DEPTH = 2  # how far a chain of moves may reach when a meeting has no free day
EJECT_CANDIDATES = 8  # blocked days tried per meeting in a chain


def _chain(
    state: Board,
    i: int,
    *,
    depth: int,
    busy: set[int],
    journal: list[tuple[bool, int, dt.date]],
    days: Sequence[dt.date] | None = None,
) -> bool:
    s = state.p.slots[i]
    candidates = days or sorted(s.domain, key=lambda d: (s.cost(d), abs((d - s.target).days), d))
    tried = 0
    for day in candidates:
        blocking = sorted({o for o, _ in state.blockers(i, day)})
        if not blocking or any(state.p.slots[o].fixed or o in busy for o in blocking):
            continue
        tried += 1
        if tried > EJECT_CANDIDATES:
            break
        mark = len(journal)
        for o in blocking:
            journal.append((False, o, state.remove(o)))
        state.place(i, day)
        journal.append((True, i, day))
        ok = True
        for o in blocking:
            alt = state.best(o)
            if alt is not None:
                state.place(o, alt[1])
                journal.append((True, o, alt[1]))
            elif depth > 1 and _chain(
                state, o, depth=depth - 1, busy=busy | set(blocking) | {i}, journal=journal
            ):
                pass
            else:
                ok = False
                break
        if ok:
            return True
        while len(journal) > mark:
            placed, o, d = journal.pop()
            if placed:
                state.remove(o)
            else:
                state.place(o, d)
    return False


def _improve(state: Board, order: Sequence[int]) -> None:
    """Bounded local search: a change is kept only when it strictly lowers the total cost.

    Single moves until none helps, then ejection moves (take a day another meeting holds and
    move that one), then large moves (re-plan every meeting in a four-week stretch at
    once); each round repeats the cheaper ones, for at most `max_passes` rounds."""
    movable = [i for i in order if not state.p.slots[i].fixed and len(state.p.slots[i].domain) > 1]
    for _ in range(state.p.max_passes):
        while _single_moves(state, movable):
            pass
        ejected = False
        for i in movable:  # every meeting gets its turn, not just the first that gains
            ejected = _eject_move(state, i) or ejected
        if ejected:
            continue
        if not _stretch_moves(state, movable):
            break


def _single_moves(state: Board, movable: Sequence[int]) -> bool:
    improved = False
    for i in movable:
        old = state.remove(i)
        here = state.cost_at(i, old)
        alt = state.best(i)
        if alt is not None and alt[0] < here:
            state.place(i, alt[1])
            improved = True
        else:
            state.place(i, old)
    return improved


STRETCH_DAYS = 28  # a large move re-plans every meeting in this many days at once
STRETCH_STEP = 7


def _stretch_moves(state: Board, movable: Sequence[int]) -> bool:
    """Re-plan all movable meetings of a stretch of days together, in a few orders (most
    constrained first; by target; by the planning order, backwards); keep the best if it
    is cheaper than what was there."""
    placed_days = [d for d in state.day if d is not None]
    if not placed_days:
        return False
    first, last = min(placed_days), max(placed_days)
    improved = False
    rank = {i: k for k, i in enumerate(movable)}
    slots = state.p.slots
    start = first
    while start <= last:
        end = start + dt.timedelta(days=STRETCH_DAYS - 1)
        group = [i for i in movable if start <= state.day[i] <= end]  # type: ignore[operator]
        start += dt.timedelta(days=STRETCH_STEP)
        if len(group) < 2:
            continue
        before = state.total
        old = {i: state.remove(i) for i in group}
        if state.total == before:  # the stretch costs nothing: nothing to gain
            for i in group:
                state.place(i, old[i])
            continue
        options = {i: sum(1 for d in slots[i].domain if state.feasible(i, d)) for i in group}
        orders = (
            sorted(group, key=lambda i: (options[i], rank[i])),
            sorted(group, key=lambda i: (slots[i].target, rank[i])),
            sorted(group, key=lambda i: -rank[i]),
        )
        best: tuple[int, dict[int, dt.date]] | None = None
        for order in orders:
            placed: list[int] = []
            for i in order:
                alt = state.best(i)
                if alt is None:
                    break
                state.place(i, alt[1])
                placed.append(i)
            if len(placed) == len(group):
                _single_moves(state, group)
                if best is None or state.total < best[0]:
                    best = (state.total, {i: state.day[i] for i in group})  # type: ignore[misc]
            for i in placed:
                state.remove(i)
        chosen = old
        if best is not None and best[0] < before:
            chosen = best[1]
            improved = True
        for i in group:
            state.place(i, chosen[i])
    return improved


def _eject_move(state: Board, i: int) -> bool:
    """Move slot i onto a day other meetings hold, moving them (and theirs, one level
    down) elsewhere; kept only if the total cost falls."""
    s = state.p.slots[i]
    old = state.day[i]
    assert old is not None
    before = state.total
    state.remove(i)
    here = state.cost_at(i, old)
    state.place(i, old)
    # Worth trying only where i alone would cost less than it does now: if another meeting
    # could gain by moving, its own moves find that.
    unary = state.unary[i]
    for day in s.domain:
        if day == old or unary.get(day, 0) >= here or state.feasible(i, day):
            continue
        journal: list[tuple[bool, int, dt.date]] = [(False, i, state.remove(i))]
        if (
            _chain(state, i, depth=EJECT_DEPTH, busy={i}, journal=journal, days=[day])
            and state.total < before
        ):
            return True
        while journal:
            placed, o, d = journal.pop()
            if placed:
                state.remove(o)
            else:
                state.place(o, d)
    return False


def _why_blocked(state: Board, i: int, o: int, rule: str) -> str:
    if rule == CLASH:
        shared = state.p.slots[i].resources & state.p.slots[o].resources
        return "clash: both use " + ", ".join(sorted(shared))
    return "ordering: reports need time"


def _blocked_message(state: Board, i: int) -> str:
    s = state.p.slots[i]
    parts = []
    for day in s.domain:
        names = sorted(
            {
                f"{state.p.slots[o].label} ({_why_blocked(state, i, o, rule)})"
                for o, rule in state.blockers(i, day)
            }
        )
        parts.append(f"{short(day)} by {', '.join(names)}")
    return (
        f"{s.label}: every allowed day is taken: {'; '.join(parts)}; "
        "allow another weekday, widen its window or relax the clash rule"
    )


# -- evaluation (shared by the planner's report and `meetings check`) -------------------


def pair_breaches(problem: Problem, days: Sequence[dt.date | None]) -> list[PairBreach]:
    """Every rule broken between meetings in an assignment (None = meeting missing)."""
    slots = problem.slots
    out: list[PairBreach] = []
    by_day: dict[dt.date, list[int]] = defaultdict(list)
    for i, d in enumerate(days):
        if d is not None:
            by_day[d].append(i)
    for d in sorted(by_day):
        here = sorted(by_day[d], key=lambda j: slots[j].index)
        for a_pos, a in enumerate(here):
            for b in here[a_pos + 1 :]:
                if _meets(slots[a], slots[b]):
                    shared = sorted(slots[a].resources & slots[b].resources)
                    out.append(
                        PairBreach(
                            rule=CLASH,
                            hard=problem.clash_hard,
                            slot=b,
                            others=(a,),
                            detail=(
                                f"{short(d)}: {slots[b].label} clashes with {slots[a].label} "
                                f"(both use {', '.join(shared)})"
                            ),
                            cost=0 if problem.clash_hard else problem.clash_weight,
                        )
                    )
    by_body: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(days):
        if d is not None:
            by_body[slots[i].body].append(i)
    for sep in problem.separations:
        for r in by_body.get(sep.receiver, ()):
            rd = days[r]
            assert rd is not None
            for f in by_body.get(sep.feeder, ()):
                fd = days[f]
                assert fd is not None
                gap = (rd - fd).days
                if 0 <= gap < sep.min_days:
                    out.append(
                        PairBreach(
                            rule=ORDERING,
                            hard=True,
                            slot=r,
                            others=(f,),
                            detail=(
                                f"{slots[r].label} on {short(rd)} is {gap} day(s) after "
                                f"{slots[f].label} on {short(fd)}; {sep.label or 'the ordering'} "
                                f"needs at least {sep.min_days}"
                            ),
                        )
                    )
    weeks: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, d in enumerate(days):
        if d is not None and slots[i].counts_in_week:
            weeks[week_of(d)].append(i)
    for wk in sorted(weeks):
        members = weeks[wk]
        extra = len(members) - problem.max_per_week
        if extra > 0 and problem.busy_week_weight:
            members.sort(key=lambda j: (days[j], slots[j].index))
            monday = dt.date.fromisocalendar(wk[0], wk[1], 1)
            out.append(
                PairBreach(
                    rule=BUSY_WEEK,
                    hard=False,
                    slot=members[-1],
                    others=tuple(members[:-1]),
                    detail=(
                        f"{len(members)} meetings in the week of {short(monday)} "
                        f"(more than {problem.max_per_week}): "
                        + ", ".join(f"{slots[j].label} {short(days[j])}" for j in members)  # type: ignore[arg-type]
                    ),
                    cost=extra * problem.busy_week_weight,
                )
            )
    return out


def total_cost(problem: Problem, days: Sequence[dt.date]) -> int:
    """The objective: soft costs of every day plus the soft rules between meetings."""
    unary = sum(s.cost(d) for s, d in zip(problem.slots, days, strict=True))
    return unary + sum(b.cost for b in pair_breaches(problem, days) if not b.hard)


def board(problem: Problem, days: Sequence[dt.date | None]) -> Board:
    """An assignment with its indexes, for asking about moves (None = not placed)."""
    state = Board(problem)
    for j, d in enumerate(days):
        if d is not None:
            state.place(j, d)
    return state


def alternatives(state: Board, i: int) -> list[tuple[dt.date, int, Breakdown]]:
    """Every other day placed slot i could move to, the rest fixed: (day, extra cost, costs).

    The costs of a day include the between-meeting soft rules as "busy-week" and "clash"."""
    old = state.remove(i)
    try:
        here = state.cost_at(i, old)
        out = []
        for day in state.p.slots[i].domain:
            if day == old or not state.feasible(i, day):
                continue
            out.append((day, state.cost_at(i, day) - here, breakdown(state, i, day)))
        return out
    finally:
        state.place(i, old)


def blockers_of(state: Board, i: int, day: dt.date) -> list[tuple[int, str]]:
    """The placed meetings (other than i) that rule `day` out for slot i, and why."""
    old = state.day[i]
    if old is not None:
        state.remove(i)
    try:
        return state.blockers(i, day)
    finally:
        if old is not None:
            state.place(i, old)


def extra_cost(state: Board, i: int, day: dt.date) -> tuple[int, Breakdown]:
    """How much more slot i would cost on `day` than where it is, and that day's costs."""
    old = state.remove(i)
    try:
        return state.cost_at(i, day) - state.cost_at(i, old), breakdown(state, i, day)
    finally:
        state.place(i, old)


def breakdown(state: Board, i: int, day: dt.date) -> Breakdown:
    s = state.p.slots[i]
    parts = list(s.costs.get(day, ()))
    busy = state.week_count.get(week_of(day), 0) >= state.p.max_per_week
    if s.counts_in_week and busy and state.p.busy_week_weight:
        parts.append((BUSY_WEEK, state.p.busy_week_weight))
    if not state.p.clash_hard and state.p.clash_weight:
        n = sum(1 for o in state.by_day.get(day, ()) if _meets(s, state.p.slots[o]))
        if n:
            parts.append((CLASH, n * state.p.clash_weight))
    return tuple(parts)
