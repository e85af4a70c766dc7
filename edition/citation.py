"""Citation data for an article: CSL-JSON, schema.org JSON-LD and a formatted citation.

Only what the metadata states is used; an unknown author, date or publication is left
out, never guessed. The page template prints these (Highwire ``citation_*`` meta
tags, JSON-LD), and docs/javascripts/edition.js builds the BibTeX and CSL-JSON
downloads and the per-paragraph citation from the same CSL item.
"""

from __future__ import annotations

from .metadata import ArticleMeta

CSL_TYPES = {"pdf": "article-journal", "web": "article-newspaper"}
SCHEMA_TYPES = {"pdf": "ScholarlyArticle", "web": "NewsArticle"}


def date_parts(date: str | None) -> list[int] | None:
    return [int(p) for p in date.split("-")] if date else None


def csl_item(meta: ArticleMeta, title: str) -> dict:
    item: dict = {"id": meta.slug, "type": CSL_TYPES.get(meta.kind, "article"), "title": title,
                  "language": meta.language}
    if meta.authors:
        item["author"] = [{"literal": name} for name in meta.authors]
    if meta.publication:
        item["container-title"] = meta.publication
    if meta.date:
        item["issued"] = {"date-parts": [date_parts(meta.date)]}
    if meta.url:
        item["URL"] = meta.url
    return item


def json_ld(meta: ArticleMeta, title: str) -> dict:
    data: dict = {"@context": "https://schema.org", "@type": SCHEMA_TYPES.get(meta.kind, "Article"),
                  "headline": title, "inLanguage": meta.language}
    if meta.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in meta.authors]
    if meta.date:
        data["datePublished"] = meta.date
    if meta.publication:
        data["publisher"] = {"@type": "Organization", "name": meta.publication}
    if meta.url:
        data["isBasedOn"] = meta.url
    if meta.rights:
        data["copyrightNotice"] = meta.rights
    return data


def formatted_citation(meta: ArticleMeta, title: str) -> str:
    """A Chicago-style note citation without the edition's URL (the page adds it)."""
    parts = []
    if meta.authors:
        parts.append(", ".join(meta.authors) + ".")
    parts.append(f"“{title}.”")
    venue = ", ".join(p for p in (meta.publication, meta.date) if p)
    if venue:
        parts.append(venue + ".")
    if meta.url:
        parts.append(meta.url + ".")
    return " ".join(parts)
