"""Publishing a schedule: the table (HTML, Markdown, CSV), the calendar grid, every format
written to a folder, and a published schedule read back for `meetings check`.

Golden documents: tests/golden/publish/. Regenerate with
MEETINGS_REGEN_GOLDEN=1 .venv/bin/pytest tests/test_timetable.py
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
import json
import os
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import icalendar
import pytest
from helpers import fixture_schedule
from hypothesis import given, settings
from hypothesis import strategies as st

from meetings import ical, ics, timetable
from meetings.closures import Category, Period
from meetings.committee import Body, BodyKind, Council, QuorumRule, Venue
from meetings.errors import DefinitionError, MeetingsError
from meetings.render import Format
from meetings.schedule import Meeting, MeetingStatus, Schedule

GOLDEN = Path(__file__).parent / "golden" / "publish"
LONDON = ZoneInfo("Europe/London")
STAMP = dt.datetime(2019, 3, 5, 12, 0, tzinfo=dt.UTC)


def fixture_council() -> Council:
    quorum = QuorumRule(minimum=3)
    offices = ("Council Offices", "Station Road", "Wigston", "LE18 2DR")
    bodies = {
        "council": ("Council", BodyKind.COUNCIL),
        "policy-finance": ("Policy, Finance and Development Committee", BodyKind.COMMITTEE),
        "service-delivery": ("Service Delivery Committee", BodyKind.COMMITTEE),
        "licensing-regulatory": ("Licensing and Regulatory Committee", BodyKind.COMMITTEE),
        "development-control": ("Development Control Committee", BodyKind.COMMITTEE),
        "change-management": ("Change Management Committee", BodyKind.COMMITTEE),
        "audit": ("Audit Committee", BodyKind.COMMITTEE),
        "standards": ("Standards Committee", BodyKind.COMMITTEE),
        "licensing-sub": ("Licensing Sub-Committee", BodyKind.SUB_COMMITTEE),
        "constitution-wg": ("Constitutional Working Group", BodyKind.WORKING_GROUP),
        "member-induction": ("Member Induction", BodyKind.EVENT),
    }
    return Council(
        name="Oadby and Wigston Borough Council",
        venues=(
            Venue(id="chamber", name="Council Chamber", address=offices),
            Venue(
                id="brocks-hill",
                name="Brocks Hill Council Offices; Meeting Room",
                address=("Washbrook Lane", "Oadby", "LE2 5JJ"),
            ),
            Venue(id="meeting-room-1", name="Meeting Room 1", address=offices),
        ),
        bodies=tuple(
            Body(id=ident, name=name, kind=kind, quorum=quorum)
            for ident, (name, kind) in bodies.items()
        ),
    )


def check_golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if os.environ.get("MEETINGS_REGEN_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert data.decode() == path.read_text(encoding="utf-8")


def one(title: str = "Change Management Committee", **changes: Any) -> Meeting:
    start = dt.datetime(2019, 6, 18, 18, 30, tzinfo=LONDON)
    base = Meeting(
        uid="change-management-2019-20-1@oadby-wigston.gov.uk",
        body="change-management",
        title=title,
        kind=BodyKind.COMMITTEE,
        start=start,
        end=start + dt.timedelta(hours=2),
        venue="chamber",
    )
    return attrs.evolve(base, **changes)


def schedule_of(*meetings: Meeting) -> Schedule:
    return Schedule(
        council="Oadby and Wigston Borough Council", municipal_year="2019/20", meetings=meetings
    )


# -- the table -------------------------------------------------------------------------------


def test_table_groups_by_type_then_date() -> None:
    groups = timetable.groups(fixture_schedule(), timetable.Facts.of(fixture_council()))
    assert [g.heading for g in groups] == [
        "Council",
        "Committees",
        "Sub-Committees",
        "Working Groups",
        "Other Meetings and Events",
    ]
    for group in groups:
        assert [r.start for r in group.rows] == sorted(r.start for r in group.rows)
    council = groups[0].rows
    assert (council[0].day_name, council[0].date_text, council[0].time_text) == (
        "Tuesday",
        "14 May 2019",
        "7.00 PM",
    )
    assert council[0].status_label == "Confirmed"
    assert council[1].status_label == "Provisional"
    audit = [r for r in groups[1].rows if r.uid == "audit-2019-20-4@oadby-wigston.gov.uk"]
    assert audit[0].venue == "TBC"
    pfd = next(r for r in groups[1].rows if r.body == "policy-finance")
    assert pfd.quarter == "Q4 (2018/19)"
    assert pfd.venue == "Council Chamber"  # the venue's name, not its id


def test_table_html_and_markdown_match_golden() -> None:
    schedule, council = fixture_schedule(), fixture_council()
    html = timetable.render_table(schedule, council, Format.HTML, stamp=STAMP)
    check_golden("table.html", html)
    md = timetable.render_table(schedule, council, Format.MD, stamp=STAMP)
    check_golden("table.md", md)
    text = md.decode()
    assert "**Provisional:**" in text
    assert (
        "| Tuesday | 14 May 2019 | 7.00 PM | Council (Annual Meeting) | Council Chamber |" in text
    )
    assert "~~Development Control Committee~~" in text  # the cancelled meeting


def test_grid_html_matches_golden() -> None:
    html = timetable.render_grid(fixture_schedule(), fixture_council(), Format.HTML, stamp=STAMP)
    check_golden("grid.html", html)


def test_title_with_html_is_shown_as_text() -> None:
    title = '<script>alert("x")</script> Budget & <b>Tax</b> | Fees'
    schedule, council = schedule_of(one(title=title)), fixture_council()
    html = timetable.render_table(schedule, council).decode()
    assert "<script>" not in html
    assert "<b>Tax" not in html
    assert (
        "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Budget &amp; &lt;b&gt;Tax&lt;/b&gt;"
        in html
    )
    grid = timetable.render_grid(schedule, council).decode()
    assert "<script>" not in grid
    assert "&lt;b&gt;Tax&lt;/b&gt;" in grid
    md = timetable.render_table(schedule, council, Format.MD).decode()
    assert "\\<script\\>" in md
    assert "\\| Fees" in md
    assert "Budget & \\<b\\>Tax" in md  # "&" is escaped only where it would start an entity


def test_tildes_in_a_title_do_not_strike_it_through_in_markdown() -> None:
    schedule = schedule_of(one(title="Budget ~~draft~~ 2020~21"))
    md = timetable.render_table(schedule, fixture_council(), Format.MD).decode()
    assert "Budget \\~\\~draft\\~\\~ 2020\\~21" in md


# -- the grid --------------------------------------------------------------------------------


def test_grid_is_twelve_months_from_may_with_periods_shaded() -> None:
    schedule = fixture_schedule()
    months = timetable.months(schedule, timetable.Facts.of(fixture_council()))
    assert [m.heading for m in months] == [
        "May 2019", "June 2019", "July 2019", "August 2019", "September 2019", "October 2019",
        "November 2019", "December 2019", "January 2020", "February 2020", "March 2020",
        "April 2020",
    ]  # fmt: skip
    days = {d.date: d for m in months for w in m.weeks for d in w if d.in_month}
    assert len(days) == 366  # 1 May 2019 to 30 April 2020 (2020 is a leap year)
    christmas = days[dt.date(2019, 12, 25)]
    assert [s.code for s, _ in christmas.marks] == ["BH", "CL", "SH"]
    assert christmas.shade == "bank-holiday"
    assert "Christmas Day" in christmas.label
    assert days[dt.date(2020, 4, 7)].shade == "pre-election"  # purdah from 7 April 2020
    assert days[dt.date(2020, 4, 7)].names == ("Pre-election period (PCC election 7 May 2020)",)
    assert days[dt.date(2020, 4, 8)].names == ()  # coded, not repeated every day
    assert days[dt.date(2019, 5, 15)].marks == ()
    assert [r.title for r in days[dt.date(2019, 5, 14)].meetings] == ["Council (Annual Meeting)"]
    assert all(d.weekend == (d.date.weekday() >= 5) for d in days.values())
    assert [s.category for s in timetable.legend(schedule)] == [
        "bank-holiday", "closure", "pre-election", "school-holiday", "festival", "party-conference",
    ]  # fmt: skip


def test_a_festival_that_is_a_bank_holiday_is_shown_once() -> None:
    # The festivals calendar lists Easter Monday too; on 13 April 2020 it was a bank holiday,
    # Vaisakhi and in the pre-election period.
    day = dt.date(2020, 4, 13)
    periods = (
        Period.day(day, "Easter Monday", Category.BANK_HOLIDAY),
        Period.day(day, "Easter Monday", Category.FESTIVAL),
        Period.day(day, "Vaisakhi", Category.FESTIVAL),
        Period(name="Purdah", start=dt.date(2020, 4, 7), end=dt.date(2020, 5, 7),
               category=Category.PRE_ELECTION),
    )  # fmt: skip
    schedule = attrs.evolve(schedule_of(one()), periods=periods)
    assert timetable.shown_periods(schedule) == (periods[0], *periods[2:])
    months = timetable.months(schedule, timetable.Facts.of(fixture_council()))
    (shown,) = [d for m in months for w in m.weeks for d in w if d.date == day and d.in_month]
    assert shown.codes == ("BH", "PE", "RF")
    assert shown.label == (
        "Bank holiday: Easter Monday; Pre-election period: Purdah; Religious festival: Vaisakhi"
    )
    grid = timetable.render_grid(schedule, fixture_council()).decode()
    assert '<span class="codes" aria-hidden="true">BH PE RF</span>' in grid
    feed = timetable.feeds(schedule, fixture_council(), stamp=STAMP)["useful-dates.ics"]
    assert feed.decode().count("SUMMARY:Easter Monday") == 1


def test_grid_months_come_from_the_first_meeting_without_a_label() -> None:
    schedule = attrs.evolve(schedule_of(one()), municipal_year="")
    months = timetable.months(schedule, timetable.Facts.of(fixture_council()))
    assert months[0].first == dt.date(2019, 5, 1)
    with pytest.raises(MeetingsError, match="no meetings"):
        timetable.months(attrs.evolve(schedule, meetings=()), timetable.Facts.of(fixture_council()))


class _Structure(HTMLParser):
    """Counts what a reader of the grid relies on, in the DOM Chromium builds."""

    def __init__(self) -> None:
        super().__init__()
        self.months = 0
        self.legends = 0
        self.meetings: list[str] = []
        self.shaded: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        got = {k: v or "" for k, v in attrs}
        classes = got.get("class", "").split()
        if tag == "section" and "month" in classes:
            self.months += 1
        if tag == "ul" and "legend" in classes:
            self.legends += 1
        if tag == "li" and "meeting" in classes:
            self.meetings.append(got.get("data-uid", ""))
        if tag == "td" and "data-date" in got:
            self.shaded[got["data-date"]] = " ".join(c for c in classes if c.startswith("shade"))


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_grid_in_chromium(tmp_path: Path) -> None:
    assert CHROMIUM is not None
    page = tmp_path / "calendar.html"
    schedule = fixture_schedule()
    page.write_bytes(timetable.render_grid(schedule, fixture_council(), stamp=STAMP))
    with tempfile.TemporaryDirectory() as profile:
        dom = subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--dump-dom",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
    seen = _Structure()
    seen.feed(dom)
    assert seen.months == 12
    assert seen.legends == 12  # a key on every printed page
    assert sorted(seen.meetings) == sorted(m.uid for m in schedule.meetings)
    assert seen.shaded["2019-12-25"] == "shade-bank-holiday"
    assert seen.shaded["2019-08-01"] == "shade-school-holiday"
    assert seen.shaded["2020-04-20"] == "shade-pre-election"
    assert seen.shaded["2019-06-18"] == ""


@pytest.mark.skipif(importlib.util.find_spec("weasyprint") is None, reason="no pdf extra")
@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="pdfinfo (poppler) is not installed")
def test_grid_prints_to_pdf_a_month_a_page(tmp_path: Path) -> None:
    pdf = timetable.render_grid(fixture_schedule(), fixture_council(), Format.PDF, stamp=STAMP)
    path = tmp_path / "calendar.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert fields["Pages"].strip() == "12"
    assert fields["Page size"].split()[:3] == ["841.89", "x", "595.276"]  # A4 landscape, pt


def test_formats_each_document_is_made_in() -> None:
    with pytest.raises(MeetingsError, match="html or pdf, not md"):
        timetable.render_grid(schedule_of(one()), fixture_council(), Format.MD)
    with pytest.raises(MeetingsError, match="html, md or pdf, not docx"):
        timetable.render_table(schedule_of(one()), fixture_council(), Format.DOCX)


def test_user_template_folder_overrides(tmp_path: Path) -> None:
    (tmp_path / "schedule").mkdir()
    (tmp_path / "schedule" / "table.md").write_text(
        "{% for g in groups %}{{ g.heading }}: {{ g.rows | length }}\n{% endfor %}"
    )
    out = timetable.render_table(
        fixture_schedule(), fixture_council(), Format.MD, template_dir=tmp_path
    )
    assert out.decode().splitlines()[:2] == ["Council: 6", "Committees: 37"]


# -- CSV and reading back ----------------------------------------------------------------------


def _same(a: Schedule, b: Schedule) -> None:
    def key(m: Meeting) -> tuple[object, ...]:
        return (m.uid, m.body, m.title, m.kind, m.start, m.end, m.venue, m.status,
                m.reporting_quarter)  # fmt: skip

    assert [key(m) for m in a.meetings] == [key(m) for m in b.meetings]


def test_csv_round_trip(tmp_path: Path) -> None:
    schedule, council = fixture_schedule(), fixture_council()
    data = timetable.to_csv(schedule, council)
    rows = list(csv.DictReader(io.StringIO(data.decode())))
    assert tuple(rows[0]) == timetable.CSV_COLUMNS
    assert rows[0]["group"] == "Council"
    assert rows[0]["date"] == "2019-05-14"
    assert rows[0]["start"] == "19:00"
    assert rows[0]["day"] == "Tuesday"
    path = tmp_path / "schedule.csv"
    path.write_bytes(data)
    _same(timetable.load_schedule(path, council), schedule)


def test_ics_and_json_read_back(tmp_path: Path) -> None:
    schedule, council = fixture_schedule(), fixture_council()
    written = timetable.write(schedule, council, tmp_path, ["ics"], STAMP)
    assert tmp_path / "schedule.ics" in written
    _same(timetable.load_schedule(tmp_path / "schedule.ics", council), schedule)
    path = tmp_path / "schedule.json"
    path.write_text(json.dumps(schedule.to_json()), encoding="utf-8")
    _same(timetable.load_schedule(path, council), schedule)


def test_foreign_ics_is_read_by_title(tmp_path: Path) -> None:
    path = tmp_path / "foreign.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other//EN\r\nBEGIN:VEVENT\r\n"
        b"UID:123@other\r\nSUMMARY:Audit Committee\r\nDTSTART:20190716T173000Z\r\n"
        b"DTEND:20190716T193000Z\r\nLOCATION:Council Chamber\r\nSTATUS:TENTATIVE\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    (m,) = timetable.load_schedule(path, fixture_council()).meetings
    assert (m.body, m.kind, m.venue, m.status) == (
        "audit", BodyKind.COMMITTEE, "chamber", MeetingStatus.PROVISIONAL,
    )  # fmt: skip
    assert m.start == dt.datetime(2019, 7, 16, 18, 30, tzinfo=LONDON)


def test_bad_schedule_files_are_named(tmp_path: Path) -> None:
    council = fixture_council()
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "date,start,end,title,uid,kind,status\n"
        "2019-06-31,18:30,20:30,X,x@y,committee,provisional\n"
        "2019-06-11,18:30,20:30,X,z@y,committee,maybe\n",
        encoding="utf-8",
    )
    with pytest.raises(DefinitionError) as caught:
        timetable.load_schedule(bad, council)
    assert [p.key for p in caught.value.problems] == ["row 2", "row 3"]
    assert "bad.csv: row 3: kind 'committee' or status 'maybe' unknown" in str(caught.value)
    header = tmp_path / "header.csv"
    header.write_text("when,what\n", encoding="utf-8")
    with pytest.raises(DefinitionError, match="header: missing columns date, start"):
        timetable.load_schedule(header, council)
    other = tmp_path / "schedule.xlsx"
    other.write_bytes(b"")
    with pytest.raises(DefinitionError, match=r"schedule\.xlsx: unknown schedule format '\.xlsx'"):
        timetable.load_schedule(other, council)
    with pytest.raises(DefinitionError, match="no such file"):
        timetable.load_schedule(tmp_path / "nope.json", council)


# -- writing every format ----------------------------------------------------------------------


def test_write_every_format_and_raise_sequence_on_republish(tmp_path: Path) -> None:
    schedule, council = fixture_schedule(), fixture_council()
    written = timetable.write(schedule, council, tmp_path, ["ics", "html", "md", "csv"], STAMP)
    names = sorted(p.name for p in written)
    assert {"schedule.ics", "schedule.html", "calendar.html", "schedule.md", "schedule.csv",
            "useful-dates.ics", "schedule-change-management.ics"} <= set(names)  # fmt: skip
    assert len([n for n in names if n.startswith("schedule-")]) == 11  # one feed per body
    assert all(p.read_bytes() for p in written)
    # Move the 24 October Development Control meeting a week later and publish again.
    uid = "development-control-2019-20-6@oadby-wigston.gov.uk"
    moved = tuple(
        attrs.evolve(m, start=m.start + dt.timedelta(days=7), end=m.end + dt.timedelta(days=7))
        if m.uid == uid
        else m
        for m in schedule.meetings
    )
    found = timetable.previous_feed(tmp_path, schedule, council)
    assert found is not None
    assert found[0] == tmp_path / "schedule.ics"
    timetable.write(
        attrs.evolve(schedule, meetings=moved), council, tmp_path, ["ics"], STAMP, previous=found[1]
    )
    for feed in ("schedule.ics", "schedule-development-control.ics"):
        text = (tmp_path / feed).read_bytes().decode().replace("\r\n ", "")
        event = text[text.index(f"UID:{uid}") :]
        event = event[: event.index("END:VEVENT")]
        assert "SEQUENCE:1" in event
    with pytest.raises(MeetingsError, match="unknown publication format docx"):
        timetable.write(schedule, council, tmp_path, ["docx"], STAMP)


def _feed(path: Path) -> dict[str, tuple[str, str]]:
    """UID -> (STATUS, SEQUENCE) of each meeting of a written feed, read back."""
    return {e.uid: (e.status, str(e.sequence)) for e in ics.read_feed(path.read_bytes(), file="x")}


def test_removed_meetings_stay_cancelled_in_every_feed(tmp_path: Path) -> None:
    schedule, council = fixture_schedule(), fixture_council()
    first = tmp_path / "first"
    timetable.write(schedule, council, first, ["ics"], STAMP)
    found = timetable.previous_feed(first / "schedule.ics", schedule, council)
    assert found is not None
    # Audit's fourth meeting is dropped, and the Constitutional Working Group wound up.
    audit = "audit-2019-20-4@oadby-wigston.gov.uk"
    kept = tuple(m for m in schedule.meetings if m.uid != audit and m.body != "constitution-wg")
    second = tmp_path / "second"
    later = attrs.evolve(schedule, meetings=kept)
    timetable.write(later, council, second, ["ics"], STAMP, previous=found[1])
    assert _feed(second / "schedule.ics")[audit] == ("cancelled", "1")
    assert _feed(second / "schedule-audit.ics")[audit] == ("cancelled", "1")
    assert audit not in _feed(second / "schedule-standards.ics")
    group = _feed(second / "schedule-constitution-wg.ics")
    assert group
    assert set(group.values()) == {("cancelled", "1")}
    assert _feed(second / "schedule.ics").keys() == _feed(first / "schedule.ics").keys()


def test_previous_feed_must_be_of_the_same_year(tmp_path: Path) -> None:
    schedule, council = fixture_schedule(), fixture_council()
    timetable.write(schedule, council, tmp_path, ["ics"], STAMP)
    assert timetable.previous_feed(tmp_path / "nothing-here", schedule, council) is None
    next_year = attrs.evolve(schedule, municipal_year="2020/21")
    with pytest.raises(MeetingsError, match=r"schedule\.ics: .* its meetings are of 2019/20, "):
        timetable.previous_feed(tmp_path, next_year, council)
    with pytest.raises(MeetingsError, match=r"useful-dates\.ics: .* it holds no meetings"):
        timetable.previous_feed(tmp_path / "useful-dates.ics", schedule, council)


def test_a_meeting_after_april_extends_the_grid() -> None:
    # The next annual meeting (May 2020) is on the schedule too: the grid shows its month.
    later = one(start=dt.datetime(2020, 5, 12, 19, tzinfo=LONDON))
    later = attrs.evolve(later, end=later.start + dt.timedelta(hours=3))
    months = timetable.months(schedule_of(one(), later), timetable.Facts.of(fixture_council()))
    assert [m.heading for m in months][-2:] == ["April 2020", "May 2020"]
    assert len(months) == 13


# -- the worked example (the planner's schedule for Oadby and Wigston) -----------------------

EXAMPLE = Path(__file__).parent.parent / "examples" / "oadby-wigston" / "council.toml"


def test_example_publication_matches_golden(tmp_path: Path) -> None:
    from meetings.definitions import load_council  # noqa: PLC0415
    from meetings.planner import plan_schedule  # noqa: PLC0415

    council = load_council(EXAMPLE)
    plan = plan_schedule(council)
    written = timetable.write(plan, council, tmp_path, ["ics", "html", "md", "csv"], STAMP)
    assert {p.name for p in written} >= {"schedule.ics", "schedule.md", "calendar.html"}
    check_golden("example/schedule.md", (tmp_path / "schedule.md").read_bytes())
    check_golden("example/schedule.html", (tmp_path / "schedule.html").read_bytes())
    check_golden("example/calendar.html", (tmp_path / "calendar.html").read_bytes())
    # The feed's golden is compared parsed, in test_ical.py; here: it reads back as the CSV.
    feed = timetable.load_schedule(tmp_path / "schedule.ics", council)
    assert len(feed.meetings) == len(plan.meetings)
    _same(timetable.load_schedule(tmp_path / "schedule.csv", council), feed)


def test_every_feed_of_a_council_without_a_domain_shares_its_uid_domain() -> None:
    from meetings.definitions import load_council  # noqa: PLC0415
    from meetings.planner import plan_schedule  # noqa: PLC0415

    example = load_council(EXAMPLE)
    # a name with a letter outside a-z and no website: the domain is made from the name
    council = attrs.evolve(
        example, name="Cyngor Môn", contact=attrs.evolve(example.contact, web="")
    )
    feeds = timetable.feeds(plan_schedule(council), council, stamp=STAMP)
    domains = {
        str(event["UID"]).split("@", 1)[1]
        for name in ("schedule.ics", "useful-dates.ics")
        for event in icalendar.Calendar.from_ical(feeds[name]).walk("VEVENT")
    }
    assert domains == {council.uid_domain}


def test_command_line_publishes_and_checks_the_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from meetings.cli import main  # noqa: PLC0415

    out = tmp_path / "site"
    argv = ["schedule", str(EXAMPLE), "--out", str(out), "--format", "ics,html,md,csv"]
    assert main([*argv, "--stamp", "2019-03-05T12:00:00Z"]) == 0
    for name in ("schedule.ics", "useful-dates.ics", "schedule.html", "calendar.html",
                 "schedule.md", "schedule.csv"):  # fmt: skip
        assert (out / name).is_file(), name
    assert "wrote" in capsys.readouterr().out
    capsys.readouterr()
    for name in ("schedule.ics", "schedule.csv"):
        assert main(["check", str(EXAMPLE), str(out / name)]) == 0, name
        report = capsys.readouterr().out
        assert "| Date | Time | Meeting | Quarter |\n" in report  # the files carry no reasons
        assert "| Tue 14 May 2019 | 19:00 | Council |  |\n" in report
    assert main([*argv[:-1], "ics,docx"]) == 2  # wrong usage
    assert "unknown publication format docx" in capsys.readouterr().err


def test_command_line_check_of_a_file_without_meetings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from meetings.cli import main  # noqa: PLC0415

    argv = ["schedule", str(EXAMPLE), "--out", str(tmp_path), "--format", "ics"]
    assert main([*argv, "--stamp", "2019-03-05T12:00:00Z"]) == 0
    capsys.readouterr()
    assert main(["check", str(EXAMPLE), str(tmp_path / "useful-dates.ics")]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'useful-dates.ics'}: holds no meetings of Oadby and Wigston" in err
    assert "hard rule" not in err


def test_command_line_previous_publication(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from meetings.cli import main  # noqa: PLC0415

    site, copy = tmp_path / "site", tmp_path / "copy"
    argv = [
        "schedule", str(EXAMPLE), "--format", "ics", "--stamp", "2019-03-05T12:00:00Z"
    ]  # fmt: skip
    assert main([*argv, "--out", str(site)]) == 0
    assert f"no previous publication in {site}: every SEQUENCE starts at 0" in (
        capsys.readouterr().out
    )
    assert main([*argv, "--out", str(site)]) == 0  # again into the same folder: compared
    assert f"previous publication: {site / 'schedule.ics'}" in capsys.readouterr().out
    assert main([*argv, "--out", str(copy), "--previous", str(site / "schedule.ics")]) == 0
    assert f"previous publication: {site / 'schedule.ics'}" in capsys.readouterr().out
    assert (copy / "schedule.ics").read_bytes() == (site / "schedule.ics").read_bytes()
    assert main([*argv, "--out", str(copy), "--previous", str(tmp_path / "none")]) == 1
    assert f"--previous {tmp_path / 'none'}: no feed there" in capsys.readouterr().err
    useful = str(site / "useful-dates.ics")
    assert main([*argv, "--out", str(copy), "--previous", useful]) == 1
    assert "useful-dates.ics: not a previous publication" in capsys.readouterr().err
    # Next year's feed in --out is not this schedule's publication: said, and not used.
    later = one(start=dt.datetime(2021, 6, 15, 18, 30, tzinfo=LONDON))
    (site / "schedule.ics").write_bytes(ical.to_ical([later], name="x", stamp=STAMP))
    assert main([*argv, "--out", str(site)]) == 0
    seen = capsys.readouterr()
    assert "warning: " in seen.err
    assert "its meetings are of 2021/22, this schedule's of 2019/20" in seen.err
    assert "previous publication not used: every SEQUENCE starts at 0" in seen.out
    assert later.uid not in (site / "schedule.ics").read_text()  # not carried over, cancelled


def test_command_line_templates_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from meetings.cli import main  # noqa: PLC0415

    (tmp_path / "mine" / "schedule").mkdir(parents=True)
    (tmp_path / "mine" / "schedule" / "table.md").write_text(
        "{% for g in groups %}{{ g.heading }}: {{ g.rows | length }}\n{% endfor %}"
    )
    out = tmp_path / "out"
    argv = ["schedule", str(EXAMPLE), "--out", str(out), "--format", "md,html"]
    assert main([*argv, "--templates", str(tmp_path / "mine")]) == 0
    assert (out / "schedule.md").read_text().splitlines()[0] == "Council: 6"
    assert "<table" in (out / "schedule.html").read_text()  # the rest from ours
    assert main([*argv, "--templates", str(tmp_path / "nope")]) == 1
    assert "--templates" in capsys.readouterr().err


# Text of any script, with the line breaks and tabs a title may have: control characters are
# refused on reading (guards.control_character), so no title holds one.
PRINTABLE = st.characters(exclude_categories=["Cs", "Cc"], include_characters="\n\t")


@settings(max_examples=25, deadline=None)
@given(
    st.text(PRINTABLE, min_size=1, max_size=40).filter(
        lambda s: s == s.strip() and "\r" not in s and "\x00" not in s
    )
)
def test_any_title_survives_csv_and_ics(title: str) -> None:
    schedule, council = schedule_of(one(title=title)), fixture_council()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        timetable.write(schedule, council, out, ["ics", "csv"], STAMP)
        for name in ("schedule.csv", "schedule.ics"):
            (back,) = timetable.load_schedule(out / name, council).meetings
            assert back.title == title, name
