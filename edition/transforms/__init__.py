"""Transforms: named passes over an Article, in a fixed order.

Each pass is ``run(article, context) -> article`` and returns a new Article; each
is testable alone. The order matters:

| order | name     | why here                                                        |
| ----- | -------- | --------------------------------------------------------------- |
| 10    | headings | heading ids first: later passes and the glossary link to them   |
| 20    | notes    | warns about footnotes whose marker the reader did not find      |
| 30    | glossary | terms marked up in body, captions and footnotes                 |
| 40    | citations| bracketed references linked to the reference list, if any       |
| 50    | anchors  | paragraph anchors on the final block structure                  |
| 60    | editorial| editor's notes and corrections, keyed to the anchors            |

Only the anchor pass may keep state between builds (its lock file under sources/).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

from ..glossary import Glossary
from ..model import Article
from . import anchors, citations, editorial, glossary, headings, notes


@dataclass
class BuildContext:
    root: Path
    glossary: Glossary = field(default_factory=Glossary)
    warnings: list[str] = field(default_factory=list)
    # Bytes of the article's own files already read to work out its cache key, by path
    # (None: found absent), so that it is built from exactly the bytes its key describes
    # and no file is read twice (see articles.build_chunk_in_worker). Empty: read from disk.
    inputs: Mapping[str, bytes | None] = field(default_factory=dict)

    def warn(self, message: str) -> None:
        self.warnings.append(message)


Pass = Callable[[Article, BuildContext], Article]

PASSES: list[tuple[int, str, Pass]] = sorted([
    (10, "headings", headings.run),
    (20, "notes", notes.run),
    (30, "glossary", glossary.run),
    (40, "citations", citations.run),
    (50, "anchors", anchors.run),
    (60, "editorial", editorial.run),
])


def apply_all(article: Article, context: BuildContext) -> Article:
    for _order, _name, run in PASSES:
        article = run(article, context)
    return article
