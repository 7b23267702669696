"""Bind an agenda pack of 12 papers totalling 400 pages and print the figures.

    .venv/bin/python bench/bench_pack.py [--runs 3]

The papers are made first (not timed): twelve PDFs of 14 to 55 pages of report text, printed
with the project's own printing adapter, in a workspace with the example council. Then
`make_packs` is timed end to end, as `meetings pack` runs it: reading the meeting file,
counting every paper's pages, building and printing the front sheet with the computed page
ranges, and binding: stamps on all 400 pages, outline, labels, title, language. Goal: under
3 s.
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import pypdf

from meetings.assembly import make_packs
from meetings.printing import html_to_pdf

ROOT = Path(__file__).resolve().parent.parent
COUNCIL = ROOT / "examples" / "oadby-wigston" / "council.toml"
# Pages of the twelve papers: 400 in all.
PAGES = (14, 53, 20, 41, 26, 35, 18, 47, 30, 39, 22, 55)
TOTAL = sum(PAGES)
TEXT = (
    "The Committee is asked to consider the report and the appendices to it, which set out "
    "the proposed programme, its costs and the risks identified by officers. "
) * 6


def make_paper(path: Path, pages: int, number: int) -> None:
    sheets = "".join(
        f'<section style="break-after: page"><h2>Report {number}, page {n}</h2>'
        f"<p>{TEXT}</p><p>{TEXT}</p></section>"
        for n in range(1, pages + 1)
    )
    path.write_bytes(
        html_to_pdf(f'<html lang="en-GB"><title>Report {number}</title><body>{sheets}</body>')
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-pack-") as folder:
        work = Path(folder)
        shutil.copy(COUNCIL, work / "council.toml")
        (work / "meetings").mkdir()
        (work / "papers").mkdir()
        items = []
        made = time.perf_counter()
        for number, pages in enumerate(PAGES, start=1):
            make_paper(work / "papers" / f"report-{number}.pdf", pages, number)
            items.append(
                f'[[items]]\ntitle = "Report {number}"\nauthor = "samuel-ball"\n'
                f'papers = "../papers/report-{number}.pdf"\n'
            )
        made = time.perf_counter() - made
        counted = [len(pypdf.PdfReader(p).pages) for p in sorted((work / "papers").iterdir())]
        assert sum(counted) == TOTAL, counted
        meeting = work / "meetings" / "2019-03-05-change-management.toml"
        meeting.write_text("\n".join(items), encoding="utf-8")
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            packs = make_packs(meeting)
            times.append(time.perf_counter() - start)
        reader = pypdf.PdfReader(io.BytesIO(packs.public))
        front = len(reader.pages) - TOTAL
        assert reader.page_labels[front:][-1] == str(TOTAL)
        print(f"papers: {len(PAGES)} PDFs, {TOTAL} pages, made in {made:.1f} s (not timed)")
        print(
            f"pack: {len(reader.pages)} pages ({front} front sheet + {TOTAL}), "
            f"{len(packs.public) / 1e6:.1f} MB"
        )
        print(
            f"make_packs over {args.runs} runs: best {min(times):.2f} s, "
            f"median {statistics.median(times):.2f} s (goal: under 3 s)"
        )


if __name__ == "__main__":
    main()
