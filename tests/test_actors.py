"""Actor rules on hand-written French sentences, with the real model."""
import datetime as dt

import pytest

from sitegen.extract import Extractor
from sitegen.model import Source
from sitegen.resolve import resolve


@pytest.fixture(scope="module")
def build(nlp):
    extractor = Extractor()

    def _build(*articles):
        extractions = []
        for n, paragraphs in enumerate(articles):
            src = Source(id=f"s{n}", file=f"s{n}.txt", title="Titre", paragraphs=["Titre", *paragraphs], original="",
                         published="2021-03-04")
            docs = [nlp(p.replace("’", "'")) if p else None for p in src.paragraphs]
            extractions.append(extractor.extract(src, docs, dt.date(2021, 3, 4)))
        return resolve(extractions)
    return _build


def by_name(chron):
    return {a.name: a for a in chron.actors}


def test_a_ship_named_after_a_person_is_a_vessel(build):
    chron = build(["Le porte-avions Jean Bart a quitté Toulon mardi pour la Méditerranée."])
    assert by_name(chron)["Jean Bart"].type == "vessel"


def test_a_country_is_a_state_and_a_capital_that_acts_is_its_state(build):
    chron = build(["Selon Rome, l'Italie enverra des experts à Paris."])
    names = by_name(chron)
    assert names["Italie"].type == "state"
    assert names["Paris"].type == "place"
    assert "Rome" not in names and "Rome" not in names["Italie"].aliases   # metonymy, not a name of Italy


def test_institution_with_a_nationality_is_an_actor(build):
    chron = build(["Le ministère italien de la Culture a publié un communiqué lundi.",
                   "Les forces aériennes espagnoles ont décollé de Madrid."])
    names = by_name(chron)
    assert names["ministère italien de la Culture"].type == "organization"
    assert names["forces aériennes espagnoles"].type == "military_unit"


def test_names_of_one_institution_of_one_state_are_one_actor(build):
    chron = build(["Les forces aériennes espagnoles ont frappé un dépôt mardi près de Saragosse.",
                   "Des avions militaires espagnols ont survolé Bilbao mercredi.",
                   "Les forces aériennes italiennes ont décollé de Rome jeudi."])
    air = [a for a in chron.actors if a.type == "military_unit"]
    spanish = [a for a in air if "espagnol" in (a.name + " ".join(a.aliases))]
    assert len(spanish) == 1 and {spanish[0].name, *spanish[0].aliases} >= {"forces aériennes espagnoles",
                                                                          "avions militaires espagnols"}
    assert any("italiennes" in a.name for a in air if a is not spanish[0])     # another state, another actor


def test_a_nationality_that_belongs_to_another_noun_does_not_name_the_actor(build):
    chron = build(["Le porte-parole a salué mardi les armées espagnol pour leur travail.",
                   "Le ministre a remercié jeudi les armées espagnol à Madrid.",
                   "L'armée espagnole a confirmé mercredi le départ de deux frégates."])
    army = [a for a in chron.actors if a.type == "military_unit" and "arm" in a.name]
    assert [a.name for a in army] == ["armée espagnole"]
    assert "armées espagnol" not in army[0].aliases


def test_short_forms_accents_and_roles_are_one_actor(build):
    chron = build(["La ministre française de la Culture, Hélène Lefèvre, a reçu les directeurs lundi.",
                   "Mme Lefèvre a promis des moyens."],
                  ["Helene Lefevre a visité le Louvre mardi.", "La ministre française a salué le travail des équipes."])
    [lefevre] = [a for a in chron.actors if "Lef" in a.name]
    assert {"Lefèvre", "Helene Lefevre"} <= set(lefevre.aliases) | {lefevre.name}
    assert "ministre française de la Culture" in lefevre.roles


def test_defined_acronym_joins_its_expansion(build):
    chron = build(["L'Organisation mondiale de la santé (OMS) a publié un rapport.", "L'OMS recommande la prudence."])
    [oms] = [a for a in chron.actors if "OMS" in a.aliases or a.name == "OMS"]
    assert "Organisation mondiale de la santé" in {oms.name, *oms.aliases}


def test_a_conflicting_first_name_is_attached_and_flagged(build):
    chron = build(["Le directeur du musée du Louvre Paul Garnier a présenté le projet jeudi."],
                  ["Le directeur du musée du Louvre, Paul Garnier, a reçu les élus mardi."],
                  ["Le directeur du musée du Louvre Pierre Garnier a signé la convention mercredi."])
    garnier = [a for a in chron.actors if "Garnier" in a.name]
    assert len(garnier) == 1 and garnier[0].name == "Paul Garnier"
    assert "Pierre Garnier" in garnier[0].aliases
    assert garnier[0].flags and garnier[0].flags[0]["kind"] == "name_conflict"


def test_a_plural_role_before_a_list_of_names_is_each_ones_role(build):
    """'Les chefs séparatistes Pierre Garnier et Louis Bernard': each is a chef séparatiste,
    so the same surname with another first name and that role elsewhere is one of them."""
    chron = build(["Le chef séparatiste Paul Garnier a affirmé jeudi que la ville était encerclée."],
                  ["Le texte a été signé par les chefs séparatistes Pierre Garnier et Louis Bernard."])
    garnier = [a for a in chron.actors if "Garnier" in a.name]
    assert len(garnier) == 1 and "chef séparatiste" in garnier[0].roles
    [bernard] = [a for a in chron.actors if a.name == "Louis Bernard"]
    assert "chef séparatiste" in bernard.roles


def test_a_pair_named_by_hyphenated_surnames_is_the_two_people(build):
    """'Le duo Garnier-Bernard s'est rendu à Rome': Paul Garnier and Louis Bernard."""
    chron = build(["Paul Garnier et Louis Bernard ont présenté le projet jeudi.",
                   "Le duo Garnier-Bernard s'est rendu à Rome vendredi pour le défendre."])
    rome = [e for e in chron.events if "Rome" in e.title or e.location == "Rome"]
    assert rome and {"paul-garnier", "louis-bernard"} <= set(rome[0].actors)


def test_a_capital_the_model_did_not_tag_is_still_a_place(nlp):
    from sitegen.extract.actors import ActorFinder
    text = "Suite aux inondations de Lisbonne, le maire a demandé de l'aide."
    doc = nlp(text)
    doc.ents = ()                                  # as if the model had missed it
    src = Source(id="s0", file="s0.txt", title="Titre", paragraphs=[text], original="")
    refs = ActorFinder().refs(src, doc, 0)
    assert [(r.text, r.label) for r in refs if r.text == "Lisbonne"] == [("Lisbonne", "place")]


def test_this_ship_is_the_ship_the_article_named(nlp):
    from sitegen.extract import Extractor
    paragraphs = ["Titre", "La marine a envoyé la frégate Jean Bart vers Chypre.",
                  "Cette frégate sera sur place à la fin de la semaine."]
    src = Source(id="s0", file="s0.txt", title="Titre", paragraphs=paragraphs, original="", published="2021-03-04")
    ex = Extractor().extract(src, [nlp(p) for p in paragraphs], dt.date(2021, 3, 4))
    [back] = [r for _, r in ex.refs if r.text == "Cette frégate"]
    [ship] = [r for _, r in ex.refs if r.text == "Jean Bart"]
    assert back.label == ship.label == "vessel" and back.key == (ship.key or "jean bart")


def test_a_week_part_is_the_days_of_that_part():
    from sitegen.dates import chronology_date
    assert chronology_date("2015-W47", "END") == ("2015-11-20/2015-11-22", "range")
    assert chronology_date("2015-W47", "START") == ("2015-11-16/2015-11-18", "range")
    assert chronology_date("2015-W47") == ("2015-11-16/2015-11-22", "range")


def test_a_seat_is_its_institution_where_it_acts_and_where_it_receives(build):
    chron = build(["Beauvau a recensé 4 000 policiers mobilisés samedi dans la capitale.",
                   "Le ministère de l'Intérieur a publié un nouveau bilan dimanche."],
                  ["Les syndicats ont été reçus mardi à Matignon.", "Au Palais Bourbon, les députés ont voté jeudi.",
                   "L'Assemblée nationale a adopté le texte."])
    names = {n: a for a in chron.actors for n in [a.name, *a.aliases]}
    assert names["Beauvau"] is names["ministère de l'Intérieur"]
    assert names["Palais Bourbon"] is names["Assemblée nationale"]
    assert names["Matignon"].type == "organization"


def test_two_transliterations_of_one_name_are_one_person(build):
    chron = build(["Le dirigeant Oleg Chevtchouk a signé l'accord à Vilnius mardi."],
                  ["Oleg Shevchuk a ensuite quitté la salle sans un mot."])
    people = [a for a in chron.actors if a.type == "person" and "Oleg" in a.name]
    assert len(people) == 1 and {"Oleg Chevtchouk", "Oleg Shevchuk"} <= {people[0].name, *people[0].aliases}


def test_a_first_name_spelled_two_ways_before_one_surname_is_one_person(build):
    chron = build(["L'infirmière Ghislaine Vernois a lancé une pétition lundi, a-t-elle déclaré."],
                  ["L'infirmière Ghislane Vernois a annoncé mercredi une nouvelle marche."],
                  ["Jean Brunet a parlé mardi.", "Jeanne Brunet a répondu jeudi."])
    vernois = [a for a in chron.actors if "Vernois" in a.name]
    assert len(vernois) == 1
    brunet = [a for a in chron.actors if "Brunet" in a.name]
    assert len(brunet) == 2                      # a name and its longer form are two names


def test_a_lone_first_name_or_surname_taken_for_a_place_is_the_person(build):
    from sitegen.resolve.actors import _first_name_variants, _transliteration_key
    assert _transliteration_key("iouri") == _transliteration_key("yuri")
    assert not _first_name_variants("daniel", "danielle")
    chron = build(["Le chanteur Gaspard Lenormand a rempli le stade samedi. Gaspard a salué la foule."],
                  ["Le ministre Paul Vaudrey a présenté le budget. Le plan Vaudrey prévoit des économies."])
    names = {n: a for a in chron.actors for n in [a.name, *a.aliases]}
    assert "Gaspard" not in names or names["Gaspard"] is names["Gaspard Lenormand"]
    assert "Vaudrey" not in names or names["Vaudrey"] is names["Paul Vaudrey"]


def test_an_acronym_after_a_role_names_the_role_only_when_it_spells_it(build):
    chron = build(["Le secrétaire général de la Fédération nationale des cheminots (FNC), Marc Loiret, a appelé à la grève.",
                   "Le directeur général de la police nationale (DGPN), Luc Fabre, a répondu mardi."])
    names = {n: a for a in chron.actors for n in [a.name, *a.aliases]}
    assert "FNC" not in names["Marc Loiret"].aliases and "FNC" not in names["Marc Loiret"].roles
    assert "DGPN" in names["Luc Fabre"].roles


def test_page_furniture_and_words_that_name_no_one_are_no_actors(build):
    chron = build(["Par Romain Lacoste et Julie Marchand",
                   "Accueil > Région > Bretagne",
                   "Newsletter Bretagne Matin",
                   "Le maire Pierre Quéméneur a reçu mardi une Lorientaise qui réclamait un abri.",
                   "Quinze familles ont été relogées, a indiqué le Crédit Agricole."])
    names = {n for a in chron.actors for n in [a.name, *a.aliases]}
    assert "Pierre Quéméneur" in names and "Crédit Agricole" in names
    assert not names & {"Romain Lacoste", "Julie Marchand", "Bretagne", "Lorientaise", "Quinze", "Newsletter Bretagne Matin"}


def test_a_place_that_locates_a_place_or_names_a_thing_is_no_actor(build):
    chron = build(["Des heurts ont éclaté samedi à Quimperlé (Finistère) entre manifestants et policiers.",
                   "Les signataires de l'accord de Lisbonne se retrouvent lundi à Vienne.",
                   "Le préfet de Bourgogne a fermé les écoles mardi."])
    names = {n for a in chron.actors for n in [a.name, *a.aliases]}
    assert "Quimperlé" in names and "Vienne" in names
    assert not names & {"Finistère", "Lisbonne", "Bourgogne"}


def test_a_name_the_model_cut_or_stripped_is_whole(build):
    chron = build(["Le rapport de l'Organisation pour la coopération et le développement en Europe (OCDEE) a été publié.",
                   "Le député Marc Olivier (Les Républicains) a voté contre mardi, comme Anne Morel (Les Verts)."])
    names = {n: a for a in chron.actors for n in [a.name, *a.aliases]}
    assert "Organisation pour la coopération et le développement en Europe" in names
    assert {"Les Républicains", "Les Verts"} <= set(names)
    from sitegen.resolve.actors import _initials
    assert _initials("Les Républicains") == "lr" and _initials("Parti de la gauche unie") == "pgu"


def test_things_and_inhabitants_are_no_actors_and_one_army_is_one_actor(build):
    chron = build(["La hausse du SMIC a été annoncée lundi, a indiqué la préfecture.",
                   "Les Lyonnais ont été invités à rester chez eux.",
                   "Rentrée de Berlin mardi, la ministre Anne Colin a parlé.",
                   "L'armée espagnole a riposté mardi.", "Les forces espagnoles ont reculé mercredi.",
                   "Des soldats espagnols ont été blessés jeudi."])
    names = {n: a for a in chron.actors for n in [a.name, *a.aliases]}
    assert not set(names) & {"SMIC", "Lyonnais", "Rentrée de Berlin"}
    found = [n for n in ("armée espagnole", "forces espagnoles", "soldats espagnols") if n in names]
    assert len(found) >= 2 and len({names[n].id for n in found}) == 1


def test_a_place_name_with_and_without_its_article_is_one_place(build):
    chron = build(["Le sommet s'est ouvert au Havre lundi.", "Le Havre accueille 40 délégations.",
                   "Les délégués ont quitté Le Havre jeudi."])
    havre = [a for a in chron.actors if "Havre" in a.name]
    assert len(havre) == 1


def test_a_collective_that_acts_is_one_group(build):
    chron = build(["Les émeutiers ont incendié trois voitures dans la nuit de samedi.",
                   "Des casseurs ont ensuite pillé deux magasins.",
                   "Le maire a parlé aux casseurs et aux habitants."],
                  ["Les insurgés ont repris la ville mardi.", "Selon l'armée, les rebelles armés ont reculé jeudi."])
    groups = [a for a in chron.actors if a.type == "group"]
    by = {n: a for a in groups for n in [a.name, *a.aliases]}
    assert by["émeutiers"] is by["casseurs"]                 # one story's words for one group
    assert by["insurgés"] is by["rebelles armés"]
    assert by["casseurs"] is not by["insurgés"]


def test_the_state_in_the_abstract_and_places_of_one_noun_are_no_actors(build):
    chron = build(["Les services de l'État ont été mobilisés dimanche, a indiqué la préfète.",
                   "Des délégués de pays d'Asie, de l'Océanie et du Maghreb ont signé la charte à Genève."])
    names = {n for a in chron.actors for n in [a.name, *a.aliases]}
    assert "Genève" in names
    assert not names & {"services de l'État", "Asie", "Océanie", "Maghreb"}


def test_a_meeting_is_no_actor_and_a_place_named_after_its_city_is_the_place(build):
    chron = build(["La Conférence sur le climat de Varsovie s'est ouverte lundi au site de Paris-Saint-Ouen.",
                   "Les délégués sont arrivés mardi à Saint-Ouen."],
                  ["Le Sommet de la Terre a réuni 120 chefs d'État à Rio, a indiqué l'ONU."])
    names = {n: a for a in chron.actors for n in [a.name, *a.aliases]}
    assert not [n for n in names if n.startswith(("Conférence", "Sommet"))]
    assert "ONU" in names
    assert names["Paris-Saint-Ouen"] is names["Saint-Ouen"]


def test_states_as_a_class_are_no_actor(build):
    chron = build(["Les États baltes et les États insulaires ont demandé un fonds, a indiqué la Norvège."])
    names = {n for a in chron.actors for n in [a.name, *a.aliases]}
    assert "Norvège" in names
    assert not [n for n in names if n.startswith("États")]


def names_and_types(chron):
    return sorted((a.name, a.type) for a in chron.actors)


def test_spelling_variant_one_letter_apart_is_one_organisation(build, rules_off):
    paragraphs = ("Le Hezbollah a revendiqué l'attaque.", "Selon le Hizbollah, trois soldats ont été tués.")
    assert len(build(paragraphs).actors) == 1
    rules_off("actors.spelling_variant")
    assert len(build(paragraphs).actors) == 2


def test_surname_typed_as_place_is_the_person(build, rules_off):
    paragraphs = ("Le président François Hollande a reçu le maire.", "Pour Hollande, le dossier est clos.")
    assert names_and_types(build(paragraphs)) == [("François Hollande", "person")]
    rules_off("actors.surname_typed_as_place")
    assert ("Hollande", "place") in names_and_types(build(paragraphs))


def test_an_acronym_is_its_name_by_definition_or_by_initials(build, rules_off):
    paragraphs = ("L'Organisation mondiale de la santé (OMS) a alerté les pays.", "L'OMS a publié un rapport.")
    assert names_and_types(build(paragraphs)) == [("Organisation mondiale de la santé", "organization")]
    for one in ("actors.defined_acronym", "actors.initials_of_a_name"):    # either one is enough
        rules_off(one)
        assert len(build(paragraphs).actors) == 1
    rules_off("actors.defined_acronym", "actors.initials_of_a_name")
    assert len(build(paragraphs).actors) == 2


def test_meeting_is_no_actor(build, rules_off):
    paragraphs = ("La Conférence des Nations unies sur l'eau s'est ouverte lundi à Genève.",)
    assert "Conférence des Nations unies" not in by_name(build(paragraphs))
    rules_off("actors.meeting_is_no_actor")
    assert "Conférence des Nations unies" in by_name(build(paragraphs))


# each actor rule, and a test above that fails without it
RULE_TESTS = [
    ("actors.acronym_spells_role", test_an_acronym_after_a_role_names_the_role_only_when_it_spells_it),
    ("actors.role_acronym", test_an_acronym_after_a_role_names_the_role_only_when_it_spells_it),
    ("actors.armed_forces", test_things_and_inhabitants_are_no_actors_and_one_army_is_one_actor),
    ("actors.article_of_a_name", test_a_place_name_with_and_without_its_article_is_one_place),
    ("actors.capital_article_in_name", test_a_name_the_model_cut_or_stripped_is_whole),
    ("actors.truncated_name", test_a_name_the_model_cut_or_stripped_is_whole),
    ("actors.capital_for_state", test_a_country_is_a_state_and_a_capital_that_acts_is_its_state),
    ("actors.collective_group", test_a_collective_that_acts_is_one_group),
    ("actors.conflicting_first_name", test_a_conflicting_first_name_is_attached_and_flagged),
    ("actors.plural_role_of_names", test_a_plural_role_before_a_list_of_names_is_each_ones_role),
    ("actors.pair_of_surnames", test_a_pair_named_by_hyphenated_surnames_is_the_two_people),
    ("actors.first_name_alone", test_a_lone_first_name_or_surname_taken_for_a_place_is_the_person),
    ("actors.first_name_variant", test_a_first_name_spelled_two_ways_before_one_surname_is_one_person),
    ("actors.institution_phrase", test_names_of_one_institution_of_one_state_are_one_actor),
    ("actors.same_institution", test_names_of_one_institution_of_one_state_are_one_actor),
    ("actors.known_places", test_a_capital_the_model_did_not_tag_is_still_a_place),
    ("actors.not_a_name", test_page_furniture_and_words_that_name_no_one_are_no_actors),
    ("actors.page_furniture", test_page_furniture_and_words_that_name_no_one_are_no_actors),
    ("actors.place_in_brackets", test_a_place_that_locates_a_place_or_names_a_thing_is_no_actor),
    ("actors.place_naming_a_thing", test_a_place_that_locates_a_place_or_names_a_thing_is_no_actor),
    ("actors.place_of_a_city", test_a_meeting_is_no_actor_and_a_place_named_after_its_city_is_the_place),
    ("actors.pointing_back", test_this_ship_is_the_ship_the_article_named),
    ("actors.role_phrases", test_short_forms_accents_and_roles_are_one_actor),
    ("actors.surname_joins_full_name", test_short_forms_accents_and_roles_are_one_actor),
    ("actors.seat_for_institution", test_a_seat_is_its_institution_where_it_acts_and_where_it_receives),
    ("actors.state_in_the_abstract", test_the_state_in_the_abstract_and_places_of_one_noun_are_no_actors),
    ("actors.states_as_a_class", test_states_as_a_class_are_no_actor),
    ("actors.transliteration", test_two_transliterations_of_one_name_are_one_person),
    ("actors.typed_by_head_noun", test_a_ship_named_after_a_person_is_a_vessel),
]


@pytest.mark.parametrize("rule, test", RULE_TESTS, ids=[r for r, _ in RULE_TESTS])
def test_each_actor_rule_switched_off_fails_its_test(build, nlp, rules_off, rule, test):
    import inspect
    args = {"build": build, "nlp": nlp}
    wanted = {k: args[k] for k in inspect.signature(test).parameters}
    test(**wanted)                                # passes with every rule on
    rules_off(rule)
    with pytest.raises((AssertionError, LookupError, ValueError)):   # an actor missing or wrong
        test(**wanted)


def test_photo_credit_glued_after_a_caption(build, rules_off):
    paragraphs = ("Des soldats près de la base de Hmeimim (Syrie).Vadim Savitski/TASS", "Le général a visité la base.")
    found = names_and_types(build(paragraphs))
    assert ("Vadim Savitski", "person") in found and ("TASS", "organization") in found
    rules_off("actors.photo_credit")
    assert "Vadim Savitski" not in by_name(build(paragraphs))


def test_a_label_in_guillemets_is_a_group(build, rules_off):
    from sitegen.text import fold
    paragraphs = ("« Bonnets verts » : le mouvement s'étend",
                  "Samedi, des milliers de « bonnets verts » ont bloqué les routes du Morbihan.",
                  "Les diplomates du « format Vienne » se sont réunis lundi.",
                  "Ils ont franchi des « lignes rouges », selon le préfet.")
    groups = [a for a in build(paragraphs).actors if a.type == "group"]
    names = {fold(n) for a in groups for n in [a.name, *a.aliases]}
    assert len([a for a in groups if fold(a.name) == "bonnets verts"]) == 1     # the title's and the text's
    assert "format vienne" in names and "lignes rouges" not in names
    rules_off("actors.group_in_guillemets")
    assert not any(fold(a.name) == "bonnets verts" and a.type == "group" for a in build(paragraphs).actors)


def test_a_capitalised_office_is_a_role_bound_to_its_person(build, rules_off):
    paragraphs = ("Le Premier ministre, Paul Garnier, a rencontré jeudi le maire Louis Bernard.",
                  "Le Premier ministre présentera son budget vendredi aux députés.")

    def premier_is_garnier():
        chron = build(paragraphs)
        garnier = next(a for a in chron.actors if a.name == "Paul Garnier")
        later = [e for e in chron.events if any(r.anchor.startswith("p2") for r in e.reports)]
        return later and garnier.id in later[0].actors
    assert premier_is_garnier()
    for one in ("actors.capitalised_role_is_a_role", "actors.adjective_of_role"):
        rules_off(one)
        assert not premier_is_garnier()
        rules_off()


def test_the_occupant_of_a_seat_is_the_person_in_its_office(build, rules_off):
    paragraphs = ("Le Premier ministre, Paul Garnier, a visité lundi le port de Brest.",
                  "Mardi, l'hôte de Matignon a reçu les syndicats de dockers.")

    def occupant():
        chron = build(paragraphs)
        later = [e for e in chron.events if any(r.anchor.startswith("p2") for r in e.reports)]
        return {chron_actor.name for chron_actor in chron.actors if later and chron_actor.id in later[0].actors}
    assert "Paul Garnier" in occupant()
    rules_off("actors.occupant_of_a_seat")
    assert "Paul Garnier" not in occupant()


def test_the_government_that_acts_is_one_institution(build, rules_off):
    paragraphs = ("Le gouvernement a reculé jeudi sur la réforme des retraites.",
                  "L'exécutif a ensuite annoncé un moratoire de six mois.",
                  "Le gouvernement italien a salué la décision.")

    def institutions():
        return {fold(n): a.id for a in build(paragraphs).actors if a.type == "organization" for n in [a.name, *a.aliases]}
    from sitegen.text import fold
    found = institutions()
    assert found.get("le gouvernement") and found.get("le gouvernement") == found.get("l executif")
    assert found.get("gouvernement italien") != found.get("le gouvernement")
    rules_off("actors.the_institution_that_acts")
    assert "le gouvernement" not in institutions()
