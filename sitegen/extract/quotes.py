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
        self._sentence_subject = None
        self._status = "unknown"
        self._in_quote = lambda i: False

    def find(self, text: str, doc, para: int, sentences: list[Sentence], refs: list[ActorRef],
             context: "SpeakerContext") -> list[Quote]:
        out: list[Quote] = []
        spans = quote_spans(text, self.pairs)
        for sent in sentences:                    # in order: each sentence teaches the next ones
            for span in (s for s in spans if sent.start <= s.start < sent.end):   # by its first word
                outer = next((q for q in out if q.span[0] < span.outer[0] and span.outer[1] <= q.span[1]), None)
                if outer is not None and enabled(NESTED):             # a quote inside a quote: the same speaker
                    speaker = outer.speaker
                    status = outer.status
                else:
                    self._status = "unknown"
                    speaker = self._speaker(doc, text, sent, span, spans, refs, context)
                    status = "named" if speaker is not None else self._status
                out.append(Quote(sent, text[span.start:span.end], speaker, span=span.outer, status=status))
            context.learn(doc, sent, refs, out)
        return out

    # ------------------------------------------------------------------ speaker

    def _speaker(self, doc, text, sent, span, spans, refs, context) -> ActorRef | None:
        in_any_quote = lambda i: any(s.outer[0] <= i < s.outer[1] for s in spans)  # noqa: E731
        self._in_quote = in_any_quote
        # the sentence of the opening mark up to the end of the one with the closing mark
        last = next((x for x in doc.sents if x.start_char <= span.outer[1] - 1 < x.end_char), None)
        end = max(sent.end, last.end_char if last is not None else sent.end)
        tokens = [t for t in doc if min(sent.start, span.outer[0]) <= t.idx < end]
        self._sentence_subject = self._root_subject(tokens, refs, span.start)
        outside = [t for t in tokens if not in_any_quote(t.idx)]
        # 1. a verb of speech outside the quotes, closest to this quote
        speech = [t for t in outside if t.lemma_ in self.speech and t.pos_ in ("VERB", "AUX")]
        speech.sort(key=lambda t: abs(t.idx - span.start))
        for verb in speech if enabled(SPEECH_SUBJECT) else ():
            found, decided = self._subject(verb, doc, text, refs, context, speech=True)
            if decided:
                return found
        # 2. "selon X" outside the quotes
        for tok in outside if enabled(SELON) else ():
            if fold(tok.text) in self.according and tok.idx > 0:
                obj = tok.head if tok.dep_ == "case" else None
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

    def _several(self, subj, refs) -> bool:
        """'Jean Morel et Anne Roy': coordinated actors speak jointly."""
        conj = [t for t in subj.subtree if t.dep_ == "conj"]
        if any(any(r.start <= t.idx < r.end for r in refs) or t.pos_ in ("PROPN", "NOUN") for t in conj):
            return True
        doc = subj.doc                            # "Roy et Morel" parsed apart
        return subj.i >= 2 and fold(doc[subj.i - 1].text) in ("et", "ou") and any(
            r.start <= doc[subj.i - 2].idx < r.end for r in refs)

    def _pronoun(self, pos: int, context) -> ActorRef | None:
        if not enabled(PRONOUN):
            return None
        return self._sentence_subject or context.antecedent(pos)

    def _subject(self, verb, doc, text, refs, context, speech: bool = False) -> tuple[ActorRef | None, bool]:
        """(speaker, decided): decided is False when the verb has no subject at all. After
        a verb of speech, a noun that follows it is its subject ("», a dit le ministre")."""
        for c in (t for child in verb.children for t in child.subtree if t.i in (child.i, child.i + 1)):
            if c.text.startswith("-") and fold(c.text) in self.pronouns:    # "a-t-il dit", "a-t-elle ajouté"
                return self._pronoun(c.idx, context), True
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass") and fold(c.text) not in ("t", "")
                    and not self._in_quote(c.idx)]           # the quote's own subject is not the speaker
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
        return self._actor_at(subj, doc, text, refs, context), True

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
        if enabled(DEFINITE_NOUN) and token.pos_ == "NOUN" and fold(token.lemma_) not in self.role_heads and any(
                c.dep_ == "det" and fold(c.text) in ("le", "la", "l") for c in token.children):
            return context.named_with(fold(token.lemma_))
        return None


class SpeakerContext:
    """What the sentences so far make available to a pronoun or a definite noun."""

    def __init__(self):
        self.subjects: list[ActorRef] = []      # main-clause subjects and speakers, in order
        self.by_noun: dict[str, ActorRef] = {}  # "agence" -> Presse-Info, "ministère" -> ministère italien ...

    def antecedent(self, _pos: int) -> ActorRef | None:
        return self.subjects[-1] if self.subjects else None

    def named_with(self, noun: str) -> ActorRef | None:
        return self.by_noun.get(noun)

    def learn(self, doc, sent: Sentence, refs: list[ActorRef], quotes: list[Quote]) -> None:
        """After a sentence: its root subject (if an actor) and its quotes' speakers become
        antecedents; each actor named with a noun ("l'agence … Presse-Info") is remembered by it."""
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
                    if hit and not any(x.dep_ == "conj" for x in c.children):
                        self.subjects.append(hit[0])
        for q in quotes:
            if q.sentence is sent and q.speaker is not None:
                self.subjects.append(q.speaker)
