"""What the last extract and render were made from, so the next ones redo only what changed.

A render's record (`.sitegen-cache/render-<output>.json`) keeps a digest of every input of the
render (content pages, templates, static files, settings, sitegen's code; and each file's
size, time and digest, so that a change re-reads only the files that changed), a manifest
of the output it wrote, and for each page a key: the digest of the templates the page
uses and of everything the page shows. A render whose inputs and output are as recorded
has nothing to do; otherwise a page whose key is unchanged is taken over from the
previous site (a hard link: not rewritten), and the others are rendered. An output that
someone changed since (its manifest differs) is rendered again in full. An extract's
record keeps the digest of the articles, the settings and the code, and the manifest of
content/ as it was written: the same articles and untouched pages mean nothing to do.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sitegen.cache import CACHE_DIR, code_fingerprint
from sitegen.rules import ENVIRONMENT as RULES_ENVIRONMENT
from sitegen.config import Config, check_layout, theme_dir
from sitegen.files import SITE_MARKER, atomic_write, inside, site_refusal
from sitegen.model import InputError

CURATION_NAME = "curation.yaml"            # in content/: the editor's corrections

# what the preview adds to its output (its error overlay): not part of the site
PREVIEW_FILES = frozenset({"_sitegen"})


def walk(folder: Path, skip: frozenset[str] = frozenset(), every: bool = False):
    """(relative path, DirEntry) of every file under folder, in a stable order; every:
    of every entry that is no folder (links, FIFOs... too)."""
    stack = [("", folder)]
    while stack:
        prefix, here = stack.pop()
        try:
            entries = sorted(os.scandir(here), key=lambda e: e.name)
        except OSError:
            continue
        for e in entries:
            rel = prefix + e.name
            if rel in skip:
                continue
            if e.is_dir(follow_symlinks=False):
                stack.append((rel + "/", e.path))
            elif every or e.is_file():
                yield rel, e


RACY_NS = 2_000_000_000        # a file changed (or its inode) in the last 2 s: not trusted next time


class Inputs:
    """The files of some folders and a few strings, known first by their paths, sizes,
    times and inodes (cheap: no file is read) and, when those differ from the
    record's, by their bytes: those of the files whose size or time changed, the others'
    digests being the record's."""

    def __init__(self, folders: list[Path], *extra: str):
        self.extra = extra
        # walked once. What the stages will not read (a link out of its folder, a FIFO)
        # is not read here either, but its name counts: adding one redoes the stage,
        # which says it was left out
        self.listed = [(folder, [(rel, e.path if e.is_file() and (not e.is_symlink() or inside(Path(e.path), folder))
                                  else None) for rel, e in walk(folder, every=True)]) for folder in folders]
        # size, times and inode: a copy that keeps the modification time (cp -p, rsync,
        # tar) still changes the inode change time, which no tool sets back
        self.stat: dict[str, tuple[int, int, int, int]] = {}
        h = hashlib.sha256("\0".join(extra).encode())
        newest = 0
        for folder, files in self.listed:
            h.update(b"\0folder\0" + str(folder).encode())
            for rel, path in files:
                if path is None:
                    h.update(f"{rel}\0not read\n".encode())
                    continue
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                stat = self.stat[path] = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
                newest = max(newest, st.st_mtime_ns, st.st_ctime_ns)
                h.update(f"{rel}\0{stat}\n".encode())
        self.stats = h.hexdigest()
        # a file changed in the last seconds may change again with the same size and
        # time stamp: its stats are not to be trusted next time ("racy", as git says)
        self.racy_from = time.time_ns() - RACY_NS
        self.settled = newest < self.racy_from
        self.known: dict[str, list] = {}        # path -> [*stat, digest] of settled files
        self.folders: dict[str, str] = {}       # folder -> digest of its files and the extra strings

    def digest(self, known: dict[str, list] | None = None) -> str:
        """Every file of the folders, by path and bytes, and the extra strings. known: the
        files' [*stat, digest] as last recorded: a file with the same stat is not read
        again."""
        known = known or {}
        h = hashlib.sha256("\0".join(self.extra).encode())
        for folder, files in self.listed:
            h.update(b"\0folder\0" + str(folder).encode())
            alone = hashlib.sha256("\0".join(self.extra).encode())
            for rel, path in files:
                stat = self.stat.get(path)
                entry = known.get(path)
                if path is None:
                    sha = "not read"
                elif stat is not None and isinstance(entry, list) and tuple(entry[:-1]) == stat:
                    sha = entry[-1]
                else:
                    try:
                        sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
                    except OSError:
                        sha = "unreadable"
                if stat is not None and max(stat[1], stat[2]) < self.racy_from and sha != "unreadable":
                    self.known[path] = [*stat, sha]
                h.update(f"{rel}\0{sha}\n".encode())
                alone.update(f"{rel}\0{sha}\n".encode())
            self.folders[str(folder)] = alone.hexdigest()
        return h.hexdigest()


def manifest(output: Path, skip: frozenset[str] = frozenset()) -> str:
    """The output as it is on disk: paths, sizes and modification times."""
    h = hashlib.sha256()
    for rel, e in walk(output, skip):
        st = e.stat(follow_symlinks=False)
        h.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def extract_inputs(config: Config) -> Inputs:
    """What an extract reads: the articles, the curation file, the settings, sitegen."""
    curation = config.content / CURATION_NAME
    return Inputs([config.seeds], code_fingerprint(config.model), repr(config) + os.environ.get(RULES_ENVIRONMENT, ""),
                  curation.read_text(encoding="utf-8", errors="replace") if curation.is_file() else "")


def render_inputs(config: Config, output: Path, dev: bool) -> Inputs:
    """What a render reads: content/, the templates (the project's and the default ones,
    with their static files), the settings, sitegen."""
    folders = [config.content, theme_dir()] + ([config.templates] if config.templates.is_dir() else [])
    return Inputs(folders, code_fingerprint(config.model), repr(config), str(dev), str(output.resolve()))


def stage_state(config: Config, stage: str, output: Path | None = None,
                dev: bool = False) -> tuple[Record, str, str | None]:
    """(the stage's record, the digest of its inputs now, the manifest of its output now,
    None when there is no output yet)."""
    target = config.content if stage == "extract" else (output or config.output)
    record = Record(config.root, stage, target)
    found = extract_inputs(config) if stage == "extract" else render_inputs(config, target, dev)
    # the same paths, sizes and times as recorded: the same bytes, without reading them
    if record.inputs and found.stats == record.stats:
        inputs = record.inputs
        record.content_now = record.content
    else:
        inputs = found.digest(record.files)
        record.files = found.known
        record.content_now = found.folders.get(str(config.content))
    record.stats_now = found.stats if found.settled else None
    now = manifest(target, PREVIEW_FILES if stage == "render" else frozenset()) if target.is_dir() else None
    return record, inputs, now


def current(config: Config, stage: str, output: Path | None = None, dev: bool = False) -> Record | None:
    """The stage's record when the stage has nothing to do (its inputs and its output are
    as it left them), else None. Cheap: this is what a build without changes costs."""
    record, inputs, now = stage_state(config, stage, output, dev)
    if now is None or record.inputs != inputs or record.manifest != now:
        return None
    if record.stats_now and record.stats != record.stats_now:
        # the bytes were read to find nothing changed: next time the stats will do
        record.save(record.inputs, record.manifest, record.pages, record.warnings)
    return record


def check_output(config: Config, output: Path) -> None:
    """May a build replace this output folder? The project's folders must not hold each
    other (sitegen.config.check_layout), and the folder must be missing, empty or a site
    sitegen made: its marker, or, for a site an older sitegen built before markers
    existed, exactly the files this project's last render recorded. InputError otherwise."""
    check_layout(config, output)
    why = site_refusal(output)
    if why is None:
        return
    if output.is_dir() and not output.is_symlink() and not (output / SITE_MARKER).exists():
        record = Record(config.root, "render", output)
        if record.manifest and record.manifest == manifest(output, PREVIEW_FILES):
            return
    raise InputError(f"output folder {output}: {why}")


def canonical(value: Any, known: dict[int, str] | None = None) -> str:
    """A page's context as stable text (dicts by key, sets sorted, dates as text), made
    by json's C encoder. known: digests, by id, of the read-only mappings many pages
    share (an event as the pages list it): written as their digest, not again inside
    every page that shows them."""
    def plain(v):
        if isinstance(v, Mapping):
            return known[id(v)] if known and id(v) in known else dict(v)
        if isinstance(v, (set, frozenset)):
            return sorted(v, key=str)
        return str(v)
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=plain)


def digest(value: Any, known: dict[int, str] | None = None) -> str:
    """A stable digest of a page's context (see canonical)."""
    return hashlib.sha256(canonical(value, known).encode()).hexdigest()


class Record:
    """The record of one stage (extract, render) for one target folder."""

    def __init__(self, root: Path, stage: str, target: Path):
        name = hashlib.sha256(str(target.resolve()).encode()).hexdigest()[:16]
        self.path = root / CACHE_DIR / f"{stage}-{name}.json"
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        self.inputs: str | None = data.get("inputs")
        self.manifest: str | None = data.get("manifest")
        self.pages: dict[str, str] = data.get("pages") or {}
        self.warnings: list[str] = data.get("warnings") or []   # told again when nothing is redone
        self.stats: str | None = data.get("stats")       # the inputs' paths, sizes and times
        self.stats_now: str | None = None                # the same, as stage_state found them
        # content/ alone, with the settings and the code: unchanged, so is every page's
        # context (a render's contexts: each page's digest of it)
        self.content: str | None = data.get("content")
        self.content_now: str | None = None
        self.index_pending = bool(data.get("index_pending"))     # the preview's search index not in yet
        self.index_by: str | None = data.get("index_by")         # the code that made the search index
        contexts = data.get("contexts")
        self.contexts: dict[str, str] = contexts if isinstance(contexts, dict) else {}
        files = data.get("files")
        self.files: dict[str, list] = files if isinstance(files, dict) else {}   # each input file's [*stat, digest]

    def save(self, inputs: str, manifest_: str, pages: dict[str, str] | None = None,
             warnings: list[str] | None = None) -> None:
        try:
            atomic_write(self.path, json.dumps({"inputs": inputs, "manifest": manifest_, "pages": pages or {},
                                                "warnings": warnings or [], "stats": self.stats_now,
                                                "files": self.files, "content": self.content,
                                                "contexts": self.contexts, "index_pending": self.index_pending,
                                                "index_by": self.index_by},
                                               sort_keys=True, ensure_ascii=False))
        except OSError:
            pass                    # without a record the next run does everything
