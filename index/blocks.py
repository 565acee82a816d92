"""What loaders yield: text blocks and raw tables, each with its position in the document."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TextBlock:
    text: str
    position: int  # order in the document
    where: str  # "paragraph 12"
    section: str = ""  # the heading above it, when the release has one


@dataclass(frozen=True)
class RawRow:
    label: str
    values: tuple[str, ...]  # value tokens as printed, in order ("(339,563)", "16.8 %", "—")
    section: str = ""  # the heading row above it ("Net loss per share")


@dataclass(frozen=True)
class RawTable:
    position: int
    title: str  # lines above the header ("UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS (in thousands)")
    header: tuple[str, ...]  # header lines / cells, in reading order
    rows: tuple[RawRow, ...]
    where: str  # "line 106", "page 5", "table 3"
    # the names printed over each value column when a cell table gives them by position and they name no period
    # ('Consumer Banking', 'GWIM', ..., 'Total' under one 'Year Ended December 31, 2024'); () otherwise
    column_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class PageWords:
    """A PDF page's words with their boxes (text, x0, top, x1, bottom; points from the top left) and its size:
    where a source view draws a cell's box."""

    width: float
    height: float
    words: tuple[tuple[str, float, float, float, float], ...] = ()


@dataclass
class LoadedDocument:
    format: str  # txt, md, html, pdf
    text: str  # the whole readable text, for metadata detection and prose figures
    blocks: list[TextBlock] = field(default_factory=list)
    tables: list[RawTable] = field(default_factory=list)
    encoding: str = ""  # what a text file was read in ("utf-8", "cp1252", "utf-16"); "" for a PDF
    pages: list[PageWords] = field(default_factory=list)  # a PDF's words by page; [] for other formats
