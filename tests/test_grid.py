"""The calendar grid says in words what it shows by borders and patterns (WCAG 1.4.1): each
meeting's status and each shaded day's periods are text a screen reader reads, and the printed
PDF carries the same words."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

from meetings import timetable
from meetings.committee import Council
from meetings.definitions import load_council
from meetings.planner import plan_schedule
from meetings.render import Format
from meetings.schedule import MeetingStatus, Schedule

Example = tuple[Schedule, Council]

EXAMPLE = Path(__file__).parent.parent / "examples" / "oadby-wigston" / "council.toml"


class _Spoken(HTMLParser):
    """The text of each grid meeting and each day cell, as a screen reader gets it: everything
    but what is aria-hidden."""

    def __init__(self) -> None:
        super().__init__()
        self.meetings: dict[str, str] = {}
        self.days: dict[str, str] = {}
        self._stack: list[tuple[str, bool]] = []  # (tag, hidden)
        self._meeting: str | None = None
        self._day: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        hidden = (bool(self._stack) and self._stack[-1][1]) or found.get("aria-hidden") == "true"
        self._stack.append((tag, hidden))
        if tag == "li" and found.get("data-uid"):
            self._meeting = found["data-uid"]
            self.meetings[self._meeting or ""] = ""
        if tag == "td" and found.get("data-date"):
            self._day = found["data-date"]
            self.days[self._day or ""] = ""

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            open_tag, _ = self._stack.pop()
            if open_tag == tag:
                break
        if tag == "li":
            self._meeting = None
        if tag == "td":
            self._day = None

    def handle_data(self, data: str) -> None:
        if self._stack and self._stack[-1][1]:
            return
        if self._meeting is not None:
            self.meetings[self._meeting] += data
        if self._day is not None:
            self.days[self._day] += data


@pytest.fixture(scope="module")
def example() -> Example:
    council = load_council(EXAMPLE)
    return plan_schedule(council), council


def test_every_meeting_says_its_status_in_words(example: Example) -> None:
    schedule, council = example
    # one meeting of each status
    first, second, *rest = schedule.meetings
    schedule = attrs.evolve(
        schedule,
        meetings=(
            attrs.evolve(first, status=MeetingStatus.CONFIRMED),
            attrs.evolve(second, status=MeetingStatus.CANCELLED),
            *rest,
        ),
    )
    spoken = _Spoken()
    spoken.feed(timetable.render_grid(schedule, council).decode())
    assert len(spoken.meetings) == len(schedule.meetings)
    for meeting in schedule.meetings:
        text = " ".join(spoken.meetings[meeting.uid].split())
        assert text.endswith(f"({meeting.status.value})"), text
        assert meeting.title in text


def test_every_shaded_day_names_its_periods_in_words(example: Example) -> None:
    schedule, council = example
    spoken = _Spoken()
    spoken.feed(timetable.render_grid(schedule, council).decode())
    christmas = " ".join(spoken.days["2019-12-25"].split())
    assert "Bank holiday: Christmas Day" in christmas
    assert "Council offices closed" in christmas
    assert "BH" not in christmas  # the codes are for the eye only
    # a day with no period says nothing of shading
    assert ":" not in spoken.days["2019-07-10"]


@pytest.mark.skipif(
    importlib.util.find_spec("weasyprint") is None or shutil.which("pdftotext") is None,
    reason="needs the pdf extra and poppler's pdftotext",
)
def test_the_printed_grid_carries_the_same_words(example: Example, tmp_path: Path) -> None:
    schedule, council = example
    pdf = tmp_path / "calendar.pdf"
    pdf.write_bytes(timetable.render_grid(schedule, council, Format.PDF))
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert text.count("\f") >= 12  # a month a page
    assert len(re.findall(r"\(provisional\)", text)) == len(schedule.meetings)
    for month in ("May 2019", "December 2019", "April 2020"):
        assert month in text
    words = " ".join(text.split())
    assert "Bank holiday: Christmas Day" in words, words
