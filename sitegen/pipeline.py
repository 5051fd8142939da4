"""The extract stage end to end: seeds/ -> Chronology -> content/."""
from __future__ import annotations

import datetime as dt

from sitegen import gcpause, rules
from sitegen.analyse import analyse
from sitegen.cache import CACHE_DIR, ExtractionCache
from sitegen.config import Config
from sitegen.content import KINDS, StampedPages, WriteReport, write_content
from sitegen.curation import apply_curation, load_curation
from sitegen.extract import Extraction, Extractor, sentences_of
from sitegen.files import project_lock, remove_temporary_files
from sitegen.ingest import read_sources
from sitegen.model import Chronology, InputError, Source
from sitegen.record import manifest, stage_state
from sitegen.publication import date_sources
from sitegen.resolve import resolve
from sitegen.timelimit import TimeLimitExceeded, time_limit


def build_chronology(config: Config) -> tuple[Chronology, list[str]]:
    """Read, analyse, extract and resolve every article of config.seeds."""
    unreadable: list[str] = []
    off = rules.configured_off(config.rules_off)
    cache = ExtractionCache(config.root / CACHE_DIR, config.model, off)
    with gcpause.paused():
        sources, warnings = read_sources(config.seeds, config.root, config.language, unreadable, cache)
    if not sources:
        details = "".join(f"\n  {w}" for w in warnings)
        raise InputError(f"{config.seeds}: no usable article (.txt or .md) found{details}")
    date_sources(sources, config.language, cache)      # once, before extraction reads "hier"
    extractor = Extractor(config.language)
    extractions = extract_sources(sources, config.model, extractor, cache, config.article_time_limit)
    if not unreadable:
        cache.prune()
    with gcpause.paused():
        chronology = resolve(extractions, config.language)
    chronology.unreadable = unreadable
    warnings += [w for s in sources for w in s.warnings if w not in warnings]
    return chronology, warnings


def extract_sources(sources: list[Source], model: str, extractor: Extractor, cache: ExtractionCache,
                    limit: float | None = None, chunk: int = 32) -> list[Extraction]:
    """Each source's extraction, from the cache when its text, id and reading day are
    unchanged; the others are parsed a chunk at a time (spaCy batches within a chunk)
    and their parses dropped once extracted, so memory does not grow with the dossier.
    An extraction that takes more than limit seconds is stopped and the article kept
    with its sentences only (see extract_in_time); that too is cached, and tried again
    only with a larger limit."""
    found: dict[str, Extraction] = {}
    missing: list[tuple[Source, str]] = []
    with gcpause.paused():
        for s in sources:
            key = cache.key(s.id, s.paragraphs, s.published)
            ex = cache.get(key)
            if ex is None or (ex.stopped_after is not None and (limit is None or ex.stopped_after < limit)):
                missing.append((s, key))
            else:
                ex.source = s
                found[s.id] = ex
    for i in range(0, len(missing), chunk):
        part = missing[i:i + chunk]
        docs = analyse([s for s, _ in part], model)
        for s, key in part:
            ex = extract_in_time(extractor, s, docs.pop(s.id), limit)
            ex.source = None                       # cached apart from the article's metadata
            cache.put(key, ex)
            ex.source = s
            found[s.id] = ex
    for s in sources:
        stopped = found[s.id].stopped_after
        said = stopped is not None and (
            f"{s.file}: extraction stopped after {stopped:g} s (the time limit per article, article_time_limit in "
            "sitegen.yaml); its events and quotations are left out, its text is still published")
        if said and said not in s.warnings:
            s.warnings.append(said)
    return [found[s.id] for s in sources]


def extract_in_time(extractor: Extractor, source: Source, docs: list, limit: float | None) -> Extraction:
    """The article's extraction, or, past limit seconds, its sentences alone: no input
    may make a build hang, and a rule that loops on one sentence would (sitegen.timelimit)."""
    reference = dt.date.fromisoformat(source.published) if source.published else None
    if limit is None:
        return extractor.extract(source, docs, reference)
    try:
        with time_limit(limit):
            return extractor.extract(source, docs, reference)
    except TimeLimitExceeded:
        return Extraction(source, sentences=sentences_of(source, docs), stopped_after=limit)


def extract(config: Config, force: bool = False) -> tuple[Chronology | None, WriteReport, list[str]]:
    """seeds/ -> content/. When the articles, the curation file, the settings and sitegen
    are those of the last extract and content/ is as it left it, nothing is redone: the
    chronology is then None and the warnings are the last ones. One extract or render
    of a project at a time (sitegen.files.project_lock)."""
    with project_lock(config.root / CACHE_DIR):
        return _extract(config, force)


def _extract(config: Config, force: bool) -> tuple[Chronology | None, WriteReport, list[str]]:
    remove_temporary_files(config.content, KINDS)      # what a killed extract was writing
    curation, shown = load_curation(config.content)     # read first: a broken file stops before any work
    # inputs digested before reading them: an article saved meanwhile is seen next time
    record, inputs, now = stage_state(config, "extract")
    if not force and now is not None and record.inputs == inputs and record.manifest == now:
        return None, WriteReport(), list(record.warnings)
    chronology, warnings = build_chronology(config)
    warnings += apply_curation(chronology, curation, shown)
    # an article that could not be read this time may be back next time: keep its pages
    stamped = StampedPages(config.root / CACHE_DIR / "content-texts.pickle")
    with gcpause.paused():
        report = write_content(chronology, config.content, config.language, keep_stale=bool(chronology.unreadable),
                               stamped=stamped)
    stamped.save()
    record.save(inputs, manifest(config.content), warnings=warnings)
    return chronology, report, warnings
