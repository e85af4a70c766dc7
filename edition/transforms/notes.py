"""Footnotes without a marker: warn the editor, who can check the source at that note.

A reader that finds a footnote's text but not its marker in the body keeps the note
(nothing is lost); the writer shows it after the article with its number, because a
Markdown footnote would link back to a marker that does not exist. This pass only
warns; it returns the article unchanged.
"""

from __future__ import annotations

from ..model import Article


def run(article: Article, context) -> Article:
    for note in article.unplaced_footnotes():
        context.warn(f"{article.source.path}:{note.lines.first}: footnote {note.note_label}: its marker was not "
                     f"found in the text; the note is shown after the article. Check the text around the marker "
                     f"in the source (a marker split from its word, or a missing number)")
    return article
