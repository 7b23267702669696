"""Time the calendar grid of the example council's year: HTML and the printed PDF.

    .venv/bin/python bench/bench_grid.py [--repeat 3] [--out calendar.pdf]

The schedule is planned once (not timed); then the grid is rendered to HTML and printed to
PDF `--repeat` times, and the best and median of each are printed. `make demo` writes the
same PDF (demo-output/calendar.pdf). Needs the `pdf` extra (WeasyPrint).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from pathlib import Path

from meetings.definitions import load_council
from meetings.planner import plan_schedule
from meetings.printing import html_to_pdf
from meetings.render import Format
from meetings.timetable import render_grid

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "oadby-wigston" / "council.toml"
STAMP = dt.datetime(2019, 3, 1, 9, tzinfo=dt.UTC)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, help="also write the PDF here, to look at")
    args = parser.parse_args()

    council = load_council(EXAMPLE)
    schedule = plan_schedule(council)
    html_times, pdf_times, pdf_cpu = [], [], []
    pdf = b""
    for _ in range(args.repeat):
        start = time.perf_counter()
        html = render_grid(schedule, council, Format.HTML, stamp=STAMP).decode()
        middle, cpu = time.perf_counter(), time.process_time()
        pdf = html_to_pdf(html)
        end = time.perf_counter()
        html_times.append(middle - start)
        pdf_times.append(end - middle)
        # CPU time too: on a shared machine the wall clock also counts other processes' turns
        pdf_cpu.append(time.process_time() - cpu)
    if args.out:
        args.out.write_bytes(pdf)
    months = html.count('class="month"')
    print(f"calendar grid of {len(schedule.meetings)} meetings, {months} months:")
    print(
        f"  html: best {min(html_times) * 1000:.0f} ms, "
        f"median {statistics.median(html_times) * 1000:.0f} ms"
    )
    print(
        f"  pdf:  best {min(pdf_times):.2f} s, median {statistics.median(pdf_times):.2f} s "
        f"(CPU best {min(pdf_cpu):.2f} s; {len(pdf) // 1024} KiB)"
    )


if __name__ == "__main__":
    main()
