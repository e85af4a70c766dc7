"""Footnotes and citations of a PDF-extracted paper.

* Footnote bodies: numbered lines in the footnote areas, joined (a URL broken over a
  line end is rejoined without a space); URLs the extractor repeats on lines of their
  own are dropped, the note keeps one copy, as a link.
* Markers: footnote n's marker is the first candidate for n in the body, in order,
  on or before the page holding its body. Glued markers ('trước đây1.', 'giới”2.',
  'Xayaburi6') are preferred to spaced ones ('Việt Nam 10.'); a number after a word
  such as 'năm', 'tháng', 'số' or 'lần thứ', or inside brackets, is never a marker.
* Citations: bracketed references ([10, tr.21], [16]) become Citation inlines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Citation, DroppedLine, Footnote, Inline, LineSpan, Link, NoteRef, Text
from .common import collapse_spaces
from .pdf_layout import FOOTNOTE_START, BodyLine, NoteLine

URL = re.compile(r"https?://[^\s<>\"”]+")
URL_TRAILING = ".,;:)]"
RULE_REPEATED_URL = "repeated-url"
NUMBER_WORDS = {"năm", "tháng", "ngày", "số", "thứ", "khóa", "khoá", "lần", "kỳ", "điều", "khoản", "chương",
                "phần", "mục", "tr.", "trang", "quý", "giai", "đoạn", "p.", "pp.", "vol.", "no.", "page", "the",
                "of", "in", "to", "and"}
CITATION = re.compile(r"\[(\d+(?:\s*[;,]\s*\d+)*)(?:\s*,\s*(?:tr|trang|p|pp)\.?\s*[\d\-–,\s]+)?\]")
CITATION_KEY_SEPARATOR = re.compile(r"[;,]")


@dataclass
class NoteBody:
    label: str
    lines: list[int]
    page: int
    text: str


def join_note_lines(parts: list[str]) -> str:
    pieces: list[str] = []
    for part in parts:
        last = pieces[-1] if pieces else ""
        if last and last.endswith(("-", "/", "_", "=")) and URL.search(last.rsplit(" ", 1)[-1]):
            pieces[-1] = last + part  # a URL broken over a line end
        elif part or not pieces:
            pieces.append(part)
    return collapse_spaces(" ".join(pieces)).strip()


def collect_notes(notes: list[NoteLine]) -> tuple[list[NoteBody], list[DroppedLine]]:
    bodies: list[NoteBody] = []
    parts: list[list[str]] = []
    drops: list[DroppedLine] = []
    for line in notes:
        match = FOOTNOTE_START.match(line.text)
        if match and int(match.group(1)) == len(bodies) + 1:
            bodies.append(NoteBody(match.group(1), [line.number], line.page, ""))
            parts.append([line.text[match.end():].strip()])
            continue
        if not bodies:
            drops.append(DroppedLine(line.number, line.text, "stray-note-line", "text in a footnote area before any note"))
            continue
        if URL.fullmatch(line.text.strip()) and \
                _url_core(line.text) in _url_core(join_note_lines(parts[-1])).replace(" ", ""):
            drops.append(DroppedLine(line.number, line.text, RULE_REPEATED_URL,
                                     f"URL repeated by the extractor after note {bodies[-1].label}"))
            bodies[-1].lines.append(line.number)
            continue
        parts[-1].append(line.text)
        bodies[-1].lines.append(line.number)
    for body, texts in zip(bodies, parts):
        body.text = join_note_lines(texts)
    return bodies, drops


def _url_core(text: str) -> str:
    return text.strip().rstrip(URL_TRAILING)


def note_inlines(text: str) -> tuple[Inline, ...]:
    """A note's text with its URLs as links."""
    out: list[Inline] = []
    position = 0
    for match in URL.finditer(text):
        url = match.group().rstrip(URL_TRAILING)
        if match.start() > position:
            out.append(Text(text[position:match.start()]))
        out.append(Link(url, url))
        position = match.start() + len(url)
    if position < len(text):
        out.append(Text(text[position:]))
    return tuple(out)


def footnote_blocks(bodies: list[NoteBody]) -> tuple[Footnote, ...]:
    return tuple(Footnote(note_inlines(b.text), LineSpan(min(b.lines), max(b.lines)), note_label=b.label)
                 for b in bodies)


def marker_candidates(text: str, label: str) -> list[tuple[int, bool]]:
    """Positions where ``label`` may be a footnote marker in ``text``: (start, glued)."""
    if label not in text:
        return []  # most lines, and no pattern to look up or compile
    found = []
    for match in re.finditer(rf"(?<!\d){label}(?!\d)", text):
        start, end = match.start(), match.end()
        before, after = text[:start], text[end:end + 2]
        if after[:1] not in ("", " ", ".", ",", ";", ":", ")") or after[:2] in (",0", ".0") or \
                re.match(r"[.,]\d", after):
            continue
        if not before or before[-1:] == "[" or re.search(r"\[[^\]]*$", before):
            continue  # inside a citation
        if before[-1:].isalpha() or before[-1:] in "”\"’)….":
            if before[-1:] == "." and not before[-2:-1].isalpha():
                continue
            found.append((start, True))
        elif before.endswith(" ") and before[-2:-1].isalpha():
            word = before.split()[-1].lower() if before.split() else ""
            if word not in NUMBER_WORDS and after[:1] in (".", ",", ";", ")", ""):
                found.append((start, False))
    return found


def place_markers(body: list[BodyLine], bodies: list[NoteBody]) -> dict[int, list[tuple[int, str]]]:
    """For each body line (by index), the (offset, label) of the markers it holds."""
    placed: dict[int, list[tuple[int, str]]] = {}
    cursor = (0, 0)  # (line index, offset) after the previous marker
    for note in bodies:
        choice = None
        for index in range(cursor[0], len(body)):
            if body[index].page > note.page:
                break
            if note.label not in body[index].text:
                continue  # most lines: no candidate (marker_candidates' own first test)
            offset = cursor[1] if index == cursor[0] else 0
            candidates = [c for c in marker_candidates(body[index].text, note.label) if c[0] >= offset]
            glued = [c for c in candidates if c[1]]
            if glued or candidates:
                choice = (index, (glued or candidates)[0][0])
                if glued:
                    break
                # a spaced candidate: keep looking on this page for a glued one
                later = _first_glued(body, index + 1, note)
                choice = later or choice
                break
        if choice is None:
            continue
        placed.setdefault(choice[0], []).append((choice[1], note.label))
        cursor = (choice[0], choice[1] + len(note.label))
    return placed


def _first_glued(body: list[BodyLine], start: int, note: NoteBody) -> tuple[int, int] | None:
    for index in range(start, len(body)):
        if body[index].page > note.page:
            return None
        glued = [c for c in marker_candidates(body[index].text, note.label) if c[1]]
        if glued:
            return index, glued[0][0]
    return None


def line_pieces(text: str, markers: list[tuple[int, str]] | None) -> list[str | NoteRef]:
    """A body line as its text pieces and the markers between them, starting and ending
    with a piece (perhaps empty). Pieces stay strings: the paragraph joins them into runs
    before any Text is made, and most lines are a single piece."""
    if not markers:
        return [text]
    out: list[str | NoteRef] = []
    position = 0
    for offset, label in sorted(markers):
        out.append(text[position:offset])
        out.append(NoteRef(label))
        position = offset + len(label)
    out.append(text[position:])
    return out


def citation_inlines(text: str) -> list[Inline]:
    """A run of text with its bracketed references as Citation inlines; no empty Text."""
    if "[" not in text:  # most runs: CITATION starts with a bracket
        return [Text(text)] if text else []
    out: list[Inline] = []
    position = 0
    for match in CITATION.finditer(text):
        if match.start() > position:
            out.append(Text(text[position:match.start()]))
        keys = tuple(k.strip() for k in CITATION_KEY_SEPARATOR.split(match.group(1)))
        out.append(Citation(match.group(), keys))
        position = match.end()
    if position < len(text):
        out.append(Text(text[position:]))
    return out
