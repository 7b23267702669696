"""Report front sheets: report files (TOML front matter + Markdown) read and rendered."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from meetings.cli import main
from meetings.committee import Council
from meetings.definitions import load_council
from meetings.errors import DefinitionError
from meetings.render import Format, render_document
from meetings.report import Matter, load_report, markdown_html, read_report

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "oadby-wigston"
REPORTS = EXAMPLE / "reports"
PLAN = REPORTS / "2019-03-05-corporate-plan.md"
SCHEDULE = REPORTS / "2019-03-05-draft-schedule.md"


def _council() -> Council:
    return load_council(EXAMPLE / "council.toml")


def test_the_example_report_carries_the_seed_cover() -> None:
    report = load_report(PLAN, _council())
    assert report.title == "The Council's Corporate Plan (2019-2024)"
    assert report.matter is Matter.INFORMATION
    assert report.matter.label == "Matter for Information"
    assert Matter.INFORMATION_AND_DECISION.label == "Matter for Information and Decision"
    assert report.authors == ("Anne Court (Chief Executive / Head of Paid Service)",)
    # The contact comes from the council file's officer.
    contact = report.contacts[0]
    assert (contact.name, contact.phone, contact.email) == (
        "Anne E Court",
        "(0116) 257 2602",
        "anne.court1@oadby-wigston.gov.uk",
    )
    labels = [label for label, _ in report.implications]
    assert labels == [
        "Legal",
        "Financial",
        "Corporate Risk Management",
        "Equalities and Equalities Assessment (EA)",
        "Human Rights",
        "Health and Safety",
    ]
    assert report.comments[0] == (
        "Head of Paid Service",
        "As the author, the report is satisfactory.",
    )
    assert [a.to_follow for a in report.appendices] == [True, True]
    assert report.lettered_recommendations[0][0] == ""


def test_several_recommendations_are_lettered() -> None:
    report = load_report(SCHEDULE, _council())
    assert [label for label, _ in report.lettered_recommendations] == ["A.", "B.", "C."]


def test_html_shows_the_cover_in_the_seed_order() -> None:
    report = load_report(PLAN, _council())
    html = render_document("report/report", {"report": report}, Format.HTML).decode()
    order = [
        "Change Management Committee",
        "Tuesday, 5 March 2019",
        "Matter for Information",
        "Report Title:",
        "Report Author(s):",
        "Purpose of Report:",
        "Report Summary:",
        "Recommendation(s):",
        "Officer Contact(s):",
        "Vision and Values:",
        "Report Implications:-",
        "Legal:",
        "Statutory Officers' Comments:-",
        "Monitoring Officer:",
        "Consultees:",
        "Background Papers:",
        "Appendices:",
        "1. Draft Corporate Plan (2019-2024) (To Follow)",
    ]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)
    # Seed item 7 has no Corporate Priorities row, so ours has none either.
    assert "Corporate Priorities" not in html
    assert '<html lang="en-GB">' in html


def test_docx_and_pdf() -> None:
    report = load_report(PLAN, _council())
    docx = render_document("report/report", {"report": report}, Format.DOCX)
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        body = z.read("word/document.xml").decode()
    assert "Purpose of Report:" in body
    assert "Corporate Plan (2019-2024)" in body
    pypdf = pytest.importorskip("pypdf")
    pytest.importorskip("weasyprint")
    pdf = render_document("report/report", {"report": report}, Format.PDF)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert "Report Title:" in reader.pages[0].extract_text()
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_body_markdown_is_escaped_and_structured() -> None:
    html = str(
        markdown_html("# 1. Background\n\nSee <script>x</script> **now**.\n\n1. one\n2. two")
    )
    assert "<h2>1. Background</h2>" in html
    assert "&lt;script&gt;" in html
    assert "<strong>now</strong>" in html
    assert "<ol><li>one</li><li>two</li></ol>" in html


def test_a_report_reports_all_its_problems(tmp_path: Path) -> None:
    text = (
        "+++\n"
        'title = "T"\nmeeting = "M"\ndate = 2019-03-05\nmatter = "maybe"\n'
        'authors = ["no-such-officer"]\npurpose = "P"\ncolour = "red"\nexempt = [3, 9]\n'
        '[implications]\nlegals = "x"\n+++\nBody\n'
    )
    with pytest.raises(DefinitionError) as caught:
        read_report(text, tmp_path / "r.md", _council())
    message = str(caught.value)
    assert "matter: 'maybe' is not allowed" in message
    assert "authors[0]: unknown officer 'no-such-officer'" in message
    assert "colour: unknown key" in message
    assert "exempt: [9] are not paragraphs of Part 1 of Schedule 12A" in message
    assert "implications.legals: unknown; valid: legal, financial" in message


def test_a_report_without_front_matter_says_how_it_starts(tmp_path: Path) -> None:
    with pytest.raises(DefinitionError, match=r"starts with a line '\+\+\+'"):
        read_report("# Just Markdown\n", tmp_path / "r.md")


def test_cli_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.html"
    assert main(["report", str(PLAN), "-o", str(out)]) == 0
    assert "Purpose of Report:" in out.read_text(encoding="utf-8")
    assert main(["report", str(PLAN), "-o", str(tmp_path / "r.md")]) == 2
    assert "a report is written as .html, .docx or .pdf" in capsys.readouterr().err
    assert main(["report", str(tmp_path / "missing.md")]) == 1
    assert "missing.md: file not found" in capsys.readouterr().err


def test_an_exempt_report_says_so_on_its_cover(tmp_path: Path) -> None:
    text = PLAN.read_text(encoding="utf-8").replace(
        'matter = "information"', 'matter = "decision"\nexempt = [3, 1]'
    )
    report = read_report(text, tmp_path / "r.md", _council())
    html = render_document("report/report", {"report": report}, Format.HTML).decode()
    assert (
        "<strong>NOT FOR PUBLICATION</strong>: exempt information under paragraph(s) 1 and 3"
        in html
    )
