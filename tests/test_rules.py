"""The registry of named rules (sitegen.rules), and each event rule's own effect: a
hand-written dossier built with the rule and without it."""
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen import rules
from sitegen.cache import ExtractionCache
from sitegen.model import InputError, Source

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def all_rules_on():
    rules.switch_off([])
    yield
    rules.switch_off([])


# ---------------------------------------------------------------- the registry

def test_a_rule_switched_off_returns_its_neutral_answer_without_running():
    calls = []

    @rules.rule("test.doubles", off=lambda x: x)
    def doubles(x):
        """Doubles. Second sentence."""
        calls.append(x)
        return 2 * x

    try:
        assert doubles(3) == 6 and calls == [3]
        rules.switch_off(["test.doubles"])
        assert doubles(3) == 3 and calls == [3]
        assert rules.RULES["test.doubles"] == "Doubles. Second sentence."
    finally:
        rules.switch_off([])
        del rules.RULES["test.doubles"]


def test_an_unknown_rule_name_is_one_clear_error():
    with pytest.raises(InputError, match="unknown rule.*no.such.rule.*sitegen rules"):
        rules.switch_off(["no.such.rule"])
    with pytest.raises(KeyError):
        rules.enabled("no.such.rule")
    with pytest.raises(ValueError):
        rules.declare("events.told_before", "a second rule of the same name")


def test_rules_off_come_from_the_setting_and_the_environment(monkeypatch):
    monkeypatch.setenv(rules.ENVIRONMENT, "events.told_before")
    off = rules.configured_off("events.month_joins_day, events.reported_elsewhere")
    assert off == {"events.told_before", "events.month_joins_day", "events.reported_elsewhere"}
    assert not rules.enabled("events.month_joins_day") and rules.enabled("events.one_day_shared_person")


def test_the_extraction_cache_keys_on_the_rules_switched_off(tmp_path):
    a = ExtractionCache(tmp_path, "fr_core_news_md")
    b = ExtractionCache(tmp_path, "fr_core_news_md", frozenset({"events.told_before"}))
    assert a.key("s", ["p"], None) != b.key("s", ["p"], None)


def test_sitegen_rules_lists_every_rule_with_what_it_decides():
    out = subprocess.run([sys.executable, "-m", "sitegen", "rules"], capture_output=True, text=True, check=True,
                         cwd=ROOT).stdout
    listed = {line.split()[0] for line in out.splitlines()}
    assert listed == {n for n, _ in rules.listing()} and "events.told_before" in listed
    assert all(len(line.split(None, 1)) == 2 for line in out.splitlines())      # each with its sentence


def test_every_rule_is_switched_off_by_some_test():
    """A rule is measured by a test that builds with it and without it (by its name)."""
    text = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py"))
    untested = [n for n, _ in rules.listing() if f'"{n}"' not in text]
    assert not untested, untested


def test_a_build_with_a_rule_off_in_the_settings_differs(tmp_path):
    """rules_off in sitegen.yaml reaches the build (and a wrong name stops it in one line)."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Rencontre\n\nPublié le 5 mars 2021\n\nLa ministre Hélène Lefèvre a rencontré "
                                 "le 4 mars le maire Marco Bellini.\n", encoding="utf-8")
    (seeds / "b.txt").write_text("Retour\n\nPublié le 20 avril 2021\n\nEn mars, Hélène Lefèvre avait rencontré "
                                 "Marco Bellini pour parler du port.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != rules.ENVIRONMENT}

    def events(setting: str) -> list[str]:
        (tmp_path / "sitegen.yaml").write_text(f"title: T\nrules_off: {setting}\n", encoding="utf-8")
        p = subprocess.run([sys.executable, "-m", "sitegen", "extract", "-q"], cwd=tmp_path, env=env,
                           capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
        return sorted(f.name for f in (tmp_path / "content" / "events").glob("*.md"))

    assert len(events("events.month_joins_day")) == len(events('""')) + 1
    (tmp_path / "sitegen.yaml").write_text("title: T\nrules_off: events.nope\n", encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "sitegen", "extract"], cwd=tmp_path, env=env, capture_output=True,
                       text=True)
    assert p.returncode == 1 and "unknown rule(s) events.nope" in p.stderr and "Traceback" not in p.stderr


# ---------------------------------------------------------------- each event rule, on and off

@pytest.fixture(scope="module")
def build(nlp):
    from sitegen.extract import Extractor
    from sitegen.resolve import resolve

    def _build(*articles):
        extractor = Extractor()
        extractions = []
        for n, (published, paragraphs) in enumerate(articles):
            src = Source(id=f"s{n}", file=f"s{n}.txt", title=paragraphs[0], paragraphs=list(paragraphs),
                         original="", published=published)
            docs = [nlp(p) if p else None for p in src.paragraphs]
            extractions.append(extractor.extract(src, docs, dt.date.fromisoformat(published)))
        return resolve(extractions)
    return _build


def events_of(chron):
    return sorted((e.date, e.kind, tuple(e.actors), tuple(f"{r.source}:{r.anchor}" for r in e.reports))
                  for e in chron.events)


def without(name, build, *articles):
    rules.switch_off([name] if isinstance(name, str) else name)
    try:
        return events_of(build(*articles))
    finally:
        rules.switch_off([])


ONE_MEETING_TWO_ARTICLES = (
    ("2021-03-05", ["Rencontre à Rome", "La ministre Hélène Lefèvre a rencontré jeudi le maire Marco Bellini à Rome."]),
    ("2021-03-08", ["Bilan", "Le 4 mars, Hélène Lefèvre avait rencontré Marco Bellini à Rome."]))


def test_one_day_shared_person(build):
    [meeting] = events_of(build(*ONE_MEETING_TWO_ARTICLES))
    assert meeting[3] == ("s0:p0s1", "s0:p1s1", "s1:p1s1")
    assert [e[3] for e in without("events.one_day_shared_person", build, *ONE_MEETING_TWO_ARTICLES)] == [
        ("s0:p0s1", "s0:p1s1"), ("s1:p1s1",)]


def test_other_part_of_day_one_person_in_the_morning_and_in_the_evening(build):
    """One article, one person, one day, two times of the day: two happenings."""
    article = ("2021-03-06", ["Titre", "Vendredi matin, la ministre Hélène Lefèvre a présenté le budget aux élus.",
                              "Vendredi soir, Hélène Lefèvre a rencontré le maire Marco Bellini à Rome."])
    assert len([e for e in events_of(build(article)) if e[0] == "2021-03-05"]) == 2
    assert len([e for e in without("events.other_part_of_day", build, article) if e[0] == "2021-03-05"]) == 1
    # the same time of day, or none said: one happening of that person
    same = ("2021-03-06", ["Titre", "Vendredi matin, la ministre Hélène Lefèvre a rencontré le maire Marco Bellini.",
                           "Vendredi, Hélène Lefèvre et Marco Bellini ont signé un accord."])
    assert len([e for e in events_of(build(same)) if e[0] == "2021-03-05"]) == 1


def test_bound_is_no_date_a_deadline_dates_no_happening(build):
    """'Fixé avant 2030', 'd'ici au 20 mars': when it must be done by, not when it was
    done; 'peu avant le 4 mars' says when."""
    deadline = ("2021-03-08", ["Titre", "Le ministre Paul Garnier a promis un nouvel accord avant 2030.",
                               "La maire Odile Marchal veut signer d'ici au 20 mars un accord avec la région."])
    dates = [e[0] for e in events_of(build(deadline))]
    assert "2030" not in dates and "2021-03-20" not in dates
    start = ("2021-03-08", ["Syldavie : accord à Rome sur une trêve à partir du 15 mars",
                            "Le 5 mars, la ministre Hélène Lefèvre a signé l'accord à Rome."])
    assert "2021-03-15" not in [e[0] for e in events_of(build(start))]   # when the truce starts, not the accord
    off = [e[0] for e in without("events.bound_is_no_date", build, deadline)]
    assert "2030" in off and "2021-03-20" in off
    near = ("2021-03-08", ["Titre", "Peu avant le 4 mars, le ministre Paul Garnier a signé un accord avec la région."])
    assert "2021-03-04" in [e[0] for e in events_of(build(near))]


def test_the_two_of_them_are_the_two_people_just_named(build):
    """'X et Y à leur arrivée à Rome, jeudi. Jeudi soir, les deux dirigeants ont rencontré
    Z': the two leaders are X and Y, and take part in the meeting."""
    article = ("2021-03-06", ["Titre", "Hélène Lefèvre et Odile Marchal à leur arrivée à Rome, jeudi.",
                              "Jeudi soir, les deux dirigeantes ont rencontré le maire Marco Bellini."])
    met = lambda events: {a for e in events if e[0] == "2021-03-04" and e[1] == "meeting" for a in e[2]}  # noqa: E731
    assert {"helene-lefevre", "odile-marchal", "marco-bellini"} <= met(events_of(build(article)))
    assert not {"helene-lefevre", "odile-marchal"} & met(without("events.the_two_of_them", build, article))
    # three people named in between: which two is no longer sure
    three = ("2021-03-06", ["Titre", "Hélène Lefèvre et Odile Marchal à leur arrivée à Rome, jeudi.",
                            "Paul Garnier a salué Hélène Lefèvre, Odile Marchal et Louis Bernard.",
                            "Jeudi soir, les deux dirigeantes ont rencontré le maire Marco Bellini."])
    assert not {"helene-lefevre", "odile-marchal"} & met(events_of(build(three)))


def test_other_company_other_meeting_one_person_met_twice(build):
    """One day, one mayor, two companies: two meetings, not one of four people."""
    article = ("2021-03-06", ["Titre", "Jeudi, Hélène Lefèvre et Odile Marchal ont rencontré le maire Marco Bellini "
                                       "à Rome.",
                              "Le ministre Paul Garnier s'était entretenu jeudi avec Marco Bellini à Rome."])
    meetings = lambda events: [set(e[2]) for e in events if e[0] == "2021-03-04" and e[1] == "meeting"]  # noqa: E731
    on = meetings(events_of(build(article)))
    assert len(on) == 2 and {"paul-garnier", "marco-bellini"} in [m & {"paul-garnier", "marco-bellini"} for m in on]
    assert not any({"paul-garnier", "helene-lefevre"} <= m for m in on)
    assert len(meetings(without("events.other_company_other_meeting", build, article))) == 1


def test_negated_is_no_happening(build):
    """'Les annonces n'ont pas convaincu': nothing happened that a line could tell."""
    article = ("2021-03-08", ["Titre", "Le 4 mars, la ministre Hélène Lefèvre a annoncé un plan pour le port.",
                              "Le maire Marco Bellini n'a pas réagi."])
    assert not [e for e in events_of(build(article)) if "marco-bellini" in e[2]]
    assert [e for e in without("events.negated_is_no_happening", build, article) if "marco-bellini" in e[2]]
    only = ("2021-03-08", ["Titre", "Le 4 mars, la réunion des dockers n'a duré que deux heures."])
    assert events_of(build(only))                   # "ne ... que" is no negation


def test_told_before_and_undated_main_a_headline_joins_its_articles_happening(build):
    for name in ("events.told_before", "events.undated_main_told_as_done"):
        [meeting] = without(name, build, *ONE_MEETING_TWO_ARTICLES)
        assert "s0:p0s1" not in meeting[3]              # the headline is told by nothing


def test_month_joins_day(build):
    articles = (("2021-03-05", ["Rencontre", "La ministre Hélène Lefèvre a rencontré le 4 mars le maire Marco Bellini."]),
                ("2021-04-20", ["Retour", "En mars, Hélène Lefèvre avait rencontré Marco Bellini pour parler du port."]))
    assert [e[0] for e in events_of(build(*articles))] == ["2021-03-04"]
    assert [e[0] for e in without("events.month_joins_day", build, *articles)] == ["2021-03", "2021-03-04"]


def test_reported_elsewhere(build):
    articles = (("2021-03-05", ["Visite", "Le ministre Paul Garnier a visité jeudi l'usine de Lorient."]),
                ("2021-03-06", ["Usine", "Paul Garnier a visité l'usine de Lorient, où il a rencontré les salariés."]))
    [visit] = events_of(build(*articles))
    assert visit[0] == "2021-03-04" and "s1:p1s1" in visit[3]
    off = without("events.reported_elsewhere", build, *articles)
    assert [e[0] for e in off] == ["2021-02-27/2021-03-06", "2021-03-04"]     # the undated report apart


def test_undated_by_window_and_after_named_happening(build):
    article = ("2021-03-10", ["Titre", "Le 1er mars, une tempête a frappé Brest.",
                              "Depuis cette tempête, le préfet Jean Morel a ordonné l'évacuation des quais."])
    dates = [e[0] for e in events_of(build(article))]
    assert dates == ["2021-03-01", "2021-03-01/2021-03-10"]        # after the storm it follows
    assert [e[0] for e in without("events.after_named_happening", build, article)] == [
        "2021-03-01", "2021-03-03/2021-03-10"]                     # only the window before publication
    assert [e[0] for e in without("events.undated_by_window", build, article)] == ["2021-03-01"]
    # the storm named again in passing ("cette tempête") reports the storm
    assert len(without("events.nouns_in_passing", build, article)[0][3]) == 1


def test_same_range_same_people(build):
    articles = (("2021-03-05", ["Appel", "Le préfet Jean Morel a ordonné l'évacuation du quartier des Halles."]),
                ("2021-03-07", ["Halles", "Jean Morel a ordonné l'évacuation des Halles, a indiqué la mairie."]))
    [order] = events_of(build(*articles))
    assert order[3] == ("s0:p1s1", "s1:p1s1")
    # either rule alone makes them one: the second merges what the first left apart
    assert len(without("events.same_range_same_people", build, *articles)) == 1
    assert len(without("events.merge_overlapping_ranges", build, *articles)) == 1
    assert len(without(["events.same_range_same_people", "events.merge_overlapping_ranges"], build, *articles)) == 2


def test_pronoun_subject_goes_on_with_the_person_named_before(build):
    article = ("2021-03-05", ["Titre", "Le 2 mars, le maire Louis Bernard a été réélu.",
                              "Le sénateur Marc Dubois est un homme de dialogue. Il a opéré un rapprochement avec "
                              "les écologistes."])
    assert any(e[2] == ("marc-dubois",) for e in events_of(build(article)))
    assert not any(e[2] == ("marc-dubois",) for e in without("events.pronoun_subject", build, article))


def test_passing_known_people_and_subordinate_happenings(build):
    articles = (("2021-03-05", ["Titre", "Le 2 mars, la ministre Hélène Lefèvre et le maire Marco Bellini ont signé "
                                         "un accord à Rome."]),
                ("2021-03-09", ["Suite", "La mission fixée par Hélène Lefèvre et Marco Bellini lors de l'accord "
                                         "commence."]))
    [agreement] = events_of(build(*articles))
    assert agreement[3] == ("s0:p1s1", "s1:p1s1")
    for name in ("events.passing_known_people", "events.subordinate_happenings"):
        assert [e[3] for e in without(name, build, *articles)] == [("s0:p1s1",)]


def test_story_goes_on_same_day(build):
    article = ("2021-03-10", ["Titre", "Le 2 mars, des inondations ont ravagé Nîmes.",
                              "La préfète Anne Roy a condamné les pillages dans les quartiers touchés."])
    # the prefect's condemnation is on the day of the floods, a happening of her own
    assert [e[0] for e in events_of(build(article))] == ["2021-03-02", "2021-03-02"]
    assert [e[0] for e in without("events.story_goes_on_same_day", build, article)] == [
        "2021-03-02", "2021-03-03/2021-03-10"]


def test_passing_same_thing_a_ships_arrival_named_in_passing(build):
    articles = (("2021-03-04", ["Titre", "La frégate Jean Bart arrivera le 12 mars en Crète."]),
                ("2021-03-05", ["Titre", "En outre, comme la frégate Jean Bart doit arriver très bientôt en Crète "
                                         "pour mener des patrouilles, le ministre Paul Martin a reporté sa visite."]),
                ("2021-03-06", ["Titre", "La Grèce a fermé deux ports, et la Turquie a envoyé la frégate Jean Bart."]))
    arrival = [e for e in events_of(build(*articles)) if e[0] == "2021-03-12"]
    assert arrival[0][3] == ("s0:p1s1", "s1:p1s1", "s2:p1s1")
    arrival = [e for e in without("events.passing_same_thing", build, *articles) if e[0] == "2021-03-12"]
    assert arrival[0][3] == ("s0:p1s1", "s1:p1s1")          # the frigate's arrival "en Crète": same word, place
    # without the same word at the same place, the same ship at the same place still finds it
    arrival = [e for e in without("events.passing_same_word_place", build, *articles) if e[0] == "2021-03-12"]
    assert arrival[0][3] == ("s0:p1s1", "s1:p1s1", "s2:p1s1")
    arrival = [e for e in without(["events.passing_same_word_place", "events.passing_same_thing"], build, *articles)
               if e[0] == "2021-03-12"]
    assert arrival[0][3] == ("s0:p1s1",)


def test_apposed_noun_dated_a_date_set_off_after_an_event_noun(build):
    article = ("2021-10-10", ["Titre", "Le maire Louis Bernard a visité les quartiers touchés par les inondations, "
                                       "le 3 octobre."])
    assert ("2021-10-03", "disaster") in [e[:2] for e in events_of(build(article))]
    assert ("2021-10-03", "meeting") in [e[:2] for e in without("events.apposed_noun_dated", build, article)]


def test_speaker_takes_part_in_what_the_sentence_tells(build):
    article = ("2021-03-05", ["Titre", "Le général Paul Garnier a rencontré jeudi le maire Louis Bernard.",
                              "« Des rebelles ont attaqué la caserne jeudi soir », a indiqué le général Paul Garnier."])
    assert any(e[1] == "attack" and "paul-garnier" in e[2] for e in events_of(build(article)))
    assert not any(e[1] == "attack" and "paul-garnier" in e[2]
                   for e in without("events.speaker_takes_part", build, article))


def test_kind_from_object_a_verb_saying_little_does_what_its_object_names(build):
    article = ("2021-03-05", ["Titre", "Le sénateur Marc Dubois a opéré jeudi un rapprochement avec la maire Anne Roy."])
    assert [e[1] for e in events_of(build(article))] == ["decision"]
    assert [e[1] for e in without("events.kind_from_object", build, article)] == ["other"]


def test_worth_an_event_a_country_alone_makes_no_undated_event(build):
    article = ("2021-03-05", ["Titre", "Le 2 mars, des inondations ont frappé Nîmes.", "",
                              "Plus tard, la France a condamné les pillages."])
    assert [e[0] for e in events_of(build(article))] == ["2021-03-02"]
    assert [e[2] for e in without("events.worth_an_event", build, article)] == [("france",), ()]


def test_unnamed_joins_day_the_one_happening_of_a_kind_its_words_name(build):
    joins = (("2021-03-05", ["Titre", "Le 4 mars, la ministre Hélène Lefèvre a rencontré le maire Marco Bellini à Rome."]),
             ("2021-03-06", ["Titre", "Le 4 mars, une rencontre a eu lieu à Rome, selon la mairie."]))
    assert [e[3] for e in events_of(build(*joins))] == [("s0:p1s1", "s1:p1s1")]
    assert len(without("events.unnamed_joins_day", build, *joins)) == 2
    # a happening told with no word of a kind ("a parlé") takes in no report naming nobody
    apart = (("2021-03-05", ["Titre", "Le 4 mars, le maire Louis Bernard a parlé aux habitants du quartier."]),
             ("2021-03-06", ["Titre", "Le 4 mars, une réunion s'est tenue à Rome."]))
    assert len(events_of(build(*apart))) == 2


def test_unnamed_joins_day_a_statement_of_nobody_named_stays_apart(build):
    """'A déclaré un conseiller' names no one the dossier knows: the day's meeting is
    not what an unknown speaker said."""
    articles = (("2021-03-05", ["Titre", "Le 4 mars, la ministre Hélène Lefèvre a rencontré le maire Marco Bellini à Rome."]),
                ("2021-03-06", ["Titre", "Le 4 mars, un conseiller a déclaré que la ville refuserait le projet."]))
    assert [e[3] for e in events_of(build(*articles))] == [("s0:p1s1",), ("s1:p1s1",)]


def test_news_is_recent_a_headline_is_not_what_its_article_recalls(build):
    """The article of 22 March recalls, in the pluperfect, the first march of 1 March;
    its news, told in the present and the passé composé, is not that march."""
    article = ("2021-03-22", ["Les agriculteurs tournent à l'émeute à Rennes",
                              "La troisième manifestation des agriculteurs a tourné à l'émeute à Rennes.",
                              "Le 1er mars, 3 000 agriculteurs avaient manifesté à Rennes."])
    def first_march(events):
        return [e[3] for e in events if e[0] == "2021-03-01"]
    assert first_march(events_of(build(article))) == [("s0:p2s1",)]
    assert first_march(without("events.news_is_recent", build, article)) != [("s0:p2s1",)]


def test_possessive_agent_lors_de_sa_visite(build):
    article = ("2021-03-05", ["Titre", "Le ministre Paul Garnier a salué les ouvriers lors de sa visite du 4 mars à "
                                       "Lorient."])
    assert [e[:3] for e in events_of(build(article))] == [("2021-03-04", "meeting", ("paul-garnier",))]
    assert ("2021-03-04", "meeting", ()) in [e[:3] for e in without("events.possessive_agent", build, article)]


def test_goes_on_next_sentence_a_pronoun_goes_on_with_the_same_story(build):
    article = ("2021-03-10", ["Titre", "Le 1er mars, une tempête a frappé Brest.",
                              "Le sénateur Marc Dubois a annoncé un plan d'aide. Il a aussi décidé une enquête sur "
                              "les digues."])
    assert ("s0:p2s1", "s0:p2s2") in [e[3] for e in events_of(build(article))]
    assert ("s0:p2s1", "s0:p2s2") not in [e[3] for e in without("events.goes_on_next_sentence", build, article)]


def test_attack_by_object_a_verb_of_attack_with_no_target_is_no_attack(build):
    launched = ("2015-02-12", ["Titre", "Le sommet est l'aboutissement d'une navette diplomatique lancée le 5 février "
                                        "par Hélène Lefèvre."])
    hammer = ("2015-12-13", ["Titre", "Hier soir, le ministre Paul Garnier a abattu son petit marteau sur le pupitre."])
    gavel = ("2015-12-13", ["Titre", "Il était un peu moins de 19h30, hier soir, quand Paul Garnier a abattu son "
                                     "petit marteau vert sur le pupitre de la salle plénière de Villepinte."])
    assert [e[1] for e in events_of(build(gavel))] == ["other"]        # a possessive: his own gavel, no weapon
    for article in (launched, hammer):
        assert [e[1] for e in events_of(build(article))] == ["other"]
        assert [e[1] for e in without("events.attack_by_object", build, article)] == ["attack"]
    for attack in ("Le 5 février, les rebelles ont lancé des roquettes sur Marioupol.",
                   "Le 5 février, l'armée a abattu un drone au-dessus de Donetsk.",
                   "Le 5 février, des soldats ont tiré sur la foule à Kiev."):
        assert [e[1] for e in events_of(build(("2015-02-12", ["Titre", attack])))] == ["attack"]


RICH = (("2021-03-05", ["Rencontre à Rome", "Le 4 mars, la ministre Hélène Lefèvre a rencontré le maire Marco Bellini "
                                            "à Rome, lors de sa visite.",
                        "« Nous avons beaucoup parlé du port », a-t-elle déclaré. Le Hezbollah a démenti.",
                        "Selon l'Organisation mondiale de la santé (OMS), les casseurs ont tiré sur la foule à Kiev."]),
        ("2021-03-08", ["Bilan", "Les présidents français et russe avaient convenu d'une trêve. Moscou a annoncé "
                                 "jeudi l'envoi de la frégate Jean Bart, a indiqué le Kremlin."]))


def test_any_rule_switched_off_still_builds(build, rules_off):
    """A rule's answer when off (its `off` value) fits where the pipeline uses it."""
    for name, _ in rules.listing():
        if name.startswith("ingest."):
            continue                      # ingest rules read files: tested in test_ingest
        rules_off(name)
        assert build(*RICH).events, name


def test_noun_in_a_name_the_order_of_the_forces_de_l_ordre_is_no_order(build):
    """"Les forces de l'ordre" give no order, "le Conseil de sécurité" holds no meeting."""
    article = ("2021-03-08", ["Titre", "Des manifestants face aux forces de l'ordre à Rennes, samedi."])
    assert "order" not in [e[1] for e in events_of(build(article))]
    assert "order" in [e[1] for e in without("events.noun_in_a_name", build, article)]


def test_present_of_the_news_is_the_day_of_writing(build):
    """'Le ministre dénonce ...' in a news report: what he did the day it was written;
    'tirent souvent' is a habit, no happening of that day."""
    article = ("2021-03-08", ["Titre", "Le ministre Paul Garnier dénonce les violences commises à Rennes."])
    assert [e[:2] for e in events_of(build(article))] == [("2021-03-08", "statement")]
    assert without("events.present_of_the_news", build, article) == []
    habit = ("2021-03-08", ["Titre", "Les rebelles tirent souvent des obus sur la ville de Rennes."])
    assert events_of(build(habit)) == []
    # after a day the article recalls, the present is still the day of writing
    after = ("2021-03-08", ["Titre", "La veille, le maire Louis Bernard avait reçu les pêcheurs du port.",
                            "Le préfet Jean Morel dénonce les violences commises à Rennes."])
    assert [e[0] for e in events_of(build(after)) if "jean-morel" in e[2]] == ["2021-03-08"]


def test_participle_of_a_noun_and_title_by_noun_phrase(build, rules_off):
    """'... ont bloqué les péages contre la hausse des impôts prévue au 1er janvier': the
    rise of 1 January is no blockade; its line on the timeline says 'La hausse des
    impôts prévue au 1er janvier', not the sentence of the blockade, which happened
    another day."""
    article = ("2021-03-08", ["Titre", "Hier, des milliers de retraités ont bloqué les péages contre la hausse des "
                                       "impôts prévue au 1er janvier."])
    titles = {e.date: e.title for e in build(article).events}
    assert titles["2022-01-01"] == "La hausse des impôts prévue au 1er janvier"
    assert titles["2021-03-07"].startswith("Hier, des milliers de retraités")
    for rule in ("events.participle_of_a_noun", "events.title_by_noun_phrase"):
        rules_off(rule)
        titles = {e.date: e.title for e in build(article).events}
        assert titles.get("2022-01-01") != "La hausse des impôts prévue au 1er janvier"


def test_live_blog_day_an_entry_without_date_is_on_the_day_of_the_live(nlp, rules_off):
    """Entries of a live blog ("8h45 — ...", the stamps taken out of the text) tell the day
    it is written: 'la maire a dénoncé' is that day, not a week before it."""
    from sitegen.extract import Extractor
    from sitegen.resolve import resolve
    paragraphs = ["DIRECT. Manifestation à Rennes", "Des milliers de personnes défilent à Rennes.",
                  "La maire Anne Duval a dénoncé les violences commises contre les commerces."]
    src = Source(id="s0", file="s0.txt", title=paragraphs[0], paragraphs=paragraphs, original="",
                 published="2021-03-06", removed=["8h45 —", "11h30 —", "Menu"])

    def dates():
        ex = Extractor().extract(src, [nlp(p) for p in paragraphs], dt.date(2021, 3, 6))
        return [e.date for e in resolve([ex]).events if "anne-duval" in e.actors]
    assert dates() == ["2021-03-06"]
    rules_off("events.live_blog_day")
    assert dates() == ["2021-02-27/2021-03-06"]
# ---------------------------------------------------------------- kinds: the predicate and its arguments

def kinds_of(events, date):
    return [e[1] for e in events if e[0] == date]


def test_kind_by_phrase_a_light_verb_and_its_noun_say_the_kind(build):
    """'Ouvrir une enquête', 'mettre le feu à', 'prendre la parole': the verb alone says
    no kind ('ouvrir') or another one ('mettre' is a statement in 'mettre en garde')."""
    inquiry = ("2021-03-05", ["Titre", "Le 4 mars, la procureure Claire Vautrin a ouvert une enquête sur l'effondrement."])
    fire = ("2021-03-05", ["Titre", "Le 4 mars, des manifestants ont mis le feu à la mairie de Vierzon."])
    speech = ("2021-03-05", ["Titre", "Le 4 mars, la sénatrice Odile Marchal a pris la parole devant les élus."])
    call = ("2021-03-05", ["Titre", "Le 4 mars, la ministre Hélène Lefèvre s'est entretenue au téléphone avec le "
                                    "maire Marco Bellini."])
    for article, kind in ((inquiry, "justice"), (fire, "attack"), (speech, "statement"), (call, "phone_call")):
        assert kinds_of(events_of(build(article)), "2021-03-04") == [kind]
        assert kinds_of(without("events.kind_by_phrase", build, article), "2021-03-04") != [kind]


def test_kind_by_phrase_a_statement_phrase_reports_the_happening_it_names(build):
    """'Le préfet fait état de 40 interpellations': what is reported is the arrests."""
    article = ("2021-03-05", ["Titre", "Le 4 mars, le préfet Gilles Aubert a fait état de quarante interpellations."])
    assert kinds_of(events_of(build(article)), "2021-03-04") == ["justice"]
    said = ("2021-03-05", ["Titre", "Le 4 mars, le préfet Gilles Aubert a fait part de son inquiétude."])
    assert kinds_of(events_of(build(said)), "2021-03-04") == ["statement"]
    assert kinds_of(without("events.kind_by_phrase", build, said), "2021-03-04") == ["other"]


def test_kind_by_phrase_what_is_occupied_or_blocked_says_a_protest(build):
    """'Occuper un rond-point', 'bloquer une route', 'un barrage filtrant' are how a
    protest is told; 'bloquer une résolution' is none."""
    roads = ("2021-03-05", ["Titre", "Le 4 mars, des agriculteurs ont bloqué la route nationale près de Vierzon."])
    squares = ("2021-03-05", ["Titre", "Le 4 mars, des centaines de lycéens ont occupé la place de la mairie."])
    for article in (roads, squares):
        assert kinds_of(events_of(build(article)), "2021-03-04") == ["protest"]
        assert kinds_of(without("events.kind_by_phrase", build, article), "2021-03-04") != ["protest"]
    vote = ("2021-03-05", ["Titre", "Le 4 mars, la Syldavie a bloqué la résolution du Conseil."])
    assert "protest" not in kinds_of(events_of(build(vote)), "2021-03-04")


def test_kind_of_what_took_place_is_its_subject(build):
    """'La réunion, qui a eu lieu le 4 mars', 'le sommet s'est tenu le 4 mars': the verb
    says only that it took place; the noun says what."""
    relative = ("2021-03-08", ["Titre", "Au cours de la réunion, qui a eu lieu le 4 mars, les deux maires ont parlé "
                                        "du budget."])
    reflexive = ("2021-03-08", ["Titre", "Le sommet des maires s'est tenu le 4 mars à Vierzon."])
    for article in (relative, reflexive):
        assert kinds_of(events_of(build(article)), "2021-03-04") == ["meeting"]
        assert kinds_of(without("events.kind_of_what_took_place", build, article), "2021-03-04") == ["other"]
    planned = ("2021-03-01", ["Titre", "Un rassemblement des enseignants est prévu le 4 mars devant la mairie."])
    assert kinds_of(events_of(build(planned)), "2021-03-04") == ["protest"]
    assert kinds_of(without("events.kind_of_what_took_place", build, planned), "2021-03-04") != ["protest"]


def test_said_by_attack_verb_lancer_before_a_quotation_is_a_statement(build):
    colon = ("2021-03-05", ["Titre", "Le 4 mars, le député Hugo Perrin avait lancé : « Nous ne voterons pas ce texte. »"])
    incise = ("2021-03-05", ["Titre", "« Nous ne voterons pas ce texte », a lancé le 4 mars le député Hugo Perrin."])
    for article in (colon, incise):
        assert kinds_of(events_of(build(article)), "2021-03-04") == ["statement"]
        assert kinds_of(without("events.said_by_attack_verb", build, article), "2021-03-04") == ["attack"]
    # a weapon fired is still an attack, even with a quotation later in the sentence
    fired = ("2021-03-05", ["Titre", "Le 4 mars, les rebelles ont tiré des obus sur Lysytchansk, selon « la mairie »."])
    assert kinds_of(events_of(build(fired)), "2021-03-04") == ["attack"]


def test_kind_of_subject_a_storm_that_strikes_is_no_attack(build):
    article = ("2021-03-05", ["Titre", "Le 4 mars, une tempête a frappé Saint-Malo."])
    assert kinds_of(events_of(build(article)), "2021-03-04") == ["disaster"]
    assert kinds_of(without("events.kind_of_subject", build, article), "2021-03-04") == ["attack"]
    attack = ("2021-03-05", ["Titre", "Le 4 mars, des soldats ont frappé Saint-Malo."])
    assert kinds_of(events_of(build(attack)), "2021-03-04") == ["attack"]


def test_arrest_by_object_arreter_is_an_arrest_only_of_someone(build):
    stop = ("2021-03-05", ["Titre", "Le 4 mars, le cortège du ministre Paul Garnier s'est arrêté à Vierzon."])
    settled = ("2021-03-05", ["Titre", "Le 4 mars, le calendrier des travaux a été arrêté par la maire Odile Marchal."])
    for article in (stop, settled):
        assert kinds_of(events_of(build(article)), "2021-03-04") != ["justice"]
        assert kinds_of(without("events.arrest_by_object", build, article), "2021-03-04") == ["justice"]
    for arrest in ("Le 4 mars, la police a arrêté trois suspects à Vierzon.",
                   "Le 4 mars, le maire Paul Garnier a été arrêté à Vierzon."):
        assert kinds_of(events_of(build(("2021-03-05", ["Titre", arrest]))), "2021-03-04") == ["justice"]


def test_said_before_quotation_a_colon_and_a_quotation_make_a_statement(build):
    article = ("2021-03-05", ["Titre", "Le 4 mars, la sénatrice Odile Marchal a donné le ton : « Nous ne céderons rien. »"])
    assert kinds_of(events_of(build(article)), "2021-03-04") == ["statement"]
    assert kinds_of(without("events.said_before_quotation", build, article), "2021-03-04") == ["other"]
    # a colon before a list is no quotation
    listed = ("2021-03-05", ["Titre", "Le 4 mars, la sénatrice Odile Marchal a visité trois sites : Vierzon, Bourges et Issoudun."])
    assert kinds_of(events_of(build(listed)), "2021-03-04") != ["statement"]


def test_other_people_other_doing_the_story_goes_on_with_someone_else(build):
    """The story goes on that day, but what someone else did next is their own happening."""
    article = ("2021-03-08", ["Titre", "Le 4 mars, le maire Louis Bernard a rencontré les habitants du port.",
                              "Puis le préfet Jean Morel a présenté son plan de sauvetage aux pêcheurs."])
    on_day = [e[2] for e in events_of(build(article)) if e[0] == "2021-03-04"]
    assert sorted(on_day) == [("jean-morel",), ("louis-bernard",)]
    off = [e for e in without("events.other_people_other_doing", build, article) if e[0] == "2021-03-04"]
    assert len(off) == 1 and len(off[0][3]) == 2          # both reports on one event
# ---------------------------------------------------------------- participants: who took part in each event

def _actors_on(events, date):
    return {a for e in events if e[0] == date for a in e[2]}


def test_state_where_is_no_participant_a_meeting_in_a_country(build):
    article = ("2021-03-05", ["Titre", "Le 4 mars, le ministre Paul Garnier a rencontré le maire Louis Bernard en Bolivie."])
    assert "bolivie" not in _actors_on(events_of(build(article)), "2021-03-04")
    assert "bolivie" in _actors_on(without("events.state_where_is_no_participant", build, article), "2021-03-04")


def test_copular_clause_of_its_own_keeps_its_actors(build):
    article = ("2021-03-06", ["Titre", "Le 5 mars, Paul Garnier a rencontré Louis Bernard à Lisbonne, où les deux "
                                       "délégations sont en désaccord avec le Chili sur la pêche."])
    assert "chili" not in _actors_on(events_of(build(article)), "2021-03-05")
    assert "chili" in _actors_on(without("events.copular_clause_of_its_own", build, article), "2021-03-05")


def test_role_complement_is_no_participant_the_institution_a_person_heads(build):
    article = ("2021-03-09", ["Titre", "Le 8 mars, Hugo Ferrand, directeur de la Banque centrale du Chili, "
                                       "a rencontré Louis Bernard."])
    on = _actors_on(events_of(build(article)), "2021-03-08")
    off = _actors_on(without("events.role_complement_is_no_participant", build, article), "2021-03-08")
    assert {"hugo-ferrand", "louis-bernard"} <= on and off - on and not on - off


def test_label_is_no_speech_a_group_label_in_guillemets(nlp, rules_off):
    from sitegen.extract import Extractor
    from sitegen.resolve.events import _labels, label_is_no_speech
    paragraphs = ["Titre", "Le 6 mars, des milliers de « bonnets verts » ont occupé les ronds-points, "
                           "« pour rien », a regretté le maire Louis Bernard."]
    src = Source(id="s0", file="s0.txt", title="Titre", paragraphs=paragraphs, original="", published="2021-03-07")
    ex = Extractor().extract(src, [nlp(p) for p in paragraphs], dt.date(2021, 3, 7))
    labels = _labels(ex)
    said = {q.text: label_is_no_speech(q, labels) for q in ex.quotes}
    assert said.get("bonnets verts") is True and said.get("pour rien") is False
    rules_off("events.label_is_no_speech")
    assert not any(label_is_no_speech(q, labels) for q in ex.quotes)


def test_role_complement_is_no_participant_countries_of_unnamed_presidents(build):
    article = ("2021-03-11", ["Titre", "Le 9 mars, les présidents de la Bolivie et du Chili ont rencontré le ministre "
                                       "Paul Garnier à Lima.",
                              "Le 10 mars, les présidents de la Bolivie et du Chili ont signé un accord à Lima."])
    events = events_of(build(article))
    assert _actors_on(events, "2021-03-09") == {"paul-garnier"}
    assert {"bolivie", "chili"} <= _actors_on(events, "2021-03-10")     # no one else: they stand for them
    off = without("events.role_complement_is_no_participant", build, article)
    assert {"bolivie", "chili"} <= _actors_on(off, "2021-03-09")


def test_announcer_is_no_participant_of_the_meeting_it_announces(build):
    article = ("2021-03-05", ["Titre", "La ministre Hélène Lefèvre a rencontré jeudi le maire Marco Bellini à Rome.",
                              "Selon un communiqué diffusé par le ministère italien de la Culture, cette réunion "
                              "s'est tenue dans une ambiance cordiale."])
    on = _actors_on(events_of(build(article)), "2021-03-04")
    off = _actors_on(without("events.announcer_is_no_participant", build, article), "2021-03-04")
    assert {"helene-lefevre", "marco-bellini"} <= on
    assert [a for a in off - on if "culture" in a] and not on - off


def test_compared_is_no_participant_a_sentence_opening_on_a_comparison(build):
    article = ("2021-03-20", ["Titre", "À l'instar de l'Espagne, le Portugal a décidé le 17 mars de fermer ses "
                                       "frontières."])
    assert "espagne" not in _actors_on(events_of(build(article)), "2021-03-17")
    assert "espagne" in _actors_on(without("events.compared_is_no_participant", build, article), "2021-03-17")


def test_source_is_no_participant_of_the_figure_it_gives(build):
    article = ("2021-03-08", ["Titre", "Vendredi, 5 000 personnes ont défilé à Nantes d'après la CGT.",
                              "Selon le ministère de l'Intérieur, 8 000 personnes ont manifesté jeudi à Lille."])
    on = events_of(build(article))
    off = without("events.source_is_no_participant", build, article)
    assert "cgt" not in _actors_on(on, "2021-03-05") and "cgt" in _actors_on(off, "2021-03-05")
    assert not [a for a in _actors_on(on, "2021-03-04") if "interieur" in a]
    assert [a for a in _actors_on(off, "2021-03-04") if "interieur" in a]


def test_possessive_in_a_caption_the_people_it_opens_on(build):
    article = ("2021-03-11", ["Titre", "Paul Garnier et Louis Bernard lors de leur visite du chantier naval, mardi matin."])
    assert {"paul-garnier", "louis-bernard"} <= _actors_on(events_of(build(article)), "2021-03-09")
    assert not _actors_on(without("events.possessive_in_a_caption", build, article), "2021-03-09")


def test_title_by_noun_phrase_a_relative_clause_tells_its_own_happening(build, rules_off):
    """'..., où l'armée mène depuis le 30 septembre une campagne de frappes': the line of
    30 September says the campaign, not the strike of Tuesday its sentence tells."""
    article = ("2021-03-05", ["Titre", "Des bombardiers ont frappé mardi des positions rebelles près de Homs, où "
                                       "l'armée mène depuis le 30 septembre une campagne de frappes."])
    titles = {e.date: e.title for e in build(article).events}
    assert titles["2020-09-30"] == "L'armée mène depuis le 30 septembre une campagne de frappes"
    rules_off("events.title_by_noun_phrase")
    off = {e.date: e.title for e in build(article).events}
    assert off["2020-09-30"].startswith("Des bombardiers ont frappé mardi")
