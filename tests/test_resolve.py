import datetime as dt

from sitegen.extract import Extraction
from sitegen.model import ActorRef, EventMention, Mention, Sentence, Source, Timex
from sitegen.resolve import infer_publication_date, resolve, resolve_publication_dates


def src(sid: str, *paragraphs: str, metadata_date=None) -> Source:
    return Source(id=sid, file=f"{sid}.txt", title=sid, paragraphs=[sid, *paragraphs], original="",
                  metadata_date=metadata_date)


def extraction(source: Source, *mentions: tuple[str, list[str]]) -> Extraction:
    """Mentions given as (date value, [person names]) on successive sentences."""
    ex = Extraction(source)
    for i, (value, names) in enumerate(mentions):
        text = " et ".join(names) + " se sont vus."
        sent = Sentence(source.id, 1, i, 0, len(text), text)
        refs, pos = [], 0
        for n in names:
            refs.append(ActorRef(n, "person", pos + 1000 * i, pos + 1000 * i + len(n), 1))
            pos += len(n) + 4
        ex.sentences.append(sent)
        ex.refs.extend((sent, r) for r in refs)
        timex = Timex(0, 4, "hier", "DATE", value, "day")
        ex.mentions.append(Mention(sent, timex, refs))
        ex.events.append(EventMention(sent, "vus", "voir", "meeting", timex, refs))
    return ex


def test_one_actor_across_accents_and_short_forms():
    a = extraction(src("a"), ("2021-03-02", ["Hélène Lefèvre", "Marco Bellini"]))
    b = extraction(src("b"), ("2021-03-02", ["Helene Lefevre"]), ("2021-03-05", ["Lefèvre"]))
    chron = resolve([a, b])
    people = {x.name: x for x in chron.actors}
    assert set(people) == {"Hélène Lefèvre", "Marco Bellini"} or set(people) == {"Helene Lefevre", "Marco Bellini"}
    lefevre = next(x for x in chron.actors if x.name != "Marco Bellini")
    assert {"Lefèvre"} <= set(lefevre.aliases) | {lefevre.name}


def test_reports_of_the_same_day_and_people_are_one_event():
    a = extraction(src("a"), ("2021-03-02", ["Anne Roy", "Marc Viel"]))
    b = extraction(src("b"), ("2021-03-02", ["Anne Roy"]), ("2021-03-02", ["Paul Noir"]))
    chron = resolve([a, b])
    assert len(chron.events) == 2
    together = next(e for e in chron.events if "anne-roy" in e.actors)
    assert {r.source for r in together.reports} == {"a", "b"}


def test_publication_date_from_weekday_after_latest_date():
    s = src("s", "Le 13 novembre 2015, les faits.", "Le ministre a parlé jeudi.")
    day, how = infer_publication_date(s, 2015)
    assert (day, how["kind"]) == (dt.date(2015, 11, 19), "weekday")   # first Thursday from the 13th


def test_publication_date_from_a_day_named_with_ce():
    s = src("s", "Le communiqué diffusé ce 19 novembre le confirme.", "Le 2 novembre, rien.")
    day, how = infer_publication_date(s, 2015)
    assert (day, how) == (dt.date(2015, 11, 19), {"kind": "today", "expression": "ce 19 novembre"})


def test_future_dates_are_no_lower_bound():
    s = src("s", "Le 3 mars, le musée a fermé.", "Il rouvrira le 15 avril.")
    day, how = infer_publication_date(s, 2021)
    assert (day, how["kind"], how["date_text"]) == (dt.date(2021, 3, 3), "latest", "Le 3 mars")


def test_a_year_less_29_february_in_a_common_year_is_no_bound():
    s = src("s", "Le 29 février, une réunion.", "Le 3 mars, le musée a fermé.")
    day, how = infer_publication_date(s, 2023)
    assert (day, how["date_text"]) == (dt.date(2023, 3, 3), "Le 3 mars")


def test_metadata_that_contradicts_the_text_is_flagged_not_trusted():
    good = src("good", "Le 3 mars 2021, un accord.", metadata_date="2021-03-04")
    bad = src("bad", "Le 3 mars 2021, un accord.", metadata_date="2030-01")
    resolve_publication_dates([good, bad])
    assert (good.published, good.published_from) == ("2021-03-04", "front-matter")
    assert (bad.published, bad.published_from) == ("2021-03-03", "inferred")
    assert any("2030-01" in w and "contradicts" in w for w in bad.warnings)


def test_a_dateline_beats_inference():
    from sitegen.ingest import read_source
    import tempfile
    from pathlib import Path
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "a.txt"
        path.write_text("Titre\n\nPublié le 06/02/2015 à 14h32\n\nLe 2 février, le maire a parlé.\n", encoding="utf-8")
        s = read_source(path, "a.txt", set())
    assert s.dateline == "2015-02-06" and "Publié le 06/02/2015 à 14h32" in s.removed
    resolve_publication_dates([s])
    assert (s.published, s.published_from) == ("2015-02-06", "dateline")


def test_another_source_pins_a_day_counted_from_publication():
    from sitegen.resolve import publication_dates_from_other_sources, resolve_actors
    a = extraction(src("a"), ("2021-03-02", ["Anne Roy", "Marc Viel"]))
    b_src = src("b")
    b_src.published, b_src.published_from, b_src.published_evidence = "2021-02-20", "inferred", {"kind": "latest"}
    b = extraction(b_src, ("2021-02-19", ["Anne Roy", "Marc Viel"]))
    b.mentions[0].timex = b.events[0].timex = Timex(0, 4, "hier", "DATE", "2021-02-19", "day", None, "deictic")
    _, ref_map = resolve_actors([a, b])
    pinned = publication_dates_from_other_sources([a, b], ref_map)
    assert pinned["b"][0] == "2021-03-03"
    assert pinned["b"][1]["source"] == "a" and pinned["b"][1]["expression"] == "hier"


def test_a_year_less_day_is_read_in_the_articles_own_year_before_the_dossiers():
    old = src("old", "Le 15 juin, le maire a inauguré le pont.", metadata_date="2019-06-20")
    recent = [src(f"r{i}", f"Le {i + 2} mars 2021, un accord a été signé.") for i in range(3)]
    bare = src("bare", "Le 15 juin, le maire a inauguré le pont.")
    resolve_publication_dates([old, bare, *recent])
    assert (old.published, old.published_from) == ("2019-06-20", "front-matter") and not old.warnings
    assert bare.published == "2021-06-15"         # no year of its own: the dossier's


def test_roles_bound_by_a_first_resolution_can_be_put_back_for_a_second():
    """The pipeline resolves actors twice when another source pins a publication day:
    the second time must start from the role phrases as the articles have them, or a
    phrase bound the first time would count as a binding of its article."""
    from sitegen.actors import ActorFinder
    from sitegen.resolve import resolve_actors, unbind_roles
    finder = ActorFinder("fr")

    def sentence(sid):
        return Sentence(sid, 1, 0, 0, 10, "...")

    def person(name, role, at):
        return ActorRef(name, "person", at, at + len(name), 1, canonical=name, role=role)

    def role(text, at):
        return ActorRef(text, "role", at, at + len(text), 1, alias=False, role_key=finder.role_key(text))

    a, b = Extraction(src("a")), Extraction(src("b"))
    a.refs = [(sentence("a"), person("Anne Roy", "ministre français de la Défense", 0)),
              (sentence("a"), person("Marc Viel", "ministre français des Affaires étrangères", 100))]
    b.refs = [(sentence("b"), role("le ministre français de la Défense", 0)),
              (sentence("b"), role("le ministre français", 100))]
    bound: list = []
    first = resolve_actors([a, b], undo=bound)
    assert first[1].get(("b", 1, 0)) == "anne-roy"
    assert ("b", 1, 100) not in first[1]             # "le ministre français" fits both ministers
    assert [(r.text, before[0]) for r, before, _ in bound] == [("le ministre français de la Défense", "role")]
    unbind_roles(bound)
    assert [r.label for _, r in b.refs] == ["role", "role"]
    assert resolve_actors([a, b]) == first


def test_a_pinned_article_that_names_the_same_actors_is_not_resolved_twice(tmp_path, monkeypatch):
    """An article pinned to another's day is extracted again; when its actor mentions
    did not change, the first resolution holds, its bound role phrases bound again on
    the new extraction: what a second resolution would have given, for less work."""
    import sitegen.pipeline as pipeline
    from sitegen.config import load_config
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.md").write_text(
        "---\ntitle: Rencontre à Rome\ndate: 2021-03-03\n---\n"
        "La ministre française de la Culture, Hélène Lefèvre, a rencontré mardi 2 mars 2021 à Rome "
        "son homologue italien, Marco Bellini.\n", encoding="utf-8")
    (tmp_path / "seeds" / "b.txt").write_text(
        "Les musées se préparent\n\nLe 1er mars 2021, le musée du Louvre a présenté son programme.\n\n"
        "Hier, la ministre française de la Culture a rencontré Marco Bellini à Rome.\n", encoding="utf-8")
    (tmp_path / "sitegen.yaml").write_text("title: Essai\n", encoding="utf-8")
    config = load_config(start=tmp_path)
    import sitegen.resolve
    calls, given = [], []
    real_actors, real_resolve = sitegen.resolve.resolve_actors, pipeline.resolve
    counted = lambda *a, **k: calls.append(1) or real_actors(*a, **k)  
    monkeypatch.setattr(pipeline, "resolve_actors", counted)
    monkeypatch.setattr(sitegen.resolve, "resolve_actors", counted)       # as resolve() calls it

    def resolve(extractions, lang, resolved):
        out = real_resolve(extractions, lang, resolved)         # resolves the actors when not given them
        given.append((resolved is not None,
                      [(ex.source.id, r.text, r.label, r.canonical) for ex in extractions for _, r in ex.refs]))
        return out
    monkeypatch.setattr(pipeline, "resolve", resolve)

    once, _ = pipeline.build_chronology(config)
    pinned = next(s for s in once.sources if s.id != "rencontre-a-rome")
    assert (pinned.published, pinned.published_evidence["kind"]) == ("2021-03-03", "other_source")
    assert len(calls) == 1 and given[0][0]
    assert ("les-musees-se-preparent", "ministre française de la Culture", "person", "Hélène Lefèvre") in given[0][1]

    monkeypatch.setattr(pipeline, "_same_actor_mentions", lambda a, b: False)    # as if they had changed
    twice, _ = pipeline.build_chronology(config)
    assert len(calls) == 3 and not given[1][0] and given[1][1] == given[0][1]
    assert (twice.events, twice.actors, twice.quotes) == (once.events, once.actors, once.quotes)
