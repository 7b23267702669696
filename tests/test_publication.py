"""`meetings publish --caldav`: the feeds pushed to a real CalDAV server (Radicale on
127.0.0.1, the `radicale` fixture of conftest.py) and read back with the caldav client:
created, updated in place with the same UID, cancelled, and not sent again when unchanged.
"""

from __future__ import annotations

import datetime as dt
import importlib
import shlex
from pathlib import Path
from typing import Any

import attrs
import icalendar
import pytest

from meetings import ical, timetable
from meetings.cli import EXAMPLES, main
from meetings.committee import Council
from meetings.definitions import load_council
from meetings.errors import CalendarError
from meetings.planner import plan_schedule
from meetings.publication import collection_url, publish_caldav
from meetings.schedule import Schedule, schedule_json

EXAMPLE = Path(__file__).parent.parent / "examples" / "oadby-wigston" / "council.toml"
STAMP = dt.datetime(2019, 3, 5, 12, tzinfo=dt.UTC)
USER = "democratic-services"

pytest.importorskip("caldav")


@pytest.fixture(scope="module")
def example() -> tuple[Council, Schedule]:
    council = load_council(EXAMPLE)
    return council, plan_schedule(council)


def stored(home: str, feed: str) -> dict[str, icalendar.Event]:
    """UID -> the event the server holds in the calendar of `feed`."""
    caldav: Any = importlib.import_module("caldav")
    client = caldav.DAVClient(url=home, username=USER, password="x")
    calendar = caldav.Calendar(client=client, url=collection_url(home, feed))
    out = {}
    for item in calendar.events():
        (event,) = icalendar.Calendar.from_ical(item.data).events
        out[str(event["UID"])] = event
    return out


def display_name(home: str, feed: str) -> str:
    caldav: Any = importlib.import_module("caldav")
    client = caldav.DAVClient(url=home, username=USER, password="x")
    name: str = caldav.Calendar(client=client, url=collection_url(home, feed)).get_display_name()
    return name


def test_publish_create_update_cancel(radicale: str, example: tuple[Council, Schedule]) -> None:
    council, plan = example
    home = f"{radicale}{USER}/"
    first = {
        p.feed: p
        for p in publish_caldav(plan, council, url=home, stamp=STAMP, username=USER, password="x")
    }
    # every feed is a calendar, named as the feed, every meeting created
    assert set(first) >= {"schedule.ics", "useful-dates.ics"}
    assert all(p.made for p in first.values())
    assert len(first["schedule.ics"].created) == len(plan.meetings)
    year = plan.municipal_year
    assert display_name(home, "schedule.ics") == f"{council.name}: meetings {year}"
    everything = stored(home, "schedule.ics")
    assert set(everything) == {m.uid for m in plan.meetings}
    for m in plan.meetings:
        event = everything[m.uid]
        assert event.start == m.start
        assert event["SEQUENCE"] == 0
    by_body = {m.body for m in plan.meetings}
    for body in by_body:
        feed = f"schedule-{body}.ics"
        assert set(stored(home, feed)) == {m.uid for m in plan.meetings if m.body == body}

    # Publishing again unchanged sends nothing, a day later (a new DTSTAMP) too.
    again = publish_caldav(
        plan, council, url=home, stamp=STAMP + dt.timedelta(days=1), username=USER, password="x"
    )
    assert all(not (p.created or p.updated or p.cancelled or p.made) for p in again)
    assert sum(p.unchanged for p in again) == sum(len(p.created) for p in first.values())

    # A meeting moved a week and another dropped from the plan.
    moved, dropped = plan.meetings[3], plan.meetings[5]
    later = moved.start + dt.timedelta(days=7)
    changed = attrs.evolve(
        plan,
        meetings=tuple(
            attrs.evolve(m, start=later, end=later + (m.end - m.start)) if m is moved else m
            for m in plan.meetings
            if m is not dropped
        ),
        periods=plan.periods[1:],  # and a useful date taken out
    )
    dates_before = set(stored(home, "useful-dates.ics"))
    dates_now = set(
        ical.feed_objects(timetable.feeds(changed, council, stamp=STAMP)["useful-dates.ics"])[2]
    )
    assert dates_before - dates_now
    third = {
        p.feed: p
        for p in publish_caldav(
            changed,
            council,
            url=home,
            stamp=STAMP + dt.timedelta(days=2),
            username=USER,
            password="x",
        )
    }
    assert third["schedule.ics"].updated == (moved.uid,)
    assert third["schedule.ics"].cancelled == (dropped.uid,)
    assert third["schedule.ics"].created == ()
    assert third[f"schedule-{moved.body}.ics"].updated == (moved.uid,)
    assert third[f"schedule-{dropped.body}.ics"].cancelled == (dropped.uid,)
    # a useful date no longer shown is withdrawn too, not left standing
    assert third["useful-dates.ics"].cancelled == tuple(sorted(dates_before - dates_now))
    for uid in dates_before - dates_now:
        withdrawn = stored(home, "useful-dates.ics")[uid]
        assert (str(withdrawn["STATUS"]), withdrawn["SEQUENCE"]) == ("CANCELLED", 1)
    everything = stored(home, "schedule.ics")
    assert len(everything) == len(plan.meetings)  # updated in place, nothing duplicated
    assert everything[moved.uid].start == later
    assert everything[moved.uid]["SEQUENCE"] == 1
    assert str(everything[dropped.uid]["STATUS"]) == "CANCELLED"
    assert everything[dropped.uid]["SEQUENCE"] == 1
    body_copy = stored(home, f"schedule-{dropped.body}.ics")[dropped.uid]
    assert (str(body_copy["STATUS"]), body_copy["SEQUENCE"]) == ("CANCELLED", 1)

    # The server is the previous publication: once more, nothing changes.
    fourth = publish_caldav(
        changed, council, url=home, stamp=STAMP + dt.timedelta(days=3), username=USER, password="x"
    )
    assert all(not (p.created or p.updated or p.cancelled) for p in fourth)
    assert stored(home, "schedule.ics")[dropped.uid]["SEQUENCE"] == 1


def test_the_help_example_publishes(
    radicale: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (line,) = EXAMPLES["publish"]
    argv = [
        a.replace("http://127.0.0.1:5232/", radicale).replace(
            "examples/oadby-wigston/council.toml", str(EXAMPLE)
        )
        for a in shlex.split(line)[1:]
    ]
    monkeypatch.setenv("CALDAV_PASSWORD", "x")  # the fixture's user's
    assert main([*argv, "--stamp", "2019-03-05T12:00:00Z", "--site", "https://example.org"]) == 0
    out = capsys.readouterr().out
    assert "Oadby and Wigston Borough Council 2019/20: " in out
    assert f"schedule.ics -> {radicale}{USER}/schedule/ (new calendar): " in out
    assert "0 updated, 0 cancelled, 0 unchanged" in out
    event = next(iter(stored(f"{radicale}{USER}/", "schedule.ics").values()))
    uid = str(event["UID"])
    assert str(event["URL"]) == f"https://example.org/meetings/{uid.partition('@')[0]}.html"


def test_bad_input_is_named(
    radicale: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["publish", str(EXAMPLE), "--stamp", "2019-03-05T12:00:00Z"]
    monkeypatch.delenv("NO_SUCH_PASSWORD", raising=False)
    assert main([*base, "--caldav", radicale, "--password-env", "NO_SUCH_PASSWORD"]) == 1
    assert "--password-env NO_SUCH_PASSWORD: no such environment variable" in (
        capsys.readouterr().err
    )
    assert main([*base, "--caldav", "ftp://example.org/"]) == 1
    assert "expected an http:// or https:// URL" in capsys.readouterr().err
    monkeypatch.setenv("WRONG_PASSWORD", "not x")
    home = f"{radicale}{USER}/"
    assert main([*base, "--caldav", home, "--user", USER, "--password-env", "WRONG_PASSWORD"]) == 1
    assert f"meetings publish: {home}: the server refused the user name or password" in (
        capsys.readouterr().err
    )
    # nothing listens on the port of a server that has stopped
    closed = "http://127.0.0.1:9/dav/"
    assert main([*base, "--caldav", closed]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"meetings publish: {closed}: ")
    council = load_council(EXAMPLE)
    with pytest.raises(CalendarError, match=r"^http://127\.0\.0\.1:9/dav/: "):
        publish_caldav(plan_schedule(council), council, url=closed, stamp=STAMP)


def test_a_schedule_file_is_published_as_given(
    radicale: str,
    example: tuple[Council, Schedule],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # --schedule: a schedule adjusted by hand (here: a meeting left out) instead of planning
    _, plan = example
    kept = attrs.evolve(plan, meetings=plan.meetings[1:])
    path = tmp_path / "schedule.json"
    path.write_text(schedule_json(kept), encoding="utf-8")
    home = f"{radicale}{USER}/"
    monkeypatch.setenv("CALDAV_PASSWORD", "x")
    argv = ["publish", str(EXAMPLE), "--caldav", home, "--user", USER]
    argv += ["--password-env", "CALDAV_PASSWORD", "--schedule", str(path)]
    assert main([*argv, "--stamp", "2019-03-05T12:00:00Z"]) == 0
    assert f"2019/20: {len(plan.meetings) - 1} meetings" in capsys.readouterr().out
    assert set(stored(home, "schedule.ics")) == {m.uid for m in kept.meetings}
