"""What a source view shows of a release, kept at ingest: its tables of figures as printed (numbered as the facts'
locators number them), its paragraphs, and for a PDF the box of each cell a fact was read from, on its page. Kept
with the document in the fact store, so a figure opens at its cell without the release being read again (on
another host, too), and a PDF's page shows the box where the number is printed."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from index.blocks import PageWords, RawTable, TextBlock

# 'table 2, row 8, column 3' or 'table 9, row 3, column 1, page 7'; 'paragraph 12' or 'paragraph 12, sentence 1'
_TABLE_CELL = re.compile(r"\btable (?P<table>\d+), row (?P<row>\d+), column (?P<col>\d+)(?:, page (?P<page>\d+))?")
_PARAGRAPH = re.compile(r"\bparagraph (?P<paragraph>\d+)")
_CURRENCY_SIGNS = re.compile(r"[\s$€£¥₹]")
_WORD = re.compile(r"[a-z][a-z0-9]+")
LINE_TOLERANCE = 3.0  # points: words whose tops differ by less are on one printed line


@dataclass(frozen=True)
class Box:
    """Where a cell is printed on a PDF page: its box in points from the page's top left, and the page's size."""

    page: int  # 1-based
    x0: float
    top: float
    x1: float
    bottom: float
    width: float
    height: float


@dataclass(frozen=True)
class KeptRow:
    section: str
    label: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class KeptTable:
    number: int  # as the facts' locators number the release's tables ('table 2, ...')
    where: str  # 'line 106', 'page 5'
    title: str
    header: tuple[str, ...]
    rows: tuple[KeptRow, ...]


@dataclass(frozen=True)
class Cell:
    """A fact's cell found in its kept table: the row's and the value's positions (0-based)."""

    row: int
    value: int


@dataclass(frozen=True)
class KeptSources:
    format: str
    tables: tuple[KeptTable, ...] = ()
    paragraphs: tuple[tuple[int, str], ...] = ()  # (number, text) as 'paragraph N' locators number them
    boxes: tuple[tuple[str, Box], ...] = ()  # a PDF cell's locator ('table 9, row 3, column 1, page 7') -> box

    def table(self, number: int) -> KeptTable | None:
        return next((t for t in self.tables if t.number == number), None)

    def paragraph(self, number: int) -> str | None:
        return next((text for n, text in self.paragraphs if n == number), None)

    def box(self, locator: str) -> Box | None:
        m = _TABLE_CELL.search(locator)
        return dict(self.boxes).get(m.group(0)) if m else None

    def to_json(self) -> dict[str, Any]:
        return {"format": self.format,
                "tables": [{"number": t.number, "where": t.where, "title": t.title, "header": list(t.header),
                            "rows": [[r.section, r.label, list(r.values)] for r in t.rows]} for t in self.tables],
                "paragraphs": [[n, text] for n, text in self.paragraphs],
                "boxes": [[loc, [b.page, b.x0, b.top, b.x1, b.bottom, b.width, b.height]] for loc, b in self.boxes]}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> KeptSources:
        return cls(
            format=d.get("format", ""),
            tables=tuple(KeptTable(t["number"], t["where"], t["title"], tuple(t["header"]),
                                   tuple(KeptRow(s, label, tuple(v)) for s, label, v in t["rows"]))
                         for t in d.get("tables", ())),
            paragraphs=tuple((n, text) for n, text in d.get("paragraphs", ())),
            boxes=tuple((loc, Box(int(b[0]), *map(float, b[1:]))) for loc, b in d.get("boxes", ())),
        )


@dataclass(frozen=True)
class Place:
    """Where a locator points: a table's cell, or a paragraph."""

    table: int | None = None
    row: int | None = None  # 1-based, as printed in the locator
    column: int | None = None  # the fact's period column (1-based), not the value's position in the row
    page: int | None = None
    paragraph: int | None = None


def place_of(locator: str) -> Place | None:
    """The table cell or paragraph a fact's or a citation's locator names ('... (table 2, row 8, column 3)',
    'paragraph 12, sentence 1'); None for a locator that names neither."""
    if m := _TABLE_CELL.search(locator):
        return Place(table=int(m["table"]), row=int(m["row"]), column=int(m["col"]),
                     page=int(m["page"]) if m["page"] else None)
    if m := _PARAGRAPH.search(locator):
        return Place(paragraph=int(m["paragraph"]))
    return None


def kept_table(number: int, table: RawTable) -> KeptTable:
    return KeptTable(number, table.where, table.title, table.header,
                     tuple(KeptRow(r.section, r.label, r.values) for r in table.rows))


def kept_paragraphs(blocks: Iterable[TextBlock]) -> tuple[tuple[int, str], ...]:
    out = []
    for b in blocks:
        if m := _PARAGRAPH.fullmatch(b.where):
            out.append((int(m["paragraph"]), b.text))
    return tuple(out)


def _same_figure(a: str, b: str) -> bool:
    return _CURRENCY_SIGNS.sub("", a) == _CURRENCY_SIGNS.sub("", b) != ""


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def find_cell(table: KeptTable, row: int, column: int, quote: str, label: str = "") -> Cell | None:
    """The cell a fact was read from: the locator's row when it prints the quoted figure, else the row printing it
    whose label shares the most words with the fact's label (nearest the locator's row on a tie); within the row,
    the printed figure nearest the fact's column. None when no row prints the figure: nothing is marked rather
    than a wrong cell."""
    wanted = _words(label)
    candidates: list[tuple[int, int, int]] = []  # (-shared words, distance, row index)
    for i, r in enumerate(table.rows):
        if any(_same_figure(v, quote) for v in r.values):
            shared = len(wanted & _words(f"{r.section} {r.label}")) if wanted else 0
            candidates.append((-shared, abs(i - (row - 1)), i))
    if not candidates:
        return None
    at = row - 1
    prints = 0 <= at < len(table.rows) and any(_same_figure(v, quote) for v in table.rows[at].values)
    best = min(candidates)
    named = not wanted or wanted & _words(f"{table.rows[at].section} {table.rows[at].label}") if prints else False
    # the locator's row, when it is named as the fact is or no row is (an equity statement's fact is named by its
    # column: 'Share premium account')
    if not (prints and (named or best[0] == 0)):
        if wanted and best[0] == 0 and len(candidates) > 1:
            return None  # the figure is printed on several rows, none of them named as the fact is
        at = best[2]
    values = table.rows[at].values
    hits = [k for k, v in enumerate(values) if _same_figure(v, quote)]
    return Cell(at, min(hits, key=lambda k: (abs(k - (column - 1)), k)))


class _Lines:
    """A page's words by their tops, to find a word's printed line without reading the whole page again."""

    def __init__(self, page: PageWords) -> None:
        self.words = sorted(page.words, key=lambda w: w[2])
        self.tops = [w[2] for w in self.words]
        self.printing: dict[str, list[tuple[str, float, float, float, float]]] = {}  # a figure -> its words
        for w in page.words:
            self.printing.setdefault(_CURRENCY_SIGNS.sub("", w[0]), []).append(w)

    def near(self, top: float) -> list[tuple[str, float, float, float, float]]:
        return self.words[bisect_right(self.tops, top - LINE_TOLERANCE):bisect_left(self.tops, top + LINE_TOLERANCE)]


def pdf_box(page: PageWords, number: int, label: str, quote: str, rank: int = 0,
            lines: _Lines | None = None) -> Box | None:
    """The box of a figure on a PDF page: a word printing the quoted figure on a line that also prints the row's
    label words (the line sharing most of them; the rank-th such figure on it when it prints the same figure
    twice). None when the figure is on no such line, or on several equally good ones."""
    token = max(quote.split(), key=lambda w: sum(c.isdigit() for c in w), default="")
    if not token:
        return None
    lines = lines or _Lines(page)
    hits = lines.printing.get(_CURRENCY_SIGNS.sub("", token), []) if _CURRENCY_SIGNS.sub("", token) else []
    if not hits:
        return None
    wanted = _words(label)
    scored: dict[float, list[tuple[str, float, float, float, float]]] = {}
    shares: dict[float, int] = {}
    for w in hits:
        line = [x for x in lines.near(w[2]) if x[3] <= w[1]]
        shared = len(wanted & _words(" ".join(x[0] for x in line))) if wanted else 0
        key = round(w[2] / LINE_TOLERANCE)
        scored.setdefault(key, []).append(w)
        shares[key] = max(shares.get(key, 0), shared)
    best = max(shares.values())
    lines = [k for k, s in shares.items() if s == best]
    if (wanted and best == 0 and len(hits) > 1) or len(lines) > 1:
        return None
    on_line = sorted(scored[lines[0]], key=lambda w: w[1])
    text, x0, top, x1, bottom = on_line[min(rank, len(on_line) - 1)]
    return Box(number, x0, top, x1, bottom, page.width, page.height)


def keep_sources(format: str, tables: Sequence[tuple[int, RawTable]], blocks: Sequence[TextBlock],
         facts: Iterable[Any], pages: Sequence[PageWords] = ()) -> KeptSources:
    """What a source view needs of a release: the numbered tables, the paragraphs, and for a PDF each table fact's
    box on its page (`facts`: index.facts.Fact)."""
    kept = tuple(kept_table(n, t) for n, t in tables)
    boxes: list[tuple[str, Box]] = []
    if pages:
        by_number = {t.number: t for t in kept}
        seen: set[str] = set()
        indexed: dict[int, _Lines] = {}
        for f in facts:
            place = place_of(f.locator)
            if place is None or place.page is None or not 0 < place.page <= len(pages):
                continue
            key = _TABLE_CELL.search(f.locator).group(0)
            table = by_number.get(place.table)
            if key in seen or table is None:
                continue
            seen.add(key)
            cell = find_cell(table, place.row, place.column, f.quote, f.label)
            if cell is None:
                continue
            row = table.rows[cell.row]
            rank = sum(_same_figure(v, f.quote) for v in row.values[:cell.value])
            page = pages[place.page - 1]
            if place.page not in indexed:
                indexed[place.page] = _Lines(page)
            lines = indexed[place.page]
            box = pdf_box(page, place.page, row.label, f.quote, rank, lines)
            if box is not None:
                boxes.append((key, box))
    return KeptSources(format, kept, kept_paragraphs(blocks), tuple(boxes))
