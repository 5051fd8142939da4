from sitegen.extract import Extraction
from sitegen.model import ActorRef, EventMention, Mention, Sentence, Source, Timex
from sitegen.resolve import resolve


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
