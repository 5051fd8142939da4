"""Extraction rules on small hand-written French sentences, with the real model."""
import datetime as dt

import pytest

from sitegen.extract.actors import NameCleaner
from sitegen.extract import Extractor
from sitegen.model import Source


def make_source(*paragraphs: str) -> Source:
    return Source(id="s", file="s.txt", title="Titre", paragraphs=["Titre", *paragraphs], original="")


@pytest.fixture(scope="module")
def run(nlp):
    extractor = Extractor()

    def _run(*paragraphs, reference=dt.date(2021, 3, 4)):
        src = make_source(*paragraphs)
        docs = [nlp(p.replace("’", "'")) if p else None for p in src.paragraphs]
        return extractor.extract(src, docs, reference)
    return _run


@pytest.mark.parametrize("raw, label, name", [
    ("le général Jean Dupont", "person", "Jean Dupont"),
    ("M. Le Goff", "person", "Le Goff"),
    ("Mme Durand", "person", "Durand"),
    ("la France", "place", "France"),
    ("Paul Martin.(Photo AFP", "person", "Paul Martin"),
    ("chose", "other", ""),
])
def test_names_lose_titles_and_glued_credits(raw, label, name):
    assert NameCleaner().clean(raw, label)[0] == name


def test_dated_sentence_with_participants(run):
    ex = run("La ministre Claire Morel a rencontré le 2 mars 2021 à Lyon le maire Louis Bernard.")
    [m] = ex.mentions
    assert m.timex.value == "2021-03-02"
    assert {r.canonical or r.text for r in m.actors} == {"Claire Morel", "Louis Bernard"}
    assert m.location == "Lyon"
    assert m.sentence.anchor == "p1s1"


def test_sentences_are_verbatim_and_anchored(run):
    ex = run("Le chef d’état-major Paul Roux est arrivé. Il est reparti le lendemain.")
    assert [s.text for s in ex.sentences if s.para == 1] == [
        "Le chef d’état-major Paul Roux est arrivé.", "Il est reparti le lendemain."]
    assert [s.anchor for s in ex.sentences if s.para == 1] == ["p1s1", "p1s2"]


def test_quote_with_speaker_after_it(run):
    ex = run("« Nous allons reconstruire l'école », a déclaré Mme Claire Morel devant les habitants.")
    [q] = ex.quotes
    assert q.text == "Nous allons reconstruire l'école"
    assert q.speaker is not None and (q.speaker.canonical or q.speaker.text) == "Claire Morel"


def test_quote_with_inverted_pronoun_refers_to_previous_person(run):
    ex = run("Le maire Louis Bernard a visité le chantier.", "« C'est une bonne nouvelle », a-t-il dit.")
    [q] = ex.quotes
    assert q.speaker is not None and (q.speaker.canonical or q.speaker.text) == "Louis Bernard"


def test_straight_quotes_and_anonymous_quote(run):
    ex = run('Selon une source proche du dossier, le projet est "presque prêt".')
    [q] = ex.quotes
    assert q.text == "presque prêt"
    assert q.speaker is None


def test_a_title_cut_into_sentences_is_one_anchor(nlp):
    title = "« Nous irons jusqu'au bout. » Le maire de Brest promet une enquête. Le port reste fermé."
    src = Source(id="s", file="s.txt", title=title, paragraphs=[title, "Le port de Brest est fermé."], original="")
    ex = Extractor().extract(src, [nlp(p) for p in src.paragraphs], dt.date(2021, 3, 4))
    heads = [s for s in ex.sentences if s.para == 0]
    assert len(heads) > 1 and {s.anchor for s in heads} == {"p0s1"}   # the source page anchors the title once


def test_the_parse_gives_the_tense_of_the_verb_a_date_hangs_on(nlp):
    from sitegen.extract import future_tense
    from sitegen.timex import tag_dates
    wed = dt.date(2019, 10, 2)
    for text, values in [("La réunion doit se tenir lundi à Lyon.", ["2019-10-07"]),
                         ("Le ministre a annoncé jeudi qu'il se rendra lundi à Berlin.", ["2019-09-26", "2019-10-07"]),
                         ("Il sera reçu le 4 novembre.", ["2019-11-04"]),
                         ("La réunion qui devait se tenir lundi a été annulée.", ["2019-09-30"]),
                         # an infinitive the tagger takes for a participle ("présider" Tense=Past)
                         ("» Il doit présider dimanche, dès son retour à Paris, une réunion avec le maire.",
                          ["2019-10-06"])]:
        found = tag_dates(text, wed, "fr", future_tense(nlp(text)))
        assert [t.value for t in found] == values, text
