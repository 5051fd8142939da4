#!/usr/bin/env python3
"""Each named rule's effect on every development dossier: the score with all rules, then
with each rule switched off alone (SITEGEN_RULES_OFF, see sitegen/rules.py).

    .venv/bin/python bench/rules.py                      # every rule (about 1 min per rule)
    .venv/bin/python bench/rules.py quotes.selon events.same_day_same_people
    .venv/bin/python bench/rules.py --jobs 2 --json bench/rules.json

A row gives, per dossier and metric, the change when the rule is OFF turned into the
rule's contribution (score with it minus score without it): positive helps. A rule whose
row has no positive figure helps no dossier; one that helps a dossier by one item while
costing another is suspect. The summary column "verdict" says so.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score_dossiers.py"
METRICS = ["event_f1", "core_recall", "mention_recall", "event_actor_f1", "date_f1", "actor_precision",
           "actor_fragments", "quote_attr", "pubdate_acc"]
LOWER_IS_BETTER = {"actor_fragments"}
SHORT = {"event_f1": "ev", "core_recall": "core", "mention_recall": "ment", "event_actor_f1": "evact",
         "date_f1": "date", "actor_precision": "aprec", "actor_fragments": "afrag", "quote_attr": "qattr",
         "pubdate_acc": "pub"}


COMMAND: list[str] = []     # --sitegen


def sitegen_command() -> str:
    if COMMAND:
        return COMMAND[0]
    exe = ROOT / ".venv" / "bin" / "sitegen"
    return str(exe) if exe.exists() else "sitegen"


def all_rules() -> list[str]:
    out = subprocess.run([*sitegen_command().split(), "rules"], capture_output=True, text=True, check=True).stdout
    return [line.split()[0] for line in out.splitlines() if line.strip()]


def score(off: str | None, work: Path) -> dict[str, dict[str, float]]:
    """{dossier: {metric: value}} from score_dossiers' table."""
    env = dict(os.environ)
    env.pop("SITEGEN_RULES_OFF", None)
    if off:
        env["SITEGEN_RULES_OFF"] = off
    p = subprocess.run([sys.executable, str(SCORER), "--no-ftib", "--sitegen", sitegen_command(), "--work", str(work)],
                       capture_output=True, text=True, env=env, cwd=ROOT)
    lines = p.stdout.splitlines()
    header = next((ln.split() for ln in lines if ln.startswith("dossier")), None)
    if header is None:
        raise RuntimeError(f"score_dossiers gave no table (rule {off}):\n{p.stdout}\n{p.stderr}")
    table: dict[str, dict[str, float]] = {}
    for ln in lines:
        cells = ln.split()
        if not cells or cells[0] in ("dossier", "MACRO", "macro") or len(cells) < len(header):
            continue
        row = {}
        for name, cell in zip(header[1:], cells[1:]):
            if re.fullmatch(r"-?\d+(\.\d+)?", cell):
                row[name] = float(cell)
        if row:
            table[cells[0]] = row
    return table


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("rules", nargs="*", help="rule names (default: every rule `sitegen rules` lists)")
    ap.add_argument("--jobs", type=int, default=1, help="scoring runs at once")
    ap.add_argument("--json", type=Path, help="write the figures here too")
    ap.add_argument("--sitegen", help="the command to run (default: .venv/bin/sitegen)")
    ap.add_argument("--prefix", default="", help="only the rules whose name starts so (e.g. events.)")
    args = ap.parse_args(argv)
    if args.sitegen:
        COMMAND.append(args.sitegen)
    names = args.rules or [n for n in all_rules() if n.startswith(args.prefix)]
    with tempfile.TemporaryDirectory(prefix="sitegen-rules-") as tmp:
        def run(off):
            return off, score(off, Path(tmp) / (off or "all"))
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            results = dict(pool.map(run, [None, *names]))
    base = results[None]
    dossiers = sorted(base)
    # the scorer's table names its columns by a prefix of the metric's name
    def value(table, dossier, metric):
        row = table.get(dossier, {})
        key = next((k for k in row if metric.startswith(k) or k.startswith(metric[:10])), None)
        return row.get(key) if key else None

    cols = [(d, m) for d in dossiers for m in METRICS if value(base, d, m) is not None]
    print("| rule | " + " | ".join(f"{d[:7]} {SHORT[m]}" for d, m in cols) + " | verdict |")
    print("|---|" + "---|" * len(cols) + "---|")
    print("| (all rules) | " + " | ".join(f"{value(base, d, m):g}" for d, m in cols) + " | |")
    rows = {}
    for name in names:
        table = results[name]
        deltas = []
        for d, m in cols:
            b, o = value(base, d, m), value(table, d, m)
            gain = None if b is None or o is None else round((o - b) if m in LOWER_IS_BETTER else (b - o), 2)
            deltas.append(gain)
        helps = [g for g in deltas if g and g > 0]
        costs = [g for g in deltas if g and g < 0]
        verdict = "no effect" if not helps and not costs else "costs only" if not helps else \
            "mixed" if costs else "helps"
        rows[name] = {"gains": {f"{d}.{m}": g for (d, m), g in zip(cols, deltas)}, "verdict": verdict}
        print(f"| {name} | " + " | ".join("" if g in (None, 0) else f"{g:+g}" for g in deltas) + f" | {verdict} |")
    if args.json:
        args.json.write_text(json.dumps({"base": base, "rules": rows}, indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
