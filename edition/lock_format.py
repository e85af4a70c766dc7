"""Lock files' YAML, written and read without PyYAML when the text has the usual shape.

A lock file (see anchor_lock.py) holds every paragraph's text, so PyYAML took
about 2 ms to read a large one and 3 ms to write it, through libyaml included:
most of the anchor pass, on every cold build. The layout build.py writes is fixed,
so this module writes exactly the text that

    yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100000,
                   default_flow_style=False)

writes, and reads text of that layout back. Each scalar is plain or single-quoted
there, and which one PyYAML picks is decided by its own rules (yaml_scalar.py),
restricted to one-line printable strings.
Anything else (a string PyYAML would double-quote, a lock re-indented by hand, a
flow mapping) makes both functions return None, and the caller uses PyYAML.
tests/test_lock_format.py checks both directions against PyYAML on adversarial
strings.
"""

from __future__ import annotations

from typing import Any

from .yaml_scalar import PRINTABLE_LINE, block_scalar

# PyYAML folds a scalar longer than its width (100000 here); keep well below it.
LONGEST = 50_000
TOP_KEYS = ("slugs", "paragraphs", "headings")
ENTRY_KEYS = frozenset({"anchor", "label", "text", "status", "at"})


def scalar_text(value: Any) -> str | None:
    """``value`` as PyYAML writes it after ``key: `` in a block mapping; None: not sure."""
    if value is None:
        return "null"
    if not isinstance(value, str) or len(value) > LONGEST:
        return None
    return block_scalar(value)


def write_lock_text(data: dict[str, list]) -> str | None:
    """The YAML of a lock's ``{slugs, paragraphs, headings}``; None if PyYAML must write it."""
    if list(data) != list(TOP_KEYS):
        return None
    out: list[str] = []
    for key in TOP_KEYS:
        items = data[key]
        if not items:
            out.append(f"{key}: []\n")
            continue
        out.append(f"{key}:\n")
        for item in items:
            if isinstance(item, dict):
                if not item:
                    return None
                lead = "- "
                for field, value in item.items():
                    text = scalar_text(value)
                    if field not in ENTRY_KEYS or text is None:
                        return None
                    out.append(f"{lead}{field}: {text}\n")
                    lead = "  "
            else:
                text = scalar_text(item)
                if text is None or item is None:
                    return None
                out.append(f"- {text}\n")
    return "".join(out)


class NotCanonical(Exception):
    """The text is not in the layout write_lock_text produces."""


def read_scalar(raw: str) -> str | None:
    """The value of a scalar as write_lock_text writes it; NotCanonical otherwise."""
    if raw == "null":
        return None
    if raw.startswith("'"):
        inner = raw[1:-1]
        if len(raw) < 2 or not raw.endswith("'") or "'" in inner.replace("''", ""):
            raise NotCanonical
        value = inner.replace("''", "'")
        if not PRINTABLE_LINE.match(value):
            raise NotCanonical
        return value
    if scalar_text(raw) != raw:  # PyYAML reads a plain scalar as itself only if it would write it so
        raise NotCanonical
    return raw


def read_lock_text(text: str) -> dict[str, list] | None:
    """``{slugs, paragraphs, headings}`` from a lock's text, as yaml.safe_load gives them;
    None if the text is not in the layout write_lock_text produces."""
    if "\r" in text or "\t" in text or not text.endswith("\n"):
        return None
    try:
        return _read(text[:-1].split("\n"))
    except NotCanonical:
        return None


def _read(lines: list[str]) -> dict[str, list]:
    data: dict[str, list] = {}
    items: list | None = None  # the list being filled
    entry: dict[str, Any] | None = None  # the mapping being filled
    for line in lines:
        if not line or line.startswith("#"):
            continue
        if line.startswith("- "):
            if items is None:
                raise NotCanonical
            body = line[2:]
            key, sep, raw = body.partition(": ")
            if not body.startswith("'") and (sep or body.endswith(":")):  # a mapping: an entry
                if not sep or key not in ENTRY_KEYS:
                    raise NotCanonical
                entry = {key: read_scalar(raw)}
                items.append(entry)
            else:
                entry = None
                items.append(read_scalar(body))
        elif line.startswith("  "):
            key, sep, raw = line[2:].partition(": ")
            if entry is None or not sep or key not in ENTRY_KEYS or key in entry:
                raise NotCanonical
            entry[key] = read_scalar(raw)
        else:
            key, sep, rest = line.partition(":")
            if key not in TOP_KEYS or key in data or rest not in ("", " []"):
                raise NotCanonical
            data[key] = []
            items, entry = (data[key] if not rest else None), None  # "key: []" takes no items
    if list(data) != list(TOP_KEYS):
        raise NotCanonical
    return data
