"""Errors the editor can act on: each names the file, the line and what to do.

Library code raises ``EditionError`` (one problem) or ``EditionErrors`` (several,
collected so that one bad file does not hide the others). The CLI prints them and
exits with status 2; nothing else in the engine prints.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    line: int | None = None
    column: int | None = None
    hint: str = ""

    def location(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        text = f"{self.location()}: {self.message}"
        if self.hint:
            text += f"\n  what to do: {self.hint}"
        return text


class EditionError(Exception):
    """Bad input, reported to the editor; the build stops with exit status 2."""

    def __init__(self, problems: Problem | list[Problem]):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, path: str, message: str, line: int | None = None,
           column: int | None = None, hint: str = "") -> "EditionError":
        return cls(Problem(path, message, line, column, hint))


class ProblemCollector:
    """Collects problems from many files, then raises them all at once."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def capture(self, error: EditionError) -> None:
        self.problems.extend(error.problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise EditionError(self.problems)
