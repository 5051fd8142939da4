"""`sitegen check`: every internal link, #fragment, image, stylesheet and script of a
built site resolves, under the site's base path. External links are listed, and
fetched only when asked."""
from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

HOST = "site.invalid"       # a stand-in host: a URL that keeps it is internal


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []     # (attribute, url)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name"):
            if a.get(key) and (key == "id" or tag == "a"):
                self.ids.add(a[key])
        for key in ("href", "src"):
            if a.get(key):
                self.links.append((key, a[key]))
        if a.get("srcset"):
            for part in a["srcset"].split(","):
                if part.strip():
                    self.links.append(("srcset", part.strip().split()[0]))


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    return page


@dataclass
class CheckReport:
    pages: int = 0
    links: int = 0
    broken: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)


def _target(site: Path, page: Path, href: str, base_path: str) -> Path | None:
    """The file an internal link points to (None for another host or scheme)."""
    rel = str(page.relative_to(site)).replace("\\", "/")
    url = urljoin(f"http://{HOST}{base_path}{rel}", href)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != HOST:
        return None
    path = unquote(parts.path)
    if not path.startswith(base_path):
        return site / "__outside_the_base_path__"
    inner = path[len(base_path):]
    target = site / inner
    if inner == "" or inner.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def check_site(site: Path, base_path: str = "/", external: bool = False, timeout: float = 10.0,
               site_url: str | None = None) -> CheckReport:
    """Check a built site folder; base_path is the URL path it is served under, and
    links to site_url (its absolute address, as in canonical links) are internal."""
    report = CheckReport()
    pages = {page: parse(page) for page in sorted(site.rglob("*.html"))}
    seen_external: set[str] = set()
    for page, parsed in pages.items():
        report.pages += 1
        shown = page.relative_to(site)
        for attr, href in parsed.links:
            if href.startswith(("mailto:", "tel:", "javascript:", "data:")):
                continue
            report.links += 1
            if site_url and href.startswith(site_url):
                href = base_path + href[len(site_url):]
            target = _target(site, page, href, base_path)
            if target is None:
                if href not in seen_external:
                    seen_external.add(href)
                    report.external.append(href)
                continue
            if target.name == "__outside_the_base_path__":
                report.broken.append(f"{shown}: {href}: outside the base path {base_path}")
                continue
            if not target.is_file():
                report.broken.append(f"{shown}: {href}: no such file")
                continue
            fragment = urlsplit(href).fragment
            if fragment and target.suffix == ".html":
                target_ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(fragment) not in target_ids:
                    report.broken.append(f"{shown}: {href}: no element with id {unquote(fragment)!r}")
    if external:
        for url in sorted(seen_external):
            try:
                req = urllib.request.Request(url, method="HEAD", headers={"User-Agent": "sitegen-check"})
                with urllib.request.urlopen(req, timeout=timeout) as resp:
                    if resp.status >= 400:
                        report.broken.append(f"(external): {url}: HTTP {resp.status}")
            except (urllib.error.URLError, OSError, ValueError) as exc:
                report.broken.append(f"(external): {url}: {getattr(exc, 'reason', exc)}")
    return report
