"""What a person writes (curation.yaml, content pages, articles' front matter,
sitegen.yaml) never ends in a traceback: a mistake is one line naming the file and the
key, exit status 1, and the previous site as it was."""
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.model import InputError

FIXTURES = Path(__file__).parent / "fixtures"
EVENT = "content/events/2021-03-02-rencontre.md"


def sitegen(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sitegen", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def digest(folder: Path) -> str:
    """Every file of a folder, by path and bytes."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def one_error(r: subprocess.CompletedProcess, *names: str) -> str:
    """The run failed with one line that names each of names, and no traceback."""
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sitegen: error: "), lines
    for name in names:
        assert name in lines[0], (name, lines[0])
    return lines[0]


@pytest.fixture
def rendered(tmp_path: Path) -> Path:
    """A project of hand-written content pages, rendered once (no extraction)."""
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    r = sitegen("render", "-q", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    return tmp_path


def set_key(page: Path, line_start: str, new_line: str) -> None:
    lines = page.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(line_start))
    lines[at] = new_line
    page.write_text("\n".join(lines), encoding="utf-8")


# ------------------------------------------------------------ content pages

@pytest.mark.parametrize("value, says", [
    ("'2015-02-31'", "not a date of the calendar"),
    ("2015-02-31", "not a date of the calendar"),              # unquoted: a YAML timestamp
    ("'2015-13'", "not a date of the calendar"),
    ("'0000'", "years 1000 to 2999"),
    ("'9999-12-31'", "years 1000 to 2999"),
    ("'2015-03-05/2015-03-01'", "ends before it starts"),
    ("[2015, 2016]", "is not a date"),
])
def test_a_bad_date_in_an_event_page_is_one_line_and_the_site_stays(rendered, value, says):
    before = digest(rendered / "public")
    set_key(rendered / EVENT, "date:", f"date: {value}")
    r = sitegen("render", cwd=rendered)
    line = one_error(r, "events/2021-03-02-rencontre.md", "date", says)
    assert digest(rendered / "public") == before, line


def test_a_bad_publication_day_in_a_source_page_is_one_line(rendered):
    before = digest(rendered / "public")
    page = rendered / "content/sources/rencontre-a-rome.md"
    for value in ("'2021-02-30'", "'2021-03'", "{day: 3}"):
        set_key(page, "published:", f"published: {value}")
        one_error(sitegen("render", cwd=rendered), "sources/rencontre-a-rome.md", "published")
        assert digest(rendered / "public") == before


@pytest.mark.parametrize("line_start, new_line, key", [
    ("title:", "title: [a, b]", "title"),
    ("actors:", "actors: [[helene-lefevre]]", "actors"),
    ("location:", "location: {city: Rome}", "location"),
    ("title:", "kind: [meeting]", "kind"),
    ("title:", "disagreements: [{kind: name, sources: [[x]]}]", "disagreements.sources"),
])
def test_a_value_of_the_wrong_kind_in_an_event_page_is_one_line(rendered, line_start, new_line, key):
    before = digest(rendered / "public")
    set_key(rendered / EVENT, line_start, new_line)
    one_error(sitegen("render", cwd=rendered), "events/2021-03-02-rencontre.md", f"{key}:")
    assert digest(rendered / "public") == before


def test_a_flag_of_a_source_page_with_a_list_for_its_kind_is_one_line(rendered):
    page = rendered / "content/sources/rencontre-a-rome.md"
    set_key(page, "flags:", "flags: [{kind: [language], language: fr}]")
    one_error(sitegen("render", cwd=rendered), "sources/rencontre-a-rome.md", "flags.kind")


def test_an_unquoted_date_in_a_content_page_is_read_as_its_text(rendered):
    set_key(rendered / EVENT, "date:", "date: 2021-03-04")
    r = sitegen("render", cwd=rendered)
    assert r.returncode == 0, r.stderr
    assert "4 mars 2021" in (rendered / "public/events/2021-03-02-rencontre/index.html").read_text(encoding="utf-8")


# ------------------------------------------------------------ the YAML reader

def test_a_deeply_nested_page_is_refused_before_anything_walks_it(rendered):
    before = digest(rendered / "public")
    set_key(rendered / EVENT, "location:", "location: " + "[" * 5000 + "]" * 5000)
    one_error(sitegen("render", cwd=rendered), "events/2021-03-02-rencontre.md:", "too deeply nested")
    assert digest(rendered / "public") == before


def alias_bomb(levels: int = 9) -> str:
    """A few hundred bytes that stand for 9**levels values once expanded."""
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_the_yaml_reader_refuses_depth_and_alias_bombs_without_expanding_them():
    from sitegen.frontmatter import load_yaml

    with pytest.raises(InputError, match=r"^x\.yaml:1: too deeply nested"):
        load_yaml("k: " + "[" * 5000 + "]" * 5000, "x.yaml")
    with pytest.raises(InputError, match=r"^x\.yaml: too large once its aliases are expanded"):
        load_yaml(alias_bomb(), "x.yaml")
    with pytest.raises(InputError, match=r"^x\.yaml:1: an alias inside its own anchor"):
        load_yaml("&a [1, *a]", "x.yaml")
    with pytest.raises(InputError, match=r"^x\.yaml:2: not valid YAML \('x' is no int\)"):
        load_yaml("a: 1\nb: !!int x\n", "x.yaml")
    # what a person writes stays readable: aliases used a little, a hundred levels, dates as text
    assert load_yaml("a: &a [1, 2]\nb: *a\nd: 2015-02-31\n", "x.yaml") == {"a": [1, 2], "b": [1, 2], "d": "2015-02-31"}
    assert load_yaml("[" * 100 + "]" * 100, "x.yaml") is not None


# ------------------------------------------------------------ curation.yaml, through the CLI

def test_an_article_with_no_day_of_the_calendar_for_its_date_is_read_without_it(project):
    for name, date in [("d-port.md", "2015-02-31"), ("e-pont.md", "'9999-12-31'")]:
        (project / "seeds" / name).write_text(
            f"---\ntitle: Le port rouvre {name[0]}\ndate: {date}\n---\n"
            "Le port de plaisance a rouvert ses quais aux visiteurs mardi après des travaux.\n", encoding="utf-8")
    r = sitegen("build", "-q", cwd=project)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    assert "d-port.md: front matter date: '2015-02-31' is not a date of the calendar; ignored" in r.stderr
    assert "e-pont.md: front matter date: '9999-12-31' is out of range (years 1000 to 2999 only); ignored" in r.stderr


def test_curation_mistakes_stop_the_build_before_content_is_written(project):
    r = sitegen("build", "-q", cwd=project)
    assert r.returncode == 0, r.stderr
    event = sorted((project / "content/events").glob("*.md"))[0].stem
    public, content = digest(project / "public"), digest(project / "content")
    mistakes = [
        (f"events:\n  date: {{{event}: '2015-02-31'}}\n", f"events.date.{event}", "2015-02-31"),
        (f"events:\n  date: {{{event}: '9999-12-31'}}\n", f"events.date.{event}", "years 1000 to 2999"),
        (f"events:\n  date: {{{event}: '0000'}}\n", f"events.date.{event}", "years 1000 to 2999"),
        ("actors:\n  type: {helene-lefevre: [person, group]}\n", "actors.type.helene-lefevre", "actor type"),
        ("actors:\n  type: {helene-lefevre: 3}\n", "actors.type.helene-lefevre", "actor type"),
        ("actors:\n  rename: {helene-lefevre: null}\n", "actors.rename.helene-lefevre", "not empty"),
        (f"events:\n  title: {{{event}: }}\n", f"events.title.{event}", "not empty"),
        ("actors:\n  aliases: {helene-lefevre: [{a: 1}]}\n", "actors.aliases.helene-lefevre", "a name"),
        ("actors:\n  hide: [[helene-lefevre]]\n", "actors.hide", "an id"),
        ("events:\n  merge: [a, b]\n", "events.merge", "a list of ids"),
        ("flags:\n  reviewed: {helene-lefevre: true}\n", "flags.reviewed", "a list"),
    ]
    for text, key, says in mistakes:
        (project / "content" / "curation.yaml").write_text(text, encoding="utf-8")
        r = sitegen("build", cwd=project)
        one_error(r, "content/curation.yaml", key, says)
        assert digest(project / "public") == public, key
        (project / "content" / "curation.yaml").unlink()
        assert digest(project / "content") == content, key        # nothing written, the bad value least of all


def test_an_alias_bomb_in_curation_is_one_short_line(project):
    """Six anchors, each list nine aliases of the one before: about 600,000 values.
    Each would become a warning as long as its expanded text."""
    anchors = ["&a0 [x, x, x, x, x, x, x, x, x]"]
    anchors += [f"&a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 6)]
    (project / "content").mkdir()
    (project / "content" / "curation.yaml").write_text(
        "events:\n  hide: [" + ", ".join(anchors) + "]\n", encoding="utf-8")
    r = sitegen("build", cwd=project)
    one_error(r, "content/curation.yaml", "too large once its aliases are expanded")
    assert len(r.stderr) < 500
    assert not (project / "public").exists()


# ------------------------------------------------------------ sitegen.yaml

@pytest.mark.parametrize("setting, says", [
    ("language: xx", "language 'xx' has no table in sitegen/lang/; known: fr"),
    ("language: ../../x", "language '../../x' has no table"),
    ("language: fr_geo", "language 'fr_geo' has no table"),
    ("title: [a, b]", "title must be one value"),
    ("description: {a: 1}", "description must be one value"),
    ("model: ../models/fr", "model '../models/fr' is not the name of a spaCy pipeline"),
])
def test_a_bad_setting_is_one_line_naming_it(rendered, setting, says):
    before = digest(rendered / "public")
    (rendered / "sitegen.yaml").write_text(setting + "\n", encoding="utf-8")
    one_error(sitegen("render", cwd=rendered), "sitegen.yaml", says)
    assert digest(rendered / "public") == before


# ------------------------------------------------------------ downloads

def test_timelinejs_escapes_titles_and_the_description(rendered):
    hostile = "<img src=x onerror=alert(1)>"
    set_key(rendered / EVENT, "title:", f"title: '{hostile}'")
    (rendered / "sitegen.yaml").write_text(f"title: '{hostile}'\ndescription: '{hostile}'\n", encoding="utf-8")
    r = sitegen("render", cwd=rendered)
    assert r.returncode == 0, r.stderr
    timeline = json.loads((rendered / "public/data/timeline.json").read_text(encoding="utf-8"))
    texts = [timeline["title"]["text"]["headline"], timeline["title"]["text"]["text"]]
    texts += [e["text"]["headline"] for e in timeline["events"]]
    assert texts.count("&lt;img src=x onerror=alert(1)&gt;") == 3, texts
    assert not any("<img" in t for t in texts)


# ------------------------------------------------------------ warnings

def test_one_file_gets_at_most_twenty_warnings_then_a_count(capsys):
    from sitegen.cli import print_warnings

    print_warnings([f"content/curation.yaml: events.hide: 'e{i}' refers to no event" for i in range(500)]
          + ["seeds/a.md:3: one warning about another file"])
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 22
    assert sum("curation.yaml: events.hide" in line for line in lines) == 20
    assert "seeds/a.md:3: one warning" in lines[20]
    assert lines[21] == "warning: ... and 480 more warnings about content/curation.yaml"


@pytest.mark.parametrize("value", ["'javascript:alert(1)'", "'data:text/html,<script>alert(1)</script>'",
                                   "'//evil.example/x'", "[https://example.org/a]"])
def test_a_source_page_links_only_to_a_web_address(rendered, value):
    """A hand-edited url: reaches the source page's link, so it must be http(s), as the
    url of an article's front matter must."""
    before = digest(rendered / "public")
    set_key(rendered / "content/sources/rencontre-a-rome.md", "url:", f"url: {value}")
    one_error(sitegen("render", cwd=rendered), "sources/rencontre-a-rome.md", "url", "http(s) address")
    assert digest(rendered / "public") == before
