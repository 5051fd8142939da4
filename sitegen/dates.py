"""Dates as a reader writes them, at their real precision, from the language table."""
from __future__ import annotations

import datetime as dt
import re

from sitegen.frontmatter import described
from sitegen.lang import load_language


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_CHRONO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?|-(?:SP|SU|FA|WI))?", re.ASCII)
_WEEK = re.compile(r"(\d{4})-W(\d{2})(-WE)?", re.ASCII)


# The years a date may have: four digits, as ISO writes them, and far enough from the
# ends of Python's calendar (years 1 to 9999) that nothing computed from a date leaves
# it (the day after, a month's end, a winter that ends the next year, a week's Sunday).
# A date outside is refused where a person writes it and read as no date elsewhere.
YEAR_MIN, YEAR_MAX = 1000, 2999
DATE_FORMS = "YYYY-MM-DD, YYYY-MM, YYYY, a season YYYY-SP|SU|FA|WI or an interval YYYY-MM-DD/YYYY-MM-DD"
_SEASON = re.compile(r"(\d{4})-(SP|SU|FA|WI)", re.ASCII)
_CALENDAR = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", re.ASCII)


def parse_date(value: object) -> tuple[str, str]:
    """A date as a person writes it (curation.yaml, a content page, an article's front
    matter) -> (the date as the chronology stores it, its precision: day, month, year,
    season or range). The one check of such dates: a ValueError says what is wrong
    (not a date, no such day, outside the years sitegen computes with)."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"{described(value)} is not a date ({DATE_FORMS})")
    text = str(value).strip()
    if "/" in text:
        a, b = text.split("/", 1)
        if not (_DAY.fullmatch(a) and _DAY.fullmatch(b)):
            raise ValueError(f"{described(text)} is not a date ({DATE_FORMS})")
        first, last = _checked(a), _checked(b)
        if last < first:
            raise ValueError(f"{text!r} ends before it starts")
        return text, "range"
    if not _CHRONO.fullmatch(text):
        raise ValueError(f"{described(text)} is not a date ({DATE_FORMS})")
    _checked(text)
    if _SEASON.fullmatch(text):
        return text, "season"
    return text, {10: "day", 7: "month", 4: "year"}[len(text)]


def _checked(text: str) -> dt.date:
    """The first day of YYYY[-MM[-DD]] or YYYY-SP, or a ValueError."""
    year = int(text[:4])
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValueError(f"{text!r} is out of range (years {YEAR_MIN} to {YEAR_MAX} only)")
    season = _SEASON.fullmatch(text)
    m = _CALENDAR.fullmatch(text)
    month = SEASON_MONTHS[season.group(2)][0] if season else int(m.group(2) or 1)
    try:
        return dt.date(year, month, int(m.group(3) or 1) if m else 1)
    except ValueError:
        raise ValueError(f"{text!r} is not a date of the calendar") from None


# the days of a week its part names: "début de semaine" Monday to Wednesday, "fin de
# semaine" Friday to Sunday
WEEK_PARTS = {"START": (0, 2), "MID": (1, 3), "END": (4, 6)}


def part_of_day(value: str | None) -> str | None:
    """Morning, afternoon, evening or night of a TIMEX3 value ("2021-03-06TMO",
    "2021-03-06T19:30"); None when it names no time of the day."""
    if not value or "T" not in value:
        return None
    part = value.split("T", 1)[1]
    if part[:2].isdigit():
        hour = int(part[:2])
        return "NI" if hour < 6 else "MO" if hour < 12 else "AF" if hour < 18 else "EV"
    return part[:2] if part[:2] in ("MO", "AF", "EV", "NI") else None


def chronology_date(value: str | None, mod: str | None = None) -> tuple[str, str] | None:
    """A TIMEX3 value as the chronology stores it (day, month, season, year or interval),
    with its precision; None for what is no date on a calendar (PRESENT_REF, XXXX-SU).
    A clock time keeps its day; a week becomes the interval of its days, or of the days
    of its part (mod START, MID, END). A value known only roughly (mod APPROX: "il y a
    une dizaine de jours") is no date of the chronology either."""
    if not value or mod == "APPROX":
        return None
    if "T" in value:
        value = value.split("T")[0]
    if _WEEK.fullmatch(value):
        if bounds(value) is None:
            return None
        first, last = bounds(value)
        if mod in WEEK_PARTS and not value.endswith("-WE"):
            a, b = WEEK_PARTS[mod]
            first, last = first + dt.timedelta(days=a), first + dt.timedelta(days=b)
        value = f"{first.isoformat()}/{last.isoformat()}"
    try:
        return parse_date(value)
    except ValueError:
        return None


def _day(d: dt.date, ui: dict, with_year: bool = True, with_month: bool = True) -> str:
    day = ui["first_day"] if d.day == 1 else str(d.day)
    parts = [day]
    if with_month:
        parts.append(ui["month_names"][d.month - 1])
    if with_year:
        parts.append(str(d.year))
    return " ".join(parts)


def human_date(value: str | None, lang_code: str = "fr", mod: str | None = None) -> str:
    """'2021-03-04' -> '4 mars 2021'; '2019-SP' -> 'printemps 2019'; ranges in words;
    a month with its part: ('2021-10', 'END') -> 'fin octobre 2021'."""
    if not value:
        return "?"
    ui = load_language(lang_code)["ui"]
    value = str(value)
    if mod and re.fullmatch(r"\d{4}-\d{2}", value) and mod in ui["month_parts"]:
        return ui["month_parts"][mod].format(month=human_date(value, lang_code))
    if "/" in value:
        a, b = value.split("/", 1)
        da, db = _date(a), _date(b)
        if da and db:
            same_year, same_month = da.year == db.year, (da.year, da.month) == (db.year, db.month)
            start = _day(da, ui, with_year=not same_year, with_month=not same_month)
            return ui["range_format"].format(start=start, end=_day(db, ui))
        return ui["range_format"].format(start=human_date(a, lang_code), end=human_date(b, lang_code))
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if m:
        return f"{ui['season_names'][m.group(2)]} {m.group(1)}"
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        return value
    if m.group(3):
        d = _date(value)
        return _day(d, ui) if d else value        # no day of the calendar: as it is written
    if m.group(2):
        month = int(m.group(2))
        return f"{ui['month_names'][month - 1]} {m.group(1)}" if 1 <= month <= 12 else value
    return m.group(1)


def _date(text: str) -> dt.date | None:
    """The day YYYY-MM-DD, or None when it is none of the calendar or out of range."""
    if not _DAY.fullmatch(text) or not YEAR_MIN <= int(text[:4]) <= YEAR_MAX:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def sort_key(value: str | None) -> tuple:
    """Chronological order for ISO days, months, years, seasons and ranges."""
    if not value:
        return ("9999",)
    start = str(value).split("/")[0]
    season = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", start)
    if season:
        start = f"{season.group(1)}-{SEASON_MONTHS[season.group(2)][0]:02d}"
    return (start, str(value))


def month_key(value: str | None) -> str:
    """The timeline group of a date: 'YYYY-MM', a season 'YYYY-SP', or 'YYYY'."""
    start = str(value or "").split("/")[0]
    if re.fullmatch(r"\d{4}-(SP|SU|FA|WI)", start):
        return start
    start = sort_key(value)[0]
    return start[:7] if len(start) >= 7 else start[:4]


def group_label(key: str, lang_code: str = "fr") -> str:
    return human_date(key, lang_code)


def datetime_attr(value: str | None) -> str:
    """A value for HTML's <time datetime>: days, months, years and weeks as they are; a
    season as its year; an interval as its first day."""
    start = str(value or "").split("/")[0]
    season = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", start)
    return season.group(1) if season else start


SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def bounds(value: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day of an event's date (day, week, weekend, month, season, year or
    interval); None for what is no date, or one outside the years YEAR_MIN to YEAR_MAX
    (so a day after the last one, or a week's Sunday, can always be computed)."""
    if not value:
        return None
    value = str(value)
    if "/" in value:
        a, b = value.split("/", 1)
        first, last = bounds(a), bounds(b)
        return (first[0], last[1]) if first and last else None
    if not re.match(r"\d{4}", value, re.ASCII) or not YEAR_MIN <= int(value[:4]) <= YEAR_MAX:
        return None
    m = _SEASON.fullmatch(value)
    if m:
        y = int(m.group(1))
        a, b = SEASON_MONTHS[m.group(2)]
        end_y = y + 1 if b < a else y
        return dt.date(y, a, 1), _month_end(end_y, b)
    m = _WEEK.fullmatch(value)
    if m:
        try:
            monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:                      # no such week in that year
            return None
        return (monday + dt.timedelta(days=5) if m.group(3) else monday), monday + dt.timedelta(days=6)
    m = _CALENDAR.fullmatch(value)
    if not m:
        return None
    y = int(m.group(1))
    if m.group(3):
        d = _date(value)
        return (d, d) if d else None
    if m.group(2):
        month = int(m.group(2))
        return (dt.date(y, month, 1), _month_end(y, month)) if 1 <= month <= 12 else None
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def _month_end(y: int, m: int) -> dt.date:
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)
