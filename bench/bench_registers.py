"""Benchmark the registers: 500 minuted meetings (about 5,000 decisions) over five years.

Run: .venv/bin/python bench/bench_registers.py [--meetings 500] [--items 10]

Prints the time to take the records from the minutes (decisions with call-in dates,
attendance, declarations), to import every meeting in one transaction, to read the registers
back with the attendance figures and render them, and to import everything again (which must
change nothing). A separate row times importing the meetings into a fresh register one
transaction each, as `meetings import MEETING.toml` does, with the figure per meeting. Goal:
build the registers in under 2 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
import time
from pathlib import Path

from meetings.dates import WorkingCalendar
from meetings.decisions import DecisionRules, decisions_csv
from meetings.minutes import (
    Decision,
    Declaration,
    InterestNature,
    Minute,
    Minutes,
    Outcome,
    Quorum,
    Resolution,
    Substitution,
    Verb,
)
from meetings.records import (
    attendance_csv,
    attendance_summary,
    declarations_csv,
    meeting_records,
)
from meetings.register import Register
from meetings.render import render

BODIES = ("council", "audit", "planning", "licensing", "finance-portfolio-holder")
START = dt.date(2019, 6, 4)
MEMBERS = tuple(f"{chr(65 + i % 26)} Member{i:02d}" for i in range(40))


def minutes(n: int, items: int, rng: random.Random) -> list[Minutes]:
    """`n` meetings spread over the bodies and five years, `items` decisions each."""
    out = []
    for k in range(n):
        body = BODIES[k % len(BODIES)]
        day = START + dt.timedelta(days=(k * 5 * 365) // n)
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        seats = [MEMBERS[(k + j) % len(MEMBERS)] for j in range(8)]
        away = rng.sample(seats, rng.randint(0, 3))
        present = [s for s in seats if s not in away]
        subs = []
        if away and rng.random() < 0.5:
            stand_in = MEMBERS[(k + 20) % len(MEMBERS)]
            subs.append(Substitution(member=stand_in, replaces=away[0]))
            present.append(stand_in)
        executive = body.endswith("portfolio-holder")
        made = []
        for i in range(items):
            if executive:
                made.append(
                    Minute(
                        number=i + 1,
                        title=f"Decision {i + 1}",
                        decisions=(Decision(verb=Verb.AGREED, text="the recommendation."),),
                        key_decision=i == 0,
                    )
                )
            else:
                made.append(
                    Minute(
                        number=i + 1,
                        title=f"Report {i + 1}",
                        resolutions=(
                            Resolution(
                                parts=("The report be noted.", "Progress be reported."),
                                outcome=Outcome.UNANIMOUS,
                                affirmation=True,
                            ),
                        ),
                    )
                )
        declarations: tuple[Declaration, ...] = ()
        if rng.random() < 0.3:
            declarations = (
                Declaration(
                    member=present[0],
                    items=(rng.randint(1, items),),
                    nature=InterestNature.NON_PECUNIARY,
                    details="a member of a body the council funds",
                    action="remained in the meeting",
                ),
            )
        out.append(
            Minutes(
                council="Bench Borough Council",
                body=body,
                body_name=body.replace("-", " ").title(),
                day=day,
                start=dt.time(19),
                venue=None,
                chair=present[0],
                present=tuple(present[1:]),
                substitutes=tuple(subs),
                officers=(),
                apologies=tuple(away),
                declarations=declarations,
                minutes=tuple(made),
                closed=None,
                signed=None,
                decision_maker="The Finance Portfolio Holder" if executive else None,
                quorum=Quorum(present=len(present), required=3),
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--meetings", type=int, default=500)
    parser.add_argument("--items", type=int, default=10)
    args = parser.parse_args()
    held = minutes(args.meetings, args.items, random.Random(17))
    calendar = WorkingCalendar()
    rules = DecisionRules()

    t0 = time.perf_counter()
    records = [meeting_records(m, calendar=calendar, rules=rules) for m in held]
    t_extract = time.perf_counter() - t0
    decisions = sum(len(r.decisions) for r in records)
    attendance = sum(len(r.attendance) for r in records)
    declared = sum(len(r.declarations) for r in records)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "actions.sqlite"
        with Register(path) as reg:
            t0 = time.perf_counter()
            reg.import_meetings(records)
            t_import = time.perf_counter() - t0

            t0 = time.perf_counter()
            found = reg.decisions()
            present = reg.attendance()
            summary = attendance_summary(present)
            interests = reg.declarations()
            csv_text = decisions_csv(found) + attendance_csv(present) + declarations_csv(interests)
            html = render(
                "registers/decisions.html",
                {"council": "", "title": "Decisions", "filters": [], "records": found},
            )
            t_read = time.perf_counter() - t0

            t0 = time.perf_counter()
            changed = sum(reg.import_meeting(r).changed for r in records)
            t_again = time.perf_counter() - t0
            size = path.stat().st_size + Path(str(path) + "-wal").stat().st_size
        # One meeting at a time, as `meetings import MEETING.toml` does: a commit each.
        with Register(Path(tmp) / "each.sqlite") as each:
            t0 = time.perf_counter()
            for r in records:
                each.import_meeting(r)
            t_each = time.perf_counter() - t0

    assert len(found) == decisions
    assert len(present) == attendance
    assert not changed
    total = t_extract + t_import + t_read
    print(
        f"{args.meetings} meetings: {decisions} decisions, {attendance} attendance records,"
        f" {declared} declarations; {len(summary)} attendance lines"
    )
    print(f"{'records from the minutes':<44} {t_extract * 1000:9.1f} ms")
    print(f"{'import (all meetings in one transaction)':<44} {t_import * 1000:9.1f} ms")
    print(
        f"{'read back, attendance figures, csv + html':<44} {t_read * 1000:9.1f} ms"
        f" ({len(csv_text) // 1024} KiB csv, {len(html) // 1024} KiB html)"
    )
    print(f"{'registers built (the three above)':<44} {total * 1000:9.1f} ms (goal: < 2000 ms)")
    print(f"{'import again (changes nothing)':<44} {t_again * 1000:9.1f} ms")
    print(
        f"{'import one meeting per transaction':<44} {t_each * 1000:9.1f} ms"
        f" ({t_each / len(records) * 1000:.2f} ms per meeting, mostly the commit's fsync)"
    )
    print(f"{'register size':<44} {size / 1024:9.0f} KiB")


if __name__ == "__main__":
    main()
