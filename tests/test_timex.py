import datetime as dt

import pytest

from sitegen.timex import tag_dates

REF = dt.date(2021, 3, 4)   # a Thursday


def values(text, ref=REF):
    return [(t.text, t.value, t.precision) for t in tag_dates(text, ref)]


@pytest.mark.parametrize("text, expected", [
    ("Il est arrivé le 19 novembre.", ("le 19 novembre", "2020-11-19", "day")),
    ("Réunion mercredi 23 décembre 2015 à Paris.", ("mercredi 23 décembre 2015", "2015-12-23", "day")),
    ("Signé le 2 décembre 2015.", ("le 2 décembre 2015", "2015-12-02", "day")),
    ("Un rapport de novembre 2015 le dit.", ("de novembre 2015", "2015-11", "month")),
    ("Publié le 06/02/2015.", ("le 06/02/2015", "2015-02-06", "day")),
    ("Le 1er mai 1962, tout a changé.", ("Le 1er mai 1962", "1962-05-01", "day")),
    ("Cela date du printemps 2014.", ("du printemps 2014", "2014-SP", "season")),
    ("Ils se sont vus en 2014.", ("2014", "2014", "year")),
    ("Elle l'a dit hier.", ("hier", "2021-03-03", "day")),
    ("Le texte sera voté demain.", ("demain", "2021-03-05", "day")),
    ("fin octobre, rien n'était prêt", ("fin octobre", "2020-10", "month")),
])
def test_single_expressions(text, expected):
    assert values(text) == [expected]


def test_year_is_carried_back_over_a_coordination():
    found = values("ils se sont parlé le 19 novembre et le 2 décembre 2015, puis", None)
    assert found == [("le 19 novembre", "2015-11-19", "day"), ("le 2 décembre 2015", "2015-12-02", "day")]


def test_interval_and_its_two_ends():
    found = tag_dates("en cinq jours du 18 au 23 décembre, les avions", REF)
    assert [(t.text, t.type, t.value, t.in_range) for t in found] == [
        ("du 18 au 23 décembre", "DURATION", "2020-12-18/2020-12-23", False),
        ("18", "DATE", "2020-12-18", True),
        ("23 décembre", "DATE", "2020-12-23", True)]


def test_bare_weekday_is_the_most_recent_one():
    assert values("Le ministre a parlé lundi.") == [("lundi", "2021-03-01", "day")]
    assert values("Le ministre a parlé jeudi.") == [("jeudi", "2021-03-04", "day")]


def test_weekday_is_checked_by_the_calendar_not_trusted():
    # 23 December 2015 was a Wednesday: the written date wins, the weekday only decorates it
    assert values("mercredi 23 décembre 2015")[0][1] == "2015-12-23"


def test_relative_dates_need_a_reference():
    found = tag_dates("Il est venu hier et jeudi.", None)
    assert [t.value for t in found] == [None, None]


@pytest.mark.parametrize("text", [
    "1093 cibles détruites", "4.111 cibles en Syrie", "la loi 78-17 s'applique", "un Su-34 a décollé",
    "à 48 km de la ville", "près de 2 900 Russes", "des navires en mer", "un total de 2.299 sorties",
])
def test_numbers_that_are_not_dates(text):
    assert tag_dates(text, REF) == []


def test_offsets_point_into_the_text():
    text = "Il l'a annoncé le 3 mars 2021 à Rome."
    for t in tag_dates(text, REF):
        assert text[t.start:t.end] == t.text
