"""The named rules of extraction and resolution, each one switchable off by name.

A rule is a function that decides one thing ("a quotation's speaker is the subject
of the verb of speech after it", "reports of one day that share a person are one
happening"). It is declared with @rule("stage.name", off=VALUE): when the rule is
switched off, calling it returns VALUE without running it (off(*args) when off is a
function, a new empty one when it is a type such as list), the answer of a pipeline that never had the rule (no speaker, no merge...).
A rule that is a branch inside a function is declared with declare() and tested with
enabled(). So each rule's effect on every
dossier can be measured (bench/rules.py), and a rule that helps no dossier goes.

Rules are switched off for a build by `rules_off` in sitegen.yaml (names separated by
commas) or the SITEGEN_RULES_OFF environment variable (the benchmark's way); the
extraction cache keys on the rules switched off, so a cached result never hides one.
`sitegen rules` lists every rule with the first line of its docstring.
"""
from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from sitegen.model import InputError

F = TypeVar("F", bound=Callable[..., Any])

RULES: dict[str, str] = {}          # name -> what it decides (first docstring line)
_off: frozenset[str] = frozenset()
ENVIRONMENT = "SITEGEN_RULES_OFF"


def rule(name: str, off: Any = None) -> Callable[[F], F]:
    """Register a function as the rule `name`; switched off, it returns `off`."""
    def register(func: F) -> F:
        if name in RULES:
            raise ValueError(f"two rules named {name}")
        RULES[name] = " ".join((func.__doc__ or "").strip().split("\n\n")[0].split())

        @functools.wraps(func)
        def run(*args, **kwargs):
            if name in _off:
                if isinstance(off, type):        # off=list: a new empty one each call
                    return off()
                return off(*args, **kwargs) if callable(off) else off
            return func(*args, **kwargs)
        run.rule_name = name       # type: ignore[attr-defined]
        return run                 # type: ignore[return-value]
    return register


def enabled(name: str) -> bool:
    """For a rule that is a branch of a function rather than a function of its own."""
    if name not in RULES:
        raise KeyError(name)
    return name not in _off


def declare(name: str, doc: str) -> str:
    """Register a branch rule (tested with enabled); returns its name."""
    if name in RULES:
        raise ValueError(f"two rules named {name}")
    RULES[name] = doc
    return name


def parse(text: str | None) -> list[str]:
    return sorted({w.strip() for w in (text or "").replace(";", ",").split(",") if w.strip()})


def switch_off(names: Iterable[str]) -> frozenset[str]:
    """Switch these rules off (and every other one on) for the builds that follow;
    an unknown name is an error naming the known ones."""
    global _off
    _load_all()
    names = frozenset(names)
    unknown = sorted(names - set(RULES))
    if unknown:
        raise InputError(f"unknown rule(s) {', '.join(unknown)}; `sitegen rules` lists them")
    _off = names
    return _off


def configured_off(setting: str | None) -> frozenset[str]:
    """The rules off for a build: the setting's and the environment's."""
    return switch_off([*parse(setting), *parse(os.environ.get(ENVIRONMENT))])


def off() -> frozenset[str]:
    return _off


def _load_all() -> None:
    """Rules register when their module is imported: import every stage that has some."""
    import sitegen.extract  # noqa: F401
    import sitegen.ingest  # noqa: F401
    import sitegen.resolve  # noqa: F401


def listing() -> list[tuple[str, str]]:
    _load_all()
    return sorted(RULES.items())
