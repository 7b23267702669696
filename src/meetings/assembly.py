"""Assembling a meeting's packs: the agenda pack, and the restricted pack of its exempt business.

`make_packs(meeting_path)` reads the meeting file, converts Word papers (LibreOffice), counts
every paper's real pages, builds the agenda with those counts (so its "Page Nos." are right),
prints the front sheet (tagged PDF/UA) and binds it with the papers: each paper's first page
stamped "Agenda Item N", every page after the front sheet numbered, an outline entry per
item, title and language set. Exempt papers are bound only into the restricted pack.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import attrs

from meetings import binding, printing
from meetings.agenda import (
    Agenda,
    MeetingFile,
    Paper,
    PaperKind,
    build_agenda,
    find_council,
    latest_issue_date,
    load_meeting,
)
from meetings.committee import Council
from meetings.conversion import docx_to_pdf
from meetings.errors import MeetingsError, MissingExtraError
from meetings.pack import Pack, PackSection, paper_files, plan_pack
from meetings.render import Format, render_document

RESTRICTED_BAND = "NOT FOR PUBLICATION"
# Papers the project prints itself, tagged (PDF/UA), whose structure the pack keeps.
PRINTED = frozenset({PaperKind.REPORT, PaperKind.MINUTES, PaperKind.ACTION_LIST})


@attrs.frozen(kw_only=True)
class Packs:
    """The bound packs of one meeting. `restricted` is None when no exempt item has papers
    (or only the public pack was asked for)."""

    plan: Pack
    public: bytes
    restricted: bytes | None
    warnings: tuple[str, ...] = ()


# Papers the project prints for a pack leave the page foot to the pack's own numbers, and are
# set in the bundled font, so the pack has the same pages on every machine.
PACK_PAPER_CSS = (
    "@page { @bottom-center { content: none !important }"
    " @bottom-left { content: none !important } @bottom-right { content: none !important } }"
    f' * {{ font-family: "{printing.FONT_FAMILY}", sans-serif !important }}'
)


def paper_pdf(
    paper: Paper,
    council: Council | None,
    *,
    meeting: MeetingFile | None = None,
    template_dir: Path | None = None,
    convert: Callable[[Path], bytes] = docx_to_pdf,
) -> bytes:
    """One paper as PDF bytes: a PDF as it is, a Word document converted, a report file
    printed with its front sheet, a meeting file's minutes printed as published (exempt
    business withheld), or the action list arising from it (for `meeting`'s agenda, as at
    its date of issue, from the actions and statuses those minutes record)."""
    name: str
    context: dict[str, object]
    if paper.kind is PaperKind.PDF:
        return paper.path.read_bytes()
    if paper.kind is PaperKind.WORD:
        return convert(paper.path)
    if paper.kind is PaperKind.REPORT:
        from meetings.report import load_report  # noqa: PLC0415

        name, context = "report/report", {"report": load_report(paper.path, council)}
    elif paper.kind is PaperKind.MINUTES:
        from meetings.minutes import load_minutes  # noqa: PLC0415

        name = "minutes/minutes"
        context = dict(load_minutes(paper.path, council).public().context())
    else:
        name, context = "actions/action_list", {"al": _action_list(paper, council, meeting)}
    return render_document(
        name, context, Format.PDF, template_dir=template_dir, print_css=PACK_PAPER_CSS
    )


def _action_list(paper: Paper, council: Council | None, meeting: MeetingFile | None) -> object:
    from meetings.actions import MemoryStore  # noqa: PLC0415
    from meetings.minutes import action_list_for, load_minutes, record_actions  # noqa: PLC0415

    if meeting is None or council is None:
        raise MeetingsError(f"{paper.name}: an action list paper needs its meeting and council")
    store = MemoryStore()
    record_actions(load_minutes(paper.path, council), store)
    issued = meeting.issued or latest_issue_date(meeting, council)
    return action_list_for(meeting.path, store, today=issued, council=council)


def read_papers(
    meeting: MeetingFile,
    council: Council | None = None,
    *,
    template_dir: Path | None = None,
    convert: Callable[[Path], bytes] = docx_to_pdf,
) -> dict[Paper, bytes]:
    """Each paper the meeting file names as PDF bytes (`paper_pdf`)."""
    return {
        paper: paper_pdf(
            paper, council, meeting=meeting, template_dir=template_dir, convert=convert
        )
        for paper in paper_files(meeting)
    }


def open_papers(papers: Mapping[Paper, bytes]) -> dict[Paper, binding.Opened]:
    """Every paper read once (MeetingsError naming one that cannot be read)."""
    return {paper: binding.open_pdf(data, paper.name) for paper, data in papers.items()}


def count_pages(papers: Mapping[Paper, bytes | binding.Opened]) -> dict[Paper, int]:
    """The real page count of every paper (MeetingsError naming one that cannot be read)."""
    return {
        paper: data.pages
        if isinstance(data, binding.Opened)
        else binding.page_count(data, paper.name)
        for paper, data in papers.items()
    }


def _sections(
    sections: tuple[PackSection, ...],
    papers: Mapping[Paper, binding.Opened],
    *,
    band: str = "",
) -> list[binding.Section]:
    out = []
    for section in sections:
        stamps = tuple(
            binding.Stamp(foot=f"Page {n}", head=section.stamp if i == 0 else "", band=band)
            for i, n in enumerate(section.page_numbers())
        )
        out.append(
            binding.Section(
                title=section.outline,
                pdfs=tuple(papers[p] for p in section.papers),
                names=tuple(p.name for p in section.papers),
                stamps=stamps,
                # The papers the project printed keep their tags in the pack.
                tagged=tuple(p.kind in PRINTED for p in section.papers),
            )
        )
    return out


def counted_agenda(
    meeting_path: str | Path,
    council: Council | None = None,
    *,
    council_path: str | Path | None = None,
    template_dir: Path | None = None,
    convert: Callable[[Path], bytes] = docx_to_pdf,
) -> Agenda:
    """The agenda of a meeting file with its page numbers counted from the papers it names,
    as the pack will number them (`meetings agenda`). Without the pdf extra, items with
    papers have no page numbers and the agenda's warnings say why."""
    if council is None:
        from meetings.definitions import load_council  # noqa: PLC0415 - avoids a cycle

        council = load_council(council_path or find_council(meeting_path))
    meeting = load_meeting(meeting_path, council)
    if not paper_files(meeting):
        return build_agenda(meeting, council)
    try:
        papers = read_papers(meeting, council, template_dir=template_dir, convert=convert)
        counts = count_pages(papers)
    except MissingExtraError as exc:
        agenda = build_agenda(meeting, council)
        return attrs.evolve(agenda, warnings=(*agenda.warnings, str(exc)))
    return build_agenda(meeting, council, page_counts=counts, pack=True)


def make_packs(
    meeting_path: str | Path,
    council: Council | None = None,
    *,
    template_dir: Path | None = None,
    convert: Callable[[Path], bytes] = docx_to_pdf,
) -> Packs:
    """The public pack (and the restricted one) of a meeting file; see the module docstring.

    The council is the workspace's council.toml unless given. Problems in the meeting file
    raise DefinitionError; a paper that cannot be read or converted, MeetingsError naming it.
    """
    if council is None:
        from meetings.definitions import load_council  # noqa: PLC0415 - avoids a cycle

        council = load_council(find_council(meeting_path))
    meeting = load_meeting(meeting_path, council)
    return bind_packs(meeting, council, template_dir=template_dir, convert=convert)


def bind_packs(
    meeting: MeetingFile,
    council: Council,
    *,
    template_dir: Path | None = None,
    convert: Callable[[Path], bytes] = docx_to_pdf,
    restricted: bool = True,
) -> Packs:
    """The packs of a meeting file already read (`make_packs`); with `restricted=False` the
    public pack only, the restricted one neither printed nor bound (None; the exempt papers
    are still read, for the agenda's page numbers)."""
    papers = open_papers(read_papers(meeting, council, template_dir=template_dir, convert=convert))
    agenda = build_agenda(meeting, council, page_counts=count_pages(papers), pack=True)
    plan = plan_pack(agenda)
    front = render_document(
        "agenda/agenda", {"agenda": agenda, "pack": True}, Format.PDF, template_dir=template_dir
    )
    carrier = printing.font_carrier(binding.STAMP_CHARACTERS)
    public = binding.bind(front, _sections(plan.public, papers), carrier=carrier, title=plan.title)
    bound = None
    if restricted and plan.restricted:
        sheet = render_document(
            "agenda/restricted", {"pack": plan}, Format.PDF, template_dir=template_dir
        )
        bound = binding.bind(
            sheet,
            _sections(plan.restricted, papers, band=RESTRICTED_BAND),
            carrier=carrier,
            title=plan.restricted_title,
            front_label="Part II ",
            front_stamp=binding.Stamp(band=RESTRICTED_BAND),
        )
    return Packs(plan=plan, public=public, restricted=bound, warnings=agenda.warnings)
