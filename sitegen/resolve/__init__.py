"""Across sources: one actor per real actor, one event per happening, a speaker for
each quotation (publication days are decided before extraction, sitegen.publication)."""
from __future__ import annotations

from sitegen.extract import Extraction
from sitegen.model import Chronology
from sitegen.resolve.actors import resolve_actors
from sitegen.resolve.events import resolve_events
from sitegen.resolve.speakers import fill_speakers_from_same_words

# ---------------------------------------------------------------- all together

def resolve(extractions: list[Extraction], lang_code: str = "fr") -> Chronology:
    """The chronology of a dossier, its publication days decided before (sitegen.publication)."""
    actors, ref_map = resolve_actors(extractions, lang_code)
    quotes = []
    for ex in extractions:
        for q in ex.quotes:
            if q.speaker is not None:
                q.speaker_id = ref_map.get((ex.source.id, q.speaker.para, q.speaker.start))
            quotes.append(q)
    fill_speakers_from_same_words(quotes)
    events = resolve_events(extractions, ref_map, {a.id: a for a in actors}, lang_code)
    report_event = {(r.source, r.anchor): e.id for e in events for r in e.reports}
    for q in quotes:
        q.event_id = report_event.get((q.sentence.source, q.sentence.anchor))
    return Chronology(
        sources=[ex.source for ex in extractions],
        sentences={ex.source.id: ex.sentences for ex in extractions},
        actors=actors, events=events, quotes=quotes)
