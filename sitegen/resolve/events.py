"""One event per real happening, from every source's event mentions (sitegen.extract.events).

Dated reports of the same day that share people are one event; an undated report joins
the event its article was telling about (same people, or "cet entretien"); what remains,
when it names a kind of happening and who took part, becomes an event dated by an
interval: after what it is said to follow ("suite aux attentats"), not after the article
was published.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

from sitegen.dates import bounds, sort_key
from sitegen.extract.events import THINGS
from sitegen.lang import load_language
from sitegen.model import Actor, ActorRef, Event, EventMention, EventReport, Sentence, Source
from sitegen.text import shorten, slugify, unique_slug


def _ids(source: str, refs: list[ActorRef], ref_map: dict, actors: dict[str, Actor]) -> list[str]:
    out = []
    for r in refs:
        aid = ref_map.get((source, r.para, r.start))
        if aid and aid not in out and actors[aid].type != "place":
            out.append(aid)
    return out


def _people(ids: Iterable[str], actors: dict[str, Actor]) -> set[str]:
    return {a for a in ids if actors[a].type == "person"}


class _Cluster:
    def __init__(self, date: str | None, precision: str | None):
        self.date, self.precision = date, precision
        self.items: list[tuple[EventMention, list[str]]] = []   # only ever grows
        self._ids: set[str] = set()
        self._seen = 0                           # items already summed up below
        self._kinds: set[str] = set()
        self._places: set[str] = set()
        self._spots: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self._backstory: dict[str, bool] = {}    # source -> does it tell the event only as background

    def _update(self) -> None:
        """Items only ever grow: the summaries take in the new ones."""
        if self._seen == len(self.items):
            return
        for x, ids in self.items[self._seen:]:
            self._ids.update(ids)
            self._kinds.add(x.kind)
            if x.location:
                self._places.add(x.location)
            self._spots[x.sentence.source].append((x.sentence.para, x.sentence.index))
            self._backstory[x.sentence.source] = self._backstory.get(x.sentence.source, True) and x.backstory
        self._seen = len(self.items)

    def actor_ids(self) -> set[str]:
        self._update()
        return self._ids

    def summary(self) -> tuple[set[str], dict[str, list[tuple[int, int]]]]:
        """The kinds of its reports, and where each source tells it (paragraph, sentence)."""
        self._update()
        return self._kinds, self._spots

    def places(self) -> set[str]:
        self._update()
        return self._places

    def kinds(self) -> set[str]:
        self._update()
        return self._kinds

    def backstory(self, source: str) -> bool:
        """Does this source tell the event only in the pluperfect, as background (or not at all)?"""
        self._update()
        return self._backstory.get(source, True)

    def ids(self) -> Counter:
        c: Counter[str] = Counter()
        for _, ids in self.items:
            c.update(ids)
        return c


FAMILIES = [{"meeting", "phone_call", "agreement", "statement", "decision", "other"},
            {"attack", "strike_campaign", "crash", "disaster"}, {"deployment", "order", "decision"},
            {"appointment", "vote"}, {"protest"}, {"justice"}]


_RELATED = frozenset((a, b) for f in FAMILIES for a in f for b in f)


def _related(a: str, b: str) -> bool:
    return a == b or (a, b) in _RELATED


def _ids_of(c: "_Cluster") -> set[str]:
    return c.actor_ids()


class _Reports:
    """Which events each sentence already reports, and with what kind of word, kept as
    reports are added: no scan of every event for each sentence of a large dossier."""

    def __init__(self, clusters: list["_Cluster"]):
        self.of: dict[tuple[str, str], list[tuple[_Cluster, str]]] = defaultdict(list)
        for c in clusters:
            for x, _ in c.items:
                self.of[(x.sentence.source, x.sentence.anchor)].append((c, x.kind))

    def add(self, c: "_Cluster", m: EventMention, ids: list[str]) -> None:
        c.items.append((m, ids))
        self.of[(m.sentence.source, m.sentence.anchor)].append((c, m.kind))

    def already(self, target: "_Cluster | None", m: EventMention) -> bool:
        """Is the sentence already a report of this event, or of another of the same
        kind? Then it is not added again."""
        return any(c is target or _alike(kind, m.kind)
                   for c, kind in self.of.get((m.sentence.source, m.sentence.anchor), ()))


def resolve_events(extractions, ref_map: dict, actors: dict[str, Actor], lang_code: str = "fr") -> list[Event]:
    """One event per happening, from every source's event mentions."""
    lang = load_language(lang_code)
    ui = lang["ui"]
    window = dt.timedelta(days=lang["undated_window_days"])
    speakers: dict[tuple[str, str], set[str]] = defaultdict(set)   # (source, anchor) -> speaker ids

    dated: dict[str, list[tuple[EventMention, list[str]]]] = defaultdict(list)
    undated: list[tuple[EventMention, list[str], Source]] = []
    for ex in extractions:
        for q in ex.quotes:
            if q.speaker_id and q.speaker_id in actors:
                speakers[(ex.source.id, q.sentence.anchor)].add(q.speaker_id)
        for m in ex.events:
            ids = _ids(ex.source.id, m.actors, ref_map, actors)
            if m.main and m.verb:
                for sid in sorted(speakers.get((ex.source.id, m.sentence.anchor), ())):
                    if sid not in ids:
                        ids.append(sid)
            if m.timex is not None and m.timex.value:
                dated[m.timex.value].append((m, ids))
            else:
                undated.append((m, ids, ex.source))

    clusters = _dated_clusters(dated, actors)
    of_mention: dict[int, _Cluster] = {id(m): c for c in clusters for m, _ in c.items}
    by_sentence: dict[tuple[str, str], list[EventMention]] = defaultdict(list)
    for c in clusters:
        for m, _ in c.items:
            by_sentence[(m.sentence.source, m.sentence.anchor)].append(m)
    by_source: dict[str, list[_Cluster]] = defaultdict(list)
    for c in clusters:
        for m, _ in c.items:
            if c not in by_source[m.sentence.source]:
                by_source[m.sentence.source].append(c)

    reports = _Reports(clusters)
    # indexes of the dated events (blocking: a mention is compared with the few events
    # that can fit, not with all of them)
    named_at: dict[tuple[str, str], list[_Cluster]] = defaultdict(list)   # (word, place) -> events
    on_day: dict[str, list[_Cluster]] = defaultdict(list)    # date as written -> events
    with_thing: dict[str, list[_Cluster]] = defaultdict(list)   # ship or unit -> dated events of it
    for c in clusters:
        for key in dict.fromkeys((x.lemma, x.location) for x, _ in c.items if x.timex is not None and x.location):
            named_at[key].append(c)
        for thing in dict.fromkeys(a for x, ids in c.items if x.timex is not None for a in ids
                                   if actors[a].type in THINGS):
            with_thing[thing].append(c)
        on_day[c.date].append(c)
    pending: list[tuple[EventMention, list[str], Source]] = []
    passing: list[tuple[EventMention, list[str], Source]] = []
    # a headline last: it is about what its article tells most, once all is told
    for m, ids, source in sorted(undated, key=lambda x: x[0].sentence.para == 0):
        target = None
        # the same sentence already dates its verb: one happening
        siblings = by_sentence.get((source.id, m.sentence.anchor), [])
        verb_sibling = [x for x in siblings if (x.main and (x.kind == "other" or _related(x.kind, m.kind))) or (
            x.kind != "other" and _related(x.kind, m.kind) and x.lemma == m.lemma)]
        if m.main and verb_sibling:
            target = of_mention[id(verb_sibling[0])]
        if target is None and not m.main:
            # a happening named in passing: the one dated by the same word at the same
            # place ("les inondations de Nîmes"), or the article's own one ("cet entretien")
            same_word = named_at.get((m.lemma, m.location), []) if m.location else []
            # "l'arrivée de la frégate en mer Rouge": the one dated happening of that
            # ship (or unit) at that place, or of that kind
            same_thing = [c for c in dict.fromkeys(c for a in ids for c in with_thing.get(a, ()))
                          if (m.location in c.places() if m.location
                              else any(_related(k, m.kind) for k in c.kinds() - {"other"}))]
            if len(same_word) == 1:
                target = same_word[0]
            elif len(same_thing) == 1:
                target = same_thing[0]
            elif m.anaphoric:
                target = _told_before(m, ids, by_source[source.id], actors)
            if target is None:
                if _people(ids, actors) and _named(m) >= 2:
                    passing.append((m, ids, source))      # several people, one of them known
                continue
        if target is None:
            target = _told_before(m, ids, by_source[source.id], actors)
        if target is None and source.published:
            target = _reported_elsewhere(m, ids, on_day, source, window, actors)
        if target is not None:
            if not reports.already(target, m):
                reports.add(target, m, ids)
        elif m.main:
            pending.append((m, ids, source))

    dated_here: dict[str, list[EventMention]] = defaultdict(list)
    day_of: dict[int, str] = {}
    for c in clusters:
        if c.precision not in ("day", "range"):
            continue
        for x, _ in c.items:
            if x.main:
                dated_here[x.sentence.source].append(x)
                day_of[id(x)] = (c.date, c.precision)
    still: list[tuple[EventMention, list[str], Source]] = []
    for m, ids, source in sorted(pending, key=lambda x: (x[2].id, x[0].sentence.para, x[0].sentence.index)):
        if any(x.main and x.timex is not None for x in by_sentence.get((source.id, m.sentence.anchor), [])):
            continue                              # the sentence's main happening is dated: this is part of it
        previous = _told_just_before(m, dated_here[source.id])
        if previous is None or m.kind == "other" or m.after:
            still.append((m, ids, source))
            continue
        if reports.already(None, m):
            continue
        # "Sur place, six maisons ont été inondées hier. À Milan, des digues ...": the
        # story goes on on the same day; the same place makes it the same happening
        day, precision = day_of[id(previous)]
        day_of[id(m)] = (day, precision)
        dated_here[source.id].append(m)
        same = [c for c in on_day.get(day, []) if c.date == day and any(_related(k, m.kind) for k in c.kinds()) and (
            m.location in c.places() if m.location
            else any(x is previous for x, _ in c.items))]
        if same:
            reports.add(same[0], m, ids)
        else:
            c = _Cluster(day, precision)
            reports.add(c, m, ids)
            clusters.append(c)
            on_day[day].append(c)
    pending = still

    after_days: dict[str, set[str]] = defaultdict(set)     # word -> days of events it names
    for c in clusters:
        if c.precision == "day":
            for x, _ in c.items:
                after_days[x.lemma].add(c.date)
    ranges = _Index()                    # events dated by an interval
    told_here: dict[str, tuple] = {}     # source -> (sentence, kind, event) of its last dated report
    for m, ids, source in pending:
        if m.kind == "other" or not source.published or m.sentence.para == 0 or reports.already(None, m):
            continue
        if m.kind == "statement" and not _people(ids, actors):
            continue                              # a statement is worth an event when someone is named
        if not [a for a in ids if actors[a].type != "state"]:
            continue                              # a happening needs someone other than a country
        end = dt.date.fromisoformat(source.published)
        start = end - window
        if m.after:
            before = [dt.date.fromisoformat(d) for d in after_days.get(m.after, ()) if d <= end.isoformat()]
            if before:
                start = max(before)
        value = f"{start.isoformat()}/{end.isoformat()}"
        people = _people(ids, actors)
        before = told_here.get(source.id)
        if m.goes_on and before is not None and _adjacent(before[0], m.sentence) and _related(before[1], m.kind):
            # "X prône une coalition. Il a opéré un rapprochement ...": the same story
            reports.add(before[2], m, ids)
            ranges.grew(before[2], ids)
            ranges.register(before[2], m.kind)      # now also an event of that kind
            told_here[source.id] = (m.sentence, m.kind, before[2])
            continue
        # the same kind with some of the same people; what they agreed is what they
        # decided when the same people took part
        same = [c for k, c in ranges.sharing(_settled(m.kind), people or ids) if _overlap(c.date, value) and (
                    (people and (_same_people(m, people, c, actors) if k != m.kind else people & _ids_of(c)))
                    or (not people and set(ids) & _ids_of(c)))]
        if same:
            # the one that shares most of who and what it names
            target = max(same, key=lambda c: len(set(ids) & _ids_of(c)))
            target.date = _narrower(target.date, value)
            reports.add(target, m, ids)
            ranges.grew(target, ids)
        else:
            target = _Cluster(value, "range")
            clusters.append(target)
            reports.add(target, m, ids)
            ranges.register(target, m.kind)
        told_here[source.id] = (m.sentence, m.kind, target)
    clusters = _merge_ranges(ranges.by_kind, clusters, reports, actors)

    # what several people did, named in passing ("la mission fixée par les présidents
    # français et russe"): the one happening of that kind told before publication that
    # the known ones took part in
    # (blocking: looked up by the person of theirs that the fewest events name)
    known = _Index()
    for c in clusters if passing else ():
        for k in list(c.kinds()):
            known.register(c, k)
    for m, ids, source in passing:
        people = _people(ids, actors)
        if not people:
            continue
        kinds = _settled(m.kind)
        fits = [c for _, c in known.sharing(kinds, [known.rarest(kinds, people)])
                if people <= _ids_of(c) and (not source.published or sort_key(c.date) <= sort_key(source.published))]
        fits = [c for c in dict.fromkeys(fits) if len(_people(_ids_of(c), actors)) >= _named(m)]
        if len(fits) == 1 and not reports.already(fits[0], m):
            reports.add(fits[0], m, ids)
            known.grew(fits[0], ids)

    events: list[Event] = []
    taken: set[str] = set()
    for c in sorted(clusters, key=lambda c: (sort_key(c.date), c.items[0][0].sentence.source)):
        ev = _event(c, actors, ui, taken)
        if ev is not None:
            events.append(ev)
    _mark_context(events, actors)
    return events


class _Index:
    """Events by kind and by each actor they name: a report is compared with the events
    that share someone with it (blocking), not with all."""

    def __init__(self):
        self.by_kind: dict[str, list[_Cluster]] = defaultdict(list)
        self._by_actor: dict[tuple[str, str], list[_Cluster]] = defaultdict(list)
        self._kinds: dict[int, list[str]] = defaultdict(list)
        self._indexed: set[tuple[int, str, str]] = set()
        self._order: dict[int, int] = {}

    def register(self, c: "_Cluster", kind: str) -> None:
        if kind in self._kinds[id(c)]:
            return
        self._kinds[id(c)].append(kind)
        self.by_kind[kind].append(c)
        self._order.setdefault(id(c), len(self._order))
        self._index(c, kind, _ids_of(c))

    def grew(self, c: "_Cluster", ids) -> None:
        """Reports naming ids joined the event."""
        for kind in self._kinds.get(id(c), ()):
            self._index(c, kind, ids)

    def _index(self, c: "_Cluster", kind: str, ids) -> None:
        for a in ids:
            if (id(c), kind, a) not in self._indexed:
                self._indexed.add((id(c), kind, a))
                self._by_actor[(kind, a)].append(c)

    def rarest(self, kinds, ids) -> str:
        """Of ids, the one the fewest events of these kinds name."""
        return min(ids, key=lambda a: (sum(len(self._by_actor.get((k, a), ())) for k in kinds), a))

    def sharing(self, kinds, ids) -> list[tuple[str, "_Cluster"]]:
        """(kind, event) of the events of those kinds naming one of ids, oldest first."""
        found = {(k, id(c)): (k, c) for k in kinds for a in ids for c in self._by_actor.get((k, a), ())}
        return sorted(found.values(), key=lambda kc: (kinds.index(kc[0]), self._order[id(kc[1])]))


def _same_people(m: EventMention, people: set[str], c: "_Cluster", actors) -> bool:
    """Does a report name the event's people, as many of them, a role no one is known
    to hold counting as one ("les présidents français et russe")?"""
    theirs = _people(_ids_of(c), actors)
    return people <= theirs and len(people) + sum(r.label == "role" for r in m.actors) == len(theirs)


def _merge_ranges(ranges: dict[str, list["_Cluster"]], clusters: list["_Cluster"], reports: _Reports,
                  actors) -> list["_Cluster"]:
    """Events dated by intervals that overlap, of one kind and with the very same people,
    are one happening, whichever article told it first. Compared only with the events
    of the same people (blocking), never all pairs. Returns the events left."""
    merged: set[int] = set()
    for group in ranges.values():
        kept: dict[frozenset, list[_Cluster]] = defaultdict(list)    # people -> events kept
        for c in group:
            if id(c) in merged:
                continue
            people = frozenset(_people(_ids_of(c), actors))
            into = next((k for k in kept[people] if _overlap(k.date, c.date)), None) if people else None
            if into is None:
                kept[people].append(c)
                continue
            for m, ids in c.items:
                reports.add(into, m, ids)
            into.date = _narrower(into.date, c.date)
            merged.add(id(c))
    return [c for c in clusters if id(c) not in merged]


def _mark_context(events: list[Event], actors: dict[str, Actor]) -> None:
    """What the dossier is about: happenings reported by several sources, or involving a
    person most of its sources name. The rest is background ("context"), which the site
    shows as secondary; an editor can change it in the page or the curation file."""
    sources = {r.source for e in events for r in e.reports}
    if not sources:
        return
    main_people = {a.id for a in actors.values() if a.type == "person" and len(a.sources) * 2 >= len(sources)}
    for e in events:
        reporters = {r.source for r in e.reports}
        e.importance = "core" if len(reporters) >= 2 or (set(e.actors) & main_people and e.kind != "other") \
            else "context"


def _dated_clusters(dated, actors) -> list[_Cluster]:
    """Reports of the same day that share people are one happening; a report that names
    nobody joins the day's only happening of a related kind. A report dated by its month
    joins a day of that month with the same people."""
    clusters: list[_Cluster] = []
    coarse = []
    for date in sorted(dated, key=sort_key):
        here: list[_Cluster] = []
        loose = []
        for m, ids in dated[date]:
            if m.timex.precision not in ("day", "range"):
                coarse.append((m, ids))
                continue
            people = _people(ids, actors)
            if not people:
                loose.append((m, ids))
                continue
            hits = [c for c in here if _ids_of(c) & people]
            if hits:
                target = hits[0]
                for other in hits[1:]:
                    target.items.extend(other.items)
                    here.remove(other)
            else:
                target = _Cluster(date, m.timex.precision)
                here.append(target)
            target.items.append((m, ids))
        for m, ids in loose:
            related = [c for c in here if any(_related(k, m.kind) for k in c.kinds()) and not _elsewhere(m, c)]
            shared = [c for c in here if set(ids) & _ids_of(c) and not _elsewhere(m, c)]
            if len(related) == 1:
                related[0].items.append((m, ids))
            elif len(shared) == 1:
                shared[0].items.append((m, ids))
            else:
                c = _Cluster(date, m.timex.precision)
                c.items.append((m, ids))
                here.append(c)
        clusters.extend(here)
    on_date: dict[str, list[_Cluster]] = defaultdict(list)
    for c in clusters:
        on_date[c.date].append(c)
    # the day events of each person by day (blocking: for a month, its days are looked
    # up, not every event of the person)
    days_of: dict[str, dict[str, dict[int, _Cluster]]] = defaultdict(lambda: defaultdict(dict))
    for c in (c for c in clusters if c.precision == "day"):
        for a in _people(_ids_of(c), actors):
            days_of[a][c.date][id(c)] = c
    for m, ids in coarse:
        people = _people(ids, actors)
        span = bounds(m.timex.value)
        lo, hi = (span[0].isoformat(), span[1].isoformat()) if span else (m.timex.value, m.timex.value)
        within: dict[int, _Cluster] = {}
        for a in people:
            theirs = days_of.get(a, {})
            if span and (span[1] - span[0]).days < len(theirs):
                dates = ((span[0] + dt.timedelta(days=n)).isoformat() for n in range((span[1] - span[0]).days + 1))
            else:
                dates = (d for d in theirs if lo <= d <= hi)
            for d in dates:
                within.update(theirs.get(d, {}))
        days = [c for c in within.values() if any(_related(k, m.kind) for k in c.kinds())]
        if len(days) == 1:
            days[0].items.append((m, ids))
            for a in people:
                days_of[a][days[0].date][id(days[0])] = days[0]
            continue
        same = [c for c in on_date.get(m.timex.value, ()) if not people or people & _ids_of(c)]
        if same:
            same[0].items.append((m, ids))
        else:
            c = _Cluster(m.timex.value, m.timex.precision)
            c.items.append((m, ids))
            clusters.append(c)
            on_date[c.date].append(c)
    return clusters


def _named(m: EventMention) -> int:
    """How many people a report names, by name or by role."""
    return sum(r.label in ("person", "role") for r in m.actors)


def _settled(kind: str) -> tuple[str, ...]:
    """Kinds one undated happening may be told as: what two leaders agreed is also
    what they decided ("ont convenu d'une coordination", "ont décidé d'étendre")."""
    return ("agreement", "decision") if kind in ("agreement", "decision") else (kind,)


def _alike(a: str, b: str) -> bool:
    """Two words of one sentence for the same happening: the same kind, or a meeting told
    as a call, a strike told as an attack."""
    return a == b or {a, b} <= {"attack", "strike_campaign"} or {a, b} <= {"meeting", "phone_call"}


def _adjacent(before: Sentence, after: Sentence) -> bool:
    """The sentence right after another (the next one, or a new paragraph's first)."""
    return (after.para == before.para and after.index == before.index + 1) or (
        after.para == before.para + 1 and after.index == 0)


def _told_just_before(m: EventMention, dated: list[EventMention]) -> EventMention | None:
    """The dated happening the sentence right before told (same paragraph or the one
    before), when it is of a related kind: the story is still on that day."""
    pos = (m.sentence.para, m.sentence.index)
    before = [x for x in dated if (x.sentence.para, x.sentence.index) < pos and m.sentence.para - x.sentence.para <= 1]
    if not before:
        return None
    # the last sentence's happening that its own date dates, before one it named in passing
    last = max(before, key=lambda x: (x.sentence.para, x.sentence.index, x.timex is not None, x.verb))
    return last if _adjacent(last.sentence, m.sentence) and (
        _related(last.kind, m.kind) or last.kind in ("decision", "order")) else None


def _reported_elsewhere(m: EventMention, ids: list[str], on_day: dict[str, list[_Cluster]], source: Source,
                        window: dt.timedelta, actors) -> "_Cluster | None":
    """An undated report of a happening another article dates: same kind, same people
    (or the same actors when nobody is named), on a day shortly before publication."""
    days = _days_up_to(source.published, window.days)
    people = _people(ids, actors)
    fits = []
    for c in (c for day in days for c in on_day.get(day, ())):
        if c.precision != "day" or not (days[0] <= c.date <= days[-1]):
            continue
        if m.kind not in c.kinds() or m.kind in ("other", "statement") or _elsewhere(m, c):
            continue
        theirs = _ids_of(c)
        if (people and people <= theirs) or (not people and ids and set(ids) <= theirs):
            fits.append(c)
    return fits[0] if len(fits) == 1 else None


@lru_cache(maxsize=4096)
def _days_up_to(last: str, n: int) -> tuple[str, ...]:
    """The n days before a day and that day, oldest first, as ISO dates (an article's
    reports ask for the same ones)."""
    end = dt.date.fromisoformat(last)
    return tuple((end - dt.timedelta(days=k)).isoformat() for k in range(n, -1, -1))


def _elsewhere(m: EventMention, c: "_Cluster") -> bool:
    """Told at another place than the event's: another happening."""
    theirs = c.places()
    return bool(m.location and theirs and m.location not in theirs)


def _told_before(m: EventMention, ids: list[str], candidates: list[_Cluster], actors) -> _Cluster | None:
    """The event of the same article an undated report is about: the same people (two
    of them, or one and the same kind), or a noun pointing back ("cet entretien"); the
    nearest one told before it, else after it. A headline is about the article's main
    happening of its kind."""
    here = m.sentence.source
    pos = (m.sentence.para, m.sentence.index)
    if m.sentence.para == 0:
        of_kind = [c for c in candidates if any(_related(k, m.kind) for k in c.kinds())]
        if of_kind:
            return max(of_kind, key=lambda c: (len(c.summary()[1].get(here, ())),
                                               len(_people(ids, actors) & _ids_of(c))))
    people = _people(ids, actors)
    if not people and not m.anaphoric:
        return None                               # nothing below can fit
    scored = []
    for c in candidates:
        shared = len(people & _ids_of(c))
        if not shared and not m.anaphoric:
            continue
        if m.kind in ("attack", "strike_campaign", "crash") and _elsewhere(m, c):
            continue
        kinds, spots_of = c.summary()
        same_kind = m.kind in kinds or any(_related(m.kind, k) for k in kinds)
        if shared >= 2 or (shared == 1 and same_kind and len(people) == 1) or (m.anaphoric and same_kind):
            spots = spots_of.get(here, [])
            before = [p for p in spots if p <= pos]
            distance = (0, pos[0] - max(before)[0]) if before else (1, min(spots)[0] - pos[0])
            # "X a aussi présenté ..." goes on with the story, not with what the
            # article told in the pluperfect as background, and the other way round
            background = c.backstory(here)
            scored.append((shared, same_kind, background != m.backstory and not m.anaphoric, distance, c))
    if not scored:
        return None
    best = max(s[0] for s in scored)
    return min((s for s in scored if s[0] == best), key=lambda s: (not s[1], s[2], s[3]))[4]


def _overlap(a: str, b: str) -> bool:
    a1, a2 = a.split("/")
    b1, b2 = b.split("/")
    return a1 <= b2 and b1 <= a2


def _narrower(a: str, b: str) -> str:
    a1, a2 = a.split("/")
    b1, b2 = b.split("/")
    lo, hi = max(a1, b1), min(a2, b2)
    return f"{lo}/{hi}" if lo <= hi else a


def _event(c: _Cluster, actors: dict[str, Actor], ui: dict, taken: set[str]) -> Event | None:
    counts = c.ids()
    order = ["person", "organization", "group", "state", "military_unit", "vessel", "place", "other"]
    ids = sorted(counts, key=lambda a: (order.index(actors[a].type) if actors[a].type in order else 9, -counts[a], a))
    reports: list[EventReport] = []
    seen = set()
    for m, _ in sorted(c.items, key=lambda x: (x[0].sentence.source, x[0].sentence.para, x[0].sentence.index)):
        key = (m.sentence.source, m.sentence.anchor)
        if key in seen:
            continue
        seen.add(key)
        reports.append(EventReport(m.sentence.source, m.sentence.anchor, m.sentence.text,
                                   m.timex.text if m.timex is not None else None))
    if not reports:
        return None
    # what its reports tell as their main happening, before what they name in passing
    kinds = Counter(m.kind for m, _ in c.items if m.kind not in ("other", "statement") and m.main)
    kinds = kinds or Counter(m.kind for m, _ in c.items if m.kind not in ("other", "statement"))
    kinds = kinds or Counter(m.kind for m, _ in c.items if m.kind != "other")
    kind = max(kinds, key=lambda k: (kinds[k], k)) if kinds else "other"
    if kind == "meeting" and "phone_call" in kinds:
        kind = "phone_call"                       # a meeting one report says was by telephone
    places = [m.location for m, _ in c.items if m.location]
    place = max(set(places), key=lambda p: (places.count(p), -places.index(p))) if places else None
    persons = [a for a in ids if actors[a].type == "person"]
    people = persons if len(persons) >= 2 else ([a for a in ids if actors[a].type != "state"] or ids)
    named = [actors[a].name for a in people]
    title = _title(kind, named, None if place in named else place, ui, c)
    who = "-".join(slugify(actors[a].name, 30) for a in ids[:2]) or slugify(ui["event_kinds"].get(kind, kind), 30)
    date = c.date
    mods = [m.timex.mod for m, _ in c.items if m.timex is not None and m.timex.value == date and m.timex.mod]
    return Event(id=unique_slug(slugify(f"{date.replace('/', '-')}-{who}", 80), taken), date=date,
                 precision=c.precision or "day", title=title, kind=kind, actors=ids, location=place, reports=reports,
                 mod=mods[0] if mods and c.precision == "month" else None)


def _title(kind: str, names: list[str], place: str | None, ui: dict, c: _Cluster) -> str:
    """'Rencontre entre A et B à Rome': what happened, who, where. Without a kind or
    anyone named, the shortest report says it best."""
    label = ui["event_kinds"].get(kind, ui["event_kinds"]["other"])
    if kind != "other" and not names and place:
        return ui["event_title_place"].format(title=label, place=place)     # "Attaque (Homs)"
    if kind == "other" or not names:
        shortest = min((m.sentence.text for m, _ in c.items), key=len)
        return shorten(shortest, 110)
    if len(names) == 2 and kind in ("meeting", "phone_call", "agreement"):
        title = ui["event_title_between"].format(kind=label, a=names[0], b=names[1])
    elif len(names) == 1:
        title = ui["event_title_one"].format(kind=label, a=names[0])
    else:
        title = ui["event_title_many"].format(kind=label, names=", ".join(names[:3]))
    return ui["event_title_place"].format(title=title, place=place) if place else title
