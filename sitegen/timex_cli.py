"""`sitegen dates`: the time tagger for a person checking a date, and for the scorer."""
from __future__ import annotations

import datetime as dt
import json
import sys

from pathlib import Path

from sitegen.ingest import decode, read_source
from sitegen.model import InputError, Timex
from sitegen.publication import date_sources
from sitegen.timex import tag_dates


def _as_json(t: Timex) -> dict:
    """TIMEX3-style: an interval is a DURATION whose value is its length, the interval
    itself in 'range' (its two ends are DATEs of their own)."""
    row = {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value}
    if t.precision == "range" and t.value:
        a, b = (dt.date.fromisoformat(x) for x in t.value.split("/"))
        row["value"], row["range"] = f"P{(b - a).days + 1}D", t.value
    if t.mod:
        row["mod"] = t.mod
    return row


def _reference(value: str | None, where: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise InputError(f"{where}: published {value!r} is not a date (YYYY-MM-DD)") from None


def run_dates(args) -> int:
    if args.jsonl:
        for n, line in enumerate(sys.stdin, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text = row["text"]
            except (ValueError, KeyError, TypeError):
                raise InputError(f"stdin:{n}: expected a JSON object with 'id' and 'text'") from None
            ref = _reference(row.get("published"), f"stdin:{n}")
            timexes = [_as_json(t) for t in tag_dates(text, ref, args.language)]
            print(json.dumps({"id": row.get("id"), "timexes": timexes}, ensure_ascii=False), flush=False)
        sys.stdout.flush()
        return 0
    if not args.files:
        raise InputError("give one or more files, or --jsonl to read JSON lines on stdin")
    given = _reference(args.published, "--published")
    sources = _read_articles(args.files, args.language)
    date_sources(sources, args.language)        # the files as one dossier: each may date another
    for path, s in zip(args.files, sources):
        text = decode(path.read_bytes(), str(path))
        ref = given or (dt.date.fromisoformat(s.published) if s.published else None)
        found = tag_dates(text, ref, args.language)
        if args.json:
            print(json.dumps({"file": str(path), "published": ref.isoformat() if ref else None,
                              "publication": {"day": s.published, "from": s.published_from,
                                              "reasons": s.published_reasons},
                              "timexes": [_as_json(t) for t in found]}, ensure_ascii=False))
            continue
        print(f"{path}")
        if given:
            print(f"  reference {given.isoformat()} (given with --published)")
        print(f"  published {s.published or 'unknown'}" + (f" ({s.published_from})" if s.published_from else ""))
        for r in s.published_reasons:
            print("    " + reason_line(r))
        if ref is None:
            print("  no reference date: relative expressions unresolved")
        for t in found:
            line = text.count("\n", 0, t.start) + 1
            extra = f" {t.mod}" if t.mod else ""
            print(f"  {line}:{t.start}-{t.end}  {t.type:<8} {str(t.value):<24} «{t.text}»{extra}")
    return 0


def reason_line(r: dict) -> str:
    """One clue of a publication day, for the terminal: verdict, kind, words, days."""
    days = " ".join(f"{k} {r[k]}" for k in ("day", "after", "before") if r.get(k))
    about = f" (names {r['names']}" + (f" in {r['source']}" if r.get("source") else "") + ")" if r.get("names") else ""
    return f"{r['verdict']:<9} {r['kind']:<13} «{r['expression']}» {days}{about}".rstrip()


def _read_articles(paths: list[Path], lang_code: str) -> list:
    taken: set[str] = set()
    out = []
    for path in paths:
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        out.append(read_source(path, str(path), taken, lang_code))
    return out
