"""Glossary linking: every occurrence of a glossary term becomes a Term inline.

Like Python-Markdown's abbr treeprocessor, with the boundaries fixed:

* one compiled pattern, longest form first, so ``ADMM+`` wins over ``ADMM``;
* a match may not touch a word character on either side, and Vietnamese letters are
  word characters (Python's Unicode ``\\w``): ``IP`` never matches in ``SHIP`` or
  ``IPv6``, and a term ending in a symbol (``ADMM+``) still ends cleanly before
  ``)``, ``.`` or a space; nor may a '+' follow (``ASEAN`` is not marked inside an
  unlisted ``ASEAN+3``);
* case-sensitive, on NFC text (sources are NFC-normalised when read);
* only ``Text`` inlines are searched: links, URLs written in the text, footnote
  markers, citations and existing terms are never touched;
* paragraphs, the lede, captions and footnotes are linked; headings and the
  headline are not (their ids and the table of contents stay plain text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterator

from ..glossary import Glossary
from ..model import Article, Block, Caption, Footnote, Inline, Paragraph, Term, Text

URL = re.compile(r"(?:https?://|www\.)\S+")  # a text without "://" or "www." has none


@lru_cache(maxsize=8)
def _pattern(forms: tuple[str, ...]) -> re.Pattern | None:
    if not forms:
        return None
    return re.compile(rf"(?<!\w)(?:{_alternatives(forms)})(?![\w+])")


@lru_cache(maxsize=8)
def _locator(forms: tuple[str, ...]) -> re.Pattern:
    """The forms without the boundary checks: where ``_pattern`` may match.

    A pattern that starts with a look-behind is tried at every position of the text;
    the bare alternation lets the regex engine skip to the forms' first characters,
    several times faster over texts where terms are rare.
    """
    return re.compile(_alternatives(forms))


def _alternatives(forms: tuple[str, ...]) -> str:
    return "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))


@dataclass(frozen=True)
class Matcher:
    """A glossary with its two patterns, worked out once per article rather than per text."""

    glossary: Glossary
    pattern: re.Pattern
    locator: re.Pattern
    # The Term of each (form, language) met so far: a Term is immutable, so one instance
    # serves every occurrence in the article (the bench edition's articles hold 20 each).
    terms: dict[tuple[str, str], Term] = field(default_factory=dict, compare=False, repr=False)

    def finditer(self, text: str, start: int = 0) -> Iterator[re.Match]:
        """What ``pattern.finditer(text)`` yields from ``start``: the full pattern is tried
        only where the locator finds a form (it matches wherever the full pattern does), and
        from the next position when the boundaries refuse it there, as finditer would."""
        position = start
        while (found := self.locator.search(text, position)) is not None:
            match = self.pattern.match(text, found.start())  # the look-behind sees text before it
            if match:
                yield match
                position = match.end()
            else:
                position = found.start() + 1

    def term(self, form: str, language: str) -> Term:
        """The Term for an occurrence of ``form`` in a text in ``language``."""
        term = self.terms.get((form, language))
        if term is None:
            entry = self.glossary.by_form[form]
            term = self.terms[form, language] = Term(form, entry.anchor, expansion_for(entry, language))
        return term


def matcher(glossary: Glossary) -> Matcher | None:
    forms = tuple(sorted(glossary.by_form))
    return Matcher(glossary, _pattern(forms), _locator(forms)) if forms else None


def expansion_for(entry, language: str) -> str:
    """The expansion in the article's language: the gloss when the entry is in the other one."""
    if entry.language != language and entry.gloss:
        return entry.gloss
    return entry.expansion


def link_text(text: str, glossary: Glossary, language: str = "vi") -> list[Inline]:
    """Split ``text`` into Text and Term inlines; URLs inside the text stay plain."""
    terms = matcher(glossary)
    if terms is None:
        return [Text(text)]
    linked = _linked(text, terms, language)
    return [Text(text)] if linked is None else linked


def _linked(text: str, terms: Matcher, language: str) -> list[Inline] | None:
    """``text`` as Text and Term inlines; None when that is ``[Text(text)]`` (no term in it).

    Most texts hold no term: one locator search proves it (a form inside a URL is
    left to the full split below), without splitting at URLs or building inlines.
    A text with a term but no URL (most of the others) is one piece: it is searched
    from where the locator found the first form, and its inlines need no merging.
    """
    if not text:
        return []  # an empty Text is dropped
    first = terms.locator.search(text)
    if first is None:
        return None
    if "://" not in text and "www." not in text:  # no URL (see URL)
        return _link_plain(text, terms, language, first.start())
    out: list[Inline] = []
    position = 0
    for url in [*URL.finditer(text), None]:
        stop = url.start() if url else len(text)
        out.extend(_link_plain(text[position:stop], terms, language))
        if url:
            out.append(Text(url.group()))
            position = url.end()
    return _merge_text(out)


def _link_plain(text: str, terms: Matcher, language: str, start: int = 0) -> list[Inline]:
    """``text`` as Text and Term inlines, no Text empty nor next to another Text; no form
    starts before ``start``."""
    out: list[Inline] = []
    position = 0
    for match in terms.finditer(text, start):
        if match.start() > position:
            out.append(Text(text[position:match.start()]))
        out.append(terms.term(match.group(), language))
        position = match.end()
    if position < len(text):
        out.append(Text(text[position:]))
    return out


def _merge_text(items: list[Inline]) -> list[Inline]:
    merged: list[Inline] = []
    for item in items:
        if isinstance(item, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + item.text)
        elif not (isinstance(item, Text) and not item.text):
            merged.append(item)
    return merged


def link_block(block: Block, terms: Matcher, language: str) -> Block:
    """``block`` with its terms marked; the same block when it has none (``replace``,
    which copies every field through the constructor, is only paid for a change)."""
    language = block.lang or language
    inlines: list[Inline] = []
    changed = False
    for item in block.inlines:
        linked = _linked(item.text, terms, language) if isinstance(item, Text) else None
        if linked is None:
            inlines.append(item)
        else:
            inlines.extend(linked)
            changed = True
    return replace(block, inlines=tuple(inlines)) if changed else block


LINKED_BLOCKS = (Paragraph, Caption, Footnote)


def run(article: Article, context) -> Article:
    glossary: Glossary | None = getattr(context, "glossary", None)
    if glossary is None or not glossary.entries:
        return article
    terms = matcher(glossary)  # not None: the glossary has entries, so forms
    language = article.meta.language
    blocks = tuple(link_block(b, terms, language) if isinstance(b, LINKED_BLOCKS) else b for b in article.blocks)
    footnotes = tuple(link_block(n, terms, language) for n in article.footnotes)
    lede = link_block(article.lede, terms, language) if article.lede is not None else None
    return article.with_(blocks=blocks, footnotes=footnotes, lede=lede)
