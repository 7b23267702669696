"""Actions: due-date forms, overdue derivation, the store protocol and the action list."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetings.actions import (
    CLOSED_STATUSES,
    Action,
    ActionQuery,
    ActionStore,
    Due,
    DueKind,
    MemoryStore,
    Origin,
    StatusChange,
    action_list,
    actions_json,
    actions_table,
    add_action,
    check_status,
    closing_statuses,
)
from meetings.dates import WorkingCalendar
from meetings.errors import RegisterError

BODY = "change-management"
# Change Management Committee meetings (seed 000 and its draft 2019/20 schedule).
JAN, MAR, JUN, SEP = (
    dt.date(2019, 1, 15),
    dt.date(2019, 3, 5),
    dt.date(2019, 6, 13),
    dt.date(2019, 9, 12),
)


def make(
    raised: dt.date,
    minute: int,
    *,
    index: int = 1,
    due: Due | None = None,
    history: tuple[tuple[dt.date, str], ...] = (),
    officers: tuple[str, ...] = ("SaBa",),
    body: str = BODY,
) -> Action:
    return Action(
        origin=Origin(body=body, raised=raised, minute=minute, title=f"Item {minute}"),
        index=index,
        details=f"Do the thing from minute {minute}",
        due=due or Due.ongoing(),
        officers=officers,
        history=tuple(StatusChange(day=d, status=s) for d, s in history)
        or (StatusChange(day=raised, status="Not Started"),),
    )


# -- due dates ------------------------------------------------------------------------------


def test_due_forms_parse_and_label() -> None:
    assert Due.parse(dt.date(2019, 3, 5)).label() == "5 March 2019"
    month = Due.parse("2019-03")
    assert (month.kind, month.label(), month.deadline) == (
        DueKind.MONTH,
        "Mar-19",
        dt.date(2019, 3, 31),
    )
    assert Due.parse("Ongoing").label() == "Ongoing"
    assert Due.parse("next meeting").label() == "Next meeting"
    assert Due.parse("next meeting", next_meeting=MAR).label() == "Next meeting (5 March 2019)"


def test_due_in_working_days_skips_the_bank_holiday() -> None:
    # Seeds 001/004: reply within 10 working days. From Mon 29 April 2019 the count skips the
    # early May bank holiday (Mon 6 May 2019), so the reply is due on Tue 14 May 2019.
    calendar = WorkingCalendar(nation="england")
    due = Due.parse({"working_days": 10, "from": dt.date(2019, 4, 29)}, calendar=calendar)
    assert due.deadline == dt.date(2019, 5, 14)
    assert due.label() == "14 May 2019 (10 working days from 29 April 2019)"
    with pytest.raises(ValueError, match="working calendar"):
        Due.parse({"working_days": 10, "from": dt.date(2019, 4, 29)})


@pytest.mark.parametrize("bad", ["soon", "2019-13", 12, {"working_days": -1, "from": JAN}])
def test_bad_due_names_the_valid_forms(bad: object) -> None:
    with pytest.raises(ValueError, match="valid: a date"):
        Due.parse(bad, calendar=WorkingCalendar(nation="england"))


@settings(max_examples=60)
@given(
    st.one_of(
        st.dates().map(Due.on),
        st.dates().map(lambda d: Due.month(d.year, d.month)),
        st.just(Due.ongoing()),
        st.one_of(st.none(), st.dates()).map(Due.next_meeting),
        st.builds(
            lambda a, b, n: Due(kind=DueKind.WORKING_DAYS, start=a, day=b, working_days=n),
            st.dates(),
            st.dates(),
            st.integers(0, 400),
        ),
    )
)
def test_due_token_round_trips(due: Due) -> None:
    assert Due.from_token(due.token()) == due


# -- overdue ----------------------------------------------------------------------------------


def test_overdue_is_derived_from_due_date_and_today() -> None:
    action = make(JAN, 17, due=Due.month(2019, 3))
    assert not action.is_overdue(dt.date(2019, 3, 31))  # "Due by Mar-19": all of March
    assert action.is_overdue(dt.date(2019, 4, 1))
    done = action.with_status("Completed", dt.date(2019, 3, 20))
    assert not done.is_overdue(dt.date(2019, 4, 1))
    assert not make(JAN, 18, due=Due.ongoing()).is_overdue(dt.date(2030, 1, 1))
    assert not make(JAN, 18, due=Due.next_meeting()).is_overdue(dt.date(2030, 1, 1))
    assert make(JAN, 18, due=Due.next_meeting(MAR)).is_overdue(dt.date(2019, 3, 6))
    exact = make(JAN, 16, due=Due.on(MAR))
    assert (exact.is_overdue(MAR), exact.is_overdue(MAR + dt.timedelta(days=1))) == (False, True)


def test_status_history_and_its_order() -> None:
    action = make(JAN, 17).with_status("On Target to Complete", dt.date(2019, 2, 1), "booked")
    assert action.status == "On Target to Complete"
    assert action.status_on(dt.date(2019, 1, 31)) == "Not Started"
    assert action.status_on(dt.date(2019, 1, 14)) is None
    with pytest.raises(RegisterError, match="earlier than its last change"):
        action.with_status("Completed", dt.date(2019, 1, 20))


def test_status_vocabulary() -> None:
    assert check_status("on target to complete") == "On Target to Complete"
    with pytest.raises(ValueError, match="valid: Not Started, On Target to Complete"):
        check_status("Done")
    assert check_status("Parked", ("Open", "Parked")) == "Parked"


# -- the store protocol -------------------------------------------------------------------------


def test_memory_store_is_an_action_store_and_adds_by_natural_key() -> None:
    store = MemoryStore()
    assert isinstance(store, ActionStore)
    first = store.add([make(JAN, 17), make(JAN, 18)])
    again = store.add([make(JAN, 17), make(JAN, 18)])
    assert [a.id for a in first] == [1, 2]
    assert again == ()
    updated = store.update(1, status="Completed", day=MAR, note="done")
    assert updated.history[-1] == StatusChange(day=MAR, status="Completed", note="done")
    assert [a.id for a in store.find(ActionQuery(open_only=True))] == [2]
    with pytest.raises(RegisterError, match="no action 9"):
        store.get(9)


def test_memory_store_add_is_all_or_nothing() -> None:
    store = MemoryStore([make(JAN, 17)])

    def failing() -> object:
        yield make(JAN, 18)
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        store.add(failing())  # type: ignore[arg-type]
    assert len(store.find()) == 1


def test_query_filters() -> None:
    store = MemoryStore(
        [
            make(JAN, 17, due=Due.month(2019, 3), officers=("SaBa",)),
            make(JAN, 18, officers=("KaPo",)),
            make(MAR, 5, officers=("SaBa", "StTu"), body="service-delivery"),
        ]
    )
    assert [a.origin.minute for a in store.find(ActionQuery(officer="SaBa"))] == [17, 5]
    assert [a.origin.minute for a in store.find(ActionQuery(body=BODY))] == [17, 18]
    overdue = ActionQuery(overdue=True, today=dt.date(2019, 4, 2))
    assert [a.origin.minute for a in store.find(overdue)] == [17]
    with pytest.raises(RegisterError, match="today"):
        store.find(ActionQuery(overdue=True))


def test_list_outputs() -> None:
    actions = [make(JAN, 17, due=Due.month(2019, 3))]
    table = actions_table(actions, dt.date(2019, 4, 2))
    assert "| 17\\. - Item 17 |" in table  # a leading "17." is escaped: it would start a list
    assert "Not Started (Overdue)" in table
    assert '"overdue": true' in actions_json(actions, dt.date(2019, 4, 2))


# -- the action list ----------------------------------------------------------------------------


def _rows(
    actions: list[Action],
    meeting: dt.date,
    previous: dt.date,
    today: dt.date,
    closed: frozenset[str] = CLOSED_STATUSES,
) -> list[tuple[int | None, str, bool]]:
    listing = action_list(
        actions,
        body=BODY,
        body_name="Change Management Committee",
        meeting=meeting,
        previous=previous,
        today=today,
        closed=closed,
    )
    return [(r.action.origin.minute, r.status, r.carried_forward) for r in listing.rows]


def test_carry_forward_over_three_meetings() -> None:
    open_ = make(JAN, 17)
    done_between = make(JAN, 18, history=((JAN, "Ongoing"), (dt.date(2019, 4, 1), "Completed")))
    raised_mar = make(MAR, 4, history=((MAR, "Not Started"), (dt.date(2019, 3, 10), "Completed")))
    raised_jun = make(JUN, 3)
    other_body = make(JAN, 2, body="service-delivery")
    actions = [raised_jun, open_, done_between, raised_mar, other_body]

    # 5 March: what arose on 15 January, as things stood on the day the list was printed.
    assert _rows(actions, MAR, JAN, dt.date(2019, 2, 25)) == [
        (17, "Not Started", False),
        (18, "Ongoing", False),
    ]
    # 13 June: March's actions, plus January's still open, plus January's completed since
    # the last meeting (shown once).
    assert _rows(actions, JUN, MAR, dt.date(2019, 6, 5)) == [
        (17, "Not Started", True),
        (18, "Completed", True),
        (4, "Completed", False),
    ]
    # 12 September: completed actions have been reported and are dropped.
    assert _rows(actions, SEP, JUN, dt.date(2019, 9, 3)) == [
        (17, "Not Started", True),
        (3, "Not Started", False),
    ]


def test_carry_forward_with_a_council_vocabulary() -> None:
    # A council whose statuses are Open, In Hand and Done: "Done" closes an action.
    vocabulary = ("Open", "In Hand", "Done")
    closed = closing_statuses(vocabulary)
    assert closed == {"Done"}

    def own(raised: dt.date, minute: int, *changes: tuple[dt.date, str]) -> Action:
        return make(raised, minute, history=((raised, "Open"), *changes))

    actions = [
        own(JAN, 17),
        own(JAN, 18, (dt.date(2019, 2, 1), "In Hand"), (dt.date(2019, 4, 1), "Done")),
        own(MAR, 4, (dt.date(2019, 3, 10), "Done")),
        own(JUN, 3, (dt.date(2019, 7, 1), "In Hand")),
    ]
    assert _rows(actions, JUN, MAR, dt.date(2019, 6, 5), closed) == [
        (17, "Open", True),
        (18, "Done", True),  # closed since the last meeting: shown once
        (4, "Done", False),
    ]
    assert _rows(actions, SEP, JUN, dt.date(2019, 9, 3), closed) == [
        (17, "Open", True),
        (3, "In Hand", False),
    ]
    # With the default closing statuses nothing of this vocabulary would ever close.
    assert len(_rows(actions, SEP, JUN, dt.date(2019, 9, 3))) == 4
    query = ActionQuery(open_only=True, closed=closed)
    assert [a.origin.minute for a in MemoryStore(actions).find(query)] == [17, 3]


def test_closing_statuses() -> None:
    assert closing_statuses() == CLOSED_STATUSES
    assert closing_statuses(("Open", "Completed", "Dropped")) == {"Completed"}
    assert closing_statuses(("Open", "Done", "Dropped"), ["done", "Dropped"]) == {
        "Done",
        "Dropped",
    }
    with pytest.raises(ValueError, match="unknown status 'Closed'; valid: Open, Done"):
        closing_statuses(("Open", "Done"), ["Closed"])
    with pytest.raises(ValueError, match="no status closes an action"):
        closing_statuses(("Open", "Done"), [])
    with pytest.raises(ValueError, match=r"Superseded \(did you mean 'Completed'\?\)$"):
        check_status("Complete")


def test_list_printed_again_later_reads_as_it_did() -> None:
    action = make(JAN, 17).with_status("Completed", dt.date(2019, 4, 1))
    # Reprinting the 5 March list in 2020 shows the status it had on 5 March.
    assert _rows([action], MAR, JAN, dt.date(2020, 1, 1)) == [(17, "Not Started", False)]


def test_list_marks_overdue_rows() -> None:
    late = make(JAN, 17, due=Due.on(dt.date(2019, 2, 1)))
    listing = action_list(
        [late],
        body=BODY,
        body_name="Change Management Committee",
        meeting=MAR,
        previous=JAN,
        today=dt.date(2019, 2, 25),
    )
    assert listing.rows[0].overdue
    assert listing.as_of == dt.date(2019, 2, 25)


_MEETINGS = [JAN, MAR, JUN, SEP, dt.date(2019, 11, 28), dt.date(2020, 1, 14)]


@st.composite
def histories(draw: st.DrawFn) -> Action:
    raised_at = draw(st.integers(0, len(_MEETINGS) - 1))
    raised = _MEETINGS[raised_at]
    changes = [(raised, "Not Started")]
    for _ in range(draw(st.integers(0, 3))):
        last = changes[-1][0]
        # Often exactly on a meeting day: the edge between one list and the next.
        later = [m for m in _MEETINGS if m >= last]
        on_a_meeting_day: bool = draw(st.booleans())
        if later and on_a_meeting_day:
            day = draw(st.sampled_from(later))
        else:
            day = last + dt.timedelta(days=draw(st.integers(0, 120)))
        changes.append((day, draw(st.sampled_from(["Ongoing", "Completed", "Superseded"]))))
    return make(raised, draw(st.integers(1, 30)), history=tuple(changes))


@settings(max_examples=80)
@given(st.lists(histories(), max_size=12), st.integers(1, len(_MEETINGS) - 1))
def test_action_list_invariants(actions: list[Action], at: int) -> None:
    meeting, previous = _MEETINGS[at], _MEETINGS[at - 1]
    # Give every action its own natural key, as a store would.
    actions = [attrs.evolve(a, index=i) for i, a in enumerate(actions)]
    listing = action_list(
        actions,
        body=BODY,
        body_name="Change Management Committee",
        meeting=meeting,
        previous=previous,
        today=meeting,
    )
    shown = {r.action.index: r for r in listing.rows}
    for a in actions:
        status = a.status_on(listing.as_of)
        if a.origin.raised > previous:
            assert a.index not in shown  # not yet arisen
        elif a.origin.raised == previous:
            assert shown[a.index].status == status  # everything from the previous meeting
        elif status not in CLOSED_STATUSES:
            assert shown[a.index].carried_forward  # earlier and still open: carried forward
    # A closed action shows on one list only (unless it is reopened and closed again later).
    for a in actions:
        reopened = any(c.day > listing.as_of and c.status not in CLOSED_STATUSES for c in a.history)
        if (
            a.origin.raised < previous
            and a.index in shown
            and shown[a.index].status in CLOSED_STATUSES
            and not reopened
        ):
            later = action_list(
                [a],
                body=BODY,
                body_name="Change Management Committee",
                meeting=_MEETINGS[at + 1]
                if at + 1 < len(_MEETINGS)
                else meeting + dt.timedelta(60),
                previous=meeting,
                today=dt.date(2030, 1, 1),
            )
            assert not later.rows or later.rows[0].status not in CLOSED_STATUSES
    assert [r.number for r in listing.rows] == list(range(1, len(listing.rows) + 1))


def test_due_from_command_line_text() -> None:
    calendar = WorkingCalendar(nation="england")
    assert Due.parse("2019-03-05") == Due.on(MAR)
    assert Due.parse("10 working days", calendar=calendar, start=dt.date(2019, 4, 29)) == (
        Due.after_working_days(dt.date(2019, 4, 29), 10, calendar)
    )
    with pytest.raises(ValueError, match="needs the date to count from"):
        Due.parse("10 working days", calendar=calendar)


def test_add_action_takes_the_next_index() -> None:
    store = MemoryStore()
    origin = Origin(reference="4.1.2", title="Timeliness of service", raised=dt.date(2024, 1, 9))
    first = add_action(store, origin=origin, details="a", due=Due.ongoing(), officers=["StTu"])
    second = add_action(store, origin=origin, details="b", due=Due.ongoing())
    assert (first.index, second.index) == (1, 2)
    assert first.key == "source:4.1.2/2024-01-09/1"
    assert first.history == (StatusChange(day=dt.date(2024, 1, 9), status="Not Started"),)
