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
- `<meta name="running-header" content="...">` (and `running-footer`) become the page
  header (footer) of the section; `<head>`, `<style>`, `<script>` and elements of class
  `running` (CSS running elements, the printed form of the same header) are skipped.

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


def _alignment(node: _Node) -> str | None:
    style = node.style()
    for value in ("center", "right", "justify"):
        if f"text-align:{value}" in style or value in node.classes():
            return value
    return None


class _Writer:
    """Walks the tree and writes python-docx objects."""

    def __init__(self, docx: Any) -> None:
        self.docx = docx
        self.shared = docx.shared
        self.document = docx.Document()
        section = self.document.sections[0]
        section.page_width = self.shared.Mm(_PAGE_MM[0])
        section.page_height = self.shared.Mm(_PAGE_MM[1])
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, self.shared.Mm(_MARGIN_MM))
        self.text_width_mm = _PAGE_MM[0] - 2 * _MARGIN_MM
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
        self.runs(paragraph, node, bold=False, italic=False, underline=False)
        # Trim the whitespace HTML would not show at the ends of a block.
        if paragraph.runs:
            paragraph.runs[0].text = paragraph.runs[0].text.lstrip()
            paragraph.runs[-1].text = paragraph.runs[-1].text.rstrip()
        return paragraph

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

        def collect(parent: _Node) -> None:
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
                elif child.tag in ("thead", "tbody", "tfoot"):
                    collect(child)

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
        if widths is not None:
            table.autofit = False
            for c, mm in enumerate(widths):
                table.columns[c].width = self.shared.Mm(mm)  # the grid, which Writer reads
                for r in range(len(rows)):
                    table.cell(r, c).width = self.shared.Mm(mm)
        # Keep the next block from running into the table.
        self.break_pending = False

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
    def finish(self, meta: dict[str, str]) -> bytes:
        section = self.document.sections[0]
        for key, part in (("running-header", section.header), ("running-footer", section.footer)):
            if meta.get(key):
                part.paragraphs[0].text = meta[key]
        properties = self.document.core_properties
        properties.title = meta.get("title", "")
        properties.author = meta.get("author", "")
        properties.comments = ""
        out = io.BytesIO()
        self.document.save(out)
        return _stable_zip(out.getvalue())


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
        import docx.enum.text  # noqa: PLC0415
        import docx.oxml.ns  # noqa: PLC0415
        import docx.shared  # noqa: PLC0415
    except ImportError as exc:
        raise MissingExtraError("docx", "docx") from exc
    parser = _TreeBuilder()
    parser.feed(html)
    parser.close()
    writer = _Writer(docx)
    body = _find(parser.root, "body") or parser.root
    writer.blocks(writer.document, body)
    title = _find(parser.root, "title")
    meta = dict(parser.meta)
    if title is not None:
        meta.setdefault("title", _SPACE.sub(" ", title.text()).strip())
    return writer.finish(meta)


def _find(node: _Node, tag: str) -> _Node | None:
    for child in node.children:
        if isinstance(child, _Node):
            if child.tag == tag:
                return child
            found = _find(child, tag)
            if found is not None:
                return found
    return None
