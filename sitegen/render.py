"""The render stage: content/ + templates/ -> public/. Never runs spaCy.

The site is written into a temporary folder beside the output and swapped in at the
end, so a failed render leaves the previous site whole.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import signal
import stat
import subprocess
import tempfile
import threading
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import jinja2

from sitegen import __version__, gcpause
from sitegen.cache import CACHE_DIR, code_fingerprint
from sitegen.config import Config, theme_dir
from sitegen.content import Memo, Page, ParsedPages, read_content
from sitegen.dates import bounds, datetime_attr, group_label, human_date, month_key, sort_key
from sitegen.exports import EXPORT_FILES, json_lines, write_exports
from sitegen.lang import load_language
from sitegen.markup import SPAN_RE, to_html
from sitegen.text import shorten
from sitegen.files import mark_site, project_lock
from sitegen.model import BuildError, InputError
from sitegen.record import (PREVIEW_FILES, Record, canonical, check_output, digest, manifest, stage_state,
                            walk)

SCHEMA_NAME = "chronology.schema.json"
SCHEMA_PATH = Path(__file__).parent / SCHEMA_NAME
DAY_KEYS = ("day", "after", "before", "names")     # the days of a publication clue, shown as a reader writes them
SOURCE_KEYS = ("title", "file", "published", "published_from", "published_evidence", "published_reasons", "url", "publisher", "title_anchor",
               "flags", "removed")
PAGE_TEMPLATES = ("timeline.html", "event.html", "actor.html", "source.html", "actors.html", "sources.html")


class _Bodies(Memo):
    """Page bodies made HTML, by a digest of their Markdown, folder and root: Markdown is
    a third of the time an event page takes, and a template edit changes no body."""

    _memory: dict[str, str] = {}

    def __init__(self, file: Path | None = None, fresh: bool = False):
        import markdown
        super().__init__(file, self._memory, code_fingerprint("", ("markup",)) + markdown.__version__, fresh)

    @staticmethod
    def key(text: str, folder: str, root: str) -> str:
        return hashlib.sha256(f"{folder}\0{root}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class RenderReport:
    pages: int = 0                 # pages rendered
    reused: int = 0                # pages taken over from the previous site, unchanged
    same: int = 0                  # pages rendered that came out as they were: linked, not written
    unchanged: bool = False        # nothing changed since the last render: nothing done
    warnings: list[str] = field(default_factory=list)


class _Environment(jinja2.Environment):
    """A page's values are dicts, and jinja2 looks a dotted name (event.title) up as an
    attribute first: an exception raised and caught for each one. Here a dict's key is
    looked up first when no dict attribute has that name, which gives the same value
    sooner (event pages render in 0.75 s instead of 1.2 s at N = 1,000)."""

    _OWN = frozenset(dir(dict)) | frozenset(dir(MappingProxyType))

    def getattr(self, obj, attribute):
        if type(obj) in (dict, MappingProxyType) and attribute not in self._OWN:
            try:
                return obj[attribute]
            except (KeyError, TypeError):
                pass
        return super().getattr(obj, attribute)


def _environment(config: Config, titles: dict[str, str] | None = None) -> jinja2.Environment:
    titles = titles or {}
    folders = [str(config.templates)] if config.templates.is_dir() else []
    folders.append(str(theme_dir()))
    env = _Environment(
        loader=jinja2.FileSystemLoader(folders),
        autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    # thousands of pages print the same few hundred days; human_date reads str(value)
    words = functools.lru_cache(maxsize=16384)(lambda v, mod: human_date(v, config.language, mod))
    env.filters["human_date"] = lambda v, mod=None: (
        words(str(v) if v else "", mod) if isinstance(mod, (str, type(None))) else human_date(v, config.language, mod))
    env.filters["datetime"] = datetime_attr
    env.filters["tojson_attr"] = lambda v: json.dumps(v, ensure_ascii=False, default=_as_dict)
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "default": _as_dict}   # |tojson of an event
    ui = load_language(config.language)["ui"]

    def quoted_title(sid) -> str:
        return "« " + str(titles.get(sid, sid)) + " »"

    def flag_text(flag, on: str = "source") -> str:
        """A flag recorded on a page, in the site's language; hand-written flags are plain text."""
        if not isinstance(flag, dict):
            return str(flag)
        params = {k: (human_date(v, config.language) if k == "inferred" and v else v) for k, v in flag.items()}
        params["sources"] = ", ".join(quoted_title(s) for s in flag.get("sources", []))
        table = ui["flags_on_actor"] if on == "actor" and flag.get("kind") in ui["flags_on_actor"] else ui["flags"]
        try:
            return table[flag["kind"]].format(**params)
        except (KeyError, IndexError):
            return ui["flag_unknown"].format(kind=flag.get("kind", "?"))
    env.globals["flag_text"] = flag_text

    def evidence_text(evidence) -> str:
        """One clue of a publication day (sitegen.publication), in the site's language."""
        if not isinstance(evidence, dict) or evidence.get("kind") not in ui["evidence"]:
            return ""
        kind = "link_self" if evidence["kind"] == "link" and not evidence.get("source") else evidence["kind"]
        params = defaultdict(str, {k: (human_date(v, config.language) if k in DAY_KEYS and v else v)
                                   for k, v in evidence.items()})
        params["source_title"] = quoted_title(evidence.get("source", ""))
        return ui["evidence"][kind].format_map(params)
    env.globals["evidence_text"] = evidence_text
    env.filters["source_title"] = quoted_title
    return env


def _as_dict(value):
    """The shared event views are read-only mappings: as JSON, objects."""
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _static_dirs(config: Config) -> list[Path]:
    dirs = [theme_dir() / "static"]
    if (config.templates / "static").is_dir():
        dirs.append(config.templates / "static")
    return dirs


class Site:
    """Everything the templates need, computed once from the content pages."""

    def __init__(self, pages: dict[str, dict[str, Page]], config: Config, warnings: list[str]):
        self.config, self.warnings = config, warnings
        self.events, self.actors, self.sources = pages["events"], pages["actors"], pages["sources"]
        self.event_order = sorted(self.events, key=lambda s: (sort_key(self.events[s].meta.get("date")), s))
        self.anchors = {sid: _sentences(p) for sid, p in self.sources.items()}   # anchor -> its words
        self.ui_kinds = load_language(config.language)["ui"]["event_kinds"]
        self._check_references()
        self.views = {slug: self._event_view(slug) for slug in self.event_order}
        # who and what each page lists, indexed once: thousands of pages must not each
        # scan every event
        self._of_actor: dict[str, list[str]] = defaultdict(list)
        self._of_source: dict[str, list[str]] = defaultdict(list)
        self._reported: dict[str, set[str]] = defaultdict(set)
        for slug in self.event_order:
            for a in dict.fromkeys(self.events[slug].meta.get("actors") or []):
                self._of_actor[a].append(slug)
            for m in self.events[slug].reports:
                self._reported[m["source"]].add(m["anchor"])
            for src in dict.fromkeys(m["source"] for m in self.events[slug].reports):
                self._of_source[src].append(slug)
        self._quotes = self._all_quotes()
        self._quotes_by: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for q in self._quotes:
            self._quotes_by[("source", q["source"])].append(q)
            if q.get("speaker"):
                self._quotes_by[("speaker", q["speaker"])].append(q)

    def _check_references(self) -> None:
        for slug, page in self.events.items():
            where = f"content/events/{slug}.md"
            for a in page.meta.get("actors") or []:
                if a not in self.actors:
                    self.warnings.append(f"{where}: actor {a!r} has no page in content/actors/")
            if not page.reports:
                self.warnings.append(f"{where}: no mention: an event needs the sentence of a source that reports it")
            for m in page.reports:
                src, anchor = m.get("source"), m.get("anchor")
                if src not in self.sources:
                    self.warnings.append(f"{where}: source {src!r} has no page in content/sources/")
                elif anchor:
                    self._cite(where, m)

    def _cite(self, where: str, mention: dict) -> None:
        """A mention must link to the sentence it quotes. A page edited by hand keeps the
        anchors of its day: when the article has changed since, the sentence is found
        again by its words and the link follows it; a quote found nowhere is told."""
        src, anchor = mention["source"], mention["anchor"]
        sentences = self.anchors[src]
        words = _words(mention.get("quote", ""))
        if anchor in sentences and words in _words(sentences[anchor]):
            return
        found = [a for a, text in sentences.items() if words and words in _words(text)]
        if found:
            mention["anchor"] = found[0]
            return
        said = f"anchor #{anchor} not found" if anchor not in sentences else f"#{anchor} no longer says it"
        self.warnings.append(f"{where}: the quote \"{shorten(mention.get('quote', ''), 60)}\" is not in "
                             f"content/sources/{src}.md ({said}); correct the mention's quote or anchor")

    # views ---------------------------------------------------------------

    def actor_ref(self, slug: str) -> dict[str, Any]:
        page = self.actors.get(slug)
        return {"id": slug, "name": page.meta.get("name", slug) if page else slug, "exists": page is not None}

    def source_ref(self, slug: str) -> dict[str, Any]:
        page = self.sources.get(slug)
        meta = page.meta if page else {}
        return {"id": slug, "title": meta.get("title", slug), "published": meta.get("published"),
                "publisher": meta.get("publisher"), "exists": page is not None}

    def event_view(self, slug: str) -> Mapping[str, Any]:
        """What templates know of an event (built once; the timeline, the axis, event,
        actor and source pages all read the same mapping, and a page's key holds its
        digest: see sitegen.record.canonical). Read-only at its top, so that it cannot
        be mistaken for a page's own dict; templates are trusted not to change what is
        inside."""
        return self.views[slug]

    def _event_view(self, slug: str) -> Mapping[str, Any]:
        meta = self.events[slug].meta
        reports = self.events[slug].reports
        mentions = []
        for m in reports:
            src = m.get("source")
            mentions.append({"source": src, "anchor": m.get("anchor"), "quote": m.get("quote", ""),
                             "date_text": m.get("date_text"), "source_ref": self.source_ref(src),
                             "linkable": src in self.sources and m.get("anchor") in self.anchors.get(src, ())})
        return MappingProxyType({
            "id": slug, "title": meta.get("title") or slug, "date": meta.get("date"),
            "precision": meta.get("precision"), "location": meta.get("location"),
            "kind": meta.get("kind") if meta.get("kind") in self.ui_kinds else None,
            "importance": "context" if meta.get("importance") == "context" else "core",
            "mod": meta.get("date_mod") if meta.get("date_mod") in ("START", "MID", "END") else None,
            "actors": [self.actor_ref(a) for a in meta.get("actors") or []],
            "mentions": mentions,
            "disagreements": [d for d in meta.get("disagreements") or [] if isinstance(d, dict)],
            "sources": sorted({m["source"] for m in reports}),
        })

    def timeline(self) -> list[dict[str, Any]]:
        """Months, and inside each the days (or the period an event covers), in order."""
        groups: dict[str, list] = defaultdict(list)
        for slug in self.event_order:
            ev = self.event_view(slug)
            groups[month_key(ev["date"])].append(ev)
        ordered = sorted(groups.items(), key=lambda kv: sort_key(kv[1][0]["date"]))
        out = []
        for key, events in ordered:
            days: dict[str, list] = defaultdict(list)
            for ev in events:
                days[ev["date"]].append(ev)
            label = group_label(key, self.config.language)
            out.append({"key": key, "label": label, "events": events,
                        "days": [{"key": d, "events": evs,
                                  "label": "" if human_date(d, self.config.language).casefold() == label.casefold()
                                  else human_date(d, self.config.language)}
                                 for d, evs in sorted(days.items(), key=lambda kv: sort_key(kv[0]))]})
        return out

    def filters(self) -> dict[str, list]:
        """The choices of the timeline's filters: actors that take part in an event (most
        frequent first) and the kinds of events present."""
        counts: Counter[str] = Counter()
        kinds: Counter[str] = Counter()
        for slug in self.event_order:
            counts.update(self.events[slug].meta.get("actors") or [])
            kinds[self.events[slug].meta.get("kind") or "other"] += 1
        actors = [self.actor_ref(a) | {"count": n} for a, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))
                  if a in self.actors]
        return {"actors": actors, "kinds": [(k, self.ui_kinds.get(k, k), n) for k, n in sorted(kinds.items())
                                             if k in self.ui_kinds]}

    def axis(self) -> dict[str, Any] | None:
        """A compact axis drawn at build time: months along a line, events as marks at
        their place in time (intervals as bars), gaps to scale."""
        spans = []
        for slug in self.event_order:
            ev = self.event_view(slug)
            b = bounds(str(ev["date"]))
            if b:
                spans.append((b, ev))
        if not spans:
            return None
        # the period most events fall in: background a few events reach years back is left out
        starts = sorted(b[0] for b, _ in spans)
        ends = sorted(b[1] for b, _ in spans)
        k = len(spans) // 10
        lo, hi = starts[k], ends[-1 - k]
        spans = [(b, ev) for b, ev in spans if b[1] >= lo and b[0] <= hi]
        spans = [((max(b[0], lo), min(b[1], hi)), ev) for b, ev in spans]
        lo = lo.replace(day=1)
        total = max(1, (hi - lo).days + 1)
        width = 1000
        x = lambda d: round(30 + (width - 60) * (d - lo).days / total, 1)  # noqa: E731
        ticks = []
        month = lo
        names = load_language(self.config.language)["ui"]["month_short"]
        while month <= hi:
            ticks.append({"x": x(month), "label": f"{names[month.month - 1]} {month.year % 100:02d}",
                          "year": month.month == 1})
            month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        step = max(1, -(-len(ticks) // 8))
        for i, t in enumerate(ticks):
            t["show"] = i % step == 0
        marks = [{"x1": x(b[0]), "x2": x(b[1]), "id": ev["id"], "title": f"{human_date(ev['date'], self.config.language)} — {ev['title']}",
                  "context": ev["importance"] == "context"} for b, ev in spans]
        # overlapping marks go to rows above each other
        lanes: list[float] = []
        for m in sorted(marks, key=lambda m: (m["x1"], m["x2"])):
            for i, end in enumerate(lanes):
                if m["x1"] - 8 > end:
                    lanes[i], m["lane"] = m["x2"], i
                    break
            else:
                lanes.append(m["x2"])
                m["lane"] = len(lanes) - 1
        rows = min(len(lanes), 6)
        for m in marks:
            m["y"] = 10 + 14 * min(m["lane"], rows - 1)
        base = 10 + 14 * rows + 4
        return {"width": width, "ticks": ticks, "marks": marks, "base": base, "height": base + 26}

    def events_of_actor(self, actor: str) -> list[Mapping[str, Any]]:
        return [self.event_view(s) for s in self._of_actor.get(actor, ())]

    def events_of_source(self, source: str) -> list[Mapping[str, Any]]:
        return [self.event_view(s) for s in self._of_source.get(source, ())]

    def reported_anchors(self, source: str) -> set[str]:
        return self._reported.get(source, set())

    def quotes(self, speaker: str | None = None, source: str | None = None) -> list[dict[str, Any]]:
        """Every quotation, or those of one speaker, or of one source."""
        if speaker is not None:
            return self._quotes_by.get(("speaker", speaker), [])
        if source is not None:
            return self._quotes_by.get(("source", source), [])
        return self._quotes

    def _all_quotes(self) -> list[dict[str, Any]]:
        out = []
        for sid in sorted(self.sources):
            for q in self.sources[sid].meta.get("quotes") or []:
                out.append({**q, "source": sid, "source_ref": self.source_ref(sid)})
        return out

    def co_actors(self, actor: str) -> list[tuple[dict, int]]:
        counts: Counter[str] = Counter()
        for s in self._of_actor.get(actor, ()):
            ids = self.events[s].meta.get("actors") or []
            counts.update(a for a in ids if a != actor)
        return [(self.actor_ref(a), n) for a, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:8]]

    # export --------------------------------------------------------------

    def chronology_json(self) -> dict[str, Any]:
        """The public data download, schema sitegen.chronology/1 (see chronology.schema.json)."""
        return {
            "schema": "sitegen.chronology/1",
            "title": self.config.title,
            "sources": [{
                "id": sid, "file": p.meta.get("file"), "title": p.meta.get("title"),
                "published": _iso(p.meta.get("published")), "published_from": p.meta.get("published_from"),
                "publisher": p.meta.get("publisher"), "original_url": p.meta.get("url"),
                "url": f"sources/{sid}/"} for sid, p in sorted(self.sources.items())],
            "actors": [{
                "id": aid, "name": p.meta.get("name", aid), "type": p.meta.get("type", "other"),
                "aliases": list(p.meta.get("aliases") or []), "roles": list(p.meta.get("roles") or []),
                "url": f"actors/{aid}/"}
                for aid, p in sorted(self.actors.items())],
            "events": [{
                "id": slug, "date": _iso(self.events[slug].meta.get("date")),
                "precision": self.events[slug].meta.get("precision"),
                "kind": self.events[slug].meta.get("kind", "other"),
                "title": self.events[slug].meta.get("title") or slug,
                "actors": list(self.events[slug].meta.get("actors") or []),
                "location": self.events[slug].meta.get("location"),
                "mentions": [{"source": m["source"], "quote": m["quote"],
                              "url": f"sources/{m['source']}/#{m['anchor']}"}
                             for m in self.events[slug].reports],
                "url": f"events/{slug}/"} for slug in self.event_order],
            "quotes": [{"source": q["source"], "text": q.get("text", ""), "speaker": q.get("speaker"),
                        "event": q.get("event"), "url": f"sources/{q['source']}/#{q.get('anchor')}"}
                       for q in self.quotes()],
        }


def ld_json(obj: dict) -> str:
    """JSON-LD that cannot end or open markup inside its <script>: <, > and & are
    written as JSON escapes."""
    text = json.dumps({"@context": "https://schema.org", **obj}, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _event_ld(ev: dict, url: str | None) -> dict:
    b = bounds(ev["date"])
    obj = {"@type": "Event", "name": ev["title"], "eventStatus": "https://schema.org/EventScheduled",
           "description": ev["mentions"][0]["quote"] if ev["mentions"] else ev["title"]}
    if b:
        obj["startDate"] = b[0].isoformat()
        obj["endDate"] = b[1].isoformat()
    if ev.get("location"):
        obj["location"] = {"@type": "Place", "name": ev["location"]}
    if ev["actors"]:
        obj["performer"] = [{"@type": "Thing", "name": a["name"]} for a in ev["actors"]]
    if url:
        obj["url"] = url
    return obj


def _mark_reported(html: str, anchors: set[str]) -> str:
    """Give the sentences that events quote a class, so the reader sees what was used."""
    for anchor in sorted(anchors):
        html = html.replace(f'<span class="sentence" id="{anchor}">', f'<span class="sentence reported" id="{anchor}">', 1)
    return html


def _iso(value) -> str | None:
    return None if value is None else str(value)


def _named_sources(text: str, titles: dict[str, str], as_json: dict[str, str], quoted: list[str]) -> dict[str, str]:
    """The sources whose ids are strings of a canonical context (a flag's sources, a
    date's evidence, an event's disagreements), with their titles. as_json: each id as
    written inside a JSON string -> the id. A string of the text lies between two of its
    quotes (a piece may be more than a string, never less: no id is missed); quoted: the
    ids so written with a quote in them (seldom any), looked for whole."""
    found = set(text.split('"')) & as_json.keys()
    found.update(q for q in quoted if f'"{q}"' in text)
    return {as_json[q]: titles[as_json[q]] for q in sorted(found)}


def _sentences(page: Page) -> dict[str, str]:
    """A source page's sentences by anchor, as the article words them: each
    `[words]{#p3s2}` span of its body, and the title under its own anchor."""
    found = {m.group(2): re.sub(r"\\(.)", r"\1", m.group(1)) for m in re.finditer(SPAN_RE, page.body)}
    if page.meta.get("title_anchor"):
        found[str(page.meta["title_anchor"])] = str(page.meta.get("title") or "")
    return found


def _words(text) -> str:
    """A text as the comparison of a quote with its sentence reads it: spaces folded."""
    return " ".join(str(text).split())


def _start_index(out: Path, report: RenderReport, into: Path | None = None):
    """Pagefind's index of the event, actor and source pages, for search that works
    offline on the published site: started on the pages of out, it runs while the
    caller writes the rest. Its bundle goes to out/pagefind, or to the folder into."""
    import sys

    log = tempfile.TemporaryFile()
    where = ["--output-path", str(into)] if into is not None else ["--output-subdir", "pagefind"]
    try:
        proc = subprocess.Popen([sys.executable, "-m", "pagefind", "--site", str(out), *where],
                                stdout=log, stderr=subprocess.STDOUT)
    except OSError as exc:
        log.close()
        report.warnings.append(f"search index not built: {exc}")
        return None
    return proc, log, (into if into is not None else out / "pagefind")


def _finish_index(started, report: RenderReport, timeout: float = 600) -> bool:
    """Wait for Pagefind; False (and a warning) when it made no whole index."""
    if started is None:
        return False
    proc, log, bundle = started
    with log:
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            report.warnings.append(f"search index not built: pagefind took more than {timeout:.0f} s")
            return False
        if proc.returncode != 0:
            log.seek(0)
            lines = log.read().decode("utf-8", "replace").strip().splitlines()
            detail = lines[-1] if lines else "pagefind failed"
            report.warnings.append(f"search index not built (pagefind: {detail}); install pagefind[bin]")
            return False
    broken = _index_broken(bundle)
    if broken:
        report.warnings.append(f"search index not built: {broken}")
        return False
    return True


def _index_broken(bundle: Path) -> str | None:
    """What is wrong with a Pagefind bundle, or None. Pagefind exits 0 when the disk
    fills under it, leaving empty files: every file of a whole bundle has bytes, and its
    entry file names an index for each language that is there."""
    empty = [rel for rel, e in walk(bundle) if e.stat().st_size == 0]
    if empty:
        return f"{len(empty)} empty file(s) in {bundle} (pagefind/{empty[0]}): was the disk full?"
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        missing = [f"pagefind.{v['hash']}.pf_meta" for v in entry["languages"].values()
                   if not (bundle / f"pagefind.{v['hash']}.pf_meta").is_file()]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return f"{bundle}/pagefind-entry.json unreadable ({exc})"
    return f"{bundle}: {missing[0]} missing" if missing else None


def _stop_index(started) -> None:
    """A started index whose site is being thrown away (nothing to do when it is done)."""
    if started is not None:
        started[0].kill()
        started[0].wait()
        started[1].close()


def _site_files(out: Path, config: Config, urls: list[str]) -> None:
    """sitemap.xml, robots.txt and CNAME for GitHub Pages."""
    from xml.sax.saxutils import escape

    prefix = config.site_url or config.base_path
    locs = "".join(f"  <url><loc>{escape(prefix + u)}</loc></url>\n" for u in sorted(urls))
    (out / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + locs + "</urlset>\n", encoding="utf-8")
    (out / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {prefix}sitemap.xml\n", encoding="utf-8")
    if config.cname.strip():
        (out / "CNAME").write_text(config.cname.strip() + "\n", encoding="utf-8")


def _template_error(exc: jinja2.TemplateSyntaxError) -> InputError:
    return InputError(f"{exc.filename or exc.name}:{exc.lineno}: template error: {exc.message}")


def _template_digests(env: jinja2.Environment) -> dict[str, str]:
    """For each template, a digest of its text and of every template it extends,
    includes or imports: what a page made with it depends on."""
    from jinja2 import meta

    names = sorted(set(env.list_templates(filter_func=lambda n: n.endswith(".html"))))
    uses: dict[str, set[str]] = {}
    texts: dict[str, str] = {}
    for name in names:
        texts[name] = env.loader.get_source(env, name)[0]
        try:
            found = set(meta.find_referenced_templates(env.parse(texts[name], name)))
        except jinja2.TemplateSyntaxError as exc:
            raise _template_error(exc) from None
        uses[name] = set(names) if None in found else found & set(names)   # a computed name: any of them
    out = {}
    for name in names:
        closure, todo = set(), [name]
        while todo:
            n = todo.pop()
            if n not in closure:
                closure.add(n)
                todo.extend(uses.get(n, ()))
        out[name] = digest([[n, texts[n]] for n in sorted(closure)])
    return out


def render_site(config: Config, output: Path | None = None, dev: bool = False, force: bool = False) -> RenderReport:
    """Render content/ into the output folder, atomically: the new site is made beside
    it and swapped in. Only what changed is rendered (see sitegen.record): a render with
    no change does nothing, a page whose inputs did not change is linked from the
    previous site. dev adds the preview's error overlay script to every page (sitegen
    serve only); force renders every page."""
    with project_lock(config.root / CACHE_DIR), gcpause.paused():
        return _render_site(config, output, dev, force)


def _render_site(config: Config, output: Path | None, dev: bool, force: bool) -> RenderReport:
    output = output or config.output
    report = RenderReport()
    check_output(config, output)        # before anything is written beside it
    output.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(output)
    where = str(output)
    with _INDEXING:                     # not while the preview's index is being swapped in
        record, inputs, before = stage_state(config, "render", output, dev)
        # the preview was stopped before the index of its last pages was in: make it now
        pending = dev and record.index_pending and where not in _LIVE
        if before is not None and record.inputs == inputs and record.manifest == before and not (force or pending):
            report.unchanged = True
            report.warnings = record.warnings
            return report
        run = _RUNS[where] = _RUNS.get(where, 0) + 1
        if where in _INDEXERS:          # the index of older pages: no longer wanted
            _INDEXERS.pop(where).kill()
    reusable = record.pages if before is not None and record.manifest == before and not force else {}
    # content/, the settings and the code as last time (only templates changed): every
    # page's context is too, and its digest need not be made again
    contexts_before = record.contexts if reusable and record.content_now and record.content == record.content_now \
        else {}

    bodies = _Bodies(config.root / CACHE_DIR / "page-bodies.pickle", fresh=force)
    parsed = ParsedPages(config.root / CACHE_DIR / "content-pages.pickle")
    pages = read_content(config.content, parsed, record.files, report.warnings)
    parsed.save()
    site = Site(pages, config, report.warnings)
    titles = {sid: p.meta.get("title", sid) for sid, p in site.sources.items()}
    env = _environment(config, titles)
    ui = load_language(config.language)["ui"]
    common = {"site": {"title": config.title, "description": config.description, "base_url": config.base_url,
                       "language": ui["lang"], "version": __version__}, "ui": ui}
    templates = _template_digests(env)
    code = code_fingerprint(config.model)
    everywhere = digest([common, config.language, code, dev])
    keys: dict[str, str] = {}
    as_json = {json.dumps(sid, ensure_ascii=False)[1:-1]: sid for sid in titles}
    quoted = [q for q in as_json if '"' in q]         # once, not for every page

    def key_of(value, known=None) -> str:
        """The digest of a context and of the titles of the sources it names (filters
        and disagreements print them): not every title, or adding an article would
        render every page again."""
        text = canonical(value, known)
        return hashlib.sha256(f"{text}\0{canonical(_named_sources(text, titles, as_json, quoted))}".encode()).hexdigest()
    shared: dict[int, str] = {}
    contexts: dict[str, str] = {}

    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{output.name}.tmp-", dir=output.parent))
    except OSError as exc:
        raise _writing(exc, output) from None
    indexing = None                     # Pagefind, while it runs
    try:
        written: list[str] = []
        jobs: list[tuple] = []          # pages to render, once all are known

        def context_key(value) -> str:
            if not shared:               # the events' digests, which most pages show
                shared.update({id(view): "event:" + key_of(view) for view in site.views.values()})
            return key_of(value, shared)

        def write(rel: str, template: str, root: str, body: tuple | None = None, **context) -> None:
            """One page. body: (Markdown text, its content folder, reported anchors or
            None), made HTML only when the page is rendered."""
            url = rel[:-len("index.html")] if rel.endswith("index.html") else rel
            canonical_url = config.site_url + url if config.site_url and rel != "404.html" else None
            context.setdefault("jsonld", None)
            if rel != "404.html":
                written.append(url)
            body_key = _Bodies.key(body[0], body[1], root) if body is not None else None
            ctx = contexts[rel] = contexts_before.get(rel) or context_key(
                # the body by its digest: not a second time through the JSON encoder
                [everywhere, rel, root, canonical_url, (body_key, body[2]) if body is not None else None, context])
            key = keys[rel] = digest([templates.get(template), ctx])
            target = tmp / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if body_key:
                bodies.keep(body_key)           # this page's body, made again or not
            if reusable.get(rel) == key:
                try:
                    os.link(output / rel, target)
                    report.reused += 1
                    return
                except OSError:
                    pass
            jobs.append((target, rel, template, root, canonical_url, body, body_key, context))

        write("index.html", "timeline.html", "", groups=site.timeline(), count=len(site.events),
              filters=site.filters(), axis=site.axis(),
              jsonld=ld_json({"@type": "ItemList", "name": config.title, "numberOfItems": len(site.events)}))
        for i, slug in enumerate(site.event_order):
            page = site.events[slug]
            prev_ = site.event_view(site.event_order[i - 1]) if i > 0 else None
            next_ = site.event_view(site.event_order[i + 1]) if i + 1 < len(site.event_order) else None
            view = site.event_view(slug)
            write(f"events/{slug}/index.html", "event.html", "../../", event=view,
                  jsonld=ld_json(_event_ld(view, config.site_url and config.site_url + f"events/{slug}/")),
                  body=(page.body, "events", None), prev=prev_, next=next_)
        for slug, page in sorted(site.actors.items()):
            actor = {"id": slug, "name": page.meta.get("name", slug), "type": page.meta.get("type", "other"),
                     "aliases": list(page.meta.get("aliases") or []), "roles": list(page.meta.get("roles") or []),
                     "flags": [f for f in page.meta.get("flags") or [] if isinstance(f, dict)]}
            kind = "Person" if actor["type"] == "person" else "Organization" if actor["type"] in (
                "organization", "group", "military_unit") else "Place" if actor["type"] in ("place", "state") else "Thing"
            write(f"actors/{slug}/index.html", "actor.html", "../../", actor=actor,
                  jsonld=ld_json({"@type": kind, "name": actor["name"], "alternateName": actor["aliases"][:20]}),
                  body=(page.body, "actors", None), events=site.events_of_actor(slug),
                  quotes=site.quotes(speaker=slug), co_actors=site.co_actors(slug))
        for slug, page in sorted(site.sources.items()):
            source = {"id": slug, **{k: page.meta.get(k) for k in SOURCE_KEYS}}
            source["title"] = source["title"] or slug
            article = {"@type": "NewsArticle", "headline": source["title"]}
            if source.get("published"):
                article["datePublished"] = str(source["published"])
            if source.get("publisher"):
                article["publisher"] = {"@type": "Organization", "name": source["publisher"]}
            if source.get("url"):
                article["url"] = source["url"]
            write(f"sources/{slug}/index.html", "source.html", "../../", source=source, jsonld=ld_json(article),
                  body=(page.body, "sources", sorted(site.reported_anchors(slug))),
                  events=site.events_of_source(slug),
                  quotes=site.quotes(source=slug))
        write("actors/index.html", "actors.html", "../",
              actors=sorted((site.actor_ref(a) | {"type": p.meta.get("type", "other"),
                             "count": len(site.events_of_actor(a))} for a, p in site.actors.items()),
                            key=lambda a: a["name"].casefold()))
        write("sources/index.html", "sources.html", "../",
              sources=sorted((site.source_ref(s) for s in site.sources), key=lambda s: (str(s["published"]), s["id"])))
        write("search/index.html", "search.html", "../")
        # GitHub Pages serves 404.html at whatever URL was asked: absolute links under the base path
        write("404.html", "404.html", config.base_path)
        report.same = _render_pages(jobs, env, common, dev, bodies, output, parallel=not dev)
        report.pages += len(jobs)
        # every page as it was (a template edit may change none), and the index made of
        # them by this code: the index is as it would be made again. In the preview a
        # changed page does not wait for the index, made again just after the page is shown
        same_pages = report.pages == report.same and set(keys) == set(reusable) and (
            record.index_by == code and not record.index_pending)
        keep_index = bool((output / "pagefind").is_dir() and reusable and (same_pages or dev))
        indexing = None if keep_index else _start_index(tmp, report)    # reads the pages while the rest is written
        _site_files(tmp, config, written)
        for folder in _static_dirs(config):
            shutil.copytree(folder, tmp / "static", dirs_exist_ok=True)
        data = tmp / "data"
        data.mkdir()
        if not (contexts_before and _link_files(output, tmp, EXPORT_FILES)):    # made of content/ alone
            export = site.chronology_json()
            (data / "chronology.json").write_text(json_lines(export), encoding="utf-8")
            write_exports(tmp, export, config, ui)
        shutil.copyfile(SCHEMA_PATH, data / SCHEMA_NAME)
        (tmp / ".nojekyll").write_text("", encoding="utf-8")
        mark_site(tmp)                  # what lets the next build replace it
        later = False
        if keep_index:
            with _INDEXING:
                _link_tree(output / "pagefind", tmp / "pagefind")
            later = dev and not same_pages
            record.index_by = code          # this one's, or the one made later (pending till then)
        else:
            whole = _finish_index(indexing, report)
            if not whole and not dev:   # the preview shows its pages all the same
                raise BuildError(f"{report.warnings.pop()}; the previous site was left as it was")
            record.index_by = code if whole else None
        _swap(tmp, output, background=dev)
    except BaseException as exc:
        _stop_index(indexing)
        _remove_surely(tmp)
        if isinstance(exc, OSError):
            raise _writing(exc, output) from None
        raise
    record.content, record.contexts = record.content_now, contexts
    record.index_pending = later        # until the index is in: not done if the preview stops first
    record.save(inputs, manifest(output, PREVIEW_FILES), keys, report.warnings)
    if later:
        with _INDEXING:
            _LIVE[where] = run
        threading.Thread(target=_index_later, args=(output, record, inputs, keys, report.warnings, run),
                         daemon=True, name=INDEX_THREAD).start()
    bodies.save()
    return report


_INDEXING = threading.Lock()        # the preview's index being swapped into its site
# output folder -> the number of its last render: an index made in the background is
# swapped in only if no other render began meanwhile (that one's index follows)
_RUNS: dict[str, int] = {}
_LIVE: dict[str, int] = {}                      # output folder -> the render whose index is being made
_INDEXERS: dict[str, subprocess.Popen] = {}     # output folder -> the Pagefind of that index
INDEX_THREAD = "sitegen-search-index"
_JOBS: tuple = ()                   # what forked workers render (inherited, not pickled)
PARALLEL_FROM = 200                 # pages: below, starting workers costs more than it saves


def _render_pages(jobs: list[tuple], env, common: dict, dev: bool, bodies: _Bodies, before: Path,
                  parallel: bool) -> int:
    """Render and write pages; on several cores, in as many forked workers, each taking
    every n-th page. Not in the preview (a server with threads is no place to fork).
    Returns how many came out as they are in the site before (see _render_share)."""
    global _JOBS
    workers = min(os.cpu_count() or 1, 4)
    if not parallel or workers < 2 or len(jobs) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return _render_share(jobs, env, common, dev, bodies, before)[1]
    _JOBS = (jobs, env, common, dev, bodies, before, workers)
    same = 0
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for made, n in pool.map(_render_worker, range(workers)):
                bodies.add(made)                # the bodies the workers made, kept for next time
                same += n
    finally:
        _JOBS = ()
    return same


def _render_worker(n: int) -> tuple[dict[str, str], int]:
    jobs, env, common, dev, bodies, before, workers = _JOBS
    return _render_share(jobs[n::workers], env, common, dev, bodies, before)


def _render_share(jobs: list[tuple], env, common: dict, dev: bool, bodies: _Bodies,
                  before: Path) -> tuple[dict[str, str], int]:
    """Render these pages; returns the bodies made HTML that were not kept already, and
    how many pages came out byte for byte as in the site before (folder before): those
    are linked from it, not written again, and do not count as changed."""
    same = 0
    for target, rel, template, root, canonical_url, body, body_key, context in jobs:
        if body is not None:
            text, folder, reported = body
            html_body = bodies.get(body_key, lambda: to_html(text, folder, root))
            context = {**context, "body": _mark_reported(html_body, reported) if reported else html_body}
        try:
            html = env.get_template(template).render(**common, root=root, path=rel, canonical=canonical_url,
                                                     dev=dev, **context)
        except jinja2.TemplateSyntaxError as exc:
            raise _template_error(exc) from None
        except jinja2.UndefinedError as exc:
            raise InputError(f"{template}: {exc.message} (while rendering {rel})") from None
        data = html.encode("utf-8")
        if _linked_same(before / rel, target, data):
            same += 1
        else:
            target.write_bytes(data)
    return bodies.computed, same


def _linked_same(old: Path, new: Path, data: bytes) -> bool:
    """Link new to old if old is a plain file holding exactly these bytes. Compared once
    linked, so what is kept is what was compared (not a symlink, nor a file changed
    in between)."""
    try:
        os.link(old, new)
    except OSError:
        return False
    try:
        st = os.lstat(new)
        if stat.S_ISREG(st.st_mode) and st.st_size == len(data) and new.read_bytes() == data:
            return True
    except OSError:
        pass
    new.unlink()
    return False


def _index_later(output: Path, record: Record, inputs: str, keys: dict[str, str], warnings: list[str],
                 run: int) -> None:
    """The preview's index of the pages it just showed, made beside the site and then
    swapped in for the previous one: the site being served never has half an index, and
    the next render does not wait for this one. Thrown away if another render began
    meanwhile, or if Pagefind failed (the previous index stays)."""
    where = str(output)
    made = Path(tempfile.mkdtemp(prefix=f".{output.name}.tmp-index-", dir=output.parent))
    report = RenderReport()
    try:
        started = _start_index(output, report, into=made)
        with _INDEXING:
            if _RUNS.get(where) != run:
                _stop_index(started)
                return
            if started is not None:
                _INDEXERS[where] = started[0]   # killed by the next render
        whole = _finish_index(started, report)
        with _INDEXING:
            if started is not None and _INDEXERS.get(where) is started[0]:
                del _INDEXERS[where]
            if _RUNS.get(where) != run or not whole:
                return
            trash = Path(tempfile.mkdtemp(prefix=f".{output.name}.trash-index-", dir=output.parent))
            if (output / "pagefind").is_dir():
                os.replace(output / "pagefind", trash / "pagefind")
            os.replace(made, output / "pagefind")
            record.index_pending = False
            record.save(inputs, manifest(output, PREVIEW_FILES), keys, warnings)   # the index is part of it
        shutil.rmtree(trash, ignore_errors=True)
    finally:
        shutil.rmtree(made, ignore_errors=True)
        with _INDEXING:
            if _LIVE.get(where) == run:
                del _LIVE[where]


def _link_files(source: Path, target: Path, rels) -> bool:
    """Hard links in target to these files of source: all of them, or none (False)."""
    done = []
    try:
        for rel in rels:
            os.link(source / rel, target / rel)
            done.append(target / rel)
    except OSError:
        for path in done:
            path.unlink()
        return False
    return True


def _link_tree(source: Path, target: Path) -> None:
    for rel, _ in walk(source):
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source / rel, target / rel)
        except OSError:
            shutil.copyfile(source / rel, target / rel)


def _remove_leftovers(output: Path, older_than: float = 3600) -> None:
    """Folders a killed render left beside the output (an hour old: not a running one).
    A render killed between the two renames of the swap left no output but the previous
    site under .old-: it is put back first."""
    import time
    if not output.exists():
        olds = sorted(output.parent.glob(f".{output.name}.old-*"), key=lambda p: p.stat().st_mtime)
        if olds:
            os.replace(olds[-1], output)
    for pattern in (f".{output.name}.tmp-*", f".{output.name}.old-*", f".{output.name}.trash-*"):
        for folder in output.parent.glob(pattern):
            try:
                if time.time() - folder.stat().st_mtime > older_than:
                    shutil.rmtree(folder, ignore_errors=True)
            except OSError:
                pass


def _writing(exc: OSError, output: Path) -> OSError:
    """A failed write of the site names the site's folder (not the temporary one beside
    it the site is made in, nor nothing, as a write that fills the disk does)."""
    if exc.filename is None or str(exc.filename).startswith(str(output.parent / f".{output.name}.")):
        exc.filename, exc.filename2 = str(output), None
    return exc


def _remove_surely(folder: Path) -> None:
    """Delete a half-written site even when a second Ctrl-C lands while it is deleted:
    an interrupted render leaves nothing behind."""
    while True:
        try:
            shutil.rmtree(folder, ignore_errors=True)
            return
        except KeyboardInterrupt:
            continue


def _swap(new: Path, output: Path, background: bool = False) -> None:
    """Replace output by new with two renames, so a reader never sees half a site. The
    previous site is then deleted; in the background in the preview, which need not wait."""
    old = None
    if output.is_symlink() or (output.exists() and not output.is_dir()):   # changed since check_output
        raise InputError(f"output folder {output}: no longer a folder; nothing was replaced")
    # Ctrl-C (or a TERM) waits until both renames are done: between them there is no
    # site at all (a kill there is mended by the next render, _remove_leftovers)
    mask = getattr(signal, "pthread_sigmask", None)        # not on Windows
    held = mask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM}) if mask else None
    try:
        if output.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
            os.rmdir(old)
            os.replace(output, old)
        os.replace(new, output)
        os.chmod(output, 0o755)
    finally:
        if mask:
            mask(signal.SIG_SETMASK, held)
    if old is not None and background:
        # under another name first: a preview killed while deleting leaves no half site
        # that _remove_leftovers could take for the previous one and put back
        trash = old.with_name(old.name.replace(".old-", ".trash-", 1))
        os.replace(old, trash)
        threading.Thread(target=shutil.rmtree, args=(trash,), kwargs={"ignore_errors": True}, daemon=True).start()
    elif old is not None:
        shutil.rmtree(old, ignore_errors=True)
