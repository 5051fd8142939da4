"""YAML front matter: the one reader and writer for seeds/*.md and content/*.md."""
from __future__ import annotations

from typing import Any

import yaml

from sitegen.model import InputError

FENCE = "---"


def split(text: str, file: str) -> tuple[dict[str, Any], str, int]:
    """Return (front matter, body, line number where the body starts).

    A text without a leading '---' line has empty front matter. Malformed YAML raises
    InputError naming the file and line.
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        return {}, text, 1
    for i in range(1, len(lines)):
        if lines[i].strip() in (FENCE, "..."):
            break
    else:
        raise InputError(f"{file}:1: front matter opened with '---' is never closed; add a '---' line after it")
    raw = "\n".join(lines[1:i])
    try:
        data = yaml.safe_load(raw) if raw.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{file}:{line}: front matter is not valid YAML ({problem})") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(f"{file}:2: front matter must be a mapping of 'key: value' lines")
    return data, "\n".join(lines[i + 1:]), i + 2


def join(data: dict[str, Any], body: str) -> str:
    """A page: '---', YAML (keys in the given order, unicode kept), '---', body."""
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return f"{FENCE}\n{dumped}{FENCE}\n{body.rstrip()}\n"
