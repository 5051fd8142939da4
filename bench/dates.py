#!/usr/bin/env python3
"""Speed of the time tagger, after loading: milliseconds per article, median of runs.

    .venv/bin/python bench/dates.py [--runs 5]

Articles: the development half of French TimeBank (../shared/eval/ftib-dev) when it is
beside the repo, and the seeds. Prints a table; writes nothing.
"""
from __future__ import annotations

import argparse
import datetime as dt
import glob
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitegen.timex import tag_dates, tagger_for  # noqa: E402


def corpora() -> dict[str, list[tuple[str, dt.date | None]]]:
    out = {}
    ftib = ROOT.parent / "shared" / "eval"
    if (ftib / "score_timex.py").is_file():
        sys.path.insert(0, str(ftib))
        from score_timex import read_tml
        docs = [read_tml(f)[0] for f in sorted(glob.glob(str(ftib / "ftib-dev" / "*.tml")))]
        out["ftib-dev"] = [(d["text"], dt.date.fromisoformat(d["published"])) for d in docs]
    out["seeds"] = [(p.read_text(encoding="utf-8"), None) for p in sorted((ROOT / "seeds").glob("*"))]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    t0 = time.perf_counter()
    tagger_for("fr")
    load = time.perf_counter() - t0
    print(f"tagger built in {load * 1000:.0f} ms (language table, patterns)")
    print(f"{'corpus':<10} {'articles':>8} {'chars/article':>14} {'ms/article (median)':>20} {'max ms':>8}")
    for name, docs in corpora().items():
        per_run = []
        worst = 0.0
        for _ in range(args.runs):
            start = time.perf_counter()
            for text, ref in docs:
                t = time.perf_counter()
                tag_dates(text, ref)
                worst = max(worst, time.perf_counter() - t)
            per_run.append((time.perf_counter() - start) / len(docs))
        chars = sum(len(t) for t, _ in docs) / len(docs)
        print(f"{name:<10} {len(docs):>8} {chars:>14.0f} {statistics.median(per_run) * 1000:>20.2f} {worst * 1000:>8.2f}")


if __name__ == "__main__":
    main()
