"""The bounds on one release file (settings.MAX_*): checked before a file is read and at the loops that grow with
it (PDF pages, tables, chunks, embedding batches), so that a hostile or broken file fails fast with a per-file
reason instead of running for minutes or taking gigabytes.

The time bound is cooperative: `tick()` is called between pages, tables and batches of one file (a Python thread
cannot be interrupted safely, and signals work only on the main thread, which the web UI's ingest is not on).
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from index import settings
from index.errors import TooLargeError

_MB = 1024 * 1024


def _limit(bound: settings.Bound) -> str:
    return f"{bound.value():,g} {bound.unit}"


def _over(path: Path, bound: settings.Bound, amount: float, what: str, unit_size: int = 1) -> None:
    """TooLargeError when `amount` (in units of `unit_size`: bytes per MB) exceeds the bound."""
    if amount > bound.value() * unit_size:
        raise TooLargeError(path, what, _limit(bound), bound.env)


def check_file_size(path: Path, size: int) -> None:
    _over(path, settings.MAX_FILE_MB, size, f"the file is {size / _MB:,.1f} MB", _MB)


def check_text_size(path: Path, size: int) -> None:
    """A .txt/.md/.html file: its bytes are its text, which parsing, facts and chunks grow from."""
    _over(path, settings.MAX_TEXT_MB, size, f"the text file is {size / _MB:,.1f} MB", _MB)


def check_lines(path: Path, text: str) -> None:
    """Plain text and Markdown: no line longer than the bound (a 10 MB line is no release's text)."""
    limit = settings.MAX_LINE_CHARS.value()
    start = 0
    number = 1
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > limit:
            _over(path, settings.MAX_LINE_CHARS, end - start, f"line {number:,} has {end - start:,} characters")
        start = end + 1
        number += 1


def check_pages(path: Path, pages: int) -> None:
    _over(path, settings.MAX_PDF_PAGES, pages, f"the PDF has {pages:,} pages")


def check_table(path: Path, cells: int, where: str) -> None:
    _over(path, settings.MAX_TABLE_CELLS, cells, f"the table at {where} has {cells:,} cells")


def inflated_size(stream: Any, budget: int) -> int:
    """The decoded size of a pdfminer stream, counting at most budget + 1 bytes (a Flate bomb is never inflated
    whole): streams with filters other than Flate count their raw size."""
    from pdfminer.pdftypes import resolve1

    stream = resolve1(stream)
    raw = getattr(stream, "rawdata", None)
    if raw is None:
        return len(getattr(stream, "data", b"") or b"")
    filters = stream.get_filters() if hasattr(stream, "get_filters") else []
    names = [str(getattr(f, "name", f)).lstrip("/") for f, _ in filters] if filters else []
    if names[:1] not in (["FlateDecode"], ["Fl"]):
        return len(raw)
    d = zlib.decompressobj()
    total = 0
    data = raw
    try:
        while data and total <= budget:
            out = d.decompress(data, 1 << 20)
            total += len(out)
            data = d.unconsumed_tail
    except zlib.error:
        return total  # a broken stream: pdfminer reports it when it reads the page
    return total


def check_pdf_content(path: Path, pdf: Any) -> None:
    """The page content streams of a pdfplumber PDF, inflated, stay under the bound (150 KB can inflate to 150 MB)."""
    limit = int(settings.MAX_PDF_INFLATED_MB.value() * _MB)
    total = 0
    for page in pdf.pages:
        tick()
        contents = getattr(page.page_obj, "contents", None) or []
        for stream in contents if isinstance(contents, list) else [contents]:
            total += inflated_size(stream, limit - total)
            _over(path, settings.MAX_PDF_INFLATED_MB, total, "the PDF's page content inflates beyond the limit", _MB)


class _Deadline:
    def __init__(self, path: Path, seconds: float) -> None:
        self.path = path
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise TooLargeError(self.path, "reading it was stopped at the time limit",
                                _limit(settings.MAX_SECONDS_PER_FILE), settings.MAX_SECONDS_PER_FILE.env)


_deadline: ContextVar[_Deadline | None] = ContextVar("earnings_qa_deadline", default=None)


@contextmanager
def time_limit(path: Path) -> Iterator[None]:
    """While in this block, `tick()` raises TooLargeError once the file's time bound has passed."""
    token = _deadline.set(_Deadline(path, settings.MAX_SECONDS_PER_FILE.value()))
    try:
        yield
    finally:
        _deadline.reset(token)


def tick() -> None:
    d = _deadline.get()
    if d is not None:
        d.check()
