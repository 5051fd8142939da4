"""The preview and the published site in a real browser: Debian's chromium driven by
Playwright (executable_path, never `playwright install`)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
CHROMIUM = os.environ.get("SITEGEN_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_project(root: Path, base_url: str) -> Path:
    shutil.copytree(FIXTURES / "articles", root / "seeds")
    shutil.copytree(REPO / "templates", root / "templates")
    (root / "sitegen.yaml").write_text(f"title: Essai\nbase_url: {base_url}\n", encoding="utf-8")
    return root


class Served:
    def __init__(self, project: Path, base_path: str):
        self.project, self.port = project, free_port()
        self.url = f"http://127.0.0.1:{self.port}{base_path}"
        self.log = open(project / "serve.log", "w")
        self.proc = subprocess.Popen([sys.executable, "-m", "sitegen", "serve", "--port", str(self.port)],
                                     cwd=project, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 180
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url, timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
            if self.proc.poll() is not None:
                break
        self.stop()
        raise RuntimeError("sitegen serve did not start:\n" + (project / "serve.log").read_text())

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} not found: install Debian's chromium (see .ci/run)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    served = Served(make_project(tmp_path_factory.mktemp("preview"), "/"), "/")
    yield served
    served.stop()


def open_page(browser, url):
    """A page whose live-reload connection is up (it connects after the load)."""
    page = browser.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)
    return page


def test_template_change_reloads_the_page(preview, browser):
    page = open_page(browser, preview.url)
    template = preview.project / "templates" / "timeline.html"
    original = template.read_text(encoding="utf-8")
    started = time.perf_counter()
    template.write_text(original.replace("{% block main %}", '{% block main %}<p id="marker">nouveau gabarit</p>'),
                        encoding="utf-8")
    page.wait_for_selector("#marker", timeout=20_000)
    print(f"\ntemplate save -> reloaded page: {time.perf_counter() - started:.2f}s")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(2500)                            # the reloaded page reconnects first
    template.write_text(original, encoding="utf-8")
    page.wait_for_selector("#marker", state="detached", timeout=20_000)
    page.close()


def test_content_edit_reloads_the_page(preview, browser):
    event = next((preview.project / "content" / "events").glob("2021-03-02-*.md"))
    page = open_page(browser, preview.url + f"events/{event.stem}/")
    started = time.perf_counter()
    event.write_text(event.read_text(encoding="utf-8") + "\nNote ajoutée à la main.\n", encoding="utf-8")
    page.wait_for_selector("text=Note ajoutée à la main.", timeout=20_000)
    print(f"\ncontent edit -> reloaded page: {time.perf_counter() - started:.2f}s")
    page.close()


def test_broken_template_shows_an_error_then_recovers(preview, browser):
    page = browser.new_page()
    page.goto(preview.url)
    template = preview.project / "templates" / "event.html"
    original = template.read_text(encoding="utf-8")
    template.write_text(original.replace("{% block main %}", "{% block main %}{{ oops( }}"), encoding="utf-8")
    overlay = page.wait_for_selector("#sitegen-error", timeout=20_000)
    assert "event.html" in overlay.inner_text()
    assert page.title()                                      # the last good site is still served
    template.write_text(original, encoding="utf-8")
    page.wait_for_selector("#sitegen-error", state="detached", timeout=20_000)
    page.close()


def test_navigation_under_a_sub_path_by_clicking(tmp_path_factory, browser):
    served = Served(make_project(tmp_path_factory.mktemp("subpath"), "/chronologie/"), "/chronologie/")
    try:
        page = browser.new_page()
        page.goto(served.url)
        page.click("li.event:has(.event-actors) .event-title a >> nth=0")
        page.wait_for_load_state()
        assert "/chronologie/events/" in page.url
        page.click("figure.report figcaption a >> nth=0")
        page.wait_for_load_state()
        assert "/chronologie/sources/" in page.url and "#p" in page.url
        target = page.evaluate("document.querySelector(':target') && document.querySelector(':target').id")
        assert target == page.url.split("#", 1)[1]
        page.go_back()
        page.click(".facts a[href*='actors/'] >> nth=0")
        page.wait_for_load_state()
        assert "/chronologie/actors/" in page.url
        assert page.inner_text("h1")
        page.goto(served.url + "no-such-page/")             # 404 under the sub-path keeps working links
        page.close()
    finally:
        served.stop()
