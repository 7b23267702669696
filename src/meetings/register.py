"""The council's workspace register: actions, decisions, attendance and declarations in one
SQLite file per council workspace (stdlib sqlite3).

- The schema is versioned with `PRAGMA user_version` and migrated forward on open.
- The journal is WAL, so readers and the writer never wait for each other: opening the file
  takes no lock unless the schema must be created or migrated, and each read runs in one
  deferred (read-only) transaction, so it sees one consistent snapshot.
- Importing a meeting's minutes (`import_meeting`) writes its actions, decisions, attendance
  and declarations in one transaction: all or nothing. Importing the same minutes again
  changes nothing; importing corrected minutes replaces that meeting's records (actions keep
  their history and are only ever added).
- Every change runs in one `BEGIN IMMEDIATE` transaction (the write lock is taken before
  reading, so two processes updating the same action serialise rather than lose an update)
  with a busy timeout; an error part-way rolls the whole change back.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from meetings import guards
from meetings.actions import Action, ActionQuery, Due, Origin, StatusChange
from meetings.decisions import (
    DecisionQuery,
    DecisionRecord,
    NoticeRoute,
    iso_day,
    optional_day,
)
from meetings.errors import MeetingsError, RegisterError
from meetings.records import (
    AttendanceRecord,
    DeclarationRecord,
    ImportResult,
    MeetingRecords,
    Presence,
    RecordQuery,
    name_key,
)

SCHEMA_VERSION = 3
DEFAULT_NAME = "actions.sqlite"
BUSY_TIMEOUT_SECONDS = 30.0

# Version 2, the current schema. Officers and history live in their own tables; the natural
# key (body + meeting date + minute + action index) is unique, which makes imports idempotent.
_SCHEMA_V2 = """
CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    body TEXT,
    raised TEXT NOT NULL,
    minute INTEGER,
    reference TEXT,
    title TEXT NOT NULL,
    idx INTEGER NOT NULL,
    details TEXT NOT NULL,
    due TEXT NOT NULL
);
CREATE TABLE action_officers (
    action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    officer TEXT NOT NULL,
    PRIMARY KEY (action_id, position)
);
CREATE INDEX action_officers_officer ON action_officers(officer);
CREATE TABLE history (
    id INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX history_action ON history(action_id, id);
CREATE INDEX actions_body ON actions(body, raised);
"""

# Version 3 adds the records of minuted meetings: each table keyed by its natural key, so a
# re-import finds the rows it would write; `minuted` lists the meetings imported.
_SCHEMA_V3 = """
CREATE TABLE minuted (
    body TEXT NOT NULL,
    day TEXT NOT NULL,
    body_name TEXT NOT NULL,
    PRIMARY KEY (body, day)
);
CREATE TABLE decisions (
    body TEXT NOT NULL,
    day TEXT NOT NULL,
    minute INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    body_name TEXT NOT NULL,
    title TEXT NOT NULL,
    wording TEXT NOT NULL,
    outcome TEXT NOT NULL,
    decision_maker TEXT NOT NULL,
    executive INTEGER NOT NULL,
    key_decision INTEGER NOT NULL,
    forward_plan TEXT,
    route TEXT,
    exempt TEXT NOT NULL,
    published TEXT,
    call_in_deadline TEXT,
    implement_from TEXT,
    PRIMARY KEY (body, day, minute, idx)
);
CREATE INDEX decisions_day ON decisions(day);
CREATE TABLE attendance (
    body TEXT NOT NULL,
    day TEXT NOT NULL,
    member TEXT NOT NULL,
    body_name TEXT NOT NULL,
    presence TEXT NOT NULL,
    expected INTEGER NOT NULL,
    substituting_for TEXT NOT NULL,
    substituted_by TEXT NOT NULL,
    PRIMARY KEY (body, day, member)
);
CREATE INDEX attendance_member ON attendance(member);
CREATE TABLE declarations (
    body TEXT NOT NULL,
    day TEXT NOT NULL,
    member TEXT NOT NULL,
    minute INTEGER NOT NULL,
    body_name TEXT NOT NULL,
    item TEXT NOT NULL,
    nature TEXT NOT NULL,
    details TEXT NOT NULL,
    action TEXT NOT NULL,
    PRIMARY KEY (body, day, member, minute)
);
"""


_INSERT_ACTION = (
    "INSERT INTO actions (id, key, body, raised, minute, reference, title, idx, details, due)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _action_row(action: Action, ident: int | None = None) -> tuple[object, ...]:
    """An action's row of the actions table (`ident` None: the next free id)."""
    o = action.origin
    return (
        ident,
        action.key,
        o.body,
        o.raised.isoformat(),
        o.minute,
        o.reference,
        o.title,
        action.index,
        action.details,
        action.due.token(),
    )


def _run(con: sqlite3.Connection, script: str) -> None:
    # executescript would COMMIT the open transaction; run the statements one by one instead.
    for statement in script.split(";"):
        if statement.strip():
            con.execute(statement)


def _create_schema(con: sqlite3.Connection) -> None:
    _run(con, _SCHEMA_V2)
    _run(con, _SCHEMA_V3)


def _migrate_2_to_3(con: sqlite3.Connection) -> None:
    """Version 3 adds decisions, attendance and declarations; actions are untouched."""
    _run(con, _SCHEMA_V3)


def _migrate_1_to_2(con: sqlite3.Connection) -> None:
    """Version 1 kept officers as "SaBa, KaPo" and due dates as free tokens ("2019-03",
    "ongoing", "2019-03-05"), had no other sources and no natural key column."""
    con.execute("ALTER TABLE actions RENAME TO actions_v1")
    con.execute("ALTER TABLE history RENAME TO history_v1")
    _run(con, _SCHEMA_V2)
    rows = con.execute(
        "SELECT id, body, meeting, minute, minute_title, idx, details, due, officers"
        " FROM actions_v1 ORDER BY id"
    ).fetchall()
    for ident, body, meeting, minute, title, idx, details, due, officers in rows:
        origin = Origin(
            body=body, raised=dt.date.fromisoformat(meeting), minute=minute, title=title
        )
        action = Action(origin=origin, index=idx, details=details, due=_v1_due(due))
        con.execute(
            "INSERT INTO actions (id, key, body, raised, minute, reference, title, idx,"
            " details, due) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)",
            (ident, action.key, body, meeting, minute, title, idx, details, action.due.token()),
        )
        codes = [c.strip() for c in (officers or "").split(",") if c.strip()]
        con.executemany(
            "INSERT INTO action_officers (action_id, position, officer) VALUES (?, ?, ?)",
            [(ident, i, code) for i, code in enumerate(codes)],
        )
    con.execute(
        "INSERT INTO history (action_id, day, status, note)"
        " SELECT action_id, day, status, COALESCE(note, '') FROM history_v1 ORDER BY rowid"
    )
    con.execute("DROP TABLE history_v1")
    con.execute("DROP TABLE actions_v1")


def _v1_due(token: str) -> Due:
    text = (token or "").strip().lower()
    if text == "ongoing":
        return Due.ongoing()
    if text == "next meeting":
        return Due.next_meeting()
    if len(text) == 7:
        return Due.month(int(text[:4]), int(text[5:]))
    return Due.on(dt.date.fromisoformat(text))


@functools.lru_cache(maxsize=4096)
def _due(token: str) -> Due:
    # Registers repeat a few hundred due tokens across thousands of rows; Due is immutable.
    return Due.from_token(token)


# Migration from version N to N+1 (0 is an empty, new file).
_MIGRATIONS = {
    1: _migrate_1_to_2,
    2: _migrate_2_to_3,
}


class Register:
    """An `ActionStore` in a SQLite file. Use as a context manager or call `close()`."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        # A register on a read-only share (or a file without write permission) can still be
        # listed and exported: it is opened read-only, and a change says why it cannot be.
        self.read_only = self.path.exists() and not (
            os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK)
        )
        try:
            self._con = self._connect()
            self._con.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
            # Before anything that writes (WAL mode, the schema): a file of another program
            # is refused as it is, not changed.
            self._check_ours()
            self._current()  # a newer schema is refused before anything is written
            if not self.read_only:
                self._con.execute("PRAGMA journal_mode = WAL")
            self._con.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise RegisterError(
                f"{self.path}: cannot open the action register: {_advice(exc)}"
            ) from exc

    def _connect(self) -> sqlite3.Connection:
        if not self.read_only:
            return sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        uri = self.path.resolve().as_uri()
        try:
            con = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            # A WAL register without its -shm file cannot be opened read-only; nobody can be
            # writing a file nobody may write, so read it as it stands.
            con = sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)
        return con

    def _check_ours(self) -> None:
        """RegisterError unless the file is empty or a register of ours (any schema)."""
        tables = {
            row[0]
            for row in self._con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if not tables or {"actions", "history"} <= tables:
            return
        shown = ", ".join(sorted(tables)[:5])
        raise RegisterError(
            f"{self.path}: not an action register of meetings (it is an SQLite database with"
            f" the tables {shown}); it was left unchanged. Give --register a file of its own"
        )

    # -- lifecycle --------------------------------------------------------------------------
    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Register:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction holding the write lock from the start; rolled back on any error.
        Within a transaction already open (an import adding its actions), it joins that one."""
        if self.read_only:
            raise RegisterError(
                f"{self.path}: the register is read-only here (no permission to write the file"
                " or its folder); it can be listed and exported, not changed"
            )
        if self._con.in_transaction:
            yield self._con
            return
        try:
            self._con.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise RegisterError(f"{self.path}: the register is busy or locked: {exc}") from exc
        try:
            yield self._con
        except sqlite3.DatabaseError as exc:
            self._con.execute("ROLLBACK")
            raise RegisterError(f"{self.path}: {_advice(exc)}; nothing was changed") from exc
        except BaseException:
            self._con.execute("ROLLBACK")
            raise
        else:
            self._con.execute("COMMIT")

    @contextlib.contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """One snapshot for a read of several statements (within a write: that transaction)."""
        if self._con.in_transaction:
            yield self._con
            return
        self._con.execute("BEGIN DEFERRED")  # takes no write lock: WAL readers never wait
        try:
            yield self._con
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                self._con.execute("ROLLBACK")
            if isinstance(exc, sqlite3.DatabaseError):
                raise RegisterError(f"{self.path}: {_advice(exc)}") from exc
            raise
        else:
            self._con.execute("COMMIT")

    @property
    def schema_version(self) -> int:
        version: int = self._con.execute("PRAGMA user_version").fetchone()[0]
        return version

    def _migrate(self) -> None:
        """Create or migrate the schema, taking the write lock only when there is work to do.

        Reading `user_version` needs no lock (WAL readers never wait for a writer), so opening
        an up-to-date register to list actions does not queue behind a long write. Creation and
        migration run under BEGIN IMMEDIATE and read the version again inside it: another
        process may have done the work while this one waited for the lock.
        """
        if self._current():
            return
        with self._write() as con:
            if self._current():
                return
            version = self.schema_version
            if version == 0:
                _create_schema(con)
                version = SCHEMA_VERSION
            while version < SCHEMA_VERSION:
                _MIGRATIONS[version](con)
                version += 1
            con.execute(f"PRAGMA user_version = {version}")

    def _current(self) -> bool:
        """Whether the schema is the current one (RegisterError if it is newer)."""
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise RegisterError(
                f"{self.path}: register schema {version} is newer than this version of"
                f" meetings understands ({SCHEMA_VERSION}); upgrade meetings"
            )
        return version == SCHEMA_VERSION

    # -- ActionStore ------------------------------------------------------------------------
    def add(self, actions: Iterable[Action]) -> tuple[Action, ...]:
        """Record the actions whose natural key is new, all in one transaction."""
        with self._write() as con:
            added = self._insert_new(con, actions)
        return self._load(added)

    def _insert_new(self, con: sqlite3.Connection, actions: Iterable[Action]) -> list[int]:
        """Insert the actions whose natural key is new; their ids."""
        added: list[int] = []
        for action in actions:
            cur = con.execute(_INSERT_ACTION + " ON CONFLICT(key) DO NOTHING", _action_row(action))
            if cur.rowcount == 0:
                continue
            ident = cur.lastrowid
            assert ident is not None
            self._insert_children(con, ident, action)
            added.append(ident)
        return added

    def load_actions(self, actions: Iterable[Action]) -> tuple[int, int]:
        """Restore exported actions (keeping ids that are free); (added, skipped)."""
        added = skipped = 0
        with self._write() as con:
            for action in actions:
                if con.execute("SELECT 1 FROM actions WHERE key = ?", (action.key,)).fetchone():
                    skipped += 1
                    continue
                ident = action.id
                if (
                    ident is not None
                    and con.execute("SELECT 1 FROM actions WHERE id = ?", (ident,)).fetchone()
                ):
                    ident = None
                cur = con.execute(_INSERT_ACTION, _action_row(action, ident))
                assert cur.lastrowid is not None
                self._insert_children(con, cur.lastrowid, action)
                added += 1
        return added, skipped

    @staticmethod
    def _insert_children(con: sqlite3.Connection, ident: int, action: Action) -> None:
        con.executemany(
            "INSERT INTO action_officers (action_id, position, officer) VALUES (?, ?, ?)",
            [(ident, i, code) for i, code in enumerate(action.officers)],
        )
        con.executemany(
            "INSERT INTO history (action_id, day, status, note) VALUES (?, ?, ?, ?)",
            [(ident, c.day.isoformat(), c.status, c.note) for c in action.history],
        )

    def get(self, ident: int) -> Action:
        found = self._load([ident])
        if not found:
            raise RegisterError(f"{self.path}: no action {ident}")
        return found[0]

    def update(self, ident: int, *, status: str, day: dt.date, note: str = "") -> Action:
        with self._write() as con:
            # Read inside the write transaction, so a concurrent writer cannot interleave.
            current = self._load([ident])
            if not current:
                raise RegisterError(f"{self.path}: no action {ident}")
            current[0].with_status(status, day, note)  # checks the date order
            con.execute(
                "INSERT INTO history (action_id, day, status, note) VALUES (?, ?, ?, ?)",
                (ident, day.isoformat(), status, note),
            )
        return self.get(ident)

    def find(self, query: ActionQuery | None = None) -> tuple[Action, ...]:
        q = query or ActionQuery()
        # Narrow in SQL first (indexed); `matches` then applies the whole query in Python.
        where: list[str] = []
        params: list[object] = []
        if q.body is not None:
            where.append("body = ?")
            params.append(q.body)
        if q.officer is not None:
            where.append("id IN (SELECT action_id FROM action_officers WHERE officer = ?)")
            params.append(q.officer)
        if q.open_only or q.overdue:
            marks = ", ".join("?" for _ in q.closed)
            where.append(
                "(SELECT status FROM history WHERE action_id = actions.id ORDER BY id DESC"
                f" LIMIT 1) NOT IN ({marks})"
            )
            params.extend(sorted(q.closed))
        with self._read() as con:  # the ids and their rows from one snapshot
            if where:
                sql = "SELECT id FROM actions WHERE " + " AND ".join(where) + " ORDER BY id"
                found = self._load([row[0] for row in con.execute(sql, params)])
            else:
                found = self._load(None)
        return tuple(a for a in found if q.matches(a))

    def __len__(self) -> int:
        count: int = self._con.execute("SELECT count(*) FROM actions").fetchone()[0]
        return count

    # -- reading rows into actions --------------------------------------------------------------
    def _load(self, ids: list[int] | None) -> tuple[Action, ...]:
        """Actions by id (all when `ids` is None), in id order, with officers and history."""
        if ids is not None and not ids:
            return ()
        with self._read() as con:
            where, params = "", ()
            if ids is not None:
                con.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (id INTEGER PRIMARY KEY)")
                con.execute("DELETE FROM wanted")
                con.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", [(i,) for i in ids])
                where = " WHERE {col} IN (SELECT id FROM wanted)"
            officers: dict[int, list[str]] = {}
            for ident, officer in con.execute(
                "SELECT action_id, officer FROM action_officers"
                + where.format(col="action_id")
                + " ORDER BY action_id, position",
                params,
            ):
                officers.setdefault(ident, []).append(officer)
            history: dict[int, list[StatusChange]] = {}
            for ident, day, status, note in con.execute(
                "SELECT action_id, day, status, note FROM history"
                + where.format(col="action_id")
                + " ORDER BY action_id, id",
                params,
            ):
                history.setdefault(ident, []).append(
                    StatusChange(day=dt.date.fromisoformat(day), status=status, note=note)
                )
            out = []
            for ident, body, raised, minute, reference, title, idx, details, due in con.execute(
                "SELECT id, body, raised, minute, reference, title, idx, details, due FROM actions"
                + where.format(col="id")
                + " ORDER BY id",
                params,
            ):
                out.append(
                    Action(
                        id=ident,
                        origin=Origin(
                            body=body,
                            raised=dt.date.fromisoformat(raised),
                            minute=minute,
                            reference=reference,
                            title=title,
                        ),
                        index=idx,
                        details=details,
                        due=_due(due),
                        officers=tuple(officers.get(ident, ())),
                        history=tuple(history.get(ident, ())),
                    )
                )
            return tuple(out)

    # -- JSON ---------------------------------------------------------------------------------
    def export_json(self) -> str:
        """Every action with its history, as JSON (deterministic: id order, sorted keys)."""
        data = {"schema": SCHEMA_VERSION, "actions": [a.to_dict() for a in self._load(None)]}
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    def import_json(self, text: str, *, source: str = "JSON") -> tuple[int, int]:
        """Load an export: all or nothing; actions already present (same key) are skipped."""
        actions = parse_export(text, source=source)
        return self.load_actions(actions)

    # -- RecordStore: the records of minuted meetings ----------------------------------------
    def import_meeting(self, records: MeetingRecords) -> ImportResult:
        """Record one meeting's actions, decisions, attendance and declarations, all in one
        transaction: a failure part-way leaves the register as it was. Actions already
        present are kept (with their history); the meeting's other records are replaced only
        when they differ from what the register holds, so importing twice changes nothing."""
        body, day = records.body, records.day.isoformat()
        with self._write() as con:
            added = len(self._insert_new(con, records.actions))
            con.execute(
                "INSERT INTO minuted (body, day, body_name) VALUES (?, ?, ?)"
                " ON CONFLICT(body, day) DO UPDATE SET body_name = excluded.body_name"
                " WHERE body_name != excluded.body_name",
                (body, day, records.body_name),
            )
            outcome = {
                table: self._replace(con, table, body, day, rows)
                for table, rows in (
                    ("decisions", [_decision_row(d) for d in records.decisions]),
                    ("attendance", [_attendance_row(a) for a in records.attendance]),
                    ("declarations", [_declaration_row(d) for d in records.declarations]),
                )
            }
        return ImportResult(actions_added=added, **outcome)

    def import_meetings(self, meetings: Iterable[MeetingRecords]) -> tuple[ImportResult, ...]:
        """Import several meetings' records in one transaction (a year's minutes at once):
        all or nothing, and one commit rather than one per meeting."""
        with self._write():
            return tuple(self.import_meeting(records) for records in meetings)

    @staticmethod
    def _replace(
        con: sqlite3.Connection, table: str, body: str, day: str, rows: list[tuple[object, ...]]
    ) -> str:
        columns = _COLUMNS[table]
        held = con.execute(
            f"SELECT {', '.join(columns)} FROM {table} WHERE body = ? AND day = ?"
            f" ORDER BY {', '.join(columns)}",
            (body, day),
        ).fetchall()
        if sorted(held, key=_sort_key) == sorted(rows, key=_sort_key):
            return "unchanged"
        con.execute(f"DELETE FROM {table} WHERE body = ? AND day = ?", (body, day))
        marks = ", ".join("?" for _ in columns)
        con.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
        return "replaced" if held else "added"

    def _select(
        self,
        table: str,
        *,
        body: str | None,
        since: dt.date | None,
        until: dt.date | None,
        extra: tuple[str, Sequence[object]] | None = None,
    ) -> list[tuple[Any, ...]]:
        where: list[str] = []
        params: list[object] = []
        for clause, value in (
            ("body = ?", body),
            ("day >= ?", since.isoformat() if since else None),
            ("day <= ?", until.isoformat() if until else None),
        ):
            if value is not None:
                where.append(clause)
                params.append(value)
        if extra is not None:
            where.append(extra[0])
            params.extend(extra[1])
        sql = f"SELECT {', '.join(_COLUMNS[table])} FROM {table}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {_ORDER[table]}"
        with self._read() as con:
            return con.execute(sql, params).fetchall()

    def decisions(self, query: DecisionQuery | None = None) -> tuple[DecisionRecord, ...]:
        """Decision records in meeting order (date, body, minute)."""
        q = query or DecisionQuery()
        extra: tuple[str, Sequence[object]] | None = (
            ("key_decision = 1", ()) if q.key_only else None
        )
        rows = self._select("decisions", body=q.body, since=q.since, until=q.until, extra=extra)
        found = (_decision(row) for row in rows)
        return tuple(d for d in found if q.matches(d))

    def attendance(self, query: RecordQuery | None = None) -> tuple[AttendanceRecord, ...]:
        """Attendance records in meeting order, then by member."""
        q = query or RecordQuery()
        extra = ("member = ?", [q.member]) if q.member else None
        rows = self._select("attendance", body=q.body, since=q.since, until=q.until, extra=extra)
        found = [_attendance(row) for row in rows]
        return tuple(sorted(found, key=lambda r: (r.day, r.body, name_key(r.member))))

    def declarations(self, query: RecordQuery | None = None) -> tuple[DeclarationRecord, ...]:
        """Declarations in meeting order, then by minute and member."""
        q = query or RecordQuery()
        extra = ("member = ?", [q.member]) if q.member else None
        rows = self._select("declarations", body=q.body, since=q.since, until=q.until, extra=extra)
        return tuple(_declaration(row) for row in rows)

    def minuted(self) -> tuple[tuple[str, dt.date], ...]:
        """The meetings whose minutes were imported: (body, day), in date order."""
        with self._read() as con:
            rows = con.execute("SELECT body, day FROM minuted ORDER BY day, body").fetchall()
        return tuple((body, dt.date.fromisoformat(day)) for body, day in rows)


# Columns of the record tables, in the order the row functions give them.
_COLUMNS = {
    "decisions": (
        "body",
        "day",
        "minute",
        "idx",
        "body_name",
        "title",
        "wording",
        "outcome",
        "decision_maker",
        "executive",
        "key_decision",
        "forward_plan",
        "route",
        "exempt",
        "published",
        "call_in_deadline",
        "implement_from",
    ),
    "attendance": (
        "body",
        "day",
        "member",
        "body_name",
        "presence",
        "expected",
        "substituting_for",
        "substituted_by",
    ),
    "declarations": (
        "body",
        "day",
        "member",
        "minute",
        "body_name",
        "item",
        "nature",
        "details",
        "action",
    ),
}
_ORDER = {
    "decisions": "day, body, minute, idx",
    "attendance": "day, body, member",
    "declarations": "day, body, minute, member",
}


def _sort_key(row: tuple[object, ...]) -> tuple[str, ...]:
    return tuple("" if v is None else str(v) for v in row)


def _decision_row(d: DecisionRecord) -> tuple[object, ...]:
    return (
        d.body,
        d.day.isoformat(),
        d.minute,
        d.index,
        d.body_name,
        d.title,
        d.wording,
        d.outcome,
        d.decision_maker,
        int(d.executive),
        int(d.key_decision),
        d.forward_plan,
        d.route.value if d.route else None,
        ",".join(str(p) for p in d.exempt),
        iso_day(d.published),
        iso_day(d.call_in_deadline),
        iso_day(d.implement_from),
    )


def _decision(row: tuple[Any, ...]) -> DecisionRecord:
    (body, day, minute, idx, body_name, title, wording, outcome, maker, executive, key) = row[:11]
    (plan, route, exempt, published, deadline, implement) = row[11:]
    return DecisionRecord(
        body=body,
        body_name=body_name,
        day=dt.date.fromisoformat(day),
        minute=minute,
        index=idx,
        title=title,
        wording=wording,
        outcome=outcome,
        decision_maker=maker,
        executive=bool(executive),
        key_decision=bool(key),
        forward_plan=plan,
        route=NoticeRoute(route) if route else None,
        exempt=tuple(int(p) for p in exempt.split(",") if p),
        published=optional_day(published),
        call_in_deadline=optional_day(deadline),
        implement_from=optional_day(implement),
    )


def _attendance_row(a: AttendanceRecord) -> tuple[object, ...]:
    return (
        a.body,
        a.day.isoformat(),
        a.member,
        a.body_name,
        a.presence.value,
        int(a.expected),
        a.substituting_for,
        a.substituted_by,
    )


def _attendance(row: tuple[Any, ...]) -> AttendanceRecord:
    body, day, member, body_name, presence, expected, substituting_for, substituted_by = row
    return AttendanceRecord(
        body=body,
        body_name=body_name,
        day=dt.date.fromisoformat(day),
        member=member,
        presence=Presence(presence),
        expected=bool(expected),
        substituting_for=substituting_for,
        substituted_by=substituted_by,
    )


def _declaration_row(d: DeclarationRecord) -> tuple[object, ...]:
    return (
        d.body,
        d.day.isoformat(),
        d.member,
        d.minute,
        d.body_name,
        d.item,
        d.nature,
        d.details,
        d.action,
    )


def _declaration(row: tuple[Any, ...]) -> DeclarationRecord:
    body, day, member, minute, body_name, item, nature, details, action = row
    return DeclarationRecord(
        body=body,
        body_name=body_name,
        day=dt.date.fromisoformat(day),
        member=member,
        minute=minute,
        item=item,
        nature=nature,
        details=details,
        action=action,
    )


def _advice(exc: sqlite3.DatabaseError) -> str:
    """SQLite's reason, with what to do when the file is damaged."""
    text = str(exc)
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return (
            f"{text}: the register is damaged or not a register. Check it with"
            " `sqlite3 FILE 'PRAGMA integrity_check'`; restore it from a backup, or create a"
            " new one and load the last JSON export into it (`meetings actions load EXPORT"
            " --register NEW`); docs/guarantees.md says more"
        )
    return text


def parse_export(text: str, *, source: str = "JSON") -> tuple[Action, ...]:
    """The actions in an exported register; RegisterError naming the bad entry."""
    try:
        data = guards.load_json(text, file=source)
    except MeetingsError as exc:
        raise RegisterError(str(exc)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("actions"), list):
        raise RegisterError(f'{source}: expected {{"schema": 2, "actions": [...]}}')
    out = []
    for i, raw in enumerate(data["actions"]):
        try:
            if not isinstance(raw, dict):
                raise ValueError(f"expected an object, found {raw!r:.60}")
            minute = raw.get("minute")
            if isinstance(minute, int) and minute < 1:
                raise ValueError(f"minute: {minute} is not a minute number (1 or more)")
            out.append(Action.from_dict(raw))
        except (ValueError, KeyError) as exc:
            raise RegisterError(f"{source}: actions[{i}]: {exc}") from exc
    return tuple(out)


def open_register(
    path: str | Path | None = None, *, workspace: str | Path = ".", create: bool = True
) -> Register:
    """The register at `path`, or `<workspace>/actions.sqlite`.

    A missing file is created, unless `create` is False (reading commands): then it is a
    RegisterError, rather than an empty register appearing as a side effect.
    """
    where = Path(path) if path is not None else Path(workspace) / DEFAULT_NAME
    if not create and not where.is_file():
        raise RegisterError(
            f"{where}: no action register here; record minutes first with"
            " `meetings import MEETING.toml` (or `meetings actions import MEETING.toml`),"
            " or give --register FILE"
        )
    return Register(where)
