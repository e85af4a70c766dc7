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
from dataclasses import replace
from functools import lru_cache

from ..glossary import Glossary
from ..model import Article, Block, Caption, Footnote, Inline, Paragraph, Term, Text

URL = re.compile(r"(?:https?://|www\.)\S+")


@lru_cache(maxsize=8)
def _pattern(forms: tuple[str, ...]) -> re.Pattern | None:
    if not forms:
        return None
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?![\w+])")


def term_pattern(glossary: Glossary) -> re.Pattern | None:
    return _pattern(tuple(sorted(glossary.by_form)))


def expansion_for(entry, language: str) -> str:
    """The expansion in the article's language: the gloss when the entry is in the other one."""
    if entry.language != language and entry.gloss:
        return entry.gloss
    return entry.expansion


def link_text(text: str, glossary: Glossary, language: str = "vi") -> list[Inline]:
    """Split ``text`` into Text and Term inlines; URLs inside the text stay plain."""
    pattern = term_pattern(glossary)
    if pattern is None:
        return [Text(text)]
    out: list[Inline] = []
    position = 0
    for url in [*URL.finditer(text), None]:
        stop = url.start() if url else len(text)
        out.extend(_link_plain(text[position:stop], pattern, glossary, language))
        if url:
            out.append(Text(url.group()))
            position = url.end()
    return _merge_text(out)


def _link_plain(text: str, pattern: re.Pattern, glossary: Glossary, language: str) -> list[Inline]:
    out: list[Inline] = []
    position = 0
    for match in pattern.finditer(text):
        entry = glossary.by_form[match.group()]
        if match.start() > position:
            out.append(Text(text[position:match.start()]))
        out.append(Term(match.group(), entry.anchor, expansion_for(entry, language)))
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


def link_block(block: Block, glossary: Glossary, language: str) -> Block:
    language = block.lang or language
    inlines: list[Inline] = []
    for item in block.inlines:
        inlines.extend(link_text(item.text, glossary, language) if isinstance(item, Text) else [item])
    return replace(block, inlines=tuple(inlines))


LINKED_BLOCKS = (Paragraph, Caption, Footnote)


def run(article: Article, context) -> Article:
    glossary: Glossary | None = getattr(context, "glossary", None)
    if glossary is None or not glossary.entries:
        return article
    language = article.meta.language
    blocks = tuple(link_block(b, glossary, language) if isinstance(b, LINKED_BLOCKS) else b
                   for b in article.blocks)
    footnotes = tuple(link_block(n, glossary, language) for n in article.footnotes)
    lede = link_block(article.lede, glossary, language) if article.lede is not None else None
    return article.with_(blocks=blocks, footnotes=footnotes, lede=lede)
