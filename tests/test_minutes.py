"""Minutes: reading a meeting's [minutes], numbering, quorum, wording, rendering, the CLI.

Golden files in tests/golden/minutes/ are rewritten with MEETINGS_REGEN_GOLDEN=1.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from meetings._private import Reader
from meetings.actions import MemoryStore
from meetings.cli import main
from meetings.committee import Council, MinuteNumbering
from meetings.dates import WorkingCalendar
from meetings.definitions import load_council
from meetings.errors import DefinitionError
from meetings.minutes import (
    InterestNature,
    Minutes,
    Outcome,
    action_list_for,
    first_minute_number,
    load_minutes,
    read_minutes,
    record_actions,
    roman,
    same_municipal_year,
    scan_earlier,
)
from meetings.register import Register
from meetings.render import Format, render_document

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "oadby-wigston"
JAN = EXAMPLE / "meetings" / "2019-01-15-change-management.toml"
MAR = EXAMPLE / "meetings" / "2019-03-05-change-management.toml"
GOLDEN = Path(__file__).parent / "golden" / "minutes"
DATA = Path(__file__).parent / "data" / "minutes"
REGEN = os.environ.get("MEETINGS_REGEN_GOLDEN") == "1"


@pytest.fixture(scope="module")
def council() -> Council:
    return load_council(EXAMPLE / "council.toml")


@pytest.fixture(scope="module")
def minutes(council: Council) -> Minutes:
    return load_minutes(JAN, council)


def check_golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if REGEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert path.read_bytes().decode() == data.decode(), f"{name} differs from its golden file"


def minutes_from(table: str, **kwargs: object) -> Minutes:
    import tomllib  # noqa: PLC0415

    reader = Reader(tomllib.loads(table), file="m.toml", path="minutes")
    options: dict[str, object] = {
        "council": "Test Council",
        "body": "change-management",
        "body_name": "Change Management Committee",
        "day": dt.date(2019, 1, 15),
    }
    options.update(kwargs)
    minutes = read_minutes(reader, **options)  # type: ignore[arg-type]
    reader.raise_if_problems()
    return minutes


# -- the seed's minutes -----------------------------------------------------------------------


def test_example_reproduces_the_seed_minutes(minutes: Minutes) -> None:
    assert minutes.numbers == (10, 20)
    assert minutes.venue == "Council Offices, Station Road, Wigston"
    # Signed at the next meeting (Sch 12 para 41): Tuesday 5 March 2019, from its meeting file.
    assert minutes.signed == dt.date(2019, 3, 5)
    assert minutes.quorum.quorate
    assert minutes.warnings == ()
    assert [m.title for m in minutes.minutes][7] == "Introduction of Paperless Committee Meetings"
    assert minutes.substitutes[0].sentence() == (
        "Councillor J Kaufman substituted for Councillor M L Darr."
    )
    assert minutes.apologies_sentence() == (
        "An apology for absence was received from Councillors Miss A R Bond, "
        "Mrs L M Broadley, M L Darr, Mrs S Haq and Mrs S B Morris."
    )
    resolution = minutes.minutes[7].resolutions[0]
    assert resolution.preamble() == "It was moved by the Chair, seconded by B Dave and"
    assert resolution.verdict() == "UNANIMOUSLY RESOLVED THAT:"
    assert [label for label, _ in resolution.labelled_parts()] == ["(i)", "(ii)", "(iii)", "(iv)"]
    exclusion = minutes.minutes[9].resolutions[0]
    assert exclusion.affirmation
    assert "paragraph(s) 1, 2 and 3 of Part 1 of Schedule 12A" in exclusion.parts[0]
    assert minutes.closed == dt.time(20, 45)


def test_example_actions_are_the_seed_action_list(minutes: Minutes) -> None:
    actions = minutes.actions()
    assert [(a.origin.label(), a.due.label(), a.officers, a.status) for a in actions] == [
        (
            "17. - Introduction of Paperless Committee Meetings",
            "Mar-19",
            ("SaBa",),
            "On Target to Complete",
        ),
        ("18. - Absence Management (Q3 2017/18 v Q3 2018/19)", "Ongoing", ("KaPo",), "Ongoing"),
    ]


@pytest.mark.parametrize("fmt", [Format.HTML, Format.MD, Format.TXT])
def test_minutes_golden(minutes: Minutes, fmt: Format) -> None:
    data = render_document("minutes/minutes", minutes.context(), fmt)
    check_golden(f"2019-01-15-change-management.{fmt.value}", data)
    text = data.decode()
    assert "Tuesday, 15 January 2019" in text or "TUESDAY, 15 JANUARY 2019" in text
    assert "Tuesday, 5 March 2019" in text


@pytest.mark.parametrize("fmt", [Format.HTML, Format.MD, Format.TXT])
def test_action_list_golden(council: Council, minutes: Minutes, fmt: Format) -> None:
    store = MemoryStore()
    record_actions(minutes, store)
    listing = action_list_for(MAR, store, today=dt.date(2019, 2, 25), council=council)
    assert listing.previous == dt.date(2019, 1, 15)
    data = render_document("actions/action_list", {"al": listing}, fmt)
    check_golden(f"2019-03-05-action-list.{fmt.value}", data)
    # The seed printed "Monday, 15 January 2018"; the date is derived, so it cannot happen.
    assert "Tuesday, 15 January 2019" in data.decode()
    assert "2018" not in data.decode().replace("2017/18", "").replace("2018/19", "")


# -- wording ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("names", "sentence"),
    [
        ([], "None."),
        (["M L Darr"], "An apology for absence was received from Councillor M L Darr."),
        (
            ["Miss A R Bond", "Mrs L M Broadley"],
            "An apology for absence was received from Councillors Miss A R Bond and "
            "Mrs L M Broadley.",
        ),
        (
            ["Miss A R Bond", "Mrs L M Broadley", "M L Darr", "Mrs S Haq", "Mrs S B Morris"],
            "An apology for absence was received from Councillors Miss A R Bond, "
            "Mrs L M Broadley, M L Darr, Mrs S Haq and Mrs S B Morris.",
        ),
    ],
)
def test_apologies_wording(names: list[str], sentence: str) -> None:
    listed = ", ".join(f'"{n}"' for n in names)
    assert minutes_from(f"apologies = [{listed}]").apologies_sentence() == sentence


def test_votes_lost_and_decisions() -> None:
    minutes = minutes_from(
        """
        decision_maker = "The Sustainability, Procurement and Efficiency Portfolio Holder"
        [[items]]
        title = "Budget"
        [[items.resolutions]]
        moved = "Councillor A"
        seconded = "Councillor B"
        outcome = "carried"
        for = 6
        against = 2
        abstentions = 1
        resolved = "The budget be approved."
        [[items.resolutions]]
        moved = "Councillor C"
        outcome = "lost"
        for = 2
        against = 7
        resolved = "The budget be deferred."
        [[items]]
        title = "Drainage"
        [[items.decisions]]
        verb = "agreed"
        text = "that £100,000 be included in the 2009/10 Capital programme"
        [[items.decisions]]
        verb = "requested"
        text = "that the Council uses its best endeavours to purchase second hand plant"
        """
    )
    carried, lost = minutes.minutes[0].resolutions
    assert carried.verdict() == "RESOLVED THAT (For 6, Against 2, Abstentions 1):"
    assert lost.outcome is Outcome.LOST
    assert lost.preamble() == "It was moved by Councillor C that:"
    assert lost.verdict() == "Upon being put to the vote, the motion was LOST (For 2, Against 7)."
    html = render_document("minutes/minutes", minutes.context(), Format.HTML).decode()
    assert "<strong>AGREED</strong> that £100,000" in html
    assert ">(b)</td><td><strong>REQUESTED</strong> that the Council" in html
    assert "Procurement and Efficiency Portfolio Holder:" in html


def test_declarations() -> None:
    minutes = minutes_from(
        """
        [[declarations]]
        member = "Mrs S Haq"
        item = 2
        nature = "non-pecuniary"
        details = "her husband is a member of the club"
        [[items]]
        title = "Apologies"
        kind = "apologies"
        [[items]]
        title = "Leisure Centre Fees"
        """,
        first_minute=31,
    )
    assert minutes.declarations[0].nature is InterestNature.NON_PECUNIARY
    assert minutes.declaration_sentences() == (
        "Councillor Mrs S Haq declared a non-pecuniary interest in minute 32 "
        "(Leisure Centre Fees): her husband is a member of the club.",
    )


def test_every_problem_reported_at_once() -> None:
    with pytest.raises(DefinitionError) as caught:
        minutes_from(
            """
            colour = "blue"
            [[declarations]]
            member = "A"
            item = 4
            nature = "financial"
            [[items]]
            title = "Budget"
            [[items.resolutions]]
            affirmation = true
            moved = "the Chair"
            resolved = "x"
            [[items.resolutions]]
            outcome = "lost"
            for = 5
            against = 1
            resolved = "y"
            [[items.actions]]
            details = "d"
            due = "soon"
            status = "Done"
            """,
            officer_codes=["SaBa"],
        )
    text = str(caught.value)
    for expected in (
        "m.toml: minutes.colour: unknown key",
        "minutes.declarations[0].item: 4 is not an item of these minutes; valid: 1-1",
        "minutes.declarations[0].nature: 'financial' is not allowed",
        "minutes.items[0].resolutions[0].affirmation: a resolution by affirmation has no mover",
        "minutes.items[0].resolutions[1].for: lost with For 5, Against 1?",
        "minutes.items[0].actions[0].due: 'soon' is not a due date; valid:",
        "minutes.items[0].actions[0].status: unknown status 'Done'; valid: Not Started",
    ):
        assert expected in text
    assert len(caught.value.problems) == 7


def test_unknown_officer_code() -> None:
    with pytest.raises(DefinitionError, match=r"officers\[0\]: unknown officer code 'XyZz'"):
        minutes_from(
            """
            [[items]]
            title = "T"
            [[items.actions]]
            details = "d"
            due = "ongoing"
            officers = ["XyZz"]
            """,
            officer_codes=["SaBa", "KaPo"],
        )


def test_roman_numerals() -> None:
    assert [roman(n) for n in (1, 4, 9, 12, 14, 40)] == ["i", "iv", "ix", "xii", "xiv", "xl"]


# -- quorum -----------------------------------------------------------------------------------


def test_quorum_checked_against_the_rule() -> None:
    table = 'chair = "M H Charlesworth"\npresent = ["B Dave"]'
    ok = minutes_from(table, quorum_required=2)
    assert ok.quorum.quorate
    assert ok.warnings == ()
    short = minutes_from(table, quorum_required=3)
    assert short.quorum.quorate is False
    assert (
        "2 member(s) present, but the quorum of Change Management Committee is 3"
        in (short.warnings[0])
    )
    assert minutes_from(table).quorum.quorate is None


def test_inquorate_example_warns_from_the_council_rule(council: Council, tmp_path: Path) -> None:
    text = JAN.read_text(encoding="utf-8").replace(
        'present = ["B Dave", "J Kaufman", "K J Loydall JP"]', "present = []"
    )
    meetings = tmp_path / "meetings"
    meetings.mkdir()
    path = meetings / JAN.name
    path.write_text(text.replace('[[minutes.substitutes]]\nmember = "J Kaufman"', "#"), "utf-8")
    path.write_text(
        text.replace('\n[[minutes.substitutes]]\nmember = "J Kaufman"\nfor = "M L Darr"\n', ""),
        encoding="utf-8",
    )
    minutes = load_minutes(path, council)
    quorum = council.body("change-management").quorum_count(minutes.day)
    assert quorum is not None
    assert minutes.quorum.present == 1 < quorum
    assert "inquorate" in minutes.warnings[0]


# -- numbering ----------------------------------------------------------------------------------


def _meeting(folder: Path, name: str, items: int, first: int | None = None) -> Path:
    lines = ["standard_items = false", "[minutes]"]
    if first is not None:
        lines.append(f"first_minute = {first}")
    for i in range(items):
        lines += ["[[minutes.items]]", f'title = "Item {i + 1}"']
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_numbering_runs_through_the_municipal_year(tmp_path: Path) -> None:
    # 2018/19: 24 July 2018 (minutes 1-9), 15 January 2019 (10-20), 5 March 2019 (21-).
    _meeting(tmp_path, "2018-07-24-change-management.toml", 9)
    _meeting(tmp_path, "2018-11-20-service-delivery.toml", 12)
    jan = _meeting(tmp_path, "2019-01-15-change-management.toml", 11)
    mar = _meeting(tmp_path, "2019-03-05-change-management.toml", 3)
    # 2019/20 starts at the annual meeting (14 May 2019): numbering starts again.
    jun = _meeting(tmp_path, "2019-06-13-change-management.toml", 4)
    assert load_minutes(jan).numbers == (10, 20)
    assert load_minutes(mar).numbers == (21, 23)
    assert load_minutes(jun).numbers == (1, 4)
    # Signature dates come from the next meeting file of the same body.
    assert load_minutes(jan).signed == dt.date(2019, 3, 5)
    assert load_minutes(jun).signed is None


def test_numbering_settings(tmp_path: Path) -> None:
    _meeting(tmp_path, "2018-07-24-change-management.toml", 9, first=1)
    _meeting(tmp_path, "2018-11-20-service-delivery.toml", 12)
    earlier = scan_earlier(tmp_path, dt.date(2019, 1, 15))
    assert sorted(e[1] for e in earlier) == ["change-management", "service-delivery"]

    def same_year(a: dt.date, b: dt.date) -> bool:
        return True

    day, body = dt.date(2019, 1, 15), "change-management"
    assert first_minute_number(day, body, earlier, MinuteNumbering.PER_MEETING, same_year) == 1
    assert first_minute_number(day, body, earlier, MinuteNumbering.MUNICIPAL_YEAR, same_year) == 10
    assert first_minute_number(day, body, earlier, MinuteNumbering.COUNCIL_WIDE, same_year) == 22
    # An explicit first_minute in an earlier file restarts the count from there.
    restarted = [(dt.date(2018, 7, 24), body, 9, 40)]
    assert (
        first_minute_number(day, body, restarted, MinuteNumbering.MUNICIPAL_YEAR, same_year) == 49
    )


def test_a_meeting_file_without_minutes(tmp_path: Path) -> None:
    path = tmp_path / "2019-03-05-change-management.toml"
    path.write_text("standard_items = false\n", encoding="utf-8")
    with pytest.raises(DefinitionError, match="minutes: missing; this meeting has no minutes"):
        load_minutes(path)


# -- other formats ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [Format.PDF, Format.DOCX])
def test_pdf_and_docx(minutes: Minutes, fmt: Format, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint" if fmt is Format.PDF else "docx")
    data = render_document("minutes/minutes", minutes.context(), fmt)
    assert data[:4] == (b"%PDF" if fmt is Format.PDF else b"PK\x03\x04")
    if shutil.which("pdftotext") and fmt is Format.PDF:
        out = tmp_path / "m.pdf"
        out.write_bytes(data)
        text = subprocess.run(
            ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "UNANIMOUSLY RESOLVED THAT:" in text
    store = MemoryStore()
    record_actions(minutes, store)
    listing = action_list_for(MAR, store, today=dt.date(2019, 2, 25))
    data = render_document("actions/action_list", {"al": listing}, fmt)
    assert data[:4] == (b"%PDF" if fmt is Format.PDF else b"PK\x03\x04")


# -- the command line ---------------------------------------------------------------------------


def test_cli_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reg = str(tmp_path / "actions.sqlite")
    out = tmp_path / "minutes.md"
    assert main(["minutes", str(JAN), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (
        GOLDEN / "2019-01-15-change-management.md"
    ).read_text(encoding="utf-8")
    assert main(["actions", "import", str(JAN), "--register", reg]) == 0
    assert "2 action(s) added, 0 already" in capsys.readouterr().out
    assert main(["actions", "import", str(JAN), "--register", reg]) == 0
    assert "0 action(s) added, 2 already" in capsys.readouterr().out
    al = tmp_path / "al.txt"
    args = ["action-list", str(MAR), "--register", reg, "--today", "2019-02-25", "-o", str(al)]
    assert main(args) == 0
    assert al.read_text(encoding="utf-8") == (GOLDEN / "2019-03-05-action-list.txt").read_text(
        encoding="utf-8"
    )
    assert main(["actions", "list", "--register", reg, "--today", "2019-04-02", "--overdue"]) == 0
    listed = capsys.readouterr().out
    assert "Introduction of Paperless" in listed
    assert "Absence Management" not in listed
    assert main(["actions", "update", "1", "--status", "completed", "--note", "held",
                 "--date", "2019-03-05", "--register", reg]) == 0  # fmt: skip
    assert "1. 17. - Introduction of Paperless Committee Meetings: Completed" in (
        capsys.readouterr().out
    )
    assert main(["actions", "list", "--open", "--register", reg, "--format", "json"]) == 0
    listed_json = capsys.readouterr().out
    assert '"KaPo"' in listed_json
    assert '"SaBa"' not in listed_json
    export = tmp_path / "actions.json"
    assert main(["actions", "export", str(export), "--register", reg]) == 0
    copy = str(tmp_path / "copy.sqlite")
    assert main(["actions", "load", str(export), "--register", copy]) == 0
    assert "2 action(s) loaded, 0 already present" in capsys.readouterr().out
    with Register(copy) as loaded, Register(reg) as original:
        assert loaded.find() == original.find()


def test_cli_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reg = str(tmp_path / "actions.sqlite")
    assert main(["actions", "update", "1", "--status", "Done", "--register", reg]) == 1
    assert "unknown status 'Done'; valid: Not Started" in capsys.readouterr().err
    assert main(["actions", "update", "7", "--status", "Ongoing", "--register", reg]) == 1
    assert "no action register here" in capsys.readouterr().err
    Register(reg).close()
    assert main(["actions", "update", "7", "--status", "Ongoing", "--register", reg]) == 1
    assert "no action 7" in capsys.readouterr().err
    assert main(["minutes", str(tmp_path / "missing.toml"), "--council", "x.toml"]) == 1
    assert main(["actions", "list", "--format", "csv"]) == 2
    assert main(["minutes", str(JAN), "--format", "pdf"]) == 2  # pdf needs -o FILE


def test_working_day_due_counts_from_the_meeting() -> None:
    minutes = minutes_from(
        """
        [[items]]
        title = "Complaints"
        [[items.actions]]
        details = "Reply to the complainant"
        due = {working_days = 10}
        officers = ["SaBa"]
        """,
        day=dt.date(2019, 4, 29),
        calendar=WorkingCalendar(nation="england"),
    )
    # Ten working days from Mon 29 April 2019, skipping the bank holiday of Mon 6 May 2019.
    assert minutes.actions()[0].due.deadline == dt.date(2019, 5, 14)


def test_an_earlier_meeting_without_minutes_is_warned_about(tmp_path: Path) -> None:
    (tmp_path / "2019-01-15-change-management.toml").write_text(
        "standard_items = false\n", encoding="utf-8"
    )
    mar = _meeting(tmp_path, "2019-03-05-change-management.toml", 2)
    minutes = load_minutes(mar)
    assert minutes.numbers == (1, 2)
    assert "meeting of change-management on 2019-01-15 has no minutes yet" in minutes.warnings[0]


def test_reading_commands_do_not_create_a_register(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reg = tmp_path / "none.sqlite"
    assert main(["actions", "list", "--register", str(reg)]) == 1
    assert "no action register here" in capsys.readouterr().err
    assert not reg.exists()


def test_next_meeting_due_takes_the_body_next_meeting(council: Council, tmp_path: Path) -> None:
    meetings = tmp_path / "meetings"
    meetings.mkdir()
    shutil.copy(MAR, meetings / MAR.name)
    text = JAN.read_text(encoding="utf-8").replace('due = "2019-03"', 'due = "next meeting"')
    (meetings / JAN.name).write_text(text, encoding="utf-8")
    action = load_minutes(meetings / JAN.name, council).actions()[0]
    assert action.due.label() == "Next meeting (5 March 2019)"
    assert not action.is_overdue(dt.date(2019, 3, 5))
    assert action.is_overdue(dt.date(2019, 3, 6))


def test_attendance_names_are_checked_against_the_body(council: Council, tmp_path: Path) -> None:
    meetings = tmp_path / "meetings"
    meetings.mkdir()
    text = JAN.read_text(encoding="utf-8").replace('"B Dave"', '"Z Nobody"')
    (meetings / JAN.name).write_text(text, encoding="utf-8")
    minutes = load_minutes(meetings / JAN.name, council)
    # "Mrs S Haq" in the minutes is the member "Mrs S Z Haq"; J Kaufman is a named substitute.
    assert len(minutes.warnings) == 1
    assert (
        "minutes.present: 'Z Nobody' is not a member of Change Management Committee"
        in (minutes.warnings[0])
    )


def test_portfolio_holder_decisions_numbered_per_meeting() -> None:
    minutes = load_minutes(DATA / "2009-07-23-sustainability-portfolio-holder.toml")
    assert minutes.numbers == (1, 4)
    assert minutes.declaration_sentences() == (
        "Councillor Dr SEK van de Ven declared a personal interest in minutes 2 (Awarded"
        " Watercourses Service - Tendering Results) and 3 (Capital Programme - Awarded"
        " Watercourses Service): as a member of the Meldreth Parish Council Flood Avoidance"
        " Sub-Committee.",
    )
    # Ten working days from Thursday 23 July 2009: Thursday 6 August 2009.
    assert minutes.actions()[0].due.deadline == dt.date(2009, 8, 6)
    text = " ".join(
        render_document("minutes/minutes", minutes.context(), Format.TXT).decode().split()
    )
    assert "Councillor TD Bygott (Portfolio Holder)" in text
    assert "COUNCILLORS IN ATTENDANCE" in text
    assert (
        "The Sustainability, Procurement and Efficiency Portfolio Holder NOTED the performance"
        in text
    )
    assert "(b)" in text
    assert "REQUESTED that the Council uses its best endeavours" in text
    assert "THE MEETING CLOSED AT 11.55 AM" in text


def test_cli_add_an_action_from_another_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reg = str(tmp_path / "actions.sqlite")
    council = str(EXAMPLE / "council.toml")
    # Seed 001: an assessment's area for improvement, referencing standard element 4.1.2.
    args = ["actions", "add", "--register", reg, "--council", council, "--reference", "4.1.2"]
    args += ["--title", "Timeliness of service", "--details", "Review the timeliness targets."]
    args += ["--due", "10 working days", "--raised", "2019-04-29", "--officer", "StTu"]
    assert main(args) == 0
    assert "1. 4.1.2 - Timeliness of service: due 14 May 2019" in capsys.readouterr().out
    assert main([*args[:-1], "XyZz"]) == 1
    assert "--officer: unknown code(s) XyZz; valid: AnCo" in capsys.readouterr().err
    assert main(["actions", "list", "--register", reg, "--overdue", "--today", "2019-05-15"]) == 0
    assert "Review the timeliness targets." in capsys.readouterr().out


def test_action_list_warns_when_the_minutes_were_not_imported(council: Council) -> None:
    listing = action_list_for(MAR, MemoryStore(), today=dt.date(2019, 2, 25), council=council)
    assert listing.rows == ()
    assert "2 action(s) raised in these minutes are not in the register" in listing.warnings[0]


def test_public_minutes_withhold_exempt_items(minutes: Minutes) -> None:
    public = minutes.public()
    facing = public.minutes[-1]
    assert facing.title == "Facing the Future (Verbal Presentation)"
    assert facing.resolutions == ()
    assert facing.paragraphs[0].startswith("This item was considered in private.")
    assert "paragraph(s) 1, 2 and 3 of Part 1 of Schedule 12A" in facing.paragraphs[0]
    # The exclusion resolution itself is public; other items are unchanged.
    assert public.minutes[-2] == minutes.minutes[-2]
    assert public.minutes[:-1] == minutes.minutes[:-1]
    assert "verbal update from the Chief Executive" in minutes.minutes[-1].paragraphs[0]


def test_numbering_follows_the_council_annual_meeting(tmp_path: Path) -> None:
    # The council holds its annual meeting on Wed 8 May 2019, before the default day (Tue 14
    # May, the eighth day after councillors retire): a meeting on 10 May starts 2019/20.
    text = (EXAMPLE / "council.toml").read_text(encoding="utf-8")
    text = text.replace("year = 2019\n", "year = 2019\nannual_meeting = 2019-05-08\n", 1)
    (tmp_path / "council.toml").write_text(text, encoding="utf-8")
    council = load_council(tmp_path / "council.toml")
    assert council.schedule.annual_meeting == dt.date(2019, 5, 8)
    _meeting(tmp_path, "2019-01-15-change-management.toml", 11, first=10)
    _meeting(tmp_path, "2019-03-05-change-management.toml", 3)
    may = _meeting(tmp_path, "2019-05-10-change-management.toml", 2)
    assert load_minutes(may, council).numbers == (1, 2)
    assert load_minutes(may).numbers == (24, 25)  # by the default day, still 2018/19
    same = same_municipal_year(council)
    assert same(dt.date(2019, 5, 8), dt.date(2020, 5, 1))
    assert not same(dt.date(2019, 5, 7), dt.date(2019, 5, 8))


def _workspace(tmp_path: Path) -> Path:
    """A copy of the example workspace, as the docs' tour starts."""
    copy = tmp_path / "my-council"
    shutil.copytree(EXAMPLE, copy)
    return copy


def _documented_commands() -> list[list[str]]:
    """The `meetings ...` lines of the first shell block of docs/minutes-and-actions.md."""
    text = (ROOT / "docs" / "minutes-and-actions.md").read_text(encoding="utf-8")
    block = text.split("```sh\n", 1)[1].split("```", 1)[0].replace("\\\n", " ")
    lines = [line.strip() for line in block.splitlines()]
    return [shlex.split(line)[1:] for line in lines if line.startswith("meetings ")]


def test_the_documented_tour_runs_from_a_copy_of_the_example(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = _workspace(tmp_path)
    monkeypatch.chdir(copy)
    commands = _documented_commands()
    assert len(commands) >= 10
    for argv in commands:
        assert main(argv) == 0, argv
    out = capsys.readouterr().out
    assert "2 action(s) added, 0 already in actions.sqlite" in out
    assert "1. 17. - Introduction of Paperless Committee Meetings: Completed (2019-03-05)" in out
    assert "3. 4.1.2 - Timeliness of service: due 14 May 2019" in out
    # Every verb used the one register of the workspace (and `load` the one it was given).
    assert sorted(p.name for p in copy.glob("*.sqlite")) == ["actions.sqlite", "other.sqlite"]
    with Register(copy / "actions.sqlite") as register:
        assert len(register) == 3
    # From elsewhere, the meeting file or --council finds the same register.
    monkeypatch.chdir(tmp_path)
    meeting = "my-council/meetings/2019-01-15-change-management.toml"
    assert main(["actions", "import", meeting]) == 0
    assert "0 action(s) added, 2 already in my-council/actions.sqlite" in capsys.readouterr().out
    assert main(["actions", "list", "--open", "--council", "my-council/council.toml"]) == 0
    assert "Absence Management" in capsys.readouterr().out
    assert main(["actions", "list"]) == 1  # no council.toml here, so ./actions.sqlite: none
    assert "actions.sqlite: no action register here" in capsys.readouterr().err


def test_a_council_vocabulary_closes_actions_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = _workspace(tmp_path)
    council = copy / "council.toml"
    council.write_text(
        re.sub(
            r"(?m)^action_statuses = .*$",
            'action_statuses = ["Open", "In Hand", "Done"]',
            council.read_text(encoding="utf-8"),
        ),
        encoding="utf-8",
    )
    jan = copy / "meetings" / JAN.name
    jan.write_text(
        jan.read_text(encoding="utf-8")
        .replace('status = "On Target to Complete"', 'status = "In Hand"')
        .replace('status = "Ongoing"', 'status = "Open"'),
        encoding="utf-8",
    )
    monkeypatch.chdir(copy)
    assert main(["actions", "import", f"meetings/{JAN.name}"]) == 0
    assert main(["actions", "update", "1", "--status", "done", "--date", "2019-03-05"]) == 0
    capsys.readouterr()
    assert main(["actions", "list", "--open", "--format", "json"]) == 0
    listed = capsys.readouterr().out
    assert '"KaPo"' in listed
    assert '"SaBa"' not in listed
    # The completed action is shown once more (on the list after it closed), then dropped.
    mar = copy / "meetings" / MAR.name
    later = copy / "meetings" / "2019-06-13-change-management.toml"
    later.write_text(mar.read_text(encoding="utf-8"), encoding="utf-8")
    args = ["action-list", f"meetings/{later.name}", "--format", "txt", "--today", "2019-06-05"]
    assert main(args) == 0
    text = capsys.readouterr().out
    assert "Status: Done" in text
    assert "Status: Open" in text
    assert main(["actions", "update", "2", "--status", "Closed"]) == 1
    assert "unknown status 'Closed'; valid: Open, In Hand, Done" in capsys.readouterr().err


def test_actions_add_checks_the_body_and_dates_the_next_meeting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(_workspace(tmp_path))
    base = ["actions", "add", "--title", "Budget", "--details", "Report back", "--minute", "5"]
    base += ["--raised", "2019-01-20", "--due", "next meeting"]
    assert main([*base, "--body", "nosuch"]) == 1
    err = capsys.readouterr().err
    assert "--body: unknown body 'nosuch'; valid: council, policy-finance-development" in err
    assert main([*base, "--body", "change-management"]) == 0
    # The committee's next meeting after 20 January 2019 is its meeting file of 5 March.
    assert "due Next meeting (5 March 2019)" in capsys.readouterr().out
    assert main(["actions", "list", "--overdue", "--today", "2019-03-06"]) == 0
    assert "Report back" in capsys.readouterr().out
    # No meeting of the body is known after the last file: kept symbolic, with a warning.
    assert main([*base[:-4], "--raised", "2019-03-06", "--due", "next meeting",
                 "--body", "change-management"]) == 0  # fmt: skip
    captured = capsys.readouterr()
    assert "due Next meeting," in captured.out
    assert "never shown overdue" in captured.err
    assert main(["actions", "add", "--title", "x", "--details", "y", "--reference", "4.1",
                 "--due", "next meeting"]) == 1  # fmt: skip
    assert "needs --body" in capsys.readouterr().err


# -- a single decision-maker's minutes (issue 15) --------------------------------------------

PORTFOLIO_COUNCIL = Path(__file__).parent / "data" / "agenda" / "portfolio" / "council.toml"


def test_portfolio_holder_minutes_supply_the_and_check_no_quorum(tmp_path: Path) -> None:
    council = load_council(PORTFOLIO_COUNCIL)
    folder = tmp_path / "meetings"
    folder.mkdir()
    path = folder / "2009-09-24-sustainability.toml"
    path.write_text(
        "previous_meeting = 2009-07-23\n"
        "[minutes]\n"
        'chair = "TD Bygott"\nchair_role = "Portfolio Holder"\n'
        "[[minutes.items]]\n"
        'title = "Minutes of Previous Meeting"\n'
        'text = "The minutes of the meeting held on {previous_meeting} were signed."\n'
        "[[minutes.items.decisions]]\n"
        'verb = "agreed"\ntext = "the minutes of {previous_meeting} as a correct record."\n',
        encoding="utf-8",
    )
    minutes = load_minutes(path, council)
    # No quorum for one person deciding alone: nothing to check, nothing to warn about.
    assert minutes.quorum.required is None
    assert not [w for w in minutes.warnings if "quorum" in w]
    assert minutes.decision_maker == "The Portfolio Holder"
    text = " ".join(
        render_document("minutes/minutes", minutes.context(), Format.TXT).decode().split()
    )
    assert "The minutes of the meeting held on 23 July 2009 were signed." in text
    assert "The Portfolio Holder AGREED the minutes of 23 July 2009 as a correct record." in text
    # A decision-maker named without "The" gets it.
    named = path.read_text(encoding="utf-8").replace(
        "[minutes]\n",
        '[minutes]\ndecision_maker = "Sustainability, Procurement and Efficiency Portfolio'
        ' Holder"\n',
    )
    path.write_text(named, encoding="utf-8")
    assert load_minutes(path, council).decision_maker == (
        "The Sustainability, Procurement and Efficiency Portfolio Holder"
    )
