"""Render alone, from hand-written content pages: no spaCy involved."""
import json
import re
import shutil
from pathlib import Path

import jinja2
import jsonschema
import pytest

from sitegen.config import Config, theme_dir
from sitegen.model import BuildError, InputError
from sitegen.content import read_content
from sitegen.render import SCHEMA_PATH, Site, render_site
from sitegen.check import check_site, parse

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def site(tmp_path):
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    config = Config(root=tmp_path, title="Essai")
    report = render_site(config)
    return tmp_path / "public", report, config


def test_pages_and_data_exist(site):
    out, report, _ = site
    for rel in ["index.html", "events/2021-03-02-rencontre/index.html", "actors/helene-lefevre/index.html",
                "sources/rencontre-a-rome/index.html", "actors/index.html", "sources/index.html",
                "static/style.css", "data/chronology.json", ".nojekyll"]:
        assert (out / rel).is_file(), rel
    assert report.warnings == []


def test_every_internal_link_and_anchor_resolves(site):
    out, _, _ = site
    assert check_site(out).broken == []


def test_timeline_in_date_order_grouped_by_month(site):
    html = (site[0] / "index.html").read_text(encoding="utf-8")
    assert html.index("février 2021") < html.index("mars 2021")
    assert html.index("Annonce de la saison croisée") < html.index("La ministre rencontre son homologue")
    assert "2 mars 2021" in html and "2 sources" not in html and "1 source" in html


def test_event_page_quotes_link_to_the_source_sentence(site):
    page = site[0] / "events/2021-03-02-rencontre/index.html"
    html = page.read_text(encoding="utf-8")
    assert 'href="../../sources/rencontre-a-rome/#p1s1"' in html
    assert 'href="../../actors/helene-lefevre/"' in html          # .md link in the body rewritten
    assert "p1s1" in parse(site[0] / "sources/rencontre-a-rome/index.html").ids


def test_source_text_is_escaped_not_executed(site):
    html = (site[0] / "sources/rencontre-a-rome/index.html").read_text(encoding="utf-8")
    assert "<b>entre ministres</b>" not in html and "&lt;b&gt;entre ministres&lt;/b&gt;" in html


def test_actor_page_lists_events_and_quotes(site):
    html = (site[0] / "actors/helene-lefevre/index.html").read_text(encoding="utf-8")
    assert "La ministre rencontre son homologue" in html
    assert "Nous voulons ouvrir nos musées" in html and 'href="../../sources/rencontre-a-rome/#p2s2"' in html


def test_chronology_json_validates(site):
    data = json.loads((site[0] / "data/chronology.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    assert [e["date"] for e in data["events"]] == ["2021-02", "2021-03-02"]
    assert data["events"][1]["mentions"][0]["url"] == "sources/rencontre-a-rome/#p1s1"


def test_a_broken_reference_is_a_warning(tmp_path):
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    page = tmp_path / "content/events/2021-02-saison.md"
    text = page.read_text(encoding="utf-8")
    quote = re.search(r"quote: (.+)", text[text.index("anchor: p2s1"):]).group(1)
    page.write_text(text.replace("anchor: p2s1", "anchor: p9s9").replace(quote, "Des mots que la source n'a pas."),
                    encoding="utf-8")
    report = render_site(Config(root=tmp_path))
    assert any("#p9s9" in w and "2021-02-saison.md" in w for w in report.warnings)


def test_a_moved_anchor_follows_its_quote(tmp_path):
    """A hand-kept page's anchor that no longer holds its quote links to the sentence
    that does (the article gained a paragraph since)."""
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    page = tmp_path / "content/events/2021-02-saison.md"
    page.write_text(page.read_text(encoding="utf-8").replace("anchor: p2s1", "anchor: p1s1"), encoding="utf-8")
    report = render_site(Config(root=tmp_path))
    assert not any("2021-02-saison" in w for w in report.warnings), report.warnings
    html = (tmp_path / "public/events/2021-02-saison/index.html").read_text(encoding="utf-8")
    assert "#p2s1" in html and "#p1s1" not in html


def test_template_error_keeps_the_previous_site(tmp_path):
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    config = Config(root=tmp_path)
    render_site(config)
    before = (tmp_path / "public/index.html").read_text(encoding="utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates/event.html").write_text("{% extends 'base.html' %}{% block main %}{{ oops(}}{% endblock %}")
    with pytest.raises(InputError, match=r"event.html:1: template error"):
        render_site(config)
    assert (tmp_path / "public/index.html").read_text(encoding="utf-8") == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".public")) == []


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("sig", ["SIGINT", "SIGKILL"])
def test_a_render_killed_midway_leaves_the_previous_site_whole(tmp_path, sig):
    """Ctrl-C or a kill at any moment of a render: public/ is the previous site, whole.
    Renders are deterministic, so a kill after the swap also leaves the same files."""
    import signal
    import subprocess
    import sys
    import time
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    render_site(Config(root=tmp_path))
    before = _tree(tmp_path / "public")
    cmd = [sys.executable, "-m", "sitegen", "render", "-q", "--force", "--content", "content", "--output", "public"]
    interrupted = 0
    for delay in (0.0, 0.02, 0.05, 0.1, 0.2, 0.35):
        # Ctrl-C as a terminal sends it, even when this test runs in the background of
        # a shell (whose children start with SIGINT ignored)
        earlier = set(tmp_path.glob(".public.tmp-*"))     # a SIGKILL's leftover, for the next render to remove
        proc = subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        while proc.poll() is None and not set(tmp_path.glob(".public.tmp-*")) - earlier:
            time.sleep(0.005)                  # the render has begun writing its new site
        time.sleep(delay)
        proc.send_signal(getattr(signal, sig))
        _, err = proc.communicate(timeout=60)
        assert b"Traceback" not in err
        interrupted += proc.returncode != 0
        assert _tree(tmp_path / "public") == before, f"public/ changed after {sig} at {delay}s"
    assert interrupted >= 2, "the signals should land while the render is running"
    if sig == "SIGINT":        # a clean interruption tidies its temporary folder
        assert [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name] == []


def test_a_kill_between_the_two_renames_is_mended_by_the_next_render(tmp_path):
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    config = Config(root=tmp_path)
    render_site(config)
    before = _tree(tmp_path / "public")
    (tmp_path / "public").rename(tmp_path / ".public.old-x1")      # the state such a kill leaves
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates/event.html").write_text("{{ oops(}}")
    with pytest.raises(InputError):
        render_site(config)
    assert _tree(tmp_path / "public") == before


def _inodes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_ino for p in folder.rglob("*.html")}


def test_a_render_without_changes_does_nothing(site):
    out, _, config = site
    before = _inodes(out)
    report = render_site(config)
    assert report.unchanged and report.pages == 0
    assert _inodes(out) == before


def _rerendered(config: Config, change) -> tuple[set[str], object]:
    """The HTML pages a render rewrites after change(), by their inodes (a page taken over
    from the previous site is a hard link), and the render's report."""
    before = _inodes(config.output)
    change()
    report = render_site(config)
    after = _inodes(config.output)
    return {rel for rel in after if after[rel] != before.get(rel)}, report


def _edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_a_template_edit_rewrites_only_the_pages_made_with_it(tmp_path):
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    shutil.copytree(theme_dir(), tmp_path / "templates")
    config = Config(root=tmp_path)
    render_site(config)
    out = tmp_path / "public"
    rewritten, report = _rerendered(config, lambda: _edit(
        tmp_path / "templates" / "event.html", "{% block main %}", "{% block main %}<!-- modèle modifié -->"))
    changed = sorted(rewritten)
    assert changed == ["events/2021-02-saison/index.html", "events/2021-03-02-rencontre/index.html"]
    assert report.pages == 2 and report.reused == len(_inodes(out)) - 2
    assert "modèle modifié" in (out / changed[0]).read_text(encoding="utf-8")


def test_a_project_template_may_write_an_event_as_json(tmp_path):
    """The event views pages share are read-only mappings: a template's |tojson still
    writes them as objects, and no template can change what other pages show."""
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates/event.html").write_text(
        "<script type=\"application/json\">{{ event | tojson }}</script>"
        "<p data-event='{{ event | tojson_attr }}'>{{ event.title }}</p>", encoding="utf-8")
    render_site(Config(root=tmp_path))
    html = (tmp_path / "public/events/2021-02-saison/index.html").read_text(encoding="utf-8")
    data = json.loads(html.split(">", 1)[1].split("</script>")[0])
    assert data["id"] == "2021-02-saison" and data["mentions"][0]["source"]
    site = Site(read_content(tmp_path / "content"), Config(root=tmp_path), [])
    with pytest.raises(TypeError):
        site.event_view("2021-02-saison")["title"] = "changed by one page for all"


def test_dotted_names_on_page_values_read_as_jinja_reads_them(tmp_path):
    """The environment looks a dict's keys up before its attributes, but a name that is
    a dict method is still the method, and a missing key still fails loudly."""
    from types import MappingProxyType
    from sitegen.render import _environment
    env = _environment(Config(root=tmp_path))
    page = env.from_string("{{ d.title }}|{{ v.title }}|{{ d.items() | list | length }}|{{ v.keys() | list | join(',') }}")
    d = {"title": "Réunion", "items": "a key named like a method"}
    assert page.render(d=d, v=MappingProxyType({"title": "Vue"})) == "Réunion|Vue|2|title"
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ d.missing }}").render(d=d)


def test_a_content_edit_rewrites_the_pages_that_show_it_and_matches_a_full_render(tmp_path):
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    config = Config(root=tmp_path)
    render_site(config)
    out = tmp_path / "public"
    changed, report = _rerendered(config, lambda: _edit(
        tmp_path / "content" / "events" / "2021-02-saison.md", "title:", "title: Retitré —"))
    assert "events/2021-02-saison/index.html" in changed            # the page itself
    assert "index.html" in changed                                  # the timeline lists it
    assert "actors/marco-bellini/index.html" in changed             # its actor lists it
    assert "actors/helene-lefevre/index.html" not in changed        # not in that event
    # its neighbour is rendered again (its link to the event is in its context) but shows
    # only the event's date: the page comes out as it was and stays the same file
    assert "events/2021-03-02-rencontre/index.html" not in changed
    assert report.same >= 1 and report.pages == len(changed) + report.same
    incremental = _tree(out)
    render_site(config, output=tmp_path / "full", force=True)
    full = _tree(tmp_path / "full")
    differ = [rel for rel in full if incremental.get(rel) != full[rel] and not rel.startswith("pagefind/")]
    assert differ == [] and set(full) == set(incremental)


def test_an_added_source_renders_the_pages_that_show_it_and_those_naming_it_follow_its_title(tmp_path):
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    config = Config(root=tmp_path)
    render_site(config)
    out = tmp_path / "public"
    other = tmp_path / "content" / "sources" / "un-autre-article.md"
    text = (tmp_path / "content" / "sources" / "rencontre-a-rome.md").read_text(encoding="utf-8")
    head, body = text.split("quotes:", 1)[0], text.split("---", 2)[2]
    changed, _ = _rerendered(config, lambda: other.write_text(
        head.replace("id: rencontre-a-rome", "id: un-autre-article").replace(
            "title: Rencontre à Rome", "title: Un autre article") + "---" + body, encoding="utf-8"))
    assert changed == {"sources/un-autre-article/index.html", "sources/index.html"}, changed
    # an actor page whose flag names the new source follows that source's title
    _edit(tmp_path / "content" / "actors" / "helene-lefevre.md", "aliases:",
          "flags:\n- {kind: name_conflict, name: Helene Lefevre, usual: Hélène Lefèvre, "
          "sources: [un-autre-article]}\naliases:")
    render_site(config)
    assert "Un autre article" in (out / "actors/helene-lefevre/index.html").read_text(encoding="utf-8")
    changed, _ = _rerendered(config, lambda: _edit(other, "title: Un autre article", "title: Titre corrigé"))
    assert "actors/helene-lefevre/index.html" in changed and "actors/marco-bellini/index.html" not in changed
    assert "Titre corrigé" in (out / "actors/helene-lefevre/index.html").read_text(encoding="utf-8")
    # and so does an event page whose disagreement names it (not one of its mentions)
    _edit(tmp_path / "content" / "events" / "2021-02-saison.md", "mentions:",
          "disagreements:\n- {name: Marco Belini, usual: Marco Bellini, sources: [un-autre-article]}\nmentions:")
    render_site(config)
    changed, _ = _rerendered(config, lambda: _edit(other, "title: Titre corrigé", "title: Titre revu"))
    assert "events/2021-02-saison/index.html" in changed
    assert "Titre revu" in (out / "events/2021-02-saison/index.html").read_text(encoding="utf-8")


def _index_starts(monkeypatch) -> list:
    """The Pagefind runs renders start from now on (each still runs)."""
    import sitegen.render as R
    started, start = [], R._start_index
    monkeypatch.setattr(R, "_start_index", lambda *args, **kw: started.append(args) or start(*args, **kw))
    return started


def test_a_template_edit_that_changes_no_page_rewrites_none_and_keeps_the_search_index(tmp_path, monkeypatch):
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    shutil.copytree(theme_dir(), tmp_path / "templates")
    config = Config(root=tmp_path)
    render_site(config)
    index = lambda: {str(p): p.stat().st_ino for p in (config.output / "pagefind").rglob("*") if p.is_file()}
    before, started = index(), _index_starts(monkeypatch)
    template = tmp_path / "templates" / "event.html"
    rewritten, report = _rerendered(config, lambda: _edit(template, "{% block main %}", "{% block main %}{# note #}"))
    assert report.pages == report.same == 2 and rewritten == set()      # rendered, found as they were
    assert started == [] and index() == before
    rewritten, report = _rerendered(config, lambda: _edit(template, "{# note #}", "<!-- note -->"))
    assert report.same == 0 and len(rewritten) == 2 and len(started) == 1
    assert index() != before and "<!-- note -->" in (config.output / sorted(rewritten)[0]).read_text(encoding="utf-8")


def test_new_code_makes_the_search_index_again_though_every_page_is_as_it_was(tmp_path, monkeypatch):
    """The index is kept for pages found as they were only if the same code made it (a
    new sitegen may call Pagefind otherwise)."""
    import sitegen.record as Rec
    import sitegen.render as R
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    shutil.copytree(theme_dir(), tmp_path / "templates")
    config = Config(root=tmp_path)
    render_site(config)
    started = _index_starts(monkeypatch)
    newer = lambda model, modules=None: "a newer sitegen"               # noqa: E731
    monkeypatch.setattr(Rec, "code_fingerprint", newer)
    monkeypatch.setattr(R, "code_fingerprint", newer)
    report = render_site(config)
    assert report.pages == report.same > 5 and len(started) == 1
    _edit(tmp_path / "templates" / "event.html", "{% block main %}", "{% block main %}{# note #}")
    report = render_site(config)
    assert report.pages == report.same == 2 and len(started) == 1         # made by this code: kept


def test_a_page_replaced_by_a_symlink_in_the_site_is_written_again_as_a_file(tmp_path):
    """A page is linked from the site before only as the plain file that holds its
    bytes: a symlink there (to the same bytes, elsewhere) is not carried over."""
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    config = Config(root=tmp_path)
    render_site(config)
    page = config.output / "events" / "2021-02-saison" / "index.html"
    elsewhere = tmp_path / "elsewhere.html"
    shutil.copyfile(page, elsewhere)
    page.unlink()
    page.symlink_to(elsewhere)
    report = render_site(config)
    assert not page.is_symlink() and page.read_bytes() == elsewhere.read_bytes()
    assert report.same == report.pages - 1


def test_an_index_pagefind_failed_to_finish_is_made_again_though_the_pages_are_the_same(tmp_path, monkeypatch):
    import sitegen.render as R
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    shutil.copytree(theme_dir(), tmp_path / "templates")
    config = Config(root=tmp_path)
    render_site(config)
    started, finish = _index_starts(monkeypatch), R._finish_index

    def failed(started_, report, timeout=600):     # Pagefind ran, then said it failed
        finish(started_, report, timeout)
        report.warnings.append("search index not built (pagefind: failed)")
        return False
    monkeypatch.setattr(R, "_finish_index", failed)
    template = tmp_path / "templates" / "event.html"
    before = _tree(tmp_path / "public")
    _edit(template, "{% block main %}", "{% block main %}<!-- a -->")
    with pytest.raises(BuildError, match="search index not built"):     # a failed index fails the render
        render_site(config)
    assert _tree(tmp_path / "public") == before                          # and the site before stays
    monkeypatch.setattr(R, "_finish_index", finish)
    report = render_site(config)
    assert report.pages == 2 and report.same == 0 and len(started) == 2   # the pages, then their index
    assert "<!-- a -->" in (tmp_path / "public/events/2021-02-saison/index.html").read_text(encoding="utf-8")


def test_the_preview_keeps_its_index_when_every_page_comes_out_as_it_was(tmp_path, monkeypatch):
    """In the preview (dev) a changed page gets its index just after it is shown; pages
    found as they were start no index at all, and none is left pending."""
    import threading
    import sitegen.render as R
    from sitegen.record import Record
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    shutil.copytree(theme_dir(), tmp_path / "templates")
    config = Config(root=tmp_path)
    render_site(config, dev=True)
    _join_index_threads()
    started = _index_starts(monkeypatch)
    _edit(tmp_path / "templates" / "event.html", "{% block main %}", "{% block main %}{# note #}")
    report = render_site(config, dev=True)
    assert report.pages == report.same == 2
    assert started == [] and not [t for t in threading.enumerate() if t.name == R.INDEX_THREAD]
    assert not Record(config.root, "render", config.output).index_pending
    _edit(tmp_path / "templates" / "event.html", "{# note #}", "<!-- note -->")
    render_site(config, dev=True)                               # a page changed: its index follows
    _join_index_threads()
    assert len(started) == 1 and not Record(config.root, "render", config.output).index_pending


def test_an_output_changed_by_hand_is_rendered_again(site):
    out, _, config = site
    (out / "index.html").write_text("abîmé", encoding="utf-8")
    report = render_site(config)
    assert not report.unchanged and report.reused == 0
    assert "abîmé" not in (out / "index.html").read_text(encoding="utf-8")


def test_pages_rendered_by_parallel_workers_are_those_of_a_serial_render(tmp_path, monkeypatch):
    import sitegen.render as R
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    monkeypatch.setattr(R, "PARALLEL_FROM", 10 ** 9)
    render_site(Config(root=tmp_path), output=tmp_path / "serial")
    monkeypatch.setattr(R, "PARALLEL_FROM", 1)
    monkeypatch.setattr(R.os, "cpu_count", lambda: 2)
    parent, serial = R.os.getpid(), R._render_share

    def in_workers_only(*args):
        assert R.os.getpid() != parent, "rendered in the parent process"
        return serial(*args)
    monkeypatch.setattr(R, "_render_share", in_workers_only)
    report = render_site(Config(root=tmp_path), output=tmp_path / "parallel", force=True)
    pages = lambda tree: {k: v for k, v in tree.items() if k.endswith(".html")}
    assert report.pages > 5
    assert pages(_tree(tmp_path / "parallel")) == pages(_tree(tmp_path / "serial"))


def test_a_template_error_in_a_parallel_worker_is_the_same_clear_error(tmp_path, monkeypatch):
    import sitegen.render as R
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    monkeypatch.setattr(R, "PARALLEL_FROM", 1)
    monkeypatch.setattr(R.os, "cpu_count", lambda: 2)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates/event.html").write_text("{% extends 'base.html' %}{% block main %}{{ oops(}}{% endblock %}")
    with pytest.raises(InputError, match=r"event.html:1: template error"):
        render_site(Config(root=tmp_path))
    assert not (tmp_path / "public").exists()


def test_a_failed_search_index_fails_the_render_and_keeps_the_site_before(tmp_path, monkeypatch):
    import sys
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    render_site(Config(root=tmp_path))
    before = _tree(tmp_path / "public")
    monkeypatch.setattr(sys, "executable", "/bin/false")       # Pagefind cannot run
    with pytest.raises(BuildError, match="search index not built.*previous site was left as it was"):
        render_site(Config(root=tmp_path), force=True)
    assert _tree(tmp_path / "public") == before


def test_a_template_edit_converts_no_markdown_again_even_after_parallel_workers(tmp_path, monkeypatch):
    import sitegen.render as R
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    shutil.copytree(theme_dir(), tmp_path / "templates")
    config = Config(root=tmp_path)
    monkeypatch.setattr(R, "PARALLEL_FROM", 1)
    monkeypatch.setattr(R.os, "cpu_count", lambda: 2)
    render_site(config)                                      # bodies made in forked workers
    R._Bodies._memory.clear()                                # a new process: only the disk remains
    converted: list[str] = []
    real = R.to_html
    monkeypatch.setattr(R, "to_html", lambda text, *a: converted.append(text) or real(text, *a))
    monkeypatch.setattr(R, "PARALLEL_FROM", 10 ** 9)
    _edit(tmp_path / "templates" / "event.html", "{% block main %}", "{% block main %}<!-- modèle modifié -->")
    report = render_site(config)
    assert report.pages == 2 and converted == []
    render_site(config, output=tmp_path / "full", force=True)   # --force converts every body again
    assert len(converted) >= report.pages
    pages = lambda tree: {k: v for k, v in tree.items() if k.endswith(".html")}
    assert pages(_tree(tmp_path / "public")) == pages(_tree(tmp_path / "full"))


def test_a_template_edit_reads_no_settled_content_page_again(tmp_path, monkeypatch):
    import sitegen.content
    import sitegen.record
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    shutil.copytree(theme_dir(), tmp_path / "templates")
    monkeypatch.setattr(sitegen.record, "RACY_NS", -10**12)     # as if the pages had settled long ago
    config = Config(root=tmp_path)
    render_site(config)
    opened: list[str] = []
    real_open = sitegen.content.Path.open          # under read_bytes and read_text alike
    monkeypatch.setattr(sitegen.content.Path, "open", lambda self, *a, **k: (
        self.parent.parent.name == "content" and opened.append(self.name)) or real_open(self, *a, **k))
    _edit(tmp_path / "templates" / "event.html", "{% block main %}", "{% block main %}<!-- modèle modifié -->")
    assert render_site(config).pages == 2 and opened == []
    _edit(tmp_path / "content" / "events" / "2021-02-saison.md", "title:", "title: Retitré —")
    render_site(config)
    assert set(opened) == {"2021-02-saison.md"}     # an edited page is read, and only it



def test_a_template_edit_digests_no_page_context_and_makes_no_export_again(tmp_path, monkeypatch):
    """content/ as last time: every page shows what it showed, so only the templates'
    digests change, and the downloads (made of content/ alone) are the previous ones."""
    import sitegen.render as R
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    shutil.copytree(theme_dir(), tmp_path / "templates")
    config = Config(root=tmp_path)
    render_site(config)
    digested, exported = [], []
    real_canonical, real_exports = R.canonical, R.write_exports
    monkeypatch.setattr(R, "canonical", lambda *a, **k: digested.append(1) or real_canonical(*a, **k))
    monkeypatch.setattr(R, "write_exports", lambda *a: exported.append(real_exports(*a)) or exported[-1])
    _edit(tmp_path / "templates" / "event.html", "{% block main %}", "{% block main %}<!-- modèle modifié -->")
    assert render_site(config).pages == 2 and digested == [] and exported == []
    site = lambda tree: {k: v for k, v in tree.items() if not k.startswith("pagefind/")}
    render_site(config, output=tmp_path / "full", force=True)
    assert site(_tree(tmp_path / "public")) == site(_tree(tmp_path / "full"))
    assert {"data/chronology.json", *exported[0]} == set(R.EXPORT_FILES)     # all it would make
    digested.clear(), exported.clear()
    _edit(tmp_path / "content" / "events" / "2021-02-saison.md", "title:", "title: Retitré —")
    render_site(config)
    assert digested and len(exported) == 1
    shutil.rmtree(tmp_path / "full")
    render_site(config, output=tmp_path / "full", force=True)
    assert site(_tree(tmp_path / "public")) == site(_tree(tmp_path / "full"))
    assert "Retitré" in (tmp_path / "public" / "data" / "chronology.json").read_text(encoding="utf-8")




def _indexed(site: Path) -> str:
    """The text Pagefind indexed, from its fragments (gzip, after a signature)."""
    import gzip
    return "".join(gzip.decompress(f.read_bytes()).decode("utf-8", "replace")
                   for f in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")))


def _join_index_threads() -> None:
    import threading
    import sitegen.render as R
    for thread in [t for t in threading.enumerate() if t.name == R.INDEX_THREAD]:
        thread.join(60)


def _hold_first_index(monkeypatch):
    """The first background index waits (30 s at most) until released; returns (started,
    release, waited_out: [True] if it was never released)."""
    import threading
    import sitegen.render as R
    started, release, waited_out = threading.Event(), threading.Event(), []
    real_finish = R._finish_index

    def held(started_index, report, *a):
        if not started.is_set():
            started.set()
            waited_out.append(not release.wait(30))
        return real_finish(started_index, report, *a)
    monkeypatch.setattr(R, "_finish_index", held)
    return started, release, waited_out


def test_an_edit_while_the_preview_indexes_waits_for_nothing_and_renders_only_its_pages(tmp_path, monkeypatch):
    """The preview makes the search index after showing the pages, beside the site. A
    second edit meanwhile renders only the pages it changes, without waiting; the
    index of the older pages is thrown away, the newer one follows, and the record
    left is the newer render's."""
    from sitegen.record import Record
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    config = Config(root=tmp_path)
    render_site(config, dev=True)                   # no index yet: made with the pages
    started, release, waited_out = _hold_first_index(monkeypatch)
    page = tmp_path / "content" / "events" / "2021-02-saison.md"
    _edit(page, "title:", "title: Retitré —")
    render_site(config, dev=True)                   # pages shown, the index made in the background
    assert started.wait(60)
    _edit(page, "title: Retitré —", "title: Retitré encore —")
    report = render_site(config, dev=True)          # returns while the first index is held
    assert report.pages > 0 and report.reused > 0   # not every page again
    release.set()
    _join_index_threads()
    assert waited_out == [False]                    # the render did not wait for the index
    assert render_site(config, dev=True).unchanged
    assert "Retitré encore" in _indexed(tmp_path / "public")
    assert not Record(tmp_path, "render", tmp_path / "public").index_pending
    assert not list(tmp_path.glob(".public.*-index-*"))     # nothing left beside the site


def test_a_save_that_changes_nothing_lets_the_running_index_finish(tmp_path, monkeypatch):
    import os
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    config = Config(root=tmp_path)
    render_site(config, dev=True)
    started, release, waited_out = _hold_first_index(monkeypatch)
    page = tmp_path / "content" / "events" / "2021-02-saison.md"
    _edit(page, "title:", "title: Retitré —")
    render_site(config, dev=True)
    assert started.wait(60)
    os.utime(page)                                  # saved again, the same text
    assert render_site(config, dev=True).unchanged
    release.set()
    _join_index_threads()
    assert waited_out == [False] and "Retitré" in _indexed(tmp_path / "public")


def test_a_preview_stopped_before_its_index_was_made_makes_it_next_time(tmp_path, monkeypatch):
    import threading
    import sitegen.record
    import sitegen.render as R
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    config = Config(root=tmp_path)
    monkeypatch.setattr(sitegen.record, "RACY_NS", -10**12)     # every file settled: known by its stat
    render_site(config, dev=True)
    real_thread = threading.Thread
    with monkeypatch.context() as stopped:              # the preview stops before its index is made
        stopped.setattr(threading, "Thread", lambda *a, **k: real_thread(
            *a, **(k | {"target": lambda *_: None} if k.get("name") == R.INDEX_THREAD else k)))
        _edit(tmp_path / "content" / "events" / "2021-02-saison.md", "title:", "title: Retitré —")
        render_site(config, dev=True)
        _join_index_threads()
    R._LIVE.clear()                                     # a new preview process
    assert "Retitré" not in _indexed(tmp_path / "public")
    report = render_site(config, dev=True)          # nothing to render, but the index to make
    assert not report.unchanged and report.pages == 0
    _join_index_threads()
    assert "Retitré" in _indexed(tmp_path / "public")
    assert render_site(config, dev=True).unchanged
