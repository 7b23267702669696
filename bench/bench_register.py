"""Benchmark the action register: 10,000 actions over five municipal years.

Run: .venv/bin/python bench/bench_register.py [--actions 10000]

Prints the time to build the register, to list (all, open, overdue, one officer's), to update
(one transaction per update) and to render an action list for a meeting late in the period.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from meetings.actions import (
    DEFAULT_STATUSES,
    Action,
    ActionQuery,
    Due,
    Origin,
    StatusChange,
    action_list,
)
from meetings.register import Register
from meetings.render import Format, render_document

BODIES = ("council", "change-management", "service-delivery", "policy-finance", "licensing")
OFFICERS = ("SaBa", "KaPo", "AnCo", "DaGi", "StTu", "ChRa", "StHi", "JoHa")
START = dt.date(2019, 6, 1)


def meetings() -> list[tuple[str, dt.date]]:
    """Every body meets about every six weeks for five years."""
    out = []
    for b, body in enumerate(BODIES):
        day = START + dt.timedelta(days=7 * b)
        while day < START + dt.timedelta(days=5 * 365):
            out.append((body, day))
            day += dt.timedelta(days=42)
    return sorted(out, key=lambda m: m[1])


def generate(n: int, rng: random.Random) -> Iterator[Action]:
    held = meetings()
    per = n // len(held) + 1
    made = 0
    for body, day in held:
        for i in range(per):
            if made == n:
                return
            made += 1
            history = [StatusChange(day=day, status="Not Started", note="raised")]
            if rng.random() < 0.7:
                history.append(
                    StatusChange(
                        day=day + dt.timedelta(days=rng.randint(5, 200)),
                        status=rng.choice(("Completed", "Superseded", "Ongoing")),
                    )
                )
            yield Action(
                origin=Origin(body=body, raised=day, minute=10 + i % 12, title=f"Item {i % 12}"),
                index=i + 1,
                details="Report back to Members on progress with the matter raised in debate.",
                due=rng.choice(
                    (
                        Due.month(day.year + (day.month == 12), day.month % 12 + 1),
                        Due.ongoing(),
                        Due.on(day + dt.timedelta(days=30)),
                    )
                ),
                officers=tuple(rng.sample(OFFICERS, rng.randint(1, 2))),
                history=tuple(history),
            )


def timed(label: str, fn: Callable[[], object], repeat: int = 5) -> object:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    extra = f" ({len(result)} actions)" if isinstance(result, tuple) else ""
    print(f"{label:<44} {best * 1000:9.1f} ms{extra}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--actions", type=int, default=10_000)
    parser.add_argument("--updates", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "actions.sqlite"
        with Register(path) as reg:
            t0 = time.perf_counter()
            reg.add(generate(args.actions, rng))
            print(
                f"{'add ' + str(args.actions) + ' actions (one transaction)':<44} "
                f"{(time.perf_counter() - t0) * 1000:9.1f} ms"
            )
            today = START + dt.timedelta(days=6 * 365)  # after every change generated
            timed("list all", reg.find)
            timed("list --open", lambda: reg.find(ActionQuery(open_only=True)))
            timed("list --overdue", lambda: reg.find(ActionQuery(overdue=True, today=today)))
            timed("list --officer SaBa", lambda: reg.find(ActionQuery(officer="SaBa")))
            timed(
                "list --body change-management",
                lambda: reg.find(ActionQuery(body="change-management")),
            )
            ids = [rng.randint(1, args.actions) for _ in range(args.updates)]
            t0 = time.perf_counter()
            for ident in ids:
                reg.update(ident, status=rng.choice(DEFAULT_STATUSES), day=today, note="bench")
            per = (time.perf_counter() - t0) / len(ids) * 1000
            print(f"{'update (one transaction each)':<44} {per:9.2f} ms per update")
            body_days = sorted(d for b, d in meetings() if b == "change-management")
            previous, meeting = body_days[-2], body_days[-1]

            def render() -> bytes:
                listing = action_list(
                    reg.find(ActionQuery(body="change-management")),
                    body="change-management",
                    body_name="Change Management Committee",
                    meeting=meeting,
                    previous=previous,
                    today=meeting,
                )
                return render_document("actions/action_list", {"al": listing}, Format.HTML)

            timed("action list (query + select + render html)", render)
            size = path.stat().st_size + Path(str(path) + "-wal").stat().st_size
            print(f"{'register size':<44} {size / 1024:9.0f} KiB")


if __name__ == "__main__":
    main()
