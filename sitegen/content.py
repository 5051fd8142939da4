"""content/: one Markdown page per event, actor and source, YAML front matter on top.

These pages are the editable truth between extraction and rendering. Each generated
page carries `sitegen_hash`, the hash of what was generated: a page whose text no
longer matches it was edited by a person and is never overwritten or deleted.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitegen import frontmatter
from sitegen.cache import code_fingerprint
from sitegen.dates import human_date, parse_date
from sitegen.files import atomic_write, readable_file, regular_file
from sitegen.lang import load_language
from sitegen.markup import escape_markdown
from sitegen.model import Chronology, InputError, actor_type_error
from sitegen.text import web_address

KINDS = ("events", "actors", "sources")
NOT_READ = "not a regular file inside the content folder (a link out of it, a FIFO...); left as it is, not read"
HASH_KEY = "sitegen_hash"
_HASH_LINE = re.compile(rf"^{HASH_KEY}: ([0-9a-f]{{16}})\n", re.MULTILINE)


@dataclass
class Page:
    kind: str                     # events | actors | sources
    slug: str
    meta: dict[str, Any]
    body: str
    path: Path
    body_line: int = 1            # line of the file where the body starts
    reports: list[dict] = field(default_factory=list)   # events: the mentions, checked


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_edited: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    kept_stale: list[str] = field(default_factory=list)
    left_alone: list[str] = field(default_factory=list)    # not a regular file: never read nor replaced


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def stamp(meta: dict[str, Any], body: str) -> str:
    """The page text with the hash of its own generated content as the last front matter key."""
    text = frontmatter.join(meta, body)
    line = f"{HASH_KEY}: {_digest(text)}\n"
    return text.replace("\n---\n", "\n" + line + "---\n", 1) if meta else text


def is_edited(text: str) -> bool:
    """True when a page was changed since sitegen wrote it (or was written by a person)."""
    m = _HASH_LINE.search(text)
    if not m:
        return True
    return _digest(text[:m.start()] + text[m.end():]) != m.group(1)


# ---------------------------------------------------------------- generation

def pages_for(chron: Chronology, lang_code: str = "fr",
              stamped: StampedPages | None = None) -> dict[tuple[str, str], str]:
    """(kind, slug) -> page text for every page of the chronology."""
    stamp = (stamped or StampedPages()).stamp
    ui = load_language(lang_code)["ui"]
    sources = {s.id: s for s in chron.sources}
    pages: dict[tuple[str, str], str] = {}
    flagged = {a.id: a.flags for a in chron.actors if a.flags}
    for e in chron.events:
        sources_here = {r.source for r in e.reports}
        # sources that disagree on a name of one of the event's actors
        disagreements = [{"kind": "name", "actor": aid, "name": f["name"], "usual": f["usual"],
                          "sources": sorted(set(f.get("sources", [])) & sources_here)}
                         for aid in e.actors for f in flagged.get(aid, [])
                         if f.get("kind") == "name_conflict" and set(f.get("sources", [])) & sources_here]
        meta = {"id": e.id, "title": e.title, "date": e.date, "precision": e.precision, "kind": e.kind,
                "importance": e.importance,
                **({"date_mod": e.mod} if e.mod else {}),
                "actors": e.actors, "location": e.location, "disagreements": disagreements,
                "mentions": [{"source": r.source, "anchor": r.anchor, "date_text": r.date_text, "quote": r.quote}
                             for r in e.reports]}
        # The body is for people: which sources report the event, with links to their
        # pages (a .md link works on GitHub and becomes a site link). Notes go here too.
        cited = []
        for sid in dict.fromkeys(r.source for r in e.reports):
            src = sources[sid]
            when = f" ({human_date(src.published, lang_code)})" if src.published else ""
            cited.append(f"[{escape_markdown(src.title)}](../sources/{sid}.md){when}")
        body = ui["reported_by"].format(sources=ui["list_joiner"].join(cited))
        pages[("events", e.id)] = stamp(meta, body)
    for a in chron.actors:
        meta = {"id": a.id, "name": a.name, "type": a.type, "roles": a.roles, "aliases": a.aliases,
                "sources": a.sources, "flags": a.flags}
        summary = ui["actor_summary_one" if len(a.sources) == 1 else "actor_summary_many"]
        body = summary.format(n=len(a.sources))
        pages[("actors", a.id)] = stamp(meta, body)
    quotes_by_source: dict[str, list] = {}
    for q in chron.quotes:
        quotes_by_source.setdefault(q.sentence.source, []).append(
            {"text": q.text, "anchor": q.sentence.anchor, "speaker": q.speaker_id, "event": q.event_id})
    conflicts: dict[str, list[dict]] = {}
    for a in chron.actors:
        for f in a.flags:
            for sid in f.get("sources", []):
                conflicts.setdefault(sid, []).append({**{k: v for k, v in f.items() if k != "sources"},
                                                      "actor": a.id})
    for s in chron.sources:
        meta = {
            "id": s.id, "title": s.title, "file": s.file, "published": s.published,
            "published_from": s.published_from, "published_evidence": s.published_evidence,
            "published_reasons": s.published_reasons,
            "metadata_date": s.metadata_date,
            "url": s.url, "publisher": s.publisher, "sha256": s.sha256,
            "title_anchor": "p0s1" if s.title_in_text else None,
            "flags": s.flags + conflicts.get(s.id, []), "removed": s.removed,
            "quotes": quotes_by_source.get(s.id, []),
        }
        paragraphs: dict[int, list[str]] = {}
        for sent in chron.sentences[s.id]:
            if sent.para == 0:
                continue
            paragraphs.setdefault(sent.para, []).append(f"[{escape_markdown(sent.text)}]{{#{sent.anchor}}}")
        body = "\n\n".join(" ".join(spans) for _, spans in sorted(paragraphs.items()))
        pages[("sources", s.id)] = stamp(meta, body)
    return pages


def write_content(chron: Chronology, content_dir: Path, lang_code: str = "fr", keep_stale: bool = False,
                  stamped: StampedPages | None = None) -> WriteReport:
    """Write every page; keep pages a person edited; delete generated pages that are gone
    (unless keep_stale: some article could not be read and may come back)."""
    report = WriteReport()
    pages = pages_for(chron, lang_code, stamped)
    for (kind, slug), text in sorted(pages.items()):
        path = content_dir / kind / f"{slug}.md"
        rel = f"{kind}/{slug}.md"
        if os.path.lexists(path):
            if not regular_file(path):          # a link, a FIFO...: a person put it there
                report.left_alone.append(rel)
                continue
            old = path.read_text(encoding="utf-8", errors="replace")
            if old == text:
                report.unchanged.append(rel)
                continue
            if is_edited(old):
                report.kept_edited.append(rel)
                continue
        atomic_write(path, text)
        report.written.append(rel)
    for kind in KINDS:
        folder = content_dir / kind
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.md")):
            if (kind, path.stem) in pages:
                continue
            rel = f"{kind}/{path.name}"
            if not regular_file(path):
                report.left_alone.append(rel)
            elif is_edited(path.read_text(encoding="utf-8", errors="replace")):
                report.kept_edited.append(rel)
            elif keep_stale:
                report.kept_stale.append(rel)
            else:
                path.unlink()
                report.deleted.append(rel)
    return report


# ---------------------------------------------------------------- reading

class Memo:
    """Values computed from a key, kept in the process and, when given a file, on disk (a
    pickle in .sitegen-cache/); save() keeps only the entries this run used. The file is
    only trusted when written by the same code (this module, the YAML reader and writer):
    a new sitegen or PyYAML may write or read a page differently."""

    MEMORY_LIMIT = 50_000        # entries kept in the process (the preview runs for hours)

    def __init__(self, file: Path | None, memory: dict, version: str | None = None, fresh: bool = False):
        """fresh: nothing kept before is used (everything is computed, and kept for next time)."""
        self.file, self.memory, self.changed = file, ({} if fresh else memory), False
        self.version = version or _code_version()
        self.disk: dict = {}
        if file is not None and not fresh:
            try:
                version_, entries = pickle.loads(file.read_bytes())
                self.disk = entries if version_ == self.version else {}
            except Exception:            # missing, truncated or foreign: compute again
                self.disk = {}
        self.used: dict = {}
        self.computed: dict = {}        # what this run computed

    def __contains__(self, key) -> bool:
        return key in self.memory or key in self.disk

    def get(self, key, compute):
        value = self.memory.get(key)
        if value is None:
            value = self.disk.get(key)
        if value is None:
            value = self.computed[key] = compute()
            self.changed = True
        if len(self.memory) >= self.MEMORY_LIMIT:
            self.memory.clear()
        self.memory[key] = self.used[key] = value
        return value

    def keep(self, key) -> None:
        """Keep an entry this run did not need, for a later one."""
        value = self.memory.get(key, self.disk.get(key))
        if value is not None:
            self.used[key] = value

    def add(self, entries: dict) -> None:
        """Entries computed elsewhere (by a forked worker)."""
        if entries:
            self.used.update(entries)
            self.memory.update(entries)
            self.changed = True

    def save(self) -> None:
        if self.file is None or not (self.changed or len(self.used) != len(self.disk)):
            return
        try:
            atomic_write(self.file, pickle.dumps((self.version, self.used), protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass


def _code_version() -> str:
    import yaml
    return code_fingerprint("", ("content", "frontmatter")) + yaml.__version__


class ParsedPages(Memo):
    """Front matter already parsed, by file path and text digest: YAML is the slow part of
    reading thousands of pages, and most of them did not change since the last render."""

    _memory: dict[tuple[str, str], bytes] = {}

    def __init__(self, file: Path | None = None):
        super().__init__(file, self._memory)

    def read(self, path: Path, shown: str, sha: str | None = None) -> tuple[dict[str, Any], str, int]:
        """The page's (front matter, body, body line). sha: the digest of the file's bytes,
        when known already: a page kept under it is not read again."""
        raw = None
        if sha is None or (str(path), sha) not in self:
            raw = path.read_bytes()
            sha = hashlib.sha256(raw).hexdigest()

        def parse():
            try:
                text = (raw if raw is not None else path.read_bytes()).decode("utf-8")   # raw: unless forgotten meanwhile
            except UnicodeDecodeError:
                raise InputError(f"{shown}: not UTF-8 text; save it as UTF-8") from None
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            return pickle.dumps(frontmatter.split(text, shown), protocol=pickle.HIGHEST_PROTOCOL)
        return pickle.loads(self.get((str(path), sha), parse))      # each render gets its own copy


class StampedPages(Memo):
    """Page texts by a digest of their front matter and body: YAML is the slow part of
    writing thousands of pages too, and most of them are as the last extract made them."""

    _memory: dict[str, str] = {}

    def __init__(self, file: Path | None = None):
        super().__init__(file, self._memory)

    def stamp(self, meta: dict[str, Any], body: str) -> str:
        key = hashlib.sha256(repr((meta, body)).encode("utf-8", "surrogatepass")).hexdigest()
        return self.get(key, lambda: stamp(meta, body))


def read_content(content_dir: Path, parsed: ParsedPages | None = None,
                 digests: dict[str, list] | None = None,
                 warnings: list[str] | None = None) -> dict[str, dict[str, Page]]:
    """All pages of content/, by kind then slug. Broken pages raise InputError naming file
    and line. digests: [*stat, digest of the bytes] by path, of files known unchanged
    (sitegen.record.Inputs.known): those parsed already are not read again."""
    digests = digests or {}
    if not content_dir.is_dir():
        raise InputError(f"{content_dir}: content folder not found; run 'sitegen extract' first")
    parsed = parsed or ParsedPages()
    out: dict[str, dict[str, Page]] = {k: {} for k in KINDS}
    for kind in KINDS:
        folder = content_dir / kind
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.md")):
            shown = f"{content_dir.name}/{kind}/{path.name}"
            if not readable_file(path, content_dir):
                if warnings is not None:
                    warnings.append(f"{shown}: {NOT_READ}")
                continue
            known = digests.get(str(path))
            meta, body, line = parsed.read(path, shown, known[-1] if isinstance(known, list) and known else None)
            slug = str(meta.get("id") or path.stem)
            if slug != path.stem:
                raise InputError(f"{shown}:2: id {slug!r} differs from the file name; rename one so they match")
            _check_meta(kind, meta, shown)
            page = Page(kind, slug, meta, body, path, line)
            if kind == "events":
                page.reports = _mentions(meta, shown)
            out[kind][slug] = page
    return out


def _mentions(meta: dict[str, Any], shown: str) -> list[dict]:
    """An event's mentions, each {source, anchor, quote, date_text}; a malformed one is an
    error naming the page, since a report without its source sentence must not be published."""
    raw = meta.get("mentions") or []
    if not isinstance(raw, list):
        raise InputError(f"{shown}: 'mentions' must be a list of {{source, anchor, quote}} entries")
    out = []
    for i, m in enumerate(raw, 1):
        if not isinstance(m, dict) or not m.get("source") or not m.get("quote"):
            raise InputError(f"{shown}: mention {i} needs at least 'source' and 'quote'")
        for key in ("source", "anchor", "quote", "date_text"):
            if m.get(key) is not None and not isinstance(m[key], (str, int, float, bool)):
                raise InputError(f"{shown}: mentions.{i}.{key}: must be a text, not {frontmatter.described(m[key])}")
        out.append({"source": str(m["source"]), "anchor": str(m.get("anchor") or ""),
                    "quote": str(m["quote"]), "date_text": m.get("date_text")})
    return out


# What the render reads of each kind of page, and the kind of value each key must hold:
# text (a number is taken as its text), texts (a list of them; one text is a list of
# one), records (a list of flat mappings), record, date (sitegen.dates.parse_date), day.
# A key left empty (null) is a key not given.
PAGE_KEYS: dict[str, dict[str, str]] = {
    "events": {"title": "text", "date": "date", "precision": "text", "kind": "text", "importance": "text",
               "date_mod": "text", "actors": "texts", "location": "text", "disagreements": "records"},
    "actors": {"name": "text", "type": "actor type", "aliases": "texts", "roles": "texts", "flags": "records"},
    "sources": {"title": "text", "file": "text", "published": "day", "published_from": "text",
                "published_evidence": "record", "published_reasons": "records", "metadata_date": "text", "url": "web address", "publisher": "text",
                "sha256": "text", "title_anchor": "text", "flags": "records", "removed": "texts",
                "quotes": "records"},
}


def _check_meta(kind: str, meta: dict[str, Any], shown: str) -> None:
    """Each key the render reads holds the kind of value it must (PAGE_KEYS), made
    plain in place (texts as str, a date as the chronology writes it); anything else
    is an error naming the page and the key, not a Python error in the render."""
    def fail(key: str, value: Any, wanted: str) -> InputError:
        return InputError(f"{shown}: {key}: must be {wanted}, not {frontmatter.described(value)}")

    for key, wanted in PAGE_KEYS[kind].items():
        value = meta.get(key)
        if value is None:
            meta.pop(key, None)
            continue
        if wanted == "text":
            meta[key] = _text(value, key, fail)
        elif wanted == "texts":
            meta[key] = [_text(v, key, fail) for v in (value if isinstance(value, list) else [value])]
        elif wanted == "records":
            if not isinstance(value, list):
                raise fail(key, value, "a list of 'key: value' entries")
            meta[key] = [_record(v, key, fail) for v in value]
        elif wanted == "record":
            meta[key] = _record(value, key, fail)
        elif wanted == "web address":
            if not isinstance(value, str) or not web_address(value):
                raise fail(key, value, "an http(s) address")
        elif wanted == "actor type":
            wanted_type = actor_type_error(value)
            if wanted_type:
                raise fail(key, value, wanted_type)
        else:                                   # date, day
            try:
                date, precision = parse_date(value)
            except ValueError as exc:
                raise InputError(f"{shown}: {key}: {exc}") from None
            if wanted == "day" and precision != "day":
                raise fail(key, value, "a day (YYYY-MM-DD)")
            meta[key] = date
            if kind == "events":
                meta["precision"] = precision   # the date's own, whatever the page says


def _text(value: Any, key: str, fail) -> str:
    if isinstance(value, (str, int, float, bool)):
        return str(value)
    raise fail(key, value, "a text")


def _record(value: Any, key: str, fail) -> dict[str, Any]:
    """A flat mapping (a flag, a quote, a disagreement): text keys, each value a text, a
    number, yes/no or empty; only "sources" is a list (of texts)."""
    if not isinstance(value, dict):
        raise fail(key, value, "a 'key: value' entry")
    out: dict[str, Any] = {}
    for k, v in value.items():
        if k == "sources":
            v = [_text(x, f"{key}.sources", fail) for x in (v if isinstance(v, list) else [] if v is None else [v])]
        elif v is not None and not isinstance(v, (str, int, float, bool)):
            raise fail(f"{key}.{k}", v, "a text or a number")
        out[str(k)] = v
    return out
