"""The time tagger on every kind of expression the chronology needs, with a reference
date (the publication date) given. Sentences are written for the tests."""
import datetime as dt

import pytest

from sitegen.timex import tag_dates

THU = dt.date(2015, 11, 19)   # a Thursday


def first(text, ref=THU):
    found = [t for t in tag_dates(text, ref) if not t.in_range]
    assert found, f"nothing found in {text!r}"
    return found[0].text, found[0].value, found[0].mod


@pytest.mark.parametrize("text, span, value, mod", [
    # absolute
    ("Le traité a été signé le 2 décembre 2015.", "le 2 décembre 2015", "2015-12-02", None),
    ("Ils se sont vus mercredi 23 décembre 2015 à Paris.", "mercredi 23 décembre 2015", "2015-12-23", None),
    ("Courrier daté du 23/12/2015.", "du 23/12/2015", "2015-12-23", None),
    ("Il est arrivé en 2014 à Lyon.", "2014", "2014", None),
    ("Le chantier reprendra en novembre.", "en novembre", "2015-11", None),
    ("La crise a commencé au printemps 2014.", "au printemps 2014", "2014-SP", None),
    ("Les travaux ont repris mi-février.", "mi-février", "2015-02", "MID"),
    ("Le crash a eu lieu fin octobre.", "fin octobre", "2015-10", "END"),
    ("Le dossier sera rouvert début décembre.", "début décembre", "2015-12", "START"),
    ("Elle est née le 1er mai 1962.", "le 1er mai 1962", "1962-05-01", None),
    ("Un accord d'octobre 98.", "d'octobre 98", "1998-10", None),
    # short month names, with or without the dot
    ("Le décret est paru le 30 sept. 2019 au Journal officiel.", "le 30 sept. 2019", "2019-09-30", None),
    ("Il est en poste depuis le 1er déc. 2018.", "le 1er déc. 2018", "2018-12-01", None),
    ("Mis en ligne le 6 févr. 2015 à 14 h.", "le 6 févr. 2015", "2015-02-06", None),
    ("Lettre du 12 janv 2016 au préfet.", "du 12 janv 2016", "2016-01-12", None),
    ("Elle a quitté Lyon le 3 fév. 2014.", "le 3 fév. 2014", "2014-02-03", None),
    ("Le stade a rouvert le 18 avr. 2015.", "le 18 avr. 2015", "2015-04-18", None),
    ("La digue a cédé le 14 juil 2014.", "le 14 juil 2014", "2014-07-14", None),
    ("Le texte a été voté le 27 oct.", "le 27 oct.", "2015-10-27", None),
    ("Ils ont signé le 2 nov dans la soirée.", "le 2 nov", "2015-11-02", None),
    ("Les chiffres d'oct. 2014 sont tombés.", "d'oct. 2014", "2014-10", None),
    # relative to the publication date
    ("Il l'a annoncé hier.", "hier", "2015-11-18", None),
    ("Elle est partie avant-hier.", "avant-hier", "2015-11-17", None),
    ("Le ministre parle aujourd'hui devant les députés.", "aujourd'hui", "2015-11-19", None),
    ("Le vote aura lieu demain.", "demain", "2015-11-20", None),
    ("Le maire l'a dit ce matin.", "ce matin", "2015-11-19TMO", None),
    ("Un incendie a éclaté hier soir.", "hier soir", "2015-11-18TEV", None),
    ("Les deux hommes se sont parlé jeudi.", "jeudi", "2015-11-19", None),
    ("Ils se sont parlé lundi.", "lundi", "2015-11-16", None),
    ("Le texte a été voté jeudi dernier.", "jeudi dernier", "2015-11-12", None),
    ("La marche partira samedi prochain.", "samedi prochain", "2015-11-21", None),
    ("Un communiqué diffusé ce 19 novembre le confirme.", "ce 19 novembre", "2015-11-19", None),
    ("Le projet a été présenté la semaine dernière.", "la semaine dernière", "2015-W46", None),
    ("Les prix ont baissé le mois dernier.", "le mois dernier", "2015-10", None),
    ("L'an dernier, rien de tel.", "L'an dernier", "2014", None),
    ("Les frappes ont commencé cette semaine.", "cette semaine", "2015-W47", None),
    ("Il est rentré il y a deux jours.", "il y a deux jours", "2015-11-17", None),
    ("La mine a fermé il y a vingt-cinq ans.", "il y a vingt-cinq ans", "1990", None),
    ("L'usine a ouvert il y a soixante-dix ans.", "il y a soixante-dix ans", "1945", None),
    ("Le pont a cédé il y a une dizaine de jours.", "il y a une dizaine de jours", "2015-11-09", "APPROX"),
    # whole weeks back from the day of writing: the same weekday ("il y a une semaine, jour pour jour")
    ("Il y a une semaine, le maire annonçait sa démission.", "Il y a une semaine", "2015-11-12", None),
    ("Le sommet s'ouvrira dans trois semaines.", "dans trois semaines", "2015-W50", None),
    ("Les élus se réuniront lundi.", "lundi", "2015-11-23", None),          # future tense: the next one
    ("L'usine ouvrira le 4 janvier.", "le 4 janvier", "2016-01-04", None),  # future tense: ahead
    ("Le 2 novembre, l'usine a fermé.", "Le 2 novembre", "2015-11-02", None),
    ("Le paiement est attendu à la fin du mois.", "à la fin du mois", "2015-11", "END"),
    ("Le navire sera sur zone à la fin de la semaine.", "à la fin de la semaine", "2015-W47", "END"),
    ("Il reviendra en début de semaine prochaine.", "en début de semaine prochaine", "2015-W48", "START"),
    ("Une église du XIXe siècle.", "XIXe siècle", "18XX", None),
    ("Le domaine date de la fin du XVIIIe siècle.", "la fin du XVIIIe siècle", "17XX", "END"),
    ("Le village a changé au début du XXe siècle.", "début du XXe siècle", "19XX", "START"),
    ("Des fresques du 12e siècle.", "12e siècle", "11XX", None),
    ("Le chantier reprendra début 2003.", "début 2003", "2003", "START"),
    ("Le pont sera fini d'ici la fin de l'année.", "la fin de l'année", "2015", "END"),
    ("Les prix montent depuis le début de l'année.", "le début de l'année", "2015", "START"),
    ("Les soldes reviennent en fin d'année.", "fin d'année", "2015", "END"),
    ("Les prix ont grimpé depuis fin 2017.", "fin 2017", "2017", "END"),
    ("Un accord est attendu à la mi-2016.", "la mi-2016", "2016", "MID"),
    ("Le chantier s'achèvera au début de l'année 2017.", "début de l'année 2017", "2017", "START"),
    ("La crise des années 1990.", "années 1990", "199X", None),
    ("La mode des années 60 revient.", "années 60", "196X", None),
    ("Ce quartier a été bâti dans les années 70.", "les années 70", "197X", None),
    ("Le déclin a commencé à la fin des années 80.", "la fin des années 80", "198X", "END"),
    ("Les années 2000 ont vu naître le projet.", "Les années 2000", "200X", None),
])
def test_expressions(text, span, value, mod):
    assert first(text) == (span, value, mod)


def test_interval_and_its_two_ends():
    found = tag_dates("en cinq jours du 18 au 23 décembre, les avions", THU)
    assert [(t.text, t.type, t.value, t.in_range) for t in found] == [
        ("du 18 au 23 décembre", "DURATION", "2015-12-18/2015-12-23", False),
        ("18", "DATE", "2015-12-18", True),
        ("23 décembre", "DATE", "2015-12-23", True)]


def test_year_is_carried_back_over_a_coordination():
    found = tag_dates("ils se sont parlé le 19 novembre et le 2 décembre 2015, puis", None)
    assert [(t.text, t.value) for t in found] == [("le 19 novembre", "2015-11-19"), ("le 2 décembre 2015", "2015-12-02")]


def test_month_is_carried_back_to_a_bare_day():
    found = tag_dates("Les élections auront lieu les 6 et 13 avril prochains.", dt.date(2003, 2, 24))
    assert [(t.text, t.value) for t in found] == [("les 6", "2003-04-06"), ("13 avril prochains", "2003-04-13")]


def test_relative_to_another_event_in_the_same_text():
    text = ("Le préfet a rencontré mercredi 23 décembre 2015 les maires. Le 21 décembre, deux jours avant "
            "la rencontre, il avait réuni les élus. Le lendemain, il est reparti. Deux jours avant la signature, rien.")
    found = {t.text: t.value for t in tag_dates(text, dt.date(2015, 12, 24))}
    assert found["deux jours avant la rencontre"] == "2015-12-21"
    assert found["Le lendemain"] == "2015-12-22"          # the day after the last day named
    veille = {t.text: t.value for t in tag_dates("Le sommet s'est ouvert le 5 mai. La veille, les rues étaient vides.", THU)}
    assert veille["La veille"] == "2015-05-04"
    assert found["Deux jours avant la signature"] is None  # no dated signature: not guessed


def test_anchored_expressions_without_a_day_before_hang_on_the_reference():
    assert [(t.text, t.value) for t in tag_dates("Le lendemain, il est parti.", THU)] == [("Le lendemain", "2015-11-20")]
    assert [(t.text, t.value) for t in tag_dates("Le lendemain, il est parti.", None)] == [("Le lendemain", None)]
    assert tag_dates("Il a plu toute la nuit.", THU) == []             # a part of the day alone is no date


def test_a_part_of_the_day_with_no_day_in_its_paragraph_is_on_the_day_of_writing():
    """"Dans la soirée, ..." in a report of the day: that day, not a day an earlier
    paragraph named (as often a plan or a recall as the day being told)."""
    assert [(t.text, t.value) for t in tag_dates("Dans la soirée, le maire a reçu les grévistes.", THU)] == [
        ("la soirée", "2015-11-19TEV")]
    found = tag_dates("En fin de matinée, le maire a reçu les grévistes.", THU, earlier=[dt.date(2015, 12, 2)])
    assert [(t.text, t.value) for t in found] == [("En fin de matinée", "2015-11-19TMO")]
    assert tag_dates("Dans la soirée, le maire a reçu les grévistes.", None) == []


@pytest.mark.parametrize("text, value", [
    ("Plus tôt, la maire avait demandé au préfet de recevoir les grévistes.", "2015-11-19"),
    ("Mardi, le préfet a reçu les grévistes. Un peu plus tôt, la maire avait parlé.", "2015-11-17"),
    ("Le 2 décembre, la grève a repris. Plus tôt, le préfet avait cédé.", None),   # no day after the reference
])
def test_plus_tot_opening_a_sentence_is_earlier_on_the_day_being_told(text, value):
    found = {t.text: t.value for t in tag_dates(text, THU)}
    opener = next(k for k in found if k.lower().endswith("plus tôt"))
    assert found[opener] == (value or "2015-11-19")


@pytest.mark.parametrize("text", ["Il est arrivé plus tôt, vers dix heures.", "Le plus tôt possible, il partira.",
                                  "Elle est partie plus tôt que prévu."])
def test_plus_tot_inside_a_sentence_is_no_date(text):
    assert not [t for t in tag_dates(text, THU) if "tôt" in t.text]


def test_le_lendemain_hangs_on_a_day_counted_in_weeks():
    found = {t.text: t.value for t in tag_dates("Il y a une semaine, le maire annonçait un moratoire ; le lendemain, "
                                                "le préfet l'annulait.", THU)}
    assert found == {"Il y a une semaine": "2015-11-12", "le lendemain": "2015-11-13"}


@pytest.mark.parametrize("text, expr, value", [
    ("Au lendemain du 17 novembre, le mouvement continue.", "Au lendemain du 17 novembre", "2015-11-18"),
    ("La veille du 1er décembre, le maire avait parlé.", "La veille du 1er décembre", "2015-11-30"),
    ("Le surlendemain du 3 novembre, il est parti.", "Le surlendemain du 3 novembre", "2015-11-05"),
])
def test_the_eve_or_morrow_of_a_named_day_is_one_expression(text, expr, value):
    assert [(t.text, t.value) for t in tag_dates(text, THU)] == [(expr, value)]


def test_the_eve_before_an_apposed_day_is_the_eve_of_the_day_told():
    found = [(t.text, t.value) for t in tag_dates("Le 10 novembre, il pleuvait. La veille, le 3 novembre, il "
                                                  "neigeait.", THU)]
    assert ("La veille", "2015-11-09") in found and ("le 3 novembre", "2015-11-03") in found


def test_an_anchor_is_carried_from_an_earlier_paragraph():
    found = tag_dates("Le lendemain, il est parti.", THU, earlier=[dt.date(2015, 11, 2)])
    assert [(t.text, t.value) for t in found] == [("Le lendemain", "2015-11-03")]


def test_a_past_clause_does_not_hang_on_a_day_after_the_reference():
    text = "Ce mardi, le ministre a reporté la taxe prévue le 1er janvier. La veille, il avait reçu les maires."
    found = {t.text: t.value for t in tag_dates(text, dt.date(2015, 12, 8))}
    assert found["La veille"] == "2015-12-07"
    text = "Le sommet s'ouvrira le 3 décembre. Le lendemain, les ministres se réuniront."
    assert {t.text: t.value for t in tag_dates(text, THU)}["Le lendemain"] == "2015-12-04"


@pytest.mark.parametrize("text, expression, value", [
    ("Le barrage a cédé le 5 mai. Le même jour, la ville a été évacuée.", "Le même jour", "2015-05-05"),
    ("Le barrage a cédé le 5 mai. Le jour même, la ville a été évacuée.", "Le jour même", "2015-05-05"),
    ("Le barrage a cédé le 5 mai. Ce jour-là, il pleuvait.", "Ce jour-là", "2015-05-05"),
    ("Le barrage a cédé le 5 mai. Deux jours plus tard, l'eau a baissé.", "Deux jours plus tard", "2015-05-07"),
    ("Le barrage a cédé le 5 mai. Trois jours après, l'eau a baissé.", "Trois jours après", "2015-05-08"),
    ("Le barrage a cédé le 5 mai ; deux jours auparavant, une fissure était apparue.", "deux jours auparavant", "2015-05-03"),
    ("Le barrage a cédé le 5 mai. La semaine suivante, les travaux ont commencé.", "La semaine suivante", "2015-W20"),
    ("L'usine a fermé en mars 2014. Le mois suivant, le site a été vendu.", "Le mois suivant", "2014-04"),
    ("L'usine a fermé en 1998. L'année suivante, le site a été vendu.", "L'année suivante", "1999"),
    ("L'usine a fermé en 1998, trois ans plus tard elle rouvrait.", "trois ans plus tard", "2001"),
    ("Deux jours plus tard, l'eau avait baissé.", "Deux jours plus tard", "2015-11-21"),  # nothing before: publication
])
def test_expressions_counted_from_the_day_the_text_talks_about(text, expression, value):
    found = {t.text: t.value for t in tag_dates(text, THU)}
    assert found[expression] == value


def test_clock_times_take_the_day_of_their_sentence():
    found = tag_dates("La réunion aura lieu samedi 21 novembre à 14 h 30. Il est reparti vers 18 h.", THU)
    assert [(t.text, t.value) for t in found] == [
        ("samedi 21 novembre", "2015-11-21"), ("14 h 30", "2015-11-21T14:30"), ("18 h", "2015-11-21T18:00")]


def test_a_day_and_its_clock_time_are_two_expressions():
    # French TimeBank splits "jour à heure" into the day and the time (README.FTiB)
    found = tag_dates("Le car a été attaqué hier vers 18 h, place du Marché.", THU)
    assert [(t.text, t.type, t.value) for t in found] == [("hier", "DATE", "2015-11-18"),
                                                          ("18 h", "TIME", "2015-11-18T18:00")]
    found = tag_dates("La foire ouvrira demain à 9 h 30.", THU)
    assert [(t.text, t.value) for t in found] == [("demain", "2015-11-20"), ("9 h 30", "2015-11-20T09:30")]


@pytest.mark.parametrize("text, expected", [
    ("Le feu a pris hier en début d'après-midi.", [("hier", "2015-11-18"), ("en début d'après-midi", "2015-11-18TAF")]),
    ("Le 3 juin au soir, la foule a envahi la place.", [("Le 3 juin", "2015-06-03"), ("au soir", "2015-06-03TEV")]),
    ("Le 3 juin, dans l'après-midi, la foule a envahi la place.",
     [("Le 3 juin", "2015-06-03"), ("l'après-midi", "2015-06-03TAF")]),
    ("Le 4 mai, en soirée, un incendie a éclaté.", [("Le 4 mai", "2015-05-04"), ("en soirée", "2015-05-04TEV")]),
    ("Le 4 mai, il a plu. La veille au soir, le vent soufflait.", [("Le 4 mai", "2015-05-04"), ("La veille au soir", "2015-05-03TEV")]),
    ("Le 4 mai, il a plu. Le lendemain matin, tout était sec.", [("Le 4 mai", "2015-05-04"), ("Le lendemain matin", "2015-05-05TMO")]),
    ("Le Soir a publié une enquête.", []),
])
def test_parts_of_the_day_take_the_day_they_hang_on(text, expected):
    assert [(t.text, t.value) for t in tag_dates(text, THU)] == expected


@pytest.mark.parametrize("text, expression, value", [
    ("Un incendie a éclaté dans la nuit de samedi à dimanche.", "la nuit de samedi à dimanche", "2015-11-14TNI"),
    ("Le bal a eu lieu dans la nuit du 14 au 15 juillet.", "la nuit du 14 au 15 juillet", "2015-07-14TNI"),
    ("Les pompiers sont intervenus dans la soirée de mardi.", "la soirée de mardi", "2015-11-17TEV"),
    ("La nuit de samedi à dimanche sera froide.", "La nuit de samedi à dimanche", "2015-11-21TNI"),
])
def test_a_night_from_one_day_to_the_next_is_one_time(text, expression, value):
    assert [(t.text, t.value) for t in tag_dates(text, THU)] == [(expression, value)]


@pytest.mark.parametrize("text, expression, value", [
    ("Les illuminations seront allumées pour Noël.", "Noël", "2015-12-25"),
    ("La foire a eu lieu à la Toussaint.", "Toussaint", "2015-11-01"),
    ("Le pèlerinage a réuni mille fidèles à Pâques.", "Pâques", "2015-04-05"),   # Easter 2015
    ("La course est prévue le lundi de Pentecôte 2016.", "lundi de Pentecôte 2016", "2016-05-16"),
    ("Le défilé de Mardi gras 2015 a été annulé.", "Mardi gras 2015", "2015-02-17"),
])
def test_feasts_are_days_of_the_calendar(text, expression, value):
    assert {t.text: t.value for t in tag_dates(text, THU)}[expression] == value


def test_a_feast_name_without_its_capital_is_no_date():
    assert tag_dates("L'ascension du mont Blanc a duré deux jours.", THU) == []


def test_a_weekday_and_a_day_number_without_month_are_fixed_by_the_calendar():
    # 21 November 2015 is a Saturday, 13 November a Friday
    assert first("La fête aura lieu samedi 21, place du Marché.")[:2] == ("samedi 21", "2015-11-21")
    assert first("Le concert de vendredi 13 a attiré du monde.")[:2] == ("vendredi 13", "2015-11-13")
    assert first("Samedi 3 personnes ont été blessées.")[:2] == ("Samedi", "2015-11-14")   # a count, not a day


def test_midnight_is_the_end_of_the_day_it_is_on():
    found = tag_dates("Le couvre-feu a commencé samedi à minuit.", THU)
    assert [(t.text, t.value) for t in found] == [("samedi", "2015-11-14"), ("minuit", "2015-11-14T24:00")]
    assert tag_dates("Les douze coups de minuit ont sonné.", THU) == []


def test_weekdays_come_from_the_calendar():
    # 23 December 2015 was a Wednesday: a wrong weekday name does not move the written date
    assert first("mardi 23 décembre 2015")[1] == "2015-12-23"
    for offset in range(7):
        ref = THU + dt.timedelta(days=offset)
        value = dt.date.fromisoformat(first("Il est venu mardi.", ref)[1])
        assert value.weekday() == 1 and 0 <= (ref - value).days < 7


def test_year_of_a_day_month_is_the_nearest_past_biased():
    assert first("le 20 décembre", dt.date(2016, 1, 5))[1] == "2015-12-20"
    assert first("le 3 janvier", dt.date(2015, 12, 20))[1] == "2016-01-03"   # 14 days ahead is nearest
    assert first("le 10 mai", dt.date(2016, 1, 5))[1] == "2015-05-10"       # past-biased


def test_a_vague_number_of_days_ago_is_a_length_of_time_not_a_date():
    # as French TimeBank annotates "inaugurée il y a quelques mois": SIGNAL + DURATION PXM
    found = tag_dates("L'usine a été inaugurée il y a quelques mois.", THU)
    assert [(t.text, t.type, t.value) for t in found] == [("quelques mois", "DURATION", "PXM")]
    assert [(t.type, t.value) for t in tag_dates("Il reviendra dans plusieurs semaines.", THU)] == [("DURATION", "PXW")]


def test_a_decade_of_two_digits_is_the_last_one_begun_by_the_reference():
    assert first("les années 20", dt.date(2023, 5, 1))[1] == "202X"
    assert first("les années 20", dt.date(1999, 5, 1))[1] == "192X"


def test_decades_and_centuries_are_no_calendar_date_of_the_chronology():
    from sitegen.dates import chronology_date
    for t in tag_dates("Dans les années 60, au début du XXe siècle et à la fin des années 1990.", THU):
        assert t.value.endswith("X") and chronology_date(t.value, t.mod) is None


@pytest.mark.parametrize("text, expression, value", [
    ("Le musée est actuellement fermé.", "actuellement", "PRESENT_REF"),
    ("Il habite maintenant à Lyon.", "maintenant", "PRESENT_REF"),
    ("Pour l'instant, aucune piste n'est écartée.", "Pour l'instant", "PRESENT_REF"),
    ("Le dossier reste pour le moment en suspens.", "pour le moment", "PRESENT_REF"),
    ("À l'heure actuelle, le pont est fermé.", "À l'heure actuelle", "PRESENT_REF"),
    ("L'actuel maire a été réélu.", "actuel", "PRESENT_REF"),
    ("Les contrôles seront renforcés à l'avenir.", "à l'avenir", "FUTURE_REF"),
    ("Le chantier doit reprendre bientôt.", "bientôt", "FUTURE_REF"),
    ("Un accord est attendu dans les prochains jours.", "dans les prochains jours", "FUTURE_REF"),
    ("Les prochaines élections se préparent.", "prochaines", "FUTURE_REF"),
    ("Le quartier était autrefois ouvrier.", "autrefois", "PAST_REF"),
    ("Ce cas s'est déjà produit par le passé.", "par le passé", "PAST_REF"),
    ("Une usine nouvellement construite.", "nouvellement", "PAST_REF"),
])
def test_words_of_the_present_past_and_future_without_a_date(text, expression, value):
    assert {t.text: t.value for t in tag_dates(text, THU)}[expression] == value


@pytest.mark.parametrize("text", ["L'ancien ministre a parlé.", "Le futur stade sera grand.",
                                  "Le nouveau maire a parlé.", "Il est venu aujourd'hui."])
def test_words_that_are_no_reference_to_the_present(text):
    assert all(not (t.value or "").endswith("_REF") for t in tag_dates(text, THU))


def test_relative_dates_need_a_reference():
    assert [t.value for t in tag_dates("Il est venu hier et jeudi.", None)] == [None, None]


@pytest.mark.parametrize("text", [
    "1093 cibles détruites", "4.111 cibles en Syrie", "la loi 78-17 s'applique", "un Su-34 a décollé",
    "à 48 km de la ville", "près de 2 900 Russes", "des navires en mer", "un total de 2.299 sorties",
    "en 2014 cibles", "il a été élu", "le mercredi, le musée est fermé", "48 h de garde à vue",
    "Les Jeux olympiques d'hiver", "le Midi de la France",
    "il a sept enfants", "Jan est arrivé", "un bilan en oct", "le sept de pique",
])
def test_numbers_and_words_that_are_not_dates(text):
    assert tag_dates(text, THU) == []


@pytest.mark.parametrize("text, years", [
    ("Le Mondial 1998 restera dans les mémoires.", ["1998"]),
    ("La hausse prévue pour 2019 inquiète.", ["2019"]),
    ("Un plan d'aide d'ici à 2020 pour les villes.", ["2020"]),
    ("Les comptes de la saison 2001-2002 sont bons.", ["2001", "2002"]),
    ("Il a dirigé l'usine entre 1995 et 2000.", ["1995", "2000"]),
    ("Le pont (1887) a été repeint.", ["1887"]),
    ("En 1492 Colomb arrive aux Bahamas.", ["1492"]),
    ("Le barrage doit tenir jusqu'en 2150.", ["2150"]),
    ("En 1995 Jacques a repris la ferme.", ["1995"]),
])
def test_a_four_digit_number_is_a_year_unless_it_counts(text, years):
    assert [t.value for t in tag_dates(text, THU)] == years


@pytest.mark.parametrize("text", [
    "2000 personnes ont défilé", "près de 1500 manifestants", "plus de 2500.", "1200 km à pied",
    "2000 Français ont signé", "les 1800 salariés du site", "l'article 1382 du code civil", "un chèque de 2000 €",
    "une hausse de 1500 %", "https://exemple.fr/2019/10/02/titre", "1 500 euros", "2.000 euros", "ils étaient 2000.",
    "un vol de 1200 kilomètres", "depuis 1500 ans",
])
def test_counts_are_not_years(text):
    assert tag_dates(text, THU) == []


def test_offsets_point_into_the_text():
    text = "Il l'a annoncé le 3 mars 2021 à Rome, puis hier soir vers 20 h 15."
    for t in tag_dates(text, THU):
        assert text[t.start:t.end] == t.text


WED = dt.date(2019, 10, 2)   # a Wednesday


@pytest.mark.parametrize("text, value", [
    ("Le ministre se rendra jeudi à Berlin.", "2019-10-03"),          # simple future
    ("La réunion doit se tenir lundi à Lyon.", "2019-10-07"),          # devoir + infinitive
    ("Le match est prévu samedi au stade.", "2019-10-05"),             # a plan
    ("Il va se rendre vendredi à Rome.", "2019-10-04"),                # aller + infinitive
    ("Jeudi, le sommet aura lieu à Rome.", "2019-10-03"),              # the verb after the date
    ("Le ministre s'est rendu jeudi à Berlin.", "2019-09-26"),         # past: the last one
    ("Les patrons ont manifesté samedi.", "2019-09-28"),
    ("La réunion se tiendra lundi prochain.", "2019-10-07"),
])
def test_a_bare_weekday_follows_the_tense_of_its_clause(text, value):
    assert first(text, WED)[1] == value


def test_the_nearest_tense_decides_in_a_sentence_of_two_clauses():
    found = tag_dates("Le ministre a annoncé jeudi qu'il se rendra lundi à Berlin.", WED)
    assert [(t.text, t.value) for t in found] == [("jeudi", "2019-09-26"), ("lundi", "2019-10-07")]
    found = tag_dates("Le sommet qui s'est ouvert lundi se terminera vendredi.", WED)
    assert [(t.text, t.value) for t in found] == [("lundi", "2019-09-30"), ("vendredi", "2019-10-04")]
