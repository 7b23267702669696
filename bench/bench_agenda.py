"""Render 500 agendas to HTML from one template environment and print the figures.

    .venv/bin/python bench/bench_agenda.py [--count 500]

The agendas are the example meeting of 5 March 2019 moved to 500 different meeting days (so
every issue date is worked out afresh against the bank holidays) with 1 to 20 reports each,
some exempt. Neighbours are given, so the figures measure building and rendering, not
reading the folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from pathlib import Path

import attrs

from meetings.agenda import (
    AgendaItem,
    ItemKind,
    Neighbours,
    build_agenda,
    find_council,
    load_meeting,
)
from meetings.definitions import load_council
from meetings.render import environment, render

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "oadby-wigston" / "meetings" / "2019-03-05-change-management.toml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    args = parser.parse_args()

    council = load_council(find_council(EXAMPLE))
    base = load_meeting(EXAMPLE, council)
    report = base.items[0]
    meetings = []
    for i in range(args.count):
        day = base.day + dt.timedelta(days=7 * i)
        items = tuple(
            attrs.evolve(
                report,
                title=f"Report {n + 1} for {day:%d %B %Y}",
                kind=ItemKind.DECISION if n % 2 else ItemKind.INFORMATION,
                pages=1 + (i * 7 + n) % 23,
                exempt=(1, 3) if n % 9 == 8 else (),
            )
            for n in range(1 + i % 20)
        )
        meetings.append(attrs.evolve(base, day=day, items=(*items, _verbal(report))))
    around = Neighbours(previous=base.day - dt.timedelta(days=49), next=None)

    start = time.perf_counter()
    agendas = [build_agenda(m, council, around=around) for m in meetings]
    built = time.perf_counter() - start

    environment.cache_clear()
    start = time.perf_counter()
    render("agenda/agenda.html", {"agenda": agendas[0]})
    first = time.perf_counter() - start

    times = []
    size = 0
    start = time.perf_counter()
    for agenda in agendas:
        one = time.perf_counter()
        size += len(render("agenda/agenda.html", {"agenda": agenda}))
        times.append(time.perf_counter() - one)
    rendered = time.perf_counter() - start
    entries = sum(len(a.entries) for a in agendas)

    print(f"agendas: {len(agendas)} ({entries} agenda items, {size / 1e6:.1f} MB of HTML)")
    print(
        f"build (numbering, pages, issue dates): {built:.3f} s, "
        f"{1e3 * built / len(agendas):.2f} ms each"
    )
    print(f"first render (template compiled): {1e3 * first:.1f} ms")
    print(
        f"render HTML from one environment: {rendered:.3f} s, "
        f"{len(agendas) / rendered:.0f} agendas/s, median {1e3 * statistics.median(times):.2f} ms, "
        f"max {1e3 * max(times):.2f} ms"
    )


def _verbal(report: AgendaItem) -> AgendaItem:
    return attrs.evolve(report, title="Verbal update", kind=ItemKind.VERBAL, pages=None)


if __name__ == "__main__":
    main()
