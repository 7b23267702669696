// Reads an iCalendar feed on standard input and prints, for each VEVENT, its UID with the
// UTC instants (seconds) of DTSTART and DTEND, the zone ical.js resolved them in, and its
// SUMMARY and LOCATION as ical.js unescapes them.
// ical.js has no zone database of its own: with no zone registered, a TZID is resolved
// from the feed's own VTIMEZONE, so this checks the embedded definition (tests/test_feed_clients.py).
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const root = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));
const out = {};
for (const component of root.getAllSubcomponents("vevent")) {
  const event = new ICAL.Event(component);
  out[event.uid] = {
    start: event.startDate.toUnixTime(),
    end: event.endDate.toUnixTime(),
    zone: event.startDate.zone ? event.startDate.zone.tzid : null,
    summary: event.summary,
    location: event.location,
  };
}
process.stdout.write(JSON.stringify(out));
