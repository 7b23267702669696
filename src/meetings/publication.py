"""Publishing the feeds to a CalDAV server (RFC 4791), the publishing layer's adapter over
`caldav` (the `caldav` extra): the council's calendar, one per body and the useful dates,
each a calendar collection under one calendar home, each meeting one calendar object.

What the server holds is the previous publication: the council's calendar there is read back
and the feeds are compared with it as `meetings schedule --previous` compares them with the
last `schedule.ics`. So a moved meeting is updated in place (same UID, higher SEQUENCE), a
meeting no longer planned is cancelled (STATUS:CANCELLED, higher SEQUENCE, RFC 5545
s.3.8.1.11) and never deleted, and an unchanged one is not sent again.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Mapping
from typing import Any
from xml.sax.saxutils import escape

import attrs

from meetings import ical, timetable
from meetings.committee import Council
from meetings.errors import CalendarError, MissingExtraError
from meetings.schedule import Schedule

CALENDAR_DATA = {"Content-Type": "text/calendar; charset=utf-8"}


@attrs.frozen(kw_only=True)
class Pushed:
    """What publishing one feed did to its calendar on the server (UIDs)."""

    feed: str  # the file name it has on disk: schedule.ics, schedule-audit.ics
    calendar: str  # the collection's URL
    name: str  # its display name
    made: bool  # the collection was created
    created: tuple[str, ...]
    updated: tuple[str, ...]
    cancelled: tuple[str, ...]
    unchanged: int

    @property
    def summary(self) -> str:
        made = " (new calendar)" if self.made else ""
        return (
            f"{self.feed} -> {self.calendar}{made}: {len(self.created)} created, "
            f"{len(self.updated)} updated, {len(self.cancelled)} cancelled, "
            f"{self.unchanged} unchanged"
        )


def collection_url(home: str, feed: str) -> str:
    """The collection of a feed under the calendar home: `schedule.ics` -> `{home}schedule/`."""
    stem = feed.removesuffix(".ics")
    return urllib.parse.urljoin(home.rstrip("/") + "/", urllib.parse.quote(stem) + "/")


def _object_url(collection: str, uid: str) -> str:
    return collection + urllib.parse.quote(uid, safe="") + ".ics"


class _Server:
    """The few CalDAV requests publishing needs, each failure a CalendarError naming the URL."""

    def __init__(self, url: str, username: str | None, password: str | None) -> None:
        try:
            import caldav  # noqa: PLC0415 - optional extra, imported only when asked for
            from caldav.lib import error  # noqa: PLC0415
        except ImportError as exc:
            raise MissingExtraError("CalDAV", "caldav") from exc
        self.caldav: Any = caldav
        self.errors: tuple[type[BaseException], ...] = (error.DAVError, OSError)
        self.url = url
        self.client: Any = self.caldav.DAVClient(
            url=url, username=username, password=password, timeout=60
        )

    def _fail(self, exc: BaseException, what: str) -> CalendarError:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return CalendarError(f"{self.url}: {what}: {reason}")

    def log_in(self) -> None:
        """Ask for the user's principal: it proves the credentials, and a server such as
        Radicale makes the user's calendar home on first use."""
        try:
            try:
                self.client.principal()
            except self.caldav.lib.error.NotFoundError:
                # The home does not exist yet: ask at the server's root, where a server that
                # makes homes (Radicale) finds the user's principal.
                parts = urllib.parse.urlsplit(self.url)
                root = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/", "", ""))
                self.client.url = self.caldav.lib.url.URL.objectify(root)
                self.client.principal()
        except self.caldav.lib.error.AuthorizationError as exc:
            raise self._fail(
                exc, "the server refused the user name or password (--user, --password-env)"
            ) from exc
        except self.errors as exc:
            raise self._fail(exc, "the CalDAV server did not answer as expected") from exc

    def objects(self, collection: str) -> dict[str, tuple[str, bytes, ical.StoredObject]] | None:
        """UID -> (URL, data, the data read) of the events in `collection`; None when it does
        not exist."""
        calendar = self.caldav.Calendar(client=self.client, url=collection)
        try:
            calendar.get_display_name()
        except self.caldav.lib.error.NotFoundError:
            return None
        except self.errors as exc:
            raise self._fail(exc, f"cannot read {collection}") from exc
        try:
            found = calendar.events()
        except self.errors as exc:
            raise self._fail(exc, f"cannot list the events of {collection}") from exc
        out = {}
        for item in found:
            data = item.data.encode("utf-8") if isinstance(item.data, str) else bytes(item.data)
            read = ical.stored_object(data)
            if read.uid:
                out[read.uid] = (str(item.url), data, read)
        return out

    def make(self, collection: str, name: str, description: str) -> None:
        body = (
            '<?xml version="1.0" encoding="utf-8"?>'
            '<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
            f"<D:set><D:prop><D:displayname>{escape(name)}</D:displayname>"
            f"<C:calendar-description>{escape(description)}</C:calendar-description>"
            "</D:prop></D:set></C:mkcalendar>"
        )
        try:
            response = self.client.mkcalendar(collection, body)
        except self.errors as exc:
            raise self._fail(exc, f"cannot create the calendar {collection}") from exc
        if response.status >= 300:
            raise CalendarError(
                f"{self.url}: cannot create the calendar {collection}: "
                f"HTTP {response.status} {response.reason}"
            )

    def put(self, url: str, data: bytes) -> None:
        try:
            response = self.client.put(url, data.decode("utf-8"), CALENDAR_DATA)
        except self.errors as exc:
            raise self._fail(exc, f"cannot store {url}") from exc
        if response.status >= 300:
            raise CalendarError(
                f"{self.url}: cannot store {url}: HTTP {response.status} {response.reason}"
            )


def _year_of(stored: ical.StoredObject) -> str:
    """The municipal year (May to April, '2019/20') of a calendar object's event, by the
    local day it starts on."""
    return "" if stored.day is None else timetable.year_label(stored.day)


def publish_caldav(
    schedule: Schedule,
    council: Council,
    *,
    url: str,
    stamp: dt.datetime,
    username: str | None = None,
    password: str | None = None,
    links: Mapping[str, str] | None = None,
    site: str | None = None,
) -> tuple[Pushed, ...]:
    """Publish every feed of `schedule` (see `timetable.feeds`) to the CalDAV calendar home
    `url` (e.g. https://dav.example.gov.uk/democratic-services/): `schedule.ics` into the
    calendar `{url}schedule/`, `schedule-<body>.ics` into `{url}schedule-<body>/`,
    `useful-dates.ics` into `{url}useful-dates/`, each made (named as the feed) when missing.

    The meetings of this municipal year in the council's calendar on the server are the
    previous publication: a meeting changed since gets a higher SEQUENCE, one no longer
    planned is kept, cancelled; meetings of other years there are left alone. An event whose
    content (all but DTSTAMP) the server already holds is not sent again. `links` and `site`
    are the meetings' pages and the schedule's page (`to_ical`'s `links` and `url`).
    """
    server = _Server(url, username, password)
    server.log_in()
    home = url.rstrip("/") + "/"
    # the council's calendar holds the previous publication
    council_calendar = collection_url(home, timetable.COUNCIL_FEED)
    stored = server.objects(council_calendar)
    mine = [
        data
        for _, data, read in (stored or {}).values()
        if _year_of(read) == schedule.municipal_year
    ]
    previous = ical.joined(mine) if mine else None
    feeds = timetable.feeds(
        schedule, council, stamp=stamp, previous=previous, links=links, url=site
    )
    pushed = []
    for feed, data in feeds.items():
        collection = collection_url(home, feed)
        name, description, objects = ical.feed_objects(data)
        # the council's calendar as read above: nothing has been stored in it since
        there = stored if collection == council_calendar else server.objects(collection)
        made = there is None
        if there is None:
            server.make(collection, name, description)
            there = {}
        created, updated, cancelled, unchanged = [], [], [], 0
        for uid, item in objects.items():
            old = there.get(uid)
            new = ical.stored_object(item)
            if old is not None and old[2].same_event(new):
                unchanged += 1
                continue
            server.put(old[0] if old else _object_url(collection, uid), item)
            if old is None:
                created.append(uid)
            elif new.status == "CANCELLED" != old[2].status:
                cancelled.append(uid)
            else:
                updated.append(uid)
        # Stored events of this year the feed no longer has (a meeting moved to another
        # body's calendar, a closure taken out of the useful dates): withdrawn, as the feeds
        # withdraw a meeting. Other years' events are left alone.
        for uid, (where, old_data, read) in sorted(there.items()):
            if uid in objects or _year_of(read) != schedule.municipal_year:
                continue
            if read.status == "CANCELLED":
                unchanged += 1
                continue
            server.put(where, ical.cancelled_object(old_data, stamp))
            cancelled.append(uid)
        pushed.append(
            Pushed(
                feed=feed,
                calendar=collection,
                name=name,
                made=made,
                created=tuple(created),
                updated=tuple(updated),
                cancelled=tuple(cancelled),
                unchanged=unchanged,
            )
        )
    return tuple(pushed)
