"""The characters of a PDF's pages with their boxes, read by pdfium (pypdfium2, which pdfplumber installs), as
pages that pdfplumber's own text utilities lay out (`PdfPage.extract_text`, `extract_words`, `filter`).

Why not pdfplumber's pages: pdfminer, under pdfplumber, interprets every page's content stream in Python, 2 to 5 s
for a release's PDF and most of the time an ingest spends reading; pdfium reads the same characters with the same
boxes in a tenth of that. pdfplumber's layout code (words, lines, layout text) is kept, fed pdfium's characters.
What pdfium does differently, and what this module makes of it:
- a space it infers between words carries no box: it gets the gap it stands for (from the character before it to
  the one after), as a space pdfminer reads where one is drawn;
- a hyphen that ends a line comes as U+0002: it is a hyphen;
- its loose box spans the font's descent to its ascent; pdfminer's, the descent to the descent plus the font size,
  which is what lines are grouped by: the box is made so (its tight box, the ink's, splits lines at their dots).
A document pdfium cannot read as pdfminer would (a rotated page or a media box away from the origin, whose
coordinates pdfplumber transforms; characters without Unicode) is read by pdfplumber, as before (`pages`)."""

from __future__ import annotations

import ctypes
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

_HYPHEN_AT_LINE_END = 0x02
_NO_CHARACTER = (0, 0xFFFE, 0xFFFF)


@dataclass(frozen=True)
class PdfPage:
    """One page's characters (pdfplumber's dicts: text, x0, x1, top, bottom, ...), top-down coordinates."""

    chars: list[dict[str, Any]]
    width: float
    height: float

    def extract_text(self, **kwargs: Any) -> str:
        from pdfplumber.utils import chars_to_textmap

        layout = {"layout_bbox": (0, 0, self.width, self.height), "layout_width": self.width,
                  "layout_height": self.height}
        return chars_to_textmap(self.chars, **{**layout, **kwargs}).as_string

    def extract_words(self, **kwargs: Any) -> list[dict[str, Any]]:
        from pdfplumber.utils import extract_words

        return extract_words(self.chars, **kwargs)

    def filter(self, keep: Callable[[dict[str, Any]], bool]) -> PdfPage:
        return PdfPage([c for c in self.chars if keep(c)], self.width, self.height)


def pages(data: bytes) -> Iterator[PdfPage] | None:
    """The document's pages as pdfium reads them, one at a time; None where pdfium cannot read it as pdfplumber
    would (then pdfplumber reads it, and reports what it finds wrong): a file pdfium refuses, a page rotated or
    offset (`_as_pdfplumber`), or a text layer of glyph numbers, which pdfium gives as control characters where
    pdfminer gives '(cid:12)'."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return None
    texts: list[str] = []
    try:
        for page in document:  # one look at every page before the first is given: the choice is the document's
            if not _as_pdfplumber(page):
                texts = []
                break
            texts.append(_text(page))
    except pdfium.PdfiumError:
        texts = []
    printed = sum(len(t) - t.count(" ") - t.count("\r") - t.count("\n") for t in texts)
    glyphs = sum(1 for t in texts for ch in t if ch < " " and ch not in "\r\n\t")
    if not printed or glyphs > 0.3 * printed:
        document.close()
        return None

    def read() -> Iterator[PdfPage]:
        try:
            for page in document:
                yield page_chars(page)
        finally:
            document.close()

    return read()


def _as_pdfplumber(page: Any) -> bool:
    """Whether the page's coordinates are pdfplumber's: an upright page whose media box starts at the origin."""
    left, bottom, _, _ = page.get_mediabox()
    return not page.get_rotation() and abs(left) <= 0.01 and abs(bottom) <= 0.01


def _text(page: Any) -> str:
    """The page's text as pdfium gives it, with the line breaks it infers."""
    text = page.get_textpage()
    try:
        return text.get_text_range()
    finally:
        text.close()


def page_chars(page: Any) -> PdfPage:
    """A pdfium page's characters, as pdfplumber gives them."""
    import pypdfium2.raw as raw

    width, height = page.get_size()
    text = page.get_textpage()
    chars: list[dict[str, Any]] = []
    gap: dict[str, Any] | None = None  # an inferred space, waiting for the character after it
    extents: dict[int | None, float | None] = {}  # each font's ascent - descent at size 1
    try:
        for i in range(text.count_chars()):
            code = raw.FPDFText_GetUnicode(text, i)
            if code in _NO_CHARACTER or code in (0x0D, 0x0A):  # a line break pdfium infers: lines come from boxes
                gap = None
                continue
            character = "-" if code == _HYPHEN_AT_LINE_END else chr(code)
            if character == " " and raw.FPDFText_IsGenerated(text, i):
                gap = dict(chars[-1], text=" ", x0=chars[-1]["x1"]) if chars else None
                continue
            left, bottom, right, loose_top = text.get_charbox(i, loose=True)
            size = _size(text, i, loose_top - bottom, extents)
            top = bottom + size  # as pdfminer's: the font's size above its descent
            angle = raw.FPDFText_GetCharAngle(text, i)
            c = {"text": character, "x0": left, "x1": right, "top": height - top, "bottom": height - bottom,
                 "doctop": height - top, "width": right - left, "height": size, "size": size, "fontname": "",
                 "upright": min(angle, 2 * math.pi - angle) < 0.01}
            if gap is not None:
                gap["x1"] = max(gap["x0"], left)
                gap["width"] = gap["x1"] - gap["x0"]
                chars.append(gap)
                gap = None
            chars.append(c)
    finally:
        text.close()
    return PdfPage(chars, width, height)


def _size(text: Any, i: int, loose_height: float, extents: dict[int | None, float | None]) -> float:
    """The character's font size on the page, as pdfminer's: its loose box's height (the font's ascent to its
    descent, on the page) over that span at size 1. (pdfium's own font size leaves out the page's transformation:
    14.1 for a 10.5-point character drawn under a 0.75 scale.)"""
    import pypdfium2.raw as raw

    font = raw.FPDFTextObj_GetFont(raw.FPDFText_GetTextObject(text, i))
    key = ctypes.cast(font, ctypes.c_void_p).value
    if key not in extents:
        ascent, descent = ctypes.c_float(), ctypes.c_float()
        known = raw.FPDFFont_GetAscent(font, 1.0, ascent) and raw.FPDFFont_GetDescent(font, 1.0, descent)
        extents[key] = ascent.value - descent.value if known and ascent.value > descent.value else None
    extent = extents[key]
    return loose_height / extent if extent and loose_height > 0 else raw.FPDFText_GetFontSize(text, i)


def render_page(data: bytes, page: int, scale: float = 1.5) -> bytes | None:
    """One page (1-based) of a PDF as PNG, drawn by pdfium; None when the file has no such page or cannot be
    drawn."""
    import io

    import pypdfium2 as pdfium

    start = data.find(b"%PDF", 0, 1024)
    try:
        document = pdfium.PdfDocument(data[max(start, 0):])
    except pdfium.PdfiumError:
        return None
    try:
        if not 0 < page <= len(document):
            return None
        image = document[page - 1].render(scale=scale).to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)
        return out.getvalue()
    finally:
        document.close()
