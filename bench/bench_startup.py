"""Benchmark of start-up: run `python bench/bench_startup.py`.

Each command runs as a fresh process (bytecode compiled first, as after a normal install),
several times; the median wall time is printed with the goal from issue 11, and
`python -X importtime` says what `import meetings.dates` loads and what it costs.
Goals: `meetings --help` under 100 ms; `meetings deadlines --meeting …` and
`meetings validate` under 200 ms; `import meetings.dates` under 100 ms.
"""

from __future__ import annotations

import compileall
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "oadby-wigston" / "council.toml"
RUNS = 9
MEETINGS = [sys.executable, "-m", "meetings"]
CASES: tuple[tuple[str, list[str], float], ...] = (
    ("python -c pass (floor)", [sys.executable, "-c", "pass"], 0.0),
    ("import meetings.dates", [sys.executable, "-c", "import meetings.dates"], 0.100),
    ("meetings --help", [*MEETINGS, "--help"], 0.100),
    ("meetings deadlines --meeting", [*MEETINGS, "deadlines", "--meeting", "2019-03-05"], 0.200),
    ("meetings validate (example)", [*MEETINGS, "validate", str(EXAMPLE)], 0.200),
)


def _wall(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    import meetings  # noqa: PLC0415 - only to find the installed package

    compileall.compile_dir(Path(meetings.__file__).parent, quiet=1)
    print(f"{'command':32} {'median':>8} {'min':>8} {'goal':>8}")
    for name, argv, goal in CASES:
        _wall(argv)  # warm the file cache
        times = [_wall(argv) for _ in range(RUNS)]
        mark = "" if not goal else ("  met" if statistics.median(times) < goal else "  MISSED")
        print(
            f"{name:32} {statistics.median(times) * 1000:6.0f}ms {min(times) * 1000:6.0f}ms "
            f"{goal * 1000:6.0f}ms{mark}"
        )
    report = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import meetings.dates"],
        check=True,
        capture_output=True,
        text=True,
    ).stderr
    rows = [
        (int(m[1]), m[2].strip())
        for m in re.finditer(r"import time:\s+\d+ \|\s+(\d+) \|(.*)", report)
    ]
    print("\nlargest cumulative imports of `import meetings.dates` (-X importtime):")
    for micros, module in sorted(rows, reverse=True)[:8]:
        print(f"  {micros / 1000:6.1f} ms  {module}")


if __name__ == "__main__":
    main()
