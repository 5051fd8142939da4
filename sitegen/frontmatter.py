"""YAML front matter: the one reader and writer for seeds/*.md and content/*.md."""
from __future__ import annotations

from typing import Any

import yaml

from sitegen.model import InputError

FENCE = "---"
# libyaml's parser and emitter when PyYAML was built with it (its wheels are): the same
# YAML, several times faster on a dossier of thousands of pages
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


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
    data = load_yaml("\n".join(lines[1:i]), file, first_line=2, what="front matter is not valid YAML")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(f"{file}:2: front matter must be a mapping of 'key: value' lines")
    return data, "\n".join(lines[i + 1:]), i + 2


def load_yaml(raw: str, file: str, first_line: int = 1, what: str = "not valid YAML") -> Any:
    """Parse YAML text that starts at first_line of file; a syntax error is an InputError
    naming the file and the line of the mistake."""
    try:
        return yaml.load(raw, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + first_line if mark is not None else first_line
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{file}:{line}: {what} ({problem})") from None


def join(data: dict[str, Any], body: str) -> str:
    """A page: '---', YAML (keys in the given order, unicode kept), '---', body."""
    dumped = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return f"{FENCE}\n{dumped}{FENCE}\n{body.rstrip()}\n"
