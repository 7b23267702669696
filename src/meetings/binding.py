"""The one adapter over pypdf (the `pdf` extra): counting, binding and stamping PDF pages.

A pack is bound from a front sheet the project printed (tagged, PDF/UA) and the papers, in
order. `bind` keeps the front sheet's document structure (its structure tree, language and
XMP metadata come with it, as the writer is cloned from it) and appends the papers' pages.
A paper marked `tagged` (one the project printed: a report, minutes, an action list) has its
structure tree grafted under the pack's Document element as a Part (`_graft`), so those pages
stay tagged. pypdf cannot merge structure trees in general, so any other paper's tags are
dropped, its pages join untagged, and the pack's XMP no longer claims PDF/UA; docs/pack.md
says what a council should do about the papers it brings.

Stamps ("Agenda Item 7" on a paper's first page, "Page 12" at the foot of every page after
the front sheet) are drawn in the bundled font: `bind` takes a *font carrier*, a one-page PDF
that printing made with every printable character in the stamp faces, and reuses its embedded
fonts. Each stamp is a small content stream added after the page's own (which is wrapped in
q/Q so its graphics state cannot move the stamp), marked as an /Artifact, pagination that a
screen reader skips. Page contents are never parsed, so binding 400 pages takes well under a
second.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from meetings.errors import MeetingsError, MissingExtraError

# Characters the font carrier holds, so any stamp text in them can be drawn.
STAMP_CHARACTERS = "".join(chr(c) for c in range(0x21, 0x7F)) + "\u2014\u2013"
_HEX_PAIR = re.compile(rb"<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]{4,})>")


def _pypdf() -> Any:
    try:
        import pypdf  # noqa: PLC0415 - optional extra, imported only when asked for
    except ImportError as exc:
        raise MissingExtraError("pdf", "pdf") from exc
    return pypdf


@attrs.frozen
class Opened:
    """A PDF read once, to be counted and then bound without parsing it again (a tagged PDF's
    object streams are most of the binding's time)."""

    reader: Any
    name: str

    @property
    def pages(self) -> int:
        return len(self.reader.pages)


def open_pdf(data: bytes | Path, name: str) -> Opened:
    """Read a PDF (MeetingsError naming it when it cannot be read or has no pages)."""
    opened = Opened(_reader(data, name), name)
    if opened.pages == 0:
        raise MeetingsError(f"{name}: the PDF has no pages")
    return opened


def _reader(data: bytes | Path | Opened, name: str) -> Any:
    if isinstance(data, Opened):
        return data.reader
    pypdf = _pypdf()
    try:
        reader = pypdf.PdfReader(io.BytesIO(data) if isinstance(data, bytes) else data)
        if reader.is_encrypted:
            raise MeetingsError(
                f"{name}: the PDF is password-protected; save an unprotected copy for the pack"
            )
        len(reader.pages)
    except MeetingsError:
        raise
    except (OSError, ValueError, pypdf.errors.PyPdfError) as exc:
        raise MeetingsError(f"{name}: not a PDF that can be read ({exc})") from exc
    return reader


def page_count(paper: Path | bytes, name: str | None = None) -> int:
    """Pages in a PDF (a file, or bytes named `name` in messages); MeetingsError naming it
    when it cannot be read."""
    label = name or str(paper if isinstance(paper, Path) else "PDF")
    if isinstance(paper, Path) and not paper.is_file():
        raise MeetingsError(f"{label}: file not found")
    return open_pdf(paper, label).pages


@attrs.frozen(kw_only=True)
class Stamp:
    """What is drawn on one page: the foot line ("Page 12") and an optional head line."""

    foot: str = ""
    head: str = ""  # "Agenda Item 7", in bold at the top right
    band: str = ""  # "NOT FOR PUBLICATION", in bold at the top left (restricted pages)


@attrs.frozen(kw_only=True)
class Section:
    """A run of pages in the pack: one item's papers, with its outline entry."""

    title: str  # the outline entry, "7. The Council's Corporate Plan (2019-2024)"
    pdfs: tuple[bytes | Path | Opened, ...]
    names: tuple[str, ...]  # for messages: the paper files' names
    stamps: tuple[Stamp, ...] = ()  # one per page of the section (missing: none)
    tagged: tuple[bool, ...] = ()  # per PDF: graft its structure tree (see `_graft`)


@attrs.frozen
class _Face:
    """A font of the carrier: its object and how to write text in it."""

    ref: Any
    codes: Mapping[str, int]
    widths: Mapping[int, float]

    def encode(self, text: str) -> bytes:
        return b"".join(self.codes.get(c, self.codes.get("?", 0)).to_bytes(2, "big") for c in text)

    def width(self, text: str, size: float) -> float:
        return sum(self.widths.get(self.codes.get(c, 0), 500.0) for c in text) * size / 1000


def _faces(writer: Any, carrier: bytes) -> dict[str, _Face]:
    """The regular and bold faces of the font carrier, added to `writer`."""
    pypdf = _pypdf()
    reader = _reader(carrier, "font carrier")
    fonts = reader.pages[0]["/Resources"]["/Font"]
    out: dict[str, _Face] = {}
    for font in (f.get_object() for f in fonts.values()):
        base = str(font["/BaseFont"])
        key = "bold" if "Bold" in base else "regular"
        codes: dict[str, int] = {}
        for code, text in _HEX_PAIR.findall(font["/ToUnicode"].get_object().get_data()):
            char = bytes.fromhex(text.decode()).decode("utf-16-be")
            codes.setdefault(char, int(code, 16))
        widths: dict[int, float] = {}
        w = font["/DescendantFonts"][0].get_object()["/W"]
        i = 0
        while i + 1 < len(w):
            first, run = int(w[i]), w[i + 1]
            if isinstance(run, pypdf.generic.ArrayObject):
                widths.update({first + n: float(x) for n, x in enumerate(run)})
                i += 2
            else:  # "first last width"
                widths.update(dict.fromkeys(range(first, int(run) + 1), float(w[i + 2])))
                i += 3
        ref = font.clone(writer).indirect_reference
        out[key] = _Face(ref, codes, widths)
    if "regular" not in out:
        raise MeetingsError("font carrier: no regular face found")
    out.setdefault("bold", out["regular"])
    return out


def _draw(stamp: Stamp, box: Any, rotate: int, faces: Mapping[str, _Face]) -> bytes:
    """The stamps of one page as PDF operators: laid out on the page as the reader sees it
    (`rotate`, the page's /Rotate, turns it clockwise), then turned back onto the page box."""
    rotate %= 360  # /Rotate may be -90 or 450; the specification keeps it to multiples of 90
    x0, y0, x1, y1 = (float(v) for v in box)
    width = (y1 - y0) if rotate in (90, 270) else (x1 - x0)
    height = (x1 - x0) if rotate in (90, 270) else (y1 - y0)
    matrix = {
        0: (1, 0, 0, 1, x0, y0),
        90: (0, 1, -1, 0, x1, y0),
        180: (-1, 0, 0, -1, x1, y1),
        270: (0, -1, 1, 0, x0, y1),
    }[rotate]
    margin = 28.35  # 10 mm from the edge: clear of a printer's unprintable border
    parts = [b"/Artifact BMC q", "{} {} {} {} {:.3f} {:.3f} cm".format(*matrix).encode()]
    for face_key, size, text, align, y in (
        ("regular", 10.0, stamp.foot, "centre", margin * 0.75),
        ("bold", 12.0, stamp.head, "right", height - margin),
        ("bold", 10.0, stamp.band, "left", height - margin),
    ):
        if not text:
            continue
        face = faces[face_key]
        w = face.width(text, size)
        x = {"centre": (width - w) / 2, "right": width - margin - w, "left": margin}[align]
        name = b"/MtgStampB" if face_key == "bold" else b"/MtgStampR"
        parts.append(
            b"BT 0 g "
            + name
            + f" {size:g} Tf {x:.3f} {y:.3f} Td <".encode()
            + face.encode(text).hex().encode()
            + b"> Tj ET"
        )
    parts.append(b"Q EMC")
    return b"\n".join(parts)


def bind(
    front: bytes,
    sections: Sequence[Section],
    *,
    carrier: bytes,
    title: str,
    language: str = "en-GB",
    front_label: str = "Agenda ",
    front_stamp: Stamp | None = None,
) -> bytes:
    """The pack: `front` (kept with its tags) then each section's pages, stamped, with an
    outline entry per section, page labels matching the printed numbers, title and language.

    Page labels: the front sheet's pages are "Agenda 1", "Agenda 2"; the papers' pages are
    labelled with the numbers stamped on them, so a reader's "go to page 14" finds the page
    the agenda calls 14. `front_stamp` is drawn on every page of the front sheet (a
    restricted pack's band); the numbers on papers come from each section's stamps.
    """
    pypdf = _pypdf()
    generic = pypdf.generic
    writer = pypdf.PdfWriter(clone_from=_reader(front, "front sheet"))
    faces = _faces(writer, carrier)
    push = writer._add_object(generic.DecodedStreamObject())
    push.get_object().set_data(b"q\n")
    pop = writer._add_object(generic.DecodedStreamObject())
    pop.get_object().set_data(b"\nQ\n")
    front_pages = len(writer.pages)
    # The front sheet's own bookmarks (its headings) give way to one entry per agenda item.
    if "/Outlines" in writer._root_object:
        del writer._root_object["/Outlines"]

    def stamp_page(page: Any, stamp: Stamp) -> None:
        if not (stamp.foot or stamp.head or stamp.band):
            return
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else generic.DictionaryObject()
        page[generic.NameObject("/Resources")] = resources
        fonts = resources.get("/Font")
        fonts = fonts.get_object() if fonts is not None else generic.DictionaryObject()
        resources[generic.NameObject("/Font")] = fonts
        fonts[generic.NameObject("/MtgStampR")] = faces["regular"].ref
        fonts[generic.NameObject("/MtgStampB")] = faces["bold"].ref
        content = page.get("/Contents")
        if content is None:
            old: list[Any] = []
        else:
            obj = content.get_object()
            old = list(obj) if isinstance(obj, generic.ArrayObject) else [content]
        drawn = generic.DecodedStreamObject()
        box = page.cropbox
        drawn.set_data(
            _draw(stamp, (box.left, box.bottom, box.right, box.top), page.rotation, faces)
        )
        page[generic.NameObject("/Contents")] = generic.ArrayObject(
            [push, *old, pop, writer._add_object(drawn)]
        )

    if front_stamp is not None:
        for page in writer.pages[:front_pages]:
            stamp_page(page, front_stamp)
    outline = [(title if front_pages else "", 0)] if front_pages else []
    untagged = 0
    for section in sections:
        first = len(writer.pages)
        keep = section.tagged or (False,) * len(section.pdfs)
        for data, name, tagged in zip(section.pdfs, section.names, keep, strict=True):
            start = len(writer.pages)
            reader = _reader(data, name)
            writer.append(reader, import_outline=False)
            # Without its structure grafted, a paper's pages claim none (pypdf drops their
            # /StructParents when it appends them).
            if not (tagged and _graft(writer, reader, start)):
                untagged += 1
        for n, page in enumerate(writer.pages[first:]):
            if n < len(section.stamps):
                stamp_page(page, section.stamps[n])
        if len(writer.pages) > first:
            outline.append((section.title, first))
    for text, index in outline:
        writer.add_outline_item(title=text, page_number=index)
    if front_pages:
        writer.set_page_label(0, front_pages - 1, style="/D", prefix=front_label, start=1)
    # Papers' pages carry the numbers stamped at their foot ("Page 12" is labelled 12).
    _label_papers(writer, front_pages, sections)
    writer.add_metadata({"/Title": title})
    _xmp(writer, title, conforming=untagged == 0)
    root = writer._root_object
    root[generic.NameObject("/Lang")] = generic.TextStringObject(language)
    prefs = root.get("/ViewerPreferences")
    prefs = prefs.get_object() if prefs is not None else generic.DictionaryObject()
    prefs[generic.NameObject("/DisplayDocTitle")] = generic.BooleanObject(True)
    root[generic.NameObject("/ViewerPreferences")] = prefs
    root[generic.NameObject("/PageMode")] = generic.NameObject("/UseOutlines")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _graft(writer: Any, reader: Any, start: int) -> bool:
    """Graft a tagged paper's structure tree (just appended from `reader`, its pages from
    index `start`) under the pack's Document element, as a Part; False, leaving nothing
    changed, when the pack or the paper has no tree of the plain kind this handles (one
    Document element, a flat parent tree), as the project's own printed papers have.

    The paper's pages' /StructParents keys are moved past the pack's, and its parent-tree
    entries added under the new keys, so each page's marked content still finds its elements.
    """
    generic = _pypdf().generic
    pack_ref = writer._root_object.get("/StructTreeRoot")
    paper_ref = reader.trailer["/Root"].get("/StructTreeRoot")
    if pack_ref is None or not isinstance(paper_ref, generic.IndirectObject):
        return False
    pack_root, paper_root = pack_ref.get_object(), paper_ref.get_object()
    pack_kids, paper_kids = pack_root.get("/K"), paper_root.get("/K")
    if not isinstance(pack_kids, generic.ArrayObject) or len(pack_kids) != 1:
        return False
    document_ref = pack_kids[0]
    document = document_ref.get_object()
    pack_nums = pack_root["/ParentTree"].get_object().get("/Nums")
    paper_tree = paper_root.get("/ParentTree")
    paper_nums = paper_tree.get_object().get("/Nums") if paper_tree is not None else None
    if pack_nums is None or paper_nums is None or paper_root.get("/RoleMap") is not None:
        return False
    offset = int(pack_root.get("/ParentTreeNextKey", 0))
    offset = max([offset, *(int(k) + 1 for k in pack_nums[::2])])
    # The paper's tree root stands for the pack's Document element while cloning, so the
    # paper's top elements take it as their parent; pages were mapped by `append`.
    translated = writer._id_translated.setdefault(id(reader), {})
    translated[paper_ref.idnum] = document_ref.idnum
    kids = document.get("/K")
    if not isinstance(kids, generic.ArrayObject):
        kids = generic.ArrayObject([] if kids is None else [kids])
        document[generic.NameObject("/K")] = kids
    paper_kids = paper_kids if isinstance(paper_kids, generic.ArrayObject) else [paper_kids]
    for kid in paper_kids:
        grafted = kid.clone(writer)
        element = grafted.get_object()
        if element.get("/S") == "/Document":
            element[generic.NameObject("/S")] = generic.NameObject("/Part")
        element[generic.NameObject("/P")] = document_ref
        kids.append(grafted)
    last = offset
    for i in range(0, len(paper_nums) - 1, 2):
        key = int(paper_nums[i]) + offset
        pack_nums.append(generic.NumberObject(key))
        pack_nums.append(paper_nums[i + 1].clone(writer))
        last = max(last, key)
    # pypdf leaves /StructParents out of the pages it appends: they are taken from the paper.
    for page, original in zip(writer.pages[start:], reader.pages, strict=True):
        if "/StructParents" in original:
            page[generic.NameObject("/StructParents")] = generic.NumberObject(
                int(original["/StructParents"]) + offset
            )
        for annotation_ref in page.get("/Annots", ()) or ():
            annotation = annotation_ref.get_object()
            if "/StructParent" in annotation:
                annotation[generic.NameObject("/StructParent")] = generic.NumberObject(
                    int(annotation["/StructParent"]) + offset
                )
    pack_root[generic.NameObject("/ParentTreeNextKey")] = generic.NumberObject(last + 1)
    return True


_PDFUA = re.compile(rb"\s*<rdf:Description[^>]*pdfuaid:part=\"1\"[^>]*/>")
_DC_TITLE = re.compile(rb'(<dc:title><rdf:Alt><rdf:li xml:lang="x-default">)(.*?)(</rdf:li>)', re.S)


def _xmp(writer: Any, title: str, *, conforming: bool) -> None:
    """The front sheet's XMP metadata, retitled; its PDF/UA claim dropped unless every paper's
    structure was grafted (a pack with untagged pages does not conform)."""
    metadata = writer._root_object.get("/Metadata")
    if metadata is None:
        return
    stream = metadata.get_object()
    data = stream.get_data()
    escaped = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    data = _DC_TITLE.sub(lambda m: m[1] + escaped.encode() + m[3], data)
    if not conforming:
        data = _PDFUA.sub(b"", data)
    stream.set_data(data)


_PAGE_NUMBER = re.compile(r"(\d+)\s*$")


def _label_papers(writer: Any, start: int, sections: Sequence[Section]) -> None:
    """Decimal labels from the first stamped number, when the foot stamps run on by one."""
    numbers = [
        int(m[1]) if (m := _PAGE_NUMBER.search(s.foot)) else None
        for section in sections
        for s in section.stamps
    ]
    if not numbers or numbers[0] is None:
        return
    first = numbers[0]
    if numbers == list(range(first, first + len(numbers))):
        writer.set_page_label(start, len(writer.pages) - 1, style="/D", prefix="", start=first)
