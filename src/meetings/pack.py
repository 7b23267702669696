"""The agenda pack: which papers go where, in what order, under which page numbers.

Councils publish one document per meeting: the summons and agenda (the front sheet), then each
item's papers in agenda order, pages numbered straight through from the first paper, so the
agenda's "Page Nos." find them. Exempt business (LGA 1972 Sch 12A) never enters that public
pack: its papers go into a separate restricted pack, headed "Part II — not for publication"
with the paragraphs of Schedule 12A they rely on, whose pages continue the numbering (the
agenda's page ranges run through both).

This module plans the packs from an `Agenda` built with real page counts
(`build_agenda(..., page_counts=..., pack=True)`); `meetings.assembly` prints and binds
them. It reads no PDF itself.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from meetings.agenda import (
    EXEMPT_PARAGRAPHS,
    Agenda,
    AgendaEntry,
    MeetingFile,
    PageRange,
    Paper,
    exclusion_resolution,
)
from meetings.text import weekday_date

RESTRICTED_HEADING = "Part II \u2014 not for publication"


def paper_files(meeting: MeetingFile) -> tuple[Paper, ...]:
    """Every paper a meeting file names (standard items' and items'), each once, in order."""
    files: list[Paper] = []
    for override in meeting.standard.values():
        files.extend(override.papers)
    for item in meeting.items:
        files.extend(item.papers)
    return tuple(dict.fromkeys(files))


@attrs.frozen(kw_only=True)
class PackSection:
    """One agenda item's papers in a pack: the pages they fill and how they are marked."""

    number: int  # the agenda item: "Agenda Item 7"
    title: str
    papers: tuple[Paper, ...]
    pages: PageRange

    @property
    def outline(self) -> str:
        """The bookmark: '7. The Council's Corporate Plan (2019-2024)'."""
        return f"{self.number}. {self.title}"

    @property
    def stamp(self) -> str:
        """What the first page of its papers is stamped with."""
        return f"Agenda Item {self.number}"

    def page_numbers(self) -> range:
        return range(self.pages.first, self.pages.last + 1)


@attrs.frozen(kw_only=True)
class Pack:
    """The plan of a meeting's packs: the public one, and the restricted one (if any)."""

    agenda: Agenda
    public: tuple[PackSection, ...]
    restricted: tuple[PackSection, ...]

    @property
    def title(self) -> str:
        """'Change Management Committee, Tuesday 5 March 2019: agenda pack'."""
        return f"{self.agenda.body}, {weekday_date(self.agenda.day)}: agenda pack"

    @property
    def restricted_title(self) -> str:
        return f"{self.title} \u2014 {RESTRICTED_HEADING}"

    @property
    def paragraphs(self) -> tuple[int, ...]:
        """The Schedule 12A paragraphs the restricted pack's items rely on."""
        return tuple(sorted({p for e in self.agenda.private for p in e.exempt}))

    @property
    def resolution(self) -> str:
        """'paragraph(s) 1 and 3 of Part 1 of Schedule 12A'."""
        return exclusion_resolution(self.paragraphs)

    @property
    def paragraph_texts(self) -> tuple[tuple[int, str], ...]:
        """(paragraph, its words in Part 1 of Schedule 12A) for the restricted front sheet."""
        return tuple((p, EXEMPT_PARAGRAPHS[p]) for p in self.paragraphs)

    @property
    def restricted_entries(self) -> tuple[AgendaEntry, ...]:
        return self.agenda.private


def _sections(entries: Iterable[AgendaEntry]) -> tuple[PackSection, ...]:
    return tuple(
        PackSection(number=e.number, title=e.title, papers=e.papers, pages=e.pages)
        for e in entries
        if e.papers and e.pages is not None
    )


def plan_pack(agenda: Agenda) -> Pack:
    """The packs of an agenda whose items' pages were counted from their papers."""
    return Pack(
        agenda=agenda, public=_sections(agenda.public), restricted=_sections(agenda.private)
    )
