"""Per-source extraction from the parsed paragraphs: sentences, dated mentions with
their participants, and quotations with a first guess at the speaker."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from sitegen.actors import ActorFinder
from sitegen.dates import chronology_date
from sitegen.lang import load_language
from sitegen.model import ActorRef, Mention, Quote, Sentence, Source
from sitegen.text import for_model
from sitegen.timex import tag_dates

PARTICIPANT_LABELS = ("person", "organization", "group", "state", "vessel", "military_unit", "role")


@dataclass
class Extraction:
    source: Source
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    refs: list[tuple[Sentence, ActorRef]] = field(default_factory=list)   # every actor seen


def future_tense(doc):
    """is_future(start, end) for the time tagger, from the parse: does the sentence
    around the span have a verb in the future, or 'aller' + infinitive?"""
    if doc is None:
        return None

    def is_future(start: int, end: int) -> bool:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        for tok in span.sent:
            if tok.pos_ in ("VERB", "AUX") and "Fut" in tok.morph.get("Tense"):
                return True
            if tok.lemma_ == "aller" and "Pres" in tok.morph.get("Tense") and any(
                    c.dep_ == "xcomp" or "Inf" in c.morph.get("VerbForm") for c in tok.head.children):
                if tok.head is not tok and "Inf" in tok.head.morph.get("VerbForm"):
                    return True
        return False
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


def _quote_spans(text: str, pairs: list[list[str]]) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of quotation marks, padding excluded."""
    spans = []
    for opening, closing in pairs:
        i = 0
        while True:
            a = text.find(opening, i)
            if a < 0:
                break
            b = text.find(closing, a + 1)
            if b < 0:
                break
            inner_a, inner_b = a + 1, b
            while inner_a < inner_b and text[inner_a] in " \u00a0\u202f":
                inner_a += 1
            while inner_b > inner_a and text[inner_b - 1] in " \u00a0\u202f":
                inner_b -= 1
            if inner_b > inner_a and not any(s <= a < e for s, e in spans):
                spans.append((inner_a, inner_b))
            i = b + 1
    return sorted(spans)


class Extractor:
    def __init__(self, lang_code: str = "fr"):
        self.lang = load_language(lang_code)
        self.lang_code = lang_code
        self.finder = ActorFinder(lang_code)
        self.speech = set(self.lang["speech_verbs"])
        self.according = {w.casefold() for w in self.lang["according_to"]}
        self.pronouns = {w.casefold() for w in self.lang["pronouns_subject"]}

    def extract(self, source: Source, docs: list, reference: dt.date | None) -> Extraction:
        out = Extraction(source)
        out.sentences = sentences_of(source, docs)
        by_para: dict[int, list[ActorRef]] = {}
        for para, doc in enumerate(docs):
            if doc is not None:
                by_para[para] = self.finder.refs(source, doc, para)
        tagged = {para: tag_dates(for_model(p), reference, self.lang_code, future_tense(docs[para]))
                  for para, p in enumerate(source.paragraphs) if p and docs[para] is not None}
        last_person: ActorRef | None = None
        for sent in out.sentences:
            text = source.paragraphs[sent.para]
            refs = [r for r in by_para.get(sent.para, []) if sent.start <= r.start < sent.end]
            out.refs.extend((sent, r) for r in refs)
            # dates are tagged per paragraph so that a year can be carried across a comma
            dated: set[str] = set()
            for timex in (t for t in tagged.get(sent.para, []) if sent.start <= t.start < sent.end):
                when = None if timex.in_range else chronology_date(timex.value, timex.precision)
                if when is None or when[0] in dated:
                    continue
                dated.add(when[0])
                participants = [r for r in refs if r.label in PARTICIPANT_LABELS]
                out.mentions.append(Mention(sent, replace(timex, value=when[0], precision=when[1]), participants,
                                            self._location(text, refs)))
            doc = docs[sent.para]
            for a, b in _quote_spans(text[sent.start:sent.end], self.lang["quote_pairs"]):
                a, b = a + sent.start, b + sent.start
                speaker = self._speaker(doc, text, sent, refs, (a, b), last_person)
                out.quotes.append(Quote(sent, text[a:b], speaker))
            persons = [r for r in refs if r.label == "person"]
            if persons:
                last_person = persons[-1]
        return out

    @staticmethod
    def _location(text: str, refs: list[ActorRef]) -> str | None:
        for r in refs:
            if r.label == "place" and re.search(r"(?:\bà|\ben|\bau|\baux|\bdans)\s+(?:la |le |l')?$", text[max(0, r.start - 12):r.start]):
                return r.text
        return None

    def _speaker(self, doc, text: str, sent: Sentence, refs: list[ActorRef], span: tuple[int, int],
                 last_person: ActorRef | None) -> ActorRef | None:
        """The speaker of a quote: subject of a speech verb outside the quote, 'selon X',
        or the last person named before for 'a-t-il dit'. None when nobody is named."""
        a, b = span
        outside = [t for t in doc if sent.start <= t.idx < sent.end and not (a <= t.idx < b)]
        for tok in outside:
            if tok.lemma_ in self.speech and tok.pos_ in ("VERB", "AUX"):
                for child in tok.children:
                    if child.dep_.startswith("nsubj"):
                        if child.lower_ in self.pronouns or child.lower_.lstrip("-t-") in self.pronouns:
                            return self._pronoun_referent(refs, a, last_person)
                        found = self._ref_in_subtree(child, refs)
                        if found:
                            return found
                # "a-t-il dit": the pronoun is glued after the verb
                nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
                if nxt is not None and nxt.lower_.lstrip("-").removeprefix("t-") in self.pronouns:
                    return self._pronoun_referent(refs, a, last_person)
            if tok.lower_ in self.according and tok.idx >= b:
                after = [r for r in refs if r.start > tok.idx and r.label in PARTICIPANT_LABELS]
                if after:
                    return after[0]
        return None

    @staticmethod
    def _ref_in_subtree(token, refs: list[ActorRef]) -> ActorRef | None:
        lo = min(t.idx for t in token.subtree)
        hi = max(t.idx + len(t) for t in token.subtree)
        inside = [r for r in refs if lo <= r.start < hi and r.label in PARTICIPANT_LABELS]
        return inside[0] if inside else None

    @staticmethod
    def _pronoun_referent(refs: list[ActorRef], before: int, last_person: ActorRef | None) -> ActorRef | None:
        earlier = [r for r in refs if r.label == "person" and r.start < before]
        return earlier[-1] if earlier else last_person
