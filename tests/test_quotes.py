"""Quotations and their speakers, on hand-written French sentences, with the real model."""
import datetime as dt

import pytest

from sitegen.extract import Extractor
from sitegen.model import Source
from sitegen.extract.quotes import quote_spans
from sitegen.resolve import resolve


def speaker_name(q):
    return None if q.speaker is None else (q.speaker.canonical or q.speaker.text)


@pytest.fixture(scope="module")
def run(nlp):
    extractor = Extractor()

    def _run(*paragraphs, sid="s"):
        src = Source(id=sid, file=f"{sid}.txt", title="Titre", paragraphs=["Titre", *paragraphs], original="")
        docs = [nlp(p.replace("’", "'")) if p else None for p in src.paragraphs]
        return extractor.extract(src, docs, dt.date(2021, 3, 4))
    return _run


def test_spans_nested_and_unclosed():
    text = "« Des manifestants qui se disent \"Les Verts\" ont défilé », a dit Paul. Et « rien"
    spans = [text[s.start:s.end] for s in quote_spans(text, [["«", "»"], ['"', '"']])]
    assert spans == ['Des manifestants qui se disent "Les Verts" ont défilé', "Les Verts"]


def test_inverted_subject_after_a_verb_of_speech(run):
    ex = run("« Les travaux commenceront en mai », a annoncé le ministère italien de la Culture.")
    assert speaker_name(ex.quotes[0]) == "ministère italien de la Culture"


@pytest.mark.parametrize("verb", ["a réagi", "a détaillé", "a souri", "a rétorqué", "a regretté"])
def test_verbs_of_reaction_introduce_a_speaker_too(run, verb):
    ex = run(f"« Ce n'est pas à la hauteur », {verb} la députée Anne Roy.")
    assert speaker_name(ex.quotes[0]) == "Anne Roy"


def test_a_quote_of_two_sentences_is_one_quote(run):
    ex = run("« Le chantier a duré un an. Il est fini », a expliqué la maire Anne Roy.")
    assert [q.text for q in ex.quotes] == ["Le chantier a duré un an. Il est fini"]
    assert speaker_name(ex.quotes[0]) == "Anne Roy"


def test_pronoun_after_the_verb_takes_the_previous_speaker(run):
    ex = run("La ministre Claire Morel a visité l'usine.",
             "« Nous allons investir », a-t-elle dit. « Les salariés seront consultés », a-t-elle ajouté.")
    assert [speaker_name(q) for q in ex.quotes] == ["Claire Morel", "Claire Morel"]


def test_relative_pronoun_takes_its_noun(run):
    ex = run("Le maire de Lyon, Louis Bernard, qui prône une « ville apaisée », a présenté son plan.")
    assert speaker_name(ex.quotes[0]) == "Louis Bernard"


def test_selon(run):
    ex = run("Le pont sera « rouvert avant l'été », selon Paul Garnier.")
    assert speaker_name(ex.quotes[0]) == "Paul Garnier"


def test_subject_of_the_verb_the_quote_depends_on(run):
    ex = run("Marc Viel a demandé aux élus de « travailler ensemble ».")
    assert speaker_name(ex.quotes[0]) == "Marc Viel"


def test_anonymous_source_stays_unnamed(run):
    ex = run("« Rien n'est décidé », a confié une source proche du ministre Paul Garnier.")
    assert ex.quotes[0].speaker is None and ex.quotes[0].status == "anonymous"


def test_several_speakers_at_once_are_joint(run):
    ex = run("« Nous sommes d'accord », ont déclaré Anne Roy et Marc Viel.")
    assert ex.quotes[0].speaker is None and ex.quotes[0].status == "joint"


def test_a_role_phrase_stands_for_the_person_it_was_bound_to(run):
    ex = run("La ministre française de la Culture, Hélène Lefèvre, a reçu les directeurs.",
             "« Les musées resteront ouverts », a affirmé la ministre française.")
    chron = resolve([ex])
    names = {a.id: a.name for a in chron.actors}
    assert names.get(chron.quotes[0].speaker_id) == "Hélène Lefèvre"


def test_same_words_quoted_elsewhere_give_the_speaker(run):
    a = run("Paul Garnier a promis une « ville apaisée » aux habitants.", sid="a")
    b = run("Une « ville apaisée » : le mot revient dans tous les débats.", sid="b")
    chron = resolve([a, b])
    q = next(q for q in chron.quotes if q.sentence.source == "b")
    assert {x.id: x.name for x in chron.actors}.get(q.speaker_id) == "Paul Garnier"
