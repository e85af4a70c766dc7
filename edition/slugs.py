"""Readable ASCII ids from Vietnamese and English text (pymdown-extensions' habit).

``slugify("Đối ngoại quốc phòng")`` gives ``doi-ngoai-quoc-phong``: đ/Đ fold to d
before the other marks are stripped, which the default toc slugify gets wrong.
"""

from __future__ import annotations

import re
import unicodedata

NON_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lowercase ASCII letters and digits: diacritics removed, đ to d."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slugify(text: str, max_words: int = 12) -> str:
    words = [w for w in NON_WORD.split(fold(text)) if w]
    return "-".join(words[:max_words])
