"""What the hardening costs: the input bounds on reading, atomic writes, the bounded sandbox.

Prints, for the bundled example: the time to read the council file and how much of it is
`guards.value_problems`; writing a publication's files atomically (temporary file, fsync,
rename) against a plain write; rendering the agenda through the bounded sandbox against
Jinja's own `render`. Medians of repeated runs.

    .venv/bin/python bench/bench_guards.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

from meetings import files, guards, render, timetable
from meetings.agenda import agenda_for
from meetings.definitions import load_council
from meetings.planner import plan_schedule

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "oadby-wigston"


def median_ms(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    path = EXAMPLE / "council.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    load = median_ms(lambda: load_council(path), 30)
    bounds = median_ms(lambda: guards.value_problems(data), 200)
    print(f"load_council (example): {load:.2f} ms, of which value_problems {bounds:.3f} ms")

    council = load_council(path)
    plan = plan_schedule(council)
    stamp = dt.datetime(2019, 3, 1, 9, tzinfo=dt.UTC)
    made = timetable.feeds(plan, council, stamp=stamp)
    made["schedule.csv"] = timetable.to_csv(plan, council)
    size = sum(len(v) for v in made.values()) // 1024
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)

        def plain() -> None:
            for name, payload in made.items():
                (out / name).write_bytes(payload)

        def atomic() -> None:
            for name, payload in made.items():
                files.write_atomic(out / name, payload)

        plain_ms, atomic_ms = median_ms(plain, 20), median_ms(atomic, 20)
    print(
        f"writing {len(made)} publication files ({size} KiB): plain {plain_ms:.2f} ms,"
        f" atomic with fsync {atomic_ms:.2f} ms"
    )

    agenda = agenda_for(EXAMPLE / "meetings" / "2019-03-05-change-management.toml", council)
    env = render.environment(None)
    template = env.get_template("agenda/agenda.html")
    context = {"agenda": agenda}
    jinja_ms = median_ms(lambda: template.render(context), 50)
    bounded_ms = median_ms(lambda: render.render("agenda/agenda.html", context), 50)
    print(f"agenda HTML: Jinja's render {jinja_ms:.2f} ms, bounded sandbox {bounded_ms:.2f} ms")


if __name__ == "__main__":
    main()
