"""Who takes part: the actors named in a parsed paragraph.

Three sources of actor mentions, all driven by the language tables:
* named entities, with their type fixed by the words around them (a ship named after
  a person is a vessel; a capital that acts, "selon Moscou", is its state);
* noun phrases headed by an institution or unit noun and qualified by a nationality
  or a proper noun ("le ministère italien de la Culture", "un avion A400");
* role phrases bound to a person by apposition ("le ministre français de la Défense,
  Hélène Lefèvre"), which then stand for that person elsewhere ("le ministre
  français"); relational roles ("son homologue italien") are only ever bound locally.
"""
from __future__ import annotations

import re
from functools import lru_cache

from sitegen.lang import load_language
from sitegen.model import ActorRef, Source
from sitegen.rules import declare, enabled, rule
from sitegen.text import fold, for_model

LABELS = {"PER": "person", "ORG": "organization", "LOC": "place", "MISC": "other"}
# "... des armées françaises", "... de la Défense", "... des Affaires étrangères"
ROLE_TAIL = re.compile(r"(?:\s+(?:de la|de l['’]|d['’]|de|des|du)\s*(?:[a-zà-ÿ][\w’'-]*|[A-ZÀ-Ý][a-zà-ÿ’'-]+)"
                       r"(?:\s+[a-zà-ÿ][a-zà-ÿ-]*(?<!\bet)(?<!\bou))*)+")
# between a role and the name it stands beside: "(CEMA), le général "
BETWEEN_ROLE_AND_NAME = re.compile(r"[\s,]*(?:\([A-ZÀ-Ý]{2,8}\)[\s,]*)?(?:(?:le|la|l')\s*)?(?:(?:général|général d['’]armée|"
                                   r"amiral|colonel|M\.|Mme|Dr)\s+)?")
# after a plural role head: "(d'état-major) russe et français"
PLURAL_ROLE = re.compile(r"((?:\s+d['’][\w-]+|\s+de\s+[\w-]+)?)\s+([a-zà-ÿ]+)\s+et\s+([a-zà-ÿ]+)\b")
PAIR_OF_SURNAMES = re.compile(r"\b(\w+)\s+([A-ZÀ-Ý][a-zà-ÿ]+)-([A-ZÀ-Ý][a-zà-ÿ]+)\b")
DEMONSTRATIVE = re.compile(r"\b(?:[Cc]e|[Cc]et|[Cc]ette)\s+([a-zà-ÿ]+(?:-[a-zà-ÿ]+)?)\b")
DE = {"de", "d", "du", "des"}
OCCUPANT = re.compile(r"\b(\w+)\s+(?:de\s+la\s+|de\s+|du\s+|d['’]\s*)$")
CREDIT = re.compile(r"(?<=[.)»])\s*([A-ZÀ-Ý][a-zà-ÿ-]+(?: [A-ZÀ-Ý][a-zà-ÿ-]+)+)/([A-Z]{2,10})\b")
MODEL_CODE = re.compile(r"[A-Z][A-Za-z]{0,4}-?\d{1,4}[A-Za-z]?")
FUNCTION_WORDS = {"de", "d", "du", "des", "la", "le", "l", "les", "et", "un", "une"}
NP_INNER = {"amod", "nmod", "flat", "flat:name", "fixed", "compound", "case", "det", "nummod"}

CAPITAL_FOR_STATE = declare(
    "actors.capital_for_state",
    "A capital that acts ('Moscou a annoncé', 'selon Paris') is its state; 'à Moscou' stays the city.")
PHOTO_CREDIT = declare(
    "actors.photo_credit",
    "'Jeanne Rivière/AFP' glued after a caption is a photographer and an agency.")
TYPED_BY_HEAD_NOUN = declare(
    "actors.typed_by_head_noun",
    "The noun before a name types it: 'le porte-avions Jean Bart' is a vessel, 'la compagnie X' an organisation.")
ADJECTIVE_OF_ROLE = declare(
    "actors.adjective_of_role",
    "'le Premier ministre': a role word before a role head qualifies it; the phrase is the head's role.")
ROLE_ACRONYM = declare(
    "actors.role_acronym",
    "'(CEMA)' right after a role bound to a person is that role's acronym: the same person.")


def _inflections(adjective: str) -> set[str]:
    """Masculine, feminine and plural forms of a French adjective of nationality."""
    forms = {adjective, adjective + "s"}
    if adjective.endswith("ien"):
        forms |= {adjective + "ne", adjective + "nes"}
    elif adjective.endswith("c"):
        forms |= {adjective + "que", adjective + "ques"}
    elif adjective.endswith("s"):
        forms |= {adjective + "e", adjective + "es"}
    elif not adjective.endswith("e"):
        forms |= {adjective + "e", adjective + "es"}
    return {fold(f) for f in forms}


# "Claire Dupont", "Hugo Ferrand et Léa Martin", "Marc Petit, à Rouen"
_NAME = r"[A-ZÀ-Ý][\w’'.-]*(?:\s+(?:de |du |d'|le |la )?[A-ZÀ-Ý][\w’'.-]*)+"
_NAMES = _NAME + r"(?:\s*(?:,|et)\s*" + _NAME + r")*(?:\s*,\s*(?:à|au|en)\s+[A-ZÀ-Ý][\w’'-]*)?"
# "Accueil | Europe | Diplomatie", "Accueil > Société > Mobilisations", "Partager · Tweeter"
NAVIGATION = re.compile(r"\S\s+(?:\||>|·)\s+\S")


# between two places that complement one noun: ", de l'", " et du"
COORDINATED_DE = re.compile(r"\s*(?:,|et|ou)\s*(?:de la |de l['’]|des |du |de |d['’])\s*")


class NameCleaner:
    """Turns an entity span into a name: titles, articles and glued credits removed."""

    def __init__(self, lang_code: str = "fr"):
        lang = load_language(lang_code)
        titles = sorted(lang["name_titles"], key=len, reverse=True)
        self.title_re = re.compile(r"^(?:(?:l'|le |la |les )?(?:" + "|".join(re.escape(t) for t in titles)
                                   + r")(?:\s+|$))+", re.IGNORECASE)
        self.article_re = re.compile(r"^(?:l'|le |la |les )", re.IGNORECASE)

    def clean(self, text: str, label: str, keep_article: bool = False) -> tuple[str, int]:
        """(name, offset of the name inside text); an empty name means 'not an actor'."""
        raw = for_model(text)
        cut = re.search(r"\.?\(|/|\n|\.(?=[A-ZÀ-Ý])", raw)   # "Bellini.(Service de presse", "(OMS).Marie"
        if cut:
            raw = raw[:cut.start()]
        lead = 0
        m = self.title_re.match(raw)
        if m and m.end() < len(raw):
            lead = m.end()
        elif label != "person" and self.article_re.match(raw) and not keep_article:
            lead = self.article_re.match(raw).end()
        name = raw[lead:].strip(" ,;:.'\"«»()-")
        if not name or not name[0].isupper() or len(name) < 2:
            return "", 0
        start = text.find(name[:1], lead)
        return text[start:start + len(name)], start


@lru_cache(maxsize=None)
def _geo(lang_code: str) -> tuple[dict, dict, dict, dict]:
    """(state key -> state name, capital key -> state name, adjective form -> state or None,
    adjective form -> its gender where the form shows one: 'espagnole' Fem, 'russe' none)."""
    table = load_language(f"{lang_code}_geo")
    states, capitals, adjectives, genders = {}, {}, {}, {}
    for name, info in table["states"].items():
        info = info or {}
        for n in [name, *(info.get("aliases") or [])]:
            states[fold(n)] = name
        for c in info.get("capitals") or []:
            capitals[fold(re.sub(r"^(le|la|les)\s+", "", c, flags=re.I))] = name
    for adjective, state in (table.get("nationalities") or {}).items():
        masculine = {fold(adjective), fold(adjective + "s")}
        for form in _inflections(adjective):
            adjectives[form] = state
            if not adjective.endswith("e"):
                genders[form] = "Masc" if form in masculine else "Fem"
    return states, capitals, adjectives, genders


class ActorFinder:
    def __init__(self, lang_code: str = "fr"):
        lang = load_language(lang_code)
        self.names = NameCleaner(lang_code)
        self.states, self.capitals, self.nationalities, self.adjective_gender = _geo(lang_code)
        self.heads = {fold(w): kind for kind, words in lang["actor_heads"].items() for w in words}
        self.group_words = {fold(w) for w in lang["group_words"]}
        self.role_heads = {fold(w) for w in lang["role_heads"]}
        self.pair_words = {fold(w) for w in lang.get("pair_words", [])}
        self.relational = {fold(w) for w in lang["relational_roles"]}
        self.anonymous = {fold(w) for w in lang["anonymous_heads"]}
        self.according = {fold(w) for w in lang["according_to"]}
        self.particles = {fold(w) for w in lang["name_particles"]}
        self.not_names = {fold(w) for w in lang["not_names"]}
        self.state_words = {fold(w) for w in lang["state_words"]}
        self.titles = {fold(w) for w in lang["name_titles"]}
        self.furniture = {fold(w) for w in lang.get("furniture_words") or []}
        self.number_words = {fold(w) for w in lang.get("number_words") or {}}
        openers = sorted(lang.get("byline_openers") or [], key=len, reverse=True)
        self.byline = re.compile(r"^\W*(?i:" + "|".join(re.escape(w) for w in openers) + r")\s+" + _NAMES + r"\W*$"
                                 ) if openers else None
        self.thing_acronyms = set(lang.get("thing_acronyms") or [])
        self.inhabitants = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ-]+(?:" + "|".join(lang.get("inhabitant_endings") or ["$^"]) + r")")
        self.collectives: dict[str, list[tuple[list[str], str]]] = {}
        for synonyms in lang.get("collective_actors") or []:
            for w in synonyms:
                words = fold(w).split()
                self.collectives.setdefault(words[0], []).append((words, fold(synonyms[0])))
        self.meetings = {fold(w) for w in lang.get("meeting_words") or []}
        self.plural_articles = {fold(w) for w in lang.get("plural_articles") or []}
        self.bare = {fold(w): fold(line[0]) for line in lang.get("bare_institutions") or [] for w in line}
        self.holders = {fold(k): v for k, v in (lang.get("seat_holders") or {}).items()}
        self.occupants = {fold(w) for w in lang.get("seat_occupants") or []}
        self.grouping_nouns = {fold(w) for w in lang.get("grouping_nouns") or []}
        self.place_naming = {fold(w) for w in lang.get("place_naming_nouns") or []}
        self.seats = {fold(seat): institution for seat, institution in (lang.get("institution_seats") or {}).items()}
        self.reset()

    def reset(self) -> None:
        """A new article: no ship or unit named yet for "ce porte-avions" to point back to."""
        self._by_head: dict[str, ActorRef] = {}
        self._things: dict[str, ActorRef] = {}     # name -> the ship or unit it named

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def _np_tokens(head) -> list:
        """The head noun and what names it with it: adjectives, 'de' + noun complements,
        flat names, pieces of a hyphenated word; not relative clauses, appositions,
        coordinations or determiners. A continuous run of tokens from the head."""
        inside = {head.i}
        stack = [head]
        while stack:
            tok = stack.pop()
            for child in tok.children:
                glued = child.i in (tok.i - 1, tok.i + 1) and (not child.doc[min(child.i, tok.i)].whitespace_)
                hyphened = child.i > 0 and child.doc[child.i - 1].text == "-" and not child.doc[child.i - 1].whitespace_
                de_only = child.dep_ != "nmod" or hyphened or any(
                    c.dep_ == "case" and fold(c.text) in DE for c in child.children)
                if (child.dep_ in NP_INNER and de_only) or glued or (child.dep_ == "punct" and child.text == "-"):
                    if child.i > head.i or child.dep_ in ("amod", "compound", "fixed"):
                        inside.add(child.i)
                        stack.append(child)
        doc = head.doc
        start = head.i
        while start - 1 in inside:
            start -= 1
        end = head.i
        while end + 1 in inside or (end + 1 < len(doc) and not doc[end].whitespace_ and doc[end + 1].text != ","
                                    and (doc[end + 1].is_alpha or doc[end + 1].text == "-")):
            end += 1
        span = list(doc[start:end + 1])
        while len(span) > 1 and (span[-1].dep_ in ("case", "det", "cc") or span[-1].is_punct):
            span.pop()
        return span

    def _adjectives(self, toks) -> set[str]:
        return {fold(t.text) for t in toks if t.dep_ == "amod" or fold(t.text) in self.nationalities}

    def role_key(self, text: str) -> tuple[tuple[str, ...], frozenset]:
        """A role phrase as (its words, its nationalities): function words dropped,
        hyphenated words kept whole ("état-major" is not "État"), nationality adjectives
        apart, so "le ministre français" fits "ministre français de la Défense"."""
        words = [w for w in fold(re.sub(r"(?<=\w)-(?=\w)", "", for_model(text))).split() if w not in FUNCTION_WORDS]
        national = {w for w in words if self.nationalities.get(w, 0) != 0}
        # "armées françaises" and "armées français" are of one country: keep the state
        return (tuple(w for w in words if w not in national),
                frozenset(fold(self.nationalities[w] or w) for w in national))

    # ------------------------------------------------------------------ main

    @rule("actors.truncated_name", off=None)
    def _join_truncated(self, ent, nxt):
        """A name the model cut before the name inside it ('... coopération en' + 'Europe') is one.

        A French name never ends with a preposition or an article, so an entity that
        does and the entity right after it are one name."""
        last = fold(ent[-1].text)
        if nxt.start == ent.end and last in FUNCTION_WORDS | {"en", "sur", "pour", "contre"} \
                and ent[0].text[:1].isupper():
            from spacy.tokens import Span
            return Span(ent.doc, ent.start, nxt.end, label=ent.label_)
        return None

    def _whole_names(self, doc) -> list:
        ents = [self._with_article(e) for e in doc.ents]
        out = []
        i = 0
        while i < len(ents):
            joined = self._join_truncated(ents[i], ents[i + 1]) if i + 1 < len(ents) else None
            if joined is not None:
                out.append(joined)
                i += 2
            else:
                out.append(ents[i])
                i += 1
        return out

    def _with_article(self, ent):
        """'(Les Républicains)' where the model tagged 'Républicains': a capitalised
        article inside a sentence is part of the name it stands before."""
        if ent.start > 1 and ent.label_ != "PER":
            before = ent.doc[ent.start - 1]
            if before.text in ("Le", "La", "Les") and self.article_in_name(ent.doc[ent.start - 1:ent.end]):
                from spacy.tokens import Span
                return Span(ent.doc, ent.start - 1, ent.end, label=ent.label_)
        return ent

    @rule("actors.capital_article_in_name", off=False)
    def article_in_name(self, ent) -> bool:
        """A capitalised article inside a sentence is part of the name ('Les Républicains').

        'Paul Garnier (Les Indépendants)', 'la députée La Gauche unie': French
        writes the article of such names with a capital wherever they stand."""
        first = ent[0]
        return (first.text in ("Le", "La", "Les", "L'", "L’") and not first.is_sent_start and first.i > 0
                and first.doc[first.i - 1].text not in (".", "!", "?", "«", "\"", "—", "-", ":"))

    @rule("actors.page_furniture", off=False)
    def is_furniture(self, text: str) -> bool:
        """A paragraph of page furniture (navigation, buttons, newsletter, signature) has no actors.

        A navigation trail ("Accueil > Société > Mobilisations"), a row of buttons
        ("Partager | Tweeter"), a newsletter or subscription box, a signature ("Par
        Claire Dupont"): web pages of French news carry them around every article; the
        names in them (sections, authors) are no actors of the story."""
        line = text.strip()
        separators = len(NAVIGATION.findall(line))
        if separators >= 2 and len(line.split()) <= 25 or (
                separators == 1 and len(line.split()) <= 10 and not re.search(r"[.!?»]\W*$", line)):
            return True
        words = fold(line).split()
        if words and (words[0] in self.furniture or " ".join(words[:2]) in self.furniture):
            return True
        return bool(self.byline and self.byline.match(line))

    @rule("actors.states_as_a_class", off=False)
    def states_as_a_class(self, words: list[str]) -> bool:
        """'les États insulaires', capitalised État in the plural, is a class of states, not an actor.

        French capitalises État and Nation as common nouns; in the plural with an
        adjective they name a class ("États-Unis" is a state of the table, typed
        before)."""
        return len(words) >= 2 and words[0].endswith("s") and words[0][:-1] in self.state_words

    @rule("actors.meeting_is_no_actor", off=False)
    def names_a_meeting(self, name: str, ent) -> bool:
        """A name opened by a noun of meeting ('Conférence', 'sommet', 'COP') is no actor.

        'la Conférence de Vienne sur l'eau', 'la COP30', 'le Sommet des Amériques'
        name a gathering, an event of the chronology; those who meet there are the
        actors."""
        if ent.label_ == "PER":
            return False
        first = re.match(r"[^\W\d_]+", name)
        return first is not None and fold(first.group(0)) in self.meetings

    @rule("actors.not_a_name", off=False)
    def not_a_name(self, name: str, ent, doc) -> bool:
        """Capitalised words that name no one (furniture, numbers, inhabitants, 'une Lyonnaise').

        A furniture word ("Capture d'écran", "Newsletter Rouen"), a number word opening
        a sentence ("Douze minutes"), an acronym of a common thing ("le SMIC"), the
        inhabitants of a place ("les Franciliens"), a participle the model took for a
        first name ("Revenue de Moscou"), or one word after an indefinite article:
        "une Lyonnaise", "un Airbus" are an inhabitant and a product, as French writes
        no name of an actor after "un", "une"."""
        words = fold(name).split()
        if not words:
            return True
        if words[0] in self.furniture or (len(words) == 1 and words[0] in self.number_words):
            return True
        if self.names_a_meeting(name, ent):
            return True
        if name in self.thing_acronyms:
            return True                           # "le SMIC", "la hausse de la CSG"
        if ent.label_ == "PER" and ent[0].pos_ in ("VERB", "AUX") and "Part" in ent[0].morph.get("VerbForm") \
                and len(ent) > 1 and fold(ent[1].text) in DE:
            return True                           # "Revenue de Moscou, la chancelière ...": a participle
        before = doc[ent.start - 1] if ent.start > 0 else None
        plural = before is not None and (before.text in ("les", "des", "aux") or (
            before.text == "Les" and (before.i == 0 or before.is_sent_start)))
        if len(words) == 1 and plural \
                and self.inhabitants.fullmatch(name):
            return True                           # "les Franciliens": people of a place
        return len(words) == 1 and before is not None and fold(before.text) in ("un", "une")

    @rule("actors.place_in_brackets", off=False)
    def locates_a_place(self, ref: ActorRef, text: str) -> bool:
        """A département in brackets after a town ('Mantes-la-Jolie (Yvelines)') only locates it.

        French news writes every town it names with its département or region in
        brackets; that one is no place where something happens. A state keeps its
        mention."""
        before = text[:ref.start].rstrip()
        after = text[ref.end:].lstrip()
        return after.startswith(")") and re.search(r"[A-ZÀ-Ý][\w'’-]*\s*\($", before) is not None

    @rule("actors.place_naming_a_thing", off=False)
    def names_a_thing(self, ref: ActorRef, doc) -> bool:
        """A place qualifying an agreement, meeting or office ('l'accord de Vienne') names that thing.

        'l'accord de Vienne', 'le sommet de Lisbonne', 'le préfet de Bretagne', 'le
        format Weimar': nothing happens at the place in that sentence (nouns in
        place_naming_nouns)."""
        span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        while root.dep_ == "conj" and root.head.i != root.i and root.head.pos_ == "PROPN":
            root = root.head                      # "les préfectures du Gard, de l'Aude et de l'Hérault"
        head = root.head
        if head.i == root.i or head.pos_ not in ("NOUN", "PROPN") or span.start <= head.i < span.end:
            return False
        if root.dep_ not in ("nmod", "appos", "flat", "flat:name", "compound", "amod"):
            return False
        if any(c.dep_ == "case" and fold(c.text) not in DE for c in root.children):
            return False                          # "l'ambassade d'Espagne à Moscou": where it is
        return fold(head.text) in self.place_naming or fold(head.lemma_) in self.place_naming

    def refs(self, source: Source, doc, para: int) -> list[ActorRef]:
        text = source.paragraphs[para]
        refs: list[ActorRef] = []
        if self.is_furniture(text):
            return refs
        ent_tokens: set[int] = set()
        person_at: dict[int, ActorRef] = {}
        for ent in self._whole_names(doc):
            label = LABELS.get(ent.label_, "other")
            name, offset = self.names.clean(text[ent.start_char:ent.end_char], label,
                                            keep_article=self.article_in_name(ent))
            if not name or self.not_a_name(name, ent, doc) or self.capitalised_role(name, label):
                continue
            start = ent.start_char + offset
            ref = ActorRef(name, label, start, start + len(name), para)
            self._type_entity(ref, ent, doc)
            if self.seat_institution(ref.text) and ref.label != "person":
                self._seat_ref(ref, text)
                self.occupant_of_seat(ref, text)
            span = doc.char_span(start, start + len(name))
            if ref.label not in ("person", "state") and span is not None and not ref.canonical and not ref.key:
                ref.key = fold(" ".join(t.lemma_ if t.pos_ in ("NOUN", "ADJ") else t.text for t in span))
            refs.append(ref)
            ent_tokens.update(range(ent.start, ent.end))
            if ref.label == "person":
                for i in range(ent.start, ent.end):
                    person_at[i] = ref
        refs += self._known_places(text, doc, para, ent_tokens)
        refs += self._pointing_back(text, doc, para, ent_tokens)
        if enabled(PHOTO_CREDIT):
            refs = [r for r in refs if not CREDIT.search(text[r.start:r.end + 1])]
        # a photo credit glued to a caption: "Jeanne Rivière/AFP"
        for m in (CREDIT.finditer(text) if enabled(PHOTO_CREDIT) else ()):
            refs.append(ActorRef(m.group(1), "person", m.start(1), m.end(1), para, strong=True))
            refs.append(ActorRef(m.group(2), "organization", m.start(2), m.end(2), para))
            ent_tokens.update(t.i for t in doc if m.start() <= t.idx < m.end())
        refs += self._collective_groups(text, doc, para, ent_tokens)
        pairs = self._pair_of_surnames(text, para)
        refs = [r for r in refs if not any(p.start <= r.start < p.end or r.start <= p.start < r.end
                                           for p in pairs)] + pairs
        refs += self._bare_institutions(text, doc, para, ent_tokens)
        labels = self._group_in_guillemets(text, doc, para, ent_tokens, refs)
        refs = [r for r in refs if not any((r.start, r.end) == (g.start, g.end) for g in labels)] + labels
        roles = self._roles(text, doc, para, ent_tokens, person_at)
        nps = self._noun_phrase_actors(text, doc, para, ent_tokens, refs)
        swallowed = [r for r in refs if r.label in ("organization", "other") and any(
            n.start <= r.start and r.end <= n.end for n in nps)]
        refs = [r for r in refs if r not in swallowed] + nps   # "ministère italien de la Culture", not "Culture"
        bound = {(r.start, r.end) for r in roles}
        refs = [r for r in refs if (r.start, r.end) not in bound] + roles   # "(CEMA)" is the role, not an ORG
        kept, last_dropped = [], None
        for r in sorted(refs, key=lambda r: r.start):
            if r.label == "place" and (self.locates_a_place(r, text) or self.names_a_thing(r, doc) or (
                    last_dropped is not None and COORDINATED_DE.fullmatch(text[last_dropped:r.start]))):
                last_dropped = r.end              # "pays d'Afrique, des Caraïbes et du Pacifique"
                continue
            kept.append(r)
        refs = kept
        refs.sort(key=lambda r: (r.start, -r.end))
        return refs

    @rule("actors.pair_of_surnames", off=list)
    def _pair_of_surnames(self, text: str, para: int) -> list[ActorRef]:
        """'Le duo Garnier-Bernard', 'le tandem Lefèvre-Marchal': two people by their
        surnames, joined by a hyphen after a word for a pair of people. Each surname is
        a mention of its person, resolved like any surname alone."""
        out = []
        for m in PAIR_OF_SURNAMES.finditer(text):
            if fold(m.group(1)) in self.pair_words:
                out.append(ActorRef(m.group(2), "person", m.start(2), m.end(2), para))
                out.append(ActorRef(m.group(3), "person", m.start(3), m.end(3), para))
        return out

    @rule("actors.pointing_back", off=list)
    def _pointing_back(self, text: str, doc, para: int, ent_tokens: set[int]) -> list[ActorRef]:
        """'Ce porte-avions', 'cette frégate': the ship (or numbered unit) of that kind
        the article named last, before it."""
        out = []
        for m in DEMONSTRATIVE.finditer(text):
            target = self._by_head.get(fold(m.group(1)))
            if target is None or (target.para == para and target.start > m.start()):
                continue
            toks = [t.i for t in doc if m.start() <= t.idx < m.end()]
            if any(i in ent_tokens for i in toks):
                continue
            out.append(ActorRef(m.group(0), target.label, m.start(), m.end(), para, canonical=target.canonical,
                                alias=False, strong=True, key=target.key or fold(target.text)))
            ent_tokens.update(toks)
        return out

    @rule("actors.known_places", off=list)
    def _known_places(self, text: str, doc, para: int, ent_tokens: set[int]) -> list[ActorRef]:
        """States and capitals of the geography table that the model did not tag
        ("suite aux attentats de Paris"): typed like a tagged one."""
        out = []
        i = 0
        while i < len(doc):
            for n in (3, 2, 1):
                span = doc[i:i + n]
                if len(span) < n or not span.text[:1].isupper() or any(t.i in ent_tokens or t.is_punct for t in span):
                    continue
                key = fold(span.text)
                if key in self.states or key in self.capitals:
                    ref = ActorRef(span.text, "place", span.start_char, span.end_char, para, alias=True, key=key)
                    self._type_entity(ref, span, doc)
                    out.append(ref)
                    ent_tokens.update(t.i for t in span)
                    i += n - 1
                    break
            i += 1
        return out

    @rule("actors.seat_for_institution", off=None)
    def seat_institution(self, name: str) -> str | None:
        """The institution a building stands for: "Matignon", "Beauvau", "le Kremlin".

        French news names an institution by its seat, both where it acts ("Beauvau a
        compté 40 000 manifestants") and where it meets ("reçus à Matignon"): the seat
        is one of the institution's names, never a place of its own (table
        institution_seats)."""
        key = fold(name)
        return self.seats.get(key) or self.seats.get(re.sub(r"^(?:l|le|la) ", "", key))

    @rule("actors.the_institution_that_acts", off=list)
    def _bare_institutions(self, text: str, doc, para: int, ent_tokens: set[int]) -> list[ActorRef]:
        """'Le gouvernement a reculé', 'le rectorat a fermé les écoles': the one institution of that
        name the story is about, where it acts.

        French news names the government, or the local education authority, by the bare
        noun with its definite article (table bare_institutions: one line per
        institution, its words in turn: "le gouvernement", "l'exécutif"); a qualified one
        ("le gouvernement italien") is found as an institution phrase."""
        out = []
        for tok in doc:
            group = self.bare.get(fold(tok.text))
            if group is None or tok.i in ent_tokens or tok.pos_ != "NOUN" or "Plur" in tok.morph.get("Number"):
                continue
            if tok.dep_ not in ("nsubj", "nsubj:pass", "obl:agent"):
                continue
            dets = [c for c in tok.children if c.dep_ == "det"]
            if len(dets) != 1 or fold(dets[0].text) not in ("le", "la", "l") or dets[0].i != tok.i - 1 or any(
                    c.dep_ in ("amod", "nmod", "appos", "flat:name") for c in tok.children):
                continue
            start, end = dets[0].idx, tok.idx + len(tok.text)
            out.append(ActorRef(text[start:end], "organization", start, end, para, strong=True,
                                key="institution " + group))
            ent_tokens.update((dets[0].i, tok.i))
        return out

    @rule("actors.occupant_of_a_seat", off=None)
    def occupant_of_seat(self, ref: ActorRef, text: str) -> None:
        """'Le locataire de Bercy', 'l'hôte de l'Élysée': the person who holds the seat's office.

        French news names a minister or a president by the building he occupies; the
        phrase is his role (table seat_holders: the office of each seat's institution),
        bound to whoever the dossier names in that office."""
        holder = self.holders.get(fold(self.seat_institution(ref.text) or ""))
        m = OCCUPANT.search(text[:ref.start])
        if holder is None or m is None or fold(m.group(1)) not in self.occupants:
            return
        ref.start, ref.label, ref.canonical, ref.key, ref.alias, ref.strong = m.start(1), "role", None, None, False, False
        ref.text = text[ref.start:ref.end]
        ref.role_key = self.role_key(holder)

    def _seat_ref(self, ref: ActorRef, text: str) -> None:
        """A seat's mention: the institution's actor, keyed by the institution's name;
        an elided article is part of the written name ("l'Élysée")."""
        ref.label, ref.strong, ref.canonical = "organization", True, None
        ref.key = fold(self.seat_institution(ref.text))
        if ref.start >= 2 and text[ref.start - 2:ref.start] in ("l'", "l’", "L'", "L’"):
            ref.start -= 2
            ref.text = text[ref.start:ref.end]

    def _type_entity(self, ref: ActorRef, ent, doc) -> None:
        key = fold(ref.text)
        thing = self._things.get(key.replace("-", " "))
        if thing is not None:
            # "le porte-avions Jean Bart ... l'arrivée du Jean-Bart": the article said
            # what that name is
            ref.label, ref.strong = thing.label, True
            return
        words = key.split()
        if words and words[0] in self.state_words and len(words) == 2 and self.nationalities.get(words[1]):
            ref.label, ref.canonical, ref.alias, ref.strong = "state", self.nationalities[words[1]], False, True
            return
        if key in self.not_names or self.nationalities.get(key, 0) != 0:
            ref.label = "other"                  # "l'État", "la Défense", "les Russes"
            return
        if words and words[0] in self.state_words:
            ref.label = "other"                  # "État unifié"; "groupe État islamique" is typed below
        elif self.states_as_a_class(words):
            ref.label = "other"
        if key in self.states:
            ref.label, ref.canonical, ref.strong = "state", self.states[key], True
            return
        if key in self.capitals and enabled(CAPITAL_FOR_STATE):
            root = ent.root
            before = doc[ent.start - 1] if ent.start > 0 else None
            acts = root.dep_ in ("nsubj", "nsubj:pass", "obl:agent") or (
                before is not None and fold(before.text) in self.according | {"par"})
            if acts:
                ref.label, ref.canonical, ref.alias, ref.strong = "state", self.capitals[key], False, True
                return
            ref.label = "place"
            return
        if not enabled(TYPED_BY_HEAD_NOUN):
            return
        # the words just before: "le porte-avions (français) Jean Bart",
        # "le groupe (armé) Front du Nord", "un avion A400"
        i = ent.start - 1
        while i >= 0 and (doc[i].pos_ == "ADJ" or doc[i].text in ("-",) or fold(doc[i].text) in self.group_words
                          or fold(doc[i].text) in ("de", "d", "l", "la", "le")):
            if fold(doc[i].text) in self.heads:
                break
            i -= 1
        if i >= 0:
            head = fold(doc[i].text)
            joined = fold(doc[i - 2].text + doc[i - 1].text + doc[i].text) if i >= 2 else ""
            kind = self.heads.get(head) or self.heads.get(joined)
            if kind == "vessel" or (kind == "military_unit" and re.search(r"\d", ref.text)):
                ref.label, ref.strong = kind, True
                self._by_head[head if head in self.heads else joined] = ref
                self._things[key.replace("-", " ")] = ref
            elif kind == "organization" and ref.label in ("other", "organization", "person") and not any(
                    fold(doc[j].text) in ("de", "d", "la", "le", "l", "du", "des") for j in range(i + 1, ent.start)):
                ref.label, ref.strong = "organization", True      # "la compagnie italienne Aeroline"
            elif kind == "group" or (kind == "organization" and any(
                    fold(doc[j].text) in self.group_words for j in range(i, ent.start))):
                ref.label, ref.strong = "group", True

    @rule("actors.institution_phrase", off=list)
    def _noun_phrase_actors(self, text: str, doc, para: int, ent_tokens: set[int], refs: list[ActorRef]) -> list[ActorRef]:
        """An institution or unit noun qualified by a nationality or a name is an actor.

        "le ministère italien de la Culture", "un avion A400": French news names most
        ministries and armies that way, without a proper name of their own."""
        weak = {i for r in refs if r.label in ("organization", "other") and not r.strong
                for i in range(len(doc)) if r.start <= doc[i].idx < r.end}
        out = []
        for tok in doc:
            kind = self.heads.get(fold(tok.text))
            if kind is None or tok.pos_ not in ("NOUN", "PROPN") or tok.i in ent_tokens or kind in ("vessel", "group"):
                continue
            toks = self._np_tokens(tok)
            if any(t.i in ent_tokens and t.i not in weak for t in toks) or tok.i in weak:
                continue
            nxt = toks[-1].i + 1
            if nxt < len(doc) and nxt in ent_tokens:
                continue                          # "la compagnie italienne Aeroline": the entity is the name
            code = None
            if nxt < len(doc) and MODEL_CODE.fullmatch(doc[nxt].text):
                toks, code = toks + [doc[nxt]], doc[nxt].text    # "un hélicoptère NH90", "un Airbus A321"
            qualified = any(fold(t.text) in self.nationalities for t in toks[1:]) or any(
                t.text[:1].isupper() and t.i > tok.i and t.pos_ in ("PROPN", "NOUN") for t in toks)
            if not qualified or len(toks) < 2:
                continue
            if self.qualified_by_the_state_alone(toks, tok):
                continue
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            words = text[start:end]
            # an entity right after it is the name: "la compagnie italienne Aeroline"
            key = fold(code) if code else fold(" ".join(t.lemma_ if t.pos_ in ("NOUN", "ADJ") else t.text for t in toks))
            # "des armées français" (the adjective belongs to a noun before): one of the
            # institution's mentions, but not a way to write its name
            gender = set(tok.morph.get("Gender"))
            agrees = True
            for t in toks[1:]:
                if fold(t.text) in self.nationalities:
                    theirs = set(t.morph.get("Gender")) or {self.adjective_gender.get(fold(t.text))} - {None}
                    agrees = agrees and (not gender or not theirs or theirs == gender)
            out.append(ActorRef(words, kind, start, end, para, strong=True, key=key, alias=agrees))
            ent_tokens.update(t.i for t in toks)
        return out

    @rule("actors.role_phrases", off=list)
    def _roles(self, text: str, doc, para: int, ent_tokens: set[int], person_at: dict) -> list[ActorRef]:
        """Role phrases: bound to the person beside them, or left to the dossier.

        French news names an official by role and name together once ("le ministre
        français de la Défense, Hélène Lefèvre"), then by the role alone."""
        out = []
        for tok in doc:
            head = fold(tok.text)
            if tok.i in ent_tokens or tok.pos_ not in ("NOUN", "PROPN", "ADJ"):
                continue
            if enabled(ADJECTIVE_OF_ROLE) and tok.pos_ == "ADJ" and tok.dep_ == "amod" and tok.head.i > tok.i \
                    and fold(tok.head.text) in self.role_heads:
                continue                          # "le Premier ministre": the role is its head's
            if head not in self.role_heads:
                if head.endswith("s") and head[:-1] in self.role_heads:
                    out += self._plural_roles(text, tok, para, ent_tokens)
                    self._plural_role_of_names(text, tok, person_at)
                continue
            toks = self._np_tokens(tok)          # may hold a name: "le chef de l'État russe"
            if not toks:
                continue
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            # the parse may stop short of "... des armées françaises": take the complements
            # that follow in lowercase (or a capitalised institution after "de la", "des")
            more = ROLE_TAIL.match(text, end)
            if more:
                end = more.end()
            while True:                           # "le chef d'état-major italien"
                nxt = re.match(r"\s+([a-zà-ÿ]+)", text[end:])
                if not nxt or self.nationalities.get(fold(nxt.group(1)), 0) == 0:
                    break
                end += nxt.end()
            ent_tokens.update(t.i for t in doc if start <= t.idx < end)
            # the person beside it: an apposition either way, or a name right after it
            person = None
            for child in tok.children:
                if child.dep_ in ("appos", "nmod", "flat:name", "flat") and child.i in person_at:
                    person = person_at[child.i]
            if person is None and tok.dep_ == "appos" and tok.head.i in person_at:
                person = person_at[tok.head.i]
            nxt = end
            while nxt < len(text) and text[nxt] in " ,\u00a0":
                nxt += 1
            if person is None:
                after = [p for p in person_at.values() if p.start == nxt or (p.start > end
                         and BETWEEN_ROLE_AND_NAME.fullmatch(text[end:p.start]))]
                person = after[0] if after else None
            if person is None:                   # "Paul de Montclar, chef d'état-major des armées,"
                before = [p for p in person_at.values() if p.end <= start and re.fullmatch(r"\s*,\s*", text[p.end:start])]
                person = before[-1] if before else None
            if person is not None and start <= person.start < end:   # "général d'armée Paul de Montclar"
                end = person.start
            words = text[start:end].rstrip(" ,")
            end = start + len(words)
            relational = head in self.relational
            while words and fold(words.split()[-1]) in self.particles:     # "général de" + Montclar
                words = words.rsplit(" ", 1)[0] if " " in words else ""
                end = start + len(words)
            if not words or (fold(words) in self.titles and not (
                    enabled(ADJECTIVE_OF_ROLE) and fold(words).split()[0] == fold(toks[0].text) != head)):
                continue                          # "le ministre" alone; not "le Premier ministre"
            if person is not None:
                implied = self._counterpart_role(words, tok, out) if relational else None
                out.append(ActorRef(words, "person", start, end, para, canonical=person.text, alias=not relational,
                                    role=None if relational else words, role_key=implied))
                ent_tokens.update(t.i for t in toks)
                # "(CEMA)" right after a bound role is the role's acronym: the same person
                m = re.match(r"\s*\(([A-ZÀ-Ý]{2,8})\)", text[end:])
                if m and enabled(ROLE_ACRONYM) and self.spells_role(m.group(1), words):
                    a = end + m.start(1)
                    out.append(ActorRef(m.group(1), "person", a, a + len(m.group(1)), para,
                                        canonical=person.text, role=m.group(1)))
            elif not relational and any(c.dep_ == "det" and fold(c.text) in ("un", "une") for c in tok.children) \
                    and len(words.split()) > 1:
                # an unnamed official is an actor of his own: "un porte-parole militaire américain"
                out.append(ActorRef(words, "person", start, end, para, strong=True))
                ent_tokens.update(t.i for t in toks)
            elif not relational and len(toks) > 1 and any(
                    c.dep_ == "det" and fold(c.text) in ("le", "la", "l") for c in tok.children):
                # "le ministre français": someone the dossier may name elsewhere
                out.append(ActorRef(words, "role", start, end, para, role_key=self.role_key(words), alias=False))
        return out

    @rule("actors.state_in_the_abstract", off=False)
    def qualified_by_the_state_alone(self, toks, head) -> bool:
        """A noun qualified only by the State or the Nation ('les services de l'État') is no institution.

        'les services de l'État', 'l'unité de la Nation': French capitalises these
        words as common nouns of the polity; they name no institution of their own."""
        capitalised = [t for t in toks if t.i > head.i and t.text[:1].isupper()]
        national = [t for t in toks[1:] if fold(t.text) in self.nationalities]
        return bool(capitalised) and not national and all(
            fold(t.text) in self.state_words | self.not_names for t in capitalised)

    @rule("actors.capitalised_role_is_a_role", off=False)
    def capitalised_role(self, name: str, label: str) -> bool:
        """'le Premier ministre', 'le Secrétaire général': a role the model took for a name is a role.

        French capitalises the first word of some offices; the phrase, all lowercase
        after its first word, names no one by itself: the role phrases bind it to the
        person beside it, or leave it to the dossier like 'le ministre'."""
        words = name.split()
        return label != "person" and len(words) >= 2 and fold(words[0]) in self.role_heads and all(
            w[:1].islower() for w in words[1:])

    @rule("actors.collective_group", off=list)
    def _collective_groups(self, text: str, doc, para: int, ent_tokens: set[int]) -> list[ActorRef]:
        """A plural common noun of a collective (casseurs, séparatistes) is a group where it acts.

        'Les casseurs ont incendié', 'des séparatistes prorusses ont attaqué': French
        news names such actors by a common noun; found as subject or agent of a verb.
        One group per line of synonyms across the dossier, its qualifying adjectives
        kept in the name ("séparatistes prorusses")."""
        out = []
        for tok in doc:
            first = fold(tok.text).split()[:1]
            candidates = self.collectives.get(first[0]) if first else None
            if not candidates or tok.i in ent_tokens or tok.pos_ not in ("NOUN", "PROPN", "ADJ"):
                continue
            if tok.dep_ not in ("nsubj", "nsubj:pass", "obl:agent"):
                continue
            match = end = None
            for words, group in sorted(candidates, key=lambda c: len(c[0]), reverse=True):
                for j in range(tok.i + 1, min(len(doc), tok.i + len(words) + 2) + 1):
                    if fold(doc[tok.i:j].text).split() == words:
                        match, end = group, j
                        break
                if match:
                    break
            if match is None or any(i in ent_tokens for i in range(tok.i, end)):
                continue
            while end < len(doc) and doc[end].dep_ == "amod" and doc[end].head.i == tok.i and doc[end].is_lower:
                end += 1                          # "séparatistes prorusses", "rebelles syriens"
            span = doc[tok.i:end]
            out.append(ActorRef(span.text, "group", span.start_char, span.end_char, para, strong=True,
                                key="group " + match))
            ent_tokens.update(range(tok.i, end))
        return out

    @rule("actors.group_in_guillemets", off=list)
    def _group_in_guillemets(self, text: str, doc, para: int, ent_tokens: set[int],
                             refs: list[ActorRef]) -> list[ActorRef]:
        """A plural common noun in guillemets after a plural article is a group: des « bonnets verts ».

        So is a label opened by a noun of grouping: le « format Vienne », du « groupe de Lima ».

        French news writes the label a movement or a crowd goes by between guillemets,
        the article outside ("des « bonnets verts »", "les « frondeurs »", "le mouvement
        des « sans-papiers »"), a title opening on it ("« Bonnets verts » : ..."). One
        group per label across the dossier; a label of the collectives table is that
        table's group."""
        out = []
        for tok in doc:
            if tok.text != "«":
                continue
            words = []
            j = tok.i + 1
            while j < len(doc) and doc[j].text != "»" and len(words) < 4:
                words.append(doc[j])
                j += 1
            if not words or j >= len(doc) or len(words) > 3:
                continue
            a, b = words[0].idx, words[-1].idx + len(words[-1].text)
            if any(r.start < b and a < r.end and (r.start, r.end) != (a, b) and not (
                    r.label == "place" and self.names_a_thing(r, doc)) for r in refs):
                continue                          # a name inside: « Bonnets verts » the model took for one is one
            first = words[0]
            before = doc[tok.i - 1] if tok.i > 0 else None
            opening = before is None or tok.is_sent_start or before.text in (".", ":", "!", "?")
            grouping = fold(first.text) in self.grouping_nouns and len(words) > 1
            after_article = before is not None and (fold(before.text) in self.plural_articles or (
                grouping and fold(before.text) in ("le", "du", "au", "un")))
            if not (after_article or (opening and first.text[:1].isupper())):
                continue
            if not all(w.is_alpha or w.text == "-" for w in words) or (not opening and not first.text[:1].islower()):
                continue
            if any(w.pos_ in ("VERB", "AUX", "PRON", "DET") or (w.pos_ == "ADP" and not grouping) for w in words):
                continue                          # « monter à Paris »: words quoted, not a label
            plural = "Plur" in first.morph.get("Number") or (first.text[-1:] in ("s", "x") and first.pos_ != "ADJ")
            if first.pos_ not in ("NOUN", "PROPN") or not (plural or grouping):
                continue
            root = next((w for w in words if not words[0].i <= w.head.i <= words[-1].i or w.head.i == w.i), first)
            cases = {fold(c.text) for c in root.children if c.dep_ == "case"}
            if not (root.dep_ in ("nsubj", "nsubj:pass", "obl:agent", "nmod", "ROOT") or (
                    root.dep_.startswith("obl") and cases & {"chez", "entre", "parmi", "avec", "par", "contre"})):
                continue                          # "ils ont franchi des « lignes rouges »": a thing done
            start, end = words[0].idx, words[-1].idx + len(words[-1].text)
            label = fold(text[start:end])
            group = next((g for w, g in self.collectives.get(label.split()[0], []) if w == label.split()), label)
            out.append(ActorRef(text[start:end], "group", start, end, para, strong=True, key="group " + group))
            ent_tokens.update(w.i for w in words)
        return out

    @rule("actors.acronym_spells_role", off=True)
    def spells_role(self, acronym: str, role: str) -> bool:
        """An acronym in brackets after a role names the role only when it spells it.

        '(CEMA)' after 'chef d'état-major des armées' is the role's acronym; '(CGT)'
        after 'secrétaire général de l'Union nationale des employés' is the
        organisation's. The initials are read from the role's first word on (function
        words may be skipped)."""
        letters = [w[0] for w in fold(re.sub(r"[-’']", " ", role)).split()]
        acronym = fold(acronym)
        if not letters or not acronym or letters[0] != acronym[0]:
            return False
        i = 0
        for letter in letters:
            if i < len(acronym) and letter == acronym[i]:
                i += 1
        return i == len(acronym)

    @rule("actors.plural_role_of_names", off=None)
    def _plural_role_of_names(self, text: str, tok, person_at: dict) -> None:
        """'Les chefs séparatistes Paul Garnier et Louis Bernard', 'les ministres Hélène
        Lefèvre, Odile Marchal et Marc Aubry': a plural role before a list of names is
        each one's role, in the singular ('chef séparatiste')."""
        toks = [t for t in self._np_tokens(tok) if t.i >= tok.i and t.i not in person_at]
        if not toks:
            return
        end = toks[-1].idx + len(toks[-1].text)
        names = sorted({id(p): p for p in person_at.values()}.values(), key=lambda p: p.start)
        bound, at = [], end
        for p in names:
            if p.start < at:
                continue
            gap = text[at:p.start]
            if not (BETWEEN_ROLE_AND_NAME.fullmatch(gap) if not bound else re.fullmatch(r"\s*(?:,|et)\s*", gap)):
                break
            bound.append(p)
            at = p.end
        if len(bound) < 2:
            return                                # one name after a plural: not a list of them
        singular = " ".join((t.lemma_ if t.pos_ in ("NOUN", "ADJ") else t.text) for t in toks)
        for p in bound:
            p.listed_as = singular

    @rule("actors.plural_roles", off=list)
    def _plural_roles(self, text: str, tok, para: int, ent_tokens: set[int]) -> list[ActorRef]:
        """'les présidents français et russe', 'les ministres italien et espagnol de la
        Culture': one role per country, each to be resolved like 'le président russe'.
        The first spans the head and its country, the next one only its country."""
        if not any(c.dep_ == "det" and fold(c.text) in ("les", "des", "ces") for c in tok.children):
            return []
        m = PLURAL_ROLE.match(text, tok.idx + len(tok.text))
        if not m or not all(self.nationalities.get(fold(w), 0) != 0 for w in (m.group(2), m.group(3))):
            return []
        tail = ROLE_TAIL.match(text, m.end())
        complement = (tail.group(0) if tail else "").strip()
        out = []
        for word, start, end in ((m.group(2), tok.idx, m.end(2)), (m.group(3), m.start(3), m.end(3))):
            words = " ".join(w for w in (tok.text[:-1], m.group(1).strip(), word, complement) if w)
            out.append(ActorRef(text[start:end], "role", start, end, para, role_key=self.role_key(words), alias=False))
        ent_tokens.update(t.i for t in tok.doc if tok.idx <= t.idx < m.end())
        return out

    def _counterpart_role(self, words: str, tok, bound: list[ActorRef]) -> tuple | None:
        """'Le ministre français …, a rencontré son homologue italien X': X is a ministre
        too, a Russian one: the subject's role words with the relation's nationality."""
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        for subj in (c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")):
            for r in bound:
                if r.role and r.start <= subj.idx < r.end:
                    return self.role_key(r.role)[0], self.role_key(words)[1]
        return None

    def subject_is_anonymous(self, token) -> bool:
        """'une source dans l'entourage du ministre': an unnamed speaker, kept unnamed."""
        return fold(token.text) in self.anonymous and any(c.dep_ == "det" and fold(c.text) in ("un", "une", "des")
                                                          for c in token.children)
