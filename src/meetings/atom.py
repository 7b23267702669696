"""Atom feeds (RFC 4287) of what changed on the meetings site: the one adapter over
`feedgenerator` (the `site` extra), the maintained stand-alone form of Django's feed writer."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from typing import Any

from meetings.errors import MissingExtraError


def atom_feed(
    *,
    title: str,
    home: str,
    feed_id: str,
    author: str,
    entries: Sequence[Mapping[str, Any]],
    stamp: dt.datetime,
    feed_url: str | None = None,
    author_link: str | None = None,
) -> bytes:
    """An Atom feed titled `title` whose page is `home`, with `entries` (newest first; each a
    mapping of title, link, text, updated, id and category). `author` is the feed's author,
    which RFC 4287 s.4.1.1 requires when the entries have none; `feed_url` its own address
    (rel="self"). The feed's <updated> is its newest entry's time, else `stamp`, so the same
    entries give the same bytes."""
    try:
        import feedgenerator  # noqa: PLC0415 - optional extra, imported only when asked for
    except ImportError as exc:
        raise MissingExtraError("Atom", "site") from exc
    feed = feedgenerator.Atom1Feed(
        title=title,
        link=home,
        description="",
        language="en-GB",
        feed_guid=feed_id,
        feed_url=feed_url,
        author_name=author,
        author_link=author_link,
    )
    for entry in entries:
        feed.add_item(
            title=entry["title"],
            link=entry["link"],
            description=entry["text"],
            unique_id=entry["id"],
            updateddate=entry["updated"],
            pubdate=entry["updated"],
            categories=[entry["category"]],
        )
    if not entries:
        # feedgenerator stamps an empty feed with the clock; give it the publication time
        feed.latest_post_date = lambda: stamp
    out = io.StringIO()
    feed.write(out, "utf-8")
    return out.getvalue().encode("utf-8")
