"""YAML as PyYAML writes it, without PyYAML, for the plain data the build writes.

Every generated page starts with front matter (title, lang, the CSL item...) and
every article has an anchor lock file (a list of {anchor, label, text} per
paragraph). PyYAML's representer and emitter, libyaml included, cost more than the
rest of writing either: a quarter of rendering an article, 3 ms for the paper's
lock. ``dump_block_yaml`` writes the block style that

    dump_yaml(data, allow_unicode=True, sort_keys=False, width=width)

writes, for the values whose output it can prove:

* dict, list, str, int, bool and None only (exact types), each container once;
* strings of one printable line (no tab, no line break, nothing outside the BMP,
  no U+FEFF), in documents whose lines are short enough never to be folded;
* a string is plain unless PyYAML's emitter would find an indicator in it or its
  resolver would read it back as something else (``yes``, ``null``, ``12``, a date):
  then it is single-quoted (``block_scalar``).

Anything else goes to ``dump_yaml`` for the whole document, so the text never
depends on this module being complete. tests/test_front_matter.py and
tests/test_lock_format.py compare the two on adversarial strings.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import yaml

from .yamlfile import dump_yaml

# One line of characters that libyaml and PyYAML both write as they are: printable
# ASCII and the printable BMP ranges, without U+FEFF. Tabs, line breaks (U+0085,
# U+2028 and U+2029 among them), C1 controls and characters beyond the BMP (libyaml
# double-quotes those) are excluded.
PRINTABLE_CHARS = "\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"  # a regex class's ranges
PRINTABLE_LINE = re.compile(f"[{PRINTABLE_CHARS}]*\\Z")
# What stops a one-line string from being a plain scalar in block context, at its
# start: an indicator ("#", quotes, brackets...), "-", "?" or ":" before a space or
# alone, "---" or "...", or a space. Inside (looked for with str methods: a regex
# alternation tried at every position is slow): ": ", " #", a final ":" or space.
# One character is found several times faster than two (memchr), and few texts hold
# ":" or "#" at all: those two are looked for first.
NOT_PLAIN_START = re.compile(r"""[-?:](?: |\Z)|[#,\[\]{}&*!|>'"%@`]|---|\.\.\.| """)
STR_TAG = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()
# First characters for which the resolver may read a plain scalar as a non-string.
RESOLVED_FIRST = frozenset(key for key in _RESOLVER.yaml_implicit_resolvers if key is not None)
RESOLVES_ANY = None in _RESOLVER.yaml_implicit_resolvers  # a resolver for every first character


def write_scalar(text: str) -> str | None:
    """``text`` as PyYAML writes it in block style (as a value or a list item); None
    when it might not be written plain or single-quoted on one line."""
    if not PRINTABLE_LINE.match(text):
        return None
    return plain_or_quoted(text)


def plain_or_quoted(text: str) -> str:
    """write_scalar for a text known to be a printable line: plain when PyYAML writes it
    plain, else single-quoted."""
    if text and reads_back_as_itself(text):
        return text
    return "'" + text.replace("'", "''") + "'"


# write_scalar, cached: front matter repeats its keys and many values from page to page,
# locks their anchors, labels and statuses. lock_format writes paragraphs' texts, which
# seldom repeat and would push those out, with plain_or_quoted (it checks the whole lock
# for printable lines at once).
block_scalar = lru_cache(maxsize=4096)(write_scalar)


def reads_back_as_itself(text: str) -> bool:
    """Whether non-empty, printable ``text`` is written plain (and so read back as this string)."""
    if NOT_PLAIN_START.match(text) or text.endswith((":", " ")):
        return False
    if ":" in text and ": " in text or "#" in text and " #" in text:
        return False
    if text[0] not in RESOLVED_FIRST and not RESOLVES_ANY:
        return True
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == STR_TAG


class Unproven(Exception):
    """A value whose YAML this module does not promise to write as dump_yaml does."""


def dump_block_yaml(data: dict, width: int) -> str:
    """``dump_yaml(data, allow_unicode=True, sort_keys=False, width=width)``, faster.

    ``width`` is PyYAML's: it folds a scalar at a space past that column, so a document
    with a longer line is left to PyYAML.
    """
    try:
        lines = _mapping(data, "", set())
    except Unproven:
        lines = []
    if not lines or any(len(line) > width for line in lines):
        return dump_yaml(data, allow_unicode=True, sort_keys=False, width=width)
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
    """``text`` plain when PyYAML would write it plain, else single-quoted."""
    written = block_scalar(text)
    if written is None:
        raise Unproven
    return written
