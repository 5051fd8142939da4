"""A small link checker for tests: every internal href/src of a built site must resolve,
fragments included. (sitegen check, with lychee beside it, is the full tool.)"""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        for key in ("href", "src"):
            if a.get(key) and not (tag == "link" and a.get("rel") == "canonical"):
                self.links.append(a[key])


def parse(path: Path) -> _Collect:
    c = _Collect()
    c.feed(path.read_text(encoding="utf-8"))
    return c


def target_file(site: Path, page: Path, href: str, base: str = "/") -> Path | None:
    url = urljoin("http://site" + base + str(page.relative_to(site)).replace("\\", "/"), href)
    parts = urlsplit(url)
    if parts.netloc != "site":
        return None
    path = unquote(parts.path)
    if not path.startswith(base):
        return site / "__outside_base__"
    rel = path[len(base):]
    target = site / rel
    if rel == "" or rel.endswith("/"):
        target = target / "index.html"
    return target


def broken_links(site: Path, base: str = "/") -> list[str]:
    problems = []
    ids_cache: dict[Path, set[str]] = {}
    for page in sorted(site.rglob("*.html")):
        for href in parse(page).links:
            target = target_file(site, page, href, base)
            if target is None:
                continue
            if not target.is_file():
                problems.append(f"{page.relative_to(site)} -> {href}: missing")
                continue
            frag = urlsplit(href).fragment
            if frag and target.suffix == ".html":
                ids = ids_cache.setdefault(target, parse(target).ids)
                if unquote(frag) not in ids:
                    problems.append(f"{page.relative_to(site)} -> {href}: no such anchor")
    return problems
