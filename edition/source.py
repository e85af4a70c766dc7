"""Raw sources: decoding bytes into lines the readers work on.

Sources stay byte for byte as collected; everything here happens in memory. Lines
are split on \\n, \\r\\n and \\r only, so line numbers match what an editor's text
editor shows, and text is NFC-normalised so that Vietnamese typed in NFD reads the
same as NFC.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import EditionError
from .model import SourceFile

LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class RawSource:
    file: SourceFile
    lines: tuple[str, ...]  # NFC text of each line, without line ends; index 0 is line 1

    @property
    def path(self) -> str:
        return self.file.path

    def line(self, number: int) -> str:
        return self.lines[number - 1]


def decode_source(data: bytes, shown_as: str) -> str:
    """Bytes to text: UTF-8 (BOM allowed) or UTF-16 with a BOM; anything else is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise EditionError.at(shown_as, "starts with a UTF-16 byte-order mark but is not valid UTF-16",
                                  hint="re-save the file as UTF-8") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise EditionError.at(
            shown_as, f"is not UTF-8 text (byte 0x{data[err.start]:02x} at offset {err.start})", line,
            hint="convert the file to UTF-8 (for example: iconv -f WINDOWS-1258 -t UTF-8); "
                 "keep the original beside it if you need it") from None


def split_lines(text: str) -> tuple[str, ...]:
    lines = LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()  # a final line end does not start another line
    return tuple(unicodedata.normalize("NFC", line) for line in lines)


def read_source(path: Path, shown_as: str) -> RawSource:
    data = path.read_bytes()
    text = decode_source(data, shown_as)
    lines = split_lines(text)
    file = SourceFile(shown_as, hashlib.sha256(data).hexdigest(), len(lines))
    return RawSource(file, lines)
