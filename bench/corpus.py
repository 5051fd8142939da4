#!/usr/bin/env python3
"""A deterministic scale corpus of French news articles for the benchmark.

    python bench/corpus.py N OUTDIR [--seed S]

A fictional world (invented people, groups, ships, organisations; real country and
city names) and a shared pool of happenings (meetings, calls, agreements, attacks...),
each with a fixed date, place and participants. Every article tells one happening of
the pool and recalls older ones of the same storyline, in its own words and with date
expressions relative to its own publication day, so the same happening is reported by
several articles and events merge across them. Article k depends only on (k, seed):
corpora nest (the first 1,000 articles of a 5,000 corpus are the 1,000 corpus), and
the pool is about n/4 happenings for n articles.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import unicodedata
from pathlib import Path

START = dt.date(2023, 1, 2)          # happenings spread over two years from here
SPAN_DAYS = 700
MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
WEEKDAYS = "lundi mardi mercredi jeudi vendredi samedi dimanche".split()
# code: (name with article, "in" form, adjective m, adjective f, capital, other cities, given names m, f, surnames)
COUNTRIES = {
    "FR": ("la France", "en France", "français", "française", "Paris", ["Toulon", "Brest", "Lyon", "Bordeaux"],
           "Étienne Bastien Lucien Armand Gaspard Thibault Rémi", "Claire Hélène Solène Maud Agathe Inès",
           "Vautrin Marchetti Delorme Castagnier Roussel Quéméner Lebrasseur Arnoult Fabre-Lasalle"),
    "PL": ("la Pologne", "en Pologne", "polonais", "polonaise", "Varsovie", ["Gdansk", "Cracovie", "Szczecin"],
           "Tomasz Marek Paweł Jerzy", "Agnieszka Ewa Katarzyna", "Nowak Wrona Dąbek Sobczak Pawlak Kaczmarek"),
    "IT": ("l'Italie", "en Italie", "italien", "italienne", "Rome", ["Naples", "Tarente", "Gênes"],
           "Giacomo Lorenzo Matteo", "Chiara Francesca Giulia", "Bellandi Ferraro Colonnese Marchesini Gatti Serafini"),
    "GR": ("la Grèce", "en Grèce", "grec", "grecque", "Athènes", ["Thessalonique", "Le Pirée", "Héraklion"],
           "Nikos Yannis Stavros", "Eleni Katerina", "Papadakis Kostopoulos Andreou Vlachos Karalis Doukas"),
    "NO": ("la Norvège", "en Norvège", "norvégien", "norvégienne", "Oslo", ["Bergen", "Tromsø"],
           "Erik Lars Henrik", "Ingrid Solveig", "Halvorsen Lunde Aasen Bråten Skogli Myrvang"),
    "RO": ("la Roumanie", "en Roumanie", "roumain", "roumaine", "Bucarest", ["Constanța", "Cluj", "Iași"],
           "Mihai Radu Sorin", "Ioana Elena Andreea", "Dragomir Vlădescu Stanciu Ionescu Munteanu Bratu"),
    "MA": ("le Maroc", "au Maroc", "marocain", "marocaine", "Rabat", ["Casablanca", "Tanger", "Agadir"],
           "Karim Youssef Mehdi", "Nadia Salma", "Lahlou Tazi Berrada Bennani Ouazzani Chraibi"),
    "NE": ("le Niger", "au Niger", "nigérien", "nigérienne", "Niamey", ["Agadez", "Tillabéri", "Diffa", "Zinder"],
           "Abdou Harouna Souleymane", "Rakia Mariama", "Maïga Souley Garba Hamidou Issaka Boubacar"),
}
SEAS = {"FR": "en Méditerranée", "PL": "en mer Baltique", "IT": "en mer Tyrrhénienne", "GR": "en mer Égée",
        "NO": "en mer de Norvège", "RO": "en mer Noire", "MA": "dans le détroit de Gibraltar", "NE": "sur le fleuve Niger"}
PORTS = {"FR": "Toulon", "PL": "Gdansk", "IT": "Tarente", "GR": "Thessalonique", "NO": "Bergen", "RO": "Constanța",
         "MA": "Tanger", "NE": "Niamey"}
SHIPS = {"FR": ["la frégate Montvallon", "le patrouilleur Rocheclaire"], "PL": ["la corvette Wislanka"],
         "IT": ["la frégate Aurelia Solari"], "GR": ["la corvette Kalliroé"], "NO": ["la frégate Nordkyst"],
         "RO": ["la frégate Dobrogeana"], "MA": ["le patrouilleur Assafi"], "NE": ["la vedette Gaya"]}
# storylines: two countries, topics, the observatory that counts, the armed group (if any)
THREADS = [
    ("FR", "PL", ["la défense aérienne", "le partage du renseignement", "la formation des officiers"], "l'Institut Varenne d'études stratégiques", None),
    ("IT", "GR", ["la surveillance des côtes", "le contrôle des flux migratoires", "la sécurité maritime"], "l'Agence méditerranéenne de veille maritime", None),
    ("NE", "FR", ["la lutte contre les groupes armés", "la sécurité des convois", "le partage du renseignement"], "l'Observatoire sahélien des conflits", "le Mouvement Tiberan"),
    ("NO", "FR", ["la protection des câbles sous-marins", "la sécurité énergétique", "la surveillance de l'Arctique"], "le Centre nordique d'analyse maritime", None),
    ("MA", "IT", ["la lutte contre les trafics d'armes", "la coopération portuaire", "le contrôle des flux migratoires"], "l'Observatoire des détroits", None),
    ("RO", "GR", ["le déminage en mer Noire", "la sécurité énergétique", "la défense aérienne"], "la Fondation Arvelle", None),
    ("NE", "MA", ["la lutte contre les groupes armés", "la surveillance des frontières", "la formation des officiers"], "le Réseau de veille du Sahel", "la Colonne Sabre-Noir"),
    ("PL", "RO", ["la sécurité énergétique", "la défense aérienne", "la protection des infrastructures"], "l'Institut Kessling", None),
]
ROLES = ["def", "aff", "pres", "cema", "spk"]      # the fixed cast of each country
KINDS = ["meeting"] * 3 + ["call"] * 2 + ["agreement"] * 2 + ["statement"] * 2 + ["deployment", "appointment", "exercise", "summit"]
VIOLENT = ["attack"] * 3 + ["strikes"] * 3
NEW_ROLES = ["commandant de l'opération Boréal", "directeur du renseignement militaire", "envoyé spécial pour le Sahel",
             "chef de la mission de liaison", "directeur de l'agence des équipements"]
TARGETS = ["un poste de l'armée", "le marché central", "un convoi de ravitaillement", "une caserne de la gendarmerie", "un camp de déplacés"]
PUBLISHERS = ["L'Écho des Nations", "Le Quotidien du Littoral", "Horizons Défense", "La Gazette continentale", "Agence Presse Europe"]
Q_DIPLO = ["Nos deux pays partagent les mêmes inquiétudes et doivent agir ensemble",
           "Cette discussion a été franche et utile, et elle appelle des décisions rapides",
           "Il n'y aura pas de solution durable sans une coordination étroite entre nos services",
           "Nous ne sommes pas d'accord sur tout, mais nous avançons", "Le temps des déclarations est passé, place aux actes",
           "Nous avons posé les bases d'un travail commun sur plusieurs années",
           "Personne ne gagnera à laisser cette zone sans surveillance", "Nos équipes se parlent désormais chaque semaine",
           "C'est un signal clair adressé à tous ceux qui menacent la stabilité de la région"]
Q_MIL = ["Les opérations se poursuivront aussi longtemps que nécessaire", "Nos forces ont atteint l'ensemble des objectifs fixés",
         "Aucune perte n'est à déplorer dans nos rangs", "Nous restons pleinement mobilisés pour protéger les populations",
         "Chaque navire sera suivi de près, jour et nuit", "Nos équipages sont prêts et parfaitement entraînés"]
Q_ATTACK = ["Les assaillants sont arrivés à moto en fin de matinée et ont ouvert le feu",
            "Nous avons entendu plusieurs explosions, puis des tirs pendant près d'une heure",
            "Les blessés ont été évacués vers l'hôpital régional, qui manque de tout",
            "Les familles n'osent plus sortir le soir", "Ce crime lâche ne restera pas impuni"]
FILLERS = ["Les relations entre {c1} et {c2} se sont nettement resserrées depuis deux ans.",
           "Plusieurs analystes jugent toutefois ce rapprochement fragile.",
           "La question {de_topic} doit de nouveau être examinée lors du prochain conseil des ministres.",
           "Dans l'opposition, plusieurs députés dénoncent un manque de transparence sur ces échanges.",
           "La presse {adj1f} parle d'une « nouvelle étape » dans les relations entre les deux pays.",
           "Le budget consacré à la défense a augmenté de {pct} % en un an, selon {org}.",
           "{Org} recense plus de {num} incidents dans la zone.",
           "Cette coopération, longtemps restée symbolique, a pris une nouvelle dimension ces derniers mois.",
           "Les discussions techniques se poursuivent entre les états-majors des deux pays.",
           "Aucun calendrier précis n'a été rendu public à ce stade.",
           "Les deux capitales refusent toutefois de parler d'alliance.",
           "Le sujet reste sensible dans une opinion publique partagée sur l'engagement militaire du pays.",
           "Un haut fonctionnaire, qui a requis l'anonymat, évoque des « progrès réels mais lents ».",
           "Par le passé, plusieurs projets communs avaient été suspendus faute de financement.",
           "Les armateurs de la région réclament depuis longtemps une meilleure protection des routes commerciales.",
           "Selon un diplomate en poste à {cap1}, les échanges entre les ministères sont devenus quotidiens.",
           "Les chancelleries occidentales suivent ces discussions avec attention.",
           "Un rapport parlementaire pointait déjà les lacunes du dispositif.",
           "Plusieurs entreprises du secteur de la défense espèrent profiter de ce rapprochement.",
           "D'après {org}, les effectifs engagés dans la zone ont doublé en un an.",
           "Les observateurs notent un net changement de ton entre les deux gouvernements.",
           "Une commission mixte doit se réunir d'ici à la fin de l'année pour dresser un premier bilan.",
           "Ces annonces interviennent dans un contexte budgétaire tendu pour {c1}.",
           "{pres1}, avait fait de ce dossier l'une des priorités de son mandat.",
           "Interrogé{e_def2} par la presse, {def2}, s'est refusé{e_def2} à tout commentaire sur {topic}.",
           "Le gouvernement {adj1m} doit envoyer une délégation technique à {cap2} dans les prochaines semaines.",
           "{cema1}, a pour sa part insisté sur la nécessité de « tirer les leçons du terrain ».",
           "Selon {org}, {num} millions d'euros ont déjà été engagés dans ce domaine."]
GROUP_FILLERS = ["{Group} multiplie les embuscades depuis plusieurs années dans la région {de_gcity}.",
                 "Des milliers d'habitants ont fui vers {cap1} ces dernières semaines, selon {org}.",
                 "Les violences attribuées {a_group} ont fait des centaines de morts."]
AFTER = {"meeting": "cette rencontre", "call": "cet entretien", "agreement": "cet accord", "statement": "ces propos",
         "deployment": "ce déploiement", "appointment": "cette nomination", "exercise": "ces manœuvres",
         "summit": "cette conférence", "attack": "cette attaque", "strikes": "ces frappes"}
VERDICTS = ["une étape importante", "un signal encourageant", "une décision responsable", "un geste attendu depuis longtemps",
            "une initiative bienvenue mais tardive"]
FORBIDDEN = ["villiers", "guerassimov", "guérassimov", "drian", "choïgou", "choigou", "hollande", "poutine", "lavrov", "gaulle"]


def de(np: str) -> str:
    """'de' before a noun phrase, with French contractions and elision."""
    if np.startswith("le "):
        return "du " + np[3:]
    if np.startswith("les "):
        return "des " + np[4:]
    return ("d'" if np[0] in "AEIOUÉaeioué" and not np.startswith(("la ", "l'")) else "de ") + np


def a(np: str) -> str:
    return "au " + np[3:] if np.startswith("le ") else "aux " + np[4:] if np.startswith("les ") else "à " + np


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def day_month(d: dt.date) -> str:
    return f"{'1er' if d.day == 1 else d.day} {MONTHS[d.month - 1]}"


def when(d: dt.date, pub: dt.date, rng: random.Random, end: dt.date | None = None) -> str:
    """A French date expression for day d (or the range d..end) as written on day pub."""
    if end and end != d:
        m1 = "" if d.month == end.month else " " + MONTHS[d.month - 1]
        year = "" if (pub - d).days < 300 and rng.random() < 0.7 else f" {end.year}"
        return rng.choice([f"du {d.day}{m1} au {day_month(end)}{year}", f"entre le {d.day}{m1} et le {day_month(end)}{year}"])
    lag, wd = (pub - d).days, WEEKDAYS[d.weekday()]
    opts = [f"le {day_month(d)} {d.year}", f"le {d.day}/{d.month:02d}/{d.year}"]
    if lag < 300:                             # without the year: the last such day before publication
        opts += [f"le {day_month(d)}", f"le {day_month(d)}", f"{wd} {day_month(d)}"]
    if lag == 0:
        opts += [f"ce {wd}", f"ce {wd} {day_month(d)}", "aujourd'hui"]
    elif lag == 1:
        opts += ["hier"] * 3 + [wd]
    elif lag <= 6:
        opts += [wd, wd, f"{wd} dernier"]
    elif lag <= 13:
        opts += ["la semaine dernière"]
    if d.month != pub.month and 20 < lag < 300:
        part = "début " if d.day <= 10 else "fin " if d.day >= 20 else "mi-"
        opts += [f"en {MONTHS[d.month - 1]}", f"{part}{MONTHS[d.month - 1]}"]
    return rng.choice(opts)


class Person:
    def __init__(self, country: str, role: str, rng: random.Random, surname: str | None = None):
        c = COUNTRIES[country]
        self.country, self.role, self.f = country, role, role not in ("cema", "spk") and rng.random() < 0.4
        self.surname = surname or rng.choice(c[8].split())
        self.name = f"{rng.choice((c[7] if self.f else c[6]).split())} {self.surname}"
        self.title = {"cema": rng.choice(["général", "amiral"]), "spk": "colonel"}.get(role)

    def adj(self) -> str:
        c = COUNTRIES[self.country]
        return c[3] if self.f else c[2]

    def role_phrase(self) -> str:
        c, le = COUNTRIES[self.country], "la" if self.f else "le"
        return {"def": f"{le} ministre {self.adj()} de la Défense", "aff": f"{le} ministre {self.adj()} des Affaires étrangères",
                "pres": f"{le} président{'e' * self.f} {self.adj()}", "cema": f"le chef d'état-major des armées {c[3]}s",
                "spk": f"le porte-parole de l'armée {c[3]}"}.get(self.role, f"{le} {self.role}")

    def titled(self) -> str:
        return f"{self.the()}{self.title} {self.name}" if self.title else self.name

    def the(self) -> str:
        return "l'" if self.title[0] in "aeiou" else "le "

    def full(self) -> str:
        return f"{self.role_phrase()}, {self.titled()}"

    def short(self) -> str:
        return f"{self.the()}{self.title} {self.surname}" if self.title else f"{'Mme' if self.f else 'M.'} {self.surname}"

    def homologue(self) -> str:
        return f"son homologue {self.adj()}, {self.titled()}"

    def pron(self) -> str:
        return "elle" if self.f else "il"

    def e(self) -> str:
        return "e" * self.f


class World:
    """The fixed cast (one holder per country and role) and the pool of happenings, each
    drawn from its own seeded generator so that nothing depends on the corpus size."""

    def __init__(self, seed: int = 0):
        self.seed, self.cast, self.pool = seed, {}, []

    def rng(self, *key) -> random.Random:
        return random.Random(":".join(map(str, (self.seed, *key))))

    def person(self, country: str, role: str) -> Person:
        if (country, role) not in self.cast:         # one surname per role: no two ministers share a name
            surnames = COUNTRIES[country][8].split()
            self.rng("cast", country).shuffle(surnames)
            self.cast[country, role] = Person(country, role, self.rng("cast", country, role), surnames[ROLES.index(role)])
        return self.cast[country, role]

    def happening(self, j: int) -> dict:
        while len(self.pool) <= j:
            self.pool.append(self._make(len(self.pool)))
        return self.pool[j]

    def _make(self, j: int) -> dict:
        r = self.rng("happening", j)
        x, f, i = 0.0, 0.5, j + 1                     # van der Corput: every prefix of the pool spans the two years
        while i:
            x, i, f = x + f * (i & 1), i >> 1, f / 2
        start = START + dt.timedelta(days=int(x * SPAN_DAYS) + r.randint(0, 6))
        t = r.randrange(len(THREADS))
        c1, c2, topics, org, group = THREADS[t]
        c1, c2 = (c1, c2) if group or r.random() < 0.5 else (c2, c1)
        kind = r.choice(KINDS + VIOLENT * bool(group))
        role = {"call": r.choice(["def", "aff", "cema"]), "meeting": r.choice(["def", "aff", "cema"]),
                "agreement": r.choice(["def", "aff"]), "summit": "aff", "statement": r.choice(["def", "aff", "pres"]),
                "deployment": "def", "exercise": "cema", "strikes": r.choice(["cema", "spk", "def"]), "attack": "spk",
                "appointment": "pres"}[kind]
        cities = [COUNTRIES[c1][4]] + COUNTRIES[c1][5]
        h = dict(j=j, thread=t, kind=kind, start=start, end=start, topic=r.choice(topics), org=org, group=group,
                 c1=c1, c2=c2, A=self.person(c1, role), B=self.person(c2, role),
                 city=COUNTRIES[c2][4] if kind == "meeting" else r.choice(cities[1:] if kind in ("attack", "strikes") else [cities[0], cities[0], COUNTRIES[c2][4]]),
                 ship=r.choice(SHIPS[c1]), killed=r.randint(3, 40), wounded=r.randint(5, 60), target=r.choice(TARGETS),
                 P=Person(c1, r.choice(NEW_ROLES), r), num=r.randint(2, 9) * 10, quote=r.choice(Q_DIPLO))
        if kind in ("exercise", "summit", "strikes") and r.random() < 0.7:
            h["end"] = start + dt.timedelta(days=r.randint(1, 4))
        return h


def lead(h: dict, w: str, r: random.Random) -> str:
    """The sentence that first tells a happening, with its date expression w."""
    A, B, k, g = h["A"], h["B"], h["kind"], h["group"] or "les rebelles"
    at, sea, W, f1, f2 = a(h["city"]), SEAS[h["c1"]], cap(w), COUNTRIES[h["c1"]][3], COUNTRIES[h["c2"]][3]
    choices = {
        "meeting": [f"{A.full()}, a rencontré {w} {at} {B.homologue()}, pour évoquer {h['topic']}.",
                    f"{W}, {B.full()}, a reçu {at} {A.homologue()}, pour un entretien consacré {a(h['topic'])}.",
                    f"{A.full()}, s'est rendu{A.e()} {w} {at}, où {A.pron()} s'est entretenu{A.e()} avec {B.homologue()}."],
        "call": [f"{A.full()}, s'est entretenu{A.e()} {w} par téléphone avec {B.homologue()}, pour faire le point sur {h['topic']}.",
                 f"{W}, {A.full()}, a appelé {B.homologue()}, pour discuter {de(h['topic'])}.",
                 f"{A.full()}, et {B.homologue()}, ont eu {w} un entretien téléphonique consacré {a(h['topic'])}."],
        "agreement": [f"{A.full()}, et {B.homologue()}, ont signé {w} {at} un accord de coopération portant sur {h['topic']}.",
                      f"{W}, {A.full()}, a conclu {at} avec {B.homologue()}, un accord sur {h['topic']}, au terme de plusieurs mois de négociations."],
        "statement": [f"{A.full()}, a appelé {w} à « une réponse collective » sur {h['topic']}, lors d'un déplacement {at}.",
                      f"Dans un communiqué publié {w}, {A.full()}, a dénoncé « l'inaction » de ses partenaires sur {h['topic']}."],
        "deployment": [f"{cap(h['ship'])} a appareillé {w} {de(PORTS[h['c1']])} pour une mission de surveillance {sea}, sur ordre {de(A.full())}.",
                       f"{A.full()}, a annoncé {w} le déploiement {de(h['ship'])} {sea}, où le navire doit rester plusieurs semaines."],
        "appointment": [f"{h['P'].name} a été nommé{h['P'].e()} {w} {h['P'].role}, a annoncé la présidence {f1}.",
                        f"{W}, {A.full()}, a nommé {h['P'].name} au poste de {h['P'].role}."],
        "exercise": [f"Les marines {f1} et {f2} ont mené {w} des manœuvres conjointes {sea}, avec la participation {de(h['ship'])}.",
                     f"{cap(h['ship'])} a participé {w} à l'exercice Trident d'Or, organisé {sea} avec la marine {f2}."],
        "summit": [f"{A.full()}, et {B.homologue()}, ont participé {w} {at} à une conférence internationale sur {h['topic']}.",
                   f"Une conférence consacrée {a(h['topic'])} s'est tenue {w} {at}, en présence {de(A.full())}, et de son homologue {B.adj()}."],
        "attack": [f"Au moins {h['killed']} personnes ont été tuées et {h['wounded']} blessées {w} dans une attaque contre {h['target']} {at}, selon {h['org']}.",
                   f"Une attaque attribuée {a(g)} a visé {w} {h['target']} {at}, tuant au moins {h['killed']} personnes.",
                   f"{cap(g)} a revendiqué l'attaque menée {w} contre {h['target']} {at}, qui a fait {h['killed']} morts."],
        "strikes": [f"L'armée {f1} a mené {w} une série de frappes aériennes contre des positions {de(g)} près {de(h['city'])}, a annoncé {A.full()}.",
                    f"{W}, des avions de l'armée {f1} ont bombardé des positions {de(g)} dans la région {de(h['city'])}."],
    }
    return cap(r.choice(choices[k]))


def details(h: dict, r: random.Random) -> list[str]:
    """Sentences that follow the lead: what was said and decided, figures."""
    A, B, P, k = h["A"], h["B"], h["P"], h["kind"]
    out = {"meeting": [f"Les deux responsables ont aussi abordé {h['topic']}, selon un communiqué publié à l'issue de la rencontre.",
                       f"{cap(B.short())} a invité {A.short()} à poursuivre ces échanges lors d'une prochaine visite."],
           "call": [f"L'entretien a duré près d'une heure, a précisé l'entourage {de(A.short())}.",
                    f"Les deux responsables sont convenus de se reparler « très prochainement »."],
           "agreement": [f"Le texte, qui doit encore être ratifié par le Parlement {COUNTRIES[h['c1']][2]}, prévoit des patrouilles communes et un échange d'officiers.",
                         "Sa mise en œuvre doit commencer dans les prochains mois."],
           "statement": [f"{cap(A.short())} a également appelé ses partenaires à « prendre leurs responsabilités »."],
           "deployment": [f"Le navire, avec {h['num'] * 2} marins à bord, doit rester plusieurs semaines dans la zone.",
                          f"{cap(A.short())} a justifié ce déploiement par « la multiplication des incidents »."],
           "appointment": [f"{cap(P.short())}, {h['num'] // 2 + 20} ans, était jusqu'ici attaché{P.e()} de défense {COUNTRIES[h['c2']][1]}."],
           "exercise": [f"L'exercice a mobilisé près de {h['num'] * 10} militaires et une dizaine de navires."],
           "summit": [f"Une déclaration finale appelant à renforcer {h['topic']} a été adoptée à l'issue des travaux."],
           "attack": [f"Le bilan, encore provisoire, fait aussi état de {h['wounded']} blessés, a indiqué {A.full()}.",
                      "Les forces de sécurité ont bouclé le quartier dans la soirée."],
           "strikes": ["Selon l'état-major, une quarantaine de combattants ont été « neutralisés » et plusieurs véhicules détruits.",
                       "Ces frappes visaient des dépôts d'armes et de carburant."]}[k]
    return out + [quote(h, r, B)] * (k in ("meeting", "call", "agreement", "summit"))


def recall(h: dict, w: str) -> str:
    """One sentence that recalls an older happening as background."""
    A, B, g = h["A"], h["B"], h["group"] or "les rebelles"
    return cap({"meeting": f"{A.name} et {B.name} s'étaient déjà rencontrés {w} {a(h['city'])}.",
                "call": f"{A.name} et {B.name} s'étaient entretenus par téléphone {w}.",
                "agreement": f"Cette démarche prolonge l'accord sur {h['topic']} signé {w} {a(h['city'])} par {A.name} et {B.name}.",
                "statement": f"{A.name} s'était déjà exprimé{A.e()} {w} sur {h['topic']}.",
                "deployment": f"{cap(h['ship'])} avait été déployé{'e' * h['ship'].startswith('la')} {SEAS[h['c1']]} {w}.",
                "appointment": f"{h['P'].name} avait été nommé{h['P'].e()} {h['P'].role} {w}.",
                "exercise": f"Des manœuvres conjointes avaient déjà eu lieu {SEAS[h['c1']]} {w}.",
                "summit": f"La question avait déjà été abordée lors de la conférence organisée {a(h['city'])} {w}.",
                "attack": f"Une attaque contre {h['target']} {a(h['city'])} avait déjà fait {h['killed']} morts {w}.",
                "strikes": f"L'armée {COUNTRIES[h['c1']][3]} avait déjà frappé des positions {de(g)} {w}."}[h["kind"]])


def quote(h: dict, r: random.Random, who: Person | None = None) -> str:
    """A quotation with its speaker: name, role phrase or pronoun."""
    S = who or h["A"]
    q = r.choice(Q_ATTACK if h["kind"] == "attack" else Q_MIL if h["kind"] in ("strikes", "deployment", "exercise") else Q_DIPLO)
    if h["kind"] == "attack":
        return r.choice([f"« {q} », a raconté un habitant joint par téléphone.", f"« {q} », a déclaré {S.short()}."])
    verb = r.choice(["déclaré", "affirmé", "souligné", "précisé", "expliqué", "assuré", "ajouté"])
    return r.choice([f"« {q} », a {verb} {S.short()} devant la presse.", f"« {q} », a {verb} {S.role_phrase()}.",
                     f"Selon {S.short()}, « {q[0].lower() + q[1:]} ».", f"{cap(S.short())} a {verb} : « {q}. »",
                     f"« {q} », a-t-{S.pron()} {verb}." if who is None else f"« {q} », a répondu {S.short()}.",
                     f"« {q} », a {verb} {'la' if S.f else 'le'} ministre {S.surname}." if S.role in ("def", "aff") else
                     f"« {q} », a {verb} {S.titled()}, cité{S.e()} par {r.choice(PUBLISHERS)}."])


def title(h: dict, r: random.Random) -> str:
    A, B, k, g = h["A"], h["B"], h["kind"], h["group"] or "les rebelles"
    c1, c2 = COUNTRIES[h["c1"]][0], COUNTRIES[h["c2"]][0]
    return r.choice({"meeting": [f"Rencontre {A.surname}–{B.surname} à {h['city']}", f"{A.name} et {B.name} discutent {de(h['topic'])}"],
                     "call": [f"Entretien téléphonique entre {A.name} et {B.name}", f"{A.surname} et {B.surname} font le point sur {h['topic']}"],
                     "agreement": [f"{cap(c1)} et {c2} signent un accord sur {h['topic']}", f"Un accord sur {h['topic']} signé à {h['city']}"],
                     "statement": [f"{A.name} : « {h['quote']} »", f"{A.surname} hausse le ton sur {h['topic']}"],
                     "deployment": [f"{cap(h['ship'])} en route pour une mission {SEAS[h['c1']]}", f"{cap(c1)} déploie un navire {SEAS[h['c1']]}"],
                     "appointment": [f"{h['P'].name} nommé{h['P'].e()} {h['P'].role}"],
                     "exercise": [f"Manœuvres navales conjointes {SEAS[h['c1']]}", f"Exercice Trident d'Or : {c1} et {c2} s'entraînent ensemble"],
                     "summit": [f"Conférence sur {h['topic']} à {h['city']}", f"À {h['city']}, appel à coordonner {h['topic']}"],
                     "attack": [f"Au moins {h['killed']} morts dans une attaque à {h['city']}", f"{h['city']} : une attaque attribuée {a(g)} fait {h['killed']} morts"],
                     "strikes": [f"Nouvelles frappes contre {g} près {de(h['city'])}", f"L'armée {COUNTRIES[h['c1']][3]} frappe {g}"]}[k])


def article(k: int, world: World) -> tuple[str, str]:
    """(file name, text) of article k; it depends only on k and the world's seed."""
    r = world.rng("article", k)
    main = world.happening(k // 4 if r.random() < 0.75 else r.randint(0, k // 4))
    window = [world.happening(j) for j in range(k // 4 + 4)]
    pub = main["end"] + dt.timedelta(days=r.choice([0, 1, 1, 1, 2, 3, 5, 9]))
    older = sorted((h for h in window if h["thread"] == main["thread"] and h["end"] < main["start"]), key=lambda h: h["start"])[-3:]
    aside = [h for h in window if h["thread"] != main["thread"] and 0 <= (pub - h["end"]).days <= 10][:2]
    c1, c2, topics, org, group = THREADS[main["thread"]]
    pres1, def2, cema1 = world.person(c1, "pres"), world.person(c2, "def"), world.person(c1, "cema")
    v = dict(c1=COUNTRIES[c1][0], c2=COUNTRIES[c2][0], cap1=COUNTRIES[c1][4], cap2=COUNTRIES[c2][4], adj1m=COUNTRIES[c1][2],
             adj1f=COUNTRIES[c1][3], topic=main["topic"], de_topic=de(main["topic"]), org=org, Org=cap(org), Group=cap(group or ""),
             a_group=a(group or "le groupe"), de_gcity=de(COUNTRIES[c1][5][0]), pct=r.randint(3, 18), num=r.randint(12, 90) * 10,
             pres1=cap(pres1.full()), def2=def2.full(), e_def2=def2.e(), cema1=cap(cema1.full()))
    fillers = [s.format(**v) for s in FILLERS + GROUP_FILLERS * bool(group)]
    r.shuffle(fillers)
    kind, said = main["kind"], r.choice([p for c in (c1, c2) for p in (world.person(c, "pres"), world.person(c, "aff"))
                                         if p not in (main["A"], main["B"])])
    reaction = (f"Interrogé{said.e()} sur {AFTER[kind]}, {said.full()}, a "
                + (f"condamné « un crime odieux » et promis une réponse « ferme »." if kind in ("attack", "strikes") else f"salué « {r.choice(VERDICTS)} ».")) + " " + quote(main, r, said)
    paras = [lead(main, when(main["start"], pub, r, main["end"]), r) + " " + quote(main, r), " ".join(details(main, r)), reaction]
    paras += [recall(h, when(h["start"], pub, r)) + " " + fillers.pop() for h in older]
    target = r.randint(2200, 3700) - sum(len(lead(h, "", r)) + 40 for h in aside)
    while sum(map(len, paras)) < target and len(fillers) >= 3:
        paras.insert(r.randint(2, len(paras)), " ".join(fillers.pop() for _ in range(r.randint(2, 3))))
    paras.append(quote(main, r, main["A"]))
    paras += ["En bref"] * bool(aside)
    for h in aside:
        paras += [lead(h, when(h["start"], pub, r, h["end"]), r) + " " + details(h, r)[0]]
    if r.random() < 0.5:
        other = world.happening(r.randint(0, k // 4 + 3))
        paras.insert(r.randint(1, len(paras) - 1), "Lire aussi : " + title(other if other is not main else world.happening(k // 4 + 3), r))
    paras += r.sample(["Partager sur Facebook", "Partager sur Twitter", "Temps de lecture : 3 min", "Publicité"], r.randint(0, 2))
    head, publisher = title(main, r), r.choice(PUBLISHERS)
    if r.random() < 0.5:
        slug = "-".join(re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKD", head.lower()).encode("ascii", "ignore").decode())[:6])
        meta = {"title": head, "date": pub.isoformat(), "url": f"https://{publisher.lower().replace(' ', '-').replace('é', 'e').replace(chr(39), '')}.example/{pub:%Y/%m/%d}/{slug}",
                "publisher": publisher}
        text, ext = "---\n" + "".join(f"{key}: {json.dumps(val, ensure_ascii=False)}\n" for key, val in meta.items()) + "---\n", "md"
    else:
        dateline = r.choice(["", f"Publié le {pub.day:02d}/{pub.month:02d}/{pub.year} à {r.randint(6, 22)}h{r.randint(0, 59):02d}"])
        text, ext = head + "\n\n" + (dateline + "\n\n" if dateline else ""), "txt"
    text += "\n\n".join(paras) + "\n"
    assert not any(name in text.lower() for name in FORBIDDEN), k
    return f"{k:05d}_{hashlib.sha1(text.encode()).hexdigest()[:12]}.{ext}", text


def generate(n: int, out: Path, seed: int = 0) -> list[Path]:
    """Write articles 0..n-1 into out (created if needed); returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    world, paths = World(seed), []
    for k in range(n):
        name, text = article(k, world)
        paths.append(out / name)
        paths[-1].write_text(text, encoding="utf-8")
    return paths


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    files = generate(args.n, args.out, args.seed)
    print(f"{len(files)} articles, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB -> {args.out}")
