"""Time expressions: find them in a text and give each a TIMEX3 value.

Everything language-specific comes from the language table (lang/<code>.yaml);
the calendar arithmetic is Python's. Relative expressions ("hier", "jeudi") are
resolved against a reference date, usually the publication date; without one they
are returned with value None rather than guessed.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

from sitegen.lang import load_language
from sitegen.model import Timex
from sitegen.text import strip_accents

B = r"(?<![\w\-])"   # left word boundary that also refuses "Su-34"-like joins
E = r"(?![\w\-])"    # right word boundary


def _alternation(words) -> str:
    """Regex alternation of words and their accent-free forms, longest first."""
    forms = set()
    for w in words:
        forms.add(w)
        forms.add(strip_accents(w))
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


class DateTagger:
    """Regex-driven tagger built from a language table."""

    def __init__(self, lang_code: str = "fr"):
        lang = load_language(lang_code)
        self.months = self._index(lang["months"])
        self.weekdays = self._index(lang["weekdays"])
        self.seasons = self._index(lang["seasons"])
        self.relative_days = self._index(lang["relative_days"])
        self.month_parts = self._index(lang["month_parts"])
        self.first_day = {f.casefold() for f in lang["first_day"]}
        M = _alternation(lang["months"])
        W = _alternation(lang["weekdays"])
        S = _alternation(lang["seasons"])
        R = _alternation(lang["relative_days"])
        P = _alternation(lang["month_parts"])
        D = r"(?:" + _alternation(lang["first_day"]) + r"|[12]\d|3[01]|0?[1-9])"
        Y = r"(?:1[0-9]\d\d|20\d\d)"
        art = r"(?:(?:" + _alternation([a for a in lang["date_articles"] if not a.endswith("'")]) + r")\s+)?"
        frm, to = re.escape(lang["range_from"]), re.escape(lang["range_to"])
        flags = re.IGNORECASE
        # Order matters: earlier patterns win over overlapping later ones.
        self.patterns: list[tuple[str, re.Pattern]] = [
            ("range", re.compile(
                B + frm + r"\s+(?:(?P<w1>" + W + r")\s+)?(?P<d1>" + D + r")(?:\s+(?P<m1>" + M + r"))?(?:\s+(?P<y1>" + Y + r"))?"
                r"\s+" + to + r"\s+(?:(?P<w2>" + W + r")\s+)?(?P<d2>" + D + r")\s+(?P<m2>" + M + r")(?:\s+(?P<y2>" + Y + r"))?" + E, flags)),
            ("numeric", re.compile(B + art + r"(?P<d>[0-3]?\d)[/.](?P<m>[01]?\d)[/.](?P<y>" + Y + r")" + E, flags)),
            ("day", re.compile(
                B + art + r"(?:(?P<w>" + W + r")\s+)?(?P<d>" + D + r")\s+(?P<m>" + M + r")(?:\s+(?P<y>" + Y + r"))?" + E, flags)),
            ("part", re.compile(
                B + r"(?:(?:au|à la|en)\s+)?(?P<p>" + P + r")[\s\-]+(?P<m>" + M + r")(?:\s+(?P<y>" + Y + r"))?" + E, flags)),
            ("season", re.compile(
                B + r"(?:(?:au|en|à l')\s*)?(?P<s>" + S + r")\s+(?:de\s+)?(?P<y>" + Y + r")" + E, flags)),
            ("month", re.compile(B + r"(?:(?:en|de|d')\s*)?(?P<m>" + M + r")\s+(?P<y>" + Y + r")" + E, flags)),
            ("month_only", re.compile(B + r"(?:en|début|fin|courant)\s+(?P<m>" + M + r")" + E, flags)),
            ("year", re.compile(B + r"(?:en|depuis|jusqu'en|avant|après|dès)\s+(?P<y>" + Y + r")" + E, flags)),
            ("relative", re.compile(B + r"(?P<r>" + R + r")" + E, flags)),
            ("weekday", re.compile(B + r"(?:(?P<ce>ce)\s+)?(?P<w>" + W + r")" + E, flags)),
        ]
        joiners = "|".join(re.escape(j) for j in lang["date_joiners"])
        self.joiner = re.compile(r"^\s*(?:" + joiners + r")\s*(?:(?:le|et le)\s+)?$", flags)

    @staticmethod
    def _index(table: dict) -> dict:
        out = {}
        for k, v in table.items():
            out[k.casefold()] = v
            out[strip_accents(k).casefold()] = v
        return out

    def _day(self, text: str) -> int:
        return 1 if text.casefold() in self.first_day else int(text)

    def tag(self, text: str, reference: dt.date | None = None) -> list[Timex]:
        """All time expressions of text, in order, without overlaps."""
        found: list[Timex] = []
        taken = [False] * len(text)
        for kind, pattern in self.patterns:
            for m in pattern.finditer(text):
                if any(taken[m.start():m.end()]):
                    continue
                timex = self._value(kind, m, reference)
                if timex is None:
                    continue
                found.append(timex)
                for i in range(m.start(), m.end()):
                    taken[i] = True
        found.sort(key=lambda t: t.start)
        return self._carry_years(text, found, reference)

    # ------------------------------------------------------------------ values

    def _value(self, kind: str, m: re.Match, ref: dt.date | None) -> Timex | None:
        g = m.groupdict()
        span = (m.start(), m.end(), m.group(0))
        if kind == "range":
            m2, y2 = self.months[g["m2"].casefold()], g["y2"]
            m1 = self.months[g["m1"].casefold()] if g["m1"] else m2
            y1 = g["y1"] or y2
            d1, d2 = self._day(g["d1"]), self._day(g["d2"])
            if y2:
                start = _safe_date(int(y1), m1, d1)
                end = _safe_date(int(y2), m2, d2)
            else:
                end = _infer_year(m2, d2, ref)
                start = _safe_date(end.year - (1 if m1 > m2 else 0), m1, d1) if end else None
            if not start or not end or end < start:
                return None
            return Timex(*span, "DATE", f"{start.isoformat()}/{end.isoformat()}", "range", None, None if y2 else "year")
        if kind == "numeric":
            day = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
            return Timex(*span, "DATE", day.isoformat(), "day") if day else None
        if kind == "day":
            month, d = self.months[g["m"].casefold()], self._day(g["d"])
            if g["y"]:
                day = _safe_date(int(g["y"]), month, d)
                return Timex(*span, "DATE", day.isoformat(), "day") if day else None
            day = _infer_year(month, d, ref)
            if ref and day is None:
                return None
            return Timex(*span, "DATE", day.isoformat() if day else None, "day", None, "year")
        if kind == "part":
            month, mod = self.months[g["m"].casefold()], self.month_parts[g["p"].casefold()]
            year = int(g["y"]) if g["y"] else _infer_month_year(month, ref)
            value = f"{year:04d}-{month:02d}" if year else None
            return Timex(*span, "DATE", value, "month", mod, None if g["y"] else "year")
        if kind == "season":
            return Timex(*span, "DATE", f"{g['y']}-{self.seasons[g['s'].casefold()]}", "season")
        if kind == "month":
            return Timex(*span, "DATE", f"{g['y']}-{self.months[g['m'].casefold()]:02d}", "month")
        if kind == "month_only":
            month = self.months[g["m"].casefold()]
            year = _infer_month_year(month, ref)
            return Timex(*span, "DATE", f"{year:04d}-{month:02d}" if year else None, "month", None, "year")
        if kind == "year":
            return Timex(*span, "DATE", g["y"], "year")
        if kind == "relative":
            offset = self.relative_days[g["r"].casefold()]
            value = (ref + dt.timedelta(days=offset)).isoformat() if ref else None
            return Timex(*span, "DATE", value, "day", None, "deictic")
        if kind == "weekday":
            weekday = self.weekdays[g["w"].casefold()]
            if ref is None:
                return Timex(*span, "DATE", None, "day", None, "deictic")
            back = (ref.weekday() - weekday) % 7   # most recent such day, today included
            return Timex(*span, "DATE", (ref - dt.timedelta(days=back)).isoformat(), "day", None, "deictic")
        raise AssertionError(kind)

    def _carry_years(self, text: str, found: list[Timex], ref: dt.date | None) -> list[Timex]:
        """'le 19 novembre et le 2 décembre 2015': the second date's year applies to the first."""
        out = list(found)
        for i in range(len(out) - 1, 0, -1):
            first, second = out[i - 1], out[i]
            if not (first.inferred == "year" and first.precision == "day" and second.precision == "day" and second.inferred is None):
                continue
            if not self.joiner.match(text[first.end:second.start]):
                continue
            year = int(second.value[:4])
            month, day = _month_day(first.value, first.text, self)
            if month is None:
                continue
            candidate = _safe_date(year, month, day)
            if candidate and candidate > dt.date.fromisoformat(second.value):
                candidate = _safe_date(year - 1, month, day)
            if candidate:
                out[i - 1] = replace(first, value=candidate.isoformat(), inferred=None)
        return out


def _month_day(value: str | None, text: str, tagger: DateTagger) -> tuple[int | None, int | None]:
    if value:
        d = dt.date.fromisoformat(value)
        return d.month, d.day
    m = tagger.patterns[2][1].search(text)
    if not m:
        return None, None
    return tagger.months[m.group("m").casefold()], tagger._day(m.group("d"))


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _infer_year(month: int, day: int, ref: dt.date | None) -> dt.date | None:
    """The year of a day-month expression: the reference's, or the previous one when the
    date would fall more than about three months after the reference (news look back)."""
    if ref is None:
        return None
    candidate = _safe_date(ref.year, month, day)
    if candidate is None:
        return _safe_date(ref.year - 1, month, day) if (month, day) == (2, 29) else None
    if (candidate - ref).days > 92:
        return _safe_date(ref.year - 1, month, day)
    return candidate


def _infer_month_year(month: int, ref: dt.date | None) -> int | None:
    if ref is None:
        return None
    return ref.year - 1 if month - ref.month > 3 else ref.year


@lru_cache(maxsize=None)
def tagger_for(lang_code: str = "fr") -> DateTagger:
    return DateTagger(lang_code)


def tag_dates(text: str, reference: dt.date | None = None, lang_code: str = "fr") -> list[Timex]:
    """Time expressions of text, resolved against reference where needed."""
    return tagger_for(lang_code).tag(text, reference)
