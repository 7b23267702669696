"""Benchmark of the working-day arithmetic and the deadline engine: run
`python bench/bench_dates.py`.

A million `is_working_day` calls, 100,000 `add_working_days(d, 25)` calls (the
notice-of-election count) and 100,000 `add_working_days(d, -25)` calls (counting back) over the
days of 2019-2026, on a calendar with a Christmas shutdown; then 10,000 `meeting_deadlines`
calls (every statutory deadline of a meeting, each rule looked up in the dated table for the
meeting's day) and 10,000 `notice_of_election_deadline` calls. Goal: a year of scheduling never
recomputes holidays, so the working-day calls run in about a second or less, and a meeting's
deadlines take tens of microseconds. Each figure is the best of `REPEATS` runs, as the machine
is shared.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from meetings import closures
from meetings.dates import WorkingCalendar, meeting_deadlines
from meetings.elections import notice_of_election_deadline

IS_WORKING_CALLS = 1_000_000
ADD_CALLS = 100_000
DEADLINE_CALLS = 10_000
REPEATS = 5


def best(run: Callable[[], object]) -> float:
    """The fastest of `REPEATS` runs, in seconds."""
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    calendar = WorkingCalendar(
        nation="england", extra_closures=[closures.christmas_shutdown(y) for y in range(2019, 2027)]
    )
    first = dt.date(2019, 1, 1)
    days = [first + dt.timedelta(days=i) for i in range(8 * 365)]

    start = time.perf_counter()
    calendar.is_working_day(first)  # the first call of a year computes and indexes it
    cold = time.perf_counter() - start

    n = len(days)
    working = sum(calendar.is_working_day(d) for d in days)

    def is_working_days() -> None:
        for i in range(IS_WORKING_CALLS):
            calendar.is_working_day(days[i % n])

    def forward() -> None:
        for i in range(ADD_CALLS):
            calendar.add_working_days(days[i % n], 25)

    def backward() -> None:
        for i in range(ADD_CALLS):
            calendar.add_working_days(days[i % n], -25)

    meeting_deadlines(days[0], calendar)  # warm: every year's holidays computed once

    def deadlines_of_meetings() -> None:
        for i in range(DEADLINE_CALLS):
            meeting_deadlines(days[(i * 7) % n], calendar)

    polls = [d for d in days if d.weekday() == 3]
    notice_of_election_deadline(polls[0])

    def notices_of_election() -> None:
        for i in range(DEADLINE_CALLS):
            notice_of_election_deadline(polls[i % len(polls)])

    is_working = best(is_working_days)
    add = best(forward)
    back = best(backward)
    deadlines = best(deadlines_of_meetings)
    notices = best(notices_of_election)

    print(f"first call (holidays of one year computed): {cold * 1e3:8.2f} ms")
    print(
        f"{IS_WORKING_CALLS:>9,} is_working_day calls:      {is_working:8.3f} s "
        f"({is_working / IS_WORKING_CALLS * 1e9:5.0f} ns/call; {working:,} of {n:,} days working)"
    )
    print(
        f"{ADD_CALLS:>9,} add_working_days(d, 25):    {add:8.3f} s "
        f"({add / ADD_CALLS * 1e6:5.2f} us/call)"
    )
    print(
        f"{ADD_CALLS:>9,} add_working_days(d, -25):   {back:8.3f} s "
        f"({back / ADD_CALLS * 1e6:5.2f} us/call)"
    )
    print(
        f"{DEADLINE_CALLS:>9,} meeting_deadlines:          {deadlines:8.3f} s "
        f"({deadlines / DEADLINE_CALLS * 1e6:5.1f} us/call)"
    )
    print(
        f"{DEADLINE_CALLS:>9,} notice_of_election:         {notices:8.3f} s "
        f"({notices / DEADLINE_CALLS * 1e6:5.1f} us/call)"
    )


if __name__ == "__main__":
    main()
