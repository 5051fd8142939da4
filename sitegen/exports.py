"""The chronology as downloads: CSV, TimelineJS JSON, iCalendar and an Atom feed.

All built from the export of render (chronology_json), deterministic: no clock is read,
so two builds of the same content are byte-identical.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from xml.sax.saxutils import escape

from sitegen.dates import bounds, human_date

def events_csv(data: dict, prefix: str) -> str:
    names = {a["id"]: a["name"] for a in data["actors"]}
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["id", "date", "precision", "kind", "title", "actors", "location", "sources", "url"])
    for e in data["events"]:
        w.writerow([e["id"], e["date"], e["precision"], e.get("kind", ""), e["title"],
                    "; ".join(names.get(a, a) for a in e["actors"]), e["location"] or "",
                    len({m["source"] for m in e["mentions"]}), prefix + e["url"]])
    return out.getvalue()


def timelinejs(data: dict, prefix: str, lang_code: str, kinds: dict[str, str], description: str) -> dict:
    """TimelineJS 3 JSON: the same chronology, embeddable with the TimelineJS viewer.
    TimelineJS shows its headlines and texts as HTML: every text in them is escaped."""
    def point(d: dt.date, precision: str) -> dict:
        p = {"year": str(d.year)}
        if precision != "year":
            p["month"] = str(d.month)
        if precision in ("day", "range"):
            p["day"] = str(d.day)
        return p

    events = []
    for e in data["events"]:
        b = bounds(e["date"])
        if b is None:
            continue
        precision = e["precision"]
        item = {"unique_id": e["id"], "start_date": point(b[0], precision),
                "display_date": escape(human_date(e["date"], lang_code)),
                "text": {"headline": escape(e["title"]),
                         "text": "".join(f"<p>« {escape(m['quote'])} »</p>" for m in e["mentions"][:3])},
                "group": kinds.get(e.get("kind", "other"), ""),
                "link": prefix + e["url"]}
        if b[1] != b[0] and precision in ("range", "season"):
            item["end_date"] = point(b[1], "day" if precision == "range" else "month")
        events.append(item)
    return {"title": {"text": {"headline": escape(data.get("title", "")), "text": escape(description)}},
            "events": events}


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 5545: lines of at most 75 octets, continued with a space; never inside a character."""
    data = line.encode("utf-8")
    parts, start, room = [], 0, 75
    while len(data) - start > room:
        end = start + room
        while data[end] & 0xC0 == 0x80:          # a UTF-8 continuation byte: cut before its character
            end -= 1
        parts.append(data[start:end])
        start, room = end, 74                   # the next line starts with the space
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode("utf-8")


def events_ics(data: dict, prefix: str, host: str, stamp: dt.date | None) -> str:
    """All-day events; months, seasons and intervals span their days."""
    stamp_text = (stamp or dt.date(1970, 1, 1)).strftime("%Y%m%dT000000Z")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//sitegen//chronologie//FR", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{_ics_text(data.get('title', ''))}"]
    for e in data["events"]:
        b = bounds(e["date"])
        if b is None:
            continue
        lines += ["BEGIN:VEVENT", f"UID:{e['id']}@{host}", f"DTSTAMP:{stamp_text}",
                  f"DTSTART;VALUE=DATE:{b[0]:%Y%m%d}", f"DTEND;VALUE=DATE:{b[1] + dt.timedelta(days=1):%Y%m%d}",
                  f"SUMMARY:{_ics_text(e['title'])}", f"URL:{prefix + e['url']}"]
        if e["location"]:
            lines.append(f"LOCATION:{_ics_text(e['location'])}")
        if e["mentions"]:
            lines.append(f"DESCRIPTION:{_ics_text(e['mentions'][0]['quote'])}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def atom_feed(data: dict, prefix: str, feed_id: str, lang_code: str) -> str:
    """An Atom feed of the events, newest first; 'updated' is the event's own day."""
    entries = []
    dated = [(bounds(e["date"]), e) for e in data["events"]]
    dated = [(b, e) for b, e in dated if b]
    dated.sort(key=lambda x: (x[0][0], x[1]["id"]), reverse=True)
    newest = dated[0][0][0] if dated else dt.date(1970, 1, 1)
    for b, e in dated:
        summary = f"{human_date(e['date'], lang_code)} — " + (e["mentions"][0]["quote"] if e["mentions"] else "")
        entries.append(
            "  <entry>\n"
            f"    <title>{escape(e['title'])}</title>\n"
            f"    <id>{escape(feed_id + e['url'])}</id>\n"
            f"    <link href=\"{escape(prefix + e['url'])}\"/>\n"
            f"    <updated>{b[0].isoformat()}T00:00:00Z</updated>\n"
            f"    <summary>{escape(summary)}</summary>\n"
            "  </entry>\n")
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang_code}">\n'
            f"  <title>{escape(data.get('title', ''))}</title>\n"
            f"  <id>{escape(feed_id)}</id>\n"
            f'  <link rel="self" href="{escape(prefix)}feed.xml"/>\n'
            f'  <link href="{escape(prefix)}"/>\n'
            f"  <updated>{newest.isoformat()}T00:00:00Z</updated>\n"
            "  <author><name>sitegen</name></author>\n"
            + "".join(entries) + "</feed>\n")


def json_lines(data: dict) -> str:
    """JSON with each item of a list on a line of its own: readable and diffable, and
    made by json's C encoder (any indent makes json use its Python one, ten times slower)."""
    def value(v) -> str:
        if isinstance(v, list) and v:
            return "[\n  " + ",\n  ".join(json.dumps(x, ensure_ascii=False) for x in v) + "\n ]"
        return json.dumps(v, ensure_ascii=False)
    return "{\n" + ",\n".join(f" {json.dumps(k)}: {value(v)}" for k, v in data.items()) + "\n}\n"


# the files made of the chronology alone: data/chronology.json (the render writes it) and
# those of write_exports
EXPORT_FILES = ("data/chronology.json", "data/events.csv", "data/timeline.json", "data/events.ics", "feed.xml")


def write_exports(out, data: dict, config, ui: dict) -> list[str]:
    """data/events.csv, data/timeline.json, data/events.ics and feed.xml; returns their
    paths in out."""
    prefix = config.site_url or config.base_path
    host = re.sub(r"^https?://", "", config.site_url or "sitegen.local").split("/")[0]
    published = [s["published"] for s in data["sources"] if s.get("published")]
    newest = bounds(max(published)) if published else None
    stamp = newest[0] if newest else None
    feed_id = config.site_url or f"tag:{host},2000:{config.base_path}"
    texts = {
        "data/events.csv": events_csv(data, prefix),
        "data/timeline.json": json_lines(timelinejs(data, prefix, config.language, ui["event_kinds"],
                                                    config.description)),
        "data/events.ics": events_ics(data, prefix, host, stamp),     # CRLF lines, as iCalendar wants
        "feed.xml": atom_feed(data, prefix, feed_id, config.language),
    }
    for rel, text in texts.items():
        (out / rel).write_text(text, encoding="utf-8", newline="")
    return list(texts)
