"""Glossary coverage: acronym-like tokens on the pages that glossary.yml does not explain.

``python build.py check`` reports each with file:line, the inline definition found in
the text when there is one (a parenthesised abbreviation after a phrase whose syllable
initials spell it, as in 'quan hệ quốc tế (QHQT)'), and a YAML stanza to paste.

Only text that is on the pages is scanned (dropped boilerplate needs no glossary);
headings, all-capital lines and Roman numerals (Đại hội XIV) are not abbreviations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .glossary import Glossary
from .model import Article, Heading, Text
from .slugs import fold

CAPITALS = "A-ZĐƯƠÂÊÔĂ"
ACRONYM = re.compile(rf"(?<!\w)[{CAPITALS}](?:[{CAPITALS}0-9]|[+-](?=[{CAPITALS}0-9+])|\+)+(?!\w)")
ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
WORD = re.compile(r"\w+")
ALL_CAPS_SHARE = 0.6  # a block mostly in capitals is a heading or a banner, not prose with acronyms
MIN_LETTERS = 2


@dataclass(frozen=True)
class Finding:
    token: str
    path: str
    line: int
    definition: str | None

    def stanza(self) -> str:
        expansion = self.definition or "TODO: the expansion, from the text or established usage"
        return f"  - term: {self.token}\n    expansion: {expansion}\n    gloss: null"

    def __str__(self) -> str:
        found = f"; defined inline as '{self.definition}'" if self.definition else ""
        return (f"{self.path}:{self.line}: abbreviation {self.token!r} has no glossary entry{found}\n"
                f"  suggested stanza for glossary.yml (or add it to 'ignore:'):\n{self.stanza()}")


def is_acronym(token: str) -> bool:
    letters = sum(1 for c in token if c.isalpha())
    return letters >= MIN_LETTERS and not ROMAN.match(token)


def mostly_capitals(text: str) -> bool:
    words = [w for w in WORD.findall(text) if any(c.isalpha() for c in w)]
    return bool(words) and sum(w.isupper() for w in words) / len(words) >= ALL_CAPS_SHARE


def inline_definition(text: str, start: int, token: str) -> str | None:
    """The phrase before '(TOKEN' whose syllable initials spell TOKEN, if any."""
    if not text[:start].rstrip().endswith("("):
        return None
    before = text[:start].rstrip()[:-1].rstrip()
    letters = [c for c in token if c.isalpha()]
    words = re.findall(r"[^\W\d_]+", before)
    phrase = words[-len(letters):] if len(words) >= len(letters) else []
    if phrase and [fold(w[0]) for w in phrase] == [fold(c) for c in letters]:
        first = before.rfind(phrase[0], 0, len(before) - len(" ".join(phrase[1:])))
        return before[first:] if first >= 0 else " ".join(phrase)
    return None


def scan_article(article: Article, glossary: Glossary) -> list[Finding]:
    findings: list[Finding] = []
    for block in article.all_blocks():
        if isinstance(block, Heading) or block is article.headline or block is article.byline:
            continue
        text = "".join(i.text if isinstance(i, Text) else " " for i in block.inlines)
        if mostly_capitals(text):
            continue
        for match in ACRONYM.finditer(text):
            token = match.group()
            if not is_acronym(token) or token in glossary.by_form or token in glossary.ignore:
                continue
            findings.append(Finding(token, article.source.path, block.lines.first,
                                    inline_definition(text, match.start(), token)))
    return findings


def coverage_findings(articles: list[Article], glossary: Glossary) -> list[Finding]:
    """One finding per missing token (its first place), in source order."""
    seen: dict[str, Finding] = {}
    for article in articles:
        for finding in scan_article(article, glossary):
            known = seen.get(finding.token)
            if known is None or (known.definition is None and finding.definition):
                seen[finding.token] = finding
    return sorted(seen.values(), key=lambda f: (f.path, f.line, f.token))


def check(edition, result) -> list[str]:
    return [str(f) for f in coverage_findings(result.articles, edition.glossary)]
