"""Helpers shared by several test modules; they import it as `helpers` (tests/ is on the
import path, as pytest puts the folder of a rootdir conftest.py there)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import attrs
import pytest

from meetings.closures import Period
from meetings.committee import BodyKind
from meetings.dates import LONDON
from meetings.rules import Severity
from meetings.schedule import Breach, Meeting, MeetingStatus, Schedule

PUBLISH = Path(__file__).parent / "data" / "publish"
JS = Path(__file__).parent / "js"
# venue as a meeting holds it -> LOCATION (timetable.feeds builds this from the council)
VENUES = {
    "chamber": "Council Chamber, Council Offices, Station Road, Wigston, LE18 2DR",
    "brocks-hill": "Brocks Hill Council Offices; Meeting Room, Washbrook Lane, Oadby, LE2 5JJ",
}


def hard(breaches: tuple[Breach, ...]) -> list[Breach]:
    return [b for b in breaches if b.severity == Severity.HARD]


def fixture_schedule() -> Schedule:
    """56 meetings of 2019/20 and the year's holidays, closures and pre-election period."""
    data = json.loads((PUBLISH / "schedule-2019-20.json").read_text(encoding="utf-8"))
    schedule = Schedule.from_json(data, file="schedule-2019-20.json")
    periods = tuple(
        Period(
            name=p["name"],
            start=dt.date.fromisoformat(p["start"]),
            end=dt.date.fromisoformat(p["end"]),
            category=p["category"],
            source=p["source"],
        )
        for p in data["periods"]
    )
    return attrs.evolve(schedule, periods=periods)


def meeting(
    day: dt.date,
    *,
    uid: str = "change-management-2019-20-3@oadby-wigston.gov.uk",
    title: str = "Change Management Committee",
    venue: str | None = "Council Chamber",
    at: dt.time = dt.time(18, 30),
    status: MeetingStatus = MeetingStatus.PROVISIONAL,
    quarter: str | None = None,
) -> Meeting:
    start = dt.datetime.combine(day, at, LONDON)
    return Meeting(
        uid=uid,
        body="change-management",
        title=title,
        kind=BodyKind.COMMITTEE,
        start=start,
        end=start + dt.timedelta(hours=2),
        venue=venue,
        status=status,
        reporting_quarter=quarter,
    )


def ical_js(feed: bytes) -> dict[str, Any]:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    if not (JS / "node_modules" / "ical.js").is_dir():
        pytest.skip("ical.js is not installed (npm ci in tests/js)")
    run = subprocess.run(
        ["node", str(JS / "feed-times.mjs")],
        input=feed,
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr.decode()
    found: dict[str, Any] = json.loads(run.stdout)
    return found
