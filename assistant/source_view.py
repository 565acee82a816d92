"""A figure's or a quote's source, opened where it is printed: the release's table with the cell's row and column
marked, or its paragraph with the sentence marked, and for a PDF the page with the cell's box (kept at ingest,
index.sources). The interfaces render a SourceView; nothing here formats HTML."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from index.errors import UnknownDocumentError
from index.facts import FactStore
from index.sources import Box, Cell, KeptTable, find_cell, place_of

NOT_KEPT = ("this release was ingested before source views were kept: `earnings-qa ingest --force {path}` "
            "keeps one")


@dataclass(frozen=True)
class SourceView:
    document: str
    company: str
    period: str
    format: str  # txt, md, html, pdf
    locator: str
    quote: str
    table: KeptTable | None = None
    cell: Cell | None = None  # the marked cell of `table`
    paragraph: str = ""  # the paragraph's text, for a quote from prose
    marked: tuple[int, int] | None = None  # where the quote is in `paragraph` (start, end)
    box: Box | None = None  # a PDF cell's box on its page
    page: int | None = None  # a PDF table's page
    path: str = ""  # the release file, for showing a PDF page
    sha256: str = ""
    note: str = ""  # what could not be shown, and why


def _squeezed(text: str) -> tuple[str, list[int]]:
    """The text with runs of white space as one space, and each kept character's position in the text."""
    out, at = [], []
    space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not space and out:
                out.append(" ")
                at.append(i)
            space = True
        else:
            out.append(ch)
            at.append(i)
            space = False
    return "".join(out), at


def quote_span(paragraph: str, quote: str) -> tuple[int, int] | None:
    """Where a quote stands in its paragraph, white space aside; None when it is not there."""
    text, at = _squeezed(paragraph)
    q = " ".join(quote.split())
    i = text.find(q) if q else -1
    if i < 0:
        return None
    return at[i], at[i + len(q) - 1] + 1


def open_source(facts: FactStore, document: str, locator: str, quote: str = "", label: str = "") -> SourceView:
    """The view of one source: `locator` as a figure or citation gives it ('... (table 2, row 8, column 3)',
    'paragraph 12, sentence 1'), `quote` the cell or sentence as printed, `label` the figure's row."""
    doc = facts.document(document)
    if doc is None:
        raise UnknownDocumentError(document, [d.document for d in facts.documents()])
    base = SourceView(doc.document, doc.company, doc.period, doc.format, locator, quote, path=doc.path,
                      sha256=doc.sha256)
    kept = facts.sources(document)
    place = place_of(locator)
    if kept is None:
        return _with(base, note=NOT_KEPT.format(path=doc.path))
    if place is None:
        return _with(base, note=f"“{locator}” names no table cell or paragraph of {document}")
    if place.paragraph is not None:
        text = kept.paragraph(place.paragraph)
        if text is None:
            return _with(base, note=f"{document} has no paragraph {place.paragraph}")
        span = quote_span(text, quote) if quote else None
        return _with(base, paragraph=text, marked=span,
                     note="" if span or not quote else "the quoted words are not in this paragraph as printed")
    table = kept.table(place.table)
    if table is None:
        return _with(base, note=f"{document} has no table {place.table}")
    cell = find_cell(table, place.row, place.column, quote, label) if quote else None
    return _with(base, table=table, cell=cell, box=kept.box(locator), page=place.page,
                 note="" if cell else f"the cell “{quote}” is not printed in this table as read")


def _with(view: SourceView, **changes: object) -> SourceView:
    return replace(view, **changes)


def page_image(view: SourceView, scale: float = 1.5) -> bytes | None:
    """The PDF page of a view as PNG, when the release file is still where it was ingested from and unchanged;
    None otherwise (the view then shows the table as read)."""
    if view.format != "pdf" or view.page is None or not view.path:
        return None
    from index.pdf_text import render_page
    from index.pipeline import content_sha256

    path = Path(view.path)
    try:
        if content_sha256(path) != view.sha256:
            return None
        data = path.read_bytes()
    except OSError:
        return None

    return render_page(data, view.page, scale)


