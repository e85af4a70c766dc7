"""Raw sources: decoding bytes into lines the readers work on.

Sources stay byte for byte as collected; everything here happens in memory. Lines
are split on \\n, \\r\\n and \\r only, so line numbers match what an editor's text
editor shows, and text is NFC-normalised so that Vietnamese typed in NFD reads the
same as NFC. Control characters, zero-width spaces and stray BOMs are removed from
every line (see INVISIBLE) so they never reach the HTML; UTF-16 without a BOM is
recognised; a binary file, an empty file or legacy 8-bit text is refused with the
line, the likely encoding and the iconv command that converts it.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import EditionError
from .model import SourceFile

log = logging.getLogger(__name__)

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


# A NUL byte never occurs in UTF-8 text; in UTF-16 without a byte-order mark every
# other byte of Latin/Vietnamese text is NUL. Above this share of NULs in the odd (or
# even) positions the file is read as UTF-16; any other NUL means a binary file.
UTF16_NUL_SHARE = 0.3
# Bytes that Windows-1258 uses for Vietnamese letters and combining tone marks
# (ă â đ ơ ư and the five tones); seeing them makes 1258 the likelier guess than 1252.
CP1258_VIETNAMESE_BYTES = frozenset(b"\xe3\xc3\xe2\xc2\xf0\xd0\xf5\xd5\xfd\xdd\xcc\xde\xd2\xec\xf2")
BINARY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")  # never in text that merely looks like UTF-16
# Characters removed from every line: C0 and C1 controls except tab (tabs are white
# space the readers collapse), zero-width space, word joiner, and a stray BOM.
# Zero-width (non-)joiners U+200C/U+200D are kept: they shape some scripts and emoji.
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2060\ufeff]")


def decode_source(data: bytes, shown_as: str) -> str:
    """Bytes to text: UTF-8 (BOM allowed) or UTF-16 (BOM, or detected); anything else is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_utf16(data, "utf-16", shown_as)
    if b"\x00" in data:
        encoding = utf16_without_bom(data)
        text = _decode_utf16(data, encoding, shown_as) if encoding else None
        if text is None or BINARY_CONTROLS.search(text):
            line = data[: data.index(b"\x00")].count(b"\n") + 1
            raise EditionError.at(shown_as, "is a binary file, not text (it contains NUL bytes)", line,
                                  hint="put the plain-text version of the article in sources/ "
                                       "(for a PDF: the extracted text), not the original file")
        return text
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise not_utf8(data, err.start, shown_as) from None


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when NULs sit in every other byte, else None."""
    pairs = max(len(data) // 2, 1)
    odd, even = data[1::2].count(0) / pairs, data[0::2].count(0) / pairs
    if len(data) % 2 == 0 and odd >= UTF16_NUL_SHARE and even == 0:
        return "utf-16-le"
    if len(data) % 2 == 0 and even >= UTF16_NUL_SHARE and odd == 0:
        return "utf-16-be"
    return None


def _decode_utf16(data: bytes, encoding: str, shown_as: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise EditionError.at(shown_as, f"looks like UTF-16 text but is not valid {encoding.upper()}",
                              hint=f"re-save the file as UTF-8 (iconv -f {encoding.upper()} -t UTF-8)") from None


def likely_encoding(data: bytes) -> str:
    """The likelier legacy Windows code page of non-UTF-8 text."""
    high = [b for b in data if b >= 0x80]
    vietnamese = sum(1 for b in high if b in CP1258_VIETNAMESE_BYTES)
    return "WINDOWS-1258" if high and vietnamese * 2 >= len(high) else "WINDOWS-1252"


def not_utf8(data: bytes, offset: int, shown_as: str) -> EditionError:
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data[:offset].count(b"\n") + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    encoding = likely_encoding(data)
    original = shown_as.rsplit("/", 1)[-1] + ".original"
    return EditionError.at(
        shown_as, f"is not UTF-8 text (byte 0x{data[offset]:02x}); it is probably {encoding}", line, column,
        hint=f"convert it to UTF-8 and keep the original outside sources/: "
             f"mv {shown_as} {original} && iconv -f {encoding} -t UTF-8 {original} > {shown_as}")


def split_lines(text: str, has_invisible: bool | None = None) -> tuple[str, ...]:
    """The lines of ``text``, without invisible characters, in NFC.

    ``has_invisible``: whether INVISIBLE matches in ``text``, when the caller knows.

    Lines are split first (removing a NUL from "\r\x00\n" must not make one line end
    of two), then cleaned only when the text needs it: NFC never crosses a line end
    (line ends are starters that compose with nothing), so one check of the whole
    text tells whether any line needs normalising.
    """
    lines = LINE_BREAK.split(text) if "\r" in text else text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # a final line end does not start another line
    if has_invisible is None:
        has_invisible = INVISIBLE.search(text) is not None
    if has_invisible:
        lines = [INVISIBLE.sub("", line) for line in lines]
        text = "\n".join(lines)  # what the NFC check below needs: the cleaned lines
    if not unicodedata.is_normalized("NFC", text):
        lines = [unicodedata.normalize("NFC", line) for line in lines]
    return tuple(lines)


def log_invisible(text: str, shown_as: str) -> bool:
    """Say where control and zero-width characters were removed (first line, count);
    whether there were any."""
    match = INVISIBLE.search(text)
    if match:
        line = len(LINE_BREAK.findall(text, 0, match.start())) + 1
        log.info("%s: removed %d control or zero-width character(s), the first on line %d (U+%04X)",
                 shown_as, len(INVISIBLE.findall(text)), line, ord(match.group()))
    return match is not None


def read_source(path: Path, shown_as: str, data: bytes | None = None) -> RawSource:
    """The source file at ``path``; ``data``: its bytes, when already read."""
    if data is None:
        data = path.read_bytes()
    text = decode_source(data, shown_as)
    lines = split_lines(text, has_invisible=log_invisible(text, shown_as))
    if not any(line.strip() for line in lines):
        raise EditionError.at(shown_as, "is empty (no text in it)", 1,
                              hint="put the article's text in this file, or remove the source and its "
                                   "metadata file")
    file = SourceFile(shown_as, hashlib.sha256(data).hexdigest(), len(lines))
    return RawSource(file, lines)
