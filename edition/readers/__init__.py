"""Readers: one per kind of source, registered by name (Pelican's habit).

A reader is a function ``read(source: RawSource, meta: ArticleMeta) -> Article``.
It must account for every line of the source: each line is in a block's ``lines``
span, in ``Article.drops`` with the rule that dropped it, or (without text) in
``Article.blank_lines``.
"""

from __future__ import annotations

from typing import Callable

from ..metadata import ArticleMeta
from ..model import Article
from ..source import RawSource
from . import pdf, web

Reader = Callable[[RawSource, ArticleMeta], Article]

READERS: dict[str, Reader] = {
    "web": web.read,
    "pdf": pdf.read,
}
