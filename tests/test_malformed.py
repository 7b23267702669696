# ruff: noqa: E501 - the table quotes whole lines of the example files
"""Malformed input, table-driven: every file kind and command, each case run through the
command line. Each must end with exit status 1 (bad input) or 2 (wrong usage), print no
traceback, and name the file and the key or line (or the option) that is wrong.

A workspace per case: a copy of the example (council.toml and its meeting files in meetings/)
and a register holding the example's actions (actions.sqlite); a case replaces or adds files
(a schedule planned from the example, schedule.json, .csv or .ics, among them) and runs one
command in that folder.
"""

from __future__ import annotations

import functools
import json
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

from meetings.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "oadby-wigston"
COUNCIL = (EXAMPLE / "council.toml").read_text(encoding="utf-8")
AGENDA_FILE = "meetings/2019-03-05-change-management.toml"
HELD_FILE = "meetings/2019-01-15-change-management.toml"
AGENDA = (EXAMPLE / AGENDA_FILE).read_text(encoding="utf-8")
HELD = (EXAMPLE / HELD_FILE).read_text(encoding="utf-8")

Content = str | bytes | Callable[[], str | bytes]


@attrs.frozen
class Case:
    id: str
    argv: tuple[str, ...]
    expect: tuple[str, ...]  # every one of these in the message (stderr)
    files: dict[str, Content] = attrs.field(factory=dict)
    status: int = 1


# -- building the broken files ------------------------------------------------------------------


def council(old: str, new: str) -> str:
    """The example council with one text replaced (which must be there)."""
    assert old in COUNCIL, old
    return COUNCIL.replace(old, new, 1)


def council_plus(text: str) -> str:
    return COUNCIL + "\n" + text + "\n"


def schedule_rule(line: str) -> str:
    """The example with a line added to its [schedule] table."""
    return council("[schedule]\n", f"[schedule]\n{line}\n")


def held(old: str, new: str) -> str:
    assert old in HELD, old
    return HELD.replace(old, new, 1)


def agenda(old: str, new: str) -> str:
    assert old in AGENDA, old
    return AGENDA.replace(old, new, 1)


@functools.cache
def planned() -> dict[str, bytes]:
    """schedule.json, .csv and .ics as `meetings schedule` writes them for the example."""
    import datetime as dt  # noqa: PLC0415

    from meetings import schedule as schedule_module  # noqa: PLC0415
    from meetings import timetable  # noqa: PLC0415
    from meetings.definitions import load_council  # noqa: PLC0415
    from meetings.planner import plan_schedule  # noqa: PLC0415

    loaded = load_council(EXAMPLE / "council.toml")
    plan = plan_schedule(loaded)
    stamp = dt.datetime(2019, 3, 1, 9, tzinfo=dt.UTC)
    return {
        "json": schedule_module.schedule_json(plan).encode(),
        "csv": timetable.to_csv(plan, loaded),
        "ics": timetable.feeds(plan, loaded, stamp=stamp)["schedule.ics"],
    }


def sched_json(change: Callable[[dict[str, object]], object]) -> Callable[[], str]:
    """schedule.json with `change(data)` applied (it edits in place, or returns a new value)."""

    def make() -> str:
        data = json.loads(planned()["json"])
        result = change(data)
        return json.dumps(data if result is None else result)

    return make


def first_meeting(data: dict[str, Any]) -> dict[str, Any]:
    meeting: dict[str, Any] = data["meetings"][0]
    return meeting


def meeting0(**fields: object) -> Callable[[dict[str, object]], None]:
    def change(data: dict[str, object]) -> None:
        meetings = data["meetings"]
        assert isinstance(meetings, list)
        meetings[0].update(fields)

    return change


def sched_csv(change: Callable[[list[str]], list[str]]) -> Callable[[], str]:
    """schedule.csv with its lines changed by `change` (line 0 is the header)."""

    def make() -> str:
        lines = planned()["csv"].decode().splitlines()
        return "\r\n".join(change(lines)) + "\r\n"

    return make


def csv_row1(old: str, new: str) -> Callable[[list[str]], list[str]]:
    def change(lines: list[str]) -> list[str]:
        assert old in lines[1], (old, lines[1])
        return [lines[0], lines[1].replace(old, new, 1), *lines[2:]]

    return change


def sched_ics(change: Callable[[str], str]) -> Callable[[], bytes]:
    return lambda: change(planned()["ics"].decode()).encode()


def ics_replace(old: str, new: str, count: int = 1) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, count)

    return change


VEVENT = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//EN\r
BEGIN:VEVENT\r
UID:one@example.org\r
DTSTAMP:20190301T090000Z\r
SUMMARY:Change Management Committee\r
{fields}END:VEVENT\r
END:VCALENDAR\r
"""


def vevent(fields: str) -> str:
    return VEVENT.format(fields="".join(f"{line}\r\n" for line in fields.splitlines()))


def deep(opening: str, closing: str, depth: int = 100_000) -> str:
    return opening * depth + closing * depth


def other_sqlite() -> bytes:
    """Another program's SQLite database (a browser's history, say)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "other.sqlite"
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        con.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
        con.commit()
        con.close()
        return path.read_bytes()


@functools.cache
def _register_bytes(user_version: int | None = None) -> bytes:
    """The bytes of a register holding the example's actions (WAL checkpointed)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.sqlite"
        assert main(["actions", "import", str(EXAMPLE / HELD_FILE), "--register", str(path)]) == 0
        con = sqlite3.connect(path)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute("PRAGMA journal_mode = DELETE")
        if user_version is not None:
            con.execute(f"PRAGMA user_version = {user_version}")
        con.commit()
        con.close()
        return path.read_bytes()


V = ("validate", "council.toml")
CHECK = ("check", "council.toml")
LOAD = ("actions", "load", "in.json", "--register", "r.sqlite")
CSV_HEADER = "group,day,date,start,end,title,venue,reporting_quarter,status,body,kind,uid"

# -- the table --------------------------------------------------------------------------------

CASES: list[Case] = [
    # -- council files: text and TOML ---------------------------------------------------------
    Case(
        "council-cp1252",
        V,
        ("council.toml", "UTF-8"),
        {"council.toml": "name = 'Caf\xe9'".encode("cp1252")},
    ),
    Case("council-utf16", V, ("council.toml", "UTF-8"), {"council.toml": COUNCIL.encode("utf-16")}),
    Case("council-binary", V, ("council.toml",), {"council.toml": bytes(range(256))}),
    Case("council-syntax", V, ("council.toml", "line 1"), {"council.toml": "schema = = 1\n"}),
    Case("council-empty", V, ("council.toml", "council"), {"council.toml": ""}),
    Case("council-nul-raw", V, ("council.toml",), {"council.toml": "schema = 1\x00\n"}),
    Case(
        "council-nul-escape",
        V,
        ("council.toml", "council.name", "control character"),
        {
            "council.toml": council(
                'name = "Oadby and Wigston Borough Council"', 'name = "Oadby\\u0000Wigston"'
            )
        },
    ),
    Case(
        "council-deep-array",
        V,
        ("council.toml", "nest"),
        {"council.toml": "x = " + deep("[", "]") + "\n"},
    ),
    Case(
        "council-deep-table",
        V,
        ("council.toml", "nest"),
        {"council.toml": "x = " + deep("{a = ", "}", 50_000) + "\n"},
    ),
    *[
        Case(
            name,
            V,
            ("council.toml", "clear_days"),
            {"council.toml": council("clear_days = 5", f"clear_days = {value}")},
        )
        for name, value in (
            ("council-huge-int", "99999999999999999999999"),
            ("council-int-2-63", "9223372036854775808"),
            ("council-negative-clear-days", "-1"),
            ("council-clear-days-text", '"five"'),
            ("council-clear-days-float", "5.5"),
            ("council-clear-days-inf", "inf"),
        )
    ],
    Case(
        "council-nation",
        V,
        ("council.toml", "nation", "england"),
        {"council.toml": council('nation = "england"', 'nation = "france"')},
    ),
    Case(
        "council-timezone",
        V,
        ("council.toml", "timezone"),
        {"council.toml": council('timezone = "Europe/London"', 'timezone = "Mars/Olympus"')},
    ),
    Case(
        "council-timezone-path",
        V,
        ("council.toml", "timezone"),
        {"council.toml": council('timezone = "Europe/London"', 'timezone = "../../etc/passwd"')},
    ),
    Case(
        "council-timezone-int",
        V,
        ("council.toml", "timezone"),
        {"council.toml": council('timezone = "Europe/London"', "timezone = 5")},
    ),
    Case(
        "council-unknown-key",
        V,
        ("council.toml", "council.nme"),
        {"council.toml": council("[council]\n", '[council]\nnme = "x"\n')},
    ),
    Case(
        "council-schema-2",
        V,
        ("council.toml", "schema"),
        {"council.toml": council("schema = 1", "schema = 2")},
    ),
    Case(
        "council-schema-text",
        V,
        ("council.toml", "schema"),
        {"council.toml": council("schema = 1", 'schema = "1"')},
    ),
    *[
        Case(name, V, ("council.toml", "quorum"), {"council.toml": council(old, new)})
        for name, old, new in (
            ("council-quorum-zero-denominator", 'quorum = "1/4"', 'quorum = "1/0"'),
            ("council-quorum-word", 'quorum = "1/4"', 'quorum = "a quarter"'),
            (
                "council-quorum-negative",
                "quorum = 3\n\n[council.contact]",
                "quorum = -3\n\n[council.contact]",
            ),
            (
                "council-quorum-huge-fraction",
                'quorum = "1/4"',
                'quorum = "99999999999999999999999/2"',
            ),
        )
    ],
    Case(
        "council-body-kind",
        V,
        ("council.toml", "kind"),
        {"council.toml": council('kind = "council"', 'kind = "parliament"')},
    ),
    Case(
        "council-members-text",
        V,
        ("council.toml", "members"),
        {"council.toml": council("members = [\n", 'members = "everyone"\nx = [\n')},
    ),
    Case(
        "council-member-number",
        V,
        ("council.toml", "members[0]"),
        {"council.toml": council('    "Miss A R Bond",', "    42,")},
    ),
    Case(
        "council-member-nul",
        V,
        ("council.toml", "members", "control character"),
        {"council.toml": council('    "Miss A R Bond",', '    "Miss A\\u0000Bond",')},
    ),
    Case(
        "council-venue-list",
        V,
        ("council.toml", "venue"),
        {
            "council.toml": council(
                'venue = "council-offices"\ncycle_position',
                'venue = ["council-offices"]\ncycle_position',
            )
        },
    ),
    Case(
        "council-venue-unknown",
        V,
        ("council.toml", "venue"),
        {
            "council.toml": council(
                'venue = "council-offices"\ncycle_position', 'venue = "town-hall"\ncycle_position'
            )
        },
    ),
    Case(
        "council-weekday",
        V,
        ("council.toml", "weekdays"),
        {
            "council.toml": council(
                'weekdays = ["tuesday", "wednesday", "thursday"]\nstart = "19:00"  # the annual',
                'weekdays = ["funday"]\nstart = "19:00"  # the annual',
            )
        },
    ),
    Case(
        "council-start-25h",
        V,
        ("council.toml", "start"),
        {"council.toml": council('start = "18:30"  # 6.30 pm', 'start = "25:00"  # 6.30 pm')},
    ),
    Case(
        "council-start-offset",
        V,
        ("council.toml", "start", "offset"),
        {"council.toml": council('start = "18:30"  # 6.30 pm', 'start = "18:30+01:00"  # 6.30 pm')},
    ),
    Case(
        "council-start-offset-z",
        V,
        ("council.toml", "start", "offset"),
        {"council.toml": council('start = "18:30"  # 6.30 pm', 'start = "18:30Z"  # 6.30 pm')},
    ),
    Case(
        "council-per-year-huge",
        V,
        ("council.toml", "per_year"),
        {"council.toml": council("per_year = 4  # one per", "per_year = 1000000  # one per")},
    ),
    Case(
        "council-receives-unknown",
        V,
        ("council.toml", "receives_from"),
        {
            "council.toml": council(
                'receives_from = ["change-management"]  # the', 'receives_from = ["nobody"]  # the'
            )
        },
    ),
    Case(
        "council-proper-officer",
        V,
        ("council.toml", "proper_officer"),
        {"council.toml": council('proper_officer = "anne-court"', 'proper_officer = "nobody"')},
    ),
    Case(
        "council-minute-numbering",
        V,
        ("council.toml", "minute_numbering"),
        {
            "council.toml": council(
                'minute_numbering = "municipal-year"', 'minute_numbering = "roman"'
            )
        },
    ),
    Case(
        "council-statuses-empty",
        V,
        ("council.toml", "action_statuses"),
        {
            "council.toml": council(
                'action_statuses = ["Not Started", "On Target to Complete", "Ongoing", "Completed", "Superseded"]',
                "action_statuses = []",
            )
        },
    ),
    Case(
        "council-statuses-duplicate",
        V,
        ("council.toml", "action_statuses"),
        {
            "council.toml": council(
                'action_statuses = ["Not Started",', 'action_statuses = ["Ongoing",'
            )
        },
    ),
    Case(
        "council-substitution-deadline",
        V,
        ("council.toml", "substitution_deadline"),
        {
            "council.toml": council(
                'substitution_deadline = { days_before = 0, at = "12:00" }\nquarterly_reporting = true\nreceives_from',
                'substitution_deadline = { days_before = -4, at = "noon" }\nquarterly_reporting = true\nreceives_from',
            )
        },
    ),
    Case(
        "council-address-text",
        V,
        ("council.toml", "address"),
        {
            "council.toml": council(
                'address = ["Council Offices", "Station Road", "Wigston", "Leicestershire", "LE18 2DR"]',
                "address = 12",
            )
        },
    ),
    Case(
        "council-officer-table",
        V,
        ("council.toml", "officers.anne-court"),
        {
            "council.toml": council(
                '[officers.anne-court]\nname = "Mrs Anne E Court"',
                '[officers.anne-court]\nname = ["Mrs Anne E Court"]',
            )
        },
    ),
    # -- council files: the [schedule] table ------------------------------------------------------
    *[
        Case(
            name,
            V,
            ("council.toml", "schedule.year"),
            {"council.toml": council("year = 2019\n", f"year = {value}\n")},
        )
        for name, value in (
            ("schedule-year-zero", "0"),
            ("schedule-year-negative", "-2019"),
            ("schedule-year-far", "99999"),
            ("schedule-year-huge", "9223372036854775807"),
            ("schedule-year-1800", "1800"),
        )
    ],
    Case(
        "schedule-election-offset",
        V,
        ("council.toml", "ordinary_election", "offset"),
        {
            "council.toml": council(
                "ordinary_election = 2019-05-02", "ordinary_election = 2019-05-02T00:00:00+01:00"
            )
        },
    ),
    Case(
        "schedule-election-datetime",
        V,
        ("council.toml", "ordinary_election"),
        {
            "council.toml": council(
                "ordinary_election = 2019-05-02", "ordinary_election = 2019-05-02T07:00:00"
            )
        },
    ),
    Case(
        "schedule-election-text",
        V,
        ("council.toml", "ordinary_election"),
        {
            "council.toml": council(
                "ordinary_election = 2019-05-02", 'ordinary_election = "2 May 2019"'
            )
        },
    ),
    Case(
        "schedule-election-far",
        V,
        ("council.toml", "ordinary_election"),
        {
            "council.toml": council(
                "ordinary_election = 2019-05-02", "ordinary_election = 0001-05-02"
            )
        },
    ),
    Case(
        "schedule-clash",
        V,
        ("council.toml", "schedule.clash"),
        {"council.toml": council('clash = "evening"', 'clash = "sometimes"')},
    ),
    Case(
        "schedule-clash-severity",
        V,
        ("council.toml", "clash_severity"),
        {"council.toml": council('clash_severity = "hard"', 'clash_severity = "fatal"')},
    ),
    Case(
        "schedule-max-per-week-zero",
        V,
        ("council.toml", "max_per_week"),
        {"council.toml": council("max_per_week = 2", "max_per_week = 0")},
    ),
    Case(
        "schedule-max-per-week-negative",
        V,
        ("council.toml", "max_per_week"),
        {"council.toml": council("max_per_week = 2", "max_per_week = -2")},
    ),
    Case(
        "schedule-report-days-huge",
        V,
        ("council.toml", "report_days"),
        {
            "council.toml": council(
                "report_days = 7", "report_days = 1000000000000000000000000000000"
            )
        },
    ),
    Case(
        "schedule-report-days-2-63",
        V,
        ("council.toml", "report_days"),
        {"council.toml": council("report_days = 7", "report_days = 9223372036854775807")},
    ),
    Case(
        "schedule-gap-huge",
        V,
        ("council.toml", "first_meeting_gap"),
        {
            "council.toml": council(
                "first_meeting_gap = 5", "first_meeting_gap = 1000000000000000000000000000000"
            )
        },
    ),
    Case(
        "schedule-gap-negative",
        V,
        ("council.toml", "first_meeting_gap"),
        {"council.toml": council("first_meeting_gap = 5", "first_meeting_gap = -5")},
    ),
    Case(
        "schedule-count-unknown-body",
        V,
        ("council.toml", "schedule.counts"),
        {"council.toml": council("change-management = 5\n", "change-management = 5\nnobody = 3\n")},
    ),
    Case(
        "schedule-count-negative",
        V,
        ("council.toml", "schedule.counts.change-management"),
        {"council.toml": council("change-management = 5\n", "change-management = -5\n")},
    ),
    Case(
        "schedule-count-huge",
        V,
        ("council.toml", "schedule.counts.change-management"),
        {"council.toml": council("change-management = 5\n", "change-management = 100000\n")},
    ),
    Case(
        "schedule-window-reversed",
        V,
        ("council.toml", "schedule.windows[0]"),
        {
            "council.toml": council(
                "start = 2019-11-25\nend = 2019-12-06", "start = 2019-12-25\nend = 2019-12-06"
            )
        },
    ),
    Case(
        "schedule-window-quarter",
        V,
        ("council.toml", "schedule.windows[0]"),
        {"council.toml": council('quarter = "Q2 2019/20"', 'quarter = "Q9 2019/20"')},
    ),
    Case(
        "schedule-election-kind",
        V,
        ("council.toml", "schedule.elections[0].kind"),
        {"council.toml": council('kind = "pcc"', 'kind = "referendum-ish"')},
    ),
    Case(
        "schedule-election-exempt",
        V,
        ("council.toml", "schedule.elections[0].exempt"),
        {
            "council.toml": council(
                'exempt = ["development-control", "licensing-regulatory"]', 'exempt = ["nobody"]'
            )
        },
    ),
    Case(
        "schedule-election-poll-offset",
        V,
        ("council.toml", "schedule.elections[0].poll"),
        {"council.toml": council("poll = 2020-05-07", "poll = 2020-05-07T07:00:00Z")},
    ),
    Case(
        "schedule-avoid-calendar",
        V,
        ("council.toml", "schedule.avoid[0]"),
        {
            "council.toml": council(
                'calendar = "school-holidays-leicestershire"', 'calendar = "no-such-calendar"'
            )
        },
    ),
    Case(
        "schedule-avoid-calendar-path",
        V,
        ("council.toml", "schedule.avoid[0]"),
        {
            "council.toml": council(
                'calendar = "school-holidays-leicestershire"', 'calendar = "/etc/passwd"'
            )
        },
    ),
    Case(
        "schedule-avoid-weight-negative",
        V,
        ("council.toml", "schedule.avoid[0].weight"),
        {"council.toml": council("weight = 20", "weight = -20")},
    ),
    Case(
        "schedule-avoid-weight-huge",
        V,
        ("council.toml", "schedule.avoid[0].weight"),
        {"council.toml": council("weight = 20", "weight = 100000000000000000000000")},
    ),
    Case(
        "schedule-pin-body",
        V,
        ("council.toml", "schedule.pins[0].body"),
        {
            "council.toml": council(
                'body = "service-delivery"\ndate = 2019-06-04', 'body = "nobody"\ndate = 2019-06-04'
            )
        },
    ),
    Case(
        "schedule-pin-date-offset",
        V,
        ("council.toml", "schedule.pins[0]", "offset"),
        {"council.toml": council("date = 2019-06-04", "date = 2019-06-04T19:00:00+01:00")},
    ),
    Case(
        "schedule-pin-date-text",
        V,
        ("council.toml", "schedule.pins[0].date"),
        {"council.toml": council("date = 2019-06-04", 'date = "4 June"')},
    ),
    Case(
        "schedule-event-start-offset",
        V,
        ("council.toml", "schedule.events[0].start", "offset"),
        {
            "council.toml": council(
                'date = 2019-05-16\nstart = "19:00"', 'date = 2019-05-16\nstart = "19:00+01:00"'
            )
        },
    ),
    Case(
        "schedule-event-start-bad",
        V,
        ("council.toml", "schedule.events[0].start"),
        {
            "council.toml": council(
                'date = 2019-05-16\nstart = "19:00"', 'date = 2019-05-16\nstart = "7pm"'
            )
        },
    ),
    Case(
        "schedule-event-title-nul",
        V,
        ("council.toml", "schedule.events[0].title", "control character"),
        {
            "council.toml": council(
                'title = "Member induction: information and access"',
                'title = "Member\\u0000induction"',
            )
        },
    ),
    Case(
        "schedule-event-title-missing",
        V,
        ("council.toml", "schedule.events[0]"),
        {"council.toml": council('title = "Member induction: information and access"\n', "")},
    ),
    Case(
        "schedule-unknown-key",
        V,
        ("council.toml", "schedule.yaer"),
        {"council.toml": schedule_rule("yaer = 2019")},
    ),
    Case(
        "schedule-annual-before",
        V,
        ("council.toml", "next_annual_meeting", "annual_meeting"),
        {
            "council.toml": schedule_rule(
                "annual_meeting = 2019-05-14\nnext_annual_meeting = 2019-05-01"
            )
        },
    ),
    Case(
        "schedule-deep-nesting",
        V,
        ("council.toml", "nest"),
        {"council.toml": schedule_rule("x = " + deep("[", "]", 2000))},
    ),
    # -- meeting files (agenda) ----------------------------------------------------------------
    Case(
        "agenda-cp1252",
        ("agenda", AGENDA_FILE),
        (AGENDA_FILE, "UTF-8"),
        {AGENDA_FILE: AGENDA.replace("Council's", "Council\u2019s").encode("cp1252")},
    ),
    Case(
        "agenda-syntax",
        ("agenda", AGENDA_FILE),
        (AGENDA_FILE, "line"),
        {AGENDA_FILE: AGENDA + "\n[[items]\n"},
    ),
    Case(
        "agenda-unknown-key",
        ("agenda", AGENDA_FILE),
        (AGENDA_FILE, "titel"),
        {AGENDA_FILE: 'titel = "x"\n' + AGENDA},
    ),
    Case(
        "agenda-start-bad",
        ("agenda", AGENDA_FILE),
        (AGENDA_FILE, "start"),
        {AGENDA_FILE: 'start = "half six"\n' + AGENDA},
    ),
    Case(
        "agenda-start-offset",
        ("agenda", AGENDA_FILE),
        (AGENDA_FILE, "start", "offset"),
        {AGENDA_FILE: 'start = "18:30-05:00"\n' + AGENDA},
    ),
    Case(
        "agenda-venue-unknown",
        ("agenda", AGENDA_FILE),
        (AGENDA_FILE, "venue"),
        {AGENDA_FILE: 'venue = "the-pub"\n' + AGENDA},
    ),
    Case(
        "agenda-venue-list",
        ("agenda", AGENDA_FILE),
        (AGENDA_FILE, "venue"),
        {AGENDA_FILE: 'venue = ["council-offices"]\n' + AGENDA},
    ),
    Case(
        "agenda-date-far",
        ("agenda", "meetings/x.toml"),
        ("meetings/x.toml", "date"),
        {"meetings/x.toml": "date = 0001-01-03\nbody = 'change-management'\n" + AGENDA},
    ),
    Case(
        "agenda-date-future",
        ("agenda", "meetings/x.toml"),
        ("meetings/x.toml", "date"),
        {"meetings/x.toml": "date = 9999-12-31\nbody = 'change-management'\n" + AGENDA},
    ),
    Case(
        "agenda-date-offset",
        ("agenda", "meetings/x.toml"),
        ("meetings/x.toml", "date"),
        {
            "meetings/x.toml": "date = 2019-03-05T18:30:00+01:00\nbody = 'change-management'\n"
            + AGENDA
        },
    ),
    Case(
        "agenda-issued-after",
        ("agenda", AGENDA_FILE),
        (AGENDA_FILE, "issued"),
        {AGENDA_FILE: "issued = 2019-03-06\n" + AGENDA},
    ),
    Case(
        "agenda-body-unknown",
        ("agenda", "meetings/2019-03-05-nobody.toml"),
        ("meetings/2019-03-05-nobody.toml", "body"),
        {"meetings/2019-03-05-nobody.toml": AGENDA},
    ),
    Case(
        "agenda-no-date",
        ("agenda", "meetings/notes.toml"),
        ("meetings/notes.toml", "date"),
        {"meetings/notes.toml": AGENDA},
    ),
    Case(
        "agenda-item-kind",
        ("agenda", AGENDA_FILE),
        (AGENDA_FILE, "items[0].kind"),
        {AGENDA_FILE: agenda('kind = "information"', 'kind = "gossip"')},
    ),
    Case(
        "agenda-item-pages-negative",
        ("agenda", AGENDA_FILE),
        (AGENDA_FILE, "items[0].pages"),
        {
            AGENDA_FILE: agenda(
                'papers = "../reports/2019-03-05-corporate-plan.md"', "pages = -2\n#"
            )
        },
    ),
    Case(
        "agenda-item-pages-huge",
        ("agenda", AGENDA_FILE),
        (AGENDA_FILE, "items[0].pages"),
        {
            AGENDA_FILE: agenda(
                'papers = "../reports/2019-03-05-corporate-plan.md"',
                "pages = 99999999999999999999\n#",
            )
        },
    ),
    Case(
        "agenda-item-author",
        ("agenda", AGENDA_FILE),
        (AGENDA_FILE, "items[0].author"),
        {AGENDA_FILE: agenda('author = "anne-court"', 'author = "nobody"')},
    ),
    Case(
        "agenda-item-title-table",
        ("agenda", AGENDA_FILE),
        (AGENDA_FILE, "items[0].title"),
        {
            AGENDA_FILE: agenda(
                'title = "The Council\'s Corporate Plan (2019-2024)"', "title = { text = 'x' }"
            )
        },
    ),
    Case(
        "agenda-item-title-nul",
        ("agenda", AGENDA_FILE),
        (AGENDA_FILE, "items[0].title", "control character"),
        {
            AGENDA_FILE: agenda(
                'title = "The Council\'s Corporate Plan (2019-2024)"', 'title = "The\\u0000Plan"'
            )
        },
    ),
    Case(
        "agenda-items-table",
        ("agenda", AGENDA_FILE),
        (AGENDA_FILE, "items"),
        {"meetings/2019-03-05-change-management.toml": "items = 5\n"},
    ),
    Case(
        "agenda-standard-unknown",
        ("agenda", AGENDA_FILE),
        (AGENDA_FILE, "standard.minuets"),
        {AGENDA_FILE: agenda("[standard.minutes]", "[standard.minuets]")},
    ),
    Case(
        "agenda-council-file",
        ("agenda", AGENDA_FILE),
        (AGENDA_FILE, "council definition"),
        {AGENDA_FILE: COUNCIL},
    ),
    Case(
        "agenda-deep",
        ("agenda", AGENDA_FILE),
        (AGENDA_FILE, "nest"),
        {AGENDA_FILE: "x = " + deep("[", "]") + "\n"},
    ),
    Case("agenda-directory", ("agenda", "meetings"), ("meetings",)),
    Case("agenda-missing", ("agenda", "meetings/none.toml"), ("meetings/none.toml",)),
    Case(
        "agenda-council-broken",
        ("agenda", AGENDA_FILE),
        ("council.toml", "nation"),
        {"council.toml": council('nation = "england"', 'nation = "france"')},
    ),
    # -- meeting files (minutes) ---------------------------------------------------------------
    *[
        Case(
            name,
            ("minutes", HELD_FILE),
            (HELD_FILE, "first_minute"),
            {HELD_FILE: held("first_minute = 10", f"first_minute = {value}")},
        )
        for name, value in (
            ("minutes-first-negative", "-10"),
            ("minutes-first-zero", "0"),
            ("minutes-first-huge", "99999999999999999999999"),
            ("minutes-first-text", '"ten"'),
        )
    ],
    Case(
        "minutes-closed-bad",
        ("minutes", HELD_FILE),
        (HELD_FILE, "closed"),
        {HELD_FILE: held('closed = "20:45"', 'closed = "late"')},
    ),
    Case(
        "minutes-closed-before-start",
        ("minutes", HELD_FILE),
        (HELD_FILE, "closed"),
        {HELD_FILE: held('closed = "20:45"', 'closed = "17:00"')},
    ),
    Case(
        "minutes-present-text",
        ("minutes", HELD_FILE),
        (HELD_FILE, "present"),
        {
            HELD_FILE: held(
                'present = ["B Dave", "J Kaufman", "K J Loydall JP"]', 'present = "B Dave"'
            )
        },
    ),
    Case(
        "minutes-item-kind",
        ("minutes", HELD_FILE),
        (HELD_FILE, "minutes.items[0].kind"),
        {HELD_FILE: held('kind = "apologies"', 'kind = "excuses"')},
    ),
    Case(
        "minutes-unknown-key",
        ("minutes", HELD_FILE),
        (HELD_FILE, "minutes.chiar"),
        {HELD_FILE: held("[minutes]\n", '[minutes]\nchiar = "x"\n')},
    ),
    Case(
        "minutes-substitute-for",
        ("minutes", HELD_FILE),
        (HELD_FILE, "minutes.substitutes[0]"),
        {HELD_FILE: held('for = "M L Darr"', "for = 3")},
    ),
    Case(
        "minutes-resolutions-text",
        ("minutes", HELD_FILE),
        (HELD_FILE, "resolutions"),
        {
            HELD_FILE: held(
                'affirmation = true\nresolved = "The minutes',
                'affirmation = "yes"\nresolved = "The minutes',
            )
        },
    ),
    Case("minutes-no-minutes", ("minutes", AGENDA_FILE), (AGENDA_FILE, "minutes")),
    Case(
        "minutes-deep",
        ("minutes", HELD_FILE),
        (HELD_FILE, "nest"),
        {HELD_FILE: held("[minutes]\n", "x = " + deep("[", "]", 5000) + "\n[minutes]\n")},
    ),
    Case(
        "minutes-binary",
        ("minutes", HELD_FILE),
        (HELD_FILE,),
        {HELD_FILE: b"\x89PNG\r\n\x1a\n\x00\x00"},
    ),
    # -- schedule JSON (check) ------------------------------------------------------------
    Case(
        "json-syntax",
        (*CHECK, "schedule.json"),
        ("schedule.json", "not valid JSON"),
        {"schedule.json": "{"},
    ),
    Case(
        "json-cp1252",
        (*CHECK, "schedule.json"),
        ("schedule.json", "UTF-8"),
        {"schedule.json": '{"council": "Caf\xe9"}'.encode("cp1252")},
    ),
    Case(
        "json-list",
        (*CHECK, "schedule.json"),
        ("schedule.json", "meetings"),
        {"schedule.json": "[]"},
    ),
    Case(
        "json-meetings-object",
        (*CHECK, "schedule.json"),
        ("schedule.json", "meetings"),
        {"schedule.json": '{"meetings": {}}'},
    ),
    Case(
        "json-empty-meetings",
        (*CHECK, "schedule.json"),
        ("schedule.json", "no meetings"),
        {"schedule.json": '{"meetings": []}'},
    ),
    Case(
        "json-meeting-text",
        (*CHECK, "schedule.json"),
        ("schedule.json", "meetings[0]"),
        {"schedule.json": '{"meetings": ["x"]}'},
    ),
    *[
        Case(
            name,
            (*CHECK, "schedule.json"),
            ("schedule.json", "meetings[0]", "uid"),
            {"schedule.json": sched_json(change)},
        )
        for name, change in (
            ("json-no-uid", lambda d: first_meeting(d).pop("uid") and None),
            ("json-uid-object", meeting0(uid={"a": 1})),
            ("json-uid-number", meeting0(uid=5)),
            ("json-uid-empty", meeting0(uid="")),
        )
    ],
    Case(
        "json-body-list",
        (*CHECK, "schedule.json"),
        ("schedule.json", "meetings[0]", "body"),
        {"schedule.json": sched_json(meeting0(body=["council"]))},
    ),
    Case(
        "json-title-object",
        (*CHECK, "schedule.json"),
        ("schedule.json", "meetings[0]", "title"),
        {"schedule.json": sched_json(meeting0(title={"x": 1}))},
    ),
    Case(
        "json-venue-list",
        (*CHECK, "schedule.json"),
        ("schedule.json", "meetings[0]", "venue"),
        {"schedule.json": sched_json(meeting0(venue=["council-offices"]))},
    ),
    Case(
        "json-venue-number",
        (*CHECK, "schedule.json"),
        ("schedule.json", "meetings[0]", "venue"),
        {"schedule.json": sched_json(meeting0(venue=3))},
    ),
    Case(
        "json-start-no-offset",
        (*CHECK, "schedule.json"),
        ("schedule.json", "meetings[0]", "offset"),
        {"schedule.json": sched_json(meeting0(start="2019-05-14T19:00:00"))},
    ),
    *[
        Case(
            name,
            (*CHECK, "schedule.json"),
            ("schedule.json", "meetings[0]", "start"),
            {"schedule.json": sched_json(meeting0(**fields))},
        )
        for name, fields in (
            ("json-start-number", {"start": 20190514}),
            ("json-start-garbage", {"start": "next tuesday"}),
            (
                "json-start-year-1",
                {"start": "0001-01-01T00:00:00+01:00", "end": "0001-01-01T02:00:00+01:00"},
            ),
            (
                "json-start-year-9999",
                {"start": "9999-12-31T22:00:00-01:00", "end": "9999-12-31T23:00:00-01:00"},
            ),
        )
    ],
    Case(
        "json-end-before-start",
        (*CHECK, "schedule.json"),
        ("schedule.json", "meetings[0]", "end"),
        {"schedule.json": sched_json(meeting0(end="2019-05-14T18:00:00+01:00"))},
    ),
    Case(
        "json-end-equals-start",
        (*CHECK, "schedule.json"),
        ("schedule.json", "meetings[0]", "end"),
        {"schedule.json": sched_json(meeting0(end="2019-05-14T19:00:00+01:00"))},
    ),
    Case(
        "json-duplicate-uid",
        (*CHECK, "schedule.json"),
        ("schedule.json", "meetings[1]", "uid"),
        {
            "schedule.json": sched_json(
                lambda d: d["meetings"][1].update(uid=first_meeting(d)["uid"])  # type: ignore[index]
            )
        },
    ),
    Case(
        "json-kind",
        (*CHECK, "schedule.json"),
        ("schedule.json", "meetings[0]", "kind"),
        {"schedule.json": sched_json(meeting0(kind="parliament"))},
    ),
    Case(
        "json-status",
        (*CHECK, "schedule.json"),
        ("schedule.json", "meetings[0]", "status"),
        {"schedule.json": sched_json(meeting0(status="maybe"))},
    ),
    Case(
        "json-reasons-text",
        (*CHECK, "schedule.json"),
        ("schedule.json", "meetings[0]", "reasons"),
        {"schedule.json": sched_json(meeting0(reasons=5))},
    ),
    Case(
        "json-quarter-number",
        (*CHECK, "schedule.json"),
        ("schedule.json", "meetings[0]", "reporting_quarter"),
        {"schedule.json": sched_json(meeting0(reporting_quarter=2))},
    ),
    Case(
        "json-severity",
        (*CHECK, "schedule.json"),
        ("schedule.json", "breaches[0]", "severity"),
        {
            "schedule.json": sched_json(
                lambda d: d.update(
                    breaches=[{"rule": "x", "severity": "fatal", "uid": None, "detail": ""}]
                )
            )
        },
    ),
    Case(
        "json-breaches-object",
        (*CHECK, "schedule.json"),
        ("schedule.json", "breaches"),
        {"schedule.json": sched_json(lambda d: d.update(breaches={"a": 1}))},
    ),
    Case(
        "json-breach-text",
        (*CHECK, "schedule.json"),
        ("schedule.json", "breaches[0]"),
        {"schedule.json": sched_json(lambda d: d.update(breaches=["x"]))},
    ),
    Case(
        "json-council-list",
        (*CHECK, "schedule.json"),
        ("schedule.json", "council"),
        {"schedule.json": sched_json(lambda d: d.update(council=["x"]))},
    ),
    Case(
        "json-deep",
        (*CHECK, "schedule.json"),
        ("schedule.json", "nest"),
        {"schedule.json": '{"meetings": ' + deep("[", "]") + "}"},
    ),
    Case(
        "json-huge-number",
        (*CHECK, "schedule.json"),
        ("schedule.json",),
        {"schedule.json": '{"meetings": [], "x": 1' + "0" * 5000 + "}"},
    ),
    Case(
        "json-nan",
        (*CHECK, "schedule.json"),
        ("schedule.json", "NaN"),
        {"schedule.json": sched_json(meeting0(uid=float("nan")))},
    ),
    Case(
        "json-nul",
        (*CHECK, "schedule.json"),
        ("schedule.json", "meetings[0]", "title", "control character"),
        {"schedule.json": sched_json(meeting0(title="Council\x00"))},
    ),
    Case(
        "json-wrong-suffix",
        (*CHECK, "schedule.yaml"),
        ("schedule.yaml", ".json"),
        {"schedule.yaml": "meetings: []"},
    ),
    Case("json-directory", (*CHECK, "meetings"), ("meetings",)),
    # -- schedule CSV (check) ---------------------------------------------------------------------
    Case("csv-empty", (*CHECK, "schedule.csv"), ("schedule.csv", "header"), {"schedule.csv": ""}),
    Case(
        "csv-header-only",
        (*CHECK, "schedule.csv"),
        ("schedule.csv", "no meetings"),
        {"schedule.csv": CSV_HEADER + "\r\n"},
    ),
    Case(
        "csv-missing-columns",
        (*CHECK, "schedule.csv"),
        ("schedule.csv", "header", "uid"),
        {"schedule.csv": "date,start\r\n2019-05-14,19:00\r\n"},
    ),
    Case(
        "csv-bad-date",
        (*CHECK, "schedule.csv"),
        ("schedule.csv", "row 2", "date"),
        {"schedule.csv": sched_csv(csv_row1("2019-05-14", "14/05/2019"))},
    ),
    Case(
        "csv-bad-time",
        (*CHECK, "schedule.csv"),
        ("schedule.csv", "row 2"),
        {"schedule.csv": sched_csv(csv_row1("19:00", "7pm"))},
    ),
    Case(
        "csv-time-offset",
        (*CHECK, "schedule.csv"),
        ("schedule.csv", "row 2", "offset"),
        {"schedule.csv": sched_csv(csv_row1("19:00", "19:00+05:00"))},
    ),
    Case(
        "csv-end-before-start",
        (*CHECK, "schedule.csv"),
        ("schedule.csv", "row 2", "end"),
        {"schedule.csv": sched_csv(csv_row1("21:00", "18:00"))},
    ),
    Case(
        "csv-kind",
        (*CHECK, "schedule.csv"),
        ("schedule.csv", "row 2", "kind"),
        {"schedule.csv": sched_csv(csv_row1(",council,council,", ",council,parliament,"))},
    ),
    Case(
        "csv-status",
        (*CHECK, "schedule.csv"),
        ("schedule.csv", "row 2", "status"),
        {"schedule.csv": sched_csv(csv_row1("provisional", "maybe"))},
    ),
    Case(
        "csv-duplicate-uid",
        (*CHECK, "schedule.csv"),
        ("schedule.csv", "row 3", "uid"),
        {"schedule.csv": sched_csv(lambda ls: [ls[0], ls[1], ls[1], *ls[3:]])},
    ),
    Case(
        "csv-empty-uid",
        (*CHECK, "schedule.csv"),
        ("schedule.csv", "row 2", "uid"),
        {"schedule.csv": sched_csv(csv_row1("2019-20-council-1@oadby-wigston.gov.uk", ""))},
    ),
    Case(
        "csv-nul",
        (*CHECK, "schedule.csv"),
        ("schedule.csv", "NUL"),
        {"schedule.csv": sched_csv(csv_row1("Council,Tuesday", "Coun\x00cil,Tuesday"))},
    ),
    Case(
        "csv-huge-field",
        (*CHECK, "schedule.csv"),
        ("schedule.csv", "line"),
        {"schedule.csv": sched_csv(csv_row1(",Council,TBC", ',"' + "x" * 200_000 + '",TBC'))},
    ),
    Case(
        "csv-unclosed-quote",
        (*CHECK, "schedule.csv"),
        ("schedule.csv",),
        {"schedule.csv": sched_csv(csv_row1(",Council,TBC", ',"Council,TBC'))},
    ),
    Case(
        "csv-short-row",
        (*CHECK, "schedule.csv"),
        ("schedule.csv", "row 2"),
        {"schedule.csv": sched_csv(lambda ls: [ls[0], "Council,Tuesday,2019-05-14", *ls[2:]])},
    ),
    Case(
        "csv-binary",
        (*CHECK, "schedule.csv"),
        ("schedule.csv",),
        {"schedule.csv": bytes(range(256)) * 4},
    ),
    Case(
        "csv-year-1",
        (*CHECK, "schedule.csv"),
        ("schedule.csv", "row 2", "year 1 "),
        {"schedule.csv": sched_csv(csv_row1("2019-05-14", "0001-01-01"))},
    ),
    # -- iCalendar (check) -------------------------------------------------------------------------
    Case(
        "ics-binary",
        (*CHECK, "schedule.ics"),
        ("schedule.ics",),
        {"schedule.ics": bytes(range(256))},
    ),
    Case("ics-text", (*CHECK, "schedule.ics"), ("schedule.ics",), {"schedule.ics": "hello\n"}),
    Case("ics-empty", (*CHECK, "schedule.ics"), ("schedule.ics",), {"schedule.ics": ""}),
    Case(
        "ics-cp1252",
        (*CHECK, "schedule.ics"),
        ("schedule.ics",),
        {
            "schedule.ics": lambda: (
                sched_ics(ics_replace("SUMMARY:Council", "SUMMARY:Caf\xe9 Council"))()
                .decode()
                .encode("cp1252")
            )
        },
    ),
    Case(
        "ics-rrule-weekly",
        (*CHECK, "schedule.ics"),
        ("schedule.ics", "RRULE"),
        {
            "schedule.ics": vevent(
                "DTSTART;TZID=Europe/London:20190604T190000\nDTEND;TZID=Europe/London:20190604T210000\nRRULE:FREQ=WEEKLY;COUNT=10"
            )
        },
    ),
    Case(
        "ics-rrule-endless",
        (*CHECK, "schedule.ics"),
        ("schedule.ics", "RRULE"),
        {
            "schedule.ics": vevent(
                "DTSTART;TZID=Europe/London:20190604T190000\nDTEND;TZID=Europe/London:20190604T210000\nRRULE:FREQ=SECONDLY"
            )
        },
    ),
    Case(
        "ics-rrule-garbage",
        (*CHECK, "schedule.ics"),
        ("schedule.ics", "RRULE"),
        {
            "schedule.ics": vevent(
                "DTSTART;TZID=Europe/London:20190604T190000\nDTEND;TZID=Europe/London:20190604T210000\nRRULE:FREQ=FORTNIGHTLY"
            )
        },
    ),
    Case(
        "ics-sequence-text",
        (*CHECK, "schedule.ics"),
        ("schedule.ics", "SEQUENCE"),
        {
            "schedule.ics": vevent(
                "DTSTART;TZID=Europe/London:20190604T190000\nDTEND;TZID=Europe/London:20190604T210000\nSEQUENCE:two"
            )
        },
    ),
    Case(
        "ics-sequence-negative",
        (*CHECK, "schedule.ics"),
        ("schedule.ics", "SEQUENCE"),
        {
            "schedule.ics": vevent(
                "DTSTART;TZID=Europe/London:20190604T190000\nDTEND;TZID=Europe/London:20190604T210000\nSEQUENCE:-1"
            )
        },
    ),
    Case(
        "ics-end-before-start",
        (*CHECK, "schedule.ics"),
        ("schedule.ics", "ends"),
        {
            "schedule.ics": vevent(
                "DTSTART;TZID=Europe/London:20190604T190000\nDTEND;TZID=Europe/London:20190604T170000"
            )
        },
    ),
    Case(
        "ics-duplicate-uid",
        (*CHECK, "schedule.ics"),
        ("schedule.ics", "UID"),
        {
            "schedule.ics": sched_ics(
                lambda t: t.replace("UID:2019-20-council-2@", "UID:2019-20-council-1@")
            )
        },
    ),
    Case(
        "ics-no-dtstart",
        (*CHECK, "schedule.ics"),
        ("schedule.ics", "DTSTART"),
        {"schedule.ics": vevent("DTEND;TZID=Europe/London:20190604T210000")},
    ),
    Case(
        "ics-dtstart-garbage",
        (*CHECK, "schedule.ics"),
        ("schedule.ics", "DTSTART"),
        {
            "schedule.ics": vevent(
                "DTSTART;TZID=Europe/London:2019-06-04 7pm\nDTEND;TZID=Europe/London:20190604T210000"
            )
        },
    ),
    Case(
        "ics-tzid-unknown",
        (*CHECK, "schedule.ics"),
        ("schedule.ics",),
        {
            "schedule.ics": vevent(
                "DTSTART;TZID=Mars/Olympus:20190604T190000\nDTEND;TZID=Mars/Olympus:20190604T210000"
            )
        },
    ),
    Case(
        "ics-status",
        (*CHECK, "schedule.ics"),
        ("schedule.ics", "STATUS"),
        {
            "schedule.ics": vevent(
                "DTSTART;TZID=Europe/London:20190604T190000\nDTEND;TZID=Europe/London:20190604T210000\nSTATUS:MAYBE"
            )
        },
    ),
    Case(
        "ics-year-1",
        (*CHECK, "schedule.ics"),
        ("schedule.ics", "year 1 "),
        {"schedule.ics": vevent("DTSTART:00010101T000000Z\nDTEND:00010101T010000Z")},
    ),
    Case(
        "ics-no-uid",
        (*CHECK, "schedule.ics"),
        ("schedule.ics", "UID"),
        {
            "schedule.ics": lambda: vevent(
                "DTSTART;TZID=Europe/London:20190604T190000\nDTEND;TZID=Europe/London:20190604T210000"
            ).replace("UID:one@example.org\r\n", "")
        },
    ),
    Case(
        "ics-deep",
        (*CHECK, "schedule.ics"),
        ("schedule.ics",),
        {
            "schedule.ics": "BEGIN:VCALENDAR\r\n"
            + "BEGIN:X\r\n" * 50_000
            + "END:X\r\n" * 50_000
            + "END:VCALENDAR\r\n"
        },
    ),
    Case(
        "ics-nul",
        (*CHECK, "schedule.ics"),
        ("schedule.ics",),
        {
            "schedule.ics": vevent(
                "DTSTART;TZID=Europe/London:20190604T190000\nDTEND;TZID=Europe/London:20190604T210000\nLOCATION:Town\x00Hall"
            )
        },
    ),
    Case(
        "ics-previous-damaged",
        (
            "schedule",
            "council.toml",
            "--out",
            "out",
            "--stamp",
            "2019-03-01T09:00:00Z",
            "--format",
            "ics",
        ),
        ("out/schedule.ics",),
        {"out/schedule.ics": b"\x00\xffgarbage"},
    ),
    Case(
        "ics-previous-given-damaged",
        ("schedule", "council.toml", "--out", "out", "--previous", "old.ics", "--format", "ics"),
        ("old.ics",),
        {"old.ics": "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"},
    ),
    # -- arguments -------------------------------------------------------------------------------
    Case(
        "arg-schedule-year-0",
        ("schedule", "council.toml", "--year", "0", "--out", "o"),
        ("--year", "0"),
        status=2,
    ),
    Case(
        "arg-schedule-year-negative",
        ("schedule", "council.toml", "--year", "-1", "--out", "o"),
        ("--year",),
        status=2,
    ),
    Case(
        "arg-schedule-year-far",
        ("schedule", "council.toml", "--year", "99999", "--out", "o"),
        ("--year",),
        status=2,
    ),
    Case(
        "arg-schedule-year-huge",
        ("schedule", "council.toml", "--year", "1" + "0" * 30, "--out", "o"),
        ("--year",),
        status=2,
    ),
    Case(
        "arg-schedule-year-text",
        ("schedule", "council.toml", "--year", "next"),
        ("--year",),
        status=2,
    ),
    Case(
        "arg-check-year-0",
        (*CHECK, "schedule.json", "--year", "0"),
        ("--year",),
        {"schedule.json": lambda: planned()["json"]},
        status=2,
    ),
    Case(
        "arg-deadlines-year-0", ("deadlines", "council.toml", "--year", "0"), ("--year",), status=2
    ),
    Case(
        "arg-deadlines-year-huge",
        ("deadlines", "council.toml", "--year", "9223372036854775808"),
        ("--year",),
        status=2,
    ),
    Case(
        "arg-deadlines-meeting-bad",
        ("deadlines", "--meeting", "2019-13-01"),
        ("meeting", "2019-13-01"),
    ),
    Case(
        "arg-deadlines-meeting-year-1",
        ("deadlines", "--meeting", "0001-01-02"),
        ("--meeting", "0001-01-02"),
    ),
    Case(
        "arg-deadlines-meeting-year-9999",
        ("deadlines", "--meeting", "9999-12-31"),
        ("--meeting", "9999-12-31"),
    ),
    Case(
        "arg-deadlines-meeting-nul",
        ("deadlines", "--meeting", "2019-03-05\x00"),
        ("NUL",),
        status=2,
    ),
    Case("arg-deadlines-poll-bad", ("deadlines", "--poll", "soon"), ("poll", "soon")),
    Case(
        "arg-deadlines-poll-year-1", ("deadlines", "--poll", "0001-01-04"), ("--poll", "0001-01-04")
    ),
    Case("arg-deadlines-poll-far", ("deadlines", "--poll", "9999-12-30"), ("--poll", "9999-12-30")),
    Case(
        "arg-deadlines-purdah-bad",
        ("deadlines", "--poll", "2020-05-07", "--purdah-start", "April"),
        ("--purdah-start",),
    ),
    Case(
        "arg-deadlines-purdah-after-poll",
        ("deadlines", "--poll", "2020-05-07", "--purdah-start", "2020-06-01"),
        ("pre-election start", "2020-06-01"),
    ),
    Case(
        "arg-deadlines-mourning-bad",
        ("deadlines", "--poll", "2020-05-07", "--mourning", "yesterday"),
        ("--mourning",),
    ),
    Case("arg-deadlines-nothing", ("deadlines",), ("--meeting",), status=2),
    Case(
        "arg-schedule-stamp",
        ("schedule", "council.toml", "--stamp", "noon", "--out", "o"),
        ("--stamp",),
    ),
    Case(
        "arg-schedule-stamp-year-1",
        ("schedule", "council.toml", "--stamp", "0001-01-01T00:00:00+05:00", "--out", "o"),
        ("--stamp",),
    ),
    Case(
        "arg-schedule-format",
        ("schedule", "council.toml", "--format", "docx"),
        ("--format", "docx"),
        status=2,
    ),
    Case(
        "arg-schedule-out-file",
        ("schedule", "council.toml", "--out", "council.toml"),
        ("--out", "council.toml"),
    ),
    Case(
        "arg-schedule-out-under-file",
        ("schedule", "council.toml", "--out", "council.toml/out"),
        ("council.toml/out",),
    ),
    Case(
        "arg-schedule-out-name-long",
        ("schedule", "council.toml", "--out", "x" * 300),
        ("--out", "too long"),
    ),
    Case(
        "arg-schedule-templates",
        ("schedule", "council.toml", "--templates", "nowhere"),
        ("--templates", "nowhere"),
    ),
    Case(
        "arg-agenda-output-no-folder",
        ("agenda", AGENDA_FILE, "-o", "nowhere/agenda.html"),
        ("-o", "nowhere"),
    ),
    Case(
        "arg-agenda-output-long",
        ("agenda", AGENDA_FILE, "-o", "a" * 300 + ".html"),
        ("-o", "too long"),
    ),
    Case("arg-agenda-output-folder", ("agenda", AGENDA_FILE, "-o", "meetings"), ("-o", "meetings")),
    Case(
        "arg-agenda-output-suffix",
        ("agenda", AGENDA_FILE, "-o", "agenda.odt"),
        ("-o", ".odt"),
        status=2,
    ),
    Case("arg-agenda-pdf-stdout", ("agenda", AGENDA_FILE, "--format", "pdf"), ("-o",), status=2),
    Case("arg-agenda-format", ("agenda", AGENDA_FILE, "--format", "rtf"), ("--format",), status=2),
    Case(
        "arg-agenda-council-missing",
        ("agenda", AGENDA_FILE, "--council", "none.toml"),
        ("none.toml",),
    ),
    Case(
        "arg-actions-add-minute-negative",
        (
            "actions",
            "add",
            "--details",
            "d",
            "--title",
            "t",
            "--minute",
            "-1",
            "--body",
            "change-management",
            "--council",
            "council.toml",
            "--raised",
            "2019-01-15",
        ),
        ("--minute",),
        status=2,
    ),
    Case(
        "arg-actions-add-minute-huge",
        (
            "actions",
            "add",
            "--details",
            "d",
            "--title",
            "t",
            "--minute",
            "9" * 25,
            "--body",
            "change-management",
            "--council",
            "council.toml",
            "--raised",
            "2019-01-15",
        ),
        ("--minute",),
        status=2,
    ),
    Case(
        "arg-actions-add-due",
        (
            "actions",
            "add",
            "--details",
            "d",
            "--title",
            "t",
            "--reference",
            "r",
            "--due",
            "whenever",
            "--raised",
            "2019-01-15",
        ),
        ("--due", "whenever"),
    ),
    Case(
        "arg-actions-add-due-working-days-huge",
        (
            "actions",
            "add",
            "--details",
            "d",
            "--title",
            "t",
            "--reference",
            "r",
            "--due",
            "99999999999999999999 working days",
            "--raised",
            "2019-01-15",
        ),
        ("--due",),
    ),
    Case(
        "arg-actions-add-due-year-1",
        (
            "actions",
            "add",
            "--details",
            "d",
            "--title",
            "t",
            "--reference",
            "r",
            "--due",
            "0001-01",
            "--raised",
            "2019-01-15",
        ),
        ("--due",),
    ),
    Case(
        "arg-actions-add-status",
        (
            "actions",
            "add",
            "--details",
            "d",
            "--title",
            "t",
            "--reference",
            "r",
            "--status",
            "Done-ish",
            "--council",
            "council.toml",
            "--raised",
            "2019-01-15",
        ),
        ("--status", "Done-ish"),
    ),
    Case(
        "arg-actions-add-officer",
        (
            "actions",
            "add",
            "--details",
            "d",
            "--title",
            "t",
            "--reference",
            "r",
            "--officer",
            "XxYy",
            "--council",
            "council.toml",
            "--raised",
            "2019-01-15",
        ),
        ("--officer", "XxYy"),
    ),
    Case(
        "arg-actions-add-body",
        (
            "actions",
            "add",
            "--details",
            "d",
            "--title",
            "t",
            "--minute",
            "3",
            "--body",
            "nobody",
            "--council",
            "council.toml",
            "--raised",
            "2019-01-15",
        ),
        ("--body", "nobody"),
    ),
    Case(
        "arg-actions-add-details-nul",
        (
            "actions",
            "add",
            "--details",
            "d\x00",
            "--title",
            "t",
            "--reference",
            "r",
            "--raised",
            "2019-01-15",
        ),
        ("NUL",),
        status=2,
    ),
    Case(
        "arg-actions-add-title-escape",
        ("actions", "add", "--details", "d", "--title", "\x1b[31mred", "--reference", "r"),
        ("--title", "U+001B"),
    ),
    Case(
        "arg-actions-add-details-empty",
        (
            "actions",
            "add",
            "--details",
            " ",
            "--title",
            "t",
            "--reference",
            "r",
            "--raised",
            "2019-01-15",
        ),
        ("--details",),
    ),
    Case(
        "arg-actions-add-raised",
        (
            "actions",
            "add",
            "--details",
            "d",
            "--title",
            "t",
            "--reference",
            "r",
            "--raised",
            "15/01/2019",
        ),
        ("--raised",),
        status=2,
    ),
    Case(
        "arg-actions-update-unknown",
        ("actions", "update", "999", "--status", "Completed", "--register", "actions.sqlite"),
        ("999",),
    ),
    Case(
        "arg-actions-update-huge",
        ("actions", "update", "9" * 25, "--status", "Completed", "--register", "actions.sqlite"),
        ("9999",),
        status=2,
    ),
    Case(
        "arg-actions-update-negative",
        ("actions", "update", "-1", "--status", "Completed", "--register", "actions.sqlite"),
        ("-1",),
        status=2,
    ),
    Case(
        "arg-actions-update-status",
        (
            "actions",
            "update",
            "1",
            "--status",
            "Finished",
            "--register",
            "actions.sqlite",
            "--council",
            "council.toml",
        ),
        ("--status", "Finished"),
    ),
    Case(
        "arg-actions-list-format", ("actions", "list", "--format", "xml"), ("--format",), status=2
    ),
    Case(
        "arg-actions-list-no-register",
        ("actions", "list", "--register", "none.sqlite"),
        ("none.sqlite",),
    ),
    Case(
        "arg-actions-export-no-folder",
        ("actions", "export", "nowhere/x.json", "--register", "actions.sqlite"),
        ("nowhere/x.json",),
    ),
    Case(
        "arg-actions-export-folder",
        ("actions", "export", "meetings", "--register", "actions.sqlite"),
        ("meetings",),
    ),
    Case(
        "arg-actions-export-long",
        ("actions", "export", "e" * 300 + ".json", "--register", "actions.sqlite"),
        ("too long",),
    ),
    # -- the registers of minuted meetings and the forward plan (import, decisions, …) ------
    Case(
        "import-broken-minutes",
        ("import", HELD_FILE, "--register", "r.sqlite"),
        (HELD_FILE, "first_minute"),
        {HELD_FILE: held("first_minute = 10", "first_minute = -10")},
    ),
    Case(
        "import-other-sqlite",
        ("import", HELD_FILE, "--register", "other.sqlite"),
        ("other.sqlite", "not an action register"),
        {"other.sqlite": other_sqlite},
    ),
    Case(
        "decisions-from-year-1",
        ("decisions", "--from", "0001-01-01"),
        ("--from", "year 1"),
        status=2,
    ),
    Case("decisions-to-bad", ("decisions", "--to", "soon"), ("--to", "soon"), status=2),
    Case(
        "decisions-output-long",
        ("decisions", "--register", "actions.sqlite", "--format", "csv", "-o", "d" * 300 + ".csv"),
        ("-o", "too long"),
    ),
    Case(
        "decisions-output-no-folder",
        ("decisions", "--register", "actions.sqlite", "-o", "nowhere/d.html"),
        ("-o", "nowhere"),
    ),
    Case(
        "plan-syntax",
        ("forward-plan", "plan.toml"),
        ("plan.toml", "line"),
        {"plan.toml": "[[decisions]\n"},
    ),
    Case(
        "plan-cp1252",
        ("forward-plan", "plan.toml"),
        ("plan.toml", "UTF-8"),
        {"plan.toml": "title = 'Caf\xe9'".encode("cp1252")},
    ),
    Case(
        "plan-deep",
        ("forward-plan", "plan.toml"),
        ("plan.toml", "nest"),
        {"plan.toml": "x = " + deep("[", "]") + "\n"},
    ),
    Case(
        "plan-date-offset",
        ("forward-plan", "forward-plan.toml"),
        ("forward-plan.toml", "published", "offset"),
        {
            "forward-plan.toml": lambda: (
                (EXAMPLE / "forward-plan.toml")
                .read_text(encoding="utf-8")
                .replace("published = 2019-02-25", "published = 2019-02-25T09:00:00+01:00")
            )
        },
    ),
    Case(
        "plan-title-nul",
        ("forward-plan", "forward-plan.toml"),
        ("forward-plan.toml", "decisions[0].title", "control character"),
        {
            "forward-plan.toml": lambda: (
                (EXAMPLE / "forward-plan.toml")
                .read_text(encoding="utf-8")
                .replace(
                    'title = "The Council\'s Corporate Plan (2019-2024)"',
                    'title = "The\\u0000Plan"',
                )
            )
        },
    ),
    Case(
        "plan-year-far",
        ("forward-plan", "forward-plan.toml"),
        ("forward-plan.toml", "published", "year 9999"),
        {
            "forward-plan.toml": lambda: (
                (EXAMPLE / "forward-plan.toml")
                .read_text(encoding="utf-8")
                .replace("published = 2019-02-25", "published = 9999-02-25")
            )
        },
    ),
    # -- the action register and its JSON -----------------------------------------------------
    Case(
        "register-text-file",
        ("actions", "list", "--register", "notes.sqlite"),
        ("notes.sqlite", "register"),
        {"notes.sqlite": "these are my notes\n" * 100},
    ),
    Case(
        "register-other-sqlite",
        ("actions", "list", "--register", "other.sqlite"),
        ("other.sqlite", "not an action register"),
        {"other.sqlite": other_sqlite},
    ),
    Case(
        "register-other-sqlite-add",
        (
            "actions",
            "add",
            "--details",
            "d",
            "--title",
            "t",
            "--reference",
            "r",
            "--register",
            "other.sqlite",
            "--raised",
            "2019-01-15",
        ),
        ("other.sqlite", "not an action register"),
        {"other.sqlite": other_sqlite},
    ),
    Case("register-folder", ("actions", "list", "--register", "meetings"), ("meetings",)),
    Case(
        "register-truncated",
        ("actions", "list", "--register", "broken.sqlite"),
        ("broken.sqlite", "integrity_check"),
        {"broken.sqlite": lambda: _register_bytes()[:3000]},
    ),
    Case(
        "register-future-schema",
        ("actions", "list", "--register", "future.sqlite"),
        ("future.sqlite", "schema"),
        {"future.sqlite": lambda: _register_bytes(user_version=99)},
    ),
    Case(
        "load-not-json",
        LOAD,
        ("in.json", "JSON"),
        {"in.json": "actions: []"},
    ),
    Case(
        "load-cp1252",
        LOAD,
        ("in.json", "UTF-8"),
        {"in.json": '{"actions": [], "x": "Caf\xe9"}'.encode("cp1252")},
    ),
    Case(
        "load-list",
        LOAD,
        ("in.json", "actions"),
        {"in.json": "[]"},
    ),
    Case(
        "load-action-text",
        LOAD,
        ("in.json", "actions[0]"),
        {"in.json": '{"schema": 2, "actions": ["x"]}'},
    ),
    Case(
        "load-action-empty",
        LOAD,
        ("in.json", "actions[0]"),
        {"in.json": '{"schema": 2, "actions": [{}]}'},
    ),
    Case(
        "load-status",
        (*LOAD, "--council", "council.toml"),
        ("in.json", "actions[0]", "status", "Done-ish"),
        {
            "in.json": lambda: _export(
                history=[{"date": "2019-01-15", "note": "", "status": "Done-ish"}]
            )
        },
    ),
    Case(
        "load-due",
        LOAD,
        ("in.json", "actions[0]", "due"),
        {"in.json": lambda: _export(due="someday")},
    ),
    *[
        Case(
            name,
            LOAD,
            ("in.json", "actions[0]", "minute"),
            {"in.json": content},
        )
        for name, content in (
            ("load-minute-negative", lambda: _export(minute=-3)),
            ("load-minute-huge", lambda: _export(minute=10**30)),
            ("load-minute-text", lambda: _export(minute="ten")),
        )
    ],
    Case(
        "load-raised-bad",
        LOAD,
        ("in.json", "actions[0]", "raised"),
        {"in.json": lambda: _export(raised="yesterday")},
    ),
    Case(
        "load-officers-text",
        LOAD,
        ("in.json", "actions[0]", "officers"),
        {"in.json": lambda: _export(officers=5)},
    ),
    Case(
        "load-details-object",
        LOAD,
        ("in.json", "actions[0]", "details"),
        {"in.json": lambda: _export(details={"x": 1})},
    ),
    Case(
        "load-details-nul",
        LOAD,
        ("in.json", "actions[0]", "details"),
        {"in.json": lambda: _export(details="a\x00b")},
    ),
    Case(
        "load-history-text",
        LOAD,
        ("in.json", "actions[0]", "history"),
        {"in.json": lambda: _export(history="x")},
    ),
    Case(
        "load-deep",
        LOAD,
        ("in.json", "nest"),
        {"in.json": '{"actions": ' + deep("[", "]") + "}"},
    ),
    Case(
        "load-missing", ("actions", "load", "none.json", "--register", "r.sqlite"), ("none.json",)
    ),
]


@functools.cache
def _exported() -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.sqlite"
        path.write_bytes(_register_bytes())
        out = Path(folder) / "e.json"
        assert main(["actions", "export", str(out), "--register", str(path)]) == 0
        data: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
        return data


def _export(**change: object) -> str:
    """The example's export with fields of its first action changed."""
    data = json.loads(json.dumps(_exported()))
    data["actions"][0].update(change)
    return json.dumps(data)


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(EXAMPLE, tmp_path, dirs_exist_ok=True)
    (tmp_path / "actions.sqlite").write_bytes(_register_bytes())
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_table_is_big_enough() -> None:
    assert len(CASES) >= 150
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_malformed_input(case: Case, workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, content in case.files.items():
        path = workspace / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content() if callable(content) else content
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
    before = {p: p.read_bytes() for p in workspace.glob("*.sqlite")}
    status = main(list(case.argv))
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert status == case.status, err
    for expected in case.expect:
        assert expected in err, f"{expected!r} not in {err!r}"
    # a register that is not ours, or broken, is left as it was
    for path, data in before.items():
        if path.name != "actions.sqlite" and path.exists():
            assert path.read_bytes() == data, path


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252", "utf-16"])
def test_a_spreadsheets_csv_is_read(
    encoding: str, workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What Excel saves as "CSV" (Windows-1252), "CSV UTF-8" (with a byte-order mark) and
    "Unicode text" (UTF-16) is read, accented titles and all."""
    rows = planned()["csv"].decode().replace(",Council,TBC", ",Caf\u00e9 Council,TBC")
    (workspace / "schedule.csv").write_bytes(rows.encode(encoding))
    assert main(["check", "council.toml", "schedule.csv"]) == 0
    assert "Caf\u00e9 Council" in capsys.readouterr().out
