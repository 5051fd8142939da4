"""Dates as a reader writes them, at their real precision, from the language table."""
from __future__ import annotations

import datetime as dt
import re

from sitegen.lang import load_language


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_CHRONO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?|-(?:SP|SU|FA|WI))?")
_WEEK = re.compile(r"(\d{4})-W(\d{2})(-WE)?")


# the days of a week its part names: "début de semaine" Monday to Wednesday, "fin de
# semaine" Friday to Sunday
WEEK_PARTS = {"START": (0, 2), "MID": (1, 3), "END": (4, 6)}


def chronology_date(value: str | None, mod: str | None = None) -> tuple[str, str] | None:
    """A TIMEX3 value as the chronology stores it (day, month, season, year or interval),
    with its precision; None for what is no date on a calendar (PRESENT_REF, XXXX-SU).
    A clock time keeps its day; a week becomes the interval of its days, or of the days
    of its part (mod START, MID, END)."""
    if not value:
        return None
    if "/" in value:
        a, b = value.split("/", 1)
        return (value, "range") if _DAY.fullmatch(a) and _DAY.fullmatch(b) else None
    if "T" in value:
        day = value.split("T")[0]
        return (day, "day") if _DAY.fullmatch(day) else None
    if _WEEK.fullmatch(value):
        first, last = bounds(value)
        if mod in WEEK_PARTS and not value.endswith("-WE"):
            a, b = WEEK_PARTS[mod]
            first, last = first + dt.timedelta(days=a), first + dt.timedelta(days=b)
        return f"{first.isoformat()}/{last.isoformat()}", "range"
    if not _CHRONO.fullmatch(value):
        return None
    if _DAY.fullmatch(value):
        return value, "day"
    if re.fullmatch(r"\d{4}-(SP|SU|FA|WI)", value):
        return value, "season"
    return value, "month" if len(value) == 7 else "year"


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
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", a) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", b):
            da, db = dt.date.fromisoformat(a), dt.date.fromisoformat(b)
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
        return _day(dt.date.fromisoformat(value), ui)
    if m.group(2):
        return f"{ui['month_names'][int(m.group(2)) - 1]} {m.group(1)}"
    return m.group(1)


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


def bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of an event's date (day, week, weekend, month, season, year or interval)."""
    if not value:
        return None
    if "/" in value:
        a, b = value.split("/", 1)
        first, last = bounds(a), bounds(b)
        return (first[0], last[1]) if first and last else None
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if m:
        y = int(m.group(1))
        a, b = SEASON_MONTHS[m.group(2)]
        end_y = y + 1 if b < a else y
        return dt.date(y, a, 1), _month_end(end_y, b)
    m = _WEEK.fullmatch(value)
    if m:
        monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        return (monday + dt.timedelta(days=5) if m.group(3) else monday), monday + dt.timedelta(days=6)
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        return None
    y = int(m.group(1))
    if m.group(3):
        d = dt.date(y, int(m.group(2)), int(m.group(3)))
        return d, d
    if m.group(2):
        return dt.date(y, int(m.group(2)), 1), _month_end(y, int(m.group(2)))
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def _month_end(y: int, m: int) -> dt.date:
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)
