"""The search on hand-built problems: hard rules between meetings, costs, moves, messages."""

from __future__ import annotations

import collections
import datetime as dt
import itertools
import os
import subprocess
import sys
import unittest.mock
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetings import solver
from meetings.errors import ScheduleError

MON = dt.date(2019, 11, 25)  # a Monday


def day(n: int) -> dt.date:
    return MON + dt.timedelta(days=n)


def slot(
    index: int,
    body: str,
    domain: range | list[int],
    target: int,
    *,
    fixed: bool = False,
    resources: frozenset[str] = frozenset({"evening"}),
    extra: dict[int, int] | None = None,
) -> solver.Slot:
    days = tuple(day(n) for n in domain)
    costs = {}
    for d in days:
        parts = []
        dev = abs((d - day(target)).days)
        if dev:
            parts.append(("even-spacing", dev))
        bonus = (extra or {}).get((d - MON).days)
        if bonus:
            parts.append(("school-holiday", bonus))
        if parts:
            costs[d] = tuple(parts)
    return solver.Slot(
        index=index,
        body=body,
        ordinal=1,
        label=f"{body} meeting",
        target=day(target),
        domain=days,
        costs=costs,
        resources=resources,
        fixed=fixed,
    )


def brute_force(problem: solver.Problem) -> int | None:
    """The optimum by trying every assignment (tiny problems only); None if infeasible."""
    best = None
    for days in itertools.product(*(s.domain for s in problem.slots)):
        if any(b.hard for b in solver.pair_breaches(problem, days)):
            continue
        cost = solver.total_cost(problem, days)
        best = cost if best is None else min(best, cost)
    return best


def test_each_slot_takes_its_cheapest_day() -> None:
    problem = solver.Problem(slots=(slot(0, "a", range(5), 2), slot(1, "b", range(5), 4)))
    assert solver.solve(problem) == (day(2), day(4))


def test_hard_clash_pushes_the_second_meeting_and_tie_keeps_nearest() -> None:
    problem = solver.Problem(slots=(slot(0, "a", range(5), 2), slot(1, "b", range(5), 2)))
    days = solver.solve(problem)
    assert days[0] != days[1]
    assert solver.total_cost(problem, days) == 1


def test_fixed_slot_never_moves() -> None:
    problem = solver.Problem(
        slots=(slot(0, "a", [2], 2, fixed=True), slot(1, "b", range(5), 2)),
    )
    days = solver.solve(problem)
    assert days[0] == day(2)
    assert days[1] in (day(1), day(3))


def test_separation_keeps_the_receiver_clear_of_the_feeder() -> None:
    problem = solver.Problem(
        slots=(slot(0, "committee", range(10), 3), slot(1, "council", range(10), 5)),
        separations=(solver.Separation(feeder="committee", receiver="council", min_days=4),),
    )
    days = solver.solve(problem)
    gap = (days[1] - days[0]).days
    assert not 0 <= gap < 4
    assert not any(b.hard for b in solver.pair_breaches(problem, days))


def test_busy_week_costs_each_meeting_over_the_limit() -> None:
    slots = tuple(slot(i, f"b{i}", range(12), 1) for i in range(3))
    problem = solver.Problem(slots=slots, clash_hard=False, max_per_week=2, busy_week_weight=5)
    days = (day(1), day(2), day(3))
    found = [b for b in solver.pair_breaches(problem, days) if b.rule == solver.BUSY_WEEK]
    assert len(found) == 1
    assert found[0].cost == 5
    assert found[0].slot == 2  # reported on the meeting that made the week busy
    assert solver.total_cost(problem, days) == 0 + 1 + 2 + 5


def test_soft_clash_is_paid_for() -> None:
    problem = solver.Problem(
        slots=(slot(0, "a", range(3), 1), slot(1, "b", range(3), 1)),
        clash_hard=False,
        clash_weight=10,
    )
    assert solver.solve(problem) in ((day(1), day(0)), (day(1), day(2)))
    assert solver.total_cost(problem, (day(1), day(1))) == 10


def test_ejection_places_a_meeting_whose_only_day_is_taken() -> None:
    # b can only go on day 2, which the greedy gave to a; a has other days.
    problem = solver.Problem(slots=(slot(0, "a", range(5), 2), slot(1, "b", [2], 2)))
    assert solver.solve(problem) == (day(1), day(2))


def test_infeasible_message_names_the_meetings_in_the_way() -> None:
    problem = solver.Problem(
        slots=(slot(0, "a", [2], 2, fixed=True), slot(1, "b", [2], 2)),
    )
    with pytest.raises(ScheduleError, match=r"b meeting: every allowed day is taken: .* by a"):
        solver.solve(problem)


def test_infeasible_message_names_the_fewest_meetings_and_their_rules() -> None:
    # c may meet on days 1, 2 and 3: a (fixed) holds 1 and 3 by clashing, b (fixed, which c
    # reports to at least 3 days ahead) rules out 1 to 3; b alone covers every day.
    problem = solver.Problem(
        slots=(
            slot(0, "a", [1], 1, fixed=True),
            slot(1, "a", [3], 3, fixed=True),
            slot(2, "b", [4], 4, fixed=True, resources=frozenset()),
            slot(3, "c", [1, 2, 3], 2),
        ),
        separations=(solver.Separation(feeder="c", receiver="b", min_days=4, label="C before B"),),
    )
    with pytest.raises(ScheduleError) as caught:
        solver.solve(problem)
    message = str(caught.value)
    assert message.startswith("c meeting: every allowed day is taken: Tue 26 Nov 2019, Wed 27")
    assert "by b meeting (fixed) (ordering: C before B by 4 days)" in message
    assert "a meeting" not in message  # b alone holds them all: the smallest set
    assert message.endswith("widen its window or shorten the ordering")


def test_a_fixed_meeting_moves_a_movable_one_out_of_its_way() -> None:
    # a is placed first (on day 0, its cheapest); fixed b needs day 0, and a can take day 1
    problem = solver.Problem(slots=(slot(0, "a", [0, 1], 0), slot(1, "b", [0], 0, fixed=True)))
    assert solver.solve(problem) == (day(1), day(0))


def test_infeasible_message_names_the_ordering_that_applies_and_every_rule() -> None:
    # a before b by 1 day and b before a by 5 days; fixed b on day 0 shares the evening with
    # a: day 0 is a clash and breaks both orderings, days 1-4 break only "b before a".
    problem = solver.Problem(
        slots=(slot(0, "b", [0], 0, fixed=True), slot(1, "a", range(5), 2)),
        separations=(
            solver.Separation(feeder="a", receiver="b", min_days=1, label="A before B"),
            solver.Separation(feeder="b", receiver="a", min_days=5, label="B before A"),
        ),
    )
    with pytest.raises(ScheduleError) as caught:
        solver.solve(problem)
    message = str(caught.value)
    reasons = "clash: both use evening; ordering: A before B by 1 day; ordering: B before A by 5"
    assert f"Fri 29 Nov 2019 by b meeting (fixed) ({reasons} days);" in message
    assert message.endswith("relax the clash rule or shorten the ordering")


def test_empty_domain() -> None:
    with pytest.raises(ScheduleError, match="has no allowed day"):
        solver.solve(solver.Problem(slots=(slot(0, "a", [], 0),)))


def test_alternatives_and_extra_cost() -> None:
    problem = solver.Problem(slots=(slot(0, "a", range(3), 1), slot(1, "b", range(3), 1)))
    days = solver.solve(problem)
    board = solver.board(problem, days)
    moved = 1 if days[1] != day(1) else 0
    options = solver.alternatives(board, moved)
    assert all(d != days[moved] for d, _, _ in options)
    assert day(1) not in [d for d, _, _ in options]  # taken by the other meeting
    extra, parts = solver.extra_cost(board, moved, day(1))
    assert extra < 0
    assert parts == ()


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    st.lists(
        st.tuples(st.integers(0, 9), st.integers(1, 4), st.integers(0, 9)),
        min_size=2,
        max_size=4,
    ),
    st.booleans(),
    st.dictionaries(st.integers(0, 13), st.integers(1, 30), max_size=4),
    st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3), st.integers(1, 6)), max_size=2),
)
def test_search_matches_brute_force_on_tiny_problems(
    spec: list[tuple[int, int, int]],
    soft_clash: bool,
    holidays: dict[int, int],
    orderings: list[tuple[int, int, int]],
) -> None:
    slots = tuple(
        slot(i, f"b{i}", range(lo, lo + width * 2), target, extra=holidays)
        for i, (lo, width, target) in enumerate(spec)
    )
    separations = tuple(
        solver.Separation(feeder=f"b{a}", receiver=f"b{b}", min_days=days)
        for a, b, days in orderings
        if a != b and max(a, b) < len(spec)
    )
    problem = solver.Problem(
        slots=slots,
        separations=separations,
        clash_hard=not soft_clash,
        clash_weight=7,
        max_per_week=2,
        busy_week_weight=4,
    )
    optimum = brute_force(problem)
    bound = solver.lower_bound(problem)
    if optimum is None:  # no plan exists, and the planner proves it
        with pytest.raises(ScheduleError, match="every allowed day is taken"):
            solver.optimise(problem)
        return
    found = solver.optimise(problem)
    assert bound is not None
    assert bound <= optimum  # the bound never passes the best plan
    assert not found.breaking
    assert not any(b.hard for b in solver.pair_breaches(problem, found.days))
    assert found.cost == solver.total_cost(problem, found.days) == optimum
    assert found.bound == bound


def test_lower_bound_on_a_clash_with_a_busy_week_and_an_ordering() -> None:
    # a and b want day 2 (one evening); c wants day 2 too but a feeds c by 3 days; at most 2
    # a week. The bound may not pass the optimum, found by trying every assignment.
    problem = solver.Problem(
        slots=(
            slot(0, "a", range(5), 2),
            slot(1, "b", range(5), 2),
            slot(2, "c", range(5), 2, resources=frozenset({"room"})),
        ),
        separations=(solver.Separation(feeder="a", receiver="c", min_days=3),),
        max_per_week=2,
        busy_week_weight=10,
    )
    optimum = brute_force(problem)
    assert optimum is not None
    bound = solver.lower_bound(problem)
    assert bound is not None
    assert 1 <= bound <= optimum
    assert solver.optimise(problem).cost == optimum


def test_assign_matches_brute_force() -> None:
    rows = [[(3, 0), (1, 1)], [(0, 1), (5, 2)], [(2, 0), (2, 1), (9, 2)]]
    best = min(
        sum(w for w, _ in pick)
        for pick in itertools.product(*rows)
        if len({c for _, c in pick}) == len(pick)
    )
    found = solver.assign(rows)
    assert found.cost == best == 8
    assert len(set(found.columns)) == 3
    crowded = solver.assign(rows, crowd=1)  # two rows on a column pay 1 more
    assert crowded.cost == 4  # rows 0, 1 and 2 all on column 1 (cost 3 pairs: 1 + 0 + 2 + 3)
    assert crowded.columns == (1, 1, 1) or crowded.cost <= 4


Weeks = tuple[int, list[int], int]  # (columns a group, each group's room, a row beyond it)


def _groups(weeks: Weeks) -> solver.Groups | None:
    size, room, over = weeks
    if not size:
        return None
    return solver.Groups(group=lambda c: c // size, room=room.__getitem__, over=over)


def _cheapest(rows: list[list[tuple[int, int]]], crowd: int, weeks: Weeks) -> int | None:
    """The cheapest assignment by trying every one (None: none exists), with `_groups`."""
    size, room, over = weeks
    best = None
    for pick in itertools.product(*rows):
        taken = collections.Counter(c for _, c in pick)
        if crowd < 0 and max(taken.values()) > 1:
            continue
        cost = sum(w for w, _ in pick)
        cost += sum(max(crowd, 0) * n * (n - 1) // 2 for n in taken.values())
        if size:
            load = collections.Counter(c // size for _, c in pick)
            cost += over * sum(max(0, n - room[g]) for g, n in load.items())
        best = cost if best is None else min(best, cost)
    return best


def _assert_cheapest(
    rows: list[list[tuple[int, int]]], found: solver.Assignment, best: int | None
) -> None:
    """`found` costs `best` and gives each row one of its own columns."""
    assert found.cost == best
    assert all(any(c == col for _, c in row) for row, col in zip(rows, found.columns, strict=True))


ROWS = st.lists(
    st.lists(st.tuples(st.integers(0, 9), st.integers(0, 5)), min_size=1, max_size=4),
    min_size=1,
    max_size=5,
)


WEEKS = st.tuples(  # Weeks: (days a group, each group's room, the price of a row beyond it)
    st.integers(0, 3), st.lists(st.integers(0, 2), min_size=6, max_size=6), st.integers(0, 8)
)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(ROWS, st.integers(-1, 3), WEEKS)
def test_assign_with_groups_matches_brute_force(
    rows: list[list[tuple[int, int]]], crowd: int, weeks: Weeks
) -> None:
    rows = [list({c: (w, c) for w, c in row}.values()) for row in rows]  # a column once a row
    best = _cheapest(rows, crowd, weeks)
    found = solver.assign(rows, crowd, _groups(weeks))
    if best is None:
        assert found.short
        return
    _assert_cheapest(rows, found, best)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    ROWS,
    st.integers(-1, 3),
    WEEKS,
    st.lists(st.lists(st.integers(-4, 4), min_size=4, max_size=4), min_size=10, max_size=10),
)
def test_a_repriced_flow_matches_brute_force(
    rows: list[list[tuple[int, int]]],
    crowd: int,
    weeks: Weeks,
    shifts: list[list[int]],
) -> None:
    # solved once, then twice more at new costs from the solution before, every row allowed
    # to leave its column (the warm path even where a fresh solve would be quicker)
    rows = [list({c: (w, c) for w, c in row}.values()) for row in rows]
    flow = solver.Flow(rows, crowd, _groups(weeks))
    if flow.solve().short:
        return
    for rounds in (shifts[:5], shifts[5:]):
        rows = [
            [(max(0, w + shift), c) for (w, c), shift in zip(row, moves, strict=False)]
            for row, moves in zip(rows, rounds, strict=False)
        ]
        with unittest.mock.patch.object(solver, "REPRICE_SHARE", 1.0):
            found = flow.reprice([[w for w, _ in row] for row in rows])
        _assert_cheapest(rows, found, _cheapest(rows, crowd, weeks))


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    st.lists(
        st.tuples(st.integers(0, 9), st.integers(1, 3), st.integers(0, 2)),
        min_size=2,
        max_size=5,
    ),
    st.dictionaries(st.integers(0, 13), st.integers(1, 30), max_size=4),
    st.integers(1, 2),
)
def test_a_window_move_finds_the_best_plan_of_its_meetings(
    spec: list[tuple[int, int, int]], holidays: dict[int, int], most: int
) -> None:
    # meetings in three rooms over two weeks, from the dearest plan that keeps every rule:
    # re-planning them all together reaches the optimum, whatever trades of days, rooms and
    # weeks that takes
    slots = tuple(
        slot(
            i,
            f"b{i}",
            range(lo, lo + width * 2),
            lo,
            extra=holidays,
            resources=frozenset({f"room-{room}"}),
        )
        for i, (lo, width, room) in enumerate(spec)
    )
    problem = solver.Problem(slots=slots, max_per_week=most, busy_week_weight=6)
    plans = [
        days
        for days in itertools.product(*(s.domain for s in slots))
        if not any(b.hard for b in solver.pair_breaches(problem, days))
    ]
    if not plans:
        return
    costs = [solver.total_cost(problem, days) for days in plans]
    state = solver.board(problem, plans[costs.index(max(costs))])
    improved = solver._reassign(state, range(len(slots)))
    assert state.total == min(costs) == solver.total_cost(problem, state.day)  # type: ignore[arg-type]
    assert improved == (min(costs) < max(costs))


def test_assign_names_rows_with_too_few_columns() -> None:
    rows = [[(0, 5)], [(0, 5), (0, 6)], [(0, 6)], [(0, 7)]]
    found = solver.assign(rows)
    assert found.columns == ()
    assert set(found.short) == {0, 1, 2}  # three rows, columns 5 and 6 between them


def test_no_plan_is_claimed_only_with_a_proof_by_counting_days() -> None:
    # three meetings sharing the evening, two movable, with two evenings between them all:
    # nothing fixed is in the way, yet no plan exists, and the message says why.
    problem = solver.Problem(
        slots=(slot(0, "a", [1, 2], 1), slot(1, "b", [1, 2], 2), slot(2, "c", [1, 2], 1)),
    )
    with pytest.raises(ScheduleError) as caught:
        solver.solve(problem)
    assert "no plan exists: 3 meetings sharing evening (a meeting, b meeting, c meeting)" in str(
        caught.value
    )
    assert str(caught.value).endswith(
        "have 2 allowed days between them (Tue 26 Nov 2019, Wed 27 Nov 2019)"
    )


def test_no_plan_proved_by_trying_every_arrangement() -> None:
    # a may meet on days 0 or 1, b on 2 or 3, and a must come 5 days before b: every
    # arrangement breaks the ordering, and a is movable, so only the exhaustive check says so.
    problem = solver.Problem(
        slots=(
            slot(0, "a", [0, 1], 0, resources=frozenset({"room a"})),
            slot(1, "b", [2, 3], 3, resources=frozenset({"room b"})),
        ),
        separations=(solver.Separation(feeder="a", receiver="b", min_days=5),),
    )
    with pytest.raises(
        ScheduleError, match=r"no plan exists: no arrangement .*\(every one checked\)"
    ):
        solver.solve(problem)


def test_without_a_proof_the_plan_comes_with_its_breaches(monkeypatch: pytest.MonkeyPatch) -> None:
    # The same problem with the exhaustive check switched off: no proof, so a plan, the
    # ordering it breaks reported rather than hidden.
    monkeypatch.setattr(solver, "EXACT_SIZE", 0)
    problem = solver.Problem(
        slots=(
            slot(0, "a", [0, 1], 0, resources=frozenset({"room a"})),
            slot(1, "b", [2, 3], 3, resources=frozenset({"room b"})),
        ),
        separations=(solver.Separation(feeder="a", receiver="b", min_days=5),),
    )
    found = solver.optimise(problem)
    assert found.breaking
    assert [b.rule for b in solver.pair_breaches(problem, found.days) if b.hard] == ["ordering"]


def test_an_exhaustive_check_places_what_the_greedy_could_not() -> None:
    # c and d may meet only on day 1 or day 2; a takes day 1 and b day 2 greedily (their
    # cheapest), chains of one level cannot free both: the exhaustive check finds the plan.
    problem = solver.Problem(
        slots=(
            slot(0, "a", [1, 5], 1),
            slot(1, "b", [2, 6], 2),
            slot(2, "c", [1, 2], 1),
            slot(3, "d", [1, 2], 2),
        ),
    )
    found = solver.optimise(problem)
    assert not found.breaking
    assert found.cost == brute_force(problem)


def test_same_plan_whatever_the_hash_seed() -> None:
    # Sets and dicts of strings iterate in hash order, which PYTHONHASHSEED changes: the plan
    # (and its bound) may not depend on it.
    script = (
        "import sys; sys.path.insert(0, 'bench')\n"
        "from bench_schedule import synthetic, ROOT\n"
        "from meetings.definitions import loads_council\n"
        "from meetings.planner import planning_problem\n"
        "from meetings import solver\n"
        "p = planning_problem(loads_council(synthetic(12, seed=3), base_dir=ROOT))\n"
        "s = solver.optimise(p)\n"
        "print(s.cost, s.bound, [d.isoformat() for d in s.days])\n"
    )
    root = Path(__file__).resolve().parent.parent
    outs = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("0", "1", "12345")
    }
    assert len(outs) == 1


def test_gap_is_at_most_how_far_the_plan_is_above_the_best() -> None:
    assert solver.Solution(days=(), cost=102, bound=100).gap == pytest.approx(0.02)
    assert solver.Solution(days=(), cost=100, bound=100).gap == 0.0
    assert solver.Solution(days=(), cost=0, bound=0).gap == 0.0
    assert solver.Solution(days=(), cost=5, bound=0).gap == float("inf")


def test_the_examples_plan_meets_its_own_bound() -> None:
    # The example year: the plan costs what the bound says no plan can beat, so it is proved
    # the best possible without any outside solver (CP-SAT agrees: 80).
    from meetings.definitions import load_council  # noqa: PLC0415 (planning layer, for data)
    from meetings.planner import planning_problem  # noqa: PLC0415

    root = Path(__file__).resolve().parent.parent
    problem = planning_problem(load_council(root / "examples" / "oadby-wigston" / "council.toml"))
    found = solver.optimise(problem)
    assert found.cost == solver.total_cost(problem, found.days) == found.bound == 80
    assert found.gap == 0.0
    assert found.days == solver.solve(problem)
