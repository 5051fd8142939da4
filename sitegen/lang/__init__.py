"""Language tables: every word sitegen knows about a language lives in lang/<code>.yaml."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from sitegen.model import InputError

LANG_DIR = Path(__file__).parent
# a table's name: a language code ("fr"), or a code and a part ("fr_geo"); never a path
_TABLE = re.compile(r"[a-z]{2,3}(?:_[a-z]+)?", re.ASCII)
_CODE = re.compile(r"[a-z]{2,3}", re.ASCII)


def languages() -> list[str]:
    """The codes of the languages sitegen has a table for."""
    return sorted(p.stem for p in LANG_DIR.glob("*.yaml") if _CODE.fullmatch(p.stem))


@lru_cache(maxsize=None)
def load_language(code: str = "fr") -> dict[str, Any]:
    """Return the table of that name in this folder; an InputError names the known
    languages (a name that is no table, or no plain name, reads nothing)."""
    if not isinstance(code, str) or not _TABLE.fullmatch(code) or not (LANG_DIR / f"{code}.yaml").is_file():
        raise InputError(f"no language table for {code!r}; known: {', '.join(languages())}")
    with (LANG_DIR / f"{code}.yaml").open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
