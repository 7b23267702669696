"""Text made safe for the program that opens it: Markdown and spreadsheet (CSV) cells.

One function per output kind, used by every output of that kind, so that a title, a name or
a note typed by anyone shows as the words it is:

- `md_text`: for Markdown (the Markdown papers, `actions list`, the schedule report, the
  Markdown table). Markdown's punctuation is escaped and line breaks become spaces, so a `|`
  cannot end a table cell, a `#` cannot start a heading, `<script>` stays text, and a
  leading `-`, `+`, `>` or `1.` cannot start a list or a quote.
- `csv_cell`: for CSV. A cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return
  is a formula to a spreadsheet (Excel, LibreOffice, Google Sheets), which may run commands
  or send data away ("CSV injection"); such a cell gets a leading single quote, as OWASP
  recommends (https://owasp.org/www-community/attacks/CSV_Injection), which spreadsheets show
  as the text itself. `csv_value` undoes it when `meetings check` reads the CSV back.
- `long_date`, `plain_date`: a date in words, its weekday derived, never typed.
- `slug`: for a web address, so a meeting's page has one name wherever it is linked from
  (the site's pages and the feeds' URLs, `meeting_slug`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping, Sequence

# Escaped anywhere: these mark emphasis, code, links, images, HTML, tables, headings and
# strikethrough.
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#~!"})
# "&" only where it would start an entity ("&lt;", "&#60;"): "Law & Governance" stays as it is.
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# Escaped at the start of the text only (where a template puts it at the start of a line):
# list items, block quotes, setext underlines and ordered lists ("1." or "1)").
_MD_LEADING = re.compile(r"^([-+=>]|\d+(?=[.)]))")


def md_text(text: object) -> str:
    """Text shown as text in Markdown: punctuation escaped, so a title with HTML or a pipe
    stays words in a table cell; newlines become spaces (one row per line)."""
    flat = _MD_ENTITY.sub(r"\\&", " ".join(str(text).split()).translate(_MD_SPECIAL))
    match = _MD_LEADING.match(flat)
    if match is None:
        return flat
    if match.group(1).isdigit():  # "2019. A year" -> "2019\. A year"
        end = match.end()
        return flat[:end] + "\\" + flat[end:]
    return "\\" + flat


# OWASP's list: the characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula. A number (not a
    text that looks like one) is written as it is: -3 is a number, not a formula."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_value(cell: str) -> str:
    """The text a `csv_cell` stands for (its protecting quote taken off)."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def slug(text: str) -> str:
    """'Mrs S Z Haq' -> 'mrs-s-z-haq': lower-case letters and digits joined by hyphens."""
    return "-".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split()) or "page"


def meeting_slug(uid: str) -> str:
    """A meeting's page name from its UID, which names what the meeting is (its body and
    place in the year), so the page keeps its address when the meeting moves."""
    return slug(uid.split("@", 1)[0])


def csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> str:
    """Rows as CSV (RFC 4180 line ends), every cell through `csv_cell`: lists joined with
    "; ", booleans as yes/no."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return buf.getvalue()


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):  # safe to open in a spreadsheet (text.csv_cell)
        return csv_cell("; ".join(str(v) for v in value))
    return csv_cell(value)


def long_date(day: dt.date) -> str:
    """'Tuesday, 5 March 2019': weekday always derived from the date."""
    return f"{day:%A}, {day.day} {day:%B %Y}"


def weekday_date(day: dt.date) -> str:
    """'Tuesday 5 March 2019', as notices, deadlines and the pack's title write a day."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def plain_date(day: dt.date) -> str:
    """'25 February 2019'."""
    return f"{day.day} {day:%B %Y}"
