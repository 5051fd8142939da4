"""Hostile text must come out inert: escaped in HTML, attributes, JSON-LD, feeds and the
search index; unsafe URLs dropped; no script runs in the browser."""
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(FIXTURES / "hostile", root / "seeds")
    r = subprocess.run([sys.executable, "-m", "sitegen", "build", "-q"], cwd=root, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return root


def all_text(root: Path) -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8", errors="replace") for p in (root / "public").rglob("*")
            if p.is_file() and p.suffix in (".html", ".xml", ".json", ".csv", ".ics")}


def test_no_live_markup_anywhere(site):
    for path, text in all_text(site).items():
        if path.suffix == ".html":
            assert "<script>alert" not in text, path
            assert not re.search(r"<[^>]+\son(error|click|mouseover)=", text, re.I), path
            assert 'href="javascript:' not in text.lower(), path
            assert "<div onclick" not in text, path
        for script in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S):
            assert "</script" not in script.lower()


def test_unsafe_url_is_dropped_with_a_warning(site):
    src = next((site / "content" / "sources").glob("*.md")).read_text(encoding="utf-8")
    assert "url: null" in src


def test_no_script_runs_in_the_browser(site):
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site / "public"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    dialogs = []
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu",
                                  "--disable-background-networking", "--no-first-run"])
            page = b.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            pages = [""] + [str(p.parent.relative_to(site / "public")) + "/"
                            for p in (site / "public").rglob("index.html") if p.parent != site / "public"]
            for rel in pages:
                page.goto(base + rel)
                for el in page.query_selector_all("span.sentence, a, h1")[:30]:
                    el.dispatch_event("mouseover")
                    el.dispatch_event("click") if el.evaluate("e => e.tagName") == "SPAN" else None
            b.close()
    finally:
        httpd.shutdown()
    assert dialogs == []
