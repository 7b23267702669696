"""The agenda pack: papers named in meeting files, counted, stamped, numbered and bound.

Every PDF is read back with pypdf: page counts, page labels, stamps, outline, title, language,
and that an exempt paper's text never reaches the public pack.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("weasyprint")

from meetings.agenda import PaperKind, load_meeting  # noqa: E402
from meetings.assembly import counted_agenda, make_packs  # noqa: E402
from meetings.cli import main  # noqa: E402
from meetings.errors import DefinitionError, MeetingsError  # noqa: E402
from meetings.pack import paper_files, plan_pack  # noqa: E402
from meetings.printing import html_to_pdf  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
COUNCIL = ROOT / "examples" / "oadby-wigston" / "council.toml"
SECRET = "ZQXJ-EXEMPT-SALARY-FIGURES-4417"


def paper(path: Path, pages: int, text: str = "Report") -> Path:
    """A PDF of exactly `pages` pages, each saying `text` and its page."""
    sheets = "".join(
        f'<section style="break-after: page"><p>{text}, sheet {n}</p></section>'
        for n in range(1, pages + 1)
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(html_to_pdf(f'<html lang="en-GB"><body>{sheets}</body></html>'))
    return path


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    shutil.copy(COUNCIL, tmp_path / "council.toml")
    (tmp_path / "meetings").mkdir()
    return tmp_path


def meeting(workspace: Path, body: str) -> Path:
    path = workspace / "meetings" / "2019-03-05-change-management.toml"
    path.write_text(body, encoding="utf-8")
    return path


ITEMS = """
[standard.minutes]
papers = "../papers/minutes.pdf"

[[items]]
title = "Corporate Plan"
kind = "information"
author = "anne-court"
papers = ["../papers/plan.pdf", "../papers/plan-appendix.pdf"]

[[items]]
title = "Member Induction"
author = "steven-tucker"
papers = "../papers/induction.pdf"

[[items]]
title = "Staffing matter"
author = "anne-court"
exempt = [1, 3]
papers = "../papers/staffing.pdf"
"""


@pytest.fixture
def packed(workspace: Path) -> Path:
    paper(workspace / "papers" / "minutes.pdf", 3, "Minutes")
    paper(workspace / "papers" / "plan.pdf", 2, "Plan")
    paper(workspace / "papers" / "plan-appendix.pdf", 1, "Appendix")
    paper(workspace / "papers" / "induction.pdf", 4, "Induction")
    paper(workspace / "papers" / "staffing.pdf", 2, SECRET)
    return meeting(workspace, ITEMS)


def _text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def test_page_ranges_are_counted_from_the_papers(packed: Path) -> None:
    agenda = counted_agenda(packed)
    ranges = {e.title: e.page_text for e in agenda.entries}
    assert ranges["Minutes of the Previous Meeting"] == "1 - 3"
    assert ranges["Corporate Plan"] == "4 - 6"  # the report and its appendix
    assert ranges["Member Induction"] == "7 - 10"
    # The exempt part runs on after the exclusion resolution.
    assert ranges["Staffing matter"] == "11 - 12"
    assert ranges["Action List Arising from the Previous Meeting"] == ""
    kinds = {p.kind for p in paper_files(load_meeting(packed))}
    assert kinds == {PaperKind.PDF}


def test_the_pack_is_stamped_numbered_bookmarked_titled(packed: Path) -> None:
    packs = make_packs(packed)
    reader = pypdf.PdfReader(io.BytesIO(packs.public))
    front = len(reader.pages) - 10  # the public papers fill pages 1-10
    assert front >= 1
    texts = [page.extract_text() for page in reader.pages]
    # The agenda's page numbers are on the front sheet.
    assert "1 - 3" in texts[0] + texts[min(1, front - 1)]
    papers = texts[front:]
    for number, text in enumerate(papers, start=1):
        assert f"Page {number}" in text
    firsts = {1: "Agenda Item 4", 4: "Agenda Item 7", 7: "Agenda Item 8"}
    for number, text in enumerate(papers, start=1):
        stamp = firsts.get(number)
        if stamp:
            assert stamp in text
        else:
            assert "Agenda Item" not in text
    assert "Plan, sheet 1" in papers[3]
    assert "Appendix, sheet 1" in papers[5]
    # Page labels follow the printed numbers; the front sheet is "Agenda 1"...
    assert reader.page_labels[0] == "Agenda 1"
    assert reader.page_labels[front:] == [str(n) for n in range(1, 11)]
    outline = [item["/Title"] for item in reader.outline]
    assert outline == [
        "Change Management Committee, Tuesday 5 March 2019: agenda pack",
        "4. Minutes of the Previous Meeting",
        "7. Corporate Plan",
        "8. Member Induction",
    ]
    assert [reader.get_destination_page_number(i) for i in reader.outline][1:] == [
        front,
        front + 3,
        front + 6,
    ]
    assert reader.metadata.title == "Change Management Committee, Tuesday 5 March 2019: agenda pack"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    # The front sheet's tags come with it.
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 - a pypdf BooleanObject
    assert "/StructTreeRoot" in root


def test_no_byte_of_an_exempt_paper_reaches_the_public_pack(packed: Path) -> None:
    packs = make_packs(packed)
    public = packs.public
    assert SECRET.encode() not in public
    assert all(SECRET not in text for text in _text(public))
    reader = pypdf.PdfReader(io.BytesIO(public))
    for number in range(1, reader.trailer["/Size"]):
        try:
            obj = reader.get_object(number)
        except Exception:
            continue
        if isinstance(obj, pypdf.generic.StreamObject):
            assert SECRET.encode() not in obj.get_data()
    # The agenda entry alone is public: its title, not its paper.
    assert any("Staffing matter" in text for text in _text(public))
    assert not any("sheet 1" in t and SECRET in t for t in _text(public))

    assert packs.restricted is not None
    restricted = _text(packs.restricted)
    assert "PART II — NOT FOR PUBLICATION" in restricted[0]
    assert "paragraph(s) 1 and 3 of Part 1 of Schedule 12A" in " ".join(restricted[0].split())
    assert "Information relating to any individual." in restricted[0]
    assert "Agenda Item 10" in restricted[-2]
    assert "Page 11" in restricted[-2]
    assert "Page 12" in restricted[-1]
    assert all("NOT FOR PUBLICATION" in t for t in restricted)
    assert all(SECRET in t for t in restricted[-2:])


def test_typed_pages_without_papers_are_to_follow_in_the_pack(workspace: Path) -> None:
    paper(workspace / "papers" / "plan.pdf", 2)
    path = meeting(
        workspace,
        '[standard.minutes]\npages = 5\n\n[[items]]\ntitle = "Corporate Plan"\n'
        'kind = "information"\nauthor = "anne-court"\npapers = "../papers/plan.pdf"\n',
    )
    packs = make_packs(path)
    entries = {e.title: e for e in packs.plan.agenda.entries}
    assert entries["Minutes of the Previous Meeting"].page_text == "To Follow"
    assert entries["Corporate Plan"].page_text == "1 - 2"
    assert any("gives `pages` but no `papers`" in w for w in packs.warnings)
    assert packs.restricted is None
    assert plan_pack(packs.plan.agenda).public[0].stamp == "Agenda Item 7"


def test_meeting_file_papers_problems_are_reported_together(workspace: Path) -> None:
    paper(workspace / "papers" / "plan.pdf", 1)
    (workspace / "papers" / "notes.txt").write_text("x")
    path = meeting(
        workspace,
        '[standard.minutes]\npapers = "../papers/missing.pdf"\n\n'
        '[[items]]\ntitle = "A"\nauthor = "anne-court"\npapers = ["../papers/notes.txt"]\n\n'
        '[[items]]\ntitle = "B"\nauthor = "anne-court"\npages = 3\n'
        'papers = "../papers/plan.pdf"\n\n'
        '[[items]]\ntitle = "C"\nkind = "verbal"\nauthor = "anne-court"\n'
        'papers = "../papers/plan.pdf"\n',
    )
    with pytest.raises(DefinitionError) as caught:
        load_meeting(path)
    message = str(caught.value)
    assert "standard.minutes.papers: '../papers/missing.pdf': no such file" in message
    assert "items[0].papers[0]: '../papers/notes.txt' is not a paper the pack can take" in message
    assert "valid: .pdf, .docx, .md, .toml" in message
    assert "items[1].pages: the papers are given, so their pages are counted" in message
    assert "items[2].pages: a verbal item has no papers" in message


def test_a_paper_that_is_not_a_pdf_is_named(workspace: Path) -> None:
    (workspace / "papers").mkdir()
    (workspace / "papers" / "plan.pdf").write_text("not a pdf at all")
    path = meeting(
        workspace,
        '[[items]]\ntitle = "A"\nauthor = "anne-court"\npapers = "../papers/plan.pdf"\n',
    )
    with pytest.raises(MeetingsError, match=r"plan\.pdf: not a PDF that can be read"):
        make_packs(path)


def test_cli_pack_writes_the_public_and_restricted_packs(
    packed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out" / "pack.pdf"
    out.parent.mkdir()
    assert main(["pack", str(packed), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"wrote {out}" in printed
    assert f"wrote {out.parent / 'pack-part-ii.pdf'}" in printed
    assert len(pypdf.PdfReader(out).pages) > 10
    assert SECRET not in "".join(_text(out.read_bytes()))


def test_cli_pack_needs_an_output(packed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pack", str(packed)]) == 2
    assert "-o/--output" in capsys.readouterr().err


def _docx(path: Path, text: str) -> Path:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def test_word_paper_refused_cleanly_without_libreoffice(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _docx(workspace / "papers" / "plan.docx", "A Word report")
    path = meeting(
        workspace,
        '[[items]]\ntitle = "A"\nauthor = "anne-court"\npapers = "../papers/plan.docx"\n',
    )
    empty = workspace / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert main(["pack", str(path), "-o", str(workspace / "pack.pdf")]) == 1
    err = capsys.readouterr().err
    assert "plan.docx: a Word paper is converted to PDF for the pack with LibreOffice" in err
    assert "apt install libreoffice-writer" in err
    assert "Traceback" not in err
    assert not (workspace / "pack.pdf").exists()


@pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice is not installed",
)
def test_word_paper_converted_with_libreoffice(workspace: Path) -> None:
    _docx(workspace / "papers" / "plan.docx", "A Word report about the corporate plan")
    path = meeting(
        workspace,
        '[[items]]\ntitle = "Corporate Plan"\nauthor = "anne-court"\n'
        'papers = "../papers/plan.docx"\n',
    )
    packs = make_packs(path)
    text = _text(packs.public)
    assert "A Word report about the corporate plan" in text[-1]
    assert "Agenda Item 7" in text[-1]
    assert "Page 1" in text[-1]


EXAMPLE = ROOT / "examples" / "oadby-wigston" / "meetings" / "2019-03-05-change-management.toml"


def _parent_tree_agrees(reader: object) -> int:
    """Elements reached from each page's parent-tree entry, checking each is on that page."""
    root = reader.trailer["/Root"]  # type: ignore[attr-defined]
    nums = root["/StructTreeRoot"]["/ParentTree"].get_object()["/Nums"]
    entries = {int(nums[i]): nums[i + 1].get_object() for i in range(0, len(nums), 2)}
    seen = 0
    for page in reader.pages:  # type: ignore[attr-defined]
        for element in entries[int(page["/StructParents"])]:
            pg = element.get_object().get("/Pg")
            if pg is not None:
                assert pg.idnum == page.indirect_reference.idnum
                seen += 1
    return seen


def test_the_papers_the_project_prints_keep_their_tags_in_the_pack() -> None:
    packs = make_packs(EXAMPLE)
    reader = pypdf.PdfReader(io.BytesIO(packs.public))
    root = reader.trailer["/Root"]
    # Every page, the papers' too, is tied into the one structure tree...
    assert all("/StructParents" in page for page in reader.pages)
    assert _parent_tree_agrees(reader) > 100
    # ...where each paper (minutes, action list, four reports) is a Part of the Document.
    document = root["/StructTreeRoot"]["/K"][0].get_object()
    parts = [k.get_object()["/S"] for k in document["/K"] if k.get_object()["/S"] == "/Part"]
    assert len(parts) == 6
    # Set in the bundled font throughout, stamps included: the same pages on every machine.
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            assert str(font.get_object()["/BaseFont"]).split("+")[-1].startswith("Meetings-Sans")
    xmp = root["/Metadata"].get_object().get_data()
    assert b'pdfuaid:part="1"' in xmp
    assert b"Change Management Committee, Tuesday 5 March 2019: agenda pack" in xmp


def test_a_pack_with_papers_brought_as_pdf_does_not_claim_pdf_ua(packed: Path) -> None:
    reader = pypdf.PdfReader(io.BytesIO(make_packs(packed).public))
    front = len(reader.pages) - 10
    assert all("/StructParents" in page for page in reader.pages[:front])
    assert not any("/StructParents" in page for page in reader.pages[front:])
    assert b"pdfuaid:part" not in reader.trailer["/Root"]["/Metadata"].get_object().get_data()
