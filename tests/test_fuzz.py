"""Whatever YAML a person writes in sitegen.yaml, content/curation.yaml or a front
matter (an article's or a content page's), `sitegen build` ends with exit 0 or 1, never
a traceback, and changes nothing outside the folders it builds (the site, content/ and
its cache): not the articles, not the settings, not a folder beside the project.

Builds run in this process (the model is loaded once) on a small project copied for
each example, its extractions cached, so an example costs a fraction of a second.
The examples are derandomised, so CI runs the same ones every time; set
SITEGEN_FUZZ_EXAMPLES=500 SITEGEN_FUZZ_RANDOM=1 to search further.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import os
import shutil
from dataclasses import fields
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.cli import main
from sitegen.config import Config, load_config

ARTICLE = ("Visite du ministre à Lyon\n\nLe ministre de l'Intérieur, Paul Ferrand, a visité Lyon le 3 mars 2019. "
           "Il a rencontré le maire, Anne Morel.\n\nLe maire a salué « une visite utile » mardi 5 mars 2019.\n")
SETTINGS = sorted(f.name for f in fields(Config) if f.name != "root")
# values a careless or hostile person would write: folders of the project and beside
# it, the root, URLs that escape, dates that are no dates, language codes as paths
SPECIAL = ["", ".", "..", "/", "~", "../victim", "../nouveau", "seeds", "content", "public", "public/content",
           "content/public", ".sitegen-cache", "templates", "victim", "../victim/Documents", "fr", "xx", "../../x", "en",
           "fr_core_news_md", "2015-02-31", "2015-13", "0000", "9999-12-31", "2019-03-03", "2019-SP",
           "2019-03-01/2019-03-09", "javascript:alert(1)", "//evil.example/", "http://[::1/", "/../../victim/",
           "https://u.github.io/repo/", "<script>alert(1)</script>", "None", "null", "p1s1", "p9s9"]

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True),
                    st.text(max_size=20), st.dates(min_value=dt.date(1, 1, 1)), st.sampled_from(SPECIAL))


def values(keys: list[str]) -> st.SearchStrategy:
    """Any YAML value: scalars, and lists and mappings of them, mappings keyed by the
    keys that matter here more often than not."""
    return st.recursive(scalars, lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(keys), st.text(max_size=8)), inner, max_size=5)),
        max_leaves=12)


def documents(top: st.SearchStrategy) -> st.SearchStrategy:
    """A YAML text: a dumped value (mostly a mapping of known keys), or any text at all."""
    dumped = top.map(lambda v: yaml.safe_dump(v, allow_unicode=True, sort_keys=False))
    return st.one_of(dumped, dumped, dumped, st.text(max_size=120))


def snapshot(folder: Path, skip: list[Path]) -> dict[str, str]:
    out = {}
    for path in sorted(folder.rglob("*")):
        if any(path == s or s in path.parents for s in skip):
            continue
        key = str(path.relative_to(folder))
        if path.is_symlink():
            out[key] = "link"
        elif path.is_file():
            out[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            out[key] = "dir"
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A project built once: its content pages and its cache are copied for each example."""
    root = tmp_path_factory.mktemp("fuzz-base") / "projet"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "seeds" / "b.md").write_text("---\ntitle: Le maire répond\ndate: 2019-03-04\n---\n"
                                         "Le 4 mars 2019, le maire de Lyon, Anne Morel, a répondu au ministre.\n",
                                         encoding="utf-8")
    (root / "sitegen.yaml").write_text("title: Essai\n", encoding="utf-8")
    code, err = run_build(root)
    assert code == 0, err
    return root


def run_build(project: Path) -> tuple[int, str]:
    """`sitegen build -q` in this process, in the project's folder: (exit status, what it
    printed). An exception that escapes main is a traceback: the test fails with it."""
    out = io.StringIO()
    with contextlib.chdir(project), contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(["build", "-q"])
    return code, out.getvalue()


def zones(project: Path) -> list[Path]:
    """What a build may write: the site, content/ and the cache, where the settings put them."""
    try:
        config = load_config(start=project)
    except Exception:                        # settings refused: the build may write nothing
        return []
    return [config.output.resolve(), config.content.resolve(), (project / ".sitegen-cache").resolve()]


class Sandbox:
    """A copy of the built project beside a folder of the user's own files."""

    def __init__(self, base: Path, where: Path):
        shutil.rmtree(where, ignore_errors=True)
        self.project = where / "projet"
        shutil.copytree(base, self.project, symlinks=True)
        victim = where / "victim"
        (victim / "Documents").mkdir(parents=True)
        (victim / "Documents" / "these.md").write_text("---\ntitle: Ma thèse\n---\nDu texte.\n", encoding="utf-8")
        (victim / ".bashrc").write_text("export A=1\n", encoding="utf-8")
        self.where = where

    def check(self, write) -> None:
        """Write the person's file, build, and compare: every file there was (but in the
        project's own site, content/ and cache folders) is still there with the same
        bytes, and what is new lies in a folder the settings let the build write."""
        write(self.project)
        keep = [self.project / "public", self.project / "content", self.project / ".sitegen-cache"]
        before = snapshot(self.where, keep)
        code, printed = run_build(self.project)
        assert code in (0, 1), printed
        assert "Traceback" not in printed, printed
        if code == 1:
            assert len([line for line in printed.splitlines() if line.startswith("sitegen: error:")]) == 1, printed
        after = snapshot(self.where, keep)
        assert {k: after.get(k) for k in before} == before, printed
        allowed = zones(self.project)
        for new in sorted(after.keys() - before.keys()):
            path = (self.where / new).resolve()
            assert any(path == z or z in path.parents for z in allowed), (new, printed)


EXAMPLES = int(os.environ.get("SITEGEN_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("SITEGEN_FUZZ_RANDOM"),
                database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                      HealthCheck.function_scoped_fixture])


# a setting's value: mostly one plain value (folders, URLs, codes), sometimes anything
setting = st.one_of(st.sampled_from(SPECIAL), st.sampled_from(SPECIAL), st.text(max_size=20), scalars,
                    values(SETTINGS))


@FUZZ
@given(text=documents(st.dictionaries(st.sampled_from(SETTINGS), setting, max_size=5)))
def test_any_settings_file(built, tmp_path, text):
    Sandbox(built, tmp_path / "sandbox").check(
        lambda project: (project / "sitegen.yaml").write_text(text, encoding="utf-8"))


CURATION_KEYS = ["actors", "events", "flags", "merge", "rename", "aliases", "type", "hide", "date", "title",
                 "reviewed"]


def _ids(base: Path) -> list[str]:
    return sorted(p.stem for kind in ("events", "actors") for p in (base / "content" / kind).glob("*.md"))


CURATION = {"actors": {"merge": list, "rename": dict, "aliases": dict, "type": dict, "hide": list},
             "events": {"merge": list, "date": dict, "title": dict, "hide": list},
             "flags": {"reviewed": list}}


@FUZZ
@given(data=st.data())
def test_any_curation_file(built, tmp_path, data):
    """Mostly the right sections and keys, with ids of the dossier's pages, and any values."""
    ids = _ids(built)
    some_id = st.one_of(st.sampled_from(ids), st.sampled_from(ids), scalars)
    any_value = values(CURATION_KEYS + ids)
    entry = {list: st.lists(st.one_of(some_id, st.lists(some_id, max_size=4), any_value), max_size=4),
             dict: st.dictionaries(some_id, st.one_of(scalars, st.lists(scalars, max_size=3), any_value),
                                   max_size=4)}
    sections = st.fixed_dictionaries({}, optional={
        name: st.one_of(st.fixed_dictionaries({}, optional={k: st.one_of(entry[kind], any_value)
                                                            for k, kind in keys.items()}), any_value)
        for name, keys in CURATION.items()})
    text = data.draw(documents(sections))
    Sandbox(built, tmp_path / "sandbox").check(
        lambda project: (project / "content" / "curation.yaml").write_text(text, encoding="utf-8"))


@FUZZ
@given(data=st.data())
def test_any_front_matter(built, tmp_path, data):
    """An event page's, a source page's, an actor page's or an article's front matter:
    the page's own, some of its keys given any value (or the whole of it any text)."""
    from sitegen import frontmatter
    which = data.draw(st.sampled_from(["events", "sources", "actors", "article"]))
    if which == "article":
        target = Path("seeds") / "b.md"
        meta = {"title": "Le maire répond", "date": "2019-03-04", "url": "https://example.org/b"}
    else:
        page = sorted((built / "content" / which).glob("*.md"))[0]
        target = page.relative_to(built)
        meta, _, _ = frontmatter.split(page.read_text(encoding="utf-8"), str(page))
    keys = sorted(meta) + ["id", "title", "date", "url"]
    changed = data.draw(st.dictionaries(st.sampled_from(keys), st.one_of(scalars, values(keys)), min_size=1,
                                        max_size=3))
    text = data.draw(st.one_of(st.just(yaml.safe_dump({**meta, **changed}, allow_unicode=True, sort_keys=False)),
                               st.text(max_size=120)))
    if not text.endswith("\n"):
        text += "\n"

    def write(project: Path) -> None:
        path = project / target
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1] if which != "article" else \
            "Le 4 mars 2019, le maire a répondu au ministre.\n"
        path.write_text(f"---\n{text}---\n{body}", encoding="utf-8")
    Sandbox(built, tmp_path / "sandbox").check(write)
