"""The writer: an Article to Markdown for MkDocs and Material.

Structure comes from the model, never from the text: every piece of source text
goes through ``escape.markdown_text``. Paragraph-level attributes use attr_list on
the line after the block (``{: #p-3 .lede }``); footnotes use the footnotes
extension, so the theme's footnote tooltips work.
"""

from __future__ import annotations

from typing import Iterable
from urllib.parse import quote

import yaml

from .escape import front_matter_values, html_attribute, markdown_text
from .model import (Article, Block, Caption, Citation, Footnote, Heading, Inline, Link,
                    NoteRef, Paragraph, Term, Text)

UNKNOWN = {"vi": "không rõ", "en": "unknown"}
IMAGE_NOT_PRESERVED = {"vi": "Ảnh không được lưu giữ trong ấn bản", "en": "Image not preserved in this edition"}
SAFE_URL_SCHEMES = ("http://", "https://")


def render_inline(item: Inline, glossary_href: str = "../glossary.md") -> str:
    if isinstance(item, Text):
        return markdown_text(item.text)
    if isinstance(item, NoteRef):
        return f"[^{note_id(item.label)}]"
    if isinstance(item, Citation):
        keys = " ".join(item.keys)
        return f'<span class="citation" data-cites="{html_attribute(keys)}">{markdown_text(item.text)}</span>'
    if isinstance(item, Term):
        return (f'[<abbr title="{html_attribute(item.expansion)}">{markdown_text(item.text)}</abbr>]'
                f'({glossary_href}#{item.term_id}){{: .term }}')
    if isinstance(item, Link):
        if not item.url.startswith(SAFE_URL_SCHEMES):
            return markdown_text(item.text or item.url)
        url = quote(item.url, safe=":/?#[]@!$&'*+,;=%~")
        return f"[{markdown_text(item.text)}](<{url}>)"
    raise TypeError(f"unknown inline {item!r}")


def render_inlines(inlines: Iterable[Inline]) -> str:
    text = "".join(render_inline(i) for i in inlines)
    return text.strip()


def note_id(label: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in label)


def block_attributes(block: Block, *classes: str) -> str:
    parts = []
    if block.anchor:
        parts.append(f"#{block.anchor}")
    parts.extend(f".{c}" for c in classes)
    if block.label:
        parts.append(f'data-label="{html_attribute(block.label)}"')
    if block.lang:
        parts.append(f'lang="{html_attribute(block.lang)}"')
    return "{: " + " ".join(parts) + " }" if parts else ""


def render_block(block: Block, language: str) -> str:
    if isinstance(block, Heading):
        attrs = block_attributes(block)
        return "#" * block.level + " " + render_inlines(block.inlines) + (" " + attrs if attrs else "")
    classes: tuple[str, ...] = ()
    body = render_inlines(block.inlines)
    if isinstance(block, Caption):
        classes = ("caption",)
        note = IMAGE_NOT_PRESERVED.get(language, IMAGE_NOT_PRESERVED["en"])
        body = f'<span class="caption-note">{markdown_text(note)}.</span> {body}'
    attrs = block_attributes(block, *classes)
    return body + ("\n" + attrs if attrs else "")


def front_matter(article: Article) -> str:
    meta = article.meta
    data = {
        "title": meta.title or (article.headline.text if article.headline else None) or meta.slug,
        "lang": meta.language,
        "slug": meta.slug,
        "kind": meta.kind,
        "authors": list(meta.authors),
        "publication": meta.publication,
        "date": meta.date,
        "url": meta.url,
        "rights": meta.rights,
        "source": article.source.path,
        "source_sha256": article.source.sha256,
        "metadata": meta.path,
    }
    if meta.subtitle:
        data["subtitle"] = meta.subtitle
    if meta.series:
        data["series"] = meta.series
    keywords = list(meta.keywords or article.keywords)
    if keywords:
        data["keywords"] = keywords
    return yaml.safe_dump(front_matter_values(data), allow_unicode=True, sort_keys=False, width=1000)


def facts_line(article: Article) -> str:
    """The provenance line under the headline: publication, date, original URL."""
    meta = article.meta
    lang = meta.language
    unknown = UNKNOWN.get(lang, UNKNOWN["en"])
    labels = {"vi": ("Nguồn", "Ngày", "Bản gốc"), "en": ("Publication", "Date", "Original")}[lang]
    url = f"[{markdown_text(meta.url)}](<{quote(meta.url, safe=':/?#[]@!$&*+,;=%~')}>)" if meta.url else unknown
    values = (markdown_text(meta.publication) if meta.publication else unknown,
              markdown_text(meta.date) if meta.date else unknown, url)
    items = " · ".join(f"{label}: {value}" for label, value in zip(labels, values))
    return items + "\n{: .edition-facts }"


def render_article(article: Article, report_href: str) -> str:
    """The Markdown page of ``article`` (without the generated-file stamp)."""
    lang = article.meta.language
    parts: list[str] = []
    if article.headline is not None:
        parts.append(render_block(article.headline, lang))
    else:
        title = article.meta.title or article.meta.slug
        parts.append("# " + markdown_text(title))
    if article.byline is not None:
        parts.append(render_inlines(article.byline.inlines) + "\n" + block_attributes(article.byline, "byline"))
    parts.append(facts_line(article))
    if article.lede is not None:
        parts.append(render_inlines(article.lede.inlines) + "\n" + block_attributes(article.lede, "lede"))
    for block in article.blocks:
        parts.append(render_block(block, lang))
    removed = {"vi": "Những dòng bộ làm sạch đã bỏ", "en": "Lines the cleaner removed"}[lang]
    parts.append(f"[{removed}]({report_href})\n{{: .edition-report-link }}")
    for note in article.footnotes:
        parts.append(render_footnote(note))
    return "---\n" + front_matter(article) + "---\n\n" + "\n\n".join(parts) + "\n"


def render_footnote(note: Footnote) -> str:
    return f"[^{note_id(note.note_label)}]: {render_inlines(note.inlines)}"
