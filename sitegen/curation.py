"""content/curation.yaml: the editor's corrections, applied on top of every extraction.

    actors:
      merge:   [[anne-roy, a-roy]]                # the first id stays, the others join it
      rename:  {marc-viel: Marc Viel-Durand}
      aliases: {fonds-monetaire-international: [FMI, IMF]}
      type:    {presse-info: organization}
      hide:    [mairie]
    events:
      merge:   [[2021-03-04-a, 2021-03-04-b]]
      date:    {2021-03-01-2021-03-08-x: "2021-03-02/2021-03-08"}
      title:   {2021-03-04-y: "Rencontre des deux ministres à Rome"}
      hide:    [2021-03-01-2021-03-07-z]
    flags:
      reviewed: [anne-roy]                        # its flags were checked by a person

A value of the wrong kind (a date that is none, a type that is no actor type, an empty
name, a list where an id goes) is an error naming the file, the key and the id, found
before anything is extracted or written; an entry that refers to nothing gets a
warning naming the file, the key and the id.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from sitegen.dates import parse_date, sort_key
from sitegen.frontmatter import described, load_yaml
from sitegen.model import Chronology, InputError, actor_type_error
from sitegen.record import CURATION_NAME

KEYS = {
    "actors": {"merge": list, "rename": dict, "aliases": dict, "type": dict, "hide": list},
    "events": {"merge": list, "date": dict, "title": dict, "hide": list},
    "flags": {"reviewed": list},
}


def load_curation(content_dir: Path) -> tuple[dict[str, Any], str]:
    """The curation of a content folder (empty when there is none), checked: an unknown
    key or a value of the wrong shape is an error naming the file and the key."""
    path = content_dir / CURATION_NAME
    shown = f"{content_dir.name}/{CURATION_NAME}"
    if not path.is_file():
        return {}, shown
    try:
        data = load_yaml(path.read_text(encoding="utf-8"), shown) or {}
    except UnicodeDecodeError:
        raise InputError(f"{shown}: not UTF-8 text; save it as UTF-8") from None
    if not isinstance(data, dict):
        raise InputError(f"{shown}: expected sections actors, events, flags")
    for section, value in data.items():
        if section not in KEYS:
            raise InputError(f"{shown}: unknown section {section!r}; known: {', '.join(KEYS)}")
        if value is None:                   # a section left empty
            value = data[section] = {}
        if not isinstance(value, dict):
            raise InputError(f"{shown}: {section} must hold 'key: value' lines")
        for key, entry in value.items():
            if key not in KEYS[section]:
                raise InputError(f"{shown}: unknown key {section}.{key}; known: {', '.join(KEYS[section])}")
            if entry is None:               # a key left empty
                entry = KEYS[section][key]()
            if not isinstance(entry, KEYS[section][key]):
                kind = "a list" if KEYS[section][key] is list else "a mapping"
                raise InputError(f"{shown}: {section}.{key} must be {kind}")
            value[key] = _checked(entry, f"{section}.{key}", shown)
    return data, shown


def _checked(entry: list | dict, where: str, shown: str) -> list | dict:
    """The entries of one key, each of the kind it must be (ids and names as text, dates
    as the chronology writes them), or an InputError naming the file, key and id."""
    def fail(at: str, value: Any, wanted: str) -> InputError:
        return InputError(f"{shown}: {at}: must be {wanted}, not {described(value)}")

    def text(value: Any, at: str, wanted: str) -> str:
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
        raise fail(at, value, wanted)

    def ident(value: Any) -> str:
        return text(value, where, "an id (the file name of a page, without .md)")

    key = where.split(".")[1]
    if key in ("hide", "reviewed"):
        return [ident(x) for x in entry]
    if key == "merge":
        groups = []
        for group in entry:
            if not isinstance(group, list):
                raise fail(where, group, "a list of ids ([the one kept, another, ...])")
            groups.append([ident(x) for x in group])
        return groups
    out: dict[str, Any] = {}
    for k, value in entry.items():
        i = ident(k)
        at = f"{where}.{i}"
        if key == "rename":
            out[i] = text(value, at, "a name (a text)")
        elif key == "title":
            out[i] = text(value, at, "a title (a text)")
        elif key == "aliases":
            out[i] = [text(n, at, "a name (a text)") for n in (value if isinstance(value, list) else [value])]
        elif key == "type":
            wanted = actor_type_error(value)
            if wanted:
                raise fail(at, value, wanted)
            out[i] = value
        else:                                           # events.date
            try:
                out[i] = parse_date(value)[0]
            except ValueError as exc:
                raise InputError(f"{shown}: {at}: {exc}") from None
    return out


def apply_curation(chron: Chronology, data: dict[str, Any], shown: str) -> list[str]:
    """Apply the editor's corrections (as load_curation checked them) to a chronology;
    returns warnings for entries that refer to nothing or cannot apply."""
    warnings: list[str] = []
    actors = {a.id: a for a in chron.actors}
    events = {e.id: e for e in chron.events}

    def missing(where: str, ident: str, known: dict) -> bool:
        if ident in known:
            return False
        warnings.append(f"{shown}: {where}: {ident!r} refers to no {'actor' if known is actors else 'event'}")
        return True

    def merge_groups(section: str, known: dict, absorb) -> None:
        """'merge: [[keep, other, ...]]': each other joins keep through absorb(keep, other)."""
        for group in data.get(section, {}).get("merge", []):
            if len(group) < 2:
                warnings.append(f"{shown}: {section}.merge: {group!r} should list two ids or more")
                continue
            keep, *others = group
            if missing(f"{section}.merge", keep, known):
                continue
            for other in others:
                if not missing(f"{section}.merge", other, known) and other != keep:
                    absorb(known[keep], known.pop(other))

    def absorb_actor(target, gone) -> None:
        target.aliases = sorted(set(target.aliases) | set(gone.aliases) | {gone.name}, key=str.casefold)
        target.sources = sorted(set(target.sources) | set(gone.sources))
        _replace_actor(chron, gone.id, target.id)

    def absorb_event(target, gone) -> None:
        seen = {(r.source, r.anchor) for r in target.reports}
        target.reports += [r for r in gone.reports if (r.source, r.anchor) not in seen]
        target.actors += [a for a in gone.actors if a not in target.actors]
        _replace_event(chron, gone.id, target.id)

    a_cur, e_cur = data.get("actors", {}), data.get("events", {})
    # actors --------------------------------------------------------------
    merge_groups("actors", actors, absorb_actor)
    for ident, name in a_cur.get("rename", {}).items():
        if not missing("actors.rename", ident, actors):
            a = actors[ident]
            a.aliases = sorted((set(a.aliases) | {a.name}) - {name}, key=str.casefold)
            a.name = name
    for ident, names in a_cur.get("aliases", {}).items():
        if not missing("actors.aliases", ident, actors):
            a = actors[ident]
            a.aliases = sorted(set(a.aliases) | set(names), key=str.casefold)
    for ident, type_ in a_cur.get("type", {}).items():
        if not missing("actors.type", ident, actors):
            actors[ident].type = type_
    for ident in a_cur.get("hide", []):
        if not missing("actors.hide", ident, actors):
            actors.pop(ident)
            _replace_actor(chron, ident, None)
    # events --------------------------------------------------------------
    merge_groups("events", events, absorb_event)
    for ident, value in e_cur.get("date", {}).items():
        if not missing("events.date", ident, events):
            events[ident].date, events[ident].precision = parse_date(value)     # checked by load_curation
    for ident, title in e_cur.get("title", {}).items():
        if not missing("events.title", ident, events):
            events[ident].title = title
    for ident in e_cur.get("hide", []):
        if not missing("events.hide", ident, events):
            events.pop(ident)
            _replace_event(chron, ident, None)
    # flags ---------------------------------------------------------------
    for ident in data.get("flags", {}).get("reviewed", []):
        if not missing("flags.reviewed", ident, actors):
            for f in actors[ident].flags:
                f["reviewed"] = True
    chron.actors = sorted(actors.values(), key=lambda a: a.id)
    chron.events = sorted(events.values(), key=lambda e: (sort_key(e.date), e.id))
    return warnings


def _replace_actor(chron: Chronology, old: str, new: str | None) -> None:
    for e in chron.events:
        if old in e.actors:
            e.actors = list(dict.fromkeys(a for a in (new if a == old else a for a in e.actors) if a))
    for q in chron.quotes:
        if q.speaker_id == old:
            q.speaker_id = new


def _replace_event(chron: Chronology, old: str, new: str | None) -> None:
    for q in chron.quotes:
        if q.event_id == old:
            q.event_id = new
