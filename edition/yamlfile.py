"""YAML loading that remembers where every value came from.

``load_yaml`` returns plain Python data and a ``Positions`` map from key paths
(tuples of keys and list indexes) to 1-based line and column, so that schema errors
read ``file:line:column: key: expected X, got Y``. Duplicate keys, which PyYAML
accepts silently, are errors here.

Parsing and dumping use libyaml (PyYAML's C binding) when it is installed: lock files
hold every paragraph's text, and the pure-Python scanner made reading and writing them
most of a cold build's time. Error messages always come from the pure-Python parser,
so they read the same with or without libyaml.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import re

import yaml

from .errors import EditionError, Problem

KeyPath = tuple[Any, ...]

FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FAST_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# What git leaves in a file when a merge conflicts; YAML would often parse it silently.
CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7})(?: |$)", re.MULTILINE)


@dataclass
class Positions:
    path: str
    where: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def of(self, key_path: KeyPath) -> tuple[int | None, int | None]:
        """Line and column of ``key_path``, or of its nearest located parent."""
        probe = tuple(key_path)
        while probe not in self.where and probe:
            probe = probe[:-1]
        line, col = self.where.get(probe, (None, None))
        return line, col

    def problem(self, key_path: KeyPath, message: str, hint: str = "") -> Problem:
        line, col = self.of(key_path)
        return Problem(self.path, message, line, col, hint)


def read_text_utf8(path: Path, shown_as: str) -> str:
    return decode_utf8(path.read_bytes(), shown_as)


def decode_utf8(data: bytes, shown_as: str) -> str:
    """A file's bytes as text (without the BOM it may start with); EditionError if not UTF-8."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise EditionError.at(shown_as, "not valid UTF-8 text", line,
                              hint="save the file as UTF-8") from None
    return text


def load_yaml(path: Path, shown_as: str) -> tuple[Any, Positions]:
    """Parse ``path``; raise EditionError with file:line:column on any YAML error."""
    text = read_text_utf8(path, shown_as)
    return parse_yaml(text, shown_as)


def conflict_markers(text: str, shown_as: str) -> None:
    """Refuse a file left with git merge-conflict markers, at the first marker's line."""
    match = CONFLICT_MARKER.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        raise EditionError.at(shown_as, f"contains a git merge-conflict marker ({match.group(1)})", line, 1,
                              hint="resolve the conflict: keep one version of the lines between "
                                   "'<<<<<<<' and '>>>>>>>', and delete the three marker lines")


def parse_yaml(text: str, shown_as: str) -> tuple[Any, Positions]:
    positions = Positions(shown_as)
    conflict_markers(text, shown_as)
    try:
        node = yaml.compose(text, Loader=FAST_LOADER)
    except yaml.YAMLError:
        node = _compose_for_errors(text, shown_as)
    if node is None:
        return None, positions
    constructor = yaml.SafeLoader("")
    problems: list[Problem] = []
    data = _build(node, (), positions, constructor, problems)
    if problems:
        raise EditionError(problems)
    return data, positions


def dump_yaml(data: Any, **options: Any) -> str:
    """``yaml.safe_dump`` through libyaml when available (same text, several times faster)."""
    return yaml.dump(data, Dumper=FAST_DUMPER, **options)


def _compose_for_errors(text: str, shown_as: str) -> yaml.Node | None:
    """Parse again with the pure-Python parser: its messages, the same on every machine."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        raise EditionError.at(shown_as, f"invalid YAML: {err.problem or err}", line, col,
                              hint="fix the YAML syntax at this place (indentation, quotes, colons)") from None
    except yaml.YAMLError as err:
        raise EditionError.at(shown_as, f"invalid YAML: {err}") from None


def _build(node: yaml.Node, key_path: KeyPath, positions: Positions,
           constructor: yaml.SafeLoader, problems: list[Problem]) -> Any:
    positions.where.setdefault(key_path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = constructor.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int)):
                problems.append(Problem(positions.path, f"a key must be text, got {key!r}",
                                        key_node.start_mark.line + 1, key_node.start_mark.column + 1))
                continue
            if key in result:
                problems.append(Problem(positions.path, f"duplicate key {key!r}",
                                        key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                        "keep one of the two entries"))
                continue
            child_path = key_path + (key,)
            positions.where[child_path] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _build(value_node, child_path, positions, constructor, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, key_path + (index,), positions, constructor, problems)
                for index, item in enumerate(node.value)]
    try:
        return constructor.construct_object(node, deep=True)
    except (ValueError, yaml.YAMLError) as err:  # e.g. a date such as 2024-02-30
        problems.append(Problem(positions.path, f"cannot read value {node.value!r}: {err}",
                                node.start_mark.line + 1, node.start_mark.column + 1,
                                "quote the value or correct it"))
        return None
