"""The public meetings site (meetings.website): its pages and links, republishing after a
change, the Atom feeds of what changed, and `meetings site`.

The example council's year and its two meeting files (15 January and 5 March 2019) are the
data; the pages are checked by their structure here, and in a real browser with axe-core in
test_website_browser.py."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import attrs
import pytest

from meetings import cli, ical, website
from meetings.committee import Council
from meetings.definitions import load_council, loads_council
from meetings.errors import DefinitionError, MeetingsError
from meetings.planner import plan_schedule
from meetings.schedule import Meeting, MeetingStatus, Schedule
from meetings.text import meeting_slug

WORKSPACE = Path(__file__).parent.parent / "examples" / "oadby-wigston"
EXAMPLE = WORKSPACE / "council.toml"
STAMP = dt.datetime(2019, 3, 1, 9, 0, tzinfo=dt.UTC)
URL = "https://www.oadby-wigston.gov.uk/meetings/"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def council() -> Council:
    return load_council(EXAMPLE)


@pytest.fixture(scope="module")
def schedule(council: Council) -> Schedule:
    return plan_schedule(council)


def publish(
    schedule: Schedule, council: Council, out: Path, stamp: dt.datetime = STAMP
) -> website.Written:
    site = website.build_site(
        schedule,
        council,
        stamp=stamp,
        workspace=WORKSPACE,
        previous=website.Publication.read(out),  # its feeds are compared too
        url=URL,
    )
    assert site.warnings == ()
    return website.write_site(site, out)


class Page(HTMLParser):
    """What the checks need of a page: its language, headings, links, ids and tables."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.h1 = 0
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.tables = 0
        self.headed_tables = 0
        self.scripts = 0
        self.first_link = ""
        self._table_has_th: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.lang = found.get("lang") or ""
        if tag == "h1":
            self.h1 += 1
        if tag == "script":
            self.scripts += 1
        if found.get("id"):
            self.ids.add(found["id"] or "")
        if tag == "a" and found.get("href"):
            self.links.append(found["href"] or "")
            self.first_link = self.first_link or found["href"] or ""
        if tag == "table":
            self.tables += 1
            self._table_has_th.append(False)
        if tag == "th" and self._table_has_th:
            self._table_has_th[-1] = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._table_has_th:
            self.headed_tables += self._table_has_th.pop()


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, schedule: Schedule, council: Council) -> Path:
    out = tmp_path_factory.mktemp("site")
    publish(schedule, council, out)
    return out


def site_pages(out: Path) -> list[Path]:
    """The site's own pages (the papers are the agenda, minutes and action-list documents)."""
    return sorted(
        p
        for p in out.rglob("*.html")
        if p.name not in ("agenda.html", "minutes.html", "action-list.html")
    )


def test_every_page_is_english_with_one_h1_a_skip_link_and_headed_tables(site: Path) -> None:
    pages = site_pages(site)
    assert len(pages) > 50
    for path in pages:
        page = parse(path)
        where = path.relative_to(site)
        assert page.lang == "en-GB", where
        assert page.h1 == 1, where
        assert page.first_link == "#main", where
        assert "main" in page.ids, where
        assert page.tables == page.headed_tables, where
        assert page.scripts == 0, where


def test_every_link_inside_the_site_resolves(site: Path) -> None:
    checked = 0
    for path in sorted(site.rglob("*.html")):
        page = parse(path)
        for href in page.links:
            if href.startswith(("https:", "http:", "webcal:", "mailto:")):
                continue
            target, fragment = urldefrag(urljoin(path.as_uri(), href))
            file = Path(target.removeprefix("file://"))
            assert file.is_file(), f"{path.relative_to(site)}: {href}"
            if fragment and file.suffix == ".html":
                assert fragment in parse(file).ids, f"{path.relative_to(site)}: {href}"
            checked += 1
    assert checked > 500


def test_every_subscribe_link_names_a_feed_of_the_site(site: Path) -> None:
    found = 0
    for path in site.rglob("*.html"):
        for href in parse(path).links:
            if href.startswith("webcal:"):
                feed = site / href.removeprefix(f"webcal:{URL.removeprefix('https:')}")
                assert feed.is_file(), f"{path.relative_to(site)}: {href}"
                found += 1
    assert found > 10


def test_a_meeting_page_shows_its_facts_papers_decisions_and_calendar_entry(site: Path) -> None:
    text = (site / "meetings" / "change-management-2019-01-15.html").read_text()
    assert "Tuesday, 15 January 2019" in text
    assert "6.30 PM to 8.30 PM" in text
    assert "Council Offices" in text
    assert "Confirmed" in text
    assert 'href="change-management-2019-01-15/agenda.html"' not in text  # relative to root
    assert 'href="../meetings/change-management-2019-01-15/agenda.html"' in text
    assert 'href="../meetings/change-management-2019-01-15/minutes.html"' in text
    # the decisions of the minutes: minute 17, the paperless pilot (seed 000)
    assert "17. Introduction of Paperless Committee Meetings" in text
    assert "UNANIMOUSLY RESOLVED THAT:" in text
    ics = (site / "meetings" / "change-management-2019-01-15.ics").read_bytes().decode()
    ics = ics.replace("\r\n ", "")  # unfolded (RFC 5545 s.3.1)
    assert ics.count("BEGIN:VEVENT") == 1
    assert "DTSTART;TZID=Europe/London:20190115T183000" in ics
    assert f"URL:{URL}meetings/change-management-2019-01-15.html" in ics
    # the agenda of 5 March 2019 has its action list (the actions of 15 January)
    march = (site / "meetings" / "change-management-2019-03-05.html").read_text()
    assert "action-list.html" in march
    assert "minutes.html" not in march
    listing = (site / "meetings" / "change-management-2019-03-05" / "action-list.html").read_text()
    assert "SaBa" in listing


def test_the_minutes_on_the_site_are_the_public_version(site: Path) -> None:
    minutes = (site / "meetings" / "change-management-2019-01-15" / "minutes.html").read_text()
    assert "not published" in minutes  # the exempt item after minute 19 (Sch 12A paras 1-3)


def test_a_meeting_whose_file_names_papers_has_its_public_pack_on_the_site(site: Path) -> None:
    # The example's 5 March 2019 meeting file names its reports: the site binds the public
    # pack (the front sheet, then the papers with their stamps) and links it.
    pypdf = pytest.importorskip("pypdf")
    folder = site / "meetings" / "change-management-2019-03-05"
    pack = pypdf.PdfReader(folder / "pack.pdf")
    assert len(pack.pages) > 2
    assert "Agenda Item" in pack.pages[2].extract_text()
    page = (site / "meetings" / "change-management-2019-03-05.html").read_text(encoding="utf-8")
    assert 'href="../meetings/change-management-2019-03-05/pack.pdf"' in page


def test_a_body_page_lists_remit_members_officers_meetings_and_feeds(site: Path) -> None:
    text = (site / "bodies" / "change-management.html").read_text()
    assert "To provide oversight and scrutiny of any major change management projects" in text
    assert "M H Charlesworth</a></th><td>Chair" in text
    assert "Samuel Ball, Senior Democratic Services Officer" in text  # an agenda's author
    assert "webcal://www.oadby-wigston.gov.uk/meetings/feeds/schedule-change-management.ics" in (
        text
    )
    assert text.count("../meetings/2019-20-change-management-") >= 5
    assert "../feeds/news-change-management.atom" in text


def test_a_member_page_gives_bodies_roles_and_attendance_from_the_minutes(site: Path) -> None:
    chair = (site / "members" / "m-h-charlesworth.html").read_text()
    assert "Change Management Committee</a></th><td>Chair" in chair
    assert "Present (Chair)" in chair
    darr = (site / "members" / "m-l-darr.html").read_text()
    assert "Apologies (J Kaufman substituted)" in darr
    dave = (site / "members" / "b-dave.html").read_text()
    assert "<td>Present</td>" in dave


def test_the_home_page_has_the_calendar_the_table_and_subscribe_links(
    site: Path, schedule: Schedule
) -> None:
    text = (site / "index.html").read_text()
    # May 2019 to May 2020: the next annual meeting falls in the thirteenth month
    assert text.count('<table class="month"') == 13
    assert text.count("(provisional)</span></a>") == len(schedule.meetings)
    assert "Bank holiday: Christmas Day" in text
    assert "webcal://www.oadby-wigston.gov.uk/meetings/feeds/schedule.ics" in text
    for meeting in schedule.meetings:
        assert f'href="meetings/{meeting_slug(meeting.uid)}.html"' in text


def test_publishing_again_unchanged_writes_nothing(
    tmp_path: Path, schedule: Schedule, council: Council
) -> None:
    first = publish(schedule, council, tmp_path)
    assert first.unchanged == ()
    # a week later, nothing changed: the feeds' DTSTAMP alone does not rewrite them
    again = publish(schedule, council, tmp_path, STAMP + dt.timedelta(days=7))
    assert again.written == ()
    assert len(again.unchanged) == len(first.written)


def _moved(meeting: Meeting, days: int) -> Meeting:
    step = dt.timedelta(days=days)
    return attrs.evolve(meeting, start=meeting.start + step, end=meeting.end + step)


def test_a_moved_meeting_rewrites_its_page_its_body_the_calendar_and_the_feeds(
    tmp_path: Path, schedule: Schedule, council: Council
) -> None:
    publish(schedule, council, tmp_path)
    before = {p.relative_to(tmp_path) for p in tmp_path.rglob("*")}
    target = next(m for m in schedule.meetings if m.body == "service-delivery")
    moved = attrs.evolve(
        schedule,
        meetings=tuple(_moved(m, 1) if m is target else m for m in schedule.meetings),
    )
    done = publish(moved, council, tmp_path, STAMP + dt.timedelta(days=7))
    page = f"meetings/{meeting_slug(target.uid)}"
    assert set(done.written) == {
        f"{page}.html",
        f"{page}.ics",
        "bodies/service-delivery.html",
        "index.html",
        "feeds/schedule.ics",
        "feeds/schedule-service-delivery.ics",
        "feeds/news.atom",
        "feeds/news-service-delivery.atom",
        "site.json",
    }
    # the addresses stay: no file appears or goes
    assert {p.relative_to(tmp_path) for p in tmp_path.rglob("*")} == before
    entries = atom_entries(tmp_path / "feeds" / "news-service-delivery.atom")
    assert entries[0][0].startswith("Meeting moved: Service Delivery Committee, Wednesday, 5 June")
    assert "planned for Tuesday, 4 June 2019, 7.00 PM" in entries[0][1]
    feed = (tmp_path / "feeds" / "schedule.ics").read_text()
    assert "SEQUENCE:1" in feed  # subscribers' calendars move it too
    # and so does a calendar the meeting was added to from its page
    assert "SEQUENCE:1" in (tmp_path / f"{page}.ics").read_text()


def atom_entries(path: Path) -> list[tuple[str, str, str]]:
    """(title, summary, link) of each entry, in the feed's order (newest first)."""
    root = ET.parse(path).getroot()
    assert root.tag == f"{ATOM}feed"
    out = []
    for e in root.findall(f"{ATOM}entry"):
        link = e.find(f"{ATOM}link")
        out.append(
            (
                e.findtext(f"{ATOM}title") or "",
                e.findtext(f"{ATOM}summary") or "",
                "" if link is None else link.get("href", ""),
            )
        )
    return out


def test_a_meeting_dropped_from_the_schedule_stays_cancelled_and_is_announced(
    tmp_path: Path, schedule: Schedule, council: Council
) -> None:
    publish(schedule, council, tmp_path)
    target = next(m for m in schedule.meetings if m.body == "licensing-regulatory")
    fewer = attrs.evolve(schedule, meetings=tuple(m for m in schedule.meetings if m is not target))
    publish(fewer, council, tmp_path, STAMP + dt.timedelta(days=7))
    page = tmp_path / "meetings" / f"{meeting_slug(target.uid)}.html"
    assert "This meeting has been cancelled." in page.read_text()
    (title, _, link), *_ = atom_entries(tmp_path / "feeds" / "news.atom")
    assert title.startswith("Meeting cancelled: Licensing and Regulatory Committee")
    assert link == f"{URL}meetings/{meeting_slug(target.uid)}.html"
    # and once announced, publishing again does not announce it twice
    publish(fewer, council, tmp_path, STAMP + dt.timedelta(days=14))
    titles = [t for t, _, _ in atom_entries(tmp_path / "feeds" / "news.atom")]
    assert sum(t.startswith("Meeting cancelled") for t in titles) == 1


def test_a_cancelled_status_is_announced_and_shown_in_words(
    tmp_path: Path, schedule: Schedule, council: Council
) -> None:
    publish(schedule, council, tmp_path)
    target = next(m for m in schedule.meetings if m.body == "council")
    changed = attrs.evolve(
        schedule,
        meetings=tuple(
            attrs.evolve(m, status=MeetingStatus.CANCELLED) if m is target else m
            for m in schedule.meetings
        ),
    )
    publish(changed, council, tmp_path, STAMP + dt.timedelta(days=7))
    home = (tmp_path / "index.html").read_text()
    assert home.count("(cancelled)</span></a>") == 1
    titles = [t for t, _, _ in atom_entries(tmp_path / "feeds" / "news-council.atom")]
    assert titles[0].startswith("Meeting cancelled: Council, Tuesday, 14 May 2019")


def test_the_first_publication_announces_the_schedule_and_the_papers(site: Path) -> None:
    titles = [t for t, _, _ in atom_entries(site / "feeds" / "news.atom")]
    assert "Schedule of meetings 2019/20 published" in titles
    assert "Agenda published: Change Management Committee, Tuesday, 5 March 2019, 6.30 PM" in titles
    assert (
        "Minutes published: Change Management Committee, Tuesday, 15 January 2019, 6.30 PM"
        in titles
    )


def test_the_site_is_the_same_bytes_for_the_same_input(
    schedule: Schedule, council: Council
) -> None:
    one = website.build_site(schedule, council, stamp=STAMP, workspace=WORKSPACE, url=URL)
    two = website.build_site(schedule, council, stamp=STAMP, workspace=WORKSPACE, url=URL)
    assert one.files == two.files


def test_without_an_address_the_feeds_are_linked_for_download(
    schedule: Schedule, council: Council
) -> None:
    built = website.build_site(schedule, council, stamp=STAMP, workspace=WORKSPACE)
    home = built.files["index.html"].decode()
    assert "webcal:" not in home
    assert 'href="feeds/schedule.ics"' in home


def test_a_bad_address_is_refused(schedule: Schedule, council: Council) -> None:
    with pytest.raises(MeetingsError, match="not an http"):
        website.build_site(schedule, council, stamp=STAMP, url="ftp://example.org/")


def test_the_templates_can_be_overridden(
    tmp_path: Path, schedule: Schedule, council: Council
) -> None:
    own = tmp_path / "templates" / "site"
    own.mkdir(parents=True)
    base = Path(__file__).parent.parent / "templates" / "site" / "meeting.html"
    (own / "meeting.html").write_text(
        base.read_text().replace(
            '<h2 id="papers-h">Papers</h2>', '<h2 id="papers-h">Documents</h2>'
        )
    )
    built = website.build_site(
        schedule, council, stamp=STAMP, workspace=WORKSPACE, template_dir=tmp_path / "templates"
    )
    page = built.files["meetings/change-management-2019-03-05.html"].decode()
    assert ">Documents</h2>" in page


def test_a_broken_state_file_is_reported_by_name(tmp_path: Path) -> None:
    (tmp_path / website.STATE).write_text("{}")
    with pytest.raises(DefinitionError, match=r"site\.json"):
        website.Publication.read(tmp_path)


# -- the command ------------------------------------------------------------------------------


def test_the_command_writes_the_site_and_then_only_what_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(WORKSPACE, workspace)
    out = tmp_path / "site"
    args = ["site", str(workspace / "council.toml"), "--out", str(out), "--url", URL]
    assert cli.main([*args, "--stamp", "2019-03-01T09:00:00Z"]) == 0
    first = capsys.readouterr().out
    assert "0 unchanged" in first
    assert str(out / "index.html") in first
    assert cli.main([*args, "--stamp", "2019-03-08T09:00:00Z"]) == 0
    assert " 0 file(s) written" in capsys.readouterr().out


def test_the_command_reports_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["site", str(EXAMPLE), "--out", str(tmp_path), "--url", "example"]) == 1
    assert "not an http(s) URL" in capsys.readouterr().err
    (tmp_path / "file").write_text("")
    assert cli.main(["site", str(EXAMPLE), "--out", str(tmp_path / "file")]) == 1
    assert "is a file" in capsys.readouterr().err


def test_the_command_publishes_a_given_schedule_and_announces_what_moved(
    tmp_path: Path, schedule: Schedule, capsys: pytest.CaptureFixture[str]
) -> None:
    from meetings.schedule import schedule_json  # noqa: PLC0415

    out = tmp_path / "site"
    adopted = tmp_path / "adopted.json"
    adopted.write_text(schedule_json(schedule), encoding="utf-8")
    args = ["site", str(EXAMPLE), "--out", str(out), "--schedule", str(adopted)]
    assert cli.main([*args, "--stamp", "2019-03-01T09:00:00Z"]) == 0
    target = next(m for m in schedule.meetings if m.body == "development-control")
    later = attrs.evolve(
        schedule,
        meetings=tuple(_moved(m, 7) if m is target else m for m in schedule.meetings),
    )
    adopted.write_text(schedule_json(later), encoding="utf-8")
    assert cli.main([*args, "--stamp", "2019-03-08T09:00:00Z"]) == 0
    assert " 9 file(s) written" in capsys.readouterr().out
    (title, _, _), *_ = atom_entries(out / "feeds" / "news-development-control.atom")
    assert title == "Meeting moved: Development Control Committee, Thursday, 30 May 2019, 7.00 PM"


def test_dated_seats_show_their_dates(schedule: Schedule, council: Council) -> None:
    body = council.body("change-management")
    first, *others = body.members
    dated = attrs.evolve(first, since=dt.date(2019, 5, 14), until=dt.date(2020, 5, 12))
    changed = attrs.evolve(
        council,
        bodies=tuple(
            attrs.evolve(b, members=(dated, *others)) if b is body else b for b in council.bodies
        ),
    )
    built = website.build_site(schedule, changed, stamp=STAMP, workspace=WORKSPACE)
    page = built.files["bodies/change-management.html"].decode()
    assert '<th scope="col">Dates</th>' in page
    assert "from Tuesday, 14 May 2019 to Tuesday, 12 May 2020" in page
    member = built.files[f"members/{website.member_slug(first.person)}.html"].decode()
    assert "from Tuesday, 14 May 2019 to Tuesday, 12 May 2020" in member
    # without dates, no empty column
    plain = website.build_site(schedule, council, stamp=STAMP, workspace=WORKSPACE)
    assert "Dates</th>" not in plain.files["bodies/change-management.html"].decode()


def test_a_meeting_without_papers_says_the_notice_its_council_must_give(
    schedule: Schedule, council: Council
) -> None:
    def promised(c: Council) -> set[str]:
        built = website.build_site(schedule, c, stamp=STAMP)
        pages = [v.decode() for k, v in built.files.items() if k.startswith("meetings/")]
        found = {re.search(r"published at least ([^<]*) before", p) for p in pages}
        return {m.group(1) for m in found if m}

    # England: five clear working days (LGA 1972 s.100B(3), SI 2002/715); Wales: three,
    # unless the council file promises more (the example's `clear_days = 5`)
    assert promised(council) == {"5 clear working days"}
    text = EXAMPLE.read_text(encoding="utf-8").replace('nation = "england"', 'nation = "wales"')
    welsh = loads_council(text, base_dir=EXAMPLE.parent)
    assert promised(welsh) == {"5 clear working days"}
    unsaid = re.sub(r"(?m)^clear_days = .*$", "", text)
    assert promised(loads_council(unsaid, base_dir=EXAMPLE.parent)) == {"3 clear working days"}


def test_a_new_meeting_file_publishes_its_agenda_on_the_planned_meeting(
    tmp_path: Path, schedule: Schedule, council: Council
) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(WORKSPACE, workspace)
    out = tmp_path / "site"

    def again(stamp: dt.datetime) -> website.Written:
        site = website.build_site(
            schedule,
            council,
            stamp=stamp,
            workspace=workspace,
            previous=website.Publication.read(out),
            url=URL,
        )
        return website.write_site(site, out)

    again(STAMP)
    (june,) = [
        m
        for m in schedule.meetings
        if m.body == "change-management" and m.start.date() == dt.date(2019, 6, 13)
    ]
    march = workspace / "meetings" / "2019-03-05-change-management.toml"
    (workspace / "meetings" / "2019-06-13-change-management.toml").write_text(
        march.read_text(encoding="utf-8"), encoding="utf-8"
    )
    done = again(STAMP + dt.timedelta(days=7))
    page = f"meetings/{meeting_slug(june.uid)}"
    assert {f"{page}.html", f"{page}/agenda.html", f"{page}/action-list.html"} <= set(done.written)
    assert "bodies/change-management.html" in done.written
    text = (out / f"{page}.html").read_text()
    assert 'href="../meetings/2019-20-change-management-1/agenda.html"' in text
    (title, _, link), *_ = atom_entries(out / "feeds" / "news-change-management.atom")
    assert title == "Agenda published: Change Management Committee, Thursday, 13 June 2019, 6.30 PM"
    assert link == f"{URL}{page}.html"


def test_the_atom_feeds_are_well_formed(site: Path) -> None:
    for path in sorted((site / "feeds").glob("*.atom")):
        root = ET.parse(path).getroot()
        assert root.findtext(f"{ATOM}author/{ATOM}name") == "Oadby and Wigston Borough Council"
        ids = [e.findtext(f"{ATOM}id") or "" for e in root.findall(f"{ATOM}entry")]
        assert len(ids) == len(set(ids)) >= 1, path.name
        assert all(i.startswith("tag:oadby-wigston.gov.uk,2019-03-01:") for i in ids)
        self_link = [
            ln.get("href") for ln in root.findall(f"{ATOM}link") if ln.get("rel") == "self"
        ]
        assert self_link == [f"{URL}feeds/{path.name}"]


def test_a_meeting_file_matching_no_planned_meeting_is_warned_about(
    tmp_path: Path, schedule: Schedule, council: Council
) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(WORKSPACE, workspace)
    march = workspace / "meetings" / "2019-03-05-change-management.toml"
    # the committee's first planned meeting is Thursday 13 June 2019, not the 12th
    stray = workspace / "meetings" / "2019-06-12-change-management.toml"
    stray.write_text(march.read_text(encoding="utf-8"), encoding="utf-8")
    built = website.build_site(schedule, council, stamp=STAMP, workspace=workspace)
    (warning,) = built.warnings
    assert warning.startswith(f"{stray}: no meeting of change-management on 2019-06-12")
    assert "meetings/change-management-2019-06-12/agenda.html" in built.files


def test_the_command_takes_templates_and_prints_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(WORKSPACE, workspace)
    march = workspace / "meetings" / "2019-03-05-change-management.toml"
    (workspace / "meetings" / "2019-06-12-change-management.toml").write_text(
        march.read_text(encoding="utf-8"), encoding="utf-8"
    )
    own = tmp_path / "templates" / "site"
    own.mkdir(parents=True)
    (own / "members.html").write_text(
        '{% extends "site/base.html" %}{% block title %}Our councillors{% endblock %}'
    )
    out = tmp_path / "site"
    argv = ["site", str(workspace / "council.toml"), "--out", str(out)]
    assert cli.main([*argv, "--templates", str(tmp_path / "templates")]) == 0
    assert "<h1>Our councillors</h1>" in (out / "members" / "index.html").read_text()
    assert "warning: " in capsys.readouterr().err
    assert cli.main([*argv, "--templates", str(tmp_path / "none")]) == 1
    assert "not a folder" in capsys.readouterr().err


def test_an_agenda_pack_beside_the_meeting_file_is_published(
    tmp_path: Path, schedule: Schedule, council: Council
) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(WORKSPACE, workspace)
    pdf = b"%PDF-1.4\n% the agenda pack of 5 March 2019\n" + bytes(3000)
    (workspace / "meetings" / f"2019-03-05-change-management{website.PACK_SUFFIX}").write_bytes(pdf)
    built = website.build_site(schedule, council, stamp=STAMP, workspace=workspace)
    assert built.files["meetings/change-management-2019-03-05/pack.pdf"] == pdf
    page = built.files["meetings/change-management-2019-03-05.html"].decode()
    assert (
        'href="../meetings/change-management-2019-03-05/pack.pdf">Agenda pack (PDF, 3 KB)' in page
    )
    # and no pack where there is none
    assert "pack.pdf" not in built.files["meetings/change-management-2019-01-15.html"].decode()


def test_the_feeds_link_each_meeting_to_the_address_the_site_gives_its_page(
    schedule: Schedule,
) -> None:
    # `meetings publish --site` and the site name a meeting's page the same way, even for a
    # UID with characters an address cannot carry.
    odd = attrs.evolve(schedule.meetings[0], uid="Council 2019/20 #1@example.gov.uk")
    links = ical.meeting_pages([odd], "https://example.gov.uk/meetings/")
    assert links[odd.uid] == "https://example.gov.uk/meetings/meetings/council-2019-20-1.html"
    assert meeting_slug(odd.uid) == "council-2019-20-1"
