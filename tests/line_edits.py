"""Hand edits and damage of a YAML file, one line at a time, for the fast readers' tests.

The fast lock and metadata readers must read an edited text as PyYAML does or decline
it; starting from texts they accept and editing whole lines keeps many edited texts
accepted (a duplicated entry, swapped keys, a changed value), unlike random damage.
"""

from __future__ import annotations

LINE_EDITS = ("duplicate", "delete", "swap", "indent", "dedent", "value", "insert", "append")


def edit_line(lines: list[str], edit: str, at: int, text: str) -> list[str]:
    """``lines`` with one edit (one of LINE_EDITS) at line ``at`` (taken modulo their count);
    ``text`` is what a "value", "insert" or "append" edit writes."""
    at %= len(lines)
    line = lines[at]
    if edit == "duplicate":
        return lines[:at + 1] + [line] + lines[at + 1:]
    if edit == "delete":
        return lines[:at] + lines[at + 1:]
    if edit == "swap" and at + 1 < len(lines):
        return lines[:at] + [lines[at + 1], line] + lines[at + 2:]
    if edit == "indent":
        return lines[:at] + [" " + line] + lines[at + 1:]
    if edit == "dedent":
        return lines[:at] + [line[1:]] + lines[at + 1:]
    if edit == "value" and ": " in line:
        return lines[:at] + [line.split(": ", 1)[0] + ": " + text] + lines[at + 1:]
    if edit == "append":
        return lines[:at] + [line + text] + lines[at + 1:]
    return lines[:at] + [text] + lines[at:]
