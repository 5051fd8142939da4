"""Quotations and who said them.

Quotes are taken per paragraph, so a quotation of several sentences is one quote,
and a quote inside a quote is a quote of its own. The speaker comes from the parse,
in order of trust: the subject of a verb of speech outside the quote ("», a déclaré
Mme Lefèvre", "a-t-il ajouté"), "selon X", then the subject of the verb the quote
depends on ("Morel a demandé … de « travailler ensemble »"). A pronoun takes
the speaker or subject of the sentences before; "qui" takes the noun it relates to;
a definite noun ("le ministère", "l'agence") takes the last actor named with that
noun; several subjects at once, or an unnamed one ("une source proche du dossier"),
leave the speaker empty rather than guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen.lang import load_language
from sitegen.model import AGENT_LABELS, ActorRef, Quote, Sentence
from sitegen.rules import declare, enabled
from sitegen.text import fold

PAD = " \u00a0\u202f"
# a "role" is a role phrase the dossier may bind to a person later ("le ministre français")


# The speaker cascade, each step a named rule (sitegen.rules) that can be switched off.
NESTED = declare(
    "quotes.nested_same_speaker",
    "A quotation inside a quotation has the outer one's speaker: the speaker quotes a word "
    "(« Ces \"Verts\" ne sont pas… »), French news marks it with inner marks.")
SPEECH_SUBJECT = declare(
    "quotes.speech_verb_subject",
    "The speaker is the subject of a verb of speech outside the marks, the closest one: "
    "French news frames a quotation with « », a déclaré X / X a affirmé : « ».")
SUBJECT_AFTER_SPEECH = declare(
    "quotes.subject_after_speech_verb",
    "After a verb of speech, a noun that follows it is its subject, even when parsed as its "
    "object: the inversion « … », a annoncé le ministère is how French news places the speaker.")
SELON = declare(
    "quotes.selon",
    "« selon X » / « d'après X » outside the marks names the speaker: French news' way of "
    "attributing words without a verb of speech.")
GOVERNING = declare(
    "quotes.governing_verb_subject",
    "A quotation that is part of the sentence (X a demandé de « travailler ensemble ») is "
    "said by the subject of the verb it depends on, found going up the parse.")
PRONOUN = declare(
    "quotes.pronoun_antecedent",
    "A pronoun subject (« a-t-il dit », « elle a ajouté ») stands for the actor subject of the "
    "sentence, else the last subject or speaker of the sentences before: French news names "
    "the speaker once, then goes on with il/elle.")
RELATIVE = declare(
    "quotes.relative_qui",
    "« qui » takes the noun it relates to: X, qui prône une « ville apaisée ».")
DEFINITE_NOUN = declare(
    "quotes.definite_noun",
    "A bare definite noun (« le ministère », « l'agence ») stands for the last actor the "
    "article named with that noun: French news names an institution once, then says « le ministère ».")
JOINT = declare(
    "quotes.joint_speakers",
    "Several coordinated subjects (« ont déclaré X et Y ») speak jointly: no one speaker.")
ANONYMOUS = declare(
    "quotes.anonymous_source",
    "An unnamed source (« une source proche du dossier », « un ministre ») stays unnamed: "
    "French news protects it, and the name nearby is not the speaker.")


SPEECH_FORM = declare(
    "quotes.present_tense_speech_verb",
    "A verb of speech in the present (« », estime X; « », affirme Y), the tense of live "
    "reports, is one even when the model leaves it unlemmatised (« estime » for estimer).")
STANDALONE = declare(
    "quotes.standalone_continues",
    "A quotation that is a whole sentence by itself, with no verb of speech, goes on with "
    "the speaker of the quotation of the sentence before: French news chains a speaker's sentences.")
PARTICIPLE = declare(
    "quotes.participle_shares_subject",
    "A present participle hanging on a verb of speech (« a-t-il ajouté, saluant des Français "
    "qui « … » ») has that verb's subject.")
CLOSED = declare(
    "quotes.closing_mark_ends_sentence",
    "A closing mark followed by a new sentence (« … » Mais il …) ends the quotation's sentence: "
    "the verbs after it are no incise, even when the model puts the mark in the next sentence.")
PREVIOUS_PERSONS = declare(
    "quotes.role_previous_sentence_persons",
    "A role phrase may refer back to the one person the sentence before names without making "
    "him its subject (« … déclaration commune avec Anne Roy. Plus prudente, la chancelière a "
    "évoqué « … » »), when no subject before fits its country and gender.")
INVERTED_SCAN = declare(
    "quotes.inverted_speaker_scan",
    "In the incise after a quotation (« … », a déclaré vendredi sur France Inter le préfet, "
    "Jean Roy), the speaker is the first actor after the verb not inside a prepositional "
    "phrase nor modifying a noun; the parse often takes the radio or the day for the subject.")
AGENT_SUBJECT = declare(
    "quotes.agent_subject_first",
    "Of several words the parse gives a verb as subjects (« Dimanche, la ministre a exclu »), "
    "the one that names an actor is the speaker.")
PREVERBAL = declare(
    "quotes.preverbal_actor",
    "When the parse finds no actor for subject, the actor named right before the verb "
    "(only auxiliaries, adverbs and clitics between: « X avait demandé ») is its subject.")
ROLE_APPOSITION = declare(
    "quotes.role_apposition_person",
    "A speaker named by a role followed by a name in apposition (« le président du groupe "
    "LREM, Jean Roy ») is that person, even when the role was not bound to him.")
APPOSITION_NOT_JOINT = declare(
    "quotes.apposition_not_coordination",
    "« Le porte-parole du ministère, Jean Roy, a dit »: the name after a role is the role's "
    "person in apposition, not a second speaker (the parse may read it as a coordination).")
SELON_PRONOUN = declare(
    "quotes.selon_pronoun",
    "« selon lui », « selon elle » stand for the person the sentences before quote or name, "
    "like a subject pronoun.")
ROLE_ANTECEDENT = declare(
    "quotes.role_antecedent",
    "A speaker named only by his role (« », a affirmé le président américain; « le ministre "
    "dénonce ») is the person the sentence or the ones before name: French news names a "
    "person, then refers back to him by his function.")
REPORTED_SPEAKER = declare(
    "quotes.reported_speaker_antecedent",
    "The speaker of reported speech without quotation marks (« Leur réouverture est prévue "
    "lundi, a annoncé le ministre X ») is who the next « a-t-il ajouté » stands for.")


@dataclass
class _Span:
    start: int
    end: int          # the words, padding excluded
    outer: tuple[int, int]   # the marks included


def quote_spans(text: str, pairs: list[list[str]]) -> list[_Span]:
    """Every quotation of a paragraph, nested ones too; an unclosed mark is no quote."""
    spans: list[_Span] = []
    for opening, closing in pairs:
        i = 0
        while True:
            a = text.find(opening, i)
            if a < 0:
                break
            b = text.find(closing, a + 1)
            if b < 0:
                break
            if opening == closing and any(s.outer[0] < a < s.outer[1] <= b for s in spans):
                i = a + 1                       # a straight quote closing across another pair
                continue
            inner_a, inner_b = a + 1, b
            while inner_a < inner_b and text[inner_a] in PAD:
                inner_a += 1
            while inner_b > inner_a and text[inner_b - 1] in PAD:
                inner_b -= 1
            if inner_b > inner_a and not any(s.outer == (a, b + 1) for s in spans):
                spans.append(_Span(inner_a, inner_b, (a, b + 1)))
            i = b + 1
    return sorted(spans, key=lambda s: (s.outer[0], -s.outer[1]))


class QuoteFinder:
    def __init__(self, lang_code: str = "fr"):
        lang = load_language(lang_code)
        self.pairs = lang["quote_pairs"]
        self.speech = set(lang["speech_verbs"])
        self.according = {fold(w) for w in lang["according_to"]}
        self.pronouns = {fold(w) for w in lang["pronouns_subject"]}
        self.anonymous = {fold(w) for w in lang["anonymous_heads"]}
        self.relative = {fold(w) for w in lang.get("relative_pronouns", ["qui"])}
        self.role_heads = {fold(w) for w in lang["role_heads"]}
        self.stressed = {fold(w) for w in lang.get("pronouns_stressed", [])}
        self.titles = {fold(w) for w in lang.get("name_titles", [])}
        self.time_words = {fold(w) for w in [*lang.get("weekdays", {}), *lang.get("day_parts", {})]}
        self._sentence_subject = None
        self._span_end = 0
        self._sentence_persons: list[ActorRef] = []
        self._ends: list[int] = []
        self._text = ""
        self._status = "unknown"
        self._in_quote = lambda i: False

    def find(self, text: str, doc, para: int, sentences: list[Sentence], refs: list[ActorRef],
             context: "SpeakerContext") -> list[Quote]:
        out: list[Quote] = []
        spans = quote_spans(text, self.pairs)
        for sent in sentences:                    # in order: each sentence teaches the next ones
            for span in (s for s in spans if sent.start <= s.start < sent.end):   # by its first word
                outer = next((q for q in out if q.span[0] < span.outer[0] and span.outer[1] <= q.span[1]), None)
                antecedents: tuple = ()
                if outer is not None and enabled(NESTED):             # a quote inside a quote: the same speaker
                    speaker = outer.speaker
                    status = outer.status
                    antecedents = outer.antecedents
                else:
                    self._status = "unknown"
                    speaker = self._speaker(doc, text, sent, span, spans, refs, context)
                    status = "named" if speaker is not None else self._status
                    last = context.last_quote
                    if speaker is None and status == "unknown" and enabled(STANDALONE) and last is not None \
                            and last.sentence.para == para and last.span[1] <= span.outer[0] \
                            and re.search(r"(?:^|[.!?»:]|—)[\s\u00a0\u202f]*$", text[:span.outer[0]]) \
                            and re.match(r"[\s\u00a0\u202f]*[.!?]?[\s\u00a0\u202f]*(?:$|[A-ZÀ-Ý«])", text[span.outer[1]:]) \
                            and len(re.findall(r"[.!?]", text[last.span[1]:span.outer[0]])) <= 1:
                        speaker, status, antecedents = last.speaker, last.status, last.antecedents
                    if speaker is not None and speaker.label == "role" and enabled(ROLE_ANTECEDENT):
                        antecedents = self._persons_before(context, not_=speaker)
                out.append(Quote(sent, text[span.start:span.end], speaker, span=span.outer, status=status,
                                 antecedents=antecedents))
                if outer is None:
                    context.last_quote = out[-1]
            context.learn(doc, sent, refs, out)
            if enabled(REPORTED_SPEAKER):
                self._learn_reported(doc, text, sent, spans, refs, context)
        return out

    def _learn_reported(self, doc, text, sent, spans, refs, context) -> None:
        """The actor of a verb of speech outside any quotation becomes an antecedent."""
        self._in_quote = lambda i: any(s.outer[0] <= i < s.outer[1] for s in spans)
        self._span_end = sent.start
        self._ends = []
        self._text = text
        self._sentence_subject = None
        self._sentence_persons = []
        for verb in doc:
            if not (sent.start <= verb.idx < sent.end) or not self._is_speech(verb) or self._in_quote(verb.idx):
                continue
            if any(s.outer[1] <= verb.idx and sent.start <= s.outer[0] for s in spans):
                continue                          # the incise of a quote: learnt with the quote
            self._status = "unknown"
            found, _ = self._subject(verb, doc, text, refs, context, speech=True)
            if found is not None and found.label == "person" and not (
                    context.subjects and context.subjects[-1] is found):
                context.subjects.append(found)

    def _is_speech(self, tok) -> bool:
        if tok.pos_ not in ("VERB", "AUX"):
            return False
        if tok.lemma_ in self.speech:
            return True
        # the model leaves some present forms unlemmatised ("», estime X"): "estime" + r
        return enabled(SPEECH_FORM) and tok.lemma_.endswith("e") and tok.lemma_ + "r" in self.speech

    def _person_before(self, context, not_=None) -> ActorRef | None:
        """The person a role phrase refers back to: the last person subject of the sentence
        before the quotation, else the last person subject or speaker of the sentences before."""
        found = self._persons_before(context, not_)
        return found[0] if found else None

    def _persons_before(self, context, not_=None, most: int = 5) -> tuple[ActorRef, ...]:
        """The persons a role phrase may refer back to: the subjects of its own sentence
        before it, the last first, then the subjects and speakers before, then the other
        persons of the sentence before."""
        out: list[ActorRef] = []
        # only one: of several ("les présidents X et Y"), nothing says which the role is
        previous = context.previous_persons if enabled(PREVIOUS_PERSONS) and len(
            {fold(r.canonical or r.text) for r in context.previous_persons}) == 1 else []
        for r in [*reversed(self._sentence_persons), *reversed(context.subjects), *previous]:
            if r is not not_ and r.label == "person" and all(fold(r.canonical or r.text) != fold(o.canonical or o.text)
                                                             for o in out):
                out.append(r)
        return tuple(out[:most])

    # ------------------------------------------------------------------ speaker

    def _speaker(self, doc, text, sent, span, spans, refs, context) -> ActorRef | None:
        self._text = text
        in_any_quote = lambda i: any(s.outer[0] <= i < s.outer[1] for s in spans)  # noqa: E731
        self._in_quote = in_any_quote
        # the sentence of the opening mark up to the end of the one with the closing mark
        last = next((x for x in doc.sents if x.start_char <= span.outer[1] - 1 < x.end_char), None)
        end = max(sent.end, last.end_char if last is not None else sent.end)
        if enabled(CLOSED) and not re.match(r"[\s\u00a0\u202f]*[,;]", text[span.outer[1]:]) \
                and re.match(r"[\s\u00a0\u202f]*(?:[.!?][\s\u00a0\u202f]*)?(?:[A-ZÀ-Ý«]|$)", text[span.outer[1]:]):
            end = min(end, max(sent.end, span.outer[1]))   # « … » Mais il …: the next sentence is not the incise
        tokens = [t for t in doc if min(sent.start, span.outer[0]) <= t.idx < end]
        self._sentence_subject = self._root_subject(tokens, refs, span.start)
        self._sentence_persons = self._subjects_before(tokens, refs, span.outer[0])
        self._span_end = span.outer[1]
        self._ends = [s.outer[1] for s in spans if s.outer[1] <= span.outer[1] and s.outer[1] > sent.start]
        outside = [t for t in tokens if not in_any_quote(t.idx)]
        # 1. a verb of speech outside the quotes, closest to this quote
        speech = [t for t in outside if self._is_speech(t)]
        speech.sort(key=lambda t: abs(t.idx - span.start))
        for verb in speech if enabled(SPEECH_SUBJECT) else ():
            found, decided = self._subject(verb, doc, text, refs, context, speech=True)
            if decided:
                return found
        # 2. "selon X" outside the quotes
        for tok in outside if enabled(SELON) else ():
            if fold(tok.text) in self.according and tok.idx > 0:
                obj = tok.head if tok.dep_ == "case" else None
                if obj is None and tok.i + 1 < len(doc) and fold(doc[tok.i + 1].text) in self.stressed:
                    obj = doc[tok.i + 1]          # "selon lui" parsed apart
                if obj is not None and fold(obj.text) in self.stressed and obj.i == tok.i + 1:
                    if enabled(SELON_PRONOUN):    # "selon lui": the person of the sentences before
                        found = self._pronoun(obj.idx, context)
                        if found is not None:
                            return found
                    continue
                if obj is not None:
                    found = self._actor_at(obj, doc, text, refs, context)
                    if found is not None:
                        return found
        # 3. the subject of the verb the quote depends on, going up the tree
        if not enabled(GOVERNING):
            return None
        inside = [t for t in tokens if span.start <= t.idx < span.end]
        if not inside:
            return None
        roots = [t for t in inside if not (span.start <= t.head.idx < span.end) or t.head.i == t.i]
        node = roots[0] if roots else inside[0]
        seen = set()
        while node is not None and node.i not in seen:
            seen.add(node.i)
            if node.pos_ in ("VERB", "AUX") and not (span.start <= node.idx < span.end):
                found, decided = self._subject(node, doc, text, refs, context)
                if decided:
                    return found
            if node.head.i == node.i:
                break
            node = node.head
        return None

    def _root_subject(self, tokens, refs, before: int) -> ActorRef | None:
        """The actor subject of the sentence's main verb, when it comes before a position."""
        for t in tokens:
            if t.dep_ == "ROOT":
                for c in t.children:
                    if c.dep_ in ("nsubj", "nsubj:pass") and c.idx < before and not self._several(c, refs):
                        hit = [r for r in refs if r.start <= c.idx < r.end and r.label in AGENT_LABELS]
                        if hit:
                            return hit[0]
        return None

    def _subjects_before(self, tokens, refs, before: int) -> list[ActorRef]:
        """The persons subject of a verb of the sentence before a position, in order
        ("Puis Jean Roy a donné le ton : « … », a déclaré le président")."""
        out = []
        for t in tokens:
            if t.dep_ in ("nsubj", "nsubj:pass") and t.idx < before and not self._in_quote(t.idx):
                hit = [r for r in refs if r.start <= t.idx < r.end and r.label == "person"]
                if hit and hit[0] not in out:
                    out.append(hit[0])
        return out

    def _several(self, subj, refs) -> bool:
        """'Jean Morel et Anne Roy': coordinated actors speak jointly."""
        conj = [t for t in subj.subtree if t.dep_ == "conj"]
        bound = [r for r in refs if r.start <= subj.idx < r.end and r.canonical and r.label == "person"]
        if bound and enabled(APPOSITION_NOT_JOINT):   # "le porte-parole, Jean Roy," read as a coordination
            names = {fold(r.canonical) for r in bound}
            conj = [t for t in conj if not any(r.start <= t.idx < r.end and fold(r.text) in names for r in refs)
                    and not any(t.i in {x.i for x in c.subtree} for c in conj if c.i != t.i)]
        if any(any(r.start <= t.idx < r.end for r in refs) or t.pos_ in ("PROPN", "NOUN") for t in conj):
            return True
        doc = subj.doc                            # "Roy et Morel" parsed apart
        return subj.i >= 2 and fold(doc[subj.i - 1].text) in ("et", "ou") and any(
            r.start <= doc[subj.i - 2].idx < r.end for r in refs)

    def _pronoun(self, pos: int, context) -> ActorRef | None:
        if not enabled(PRONOUN):
            return None
        return self._sentence_subject or context.antecedent(pos)

    # surface readings, for where the parse of French news' word order goes astray

    def _verb_group(self, verb) -> tuple[int, int]:
        """Token indices of the verb with its auxiliaries, adverbs and clitics around it."""
        doc = verb.doc
        lo = hi = verb.i
        while lo - 1 >= 0 and (doc[lo - 1].pos_ in ("AUX", "ADV") or (
                doc[lo - 1].pos_ == "PRON" and doc[lo - 1].dep_ not in ("nsubj", "nsubj:pass"))):
            lo -= 1
        while hi + 1 < len(doc) and (doc[hi + 1].pos_ == "ADV" or doc[hi + 1].text.startswith("-")):
            hi += 1
        return lo, hi

    def _after_verb(self, verb, refs) -> tuple[str | None, ActorRef | None]:
        """The speaker of an incise after a quotation, read on the words: ("actor", ref),
        ("anonymous", None), ("role", None) for a bare role ("a dit le ministre"), or (None, None)."""
        doc = verb.doc
        _, hi = self._verb_group(verb)
        agents = [r for r in refs if r.label in AGENT_LABELS]
        start_of = {}
        for r in refs:
            for t in doc:
                if t.idx == r.start:
                    start_of.setdefault(t.i, r)
        covered = {t.i for r in refs for t in doc if r.start <= t.idx < r.end}
        rejected_end = -1
        seen_noun = False
        for t in doc[hi + 1:]:
            if t.sent.start != verb.sent.start or self._in_quote(t.idx):
                break
            if t.i not in covered and (t.pos_ in ("VERB", "AUX") or fold(t.text) in self.relative
                                      or t.text in (";", ":", "(")):
                break                              # another clause: "…, qui a précisé", "…, arrivé à Paris"
            ref = start_of.get(t.i)
            if ref is None:
                if t.i in covered:
                    continue
                low = fold(t.text)
                if t.pos_ == "NOUN" and (low in self.anonymous or low in self.role_heads) and self._indefinite(t):
                    return "anonymous", None          # "a confié un ministre", "une source proche"
                if t.pos_ == "NOUN" and low not in self.time_words:
                    if low in self.role_heads and self._definite(t) and not seen_noun and not any(
                            c.dep_ in ("nmod", "amod", "appos", "flat:name") for c in t.children):
                        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
                        if nxt is None or nxt.is_punct and nxt.text != ",":
                            return "role", None
                    seen_noun = True
                continue
            first = t.i
            p = first - 1
            while p > hi and (doc[p].pos_ == "DET" or fold(doc[p].text) in self.titles):
                p -= 1
            prev = doc[p]
            if ref not in agents:
                rejected_end = ref.end
                continue
            ok = (p <= hi or prev.text == "," or prev.pos_ in ("ADV", "AUX")
                  or (prev.idx < rejected_end and prev.pos_ == "PROPN")
                  or (fold(prev.text) in self.time_words))
            if prev.pos_ == "ADP" or (prev.pos_ in ("NOUN", "ADJ", "PROPN") and prev.i not in covered
                                      and fold(prev.text) not in self.time_words):
                ok = False
            if not ok:
                rejected_end = ref.end
                continue
            if t.pos_ == "NOUN" and self._indefinite(t):
                return "anonymous", None          # "un conseiller du ministre": unnamed, whoever he serves
            if enabled(JOINT) and re.match(r"\s+(?:et|ou)\s+(?:\w+\.?\s+){0,3}?[A-ZÀ-Ý]", self._text[ref.end:]) \
                    and any(r.start > ref.end and r.label in AGENT_LABELS
                            and re.fullmatch(r"\s+(?:et|ou)\s+[^,;]{0,30}", self._text[ref.end:r.start]) for r in refs):
                return "joint", None              # "ont déclaré Anne Roy et Marc Viel"
            return "actor", self._apposed_person(ref, refs) or ref
        return None, None

    def _apposed_person(self, role: ActorRef, refs) -> ActorRef | None:
        """'le président du groupe LREM, Jean Roy': the person in apposition after an
        unbound role, a few words of the role's own and a comma between."""
        if role.label != "role" or not enabled(ROLE_APPOSITION):
            return None
        later = sorted((r for r in refs if r.start >= role.end), key=lambda r: r.start)
        for r in later:
            gap = self._text[role.end:r.start]
            if not re.fullmatch(r"[^,;:«»\"().!?]{0,40},\s*", gap) or len(gap.split()) > 4:
                if r.label == "person" or "," in gap:
                    return None
                continue                          # "LREM": a name inside the role's words
            return r if r.label == "person" else None
        return None

    def _before_verb(self, verb, refs) -> ActorRef | None:
        """The actor that ends right before the verb group ("Marine Roy avait demandé")."""
        if not enabled(PREVERBAL):
            return None
        lo, _ = self._verb_group(verb)
        if lo == 0:
            return None
        prev = verb.doc[lo - 1]
        hit = [r for r in refs if r.start <= prev.idx < r.end and r.label in AGENT_LABELS]
        return hit[0] if hit and not self._in_quote(prev.idx) else None

    @staticmethod
    def _definite(tok) -> bool:
        return any(c.dep_ == "det" and fold(c.text) in ("le", "la", "l") for c in tok.children)

    @staticmethod
    def _indefinite(tok) -> bool:
        return any(fold(c.text) in ("un", "une", "des") for c in tok.children) or (
            tok.i > 0 and fold(tok.doc[tok.i - 1].text) in ("un", "une", "des"))

    def _subject(self, verb, doc, text, refs, context, speech: bool = False) -> tuple[ActorRef | None, bool]:
        """(speaker, decided): decided is False when the verb has no subject at all. After
        a verb of speech, a noun that follows it is its subject ("», a dit le ministre")."""
        for c in (t for child in verb.children for t in child.subtree if t.i in (child.i, child.i + 1)):
            if c.text.startswith("-") and fold(c.text) in self.pronouns:    # "a-t-il dit", "a-t-elle ajouté"
                return self._pronoun(c.idx, context), True
        if speech and enabled(INVERTED_SCAN) and self._incise(verb):
            kind, found = self._after_verb(verb, refs)
            if kind == "anonymous" and enabled(ANONYMOUS):
                self._status = "anonymous"
                return None, True
            if kind == "actor":
                return found, True
            if kind == "joint":
                self._status = "joint"
                return None, True
            if kind == "role" and enabled(ROLE_ANTECEDENT):
                return self._person_before(context), True
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass") and fold(c.text) not in ("t", "")
                    and not self._in_quote(c.idx)]           # the quote's own subject is not the speaker
        if not subjects and "Part" in verb.morph.get("VerbForm") and "Pres" in verb.morph.get("Tense") \
                and verb.head.i != verb.i and self._is_speech(verb.head) and enabled(PARTICIPLE):
            return self._subject(verb.head, doc, text, refs, context, speech=True)
        if len(subjects) > 1 and enabled(AGENT_SUBJECT):
            subjects.sort(key=lambda c: not any(r.start <= c.idx < r.end and r.label in AGENT_LABELS for r in refs))
        if not subjects:
            before = self._before_verb(verb, refs)
            if before is not None:
                return self._apposed_person(before, refs) or before, True
        if not subjects:
            # "», a annoncé le ministère italien": the subject comes after the verb, parsed as object
            after = [c for c in verb.children if speech and c.dep_ in ("obj", "expl:subj") and c.i > verb.i
                     and c.pos_ in ("NOUN", "PROPN")] if enabled(SUBJECT_AFTER_SPEECH) else []
            if not after:
                return None, False
            subjects = after[:1]
        subj = subjects[0]
        low = fold(subj.text)
        if low in self.pronouns:
            return self._pronoun(subj.idx, context), True
        if low in self.relative:                  # "Anne Roy, qui prône une « … »"
            antecedent = verb.head if verb.dep_.startswith("acl") and enabled(RELATIVE) else None
            if antecedent is not None:
                return self._actor_at(antecedent, doc, text, refs, context), True
            return None, True
        if enabled(JOINT) and self._several(subj, refs):
            # several at once: speakers jointly after a verb of speech; otherwise the quoted
            # words are a term in their mouths, whose author may be named elsewhere
            self._status = "joint" if speech else "unknown"
            return None, True
        if enabled(ANONYMOUS) and low in self.anonymous and any(
                fold(c.text) in ("un", "une", "des") for c in subj.children):
            self._status = "anonymous"
            return None, True                     # an unnamed source stays unnamed
        found = self._actor_at(subj, doc, text, refs, context)
        if found is None and subj.i < verb.i:
            found = self._before_verb(verb, refs)    # "Plus tôt, X avait demandé": "tôt" parsed as subject
        return (self._apposed_person(found, refs) or found) if found is not None else None, True

    def _incise(self, verb) -> bool:
        """Is the verb the incise right after a closing mark ("», a déclaré", "», s'est félicité"),
        this quotation's or one before it in the sentence ("« … », a dit X, et « … »")?"""
        lo, _ = self._verb_group(verb)
        at = verb.doc[lo].idx
        return any(end <= at and re.fullmatch(r"[\s,]*", self._text[end:at]) for end in self._ends)

    def _actor_at(self, token, doc, text, refs, context) -> ActorRef | None:
        """The actor a noun phrase names: a ref on its head or inside its own words, or
        for a bare definite noun ("le ministère"), the last actor named with that noun."""
        lo = min(t.idx for t in token.subtree)
        hi = max(t.idx + len(t) for t in token.subtree)
        on_head = [r for r in refs if r.start <= token.idx < r.end and r.label in AGENT_LABELS]
        if on_head:
            return min(on_head, key=lambda r: (r.label != "role" and r.canonical is None and r.start < token.idx,
                                               r.start))
        # words of the phrase itself, not of its relative clauses
        own = {token.i} | {c.i for c in token.children if c.dep_ in ("flat:name", "flat", "appos", "amod", "nmod")}
        near = [r for r in refs if r.label in AGENT_LABELS and lo <= r.start < hi
                and any(t.idx <= r.start < t.idx + len(t) + 1 or r.start <= t.idx < r.end for t in doc if t.i in own)]
        if near:
            return near[0]
        if token.pos_ == "NOUN" and fold(token.text) in self.role_heads and self._definite(token) \
                and enabled(ROLE_ANTECEDENT):    # "le ministre dénonce …": the person named before
            return self._person_before(context)
        if enabled(DEFINITE_NOUN) and token.pos_ == "NOUN" and fold(token.lemma_) not in self.role_heads and any(
                c.dep_ == "det" and fold(c.text) in ("le", "la", "l") for c in token.children):
            return context.named_with(fold(token.lemma_))
        return None


class SpeakerContext:
    """What the sentences so far make available to a pronoun or a definite noun."""

    def __init__(self, lang_code: str = "fr"):
        self.subjects: list[ActorRef] = []      # main-clause subjects and speakers, in order
        self.by_noun: dict[str, ActorRef] = {}  # "agence" -> Presse-Info, "ministère" -> ministère italien ...
        self.last_quote: Quote | None = None    # the last quotation (not nested) of the article
        self.previous_persons: list[ActorRef] = []   # the persons of the last sentence
        self.role_heads = {fold(w) for w in load_language(lang_code)["role_heads"]}

    def antecedent(self, _pos: int) -> ActorRef | None:
        return self.subjects[-1] if self.subjects else None

    def last_person(self, not_=None) -> ActorRef | None:
        """The last person subject or speaker (a role bound to no one is no person yet)."""
        return next((r for r in reversed(self.subjects) if r.label == "person" and r is not not_), None)

    def named_with(self, noun: str) -> ActorRef | None:
        return self.by_noun.get(noun)

    def learn(self, doc, sent: Sentence, refs: list[ActorRef], quotes: list[Quote]) -> None:
        """After a sentence: its root subject (if an actor) and its quotes' speakers become
        antecedents; each actor named with a noun ("l'agence … Presse-Info") is remembered by it."""
        first = len(self.subjects)
        in_sent = [r for r in refs if sent.start <= r.start < sent.end and r.label in AGENT_LABELS]
        for r in in_sent:
            words = fold(r.text).split()
            if len(words) > 1:
                self.by_noun[words[0]] = r
            before = [t for t in doc if r.start - 60 <= t.idx < r.start and sent.start <= t.idx]
            for t in reversed(before):            # "l'agence de presse officielle Presse-Info"
                if t.pos_ in ("VERB", "AUX", "DET", "PRON") or t.is_punct:
                    break
                if t.pos_ == "NOUN":
                    self.by_noun[fold(t.lemma_)] = r
        root = next((t for t in doc if sent.start <= t.idx < sent.end and t.dep_ == "ROOT"), None)
        if root is not None:
            for c in root.children:
                if c.dep_ in ("nsubj", "nsubj:pass"):
                    hit = [r for r in in_sent if r.start <= c.idx < r.end or (
                        min(t.idx for t in c.subtree) <= r.start < max(t.idx + len(t) for t in c.subtree))]
                    names = {fold(r.canonical) for r in hit if r.canonical and r.label == "person"}
                    conj = [x for x in c.children if x.dep_ == "conj" and not (enabled(APPOSITION_NOT_JOINT) and any(
                        r.start <= x.idx < r.end and (fold(r.text) in names or (
                            r.label == "person" and fold(c.text) in self.role_heads
                            and x.i >= 1 and doc[x.i - 1].text == ",")) for r in in_sent))]
                    if hit and not conj:
                        self.subjects.append(hit[0])
        for q in quotes:
            if q.sentence is sent and q.speaker is not None:
                self.subjects.append(q.speaker)
        # the persons this sentence names without making them its subject, for a role in the next one
        learnt = self.subjects[first:]
        self.previous_persons = [r for r in refs if sent.start <= r.start < sent.end and r.label == "person"
                                 and not (r.role and r.canonical) and r not in learnt]
