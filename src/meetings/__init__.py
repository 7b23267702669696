"""meetings: plan, publish and paper the meetings of a UK council.

The public API, grouped by layer, lowest first (docs/architecture.md). A name is imported
from its module on first use, so `import meetings` is cheap and a tool that wants only
`latest_publication_date` loads only the calendar layer.
"""

from __future__ import annotations

import importlib
import warnings
from typing import TYPE_CHECKING, Any

# module -> the names it exports, by layer
_EXPORTS: dict[str, tuple[str, ...]] = {
    # errors
    "errors": (
        "CalendarError",
        "DefinitionError",
        "MeetingsError",
        "MissingExtraError",
        "RegisterError",
        "RenderError",
        "ScheduleError",
    ),
    "files": ("write_atomic",),
    "text": ("csv_cell", "md_text"),
    # calendar: working and clear days, deadlines, elections, closures, the municipal year
    "dates": (
        "DayCount",
        "Deadline",
        "FinancialQuarter",
        "MeetingDeadlines",
        "MunicipalYear",
        "Nation",
        "NoticeRules",
        "ReportingRule",
        "ReportingWindow",
        "WorkingCalendar",
        "AnnualMeetingWindow",
        "ExecutiveRoute",
        "clear_days_between",
        "general_exception",
        "special_urgency",
        "latest_publication_date",
        "meeting_deadlines",
        "ordinary_poll_day",
        "reporting_windows",
    ),
    "statutes": (
        "CouncilKind",
        "LocalClearDays",
        "RetirementReading",
        "rule_for",
        "rules_in_force",
        "rules_table",
    ),
    "elections": (
        "ParliamentaryTimetable",
        "Poll",
        "PollKind",
        "PreElectionPeriod",
        "notice_of_election_deadline",
    ),
    "closures": ("Period", "christmas_shutdown", "read_calendar"),
    "ics": ("FeedEvent", "read_feed"),
    # council: people, bodies, the council file and its schedule rules
    "people": ("Person", "councillors", "join_names", "officer_code"),
    "committee": (
        "Body",
        "BodyKind",
        "Clash",
        "Contact",
        "Council",
        "MeetingDefaults",
        "Membership",
        "MinuteNumbering",
        "Officer",
        "ProceduralItem",
        "QuorumRule",
        "Role",
        "SubstitutionDeadline",
        "Venue",
        "Weekday",
    ),
    "rules": ("ClashRule", "ScheduleRules", "Severity"),
    "definitions": ("council_to_toml", "load_council", "loads_council"),
    # planning: the schedule model, the planner, the check
    "schedule": (
        "Breach",
        "Meeting",
        "MeetingStatus",
        "Schedule",
        "schedule_json",
        "schedule_report",
    ),
    "planner": ("plan_schedule", "planned_deadlines"),
    "check": ("check_schedule",),
    # papers: agendas, minutes, actions and their register
    "agenda": (
        "Agenda",
        "AgendaEntry",
        "AgendaItem",
        "ItemKind",
        "MeetingFile",
        "PageRange",
        "agenda_for",
        "allocate_pages",
        "build_agenda",
        "exclusion_resolution",
        "load_meeting",
        "notice_warnings",
    ),
    "minutes": ("Minutes", "action_list_for", "load_minutes", "record_actions"),
    "actions": (
        "Action",
        "ActionList",
        "ActionQuery",
        "ActionStore",
        "Due",
        "DueKind",
        "MemoryStore",
        "Origin",
        "StatusChange",
        "action_list",
        "closing_statuses",
    ),
    "register": ("Register", "open_register"),
    "decisions": ("DecisionQuery", "DecisionRecord", "DecisionRules", "decision_records"),
    "forwardplan": ("ForwardPlan", "check_plan", "load_forward_plan"),
    "records": (
        "AttendanceRecord",
        "AttendanceSummary",
        "DeclarationRecord",
        "MeetingRecords",
        "RecordStore",
        "attendance_summary",
        "meeting_records",
    ),
    "pack": ("Pack", "plan_pack"),
    "report": ("Report", "load_report"),
    # publishing: feeds, tables and grids, packs, the site, CalDAV
    "ical": ("periods_to_ical", "to_ical"),
    "timetable": ("load_schedule", "render_grid", "render_table", "to_csv"),
    "assembly": ("Packs", "make_packs"),
    "website": ("Publication", "build_site", "write_site"),
    "publication": ("publish_caldav",),
}

# Exported until 0.2, no longer public: the command line's helpers (CHANGELOG.md).
_DEPRECATED = {
    "Neighbours": "agenda",
    "find_council": "agenda",
    "folder_notice_warnings": "agenda",
    "neighbours": "agenda",
}

_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = ["__version__", *_MODULE_OF]  # noqa: PLE0604 - type checkers read the re-exports below


if not TYPE_CHECKING:  # hidden from type checkers, which would then accept any name

    def __getattr__(name: str) -> Any:
        if name == "__version__":
            from importlib.metadata import version  # noqa: PLC0415 - only when asked

            return version("meetings")
        module = _MODULE_OF.get(name) or _DEPRECATED.get(name)
        if module is None:
            raise AttributeError(f"module 'meetings' has no attribute {name!r}")
        if name in _DEPRECATED:
            warnings.warn(
                f"meetings.{name} is deprecated; import it from meetings.{module}",
                DeprecationWarning,
                stacklevel=2,
            )
        value = getattr(importlib.import_module(f"meetings.{module}"), name)
        if name not in _DEPRECATED:
            globals()[name] = value  # the next look-up is a plain attribute
        return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:  # the same names for type checkers (`X as X`: an explicit re-export)
    from meetings.actions import Action as Action
    from meetings.actions import ActionList as ActionList
    from meetings.actions import ActionQuery as ActionQuery
    from meetings.actions import ActionStore as ActionStore
    from meetings.actions import Due as Due
    from meetings.actions import DueKind as DueKind
    from meetings.actions import MemoryStore as MemoryStore
    from meetings.actions import Origin as Origin
    from meetings.actions import StatusChange as StatusChange
    from meetings.actions import action_list as action_list
    from meetings.actions import closing_statuses as closing_statuses
    from meetings.agenda import Agenda as Agenda
    from meetings.agenda import AgendaEntry as AgendaEntry
    from meetings.agenda import AgendaItem as AgendaItem
    from meetings.agenda import ItemKind as ItemKind
    from meetings.agenda import MeetingFile as MeetingFile
    from meetings.agenda import PageRange as PageRange
    from meetings.agenda import agenda_for as agenda_for
    from meetings.agenda import allocate_pages as allocate_pages
    from meetings.agenda import build_agenda as build_agenda
    from meetings.agenda import exclusion_resolution as exclusion_resolution
    from meetings.agenda import load_meeting as load_meeting
    from meetings.agenda import notice_warnings as notice_warnings
    from meetings.assembly import Packs as Packs
    from meetings.assembly import make_packs as make_packs
    from meetings.check import check_schedule as check_schedule
    from meetings.closures import Period as Period
    from meetings.closures import christmas_shutdown as christmas_shutdown
    from meetings.closures import read_calendar as read_calendar
    from meetings.committee import Body as Body
    from meetings.committee import BodyKind as BodyKind
    from meetings.committee import Clash as Clash
    from meetings.committee import Contact as Contact
    from meetings.committee import Council as Council
    from meetings.committee import MeetingDefaults as MeetingDefaults
    from meetings.committee import Membership as Membership
    from meetings.committee import MinuteNumbering as MinuteNumbering
    from meetings.committee import Officer as Officer
    from meetings.committee import ProceduralItem as ProceduralItem
    from meetings.committee import QuorumRule as QuorumRule
    from meetings.committee import Role as Role
    from meetings.committee import SubstitutionDeadline as SubstitutionDeadline
    from meetings.committee import Venue as Venue
    from meetings.committee import Weekday as Weekday
    from meetings.dates import AnnualMeetingWindow as AnnualMeetingWindow
    from meetings.dates import DayCount as DayCount
    from meetings.dates import Deadline as Deadline
    from meetings.dates import ExecutiveRoute as ExecutiveRoute
    from meetings.dates import FinancialQuarter as FinancialQuarter
    from meetings.dates import MeetingDeadlines as MeetingDeadlines
    from meetings.dates import MunicipalYear as MunicipalYear
    from meetings.dates import Nation as Nation
    from meetings.dates import NoticeRules as NoticeRules
    from meetings.dates import ReportingRule as ReportingRule
    from meetings.dates import ReportingWindow as ReportingWindow
    from meetings.dates import WorkingCalendar as WorkingCalendar
    from meetings.dates import clear_days_between as clear_days_between
    from meetings.dates import general_exception as general_exception
    from meetings.dates import latest_publication_date as latest_publication_date
    from meetings.dates import meeting_deadlines as meeting_deadlines
    from meetings.dates import ordinary_poll_day as ordinary_poll_day
    from meetings.dates import reporting_windows as reporting_windows
    from meetings.dates import special_urgency as special_urgency
    from meetings.decisions import DecisionQuery as DecisionQuery
    from meetings.decisions import DecisionRecord as DecisionRecord
    from meetings.decisions import DecisionRules as DecisionRules
    from meetings.decisions import decision_records as decision_records
    from meetings.definitions import council_to_toml as council_to_toml
    from meetings.definitions import load_council as load_council
    from meetings.definitions import loads_council as loads_council
    from meetings.elections import ParliamentaryTimetable as ParliamentaryTimetable
    from meetings.elections import Poll as Poll
    from meetings.elections import PollKind as PollKind
    from meetings.elections import PreElectionPeriod as PreElectionPeriod
    from meetings.elections import notice_of_election_deadline as notice_of_election_deadline
    from meetings.errors import CalendarError as CalendarError
    from meetings.errors import DefinitionError as DefinitionError
    from meetings.errors import MeetingsError as MeetingsError
    from meetings.errors import MissingExtraError as MissingExtraError
    from meetings.errors import RegisterError as RegisterError
    from meetings.errors import RenderError as RenderError
    from meetings.errors import ScheduleError as ScheduleError
    from meetings.files import write_atomic as write_atomic
    from meetings.forwardplan import ForwardPlan as ForwardPlan
    from meetings.forwardplan import check_plan as check_plan
    from meetings.forwardplan import load_forward_plan as load_forward_plan
    from meetings.ical import periods_to_ical as periods_to_ical
    from meetings.ical import to_ical as to_ical
    from meetings.ics import FeedEvent as FeedEvent
    from meetings.ics import read_feed as read_feed
    from meetings.minutes import Minutes as Minutes
    from meetings.minutes import action_list_for as action_list_for
    from meetings.minutes import load_minutes as load_minutes
    from meetings.minutes import record_actions as record_actions
    from meetings.pack import Pack as Pack
    from meetings.pack import plan_pack as plan_pack
    from meetings.people import Person as Person
    from meetings.people import councillors as councillors
    from meetings.people import join_names as join_names
    from meetings.people import officer_code as officer_code
    from meetings.planner import plan_schedule as plan_schedule
    from meetings.planner import planned_deadlines as planned_deadlines
    from meetings.publication import publish_caldav as publish_caldav
    from meetings.records import AttendanceRecord as AttendanceRecord
    from meetings.records import AttendanceSummary as AttendanceSummary
    from meetings.records import DeclarationRecord as DeclarationRecord
    from meetings.records import MeetingRecords as MeetingRecords
    from meetings.records import RecordStore as RecordStore
    from meetings.records import attendance_summary as attendance_summary
    from meetings.records import meeting_records as meeting_records
    from meetings.register import Register as Register
    from meetings.register import open_register as open_register
    from meetings.report import Report as Report
    from meetings.report import load_report as load_report
    from meetings.rules import ClashRule as ClashRule
    from meetings.rules import ScheduleRules as ScheduleRules
    from meetings.rules import Severity as Severity
    from meetings.schedule import Breach as Breach
    from meetings.schedule import Meeting as Meeting
    from meetings.schedule import MeetingStatus as MeetingStatus
    from meetings.schedule import Schedule as Schedule
    from meetings.schedule import schedule_json as schedule_json
    from meetings.schedule import schedule_report as schedule_report
    from meetings.statutes import CouncilKind as CouncilKind
    from meetings.statutes import LocalClearDays as LocalClearDays
    from meetings.statutes import RetirementReading as RetirementReading
    from meetings.statutes import rule_for as rule_for
    from meetings.statutes import rules_in_force as rules_in_force
    from meetings.statutes import rules_table as rules_table
    from meetings.text import csv_cell as csv_cell
    from meetings.text import md_text as md_text
    from meetings.timetable import load_schedule as load_schedule
    from meetings.timetable import render_grid as render_grid
    from meetings.timetable import render_table as render_table
    from meetings.timetable import to_csv as to_csv
    from meetings.website import Publication as Publication
    from meetings.website import build_site as build_site
    from meetings.website import write_site as write_site

    __version__: str
