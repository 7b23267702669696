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

The search (`optimise`) first solves a relaxation exactly (`relax`: each resource's meetings
an assignment problem, a min-cost flow, `assign`; busy weeks kept exactly in one flow on a
small council, else priced, and orderings priced, by Lagrangian subgradient steps), which
gives a lower bound on any plan's cost and a start that shares out the weeks and keeps most
orderings. It then places the slots in a fixed order (fixed meetings, then windowed
meetings, then the rest, body by body), each on its day in the relaxation when every hard
rule allows, else on the cheapest feasible day (ties to the day nearest the target, then the
earlier), followed by a bounded local search (single moves, ejection chains, shift chains,
branch-and-bound re-planning of small groups of meetings that compete for the same days, and
window moves that re-plan all the meetings of two weeks exactly as one flow, each kept only
when it strictly lowers the total cost) that stops at the bound. No plan is claimed
impossible without a proof (`_proof`).
Targets never depend on other bodies' choices, and a move is never made for a tie, so pinning
one meeting or closing one day disturbs mostly the meetings that must move.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Mapping, Sequence

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
    max_passes: int = 6


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
    return not a.resources.isdisjoint(b.resources)


NOWHERE = -1  # the day number of a slot that is not placed
MANY = -2  # more than one slot (`Board.blocker`)
_NEVER = 1 << 62  # a cost bound no day reaches


def key_resources(slots: Sequence[Slot]) -> list[str]:
    """Each slot's key resource ("": none), the one of its resources most slots share (ties:
    the first name): what the relaxation and window moves group the slots by."""
    held: dict[str, int] = defaultdict(int)
    for s in slots:
        for r in s.resources:
            held[r] += 1
    return [min(s.resources, key=lambda r: (-held[r], r)) if s.resources else "" for s in slots]


class Board:
    """A partial or full assignment with the indexes that make moves cheap.

    `day[i]` is slot i's date (None: not placed). The search works on day *numbers* counted
    from `origin` (`at[i]`), so that its inner loops index lists instead of hashing dates,
    and keeps counters (meetings per resource and day, per week, orderings blocking a body's
    day) that answer "may slot i go on day n?" without scanning other meetings."""

    def __init__(self, problem: Problem, days: Sequence[dt.date | None] = ()) -> None:
        self.p = problem
        slots = problem.slots
        ends = [d for s in slots for d in s.domain[:1] + s.domain[-1:]]
        ends += [d for d in days if d is not None]  # `check` may place a slot off its domain
        reach = max((sep.min_days for sep in problem.separations), default=0)
        # an ordering blocks up to min_days - 1 days either side of a meeting
        self.origin = min(ends, default=dt.date(2000, 1, 3)) - dt.timedelta(days=reach)
        size = (max(ends, default=self.origin) - self.origin).days + reach + 1
        self.dates = [self.origin + dt.timedelta(days=k) for k in range(size)]
        self.week = [(k + self.origin.weekday()) // 7 for k in range(size)]
        self.week_count = [0] * (self.week[-1] + 1)
        self.by_day: list[list[int]] = [[] for _ in range(size)]
        self.day: list[dt.date | None] = [None] * len(slots)
        self.at = [NOWHERE] * len(slots)
        self.total = 0  # the objective of what is placed, kept exact by marginal costs

        # Resources and bodies by number, in sorted order (never in hash order).
        names = sorted({r for s in slots for r in s.resources})
        rid = {r: k for k, r in enumerate(names)}
        self.names = names
        self.res = [tuple(sorted(rid[r] for r in s.resources)) for s in slots]
        self.holders: list[list[list[int]]] = [[[] for _ in range(size)] for _ in names]
        # each slot's key resource (-1: none): what window moves group the slots by
        self.key = [rid[r] if r else -1 for r in key_resources(slots)]
        bodies = sorted(
            {s.body for s in slots}
            | {b for sep in problem.separations for b in (sep.feeder, sep.receiver)}
        )
        bid = {b: k for k, b in enumerate(bodies)}
        self.body = [bid[s.body] for s in slots]
        # orderings: a meeting of body b blocks days of the bodies it feeds (after it) and of
        # the bodies that feed it (before it); blocked[b][n] counts what blocks b on day n
        self.after: list[list[tuple[int, int]]] = [[] for _ in bodies]
        self.before: list[list[tuple[int, int]]] = [[] for _ in bodies]
        for sep in problem.separations:
            f, r = bid[sep.feeder], bid[sep.receiver]
            self.after[f].append((r, sep.min_days))
            self.before[r].append((f, sep.min_days))
        self.blocked = [[0] * size for _ in bodies]
        self.meets: list[dict[int, list[int]]] = [{} for _ in bodies]  # body -> day -> slots

        # Each slot's days as numbers with their soft costs, cheapest first, then nearest
        # the target, then earliest: the order every choice of a day breaks ties in.
        self.unary: list[dict[int, int]] = []
        self.options: list[list[tuple[int, int, int]]] = []  # (cost, distance, day number)
        for s in slots:
            t = self.num(s.target)
            costs = {self.num(d): sum(c for _, c in parts) for d, parts in s.costs.items()}
            self.unary.append(costs)
            self.options.append(
                sorted((costs.get(n, 0), abs(n - t), n) for n in map(self.num, s.domain))
            )
        self.cheapest = [o[0][0] if o else 0 for o in self.options]
        for j, d in enumerate(days):
            if d is not None:
                self.place(j, self.num(d))

    def num(self, day: dt.date) -> int:
        return (day - self.origin).days

    def _update(self, i: int, n: int, step: int) -> None:
        s = self.p.slots[i]
        if s.counts_in_week:
            self.week_count[self.week[n]] += step
        b = self.body[i]
        for other, gap in self.after[b]:
            row = self.blocked[other]
            for k in range(n, n + gap):
                row[k] += step
        for other, gap in self.before[b]:
            row = self.blocked[other]
            for k in range(n - gap + 1, n + 1):
                row[k] += step

    def place(self, i: int, n: int) -> None:
        self.total += self.cost_at(i, n)
        self.at[i] = n
        self.day[i] = self.dates[n]
        self.by_day[n].append(i)
        self.meets[self.body[i]].setdefault(n, []).append(i)
        for r in self.res[i]:
            self.holders[r][n].append(i)
        self._update(i, n, 1)

    def remove(self, i: int) -> int:
        n = self.at[i]
        assert n != NOWHERE
        self.at[i] = NOWHERE
        self.day[i] = None
        self.by_day[n].remove(i)
        here = self.meets[self.body[i]]
        here[n].remove(i)
        if not here[n]:
            del here[n]
        for r in self.res[i]:
            self.holders[r][n].remove(i)
        self._update(i, n, -1)
        self.total -= self.cost_at(i, n)
        return n

    def feasible(self, i: int, n: int) -> bool:
        """No hard rule between meetings stops slot i (not placed) going on day n."""
        if self.blocked[self.body[i]][n]:
            return False
        if self.p.clash_hard:
            for r in self.res[i]:
                if self.holders[r][n]:
                    return False
        return True

    def blockers(self, i: int, n: int) -> list[tuple[int, str]]:
        """The placed slots (other than i) that rule day n out for slot i, with the rule each
        breaks: what `feasible` counts, named, for chains and messages."""
        out: list[tuple[int, str]] = []
        if self.p.clash_hard:
            res = self.res[i]
            if len(res) == 1:
                out.extend((o, CLASH) for o in self.holders[res[0]][n] if o != i)
            elif res:
                sharing = {o for r in res for o in self.holders[r][n]}
                out.extend((o, CLASH) for o in self.by_day[n] if o in sharing and o != i)
        b = self.body[i]
        if self.blocked[b][n]:
            meets = self.meets
            for f, gap in self.before[b]:
                days = meets[f]
                for k in range(gap):
                    out.extend((o, ORDERING) for o in days.get(n - k, ()) if o != i)
            for r, gap in self.after[b]:
                days = meets[r]
                for k in range(gap):
                    out.extend((o, ORDERING) for o in days.get(n + k, ()) if o != i)
        return out

    def blocker(self, i: int, n: int) -> int:
        """The one placed slot that rules day n out for slot i: NOWHERE when none does, MANY
        when more do (`blockers`, counted without listing them in the common case)."""
        if self.blocked[self.body[i]][n]:
            distinct = {o for o, _ in self.blockers(i, n)}
            return next(iter(distinct)) if len(distinct) == 1 else MANY
        found = NOWHERE
        if self.p.clash_hard:
            for r in self.res[i]:
                for o in self.holders[r][n]:
                    if o not in (i, found):
                        if found != NOWHERE:
                            return MANY
                        found = o
        return found

    def cost_at(self, i: int, n: int) -> int:
        """The cost slot i adds by being on day n, the other slots as they are: what placing
        it there adds to the total or, if it is there, what removing it would save."""
        p = self.p
        cost = self.unary[i].get(n, 0)
        if p.busy_week_weight and p.slots[i].counts_in_week:
            week = self.week[n]
            here = self.at[i]
            others = self.week_count[week] - (here != NOWHERE and self.week[here] == week)
            if others >= p.max_per_week:
                cost += p.busy_week_weight
        if not p.clash_hard and p.clash_weight and self.res[i]:
            cost += p.clash_weight * self.clashes(i, n)
        return cost

    def clashes(self, i: int, n: int) -> int:
        """The placed slots other than i on day n that share a resource with slot i."""
        slots = self.p.slots
        return sum(1 for o in self.by_day[n] if o != i and _meets(slots[i], slots[o]))

    def best(self, i: int, below: int = _NEVER) -> tuple[int, int] | None:
        """The cheapest feasible day for slot i (not placed) costing less than `below`, ties
        going to the day nearest its target, then the earlier: (cost, day number) or None.

        The days are in order of soft cost, and rules between meetings only add to that, so
        the scan stops at the first day whose own cost exceeds the best found (a day of equal
        cost may still win the tie)."""
        p = self.p
        blocked = self.blocked[self.body[i]]
        rows = [self.holders[r] for r in self.res[i]] if p.clash_hard else []
        room = rows[0] if len(rows) == 1 else None  # the usual case: one resource to check
        week, weeks = self.week, self.week_count
        busy = p.busy_week_weight if p.slots[i].counts_in_week else 0
        soft_clash = not p.clash_hard and p.clash_weight and self.res[i]
        found = (below, -1, -1)
        for u, dist, n in self.options[i]:
            if u >= below or u > found[0]:
                break
            if blocked[n] or (room[n] if room is not None else any(row[n] for row in rows)):
                continue
            cost = u
            if busy and weeks[week[n]] >= p.max_per_week:
                cost += busy
            if soft_clash:
                cost = self.cost_at(i, n)
            found = min(found, (cost, dist, n))
        return None if found[2] < 0 else (found[0], found[2])


def _order(problem: Problem) -> list[int]:
    return [s.index for s in sorted(problem.slots, key=lambda s: (s.phase, s.rank, s.index))]


@attrs.frozen(kw_only=True)
class Solution:
    """A plan with what is known of its quality."""

    days: tuple[dt.date, ...]
    cost: int  # the objective (`total_cost`)
    bound: int  # no plan costs less (`relax`): cost - bound is at most the plan's excess
    breaking: tuple[int, ...] = ()  # slots left breaking a hard rule (no plan proved)

    @property
    def gap(self) -> float:
        """At most how far the cost is above the best possible, as a share of it: the best
        plan costs at least `bound`, so cost / best - 1 <= cost / bound - 1 (inf when the
        bound is 0 and the plan costs anything)."""
        if self.cost <= self.bound:
            return 0.0
        return (self.cost - self.bound) / self.bound if self.bound else math.inf


def solve(problem: Problem) -> tuple[dt.date, ...]:
    """A day for every slot: `optimise`'s plan."""
    return optimise(problem).days


def optimise(problem: Problem) -> Solution:
    """A day for every slot, keeping every hard rule between meetings where that is possible,
    with a lower bound on the cost of any plan.

    Raises ScheduleError only when no plan exists, and says why that is proved (`_proof`).
    A meeting the search cannot place without a proof goes on its least bad day instead,
    breaking a rule the plan's breaches then report, and the search tries to repair that.

    The search starts from the relaxation's assignment (`relax`: every resource's meetings
    placed together, exactly, with busy weeks priced so that the weeks are shared out well),
    taking each meeting in turn onto its day there when that keeps every hard rule (the
    relaxation prices orderings and busy weeks rather than keeping them) and otherwise onto
    its cheapest free day, then improves that by local search; a handful of meetings are
    then re-planned all together, exactly. The relaxation depends on each meeting's own days
    and costs, never on the order of the search, and ties go to the earliest day, so a change
    of input moves mostly the meetings it touches."""
    order = _order(problem)
    for s in problem.slots:
        if not s.domain:
            # plan_schedule reports this with its reasons first; this guards direct callers
            raise ScheduleError(f"{s.label} has no allowed day")
    relaxation = relax(problem)
    state = _start(Board(problem), order, relaxation.days or (), relaxation.bound or 0)
    movable = [i for i in order if not problem.slots[i].fixed and len(problem.slots[i].domain) > 1]
    if 1 < len(movable) <= GROUP_SIZE and state.total > (relaxation.bound or 0):
        _replan(state, movable, EXACT_NODES)  # a handful of meetings: all of them, exactly
    if relaxation.bound is None:  # the greedy stops with the proof first, so only in case
        raise ScheduleError(
            "no plan exists: some meetings sharing a resource have fewer allowed days "
            "between them than meetings"
        )
    return Solution(
        days=tuple(state.dates[n] for n in state.at),
        cost=state.total,
        bound=relaxation.bound,
        breaking=tuple(_breaking(state)),
    )


def _start(state: Board, order: Sequence[int], hint: Sequence[dt.date], floor: int = 0) -> Board:
    """Place every slot, in `order`, on its `hint` day when that keeps every hard rule, else
    on its cheapest free day (moving others out of the way if need be), then improve."""
    forced = []
    for i in order:
        n = state.num(hint[i]) if hint else NOWHERE
        if n != NOWHERE and state.feasible(i, n):
            state.place(i, n)
            continue
        choice = state.best(i)
        if choice is None:  # move the meetings in its way (never a fixed one)
            choice = _eject(state, i)
        if choice is None:
            proof = _proof(state, i)
            if proof is not None:
                raise ScheduleError(_blocked_message(state, i) + proof)
            if state.at[i] != NOWHERE:
                continue  # placed with its rivals by the exhaustive check
            choice = _least_bad(state, i)
            forced.append(i)
        state.place(i, choice[1])
    if forced:
        _repair(state, order)
    _improve(state, order, 0 if forced else floor)
    if forced:
        _repair(state, order)
    return state


# -- when a meeting has no day: a proof that none exists, or the least bad day ----------

EXACT_SIZE = 16  # meetings an exhaustive check may take: the ones competing for the days
EXACT_NODES = 100_000  # and the steps it may take


def _proof(state: Board, i: int) -> str | None:
    """Why no plan can place slot i (not placed; every day of its is blocked), or None when
    that is not proved: "" when fixed meetings alone block every day (the message says
    which); else the meetings of one resource that have fewer days between them than
    meetings, or an exhaustive check of every meeting that competes with slot i (which,
    finding an arrangement, leaves slot i and those meetings placed in it)."""
    slots = state.p.slots
    if all(
        slots[o].fixed for n in map(state.num, slots[i].domain) for o, _ in state.blockers(i, n)
    ):
        return ""
    if state.p.clash_hard:
        for r in state.res[i]:
            group = [j for j, res in enumerate(state.res) if r in res]
            found = assign([[(0, state.num(d)) for d in slots[j].domain] for j in group])
            if found.short:
                short = [group[k] for k in found.short]
                days = sorted({d for j in short for d in slots[j].domain})
                names = [slots[j].label for j in short]
                listed = ", ".join(names[:6]) + (
                    f" and {len(names) - 6} more" if len(names) > 6 else ""
                )
                return (
                    f"; no plan exists: {len(short)} meetings sharing {state.names[r]} "
                    f"({listed}) have {len(days)} allowed days between them "
                    f"({_short_span(days)})"
                )
    if _exact(state, i) is False:
        return (
            "; no plan exists: no arrangement of the meetings competing for these days "
            "keeps every rule (every one checked)"
        )
    return None


def _short_span(days: Sequence[dt.date]) -> str:
    """A few days by name, or the first and last of many."""
    if len(days) <= 4:
        return ", ".join(map(short, days))
    return f"{short(days[0])} to {short(days[-1])}"


def _rivals(state: Board, i: int, limit: int) -> list[int] | None:
    """Slot i and every slot that could, through a chain of others, share a day's
    resource with it or come too close to it by an ordering (its component of the graph
    of rules between meetings): what decides whether slot i can have a day. None when
    there are more than `limit`."""
    p, slots = state.p, state.p.slots
    by_res: dict[int, list[int]] = defaultdict(list)
    by_body: dict[int, list[int]] = defaultdict(list)
    for j, res in enumerate(state.res):
        if p.clash_hard:
            for r in res:
                by_res[r].append(j)
        by_body[state.body[j]].append(j)
    reach = dt.timedelta(days=max((sep.min_days for sep in p.separations), default=0))

    def near(
        a: int, b: int, gap: dt.timedelta
    ) -> bool:  # may a day of a and one of b be this close
        da, db = slots[a].domain, slots[b].domain
        return bool(da and db) and da[0] - gap <= db[-1] and db[0] <= da[-1] + gap

    found = [i]
    seen = {i}
    k = 0
    while k < len(found):
        a = found[k]
        k += 1
        others = [(j, dt.timedelta()) for r in state.res[a] for j in by_res.get(r, ())]
        b = state.body[a]
        others += [(j, reach) for o, _ in state.after[b] + state.before[b] for j in by_body[o]]
        for j, gap in others:
            if j not in seen and near(a, j, gap):
                seen.add(j)
                found.append(j)
                if len(found) > limit:
                    return None
    return found


def _exact(state: Board, i: int) -> bool | None:
    """Whether slot i (not placed) and its rivals (`_rivals`) can all have a day, by trying
    every arrangement: True leaves them placed in the first found, False is a proof that
    none exists, None says the rivals or the steps were too many to tell (the board as it
    was)."""
    group = _rivals(state, i, EXACT_SIZE)
    if group is None:
        return None
    slots = state.p.slots
    old = {j: state.remove(j) for j in group if state.at[j] != NOWHERE}
    order = sorted(group, key=lambda j: (len(slots[j].domain), j))
    days = [[state.num(d) for d in slots[j].domain] for j in order]
    nodes = 0

    def search(pos: int) -> bool | None:
        nonlocal nodes
        if pos == len(order):
            return True
        j = order[pos]
        for n in days[pos]:
            if not state.feasible(j, n):
                continue
            nodes += 1
            if nodes > EXACT_NODES:
                return None
            state.place(j, n)
            found = search(pos + 1)
            if found:
                return True
            state.remove(j)
            if found is None:
                return None
        return False

    found = search(0)
    if not found:
        for j, n in old.items():
            state.place(j, n)
    return found


def _least_bad(state: Board, i: int) -> tuple[int, int]:
    """The day for slot i when every day breaks a rule: fewest fixed meetings in the way,
    then fewest meetings, then the cheapest, nearest its target."""
    slots = state.p.slots

    def badness(entry: tuple[int, int, int]) -> tuple[int, int, int, int, int]:
        u, dist, n = entry
        blocking = {o for o, _ in state.blockers(i, n)}
        fixed = sum(1 for o in blocking if slots[o].fixed)
        return (fixed, len(blocking), u, dist, n)

    u, _, n = min(state.options[i], key=badness)
    return (u, n)


def _breaking(state: Board) -> list[int]:
    """The placed slots that break a hard rule with another meeting."""
    return [
        i
        for i, n in enumerate(state.at)
        if n != NOWHERE and not state.p.slots[i].fixed and state.blockers(i, n)
    ]


def _repair(state: Board, order: Sequence[int]) -> None:
    """Move the meetings that break a hard rule to days that keep it where any can be
    found (by moving others too), until none moves."""
    rank = {i: k for k, i in enumerate(order)}
    moved = True
    while moved:
        moved = False
        for i in sorted(_breaking(state), key=rank.__getitem__):
            if not state.blockers(i, state.at[i]):
                continue  # another's move mended it
            old = state.remove(i)
            choice = state.best(i) or _eject(state, i)
            state.place(i, old if choice is None else choice[1])
            moved = moved or choice is not None


# -- moves ------------------------------------------------------------------------------

EJECT_DEPTH = 2  # how far a chain of moves may reach when a meeting has no free day
EJECT_CANDIDATES = 8  # blocked days tried per meeting in a chain
GROUP_SIZE = 8  # meetings re-planned together, exactly, in a group move
GROUP_NODES = 300  # search steps a group move may take, so a dense group stays quick

Journal = list[tuple[bool, int, int]]  # (placed?, slot, day number), to undo a chain


def _undo(state: Board, journal: Journal, mark: int = 0) -> None:
    while len(journal) > mark:
        placed, o, n = journal.pop()
        if placed:
            state.remove(o)
        else:
            state.place(o, n)


def _eject(state: Board, i: int) -> tuple[int, int] | None:
    """Place slot i on a blocked day by moving the meetings in its way elsewhere (and, one
    level down, the meetings in theirs). Every change is journalled and undone on failure."""
    journal: Journal = []
    if _chain(state, i, depth=EJECT_DEPTH, busy={i}, journal=journal):
        n = state.remove(i)
        return (state.cost_at(i, n), n)
    return None


def _chain(
    state: Board,
    i: int,
    *,
    depth: int,
    busy: set[int],
    journal: Journal,
    days: Sequence[int] = (),
) -> bool:
    slots = state.p.slots
    tried = 0
    for n in days or [n for _, _, n in state.options[i]]:
        blocking = sorted({o for o, _ in state.blockers(i, n)})
        if not blocking or any(slots[o].fixed or o in busy for o in blocking):
            continue
        tried += 1
        if tried > EJECT_CANDIDATES:
            break
        mark = len(journal)
        for o in blocking:
            journal.append((False, o, state.remove(o)))
        state.place(i, n)
        journal.append((True, i, n))
        for o in blocking:
            alt = state.best(o)
            if alt is not None:
                state.place(o, alt[1])
                journal.append((True, o, alt[1]))
            elif not (
                depth > 1
                and _chain(state, o, depth=depth - 1, busy=busy | {*blocking, i}, journal=journal)
            ):
                break
        else:
            return True
        _undo(state, journal, mark)
    return False


LEAD_PASSES = 2  # rounds of moves before the window sweep: it does best on a settled plan


def _improve(state: Board, order: Sequence[int], floor: int = 0) -> None:
    """Bounded local search: a change is kept only when it strictly lowers the total cost.

    A few rounds of moves (`_moves`), then one sweep of window moves through the year (all
    the meetings of two weeks re-planned together, exactly), then more rounds of moves if
    the sweep or the first rounds left something to gain: at most `max_passes` rounds in
    all, stopping once the total is down to `floor` (a lower bound: nothing is cheaper)."""
    slots = state.p.slots
    movable = [i for i in order if not slots[i].fixed and len(slots[i].domain) > 1]
    gaining = _moves(state, movable, floor, LEAD_PASSES)
    if state.total <= floor:
        return
    if _window_moves(state, movable) or gaining:
        _moves(state, movable, floor, state.p.max_passes - LEAD_PASSES)


def _moves(state: Board, movable: Sequence[int], floor: int, passes: int) -> bool:
    """Single moves until none helps, then ejection moves (take a day another meeting holds
    and move that one), shift chains (one way, then both) and, when none of those gains,
    group moves (re-plan a few meetings that compete for the same days together); each round
    repeats the cheaper ones. True when the last round still gained."""
    for _ in range(passes):
        while state.total > floor and _single_moves(state, movable):
            pass
        if state.total <= floor:
            return False
        ejected = False
        for i in movable:  # every meeting gets its turn, not just the first that gains
            ejected = _eject_move(state, i) or ejected
        if ejected:
            continue
        steps = _shift_steps(state, movable)  # a one-way pass that fails leaves them true
        if _shift_moves(state, steps) or _shift_moves(state, steps, one_way=False):
            continue
        if not _group_moves(state, movable):
            return False
    return True


def _single_moves(state: Board, movable: Sequence[int]) -> bool:
    improved = False
    for i in movable:
        here = state.cost_at(i, state.at[i])
        if here <= state.cheapest[i]:
            continue  # on one of its cheapest days, paying nothing else: no day is better
        old = state.remove(i)
        alt = state.best(i, below=here)
        state.place(i, old if alt is None else alt[1])
        improved = improved or alt is not None
    return improved


def _eject_move(state: Board, i: int) -> bool:
    """Move slot i onto a day other meetings hold, moving them (and theirs, one level
    down) elsewhere; kept only if the total cost falls."""
    before = state.total
    old = state.at[i]
    here = state.cost_at(i, old)
    # Worth trying only where i alone would cost less than it does now: if another meeting
    # could gain by moving, its own moves find that.
    for u, _, n in state.options[i]:
        if u >= here:
            break
        if n == old or state.feasible(i, n):
            continue  # a free day is a single move
        journal: Journal = [(False, i, state.remove(i))]
        if (
            _chain(state, i, depth=EJECT_DEPTH, busy={i}, journal=journal, days=[n])
            and state.total < before
        ):
            return True
        _undo(state, journal)
    return False


SHIFT_LENGTH = 16  # meetings a shift chain may move


# where each meeting could go in a shift chain: its cheapest move to a free day (cost, day)
# and steps (o, m, extra cost, day, later): o making way lets m move to that day
Steps = tuple[dict[int, tuple[int, int]], list[tuple[int, int, int, int, bool]]]


def _shift_steps(state: Board, movable: Sequence[int]) -> Steps:
    """The steps of `_shift_moves` on the board as it is, each meeting's cheapest first: for
    each of its days, the one meeting in the way (or, for a day free but in a full week, the
    week, node `len(slots) + week`, which any meeting leaving that week makes way in)."""
    p = state.p
    at, unary, slots, week, weeks = state.at, state.unary, p.slots, state.week, state.week_count
    busy, most = p.busy_week_weight, p.max_per_week
    full = len(slots)  # nodes: the meetings, then `full + w` for "one has left week w"
    start: dict[int, tuple[int, int]] = {}
    steps: list[tuple[int, int, int, int, bool]] = []
    for m in movable:
        here = at[m]
        own = unary[m].get(here, 0)
        alt = state.best(m)  # m still holds its day: as if the next in the chain took it
        if alt is not None:
            start[m] = (alt[0] - own, alt[1])
        counted = busy and slots[m].counts_in_week
        if counted:  # m leaving its week makes way there, whichever way it moves
            steps.append((m, full + week[here], 0, NOWHERE, True))
        ways: tuple[set[int], set[int]] = (set(), set())
        for u, _, n in state.options[m]:
            if n == here:
                continue
            way = state.blocker(m, n)
            if way == NOWHERE:  # free, but maybe only once a meeting leaves its full week
                if not (counted and week[n] != week[here] and weeks[week[n]] >= most):
                    continue
                way = full + week[n]
            elif way == MANY or slots[way].fixed:
                continue
            if way not in ways[n < here]:  # the cheapest step each way
                ways[n < here].add(way)
                steps.append((way, m, u - own, n, n > here))
    return start, steps


def _shift_moves(state: Board, found: Steps, one_way: bool = True) -> bool:
    """Shift chains, the augmenting paths of an assignment problem: meeting m1 moves to a
    free day; m2 moves to a day m1 made way for, by leaving it (a clash), the days an
    ordering kept m2 from, or a full week; ... mk likewise; mk's day is left free. A step
    undoes the last one's effect on a day or a week, so only the chain's ends change the
    cost of anything but its own meetings' days.

    The cheapest chain ending at each meeting comes from Bellman-Ford over the steps
    (`_shift_steps`): with `one_way`, once with every step moving a meeting later and once
    earlier (one-way steps make no cycles); else over all steps at once, where a cycle found
    is a rotation of its meetings. Chains are tried cheapest first, each kept only if it
    strictly lowers the total (the estimate misses a few cases of weeks and orderings; the
    board is exact)."""
    p = state.p
    at, slots, week, weeks = state.at, p.slots, state.week, state.week_count
    busy, most = p.busy_week_weight, p.max_per_week
    full = len(slots)
    start, steps = found
    # graphs[0 later / 1 earlier][o]: (m, extra cost, day) where o making way lets m move
    Graph = dict[int, list[tuple[int, int, int]]]
    graphs: tuple[Graph, Graph] = (defaultdict(list), defaultdict(list))
    kept: set[tuple[int, int]] = set()  # both ways at once: the cheapest step of the two
    for o, m, extra, n, later in steps:
        if n == NOWHERE:  # a meeting leaving its week
            for graph in graphs:
                graph[o].append((m, extra, n))
        elif one_way:
            graphs[not later][o].append((m, extra, n))
        elif (o, m) not in kept:
            kept.add((o, m))
            graphs[0][o].append((m, extra, n))

    def saving(m: int) -> int:  # what leaving m's day free saves in its week
        counted = slots[m].counts_in_week
        return busy if counted and weeks[week[at[m]]] > most else 0

    ends: list[tuple[int, int, int]] = []  # (estimated change, direction, last meeting)
    came: tuple[dict[int, tuple[int, int]], ...] = ({}, {})  # m -> (who made way, m's day)
    for d, graph in enumerate(graphs):
        cost = {m: c for m, (c, _) in start.items()}
        active = sorted(cost)
        for _ in range(2 * SHIFT_LENGTH):  # a step through a week takes two
            changed: set[int] = set()
            for o in active:
                for m, extra, n in graph.get(o, ()):
                    if cost[o] + extra < cost.get(m, _NEVER):
                        cost[m] = cost[o] + extra
                        came[d][m] = (o, n)
                        changed.add(m)
            active = sorted(changed)
        ends += [(c - saving(m), d, m) for m, c in cost.items() if m < full and c < saving(m)]
    moved: set[int] = set()
    for _, d, last in sorted(ends):
        node = last
        walk: list[tuple[int, int]] = []  # back along the chain: (meeting, its new day)
        seen: dict[int, int] = {}  # node -> how much of the walk came before it
        while node in came[d] and node not in seen and len(walk) < SHIFT_LENGTH:
            seen[node] = len(walk)
            before, n = came[d][node]
            if node < full:
                walk.append((node, n))
            node = before
        if node in seen:  # a cycle: its meetings move round it, no day left free
            walk = walk[seen[node] :]
        elif node in start and node not in came[d]:
            walk.append((node, start[node][1]))
        else:
            continue  # too long
        chain = [m for m, _ in walk]
        if (
            len(set(chain)) == len(chain)
            and moved.isdisjoint(chain)
            and _apply(state, chain[::-1], [n for _, n in walk][::-1])
        ):
            moved.update(chain)  # the estimates of chains through these are stale now
    return bool(moved)


def _apply(state: Board, group: Sequence[int], days: Sequence[int]) -> bool:
    """Move every meeting of `group` to its day in `days` if all of them may go there and
    the total strictly falls; else leave them where they were."""
    before = state.total
    old = [state.remove(i) for i in group]
    done = 0
    for i, n in zip(group, days, strict=True):
        if not state.feasible(i, n):
            break
        state.place(i, n)
        done += 1
    if done == len(group) and state.total < before:
        return True
    for i in group[:done]:
        state.remove(i)
    for i, n in zip(group, old, strict=True):
        state.place(i, n)
    return False


def _group_moves(state: Board, movable: Sequence[int]) -> bool:
    """Re-plan groups of meetings that compete for days: the movable meetings sharing a
    resource (the evening, a room, members), in date order, GROUP_SIZE at a time, each group
    overlapping the next by half."""
    slots = state.p.slots
    # meetings compete through a shared resource: classes are the connected components
    parent = list(range(len(state.holders) + 1))  # the last one: meetings using none

    def find(r: int) -> int:
        while parent[r] != r:
            parent[r] = parent[parent[r]]
            r = parent[r]
        return r

    for i in movable:
        for r in state.res[i][1:]:
            parent[find(r)] = find(state.res[i][0])
    classes: dict[int, list[int]] = defaultdict(list)
    for i in movable:
        classes[find(state.res[i][0]) if state.res[i] else len(state.holders)].append(i)
    improved = False
    step = GROUP_SIZE // 2
    for key in sorted(classes):
        members = sorted(classes[key], key=lambda i: (state.at[i], slots[i].index))
        for start in range(0, max(1, len(members) - step), step):
            group = members[start : start + GROUP_SIZE]
            if len(group) > 1 and _replan(state, group):
                improved = True
    return improved


def _replan(state: Board, group: Sequence[int], limit: int = GROUP_NODES) -> bool:
    """Re-plan the meetings of `group` together by depth-first branch and bound (the others
    stay where they are); keep the cheapest arrangement found within GROUP_NODES steps if
    it is strictly cheaper than the present one.

    The search keeps its own small state (the group's days, its meetings per week) instead
    of moving meetings on the board: the rules between the group and the others are settled
    once, in each meeting's options, so a step only checks the group's own pairs."""
    p, slots, week = state.p, state.p.slots, state.week
    before = state.total
    old = [state.remove(i) for i in group]
    now = before - state.total  # what the group costs where it is
    # each meeting's days that the others leave open, cheapest first; fewest choices first
    options = [[(u, n) for u, _, n in state.options[i] if state.feasible(i, n)] for i in group]
    floor = [opts[0][0] for opts in options]  # no day costs a meeting less than its cheapest
    if sum(floor) >= now:  # the group is as cheap as it can be
        for i, n in zip(group, old, strict=True):
            state.place(i, n)
        return False
    order = sorted(range(len(group)), key=lambda k: (len(options[k]), k))
    rest = [sum(floor[k] for k in order[pos + 1 :]) for pos in range(len(order))]
    soft = 0 if p.clash_hard else p.clash_weight
    busy = [p.busy_week_weight if slots[i].counts_in_week else 0 for i in group]
    # pairs of the group: do they share a resource; banned[k][j]: what day j - day k may not be
    share = [[not set(state.res[i]).isdisjoint(state.res[j]) for j in group] for i in group]
    banned = [[{0} if p.clash_hard and pair else set() for pair in row] for row in share]
    for k, i in enumerate(group):
        for j, other in enumerate(group):
            for r, gap in state.after[state.body[i]]:
                if r == state.body[other]:  # i feeds other: other not 0..gap-1 days after
                    banned[k][j].update(range(gap))
                    banned[j][k].update(range(1 - gap, 1))
    weeks = state.week_count
    extra: dict[int, int] = defaultdict(int)  # the group's meetings per week so far
    placed: list[tuple[int, int]] = []  # (k, day number) in search order
    day = [NOWHERE] * len(group)
    best: list[int] = []
    best_total = now
    nodes = 0

    def cost(k: int, n: int, u: int) -> int | None:
        """What meeting k adds on day n with the group's `placed` (None: a hard rule)."""
        c = u
        row = banned[k]
        for j, m in placed:
            if m - n in row[j]:
                return None
        if soft:
            c += soft * sum(1 for j, m in placed if m == n and share[k][j])
            c += soft * state.clashes(group[k], n)
        if busy[k] and weeks[week[n]] + extra[week[n]] >= p.max_per_week:
            c += busy[k]
        return c

    def search(pos: int, total: int) -> None:
        nonlocal best, best_total, nodes
        if pos == len(order):
            if total < best_total:
                best, best_total = day[:], total
            return
        k = order[pos]
        for u, n in options[k]:
            if total + u + rest[pos] >= best_total or nodes >= limit:
                return  # the options are in cost order: none further on can do better
            c = cost(k, n, u)
            if c is None:
                continue
            nodes += 1
            if total + c + rest[pos] < best_total:
                day[k] = n
                placed.append((k, n))
                extra[week[n]] += bool(busy[k])
                search(pos + 1, total + c)
                extra[week[n]] -= bool(busy[k])
                placed.pop()

    search(0, 0)
    for i, n in zip(group, best or old, strict=True):
        state.place(i, n)
    return bool(best)


WINDOW_STEP = 7  # a window move re-plans the meetings of a span of days together, exactly,
WINDOW_DAYS = 2 * WINDOW_STEP  # each span overlapping the next by half


def _window_moves(state: Board, movable: Sequence[int]) -> bool:
    """Re-plan all the meetings of WINDOW_DAYS days at once, window after window through
    the year (`_reassign`): the big neighbourhood that trades days and weeks across bodies and
    rooms, which moves of a few meetings at a time cannot reach."""
    busy = state.p.busy_week_weight
    slots = state.p.slots
    # events that do not count in a week would need a column of their own: they stay put
    movable = [i for i in movable if slots[i].counts_in_week or not busy]
    if len(movable) < 2:
        return False
    first = min(state.at[i] for i in movable)
    last = max(state.at[i] for i in movable)
    # keys (resources) that orderings tie together go in one part when a window is cut up
    held: dict[int, set[int]] = defaultdict(set)  # body -> its slots' keys
    for i in movable:
        held[state.body[i]].add(state.key[i])
    ties: dict[int, set[int]] = defaultdict(set)
    linked = [held[b] | held.get(r, set()) for b in held for r, _ in state.after[b]]
    for keys in [*held.values(), *linked]:
        for a in keys:
            ties[a] |= keys
    improved = False
    for start in range(first - first % WINDOW_STEP, last + 1, WINDOW_STEP):
        window = [i for i in movable if start <= state.at[i] < start + WINDOW_DAYS]
        for group in _parts(window, state.key, ties):
            if len(group) > 1 and _reassign(state, group):
                improved = True
    return improved


WINDOW_ROWS = 24  # meetings a window move re-plans at once: more take too long to solve


def _parts(
    window: Sequence[int], key: Sequence[int], ties: Mapping[int, set[int]]
) -> list[list[int]]:
    """A window's meetings cut into parts of about WINDOW_ROWS, each part whole keys, found
    breadth first through `ties` so that what orderings bind stays together."""
    if len(window) <= WINDOW_ROWS:
        return [list(window)]
    by_key: dict[int, list[int]] = defaultdict(list)
    for i in window:
        by_key[key[i]].append(i)
    out: list[list[int]] = []
    part: list[int] = []
    seen: set[int] = set()
    for first in sorted(by_key):
        queue = deque([first])
        while queue:
            k = queue.popleft()
            if k in seen:
                continue
            seen.add(k)
            part += by_key[k]
            if len(part) >= WINDOW_ROWS:
                out.append(part)
                part = []
            queue += sorted(t for t in ties.get(k, ()) if t in by_key and t not in seen)
    return [*out, part] if part else out


REASSIGN_TRIES = 3  # re-solves after a rule the flow leaves out forbids a day it chose


def _reassign(state: Board, group: Sequence[int]) -> bool:
    """Re-plan `group` together, the other meetings staying: exactly, as an assignment of
    meetings to (room, day) with the weeks' room priced (`assign` with `Groups`), for every
    rule but the two it leaves out (orderings between the group's own meetings, and clashes
    through a resource other than the one each meeting is grouped by). A day one of those
    forbids is taken out and the group solved again. Kept only if the total falls."""
    p = state.p
    before = state.total
    old = [state.remove(i) for i in group]
    span = len(state.names) + len(group)  # column = day * span + key resource (or own)
    keys = [
        state.key[i] if state.key[i] >= 0 else len(state.names) + k for k, i in enumerate(group)
    ]
    crowd = -1 if p.clash_hard else p.clash_weight  # a soft clash: each pair pays its weight
    rows = []
    for k, i in enumerate(group):
        row = []
        for u, _, n in state.options[i]:
            if state.feasible(i, n):  # with a soft clash, pairs with the others pay too
                pairs = state.clashes(i, n) if crowd > 0 else 0
                row.append((u + crowd * pairs, n * span + keys[k]))
        rows.append(row)
    # when each meeting already pays no more than its cheapest day there is nothing to gain
    hopeless = sum(min((u for u, _ in row), default=0) for row in rows) >= before - state.total
    week, weeks, most = state.week, state.week_count, p.max_per_week
    groups = (
        Groups(
            group=lambda c: week[c // span],
            room=lambda w: max(0, most - weeks[w]),
            over=p.busy_week_weight,
        )
        if p.busy_week_weight
        else None
    )
    for _ in range(0 if hopeless else REASSIGN_TRIES):
        found = assign(rows, crowd, groups)
        if found.short or found.cost >= before - state.total:
            break  # no better arrangement of the group (the flow's cost is a lower bound)
        days = [c // span for c in found.columns]
        placed = []
        for k, (i, n) in enumerate(zip(group, days, strict=True)):
            if not state.feasible(i, n):
                rows[k] = [(u, c) for u, c in rows[k] if c // span != n]
                continue
            state.place(i, n)
            placed.append(i)
        if len(placed) == len(group) and state.total < before:
            return True
        for i in placed:
            state.remove(i)
    for i, n in zip(group, old, strict=True):
        state.place(i, n)
    return False


# -- exact assignment: the lower bound and the re-planning of one resource's meetings -----


@attrs.frozen(kw_only=True)
class Assignment:
    """What `assign` found: the cost and each row's column, or, when no assignment exists,
    rows that have fewer columns between them than there are rows (`short`)."""

    cost: int = 0
    columns: tuple[int, ...] = ()
    short: tuple[int, ...] = ()


@attrs.frozen(kw_only=True)
class Groups:
    """Columns gathered into groups that take `room(g)` rows free and charge `over` for each
    further row: the weeks of busy-week pricing, `group(column)` naming a column's week."""

    group: Callable[[int], int]
    room: Callable[[int], int]
    over: int


def assign(
    rows: Sequence[Sequence[tuple[int, int]]], crowd: int = -1, groups: Groups | None = None
) -> Assignment:
    """The cheapest way to give each row one of its columns: rows[k] lists (cost, column).

    With `crowd` < 0 a column takes one row at most (a hard clash); else any number, the
    k-th row on a column paying (k - 1) * crowd (a soft clash priced per pair). With
    `groups`, each row beyond a group's room pays its `over` too (a busy week). When no
    assignment exists, `short` holds the rows a row could not be added to: they and it
    have fewer columns between them than rows (Hall's condition fails: a proof). `Flow`
    keeps the solution to solve again when only the costs change."""
    return Flow(rows, crowd, groups).solve()


REPRICE_SHARE = 0.25  # above this share of rows to place again, a fresh solve is quicker


class Flow:
    """A min-cost flow (rows -> columns -> groups -> sink, the costs convex in the rows a
    column or group takes), solved by successive shortest paths with potentials (Dijkstra
    on reduced costs), rows added one at a time; each search stops at the first column (or
    group) that can take one more row, so a row whose cheapest column is free costs a few
    steps. A path may move rows from column to column and, through a group, move a row out
    of one column of the group so that another of its columns can take one.

    `reprice` solves again with new costs for the same columns, from the last solution:
    a row whose costs changed keeps its column unless another of its columns is now cheaper
    in reduced cost; the rows taken out are placed again by shortest paths that end at a
    column a row left (a deficit) or, through the sink, take that column's unit back. Every
    residual edge keeps a non-negative reduced cost throughout, so each solution is
    optimal."""

    def __init__(
        self,
        rows: Sequence[Sequence[tuple[int, int]]],
        crowd: int = -1,
        groups: Groups | None = None,
    ) -> None:
        # nodes are numbered rows, columns, groups, sink, each kind in its own order, so
        # the heap's ties fall as they would on (distance, kind, name)
        self.names = names = sorted({c for row in rows for _, c in row})
        self.first_col = first_col = len(rows)
        self.first_grp = first_grp = first_col + len(names)
        node = {c: first_col + n for n, c in enumerate(names)}
        of_column = [groups.group(c) for c in names] if groups is not None else []
        weeks = sorted(set(of_column))
        self.sink = sink = first_grp + len(weeks)
        of_group = {g: first_grp + n for n, g in enumerate(weeks)}
        # each column's next node: its group, or the sink
        ups = [of_group[g] for g in of_column] if groups is not None else []
        self.up = [sink] * first_col + (ups or [sink] * len(names))
        self.room = [groups.room(g) for g in weeks] if groups is not None else []
        self.over = groups.over if groups is not None else 0
        self.grouped = groups is not None
        self.crowd = crowd
        self.rows = len(rows)
        self.cols = [[node[c] for _, c in row] for row in rows]  # row -> its column nodes
        self.costs = [[w for w, _ in row] for row in rows]  # row -> the costs of those
        self.size = sink + 1
        self.dist = [_NEVER] * self.size  # _NEVER between searches
        self.came = [-1] * self.size  # node -> the node it was reached from
        self._clear()

    def _clear(self) -> None:
        """Nothing placed: the sink owes a unit for every row."""
        size = self.size
        self.match = [-1] * self.rows  # row -> column node
        self.paid = [0] * self.rows  # row -> its cost on that column
        self.holders: list[list[int]] = [[] for _ in range(size)]  # column -> rows on it
        self.out = [0] * size  # column -> units it sends on (its rows, and a deficit)
        self.used: list[dict[int, None]] = [{} for _ in range(size)]  # -> columns sending
        self.load = [0] * size  # group -> units through it
        self.deficit = [0] * size  # units a node sends on but does not receive
        self.deficit[self.sink] = self.rows
        self.pot = [0] * size

    def solve(self) -> Assignment:
        """The optimum from nothing placed."""
        return self._place(range(self.rows), fresh=True)

    def reprice(self, costs: Sequence[list[int]], warm: bool = True) -> Assignment:
        """The optimum for new costs of each row's columns (in the order given at first):
        from the last optimum when `warm` and few rows would leave their column
        (REPRICE_SHARE), else from nothing placed (what a new Flow finds, ties and all;
        the last optimum is that when no cost changed)."""
        pot, match, cols, paid = self.pot, self.match, self.cols, self.paid
        changed = [k for k, row in enumerate(costs) if row != self.costs[k]]
        self.costs = list(costs)
        if (warm or not changed) and -1 not in match:
            loose = []
            for k in changed:
                paid[k] = costs[k][cols[k].index(match[k])]
                # the most a row's potential may be, its own column at reduced cost 0
                pot[k] = pot[match[k]] - paid[k]
                if any(w + pot[k] - pot[c] < 0 for w, c in zip(costs[k], cols[k], strict=True)):
                    loose.append(k)  # a column cheaper than its own
            if len(loose) <= REPRICE_SHARE * self.rows:
                for k in loose:  # the row leaves; its column owes the unit it sends on
                    self.holders[match[k]].remove(k)
                    self.deficit[match[k]] += 1
                    match[k] = -1
                    pot[k] = max(pot[c] - w for w, c in zip(costs[k], cols[k], strict=True))
                return self._place(loose, fresh=False)
        self._clear()
        return self.solve()

    def _place(self, sources: Iterable[int], fresh: bool) -> Assignment:
        """Place each of `sources` (rows on no column) by a shortest path to a node that
        owes a unit."""
        crowd, up, over, costs, cols = self.crowd, self.up, self.over, self.costs, self.cols
        first_col, first_grp, sink = self.first_col, self.first_grp, self.sink
        match, paid, holders, out, used = self.match, self.paid, self.holders, self.out, self.used
        load, deficit, room, pot = self.load, self.deficit, self.room, self.pot
        dist, came, size = self.dist, self.came, self.size
        push, pop = heapq.heappush, heapq.heappop
        quick = fresh and crowd < 0 and not self.grouped

        for r in sources:
            if quick and cols[r]:
                # a hard clash alone: where the row's nearest column is free, the search
                # would end there (a free column's potential is 0), so take it
                near, c, w = min((w - pot[c], c, w) for w, c in zip(costs[r], cols[r], strict=True))
                if not out[c]:
                    self._move(r, c, w, -1)
                    self._send(c, 1)
                    deficit[sink] -= 1
                    pot[r] -= near
                    continue
            # Reduced costs are never negative, so a node is settled at its first pop (later
            # entries for it are stale: farther) and no edge into a settled node improves it:
            # no settled flags, and the distances to reset are those settled or still queued.
            dist[r] = 0
            came[r] = -1
            settled: list[int] = []
            heap = [r]  # distance * size + node: one int, in (distance, node) order
            end = -1
            while heap:
                d, x = divmod(pop(heap), size)
                if d > dist[x]:
                    continue
                if deficit[x]:
                    end = x
                    break
                settled.append(x)
                if x < first_col:  # a row: onto another of its columns (the most steps)
                    base = d + pot[x]
                    for w, c in zip(costs[x], cols[x], strict=True):
                        nd = base + w - pot[c]
                        if nd < dist[c]:
                            dist[c] = nd
                            came[c] = x
                            push(heap, nd * size + c)
                    continue
                moves: list[tuple[int, int]] = []  # (reduced cost, node) of the edges out
                if x < first_grp:  # a column: one more unit on, or a row on it moves
                    n = out[x]
                    if crowd >= 0 or not n:
                        to = up[x]
                        moves.append((max(crowd, 0) * n + pot[x] - pot[to], to))
                    moves += [(pot[x] - pot[k] - paid[k], k) for k in holders[x]]
                elif x < sink:  # a group: one more unit, or a column of it sends one less
                    more = 0 if load[x] < room[x - first_grp] else over
                    moves.append((more + pot[x] - pot[sink], sink))
                    moves += [(pot[x] - pot[c] - self._last(c), c) for c in used[x]]
                elif self.grouped:  # the sink: a group sends one less
                    moves = [
                        (pot[x] - pot[g] - (over if load[g] > room[g - first_grp] else 0), g)
                        for g in range(first_grp, sink)
                        if load[g]
                    ]
                else:  # the sink: a column sends one less
                    moves = [(pot[x] - pot[c] - self._last(c), c) for c in used[x]]
                for reduced, y in moves:
                    nd = d + reduced
                    if nd < dist[y]:
                        dist[y] = nd
                        came[y] = x
                        push(heap, nd * size + y)
            if end < 0:
                for x in settled:
                    dist[x] = _NEVER
                return Assignment(short=tuple(sorted(x for x in settled if x < first_col)))
            reach = dist[end]
            # potentials: every node settled nearer than the end moves by its distance - reach
            for x in settled:
                pot[x] += dist[x] - reach
                dist[x] = _NEVER
            for key in heap:
                dist[key % size] = _NEVER
            deficit[end] -= 1
            # augment, back from the end, one edge at a time
            y = end
            while came[y] >= 0:
                x = came[y]
                if x < first_col:  # row x onto column y, off the column it was reached from
                    self._move(x, y, costs[x][cols[x].index(y)], came[x])
                elif x < first_grp:
                    if y >= first_grp:  # column x sends one more unit on
                        self._send(x, 1)
                elif y < first_grp:  # column y sends one unit less
                    self._send(y, -1)
                elif y == sink:  # group x passes one more unit to the sink
                    load[x] += 1
                else:  # group y passes one unit less
                    load[y] -= 1
                y = x
            dist[end] = _NEVER
        cost = sum(paid)
        if crowd > 0:
            cost += sum(crowd * len(h) * (len(h) - 1) // 2 for h in holders)
        cost += over * sum(max(0, n - room[g]) for g, n in enumerate(load[first_grp:sink]))
        names = self.names
        return Assignment(cost=cost, columns=tuple(names[c - first_col] for c in match))

    def _move(self, k: int, c: int, cost: int, old: int) -> None:
        """Row k onto column c at `cost`, off column `old` (-1: none)."""
        self.holders[c].append(k)
        self.match[k] = c
        self.paid[k] = cost
        if old >= 0:
            self.holders[old].remove(k)
            sending = self.used[self.up[old]]
            if not self.holders[old] and old in sending:
                # the row that takes its place comes next: its column goes last, as joined
                del sending[old]
                sending[old] = None

    def _send(self, c: int, step: int) -> None:
        """Column c sends `step` more units on."""
        self.out[c] += step
        if not self.out[c]:
            del self.used[self.up[c]][c]
        elif step > 0 and self.out[c] == 1:
            self.used[self.up[c]][c] = None

    def _last(self, c: int) -> int:
        """What the last unit column c sends costs: it saves that by sending one less."""
        return (self.out[c] - 1) * self.crowd if self.crowd > 0 else 0


BOUND_ROUNDS = 16  # rounds of week prices the lower bound tries
WHOLE_SLOTS = 500  # up to this many meetings, the relaxation keeps busy weeks exactly
BOUND_SCALE = 4  # prices in quarter points
ORDER_STEP = 3  # the first step of an ordering's price, in points


def _ordered_pairs(problem: Problem) -> list[tuple[int, int, int]]:
    """(receiver slot, feeder slot, min_days) for each pair an ordering binds whose days
    may come that close."""
    by_body: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(problem.slots):
        by_body[s.body].append(i)
    slots = problem.slots
    out = []
    for sep in problem.separations:
        gap = dt.timedelta(days=sep.min_days)
        for r in by_body.get(sep.receiver, ()):
            for f in by_body.get(sep.feeder, ()):
                dr, df = slots[r].domain, slots[f].domain
                if dr and df and df[0] <= dr[-1] and dr[0] < df[-1] + gap:
                    out.append((r, f, sep.min_days))
    return out


@attrs.frozen(kw_only=True)
class Relaxation:
    """What `relax` found: a lower bound (None: no plan exists, proved) and each slot's day
    in the last round's assignment (which keeps the clash rule within each group; orderings
    and weeks only as far as their prices do)."""

    bound: int | None
    days: tuple[dt.date, ...] = ()


def lower_bound(problem: Problem, rounds: int = BOUND_ROUNDS) -> int | None:
    """A cost no plan can beat (None: no plan keeps even the clash rule, proved): `relax`."""
    return relax(problem, rounds).bound


def relax(problem: Problem, rounds: int = BOUND_ROUNDS) -> Relaxation:
    """A relaxation of the problem, solved exactly, giving a lower bound on any plan's cost.

    The meetings that share a resource clash with one another, so grouping every meeting
    under one of its resources (the one most meetings share) and giving each group its
    cheapest assignment of days (`assign`: one meeting a day for a hard clash, each pair on
    a day paying the clash weight for a soft one) leaves out only rules that add cost:
    clashes across groups and orderings. Busy weeks are priced in (Lagrangian relaxation):
    with a price p_w between 0 and the busy-week weight on each meeting in week w, the
    groups' cheapest assignments less max_per_week * (the sum of the prices) is a bound
    for any prices, since a plan pays at least p_w for each meeting over the limit. The
    prices are raised in over-full weeks and lowered in the others (subgradient steps), and
    the best bound of the rounds is kept. A problem of up to WHOLE_SLOTS meetings is instead
    one assignment of every meeting to (resource, day) whose weeks take max_per_week
    meetings free and charge the busy-week weight for each more (`Groups`): busy weeks
    exactly, with no prices (events, which do not count in a week, keep only a fixed one's
    day from its resource's other meetings). Orderings are priced the same way: a receiver's
    meeting on day d and a feeder's meeting 0 to min_days-1 days before it cannot both be
    (at most one of the two holds in a plan), so a price on that pair, paid by the receiver
    on d and by the feeder on each of those days, less the price itself, never raises the
    bound above a plan's cost; the price grows while the relaxation breaks that ordering.
    The prices steer the last round's assignment towards a plan, the search's start. In
    the one assignment only a few meetings' prices change from round to round, so each
    round re-solves from the last one's optimum (`Flow.reprice`)."""
    slots = problem.slots
    clashing = problem.clash_hard or problem.clash_weight > 0
    if not all(s.domain for s in slots):
        return Relaxation(bound=None)
    groups: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(key_resources(slots)):
        groups[key if clashing else ""].append(i)
    weeks: dict[tuple[int, int], int] = {}
    k = BOUND_SCALE
    # a small problem is one assignment, busy weeks and all, so only orderings need prices
    whole = problem.busy_week_weight > 0 and len(slots) <= WHOLE_SLOTS
    keys = sorted(groups)
    span = len(keys) + len(slots) if whole else 1  # column = day * span + key (or own)
    week_of_column: dict[int, int] = {}
    table = []  # per group: (crowd, its slots, rows of (scaled cost, column, week or -1))
    # events do not count in a week, so they stay out of the weeks' columns; a fixed one
    # still keeps its day from the meetings it clashes with
    taken = (
        {
            (key, s.domain[0])
            for key in keys
            for s in map(slots.__getitem__, groups[key])
            if key and s.fixed and not s.counts_in_week
        }
        if whole and problem.clash_hard
        else set()
    )
    clash = -1 if problem.clash_hard else problem.clash_weight * k
    most = problem.max_per_week
    for n, key in enumerate(keys):
        crowd = clash if key else 0
        rows = []
        for i in groups[key]:
            s = slots[i]
            own = whole and not (key and s.counts_in_week)
            column = len(keys) + i if own else n if whole else 0
            row = []
            for day in s.domain:
                if not own and (key, day) in taken:
                    continue
                w = weeks.setdefault(week_of(day), len(weeks)) if s.counts_in_week else -1
                c = day.toordinal() * span + column
                if whole or w >= 0:
                    week_of_column[c] = w  # a column's week (when not whole, a counted one's)
                row.append((s.cost(day) * k, c, w))
            rows.append(row)
        table.append((crowd, groups[key], rows))
    weekly = None
    if whole:
        table = [(clash, [i for _, m, _ in table for i in m], [r for *_, rs in table for r in rs])]
        weekly = Groups(
            group=week_of_column.__getitem__,
            room=lambda w: len(slots) if w < 0 else most,
            over=problem.busy_week_weight * k,
        )
    top = 0 if whole else problem.busy_week_weight * k
    price = [0] * len(weeks)
    best = -_NEVER
    pairs = _ordered_pairs(problem)
    fine: dict[tuple[int, int], int] = {}  # (pair, receiver's day) -> its price
    flows: list[Flow] = []
    extra: list[dict[int, int]] = []
    # each row's prices, kept from round to round
    priced_of: list[list[list[int]]] = [[[] for _ in rows] for *_, rows in table]
    weeks_moved = True
    for round_ in range(rounds if top or pairs else 1):
        value = -most * sum(price) - sum(fine.values())
        last, extra = extra, [{} for _ in slots]
        for (pair, d), lam in fine.items():
            rec, fed, gap = pairs[pair]
            extra[rec][d] = extra[rec].get(d, 0) + lam
            for back in range(gap):
                extra[fed][d - back] = extra[fed].get(d - back, 0) + lam
        count = [0] * len(weeks)
        chosen = [0] * len(slots)
        for n, (crowd, members, rows) in enumerate(table):
            priced = priced_of[n]
            for j, (i, row) in enumerate(zip(members, rows, strict=True)):
                if weeks_moved or extra[i] != last[i]:  # else its prices are as they were
                    priced[j] = [
                        u + (price[w] if w >= 0 else 0) + extra[i].get(c // span, 0)
                        for u, c, w in row
                    ]
            if round_:  # the same columns at new prices; a few rows' prices in `whole`
                found = flows[n].reprice(priced, warm=whole)
            else:
                columns = [
                    [(u, c) for u, (_, c, _) in zip(us, row, strict=True)]
                    for us, row in zip(priced, rows, strict=True)
                ]
                flows.append(Flow(columns, crowd, weekly))
                found = flows[n].solve()
            if found.short:
                return Relaxation(bound=None)
            value += found.cost
            for i, c in zip(members, found.columns, strict=True):
                chosen[i] = c // span
                if top and slots[i].counts_in_week:  # the weeks' prices need their counts
                    count[week_of_column[c]] += 1
        best = max(best, value)
        step = top / (2 * max(1, most)) * 0.8**round_
        before = (price, dict(fine))
        price = [
            min(top, max(0, p + round(step * (n - most))))
            for p, n in zip(price, count, strict=True)
        ]
        step = ORDER_STEP * k * 0.8**round_
        for pair, d in list(fine):  # x_r on d + x_f on d-gap+1..d - 1: -1 or 0 unless broken
            rec, fed, gap = pairs[pair]
            g = (chosen[rec] == d) + (0 <= d - chosen[fed] < gap) - 1
            fine[(pair, d)] = max(0, fine[(pair, d)] + round(step * g))
        for pair, (rec, fed, gap) in enumerate(pairs):
            if 0 <= chosen[rec] - chosen[fed] < gap and (pair, chosen[rec]) not in fine:
                fine[(pair, chosen[rec])] = round(step)
        fine = {key: lam for key, lam in fine.items() if lam > 0}
        weeks_moved = price != before[0]
        if (price, fine) == before:
            break  # no price moved: the rounds left would repeat this one
    return Relaxation(
        bound=-(-best // k),  # a plan's cost is whole: round the bound up
        days=tuple(dt.date.fromordinal(d) for d in chosen),
    )


# -- messages -----------------------------------------------------------------------------


def _why_blocked(state: Board, i: int, n: int, o: int, rule: str) -> str:
    """Why placed slot o rules day n out for slot i, by `rule`."""
    mine, theirs = state.p.slots[i], state.p.slots[o]
    if rule == CLASH:
        return "clash: both use " + ", ".join(sorted(mine.resources & theirs.resources))
    gap = state.at[o] - n  # the separation that applies: its feeder meets first
    sep = next(
        x
        for x in state.p.separations
        if (x.feeder, x.receiver, 0 <= -gap < x.min_days) == (theirs.body, mine.body, True)
        or (x.feeder, x.receiver, 0 <= gap < x.min_days) == (mine.body, theirs.body, True)
    )
    days = "1 day" if sep.min_days == 1 else f"{sep.min_days} days"
    return f"ordering: {sep.label or f'{sep.feeder} before {sep.receiver}'} by {days}"


def _blocked_message(state: Board, i: int) -> str:
    """Why slot i has no day: the fewest meetings that between them hold all its days (a
    greedy cover, most days first), each with its days and rules, then advice that fits
    the rules involved."""
    s = state.p.slots[i]
    holding: dict[int, set[dt.date]] = defaultdict(set)
    why: dict[int, dict[str, None]] = defaultdict(dict)  # insertion-ordered, never hashed order
    for day in s.domain:
        n = state.num(day)
        for o, rule in state.blockers(i, n):
            holding[o].add(day)
            why[o][_why_blocked(state, i, n, o, rule)] = None
    left, parts, rules = set(s.domain), [], set[str]()
    while left:
        o, days = max(holding.items(), key=lambda kv: (len(kv[1] & left), -kv[0]))
        covered = sorted(days & left)
        left -= days
        rules.update(reason.split(":")[0] for reason in why[o])
        pinned = " (fixed)" if state.p.slots[o].fixed else ""
        parts.append(
            f"{', '.join(map(short, covered))} by {state.p.slots[o].label}{pinned}"
            f" ({'; '.join(why[o])})"
        )
    advice = ["allow another weekday", "widen its window"]
    if CLASH in rules:
        advice.append("relax the clash rule")
    if ORDERING in rules:
        advice.append("shorten the ordering")
    return (
        f"{s.label}: every allowed day is taken: {'; '.join(parts)}; "
        f"move one of those meetings, {', '.join(advice[:-1])} or {advice[-1]}"
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
    return Board(problem, days)


def alternatives(state: Board, i: int) -> list[tuple[dt.date, int, Breakdown]]:
    """Every other day placed slot i could move to, the rest fixed: (day, extra cost, costs).

    The costs of a day include the between-meeting soft rules as "busy-week" and "clash"."""
    old = state.remove(i)
    try:
        here = state.cost_at(i, old)
        return [
            (day, state.cost_at(i, n) - here, _breakdown(state, i, n))
            for day in state.p.slots[i].domain
            if (n := state.num(day)) != old and state.feasible(i, n)
        ]
    finally:
        state.place(i, old)


def blockers_of(state: Board, i: int, day: dt.date) -> list[tuple[int, str]]:
    """The placed meetings (other than i) that rule `day` out for slot i, and why."""
    return state.blockers(i, state.num(day))


def extra_cost(state: Board, i: int, day: dt.date) -> tuple[int, Breakdown]:
    """How much more slot i would cost on `day` than where it is, and that day's costs."""
    old = state.remove(i)
    try:
        n = state.num(day)
        return state.cost_at(i, n) - state.cost_at(i, old), _breakdown(state, i, n)
    finally:
        state.place(i, old)


def _breakdown(state: Board, i: int, n: int) -> Breakdown:
    """The costs slot i (not placed) would pay on day n, rule by rule."""
    p, s = state.p, state.p.slots[i]
    parts = list(s.costs.get(state.dates[n], ()))
    busy = state.week_count[state.week[n]] >= p.max_per_week
    if s.counts_in_week and busy and p.busy_week_weight:
        parts.append((BUSY_WEEK, p.busy_week_weight))
    if not p.clash_hard and p.clash_weight:
        clashes = state.clashes(i, n)
        if clashes:
            parts.append((CLASH, clashes * p.clash_weight))
    return tuple(parts)
