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
from sitegen.ingest import live_entries
from sitegen.lang import load_language
from sitegen.model import Actor, ActorRef, Event, EventMention, EventReport, Sentence, Source
from sitegen.rules import declare, enabled, rule
from sitegen.text import fold, shorten, slugify, unique_slug


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
        self.shared: set[tuple[str, str]] = set()   # its sentences that also report another event

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


Report = tuple[EventMention, list[str], Source]     # a mention, the actor ids it names, its article


def resolve_events(extractions, ref_map: dict, actors: dict[str, Actor], lang_code: str = "fr") -> list[Event]:
    """One event per happening, from every source's event mentions: the chain of the
    phases below, each made of named rules (sitegen.rules)."""
    lang = load_language(lang_code)
    window = dt.timedelta(days=lang["undated_window_days"])
    dated, undated = _collect(extractions, ref_map, actors)
    book = _Book(_dated_clusters(dated, actors), actors)
    pending, passing = _attach_undated(book, undated, window)
    pending = story_goes_on_same_day(book, pending)
    _date_by_window(book, pending, window)
    _named_in_passing(book, passing)
    shared = Counter(key for c in book.clusters
                     for key in {(m.sentence.source, m.sentence.anchor) for m, _ in c.items})
    for c in book.clusters:               # sentences that also report another event
        c.shared = {key for m, _ in c.items if shared[key := (m.sentence.source, m.sentence.anchor)] > 1}
    events: list[Event] = []
    taken: set[str] = set()
    for c in sorted(book.clusters, key=lambda c: (sort_key(c.date), c.items[0][0].sentence.source)):
        ev = _event(c, actors, lang["ui"], taken)
        if ev is not None:
            events.append(ev)
    _mark_context(events, actors)
    return events


def _collect(extractions, ref_map: dict, actors: dict[str, Actor]):
    """Every event mention with the actor ids it names: dated ones by their date, undated ones apart."""
    speakers: dict[tuple[str, str], set[str]] = defaultdict(set)   # (source, anchor) -> speaker ids
    dated: dict[str, list[tuple[EventMention, list[str]]]] = defaultdict(list)
    undated: list[Report] = []
    for ex in extractions:
        labels = _labels(ex)
        for q in ex.quotes:
            if q.speaker_id and q.speaker_id in actors and not label_is_no_speech(q, labels):
                speakers[(ex.source.id, q.sentence.anchor)].add(q.speaker_id)
        for m in ex.events:
            ids = _ids(ex.source.id, m.actors, ref_map, actors)
            speaker_takes_part(m, ids, speakers.get((ex.source.id, m.sentence.anchor), ()))
            if m.timex is not None and m.timex.value:
                dated[m.timex.value].append((m, ids))
            else:
                undated.append((m, ids, ex.source))
    return dated, undated


def _labels(ex) -> set[tuple[str, str]]:
    """(sentence anchor, folded words) of the groups a sentence names in guillemets."""
    return {(sent.anchor, fold(r.text)) for sent, r in ex.refs if r.label == "group"}


@rule("events.label_is_no_speech", off=False)
def label_is_no_speech(q, labels: set[tuple[str, str]]) -> bool:
    """A group's label in guillemets (des « bonnets verts ») is no one's speech: whoever
    the quotation finder gave it to takes no part in the sentence's happening."""
    return (q.sentence.anchor, fold(q.text)) in labels


@rule("events.speaker_takes_part")
def speaker_takes_part(m: EventMention, ids: list[str], speakers) -> None:
    """The speaker of a quotation takes part in the happening its sentence tells ("« ... »,
    a déclaré X après la rencontre"): a verb of speech is often the sentence's only verb."""
    if m.main and m.verb:
        for sid in sorted(speakers):
            if sid not in ids:
                ids.append(sid)


class _Book:
    """The events found so far and the indexes that find one again (blocking: a mention
    is compared with the few events that can fit, not with all of them)."""

    def __init__(self, clusters: list[_Cluster], actors: dict[str, Actor]):
        self.clusters = clusters
        self.actors = actors
        self.reports = _Reports(clusters)
        self.by_sentence: dict[tuple[str, str], list[EventMention]] = defaultdict(list)
        self.by_source: dict[str, list[_Cluster]] = defaultdict(list)
        self.named_at: dict[tuple[str, str], list[_Cluster]] = defaultdict(list)   # (word, place) -> events
        self.on_day: dict[str, list[_Cluster]] = defaultdict(list)    # date as written -> events
        self.with_thing: dict[str, list[_Cluster]] = defaultdict(list)   # ship or unit -> dated events of it
        for c in clusters:
            for m, _ in c.items:
                self.by_sentence[(m.sentence.source, m.sentence.anchor)].append(m)
                if c not in self.by_source[m.sentence.source]:
                    self.by_source[m.sentence.source].append(c)
            for key in dict.fromkeys((x.lemma, x.location) for x, _ in c.items if x.timex is not None and x.location):
                self.named_at[key].append(c)
            for thing in dict.fromkeys(a for x, ids in c.items if x.timex is not None for a in ids
                                       if actors[a].type in THINGS):
                self.with_thing[thing].append(c)
            self.on_day[c.date].append(c)

    def new(self, date: str, precision: str | None) -> _Cluster:
        c = _Cluster(date, precision)
        self.clusters.append(c)
        self.on_day[date].append(c)
        return c


def _attach_undated(book: _Book, undated: list[Report], window: dt.timedelta):
    """Undated mentions join a dated event when a rule finds the one they tell. Returns
    what is left: main happenings (pending) and what several people did, named in passing."""
    pending: list[Report] = []
    passing: list[Report] = []
    # a headline last: it is about what its article tells most, once all is told
    for m, ids, source in sorted(undated, key=lambda x: x[0].sentence.para == 0):
        target = None
        here = news_is_recent(m, book.by_source[source.id], source, window)
        if not m.main:
            target = (passing_same_word_place(book, m) or passing_same_thing(book, m, ids)
                      or (told_before(m, ids, here, book.actors) if m.anaphoric else None))
            if target is None:
                if _people(ids, book.actors) and _named(m) >= 2:
                    passing.append((m, ids, source))      # several people, one of them known
                continue
        if target is None:
            target = told_before(m, ids, here, book.actors)
        if target is None and source.published:
            target = reported_elsewhere(m, ids, book.on_day, source, window, book.actors)
        if target is not None:
            if not book.reports.already(target, m):
                book.reports.add(target, m, ids)
        elif m.main:
            pending.append((m, ids, source))
    return pending, passing


@rule("events.news_is_recent", off=lambda m, candidates, source, window: candidates)
def news_is_recent(m: EventMention, candidates: list[_Cluster], source: Source, window: dt.timedelta) -> list[_Cluster]:
    """What an article tells as news (not in the pluperfect) is not what it recalls in
    the pluperfect from before the days of its news: "la troisième journée de
    mobilisation a tourné à l'émeute" is not the first one, which "avait rassemblé"
    dates two weeks before publication."""
    if m.backstory or not source.published:
        return candidates
    since = dt.date.fromisoformat(source.published) - window
    return [c for c in candidates
            if not c.backstory(source.id) or (span := bounds(c.date)) is None or span[1] >= since]


@rule("events.passing_same_word_place")
def passing_same_word_place(book: _Book, m: EventMention) -> _Cluster | None:
    """A happening named in passing ("les inondations de Nîmes") is the one dated by the
    same word at the same place."""
    same_word = book.named_at.get((m.lemma, m.location), []) if m.location else []
    return same_word[0] if len(same_word) == 1 else None


@rule("events.passing_same_thing")
def passing_same_thing(book: _Book, m: EventMention, ids: list[str]) -> _Cluster | None:
    """'L'arrivée de la frégate en mer Rouge': the one dated happening of that ship (or
    unit) at that place, or of that kind."""
    same_thing = [c for c in dict.fromkeys(c for a in ids for c in book.with_thing.get(a, ()))
                  if (m.location in c.places() if m.location
                      else any(_related(k, m.kind) for k in c.kinds() - {"other"}))]
    return same_thing[0] if len(same_thing) == 1 else None


@rule("events.story_goes_on_same_day", off=lambda book, pending: pending)
def story_goes_on_same_day(book: _Book, pending: list[Report]) -> list[Report]:
    """'Sur place, six maisons ont été inondées hier. À Milan, des digues ...': an undated
    happening told right after a dated one of a related kind is on that day; the same
    place makes it the same happening. Returns the reports still undated."""
    dated_here: dict[str, list[EventMention]] = defaultdict(list)
    day_of: dict[int, tuple[str, str]] = {}
    for c in book.clusters:
        if c.precision not in ("day", "range"):
            continue
        for x, _ in c.items:
            if x.main:
                dated_here[x.sentence.source].append(x)
                day_of[id(x)] = (c.date, c.precision)
    still: list[Report] = []
    for m, ids, source in sorted(pending, key=lambda x: (x[2].id, x[0].sentence.para, x[0].sentence.index)):
        if any(x.main and x.timex is not None for x in book.by_sentence.get((source.id, m.sentence.anchor), [])):
            continue                              # the sentence's main happening is dated: this is part of it
        previous = _told_just_before(m, dated_here[source.id])
        if previous is None or m.kind == "other" or m.after or m.present:   # the present: the day of writing
            still.append((m, ids, source))
            continue
        if book.reports.already(None, m):
            continue
        day, precision = day_of[id(previous)]
        day_of[id(m)] = (day, precision)
        dated_here[source.id].append(m)
        people = _people(ids, book.actors)
        same = [c for c in book.on_day.get(day, []) if c.date == day and any(_related(k, m.kind) for k in c.kinds())
                and (m.location in c.places() if m.location else any(x is previous for x, _ in c.items))
                and not other_people(people, c, book.actors)]
        book.reports.add(same[0] if same else book.new(day, precision), m, ids)
    return still


@rule("events.other_people_other_doing", off=False)
def other_people(people: set[str], c: "_Cluster", actors) -> bool:
    """'Puis X a donné le ton. Y est ensuite monté à la tribune': the story goes on that
    day, but what other people did is their own happening, not the one told before."""
    return bool(people) and not people & _people(_ids_of(c), actors)


def _date_by_window(book: _Book, pending: list[Report], window: dt.timedelta) -> None:
    """What is still undated, when it names a kind of happening and who took part, is an
    event dated by the days before its article's publication."""
    if not enabled(UNDATED_BY_WINDOW):
        return
    actors = book.actors
    after_days: dict[str, set[str]] = defaultdict(set)     # word -> days of events it names
    for c in book.clusters:
        if c.precision == "day":
            for x, _ in c.items:
                after_days[x.lemma].add(c.date)
    ranges = _Index()                    # events dated by an interval
    told_here: dict[str, tuple] = {}     # source -> (sentence, kind, event) of its last dated report
    for m, ids, source in pending:
        if m.kind == "other" or not source.published or m.sentence.para == 0 or book.reports.already(None, m):
            continue
        if not worth_an_event(m, ids, actors):
            continue
        if m.present or live_blog_day(m, source):    # the present of the news, a live blog: the day of writing
            people = _people(ids, actors)
            same = [c for c in book.on_day.get(source.published, ()) if people & _ids_of(c)] if people else []
            book.reports.add(same[0] if same else book.new(source.published, "day"), m, ids)
            continue
        end = dt.date.fromisoformat(source.published)
        start = after_named_happening(m, end, after_days) or end - window
        value = f"{start.isoformat()}/{end.isoformat()}"
        before = told_here.get(source.id)
        if m.goes_on and before is not None and goes_on_next_sentence(m, before):
            book.reports.add(before[2], m, ids)
            ranges.grew(before[2], ids)
            ranges.register(before[2], m.kind)      # now also an event of that kind
            told_here[source.id] = (m.sentence, m.kind, before[2])
            continue
        target = same_range_same_people(ranges, m, ids, value, actors)
        if target is not None:
            target.date = _narrower(target.date, value)
            book.reports.add(target, m, ids)
            ranges.grew(target, ids)
        else:
            target = _Cluster(value, "range")
            book.clusters.append(target)
            book.reports.add(target, m, ids)
            ranges.register(target, m.kind)
        told_here[source.id] = (m.sentence, m.kind, target)
    book.clusters = merge_overlapping_ranges(ranges.by_kind, book.clusters, book.reports, actors)


@rule("events.live_blog_day", off=False)
def live_blog_day(m: EventMention, source: Source) -> bool:
    """A live blog ("DIRECT", entries opened by their time, "8h45 — ...") tells the day
    it is written: what its entries tell without a date happened that day ("Y a réagi
    sur Twitter", "Z dénonce sur BFMTV ...")."""
    return live_entries(source) >= 2


UNDATED_BY_WINDOW = declare("events.undated_by_window", "an undated happening with a kind and people is an event "
                            "of the days before its article's publication")


@rule("events.worth_an_event", off=True)
def worth_an_event(m: EventMention, ids: list[str], actors) -> bool:
    """An undated statement is worth an event when someone is named, and any happening
    needs someone other than a country: "la France estime ..." is no event of its own."""
    if m.kind == "statement" and not _people(ids, actors):
        return False
    return bool([a for a in ids if actors[a].type != "state"])


@rule("events.after_named_happening")
def after_named_happening(m: EventMention, end: dt.date, after_days) -> dt.date | None:
    """'Suite aux attentats, ...': the happening is after the last day the dossier dates
    what it follows, not just any day of the window."""
    if m.after:
        before = [dt.date.fromisoformat(d) for d in after_days.get(m.after, ()) if d <= end.isoformat()]
        if before:
            return max(before)
    return None


@rule("events.goes_on_next_sentence", off=False)
def goes_on_next_sentence(m: EventMention, before: tuple) -> bool:
    """'X prône une coalition. Il a opéré un rapprochement ...': a sentence whose subject
    is a pronoun for the last one's goes on with the same story."""
    return _adjacent(before[0], m.sentence) and _related(before[1], m.kind)


@rule("events.same_range_same_people")
def same_range_same_people(ranges: "_Index", m: EventMention, ids: list[str], value: str, actors) -> _Cluster | None:
    """Undated reports of the same kind with the same people, in overlapping windows, are
    one happening; what they agreed is what they decided when the same people took part.
    The one that shares most of who and what it names."""
    people = _people(ids, actors)
    same = [c for k, c in ranges.sharing(_settled(m.kind), people or ids) if _overlap(c.date, value) and (
                (people and (_same_people(m, people, c, actors) if k != m.kind else people & _ids_of(c)))
                or (not people and set(ids) & _ids_of(c)))]
    return max(same, key=lambda c: len(set(ids) & _ids_of(c))) if same else None


def _named_in_passing(book: _Book, passing: list[Report]) -> None:
    """What several people did, named in passing ("la mission fixée par les présidents
    français et russe"): the one happening of that kind told before publication that the
    known ones took part in (looked up by the person of theirs the fewest events name)."""
    if not passing or not enabled(PASSING_KNOWN_PEOPLE):
        return
    actors = book.actors
    known = _Index()
    for c in book.clusters:
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
        if len(fits) == 1 and not book.reports.already(fits[0], m):
            book.reports.add(fits[0], m, ids)
            known.grew(fits[0], ids)


PASSING_KNOWN_PEOPLE = declare("events.passing_known_people", "a happening named in passing with several known "
                               "people joins the one event of that kind they took part in")


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


@rule("events.merge_overlapping_ranges", off=lambda ranges, clusters, reports, actors: clusters)
def merge_overlapping_ranges(ranges: dict[str, list["_Cluster"]], clusters: list["_Cluster"], reports: _Reports,
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


ONE_DAY_SHARED_PERSON = declare("events.one_day_shared_person",
                                "reports of one day that share a person are one happening")
UNNAMED_JOINS_DAY = declare("events.unnamed_joins_day", "a dated report naming nobody joins the day's only "
                            "happening of a related kind (a kind its words name, not 'other'), or the only one "
                            "sharing its actors")
MONTH_JOINS_DAY = declare("events.month_joins_day", "a report dated by its month joins the one day of that "
                          "month when the same people did a related thing")


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
            hits = [c for c in here if _ids_of(c) & people and not other_part_of_day(m, c)
                    and not other_company(m, people, c, actors)] if enabled(ONE_DAY_SHARED_PERSON) else []
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
            # a happening whose words name no kind ("a parlé aux habitants") is no kind to
            # relate to: on a busy day it would take in every report that names nobody
            related = [c for c in here if _joins_unnamed(m, c)]
            shared = [c for c in here if set(ids) & _ids_of(c) and not _elsewhere(m, c)]
            if not enabled(UNNAMED_JOINS_DAY):
                related = shared = []
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
        days = [c for c in within.values() if any(_related(k, m.kind) for k in c.kinds())] \
            if enabled(MONTH_JOINS_DAY) else []
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


@rule("events.other_part_of_day", off=False)
def other_part_of_day(m: EventMention, c: "_Cluster") -> bool:
    """'Samedi matin, le ministre a présenté le texte. [...] Samedi soir, il a signé la
    convention': an article that tells one person's doings of one day at different times of
    that day tells different happenings."""
    mine = m.timex.part if m.timex is not None else None
    if mine is None:
        return False
    return any(x.sentence.source == m.sentence.source and x.timex is not None and x.timex.part not in (None, mine)
               for x, _ in c.items)


@rule("events.other_company_other_meeting", off=False)
def other_company(m: EventMention, people: set[str], c: "_Cluster", actors) -> bool:
    """'X et Y se sont entretenus avec Z' and 'W s'était entretenu avec Z' on one day: Z
    met two companies, twice. Meetings or calls of one day that share someone, where each
    names someone the other does not, are different meetings."""
    if m.kind not in ("meeting", "phone_call") or len(people) < 2:
        return False
    for x, ids in c.items:
        if x.kind not in ("meeting", "phone_call"):
            continue
        theirs = _people(ids, actors)
        if len(theirs) >= 2 and theirs & people and theirs - people and people - theirs:
            return True
    return False


def _joins_unnamed(m: EventMention, c: "_Cluster") -> bool:
    """Can a report naming nobody be the day's happening c? One of a related kind, told
    at the same place; but a statement whose speaker is unknown is nobody's statement
    ("a-t-il ajouté" of someone the parser did not find), unless a noun points back to
    what it tells ("cette déclaration")."""
    if _elsewhere(m, c) or (m.kind == "statement" and not m.anaphoric):
        return False
    return any(_related(k, m.kind) for k in c.kinds() - {"other"})


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


@rule("events.reported_elsewhere")
def reported_elsewhere(m: EventMention, ids: list[str], on_day: dict[str, list[_Cluster]], source: Source,
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


@rule("events.told_before")
def told_before(m: EventMention, ids: list[str], candidates: list[_Cluster], actors) -> _Cluster | None:
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


@rule("events.announcer_is_no_participant", off=lambda c, kind: c.ids())
def participants(c: _Cluster, kind: str) -> Counter:
    """Who took part in a happening: the actors of the reports that tell it, not those
    only named as announcing it ("le ministère a annoncé la rencontre", "selon un
    communiqué du ministère") unless it is itself a statement."""
    if kind == "statement":
        return c.ids()
    own: Counter[str] = Counter()
    told: Counter[str] = Counter()
    for m, ids in c.items:
        (told if m.kind == "statement" else own).update(ids)
    if not own:
        return c.ids()
    return own + Counter({a: n for a, n in told.items() if a in own})


def _event(c: _Cluster, actors: dict[str, Actor], ui: dict, taken: set[str]) -> Event | None:
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
    counts = participants(c, kind)
    order = ["person", "organization", "group", "state", "military_unit", "vessel", "place", "other"]
    ids = sorted(counts, key=lambda a: (order.index(actors[a].type) if actors[a].type in order else 9, -counts[a], a))
    # a telephone call happens at no one place: a place its sentences name is what was talked about
    places = [m.location for m, _ in c.items if m.location] if kind != "phone_call" else []
    place = max(set(places), key=lambda p: (places.count(p), -places.index(p))) if places else None
    persons = [a for a in ids if actors[a].type == "person"]
    # "Rencontre entre A et B" puts A and B on a par: two people, or bodies and countries
    # when no one is named; not a person and the seat of his office ("... et Matignon")
    people = persons if len(persons) >= 2 else [] if persons and kind in SYMMETRIC else (
        [a for a in ids if actors[a].type != "state"] or ids)
    people = _told_together(c, kind, people[:3])
    named = [actors[a].name for a in people]
    title = _title(kind, named, None if place in named else place, ui, c)
    who = "-".join(slugify(actors[a].name, 30) for a in ids[:2]) or slugify(ui["event_kinds"].get(kind, kind), 30)
    date = c.date
    mods = [m.timex.mod for m, _ in c.items if m.timex is not None and m.timex.value == date and m.timex.mod]
    return Event(id=unique_slug(slugify(f"{date.replace('/', '-')}-{who}", 80), taken), date=date,
                 precision=c.precision or "day", title=title, kind=kind, actors=ids, location=place, reports=reports,
                 mod=mods[0] if mods and c.precision == "month" else None)


def _told_together(c: _Cluster, kind: str, ids: list[str]) -> list[str]:
    """The people a title may name: those one report names with a word of the event's
    kind ("Rencontre entre A et B" when one sentence says A met B). When no report says
    it of them all, none: the title is then a report's own words, which says less but
    nothing false ("Attaque : A, B" from names gathered over several sentences would)."""
    if any(_alike(m.kind, kind) and set(ids) <= set(theirs) for m, theirs in c.items):
        return ids
    return []


SYMMETRIC = ("meeting", "phone_call", "agreement")     # A met B is B met A


@rule("events.title_by_noun_phrase", off=lambda kind, c: min(
        [m.sentence.text for m, _ in c.items if m.main and _alike(m.kind, kind)] or [m.sentence.text for m, _ in c.items],
        key=len))
def _own_words(kind: str, c: _Cluster) -> str:
    """The report that tells the happening as its main one, in the fewest words. When
    every report only names it in passing in a sentence that tells another event, the
    words of that naming ("la hausse des taxes prévue au 1er janvier"), not the sentence
    of the other happening ("Hier, des milliers de manifestants ont occupé ...")."""
    told = [t for m, _ in c.items if m.main and _alike(m.kind, kind) and _says_something(t := m.sentence.text)]
    if told:
        return min(told, key=len)
    phrases = [m.phrase for m, _ in c.items if m.phrase and not m.main and len(m.phrase.split()) >= 3
               and (m.sentence.source, m.sentence.anchor) in c.shared]
    if phrases and not any(m.main for m, _ in c.items):
        best = min(phrases, key=len)
        return best[:1].upper() + best[1:]
    return _fewest_words([m.sentence.text for m, _ in c.items])


def _fewest_words(sentences: list[str]) -> str:
    full = [t for t in sentences if _says_something(t)]
    return min(full or sentences, key=len)


def _says_something(sentence: str) -> bool:
    """A sentence that can stand as a line of the timeline: not a fragment of a quotation
    cut by the sentence splitter ("Il est entendu. »")."""
    return len(sentence.split()) >= 5


def _title(kind: str, names: list[str], place: str | None, ui: dict, c: _Cluster) -> str:
    """'Rencontre entre A et B à Rome': what happened, who, where, when the kind says
    what each one did (a meeting, a call, an agreement between them; a statement by its
    speaker). Otherwise the shortest report says it in the source's own words: a kind
    and a name ("Attaque : X") would not say whether X attacked or was attacked, a kind
    and a place ("Attaque (Vierzon)") would not say what happened there."""
    label = ui["event_kinds"].get(kind, ui["event_kinds"]["other"])
    if not ((kind in SYMMETRIC and len(names) >= 2) or (kind == "statement" and len(names) == 1)):
        names = []      # "Attaque : X" would not say whether X attacked or was attacked
    if kind == "other" or not names:
        return shorten(_own_words(kind, c), 110)
    if len(names) == 2 and kind in ("meeting", "phone_call", "agreement"):
        title = ui["event_title_between"].format(kind=label, a=names[0], b=names[1])
    elif len(names) == 1:
        title = ui["event_title_one"].format(kind=label, a=names[0])
    else:
        title = ui["event_title_many"].format(kind=label, names=", ".join(names[:3]))
    return ui["event_title_place"].format(title=title, place=place) if place else title
