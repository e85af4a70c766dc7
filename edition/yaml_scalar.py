"""How PyYAML writes one string in block style: plain, single-quoted, or "not sure".

lock_format (lock files) and front_matter (the front matter of generated pages)
write YAML themselves, because PyYAML's representer and emitter cost more than the
rest of their work; both must write exactly what ``yaml.safe_dump(...,
allow_unicode=True)`` writes, through libyaml or not. For a string of one line of
printable characters, PyYAML's choice is decided here by its own rules: plain
unless the emitter's scalar analysis finds an indicator or the resolver would read
the plain text back as something else (``yes``, ``null``, ``12``, a date), then
single-quoted. Anything else is left to PyYAML (``block_scalar`` returns None).
tests/test_lock_format.py and tests/test_front_matter.py hold this to PyYAML's
output on adversarial strings.
"""

from __future__ import annotations

import re

import yaml

# One line of characters that libyaml and PyYAML both write as they are: printable
# ASCII and the printable BMP ranges, without U+FEFF. Tabs, line breaks (U+0085,
# U+2028 and U+2029 among them), C1 controls and characters beyond the BMP (libyaml
# double-quotes those) are excluded.
PRINTABLE_LINE = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*\\Z")
# What stops a one-line string from being a plain scalar in block context, at its
# start: an indicator ("#", quotes, brackets...), "-", "?" or ":" before a space or
# alone, "---" or "...", or a space. Inside (looked for with str methods: a regex
# alternation tried at every position is slow): ": ", " #", a final ":" or space.
NOT_PLAIN_START = re.compile(r"""[-?:](?: |\Z)|[#,\[\]{}&*!|>'"%@`]|---|\.\.\.| """)
STR_TAG = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()
# First characters for which the resolver may read a plain scalar as a non-string.
RESOLVED_FIRST = frozenset(key for key in _RESOLVER.yaml_implicit_resolvers if key is not None)
RESOLVES_ANY = None in _RESOLVER.yaml_implicit_resolvers  # a resolver for every first character


def block_scalar(text: str) -> str | None:
    """``text`` as PyYAML writes it in block style (as a value or a list item); None
    when it might not be written plain or single-quoted on one line."""
    if not PRINTABLE_LINE.match(text):
        return None
    if text and reads_back_as_itself(text):
        return text
    return "'" + text.replace("'", "''") + "'"


def reads_back_as_itself(text: str) -> bool:
    """Whether non-empty, printable ``text`` is written plain (and so read back as this string)."""
    if NOT_PLAIN_START.match(text) or ": " in text or " #" in text or text.endswith((":", " ")):
        return False
    if text[0] not in RESOLVED_FIRST and not RESOLVES_ANY:
        return True
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == STR_TAG
