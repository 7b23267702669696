"""Days a council does not meet: bank holidays (the one adapter over `holidays`), council
closures, festivals, and blackout periods read from iCalendar files (school holidays…).

Where the data comes from:

- Bank holidays: `holidays.country_holidays("GB", subdiv=...)`, always with the nation's
  subdivision (ENG, WLS, SCT, NIR). Without it `holidays` leaves out Easter Monday and the
  summer bank holiday. It includes one-off days (8 May 2020, 2-3 June and 19 September 2022,
  8 May 2023) and substitute days (28 December 2020).
- Festivals UK councils avoid, computed where `holidays` knows another country's calendar
  (see `FESTIVALS`): Christmas and Easter from the UK calendar, Diwali and Vaisakhi from
  India's, Eid al-Fitr and Eid al-Adha from Turkey's (an astronomical Hijri calendar that
  matches the days most UK mosques observed in 2019-2021; local moon sighting may differ by a
  day), Rosh Hashanah and Yom Kippur from Israel's. Anything else comes from an .ics file.
- Blackout calendars (school terms, party conferences, a council's own closures) are `.ics`
  files read by `read_calendar`; the starter set ships in the package's `calendars/` folder.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import importlib
import importlib.resources
import importlib.util
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from meetings.errors import CalendarError

if TYPE_CHECKING:
    from holidays import HolidayBase

    from meetings.ics import IcsCalendar


class Category(enum.StrEnum):
    """What a period is; the tokens used in council files and in `Period.category`."""

    BANK_HOLIDAY = "bank-holiday"
    CLOSURE = "closure"
    SCHOOL_HOLIDAY = "school-holiday"
    FESTIVAL = "festival"
    PARTY_CONFERENCE = "party-conference"
    PRE_ELECTION = "pre-election"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class Period:
    """A named run of days (inclusive), e.g. a school half term or the pre-election period."""

    name: str
    start: dt.date
    end: dt.date  # inclusive
    category: str  # "bank-holiday", "school-holiday", "closure", "pre-election", "festival", …
    source: str = ""

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise CalendarError(
                f"period {self.name!r} ends ({self.end}) before it starts ({self.start}); "
                "the end date is inclusive and must be on or after the start"
            )

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    @property
    def days(self) -> tuple[dt.date, ...]:
        """Every day of the period, in order."""
        n = (self.end - self.start).days + 1
        return tuple(self.start + dt.timedelta(days=i) for i in range(n))

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        """True when the period shares a day with `start`..`end` (inclusive)."""
        return self.start <= end and start <= self.end

    @classmethod
    def day(cls, day: dt.date, name: str, category: str, source: str = "") -> Period:
        """A one-day period."""
        return cls(name=name, start=day, end=day, category=category, source=source)


# -- bank holidays ---------------------------------------------------------------------------

SUBDIVISIONS = ("ENG", "WLS", "SCT", "NIR")
_BANK_HOLIDAY_SOURCE = "holidays package, country GB, subdivision {}"


# The countries whose calendars we use: (module of `holidays.countries`, class).
_COUNTRIES = {
    "GB": ("united_kingdom", "UnitedKingdom"),
    "IN": ("india", "India"),
    "TR": ("turkey", "Turkey"),
    "IL": ("israel", "Israel"),
}


def country_holidays(country: str, **options: Any) -> HolidayBase:
    """`holidays.country_holidays(country, **options)` for the countries in `_COUNTRIES`,
    loading only that country's module: the package `holidays.countries` imports all ~250
    countries (about 100 ms) whenever one is asked for, and a council needs at most four."""
    module_name = f"holidays.countries.{_COUNTRIES[country][0]}"
    if module_name not in sys.modules and "holidays.countries" not in sys.modules:
        spec = importlib.util.find_spec("holidays.countries")
        assert spec is not None  # holidays is a dependency
        # The package's module, its __init__ not run, only while our country is imported;
        # a later `import holidays.countries` runs it as usual and finds ours loaded.
        sys.modules["holidays.countries"] = importlib.util.module_from_spec(spec)
        try:
            importlib.import_module(module_name)
        finally:
            del sys.modules["holidays.countries"]
    country_class: type[HolidayBase] = getattr(
        importlib.import_module(module_name), _COUNTRIES[country][1]
    )
    return country_class(**options)


@functools.cache
def _bank_holidays_year(subdiv: str, year: int) -> Mapping[dt.date, str]:
    # Cached per (nation, year): a year of scheduling asks for the same year many times and
    # must never recompute the holiday rules.
    table = country_holidays("GB", subdiv=subdiv, years=year)
    return MappingProxyType({d: table[d] for d in sorted(table) if d.year == year})


def bank_holidays(subdiv: str, years: Iterable[int]) -> Mapping[dt.date, str]:
    """The bank holidays of one UK nation (`subdiv` ENG, WLS, SCT or NIR) in `years`:
    date -> name, in date order (Banking and Financial Dealings Act 1971 Sch 1, and the
    one-off days proclaimed under s.1(3))."""
    if subdiv not in SUBDIVISIONS:
        raise CalendarError(f"unknown UK subdivision {subdiv!r}; valid: {', '.join(SUBDIVISIONS)}")
    out: dict[dt.date, str] = {}
    for year in sorted(set(years)):
        out.update(_bank_holidays_year(subdiv, year))
    return MappingProxyType(out)


def good_fridays(subdiv: str, years: Iterable[int]) -> list[dt.date]:
    """Good Friday in `years`: a bank holiday in every UK nation (BFDA 1971 Sch 1; a
    common-law holiday in England and Wales), so `holidays` names it in each."""
    return [d for d, name in bank_holidays(subdiv, years).items() if "Good Friday" in name]


def bank_holiday_periods(subdiv: str, start: dt.date, end: dt.date) -> tuple[Period, ...]:
    """The bank holidays from `start` to `end` (inclusive) as one-day periods."""
    source = _BANK_HOLIDAY_SOURCE.format(subdiv)
    return tuple(
        Period.day(d, name, Category.BANK_HOLIDAY, source)
        for d, name in bank_holidays(subdiv, range(start.year, end.year + 1)).items()
        if start <= d <= end
    )


# -- council closures ------------------------------------------------------------------------


def christmas_shutdown(
    year: int, *, first: tuple[int, int] = (12, 24), last: tuple[int, int] = (1, 1)
) -> Period:
    """A council's Christmas closure starting in December of `year` (council custom, not
    statute): by default 24 December to 1 January inclusive. `first` and `last` are
    (month, day); a `last` earlier in the year than `first` falls in the next year."""
    try:
        start = dt.date(year, *first)
        end = dt.date(year, *last)
    except (TypeError, ValueError) as exc:
        raise CalendarError(
            f"Christmas shutdown {first!r} to {last!r} is not a pair of (month, day): {exc}"
        ) from exc
    if end < start:
        end = end.replace(year=year + 1)
    return Period(
        name="Christmas shutdown",
        start=start,
        end=end,
        category=Category.CLOSURE,
        source="council closure",
    )


# -- festivals computed from other countries' calendars --------------------------------------


@attrs.frozen(kw_only=True)
class Festival:
    """Where `holidays` computes a festival: a country (and category), and the holiday name."""

    name: str
    country: str
    holiday: str  # the name `holidays` gives it (English)
    categories: tuple[str, ...] = ("public",)
    days: int = 1  # how many days to block from the first day found
    eve: bool = False  # starts at sunset the day before: an evening meeting then clashes

    @property
    def source(self) -> str:
        return f"computed by the holidays package from the {self.country} calendar"


# Festivals that UK councils commonly avoid (seed 000, para 3.2: "school/public/religious
# holidays"). Christmas Day and Good Friday/Easter Monday are bank holidays already.
FESTIVALS: tuple[Festival, ...] = (
    Festival(name="Christmas Day", country="GB", holiday="Christmas Day"),
    Festival(name="Good Friday", country="GB", holiday="Good Friday"),
    Festival(name="Easter Monday", country="GB", holiday="Easter Monday"),
    Festival(name="Diwali", country="IN", holiday="Diwali"),
    Festival(name="Vaisakhi", country="IN", holiday="Vaisakhi", categories=("optional",)),
    Festival(name="Eid al-Fitr", country="TR", holiday="Eid al-Fitr"),
    Festival(name="Eid al-Adha", country="TR", holiday="Eid al-Adha"),
    Festival(name="Rosh Hashanah", country="IL", holiday="Rosh Hashanah", days=2, eve=True),
    Festival(name="Yom Kippur", country="IL", holiday="Yom Kippur", eve=True),
)


@functools.cache
def _festival_year(festival: Festival, year: int) -> tuple[Period, ...]:
    subdiv = "ENG" if festival.country == "GB" else None
    table = country_holidays(
        festival.country,
        subdiv=subdiv,
        years=year,
        categories=festival.categories,
        language="en_US",
    )
    matching = {
        day for day in table if festival.holiday in (n.strip() for n in table[day].split(";"))
    }
    # The first day of each run: Turkey's three days of Eid count as one Eid.
    firsts = [d for d in sorted(matching) if d - dt.timedelta(days=1) not in matching]
    return tuple(
        Period(
            name=festival.name,
            start=first - dt.timedelta(days=1) if festival.eve else first,
            end=first + dt.timedelta(days=festival.days - 1),
            category=Category.FESTIVAL,
            source=festival.source + (" (from the evening before)" if festival.eve else ""),
        )
        for first in firsts
    )


def festival_periods(
    start: dt.date, end: dt.date, festivals: Iterable[Festival] = FESTIVALS
) -> tuple[Period, ...]:
    """The festivals overlapping `start`..`end`, computed by `holidays`, in date order."""
    out = [
        period
        for festival in festivals
        for year in range(start.year - 1, end.year + 1)
        for period in _festival_year(festival, year)
        if period.overlaps(start, end)
    ]
    return tuple(sorted(out, key=lambda p: (p.start, p.name)))


# -- blackout calendars from iCalendar files -------------------------------------------------


def read_calendar(
    path: str | Path, category: str | None = None, *, source: str | None = None
) -> tuple[Period, ...]:
    """Read an .ics file into periods (one per event, end inclusive), in date order.

    `category` defaults to the file's X-MEETINGS-CATEGORY, else "other"; `source` defaults to
    the file's name and X-WR-CALNAME (its X-MEETINGS-SOURCE property names where the dates
    came from). A malformed file raises CalendarError naming the file and what is wrong."""
    from meetings import ics  # noqa: PLC0415 - icalendar only for the calendars that need it

    info = ics.read_ics(path)
    return _periods(info, category, source)


def _periods(info: IcsCalendar, category: str | None, source: str | None) -> tuple[Period, ...]:
    category = category or info.category or Category.OTHER
    filename = Path(info.path).name
    where = source or (f"{info.name} ({filename})" if info.name else filename)
    periods = (
        Period(name=e.summary, start=e.start, end=e.end, category=category, source=where)
        for e in info.events
    )
    return tuple(sorted(periods, key=lambda p: (p.start, p.end, p.name)))


def shipped_calendars() -> tuple[str, ...]:
    """Names (without .ics) of the calendars shipped in the package's calendars/ folder."""
    folder = importlib.resources.files("meetings").joinpath("calendars")
    return tuple(sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".ics")))


def shipped_calendar(name: str, category: str | None = None) -> tuple[Period, ...]:
    """Read one of the calendars shipped with the package, e.g. "party-conferences"."""
    known = shipped_calendars()
    if name not in known:
        raise CalendarError(f"no shipped calendar {name!r}; valid: {', '.join(known)}")
    resource = importlib.resources.files("meetings").joinpath("calendars", f"{name}.ics")
    from meetings import ics  # noqa: PLC0415 - icalendar only for the calendars that need it

    info = ics.parse_ics(resource.read_bytes(), where=f"calendars/{name}.ics")
    return _periods(info, category, None)


FESTIVALS_NAME = "festivals"  # the computed festivals, asked for like a shipped calendar


def blackout_periods(
    name: str, start: dt.date, end: dt.date, *, base_dir: str | Path | None = None
) -> tuple[Period, ...]:
    """The periods of one blackout calendar overlapping `start`..`end`: "festivals" (computed,
    see `FESTIVALS`), a shipped calendar's name ("party-conferences"), or a path to an .ics
    file (relative to `base_dir`, e.g. the folder of the council file)."""
    if name == FESTIVALS_NAME:
        return festival_periods(start, end)
    if name in shipped_calendars():
        periods = shipped_calendar(name)
    else:
        path = Path(name)
        if base_dir is not None and not path.is_absolute():
            path = Path(base_dir) / path
        if path.suffix.lower() != ".ics" or not path.is_file():
            valid = ", ".join((FESTIVALS_NAME, *shipped_calendars()))
            raise CalendarError(
                f"calendar {name!r} is neither a shipped calendar nor an .ics file "
                f"({path} not found); valid: {valid}, or a path to an .ics file"
            )
        periods = read_calendar(path)
    return tuple(p for p in periods if p.overlaps(start, end))
