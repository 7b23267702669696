"""The pypdf adapter: stamps drawn upright on pages of any rotation and size, page labels,
unreadable PDFs named."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("weasyprint")

from meetings import binding, printing  # noqa: E402
from meetings.errors import MeetingsError  # noqa: E402


@pytest.fixture(scope="module")
def carrier() -> bytes:
    return printing.font_carrier(binding.STAMP_CHARACTERS)


def _pages(sizes: list[str]) -> bytes:
    """A PDF with one page per CSS page size ('A4', 'A4 landscape', 'A3')."""
    css = "".join(
        f"@page s{i} {{ size: {size} }} .s{i} {{ page: s{i} }}" for i, size in enumerate(sizes)
    )
    body = "".join(
        f'<p class="s{i}" style="break-after: page">sheet</p>' for i in range(len(sizes))
    )
    return printing.html_to_pdf(
        f'<html lang="en-GB"><style>{css}</style><body>{body}</body></html>'
    )


def _displayed(page: object, x: float, y: float) -> tuple[float, float, float, float]:
    """A user-space point as shown on screen (the page turned clockwise by /Rotate), with the
    displayed width and height."""
    box = page.cropbox  # type: ignore[attr-defined]
    w, h = float(box.width), float(box.height)
    x, y = x - float(box.left), y - float(box.bottom)
    return {
        0: (x, y, w, h),
        90: (y, w - x, h, w),
        180: (w - x, h - y, w, h),
        270: (h - y, x, h, w),
    }[page.rotation]  # type: ignore[attr-defined]


def _stamps(page: object) -> dict[str, tuple[float, float, float, float]]:
    found: dict[str, tuple[float, float, float, float]] = {}

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        text = text.strip()
        if text.startswith(("Page ", "Agenda Item", "NOT FOR")):
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found[text] = _displayed(page, x, y)

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return found


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
def test_stamps_sit_upright_where_the_reader_sees_them(carrier: bytes, rotate: int) -> None:
    paper = pypdf.PdfReader(io.BytesIO(_pages(["A4", "A4 landscape"])))
    writer = pypdf.PdfWriter()
    for page in paper.pages:
        writer.add_page(page)
        writer.pages[-1].rotate(rotate)
    data = io.BytesIO()
    writer.write(data)
    front = _pages(["A4"])
    stamps = (
        binding.Stamp(foot="Page 5", head="Agenda Item 7", band="NOT FOR PUBLICATION"),
        binding.Stamp(foot="Page 6"),
    )
    section = binding.Section(
        title="7. Report", pdfs=(data.getvalue(),), names=("report.pdf",), stamps=stamps
    )
    pack = pypdf.PdfReader(
        io.BytesIO(binding.bind(front, [section], carrier=carrier, title="Pack"))
    )
    for page in pack.pages[1:]:
        found = _stamps(page)
        foot = next(v for k, v in found.items() if k.startswith("Page "))
        x, y, w, h = foot
        assert y < 0.05 * h  # at the foot of the page as shown
        assert 0.4 * w < x < 0.5 * w  # centred (x is where the text starts)
    head = _stamps(pack.pages[1])
    x, y, w, h = head["Agenda Item 7"]
    assert y > 0.9 * h
    assert x > 0.7 * w
    x, y, w, h = head["NOT FOR PUBLICATION"]
    assert y > 0.9 * h
    assert x < 0.1 * w
    assert pack.page_labels == ["Agenda 1", "5", "6"]


def test_an_unreadable_or_protected_pdf_is_named(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7 nonsense")
    with pytest.raises(MeetingsError, match=r"broken\.pdf: not a PDF that can be read"):
        binding.page_count(broken)
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("secret")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as f:
        writer.write(f)
    with pytest.raises(MeetingsError, match=r"locked\.pdf: the PDF is password-protected"):
        binding.page_count(locked)
    with pytest.raises(MeetingsError, match=r"missing\.pdf: file not found"):
        binding.page_count(tmp_path / "missing.pdf")
