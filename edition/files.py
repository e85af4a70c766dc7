"""Files: listing one folder in a stable order, writing a file atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def by_name(path: Path) -> str:
    """Sort key for files of one folder: their names. Sorting Path objects themselves
    compares them in Python, part by part (0.2 s for the 3,000 files of a 1,000-article
    sources/ folder); for one folder the order is the same."""
    return path.name


def write_atomically(target: Path, data: bytes | str) -> None:
    """Replace ``target`` in one step (a temporary file, then a rename): never half-written.

    Text is written as UTF-8 with its line ends as they are.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
