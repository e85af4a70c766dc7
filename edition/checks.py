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


CHECKS: list[tuple[str, Check]] = [
    ("glossary coverage", _glossary_coverage),
]


def run_all(edition, result) -> list[str]:
    findings: list[str] = []
    for _name, check in CHECKS:
        findings.extend(check(edition, result))
    return findings
