#!/usr/bin/env python3
"""sitegen's benchmark: whole builds, rebuilds, render against Hugo, analysis against
bare spaCy, on generated corpora of N French articles.

    .venv/bin/python bench/run.py [--sizes 100 1000 5000] [--runs 3] [--json bench/results.json]
                                  [--work DIR] [--only cold,render-hugo,...] [--seed 0]

For each N: a corpus (bench/corpus.py) is copied into a new project (sitegen init), then
each run measures, in this order, with `sitegen` as a subprocess in the project folder:
cold build (cache, content/ and public/ removed), no-change rebuild, rebuild after one
article is edited, after one is added, after templates/event.html is edited, then the
same two edits in `sitegen serve`'s preview (a child process that keeps the model loaded),
then `sitegen render` and `hugo` on the same pages, and (in a child process) sitegen's analysis
stage and bare `nlp.pipe` on the same paragraphs. Ratios are taken inside each run, then
the median of the runs is reported; the machine is shared, absolute times drift. Peak
RSS is ru_maxrss of the measured process (the largest of it and the processes it ran).
Prints a Markdown table and writes the same rows as JSON.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402

BIN = Path(sys.executable).parent
SITEGEN = str(BIN / "sitegen")
HUGO_SITE = ROOT / "bench" / "hugo"
# Folders a cold build removes besides content/ and public/: sitegen's on-disk caches
# (the name is not settled yet; every candidate is removed).
CACHE_DIRS = (".sitegen", ".sitegen-cache")
# Front-matter keys Hugo reserves, renamed in Hugo's copy of content/: `url` sets a page's
# path (an http URL is an error), `date` and `published` are parsed as times (an interval
# "2015-11-13/2015-11-19", a month or a season is dropped; `published: null` makes a
# draft), `aliases` writes redirect pages and `type` picks the layout.
HUGO_KEYS = {"url": "source_url", "date": "when", "aliases": "names", "published": "published_on", "type": "actor_type"}
EDIT_SENTENCE = "\n\nSelon un communiqué publié mercredi, le ministère de la Défense a confirmé ces informations.\n"
# inside the page's block: a line added after the block (as before) changes no page, and
# the render found every event page as it was
TEMPLATE_EDIT = ["{% block main %}", "{% block main %}<!-- bench: template edited -->"]
MEASUREMENTS = ["cold", "nochange", "edit-article", "add-article", "edit-template", "preview", "render-hugo", "analysis"]


@dataclass
class Sample:
    """One timed thing: wall seconds, peak RSS, stage times the tool printed, a ratio."""
    seconds: float
    rss_mb: float | None = None
    stages: dict[str, float] = field(default_factory=dict)
    ratio: float | None = None
    info: dict = field(default_factory=dict)


@dataclass
class Row:
    n: int
    name: str
    ratio_of: str = ""
    samples: list[Sample] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def summary(self) -> dict:
        s = self.samples
        med = lambda xs: round(statistics.median(xs), 3) if xs else None  # noqa: E731
        stages = sorted({k for x in s for k in x.stages})
        return {"n": self.n, "name": self.name, "runs": len(s), "median_s": med([x.seconds for x in s]),
                "min_s": round(min(x.seconds for x in s), 3) if s else None,
                "peak_rss_mb": max((x.rss_mb for x in s if x.rss_mb), default=None),
                "ratio": med([x.ratio for x in s if x.ratio is not None]), "ratio_of": self.ratio_of,
                "stages": {k: med([x.stages[k] for x in s if k in x.stages]) for k in stages},
                "info": s[0].info if s else {}, "errors": self.errors,
                "samples": [{"seconds": round(x.seconds, 3), "rss_mb": x.rss_mb, "stages": x.stages, "ratio": x.ratio}
                            for x in s]}


class Bench:
    def __init__(self) -> None:
        self.rows: dict[tuple[int, str], Row] = {}

    def measure(self, n: int, name: str, fn: Callable[[], Sample | None], ratio_of: str = "") -> Sample | None:
        """Run fn once and file its sample under (n, name); a failure is recorded, not raised."""
        row = self.rows.setdefault((n, name), Row(n, name, ratio_of))
        try:
            sample = fn()
        except Exception as exc:                  # a broken run is a result too: say it, go on
            row.errors.append(f"{type(exc).__name__}: {exc}"[:500])
            print(f"  {name}: FAILED: {row.errors[-1]}", file=sys.stderr)
            return None
        if sample is not None:
            row.samples.append(sample)
            extra = f" ratio {sample.ratio:.2f}" if sample.ratio is not None else ""
            rss = f", {sample.rss_mb:.0f} MB" if sample.rss_mb else ""
            print(f"  {name}: {sample.seconds:.2f}s{rss}{extra}", file=sys.stderr)
        return sample


# "extract: ... in 27.9s", "render: nothing changed since ... (0.02s)": a stage and its time
STAGE_LINE = re.compile(r"^([a-z][\w -]*): .*?(?:\bin |\()([0-9.]+) ?s\)?\s*$", re.MULTILINE)
EXTRACT_COUNTS = re.compile(r"extract: (\d+) sources, (\d+) events, (\d+) actors, (\d+) quotes")


def run(argv: list[str], cwd: Path, env: dict | None = None) -> Sample:
    """Run a command to its end; wall time and its own peak RSS (os.wait4 on that child)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if proc.returncode != 0:
        tail = (stderr.strip() or stdout.strip()).splitlines()[-3:]
        raise RuntimeError(f"{' '.join(map(str, argv[:3]))} exited {proc.returncode}: {' | '.join(tail)}")
    sample = Sample(seconds, round(usage.ru_maxrss / 1024, 1),
                    {m.group(1): float(m.group(2)) for m in STAGE_LINE.finditer(stdout)})
    counts = EXTRACT_COUNTS.search(stdout)
    if counts:
        sample.info = dict(zip(("sources", "events", "actors", "quotes"), map(int, counts.groups())))
    sample.info["warnings"] = sum(line.startswith("warning:") for line in stderr.splitlines())
    sample.info["stdout"] = stdout.strip().splitlines()[-4:]
    return sample


def full_render_flags() -> list[str]:
    """`--force` when this sitegen has it: a render that redoes every page, not only changed ones."""
    helptext = subprocess.run([SITEGEN, "render", "--help"], capture_output=True, text=True).stdout
    return ["--force"] if "--force" in helptext else []


def sitegen(project: Path, *args: str) -> Callable[[], Sample]:
    return lambda: run([SITEGEN, *args], project)


class Project:
    """A sitegen project made from a generated corpus, put back to its pristine state
    (the corpus, the copied templates) before each run."""

    def __init__(self, work: Path, n: int, seed: int):
        self.n, self.seed, self.dir, self.corpus = n, seed, work / f"n{n}" / "project", work / f"n{n}" / "corpus"
        shutil.rmtree(self.dir.parent, ignore_errors=True)
        t0 = time.perf_counter()
        corpus.generate(n, self.corpus, seed)
        print(f"N={n}: corpus generated in {time.perf_counter() - t0:.1f}s -> {self.corpus}", file=sys.stderr)
        subprocess.run([SITEGEN, "init", str(self.dir), "--title", "Bench"], check=True, stdout=subprocess.DEVNULL)
        self.template = self.dir / "templates" / "event.html"
        self.template_text = self.template.read_text(encoding="utf-8")

    def reset(self) -> None:
        shutil.rmtree(self.dir / "seeds", ignore_errors=True)
        shutil.copytree(self.corpus, self.dir / "seeds")
        self.template.write_text(self.template_text, encoding="utf-8")

    def clear_outputs(self) -> None:
        for name in (*CACHE_DIRS, "content", "public"):
            shutil.rmtree(self.dir / name, ignore_errors=True)
        for leftover in self.dir.glob(".public.*"):
            shutil.rmtree(leftover, ignore_errors=True)
        (self.dir / "content").mkdir()

    def edit_article(self) -> None:
        target = sorted((self.dir / "seeds").iterdir())[self.n // 2]
        with target.open("a", encoding="utf-8") as f:
            f.write(EDIT_SENTENCE)

    def add_article(self) -> None:
        name, text = corpus.article(self.n, corpus.World(self.seed))      # the next article of the same world
        (self.dir / "seeds" / name).write_text(text, encoding="utf-8")

    def edit_template(self) -> None:
        edit_file(str(self.template), TEMPLATE_EDIT)


def hugo_content(content: Path, target: Path) -> None:
    """A copy of content/ with the front-matter keys Hugo reserves renamed (HUGO_KEYS)."""
    keys = re.compile(r"^(" + "|".join(HUGO_KEYS) + r"):", re.MULTILINE)
    shutil.rmtree(target, ignore_errors=True)
    for page in content.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            end = text.find("\n---", 3)
            text = keys.sub(lambda m: HUGO_KEYS[m.group(1)] + ":", text[:end]) + text[end:]
        out = target / page.relative_to(content)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")


def render_against_hugo(bench: Bench, project: Project, run_index: int) -> None:
    """sitegen render and hugo on the same pages, in alternating order; ratio = sitegen / hugo."""
    hugo = shutil.which("hugo")
    work = project.dir.parent
    env = {**os.environ, "HUGO_RESOURCEDIR": str(work / "hugo-resources")}   # keep bench/hugo clean

    def copy() -> Sample:
        t0 = time.perf_counter()
        hugo_content(project.dir / "content", work / "hugo-content")
        return Sample(time.perf_counter() - t0)

    def run_hugo() -> Sample:
        if hugo is None:
            raise RuntimeError("hugo is not installed: apt-get install -y --no-install-recommends hugo")
        shutil.rmtree(work / "hugo-public", ignore_errors=True)
        return run([hugo, "--source", str(HUGO_SITE), "--contentDir", str(work / "hugo-content"),
                    "--destination", str(work / "hugo-public"), "--cacheDir", str(work / "hugo-cache"),
                    "--noBuildLock", "--quiet"], work, env)

    def full_render() -> Sample:
        shutil.rmtree(project.dir / "public", ignore_errors=True)    # every page written, as Hugo's
        return run([SITEGEN, "render", *full_render_flags()], project.dir)

    bench.measure(project.n, "hugo: content copy (keys renamed, not in ratio)", copy)
    found: dict[str, Sample | None] = {}
    order = ["render", "hugo"] if run_index % 2 == 0 else ["hugo", "render"]
    for name in order:
        if name == "render":
            found[name] = bench.measure(project.n, "render: sitegen render (all pages)", full_render, "sitegen render / hugo")
        else:
            found[name] = bench.measure(project.n, "render: hugo", run_hugo)
    if found.get("render") and found.get("hugo"):
        found["render"].ratio = found["render"].seconds / found["hugo"].seconds
    pagefind = [sys.executable, "-m", "pagefind", "--site", str(project.dir / "public"), "--output-subdir", "_bench_pagefind"]
    sample = bench.measure(project.n, "render: its pagefind index alone", lambda: run(pagefind, project.dir),
                           "pagefind / sitegen render")
    if sample and found.get("render"):
        sample.ratio = sample.seconds / found["render"].seconds
    # the same work on both sides: Hugo's site with the search index sitegen's has
    hugo_index = [sys.executable, "-m", "pagefind", "--site", str(work / "hugo-public")]
    indexed = bench.measure(project.n, "render: pagefind on hugo's site", lambda: run(hugo_index, work),
                            "sitegen render / (hugo + its pagefind)")
    if indexed and found.get("render") and found.get("hugo"):
        indexed.ratio = found["render"].seconds / (found["hugo"].seconds + indexed.seconds)


PROBE = r"""
import inspect, json, sys, time
import spacy
from sitegen import analyse as A, pipeline as P
from sitegen.config import load_config
from sitegen.ingest import read_sources
from sitegen.text import for_model
config = load_config(None)
sources, _ = read_sources(config.seeds, config.root, config.language)
texts = [for_model(p) for s in sources for p in s.paragraphs if p]
try:                      # sitegen parses a chunk of articles at a time and drops the parses
    chunk = inspect.signature(P.extract_sources).parameters["chunk"].default
except (AttributeError, KeyError):
    chunk = len(sources)
ours, bare = A.load_model(config.model), spacy.load(config.model)
list(ours.pipe(texts[:32])); list(bare.pipe(texts[:32]))          # warm both before timing
times = {}
for name in sys.argv[1].split(","):
    getattr(A, "_CACHE", {}).clear()                               # an in-process cache of parses, if any
    t0 = time.perf_counter()
    if name == "sitegen":
        for i in range(0, len(sources), chunk):
            docs = A.analyse(sources[i:i + chunk], config.model)
            del docs
    else:
        docs = list(bare.pipe(texts))
        del docs
    times[name] = time.perf_counter() - t0
print(json.dumps({"times": times, "paragraphs": len(texts), "chars": sum(map(len, texts)), "chunk": chunk}))
"""


def edit_file(path: str, edit) -> None:
    """Append a text, or replace the first [old, new]."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if isinstance(edit, str):
        text += edit
    elif edit[0] in text:
        text = text.replace(edit[0], edit[1], 1)
    else:
        raise SystemExit(f"{path}: {edit[0]!r} not found to edit")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


PREVIEW_PROBE = r"""
import json, sys, threading, time
from sitegen import render
from sitegen.analyse import load_model
from sitegen.config import load_config
from sitegen.serve import Preview
changes = json.loads(sys.argv[1])
sys.path.insert(0, sys.argv[2])
from run import edit_file                 # this benchmark's own, as the build measurements edit
config = load_config(None)
load_model(config.model)                  # loaded at start by `sitegen serve`, before any edit
preview = Preview(config)
preview.run(("extract", "render"))        # the preview's first build
times = {}
def index_done():
    for t in threading.enumerate():
        if t.name == render.INDEX_THREAD:
            t.join()
for name, path, text, stages in changes:
    index_done()                          # the search index of the last change is made
    time.sleep(2.1)                       # past the racy window of the last writes
    edit_file(path, text)
    t0 = time.perf_counter()
    ok = preview.run(tuple(stages))
    times[name] = time.perf_counter() - t0
    index_done()
    times[name + ", search index"] = time.perf_counter() - t0
    if not ok:
        raise SystemExit(f"{name}: {preview.status['message']}")
print(json.dumps(times))
"""


def preview_rebuilds(bench: Bench, project: Project) -> None:
    """`sitegen serve`'s rebuilds (its Preview, in one child process, the model loaded as
    serve loads it at start): an article edited, then templates/event.html edited. Each
    is timed to the moment the page is written, then to the end of the search index,
    which the preview makes just after."""
    article = sorted((project.dir / "seeds").iterdir())[project.n // 2 + 1]
    changes = [("preview: one article edited", str(article), EDIT_SENTENCE, ["extract", "render"]),
               ("preview: templates/event.html edited", str(project.template), TEMPLATE_EDIT, ["render"])]
    box: dict = {}

    def probe() -> Sample:
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
            f.write(PREVIEW_PROBE)
        try:
            sample = run([sys.executable, f.name, json.dumps(changes), str(Path(__file__).parent)], project.dir)
        finally:
            os.unlink(f.name)
        box.update(json.loads(sample.info["stdout"][-1]))
        sample.info = {}
        return sample

    if bench.measure(project.n, "preview: probe process (load, first build, changes)", probe) is None:
        return
    for name in box:
        bench.measure(project.n, name, lambda name=name: Sample(box[name]))


def analysis_against_spacy(bench: Bench, project: Project, run_index: int) -> None:
    """sitegen.analyse.analyse() against list(nlp.pipe(texts)) of the same model on the same
    paragraphs, in one child process, after loading both; ratio = sitegen / bare."""
    for name in CACHE_DIRS:                       # an on-disk cache would make this a warm run
        shutil.rmtree(project.dir / name, ignore_errors=True)
    order = "sitegen,bare" if run_index % 2 == 0 else "bare,sitegen"
    box: dict = {}

    def probe() -> Sample:
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
            f.write(PROBE)
        try:
            sample = run([sys.executable, f.name, order], project.dir)
        finally:
            os.unlink(f.name)
        box.update(json.loads(sample.info["stdout"][-1]))
        sample.info = {k: box[k] for k in ("paragraphs", "chars", "chunk")}
        return sample

    whole = bench.measure(project.n, "analysis: probe process (load + both)", probe)
    if whole is None:
        return
    times = box["times"]
    bench.measure(project.n, "analysis: sitegen analyse()", lambda: Sample(times["sitegen"], ratio=times["sitegen"] / times["bare"],
                  info=whole.info), "sitegen / bare nlp.pipe")
    bench.measure(project.n, "analysis: bare nlp.pipe", lambda: Sample(times["bare"]))


def bench_size(bench: Bench, n: int, runs: int, work: Path, seed: int, only: list[str]) -> None:
    project = Project(work, n, seed)
    p = project.dir
    for i in range(runs):
        print(f"N={n} run {i + 1}/{runs}", file=sys.stderr)
        project.reset()
        project.clear_outputs()
        steps: list[tuple[str, Callable[[], None], str]] = [
            ("cold", lambda: None, "build: cold (no cache, content/, public/)"),
            # the first rebuild after a build reads the files written in its last
            # 2 s (their time stamps cannot be trusted yet); the next ones only stat
            ("nochange", lambda: time.sleep(2.1), "build: no change, first after a build"),
            ("nochange", lambda: None, "build: no change"),
            ("edit-article", project.edit_article, "build: one article edited"),
            ("add-article", project.add_article, "build: one article added"),
            ("edit-template", project.edit_template, "build: templates/event.html edited"),
        ]
        if "cold" not in only:                    # every other measurement needs a built project
            run([SITEGEN, "build", "-q"], p)
        for key, change, label in steps:
            if key in only:
                change()
                bench.measure(n, label, sitegen(p, "build"))
        if "preview" in only:
            preview_rebuilds(bench, project)
        if "render-hugo" in only:
            render_against_hugo(bench, project, i)
        if "analysis" in only:
            analysis_against_spacy(bench, project, i)


def table(rows: list[dict]) -> str:
    def num(x, fmt="{:.2f}"):
        return "" if x is None else fmt.format(x)
    lines = ["| N | measurement | median s | min s | peak RSS MB | ratio (median) | stages (median s) |",
             "| ---: | --- | ---: | ---: | ---: | --- | --- |"]
    for r in rows:
        ratio = f"{r['ratio']:.2f} ({r['ratio_of']})" if r["ratio"] is not None else ""
        stages = ", ".join(f"{k} {v:.2f}" for k, v in r["stages"].items())
        err = f" **{len(r['errors'])} failed**" if r["errors"] else ""
        lines.append(f"| {r['n']} | {r['name']}{err} | {num(r['median_s'])} | {num(r['min_s'])} | "
                     f"{num(r['peak_rss_mb'], '{:.0f}')} | {ratio} | {stages} |")
    return "\n".join(lines)


def tool_versions() -> dict:
    def out(argv):
        try:
            return subprocess.run(argv, capture_output=True, text=True, cwd=ROOT).stdout.strip().splitlines()[0]
        except (OSError, IndexError):
            return None
    import spacy
    return {"python": platform.python_version(), "spacy": spacy.__version__, "hugo": out(["hugo", "version"]),
            "sitegen": out([SITEGEN, "--version"]), "commit": out(["git", "rev-parse", "--short", "HEAD"]),
            "dirty": bool(out(["git", "status", "--porcelain", "sitegen"])), "cpus": os.cpu_count(),
            "machine": platform.machine()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", type=Path, default=ROOT / "bench" / "results.json")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "sitegen-bench")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--only", default=",".join(MEASUREMENTS), help=f"comma-separated subset of {','.join(MEASUREMENTS)}")
    args = ap.parse_args()
    only = [x.strip() for x in args.only.split(",") if x.strip()]
    unknown = set(only) - set(MEASUREMENTS)
    if unknown:
        ap.error(f"unknown measurement(s): {', '.join(sorted(unknown))}")
    started = time.perf_counter()
    bench = Bench()
    for n in args.sizes:
        bench_size(bench, n, args.runs, args.work.resolve(), args.seed, only)
    rows = [r.summary() for r in bench.rows.values()]
    print(table(rows))
    result = {"schema": "sitegen.bench/1", "date": dt.datetime.now().isoformat(timespec="seconds"),
              "sizes": args.sizes, "runs": args.runs, "seed": args.seed, "work": str(args.work),
              "seconds_total": round(time.perf_counter() - started, 1), "versions": tool_versions(), "rows": rows}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\n{len(rows)} rows -> {args.json} ({result['seconds_total']:.0f}s in all)", file=sys.stderr)
    return 1 if any(r["errors"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
