"""Per-article extractions kept on disk, keyed by what they are computed from.

An article's extraction (sentences, actors seen, dated mentions, events, quotations)
depends only on its id, its cleaned paragraphs, the day it is read from, the spaCy
model and sitegen's own code and language tables. The key hashes all of these, so an
unchanged article is never parsed again, and a change to any rule makes every entry
stale at once (no version number to forget). Entries are pickles in
`.sitegen-cache/extract/` at the project root; one that cannot be read is recomputed.
The same store keeps each article file as read and cleaned (sitegen.ingest), keyed by
its bytes and path, so an unchanged file is not cleaned again either.
A process also keeps the pickled bytes of what it used (the preview rebuilds often):
unpickling gives each build its own objects, which the resolve stage changes.
"""
from __future__ import annotations

import hashlib
import importlib.util
import pickle
from functools import lru_cache
from pathlib import Path

import sitegen
from sitegen.files import atomic_write

CACHE_DIR = ".sitegen-cache"
_MEMORY_LIMIT = 20_000


# the modules whose code decides what an article's extraction is (and the publication
# dates memoised beside it): a change elsewhere (rendering, the preview, the command
# line) leaves the cached extractions valid
EXTRACTION_MODULES = ("analyse", "cache", "dates", "extract", "files", "frontmatter", "ingest", "model", "publication",
                      "resolve", "rules", "text", "timex")


@lru_cache(maxsize=8)
def code_fingerprint(model: str, modules: tuple[str, ...] | None = None) -> str:
    """sitegen's Python files (or only the named modules) and language tables, the model
    name and its version."""
    h = hashlib.sha256(model.encode())
    package = Path(sitegen.__file__).parent
    # a module is a file or a package (sitegen/extract/: all its files)
    code = [p for m in modules for p in (package / f"{m}.py", *sorted((package / m).glob("*.py")))] \
        if modules else list(package.glob("**/*.py"))
    for path in sorted([*code, *package.glob("lang/*")]):
        if path.is_file():
            h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    # the installed model's meta.json (its version); cheaper than importlib.metadata,
    # which reads every installed distribution
    try:
        spec = importlib.util.find_spec(model)
        meta = Path(spec.origin).parent / "meta.json" if spec and spec.origin else None
        if meta is not None and meta.is_file():
            h.update(meta.read_bytes())
    except (ImportError, ValueError, OSError):   # a model outside pip: its name is the best we have
        pass
    return h.hexdigest()


class ExtractionCache:
    """get/put of extractions by key; folder None keeps them in memory only."""

    _memory: dict[tuple[Path | None, str], bytes] = {}     # (folder, key): shared by the process

    def __init__(self, folder: Path | None, model: str, rules_off: frozenset[str] = frozenset()):
        self.folder = folder
        self.fingerprint = code_fingerprint(model, EXTRACTION_MODULES)
        if rules_off:                      # a rule switched off changes every extraction
            self.fingerprint = hashlib.sha256(f"{self.fingerprint}\0{sorted(rules_off)}".encode()).hexdigest()
        self.used: set[str] = set()        # keys asked for by this build

    def key(self, source_id: str, paragraphs: list[str], reference: str | None) -> str:
        h = hashlib.sha256(self.fingerprint.encode())
        for part in (source_id, reference or "", *paragraphs):
            h.update(part.encode("utf-8", "surrogatepass") + b"\0\1")
        return h.hexdigest()

    def memo(self, what: str, source_id: str, paragraphs: list[str], extra: str | None, compute):
        """compute(), or what an earlier build computed for the same article and extra."""
        key = self.key(f"{what}:{source_id}", paragraphs, extra)
        found = self.get(key)
        if found is None:
            found = (compute(),)
            self.put(key, found)
        return found[0]

    def _path(self, key: str) -> Path:
        return self.folder / "extract" / key[:2] / f"{key}.pickle"

    def get(self, key: str):
        self.used.add(key)
        data = self._memory.get((self.folder, key))
        if data is None and self.folder is not None:
            try:
                data = self._path(key).read_bytes()
            except OSError:
                data = None
        if data is not None:
            try:
                value = pickle.loads(data)
            except Exception:       # a truncated or foreign file: compute again
                value = None
            if value is not None:
                self._remember(key, data)
                return value
        return None

    def put(self, key: str, value) -> None:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self._remember(key, data)
        if self.folder is None:
            return
        path = self._path(key)
        try:
            atomic_write(path, data)
        except OSError:
            pass                    # a read-only or full disk: the cache is only a cache

    def _remember(self, key: str, data: bytes) -> None:
        if len(self._memory) >= _MEMORY_LIMIT:
            self._memory.clear()
        self._memory[(self.folder, key)] = data

    def prune(self) -> int:
        """Delete the entries on disk that the last whole build did not use: outdated
        versions of edited articles, removed articles, older rules."""
        if self.folder is None:
            return 0
        removed = 0
        for path in (self.folder / "extract").glob("*/*.pickle"):
            if path.stem not in self.used:
                try:
                    path.unlink()
                    removed += 1
                except OSError:
                    pass
        return removed
