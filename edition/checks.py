"""Checks that ``python build.py check`` runs after a successful generation.

Each check is ``run(edition, result) -> list[str]``: findings to report. Findings
that are warnings make ``check`` exit 1. Add a check by appending it to CHECKS.
"""

from __future__ import annotations

from typing import Callable

Check = Callable[[object, object], list[str]]

def _glossary_coverage(edition, result) -> list[str]:
    from .glossary_coverage import check
    return check(edition, result)


def _unresolved_citations(edition, result) -> list[str]:
    """Cited numbers missing from a reference list. Without a list, citations are plain by
    design (the About page says why): that is reported as information, not as a warning."""
    import logging

    from .model import Citation
    from .transforms.citations import unresolved

    findings = []
    for article in result.articles:
        missing = unresolved(article)
        if missing:
            findings.append(f"warning: {article.meta.path}: citations [{'], ['.join(missing)}] have no entry in "
                            f"'references:'; add them there")
        elif not article.meta.references:
            count = sum(1 for b in article.all_blocks() for i in b.inlines if isinstance(i, Citation))
            if count:
                logging.getLogger("edition").info("%s: %d citation(s) stay plain: no reference list in %s",
                                                  article.slug, count, article.meta.path)
    return findings


CHECKS: list[tuple[str, Check]] = [
    ("glossary coverage", _glossary_coverage),
    ("unresolved citations", _unresolved_citations),
]


def run_all(edition, result) -> list[str]:
    findings: list[str] = []
    for _name, check in CHECKS:
        findings.extend(check(edition, result))
    return findings
