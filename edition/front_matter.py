"""Front matter without PyYAML's representer: the same text, written directly.

Every generated page starts with a small, flat YAML mapping (title, lang, slug, the
CSL item...). ``dump_yaml`` builds a node graph, resolves tags and runs libyaml's
emitter for it, which was a quarter of rendering an article. ``dump_front_matter``
writes the block style that ``dump_yaml(data, allow_unicode=True, sort_keys=False,
width=1000)`` writes, for the values whose output it can prove:

* dict, list, str, int, bool and None only (exact types), each container once;
* strings of printable characters (no tab, no line break, nothing outside the BMP,
  no U+FEFF), on lines short enough that the emitter never folds them;
* a string is plain or single-quoted as PyYAML decides (yaml_scalar.py, shared with
  the lock files).

Anything else (a line break, a non-BMP character, a long title...)
goes to ``dump_yaml``, so the text never depends on this module being complete.
tests/test_front_matter.py compares the two on adversarial strings.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .yaml_scalar import block_scalar
from .yamlfile import dump_yaml

WIDTH = 1000  # the emitter folds a line only past this column
class Unproven(Exception):
    """A value whose YAML this module does not promise to write as dump_yaml does."""


def dump_front_matter(data: dict) -> str:
    """``dump_yaml(data, allow_unicode=True, sort_keys=False, width=1000)``, faster."""
    try:
        lines = _mapping(data, "", set())
    except Unproven:
        return dump_yaml(data, allow_unicode=True, sort_keys=False, width=WIDTH)
    if not lines or any(len(line) > WIDTH for line in lines):
        return dump_yaml(data, allow_unicode=True, sort_keys=False, width=WIDTH)
    return "\n".join(lines) + "\n"


def _once(container: Any, seen: set[int]) -> None:
    """PyYAML writes an anchor and an alias for a list or dict met twice: not done here."""
    if id(container) in seen:
        raise Unproven
    seen.add(id(container))


def _mapping(data: dict, indent: str, seen: set[int]) -> list[str]:
    """A block mapping, each key at ``indent``; nested mappings two spaces further,
    sequences in a mapping at the key's own indentation (PyYAML's default)."""
    if type(data) is not dict:
        raise Unproven
    _once(data, seen)
    lines = []
    for key, value in data.items():
        head = f"{indent}{_key(key)}:"
        if type(value) is dict and value:
            lines.append(head)
            lines += _mapping(value, indent + "  ", seen)
        elif type(value) is list and value:
            lines.append(head)
            lines += _sequence(value, indent, seen)
        else:
            lines.append(f"{head} {_scalar(value, seen)}")
    return lines


def _sequence(items: list, indent: str, seen: set[int]) -> list[str]:
    """A block sequence at ``indent``; a nested collection starts on the dash's line."""
    _once(items, seen)
    lines = []
    for item in items:
        if type(item) is dict and item:
            nested = _mapping(item, indent + "  ", seen)
        elif type(item) is list and item:
            nested = _sequence(item, indent + "  ", seen)
        else:
            lines.append(f"{indent}- {_scalar(item, seen)}")
            continue
        lines.append(f"{indent}- {nested[0][len(indent) + 2:]}")
        lines += nested[1:]
    return lines


@lru_cache(maxsize=256)
def _key(key: Any) -> str:
    """A mapping key: cached, since every page has the same few dozen."""
    if type(key) is not str or len(key) > 64:  # a long key is no longer a simple key
        raise Unproven
    return _string(key)


def _scalar(value: Any, seen: set[int]) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    kind = type(value)
    if kind is str:
        return _string(value)
    if kind is int:
        return str(value)
    if kind is list and not value:
        _once(value, seen)
        return "[]"
    if kind is dict and not value:
        _once(value, seen)
        return "{}"
    raise Unproven


def _string(text: str) -> str:
    """``text`` plain when PyYAML would write it plain, else single-quoted (yaml_scalar)."""
    written = block_scalar(text)
    if written is None:
        raise Unproven
    return written
