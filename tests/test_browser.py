"""The preview and the published site in a real browser: Debian's chromium driven by
Playwright (executable_path, never `playwright install`)."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from serving import Served, make_project

CHROMIUM = os.environ.get("SITEGEN_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


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
    seen: list[str] = []            # what the page did, told if a step fails
    try:
        page = browser.new_page()
        page.on("framenavigated", lambda frame: frame == page.main_frame and seen.append(f"at {frame.url}"))
        page.on("console", lambda message: seen.append(f"console: {message.text}"))
        page.on("requestfailed", lambda request: seen.append(f"failed: {request.url}"))
        page.goto(served.url)
        page.click("li.event:has(.event-actors) .event-title a >> nth=0")
        page.wait_for_url("**/chronologie/events/**")      # the click's navigation, not the page before it
        page.click("figure.report figcaption a >> nth=0")
        page.wait_for_url("**/chronologie/sources/**")
        assert "#p" in page.url
        target = page.evaluate("document.querySelector(':target') && document.querySelector(':target').id")
        assert target == page.url.split("#", 1)[1]
        page.go_back()
        page.click(".facts a[href*='actors/'] >> nth=0")
        page.wait_for_url("**/chronologie/actors/**")
        assert page.inner_text("h1")
        page.goto(served.url + "no-such-page/")             # 404 under the sub-path keeps working links
        page.close()
    except Exception as exc:
        log = (served.project / "serve.log").read_text(encoding="utf-8", errors="replace")
        raise AssertionError(f"{exc}\n--- the page:\n" + "\n".join(seen) + f"\n--- serve.log:\n{log[-4000:]}") from exc
    finally:
        served.stop()


# ---------------------------------------------------------------------- the published site

@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The fixture articles built and served as static files, as GitHub Pages would."""
    import functools
    import http.server
    import threading

    project = make_project(tmp_path_factory.mktemp("published"), "/")
    r = subprocess.run([sys.executable, "-m", "sitegen", "build", "-q"], cwd=project, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(project / "public"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", project
    httpd.shutdown()


def test_filters_work_from_the_url_and_the_page_is_complete_without_js(published, browser):
    url, _ = published
    page = browser.new_page()
    page.goto(url)
    actor = page.locator("select[name=actor] option").nth(1).get_attribute("value")
    page.goto(url + f"?actor={actor}")
    visible = page.locator("li.event:not([hidden])")
    assert 1 <= visible.count() < page.locator("li.event").count()
    assert all(actor in visible.nth(i).get_attribute("data-actors").split() for i in range(visible.count()))
    page.select_option("select[name=actor]", "")
    kind = page.locator("select[name=kind] option").nth(1).get_attribute("value")
    page.select_option("select[name=kind]", kind)
    assert f"kind={kind}" in page.url                          # shareable
    shown = page.locator("li.event:not([hidden])")
    assert shown.count() >= 1
    assert all(shown.nth(i).get_attribute("data-kind") == kind for i in range(shown.count()))
    page.close()
    context = browser.new_context(java_script_enabled=False)
    nojs = context.new_page()
    nojs.goto(url + f"?actor={actor}")
    total = nojs.locator("li.event").count()
    assert total >= 3 and nojs.locator("li.event:not([hidden])").count() == total
    context.close()


def test_newest_first_reorders_the_document(published, browser):
    url, _ = published
    page = browser.new_page()
    page.goto(url)
    oldest = page.locator("li.event time").first.get_attribute("datetime")
    page.check("input[name=order]")
    assert "order=desc" in page.url
    newest = page.locator("li.event time").first.get_attribute("datetime")
    assert newest > oldest
    page.close()


def test_search_finds_an_actor_offline(published, browser):
    url, _ = published
    page = browser.new_page()
    page.goto(url + "search/?q=Garnier")
    # a result is drawn first as a placeholder of dots, then filled in with its link: the
    # link is what says the result has loaded (the text was read too early under load)
    page.wait_for_selector(".pagefind-ui__result-link", timeout=20_000)
    assert "Garnier" in page.inner_text(".pagefind-ui__results")
    page.close()


def test_keyboard_reaches_the_content_and_follows_links(published, browser):
    url, _ = published
    page = browser.new_page()
    page.goto(url)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    page.wait_for_url("**#main", timeout=5_000)           # the jump lands a moment after the key
    assert page.url.endswith("#main")
    for _ in range(40):                                   # tab to the first event link and open it
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.getAttribute('href') || ''")
        if href.startswith("events/"):
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/events/" in page.url
    page.close()


@pytest.mark.parametrize("path", ["", "events/", "actors/", "sources/"])
def test_no_serious_accessibility_violation(published, browser, path):
    """axe-core (bundled by axe-playwright-python) on the timeline, an event, an actor
    and a source page: no serious or critical violation."""
    from axe_playwright_python.sync_playwright import Axe

    url, project = published
    if path:
        first = sorted((project / "public" / path).glob("*/index.html"))[0]
        path = path + first.parent.name + "/"
    page = browser.new_page()
    page.goto(url + path)
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not bad, [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in bad]
    page.close()


def test_preview_serves_nothing_outside_the_site(preview):
    import http.client
    port = preview.port
    for path in ["/../sitegen.yaml", "/%2e%2e/sitegen.yaml", "/static/..%2f..%2fsitegen.yaml",
                 "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "//etc/passwd"]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", path)
        resp = conn.getresponse()
        body = resp.read().decode("utf-8", "replace")
        assert resp.status != 200 or ("title: Essai" not in body and "root:" not in body), path
        conn.close()


def test_preview_listens_on_loopback_only(preview):
    """The listening socket of the preview's port is bound to 127.0.0.1 (read from the
    kernel's socket table, /proc/net/tcp)."""
    bound = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            local, state = row.split()[1], row.split()[3]
            address, port = local.rsplit(":", 1)
            if int(port, 16) == preview.port and state == "0A":      # LISTEN
                bound.append(address)
    assert bound and all(a in ("0100007F", "00000000000000000000000001000000") for a in bound), bound


def test_preview_survives_a_flood_of_saves(preview):
    """Three hundred saves in a burst (an editor's autosave, a git checkout): the preview
    keeps answering, rebuilds far fewer times than it was poked, and ends on the last save."""
    template = preview.project / "templates" / "timeline.html"
    original = template.read_text(encoding="utf-8")
    log = preview.project / "serve.log"
    rebuilds_before = log.read_text(encoding="utf-8").count("rebuilt (")
    try:
        for i in range(300):
            template.write_text(original.replace("{% block main %}", f'{{% block main %}}<p id="flood">{i}</p>'),
                                encoding="utf-8")
            time.sleep(0.005)
        deadline, body = time.time() + 60, ""
        while time.time() < deadline and '<p id="flood">299</p>' not in body:
            time.sleep(0.5)
            with urllib.request.urlopen(preview.url, timeout=10) as r:
                assert r.status == 200
                body = r.read().decode("utf-8")
        assert '<p id="flood">299</p>' in body, "the preview did not end on the last save"
        rebuilds = log.read_text(encoding="utf-8").count("rebuilt (") - rebuilds_before
        print(f"\n300 saves -> {rebuilds} rebuilds")
        assert 1 <= rebuilds <= 30
        assert preview.proc.poll() is None
    finally:
        template.write_text(original, encoding="utf-8")
        time.sleep(3)
