"""YAML front matter: the one reader and writer for seeds/*.md and content/*.md."""
from __future__ import annotations

from typing import Any

import yaml

from sitegen.model import InputError

FENCE = "---"
# libyaml's parser and emitter when PyYAML was built with it (its wheels are): the same
# YAML, several times faster on a dossier of thousands of pages
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
# What a document may hold, checked on its nodes before any value is made: deeper than
# this, walking it (repr, pickle, json) would overflow Python's stack; more values than
# this added by aliases (an alias is a copy of its anchor's values each time it is
# used), a few hundred bytes would stand for billions of values.
DEPTH_MAX = 100
ALIASED_MAX = 100_000


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The safe loader, but dates stay the text they are written as (a date is checked
    where it is used, with the key it is under: sitegen.dates.parse_date), and a value
    its tag cannot make ('!!int x') is a YAML error at its line, not a Python one."""

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
            what = node.tag.rsplit(":", 1)[-1]
            shown = repr(node.value) if isinstance(node, yaml.ScalarNode) else "this value"
            raise yaml.constructor.ConstructorError(None, None, f"{shown[:60]} is no {what}", node.start_mark) \
                from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_yaml_str)


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
    naming the file and the line of the mistake, and so is a document too deeply nested
    or too large once its aliases are expanded (see DEPTH_MAX, ALIASED_MAX)."""
    loader = _Loader(raw)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_shape(node, file, first_line)
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + first_line if mark is not None else first_line
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{file}:{line}: {what} ({problem})") from None
    finally:
        loader.dispose()


def _check_shape(root: yaml.Node, file: str, first_line: int) -> None:
    """Refuse a document nested deeper than DEPTH_MAX, or whose aliases add more than
    ALIASED_MAX values, or an alias inside its own anchor; without expanding it: each
    node is visited once (an alias is the same node again), with its depth and its size
    once expanded kept by id. No recursion: the depth is what is being checked."""
    size: dict[int, int] = {}                # node id -> values it stands for, expanded
    depth: dict[int, int] = {}               # node id -> levels it holds, expanded
    path: set[int] = set()                   # the nodes being walked: the current one's ancestors
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        kids = node.value if isinstance(node, yaml.SequenceNode) else \
            [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else []
        if done:
            path.discard(key)
            size[key] = 1 + sum(size[id(k)] for k in kids)
            depth[key] = 1 + max((depth[id(k)] for k in kids), default=0)
            continue
        if key in size:
            if len(path) + depth[key] > DEPTH_MAX:
                raise InputError(f"{file}:{node.start_mark.line + first_line}: too deeply nested "
                                 f"(more than {DEPTH_MAX} levels)")
            continue
        if key in path:
            raise InputError(f"{file}:{node.start_mark.line + first_line}: an alias inside its own anchor "
                             "(a value that holds itself)")
        if len(path) >= DEPTH_MAX:
            raise InputError(f"{file}:{node.start_mark.line + first_line}: too deeply nested "
                             f"(more than {DEPTH_MAX} levels)")
        path.add(key)
        stack.append((node, True))
        stack.extend((k, False) for k in reversed(kids))
    if size[id(root)] - len(size) > ALIASED_MAX:
        raise InputError(f"{file}: too large once its aliases are expanded (they add more than "
                         f"{ALIASED_MAX:,} values); write the values out instead")


def described(value: Any) -> str:
    """A value read from YAML as a message shows it: "empty", or its Python form cut short."""
    if value is None or value == "":
        return "empty"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def join(data: dict[str, Any], body: str) -> str:
    """A page: '---', YAML (keys in the given order, unicode kept), '---', body."""
    dumped = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return f"{FENCE}\n{dumped}{FENCE}\n{body.rstrip()}\n"
