"""`sitegen dates`, as a person and as the scorer use it."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "sitegen", "dates", *map(str, args)], input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_jsonl_protocol():
    lines = [{"id": "a", "text": "Il est venu hier, puis le 3 mars.", "published": "2021-03-10"},
             {"id": "b", "text": "Rien de daté.", "published": None}]
    r = run("--jsonl", stdin="".join(json.dumps(x) + "\n" for x in lines))
    assert r.returncode == 0, r.stderr
    out = [json.loads(l) for l in r.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b"]
    assert [(t["text"], t["value"]) for t in out[0]["timexes"]] == [("hier", "2021-03-09"), ("le 3 mars", "2021-03-03")]
    assert out[1]["timexes"] == []


def test_jsonl_interval_is_a_duration_with_its_ends():
    r = run("--jsonl", stdin=json.dumps({"id": "x", "text": "du 18 au 23 décembre 2015", "published": None}) + "\n")
    [row] = [json.loads(l) for l in r.stdout.splitlines()]
    kinds = [(t["type"], t["value"]) for t in row["timexes"]]
    assert ("DURATION", "P6D") in kinds and ("DATE", "2015-12-18") in kinds and ("DATE", "2015-12-23") in kinds


def test_files_for_a_person(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Titre\n\nLe ministre est venu jeudi.\n", encoding="utf-8")
    r = run(f, "--published", "2015-11-20")
    assert r.returncode == 0 and "«jeudi»" in r.stdout and "2015-11-19" in r.stdout and "3:" in r.stdout
    r = run(f, "--published", "hier")
    assert r.returncode == 1 and "not a date" in r.stderr and "Traceback" not in r.stderr


def test_files_show_how_their_publication_day_was_decided(tmp_path):
    a = tmp_path / "a.md"
    a.write_text("---\ndate: 2019-02-10\n---\nLa liste\n\n*Par Jeanne Morel — 2 octobre 2019*\n\n"
                 "La préfecture a publié hier soir la liste des produits brûlés.\n", encoding="utf-8")
    r = run(a)
    assert r.returncode == 0, r.stderr
    assert "published 2019-10-02 (dateline)" in r.stdout
    assert "kept      dateline      «Par Jeanne Morel — 2 octobre 2019» day 2019-10-02" in r.stdout
    assert "overruled front-matter  «2019-02-10» day 2019-02-10" in r.stdout
    assert "«hier soir»" in r.stdout and "2019-10-01" in r.stdout        # read from the day decided
    row = json.loads(run(a, "--json").stdout)
    assert row["publication"]["day"] == "2019-10-02" and row["published"] == "2019-10-02"
    assert {(x["kind"], x["verdict"]) for x in row["publication"]["reasons"]} >= {
        ("dateline", "kept"), ("front-matter", "overruled")}


def test_a_missing_file_is_one_line(tmp_path):
    r = run(tmp_path / "absent.txt")
    assert r.returncode == 1 and "absent.txt" in r.stderr and "Traceback" not in r.stderr


def test_bad_jsonl_line_is_named():
    r = run("--jsonl", stdin="not json\n")
    assert r.returncode == 1 and "stdin:1" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.skipif(not (SHARED / "score_timex.py").is_file(), reason="../shared/eval not beside the repo")
def test_french_timebank_dev_figures():
    """The development half of French TimeBank, through the real scorer: the issue's bars."""
    cmd = f"{sys.executable} -m sitegen dates --jsonl"
    r = subprocess.run([sys.executable, str(SHARED / "score_timex.py"), "--tml", str(SHARED / "ftib-dev"),
                        "--cmd", cmd, "-q", "--min", "value_f1=0.80", "--min", "relaxed_f1=0.93"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
