"""The extract stage end to end: seeds/ -> Chronology -> content/."""
from __future__ import annotations

import datetime as dt

from sitegen.analyse import analyse
from sitegen.config import Config
from sitegen.content import WriteReport, write_content
from sitegen.curation import apply_curation, load_curation
from sitegen.extract import Extractor
from sitegen.ingest import read_sources
from sitegen.model import Chronology, InputError
from sitegen.resolve import (publication_dates_from_other_sources, resolve, resolve_actors,
                             resolve_publication_dates)


def build_chronology(config: Config) -> tuple[Chronology, list[str]]:
    """Read, analyse, extract and resolve every article of config.seeds."""
    unreadable: list[str] = []
    sources, warnings = read_sources(config.seeds, config.root, config.language, unreadable)
    if not sources:
        details = "".join(f"\n  {w}" for w in warnings)
        raise InputError(f"{config.seeds}: no usable article (.txt or .md) found{details}")
    resolve_publication_dates(sources, config.language)
    docs = analyse(sources, config.model)
    extractor = Extractor(config.language)

    def run(source):
        return extractor.extract(source, docs[source.id], dt.date.fromisoformat(source.published) if source.published else None)

    extractions = [run(s) for s in sources]
    # A source dated only by a lower bound may be pinned by another source's dates
    # ("hier" about a meeting another article dates): re-extract it with that day.
    resolved = resolve_actors(extractions, config.language)
    pinned = publication_dates_from_other_sources(extractions, resolved[1], config.language)
    for i, s in enumerate(sources):
        if s.id in pinned:
            s.published, s.published_evidence = pinned[s.id]
            extractions[i] = run(s)
    chronology = resolve(extractions, config.language, None if pinned else resolved)
    chronology.unreadable = unreadable
    warnings += [w for s in sources for w in s.warnings if w not in warnings]
    return chronology, warnings


def extract(config: Config) -> tuple[Chronology, WriteReport, list[str]]:
    curation, shown = load_curation(config.content)     # read first: a broken file stops before any work
    chronology, warnings = build_chronology(config)
    warnings += apply_curation(chronology, curation, shown)
    # an article that could not be read this time may be back next time: keep its pages
    report = write_content(chronology, config.content, config.language, keep_stale=bool(chronology.unreadable))
    return chronology, report, warnings
