"""Committee reports: the front sheet (cover) councils put on every report, and its body.

A **report file** is Markdown with TOML front matter between `+++` lines:

    +++
    title = "The Council's Corporate Plan (2019-2024)"
    meeting = "Change Management Committee"
    date = 2019-03-05
    matter = "information"            # or "decision", "information-and-decision"
    authors = ["anne-court"]           # officer ids of the council file, or "Name (Title)"
    purpose = "..."
    summary = "..."
    recommendations = ["..."]          # one, or several (lettered A, B, C)
    contacts = ["anne-court"]          # officer ids, or { name, title, phone, email }
    corporate_priorities = ["..."]     # "Not applicable." when empty
    vision_and_values = ["..."]
    [implications]                     # legal, financial, risk, equalities, human_rights,
    legal = "..."                      # health_and_safety: text or a list of lines
    [comments]                         # head_of_paid_service, chief_finance_officer,
    monitoring_officer = "..."         # monitoring_officer
    consultees = "..."
    background_papers = ["..."]        # "None." when empty
    appendices = ["...", { title = "...", to_follow = true }]
    +++
    1. Background
    ...

The cover's fields and their order are those of the seed's reports (seed 000, items 7-10);
`render_document("report/report", {"report": report}, fmt)` prints it (HTML, DOCX, PDF), and
a meeting file can name a report file among an item's `papers` to bind it into the pack.

The body is Markdown of a small, fixed kind (what `meetings.office` can also put into Word):
`#`/`##`/`###` headings, paragraphs, `-` and `1.` lists, `**bold**` and `*italic*`. Anything
else is shown as written text, never as HTML: the body is escaped first.
"""

from __future__ import annotations

import datetime as dt
import enum
import html
import re
from collections.abc import Mapping
from pathlib import Path

import attrs
import markupsafe

from meetings._private import Reader
from meetings.agenda import exclusion_resolution, logo_uri, read_exempt
from meetings.committee import LOGO_TYPES, Council
from meetings.errors import DefinitionError, MeetingsError, Problem

FRONT_MATTER = "+++"


class Matter(enum.StrEnum):
    """What the report asks of the meeting, as the cover's top right says it."""

    INFORMATION = "information"
    DECISION = "decision"
    INFORMATION_AND_DECISION = "information-and-decision"

    @property
    def label(self) -> str:
        """'Matter for Information and Decision'."""
        return "Matter for " + " and ".join(w.title() for w in self.value.split("-and-"))


# The implications table and the statutory officers' comments, in the seed's order.
IMPLICATIONS: Mapping[str, str] = {
    "legal": "Legal",
    "financial": "Financial",
    "risk": "Corporate Risk Management",
    "equalities": "Equalities and Equalities Assessment (EA)",
    "human_rights": "Human Rights",
    "health_and_safety": "Health and Safety",
}
COMMENTS: Mapping[str, str] = {
    "head_of_paid_service": "Head of Paid Service",
    "chief_finance_officer": "Chief Finance Officer",
    "monitoring_officer": "Monitoring Officer",
}


@attrs.frozen(kw_only=True)
class Contact:
    """An officer to contact about the report."""

    name: str
    title: str = ""
    phone: str = ""
    email: str = ""


@attrs.frozen(kw_only=True)
class Appendix:
    title: str
    to_follow: bool = False


@attrs.frozen(kw_only=True)
class Report:
    """A report's front sheet and body, ready to render."""

    path: Path
    council: str
    title: str
    meeting: str
    day: dt.date
    matter: Matter
    authors: tuple[str, ...]  # "Anne Court (Chief Executive / Head of Paid Service)"
    purpose: str
    summary: str
    recommendations: tuple[str, ...]
    contacts: tuple[Contact, ...]
    corporate_priorities: tuple[str, ...] = ()
    vision_and_values: tuple[str, ...] = ()
    implications: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (label, lines)
    comments: tuple[tuple[str, str], ...] = ()  # (statutory officer, comment)
    consultees: str = ""
    background_papers: tuple[str, ...] = ()
    appendices: tuple[Appendix, ...] = ()
    exempt: tuple[int, ...] = ()
    logo: str | None = None  # a data: URI
    body: str = ""  # Markdown

    @property
    def lettered_recommendations(self) -> tuple[tuple[str, str], ...]:
        """(label, text): "A.", "B."… for several, "" for one (seed 000, items 9 and 10)."""
        if len(self.recommendations) == 1:
            return (("", self.recommendations[0]),)
        return tuple((f"{chr(65 + i)}.", r) for i, r in enumerate(self.recommendations))

    @property
    def exempt_text(self) -> str:
        """'paragraph(s) 1 and 3 of Part 1 of Schedule 12A', or '' for a public report."""
        return exclusion_resolution(self.exempt) if self.exempt else ""

    @property
    def body_html(self) -> markupsafe.Markup:
        return markdown_html(self.body)


def split_front_matter(text: str, file: str) -> tuple[str, str]:
    """(front matter TOML, Markdown body) of a report file."""
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].strip() != FRONT_MATTER:
        raise DefinitionError(
            [
                Problem(
                    file=file,
                    key="",
                    message=f"a report file starts with a line '{FRONT_MATTER}', then its TOML "
                    f"front matter, then '{FRONT_MATTER}' and the Markdown body",
                )
            ]
        )
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == FRONT_MATTER:
            return "".join(lines[1:i]), "".join(lines[i + 1 :])
    raise DefinitionError(
        [Problem(file=file, key="", message=f"the front matter has no closing '{FRONT_MATTER}'")]
    )


def _person(reader: Reader, key: str, text: str, council: Council | None) -> str:
    """An author: an officer id of the council file, or the words as given."""
    if council is not None and re.fullmatch(r"[a-z0-9][a-z0-9-]*", text):
        try:
            officer = council.officer(text)
        except DefinitionError:
            reader.problem(key, f"unknown officer {text!r}; give an officer id of the council file")
            return text
        return f"{officer.name.without_title} ({officer.job_title})"
    return text


def _contact(reader: Reader, key: str, raw: object, council: Council | None) -> Contact | None:
    if isinstance(raw, str):
        if council is None:
            reader.problem(key, f"{raw!r} names an officer, but no council file was found")
            return None
        try:
            officer = council.officer(raw)
        except DefinitionError:
            reader.problem(key, f"unknown officer {raw!r}; give an officer id of the council file")
            return None
        return Contact(
            name=officer.name.without_title,
            title=officer.job_title,
            phone=officer.phone or "",
            email=officer.email or "",
        )
    if isinstance(raw, dict):
        sub = Reader(raw, file=reader.file, path=key, problems=reader.problems)
        contact = Contact(
            name=sub.text("name", required=True),
            title=sub.text("title"),
            phone=sub.text("phone"),
            email=sub.text("email"),
        )
        sub.done()
        return contact
    reader.problem(key, "give an officer id or a table { name, title, phone, email }")
    return None


def _lines(reader: Reader, key: str) -> tuple[str, ...]:
    raw = reader.raw(key)
    if isinstance(raw, str):
        return (reader.text(key),)
    return reader.texts(key)


def _labelled(
    reader: Reader, key: str, labels: Mapping[str, str]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    table = reader.table(key)
    if table is None:
        return ()
    out = []
    for name in table.data:
        if name not in labels:
            table.problem(name, f"unknown; valid: {', '.join(labels)}")
            continue
        out.append((labels[name], _lines(table, name)))
    table.done(labels)
    order = list(labels.values())
    return tuple(sorted(out, key=lambda pair: order.index(pair[0])))


def read_report(
    text: str, path: Path, council: Council | None = None, *, file: str | None = None
) -> Report:
    """A report file's text as a Report; every problem reported at once (DefinitionError)."""
    name = file or str(path)
    front, body = split_front_matter(text, name)
    reader = Reader.loads(front, file=name)  # syntax, nesting and value bounds (guards)
    matter = reader.choice("matter", Matter, required=True) or Matter.INFORMATION
    day = reader.date("date", required=True) or dt.date.min
    authors = tuple(
        _person(reader, f"authors[{i}]", a, council) for i, a in enumerate(reader.texts("authors"))
    )
    raw_contacts = reader.raw("contacts")
    contacts = []
    if isinstance(raw_contacts, list):
        for i, raw in enumerate(raw_contacts):
            found = _contact(reader, f"contacts[{i}]", raw, council)
            if found is not None:
                contacts.append(found)
    elif raw_contacts is not None:
        reader.problem("contacts", "give a list of officer ids or tables")
    appendices = []
    raw_appendices = reader.raw("appendices")
    for i, raw in enumerate(raw_appendices if isinstance(raw_appendices, list) else ()):
        if isinstance(raw, str):
            appendices.append(Appendix(title=raw))
        elif isinstance(raw, dict):
            sub = Reader(raw, file=name, path=f"appendices[{i}]", problems=reader.problems)
            appendices.append(
                Appendix(title=sub.text("title", required=True), to_follow=sub.flag("to_follow"))
            )
            sub.done()
        else:
            reader.problem(f"appendices[{i}]", "give a title, or { title, to_follow }")
    logo = reader.opt_text("logo")
    logo_path = path.parent / logo if logo else None
    if logo_path is not None and (
        not logo_path.is_file() or logo_path.suffix.lower() not in LOGO_TYPES
    ):
        reader.problem("logo", f"{logo!r}: give an existing {', '.join(LOGO_TYPES)} image")
        logo_path = None
    if logo_path is None and council is not None:
        logo_path = council.logo  # the council's crest, unless the report names its own
    report = Report(
        path=path,
        council=reader.text("council", council.name if council else ""),
        title=reader.text("title", required=True),
        meeting=reader.text("meeting", required=True),
        day=day,
        matter=matter,
        authors=authors,
        purpose=reader.text("purpose", required=True),
        summary=reader.text("summary"),
        recommendations=_lines(reader, "recommendations") if "recommendations" in reader else (),
        contacts=tuple(contacts),
        corporate_priorities=reader.texts("corporate_priorities"),
        vision_and_values=reader.texts("vision_and_values"),
        implications=_labelled(reader, "implications", IMPLICATIONS),
        comments=tuple(
            (label, " ".join(lines)) for label, lines in _labelled(reader, "comments", COMMENTS)
        ),
        consultees=reader.text("consultees"),
        background_papers=reader.texts("background_papers"),
        appendices=tuple(appendices),
        exempt=read_exempt(reader)[0],
        logo=logo_uri(logo_path) if logo_path is not None else None,
        body=body.strip("\n"),
    )
    if not report.authors:
        reader.problem("authors", "missing; the officer(s) who wrote the report")
    reader.done()
    reader.raise_if_problems()
    return report


def load_report(path: str | Path, council: Council | None = None) -> Report:
    """Read a report file (Markdown with TOML front matter); DefinitionError when wrong."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DefinitionError([Problem(file=str(p), key="", message="file not found")]) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise MeetingsError(f"{p}: cannot read it: {exc}") from exc
    return read_report(text, p, council)


# -- the body -----------------------------------------------------------------------------

_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EM = re.compile(r"(?<![*\w])\*(?=\S)(.+?)(?<=\S)\*(?![*\w])")
_BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
_ORDERED = re.compile(r"^\s*\d+[.)]\s+(.*)$")
_HEADING = re.compile(r"^(#{1,3})\s+(.*?)\s*#*\s*$")


def _inline(text: str) -> str:
    escaped = html.escape(text, quote=False)
    escaped = _STRONG.sub(r"<strong>\1</strong>", escaped)
    return _EM.sub(r"<em>\1</em>", escaped)


def markdown_html(text: str) -> markupsafe.Markup:
    """The report body's Markdown (the kind the module docstring lists) as HTML.

    >>> print(markdown_html("# Background\\n\\nThe **plan** <b>.\\n\\n- one\\n- two"))
    <h2>Background</h2>
    <p>The <strong>plan</strong> &lt;b&gt;.</p>
    <ul><li>one</li><li>two</li></ul>

    Headings step down one level (`#` is an `h2`): the report's title is the page's `h1`.
    """
    out: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    list_tag = ""

    def flush() -> None:
        nonlocal list_tag
        if paragraph:
            out.append(f"<p>{_inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if items:
            out.append(
                f"<{list_tag}>{''.join(f'<li>{_inline(i)}</li>' for i in items)}</{list_tag}>"
            )
            items.clear()
            list_tag = ""

    for line in text.splitlines():
        if not line.strip():
            flush()
            continue
        heading = _HEADING.match(line)
        bullet = _BULLET.match(line)
        ordered = _ORDERED.match(line)
        if heading:
            flush()
            level = len(heading[1]) + 1
            out.append(f"<h{level}>{_inline(heading[2])}</h{level}>")
        elif bullet or ordered:
            tag = "ul" if bullet else "ol"
            if paragraph or (items and tag != list_tag):
                flush()
            list_tag = tag
            items.append((bullet or ordered)[1])  # type: ignore[index]
        elif items:
            items[-1] += " " + line.strip()  # a list item running on
        else:
            paragraph.append(line.strip())
    flush()
    return markupsafe.Markup("\n".join(out))
