"""The writer: an Article to Markdown for MkDocs and Material.

Structure comes from the model, never from the text: every piece of source text
goes through ``escape.markdown_text``. Paragraph-level attributes use attr_list on
the line after the block (``{: #p-3 .lede }``); footnotes use the footnotes
extension, so the theme's footnote tooltips work.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable
from urllib.parse import quote

from .citation import csl_item, formatted_citation, json_ld
from .escape import front_matter_values, html_attribute, markdown_text
from .model import (Article, Block, Caption, Citation, Editorial, EditorNote, Footnote, Heading, Inline,
                    Link, NoteRef, Term, Text)
from .yaml_writer import dump_block_yaml

FRONT_MATTER_WIDTH = 1000  # PyYAML folds a front-matter string at a space past this column

UNKNOWN = {"vi": "không rõ", "en": "unknown"}
IMAGE_NOT_PRESERVED = {"vi": "Ảnh không được lưu giữ trong ấn bản", "en": "Image not preserved in this edition"}
SAFE_URL_SCHEMES = ("http://", "https://")
GLOSSARY_HREF = "../glossary.md"


def render_term(item: Term, linked: set[str] | None) -> str:
    """An abbreviation with its expansion on hover, focus and tap.

    The first occurrence of a term in each section (``linked`` is that section's set)
    links to its glossary entry; later ones are focusable abbreviations, so that a
    paragraph full of CSĐN is not a row of tab stops and links.
    """
    first, later = term_markup(item.text, item.term_id, item.expansion)
    if linked is None or item.term_id not in linked:
        if linked is not None:
            linked.add(item.term_id)
        return first
    return later


@lru_cache(maxsize=1024)
def term_markup(text: str, term_id: str, expansion: str) -> tuple[str, str]:
    """A term's markup where it links to the glossary, and where it does not.

    Cached: terms come from the glossary, a closed set of forms (39 in the 1,000-article
    bench edition, for 20,000 uses), so nearly every call would escape the same words again.
    """
    abbr = f'<abbr title="{html_attribute(expansion)}" data-pagefind-index-attrs="title"'
    text = markdown_text(text)
    return (f"[{abbr}>{text}</abbr>]({GLOSSARY_HREF}#{term_id}){{: .term }}",
            f'{abbr} class="term" tabindex="0">{text}</abbr>')


EDITOR = {"vi": "Ghi chú của biên tập viên", "en": "Editor's note"}
REFERENCES = {"vi": "Tài liệu tham khảo", "en": "References"}


def render_citation(item: Citation) -> str:
    """A bracketed reference, kept verbatim; a link to the reference list when there is one."""
    keys = html_attribute(" ".join(item.keys))
    if item.href:
        return f'<a class="citation" href="{html_attribute(item.href)}" data-cites="{keys}">{markdown_text(item.text)}</a>'
    return f'<span class="citation" data-cites="{keys}">{markdown_text(item.text)}</span>'


def references_section(article: Article) -> str | None:
    refs = article.meta.references
    if not refs:
        return None
    title = REFERENCES.get(article.meta.language, REFERENCES["en"])
    items = []
    for ref in refs:
        link = f" [{markdown_text(ref.url)}](<{quote(ref.url, safe=':/?#[]@!$&*+,;=%~')}>)" if ref.url else ""
        items.append(f"\\[{markdown_text(ref.id)}\\] {markdown_text(ref.text)}{link}\n{{: #ref-{ref.id} .edition-reference }}")
    return f"## {title} {{ #references }}\n\n" + "\n\n".join(items)


def render_editorial(item: Editorial) -> str:
    """The editor's marks, always distinguishable from the author's text."""
    if item.kind == "sic":
        return ' <span class="edition-editorial edition-sic" title="nguyên văn (sic)">[<em>sic</em>]</span>'
    if item.kind == "supplied":
        return (f'<span class="edition-editorial edition-supplied" title="chữ do biên tập viên thêm">'
                f"[{markdown_text(item.text)}]</span>")
    return (f'<mark class="edition-noted">{markdown_text(item.text)}</mark>'
            f'<sup class="edition-editorial"><a href="#ed-{item.number}">[bt. {item.number}]</a></sup>')


def render_editor_note(note: EditorNote, language: str) -> str:
    label = EDITOR.get(language, EDITOR["en"])
    return (f'<aside class="edition-editor-note" id="ed-{note.number}" role="note" markdown="span">'
            f'<strong>{label} {note.number}</strong> (về <a href="#{html_attribute(note.target)}">'
            f'¶ {html_attribute(note.target[2:])}</a>): {render_inlines(note.inlines)}</aside>')


def render_inline(item: Inline, linked: set[str] | None = None) -> str:
    # The most frequent kinds first (text, then terms); the kinds are unrelated classes.
    if isinstance(item, Text):
        return markdown_text(item.text)
    if isinstance(item, Term):
        return render_term(item, linked)
    if isinstance(item, Citation):
        return render_citation(item)
    if isinstance(item, NoteRef):
        return f"[^{note_id(item.label)}]"
    if isinstance(item, Editorial):
        return render_editorial(item)
    if isinstance(item, Link):
        if not item.url.startswith(SAFE_URL_SCHEMES):
            return markdown_text(item.text or item.url)
        url = quote(item.url, safe=":/?#[]@!$&'*+,;=%~")
        return f"[{markdown_text(item.text)}](<{url}>)"
    raise TypeError(f"unknown inline {item!r}")


def render_inlines(inlines: Iterable[Inline], linked: set[str] | None = None) -> str:
    text = "".join([render_inline(i, linked) for i in inlines])
    return text.strip()


def note_id(label: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in label)


CITE_LABEL = {"vi": "Trích dẫn đoạn", "en": "Cite paragraph"}


def anchor_markup(block: Block, language: str) -> str:
    """Retired anchors that resolve here, and the ¶ control that copies a citation."""
    spans = "".join([f'<span id="{html_attribute(a.anchor)}" class="edition-retired" '
                     f'data-label="{html_attribute(a.label)}" data-status="{html_attribute(a.status)}"></span>'
                     for a in block.aliases]) if block.aliases else ""
    if not block.anchor or not block.label:
        return spans
    return spans + cite_button(block.anchor, block.label, language)


# cite_button and attribute_list are cached: a paragraph's anchor and label are its number
# (p-12, 12), the same few hundred in every article, and building their markup was a
# tenth of the writer's time. In the 1,000-article bench edition: 20,000 buttons, 68
# distinct; 23,000 attribute lists, 1,600 distinct (a heading's anchor is its own slug).


@lru_cache(maxsize=4096)
def cite_button(anchor: str, label: str, language: str) -> str:
    label = html_attribute(label)
    name = CITE_LABEL.get(language, CITE_LABEL["en"])
    return (f'<button type="button" class="edition-cite" data-anchor="{html_attribute(anchor)}" '
            f'data-label="{label}" aria-label="{name} {label}" data-pagefind-ignore>¶ {label}</button> ')


def block_attributes(block: Block, *classes: str) -> str:
    return attribute_list(block.anchor, classes, block.label, block.lang)


@lru_cache(maxsize=4096)
def attribute_list(anchor: str | None, classes: tuple[str, ...], label: str | None, lang: str | None) -> str:
    """attr_list's ``{: #p-3 .lede data-label="3" }`` for a block; empty when it has none."""
    parts = []
    if anchor:
        parts.append(f"#{anchor}")
    parts.extend(f".{c}" for c in classes)
    if label:
        parts.append(f'data-label="{html_attribute(label)}"')
    if lang:
        parts.append(f'lang="{html_attribute(lang)}"')
    return "{: " + " ".join(parts) + " }" if parts else ""


def render_block(block: Block, language: str, linked: set[str] | None = None) -> str:
    if isinstance(block, EditorNote):
        return render_editor_note(block, language)
    if isinstance(block, Heading):
        attrs = block_attributes(block)
        retired = anchor_markup(block, language)
        heading = "#" * block.level + " " + render_inlines(block.inlines) + (" " + attrs if attrs else "")
        return f"<p class=\"edition-retired-holder\">{retired}</p>\n\n{heading}" if retired else heading
    classes: tuple[str, ...] = ()
    body = anchor_markup(block, language) + render_inlines(block.inlines, linked)
    if isinstance(block, Caption):
        classes = ("caption",)
        note = IMAGE_NOT_PRESERVED.get(language, IMAGE_NOT_PRESERVED["en"])
        body = f'<span class="caption-note">{markdown_text(note)}.</span> {body}'
    attrs = block_attributes(block, *classes)
    return body + ("\n" + attrs if attrs else "")


UNTITLED = {"vi": "[Bài không rõ tên]", "en": "[Untitled]"}


def article_title(article: Article) -> str:
    """The recorded title, else the headline; else an editorial placeholder, in square
    brackets as supplied titles are, followed by the author's own keywords."""
    if article.meta.title:
        return article.meta.title
    if article.headline is not None:
        return article.headline.text
    placeholder = UNTITLED.get(article.meta.language, UNTITLED["en"])
    keywords = article.meta.keywords or article.keywords
    return f"{placeholder} {', '.join(keywords)}" if keywords else placeholder


def front_matter(article: Article) -> str:
    meta = article.meta
    data = {
        # The theme prints page.meta.title unescaped: front_matter_values escapes it;
        # the citation tags use the raw title from `csl`.
        "title": article_title(article),
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
    data["csl"] = csl_item(meta, article_title(article))  # read by the template and edition.js
    data["jsonld"] = json_ld(meta, article_title(article))
    return dump_block_yaml(front_matter_values(data), width=FRONT_MATTER_WIDTH)


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
        parts.append("# " + markdown_text(article_title(article)))
    if article.byline is not None:
        parts.append(render_inlines(article.byline.inlines) + "\n" + block_attributes(article.byline, "byline"))
    parts.append(facts_line(article))
    linked: set[str] = set()  # terms already linked in the current section
    if article.lede is not None:
        parts.append(anchor_markup(article.lede, lang) + render_inlines(article.lede.inlines, linked) + "\n"
                     + block_attributes(article.lede, "lede"))
    keywords = article.meta.keywords or article.keywords
    if keywords:
        label = {"vi": "Từ khoá", "en": "Keywords"}.get(lang, "Keywords")
        parts.append(f"**{label}:** " + ", ".join(markdown_text(k) for k in keywords) + "\n{: .edition-keywords }")
    for block in article.blocks:
        if isinstance(block, Heading):
            linked = set()
        parts.append(render_block(block, lang, linked))
    references = references_section(article)
    if references:
        parts.append(references)
    unplaced = article.unplaced_footnotes()
    if unplaced:
        parts.append(render_unplaced_notes(unplaced, lang))
    parts.append(provenance_section(article, report_href))
    unplaced_labels = {note.note_label for note in unplaced}  # unplaced: no marker names the label
    parts.extend(render_footnote(note, lang) for note in article.footnotes if note.note_label not in unplaced_labels)
    # One join rather than a chain of +, which copies the whole page (25 KB) at each step.
    return "".join(("---\n", front_matter(article), "---\n\n", "\n\n".join(parts), "\n"))


def render_footnote(note: Footnote, language: str = "vi") -> str:
    """A footnote; its anchor is a span (attr_list does not reach inside footnotes)."""
    anchor = f'<span id="{html_attribute(note.anchor)}"></span>' if note.anchor else ""
    return f"[^{note_id(note.note_label)}]: {anchor}{anchor_markup(note, language)}{render_inlines(note.inlines, set())}"


UNPLACED_TITLE = {
    "vi": "Chú thích chưa xác định được vị trí trong văn bản",
    "en": "Notes whose place in the text was not found",
}


def render_unplaced_notes(notes: tuple[Footnote, ...], language: str) -> str:
    """The author's notes whose marker the reader did not find, after the text, with their numbers.

    As Markdown footnotes they would have a back-link to a marker that does not exist.
    Each keeps the id a placed note has (fn:N), which the glossary page links to.
    """
    title = UNPLACED_TITLE.get(language, UNPLACED_TITLE["en"])
    parts = [f"**{title}**\n{{: .edition-unplaced-title }}"]
    for note in notes:
        anchor = f'<span id="{html_attribute(note.anchor)}"></span>' if note.anchor else ""
        parts.append(f'{anchor}{anchor_markup(note, language)}<sup>{html_attribute(note.note_label)}</sup> '
                     f"{render_inlines(note.inlines, set())}\n{{: #fn:{note_id(note.note_label)} .edition-unplaced-note }}")
    return "\n\n".join(parts)


PROVENANCE_LABELS = {
    "vi": {"heading": "Nguồn gốc văn bản", "url": "Bản gốc", "publication": "Nơi đăng", "date": "Ngày đăng",
           "source": "Tệp nguồn", "removed": "Bộ làm sạch đã bỏ", "lines": "dòng", "report": "xem báo cáo làm sạch",
           "rights": "Quyền", "note": "Ghi chú biên tập", "cite": "Trích dẫn"},
    "en": {"heading": "Provenance", "url": "Original", "publication": "Publication", "date": "Date",
           "source": "Source file", "removed": "The cleaner removed", "lines": "lines", "report": "see the cleaning report",
           "rights": "Rights", "note": "Editor's note", "cite": "Cite as"},
}


def provenance_section(article: Article, report_href: str) -> str:
    """Where the text came from and what the cleaner removed, at the end of every article."""
    meta = article.meta
    labels = PROVENANCE_LABELS.get(meta.language, PROVENANCE_LABELS["en"])
    unknown = "*" + UNKNOWN.get(meta.language, UNKNOWN["en"]) + "*"

    def fact(value: str | None) -> str:
        return markdown_text(value) if value else unknown

    url = f"[{markdown_text(meta.url)}](<{quote(meta.url, safe=':/?#[]@!$&*+,;=%~')}>)" if meta.url else unknown
    removed = len(article.drops)  # blank lines are not counted: they are in article.blank_lines
    items = [
        f"{labels['url']}: {url}",
        f"{labels['publication']}: {fact(meta.publication)}",
        f"{labels['date']}: {fact(meta.date)}",
        f"{labels['source']}: `{article.source.path}` (sha256 `{article.source.sha256[:12]}`)",
        f"{labels['removed']}: {removed} {labels['lines']} ([{labels['report']}]({report_href}))",
        f"{labels['rights']}: {fact(meta.rights)}",
    ]
    if meta.note:
        items.append(f"{labels['note']}: {fact(meta.note)}")
    citation = markdown_text(formatted_citation(meta, article_title(article)))
    items.append(f"{labels['cite']}: <span class=\"edition-citation\">{citation}</span> "
                 f"<button type=\"button\" class=\"edition-download\" data-format=\"bibtex\">BibTeX</button> "
                 f"<button type=\"button\" class=\"edition-download\" data-format=\"csl\">CSL-JSON</button>")
    body = "\n".join(f"- {item}" for item in items)
    return (f'<section class="edition-provenance" markdown>\n\n## {labels["heading"]} {{ #provenance }}\n\n'
            f"{body}\n\n</section>")
