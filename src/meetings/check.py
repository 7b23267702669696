"""The check: every rule a schedule breaks, planned here or made by hand (read from JSON,
CSV or .ics), judged by the council's rules and priced against the best alternative."""

from __future__ import annotations

import datetime as dt

import attrs

from meetings._private import suggest
from meetings.committee import BodyKind, Council
from meetings.errors import ScheduleError
from meetings.planner import Model, breach_key, breaches
from meetings.rules import Cancel, Extra, Severity
from meetings.schedule import Breach, Meeting, MeetingStatus, Rule, Schedule, short_date


def check_schedule(
    schedule: Schedule, council: Council, year: int | None = None
) -> tuple[Breach, ...]:
    """Every rule `schedule` breaks, hard and soft, judged by the council's rules.

    The schedule may be made by hand: its meetings are matched to the planned meetings of
    each body in date order (events by title). `year` defaults from the schedule's label."""
    if year is None and schedule.municipal_year[:4].isdigit():
        year = int(schedule.municipal_year[:4])
    model = Model(council, year)
    if model.problems:
        raise ScheduleError("; ".join(model.problems))
    council = _with_changes(schedule, council, model)
    if council is not model.council:
        model = Model(council, year)
    days: list[dt.date | None] = [None] * len(model.specs)
    extra: list[Breach] = []
    by_body: dict[str, list[int]] = {}
    for i, spec in enumerate(model.specs):
        if spec.cancelled is not None:
            continue  # called off: the schedule need not hold it
        key = spec.body.id if spec.body else f"event:{spec.title}"
        by_body.setdefault(key, []).append(i)
    given: dict[str, list[Meeting]] = {}
    timed: dict[int, Meeting] = {}
    names = {b.id for b in council.bodies}
    for m in schedule.meetings:
        if m.status == MeetingStatus.CANCELLED:
            continue
        if m.kind == BodyKind.EVENT or m.body == "event":
            given.setdefault(f"event:{m.title}", []).append(m)
        elif m.body in names:
            given.setdefault(m.body, []).append(m)
        else:
            extra.append(
                Breach(
                    rule=Rule.UNKNOWN_BODY,
                    severity=Severity.HARD,
                    uid=m.uid,
                    detail=f"{m.title} {short_date(m.day)}: body {m.body!r} is not in the council "
                    f"file; {suggest(m.body, names)}",
                )
            )
    # An extraordinary meeting is matched by its UID: it sits outside its body's order.
    extras = {model.specs[i].uid: i for i in range(len(model.specs)) if model.specs[i].extra}
    for key, listed in given.items():
        for m in [m for m in listed if m.uid in extras]:
            i = extras[m.uid]
            if i in by_body.get(key, []):
                days[i], timed[i] = m.day, m
                by_body[key].remove(i)
                listed.remove(m)
    for key in sorted(set(by_body) | set(given)):
        slots = by_body.get(key, [])
        ms = sorted(given.get(key, []), key=lambda m: (m.start, m.uid))
        if key.startswith("event:") and not slots:
            continue  # an event the rules do not list: nothing to judge it by
        pairs = _match([model.specs[i].target for i in slots], [m.day for m in ms])
        for si, mi in pairs:
            days[slots[si]] = ms[mi].day
            timed[slots[si]] = ms[mi]
        if len(ms) != len(slots) and not key.startswith("event:"):
            body = council.body(key)
            extra.append(
                Breach(
                    rule=Rule.MEETING_COUNT,
                    severity=Severity.HARD,
                    uid=None,
                    detail=f"{body.name} has {len(ms)} meeting(s); the rules plan {len(slots)}",
                )
            )
    model.fit_cycles(days)
    # A hand-made schedule may put a meeting on a day its rules do not allow: price that day
    # too, so the report compares each alternative with what the meeting really costs.
    priced = list(model.problem.slots)
    # Clashes are judged per part of the day: at the times the schedule gives.
    for i, m in timed.items():
        spec = model.specs[i]
        start = m.start.astimezone(model.y.tz).time().replace(tzinfo=None)
        if (start, m.end - m.start) != (spec.start, spec.duration):
            spec = attrs.evolve(spec, start=start, duration=m.end - m.start)
            model.specs[i] = spec
            priced[i] = attrs.evolve(priced[i], resources=model.resources(spec))
    for i, day in enumerate(days):
        if (
            day is not None
            and day not in priced[i].costs
            and (cost := model.soft(model.specs[i], day))
        ):
            priced[i] = attrs.evolve(priced[i], costs={**priced[i].costs, day: cost})
    model.problem = attrs.evolve(model.problem, slots=tuple(priced))
    return tuple(sorted([*breaches(model, days), *extra], key=breach_key))


def _with_changes(schedule: Schedule, council: Council, model: Model) -> Council:
    """The council with the changes a published schedule shows since adoption: a cancelled
    meeting (by UID) and extraordinary meetings the file does not list, so a schedule changed
    from the command line is judged as it was made."""
    specs = {s.uid: s for s in model.specs}
    cancels, extras = [], []
    ids = {b.id for b in council.bodies}
    for m in schedule.meetings:
        spec = specs.get(m.uid)
        if m.status == MeetingStatus.CANCELLED and spec is not None and spec.body is not None:
            if spec.cancelled is None and spec.extra is None:
                cancels.append(Cancel(body=spec.body.id, meeting=spec.ordinal))
        elif spec is None and "-extraordinary-" in m.uid and m.body in ids:
            local = m.start.astimezone(model.y.tz)
            extras.append(
                Extra(body=m.body, date=local.date(), start=local.time().replace(tzinfo=None))
            )
    if not cancels and not extras:
        return council
    rules = council.schedule
    changed = attrs.evolve(rules, cancel=(*rules.cancel, *cancels), add=(*rules.add, *extras))
    return attrs.evolve(council, schedule=changed)


def _match(targets: list[dt.date], given: list[dt.date]) -> list[tuple[int, int]]:
    """Pair planned slots with given meetings, both in date order, nearest first (DP)."""
    n, m = len(targets), len(given)
    if n == m:
        return list(zip(range(n), range(m), strict=True))
    big = 10**9
    cost = [[big] * (m + 1) for _ in range(n + 1)]
    cost[0] = [0] * (m + 1) if n < m else [0] + [big] * m
    for i in range(n + 1):
        cost[i][0] = 0 if n >= m else (0 if i == 0 else big)
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            skip = cost[i - 1][j] if n > m else cost[i][j - 1]
            take = cost[i - 1][j - 1] + abs((targets[i - 1] - given[j - 1]).days)
            cost[i][j] = min(skip, take)
    pairs = []
    i, j = n, m
    while i > 0 and j > 0:
        take = cost[i - 1][j - 1] + abs((targets[i - 1] - given[j - 1]).days)
        if cost[i][j] == take:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif n > m:
            i -= 1
        else:
            j -= 1
    return sorted(pairs)
