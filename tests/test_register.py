"""The SQLite action register: transactions, concurrency, crashes, migration, JSON."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from meetings import register as register_module
from meetings.actions import (
    Action,
    ActionQuery,
    ActionStore,
    Due,
    DueKind,
    Origin,
    StatusChange,
)
from meetings.definitions import load_council
from meetings.errors import RegisterError
from meetings.minutes import load_minutes
from meetings.records import MeetingRecords, Presence, meeting_records
from meetings.register import SCHEMA_VERSION, Register, open_register

DATA = Path(__file__).parent / "data" / "register"
JAN = dt.date(2019, 1, 15)


def make(minute: int, index: int = 1, *, raised: dt.date = JAN) -> Action:
    return Action(
        origin=Origin(
            body="change-management", raised=raised, minute=minute, title=f"Item {minute}"
        ),
        index=index,
        details=f"Action {index} from minute {minute}",
        due=Due.month(2019, 3),
        officers=("SaBa", "KaPo"),
        history=(StatusChange(day=raised, status="Not Started", note="raised"),),
    )


@pytest.fixture
def register(tmp_path: Path) -> Iterator[Register]:
    with open_register(workspace=tmp_path) as reg:
        yield reg


def test_new_register_is_current_wal_and_an_action_store(
    register: Register, tmp_path: Path
) -> None:
    assert register.path == tmp_path / "actions.sqlite"
    assert register.schema_version == SCHEMA_VERSION
    assert isinstance(register, ActionStore)
    con = sqlite3.connect(register.path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()


def test_add_is_idempotent_by_natural_key(register: Register) -> None:
    added = register.add([make(17), make(18)])
    assert [a.id for a in added] == [1, 2]
    assert added[0].officers == ("SaBa", "KaPo")
    assert register.add([make(17), make(18), make(18, 2)]) == (register.get(3),)
    assert len(register) == 3
    assert register.get(1) == added[0]


def test_update_appends_history(register: Register) -> None:
    register.add([make(17)])
    action = register.update(1, status="Completed", day=dt.date(2019, 3, 1), note="done")
    assert action.status == "Completed"
    assert [c.status for c in action.history] == ["Not Started", "Completed"]
    with pytest.raises(RegisterError, match="no action 5"):
        register.update(5, status="Completed", day=dt.date(2019, 3, 1))
    with pytest.raises(RegisterError, match="earlier than its last change"):
        register.update(1, status="Ongoing", day=dt.date(2019, 2, 1))
    assert len(register.get(1).history) == 2


def test_find_filters(register: Register) -> None:
    register.add([make(17), make(18), make(3, raised=dt.date(2019, 3, 5))])
    register.update(2, status="Completed", day=dt.date(2019, 2, 1))
    assert [a.id for a in register.find(ActionQuery(open_only=True))] == [1, 3]
    assert [a.id for a in register.find(ActionQuery(body="nothing"))] == []
    late = ActionQuery(overdue=True, today=dt.date(2019, 4, 1), officer="KaPo")
    assert [a.id for a in register.find(late)] == [1, 3]


def test_a_failed_import_changes_nothing(register: Register) -> None:
    register.add([make(1)])

    def crashing() -> Iterator[Action]:
        for minute in range(10, 20):
            if minute == 15:
                raise RuntimeError("injected failure after five rows")
            yield make(minute)

    with pytest.raises(RuntimeError, match="injected"):
        register.add(crashing())
    assert len(register) == 1
    assert [a.origin.minute for a in register.find()] == [1]


def test_a_killed_import_leaves_nothing_half_written(tmp_path: Path) -> None:
    path = tmp_path / "actions.sqlite"
    with Register(path) as reg:
        reg.add([make(1)])
    # The child dies (no clean-up, no rollback) in the middle of a transaction.
    child = textwrap.dedent(
        f"""
        import datetime as dt, os
        from meetings.actions import Action, Due, Origin
        from meetings.register import Register

        def rows():
            for minute in range(10, 40):
                if minute == 25:
                    os._exit(9)
                yield Action(
                    origin=Origin(body="b", raised=dt.date(2019, 1, 15), minute=minute, title="t"),
                    index=1, details="d", due=Due.ongoing())

        Register({str(path)!r}).add(rows())
        """
    )
    done = subprocess.run([sys.executable, "-c", child], check=False, timeout=120)
    assert done.returncode == 9
    with Register(path) as reg:
        assert [a.origin.minute for a in reg.find()] == [1]


def test_two_processes_updating_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "actions.sqlite"
    with Register(path) as reg:
        reg.add([make(17), make(18)])
    n = 200
    worker = textwrap.dedent(
        """
        import datetime as dt, sys
        from meetings.register import Register

        name, n = sys.argv[1], int(sys.argv[2])
        with Register(sys.argv[3]) as reg:
            for i in range(n):
                reg.update(1 + i % 2, status="Ongoing", day=dt.date(2019, 2, 1), note=f"{name}-{i}")
        """
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", worker, name, str(n), str(path)])
        for name in ("a", "b")
    ]
    assert [p.wait(timeout=300) for p in procs] == [0, 0]
    with Register(path) as reg:
        notes = [c.note for a in reg.find() for c in a.history[1:]]
    assert len(notes) == 2 * n
    assert sorted(notes) == sorted(f"{w}-{i}" for w in "ab" for i in range(n))


def test_a_reader_lists_while_another_connection_holds_the_write_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "actions.sqlite"
    with Register(path) as reg:
        reg.add([make(17), make(18)])
    # A short busy timeout: a reader that queued for the write lock would fail, not wait.
    monkeypatch.setattr(register_module, "BUSY_TIMEOUT_SECONDS", 0.2)
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute(
        "INSERT INTO history (action_id, day, status, note)"
        " VALUES (1, '2019-03-05', 'Completed', '')"
    )
    try:
        started = time.monotonic()
        with Register(path) as reader:
            # The uncommitted change is not seen: the reader has the last committed snapshot.
            assert [a.status for a in reader.find(ActionQuery(open_only=True))] == [
                "Not Started",
                "Not Started",
            ]
            assert reader.get(1).status == "Not Started"
            assert "Completed" not in reader.export_json()
            with pytest.raises(RegisterError, match="busy or locked"):
                reader.update(2, status="Ongoing", day=JAN)  # a second writer does wait
        assert time.monotonic() - started < 5
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_migrates_a_version_1_register(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(path)
    con.executescript((DATA / "v1.sql").read_text(encoding="utf-8"))
    con.close()
    with Register(path) as reg:
        assert reg.schema_version == SCHEMA_VERSION
        first, second, third = reg.find()
    assert first.key == "change-management/2019-01-15/17/1"
    assert first.due == Due.month(2019, 3)
    assert first.status == "On Target to Complete"
    assert first.history[1].note == "support session booked"
    assert second.due.kind is DueKind.ONGOING
    assert third.officers == ("SaBa", "StTu")
    assert third.due == Due.on(dt.date(2018, 9, 30))
    assert third.history[0].note == ""
    # Migrated once: opening again changes nothing, and new actions get fresh ids.
    with Register(path) as reg:
        assert len(reg) == 3
        assert reg.add([make(20)])[0].id == 4


def test_a_newer_register_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(RegisterError, match="newer than this version"):
        Register(path)


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite"
    path.write_text("this is not SQLite " * 100)
    with pytest.raises(RegisterError, match="cannot open the action register"):
        Register(path)


def test_json_export_and_load_round_trip(register: Register, tmp_path: Path) -> None:
    register.add([make(17), make(18)])
    register.update(2, status="Completed", day=dt.date(2019, 3, 1), note="in the bulletin")
    text = register.export_json()
    assert json.loads(text)["schema"] == SCHEMA_VERSION
    with Register(tmp_path / "copy.sqlite") as copy:
        assert copy.import_json(text) == (2, 0)
        assert copy.import_json(text) == (0, 2)  # loading twice adds nothing
        assert copy.export_json() == text
        assert copy.find() == register.find()


def test_bad_json_loads_nothing(register: Register) -> None:
    good = make(17).to_dict()
    with pytest.raises(RegisterError, match=r"actions\[1\]: due"):
        register.import_json(
            json.dumps({"actions": [good, {**good, "key": "x", "index": 2, "due": 5}]}),
        )
    with pytest.raises(RegisterError, match="not valid JSON"):
        register.import_json("{")
    assert len(register) == 0


def test_actions_from_other_sources(register: Register) -> None:
    # Seed 001: an assessment's area for improvement, referencing standard element 4.1.2.
    action = Action(
        origin=Origin(reference="4.1.2", title="Timeliness of service", raised=dt.date(2024, 1, 9)),
        index=1,
        details="Consider how the targets for timeliness of service can be achieved.",
        due=Due.month(2024, 6),
        officers=("StTu",),
        history=(StatusChange(day=dt.date(2024, 1, 9), status="Not Started"),),
    )
    stored = register.add([action, action])
    assert len(stored) == 1
    assert stored[0].origin.label() == "4.1.2 - Timeliness of service"
    assert stored[0].key == "source:4.1.2/2024-01-09/1"
    assert register.find(ActionQuery(body="change-management")) == ()


def test_two_processes_importing_the_same_actions_add_them_once(tmp_path: Path) -> None:
    path = tmp_path / "actions.sqlite"
    Register(path).close()
    worker = textwrap.dedent(
        """
        import datetime as dt, sys
        from meetings.actions import Action, Due, Origin
        from meetings.register import Register

        with Register(sys.argv[1]) as reg:
            for minute in range(1, 101):
                reg.add([Action(origin=Origin(body="b", raised=dt.date(2019, 1, 15),
                    minute=minute, title="t"), index=1, details="d", due=Due.ongoing())])
        """
    )
    procs = [subprocess.Popen([sys.executable, "-c", worker, str(path)]) for _ in range(2)]
    assert [p.wait(timeout=300) for p in procs] == [0, 0]
    with Register(path) as reg:
        assert sorted(a.origin.minute or 0 for a in reg.find()) == list(range(1, 101))


# -- the records of minuted meetings (schema 3) -------------------------------------------------

EXAMPLE = Path(__file__).parent.parent / "examples" / "oadby-wigston"


def _example_records() -> MeetingRecords:
    council = load_council(EXAMPLE / "council.toml")
    minutes = load_minutes(EXAMPLE / "meetings" / "2019-01-15-change-management.toml", council)
    return meeting_records(minutes, calendar=council.working_calendar(2019), council=council)


def _dump(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def test_importing_the_same_minutes_twice_changes_nothing(register: Register) -> None:
    records = _example_records()
    first = register.import_meeting(records)
    assert first.actions_added == 2
    assert first.decisions == "added"
    assert first.attendance == "added"
    assert first.changed
    before = _dump(register.path)
    again = register.import_meeting(records)
    assert not again.changed
    assert (again.decisions, again.attendance, again.declarations) == ("unchanged",) * 3
    assert _dump(register.path) == before
    assert len(register.decisions()) == 7
    assert len(register.attendance()) == 9
    assert register.minuted() == (("change-management", dt.date(2019, 1, 15)),)


def test_corrected_minutes_replace_that_meetings_records(register: Register) -> None:
    records = _example_records()
    register.import_meeting(records)
    register.update(1, status="Completed", day=dt.date(2019, 3, 1))
    darr = next(a for a in records.attendance if a.member == "M L Darr")
    fixed = attrs.evolve(darr, presence=Presence.ABSENT)
    corrected = attrs.evolve(
        records,
        attendance=tuple(fixed if a is darr else a for a in records.attendance),
    )
    result = register.import_meeting(corrected)
    assert (result.attendance, result.decisions, result.actions_added) == (
        "replaced",
        "unchanged",
        0,
    )
    assert {a.member: a.presence for a in register.attendance()}["M L Darr"] is Presence.ABSENT
    assert register.get(1).status == "Completed"  # actions keep their history


def test_a_failed_meeting_import_changes_nothing(
    register: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = _example_records()
    before = _dump(register.path)

    def broken(_: object) -> tuple[object, ...]:
        raise sqlite3.OperationalError("disk I/O error")

    # Fails after the actions, the meeting and its decisions are written.
    monkeypatch.setattr(register_module, "_attendance_row", broken)
    with pytest.raises(RegisterError, match="disk I/O error; nothing was changed"):
        register.import_meeting(records)
    assert _dump(register.path) == before
    assert len(register) == 0
    assert register.decisions() == ()
    assert register.minuted() == ()
    monkeypatch.undo()
    assert register.import_meeting(records).actions_added == 2


def test_a_version_2_register_gains_the_record_tables(tmp_path: Path) -> None:
    path = tmp_path / "v2.sqlite"
    con = sqlite3.connect(path)
    for statement in register_module._SCHEMA_V2.split(";"):
        if statement.strip():
            con.execute(statement)
    con.execute(
        "INSERT INTO actions (id, key, body, raised, minute, reference, title, idx, details, due)"
        " VALUES (1, 'change-management/2019-01-15/17/1', 'change-management', '2019-01-15',"
        " 17, NULL, 'Paperless', 1, 'Support', 'month:2019-03')"
    )
    con.execute("PRAGMA user_version = 2")
    con.commit()
    con.close()
    with Register(path) as register:
        assert register.schema_version == SCHEMA_VERSION == 3
        assert register.get(1).details == "Support"
        assert register.decisions() == ()
        register.import_meeting(_example_records())
        assert len(register) == 2  # the action already there is kept, the other added
