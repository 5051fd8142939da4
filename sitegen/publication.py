"""Publication dates: every clue an article gives of its day, weighed once, before extraction.

A wrong publication day moves every "hier", "jeudi" and "la semaine dernière" of an
article, so the day is decided in one step, from all the evidence, and the reasons are
kept for the reader (the source page) and the user (`sitegen dates FILE`).

Each clue says which days the article may have been published on (one day, a window, a
weekday, a day of the year, a year) and how strong it is. The clues are applied from the
strongest down; a clue that leaves no day possible is overruled by the stronger ones
before it, and said so. An article may recall any past: the latest day it names is only
a lower bound, weaker than any metadata. The strongest evidence is the article's own
dateline; then words of the day of writing that name their day ("ce jeudi 9 mars",
"hier, mercredi 9 décembre"); then the metadata; then days that other sources of the
dossier (or the article itself) date in full, counted back from "hier" or "jeudi
dernier"; then bounds and weekdays.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from sitegen.lang import load_language
from sitegen.text import fold, for_model, strip_accents
from sitegen.timex import _sentence_starts as sentence_starts, future_guess, tagger_for

if TYPE_CHECKING:
    from sitegen.cache import ExtractionCache
    from sitegen.model import Source, Timex

# How strong a clue is: the stronger is applied first and a weaker one that leaves no
# day possible is overruled.
DATELINE = 50        # the article's own line "Publié le ...", "LYON, 12 février 2019 -", a byline
DEICTIC = 40         # words of the day of writing with their day: "ce jeudi 9 mars", "hier, 9 décembre"
METADATA_DAY = 35    # front matter "date: 2019-10-02"
ADDRESS_DAY = 34     # the day in the article's web address: /2019/10/02/
NOT_AFTER = 33       # an update line, a reader comment's time stamp: published before
THIS_WEEKDAY = 31    # "ce lundi": published on a Monday
LINK = 30            # "hier" / "jeudi dernier" about a happening dated elsewhere
METADATA_PART = 25   # front matter that gives only a month or a year
LOWER_BOUND = 11     # the latest past day the text names: not published before
UPPER_BOUND = 10     # a day the text names as to come: published before
YEAR = 5             # "© 2019 Reuters"
LEAD_LENGTH = 100    # characters: the first paragraph this long is the lead, that tells the news
LINK_WORDS = 4       # words two sentences share, a name among them, to be about one happening
#                      (one fewer when two of them are names)
DEFAULT = 0          # the dossier's year, the last resort for a year-less day

_ADDRESS_DAY = re.compile(r"(?<!\d)((?:19|20)\d\d)([/-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\D{0,20}?)((?:19|20)\d\d)(?!\s*[-–]\s*\d)(?!\d)", re.IGNORECASE)
_CLOCK = re.compile(r"\b\d{1,2}\s*(?:h|:)\s*\d{0,2}\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_MARKUP = re.compile(r"[*_`#>]+")
# a dateline glued to the first sentence: "VIERZON (Cher), 4 mars 2021 – Après...",
# "BOURGES, 27 septembre (Reuters) - L'usine", "12 mars 2017. – Le ministre"
_GLUED = re.compile(r"^(?P<head>[^\n]{4,90}?)\s*(?:\.\s*)?[-–—]{1,2}\s+(?=\S)")
_GLUED_START = re.compile(r"^(?:[A-ZÀ-Ý][A-ZÀ-Ý'’. -]{2,}\b|\d{1,2}(?:er)?\s"
                          r"|[A-ZÀ-Ý][^\s,]{1,30}(?:\s[^\s,]{1,30}){0,3}\s*(?:\([^)]{1,40}\))?\s*,)")


@dataclass
class Clue:
    """What one piece of evidence says of the publication day, and how strong it is."""
    kind: str                    # dateline, updated, comment, front-matter, address, copyright, today,
    #                              relative, link, latest, future, this_weekday, weekday_year, dossier
    text: str                    # the words as written (or the value given)
    rank: int
    lo: dt.date | None = None    # published on or after
    hi: dt.date | None = None    # published on or before
    weekday: int | None = None   # published on this weekday (0 Monday)
    month_day: tuple[int, int] | None = None
    year: int | None = None
    names: str | None = None     # the day its words name, when not the publication day itself
    source: str | None = None    # another source that dates the happening

    def allows(self, day: dt.date) -> bool:
        if self.lo and day < self.lo or self.hi and day > self.hi:
            return False
        if self.weekday is not None and day.weekday() != self.weekday:
            return False
        if self.month_day and (day.month, day.day) != self.month_day:
            return False
        return self.year is None or day.year == self.year

    def record(self, verdict: str) -> dict:
        """A flat record for the source page: kind, words, the day they give, verdict."""
        out: dict = {"kind": self.kind, "expression": self.text}
        if self.lo and self.lo == self.hi:
            out["day"] = self.lo.isoformat()
        elif self.lo or self.hi:
            out["after" if self.lo else "before"] = (self.lo or self.hi).isoformat()
            if self.lo and self.hi:
                out["before"] = self.hi.isoformat()
        if self.names:
            out["names"] = self.names
        if self.source:
            out["source"] = self.source
        out["verdict"] = verdict
        return out


@dataclass
class Decision:
    day: dt.date | None
    kept: list[Clue]
    overruled: list[Clue]

    @property
    def decisive(self) -> Clue | None:
        return max(self.kept, key=lambda c: c.rank) if self.kept and self.day else None

    @property
    def published_from(self) -> str | None:
        c = self.decisive
        if c is None:
            return None
        return {"dateline": "dateline", "front-matter": "front-matter"}.get(c.kind, "inferred")


# ---------------------------------------------------------------- datelines

class Datelines:
    """Reads the lines that date an article: "Publié le 06/02/2015 à 15h20 | Mis à jour
    le ...", "Par Paul Durand — 2 octobre 2019", "LYON, 12 février 2019", a reader
    comment's "Pseudo - 18/11/2018 à 14:02"."""

    def __init__(self, lang_code: str = "fr"):
        lang = load_language(lang_code)
        self.lang_code = lang_code
        self.tagger = tagger_for(lang_code)
        self.allowed = {fold(w) for w in lang["dateline_words"]}
        self.byline = {fold(w) for w in lang["byline_words"]}
        self.published = sorted((fold(p) for p in lang["dateline_published"]), key=len, reverse=True)
        self.updated = sorted((fold(p) for p in lang["dateline_updated"]), key=len, reverse=True)
        said = [re.escape(strip_accents(p).casefold()) for p in lang["dateline_published"] if len(p) > 3]
        self.opening = re.compile(r"(?:^|[.|·•–—-])\s*(?:" + "|".join(said) + r")\b")

    def read(self, line: str, role: str = "head") -> list[Clue] | None:
        """The clues of a dateline, or None when the line is not one (a short line with
        a day and little else than publishing words, a time, a place, an agency, names
        after "par"). role "tail": a line after the article, a reader comment's time
        stamp unless publishing words say otherwise."""
        if len(line) > 160:
            return None
        plain = _MARKUP.sub(" ", line)
        timexes = self.tagger.tag(plain, None)
        days = [t for t in timexes if t.type == "DATE" and t.precision == "day" and not t.in_range
                and ((t.value and t.inferred is None) or t.inferred == "year")]
        if not days:
            return None
        body = plain
        for t in timexes:
            body = body[:t.start] + " " * (t.end - t.start) + body[t.end:]
        body = _CLOCK.sub(" ", body)
        leftover = names = 0
        named = False
        for m in _WORD.finditer(body):
            w = m.group(0)
            f = fold(w)
            if f in self.byline:
                named = True
            if f in self.allowed or w.isupper():
                continue
            if w[0].isupper():
                names += not named
                continue
            leftover += 1
        # a line that opens with "Publié le" (or has it after a full stop or a bar) is a
        # dateline even with a few more words: "Ouest-France Jean Dupont. Publié le ...
        # Réservé aux abonnés"
        opens = self.opening.search(strip_accents(plain).casefold()) is not None
        if leftover > (3 if opens else 1) or names > (6 if opens else 3):
            return None
        clues: list[Clue] = []
        shown = " ".join(plain.split())         # the line as a reader sees it, without Markdown marks
        folded = fold(plain)
        said_published = any(f" {p} " in f" {folded} " for p in self.published if len(p) > 3)
        for t in days:
            update = self._updated(plain[:t.start])
            clue = self._clue(t, "updated" if update else
                              "comment" if role == "tail" and not said_published else "dateline", shown)
            if clue:
                clues.append(clue)
        if not clues:
            return None
        published = [c for c in clues if c.kind == "dateline"]
        return published[:1] + [c for c in clues if c.kind != "dateline"]

    def _updated(self, before: str) -> bool:
        """Do the words before a day (since the last "|") say it is an update's day?"""
        words = f" {fold(re.split(r'[|·•]', before)[-1])} "
        last = lambda phrases: max((words.rfind(f" {p} ") for p in phrases), default=-1)
        return last(self.updated) > max(-1, last([p for p in self.published if len(p) > 3]))

    def _clue(self, t: Timex, kind: str, line: str) -> Clue | None:
        rank = {"dateline": DATELINE, "updated": NOT_AFTER, "comment": NOT_AFTER}[kind]
        if t.value:
            day = dt.date.fromisoformat(t.value[:10])
            return Clue(kind, line, rank, lo=None if kind != "dateline" else day, hi=day)
        month, d = self.tagger._month_day(t)
        if not month or kind != "dateline":
            return None
        return Clue(kind, line, rank, month_day=(month, d), weekday=_weekday_of(t, self.lang_code))

    def glued(self, paragraph: str) -> tuple[str, str] | None:
        """A dateline at the start of a paragraph, before a dash: (the dateline, the rest)."""
        m = _GLUED.match(paragraph)
        if not m or not _GLUED_START.match(paragraph) or not re.match(r"[«\"“A-ZÀ-Ý]", paragraph[m.end():]):
            return None                 # after a dateline's dash, a sentence begins
        head = m.group("head").rstrip(" .")
        clues = self.read(head)
        if not clues or clues[0].kind != "dateline":
            return None
        return paragraph[:m.end()].rstrip(), paragraph[m.end():]


def _weekday_of(t: Timex, lang_code: str = "fr") -> int | None:
    """The weekday an expression names ("lundi 10 décembre" -> 0), if any."""
    index = _weekday_index(lang_code)
    return next((index[fold(w)] for w in _WORD.findall(t.text) if fold(w) in index), None)


def _weekday_index(lang_code: str) -> dict[str, int]:
    return {fold(k): v for k, v in load_language(lang_code)["weekdays"].items()}


# ---------------------------------------------------------------- clues of one article

class ClueReader:
    def __init__(self, lang_code: str = "fr"):
        lang = load_language(lang_code)
        self.lang_code = lang_code
        self.tagger = tagger_for(lang_code)
        self.weekdays = _weekday_index(lang_code)
        self.datelines = Datelines(lang_code)
        self.not_deictic_before = {fold(w) for w in lang["weekday_not_deictic_after"]}
        self.past = {fold(w) for w in lang["past_words"]}
        self.scheduled = {fold(w) for w in lang["scheduled_words"]}
        self.future = {fold(w) for w in lang["future_words"]}
        self.today = {fold(w) for w in lang["today_determiners"]}
        # words every sentence of a dossier may share: they tell no happening apart
        common = [*lang["function_words"], *lang["months"], *lang["weekdays"], *lang["relative_days"],
                  *lang["day_parts"], *lang["hour_words"], *lang["link_stop_words"], *lang["role_heads"],
                  *lang["name_titles"], *lang["not_names"], *lang["state_words"]]
        nationalities = [n for n in load_language(f"{lang_code}_geo").get("nationalities", {})]
        common += [n + end for n in nationalities for end in ("", "e", "s", "es", "ne", "nes")]
        self.stop = {fold(w) for w in common}
        self.not_names = {fold(w) for w in lang["not_names"]}

    def own(self, s: Source) -> list[Clue]:
        """The clues an article gives of itself, before any year-less day is read."""
        clues: list[Clue] = []
        for role, line in s.datelines:
            clues += self.datelines.read(line, role) or []
        meta = s.metadata_date
        if meta:
            lo, hi = _span(meta)
            clues.append(Clue("front-matter", meta, METADATA_DAY if lo == hi else METADATA_PART, lo=lo, hi=hi))
        if s.url:
            m = _ADDRESS_DAY.search(s.url)
            day = _safe_date(int(m.group(1)), int(m.group(3)), int(m.group(4))) if m else None
            if day:
                clues.append(Clue("address", s.url, ADDRESS_DAY, lo=day, hi=day))
        for m in _COPYRIGHT.finditer(s.original):
            line_end = s.original.find("\n", m.end())
            line = s.original[s.original.rfind("\n", 0, m.start()) + 1:None if line_end < 0 else line_end].strip()
            if len(line) <= 100:
                clues.append(Clue("copyright", line, YEAR, year=int(m.group(1))))
                break
        return clues

    def own_year(self, clues: list[Clue]) -> int | None:
        """The year the article's own clues give, strongest first."""
        for c in sorted(clues, key=lambda c: -c.rank):
            if c.lo or c.hi:
                return (c.lo or c.hi).year
            if c.year:
                return c.year
        return None

    def weekday_years(self, s: Source, near: int) -> list[Clue]:
        """The year that the article's year-less days with their weekday fit ("lundi
        10 décembre" is a Monday in 2018, not in 2019), nearest to near: one clue, for
        the year most of them fit."""
        votes: Counter[int] = Counter()
        said: dict[int, str] = {}
        for p in s.paragraphs:
            for t in self.tagger.tag(for_model(p), None):
                if t.inferred == "year" and t.precision == "day" and _weekday_of(t, self.lang_code) is not None:
                    day = self._day(t, near)
                    if day:
                        votes[day.year] += 1
                        said.setdefault(day.year, t.text)
        if not votes:
            return []
        year = max(votes, key=lambda y: (votes[y], -abs(y - near), y))
        return [Clue("weekday_year", said[year], YEAR, year=year)]

    def text(self, s: Source, year: int | None, around: dt.date | None = None) -> list[Clue]:
        """The clues of the article's words: days of the day of writing, the latest past
        day, the first future day, weekdays. Year-less days are read in year, or in the
        year their weekday fits ("lundi 10 décembre")."""
        clues: list[Clue] = []
        latest: Clue | None = None
        first_future: Clue | None = None
        weekdays_seen: set[tuple[str, int]] = set()
        lead: list[tuple[int, str]] = []
        lead_at = next((i for i, p in enumerate(s.paragraphs) if i and len(p) >= LEAD_LENGTH), None)
        for n, p in enumerate(s.paragraphs):
            text = for_model(p)
            future = future_guess(text)
            found = self.tagger.tag(text, None, future)
            taken = -1
            for i, t in enumerate(found):
                if i == taken:
                    continue
                words = [fold(w) for w in _WORD.findall(t.text)]
                nxt = found[i + 1] if i + 1 < len(found) else None
                offset = self.tagger.relative_offset(t.text)
                if offset is not None and nxt is not None and re.fullmatch(r"[\s,]{0,3}", text[t.end:nxt.start]):
                    day = self._day(nxt, year, around)     # "hier, mercredi 9 décembre"
                    taken = i + 1
                    if day:
                        pub = day - dt.timedelta(days=offset)
                        clues.append(Clue("relative", text[t.start:nxt.end], DEICTIC, lo=pub, hi=pub + dt.timedelta(days=1),
                                          names=day.isoformat()))
                    continue
                if t.inferred == "today" and t.precision == "day":
                    day = self._day(t, year, around)       # "ce 19 novembre", "ce jeudi 9 mars"
                    if day:
                        clues.append(Clue("today", t.text, DEICTIC, lo=day, hi=day + dt.timedelta(days=1)))
                    continue
                if t.inferred == "deictic":
                    w = self._weekday_word(words)
                    if w is None or self._is_name_or_habit(text, t):
                        continue
                    if words[0] in self.today and not future(t.start, t.end):
                        if ("this", w) not in weekdays_seen:
                            weekdays_seen.add(("this", w))
                            clues.append(Clue("this_weekday", t.text, THIS_WEEKDAY, weekday=w))
                    elif n == lead_at and not future(t.start, t.end) and not set(words) & (self.future | self.past) \
                            and not lead:
                        lead.append((w, t.text))
                    continue
                if t.type != "DATE" or t.precision != "day" or t.in_range or t.inferred not in (None, "year"):
                    continue
                day = self._day(t, year, around)
                if day is None:
                    continue
                said = set(words)               # "dernier", "prochain" say it whatever the tense
                if said & self.future or (not said & self.past and (future(t.start, t.end) or self._scheduled(text, t))):
                    if first_future is None or day < first_future.hi:
                        first_future = Clue("future", t.text, UPPER_BOUND, hi=day)
                elif latest is None or day > latest.lo:
                    latest = Clue("latest", t.text, LOWER_BOUND, lo=day)
        if latest is not None:
            for w, words in lead:           # the lead tells the news: its "jeudi" is not before any day named
                day = latest.lo + dt.timedelta(days=(w - latest.lo.weekday()) % 7)
                clues.append(Clue("lead_weekday", words, LOWER_BOUND, lo=day, names=day.isoformat()))
        return clues + [c for c in (latest, first_future) if c]

    def _day(self, t: Timex, year: int | None, around: dt.date | None = None) -> dt.date | None:
        """The day of a day expression: its own year, else the year its weekday fits
        nearest to year, else year."""
        if t.value and t.inferred is None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value[:10]):
            return dt.date.fromisoformat(t.value[:10])
        month, d = self.tagger._month_day(t)
        if not month or not d or year is None:
            return None
        w = _weekday_of(t, self.lang_code)
        if w is not None:
            fits = [y for y in range(year - 7, year + 8) if (day := _safe_date(y, month, d)) and day.weekday() == w]
            if fits:
                return _safe_date(min(fits, key=lambda y: (abs(y - year), y)), month, d)
        if around is not None:              # the article's own day: "le 20 décembre dernier" is before it
            words = {fold(x) for x in _WORD.findall(t.text)}
            days = [x for k in (-1, 0, 1) if (x := _safe_date(around.year + k, month, d))]
            if words & self.past and (before := [x for x in days if x < around]):
                return max(before)
            if words & self.future and (after := [x for x in days if x > around]):
                return min(after)
            return min(days, key=lambda x: (abs((x - around).days), x > around), default=None)
        return _safe_date(year, month, d)

    def _scheduled(self, text: str, t: Timex) -> bool:
        """A day set for a happening ("arrêté pour mercredi 11 février", "prévu le 15"):
        to come when written, whatever the tense of the sentence."""
        before = [fold(w) for w in _WORD.findall(text[max(0, t.start - 40):t.start])][-2:]
        return bool(set(before) & self.scheduled)

    def _weekday_word(self, words: list[str]) -> int | None:
        hits = [self.weekdays[w] for w in words if w in self.weekdays]
        return hits[0] if len(hits) == 1 else None

    def _is_name_or_habit(self, text: str, t: Timex) -> bool:
        """"le Journal du dimanche", "le dimanche" (every Sunday), "chaque lundi": no day."""
        before = _WORD.findall(text[max(0, t.start - 30):t.start])
        return bool(before) and fold(before[-1]) in self.not_deictic_before and not t.text[:1].isupper()

    # ------------------------------------------------ happenings dated elsewhere

    def keys(self, sentence: str) -> tuple[frozenset[str], frozenset[str]]:
        """The words that identify a happening in a sentence (long words, not calendar
        or function words, without their elided article: "l'accord" is "accord"), and
        the names among them: the last word of each run of capitalised words inside the
        sentence ("Anne-Marie Roy" is one name, "roy")."""
        words, names = set(), set()
        run_end, last, first_only = None, 0, False
        for m in _WORD.finditer(sentence):
            w = re.split(r"['’]", m.group(0))[-1]
            f = fold(w)
            if run_end and (not w[:1].isupper() or sentence[last:m.start()].strip(" -")):
                if not first_only:             # a run of names ends at a lowercase word or a comma
                    names.add(run_end)
                run_end = None
            if w[:1].isupper() and f not in self.stop:
                if run_end:
                    words.discard(run_end)     # "Anne Roy": one name, one word
                    first_only = False
                else:                          # a capital that only starts the sentence is no name
                    first_only = m.start() == 0
                run_end = f
            last = m.end()
            if len(f) >= (3 if w[:1].isupper() else 4) and f not in self.stop:
                words.add(f)
        if run_end and not first_only:
            names.add(run_end)
        names = {n for n in names if n in words and n not in self.not_names}
        return frozenset(words), frozenset(names)

    def dated_sentences(self, s: Source, reference: dt.date | None, year: int | None) -> list[tuple]:
        """(keys, names, day, words, where, days in that sentence) of each day a sentence
        dates a happening to: with reference, as the article's reader reads it; without,
        only days written in full (read in year)."""
        out = []
        for n, p in enumerate(s.paragraphs):
            text = for_model(p)
            starts = sentence_starts(text) + [len(text)]
            future = future_guess(text)
            found: dict[int, list] = {}
            for t in self.tagger.tag(text, reference, future):
                if t.type not in ("DATE", "TIME") or t.precision != "day" or t.in_range:
                    continue
                if reference is None:
                    if t.inferred not in (None, "year"):
                        continue
                    day = self._day(t, year)
                else:
                    day = dt.date.fromisoformat(t.value[:10]) if t.value and t.value[:4].isdigit() else None
                if day is not None:
                    lo = max(x for x in starts if x <= t.start)
                    found.setdefault(lo, []).append((day, t.text))
            for lo, days in found.items():
                hi = min(x for x in starts if x > lo)
                words, names = self.keys(text[lo:hi])
                distinct = len({d for d, _ in days})
                out += [(words, names, day, words_, (s.id, n, lo), distinct) for day, words_ in days]
        return out

    def relatives(self, s: Source) -> Iterable[tuple]:
        """(keys, names, kind, value, words, where) of each "hier", "jeudi dernier", "ce
        lundi" whose day depends on the publication day."""
        for n, p in enumerate(s.paragraphs):
            text = for_model(p)
            starts = sentence_starts(text) + [len(text)]
            future = future_guess(text)
            for t in self.tagger.tag(text, None, future):
                if t.inferred != "deictic":
                    continue
                lo = max(x for x in starts if x <= t.start)
                hi = min(x for x in starts if x > t.start)
                offset = self.tagger.relative_offset(t.text)
                words = [fold(w) for w in _WORD.findall(t.text)]
                if offset is not None:
                    kind, value = "offset", offset
                else:
                    w = self._weekday_word(words)
                    said_past = bool(set(words) & self.past)      # "jeudi dernier" is past in any clause
                    if w is None or self._is_name_or_habit(text, t) or set(words) & self.future or \
                            (future(t.start, t.end) and not said_past):
                        continue
                    kind = "this" if words[0] in self.today else "last" if set(words) & self.past else "bare"
                    value = w
                yield (*self.keys(text[lo:hi]), kind, value, t.text, (s.id, n, lo))


def _span(value: str) -> tuple[dt.date, dt.date]:
    """First and last day of YYYY, YYYY-MM or YYYY-MM-DD."""
    parts = [int(x) for x in value.split("-")]
    if len(parts) == 3:
        d = dt.date(*parts)
        return d, d
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        nxt = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return first, nxt - dt.timedelta(days=1)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


# ---------------------------------------------------------------- the decision

def decide(clues: list[Clue], default_year: int | None = None) -> Decision:
    """The publication day the clues allow, strongest clue first: a clue that would
    leave no day is overruled. Several days left: the earliest (an article is dated by
    what it says happened), or the latest when only upper bounds narrowed them."""
    if default_year is not None:
        clues = clues + [Clue("dossier", str(default_year), DEFAULT, year=default_year)]
    days = _candidates(clues, default_year)
    if not days:
        return Decision(None, [], [c for c in clues if c.kind != "dossier"])
    kept: list[Clue] = []
    overruled: list[Clue] = []
    for c in _ordered(clues, days):
        left = [d for d in days if c.allows(d)]
        if left:
            days = left
            kept.append(c)
        else:
            overruled.append(c)
    if not kept or all(k.kind in ("dossier", "copyright", "weekday_year") for k in kept):
        return Decision(None, [], [c for c in clues if c.kind != "dossier"])
    bounded_below = any(k.lo for k in kept) or any(k.month_day for k in kept)
    # only "before" clues: a day to come is no publication day, unless the week's day
    # of writing is named too ("ce lundi ... le sommet de mercredi 11 février")
    if not bounded_below and not any(k.weekday is not None for k in kept):
        return Decision(None, [], [c for c in clues if c.kind != "dossier"])
    day = min(days) if bounded_below else max(days)
    return Decision(day, [k for k in kept if k.kind != "dossier"], overruled)


def _candidates(clues: list[Clue], default_year: int | None) -> list[dt.date]:
    """Every day a clue points at, with the week around a bound: the days to choose from."""
    out: set[dt.date] = set()
    for c in clues:
        if c.lo and c.hi and (c.hi - c.lo).days <= 31:
            out.update(c.lo + dt.timedelta(days=k) for k in range((c.hi - c.lo).days + 1))
        else:
            if c.lo:
                out.update(c.lo + dt.timedelta(days=k) for k in range(7))
            if c.hi:
                out.update(c.hi - dt.timedelta(days=k) for k in range(7))
    years = {d.year for d in out} | {c.year for c in clues if c.year}
    if default_year:
        years |= {default_year - 1, default_year, default_year + 1}
    for c in clues:
        if c.month_day:
            for y in range(min(years, default=0) - 7, max(years, default=-1) + 8) if c.weekday is not None else years:
                d = _safe_date(y, *c.month_day)
                if d and (c.weekday is None or d.weekday() == c.weekday):
                    out.add(d)
    if not out:
        return []
    return sorted(out)


def _ordered(clues: list[Clue], days: list[dt.date]) -> list[Clue]:
    """Strongest first; among equals, the one more of its peers agree with."""
    def allowed(c):
        return {d for d in days if c.allows(d)}

    sets = [allowed(c) for c in clues]
    support = [sum(1 for j, other in enumerate(clues) if j != i and other.rank == c.rank and sets[i] & sets[j])
               for i, c in enumerate(clues)]
    order = sorted(range(len(clues)), key=lambda i: (-clues[i].rank, -support[i], i))
    return [clues[i] for i in order]


# ---------------------------------------------------------------- the dossier

def dossier_year(sources: list[Source], lang_code: str = "fr", cache: ExtractionCache | None = None) -> int | None:
    """The year most written in full across the dossier: the last resort for the
    year-less days of an article that gives no year of its own."""
    tagger = tagger_for(lang_code)

    def years_of(s: Source) -> Counter[int]:
        found: Counter[int] = Counter()
        for p in s.paragraphs:
            for t in tagger.tag(for_model(p), None):
                if t.value and t.inferred is None and t.value[:4].isdigit():
                    found[int(t.value[:4])] += 1
        return found

    years: Counter[int] = Counter()
    for s in sources:
        years.update(cache.memo("years", s.id, s.paragraphs, lang_code, lambda: years_of(s)) if cache else years_of(s))
    if not years:
        return None
    return max(years, key=lambda y: (years[y], y))


def date_sources(sources: list[Source], lang_code: str = "fr", cache: ExtractionCache | None = None) -> None:
    """Decide each source's publication day, once, from all the evidence: set published,
    published_from, published_evidence (the decisive clue) and published_reasons (every
    clue, kept or overruled); warn where metadata is overruled or no day is found."""
    reader = ClueReader(lang_code)
    dossier = dossier_year(sources, lang_code, cache)
    own: dict[str, list[Clue]] = {}
    first: dict[str, Decision] = {}
    for s in sources:
        own[s.id] = _memo(cache, f"clues/{dossier}", s, lang_code, lambda: _article_clues(reader, s, dossier))
        first[s.id] = decide(own[s.id], dossier)
    # days that other sources (or the article itself) date in full, for articles that
    # give none of their own day
    settled = {s.id: first[s.id].day for s in sources
               if first[s.id].day and first[s.id].decisive.rank >= ADDRESS_DAY}
    unsettled = [s for s in sources if s.id not in settled]
    links: dict[str, list[Clue]] = {}
    if unsettled:
        guessed = {s.id: first[s.id].day for s in unsettled if first[s.id].day}
        links = _links(reader, sources, unsettled, settled, guessed, own, dossier, cache, lang_code)
    for s in sources:
        decision = decide(own[s.id] + links.get(s.id, []), dossier) if links.get(s.id) else first[s.id]
        _record(s, decision)


def _memo(cache, what, s, lang_code, compute):
    extra = f"{lang_code}/{s.metadata_date}/{s.url}/{s.datelines}/{s.sha256}"     # the file's bytes: its copyright line
    return cache.memo(what, s.id, s.paragraphs, extra, compute) if cache else compute()


def _article_clues(reader: ClueReader, s: Source, dossier: int | None) -> list[Clue]:
    clues = reader.own(s)
    if reader.own_year(clues) is None and dossier is not None:
        clues += reader.weekday_years(s, dossier)
    # year-less days of an article that says its own day are read around that day
    own_day = next((c.lo for c in sorted(clues, key=lambda c: -c.rank) if c.lo and c.lo == c.hi), None)
    return clues + reader.text(s, reader.own_year(clues) or dossier, own_day)


def _links(reader: ClueReader, sources: list[Source], unsettled: list[Source], settled: dict[str, dt.date],
           guessed: dict[str, dt.date], own: dict[str, list[Clue]], dossier: int | None, cache,
           lang_code: str) -> dict[str, list[Clue]]:
    """Link clues: a "hier" or "jeudi dernier" of an unsettled article about a happening
    that another source, or the article itself, dates to a day: any day of a settled
    source, a day written in full in one whose day was only guessed."""
    dated: list[tuple] = []
    for s in sources:
        if s.id in settled:             # its "ce jeudi" as its readers read them
            ref = settled[s.id]
            dated += _memo(cache, f"dated/{ref}", s, lang_code, lambda: reader.dated_sentences(s, ref, None))
        elif s.id in guessed:           # only the days it writes in full
            year = guessed[s.id].year
            dated += _memo(cache, f"dated/{year}", s, lang_code, lambda: reader.dated_sentences(s, None, year))
    by_key: dict[str, list[int]] = {}
    for i, (words, *_rest) in enumerate(dated):
        for w in words:
            by_key.setdefault(w, []).append(i)
    out: dict[str, list[Clue]] = {}
    for s in unsettled:
        year = reader.own_year(own[s.id]) or dossier
        mine = reader.dated_sentences(s, None, year)
        clues: list[Clue] = []
        for words, names, kind, value, expression, where in reader.relatives(s):
            pool = {i for w in words for i in by_key.get(w, ())}
            candidates = [dated[i] for i in sorted(pool) if dated[i][4][0] != s.id] + [d for d in mine if d[4] != where]
            best, best_shared = None, 0
            for other_words, other_names, day, date_text, (other_id, *_), days_there in candidates:
                shared = len(words & other_words)
                common = len(names & other_names)
                if other_id == s.id:    # the article tells its own happening again: two names
                    if common < 2:
                        continue
                elif not common or shared < LINK_WORDS - (common > 1):    # 4 words, a name; 3, two names
                    continue
                    continue
                if kind != "offset" and day.weekday() != value:
                    continue
                if kind == "offset" and days_there > 1:     # which of its days? none said
                    continue
                if shared > best_shared:
                    best, best_shared = (day, date_text, other_id), shared
            if best is None:
                continue
            day, date_text, other_id = best
            other = None if other_id == s.id else other_id
            if kind == "offset":
                pub = day - dt.timedelta(days=value)
                clues.append(Clue("link", expression, LINK, lo=pub, hi=pub, names=day.isoformat(), source=other))
            elif kind == "this":
                clues.append(Clue("link", expression, LINK, lo=day, hi=day + dt.timedelta(days=6),
                                  names=day.isoformat(), source=other))
            elif kind == "last":        # "jeudi dernier": the Thursday before the day of writing
                clues.append(Clue("link", expression, LINK, lo=day + dt.timedelta(days=1), hi=day + dt.timedelta(days=7),
                                  names=day.isoformat(), source=other))
            else:                       # "jeudi": that day, or within the week after; a looser pointer
                clues.append(Clue("link", expression, LINK - 1, lo=day, hi=day + dt.timedelta(days=6),
                                  names=day.isoformat(), source=other))
        if clues:
            out[s.id] = clues
    return out


def _record(s: Source, decision: Decision) -> None:
    s.published = decision.day.isoformat() if decision.day else None
    s.published_from = decision.published_from
    decisive = decision.decisive
    s.published_evidence = decisive.record("kept") if decisive else None
    s.published_reasons = [c.record("kept") for c in decision.kept] + \
        [c.record("overruled") for c in decision.overruled if c.kind != "dossier"]
    meta = next((c for c in decision.overruled if c.kind == "front-matter"), None)
    if meta and decision.day:
        s.warnings.append(f"{s.file}: metadata date {meta.text!r} contradicts {decisive.text!r} "
                          f"({decision.day.isoformat()}); the article is dated {decision.day.isoformat()}")
        s.flags.append({"kind": "metadata_date_conflict", "metadata": meta.text, "inferred": decision.day.isoformat(),
                        "expression": decisive.text})
    if decision.day is None:
        s.warnings.append(f"{s.file}: no publication date (no dateline, no front matter date, nothing in the text "
                          "that dates it): 'hier', 'jeudi' and the like in it stay undated; give it a front matter "
                          "'date: YYYY-MM-DD' (a .md file)")
        s.flags.append({"kind": "no_publication_date"})
