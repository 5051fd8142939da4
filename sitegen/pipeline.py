"""The extract stage end to end: seeds/ -> Chronology -> content/."""
from __future__ import annotations

import datetime as dt

from sitegen.analyse import analyse
from sitegen.config import Config
from sitegen.content import WriteReport, write_content
from sitegen.extract import Extractor
from sitegen.ingest import read_sources
from sitegen.model import Chronology, InputError
from sitegen.resolve import resolve, resolve_publication_dates


def build_chronology(config: Config) -> tuple[Chronology, list[str]]:
    """Read, analyse, extract and resolve every article of config.seeds."""
    sources, warnings = read_sources(config.seeds, config.root, config.language)
    if not sources:
        details = "".join(f"\n  {w}" for w in warnings)
        raise InputError(f"{config.seeds}: no usable article (.txt or .md) found{details}")
    resolve_publication_dates(sources, config.language)
    docs = analyse(sources, config.model)
    extractor = Extractor(config.language)
    extractions = [
        extractor.extract(s, docs[s.id], dt.date.fromisoformat(s.published) if s.published else None)
        for s in sources
    ]
    chronology = resolve(extractions)
    warnings += [w for s in sources for w in s.warnings if w not in warnings]
    return chronology, warnings


def extract(config: Config) -> tuple[Chronology, WriteReport, list[str]]:
    chronology, warnings = build_chronology(config)
    report = write_content(chronology, config.content, config.language)
    return chronology, report, warnings
