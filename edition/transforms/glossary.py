"""Glossary linking (placeholder until the glossary issue lands): returns the article unchanged."""

from __future__ import annotations

from ..model import Article


def run(article: Article, context) -> Article:
    return article
