"""HTML of the web chat's views: a source opened at its cell or sentence (assistant.source_view) and the grid of
companies x metrics x periods (assistant.grid). Every word from a release is escaped; nothing here reads a store."""

from __future__ import annotations

import base64
import html
from urllib.parse import urlencode

from assistant.source_view import SourceView

# the marks of a source view, in both themes (the marked cell keeps dark text on its yellow in the dark theme)
CSS = """
.src-view { font-size: 0.92rem; }
.src-head { font-weight: 600; margin-bottom: 0.2rem; }
.src-where, .src-header { color: var(--body-text-color-subdued); margin: 0.2rem 0; }
.src-note { color: var(--color-accent); margin: 0.4rem 0; }
.src-scroll { max-height: 70vh; overflow: auto; border: 1px solid var(--border-color-primary); }
.src-table { border-collapse: collapse; width: 100%; }
.src-table caption { text-align: left; font-weight: 600; padding: 0.3rem; }
.src-table th, .src-table td { padding: 0.15rem 0.5rem; border-bottom: 1px solid var(--border-color-primary); }
.src-table td { text-align: right; white-space: nowrap; }
.src-table th[scope=row] { text-align: left; font-weight: normal; }
.src-table tr.src-section th { text-align: left; font-style: italic; }
.src-table tr.hit-row { background: rgba(250, 204, 21, 0.18); }
.src-table td.hit-col { background: rgba(250, 204, 21, 0.18); }
.src-table td.hit-cell, .src-paragraph mark { background: #fde047; color: #111; outline: 2px solid #ca8a04; }
.src-page { position: relative; margin: 0.5rem 0; max-width: 100%; }
.src-page img { width: 100%; height: auto; display: block; border: 1px solid var(--border-color-primary); }
.src-page .cell-box { position: absolute; border: 2px solid #dc2626; background: rgba(250, 204, 21, 0.3); }
.src-paragraph { line-height: 1.5; }
"""

EMPTY = "<p class='src-where'>Open a source from a figure's or a quote's link in the chat.</p>"


def source_link(document: str, locator: str, quote: str = "", label: str = "") -> str:
    """The chat's link to a source view (the page's own address with the source in its query)."""
    query = {"source": document, "at": locator}
    if quote:
        query["q"] = quote
    if label:
        query["row"] = label
    return "?" + urlencode(query)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def source_html(view: SourceView, page_png: bytes | None = None) -> str:
    """The source view: where it is, the PDF page with the cell's box (when the file is at hand), the table with
    the cell's row and column marked, or the paragraph with the quote marked."""
    parts = [f"<div class='src-view' id='source-view'><div class='src-head'>{_e(view.company)} · "
             f"{_e(view.document)} · {_e(view.period)}</div><div class='src-where'>{_e(view.locator)}</div>"]
    if view.note:
        parts.append(f"<p class='src-note'>⚠ {_e(view.note)}</p>")
    if page_png is not None and view.page is not None:
        parts.append(_page_html(view, page_png))
    elif view.format == "pdf" and view.page is not None:
        parts.append(f"<p class='src-where'>page {view.page} of the PDF (the file is no longer at "
                     f"{_e(view.path)} as ingested: the table is shown as read)</p>")
    if view.table is not None:
        parts.append(_table_html(view))
    elif view.paragraph:
        text = view.paragraph
        if view.marked:
            a, b = view.marked
            body = f"{_e(text[:a])}<mark id='source-hit'>{_e(text[a:b])}</mark>{_e(text[b:])}"
        else:
            body = _e(text)
        parts.append(f"<p class='src-paragraph'>{body}</p>")
    parts.append("</div>")
    return "".join(parts)


def _page_html(view: SourceView, png: bytes) -> str:
    img = (f"<img src='data:image/png;base64,{base64.b64encode(png).decode()}' "
           f"alt='page {view.page} of {_e(view.document)}'>")
    box = ""
    if view.box is not None:
        b = view.box
        pad = 1.5  # points around the printed figure
        style = (f"left:{(b.x0 - pad) / b.width * 100:.3f}%;top:{(b.top - pad) / b.height * 100:.3f}%;"
                 f"width:{(b.x1 - b.x0 + 2 * pad) / b.width * 100:.3f}%;"
                 f"height:{(b.bottom - b.top + 2 * pad) / b.height * 100:.3f}%")
        box = f"<div class='cell-box' id='source-box' style='{style}' title='{_e(view.quote)}'></div>"
    return f"<figure class='src-page' id='source-page'>{img}{box}</figure>"


def _table_html(view: SourceView) -> str:
    table = view.table
    assert table is not None
    cell = view.cell
    width = max((len(r.values) for r in table.rows), default=0)
    hit_width = len(table.rows[cell.row].values) if cell else -1
    rows = []
    section = ""
    for i, r in enumerate(table.rows):
        if r.section and r.section != section:
            rows.append(f"<tr class='src-section'><th colspan='{width + 1}'>{_e(r.section)}</th></tr>")
        section = r.section
        cells = []
        for k, v in enumerate(r.values):
            if cell and i == cell.row and k == cell.value:
                cells.append(f"<td class='hit-cell' id='source-hit'>{_e(v)}</td>")
            elif cell and k == cell.value and len(r.values) == hit_width:
                cells.append(f"<td class='hit-col'>{_e(v)}</td>")
            else:
                cells.append(f"<td>{_e(v)}</td>")
        cells += ["<td></td>"] * (width - len(r.values))
        row_class = " class='hit-row'" if cell and i == cell.row else ""
        rows.append(f"<tr{row_class}><th scope='row'>{_e(r.label)}</th>{''.join(cells)}</tr>")
    header = "".join(f"<p class='src-header'>{_e(h)}</p>" for h in table.header)
    return (f"{header}<div class='src-scroll'><table class='src-table' id='source-table'>"
            f"<caption>{_e(table.title or f'table {table.number}')} ({_e(table.where)})</caption>"
            f"<tbody>{''.join(rows)}</tbody></table></div>")
