"""Members' records: attendance (with substitutes) and declarations from minutes, a year of a
test council's minutes through the register, and the published forms."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from meetings.decisions import DecisionQuery, NoticeRoute
from meetings.definitions import load_council
from meetings.forwardplan import load_forward_plan
from meetings.minutes import load_minutes
from meetings.records import (
    AttendanceRecord,
    DeclarationRecord,
    Presence,
    RecordQuery,
    RecordStore,
    attendance_csv,
    attendance_json,
    attendance_records,
    attendance_summary,
    declaration_records,
    declarations_csv,
    meeting_records,
)
from meetings.register import Register
from meetings.render import render

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "oadby-wigston"
HELD = EXAMPLE / "meetings" / "2019-01-15-change-management.toml"
YEAR = Path(__file__).parent / "data" / "registers"
PORTFOLIO = (
    Path(__file__).parent / "data" / "minutes" / "2009-07-23-sustainability-portfolio-holder.toml"
)
D = dt.date


def test_attendance_with_a_substitute_seed_000() -> None:
    council = load_council(EXAMPLE / "council.toml")
    minutes = load_minutes(HELD, council)
    seats = [m.person for m in council.body("change-management").members_on(minutes.day)]
    records = {r.member: r for r in attendance_records(minutes, seats)}
    # The summons lists eight members; the minutes name them with fewer initials at times.
    assert set(records) == {
        "Miss A R Bond",
        "Mrs L M Broadley",
        "M H Charlesworth",
        "M L Darr",
        "B Dave",
        "Mrs S Z Haq",  # "Mrs S Haq" in the apologies
        "K J Loydall JP",
        "Mrs S B Morris",
        "J Kaufman",
    }
    assert records["M H Charlesworth"].presence is Presence.PRESENT  # the chair
    assert records["M L Darr"].presence is Presence.APOLOGIES
    assert records["M L Darr"].substituted_by == "J Kaufman"
    kaufman = records["J Kaufman"]
    assert kaufman.presence is Presence.SUBSTITUTE
    assert not kaufman.expected
    assert kaufman.substituting_for == "M L Darr"
    assert records["Mrs S Z Haq"].presence is Presence.APOLOGIES
    assert sum(r.expected for r in records.values()) == 8
    summary = attendance_summary(attendance_records(minutes, seats))
    assert [s.member.split()[-1] for s in summary if s.member != "K J Loydall JP"] == [
        "Bond",
        "Broadley",
        "Charlesworth",
        "Darr",
        "Dave",
        "Haq",
        "Kaufman",
        "Morris",
    ]
    # In surname order.
    assert [r.member for r in attendance_records(minutes, seats)][:3] == [
        "Miss A R Bond",
        "Mrs L M Broadley",
        "M H Charlesworth",
    ]


def test_attendance_without_a_council_takes_the_members_from_the_minutes() -> None:
    minutes = load_minutes(HELD)
    records = {r.member: r for r in attendance_records(minutes)}
    assert records["J Kaufman"].presence is Presence.SUBSTITUTE
    assert records["M L Darr"].expected
    assert records["M L Darr"].substituted_by == "J Kaufman"
    assert records["Mrs S Haq"].presence is Presence.APOLOGIES
    assert sum(r.expected for r in records.values()) == 8  # 3 present + 5 apologies


def test_councillors_in_attendance_are_not_expected() -> None:
    minutes = load_minutes(PORTFOLIO)
    records = {r.member: r for r in attendance_records(minutes)}
    assert records["TD Bygott"].presence is Presence.PRESENT
    assert records["TD Bygott"].expected
    assert records["Dr SEK van de Ven"].presence is Presence.IN_ATTENDANCE
    assert not records["Dr SEK van de Ven"].expected


def test_declarations_one_record_per_item() -> None:
    minutes = load_minutes(PORTFOLIO)
    records = declaration_records(minutes)
    assert [(r.member, r.minute, r.item) for r in records] == [
        ("Dr SEK van de Ven", 2, "Awarded Watercourses Service - Tendering Results"),
        ("Dr SEK van de Ven", 3, "Capital Programme - Awarded Watercourses Service"),
    ]
    assert records[0].nature == "personal"
    assert "Meldreth Parish Council" in records[0].details
    for r in records:
        assert DeclarationRecord.from_dict(r.to_dict()) == r


# -- a year of minutes ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Register]:
    council = load_council(YEAR / "council.toml")
    plan = load_forward_plan(YEAR / "forward-plan.toml")
    calendar = council.working_calendar(2019, 2020)
    path = tmp_path_factory.mktemp("year") / "register.sqlite"
    with Register(path) as register:
        for meeting in sorted((YEAR / "meetings").glob("*.toml")):
            minutes = load_minutes(meeting, council)
            records = meeting_records(minutes, calendar=calendar, council=council, plan=plan)
            register.import_meeting(records)
        yield register


def test_a_year_counts_meetings_decisions_and_declarations(year: Register) -> None:
    assert isinstance(year, RecordStore)
    assert len(year.minuted()) == 6
    decisions = year.decisions()
    assert len(decisions) == 12  # the lost motion of 11 June 2019 decided nothing
    assert len([d for d in decisions if d.executive]) == 4
    key = year.decisions(DecisionQuery(key_only=True))
    assert [(d.forward_plan, d.route) for d in key] == [
        ("FP-1", NoticeRoute.FORWARD_PLAN),
        ("FP-2", NoticeRoute.GENERAL_EXCEPTION),
        ("FP-2", NoticeRoute.GENERAL_EXCEPTION),
    ]
    # Executive decisions of Tue 21 May 2019: published Thu 23 May; call-in over the spring
    # bank holiday (Mon 27 May) to Fri 31 May; implemented from Mon 3 June.
    may = year.decisions(DecisionQuery(body="finance-portfolio-holder", until=D(2019, 6, 1)))
    assert {(d.published, d.call_in_deadline, d.implement_from) for d in may} == {
        (D(2019, 5, 23), D(2019, 5, 31), D(2019, 6, 3))
    }
    assert len(year.decisions(DecisionQuery(open_on=D(2019, 5, 28)))) == 2
    assert len(year.decisions(DecisionQuery(open_on=D(2019, 6, 3)))) == 0
    assert len(year.decisions(DecisionQuery(body="audit", since=D(2019, 9, 1)))) == 6
    private = [d for d in decisions if d.exempt]
    assert [d.title for d in private] == ["Contract Review"]
    declarations = year.declarations()
    assert [(d.day, d.member, d.minute) for d in declarations] == [
        (D(2019, 5, 21), "B Brook", 2),
        (D(2019, 9, 10), "A Ashby", 4),
        (D(2020, 3, 10), "C Crane", 2),
        (D(2020, 3, 10), "C Crane", 3),
    ]
    assert declarations[1].action == "left the room and took no part in the debate or vote"
    assert len(year.declarations(RecordQuery(member="C Crane"))) == 2


def test_a_year_of_attendance(year: Register) -> None:
    records = year.attendance()
    assert len(records) == 2 + 4 + 5 + 1 + 4 + 4
    summary = {(s.member, s.body): s for s in attendance_summary(records)}
    ashby = summary["A Ashby", "audit"]
    assert (ashby.expected, ashby.present, ashby.apologies, ashby.absent) == (4, 3, 1, 0)
    assert ashby.percent == 75.0
    crane = summary["C Crane", "audit"]
    assert (crane.expected, crane.present, crane.apologies) == (4, 3, 1)
    drake = summary["D Drake", "audit"]
    assert (drake.present, drake.apologies, drake.absent, drake.percent) == (2, 1, 1, 50.0)
    fisher = summary["F Fisher", "audit"]
    assert (fisher.expected, fisher.substitute, fisher.percent) == (0, 1, None)
    assert summary["E Eden", "finance-portfolio-holder"].percent == 100.0
    # B Brook sat on the audit committee and attended a portfolio holder's meeting.
    brook_all = summary["B Brook", "*"]
    assert (brook_all.expected, brook_all.present, brook_all.in_attendance) == (4, 4, 1)
    assert ("A Ashby", "*") not in summary
    substituted = [r for r in records if r.substituted_by]
    assert [(r.member, r.substituted_by, r.day) for r in substituted] == [
        ("C Crane", "F Fisher", D(2019, 9, 10))
    ]
    for r in records:
        assert AttendanceRecord.from_dict(r.to_dict()) == r


def test_a_year_in_every_format(year: Register) -> None:
    records = year.attendance(RecordQuery(body="audit"))
    data = json.loads(attendance_json(records, council="Testshire District Council"))
    assert len(data["meetings"]) == 17
    assert {s["member"] for s in data["summary"]} == {
        "A Ashby",
        "B Brook",
        "C Crane",
        "D Drake",
        "F Fisher",
    }
    rows = list(csv.DictReader(io.StringIO(attendance_csv(records))))
    assert rows[0] == {
        "member": "A Ashby",
        "body": "audit",
        "body_name": "Audit Committee",
        "expected": "4",
        "present": "3",
        "substitute": "0",
        "apologies": "1",
        "absent": "0",
        "in_attendance": "0",
        "percent": "75.0",
    }
    per_meeting = list(csv.DictReader(io.StringIO(attendance_csv(records, meetings=True))))
    assert len(per_meeting) == 17
    rows = list(csv.DictReader(io.StringIO(declarations_csv(year.declarations()))))
    assert rows[1]["nature"] == "pecuniary"
    html = render(
        "registers/attendance.html",
        {
            "council": "Testshire District Council",
            "title": "Attendance",
            "filters": [],
            "summary": attendance_summary(records),
            "records": records,
            "labels": {p: p.value for p in Presence},
        },
    )
    assert "<td>A Ashby</td>" in html
    assert "75%" in html
