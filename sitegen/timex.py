"""Time expressions: find them in a text and give each a TIMEX3 value.

Everything language-specific comes from the language table (lang/<code>.yaml); the
calendar arithmetic is Python's. Three kinds of value:

* written in full ("le 2 mars 2021", "23/03/2021", "au printemps 2019");
* counted from the reference date, usually the publication date ("hier", "jeudi",
  "la semaine dernière", "il y a deux jours", a day-month without its year);
* counted from the day the text is talking about ("le lendemain", "18 h", "la nuit"):
  the nearest day named in the same sentence, else the last one named before.

Without the reference a relative expression keeps value None rather than a guess.
An interval ("du 18 au 23 décembre") gives its two ends as DATEs (as TimeML does)
and one DURATION that carries the interval as its value.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache
from typing import Callable, Sequence

from sitegen.lang import load_language
from sitegen.model import Timex
from sitegen.text import strip_accents

B = r"(?<![\w\-])"   # left word boundary that also refuses "NH90"-like joins
E = r"(?![\w\-])"    # right word boundary
ANCHORED_KINDS = ("time", "anchored", "same_day_opener", "anchored_part", "same_weekday", "offset_event", "anchored_offset", "anchored_unit")


def _alt(words) -> str:
    """Regex alternation of words and their accent-free forms, longest first."""
    forms = set()
    for w in words:
        forms.add(w)
        forms.add(strip_accents(w))
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=len, reverse=True))


def _index(table) -> dict:
    out = {}
    for k, v in (table.items() if isinstance(table, dict) else ((w, w) for w in table)):
        out[" ".join(k.casefold().split())] = v
        out[" ".join(strip_accents(k).casefold().split())] = v
    return out


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _week(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def _add_months(d: dt.date, n: int) -> tuple[int, int]:
    index = d.year * 12 + (d.month - 1) + n
    return index // 12, index % 12 + 1


class DateTagger:
    """Regex patterns built from a language table, resolved with the calendar."""

    def __init__(self, lang_code: str = "fr"):
        L = load_language(lang_code)
        self.months = _index({**L["months"], **L.get("month_abbreviations", {})})
        self.weekdays = _index(L["weekdays"])
        self.seasons = _index(L["seasons"])
        self.relative_days = _index(L["relative_days"])
        self.anchored_days = _index(L["anchored_days"])
        self.eve_morrow = _index(L.get("eve_and_morrow", {}))
        self.eve_morrow_re = re.compile(r"\b(?:(?:au|le|la|à la|l['’])\s*)?(?P<w>" + _alt(list(L.get("eve_and_morrow", {})))
                                        + r")(?:\s+(?:de|d['’]))?\s*$", re.I)
        self.day_parts = _index(L["day_parts"])
        self.month_parts = _index(L["month_parts"])
        self.units = _index(L["units"])
        self.numbers = _index(L["number_words"])
        self.number_joiner = L["number_joiner"].casefold()
        self.times_twenty = L["number_times_twenty"].casefold()
        self.ago_words = set(_index([L["ago_word"]]))
        self.past_words = set(_index(L["past_words"]))
        self.future_words = set(_index(L["future_words"]))
        self.today_words = set(_index(L["today_determiners"]))
        self.today_re = re.compile(r"\s*(?:" + "|".join(map(re.escape, sorted(self.today_words))) + r")\s", re.I)
        self.first_day = set(_index(L["first_day"]))
        self.refs = {**{k: "PRESENT_REF" for k in _index(L["present_ref"])},
                     **{k: "PAST_REF" for k in _index(L["past_ref"])},
                     **{k: "FUTURE_REF" for k in _index(L["future_ref"])}}
        self.year_followers = set(_index(L["year_followers"]))
        self.count_units = set(_index(L["count_units"]))
        self.count_before = re.compile(r"(?:^|\W)(?:" + _alt(L["quantity_words"] + L["number_nouns"]) + r")\s*$", re.I)
        self.before_after = _index(L["before_after"])
        self.later_earlier = _index(L["later_earlier"])
        self.next_previous = _index(L["next_previous"])

        M, W, S = _alt(L["months"]), _alt(L["weekdays"]), _alt(L["seasons"])
        # a month next to a day or a year may be short ("30 sept. 2019"); alone it may not
        short = L.get("month_abbreviations") or {}
        MD = r"(?:" + M + (r"|(?:" + _alt(short) + r")\.?" if short else "") + r")"
        R, A, DP, P = _alt(L["relative_days"]), _alt(L["anchored_days"]), _alt(L["day_parts"]), _alt(L["month_parts"])
        D = r"(?:" + _alt(L["first_day"]) + r"|[12]\d|3[01]|0?[1-9])"
        Y = r"(?:[12]\d\d\d)"              # the years sitegen computes with (dates.YEAR_MIN..YEAR_MAX)
        Y2 = r"(?:'?\d\d)(?=\s*[,.;:)]|\s*$)"
        NW = _alt(L["number_words"])
        NUM = r"(?:(?:" + NW + r")(?:(?:-|\s+" + re.escape(L["number_joiner"]) + r"\s+|-" + re.escape(L["number_joiner"]) + r"-)(?:" + NW + r"))*|\d{1,3})"
        self.approximate = _index(L["approximate_numbers"])
        self.vague = set(_index(L["vague_quantities"]))
        U = _alt(L["units"])
        REL = r"(?:" + _alt(L["past_words"] + L["future_words"]) + r")"
        TODAY = _alt(L["today_determiners"])
        HOUR = r"(?:[01]?\d|2[0-3])\s?(?:" + _alt(L["hour_words"]) + r")(?:\s?[0-5]\d)?"
        TPREP = _alt(L["time_prepositions"])
        YPREP = _alt(L["year_prepositions"])
        art = r"(?:(?:" + _alt(L["date_articles"]) + r")\s+)?"
        DPREP = _alt(L["day_part_prepositions"])
        frm, to = re.escape(L["range_from"]), re.escape(L["range_to"])
        week, weekend, month_word = (re.escape(L[k]) for k in ("week_word", "weekend_word", "month_word"))
        year_w = _alt(L["year_words"])
        same = re.escape(L["same_word"])
        refs = _alt(L["present_ref"] + L["past_ref"] + L["future_ref"])
        noon = re.escape(L["noon"]) + "|" + re.escape(L["midnight"])
        # "la fin du", "au début des": a part of a decade or a century, kept in the span from the article on
        PART_OF = (r"(?:(?:(?:" + _alt(L["part_prepositions"]) + r")\s+)?(?P<art>(?:" + _alt(L["part_articles"]) + r")\s*)?"
                   + r"(?P<p>" + P + r")\s+(?:" + _alt(L["part_of_words"]) + r")\s*)?")
        full_day = r"(?:(?P<w>" + W + r")\s+)?(?P<d>" + D + r")\s+(?P<m>" + MD + r")(?:\s+(?P<y>" + Y + r")|\s+(?P<y2>" + Y2 + r"))?"
        f = re.IGNORECASE
        # Order matters: earlier patterns win over overlapping later ones.
        of, until = _alt(L["day_part_of"]), _alt(L["day_part_until"])
        feasts = {**L["fixed_feasts"], **L["movable_feasts"]}
        self.feasts = _index(feasts)
        FEAST = _alt(feasts)
        self.patterns: list[tuple[str, re.Pattern]] = [
            # "dans la nuit de samedi à dimanche", "la soirée du 14 au 15 juillet": one time, on the first day
            ("day_part_of", re.compile(B + r"(?:(?:" + DPREP + r")\s*)?(?P<art>(?:" + _alt(L["part_articles"]) + r")\s*)(?P<p>" + DP
                                       + r")\s+(?:" + of + r")\s*(?:(?P<w>" + W + r")(?:\s+(?:" + until + r")\s+(?:" + W + r"))?"
                                       + r"|(?P<d>" + D + r")(?:\s+(?P<m>" + MD + r"))?(?:\s+(?:" + until + r")\s+(?P<d2>" + D + r")\s+(?P<m2>" + MD
                                       + r"))?(?:\s+(?P<y>" + Y + r"))?)" + E, f)),
            ("range", re.compile(
                B + frm + r"\s+(?P<a>(?:(?P<w1>" + W + r")\s+)?(?P<d1>" + D + r")(?:\s+(?P<m1>" + MD + r"))?(?:\s+(?P<y1>" + Y + r"))?)"
                r"\s+" + to + r"\s+(?P<b>(?:(?P<w2>" + W + r")\s+)?(?P<d2>" + D + r")\s+(?P<m2>" + MD + r")(?:\s+(?P<y2>" + Y + r"))?)" + E, f)),
            ("numeric", re.compile(B + art + r"(?P<d>[0-3]?\d)[/.](?P<m>[01]?\d)[/.](?P<y>" + Y + r")" + E, f)),
            ("day_list", re.compile(B + r"(?:les?\s+)(?P<d>" + D + r")(?=\s*(?:et|,)\s*(?:le\s+)?" + D + r"\s+(?:" + MD + r"))", f)),
            ("day", re.compile(B + art + full_day + r"(?:\s+(?P<rel>" + REL + r"))?" + E, f)),
            ("weekday_day", re.compile(B + art + r"(?P<w>" + W + r")\s+(?P<d>" + D + r")" + E, f)),
            ("rel_part", re.compile(B + r"(?P<r>" + R + r")\s+(?P<p>" + DP + r")" + E, f)),
            ("rel_weekday", re.compile(B + r"(?P<r>" + R + r")\s+(?P<w>" + W + r")" + E, f)),
            ("same_weekday", re.compile(B + r"(?:" + TODAY + r")\s+" + same + r"\s+(?P<w>" + W + r")(?:\s+(?P<p>" + DP + r"))?" + E, f)),
            ("today_part", re.compile(B + r"(?:" + TODAY + r")\s+(?P<p>" + DP + r")" + E, f)),
            ("weekday_part", re.compile(B + r"(?:(?P<ce>" + TODAY + r")\s+)?(?P<w>" + W + r")\s+(?P<p>" + DP + r")" + E, f)),
            ("year_part", re.compile(B + r"(?:(?:" + _alt(L["part_prepositions"]) + r")\s+)?(?P<art>(?:" + _alt(L["part_articles"]) + r")\s*)?"
                                     + r"(?P<p>" + P + r")\s+(?:(?:de\s+)?l'|d')(?:" + year_w + r")(?:\s+(?P<rel>" + REL + r"))?" + E
                                     + r"(?!\s+" + Y + r")", f)),
            ("part", re.compile(B + r"(?:(?:au|à la|en|dès|jusqu'à|vers|la|le|à)\s+)?(?P<p>" + P + r")[\s\-]+(?:(?:de|d')\s*)?(?P<m>" + M + r")(?:\s+(?P<y>" + Y + r"))?" + E, f)),
            ("season", re.compile(B + r"(?:(?P<det>au|en|à l'|l'|cet|ce|cette|le|du|de l')\s*)(?P<s>" + S + r")(?:\s+(?:de\s+)?(?P<y>" + Y + r")|\s+(?P<rel>" + REL + r"))?" + E, f)),
            ("bare_season", re.compile(B + r"(?P<s>" + _alt([k for k in L["seasons"] if k not in L["season_homographs"]]) + r")" + E, f)),
            ("month_year", re.compile(B + r"(?:(?:en|de|d')\s*)?(?P<m>" + MD + r")\s+(?:(?P<y>" + Y + r")|(?P<y2>" + Y2 + r"))" + E, f)),
            ("month_rel", re.compile(B + r"(?:(?:en|de|d'|depuis|dès|le mois de)\s*)?(?P<m>" + M + r")\s+(?P<rel>" + REL + r")" + E, f)),
            ("month_only", re.compile(B + r"(?:en|début|fin|courant|de|d'|dès|jusqu'en|depuis|au mois de|mois de)\s*(?P<m>" + M + r")" + E, f)),
            # feasts keep their capital ("Noël", "l'Ascension"; not "l'ascension du Mont-Blanc")
            ("feast", re.compile(B + r"(?P<f>" + FEAST + r")(?:\s+(?P<y>" + Y + r"))?" + E)),
            ("new_year", re.compile(B + _alt([L["new_year"]]) + E, f)),
            ("year_rel", re.compile(B + r"(?:(?P<det>cette|cet)\s+(?:" + year_w + r")|l'(?:" + year_w + r")\s+(?P<rel>" + REL + r"))" + E, f)),
            ("part_of_year", re.compile(B + r"(?:(?:" + _alt(L["part_prepositions"]) + r")\s+)?(?P<art>(?:" + _alt(L["part_articles"])
                                        + r")\s*)?(?P<p>" + P + r")(?:\s+|-)(?:(?:de|d')\s*)?"
                                     + r"(?:l'(?:" + year_w + r")\s+)?(?P<y>" + Y + r")" + E, f)),
            ("year_named", re.compile(B + r"l'(?:" + year_w + r")\s+(?P<y>" + Y + r")" + E, f)),
            ("week_part", re.compile(B + r"(?:(?:à la|au|en|dès la|dès le|la|le)\s+)?(?P<p>" + P + r")\s+(?:de\s+(?:(?P<det>la|cette)\s+)?)"
                                     + r"(?P<u>" + week + r")(?:\s+(?P<rel>" + REL + r"))?" + E, f)),
            ("week", re.compile(B + r"(?:(?P<det>cette|ce)\s+(?P<u>" + week + "|" + weekend + r")|(?:la|le)\s+(?P<u2>" + week + "|" + weekend + r")\s+(?P<rel>" + REL + r"))" + E, f)),
            ("month_part_deictic", re.compile(B + r"(?:(?:au|à la|en|dès)\s+)?(?P<p>" + P + r")[\s\-]+" + re.escape(L["this_month"])
                                              + r"(?:\s+(?P<rel>" + REL + r"))?" + E, f)),
            ("century", re.compile(B + PART_OF + r"(?P<c>[XVI]{1,6}|[12]?\d)(?:e|ème|eme|è|ᵉ)\s+" + re.escape(L["century_word"]) + E)),
            ("decade", re.compile(B + PART_OF + r"(?:(?:" + _alt(L["date_articles"]) + r")\s+)?" + re.escape(L["decade_word"])
                                  + r"\s+(?P<y>(?:1\d|20)?\d0)" + E, f)),
            ("month_deictic", re.compile(B + r"(?:ce\s+" + month_word + r"(?:-ci)?|le\s+" + month_word + r"\s+(?P<rel>" + REL + r"))" + E, f)),
            ("offset_event", re.compile(B + r"(?P<n>" + NUM + r")\s+(?P<u>" + U + r")\s+(?P<dir>" + _alt(L["before_after"])
                                        + r")\s+(?:la|le|l'|les)\s*(?P<noun>[^\W\d]{4,})" + E, f)),
            ("ago", re.compile(B + r"(?P<dir>" + _alt([L["ago_word"], L["in_word"]]) + r")\s+(?:(?P<n>" + NUM + r")\s+|(?P<approx>"
                               + _alt(L["approximate_numbers"]) + r")\s*|(?P<vague>" + _alt(L["vague_quantities"]) + r")\s+)(?P<u>" + U + r")" + E, f)),
            ("year_pair", re.compile(B + r"(?P<y>" + Y + r")\s?[/\-–]\s?(?P<y2>" + Y + r")" + E, f)),
            ("year", re.compile(B + r"(?:(?P<prep>" + YPREP + r")\s+)?(?P<y>" + Y + r")" + E, f)),
            ("time", re.compile(B + r"(?:(?P<prep>" + TPREP + r")\s+)?(?P<t>" + HOUR + r"|" + noon + r")" + E, f)),
            ("anchored_offset", re.compile(B + r"(?P<n>" + NUM + r")\s+(?P<u>" + U + r")\s+(?P<dir>" + _alt(L["later_earlier"]) + r")" + E
                                           + r"(?!\s*(?:" + _alt(L["noun_starters"]) + r")(?![\w\-]))", f)),
            ("anchored_unit", re.compile(B + r"(?:" + _alt(L["part_articles"]) + r")\s*(?P<u>" + U + r")\s+(?P<np>"
                                         + _alt(L["next_previous"]) + r")" + E, f)),
            ("same_day_opener", re.compile(r"(?:^|(?<=[.!?»]\s))(?:" + _alt(L["same_day_openers"]) + r")(?=\s*,)", f)),
            ("anchored", re.compile(B + r"(?P<a>" + A + r")(?:\s+(?:(?:" + DPREP + r")\s*)?(?P<p>" + DP + r"))?" + E, f)),
            ("anchored_part", re.compile(B + r"(?:(?P<prep>" + DPREP + r")\s*)?(?:(?P<art>" + _alt(L["part_articles"]) + r")\s*)?(?P<p>" + DP
                                         + r")(?P<same>\s+" + same + r")?" + E, f)),
            ("relative", re.compile(B + r"(?P<r>" + R + r")" + E, f)),
            ("weekday", re.compile(B + r"(?:(?P<ce>" + TODAY + r")\s+)?(?P<w>" + W + r")(?:\s+(?P<rel>" + REL + r"))?" + E, f)),
            ("ref", re.compile(B + r"(?P<ref>" + refs + r")" + E, f)),
        ]
        self.pattern = dict(self.patterns)
        # a pattern is tried only on a text that holds one of the words it cannot do
        # without (a month name, a weekday...), or a digit: most patterns skip most
        # paragraphs at the cost of a substring test
        months = [*L["months"], *short]
        needs = {
            "day_part_of": L["day_parts"], "range": months, "day_list": months, "day": months, "part": months,
            "month_year": months, "month_rel": months, "month_only": months,
            "rel_part": L["relative_days"], "rel_weekday": L["relative_days"], "relative": L["relative_days"],
            "same_weekday": L["weekdays"], "weekday_part": L["weekdays"], "weekday": L["weekdays"],
            "today_part": L["day_parts"], "anchored_part": L["day_parts"],
            "season": L["seasons"], "bare_season": L["seasons"], "feast": feasts,
            "year_part": L["year_words"], "year_rel": L["year_words"], "year_named": L["year_words"],
            "new_year": [L["new_year"]], "week_part": [L["week_word"]], "week": [L["week_word"], L["weekend_word"]],
            "month_part_deictic": [L["month_word"]], "month_deictic": [L["month_word"]],
            "century": [L["century_word"]], "decade": [L["decade_word"]],
            "offset_event": L["units"], "ago": L["units"], "anchored_offset": L["units"], "anchored_unit": L["units"],
            "anchored": L["anchored_days"], "same_day_opener": L["same_day_openers"], "ref": L["present_ref"] + L["past_ref"] + L["future_ref"],
            "time": [L["noon"], L["midnight"]],
        }
        self.needles = {kind: tuple(sorted({_needle(w) for w in words})) for kind, words in needs.items()}
        self.needs_digit = {"numeric", "year_pair", "year", "part_of_year", "time", "day", "day_list", "range", "month_year"}
        joiners = "|".join(re.escape(j) for j in L["date_joiners"])
        self.joiner = re.compile(r"^\s*(?:" + joiners + r")\s*(?:(?:le|et le)\s+)?$", f)
        self.hour_re = re.compile(r"(?P<h>\d{1,2})\s?(?:" + _alt(L["hour_words"]) + r")(?:\s?(?P<min>\d\d))?", f)
        self.noon = L["noon"].casefold()
        self.midnight = L["midnight"].casefold()
        self.clock_word_preps = set(_index(L["clock_word_prepositions"]))

    # ------------------------------------------------------------------ scanning

    def tag(self, text: str, reference: dt.date | None = None,
            is_future: Callable[[int, int], bool] | None = None, earlier: Sequence[dt.date] = ()) -> list[Timex]:
        """All time expressions of text, in order. is_future(start, end) may say whether
        the clause around a span is in the future tense (default: a guess from the
        words). earlier: the days the text dated before this piece of it (earlier
        paragraphs, in order), for "le lendemain" when this piece names none."""
        self._text = text
        taken = bytearray(len(text))
        matches: list[tuple[str, re.Match]] = []
        folded = strip_accents(text.casefold())
        digit = any(ch.isdigit() for ch in text)
        for kind, pattern in self.patterns:
            if not self._may_match(kind, folded, digit):
                continue
            for m in pattern.finditer(text):
                if any(taken[m.start():m.end()]):
                    continue
                if not self._acceptable(kind, m, text):
                    continue
                matches.append((kind, m))
                taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
        matches.sort(key=lambda km: km[1].start())
        future = is_future or future_guess(text)
        sentences = _sentence_starts(text)
        found: list[Timex] = []
        pending: list[tuple[int, str, re.Match]] = []
        for kind, m in matches:
            if kind in ANCHORED_KINDS:
                pending.append((len(found), kind, m))
                found.append(None)  # placeholder keeps the order
                continue
            found.extend(self._value(kind, m, reference, future))
        # anchored expressions take the day the sentence (or the text) is talking about
        for slot, kind, m in pending:
            past = not future(m.start(), m.end())
            day = _anchor_day(found, m.start(), sentences, reference, kind, earlier, past)
            found[slot] = self._anchored_value(kind, m, day, found, m.start(), reference, earlier)
        out = [t for t in found if t is not None]
        out.sort(key=lambda t: (t.start, -t.end))
        return self._carry(text, self._eve_and_morrow(text, self._merge_time_day(text, out)))

    def _may_match(self, kind: str, folded: str, digit: bool) -> bool:
        if kind == "weekday_day":
            return any(n in folded for n in self.needles["weekday"])
        needles = self.needles.get(kind)
        if kind in self.needs_digit:
            if not digit and kind not in self.needles:
                return False
            if kind in ("day", "day_list", "range", "month_year"):   # a day number or year, and a month
                return (digit or kind == "day") and any(n in folded for n in needles)
            return digit or any(n in folded for n in needles)
        return needles is None or any(n in folded for n in needles)

    def _acceptable(self, kind: str, m: re.Match, text: str) -> bool:
        g = m.groupdict()
        if kind in ("year", "year_pair", "part_of_year"):
            return self._is_year(text, m.start("y"), m.end("y2") if g.get("y2") else m.end("y"), bool(g.get("prep")))
        if kind == "weekday_day":                # "samedi 5, place du Marché"; not "samedi 3 personnes"
            nxt = re.match(r"\s+([^\W\d_][\w'’\-]*)", text[m.end():m.end() + 40])
            if nxt and nxt.group(1)[0].islower() and _key(nxt.group(1)) not in self.year_followers:
                return False
        if kind == "weekday":
            before = text[max(0, m.start() - 4):m.start()].casefold()
            if re.search(r"(?:^|\s)(?:le|les)\s$", before) and not g.get("rel"):
                return False                     # "le mercredi": a habit, not a day
        if kind == "time":
            t = g["t"]
            if t.casefold() in (self.noon, self.midnight) and _key(g.get("prep") or "") not in self.clock_word_preps:
                return False                     # "le Midi" is a region, "les coups de minuit" no time
            if not re.search(r"\d\s?\w+\s?\d\d", t) and not g.get("prep"):
                return False                     # "48 h" alone may be a duration
        if kind == "bare_season" and re.search(r"(?:\bd'|\bde\s)$", text[max(0, m.start() - 3):m.start()], re.I):
            return False                         # "les Jeux d'hiver", "sports d'hiver": a kind, not a time
        if kind == "anchored_part" and (_key(g["p"]) == self.noon or not (g.get("art") or g.get("prep"))):
            return False                         # "soir" alone may be a newspaper, "midi" a region
        return True

    def _is_year(self, text: str, start: int, end: int, prep: bool) -> bool:
        """A four-digit number is a year unless it is a count or a piece of another number:
        part of "1 500", "2.000", "2019/10" or "n° 1234"; after "plus de", "les" or
        "article"; before a counted noun ("2000 personnes", "en 2014 cibles") or a unit
        ("1500 km", "2000 €"). A capitalised plural after a number with no preposition is
        counted too ("2000 Français"); after one it starts a new phrase ("en 1995 Jacques")."""
        before, after = text[max(0, start - 30):start], text[end:end + 40]
        if re.search(r"[\d/.,:#°№]\s?$", before) or re.match(r"\s?(?:[/.,:]\d|[%€$£°])", after):
            return False
        if self.count_before.search(before):
            return False
        nxt = re.match(r"\s+([^\W\d_][\w'’\-]*)", after)
        if not nxt:
            return True
        word = nxt.group(1)
        key = _key(re.split(r"['’]", word)[0] + ("'" if re.search(r"['’]", word) else ""))
        if key in self.year_followers:
            return True
        if _key(word) in self.count_units:
            return False
        plural = word[-1] in "sxSX" and len(word) > 2
        if word[0].islower():
            return not plural
        return prep or not plural

    # ------------------------------------------------------------------ values

    def relative_offset(self, text: str) -> int | None:
        """Days from the reference for an expression that starts with 'hier', 'demain'...;
        None for anything else (a weekday is not a fixed offset)."""
        m = self.pattern["relative"].match(text)
        return self.relative_days[_key(m.group("r"))] if m else None

    def _month(self, text: str) -> int:
        """The number of a month name, whole or short ("sept." and "sept" alike)."""
        return self.months[_key(text).rstrip(".")]

    def _number(self, text: str | None) -> int | None:
        """A number in digits or words: "3", "trois", "vingt-cinq", "trente et un",
        "soixante-dix", "quatre-vingt-dix"."""
        if not text:
            return None
        if text.isdigit():
            return int(text)
        parts = [p for p in re.split(r"[-\s]+", _key(text)) if p != self.number_joiner]
        total, previous = 0, None
        for p in parts:
            value = self.numbers.get(p)
            if value is None:
                return None
            if value == 20 and previous == self.times_twenty:
                total += 20 * 4 - self.numbers[previous]      # "quatre-vingt": four twenties
            elif value == 100 and total:
                total *= 100
            else:
                total += value
            previous = p
        return total or None

    def _day_number(self, text: str) -> int:
        return 1 if _key(text) in self.first_day else int(text)

    def _direction(self, rel: str | None) -> int:
        if not rel:
            return 0
        k = _key(rel)
        return -1 if k in self.past_words else 1 if k in self.future_words else 0

    def _year_of(self, y: str | None, y2: str | None, ref: dt.date | None) -> int | None:
        if y:
            return int(y)
        if y2:
            n = int(y2.strip("'"))
            limit = (ref.year if ref else 2000) + 10      # a two-digit year is not far in the future
            return 2000 + n if 2000 + n <= limit else 1900 + n
        return None

    def _value(self, kind: str, m: re.Match, ref: dt.date | None, future) -> list[Timex]:
        g = m.groupdict()
        span = (m.start(), m.end(), m.group(0))

        def one(type_, value, precision, mod=None, inferred=None, s=span):
            return [Timex(*s, type_, value, precision, mod, inferred)]

        if kind == "range":
            m2, y2 = self._month(g["m2"]), g["y2"]
            m1 = self._month(g["m1"]) if g["m1"] else m2
            y1 = g["y1"] or y2
            d1, d2 = self._day_number(g["d1"]), self._day_number(g["d2"])
            if y2:
                start, end = _safe_date(int(y1), m1, d1), _safe_date(int(y2), m2, d2)
            else:
                end = _infer_year(m2, d2, ref, 0)
                start = _safe_date(end.year - (1 if m1 > m2 else 0), m1, d1) if end else None
            inferred = None if y2 else "year"
            if not end or not start or end < start:
                if ref is None and not y2:
                    a, b = m.span("a"), m.span("b")
                    return [Timex(a[0], a[1], m.group("a"), "DATE", None, "day", None, "year"),
                            Timex(b[0], b[1], m.group("b"), "DATE", None, "day", None, "year")]
                return []
            a, b = m.span("a"), m.span("b")
            return [Timex(*span, "DURATION", f"{start.isoformat()}/{end.isoformat()}", "range", None, inferred),
                    Timex(a[0], a[1], m.group("a"), "DATE", start.isoformat(), "day", None, inferred, in_range=True),
                    Timex(b[0], b[1], m.group("b"), "DATE", end.isoformat(), "day", None, inferred, in_range=True)]
        if kind == "day_part_of":
            span = (m.start("art"), m.end(), m.string[m.start("art"):m.end()])
            part = self.day_parts[_key(g["p"])]
            if g.get("w"):
                day = self._weekday(g["w"], None, None, ref, future(m.start(), m.end()))
            else:
                month_text = g.get("m") or g.get("m2")
                if not month_text:
                    return []                    # "la nuit du 14": no month, no day
                month, d = self._month(month_text), self._day_number(g["d"])
                if g.get("y"):
                    day = _safe_date(int(g["y"]), month, d)
                else:
                    day = _infer_year(month, d, ref, 1 if future(m.start(), m.end()) else 0)
            return one("TIME", f"{day.isoformat()}T{part}" if day else None, "day", None, None if g.get("y") else "deictic", s=span)
        if kind == "feast":
            rule = self.feasts[_key(g["f"])]
            if g.get("y"):
                day = _feast_day(rule, int(g["y"]))
                return one("DATE", day.isoformat() if day else None, "day")
            if ref is None:
                return one("DATE", None, "day", None, "year")
            after = future(m.start(), m.end())
            days = [d for d in (_feast_day(rule, ref.year + k) for k in (-1, 0, 1)) if d]
            if after:
                day = min((d for d in days if d >= ref), default=None)
            else:                                # past-biased, as news tells: the last one, unless one is near ahead
                ahead = [d for d in days if d >= ref and (d - ref).days <= 92]
                past = [d for d in days if d < ref]
                day = min(ahead) if ahead else max(past) if past else None
            return one("DATE", day.isoformat() if day else None, "day", None, "year")
        if kind == "weekday_day":                # the day of that number that falls on that weekday, nearest
            if ref is None:
                return one("DATE", None, "day", None, "year")
            wd, n = self.weekdays[_key(g["w"])], self._day_number(g["d"])
            fits = [ref + dt.timedelta(days=k) for k in range(-62, 63)]
            fits = [d for d in fits if d.day == n and d.weekday() == wd]
            if not fits:
                return []
            day = min(fits, key=lambda d: (abs((d - ref).days), d > ref))
            return one("DATE", day.isoformat(), "day", None, "year")
        if kind == "numeric":
            day = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
            return one("DATE", day.isoformat(), "day") if day else []
        if kind == "day_list":
            return one("DATE", None, "day", None, "list")
        if kind == "day":
            month, d = self._month(g["m"]), self._day_number(g["d"])
            year = self._year_of(g["y"], g["y2"], ref)
            if year:
                day = _safe_date(year, month, d)
                return one("DATE", day.isoformat(), "day") if day else []
            today = bool(self.today_re.match(m.group(0)))
            direction = self._direction(g["rel"]) * 2 or (1 if future(m.start(), m.end()) else 0)
            day = _infer_year(month, d, ref, direction)
            if ref and day is None:
                return []
            return one("DATE", day.isoformat() if day else None, "day", None, "today" if today else "year")
        if kind in ("rel_part", "today_part"):
            offset = self.relative_days[_key(g["r"])] if kind == "rel_part" else 0
            part = self.day_parts[_key(g["p"])]
            if ref is None:
                return one("TIME", None, "day", None, "deictic")
            day = ref + dt.timedelta(days=offset)
            value = f"{day.isoformat()}T12:00" if part == "MI" else f"{day.isoformat()}T{part}"
            return one("TIME", value, "day", None, "deictic")
        if kind == "rel_weekday":
            if ref is None:
                return one("DATE", None, "day", None, "deictic")
            day = ref + dt.timedelta(days=self.relative_days[_key(g["r"])])
            return one("DATE", day.isoformat(), "day", None, "deictic")
        if kind == "weekday_part":
            day = self._weekday(g["w"], g.get("ce"), None, ref, future(m.start(), m.end()))
            part = self.day_parts[_key(g["p"])]
            if day is None:
                return one("TIME", None, "day", None, "deictic")
            value = f"{day.isoformat()}T12:00" if part == "MI" else f"{day.isoformat()}T{part}"
            return one("TIME", value, "day", None, "deictic")
        if kind == "weekday":
            day = self._weekday(g["w"], g.get("ce"), g.get("rel"), ref, future(m.start(), m.end()))
            return one("DATE", day.isoformat() if day else None, "day", None, "deictic")
        if kind == "relative":
            offset = self.relative_days[_key(g["r"])]
            value = (ref + dt.timedelta(days=offset)).isoformat() if ref else None
            return one("DATE", value, "day", None, "deictic")
        if kind == "year_part":
            mod = self.month_parts[_key(g["p"])]
            start = m.start("art") if g.get("art") else m.start("p")
            part = (start, m.end(), m.string[start:m.end()])
            if ref is None:
                return one("DATE", None, "year", mod, "deictic", s=part)
            return one("DATE", str(ref.year + self._direction(g["rel"])), "year", mod, "deictic", s=part)
        if kind == "part":
            month, mod = self._month(g["m"]), self.month_parts[_key(g["p"])]
            year = int(g["y"]) if g["y"] else _infer_month_year(month, ref, 0)
            return one("DATE", f"{year:04d}-{month:02d}" if year else None, "month", mod, None if g["y"] else "year")
        if kind == "season":
            code = self.seasons[_key(g["s"])]
            if g["y"]:
                return one("DATE", f"{g['y']}-{code}", "season")
            det, direction = _key(g["det"]), self._direction(g["rel"])
            if det in self.today_words or direction:
                if ref is None:
                    return one("DATE", None, "season", None, "deictic")
                return one("DATE", f"{_season_year(code, ref, direction)}-{code}", "season", None, "deictic")
            return one("DATE", f"XXXX-{code}", "season", None, "generic")
        if kind == "bare_season":
            return one("DATE", f"XXXX-{self.seasons[_key(g['s'])]}", "season", None, "generic")
        if kind == "month_year":
            year = self._year_of(g["y"], g["y2"], ref)
            return one("DATE", f"{year}-{self._month(g['m']):02d}", "month")
        if kind in ("month_rel", "month_only"):
            month = self._month(g["m"])
            direction = self._direction(g.get("rel")) * 2 or (1 if future(m.start(), m.end()) else 0)
            year = _infer_month_year(month, ref, direction)
            return one("DATE", f"{year:04d}-{month:02d}" if year else None, "month", None, "year")
        if kind == "new_year":
            return one("DATE", str(ref.year) if ref else None, "year", None, "deictic")
        if kind == "year_rel":
            if ref is None:
                return one("DATE", None, "year", None, "deictic")
            return one("DATE", str(ref.year + self._direction(g.get("rel"))), "year", None, "deictic")
        if kind == "year_named":
            return one("DATE", g["y"], "year")
        if kind == "week_part":                  # "à la fin de la semaine": that week, its end
            mod = self.month_parts[_key(g["p"])]
            if ref is None:
                return one("DATE", None, "week", mod, "deictic")
            return one("DATE", _week(ref + dt.timedelta(weeks=self._direction(g.get("rel")))), "week", mod, "deictic")
        if kind == "week":
            unit = _key(g.get("u") or g.get("u2"))
            if ref is None:
                return one("DATE", None, "week", None, "deictic")
            direction = self._direction(g.get("rel"))
            if "-" in unit:                      # the week-end
                base = ref + dt.timedelta(weeks=direction)
                if not direction and ref.weekday() < 3:
                    base = ref - dt.timedelta(weeks=1)   # early in the week: the one just past
                return one("DATE", _week(base) + "-WE", "week", None, "deictic")
            return one("DATE", _week(ref + dt.timedelta(weeks=direction)), "week", None, "deictic")
        if kind == "month_part_deictic":
            if ref is None:
                return one("DATE", None, "month", self.month_parts[_key(g["p"])], "deictic")
            y, mo = _add_months(ref, self._direction(g.get("rel")))
            return one("DATE", f"{y:04d}-{mo:02d}", "month", self.month_parts[_key(g["p"])], "deictic")
        if kind in ("century", "decade"):        # TIMEX3 writes the unknown digits: 18XX, 196X
            mod = self.month_parts[_key(g["p"])] if g.get("p") else None
            start = m.start("art") if g.get("art") else m.start("p") if g.get("p") else m.start()
            part = (start, m.end(), m.string[start:m.end()])
            if kind == "century":
                n = int(g["c"]) if g["c"].isdigit() else _roman(g["c"])
                return one("DATE", f"{n - 1:02d}XX", "century", mod, s=part) if n and 1 <= n <= 30 else []
            y = g["y"]
            if len(y) == 2:                      # "les années 20": the last such decade begun by the reference
                y = str(2000 + int(y)) if ref and 2000 + int(y) <= ref.year else str(1900 + int(y))
            return one("DATE", y[:3] + "X", "decade", mod, s=part)
        if kind == "month_deictic":
            if ref is None:
                return one("DATE", None, "month", None, "deictic")
            y, mo = _add_months(ref, self._direction(g.get("rel")))
            return one("DATE", f"{y:04d}-{mo:02d}", "month", None, "deictic")
        if kind == "ago":
            sign = -1 if _key(g["dir"]) in self.ago_words else 1
            if g.get("vague"):                   # "il y a quelques mois": a length of time, no date
                unit = self.units[_key(g["u"])]
                letter = {"day": "D", "week": "W", "month": "M", "year": "Y"}[unit]
                s = m.start("vague")
                return [Timex(s, m.end(), m.string[s:m.end()], "DURATION", f"PX{letter}", unit, None, "generic")]
            mod = "APPROX" if g.get("approx") else None
            n = self.approximate[_key(g["approx"])] if g.get("approx") else self._number(g["n"])
            unit = self.units[_key(g["u"])]
            if n is None:
                return []
            if ref is None:
                return one("DATE", None, unit, mod, "deictic")
            if unit == "day":
                return one("DATE", (ref + dt.timedelta(days=sign * n)).isoformat(), "day", mod, "deictic")
            if unit == "week" and mod is None and sign < 0:
                # "il y a une semaine, le ministre annonçait": news counts whole weeks back
                # from the day of writing, to the same weekday ("dans trois semaines", a
                # plan, stays a week)
                return one("DATE", (ref + dt.timedelta(weeks=sign * n)).isoformat(), "day", mod, "deictic")
            if unit == "week":
                return one("DATE", _week(ref + dt.timedelta(weeks=sign * n)), "week", mod, "deictic")
            if unit == "month":
                y, mo = _add_months(ref, sign * n)
                return one("DATE", f"{y:04d}-{mo:02d}", "month", mod, "deictic")
            return one("DATE", str(ref.year + sign * n), "year", mod, "deictic")
        if kind == "year_pair":
            a, b = m.span("y"), m.span("y2")
            return [Timex(a[0], a[1], g["y"], "DATE", g["y"], "year"),
                    Timex(b[0], b[1], g["y2"], "DATE", g["y2"], "year")]
        if kind == "year":
            s = m.span("y")
            return [Timex(s[0], s[1], g["y"], "DATE", g["y"], "year")]
        if kind == "part_of_year":               # "fin 2002", "début de l'année 2003", "mi-2003"
            start = m.start("art") if g.get("art") else m.start("p")
            return one("DATE", g["y"], "year", self.month_parts[_key(g["p"])], s=(start, m.end(), m.string[start:m.end()]))
        if kind == "ref":
            return one("DATE", self.refs[_key(g["ref"])], None, None, "generic")
        raise AssertionError(kind)

    def _weekday(self, word: str, ce: str | None, rel: str | None, ref: dt.date | None, future: bool) -> dt.date | None:
        """The day a weekday name points to: the most recent one (today included) in
        past-tense news, the next one in a future clause, the nearest with 'ce'."""
        if ref is None:
            return None
        wd = self.weekdays[_key(word)]
        back = (ref.weekday() - wd) % 7
        ahead = (wd - ref.weekday()) % 7
        direction = self._direction(rel)
        if direction < 0:
            return ref - dt.timedelta(days=back or 7)
        if direction > 0:
            return ref + dt.timedelta(days=ahead or 7)
        if ce:
            return ref + dt.timedelta(days=ahead) if ahead <= back else ref - dt.timedelta(days=back)
        if future:
            return ref + dt.timedelta(days=ahead or 7)
        return ref - dt.timedelta(days=back)

    def _clock(self, text: str) -> str:
        if text.casefold() == self.noon:
            return "12:00"
        if text.casefold() == self.midnight:
            return "24:00"                       # the end of the day it is on (TIMEX3)
        m = self.hour_re.search(text)
        return f"{int(m.group('h')):02d}:{m.group('min') or '00'}"

    def _anchored_value(self, kind: str, m: re.Match, anchor: dt.date | None, found, pos: int,
                        ref: dt.date | None = None, earlier: Sequence[dt.date] = ()) -> Timex | None:
        g = m.groupdict()
        span = (m.start(), m.end(), m.group(0))
        if kind in ("anchored_offset", "anchored_unit"):
            unit = self.units[_key(g["u"])]
            if kind == "anchored_offset":
                n = self._number(g["n"])
                if not n:
                    return None
                n *= self.later_earlier[_key(g["dir"])]
            else:
                n = self.next_previous[_key(g["np"])]
            if unit in ("day", "week"):
                if anchor is None:
                    return Timex(*span, "DATE", None, "day", None, "anchored")
                day = anchor + dt.timedelta(days=n * (7 if unit == "week" else 1))
                if unit == "week" and kind == "anchored_unit":
                    return Timex(*span, "DATE", _week(day), "week", None, "anchored")
                return Timex(*span, "DATE", day.isoformat(), "day", None, "anchored")
            point = _anchor_point(found, pos, unit, earlier[-1] if earlier else ref)
            if point is None:
                return Timex(*span, "DATE", None, unit, None, "anchored")
            if unit == "month":
                y, mo = _add_months(point, n)
                return Timex(*span, "DATE", f"{y:04d}-{mo:02d}", "month", None, "anchored")
            return Timex(*span, "DATE", str(point.year + n), "year", None, "anchored")
        if kind == "time":
            value = f"{anchor.isoformat()}T{self._clock(g['t'])}" if anchor else None
            s = m.span("t")
            return Timex(s[0], s[1], g["t"], "TIME", value, "day", None, "anchored")
        if kind == "anchored":
            offset = self.anchored_days[_key(g["a"])]
            value = (anchor + dt.timedelta(days=offset)).isoformat() if anchor else None
            if g.get("p"):                       # "la veille au soir", "le lendemain matin"
                part = self.day_parts[_key(g["p"])]
                return Timex(*span, "TIME", value and f"{value}T{part}", "day", None, "anchored")
            return Timex(*span, "DATE", value, "day", None, "anchored")
        if kind == "same_day_opener":
            return Timex(*span, "DATE", anchor and anchor.isoformat(), "day", None, "anchored")
        if kind == "anchored_part":
            if anchor is None and g.get("prep"):
                # "dans la matinée", "en fin de soirée" with no day in this paragraph: the
                # day of writing (the days of earlier paragraphs are as often a plan or a
                # recall as the day being told)
                anchor = ref
            if anchor is None:
                return None                       # "la nuit" with no day in sight: not a date
            part = self.day_parts[_key(g["p"])]
            if g.get("art"):                      # "dans la nuit": the expression is "la nuit"
                span = (m.start("art"), m.end(), m.string[m.start("art"):m.end()])
            return Timex(*span, "TIME", f"{anchor.isoformat()}T{part}", "day", None, "anchored")
        if kind == "offset_event":
            day = _event_day(self._text, g["noun"], m.start(), found)
            n = self._number(g["n"]) or 0
            unit = self.units[_key(g["u"])]
            value = None
            if day and unit in ("day", "week"):
                days = n * (7 if unit == "week" else 1) * self.before_after[_key(g["dir"])]
                value = (day + dt.timedelta(days=days)).isoformat()
            return Timex(*span, "DATE", value, "day", None, "anchored")
        if kind == "same_weekday":
            wd = self.weekdays[_key(g["w"])]
            earlier = [t for t in found if t is not None and t.start < pos and t.precision == "day"
                       and t.value and dt.date.fromisoformat(t.value[:10]).weekday() == wd]
            day = dt.date.fromisoformat(earlier[-1].value[:10]) if earlier else None
            if g.get("p") and day:
                part = self.day_parts[_key(g["p"])]
                return Timex(*span, "TIME", f"{day.isoformat()}T{part}", "day", None, "anchored")
            return Timex(*span, "DATE", day.isoformat() if day else None, "day", None, "anchored")
        raise AssertionError(kind)

    def _eve_and_morrow(self, text: str, found: list[Timex]) -> list[Timex]:
        """'Au lendemain du 4 mars', 'la veille du 9 avril': one expression, the
        day named moved by one day (or two), not the day named, nor a 'veille' of the day
        the text was telling."""
        out: list[Timex] = []
        for t in found:
            m = self.eve_morrow_re.search(text, max(0, t.start - 40), t.start) if t.type == "DATE" else None
            if m is None or t.precision != "day" or not t.value or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value):
                out.append(t)
                continue
            while out and out[-1].start >= m.start():    # "la veille" already tagged on its own
                out.pop()
            day = dt.date.fromisoformat(t.value) + dt.timedelta(days=self.eve_morrow[_key(m.group("w"))])
            out.append(replace(t, start=m.start(), text=text[m.start():t.end], value=day.isoformat(), inferred="anchored"))
        return out

    def _merge_time_day(self, text: str, found: list[Timex]) -> list[Timex]:
        """'vers 15 h 30, hier' is one time: the clock, then the day it is on."""
        out: list[Timex] = []
        for t in found:
            prev = out[-1] if out else None
            if (prev is not None and prev.type == "TIME" and prev.inferred == "anchored" and t.inferred == "deictic"
                    and _key(t.text) in self.relative_days and t.value
                    and re.fullmatch(r"\s*,\s*", text[prev.end:t.start])):
                clock = prev.value.split("T")[1] if prev.value and "T" in prev.value else None
                value = f"{t.value[:10]}T{clock}" if clock else t.value
                out[-1] = replace(prev, end=t.end, text=text[prev.start:t.end], value=value, inferred="deictic")
                continue
            out.append(t)
        return out

    def _carry(self, text: str, found: list[Timex]) -> list[Timex]:
        """Coordinated dates share what only one of them writes: 'le 19 novembre et le
        2 décembre 2021' (the year, carried back), 'les 6 et 13 avril' (month and year)."""
        out = list(found)
        days = [i for i, t in enumerate(out) if t.precision == "day" and t.type == "DATE" and not t.in_range]
        for a, b in zip(days, days[1:]):
            first, second = out[a], out[b]
            if not self.joiner.match(text[first.end:second.start]) or not second.value:
                continue
            target = dt.date.fromisoformat(second.value[:10])
            if first.inferred == "list":
                day = _safe_date(target.year, target.month, int(re.search(r"\d+", first.text).group()))
                if day:
                    out[a] = replace(first, value=day.isoformat(), inferred=second.inferred)
            elif first.inferred == "year" and second.inferred is None:
                month, d = self._month_day(first)
                if month is None:
                    continue
                day = _safe_date(target.year, month, d)
                if day and day > target:
                    day = _safe_date(target.year - 1, month, d)
                if day:
                    out[a] = replace(first, value=day.isoformat(), inferred=None)
        return out

    def _month_day(self, t: Timex) -> tuple[int | None, int | None]:
        m = self.pattern["day"].search(t.text)
        if not m:
            return None, None
        return self._month(m.group("m")), self._day_number(m.group("d"))


# ---------------------------------------------------------------------- helpers

def _needle(phrase: str) -> str:
    """The longest word of a phrase, folded: a text without it cannot hold the phrase."""
    words = re.split(r"[\s'’\-]+", strip_accents(str(phrase).casefold()))
    return max(words, key=len)


def _roman(text: str) -> int | None:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for i, ch in enumerate(text):
        v = values.get(ch)
        if v is None:
            return None
        total += -v if i + 1 < len(text) and values.get(text[i + 1], 0) > v else v
    return total


def _sentence_starts(text: str) -> list[int]:
    starts = [0]
    for m in re.finditer(r"(?:[.!?…]+[»\"”]?\s+|\n+)(?=\S)", text):
        starts.append(m.end())
    return starts


def _anchor_day(found: list, pos: int, sentences: list[int], ref: dt.date | None, kind: str,
                earlier: Sequence[dt.date] = (), past: bool = False) -> dt.date | None:
    """The day an anchored expression hangs on. A clock time or a part of the day: the
    nearest day named in its sentence (before it first), else the last one named before
    it in this text, else (a clock time) the reference date. "Le lendemain", "deux jours
    plus tard": the last day named before it, in this text or an earlier part of it
    (earlier), and in a past clause not one after the reference ("la veille, il avait
    reçu..." does not hang on a plan for next month); else the reference date."""
    i = bisect.bisect_right(sentences, pos) - 1
    lo = sentences[i]
    hi = sentences[i + 1] if i + 1 < len(sentences) else float("inf")
    days = [t for t in found if t is not None and t.value and t.precision == "day" and t.type in ("DATE", "TIME")
            and re.match(r"\d{4}-\d{2}-\d{2}", t.value)]
    before = [t for t in days if lo <= t.start < pos]
    after = [t for t in days if pos < t.start < hi]
    if kind in ("anchored", "anchored_offset", "anchored_unit", "same_day_opener"):
        # "Plus tôt, ...": earlier on the day this paragraph tells, else the day of writing
        candidates = [*(earlier if kind != "same_day_opener" else ()),
                      *(dt.date.fromisoformat(t.value[:10]) for t in days if t.start < pos)]
        if past and ref:
            candidates = [d for d in candidates if d <= ref]
        return candidates[-1] if candidates else ref
    else:
        pick = before[-1] if before else after[0] if after else None
        if pick is None:
            earlier = [t for t in days if t.start < pos]
            pick = earlier[-1] if earlier else None
    if pick is not None:
        return dt.date.fromisoformat(pick.value[:10])
    return ref if kind == "time" else None


def _anchor_point(found: list, pos: int, unit: str, fallback: dt.date | None) -> dt.date | None:
    """The first day of the last month ("le mois suivant") or year ("l'année
    précédente") the text named before pos, else fallback."""
    shape = r"(\d{4})-(\d{2})" if unit == "month" else r"(\d{4})"
    for t in reversed([t for t in found if t is not None and t.value and t.start < pos]):
        m = re.match(shape + r"(?![\dX])", t.value)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)) if unit == "month" else 1, 1)
    return fallback


def days_of(found: list[Timex]) -> list[dt.date]:
    """The days a list of time expressions dated, in order (the anchors of the next paragraph)."""
    return [dt.date.fromisoformat(t.value[:10]) for t in found
            if t.value and t.precision == "day" and not t.in_range and re.match(r"\d{4}-\d{2}-\d{2}", t.value)]


def _event_day(text: str, noun: str, pos: int, found: list) -> dt.date | None:
    """The day of the happening a noun names ("la rencontre"): the last earlier sentence
    that uses a word of the same stem ("rencontré") next to a day."""
    stem = strip_accents(noun.casefold())[:6]
    starts = _sentence_starts(text)
    days = [t for t in found if t is not None and t.value and t.precision == "day" and t.start < pos
            and re.match(r"\d{4}-\d{2}-\d{2}", t.value)]
    for t in reversed(days):
        i = bisect.bisect_right(starts, t.start) - 1
        lo, hi = starts[i], starts[i + 1] if i + 1 < len(starts) else len(text)
        if stem in strip_accents(text[lo:min(hi, pos)].casefold()):
            return dt.date.fromisoformat(t.value[:10])
    return None


class TenseCues:
    """Which tense a word marks, from the language table: a future form ("rendra"), a
    word of plan or obligation ("prévu", "doit"), a past auxiliary ("a", "avait"), or a
    form of être before a past participle ("s'est rendu")."""

    def __init__(self, lang_code: str = "fr"):
        T = load_language(lang_code)["tense"]
        self.future_form = re.compile(r"\w{2,}(?:" + "|".join(map(re.escape, T["future_endings"])) + r")")
        self.not_future = set(_index(T["not_future"]))
        self.future_words = set(_index(T["future_words"]))
        self.past_auxiliaries = set(_index(T["past_auxiliaries"]))
        self.be_forms = set(_index(T["be_forms"]))
        self.participle = tuple(sorted(T["past_participle_endings"], key=len, reverse=True))
        self.past_words = set(_index(T["past_words"]))

    def tenses(self, words: list[str]) -> list[str | None]:
        """'future', 'past' or None for each word of a sentence."""
        out: list[str | None] = []
        for i, word in enumerate(words):
            k = word.casefold()
            if out and out[-1] == "past" and words[i - 1].casefold() in self.past_auxiliaries | self.be_forms \
                    and k.endswith(self.participle) and k not in self.future_words:
                out.append("past")                       # the participle itself: "s'est ouvert lundi"
            elif k in self.future_words:
                out.append("future")
            elif k in self.past_auxiliaries or k in self.past_words:
                out.append("past")
            elif k in self.be_forms:
                nxt = words[i + 1].casefold() if i + 1 < len(words) else ""
                past = nxt.endswith(self.participle) and nxt not in self.future_words
                out.append("past" if past else None)
            elif word[:1].islower() and k not in self.not_future and self.future_form.fullmatch(k):
                out.append("future")
            else:
                out.append(None)
        return out


@lru_cache(maxsize=None)
def tense_cues(lang_code: str = "fr") -> TenseCues:
    return TenseCues(lang_code)


_WORD = re.compile(r"[^\W\d_]+")


def tense_guess(text: str, lang_code: str = "fr") -> Callable[[int, int], str | None]:
    """The tense of the clause around a span: 'future', 'past', or None when the
    sentence has no tense word. The tense word nearest to the span in its sentence
    decides ("il a annoncé jeudi qu'il se rendra lundi à Berlin": jeudi is past, lundi
    future); a guess for when no parse is at hand."""
    starts = _sentence_starts(text)
    cues = tense_cues(lang_code)
    marked: dict[int, list] = {}                 # sentence -> its tense words, found once

    def tense(start: int, end: int) -> str | None:
        i = bisect.bisect_right(starts, start) - 1
        if i not in marked:
            lo, hi = starts[i], starts[i + 1] if i + 1 < len(starts) else len(text)
            words = list(_WORD.finditer(text, lo, hi))
            marked[i] = [(w.start(), w.end(), t) for w, t in zip(words, cues.tenses([w.group(0) for w in words])) if t]
        best = None
        for w_start, w_end, t in marked[i]:
            if w_end > start and w_start < end:
                continue                         # a word of the expression itself
            distance = (start - w_end, 0) if w_end <= start else (w_start - end, 1)
            if best is None or distance < best[0]:
                best = (distance, t)
        return best[1] if best else None
    return tense


def future_guess(text: str, lang_code: str = "fr") -> Callable[[int, int], bool]:
    """Is the clause around a span in the future tense (tense_guess)? No tense word at
    all: no, as news mostly tells what happened."""
    tense = tense_guess(text, lang_code)
    return lambda start, end: tense(start, end) == "future"


def _easter(year: int) -> dt.date:
    """Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def _feast_day(rule, year: int) -> dt.date | None:
    """The day of a feast in a year: [month, day] for a fixed one, days from Easter."""
    if isinstance(rule, list):
        return _safe_date(year, rule[0], rule[1])
    if not 1000 <= year <= 2999:
        return None
    return _easter(year) + dt.timedelta(days=rule)


def _infer_year(month: int, day: int, ref: dt.date | None, direction: int = 0) -> dt.date | None:
    """The year of a day-month expression from the reference date: the nearest fitting
    one, biased to the past (news report what happened). direction: -2/+2 strictly
    before/after ('dernier', 'prochain'), +1 on or after (a future-tense clause)."""
    if ref is None:
        return None
    candidates = [d for d in (_safe_date(ref.year + k, month, day) for k in (-1, 0, 1)) if d]
    if direction < 0:
        past = [d for d in candidates if d < ref]
        return max(past) if past else None
    if direction > 0:
        ahead = [d for d in candidates if d > ref or (direction == 1 and d == ref)]
        return min(ahead) if ahead else None
    this = _safe_date(ref.year, month, day)
    if this is None:
        return min(candidates, key=lambda d: abs((d - ref).days)) if candidates else None
    if (this - ref).days > 92:
        return _safe_date(ref.year - 1, month, day)
    if (ref - this).days > 273:
        return _safe_date(ref.year + 1, month, day)
    return this


def _infer_month_year(month: int, ref: dt.date | None, direction: int = 0) -> int | None:
    if ref is None:
        return None
    if direction < 0:
        return ref.year if month < ref.month else ref.year - 1
    if direction > 1:
        return ref.year if month > ref.month else ref.year + 1
    if direction == 1:
        return ref.year if month >= ref.month else ref.year + 1
    if month - ref.month > 3:
        return ref.year - 1
    if ref.month - month > 9:
        return ref.year + 1
    return ref.year


def _season_year(code: str, ref: dt.date, direction: int) -> int:
    first_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    if direction < 0:
        return ref.year if first_month + 2 < ref.month else ref.year - 1
    if direction > 0:
        return ref.year if first_month > ref.month else ref.year + 1
    return ref.year


@lru_cache(maxsize=None)
def tagger_for(lang_code: str = "fr") -> DateTagger:
    return DateTagger(lang_code)


def tag_dates(text: str, reference: dt.date | None = None, lang_code: str = "fr",
              is_future: Callable[[int, int], bool] | None = None, earlier: Sequence[dt.date] = ()) -> list[Timex]:
    """Time expressions of text, resolved against reference where needed (earlier: the
    days dated before this text, see DateTagger.tag)."""
    return tagger_for(lang_code).tag(text, reference, is_future, earlier)
