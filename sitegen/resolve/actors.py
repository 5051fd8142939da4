"""One actor per real actor across the dossier: names, aliases, roles bound to people."""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from sitegen.extract import Extraction
from sitegen.extract.actors import ActorFinder
from sitegen.lang import load_language
from sitegen.model import Actor, ActorRef
from sitegen.rules import declare, enabled, rule
from sitegen.text import fold, slugify, unique_slug

SURNAME_JOINS_FULL_NAME = declare(
    "actors.surname_joins_full_name",
    "A person's short form ('Lefèvre', 'M. Lefèvre') is the full name that ends with it.")
CONFLICTING_FIRST_NAME = declare(
    "actors.conflicting_first_name",
    "One surname and one role under two first names is one person with a misspelt first name (flagged).")
DEFINED_ACRONYM = declare(
    "actors.defined_acronym",
    "'Organisation mondiale de la santé (OMS)': the acronym in brackets names the same actor.")
SAME_INSTITUTION = declare(
    "actors.same_institution",
    "'forces armées françaises', 'armée française': synonyms of one institution of one state.")
TRANSLITERATION = declare(
    "actors.transliteration",
    "'Tchernenko' and 'Chernenko': one name transliterated two ways (sh/ch, ou/u, y/i, -ff/-v).")
FIRST_NAME_VARIANT = declare(
    "actors.first_name_variant",
    "'Micheline' and 'Michelline' before one surname: two spellings of one first name, one person.")
FIRST_NAME_ALONE = declare(
    "actors.first_name_alone",
    "'Sylvain', 'M. Park': a lone word that begins one person's full name and ends none is that person.")
SURNAME_TYPED_AS_PLACE = declare(
    "actors.surname_typed_as_place",
    "'Flandre' tagged as a place in an article naming 'Marc Flandre' is the person.")
ARMED_FORCES = declare(
    "actors.armed_forces",
    "'l'armée ukrainienne', 'les forces ukrainiennes', 'les soldats ukrainiens': one state's armed forces.")
ARTICLE_OF_A_NAME = declare(
    "actors.article_of_a_name",
    "'Le Bourget' and 'au Bourget', 'Les Républicains' and 'des Républicains': one name, with and without its article.")
INITIALS_OF_A_NAME = declare(
    "actors.initials_of_a_name",
    "'LR' and 'Les Républicains': an acronym that spells the initials of one name of the dossier is that name.")
PLACE_OF_A_CITY = declare(
    "actors.place_of_a_city",
    "'Berlin-Tegel' and 'Tegel': a place named after the city it belongs to is the place.")
SPELLING_VARIANT = declare(
    "actors.spelling_variant",
    "One-word names of organisations one letter apart ('Hezbollah', 'Hizbollah') are one.")

TYPE_PRIORITY = ["person", "organization", "group", "state", "vessel", "military_unit", "place", "other", "role"]


# ---------------------------------------------------------------- actors

def _acronym_of(words: list[str], acronym: str) -> bool:
    """Do the initials of words spell acronym (function words may be skipped)?"""
    letters = [w[0] for w in words if w]
    acronym = acronym.casefold()
    i = 0
    for letter in letters:
        if i < len(acronym) and letter == acronym[i]:
            i += 1
    return i == len(acronym) and letters[:1] == [acronym[:1]]


def _stem(words: str) -> str:
    """Folded words without their plural and feminine endings, so that a key made of
    lemmas and a table entry meet: 'forces aeriennes' and 'force aerien' -> 'forc aerien'."""
    out = []
    for w in words.split():
        w = re.sub(r"[sx]$", "", w) if len(w) > 3 else w
        w = re.sub(r"e$", "", w) if len(w) > 3 else w
        out.append(re.sub(r"nn$|ll$", lambda m: m.group(0)[0], w))
    return " ".join(out)


def _one_edit(a: str, b: str) -> bool:
    """Spelling variants: one letter changed, added or dropped ("Hezbollah"/"Hizbollah")."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


ARTICLES_AND_PREPOSITIONS = {"le", "la", "les", "l", "de", "du", "des", "d", "et", "en", "pour", "sur", "a", "au", "aux"}
# spellings of one sound across transliterations into French, English and German
TRANSLITERATIONS = [("shch", "chtch"), ("sch", "ch"), ("tch", "ch"), ("sh", "ch"), ("zh", "j"), ("kh", "h"),
                    ("ou", "u"), ("w", "v"), ("y", "i"), ("ck", "k"), ("ph", "f"), ("ii", "i")]


def _transliteration_key(name: str) -> str:
    """One spelling for the ways French, English and German transliterate a Slavic or
    Arabic name: 'tchernenko' and 'chernenko', 'iouri' and 'yuri', 'smirnoff' and 'smirnov'."""
    out = []
    for w in name.split():
        for a, b in TRANSLITERATIONS:
            w = w.replace(a, b)
        w = re.sub(r"ff$", "v", w)
        w = re.sub(r"(.)\1", r"\1", w)          # doubled letters: 'mohammed' 'mohamed'
        out.append(w)
    return " ".join(out)


def _subsequence(short: str, long_: str) -> bool:
    letters = iter(long_)
    return all(c in letters for c in short)


def _first_name_variants(a: str, b: str) -> bool:
    """Two spellings of one first name ('micheline', 'michelline'): same beginning and
    ending, one the other with letters left out, and not a name and its longer form
    ('jean', 'jeanne'; 'daniel', 'danielle'), which are two names."""
    short, long_ = sorted((a, b), key=len)
    return (short != long_ and len(short) >= 4 and short[:3] == long_[:3] and short[-2:] == long_[-2:]
            and not long_.startswith(short) and _subsequence(short, long_))


def _initials(name: str) -> str:
    """The letters an acronym of the name would have: each word's first letter, but for
    articles and prepositions written in lowercase ('Les Républicains' LR,
    'Organisation pour la sécurité et la coopération en Europe' OSCE)."""
    words = re.findall(r"[\w]+", name.replace("’", "'"))
    return "".join(fold(w)[0] for w in words
                   if fold(w) and (w[0].isupper() or fold(w) not in ARTICLES_AND_PREPOSITIONS))


class _Groups:
    """Union-find over the folded names of actor mentions."""

    def __init__(self, keys):
        self.parent = {k: k for k in keys}

    def root(self, k: str) -> str:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def join(self, small: str, big: str) -> None:
        a, b = self.root(small), self.root(big)
        if a != b:
            self.parent[a] = b


def _resolve_roles(extractions: list[Extraction], finder: "ActorFinder") -> list[tuple[ActorRef, tuple, tuple]]:
    """Give each unbound role phrase ("le ministre français") the one person it fits:
    first a role bound in the same article ("le ministre français de la Défense,
    Hélène Lefèvre"), then one bound there by a relation ("son homologue italien X",
    when the subject is "le ministre français de la Défense": X is the Russian
    ministre de la Défense), then a role bound anywhere in the dossier. A phrase fits
    a bound role when its words begin that role's words and its nationalities are the
    role's. A phrase that fits several people, or none, stays unresolved. The refs are
    changed in place; returns each changed ref with the (label, canonical) it had and has."""
    bound: list[tuple[str, tuple, frozenset, str, bool]] = []   # (source, words, nationalities, person, relational)
    changed: list[tuple[ActorRef, tuple, tuple]] = []
    for ex in extractions:
        for _, r in ex.refs:
            if r.canonical and r.label == "person" and r.role and _in_enumeration(r, ex):
                before = (r.label, r.canonical)
                r.label, r.canonical, r.role_key, r.role = "role", None, finder.role_key(r.role), None
                changed.append((r, before, (r.label, r.canonical)))
    for ex in extractions:
        for _, r in ex.refs:
            if r.canonical and r.label == "person" and r.role:
                words, national = finder.role_key(r.role)
                bound.append((ex.source.id, words, national, r.canonical, False))
            elif r.canonical and r.label == "person" and r.role_key:      # "son homologue italien X"
                words, national = r.role_key
                bound.append((ex.source.id, tuple(words), frozenset(national), r.canonical, True))

    def fits(role: tuple, national: frozenset, words: tuple, theirs: frozenset) -> bool:
        return bool(role) and words[:len(role)] == role and national == theirs

    in_source: dict[str, list] = defaultdict(list)
    anywhere: dict[tuple, set[str]] = defaultdict(set)     # (nationalities, first words) -> persons
    for b in bound:
        in_source[b[0]].append(b)
        if not b[4]:
            for k in range(1, len(b[1]) + 1):
                anywhere[(b[2], tuple(b[1][:k]))].add(b[3])
    pending: list[tuple[ActorRef, list[str], tuple, str | None]] = []   # a role speaker, who may it be, its role, gender
    genders: dict[str, Counter[str]] = defaultdict(Counter)              # person -> genders of the roles given to him
    for ex in extractions:
        for _, r in ex.refs:
            if r.canonical and r.label == "person" and r.role:
                gender = _role_gender(r, ex)
                if gender:
                    genders[fold(r.canonical)][gender] += 1
    for ex in extractions:
        antecedents = {(q.speaker.para, q.speaker.start): q.antecedents for q in ex.quotes
                       if q.speaker is not None and q.antecedents}
        for _, r in ex.refs:
            if r.label != "role" or not r.role_key:
                continue
            role, national = r.role_key
            here = in_source.get(ex.source.id, [])
            dossier = anywhere.get((frozenset(national), tuple(role)), set()) if role else set()
            for candidates in (
                    {p for s, w, n, p, rel in here if not rel and fits(role, national, w, n)},
                    {p for s, w, n, p, rel in here if rel and fits(role, national, w, n)},
                    dossier):
                if len({fold(p) for p in candidates}) == 1:
                    before = (r.label, r.canonical)
                    r.label, r.canonical = "person", sorted(candidates)[0]
                    changed.append((r, before, (r.label, r.canonical)))
                    break
                if candidates:
                    break
            if r.label == "role":
                fitting = [p for p in (_speaker_antecedent(a, national, dossier, bound)
                                       for a in antecedents.get((r.para, r.start), ())) if p is not None]
                if fitting:
                    gender = _role_gender(r, ex)
                    pending.append((r, fitting, (tuple(role), frozenset(national)), gender))
                    if gender:
                        genders[fold(fitting[0])][gender] += 1
    chosen = []
    for r, fitting, key, gender in pending:
        own = Counter({gender: 1}) if gender else Counter()      # its own vote is no evidence
        person = next((p for p in fitting if _gender_agrees(
            gender, genders[fold(p)] - own if p == fitting[0] else genders[fold(p)])), None)
        if person is not None:
            chosen.append((r, person, key))
    votes: dict[tuple, Counter[str]] = defaultdict(Counter)
    for _, person, key in chosen:
        votes[key][fold(person)] += 1
    for r, person, key in chosen:
        person = _role_majority(votes[key], {fold(p): p for _, p, k in chosen if k == key}) or person
        before = (r.label, r.canonical)
        r.label, r.canonical = "person", person
        changed.append((r, before, (r.label, r.canonical)))
    return changed


_GENDER = {}


def _role_gender(r: ActorRef, ex: Extraction) -> str | None:
    """"F" or "M" for a role mention: its article ("la ministre"), else its head word."""
    if not _GENDER:
        lang = load_language("fr")
        _GENDER.update({fold(w): "F" for w in lang.get("role_heads_feminine", [])})
        _GENDER.update({fold(w): "M" for w in lang.get("role_heads_masculine", [])})
    text = ex.source.paragraphs[r.para] if r.para < len(ex.source.paragraphs) else ""
    m = re.search(r"\b(la|le)\s+$", text[max(0, r.start - 4):r.start], re.I)
    if m:
        return "F" if m.group(1).lower() == "la" else "M"
    words = fold(r.role or r.text).split()
    return _GENDER.get(words[0]) if words else None


@rule("actors.role_gender_agrees", off=True)
def _gender_agrees(gender: str | None, theirs: Counter) -> bool:
    """A role speaker is not a person the dossier mostly gives roles of the other gender.

    "la chancelière" after a paragraph on "le président": French marks the gender of a
    role by its article or its ending, and the roles given to one person agree."""
    if gender is None:
        return True
    other = "M" if gender == "F" else "F"
    return not theirs[other] > theirs[gender]


@rule("actors.role_speaker_majority", off=None)
def _role_majority(votes: Counter, names: dict[str, str]) -> str | None:
    """A role phrase whose speakers the dossier binds, by the persons named before them,
    mostly to one person (two at least, two thirds of the times) is that person everywhere.

    In one dossier "le chef de l'État" is one person: French news sometimes names him
    paragraphs before, or another person stands between."""
    if not votes:
        return None
    best, n = votes.most_common(1)[0]
    return names[best] if n >= 2 and 3 * n >= 2 * sum(votes.values()) else None


@rule("actors.enumeration_is_not_apposition", off=False)
def _in_enumeration(r: ActorRef, ex: Extraction) -> bool:
    """A role bound to the name after it is no binding when both are items of an enumeration.

    "entre le président français, la chancelière allemande, Paul Roy et Jean Vidal": the
    role comes after a comma and the name is followed by "et" and the last item, without
    the comma that closes an apposition ("la ministre, Anne Roy, et le maire")."""
    text = ex.source.paragraphs[r.para] if r.para < len(ex.source.paragraphs) else ""
    person = min((x for _, x in ex.refs if x.para == r.para and x.start >= r.end and x.text == r.canonical),
                 key=lambda x: x.start, default=None)
    if person is None or not re.fullmatch(r",\s*", text[r.end:person.start]):
        return False
    return bool(re.search(r",\s*(?:l[ea]s?\s+|l['’]\s*)$", text[:r.start])
                and re.match(r"\s+et\s+(?:l[ea]s?\s+|l['’]|[A-ZÀ-Ý])", text[person.end:]))


@rule("actors.role_speaker_antecedent", off=None)
def _speaker_antecedent(antecedent: ActorRef, national, dossier: set[str], bound: list) -> str | None:
    """A speaker named by a role the dossier binds to no one ("», a affirmé le président
    américain") is the last person the sentences before name that fits (Quote.antecedents).

    French news names a person, then refers back to him by his function. Not when the
    dossier knows that person in a role of another country, nor when the dossier binds
    the role to other people and not to him."""
    person = antecedent.canonical or antecedent.text
    if dossier and fold(person) not in {fold(p) for p in dossier}:
        return None
    theirs = {n for _, _, n, p, rel in bound if not rel and fold(p) == fold(person) and n}
    if national and theirs and frozenset(national) not in theirs:
        return None
    return person


def ref_key(ref: ActorRef) -> str:
    """What two mentions of the same actor share: the name it stands for, else its words."""
    return fold(ref.canonical) if ref.canonical else (ref.key or fold(ref.text))


def resolve_actors(extractions: list[Extraction], lang_code: str = "fr") -> tuple[list[Actor], dict[tuple[str, int, int], str]]:
    """Actors with every name seen as an alias, and (source, para, start) -> actor id.
    The role phrases bound to a person become that person's refs."""
    finder = ActorFinder(lang_code)
    _resolve_roles(extractions, finder)
    mentions: dict[str, list[tuple[str, ActorRef]]] = defaultdict(list)
    for ex in extractions:
        for _, ref in ex.refs:
            if ref.label == "role":
                continue
            key = ref_key(ref)
            if key:
                mentions[key].append((ex.source.id, ref))

    def kind(key: str) -> str:
        votes: Counter[str] = Counter()
        for _, r in mentions[key]:
            votes[r.label] += 3 if r.strong else 1
        return max(votes, key=lambda label: (votes[label], -TYPE_PRIORITY.index(label)))

    groups = _Groups(mentions)
    keys = sorted(mentions, key=lambda k: (-len(k.split()), k))
    persons = [k for k in keys if kind(k) == "person"]
    flags: dict[str, list[dict]] = defaultdict(list)
    # A person's short form ("Lefèvre", "Bellini") joins the full name that ends with it.
    # blocked by words, so that thousands of names are not compared pairwise
    ending_with: dict[str, list[str]] = defaultdict(list)     # "lefevre" -> ["anne lefevre", ...]
    for k in persons:
        words = k.split()
        for i in range(1, len(words)):
            ending_with[" ".join(words[i:])].append(k)
    for short in (persons if enabled(SURNAME_JOINS_FULL_NAME) else ()):
        longer = ending_with.get(short, [])
        if longer:
            best = max(longer, key=lambda k: (len(mentions[k]), k))
            groups.join(short, best)
    # One name transliterated two ways; one first name spelled two ways.
    if enabled(TRANSLITERATION):
        by_sound: dict[str, list[str]] = defaultdict(list)
        for k in persons:
            by_sound[_transliteration_key(k)].append(k)
        for same in by_sound.values():
            best = max(same, key=lambda k: (len(mentions[k]), k))
            for k in same:
                groups.join(k, best)
    multi = [k for k in persons if len(k.split()) >= 2]
    if enabled(FIRST_NAME_VARIANT):
        by_surname: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for k in multi:
            by_surname[tuple(k.split()[1:])].append(k)
        for same in by_surname.values():
            for a in same:
                for b in same:
                    if a < b and _first_name_variants(a.split()[0], b.split()[0]):
                        groups.join(*sorted((a, b), key=lambda k: (len(mentions[k]), k)))
    if enabled(FIRST_NAME_ALONE):
        starting_with: dict[str, list[str]] = defaultdict(list)
        for k in multi:
            starting_with[k.split()[0]].append(k)
        for k in persons:
            if len(k.split()) == 1 and k not in ending_with and len(starting_with.get(k, ())) == 1:
                groups.join(k, starting_with[k][0])
    if enabled(SURNAME_TYPED_AS_PLACE):
        sources_of = {k: {sid for sid, _ in mentions[k]} for k in mentions}
        for k in keys:
            if len(k.split()) != 1 or k in finder.states or k in finder.capitals or kind(k) not in (
                    "place", "other", "organization"):
                continue
            near = [p for p in ending_with.get(k, []) if sources_of[p] & sources_of[k]]
            if near:
                groups.join(k, max(near, key=lambda p: (len(mentions[p]), p)))
    # The same surname with another first name and the same role: most likely a wrong
    # first name ("Paul" for "Pierre"). Attached to the better attested one, flagged.
    roles_of = {k: {fold(r.role or r.listed_as).split()[0] for _, r in mentions[k] if r.role or r.listed_as}
                for k in persons}
    by_rest: dict[tuple[str, ...], list[str]] = defaultdict(list)   # the words after the first name
    for k in persons:
        if len(k.split()) >= 2:
            by_rest[tuple(k.split()[1:])].append(k)
    for k in (persons if enabled(CONFLICTING_FIRST_NAME) else ()):
        for other in by_rest.get(tuple(k.split()[1:]), ()):     # the same surname: another first name
            if other == k or not (roles_of[k] & roles_of[other]):
                continue
            n_k = len({sid for sid, _ in mentions[k]})
            n_o = len({sid for sid, _ in mentions[other]})
            if (n_k, k) < (n_o, other):
                groups.join(k, other)
                names = sorted({r.text for _, r in mentions[k] if not r.role})
                flags[other].append({"kind": "name_conflict", "name": names[0] if names else k,
                                     "usual": max(sorted({r.text for _, r in mentions[other] if not r.role}),
                                                  key=len, default=other),
                                     "sources": sorted({sid for sid, _ in mentions[k]})})
    # Defined acronyms and synonyms: "Fonds monétaire international (FMI ou IMF)", "Organisation ... (OMS)".
    extra_names: dict[str, set[str]] = defaultdict(set)
    by_words = {fold(r.text): k for k, refs in mentions.items() for _, r in refs}
    for ex in (extractions if enabled(DEFINED_ACRONYM) else ()):
        for text in ex.source.paragraphs:
            for m in re.finditer(r"([A-ZÀ-Ý][\w'’\- ]{2,80}?)\s*\(([^()]{2,40})\)", text):
                words = fold(m.group(1)).split()
                inner = [fold(x) for x in re.split(r"\s+(?:ou|or|,)\s+|,\s*", m.group(2))]
                found_tail = False
                for n in range(len(words), 0, -1):
                    tail = by_words.get(" ".join(words[-n:]))
                    if tail is None:
                        continue
                    found_tail = True
                    for alt in inner:
                        other = by_words.get(alt)
                        if other and other != tail and (len(inner) > 1 or _acronym_of(words[-n:], alt)):
                            groups.join(other, tail)
                    break
                if not found_tail:
                    # the expansion was no entity ("la Banque mondiale (BM ou WB)"): its
                    # capitalised words are still a name of the acronym's actor
                    name = re.search(r"[A-ZÀ-Ý][\w’'-]*(?:\s+[a-zà-ÿ][\w’'-]*){0,3}$", m.group(1).strip())
                    for alt in inner:
                        other = by_words.get(alt)
                        if other and name and _acronym_of(fold(name.group(0)).split(), alt):
                            extra_names[other].add(name.group(0))
    # One institution of a state under several names: "forces armées françaises", "armée française".
    lang = load_language(lang_code)
    meaning = {_stem(fold(name)): i for i, names in enumerate(lang.get("same_institution") or []) for name in names}
    if enabled(ARMED_FORCES):
        armed = [_stem(fold(w)) for w in lang.get("armed_forces_words") or []]
        group = next((meaning[w] for w in armed if w in meaning), len(lang.get("same_institution") or []))
        meaning.update({w: group for w in armed})
    same_state: dict[tuple[int, str], list[str]] = defaultdict(list)
    for k in keys:
        words = k.split()
        state = finder.nationalities.get(words[-1]) if len(words) > 1 else None
        head = _stem(" ".join(words[:-1]))
        if state and head in meaning:
            same_state[(meaning[head], state)].append(k)
    for names in (same_state.values() if enabled(SAME_INSTITUTION) else ()):
        best = max(names, key=lambda k: (len(mentions[k]), k))
        for k in names:
            groups.join(k, best)
    # A seat and the institution it houses: "Palais Bourbon" and "Assemblée nationale".
    institutions = {fold(v) for v in (load_language(lang_code).get("institution_seats") or {}).values()}
    for k in keys:
        named = by_words.get(k)
        if k in institutions and named and named != k:
            groups.join(k, named)
    # A name with its article and without ("Le Bourget", "au Bourget"): French contracts
    # the article of a name after "à" and "de".
    if enabled(ARTICLE_OF_A_NAME):
        for k in keys:
            bare = re.sub(r"^(?:le|la|les|l) ", "", k)
            if bare != k and bare in mentions and kind(k) != "person":
                groups.join(bare, k)
    # "Berlin-Tegel", "Tegel": the city before the hyphen only says where it is.
    if enabled(PLACE_OF_A_CITY):
        for k in keys:
            for _, r in mentions[k]:
                city, _, rest = r.text.partition("-")
                place = fold(rest)
                if rest and (fold(city) in finder.capitals or fold(city) in finder.states) and place in mentions \
                        and place != k and kind(k) in ("place", "organization") and kind(place) == kind(k):
                    groups.join(place, k)
    # An acronym and the one name whose initials it spells ("LR", "Les Républicains").
    if enabled(INITIALS_OF_A_NAME):
        spelled: dict[str, list[str]] = defaultdict(list)
        for k in keys:
            if kind(k) not in ("organization", "group"):
                continue
            for initials in {_initials(r.text) for _, r in mentions[k]}:
                if len(initials) >= 2:
                    spelled[initials].append(k)
        for k in keys:
            names = sorted(set(spelled.get(k, [])) - {k})
            if len(k.split()) == 1 and len(names) == 1 and kind(k) in ("organization", "group") and \
                    any(r.text.isupper() for _, r in mentions[k]):
                groups.join(k, names[0])
    # Spelling variants of one-word names of organisations and groups ("Hezbollah", "Hizbollah").
    one_word = [k for k in keys if len(k.split()) == 1 and len(k) >= 5 and kind(k) in ("organization", "group")
                and not re.search(r"\d", k)]
    for a in (one_word if enabled(SPELLING_VARIANT) else ()):
        for b in one_word:
            if a < b and _one_edit(a, b):
                groups.join(a, b)

    members: dict[str, list[str]] = defaultdict(list)
    for k in mentions:
        members[groups.root(k)].append(k)
    actors: list[Actor] = []
    by_key: dict[str, str] = {}
    taken: set[str] = set()
    ordered = sorted(members.items(), key=lambda kv: (-sum(len(mentions[k]) for k in kv[1]), kv[0]))
    role_people: dict[str, set[str]] = defaultdict(set)
    for key, refs in mentions.items():
        for _, r in refs:
            if r.role:
                role_people[fold(r.role)].add(groups.root(key))
    for root, keys_ in ordered:
        refs = [(sid, r) for k in keys_ for sid, r in mentions[k]]
        votes: Counter[str] = Counter()
        for _, r in refs:
            votes[r.label] += 3 if r.strong else 1
        type_ = max(votes, key=lambda t: (votes[t], -TYPE_PRIORITY.index(t)))
        if type_ == "other":
            continue
        names = Counter(r.text for _, r in refs if r.alias and not r.role and not r.canonical)
        names.update(r.canonical for _, r in refs if r.canonical and not r.alias is False)
        if not names:
            names = Counter(r.canonical or r.text for _, r in refs)
        head_names = Counter(r.text for sid, r in mentions[root] if r.alias and not r.role)
        name = max(head_names or names, key=lambda f: ((head_names or names)[f], len(f), f))
        aliases = {r.text for _, r in refs if r.alias and not r.role}
        aliases |= {n for k in keys_ for n in extra_names.get(k, ())}
        aliases |= {r.role for _, r in refs if r.role and len(role_people[fold(r.role)]) == 1}
        roles = sorted({fold(x): x for _, r in refs for x in (r.role, r.listed_as) if x}.values(), key=str.casefold)
        actor = Actor(
            id=unique_slug(slugify(name), taken), name=name, type=type_,
            aliases=sorted(aliases - {name}, key=str.casefold), sources=sorted({sid for sid, _ in refs}),
            roles=roles, flags=[f for k in keys_ for f in flags.get(k, [])])
        actors.append(actor)
        for k in keys_:
            by_key[k] = actor.id
    ref_map: dict[tuple[str, int, int], str] = {}
    for ex in extractions:
        for _, ref in ex.refs:
            aid = by_key.get(ref_key(ref)) if ref.label != "role" else None
            if aid:
                ref_map[(ex.source.id, ref.para, ref.start)] = aid
    actors.sort(key=lambda a: a.id)
    return actors, ref_map
