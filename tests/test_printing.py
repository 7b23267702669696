"""Printing: every PDF the project renders is tagged (PDF/UA-1, en-GB), set in the bundled font,
and fetches nothing from outside; the templates keep to the print rules (9 pt, contrast)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("weasyprint")

from meetings import printing  # noqa: E402
from meetings.actions import MemoryStore  # noqa: E402
from meetings.agenda import agenda_for  # noqa: E402
from meetings.definitions import load_council  # noqa: E402
from meetings.minutes import action_list_for, load_minutes, record_actions  # noqa: E402
from meetings.render import Format, render_document  # noqa: E402
from meetings.report import load_report  # noqa: E402
from meetings.schedule import Schedule  # noqa: E402
from meetings.timetable import render_grid, render_table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "oadby-wigston"
MARCH = EXAMPLE / "meetings" / "2019-03-05-change-management.toml"
JANUARY = EXAMPLE / "meetings" / "2019-01-15-change-management.toml"
TEMPLATES = ROOT / "templates"


def _documents() -> dict[str, bytes]:
    council = load_council(EXAMPLE / "council.toml")
    minutes = load_minutes(JANUARY, council)
    store = MemoryStore()
    record_actions(minutes, store)
    listing = action_list_for(MARCH, store, today=minutes.day, council=council)
    data = json.loads((ROOT / "tests" / "data" / "publish" / "schedule-2019-20.json").read_text())
    schedule = Schedule.from_json(data, file="schedule-2019-20.json")
    report = load_report(EXAMPLE / "reports" / "2019-03-05-corporate-plan.md", council)
    return {
        "agenda": render_document("agenda/agenda", {"agenda": agenda_for(MARCH)}, Format.PDF),
        "minutes": render_document("minutes/minutes", minutes.context(), Format.PDF),
        "action list": render_document("actions/action_list", {"al": listing}, Format.PDF),
        "report": render_document("report/report", {"report": report}, Format.PDF),
        "calendar grid": render_grid(schedule, council, Format.PDF),
        "schedule table": render_table(schedule, council, Format.PDF),
    }


@pytest.fixture(scope="module")
def documents() -> dict[str, bytes]:
    return _documents()


def _kinds(element: object, found: set[str], depth: int = 0) -> None:
    """The structure types under a structure element (read back from the PDF)."""
    obj = element.get_object() if hasattr(element, "get_object") else element
    if isinstance(obj, pypdf.generic.ArrayObject):
        for kid in obj:
            _kinds(kid, found, depth + 1)
    elif isinstance(obj, pypdf.generic.DictionaryObject) and depth < 60:
        if "/S" in obj:
            found.add(str(obj["/S"]))
        if "/K" in obj:
            _kinds(obj["/K"], found, depth + 1)


@pytest.mark.parametrize(
    "name",
    ["agenda", "minutes", "action list", "report", "calendar grid", "schedule table"],
)
def test_every_pdf_is_tagged_with_its_language(documents: dict[str, bytes], name: str) -> None:
    reader = pypdf.PdfReader(io.BytesIO(documents[name]))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 - a pypdf BooleanObject
    kinds: set[str] = set()
    _kinds(root["/StructTreeRoot"], kinds)
    assert "/Document" in kinds
    assert kinds & {"/P", "/H1", "/H2", "/Table", "/TD", "/L", "/LI"}
    # Every page's content is tied into the structure tree.
    assert all("/StructParents" in page for page in reader.pages)
    xmp = root["/Metadata"].get_object().get_data()
    assert b"pdfuaid:part" in xmp
    assert b"1" in xmp
    assert reader.metadata.title


def test_templates_we_print_use_the_bundled_font(documents: dict[str, bytes]) -> None:
    for name in ("agenda", "report"):
        reader = pypdf.PdfReader(io.BytesIO(documents[name]))
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                base = str(font.get_object()["/BaseFont"])
                assert base.rsplit("+", maxsplit=1)[-1].startswith("Meetings-Sans"), (name, base)


def test_the_bundled_font_ships_with_its_licence() -> None:
    folder = printing.font_folder()
    assert (folder / "LICENSE").is_file()
    assert "Bitstream" in (folder / "LICENSE").read_text(encoding="utf-8")
    for name, _, _ in printing._FACES:
        assert (folder / name).is_file()
    assert printing.FONT_FAMILY in printing.font_faces_css()


def test_nothing_is_fetched_from_outside(tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n")
    html = (
        '<html lang="en-GB"><title>t</title><body><p>x</p>'
        f'<img src="{secret.as_uri()}" alt="a"><img src="http://example.invalid/a.png" alt="b">'
        '<link rel="stylesheet" href="file:///etc/passwd"></body></html>'
    )
    pdf = printing.html_to_pdf(html)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert not reader.pages[0]["/Resources"].get("/XObject")
    # A data: URI (how a logo travels) is drawn.
    dot = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8"
        "/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg=="
    )
    pdf = printing.html_to_pdf(f'<html lang="en-GB"><body><img src="{dot}" alt="c"></body></html>')
    assert pypdf.PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/XObject"]


# -- print rules for the templates this project prints as papers ---------------------------

PRINTED = [
    TEMPLATES / "agenda" / "agenda.html",
    TEMPLATES / "agenda" / "restricted.html",
    TEMPLATES / "report" / "report.html",
]
_SIZE = re.compile(r"(?:font-size:\s*|font:\s*(?:bold\s+|italic\s+)*)(\d+(?:\.\d+)?)pt")
_COLOUR = re.compile(r"(?<![-\w])(color|background):\s*#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")


def _luminance(hex_colour: str) -> float:
    if len(hex_colour) == 3:
        hex_colour = "".join(c * 2 for c in hex_colour)
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("template", PRINTED, ids=lambda p: p.name)
def test_no_text_under_9pt_and_contrast_at_least_4_5(template: Path) -> None:
    css = template.read_text(encoding="utf-8")
    sizes = [float(s) for s in _SIZE.findall(css)]
    assert sizes
    assert min(sizes) >= 9
    text_colours = [c for kind, c in _COLOUR.findall(css) if kind == "color"]
    backgrounds = [c for kind, c in _COLOUR.findall(css) if kind == "background"] + ["fff"]
    for colour in text_colours or ["000"]:
        for background in backgrounds:
            light, dark = sorted((_luminance(colour), _luminance(background)), reverse=True)
            # WCAG 2.1 success criterion 1.4.3: at least 4.5:1 for body text.
            assert (light + 0.05) / (dark + 0.05) >= 4.5, (colour, background)
    # Body text is left-aligned: nothing is justified.
    assert "justify" not in css
