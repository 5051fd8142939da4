"""Publication dates (sitegen.publication): each dateline form and each mechanism, on
hand-written articles."""
import datetime as dt
from pathlib import Path

import pytest

from sitegen.ingest import read_source
from sitegen.model import Source
from sitegen.publication import Datelines, date_sources, decide, Clue, DATELINE, METADATA_DAY


def article(tmp_path: Path, name: str, text: str) -> Source:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_source(path, name, set())


def dated(tmp_path: Path, *texts: str) -> list[Source]:
    """The articles (name: text) read and dated as one dossier."""
    sources = [article(tmp_path, name, text) for name, text in texts]
    taken: set[str] = set()
    for s in sources:                         # ids unique, as read_sources makes them
        while s.id in taken:
            s.id += "-x"
        taken.add(s.id)
    date_sources(sources)
    return sources


def reasons(s: Source) -> list[tuple[str, str]]:
    return [(r["kind"], r["verdict"]) for r in s.published_reasons]


BODY = ("Le conseil municipal a voté le budget après un long débat. Les élus de l'opposition ont quitté "
        "la salle avant la fin de la séance, dénonçant une hausse des impôts locaux.")


# ---------------------------------------------------------------- dateline forms

@pytest.mark.parametrize("line, day", [
    ("Publié le lundi 30 novembre 2015 à 14h12", "2015-11-30"),
    ("Publié le 06/02/2015 à 15h20 | Mis à jour le 06/02/2015 à 16h05", "2015-02-06"),
    ("Publié le 01/12/2018 à 19h05, mis à jour à 21h30", "2018-12-01"),
    ("Publié le 30 sept. 2019 à 18h47", "2019-09-30"),
    ("Mis en ligne le 3 mars 2021", "2021-03-03"),
    ("*Par Jeanne Morel — 2 octobre 2019*", "2019-10-02"),
    ("**Publié le 4 décembre 2018 à 14h10** · *Avec AFP*", "2018-12-04"),
    ("Par Jeanne Morel et Luc Brun, publié le 12/03/2017 à 08:15", "2017-03-12"),
    ("LYON, 12 février 2019", "2019-02-12"),
    ("Mis à jour le 13/02/2019 à 14:05 - Publié le 12/02/2019 à 10:32", "2019-02-12"),
    ("Ouest-Éclair Jeanne Morel. Publié le 12/02/2019 à 10h32 Réservé aux abonnés", "2019-02-12"),
    ("Paris (AFP) - 12/02/2019 10:32", "2019-02-12"),
])
def test_a_dateline_line_dates_the_article_and_leaves_its_text(tmp_path, line, day):
    [s] = dated(tmp_path, ("a.txt", f"Le budget voté\n\n{line}\n\n{BODY}\n"))
    assert (s.published, s.published_from) == (day, "dateline")
    assert line in s.removed and all(line not in p for p in s.paragraphs)


def test_an_update_line_alone_is_no_publication_day_but_a_bound(tmp_path):
    [s] = dated(tmp_path, ("a.txt", f"Le budget voté\n\nMis à jour le 09/03/2021 à 10h00\n\n"
                                    f"Le 2 mars 2021, le maire a présenté son projet. {BODY}\n"))
    assert s.published == "2021-03-02" and s.published_from == "inferred"
    assert ("updated", "kept") in reasons(s)


def test_a_dateline_glued_to_the_first_sentence_is_cut_from_it(tmp_path):
    [s] = dated(tmp_path, ("a.txt", "Accord à Lisbonne\n\nLISBONNE (Portugal), 12 février 2015 – Après une nuit de "
                                    "négociations, les ministres ont signé ce jeudi matin un accord sur la pêche.\n"))
    assert (s.published, s.published_from) == ("2015-02-12", "dateline")
    assert s.paragraphs[1].startswith("Après une nuit") and "LISBONNE (Portugal), 12 février 2015 –" in s.removed


def test_a_date_and_dash_dateline_before_the_first_sentence(tmp_path):
    [s] = dated(tmp_path, ("a.txt", "Le ministre parle\n\n12 mars 2017. – Le ministre de l'Agriculture a reçu "
                                    "les syndicats d'éleveurs pendant trois heures.\n"))
    assert (s.published, s.published_from) == ("2017-03-12", "dateline")
    assert s.paragraphs[1].startswith("Le ministre de l'Agriculture")


def test_a_town_dateline_with_an_agency_glued_to_the_first_sentence(tmp_path):
    [s] = dated(tmp_path, ("a.txt", "Le cyclone\n\nSaint-Denis de La Réunion, 3 mars 2020 (AFP) - Le cyclone approche "
                                    "des côtes et les écoles resteront fermées jusqu'à nouvel ordre.\n"))
    assert (s.published, s.published_from) == ("2020-03-03", "dateline") and s.paragraphs[1].startswith("Le cyclone")


def test_a_dash_inside_an_ordinary_first_sentence_is_no_dateline(tmp_path):
    [s] = dated(tmp_path, ("a.txt", "Le vote\n\nLe 12 mars 2017 – jour du vote – les électeurs se sont déplacés "
                                    "en nombre dans les bureaux de la ville.\n"))
    assert s.paragraphs[1].startswith("Le 12 mars 2017 –") and not s.datelines


def test_a_wire_dateline_without_year_takes_it_from_the_copyright_line(tmp_path):
    [s] = dated(tmp_path, ("a.txt", "Incendie au port\n\nLE HAVRE, 27 septembre (Reuters) - Un incendie a ravagé "
                                    "dans la nuit un entrepôt du port, sans faire de victime.\n\n"
                                    "© 2019 Reuters. Tous droits réservés.\n"))
    assert (s.published, s.published_from) == ("2019-09-27", "dateline")


def test_a_wire_dateline_without_year_takes_the_one_its_weekday_fits(tmp_path):
    # 27 September is a Friday in 2019, not in 2018 or 2020
    wire, other = dated(
        tmp_path,
        ("a.txt", "Incendie au port\n\nLE HAVRE, 27 septembre (Reuters) - Le feu a été éteint ce vendredi matin "
                  "dans un entrepôt du port, sans faire de victime.\n"),
        ("b.md", "---\ndate: 2018-10-02\n---\nLe port rouvre\n\nLe port a rouvert le 1er octobre 2018 après des travaux.\n"))
    assert wire.published == "2019-09-27"


def test_reader_comments_bound_the_day_and_leave_the_text(tmp_path):
    [s] = dated(tmp_path, ("a.txt", "Le marché rouvre\n\nHier, le marché couvert a rouvert après deux ans de travaux. "
                                    "Ce dimanche, les commerçants étaient encore nombreux.\n\nRéagir (2)\n"
                                    "Lulu75 - 18/11/2018 à 14:02\nEnfin ! On l'attendait depuis longtemps.\n"
                                    "Marc D. - 18/11/2018 à 15:10\nLes prix ont augmenté, dommage.\n"))
    assert s.published == "2018-11-18" and s.published_from == "inferred"   # a Sunday, on or before the comments
    assert ("comment", "kept") in reasons(s)
    assert not any("Enfin" in p or "dommage" in p or "Lulu75" in p for p in s.paragraphs)


def test_datelines_reads_no_sentence_as_a_dateline():
    lines = Datelines()
    assert lines.read("Le rapport de la Cour des comptes, publié le 12 février 2019, accable la ville.") is None
    assert lines.read("Le 12 février 2019, le maire a inauguré le nouveau pont de la ville.") is None
    assert lines.read("Emmanuel Macron lors de son allocution, lundi 10 décembre, à l'Élysée.") is None
    assert lines.read("Publié le 12 février 2019")[0].kind == "dateline"


# ---------------------------------------------------------------- metadata is evidence

def test_front_matter_is_kept_when_the_text_recalls_an_older_day(tmp_path):
    [s] = dated(tmp_path, ("a.md", "---\ndate: 2003-01-31\n---\nUn siècle d'histoire\n\n"
                                   "Le 28 septembre 1933, la première pierre était posée. Le musée fêtera ses cent ans "
                                   "l'an prochain.\n"))
    assert (s.published, s.published_from) == ("2003-01-31", "front-matter") and not s.warnings


def test_front_matter_is_kept_when_the_text_names_a_day_to_come(tmp_path):
    [s] = dated(tmp_path, ("a.md", "---\ndate: 2018-12-04\n---\nLe débat\n\nLe Premier ministre défendra le texte "
                                   "jeudi au Sénat. Le débat national doit commencer le 15 décembre.\n"))
    assert (s.published, s.published_from) == ("2018-12-04", "front-matter") and not s.warnings


def test_a_byline_day_overrules_wrong_front_matter_and_says_so(tmp_path):
    [s] = dated(tmp_path, ("a.md", "---\ndate: 2019-02-10\n---\nLa liste publiée\n\n*Par Jeanne Morel — 2 octobre 2019*\n\n"
                                   "La préfecture a publié mardi soir la liste des produits brûlés.\n"))
    assert (s.published, s.published_from) == ("2019-10-02", "dateline")
    assert any("2019-02-10" in w and "2019-10-02" in w for w in s.warnings)
    assert ("front-matter", "overruled") in reasons(s)
    assert s.flags[0]["kind"] == "metadata_date_conflict"


def test_a_deictic_day_that_cannot_fit_overrules_front_matter(tmp_path):
    [s] = dated(tmp_path, ("a.md", "---\ndate: 2017-02-01\n---\nLa grève\n\nLes cheminots ont cessé le travail ce jeudi "
                                   "9 mars, à l'appel de trois syndicats.\n"))
    assert s.published == "2017-03-09" and any("2017-02-01" in w for w in s.warnings)


def test_a_deictic_day_one_day_off_fits_front_matter(tmp_path):
    # a next-morning edition says "ce 12 décembre" of the day before
    [s] = dated(tmp_path, ("a.md", "---\ndate: 2015-12-13\n---\nL'accord\n\nCe 12 décembre 2015 restera comme une "
                                   "date dans l'histoire du club, champion pour la première fois.\n"))
    assert (s.published, s.published_from) == ("2015-12-13", "front-matter") and not s.warnings


def test_a_month_only_stamp_gives_way_to_what_the_dossier_dates(tmp_path):
    pact, truce = dated(
        tmp_path,
        ("a.md", "---\ndate: 2015-02-12\n---\nUn accord\n\nLes dirigeants ont signé ce jeudi matin à Lisbonne un accord "
                 "de pêche qui doit entrer en vigueur à minuit.\n"),
        ("b.txt", "date 2019-03 La pêche reprend\n\nL'accord de pêche signé jeudi dernier à Lisbonne, entré en vigueur "
                  "à minuit, était respecté ce lundi par la plupart des bateaux.\n"))
    assert pact.published == "2015-02-12"
    assert truce.published == "2015-02-16"                     # the Monday after that Thursday
    assert ("front-matter", "overruled") in reasons(truce) and ("link", "kept") in reasons(truce)


# ---------------------------------------------------------------- the words of the day

def test_hier_with_its_day_gives_the_day_after(tmp_path):
    [s] = dated(tmp_path, ("a.txt", "Le projet\n\nLe ministre a présenté hier, mercredi 9 décembre, un nouveau projet. "
                                    "Il espère conclure demain, vendredi 11 décembre 2015.\n"))
    assert s.published == "2015-12-10" and s.published_from == "inferred"


def test_a_weekday_to_come_or_in_a_name_does_not_move_the_day(tmp_path):
    [s] = dated(tmp_path, ("a.txt", "Le budget\n\nLe 3 mars 2021, le conseil a adopté le budget. Le Journal du dimanche "
                                    "en publie les chiffres. Le maire le présentera mardi prochain aux habitants, et "
                                    "une réunion se tiendra samedi.\n"))
    assert s.published == "2021-03-03"


def test_a_bare_weekday_outside_the_lead_does_not_push_the_day(tmp_path):
    [s] = dated(tmp_path, ("a.txt", "Après l'annonce\n\nLe président a annoncé lundi 10 décembre 2018 une hausse du salaire "
                                    "minimum, lors d'une allocution télévisée très attendue par les syndicats.\n\n"
                                    "Jeudi, les lycéens avaient manifesté. Dimanche encore, la ministre excluait toute hausse.\n"))
    assert s.published == "2018-12-10"


def test_the_weekday_of_the_lead_is_not_before_the_days_named(tmp_path):
    [s] = dated(tmp_path, ("a.txt", "L'entretien\n\nLe chef d'état-major et son homologue ont eu jeudi leur premier entretien "
                                    "direct, consacré à la coordination des opérations aériennes.\n\n"
                                    "Depuis les attentats du 13 novembre 2015, la coopération s'est renforcée.\n"))
    assert s.published == "2015-11-19"                          # the first Thursday from the 13th


def test_a_weekday_with_its_day_fixes_the_year(tmp_path):
    # the texts write 2016 more often than 2017, but Thursday 9 March is in 2017
    [s] = dated(tmp_path, ("a.txt", "La grève\n\nLes cheminots ont cessé le travail ce jeudi 9 mars, un an après la grève de "
                                    "2016. En 2016, le mouvement avait duré trois semaines ; la loi de 2016 reste contestée.\n"))
    assert s.published == "2017-03-09"


def test_a_yearless_day_with_its_weekday_is_read_in_the_year_it_fits(tmp_path):
    caption, *_ = dated(
        tmp_path,
        ("a.txt", "Après l'annonce\n\nLe président lors de son allocution, lundi 10 décembre, à Paris.\n\n"
                  "La hausse prendra effet le 1er décembre prochain, a rappelé la ministre.\n"),
        ("b.md", "---\ndate: 2019-10-02\n---\nAutre chose\n\nLe 1er octobre 2019, en 2019, rien de neuf en 2019.\n"))
    assert caption.published == "2018-12-10"


# ---------------------------------------------------------------- days dated elsewhere

def test_another_source_pins_hier(tmp_path):
    signed, later = dated(
        tmp_path,
        ("a.md", "---\ndate: 2021-03-03\n---\nL'accord de Lyon\n\nLe 3 mars 2021, Anne Roy et Marc Viel ont signé "
                 "l'accord de Lyon sur les transports régionaux.\n"),
        ("b.txt", "Les transports\n\nHier, Anne Roy et Marc Viel ont signé l'accord de Lyon sur les transports "
                  "régionaux, après des mois de discussions.\n"))
    assert later.published == "2021-03-04"
    [link] = [r for r in later.published_reasons if r["kind"] == "link"]
    assert (link["source"], link["names"], link["verdict"]) == (signed.id, "2021-03-03", "kept")


def test_a_loose_resemblance_is_no_link(tmp_path):
    _, later = dated(
        tmp_path,
        ("a.md", "---\ndate: 2021-03-03\n---\nL'accord\n\nLe 3 mars 2021, le ministre français a signé un accord "
                 "contre la fraude.\n"),
        ("b.txt", "Autre chose\n\nHier, le ministre français a parlé de la lutte contre la fraude. "
                  "Le 20 mars 2021, il avait reçu les douanes.\n"))
    assert not any(r["kind"] == "link" for r in later.published_reasons)
    assert later.published == "2021-03-20"


def test_the_article_itself_dates_its_hier(tmp_path):
    [s] = dated(tmp_path, ("a.txt", "Après le discours\n\nAnne Roy lors de son discours, lundi 10 décembre 2018, "
                                    "à la mairie de Lyon.\n\nHier soir, depuis la mairie de Lyon, Anne Roy a annoncé "
                                    "la gratuité des transports.\n"))
    assert s.published == "2018-12-11"


# ---------------------------------------------------------------- the decision itself

def test_a_stronger_clue_overrules_a_weaker_and_both_are_recorded():
    day = dt.date(2020, 5, 4)
    d = decide([Clue("front-matter", "2020-05-01", METADATA_DAY, lo=dt.date(2020, 5, 1), hi=dt.date(2020, 5, 1)),
                Clue("dateline", "Publié le 4 mai 2020", DATELINE, lo=day, hi=day)])
    assert d.day == day and d.published_from == "dateline"
    assert [c.kind for c in d.overruled] == ["front-matter"]


def test_no_clue_no_day(tmp_path):
    [s] = dated(tmp_path, ("a.txt", "Rien\n\nLe maire a parlé longtemps devant les habitants réunis.\n"))
    assert s.published is None and s.flags == [{"kind": "no_publication_date"}]
    assert any("no publication date" in w for w in s.warnings)


def test_yearless_days_are_read_around_the_articles_own_day(tmp_path):
    [s] = dated(tmp_path, ("a.md", "---\ndate: 2003-02-24\n---\nLe procès\n\nLe procès, ouvert le 20 décembre dernier, "
                                   "reprendra le 13 avril prochain devant la cour d'appel.\n"))
    found = {r["kind"]: r for r in s.published_reasons}
    assert found["latest"]["after"] == "2002-12-20" and found["latest"]["verdict"] == "kept"
    assert (s.published, s.published_from) == ("2003-02-24", "front-matter")


def test_a_day_to_come_alone_dates_nothing(tmp_path):
    [s] = dated(tmp_path, ("a.txt", "Le festival\n\nLe festival ouvrira ses portes le samedi 4 janvier 2003 "
                                    "avec un concert gratuit sur la grande place.\n"))
    assert s.published is None


def test_a_day_to_come_and_the_weekday_of_writing(tmp_path):
    [s] = dated(tmp_path, ("a.txt", "Le sommet\n\nCe lundi, les diplomates se sont retrouvés à Berlin. Le sommet a été "
                                    "fixé à mercredi 11 février 2015.\n"))
    assert s.published == "2015-02-09"
