"""Happenings: found per sentence from the parse, then one event per real happening.

Per sentence (EventFinder): each date is given to the verb or event noun it hangs on
in the dependency tree ("les attentats du 13 novembre" dates the attacks, not the
sentence's verb); the main verb of the sentence is its main happening, with the actors
of its own clause as participants. Kinds come from the language table.

Across the dossier (resolve_events): dated reports of the same day that share people
are one event; an undated report joins the event its article was telling about (same
people, or "cet entretien"); what remains, when it names a kind of happening and who
took part, becomes an event dated by an interval: after what it is said to follow
("suite aux attentats"), not after the article was published.
"""
from __future__ import annotations

import re

from sitegen.lang import load_language
from sitegen.model import AGENT_LABELS, ActorRef, EventMention, Sentence, Timex
from sitegen.rules import declare, enabled, rule
from sitegen.text import fold

CLAUSE_DEPS = {"ccomp", "advcl", "acl:relcl", "parataxis", "conj"}
LOCATIVE = re.compile(r"(?:(?:\bà|\bÀ|\ben|\bau|\baux|\bdans)\s+(?:la |le |l')?|"
                      r"\b(?:province|ville|région|localité|quartier|village|commune|capitale)(?:\s+[a-zà-ÿ]+)?\s+d(?:e |u |'|’))$")
NOUN_LOCATIVE = re.compile(r"(?:\bà|\bÀ|\ben|\bau|\baux|\bdans|\bde|\bdu|\bd')\s*(?:la |le |l')?$")
POSSESSIVES = {"son", "sa", "ses", "leur", "leurs"}
THINGS = ("vessel", "military_unit")        # one of them at one place: one happening
QUOTE_MARKS = {"«", "»", '"', "“", "”"}

UNDATED_MAIN = declare("events.undated_main_told_as_done", "a sentence's undated main happening is one when told as "
                       "done (past), in a headline, or after a happening it follows")
NOUNS_IN_PASSING = declare("events.nouns_in_passing", "an undated event noun with a determiner is a mention (of a "
                           "happening dated elsewhere, or its own when indefinite)")
SUBORDINATE_HAPPENINGS = declare("events.subordinate_happenings", "a happening of a subordinate or second clause is "
                                 "a mention in passing")
REPORTED_HAPPENING = declare("events.reported_happening_is_main", "under a verb of saying, the happening reported is "
                             "the sentence's main one (« des tirs ont visé la ville », a indiqué X)")
POSSESSIVE_AGENT = declare("events.possessive_agent", "'lors de sa visite': the subject of the clause is the visitor")
POSSESSIVE_CAPTION = declare("events.possessive_in_a_caption", "'X et Y lors de leur visite du port': in a caption "
                             "without a verb, the people it opens on are the possessors")
STATE_AS_PLACE = declare("events.state_where_is_no_participant", "a state the happening is located in ('les "
                         "inondations au Portugal') is its place, not one of its participants")
COPULAR_CLAUSE = declare("events.copular_clause_of_its_own", "a clause built on a copula with its own subject ('où "
                         "les deux clubs sont en litige avec X') is a clause of its own: its actors are not the "
                         "happening's")


class EventFinder:
    def __init__(self, lang_code: str = "fr"):
        lang = load_language(lang_code)
        self.kind_of: dict[str, str] = {}
        for kind, words in lang["event_kinds"].items():
            for w in words:
                self.kind_of.setdefault(fold(w), kind)
        self.anaphora = {fold(w) for w in lang["event_anaphora_determiners"]}
        self.attack_by_object = {fold(w) for w in lang.get("attack_verbs_by_object", [])}
        self.habit_words = {fold(w) for w in lang.get("habit_words", [])}
        fixed = lang.get("fixed_expressions", [])
        self.fixed = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in fixed) + r")\b", re.I) if fixed else None
        # "ouvrir une enquête", "prendre la parole": (head, words of its complements) -> kind
        self.phrases: dict[str, list[tuple[frozenset[str], str]]] = {}
        for kind, entries in lang.get("kind_phrases", {}).items():
            for entry in entries:
                head, *words = fold(entry).split()
                self.phrases.setdefault(head, []).append((frozenset(words), kind))
        self.by_subject = set(lang.get("kinds_told_by_subject", []))
        # (verb, mark): "avoir lieu" -> (avoir, lieu); "se tenir" -> (tenir, se); "être prévoir" -> (prevoir, etre)
        self.taking_place = set()
        for entry in lang.get("taking_place_verbs", []):
            first, second = fold(entry).split()
            self.taking_place.add((second, first) if first in ("se", "etre") else (first, second))
        self.arrest_by_object = {fold(w) for w in lang.get("arrest_verbs_by_object", [])}
        self.role_heads = {fold(w) for w in lang.get("role_heads", [])}
        self.source_prepositions = {fold(w) for w in lang.get("source_prepositions", [])}
        self.negation_particles = {fold(w) for w in lang.get("negation_particles", [])}
        self.negation_words = {fold(w) for w in lang.get("negation_words", [])}
        pair = lang.get("the_two_of_them") or {}
        self.pair = {"count": fold(pair.get("count", "")), "determiners": {fold(w) for w in pair.get("determiners", [])},
                     "nouns": {fold(w) for w in pair.get("nouns", [])}}
        self.comparison_openers = sorted((fold(w) for w in lang.get("comparison_openers") or []), key=len, reverse=True)
        self.after = sorted((fold(w) for w in lang["after_words"]), key=len, reverse=True)
        self._last_subject: ActorRef | None = None
        self._last_pair: list[ActorRef] = []      # the last two people one sentence named

    def reset(self) -> None:
        """A new article: nobody is being talked about yet."""
        self._last_subject = None
        self._last_pair = []

    def kind(self, tok) -> str | None:
        phrase = self._kind_by_phrase(tok)
        if phrase is not None:
            return phrase
        found = self._own_kind(tok)
        if found == "attack" and tok.pos_ == "VERB" and fold(tok.lemma_) in self.attack_by_object:
            found = self._said_by_attack_verb(tok) or self._attack_by_object(tok)
        if found in ("attack", "statement") and tok.pos_ == "VERB":
            found = self._kind_of_subject(tok) or found
        if found == "justice" and tok.pos_ == "VERB" and fold(tok.lemma_) in self.arrest_by_object:
            found = self._arrest_by_object(tok)
        if found is None and tok.pos_ == "VERB" and tok.dep_ == "ROOT":
            noun = self._named_by_object(tok)
            found = self._own_kind(noun) if noun is not None else None
        if found is None and tok.pos_ == "VERB":
            found = self._said_before_quotation(tok)
        if found is None and tok.pos_ == "VERB":
            found = self._kind_of_what_took_place(tok)
        return found

    @rule("events.kind_of_what_took_place")
    def _kind_of_what_took_place(self, verb) -> str | None:
        """'La réunion, qui a eu lieu le 4 mars', 'le sommet s'est tenu à Vierzon': a
        verb that only says a happening took place tells the happening its subject names."""
        marks = set()                             # what goes with the verb: its object, "se", "être"
        for c in verb.children:
            if c.dep_ == "obj" or (c.dep_ in ("expl:comp", "expl:pv", "expl") and fold(c.text) in ("se", "s")):
                marks.add("se" if fold(c.text) in ("se", "s") else fold(c.text))
            elif c.dep_ == "aux:pass":
                marks.add("etre")
        lemma = fold(verb.lemma_)
        if not any((lemma, mark) in self.taking_place for mark in marks):
            return None
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if subject is not None and subject.pos_ == "PRON" and fold(subject.text) == "qui":
            # "la réunion, qui a eu lieu": the noun "qui" stands for, right before it
            before = [t for t in verb.doc[max(0, subject.i - 3):subject.i] if not t.is_punct]
            subject = before[-1] if before else None
        return self._own_kind(subject) if subject is not None and subject.pos_ == "NOUN" else None

    @rule("events.said_before_quotation")
    def _said_before_quotation(self, verb) -> str | None:
        """'X a donné le ton : « ... »', 'X a résumé : « ... »': a verb that says no kind,
        followed by a colon and a quotation, introduces what its subject said: French news
        sets a speech off that way. A statement."""
        doc = verb.doc
        i = _after_small_words(verb, ("ADV", "ADP", "DET", "NOUN", "PRON", "ADJ"))   # "a donné le ton :"
        if i + 1 < len(doc) and doc[i].text == ":" and doc[i + 1].text in ("«", "“", '"') \
                and doc[i].sent.start == verb.sent.start:
            return "statement"
        return None

    @rule("events.attack_by_object", off="attack")
    def _attack_by_object(self, verb) -> str | None:
        """'Lancer un site internet', 'viser un accord', 'abattre ses cartes': a verb
        of attack with an object that is no target nor weapon says the object's happening
        (or none); 'lancer des roquettes', 'abattre un drone', 'ils ont tiré' are attacks."""
        objects = [c for c in verb.children if c.dep_ == "obj"]
        if objects and objects[0].pos_ == "NOUN" and self._own_kind(objects[0]) is None and any(
                c.dep_ == "det" and fold(c.text) in POSSESSIVES for c in objects[0].children):
            return None                     # "poser son stylo sur la table", "tirer sa révérence"
        if any(c.dep_.startswith("obl") and any(fold(k.text) in ("sur", "contre") for k in c.children if k.dep_ == "case")
               for c in verb.children):
            return "attack"                 # "tirer sur la foule", "frapper contre"
        if verb.dep_ == "acl" and "Part" in verb.morph.get("VerbForm"):
            objects = [verb.head]           # "un site lancé le 5": the noun is what was launched
        if not objects:
            return "attack"
        obj = objects[0]
        own_words = [t for t in obj.subtree if obj.i != verb.head.i or not verb.left_edge.i <= t.i <= verb.right_edge.i]
        if obj.pos_ == "PROPN" or any(t.ent_type_ for t in own_words):
            return "attack"                 # someone, somewhere: a target
        own = self._own_kind(obj)
        if own in ("attack", "strike_campaign"):
            return own
        if obj.pos_ == "NOUN" and "Plur" in obj.morph.get("Number") and own is None and not any(
                fold(c.text) in POSSESSIVES for c in obj.children):
            return "attack"                 # "des missiles", "des civils": what is fired or hit
        return own if own not in (None, "attack") else None

    @rule("events.kind_by_phrase")
    def _kind_by_phrase(self, tok) -> str | None:
        """'Ouvrir une enquête', 'prendre la parole', 'mettre le feu à', 'exercer son droit
        de retrait', 'une conférence de presse': a verb (or noun) and the words of its
        complements say together a kind of happening that the verb alone does not say, or
        says otherwise ("mettre", "lancer", "appeler"). French news tells many happenings
        with such a light verb and a noun."""
        if tok.pos_ not in ("VERB", "NOUN"):
            return None
        entries = self.phrases.get(fold(tok.lemma_)) or self.phrases.get(fold(tok.text))
        if not entries:
            return None
        deps = ("nmod", "amod", "acl") if tok.pos_ == "NOUN" else ("obj", "obl", "obl:arg", "obl:mod", "xcomp", "iobj", "nsubj:pass")
        found: list = []
        level = [c for c in tok.children if c.dep_ in deps]
        for _ in range(3):                  # the complement, its case or determiner, its own complement
            found += level
            level = [c for t in level for c in t.children if c.dep_ not in ("acl:relcl", "conj", "punct")]
        words = {fold(t.lemma_) for t in found} | {fold(t.text) for t in found}
        for needed, kind in entries:
            if needed <= words:
                if kind == "statement":
                    # "faire état de 40 interpellations": what is reported is the happening
                    told = [k for k in map(self._own_kind, found) if k not in (None, "statement")]
                    return told[0] if told else kind
                return kind
        return None

    def _in_phrase(self, noun) -> bool:
        """Is the noun the complement of a verb whose phrase says the kind ("mettre le
        feu", "ouvrir une enquête")? Then it is the verb's happening, not one of its own."""
        return noun.dep_ in ("obj", "obl", "obl:arg", "obl:mod") and noun.head.pos_ == "VERB" \
            and self._kind_by_phrase(noun.head) is not None

    @rule("events.said_by_attack_verb")
    def _said_by_attack_verb(self, verb) -> str | None:
        """'X avait lancé : « J'en appelle ... »', '« ... », a lancé X': French news uses
        lancer, tirer or viser as verbs of saying, before a colon or a quotation, or in the
        inverted incise after a closing quotation mark. That is a statement, no attack."""
        doc = verb.doc
        i = _after_small_words(verb, ("ADV", "ADP", "DET", "NOUN", "PRON"))    # "a lancé pourtant au gouvernement :"
        if i < len(doc) and (doc[i].text == ":" or doc[i].text in ("«", "“")) and doc[i].sent.start == verb.sent.start:
            return "statement"
        i = verb.i - 1
        while i >= verb.sent.start and (doc[i].pos_ in ("AUX", "ADV") or doc[i].text == ","
                                          or doc[i].text.startswith("-")):
            i -= 1                          # "», a-t-il lancé", "», avait aussitôt lancé"
        if i >= verb.sent.start and doc[i].text in ("»", '"', "”"):
            return "statement"
        return None

    @rule("events.kind_of_subject")
    def _kind_of_subject(self, verb) -> str | None:
        """'Une tempête a frappé Brest', 'l'explosion a tué trois ouvriers', 'l'incendie
        s'est déclaré à 3 heures': when the subject of a verb of attack or of saying is
        itself a happening (a storm, a crash, a fire), the happening is the subject's kind;
        nobody attacked, nobody spoke."""
        for c in verb.children:
            if c.dep_ == "nsubj" and c.pos_ == "NOUN":
                own = self._own_kind(c)
                if own in self.by_subject:
                    return own
        return None

    @rule("events.arrest_by_object", off="justice")
    def _arrest_by_object(self, verb) -> str | None:
        """'Arrêter' is to arrest someone, to stop something or to settle it: 'la police a
        arrêté trois suspects', 'le ministre a été arrêté' are justice; 's'arrêter',
        'arrêter la production', 'la date du scrutin a été arrêtée' say no happening
        of justice (say less: no kind). Who is arrested is a name, a pronoun, a role
        ('le maire') or people counted in the plural."""
        if any(c.dep_ == "expl:pv" or (c.dep_ == "obj" and c.pos_ == "PRON" and fold(c.text) in ("se", "s'"))
               for c in verb.children):
            return None                     # "le convoi s'est arrêté"
        passive = any(c.dep_ == "aux:pass" for c in verb.children)
        who = [c for c in verb.children if c.dep_ == ("nsubj:pass" if passive else "obj")]
        if not who:
            return None
        obj = who[0]
        if obj.pos_ in ("PROPN", "PRON") or any(t.ent_type_ == "PER" for t in obj.subtree) \
                or fold(obj.lemma_) in self.role_heads or (
                obj.pos_ == "NOUN" and "Plur" in obj.morph.get("Number") and self._own_kind(obj) is None):
            return "justice"                # someone, some people
        return None

    def _own_kind(self, tok) -> str | None:
        """The kind the language table gives the word."""
        if tok.pos_ not in ("VERB", "NOUN"):
            return None
        lemma = fold(tok.lemma_)
        found = self.kind_of.get(lemma) or self.kind_of.get(fold(tok.text))
        if found is None and tok.pos_ == "VERB" and lemma.endswith("e"):
            found = self.kind_of.get(lemma + "r")       # a lemma left conjugated: "prône"
        return found

    @rule("events.kind_from_object")
    def _named_by_object(self, verb):
        """'X a opéré un rapprochement', 'X a effectué une série de frappes': the noun
        that says what a main verb saying little did (None when the verb says it)."""
        if verb.pos_ != "VERB" or verb.dep_ != "ROOT" or self._own_kind(verb):
            return None
        for obj in (c for c in verb.children if c.dep_ == "obj" and c.pos_ == "NOUN"):
            for noun in [obj] + [c for c in obj.children if c.dep_ == "nmod" and c.pos_ == "NOUN"]:
                if self._own_kind(noun):
                    return noun
        return None

    @staticmethod
    def _predicate_above(tok, finder: "EventFinder", names: frozenset[int] = frozenset()):
        """The verb or event noun a token hangs on."""
        node = tok.head
        seen = set()
        while node.i not in seen:
            seen.add(node.i)
            if node.pos_ == "VERB" or (node.pos_ == "NOUN" and finder.kind(node) and node.i not in names):
                if node.pos_ == "NOUN" and finder._in_phrase(node):
                    return node.head              # "mettre le feu jeudi", "ouvrir une enquête mardi": the phrase's
                return node
            if node.head.i == node.i:
                return node
            node = node.head
        return node

    def find(self, text: str, doc, sentences: list[Sentence], refs: list[ActorRef],
             timexes: list[tuple[Sentence, Timex]]) -> list[EventMention]:
        out: list[EventMention] = []
        names = _in_names(doc, refs, self.fixed)
        for sent in sentences:
            tokens = [t for t in doc if sent.start <= t.idx < sent.end]
            if not tokens:
                continue
            first = len(out)                      # this sentence's mentions are out[first:]
            dated: list[tuple[int, Timex]] = []
            for s, timex in timexes:
                if s is not sent:
                    continue
                at = next((t for t in tokens if t.idx <= timex.start < t.idx + len(t) + 1), None)
                if at is None:
                    continue
                pred = self._apposed_noun(at, text, names) or (self._predicate_above(at, self, names) if at.pos_ != "VERB" else at)
                dated.append((pred.i, timex))
            main = self._main(tokens, names)
            main_i = main.i if main is not None else -1
            subject = self._pronoun_subject(main, refs) if main is not None else None
            # "la mission fixée par les deux présidents": a happening of its own, told in
            # passing; its agents are not the participants of the sentence's happening
            passing = [t for t in tokens if t.pos_ == "VERB" and t.dep_ == "acl" and self.kind(t)
                       and any(c.dep_ == "obl:agent" for c in t.children)]
            dated_nouns = {i for i, _ in dated if doc[i].pos_ == "NOUN"} | {t.i for t in passing}
            for i, timex in dated:
                pred = doc[i]
                is_main = (main is not None and pred.i == main.i) or pred.head.i == pred.i or (
                    pred.pos_ == "VERB" and not any(a.pos_ == "VERB" and self.kind(a) for a in pred.ancestors)
                    and not _names_a_noun(pred))
                out.append(self._mention(sent, pred, timex, refs, text, is_main, dated_nouns - {i},
                                         subject if is_main else None))
            # a happening told as done, or in the present after a happening it follows
            # ("à la suite des attentats, le président prône ...")
            if main is not None and self._negated(main):
                main_i, main = main.i, None       # nothing happened; its subject is still the one talked about
                self._learn_subject(doc[main_i], refs)
            if enabled(UNDATED_MAIN) and main is not None and main.i not in {i for i, _ in dated} and self.kind(main) and (
                    sent.para == 0 or self._past(main) or self._after(text, sent, doc)):
                out.append(self._mention(sent, main, None, refs, text, True, dated_nouns, subject))
                out[-1].goes_on = subject is not None
            elif main is not None and main.i not in {i for i, _ in dated} and self._news_present(main):
                out.append(self._mention(sent, main, None, refs, text, True, dated_nouns, subject))
                out[-1].goes_on = subject is not None
                out[-1].present = True
            # undated event nouns in passing ("suite aux inondations de Nîmes"): they may
            # report a happening dated elsewhere, never found one of their own
            named_by = self._named_by_object(main) if main is not None else None
            for tok in tokens if enabled(NOUNS_IN_PASSING) else ():
                if named_by is not None and tok.i == named_by.i:
                    continue                      # the main verb's own happening
                if tok.pos_ == "NOUN" and self.kind(tok) and tok.i != main_i and tok.i not in {i for i, _ in dated} \
                        and any(c.dep_ == "det" for c in tok.children) and tok.i not in names \
                        and not self._in_phrase(tok):
                    # "il y avait eu des entretiens entre marins russes et français": an
                    # indefinite happening is one of its own; a definite one points back
                    indefinite = any(c.dep_ == "det" and fold(c.text) in ("un", "une", "des") for c in tok.children)
                    own = indefinite and (tok.dep_ in ("obj", "nsubj") or main is None or not self.kind(main))
                    m = self._mention(sent, tok, None, refs, text, own, dated_nouns, None)
                    out.append(m)
            # "comme le navire doit arriver en mer Rouge, ...", "..., et la France avait
            # envoyé un navire": a happening of a subordinate or second clause, which may
            # report one dated elsewhere
            passing += [t for t in tokens if t.pos_ == "VERB" and self.kind(t) and t.i != main_i
                        and t.i not in dated_nouns and (t.dep_ == "advcl" or (
                            t.dep_ == "xcomp" and t.head.dep_ == "advcl" and t.head.i != main_i) or (
                            t.dep_ == "conj" and t.head.i == main_i and any(
                                c.dep_ in ("nsubj", "nsubj:pass") for c in t.children)))]
            for tok in passing if enabled(SUBORDINATE_HAPPENINGS) else ():
                if tok.i not in {i for i, _ in dated}:
                    out.append(self._mention(sent, tok, None, refs, text, False, dated_nouns - {tok.i}, None))
            pair = self._pair_subject(main) if main is not None else []
            for m in out[first:] if pair else ():
                if m.main:
                    m.actors += [r for r in pair if r not in m.actors]
            if main is not None:
                self._learn_subject(main, refs)
            people = [r for r in refs if sent.start <= r.start < sent.end and r.label == "person"]
            people = list({(r.canonical or r.text): r for r in people}.values())
            if len(people) == 2:
                self._last_pair = people
            elif {(r.canonical or r.text) for r in people} - {(r.canonical or r.text) for r in self._last_pair}:
                self._last_pair = []              # someone else named: which two is no longer sure
        return out

    @rule("events.negated_is_no_happening", off=False)
    def _negated(self, pred) -> bool:
        """'La grève ne faiblit pas', 'le plan n'a pas convaincu', 'rien n'a été signé': a
        verb in the negative tells that something did not happen. ('Il n'a duré que deux
        heures' is no negation.)"""
        if pred.pos_ not in ("VERB", "AUX") or not any(fold(c.text) in self.negation_particles for c in pred.children):
            return False
        words = {fold(c.text) for c in pred.children if c.dep_ in ("advmod", "advmod:neg", "nsubj", "obj")}
        words |= {fold(t.text) for t in pred.doc[pred.i + 1:pred.i + 3]}   # "ne faiblit pas", however parsed
        return bool(words & self.negation_words)

    @rule("events.the_two_of_them", off=list)
    def _pair_subject(self, main) -> list[ActorRef]:
        """'Lefèvre et Marchal à leur arrivée à Rome. Les deux dirigeantes se sont
        entretenues avec Bellini': 'les deux dirigeantes', 'ces deux hommes' are the two
        people the last sentence naming two people named."""
        clause = main.head if main.pos_ == "NOUN" and main.dep_ in ("obj", "xcomp") else main
        for c in clause.children:
            if c.dep_ in ("nsubj", "nsubj:pass") and c.pos_ == "NOUN" and "Plur" in c.morph.get("Number") \
                    and fold(c.lemma_) in self.role_heads | self.pair["nouns"] \
                    and any(k.dep_ == "nummod" and fold(k.text) == self.pair["count"] for k in c.children) \
                    and any(k.dep_ == "det" and fold(k.text) in self.pair["determiners"] for k in c.children):
                return list(self._last_pair)
        return []

    @rule("events.apposed_noun_dated")
    def _apposed_noun(self, at, text: str, names: frozenset[int] = frozenset()):
        """'des inondations de Nîmes, le 3 octobre': a date set off after an event noun
        dates that noun, whatever the parser attached it to."""
        doc = at.doc
        i = at.i - 1
        while i >= 0 and doc[i].text in ("le", "la", "l'", "du", "au"):
            i -= 1
        if i < 0 or doc[i].text != ",":
            return None
        for j in range(i - 1, max(-1, i - 5), -1):
            if doc[j].pos_ == "NOUN" and self.kind(doc[j]) and j not in names:
                return doc[j]
            if doc[j].pos_ in ("VERB", "AUX") or doc[j].is_punct:
                return None
        return None

    @rule("events.present_of_the_news", off=False)
    def _news_present(self, verb) -> bool:
        """'Le ministre dénonce ...', 'la préfecture fait état de 107 interpellations': a
        main verb of a kind of happening in the simple present is, in a news report, what
        happened on the day it was written (not a habit: the verb has a kind and names no
        duration or frequency)."""
        return (verb.pos_ == "VERB" and self.kind(verb) not in (None, "other")
                and "Pres" in verb.morph.get("Tense") and "Ind" in verb.morph.get("Mood")
                and not any(c.dep_.startswith("aux") for c in verb.children)
                and not any(fold(t.text) in self.habit_words for t in verb.subtree))

    @staticmethod
    def _past(tok) -> bool:
        """A happening told as done: a noun, or a verb in a past tense (not a future, a
        conditional or a subjunctive: "le porte-avions permettra de tripler ...", "rien
        ne justifie que des commerces soient pillés")."""
        if tok.pos_ != "VERB":
            return True
        tense = tok.morph.get("Tense")
        mood = tok.morph.get("Mood")
        if "Fut" in tense or "Cnd" in mood or "Sub" in mood:
            return False                  # "que les forces de l'ordre soient attaquées": not told as done
        aux = [c for c in tok.children if c.dep_.startswith("aux")]
        if any("Fut" in a.morph.get("Tense") or a.morph.get("Mood") and {"Cnd", "Sub"} & set(a.morph.get("Mood"))
               for a in aux):
            return False
        return bool(aux) or "Past" in tense or "Imp" in tense or "Part" in tok.morph.get("VerbForm")

    @staticmethod
    def _pluperfect(tok) -> bool:
        """Is the sentence told in the pluperfect ("ils avaient eu l'occasion de ...")?"""
        root = tok.sent.root
        return any(c.dep_.startswith("aux") and "Imp" in c.morph.get("Tense") for c in root.children)

    @rule("events.pronoun_subject")
    def _pronoun_subject(self, main, refs: list[ActorRef]) -> ActorRef | None:
        """'Il a opéré un rapprochement': the person the previous sentences were about."""
        clause = main.head if main.pos_ == "NOUN" and main.dep_ in ("obj", "xcomp") else main
        for c in clause.children:
            if c.dep_ in ("nsubj", "nsubj:pass") and c.pos_ == "PRON" and fold(c.text) in ("il", "elle"):
                return self._last_subject
        return None

    def _learn_subject(self, main, refs: list[ActorRef]) -> None:
        for c in main.children:
            if c.dep_ in ("nsubj", "nsubj:pass"):
                hit = [r for r in refs if r.start <= c.idx < r.end and r.label in ("person", "role")]
                if hit:
                    self._last_subject = hit[0]

    def _main(self, tokens, names: frozenset[int] = frozenset()):
        """The sentence's main happening: its root verb, or the highest verb or event noun."""
        root = next((t for t in tokens if t.dep_ == "ROOT"), None)
        if root is not None and self.kind(root) == "statement" and enabled(REPORTED_HAPPENING):
            # "« des terroristes ont visé la ville », a indiqué une source": what is reported
            told = [c for c in root.children if (c.dep_ in ("ccomp", "parataxis", "xcomp") or (
                        # « des terroristes ont visé la ville », a indiqué ...
                        c.dep_ == "advcl" and any(q.text in QUOTE_MARKS for q in c.children)
                        and "Inf" not in c.morph.get("VerbForm")))
                    and self.kind(c) not in (None, "statement")]
            if told:
                return told[0]
        if root is not None and root.pos_ == "NOUN" and any(c.dep_ == "case" for c in root.children):
            # "Suite aux inondations de Nîmes, ... ont convenu": the noun is a fronted phrase
            verbs = [t for t in tokens if t.pos_ == "VERB" and self.kind(t)]
            if verbs:
                return min(verbs, key=lambda t: len(list(t.ancestors)))
        if root is not None and (root.pos_ == "VERB" or self.kind(root)):
            if self.kind(root) is None:
                # "a expliqué le ministère": a verb of saying over a reported happening
                inner = [c for c in root.children if c.dep_ in ("ccomp", "xcomp", "obj") and self.kind(c)]
                if inner:
                    return inner[0]
            return root
        candidates = [t for t in tokens if self.kind(t) and t.i not in names]
        if not candidates:
            return root
        return min(candidates, key=lambda t: len(list(t.ancestors)))

    def _mention(self, sent: Sentence, pred, timex: Timex | None, refs: list[ActorRef], text: str,
                 main: bool, others: set[int] = frozenset(), subject: ActorRef | None = None) -> EventMention:
        doc = pred.doc
        own = self._own_tokens(pred, others)
        actors = [r for r in refs if r.label in AGENT_LABELS
                  and any(t.idx <= r.start < t.idx + len(t) or r.start <= t.idx < r.end for t in own)]
        where = NOUN_LOCATIVE if pred.pos_ == "NOUN" else LOCATIVE
        places = [r for r in refs if r.label in ("place", "state") and any(r.start <= t.idx < r.end for t in own)
                  and where.search(text[max(0, r.start - 30):r.start])]
        # the place that hangs nearest the predicate ("les attentats de Paris et la perte
        # d'un avion au-dessus du Sinaï" happened in Paris); then a city where it happened
        # ("à Rome") before a country it was about ("en Italie")
        places.sort(key=lambda r: (_steps_below(pred, doc, r.start), r.label != "place",
                                   not re.search(r"\b[àÀ]\s*$", text[max(0, r.start - 3):r.start])))
        if not places:                            # "À Milan, « des roquettes ... »": a place set in front
            places = [r for r in refs if r.label in ("place", "state") and sent.start <= r.start < sent.start + 20
                      and re.fullmatch(r"\s*(?:à|À|en|En|dans|Dans)\s+(?:la |le |l')?", text[sent.start:r.start])]
        kind = self.kind(pred) or "other"
        anaphoric = pred.pos_ == "NOUN" and any(
            c.dep_ == "det" and fold(c.text) in self.anaphora for c in pred.children) and timex is None
        if enabled(STATE_AS_PLACE):
            actors = [r for r in actors if not (r.label == "state" and any(r is p for p in places))]
        actors = self._without_role_complements(actors, refs, doc)
        actors = self._without_compared(actors, sent, text)
        actors = self._without_sources(actors, doc, kind)
        if subject is not None and subject not in actors:
            actors.append(subject)
        if enabled(POSSESSIVE_AGENT) and pred.pos_ == "NOUN" and any(
                c.dep_ == "det" and fold(c.text) in POSSESSIVES for c in pred.children):
            # "lors de sa visite": the visitor is the subject or agent of the clause
            verb = pred.head
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head
            for c in verb.children:
                if c.dep_ in ("nsubj", "nsubj:pass", "obl:agent"):
                    actors += [r for r in refs if any(t.idx <= r.start < t.idx + len(t) for t in c.subtree)
                               and r.label in AGENT_LABELS and r not in actors]
            if verb.pos_ in ("NOUN", "PROPN") and verb.head.i == verb.i and enabled(POSSESSIVE_CAPTION):
                # "X et Y lors de leur visite du port, mardi.": a caption without a verb
                heads = [verb] + [c for c in verb.children if c.dep_ in ("conj", "flat:name")]
                own = {t.i for h in heads for t in ([h] + [c for c in h.children if c.dep_ in ("flat:name", "flat")])}
                actors += [r for r in refs if r.label in AGENT_LABELS and r not in actors and any(
                    t.i in own and t.idx <= r.start < t.idx + len(t) for t in doc[verb.left_edge.i:verb.right_edge.i + 1])]
        phrase = None
        noun = _described_noun(pred) if _names_a_noun(pred) else pred
        det = [c for c in noun.children if c.dep_ == "det" and c.i < noun.i]
        if noun.pos_ == "NOUN" and det:          # "la hausse des taxes prévue au 1er janvier", from its article on
            phrase = doc.text[det[0].idx:noun.right_edge.idx + len(noun.right_edge)].strip(" ,;:")
        elif pred.pos_ == "VERB" and pred.dep_ == "acl:relcl" and any(
                c.dep_ == "nsubj" and c.pos_ != "PRON" for c in pred.children):
            # "..., où la Russie mène depuis le 30 septembre une campagne": the relative
            # clause says its own happening, from its subject on
            own_subject = next(c for c in pred.children if c.dep_ == "nsubj" and c.pos_ != "PRON")
            start = min(own_subject.left_edge.idx, pred.idx)
            phrase = doc.text[start:pred.right_edge.idx + len(pred.right_edge)].strip(" ,;:")
        return EventMention(sent, pred.text, fold(pred.lemma_), kind, timex, actors,
                            places[0].text if places else None, anaphoric, self._after(text, sent, doc), main,
                            pred.pos_ == "VERB", backstory=self._pluperfect(pred), phrase=phrase)

    @rule("events.compared_is_no_participant", off=lambda self, actors, sent, text: actors)
    def _without_compared(self, actors: list[ActorRef], sent: Sentence, text: str) -> list[ActorRef]:
        """'À l'instar de la Syldavie, la Bordurie a décidé ...': who a sentence opens by
        comparing with ("comme", "à l'instar de", "contrairement à") is told of for
        comparison; what the sentence tells, they did not take part in."""
        head = fold(text[sent.start:sent.end])
        opener = next((w for w in self.comparison_openers if head.startswith(w + " ")), None)
        if opener is None:
            return actors
        comma = text.find(",", sent.start)
        if comma < 0 or comma >= sent.end:
            return actors
        return [r for r in actors if not sent.start <= r.start < comma]

    @rule("events.source_is_no_participant", off=lambda self, actors, doc, kind: actors)
    def _without_sources(self, actors: list[ActorRef], doc, kind: str) -> list[ActorRef]:
        """'12 000 personnes ont défilé selon la préfecture du Cher': who a
        figure or a fact is told by ("selon X", "d'après X", "selon un communiqué de X")
        is the report's source; they did not take part in what it tells. A statement
        keeps them: there the source is the speaker."""
        if kind == "statement":
            return actors
        out = []
        for r in actors:
            span = doc.char_span(r.start, r.end, alignment_mode="expand")
            tok = span.root if span is not None and len(span) else None
            source = False
            for _ in range(3):                    # the noun, or the communiqué it is the complement of
                if tok is None:
                    break
                if any(c.dep_ == "case" and fold(c.text + "".join(f.text for f in c.children if f.dep_ == "fixed"))
                       in self.source_prepositions for c in tok.children):
                    source = True
                    break
                if tok.dep_ not in ("nmod", "flat", "flat:name", "appos") or tok.head.i == tok.i:
                    break
                tok = tok.head
            if not source:
                out.append(r)
        return out

    @rule("events.role_complement_is_no_participant", off=lambda self, actors, refs, doc: actors)
    def _without_role_complements(self, actors: list[ActorRef], refs: list[ActorRef], doc) -> list[ActorRef]:
        """'X, directeur de la Banque centrale de Ruritanie, a rencontré Y': the
        institution or country in the complement of a person's role says who the person
        is, it does not take part itself; the person does ("les présidents de la
        Ruritanie et de la Syldavie" are the presidents, named or not)."""
        # a role bound to a person, unbound, or relational ("son homologue de X, Y")
        roles = [r for r in refs if (r.label == "person" and (r.role or r.canonical or r.role_key)) or r.label == "role"]
        out = []
        for r in actors:
            if r.label in ("person", "role"):
                out.append(r)
                continue
            span = doc.char_span(r.start, r.end, alignment_mode="expand")
            tok = span.root if span is not None and len(span) else None
            inside = False
            if tok is not None and any(c.dep_ == "case" and fold(c.text) not in ("de", "d", "du", "des")
                                       for c in tok.children):
                tok = None                        # "le Premier ministre, à Matignon": where he is, not whose
            for _ in range(4):
                if tok is None or tok.dep_ not in ("nmod", "flat", "flat:name", "appos", "amod", "conj") or tok.head.i == tok.i:
                    break
                tok = tok.head
                word = fold(tok.text)
                if any(q.start <= tok.idx < q.end for q in roles) or (tok.pos_ == "NOUN" and (
                        word in self.role_heads or (word.endswith("s") and word[:-1] in self.role_heads))):
                    inside = True
                    break
            if not inside:
                out.append(r)
        # "les présidents de la Ruritanie et de la Syldavie ont signé": with no one else
        # named, the countries stand for their unnamed presidents
        return out if any(r.label != "role" for r in out) else actors

    def _own_tokens(self, pred, others: set[int] = frozenset()) -> list:
        """The predicate's own clause: its subtree without nested clauses of their own,
        nor nouns dated as happenings of their own (others)."""
        keep, stack = [pred], list(pred.children)
        while stack:
            t = stack.pop()
            if (t.dep_ in CLAUSE_DEPS and t.pos_ in ("VERB", "AUX")) or t.i in others:
                continue
            if enabled(COPULAR_CLAUSE) and any(c.dep_ == "cop" for c in t.children) and any(
                    c.dep_ in ("nsubj", "nsubj:pass") for c in t.children):
                continue                          # "où les deux clubs sont en litige avec ...": a clause
            keep.append(t)
            stack.extend(t.children)
        # a subject shared with the clause above; "qui" stands for the noun it follows
        if pred.dep_ in ("xcomp", "conj", "acl:relcl", "acl") and pred.head.i != pred.i:
            head = pred.head
            keep.append(head)
            own_subject = pred.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubj:pass") for c in pred.children)
            for c in head.children:
                if c.dep_ in ("nsubj", "nsubj:pass", "nmod", "appos", "flat:name") and c.i != pred.i \
                        and not own_subject:      # "..., et la France a envoyé": not the first one's
                    keep.extend(c.subtree)
            # "Ce navire, qui permettra de tripler ...": the noun "qui" stands for does it
            if pred.dep_ == "xcomp" and head.dep_ == "acl:relcl" and any(
                    c.dep_ == "nsubj" and fold(c.text) == "qui" for c in head.children):
                keep.append(head.head)
        return keep

    def _after(self, text: str, sent: Sentence, doc) -> str | None:
        """'Suite aux inondations de Nîmes, ...': the lemma of the happening this one followed."""
        low = fold(text[sent.start:sent.end])
        for phrase in self.after:
            at = low.find(phrase + " ")
            if at < 0 or (at > 0 and low[at - 1] != " "):
                continue
            rest = low[at + len(phrase) + 1:].split()
            for w in rest[:4]:
                tok = next((t for t in doc if fold(t.text) == w and t.pos_ == "NOUN"), None)
                if tok is not None and self.kind(tok):
                    return fold(tok.lemma_)
        return None


def _after_small_words(verb, tags: tuple[str, ...]) -> int:
    """The index of the token after the few small words (of these parts of speech, up to
    four, no quotation mark) that follow a verb: where its colon or quotation would be."""
    doc = verb.doc
    i = verb.i + 1
    while i < len(doc) and i <= verb.i + 4 and doc[i].pos_ in tags and doc[i].text not in QUOTE_MARKS:
        i += 1
    return i


@rule("events.participle_of_a_noun", off=False)
def _names_a_noun(verb) -> bool:
    """'la hausse des taxes prévue au 1er janvier': a participle that describes a noun
    tells that noun's happening in passing, never the sentence's main one, even when the
    main verb names no kind ("ont occupé les ronds-points"). A relative clause ("celle de
    X, qui avait rencontré Y le 26 novembre") has a subject of its own: it may be."""
    return (verb.pos_ == "VERB" and verb.dep_ == "acl" and verb.head.i != verb.i
            and "Part" in verb.morph.get("VerbForm"))


def _described_noun(participle):
    """The noun a participle describes: the nearest one above it that agrees with it in
    gender and number ("la hausse des taxes sur les carburants prévue": the rise, which
    the parser may have hung on "carburants")."""
    feats = [(f, participle.morph.get(f)) for f in ("Gender", "Number") if participle.morph.get(f)]
    node, seen = participle.head, set()
    while node.i not in seen:
        seen.add(node.i)
        if node.pos_ == "NOUN" and all(node.morph.get(f) == v for f, v in feats):
            return node
        if node.head.i == node.i:
            break
        node = node.head
    return participle.head


@rule("events.noun_in_a_name", off=frozenset)
def _in_names(doc, refs: list[ActorRef], fixed: re.Pattern | None) -> frozenset[int]:
    """Words of happening inside a name are no happening: the "sécurité" of "le Conseil
    de sécurité" (an actor's name), the "ordre" of "les forces de l'ordre" or "l'ordre du
    jour" (a fixed expression of the language table). Their token indices."""
    spans = [(r.start, r.end) for r in refs if r.label in AGENT_LABELS and r.label != "role"]   # a name, not a description
    if fixed is not None:
        spans += [(m.start(), m.end()) for m in fixed.finditer(doc.text)]
    return frozenset(t.i for t in doc if any(a <= t.idx < b for a, b in spans))


def _steps_below(pred, doc, char: int) -> int:
    """How many heads up from the token at a character offset to the predicate."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    tok = span[0] if span is not None and len(span) else None
    steps = 0
    while tok is not None and tok.i != pred.i and tok.head.i != tok.i and steps < 50:
        tok, steps = tok.head, steps + 1
    return steps if tok is not None and tok.i == pred.i else 50


# ---------------------------------------------------------------------- resolution


