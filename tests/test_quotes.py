"""Quotations and their speakers, on hand-written French sentences, with the real model."""
import datetime as dt

import pytest

from sitegen.extract import Extractor
from sitegen.model import Source
from sitegen.extract.quotes import quote_spans
from sitegen.resolve import resolve


def speaker_name(q):
    return None if q.speaker is None else (q.speaker.canonical or q.speaker.text)


def resolved_speakers(*extractions, source=None):
    """The names of the quotations' speakers once the dossier is resolved (of one source's
    quotations when given)."""
    chron = resolve(list(extractions))
    names = {a.id: a.name for a in chron.actors}
    return [names.get(q.speaker_id) for q in chron.quotes if source is None or q.sentence.source == source]


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
    assert resolved_speakers(ex)[0] == "Hélène Lefèvre"


def test_same_words_quoted_elsewhere_give_the_speaker(run):
    a = run("Paul Garnier a promis une « ville apaisée » aux habitants.", sid="a")
    b = run("Une « ville apaisée » : le mot revient dans tous les débats.", sid="b")
    assert resolved_speakers(a, b, source="b")[0] == "Paul Garnier"


# ---------------------------------------------------------------- named rules of the cascade

def test_the_cascade_is_made_of_named_rules():
    from sitegen.rules import listing
    names = {name for name, _ in listing()}
    for name in ("quotes.speech_verb_subject", "quotes.selon", "quotes.governing_verb_subject",
                 "quotes.pronoun_antecedent", "quotes.relative_qui", "quotes.definite_noun",
                 "quotes.same_words_elsewhere", "quotes.shared_subject", "quotes.role_antecedent",
                 "actors.role_speaker_antecedent"):
        assert name in names


def test_a_rule_switched_off_changes_the_speaker(run, rules_off):
    sentence = "« Le quai sera rénové », a précisé la maire Sophie Berthier."
    assert speaker_name(run(sentence).quotes[0]) == "Sophie Berthier"
    rules_off("quotes.speech_verb_subject")
    assert run(sentence).quotes[0].speaker is None


def test_incise_speaker_after_a_radio_and_a_day(run):
    ex = run("« Il n'y a aucun danger pour la population », a déclaré lundi soir sur Radio Côte "
             "le sous-préfet, Hugues Marchal.")
    assert speaker_name(ex.quotes[0]) == "Hugues Marchal"


def test_incise_speaker_in_apposition_after_a_role_with_a_party(run):
    ex = run("« Nous voterons contre ce texte », a expliqué le président du groupe MoDem, Félix Aubrac.")
    assert speaker_name(ex.quotes[0]) == "Félix Aubrac"


def test_incise_speaker_after_a_noun_and_its_complement(run):
    ex = run("« Le budget est insincère », a lancé au gouvernement la députée écologiste de l'Isère, "
             "Lise Fabre.")
    assert speaker_name(ex.quotes[0]) == "Lise Fabre"


@pytest.mark.parametrize("verb", ["estime", "affirme", "souligne"])
def test_present_tense_incise(run, verb):
    ex = run(f"Le projet est « très décevant », {verb} le maire de Dax, Paul Ribot.")
    assert speaker_name(ex.quotes[0]) == "Paul Ribot"


def test_second_quote_after_the_incise_of_the_first(run):
    ex = run("Ce n'est « pas le texte définitif », a averti M. Lagarde, et « tout reste ouvert ».")
    assert [speaker_name(q) for q in ex.quotes] == ["Lagarde", "Lagarde"]


def test_incise_with_an_anonymous_source_stays_anonymous(run):
    ex = run("« Rien n'est joué », a confié vendredi au Courrier de l'Ouest un conseiller de Paul Garnier.")
    assert ex.quotes[0].speaker is None and ex.quotes[0].status == "anonymous"


def test_subject_that_names_an_actor_beats_a_day(run, rules_off):
    text = "Samedi encore, la ministre du Commerce, Odile Perrin, avait exclu tout « geste » sur les loyers."
    assert speaker_name(run(text).quotes[0]) == "Odile Perrin"
    rules_off("quotes.agent_subject_first")      # the day parsed as a subject too
    assert run(text).quotes[0].speaker is None


def test_role_apposition_is_not_a_second_speaker(run):
    ex = run("Le porte-parole de la mairie, Yann Coste, a jugé les travaux « indispensables ».")
    assert speaker_name(ex.quotes[0]) == "Yann Coste"


def test_selon_lui_takes_the_person_before(run):
    ex = run("« Le pont tiendra », a assuré l'ingénieur Marc Dulac. Selon lui, les fissures sont "
             "« superficielles ».")
    assert [speaker_name(q) for q in ex.quotes] == ["Marc Dulac", "Marc Dulac"]


def test_pronoun_after_reported_speech_takes_its_speaker(run):
    ex = run("Le stade ouvrira en juin, a annoncé le président du club, Rémi Vasseur, lors d'une visite. "
             "« Les travaux sont dans les temps », a-t-il ajouté.")
    assert speaker_name(ex.quotes[0]) == "Rémi Vasseur"


def test_bare_role_subject_takes_the_person_named_before(run):
    ex = run("« Nous avons compté 900 bénévoles », écrit Clara Villiers sur son blog. "
             "La présidente regrette « un manque de moyens ».")
    assert [speaker_name(q) for q in ex.quotes] == ["Clara Villiers", "Clara Villiers"]


def test_role_in_the_incise_stands_for_the_person_named_before(run):
    ex = run("Mathieu Ferrand est monté à la tribune. « Notre pays tiendra parole », a promis le "
             "président sénégalais.")
    assert resolved_speakers(ex)[0] == "Mathieu Ferrand"


def test_role_bound_elsewhere_to_someone_else_is_not_the_person_before(run):
    a = run("Le président sénégalais, Awa Ndiaye, a reçu les délégations.", sid="a")
    b = run("Mathieu Ferrand est monté à la tribune. « Notre pays tiendra parole », a promis le "
            "président sénégalais.", sid="b")
    assert resolved_speakers(a, b, source="b")[0] == "Awa Ndiaye"


def test_role_antecedent_switched_off(run, rules_off):
    rules_off("quotes.role_antecedent", "actors.role_speaker_antecedent")
    ex = run("Mathieu Ferrand est monté à la tribune. « Notre pays tiendra parole », a promis le "
             "président sénégalais.")
    chron = resolve([ex])
    assert chron.quotes[0].speaker_id is None


def test_a_quotation_alone_goes_on_with_the_speaker_before(run):
    ex = run("« Le vote aura lieu jeudi », a déclaré Ève Morand. « Personne ne sera oublié. » "
             "La séance a ensuite été levée.")
    assert [speaker_name(q) for q in ex.quotes] == ["Ève Morand", "Ève Morand"]


def test_participle_after_an_incise_has_its_subject(run):
    ex = run("« Le pays avance », a-t-il ajouté, saluant des habitants qui « ne lâchent rien ».")
    ex2 = run("Le maire Gilles Arnaud a visité le chantier.",
              "« Le pays avance », a-t-il ajouté, saluant des habitants qui « ne lâchent rien ».")
    assert ex.quotes[1].speaker is None
    assert [speaker_name(q) for q in ex2.quotes] == ["Gilles Arnaud", "Gilles Arnaud"]


def test_incise_after_a_long_quotation_beats_a_verb_before_it(run):
    ex = run("Le projet avait été présenté mardi, avait rappelé Hugo Marin, en séance. « Nous avons attendu "
             "des mois. Pourquoi ne pas avoir publié ce rapport plus tôt ? », avait lancé la sénatrice Nina Roche.")
    assert speaker_name(ex.quotes[0]) == "Nina Roche"


def test_a_role_is_the_person_most_of_its_quotations_refer_back_to(run):
    a = run("Mathieu Ferrand a visité la région. « Nous reconstruirons », a promis le président sénégalais.",
            sid="a")
    b = run("Mathieu Ferrand a reçu les maires. « Rien ne sera oublié », a assuré le président sénégalais.",
            sid="b")
    c = run("Paul Ndour a parlé le premier. « Le pays tiendra », a affirmé le président sénégalais.", sid="c")
    assert resolved_speakers(a, b, c) == ["Mathieu Ferrand"] * 3


def test_role_incise_takes_the_subject_named_earlier_in_the_sentence(run):
    ex = run("La séance s'est ouverte à midi. Puis Irène Bastide a pris la parole : « Le temps presse », "
             "a déclaré la présidente de la région.")
    assert resolved_speakers(ex)[0] == "Irène Bastide"


def test_role_skips_a_person_of_another_country(run):
    a = run("Le ministre canadien de l'Énergie, Tom Becker, a visité le site.", sid="a")
    b = run("Sarah Lenoir a ouvert la réunion. Tom Becker a ensuite présenté son rapport. "
            "« Nous serons prêts », a assuré la ministre française.", sid="b")
    assert resolved_speakers(a, b, source="b")[0] == "Sarah Lenoir"


def test_a_verb_after_the_closing_mark_in_a_new_sentence_is_no_incise(run, rules_off):
    text = ("La ministre Claire Morel a visité l'usine. La ministre a aussi fait son mea culpa : « Nous avons "
            "pu blesser certains d'entre vous par nos propos. » Mais elle ne reviendra pas sur la réforme, et "
            "entend que le gouvernement poursuive « la transformation du pays ».")
    assert speaker_name(run(text).quotes[0]) == "Claire Morel"
    rules_off("quotes.closing_mark_ends_sentence")      # "poursuive" would be taken for its verb of speech
    assert speaker_name(run(text).quotes[0]) != "Claire Morel"


def test_pronoun_after_a_role_with_a_name_in_apposition(run, rules_off):
    paragraphs = ("Le préfet de région a commenté la crise.",
                  "Le ministre de la Santé, Olivier Vernet, s'est rendu à Lille ce mardi. Il a reconnu des "
                  "retards, mais pas de faute selon lui, et promis « la clarté totale ».")
    assert speaker_name(run(*paragraphs).quotes[0]) == "Olivier Vernet"
    rules_off("quotes.apposition_not_coordination")
    assert speaker_name(run(*paragraphs).quotes[0]) != "Olivier Vernet"


def _finder_on(nlp, text):
    from sitegen.extract.actors import ActorFinder
    from sitegen.extract.quotes import QuoteFinder
    src = Source(id="s", file="s.txt", title="Titre", paragraphs=["Titre", text], original="")
    doc = nlp(text)
    finder = QuoteFinder()
    finder._text = text
    return finder, doc, ActorFinder().refs(src, doc, 1)


def test_the_actor_right_before_the_verb_is_its_subject(nlp, rules_off):
    """The parse may take an adverb for the subject ("Plus tôt, X avait demandé"): the actor
    right before the verb group, auxiliary between, is the subject."""
    finder, doc, refs = _finder_on(nlp, "Plus tôt, Marine Dubreuil avait demandé au préfet de « rencontrer les élus ».")
    verb = next(t for t in doc if t.text == "demandé")
    assert finder._before_verb(verb, refs).text == "Marine Dubreuil"
    rules_off("quotes.preverbal_actor")
    assert finder._before_verb(verb, refs) is None


def test_a_name_in_apposition_after_an_unbound_role(nlp, rules_off):
    from sitegen.model import ActorRef
    text = "« Tirons les leçons », a expliqué le président du groupe LREM, Félix Aubrac."
    finder, doc, refs = _finder_on(nlp, text)
    start = text.index("président")
    role = ActorRef("président du groupe", "role", start, start + len("président du groupe"), 1)
    others = [r for r in refs if r.start > role.end]
    assert finder._apposed_person(role, others).text == "Félix Aubrac"
    rules_off("quotes.role_apposition_person")
    assert finder._apposed_person(role, others) is None


def test_an_enumeration_binds_no_role(run, rules_off):
    text = "Hier, lors d'un appel entre le ministre belge, la présidente suisse, Paul Roy et Jean Vidal, rien n'a été décidé."
    chron = resolve([run(text)])
    paul = next(a for a in chron.actors if a.name == "Paul Roy")
    assert "présidente suisse" not in paul.roles
    rules_off("actors.enumeration_is_not_apposition")
    chron = resolve([run(text)])
    paul = next(a for a in chron.actors if a.name == "Paul Roy")
    assert "présidente suisse" in paul.roles


def test_a_feminine_role_is_not_the_man_named_before(run, rules_off):
    paragraphs = ("« Nous tiendrons », a déclaré le président Marc Dumas. « Rien ne change », a ajouté le président "
                  "de la région.",
                  "Marc Dumas a parlé longtemps. « Je suis inquiète », a confié la présidente de la région.")
    assert resolved_speakers(run(*paragraphs))[-1] != "Marc Dumas"
    rules_off("actors.role_gender_agrees")
    assert resolved_speakers(run(*paragraphs))[-1] == "Marc Dumas"


def test_a_role_may_be_the_one_person_named_in_passing_before(run, rules_off):
    paragraphs = ("« Nous avancerons », a déclaré le président Marc Dumas. « Rien ne change », a ajouté le président "
                  "de la région.",
                  "« C'est un progrès », s'est félicité Marc Dumas lors d'une visite avec Lucie Berthon. Plus "
                  "réservée, la ministre de la Culture a évoqué « un premier pas ».")
    assert resolved_speakers(run(*paragraphs))[-1] == "Lucie Berthon"
    rules_off("quotes.role_previous_sentence_persons")
    assert resolved_speakers(run(*paragraphs))[-1] != "Lucie Berthon"


def test_a_quote_inside_a_quote_has_the_outer_speaker(run, rules_off):
    sentence = ("« Nous avons tout essayé. Ils nous ont répondu \"le marché rouvrira\" à chaque fois. Nous "
                "continuerons », a regretté la commerçante Sophie Berthier.")
    inner = [q for q in run(sentence).quotes if q.text.startswith("le marché")]
    assert speaker_name(inner[0]) == "Sophie Berthier"
    rules_off("quotes.nested_same_speaker")
    inner = [q for q in run(sentence).quotes if q.text.startswith("le marché")]
    assert speaker_name(inner[0]) != "Sophie Berthier"


# each rule of the speaker cascade, and the test above that fails without it
RULE_TESTS = [
    ("actors.role_speaker_majority", test_a_role_is_the_person_most_of_its_quotations_refer_back_to, ()),
    ("quotes.anonymous_source", test_anonymous_source_stays_unnamed, ()),
    ("quotes.inverted_speaker_scan", test_incise_speaker_after_a_radio_and_a_day, ()),
    ("quotes.joint_speakers", test_several_speakers_at_once_are_joint, ()),
    ("quotes.participle_shares_subject", test_participle_after_an_incise_has_its_subject, ()),
    ("quotes.present_tense_speech_verb", test_present_tense_incise, ("estime",)),
    ("quotes.reported_speaker_antecedent", test_pronoun_after_reported_speech_takes_its_speaker, ()),
    ("quotes.selon_pronoun", test_selon_lui_takes_the_person_before, ()),
    ("quotes.standalone_continues", test_a_quotation_alone_goes_on_with_the_speaker_before, ()),
    ("quotes.subject_after_speech_verb", test_verbs_of_reaction_introduce_a_speaker_too, ("a réagi",)),
]


@pytest.mark.parametrize("rule, test, params", RULE_TESTS, ids=[r for r, _, _ in RULE_TESTS])
def test_each_speaker_rule_switched_off_fails_its_test(run, rules_off, rule, test, params):
    test(run, *params)                            # passes with every rule on
    rules_off(rule)
    with pytest.raises(AssertionError):
        test(run, *params)
