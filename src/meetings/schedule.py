"""A municipal year's schedule of meetings: the meetings, the rules they break, its JSON."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

import attrs

from meetings._private import Reader
from meetings.closures import Period
from meetings.committee import BodyKind
from meetings.errors import DefinitionError, Problem


class MeetingStatus(enum.StrEnum):
    """Provisional until the annual meeting adopts the schedule (seed 000, para 4.1)."""

    PROVISIONAL = "provisional"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"


class Severity(enum.StrEnum):
    HARD = "hard"  # never broken by a plan; `check` exits 1 when a schedule breaks one
    SOFT = "soft"  # kept "as far as possible" (seed 000, para 3.2) and reported when broken


@attrs.frozen(kw_only=True)
class Meeting:
    """One meeting in the schedule. `uid` names what the meeting is, never its date."""

    uid: str
    body: str
    title: str
    kind: BodyKind
    start: dt.datetime
    end: dt.datetime
    venue: str | None = None  # None is shown as "TBC"
    status: MeetingStatus = MeetingStatus.PROVISIONAL
    reporting_quarter: str | None = None
    reasons: tuple[str, ...] = ()  # why this date: the rules that shaped it

    @property
    def day(self) -> dt.date:
        return self.start.date()

    def to_json(self) -> dict[str, Any]:
        return {
            "uid": self.uid,
            "body": self.body,
            "title": self.title,
            "kind": self.kind.value,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "venue": self.venue,
            "status": self.status.value,
            "reporting_quarter": self.reporting_quarter,
            "reasons": list(self.reasons),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any], *, file: str, key: str) -> Meeting:
        try:
            return cls(
                uid=str(data["uid"]),
                body=str(data["body"]),
                title=str(data.get("title", data["body"])),
                kind=BodyKind(data.get("kind", BodyKind.COMMITTEE.value)),
                start=_aware(data["start"]),
                end=_aware(data["end"]),
                venue=data.get("venue"),
                status=MeetingStatus(data.get("status", MeetingStatus.PROVISIONAL.value)),
                reporting_quarter=data.get("reporting_quarter"),
                reasons=tuple(data.get("reasons", ())),
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise DefinitionError(
                [Problem(file=file, key=key, message=f"not a meeting: {exc!s}")]
            ) from exc


def _aware(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError(f"{text!r} has no UTC offset; expected e.g. 2019-06-13T18:30:00+01:00")
    return value


@attrs.frozen(kw_only=True)
class Breach:
    """A rule a schedule breaks: which, how hard, which meeting, and why."""

    rule: str
    severity: Severity
    uid: str | None
    detail: str

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "uid": self.uid,
            "detail": self.detail,
        }


@attrs.frozen(kw_only=True)
class Schedule:
    """The meetings of one municipal year, in date order, and the rules they break."""

    council: str
    municipal_year: str  # label, "2019/20"
    meetings: tuple[Meeting, ...]
    breaches: tuple[Breach, ...] = ()
    periods: tuple[Period, ...] = ()  # days shown shaded in the grid: holidays, closures, purdah

    def to_json(self) -> dict[str, Any]:
        return {
            "council": self.council,
            "municipal_year": self.municipal_year,
            "meetings": [m.to_json() for m in self.meetings],
            "breaches": [b.to_json() for b in self.breaches],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any], *, file: str) -> Schedule:
        meetings = tuple(
            Meeting.from_json(m, file=file, key=f"meetings[{i}]")
            for i, m in enumerate(data.get("meetings", ()))
        )
        return cls(
            council=str(data.get("council", "")),
            municipal_year=str(data.get("municipal_year", "")),
            meetings=tuple(sorted(meetings, key=lambda m: (m.start, m.uid))),
        )


@attrs.frozen(kw_only=True)
class ScheduleRules:
    """The `[schedule]` table of a council definition: how to plan its municipal year."""

    @classmethod
    def from_reader(
        cls,
        reader: Reader,
        *,
        bodies: Collection[str],
        venues: Collection[str],
        base_dir: Path,
    ) -> ScheduleRules:
        """Read the rules; problems go to `reader.problems` (reported with the rest)."""
        reader.done()
        return cls()
