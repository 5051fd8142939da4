"""Language tables: every word sitegen knows about a language lives in lang/<code>.yaml."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

LANG_DIR = Path(__file__).parent


@lru_cache(maxsize=None)
def load_language(code: str = "fr") -> dict[str, Any]:
    """Return the table for a language code; raise ValueError naming the known ones."""
    path = LANG_DIR / f"{code}.yaml"
    if not path.is_file():
        known = sorted(p.stem for p in LANG_DIR.glob("*.yaml"))
        raise ValueError(f"no language table for {code!r}; known: {', '.join(known)}")
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
