"""Agendas and summonses: meeting files, page ranges, exclusion wording, notice, templates.

Golden files live in tests/golden/agenda/; regenerate them after a deliberate change with
    MEETINGS_REGEN_GOLDEN=1 .venv/bin/pytest tests/test_agenda.py
and read the diff before committing it.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetings.agenda import (
    Agenda,
    ItemKind,
    Letter,
    Neighbours,
    agenda_for,
    allocate_pages,
    build_agenda,
    exclusion_resolution,
    find_council,
    find_workspace,
    folder_notice_warnings,
    latest_issue_date,
    load_meeting,
    neighbours,
    next_meeting_of,
    notice_warnings,
    workspace_notice_warnings,
)
from meetings.cli import main
from meetings.definitions import load_council
from meetings.errors import DefinitionError, RenderError
from meetings.render import Format, render, render_document

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "oadby-wigston" / "meetings" / "2019-03-05-change-management.toml"
DATA = Path(__file__).resolve().parent / "data" / "agenda"
FIXTURE = DATA / "meetings" / "2019-03-05-change-management.toml"
GOLDEN = Path(__file__).resolve().parent / "golden" / "agenda"
REGEN = os.environ.get("MEETINGS_REGEN_GOLDEN") == "1"


def _council_file() -> Path:
    return DATA / "council.toml"


def _meeting(tmp_path: Path, name: str, text: str) -> Path:
    """A meeting file in a workspace whose council is the test council."""
    folder = tmp_path / "meetings"
    folder.mkdir(exist_ok=True)
    (tmp_path / "council.toml").write_text(_council_file().read_text(), encoding="utf-8")
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# -- page ranges -----------------------------------------------------------------------------


def test_pages_of_the_seed_agenda() -> None:
    # Seed 000: minutes 1 - 5, action list 6, then the reports; the verbal update has none.
    ranges = allocate_pages([None, None, None, 5, 1, None, 2, 5, 4, 21, None])
    assert [str(r) if r else "" for r in ranges] == [
        "",
        "",
        "",
        "1 - 5",
        "6",
        "",
        "7 - 8",
        "9 - 13",
        "14 - 17",
        "18 - 38",
        "",
    ]


def test_pages_can_start_later() -> None:
    assert [str(r) for r in allocate_pages([1, 3], start=40) if r] == ["40", "41 - 43"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(min_value=1, max_value=60)), max_size=25))
def test_pages_are_contiguous_and_in_order(counts: list[int | None]) -> None:
    ranges = allocate_pages(counts)
    expected_first = 1
    for count, pages in zip(counts, ranges, strict=True):
        if count is None:
            assert pages is None
            continue
        assert pages is not None
        assert pages.first == expected_first
        assert pages.last - pages.first + 1 == count
        expected_first = pages.last + 1


# -- exempt information ----------------------------------------------------------------------


def test_exclusion_wording_one_paragraph() -> None:
    assert exclusion_resolution([3]) == "paragraph(s) 3 of Part 1 of Schedule 12A"


def test_exclusion_wording_several_paragraphs_sorted_once() -> None:
    # The seed minutes of 15 January 2019 (minute 19) cite paragraphs 1, 2 and 3.
    assert exclusion_resolution([3, 1, 2, 1]) == (
        "paragraph(s) 1, 2 and 3 of Part 1 of Schedule 12A"
    )
    assert exclusion_resolution([5, 7]) == "paragraph(s) 5 and 7 of Part 1 of Schedule 12A"


def test_exclusion_unknown_paragraph_lists_the_valid_ones() -> None:
    with pytest.raises(DefinitionError) as caught:
        exclusion_resolution([1, 8])
    message = str(caught.value)
    assert "paragraph 8 is not a paragraph of Part 1 of Schedule 12A" in message
    for n in range(1, 8):
        assert f"{n} (" in message


def test_meeting_file_with_paragraph_8_is_rejected(tmp_path: Path) -> None:
    path = _meeting(
        tmp_path,
        "2019-03-05-change-management.toml",
        '[[items]]\ntitle = "Staffing"\nkind = "decision"\nauthor = "anne-court"\n'
        "exempt = [1, 8]\n",
    )
    with pytest.raises(DefinitionError) as caught:
        load_meeting(path)
    message = str(caught.value)
    assert "items[0].exempt: paragraph 8 is not a paragraph" in message
    assert "valid: 1 (an individual), 2 (identity of an individual)," in message
    assert "6 (a proposed notice, order or direction), 7 (crime)" in message


def test_exempt_items_come_last_after_the_resolution() -> None:
    agenda = agenda_for(FIXTURE)
    titles = [e.title for e in agenda.entries]
    assert titles[-2:] == ["Exclusion of the Press and Public", "Staffing matter"]
    assert [e.title for e in agenda.private] == ["Staffing matter"]
    exclusion = agenda.public[-1]
    assert "paragraph(s) 1 and 2 of Part 1 of Schedule 12A" in exclusion.purpose
    assert "Section 100A(4)" in exclusion.purpose
    # The page numbers run on through the exempt part.
    assert agenda.private[0].page_text == "10 - 12"
    assert agenda.pages == 12


# -- the example reproduces seed 000 ---------------------------------------------------------


def test_example_reproduces_the_seed_agenda() -> None:
    pytest.importorskip("pypdf")
    # Page numbers are counted from the papers the pack binds: the minutes of 15 January 2019
    # fill pages 1-5 and the action list page 6, as in the seed; the reports are their front
    # sheets only (the seed's bodies and appendices are not reproduced), so from item 8 the
    # numbers run shorter than the seed's 9-13, 14-17 and 18-38.
    agenda = _example_agenda()
    rows = [(e.number, e.title, e.page_text, e.presenter) for e in agenda.entries]
    assert rows == [
        (1, "Apologies for Absence", "", None),
        (2, "Appointment of Substitutes", "", None),
        (3, "Declarations of Interest", "", None),
        (4, "Minutes of the Previous Meeting", "1 - 5", None),
        (5, "Action List Arising from the Previous Meeting", "6", None),
        (6, "Petitions and Deputations", "", None),
        (
            7,
            "The Council's Corporate Plan (2019-2024)",
            "7 - 8",
            "Chief Executive / Head of Paid Service",
        ),
        (
            8,
            "Draft Member Induction Programme (2019/20)",
            "9 - 10",
            "Democratic & Electoral Services Manager",
        ),
        (
            9,
            "Draft Schedule of Council & Allied Meetings (2019/20)",
            "11 - 12",
            "Senior Democratic Services Officer / Legal Officer",
        ),
        (10, "Customer Service Excellence (CSE) Award", "13 - 14", "Head of People & Performance"),
        (
            11,
            "Brexit Preparations Update (March 2019)",
            "",
            "Chief Executive / Head of Paid Service",
        ),
    ]
    assert agenda.entries[-1].kind is ItemKind.VERBAL
    # Derived, not typed: five clear days before Tuesday 5 March 2019.
    assert agenda.issued == dt.date(2019, 2, 25)
    assert agenda.start == dt.datetime(2019, 3, 5, 18, 30, tzinfo=agenda.start.tzinfo)
    assert agenda.previous_meeting == dt.date(2019, 1, 15)
    assert agenda.signatory_name == "Mrs Anne E Court"
    assert agenda.signatory_title == "Chief Executive"
    assert [m.listed for m in agenda.members][2] == "M H Charlesworth (Chair)"
    assert agenda.venue == "Council Offices, Station Road, Wigston"
    assert agenda.warnings == ()


def test_summons_wording_is_derived_from_the_date() -> None:
    text = render("agenda/agenda.txt", {"agenda": agenda_for(EXAMPLE)})
    flat = " ".join(text.split())
    assert "on TUESDAY, 5 MARCH 2019 at 6.30 PM" in flat
    # Seed 000: the place and date of issue come before the proper officer's signature.
    assert (
        "Yours faithfully Council Offices Wigston 25 February 2019 Mrs Anne E Court Chief Executive"
    ) in flat


# -- golden documents ------------------------------------------------------------------------


GROUPED = DATA / "grouped" / "2009-09-24-change-management.toml"


def _grouped_agenda() -> Agenda:
    council = attrs.evolve(load_council(_council_file()), large_print_notice_hours=48)
    return agenda_for(GROUPED, council)


def _example_agenda() -> Agenda:
    """The example's agenda, paged from its papers (the pdf extra prints and counts them)."""
    pytest.importorskip("weasyprint")
    return _counted_example()


@functools.cache
def _counted_example() -> Agenda:
    from meetings.assembly import counted_agenda  # noqa: PLC0415

    return counted_agenda(EXAMPLE)


@pytest.mark.parametrize("name", ["example", "exempt", "grouped"])
@pytest.mark.parametrize("fmt", [Format.HTML, Format.MD, Format.TXT])
def test_golden(name: str, fmt: Format) -> None:
    agenda = {
        "example": _example_agenda,
        "exempt": lambda: agenda_for(FIXTURE),
        "grouped": _grouped_agenda,
    }[name]()
    out = render_document("agenda/agenda", {"agenda": agenda}, fmt).decode()
    golden = GOLDEN / f"{name}.{fmt.value}"
    if REGEN:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8"), (
        f"regenerate: MEETINGS_REGEN_GOLDEN=1 ({golden.name})"
    )


def test_grouped_agenda_reads_like_seed_003() -> None:
    agenda = _grouped_agenda()
    nxt = agenda.entries[-1]
    # The next meeting's start is the body's usual time (its meeting file would say otherwise).
    assert (nxt.title, nxt.meeting_date, nxt.meeting_time) == (
        "Date of Next Meeting",
        dt.date(2009, 12, 10),
        dt.time(18, 30),
    )
    md = render("agenda/agenda.md", {"agenda": agenda})
    # Group headings sit above the items they group.
    assert "\n### DECISION ITEMS\n\n#### 3. Unreasonably Persistent Complainants\n" in md
    assert "\\~\\~strike\\~\\~" in md
    text = render("agenda/agenda.txt", {"agenda": agenda})
    assert "\n      Thursday, 10 December 2009 at 6.30 PM\n" in text
    flat = " ".join(text.split())
    assert "as a matter of urgency. Reasons for urgency: The contract must be signed" in flat


def test_rendering_is_deterministic() -> None:
    first = render_document("agenda/agenda", {"agenda": agenda_for(EXAMPLE)}, Format.DOCX)
    second = render_document("agenda/agenda", {"agenda": agenda_for(EXAMPLE)}, Format.DOCX)
    assert first == second


def test_html_escapes_file_text(tmp_path: Path) -> None:
    path = _meeting(
        tmp_path,
        "2019-03-05-change-management.toml",
        '[[items]]\ntitle = "Budget <script>alert(1)</script>"\nkind = "information"\n'
        'author = "samuel-ball"\n',
    )
    html = render("agenda/agenda.html", {"agenda": agenda_for(path)})
    assert "<script>alert" not in html
    assert "Budget &lt;script&gt;" in html
    markdown = render("agenda/agenda.md", {"agenda": agenda_for(path)})
    assert "Budget \\<script\\>alert(1)\\</script\\>" in markdown


# -- notice: clear days around bank holidays -------------------------------------------------


def test_issue_date_defaults_to_latest_lawful_day_before_a_bank_holiday(tmp_path: Path) -> None:
    # Tue 4 Jun 2019: the five clear days are 28 May - 3 Jun; Mon 27 May is the spring bank
    # holiday, so the agenda must be out by Fri 24 May 2019.
    path = _meeting(tmp_path, "2019-06-04-change-management.toml", "")
    agenda = agenda_for(path)
    assert agenda.issued == dt.date(2019, 5, 24)
    assert agenda.warnings == ()


def test_issue_date_after_the_bank_holiday_warns(tmp_path: Path) -> None:
    path = _meeting(tmp_path, "2019-06-04-change-management.toml", "issued = 2019-05-28\n")
    council = load_council(_council_file())
    warnings = notice_warnings(load_meeting(path, council), council)
    assert len(warnings) == 1
    assert "issued on Tuesday 28 May 2019, which leaves 4 clear days" in warnings[0]
    assert "issue by Friday 24 May 2019" in warnings[0]
    assert "s.100B(3)" in warnings[0]
    assert agenda_for(path).issued == dt.date(2019, 5, 28)  # given dates are kept


def test_issue_date_on_the_last_lawful_day_is_quiet(tmp_path: Path) -> None:
    path = _meeting(tmp_path, "2019-06-04-change-management.toml", "issued = 2019-05-24\n")
    council = load_council(_council_file())
    assert notice_warnings(load_meeting(path, council), council) == []


def test_wales_needs_three_clear_days(tmp_path: Path) -> None:
    # Three clear days in Wales: Thu 30 May, Fri 31 May and Mon 3 Jun before Tue 4 Jun 2019.
    path = _meeting(tmp_path, "2019-06-04-change-management.toml", "")
    council = tmp_path / "council.toml"
    council.write_text(
        council.read_text().replace('nation = "england"', 'nation = "wales"'), encoding="utf-8"
    )
    agenda = agenda_for(path)
    assert (agenda.clear_days, agenda.issued) == (3, dt.date(2019, 5, 29))


def test_may_day_bank_holiday(tmp_path: Path) -> None:
    # Tue 14 May 2019: clear days 7-13 May; Mon 6 May is a bank holiday: publish by Fri 3 May.
    path = _meeting(tmp_path, "2019-05-14-change-management.toml", "issued = 2019-05-06\n")
    agenda = agenda_for(path)
    assert len(agenda.warnings) == 1
    assert "issue by Friday 3 May 2019" in agenda.warnings[0]


def test_papers_to_follow_warn_unless_urgent(tmp_path: Path) -> None:
    path = _meeting(
        tmp_path,
        "2019-03-05-change-management.toml",
        '[[items]]\ntitle = "Late report"\nkind = "decision"\nauthor = "samuel-ball"\n'
        "to_follow = true\n\n"
        '[[items]]\ntitle = "Urgent report"\nkind = "decision"\nauthor = "samuel-ball"\n'
        'to_follow = true\nurgent = "the contract must be signed before 31 March."\n',
    )
    agenda = agenda_for(path)
    assert [e.page_text for e in agenda.entries[-2:]] == ["To Follow", "To Follow"]
    assert len(agenda.warnings) == 1
    assert "'Late report' is to follow" in agenda.warnings[0]
    assert "s.100B(4)(b)" in agenda.warnings[0]
    text = render("agenda/agenda.txt", {"agenda": agenda})
    assert "Urgent item. The Chair has agreed" in text


def test_folder_warnings_for_meetings_check(tmp_path: Path) -> None:
    _meeting(tmp_path, "2019-06-04-change-management.toml", "issued = 2019-05-28\n")
    _meeting(tmp_path, "2019-03-05-change-management.toml", "")
    council = load_council(_council_file())
    warnings = folder_notice_warnings(tmp_path / "meetings", council)
    assert len(warnings) == 1
    assert warnings[0].startswith("2019-06-04-change-management.toml: issued on")
    assert "leaves 4 clear days" in warnings[0]
    assert workspace_notice_warnings(tmp_path / "council.toml", council) == warnings
    assert workspace_notice_warnings(tmp_path / "elsewhere" / "council.toml", council) == []


def test_unsigned_summons_warns(tmp_path: Path) -> None:
    path = _meeting(tmp_path, "2019-03-05-change-management.toml", "")
    council = tmp_path / "council.toml"
    council.write_text(
        council.read_text().replace('proper_officer = "anne-court"\n', ""), encoding="utf-8"
    )
    agenda = agenda_for(path)
    assert agenda.signatory_name == ""
    assert any("no proper_officer" in w for w in agenda.warnings)


# -- meeting files: bad input ----------------------------------------------------------------


def test_missing_author(tmp_path: Path) -> None:
    path = _meeting(
        tmp_path,
        "2019-03-05-change-management.toml",
        '[[items]]\ntitle = "Budget"\nkind = "decision"\npages = 3\n',
    )
    with pytest.raises(DefinitionError) as caught:
        load_meeting(path)
    assert "items[0].author: missing; a decision item needs the officer presenting it" in str(
        caught.value
    )


def test_every_problem_at_once(tmp_path: Path) -> None:
    path = _meeting(
        tmp_path,
        "2019-03-05-change-management.toml",
        'venue = "town-hall"\nstandard_items = ["apologies", "minuets"]\ncolour = "red"\n\n'
        '[[items]]\ntitle = "Budget"\nkind = "decison"\nauthor = "samuel-bal"\n\n'
        '[[items]]\ntitle = "Update"\nkind = "verbal"\nauthor = "anne-court"\npages = 2\n',
    )
    council = load_council(_council_file())
    with pytest.raises(DefinitionError) as caught:
        load_meeting(path, council)
    keys = {p.key for p in caught.value.problems}
    assert keys == {
        "venue",
        "standard_items[1]",
        "colour",
        "items[0].kind",
        "items[0].author",
        "items[1].pages",
    }
    message = str(caught.value)
    assert "did you mean 'minutes'?" in message
    assert "did you mean 'samuel-ball'?" in message
    assert "did you mean 'decision'?" in message
    assert str(path) in message


def test_file_name_and_keys_must_agree(tmp_path: Path) -> None:
    path = _meeting(
        tmp_path, "2019-03-05-change-management.toml", 'date = 2019-03-06\nbody = "council"\n'
    )
    with pytest.raises(DefinitionError) as caught:
        load_meeting(path)
    assert {p.key for p in caught.value.problems} == {"date", "body"}


def test_minutes_table_is_kept_raw_for_the_minutes_module(tmp_path: Path) -> None:
    path = _meeting(
        tmp_path,
        "2019-03-05-change-management.toml",
        '[minutes]\nchair = "M H Charlesworth"\nanything = 1\n',
    )
    meeting = load_meeting(path)
    assert meeting.minutes_table == {"chair": "M H Charlesworth", "anything": 1}
    assert load_meeting(FIXTURE).minutes_table is None


def test_unknown_body_names_the_valid_ones(tmp_path: Path) -> None:
    path = _meeting(tmp_path, "2019-03-05-change-managment.toml", "")
    council = load_council(_council_file())
    with pytest.raises(DefinitionError, match="did you mean 'change-management'"):
        load_meeting(path, council)


def test_standard_items_can_be_chosen_or_dropped(tmp_path: Path) -> None:
    path = _meeting(
        tmp_path,
        "2019-03-05-change-management.toml",
        'standard_items = ["minutes", "apologies"]\n\n[standard.minutes]\nto_follow = true\n',
    )
    agenda = agenda_for(path)
    assert [e.title for e in agenda.entries] == [
        "Minutes of the Previous Meeting",
        "Apologies for Absence",
    ]
    assert agenda.entries[0].page_text == "To Follow"
    none = _meeting(tmp_path, "2019-03-06-change-management.toml", "standard_items = false\n")
    assert agenda_for(none).entries == ()


def test_council_file_is_found_above_meetings(tmp_path: Path) -> None:
    path = _meeting(tmp_path, "2019-03-05-change-management.toml", "")
    assert find_council(path) == tmp_path / "council.toml"
    (tmp_path / "council.toml").unlink()
    with pytest.raises(DefinitionError, match="give one with --council"):
        find_council(path)
    with pytest.raises(DefinitionError, match=r"nowhere\.toml: file not found"):
        find_council(tmp_path / "nowhere.toml")


def test_the_workspace_of_a_command(tmp_path: Path) -> None:
    meeting = tmp_path / "ws" / "meetings" / "2019-03-05-change-management.toml"
    assert find_workspace(meeting) == tmp_path / "ws"
    assert find_workspace(meeting, tmp_path / "other" / "council.toml") == tmp_path / "ws"
    assert find_workspace(None, tmp_path / "other" / "council.toml") == tmp_path / "other"
    assert find_workspace() == Path()


# -- previous and next meetings --------------------------------------------------------------


def test_neighbours_from_sibling_files(tmp_path: Path) -> None:
    for day in ("2018-07-24", "2019-01-15"):
        _meeting(tmp_path, f"{day}-change-management.toml", "")
    _meeting(tmp_path, "2019-06-13-change-management.toml", 'start = "10:00"\n')
    _meeting(tmp_path, "2019-02-01-council.toml", "")  # another body: ignored
    path = _meeting(tmp_path, "2019-03-05-change-management.toml", "")
    found = neighbours(load_meeting(path))
    assert tuple(found) == (dt.date(2019, 1, 15), dt.date(2019, 6, 13))
    assert found.next_start == dt.time(10, 0)  # from the next meeting's own file
    assert next_meeting_of("change-management", dt.date(2019, 1, 15), tmp_path) == dt.date(
        2019, 3, 5
    )
    assert next_meeting_of("change-management", dt.date(2019, 6, 13), tmp_path) is None


def test_explicit_neighbours_win(tmp_path: Path) -> None:
    _meeting(tmp_path, "2019-01-15-change-management.toml", "")
    path = _meeting(
        tmp_path, "2019-03-05-change-management.toml", "previous_meeting = 2019-01-08\n"
    )
    assert neighbours(load_meeting(path)) == Neighbours(previous=dt.date(2019, 1, 8), next=None)


def test_neighbours_must_lie_either_side(tmp_path: Path) -> None:
    path = _meeting(tmp_path, "2019-03-05-change-management.toml", "next_meeting = 2019-01-08\n")
    with pytest.raises(DefinitionError, match="next_meeting: 2019-01-08 is not after"):
        load_meeting(path)


def test_neighbours_from_the_schedule(tmp_path: Path) -> None:
    def meeting(day: str, status: str = "provisional", at: str = "18:30") -> dict[str, object]:
        return {
            "uid": f"change-management-{day}",
            "body": "change-management",
            "title": "Change Management Committee",
            "start": f"{day}T{at}:00+01:00",
            "end": f"{day}T20:30:00+01:00",
            "status": status,
        }

    schedule = {
        "council": "Oadby and Wigston Borough Council",
        "municipal_year": "2019/20",
        "meetings": [
            meeting("2019-06-13"),
            meeting("2019-09-10", "cancelled"),
            meeting("2019-09-12", at="10:00"),
        ],
    }
    (tmp_path / "schedule.json").write_text(json.dumps(schedule), encoding="utf-8")
    path = _meeting(
        tmp_path,
        "2019-06-13-change-management.toml",
        "date_of_next_meeting = true\nprevious_meeting = 2019-03-05\n",
    )
    agenda = agenda_for(path)
    assert agenda.next_meeting == dt.date(2019, 9, 12)
    last = agenda.entries[-1]
    assert last.title == "Date of Next Meeting"
    md = render("agenda/agenda.md", {"agenda": agenda})
    assert "Thursday, 12 September 2019 at 10.00 AM" in md
    # With no meeting file for it, the schedule also gives a body's next meeting.
    after = dt.date(2019, 6, 13)
    assert next_meeting_of("change-management", after, tmp_path) == dt.date(2019, 9, 12)


def test_headings_by_kind_in_the_style_of_seed_003() -> None:
    # Seed 003: procedural, decision and standing items under headings, a forward plan, the
    # date of the next meeting, and a large-print notice under the summons.
    agenda = _grouped_agenda()
    assert [(e.heading, e.title, e.page_text) for e in agenda.entries] == [
        ("Procedural Items", "Declarations of Interest", ""),
        (None, "Minutes of the Previous Meeting", "1 - 4"),
        ("Decision Items", "Unreasonably Persistent Complainants", "5 - 16"),
        (None, "Customer Service Excellence Project Plan", "17 - 34"),
        ("Standing Items", "Forward Plan", "35 - 36"),
        (None, "Date of Next Meeting", ""),
    ]
    text = render("agenda/agenda.txt", {"agenda": agenda})
    assert "      DECISION ITEMS\n" in text
    assert "at least 48 hours before the meeting" in " ".join(text.split())


def test_build_agenda_takes_given_neighbours() -> None:
    council = load_council(_council_file())
    agenda = build_agenda(
        load_meeting(FIXTURE, council),
        council,
        around=Neighbours(previous=dt.date(2019, 1, 15), next=None),
    )
    assert isinstance(agenda, Agenda)
    minutes = next(e for e in agenda.entries if e.standard == "minutes")
    assert minutes.meeting_date == dt.date(2019, 1, 15)


# -- templates: typos and hostile users ------------------------------------------------------


def _user_template(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "templates"
    (folder / "agenda").mkdir(parents=True)
    (folder / "agenda" / "agenda.txt").write_text(text, encoding="utf-8")
    return folder


def test_template_with_a_typo_names_template_and_line(tmp_path: Path) -> None:
    folder = _user_template(tmp_path, "{{ agenda.council }}\n\n{{ agenda.bodyy }}\n")
    with pytest.raises(RenderError, match=r"template agenda/agenda.txt, line 3: .*'bodyy'"):
        render_document(
            "agenda/agenda", {"agenda": agenda_for(EXAMPLE)}, Format.TXT, template_dir=folder
        )


def test_template_with_a_syntax_error(tmp_path: Path) -> None:
    folder = _user_template(tmp_path, "ok\n{% for e in agenda.entries %}\n{{ e.title }\n")
    with pytest.raises(RenderError, match=r"template agenda/agenda.txt, line 3"):
        render_document(
            "agenda/agenda", {"agenda": agenda_for(EXAMPLE)}, Format.TXT, template_dir=folder
        )


@pytest.mark.parametrize(
    "hostile",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ agenda.__init__.__globals__ }}",
        "{{ agenda.entries[0].__class__.__init__.__globals__['attrs'] }}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    ],
)
def test_hostile_user_template_is_blocked(tmp_path: Path, hostile: str) -> None:
    folder = _user_template(tmp_path, hostile)
    with pytest.raises(RenderError, match="is not allowed to do that"):
        render_document(
            "agenda/agenda", {"agenda": agenda_for(EXAMPLE)}, Format.TXT, template_dir=folder
        )


def test_user_template_cannot_include_files_outside(tmp_path: Path) -> None:
    folder = _user_template(tmp_path, "{% include '/etc/passwd' %}")
    with pytest.raises(RenderError, match="no template"):
        render_document(
            "agenda/agenda", {"agenda": agenda_for(EXAMPLE)}, Format.TXT, template_dir=folder
        )


def test_user_folder_overrides_by_name(tmp_path: Path) -> None:
    folder = _user_template(tmp_path, "{{ agenda.body }} on {{ agenda.day | long_date }}\n")
    out = render_document(
        "agenda/agenda", {"agenda": agenda_for(EXAMPLE)}, Format.TXT, template_dir=folder
    )
    assert out == b"Change Management Committee on Tuesday, 5 March 2019\n"


# -- the command -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["html", "md", "txt", "docx", "pdf"])
def test_command_renders_every_format(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"agenda.{fmt}"
    assert main(["agenda", str(EXAMPLE), "-o", str(out)]) == 0
    data = out.read_bytes()
    magic = {"docx": b"PK", "pdf": b"%PDF", "html": b"<!DOCTYPE html>"}
    assert data.startswith(magic.get(fmt, b"OADBY" if fmt == "txt" else b"# Oadby"))


def test_command_warns_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _meeting(tmp_path, "2019-06-04-change-management.toml", "issued = 2019-05-28\n")
    assert main(["agenda", str(path), "--format", "txt", "-o", str(tmp_path / "a.txt")]) == 0
    err = capsys.readouterr().err
    assert "meetings agenda: warning:" in err
    assert "issue by Friday 24 May 2019" in err


def test_command_with_explicit_council(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lonely = tmp_path / "2019-03-05-change-management.toml"
    lonely.write_text("", encoding="utf-8")
    assert main(["agenda", str(lonely), "--format", "txt"]) == 1
    assert "give one with --council" in capsys.readouterr().err
    assert main(["agenda", str(lonely), "--format", "txt", "--council", str(_council_file())]) == 0
    assert "CHANGE MANAGEMENT COMMITTEE" in capsys.readouterr().out


def test_command_bad_meeting_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _meeting(tmp_path, "2019-03-05-change-management.toml", '[[items]]\ntitle = "x"\n')
    assert main(["agenda", str(path)]) == 1
    err = capsys.readouterr().err
    assert "items[0].author: missing" in err


@pytest.mark.parametrize(("fmt", "module"), [("docx", "docx"), ("pdf", "weasyprint")])
def test_command_names_the_missing_extra(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
    module: str,
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # makes `import module` fail
    assert main(["agenda", str(EXAMPLE), "-o", str(tmp_path / f"a.{fmt}")]) == 1
    assert f"pip install 'meetings[{fmt}]'" in capsys.readouterr().err


def test_command_with_user_templates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _user_template(tmp_path, "{{ agenda.body }}: {{ agenda.entries | length }} items\n")
    assert main(["agenda", str(EXAMPLE), "--format", "txt", "--templates", str(folder)]) == 0
    assert capsys.readouterr().out == "Change Management Committee: 11 items\n"
    missing = str(tmp_path / "nowhere")
    assert main(["agenda", str(EXAMPLE), "--format", "txt", "--templates", missing]) == 1
    assert "not a folder" in capsys.readouterr().err


def test_binary_formats_need_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agenda", str(EXAMPLE), "--format", "docx"]) == 2
    assert "needs -o FILE" in capsys.readouterr().err


def test_command_output_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "no-such-folder" / "agenda.html"
    assert main(["agenda", str(EXAMPLE), "-o", str(missing)]) == 1
    assert f"there is no folder {missing.parent}" in capsys.readouterr().err
    assert main(["agenda", str(EXAMPLE), "-o", str(tmp_path / "agenda.text")]) == 2
    err = capsys.readouterr().err
    assert "unknown format '.text'" in err
    assert ".html, .md, .txt, .docx, .pdf" in err
    assert not (tmp_path / "agenda.text").exists()
    # --format says what to write whatever the name; a name without a suffix is HTML.
    assert main(["agenda", str(EXAMPLE), "--format", "md", "-o", str(tmp_path / "a.text")]) == 0
    assert main(["agenda", str(EXAMPLE), "-o", str(tmp_path / "agenda")]) == 0
    assert (tmp_path / "agenda").read_bytes().startswith(b"<!DOCTYPE html>")
    assert main(["agenda", str(tmp_path / "nonexist.toml")]) == 1
    assert "nonexist.toml: file not found" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("{{ agenda.council }}\n{{ agenda.council + 1 }}\n", "line 2: TypeError"),
        ("{{ range(10**7) }}\n", "line 1: stopped: range() of 10000000 items"),
        ("one\n{% include 'agenda/agenda.txt' %}\n", "line 2: it includes or calls itself"),
    ],
    ids=["type", "overflow", "recursion"],
)
def test_command_reports_a_failing_user_template(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, why: str
) -> None:
    folder = _user_template(tmp_path, text)
    args = ["agenda", str(EXAMPLE), "--format", "txt", "--templates", str(folder)]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.startswith("meetings agenda: template agenda/agenda.txt, ")
    assert why in err
    assert "Traceback" not in err


def test_writing_to_a_file_says_where(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from meetings.cli import main  # noqa: PLC0415

    out = tmp_path / "agenda.MD"  # the suffix picks the format, in any case
    assert main(["agenda", str(EXAMPLE), "-o", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote {out}\n"
    assert out.read_text(encoding="utf-8").startswith("# ")


# -- bodies of different kinds, roles, logos (issue 15) -------------------------------------

PORTFOLIO = DATA / "portfolio" / "meetings" / "2009-09-24-sustainability.toml"


def test_a_portfolio_holders_meeting_invites_rather_than_summons() -> None:
    agenda = agenda_for(PORTFOLIO)
    assert agenda.letter is Letter.INVITATION
    text = " ".join(
        render_document("agenda/agenda", {"agenda": agenda}, Format.TXT).decode().split()
    )
    assert "You are invited to attend the next meeting of the SUSTAINABILITY, PROCUREMENT" in text
    assert "SUMMON" not in text
    # Roles beyond Chair and Vice-Chair are printed (seed 003).
    assert "TD Bygott (Portfolio Holder)" in text
    assert "Dr SA Harangozo (Opposition Spokesman)" in text
    assert "MJ Mason (Scrutiny Monitor)" in text
    # The minutes item names the previous meeting's date.
    assert "the Minutes of the meeting held on 23 July 2009 as a correct record" in text
    # A committee's members are summoned.
    committee = " ".join(
        render_document("agenda/agenda", {"agenda": agenda_for(FIXTURE)}, Format.MD)
        .decode()
        .split()
    )
    assert "I hereby **SUMMON** you" in committee


def test_the_letter_is_a_template_choice_in_every_format() -> None:
    agenda = agenda_for(PORTFOLIO)
    for fmt in (Format.HTML, Format.MD):
        out = render_document("agenda/agenda", {"agenda": agenda}, fmt).decode()
        assert "You are invited to attend" in out
    summons = attrs.evolve(agenda, letter=Letter.SUMMONS)
    out = render_document("agenda/agenda", {"agenda": summons}, Format.HTML).decode()
    assert "I hereby <strong>SUMMON</strong>" in out
    assert "ALSO INVITED:" in out


def test_the_council_logo_is_on_the_front_sheet(tmp_path: Path) -> None:
    # `logo` in the council file's [council] table, relative to the council file
    agenda = agenda_for(PORTFOLIO)
    assert agenda.logo is not None
    assert agenda.logo.startswith("data:image/svg+xml;base64,")
    html = render_document("agenda/agenda", {"agenda": agenda}, Format.HTML).decode()
    assert f'<img src="{agenda.logo}" alt="South Cambridgeshire District Council">' in html
    council = (DATA / "portfolio" / "council.toml").read_text(encoding="utf-8")
    (tmp_path / "council.toml").write_text(council.replace("crest.svg", "crest.gif"))
    with pytest.raises(DefinitionError, match=r"council\.logo: 'crest\.gif': give an existing"):
        load_council(tmp_path / "council.toml")


def test_a_role_for_someone_not_on_the_body_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "meetings"
    folder.mkdir()
    for name in ("council.toml", "crest.svg"):
        (tmp_path / name).write_bytes((DATA / "portfolio" / name).read_bytes())
    path = folder / "2009-09-24-sustainability.toml"
    path.write_text('letter = "sermon"\n[roles]\n"A Stranger" = "Scrutiny Monitor"\n')
    with pytest.raises(DefinitionError) as caught:
        agenda_for(path)
    assert "letter: 'sermon' is not allowed" in str(caught.value)
    path.write_text('[roles]\n"A Stranger" = "Scrutiny Monitor"\n')
    with pytest.raises(DefinitionError) as caught:
        agenda_for(path)
    assert "roles.A Stranger: 'A Stranger' is not a member of" in str(caught.value)
    assert "(list others under `invited`)" in str(caught.value)


def test_the_notice_rule_is_the_one_in_force_for_the_council_on_the_meetings_day() -> None:
    council = load_council(ROOT / "examples" / "oadby-wigston" / "council.toml")
    meeting = load_meeting(EXAMPLE, council)
    # Tue 5 Mar 2019, England: five clear working days (SI 2002/715): issue by Mon 25 Feb
    assert latest_issue_date(meeting, council) == dt.date(2019, 2, 25)
    # Tue 6 Mar 2001, before 1 October 2002: three clear days, issue by Wed 28 Feb 2001;
    # a council that sets five keeps its own longer count (Mon 26 Feb)
    old = attrs.evolve(meeting, day=dt.date(2001, 3, 6), issued=dt.date(2001, 3, 2))
    assert latest_issue_date(old, council) == dt.date(2001, 2, 26)
    by_law = attrs.evolve(council, clear_days=3)
    assert latest_issue_date(old, by_law) == dt.date(2001, 2, 28)
    (warning,) = [w for w in notice_warnings(old, by_law) if "issued on" in w]
    assert "3 are required (LGA 1972 s.100B(3)" in warning
    # A parish council: its summons, three clear days (LGA 1972 Sch 12 para 10). For Tue 5
    # Mar 2019 the cautious default counts working days (Thu 28 Feb, Fri 1 and Mon 4 Mar:
    # by Wed 27 Feb); NALC's reading disregards only s.243's days, so Saturday counts (Fri 1,
    # Sat 2, Mon 4 Mar: by Thu 28 Feb).
    parish = attrs.evolve(council, kind="parish", clear_days=3)
    late = attrs.evolve(meeting, issued=dt.date(2019, 3, 4))
    (warning,) = [w for w in notice_warnings(late, parish) if "issued on" in w]
    assert "Sch 12 para 10" in warning
    assert latest_issue_date(meeting, parish) == dt.date(2019, 2, 27)
    nalc = attrs.evolve(parish, local_clear_days="section-243")
    assert latest_issue_date(meeting, nalc) == dt.date(2019, 2, 28)
