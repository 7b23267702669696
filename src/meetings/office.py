"""The one adapter over python-docx (the `docx` extra): our own HTML to a Word document.

The HTML templates are the single source of every printed document, so DOCX output converts
the HTML that `templates/` produce rather than keeping a second set of Word templates. It is
not a general HTML engine: it understands what the templates use —

- headings `h1`-`h6`, paragraphs and `div`s, `strong`/`b`, `em`/`i`, `u`, `br`;
- tables (`tr` of `th`/`td`, `colspan`; a `style="width: N%"` on a cell of the first row
  sets the column's width; `class="grid"` on the table draws borders);
- lists `ul`/`ol` of `li` (`class="plain"` or `list-style: none`: no bullets);
- page breaks: an element whose class includes `page-break` or whose style has
  `page-break-before: always` / `break-before: page`;
- `text-align: center|right` in a style attribute, and the classes `right`/`center`;
- in a style attribute: `border-top` / `border-bottom` on a paragraph (a rule, as under a
  signature) with `width: N mm` (the rule's length); `margin-top: N mm` (or `pt`) on a
  paragraph; `break-after: avoid` on a paragraph or
  table row (keep it with the next); `break-inside: avoid` on a block (keep it on one page);
- table rows never split across pages, and the rows of `thead` repeat on each page (as a
  browser prints them);
- `<meta name="running-header" content="...">` (and `running-footer`) become the page
  header (footer) of every page but the first (the front sheet, as `@page :first` in the
  HTML); `<head>`, `<style>`, `<script>` and elements of class `running` are skipped;
- from the `<style>` text, only this: `@page { size: A4 landscape }` turns the pages, and
  `counter(page)` in it puts the page number at the foot of every page.

Pages are A4 with 2 cm margins. The bytes are deterministic: the zip entries carry a fixed
timestamp, so the same HTML gives the same file.
"""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from typing import Any

import attrs

from meetings.errors import MissingExtraError

_VOID = frozenset({"br", "hr", "img", "meta", "link", "col", "input", "wbr", "source"})
_SKIP = frozenset({"head", "style", "script", "title", "template"})
_BLOCK = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "aside",
        "nav",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "ul",
        "ol",
        "li",
        "blockquote",
        "hr",
        "address",
        "dl",
        "dt",
        "dd",
        "figure",
    }
)
_SPACE = re.compile(r"\s+")
_WIDTH = re.compile(r"width\s*:\s*([0-9.]+)\s*%")
_MARGIN_TOP = re.compile(r"margin-top\s*:\s*([0-9.]+)\s*(mm|pt)")
_WIDTH_MM = re.compile(r"(?<![-\w])width\s*:\s*([0-9.]+)\s*mm")
# WordprocessingML orders the children of a properties element; these are the children
# python-docx writes that must follow the ones added here (ECMA-376 Part 1, 17.3.1.26, 17.4.60).
_AFTER_BORDERS = ("w:tabs", "w:spacing", "w:ind", "w:jc", "w:outlineLvl", "w:rPr", "w:sectPr")
_AFTER_CELL_MARGINS = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
_LANDSCAPE = re.compile(r"@page\s*\{[^}]*?\bsize\s*:\s*A4\s+landscape", re.IGNORECASE)
# A fixed zip timestamp (the earliest a zip can hold) keeps the output byte-for-byte stable.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_PAGE_MM = (210, 297)  # A4
_MARGIN_MM = 20


@attrs.define
class _Node:
    """A parsed HTML element: tag, attributes and children (nodes or text)."""

    tag: str
    attributes: dict[str, str] = attrs.Factory(dict)
    children: list[_Node | str] = attrs.Factory(list)

    def classes(self) -> set[str]:
        return set(self.attributes.get("class", "").split())

    def style(self) -> str:
        return self.attributes.get("style", "").replace(" ", "").lower()

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


class _TreeBuilder(HTMLParser):
    """Stdlib HTML parser building a small tree; tolerant of unclosed `p`/`li`/`td`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self.stack = [self.root]
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attributes}
        if tag == "meta" and "name" in values:
            self.meta[values["name"]] = values.get("content", "")
        # Implied end tags, as browsers do, for the elements our templates may leave open.
        if tag in ("p", "li", "td", "th", "tr") and self.stack[-1].tag == tag:
            self.stack.pop()
        node = _Node(tag, values)
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attributes)
        if tag not in _VOID and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _is_page_break(node: _Node) -> bool:
    style = node.style()
    return (
        "page-break" in node.classes()
        or "page-break-before:always" in style
        or "break-before:page" in style
    )


def _keeps(node: _Node, what: str) -> bool:
    """Whether the style asks to avoid a break `what` ("after", "inside") the element."""
    style = node.style()
    return f"break-{what}:avoid" in style or f"page-break-{what}:avoid" in style


def _alignment(node: _Node) -> str | None:
    style = node.style()
    for value in ("center", "right", "justify"):
        if f"text-align:{value}" in style or value in node.classes():
            return value
    return None


class _Writer:
    """Walks the tree and writes python-docx objects."""

    def __init__(self, docx: Any, *, landscape: bool = False) -> None:
        self.docx = docx
        self.shared = docx.shared
        self.document = docx.Document()
        section = self.document.sections[0]
        width, height = reversed(_PAGE_MM) if landscape else _PAGE_MM
        if landscape:
            section.orientation = docx.enum.section.WD_ORIENT.LANDSCAPE
        section.page_width = self.shared.Mm(width)
        section.page_height = self.shared.Mm(height)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, self.shared.Mm(_MARGIN_MM))
        self.text_width_mm = width - 2 * _MARGIN_MM
        normal = self.document.styles["Normal"]
        normal.font.name = "Arial"
        normal.font.size = self.shared.Pt(11)
        # Council papers print headings in the body font, in black, not Word's blue theme.
        for level, size in zip(range(1, 7), (16, 13, 12, 11, 11, 11), strict=True):
            heading = self.document.styles[f"Heading {level}"]
            heading.font.name = "Arial"
            heading.font.size = self.shared.Pt(size)
            heading.font.color.rgb = self.shared.RGBColor(0, 0, 0)
            fonts = heading.element.rPr.rFonts
            for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
                # A theme font overrides the named one: drop it so Arial holds.
                fonts.attrib.pop(docx.oxml.ns.qn(f"w:{theme}"), None)
        self.break_pending = False

    # -- blocks -------------------------------------------------------------------------
    def blocks(self, container: Any, node: _Node, list_depth: int = 0) -> None:
        """Write the children of `node` into `container` (the document or a table cell)."""
        inline: list[_Node | str] = []

        def flush() -> None:
            if any(isinstance(c, _Node) or c.strip() for c in inline):
                self.paragraph(container, _Node("p", {}, list(inline)))
            inline.clear()

        for child in node.children:
            if isinstance(child, str) or child.tag not in _BLOCK | _SKIP:
                inline.append(child)
                continue
            flush()
            self.block(container, child, list_depth)
        flush()

    def block(self, container: Any, node: _Node, list_depth: int) -> None:
        if node.tag in _SKIP or "running" in node.classes():
            return  # a running element is the page header, written from its <meta>
        if _keeps(node, "inside") and node.tag not in ("p", "table"):
            # Keep the block on one page: each of its paragraphs keeps with the next.
            before = len(container.paragraphs)
            self.block_content(container, node, list_depth)
            written = container.paragraphs[before:]
            for paragraph in written:
                paragraph.paragraph_format.keep_together = True
            for paragraph in written[:-1]:
                paragraph.paragraph_format.keep_with_next = True
            return
        self.block_content(container, node, list_depth)

    def block_content(self, container: Any, node: _Node, list_depth: int) -> None:
        if _is_page_break(node):
            self.break_pending = True
            if not node.text().strip():
                return  # an empty break marker: the next block starts the new page
        tag = node.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.paragraph(container, node, style=f"Heading {tag[1]}")
        elif tag == "table":
            self.table(container, node)
        elif tag in ("ul", "ol"):
            self.a_list(container, node, list_depth)
        elif tag == "hr":
            container.add_paragraph()
        elif any(isinstance(c, _Node) and c.tag in _BLOCK for c in node.children):
            self.blocks(container, node, list_depth)
        else:
            self.paragraph(container, node)

    def paragraph(self, container: Any, node: _Node, style: str | None = None) -> Any:
        paragraph = container.add_paragraph(style=style)
        if self.break_pending and container is self.document:
            paragraph.paragraph_format.page_break_before = True
        self.break_pending = False
        align = _alignment(node)
        if align is not None:
            paragraph.alignment = self.align(align)
        if _keeps(node, "after"):
            paragraph.paragraph_format.keep_with_next = True
        margin = _MARGIN_TOP.search(node.attributes.get("style", ""))
        if margin:
            unit = self.shared.Mm if margin.group(2) == "mm" else self.shared.Pt
            paragraph.paragraph_format.space_before = unit(float(margin.group(1)))
        self.rules(paragraph, node)
        self.runs(paragraph, node, bold=False, italic=False, underline=False)
        # Trim the whitespace HTML would not show at the ends of a block.
        if paragraph.runs:
            paragraph.runs[0].text = paragraph.runs[0].text.lstrip()
            paragraph.runs[-1].text = paragraph.runs[-1].text.rstrip()
        return paragraph

    def rules(self, paragraph: Any, node: _Node) -> None:
        """`border-top` / `border-bottom` as paragraph borders; `width: N mm` their length."""
        sides = [side for side in ("top", "bottom") if f"border-{side}:" in node.style()]
        if not sides:
            return
        qn, element = self.docx.oxml.ns.qn, self.docx.oxml.OxmlElement
        borders = element("w:pBdr")
        for side in sides:
            line = element(f"w:{side}")
            # A single line of half a point (w:sz is in eighths of a point), 1 pt from the text.
            for key, value in (("val", "single"), ("sz", "4"), ("space", "1"), ("color", "000000")):
                line.set(qn(f"w:{key}"), value)
            borders.append(line)
        properties = paragraph.paragraph_format.element.get_or_add_pPr()
        properties.insert_element_before(borders, *_AFTER_BORDERS)
        found = _WIDTH_MM.search(node.attributes.get("style", ""))
        if found:
            rest = max(self.text_width_mm - float(found.group(1)), 0.0)
            paragraph.paragraph_format.right_indent = self.shared.Mm(rest)

    def align(self, value: str) -> Any:
        enum = self.docx.enum.text.WD_ALIGN_PARAGRAPH
        return {"center": enum.CENTER, "right": enum.RIGHT, "justify": enum.JUSTIFY}[value]

    def a_list(self, container: Any, node: _Node, depth: int) -> None:
        ordered = node.tag == "ol"
        number = int(node.attributes.get("start", "1") or 1)
        style = "List Bullet" if depth == 0 else "List Bullet 2"
        if "plain" in node.classes() or "list-style:none" in node.style():
            style, ordered = "Normal", False
        items = [c for c in node.children if isinstance(c, _Node) and c.tag == "li"]
        for child in items:
            inline = _Node("li", child.attributes, [])
            nested = []
            for grand in child.children:
                if isinstance(grand, _Node) and grand.tag in ("ul", "ol"):
                    nested.append(grand)
                else:
                    inline.children.append(grand)
            if ordered:
                # Word's "List Number" continues across separate lists; numbering by hand
                # keeps each <ol> starting where the HTML says.
                inline.children.insert(0, f"{number}. ")
                number += 1
            paragraph = self.paragraph(
                container, inline, style="List Paragraph" if ordered else style
            )
            if style == "Normal" and child is not items[-1]:
                paragraph.paragraph_format.space_after = 0  # a plain list stays compact
            for sub in nested:
                self.a_list(container, sub, depth + 1)

    def table(self, container: Any, node: _Node) -> None:
        rows: list[list[_Node]] = []
        row_nodes: list[tuple[_Node, bool]] = []  # each row, and whether it is a header row

        def collect(parent: _Node, head: bool = False) -> None:
            for child in parent.children:
                if not isinstance(child, _Node):
                    continue
                if child.tag == "tr":
                    rows.append(
                        [
                            c
                            for c in child.children
                            if isinstance(c, _Node) and c.tag in ("td", "th")
                        ]
                    )
                    row_nodes.append((child, head))
                elif child.tag in ("thead", "tbody", "tfoot"):
                    collect(child, head or child.tag == "thead")

        collect(node)
        if not rows:
            return
        width = max(sum(_span(c) for c in row) for row in rows)
        if width == 0:
            return
        if self.break_pending and container is self.document:
            container.add_paragraph().paragraph_format.page_break_before = True
            self.break_pending = False
        table = container.add_table(rows=len(rows), cols=width)
        if "grid" in node.classes():
            table.style = self.document.styles["Table Grid"]
        else:
            self.cell_margins(table)
        widths = self.column_widths(rows[0], width)
        for r, row in enumerate(rows):
            column = 0
            for cell_node in row:
                span = min(_span(cell_node), width - column)
                if span <= 0:
                    break
                cell = table.cell(r, column)
                if span > 1:
                    cell = cell.merge(table.cell(r, column + span - 1))
                # A new cell holds one empty paragraph: write into it, then remove extras.
                first = cell.paragraphs[0]
                self.blocks(cell, cell_node)
                if len(cell.paragraphs) > 1 and not first.text:
                    first._element.getparent().remove(first._element)
                align = _alignment(cell_node)
                for paragraph in cell.paragraphs:
                    if align is not None and paragraph.alignment is None:
                        paragraph.alignment = self.align(align)
                    if cell_node.tag == "th":
                        for run in paragraph.runs:
                            run.bold = True
                column += span
        for (row_node, head), row in zip(row_nodes, table.rows, strict=True):
            self.row_properties(row, head=head, keep=_keeps(row_node, "after"))
        if widths is not None:
            table.autofit = False
            for c, mm in enumerate(widths):
                table.columns[c].width = self.shared.Mm(mm)  # the grid, which Writer reads
                for r in range(len(rows)):
                    table.cell(r, c).width = self.shared.Mm(mm)
        # Keep the next block from running into the table.
        self.break_pending = False

    def cell_margins(self, table: Any) -> None:
        """A borderless table starts at the text's left edge, as the HTML's cells do (no
        left padding); a little space on the right keeps its columns apart."""
        qn, element = self.docx.oxml.ns.qn, self.docx.oxml.OxmlElement
        margins = element("w:tblCellMar")
        for side, twips in (("left", 0), ("right", 113)):  # 113 twips = 2 mm
            margin = element(f"w:{side}")
            margin.set(qn("w:w"), str(twips))
            margin.set(qn("w:type"), "dxa")
            margins.append(margin)
        table._tbl.tblPr.insert_element_before(margins, *_AFTER_CELL_MARGINS)

    def row_properties(self, row: Any, *, head: bool, keep: bool) -> None:
        """A row never splits across pages (CSS `tr { break-inside: avoid }`); header rows
        repeat on each page; `keep`: the row stays with the next (a group heading)."""
        qn, element = self.docx.oxml.ns.qn, self.docx.oxml.OxmlElement
        properties = row._tr.get_or_add_trPr()
        for flag in ("w:cantSplit", "w:tblHeader") if head else ("w:cantSplit",):
            mark = element(flag)
            mark.set(qn("w:val"), "true")
            properties.append(mark)
        if keep:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True

    def column_widths(self, first_row: list[_Node], width: int) -> list[float] | None:
        percents: list[float | None] = []
        for cell in first_row:
            found = _WIDTH.search(cell.attributes.get("style", ""))
            percents.extend([float(found.group(1)) / _span(cell) if found else None] * _span(cell))
        if len(percents) != width or all(p is None for p in percents):
            return None
        given = sum(p for p in percents if p is not None)
        missing = [p for p in percents if p is None]
        rest = max(100.0 - given, 0.0) / len(missing) if missing else 0.0
        return [self.text_width_mm * (p if p is not None else rest) / 100 for p in percents]

    # -- inline -------------------------------------------------------------------------
    def runs(
        self, paragraph: Any, node: _Node, *, bold: bool, italic: bool, underline: bool
    ) -> None:
        for child in node.children:
            if isinstance(child, str):
                text = _SPACE.sub(" ", child)
                if text and not (text == " " and _ends_with_space(paragraph)):
                    if _ends_with_space(paragraph) and text.startswith(" "):
                        text = text[1:]
                    run = paragraph.add_run(text)
                    run.bold = bold or None
                    run.italic = italic or None
                    run.underline = underline or None
                continue
            if child.tag in _SKIP:
                continue
            if child.tag == "br":
                paragraph.add_run().add_break()
                continue
            self.runs(
                paragraph,
                child,
                bold=bold or child.tag in ("strong", "b", "th"),
                italic=italic or child.tag in ("em", "i", "cite"),
                underline=underline or child.tag == "u",
            )

    # -- document -----------------------------------------------------------------------
    def finish(self, meta: dict[str, str], *, page_numbers: bool = False) -> bytes:
        section = self.document.sections[0]
        running = {k: meta[k] for k in ("running-header", "running-footer") if meta.get(k)}
        if running:
            # The first page is the front sheet: no running header (`@page :first`).
            section.different_first_page_header_footer = True
        for key, part in (("running-header", section.header), ("running-footer", section.footer)):
            if key in running:
                paragraph = part.paragraphs[0]
                paragraph.text = running[key]
                paragraph.alignment = self.align("center")
                for run in paragraph.runs:
                    run.font.size = self.shared.Pt(8.5)
                    run.font.color.rgb = self.shared.RGBColor(0x44, 0x44, 0x44)
                if key == "running-header":
                    self.rules(paragraph, _Node("p", {"style": "border-bottom: 0.5pt"}))
        if page_numbers:
            footers = [section.footer]
            if running:
                footers.append(section.first_page_footer)
            for footer in footers:
                self.page_number(footer)
        properties = self.document.core_properties
        properties.title = meta.get("title", "")
        properties.author = meta.get("author", "")
        properties.comments = ""
        out = io.BytesIO()
        self.document.save(out)
        return _stable_zip(out.getvalue())

    def page_number(self, footer: Any) -> None:
        """The page number, centred, as a PAGE field (Word and LibreOffice fill it in)."""
        qn, element = self.docx.oxml.ns.qn, self.docx.oxml.OxmlElement
        paragraph = footer.paragraphs[-1]
        if paragraph.text:  # under the running footer
            paragraph = footer.add_paragraph()
        paragraph.alignment = self.align("center")
        begin, code, end = element("w:fldChar"), element("w:instrText"), element("w:fldChar")
        begin.set(qn("w:fldCharType"), "begin")
        code.text = "PAGE"
        end.set(qn("w:fldCharType"), "end")
        for part in (begin, code, end):
            paragraph.add_run()._r.append(part)


def _span(cell: _Node) -> int:
    try:
        return max(int(cell.attributes.get("colspan", "1") or 1), 1)
    except ValueError:
        return 1


def _ends_with_space(paragraph: Any) -> bool:
    runs = paragraph.runs
    if not runs:
        return True  # nothing yet: leading space is not shown
    text: str = runs[-1].text
    return text.endswith((" ", "\n"))


def _stable_zip(data: bytes) -> bytes:
    """Rewrite the zip with fixed entry timestamps: same document, same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def html_to_docx(html: str) -> bytes:
    """Convert HTML from our templates into DOCX bytes (needs the `docx` extra)."""
    try:
        import docx  # noqa: PLC0415 - optional extra, imported only when asked for
        import docx.enum.section  # noqa: PLC0415
        import docx.enum.text  # noqa: PLC0415
        import docx.oxml  # noqa: PLC0415
        import docx.oxml.ns  # noqa: PLC0415
        import docx.shared  # noqa: PLC0415
    except ImportError as exc:
        raise MissingExtraError("docx", "docx") from exc
    parser = _TreeBuilder()
    parser.feed(html)
    parser.close()
    css = " ".join(node.text() for node in _find_all(parser.root, "style"))
    writer = _Writer(docx, landscape=_LANDSCAPE.search(css) is not None)
    body = _find(parser.root, "body") or parser.root
    writer.blocks(writer.document, body)
    title = _find(parser.root, "title")
    meta = dict(parser.meta)
    if title is not None:
        meta.setdefault("title", _SPACE.sub(" ", title.text()).strip())
    return writer.finish(meta, page_numbers="counter(page)" in css)


def _find_all(node: _Node, tag: str) -> list[_Node]:
    found = []
    for child in node.children:
        if isinstance(child, _Node):
            found += [child] if child.tag == tag else []
            found += _find_all(child, tag)
    return found


def _find(node: _Node, tag: str) -> _Node | None:
    found = _find_all(node, tag)
    return found[0] if found else None
