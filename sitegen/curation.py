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

An entry that refers to nothing gets a warning naming the file, the key and the id.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sitegen.dates import chronology_date, sort_key
from sitegen.frontmatter import load_yaml
from sitegen.model import Chronology, InputError
from sitegen.record import CURATION_NAME

KEYS = {
    "actors": {"merge": list, "rename": dict, "aliases": dict, "type": dict, "hide": list},
    "events": {"merge": list, "date": dict, "title": dict, "hide": list},
    "flags": {"reviewed": list},
}
ACTOR_TYPES = {"person", "organization", "group", "state", "vessel", "military_unit", "place", "other"}
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?|-(SP|SU|FA|WI))?(/\d{4}(-\d{2}(-\d{2})?)?)?")


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
        if not isinstance(value, dict):
            raise InputError(f"{shown}: {section} must hold 'key: value' lines")
        for key, entry in value.items():
            if key not in KEYS[section]:
                raise InputError(f"{shown}: unknown key {section}.{key}; known: {', '.join(KEYS[section])}")
            if not isinstance(entry, KEYS[section][key]):
                kind = "a list" if KEYS[section][key] is list else "a mapping"
                raise InputError(f"{shown}: {section}.{key} must be {kind}")
    return data, shown


def apply_curation(chron: Chronology, data: dict[str, Any], shown: str) -> list[str]:
    """Apply the editor's corrections to a chronology; returns warnings for entries that
    refer to nothing or cannot apply."""
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
            if not isinstance(group, list) or len(group) < 2:
                warnings.append(f"{shown}: {section}.merge: {group!r} should list two ids or more")
                continue
            keep, *others = [str(x) for x in group]
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
        if not missing("actors.rename", str(ident), actors):
            a = actors[str(ident)]
            a.aliases = sorted((set(a.aliases) | {a.name}) - {str(name)}, key=str.casefold)
            a.name = str(name)
    for ident, names in a_cur.get("aliases", {}).items():
        if not missing("actors.aliases", str(ident), actors):
            extra = names if isinstance(names, list) else [names]
            a = actors[str(ident)]
            a.aliases = sorted(set(a.aliases) | {str(n) for n in extra}, key=str.casefold)
    for ident, type_ in a_cur.get("type", {}).items():
        if missing("actors.type", str(ident), actors):
            continue
        if type_ not in ACTOR_TYPES:
            warnings.append(f"{shown}: actors.type: {type_!r} is no actor type ({', '.join(sorted(ACTOR_TYPES))})")
            continue
        actors[str(ident)].type = type_
    for ident in a_cur.get("hide", []):
        if not missing("actors.hide", str(ident), actors):
            actors.pop(str(ident))
            _replace_actor(chron, str(ident), None)
    # events --------------------------------------------------------------
    merge_groups("events", events, absorb_event)
    for ident, value in e_cur.get("date", {}).items():
        if missing("events.date", str(ident), events):
            continue
        text = str(value)
        precision = None
        if DATE.fullmatch(text):
            found = chronology_date(text)
            precision = found[1] if found else None
        if precision is None:
            warnings.append(f"{shown}: events.date: {text!r} for {ident!r} is not a date "
                            "(YYYY-MM-DD, YYYY-MM, YYYY, YYYY-SP or START/END)")
            continue
        events[str(ident)].date, events[str(ident)].precision = text, precision
    for ident, title in e_cur.get("title", {}).items():
        if not missing("events.title", str(ident), events):
            events[str(ident)].title = str(title)
    for ident in e_cur.get("hide", []):
        if not missing("events.hide", str(ident), events):
            events.pop(str(ident))
            _replace_event(chron, str(ident), None)
    # flags ---------------------------------------------------------------
    for ident in data.get("flags", {}).get("reviewed", []):
        if not missing("flags.reviewed", str(ident), actors):
            for f in actors[str(ident)].flags:
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
