"""The python-docx adapter: our templates' HTML becomes a Word document that reads the same."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from meetings.errors import MissingExtraError
from meetings.office import html_to_docx

docx = pytest.importorskip("docx")

HTML = """<!DOCTYPE html>
<html><head><title>Change Management Committee</title>
<meta name="running-header" content="Change Management Committee · Tuesday, 5 March 2019">
<meta name="author" content="Oadby and Wigston Borough Council">
<style>p { color: red; }</style></head>
<body>
<div class="running">printed header, not body text</div>
<h1 class="center">Oadby &amp; Wigston   Borough Council</h1>
<p>I hereby <strong>SUMMON</strong> you to attend on <em>Tuesday</em>, <u>5 March</u>.</p>
<p style="text-align: right">25 February 2019<br>Council Offices</p>
<ul class="plain"><li>Miss A R Bond</li><li>M H Charlesworth (Chair)</li></ul>
<ul><li>first</li><li>second<ol start="3"><li>third</li></ol></li></ul>
<table>
<thead><tr><th style="width: 12%">Item No.</th><th style="width: 73%">Agenda</th>
<th style="width: 15%">Page Nos.</th></tr></thead>
<tbody>
<tr><td>4.</td><td><p><strong>Minutes</strong></p><p>To confirm the minutes.</p></td>
<td class="right">1 - 5</td></tr>
<tr><td colspan="3">PART II</td></tr>
</tbody></table>
<section class="page-break"><h2>Part II</h2><p>Exempt business</p></section>
</body></html>
"""


def _open(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def test_headings_paragraphs_and_inline_styles() -> None:
    document = _open(html_to_docx(HTML))
    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    assert texts[0] == "Oadby & Wigston Borough Council"  # entities decoded, spaces collapsed
    assert paragraphs[0].style.name == "Heading 1"
    assert paragraphs[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    summons = paragraphs[1]
    assert summons.text == "I hereby SUMMON you to attend on Tuesday, 5 March."
    styled = {r.text: (r.bold, r.italic, r.underline) for r in summons.runs}
    assert styled["SUMMON"] == (True, None, None)
    assert styled["Tuesday"] == (None, True, None)
    assert styled["5 March"] == (None, None, True)
    assert paragraphs[2].text == "25 February 2019\nCouncil Offices"
    assert paragraphs[2].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    assert "printed header" not in "\n".join(texts)
    assert "color" not in "\n".join(texts)


def test_lists() -> None:
    paragraphs = _open(html_to_docx(HTML)).paragraphs
    rows = [(p.style.name, p.text) for p in paragraphs[3:8]]
    assert rows == [
        ("Normal", "Miss A R Bond"),
        ("Normal", "M H Charlesworth (Chair)"),
        ("List Bullet", "first"),
        ("List Bullet", "second"),
        ("List Paragraph", "3. third"),
    ]


def test_tables_with_widths_and_spans() -> None:
    document = _open(html_to_docx(HTML))
    (table,) = document.tables
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == ["Item No.", "Agenda", "Page Nos."]
    assert cells[1] == ["4.", "Minutes\nTo confirm the minutes.", "1 - 5"]
    assert cells[2] == ["PART II"] * 3  # one merged cell across the row
    assert all(run.bold for run in table.rows[0].cells[0].paragraphs[0].runs)
    right = docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    assert table.rows[1].cells[2].paragraphs[0].alignment == right
    widths = [round(col.width.mm) for col in table.columns]
    assert widths == [20, 124, 26]  # 12/73/15 % of 170 mm between A4 margins


def test_page_break_header_and_page_size() -> None:
    document = _open(html_to_docx(HTML))
    part_two = next(p for p in document.paragraphs if p.text == "Part II")
    assert part_two.paragraph_format.page_break_before is True
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.header.paragraphs[0].text == (
        "Change Management Committee · Tuesday, 5 March 2019"
    )
    assert document.core_properties.title == "Change Management Committee"


def test_same_html_same_bytes() -> None:
    first, second = html_to_docx(HTML), html_to_docx(HTML)
    assert first == second
    stamps = {info.date_time for info in zipfile.ZipFile(io.BytesIO(first)).infolist()}
    assert stamps == {(1980, 1, 1, 0, 0, 0)}


def test_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'meetings\[docx\]'"):
        html_to_docx("<p>x</p>")


def test_fragments_and_unclosed_tags() -> None:
    document = _open(html_to_docx("plain text<p>one<p>two<ul><li>a<li>b</ul>"))
    texts = [p.text for p in document.paragraphs]
    assert texts == ["plain text", "one", "two", "a", "b"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_it(tmp_path: Path) -> None:
    source = tmp_path / "agenda.docx"
    source.write_bytes(html_to_docx(HTML))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "txt:Text", "--outdir", str(tmp_path), source],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = (tmp_path / "agenda.txt").read_text(encoding="utf-8-sig")
    assert "I hereby SUMMON you" in text
    assert "Exempt business" in text


PRINTED = """<!DOCTYPE html>
<html><head><meta name="running-header" content="Agenda · 5 March 2019">
<style>@page { size: A4 landscape; @bottom-center { content: counter(page); } }</style></head>
<body>
<table><thead><tr><th>No.</th><th>Item</th></tr></thead>
<tbody><tr style="break-after: avoid"><td></td><td>DECISION ITEMS</td></tr>
<tr><td>1.</td><td>Budget</td></tr></tbody></table>
<p style="break-after: avoid">It was moved by the Chair and</p>
<p class="line" style="margin-top: 15mm; border-top: 1px solid #000; width: 60mm">Chair</p>
<section style="break-inside: avoid">
<p>For more information:</p><p>Democratic Services</p></section>
</body></html>
"""


def test_printed_layout() -> None:
    document = _open(html_to_docx(PRINTED))
    section = document.sections[0]
    # The page as the HTML's @page says, with the page number at the foot of every page.
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    assert "PAGE" in section.footer._element.xml
    # The running header is on every page but the front sheet.
    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text == "Agenda · 5 March 2019"
    assert section.first_page_header.paragraphs[0].text == ""
    assert "PAGE" in section.first_page_footer._element.xml
    # Rows never split; the header row repeats; a heading row keeps with the next.
    (table,) = document.tables
    rows = [row._tr.xml for row in table.rows]
    assert all("w:cantSplit" in row for row in rows)
    assert ["w:tblHeader" in row for row in rows] == [True, False, False]
    assert table.rows[1].cells[1].paragraphs[0].paragraph_format.keep_with_next
    moved, line, more, services = document.paragraphs
    assert moved.paragraph_format.keep_with_next
    # The signature rule: a top border 60 mm long, with room above it to sign.
    assert "<w:top " in line._p.xml
    assert round(line.paragraph_format.space_before.mm) == 15
    assert round(line.paragraph_format.right_indent.mm) == 257 - 60
    # A block that must not break keeps its paragraphs together.
    assert more.paragraph_format.keep_with_next
    assert not services.paragraph_format.keep_with_next
    assert services.paragraph_format.keep_together


def test_properties_follow_the_schema_order() -> None:
    # Word refuses a file whose property elements are out of order (ECMA-376 Part 1).
    document = _open(html_to_docx(PRINTED))
    line = document.paragraphs[1]._p.pPr
    tags = [child.tag.rsplit("}", 1)[1] for child in line]
    assert tags.index("pBdr") < tags.index("spacing") < tags.index("ind")
    tbl = [child.tag.rsplit("}", 1)[1] for child in document.tables[0]._tbl.tblPr]
    assert tbl.index("tblCellMar") < tbl.index("tblLook")
