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
