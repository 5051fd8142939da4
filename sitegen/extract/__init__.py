"""Per-source extraction from the parsed paragraphs: sentences, dated mentions with
their participants, and quotations with a first guess at the speaker."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from sitegen.dates import chronology_date, part_of_day
from sitegen.extract.actors import ActorFinder
from sitegen.extract.events import EventFinder
from sitegen.extract.quotes import QuoteFinder, SpeakerContext, quote_spans
from sitegen.lang import load_language
from sitegen.model import AGENT_LABELS, ActorRef, EventMention, Mention, Quote, Sentence, Source
from sitegen.rules import rule
from sitegen.text import fold, for_model
from sitegen.timex import days_of, future_guess, tag_dates


@dataclass
class Extraction:
    source: Source
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    refs: list[tuple[Sentence, ActorRef]] = field(default_factory=list)   # every actor seen
    stopped_after: float | None = None     # seconds: the time limit stopped it; only the sentences are kept


def future_tense(doc, lang_code: str = "fr"):
    """is_future(start, end) for the time tagger, from the parse: is the verb the date
    hangs on in the future ("se rendra jeudi", "sera reçu le 4"), or governed by a verb of
    plan ("doit se tenir lundi", "va se rendre jeudi", "est prévu samedi")? A past verb
    says no; with neither, the nearest tense word of the sentence decides (future_guess),
    so "a annoncé jeudi qu'il se rendra lundi" puts jeudi behind and lundi ahead."""
    if doc is None:
        return None
    plan = set(load_language(lang_code)["tense"]["future_lemmas"])
    guess = future_guess(doc.text, lang_code)

    def verb_of(tok):
        for _ in range(6):
            if tok.pos_ in ("VERB", "AUX"):
                return tok
            if tok.head.i == tok.i:
                return None
            tok = tok.head
        return None

    def is_future(start: int, end: int) -> bool:
        span = doc.char_span(start, end, alignment_mode="expand")
        verb = verb_of(span.root) if span is not None and len(span) else None
        if verb is None:
            return guess(start, end)
        for _ in range(3):
            auxes = [c for c in verb.children if c.dep_.startswith("aux")]
            if any("Fut" in t.morph.get("Tense") for t in (verb, *auxes)):
                return True
            if verb.lemma_ in plan and "Imp" not in verb.morph.get("Tense"):
                return True
            # an infinitive, even one the tagger took for a participle ("doit inaugurer
            # dimanche" tagged Part): its form says it
            infinitive = "Inf" in verb.morph.get("VerbForm") or (
                verb.dep_ == "xcomp" and verb.text.lower().endswith(("er", "ir", "re")))
            if infinitive and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
                verb = verb.head                   # "se tenir" -> "doit"
                continue
            break
        if auxes or "Past" in verb.morph.get("Tense") or "Imp" in verb.morph.get("Tense"):
            return False
        return guess(start, end)
    return is_future


def sentences_of(source: Source, docs: list) -> list[Sentence]:
    out = []
    for para, doc in enumerate(docs):
        if doc is None:
            continue
        text = source.paragraphs[para]
        for i, sent in enumerate(doc.sents):
            start, end = sent.start_char, sent.end_char
            while end > start and text[end - 1].isspace():
                end -= 1
            out.append(Sentence(source.id, para, i, start, end, text[start:end]))
    return out


class Extractor:
    def __init__(self, lang_code: str = "fr"):
        self.lang_code = lang_code
        self.finder = ActorFinder(lang_code)
        self.quotes = QuoteFinder(lang_code)
        self.events = EventFinder(lang_code)
        lang = load_language(lang_code)
        self.bounds = sorted((fold(w) for w in lang.get("date_bound_words", [])), key=len, reverse=True)
        self.near = {fold(w) for w in lang.get("date_bound_near", [])}

    def extract(self, source: Source, docs: list, reference: dt.date | None) -> Extraction:
        out = Extraction(source)
        out.sentences = sentences_of(source, docs)
        by_para: dict[int, list[ActorRef]] = {}
        self.finder.reset()
        for para, doc in enumerate(docs):
            if doc is not None:
                by_para[para] = self.finder.refs(source, doc, para)
        # dates are tagged per paragraph, each anchored on the last day the ones before
        # dated ("Le lendemain, ..." opening a paragraph)
        tagged: dict[int, list] = {}
        earlier: list[dt.date] = []
        for para, p in enumerate(source.paragraphs):
            if p and docs[para] is not None:
                tagged[para] = tag_dates(for_model(p), reference, self.lang_code,
                                         future_tense(docs[para], self.lang_code), earlier)
                earlier.extend(days_of(tagged[para]))
        dated_by_para: dict[int, list] = {}
        quoted = {para: [(q.outer[0], q.outer[1]) for q in quote_spans(p, self.quotes.pairs)]
                  for para, p in enumerate(source.paragraphs) if p}
        for sent in out.sentences:
            text = source.paragraphs[sent.para]
            refs = [r for r in by_para.get(sent.para, []) if sent.start <= r.start < sent.end]
            out.refs.extend((sent, r) for r in refs)
            dated: set[str] = set()
            for timex in (t for t in tagged.get(sent.para, []) if sent.start <= t.start < sent.end):
                when = None if timex.in_range else chronology_date(timex.value, timex.mod)
                if when is None or when[0] in dated or (timex.type == "DATE" and bound_is_no_date(text, timex.start, self.bounds, self.near)):
                    continue
                if timex.inferred == "deictic" and any(
                        a <= timex.start < b and len(text[a:b].split()) > len(timex.text.split()) + 3
                        for a, b in quoted.get(sent.para, [])):
                    # "ce matin" in a quotation is the speaker's morning, not the paper's; a
                    # date quoted alone ('sera prêt "à la fin de la semaine"') is the paper's
                    continue
                dated.add(when[0])
                timex = replace(timex, value=when[0], precision=when[1], part=part_of_day(timex.value))
                dated_by_para.setdefault(sent.para, []).append((sent, timex))
                participants = [r for r in refs if r.label in AGENT_LABELS]
                out.mentions.append(Mention(sent, timex, participants, self._location(text, refs)))
        self.events.reset()
        context = SpeakerContext()
        sents_of: dict[int, list[Sentence]] = {}
        for sent in out.sentences:
            sents_of.setdefault(sent.para, []).append(sent)
        for para, doc in enumerate(docs):
            if doc is None:
                continue
            text, sents = source.paragraphs[para], sents_of.get(para, [])
            out.events.extend(self.events.find(text, doc, sents, by_para[para], dated_by_para.get(para, [])))
            out.quotes.extend(self.quotes.find(text, doc, para, sents, by_para[para], context))
        return out

    @staticmethod
    def _location(text: str, refs: list[ActorRef]) -> str | None:
        for r in refs:
            if r.label == "place" and re.search(r"(?:\bà|\ben|\bau|\baux|\bdans)\s+(?:la |le |l')?$", text[max(0, r.start - 12):r.start]):
                return r.text
        return None


@rule("events.bound_is_no_date", off=False)
def bound_is_no_date(text: str, start: int, bounds: list[str], near: set[str]) -> bool:
    """'Un plan à adopter avant 2030', 'qu'elle augmente après 2026', 'signer d'ici au 20
    mars un accord': a date after a word of bound says when something must happen by,
    or happens after, not the day it happens: it dates no happening. But "peu avant le
    4 mars", "juste après Noël" say when it happened."""
    before = fold(text[max(0, start - 30):start]).rstrip()
    for w in bounds:
        if before == w or before.endswith(" " + w):
            rest = before[:len(before) - len(w)].split()
            return not (rest and rest[-1] in near)
    return False

