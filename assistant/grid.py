"""The grid: companies x metrics x aligned periods, each cell a figure of the assistant's own answer (reported,
with its source, or calculated, with its formula and inputs). Periods are aligned by the calendar quarter (or year)
each company's fiscal period mostly covers: NVIDIA's Q1 FY2026 (ended Apr 27, 2025) sits beside Alphabet's Q1 2025
(ended Mar 31, 2025) in the column "CQ1 2025", Microsoft's Q4 FY2024 beside Alphabet's Q2 2024. Asked from a
question ("compare revenue, operating margin and EPS of Alphabet, Amazon and Microsoft for the last four quarters")
or built from picks (the web chat's Grid tab)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from assistant.answers import Figure, Status, series_of
from assistant.questions import PeriodKind, parse
from assistant.scope import Scope

if TYPE_CHECKING:
    from assistant.respond import Assistant

QUARTERS = 4  # the columns of a grid that names no period: the last four quarters
MOST_COLUMNS = 8  # the newest columns a grid shows; older ones are left out with a note

# A question that asks for a grid: a verb or noun of comparing, the metrics, 'of/for/at/across' and the companies,
# then the periods. Examples and counter-examples: tests/test_grid.py.
GRID_QUESTION = re.compile(
    r"^\s*(?:please\s+)?(?:compare|show(?:\s+me)?|tabulate|(?:a\s+)?(?:grid|table)\s+of)\s+(?:the\s+)?"
    r"(?P<metrics>.+?)\s+(?:of|for|at|across|between)\s+(?P<companies>.+?)"
    r"(?:\s+(?:for|over|in|during)\s+(?P<periods>(?:the\s+)?(?:last|past|latest)\s+\w+\s+(?:quarters|years)|.+?))?"
    r"\s*[?.]?\s*$", re.I)

# names whose ' and ' or ', ' is part of the name, never a list's (split metric lists around them)
JOINED_NAMES = ("selling, general and administrative", "research and development", "general and administrative",
                "sales and marketing", "selling and marketing", "cash and cash equivalents", "property and equipment",
                "depreciation and amortization", "technology and infrastructure", "marketing and sales")
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+")


@dataclass(frozen=True)
class GridColumn:
    """A calendar quarter (months 3) or year (12) that companies' fiscal periods are aligned to."""

    year: int
    quarter: int  # 1-4; 0 for a year
    months: int

    @property
    def label(self) -> str:
        return f"CQ{self.quarter} {self.year}" if self.quarter else f"CY{self.year}"


@dataclass(frozen=True)
class GridCell:
    company: str
    metric: str  # as asked ('operating margin')
    column: GridColumn
    figure: Figure


@dataclass(frozen=True)
class GridRow:
    """One company's metric: its answer's figures by column, or why it has none."""

    company: str
    metric: str
    label: str  # the row as the releases name it ('Total revenue'); '' when not found
    missing: str = ""  # the assistant's answer when it found no figure


@dataclass(frozen=True)
class Grid:
    companies: tuple[str, ...]  # legal names
    metrics: tuple[str, ...]
    columns: tuple[GridColumn, ...]
    rows: tuple[GridRow, ...]
    cells: tuple[GridCell, ...]
    notes: tuple[str, ...] = ()

    def cell(self, company: str, metric: str, column: GridColumn) -> GridCell | None:
        return next((c for c in self.cells if (c.company, c.metric, c.column) == (company, metric, column)), None)

    @property
    def figures(self) -> list[Figure]:
        return [c.figure for c in self.cells]


def column_of(end: date, months: int) -> GridColumn:
    """The calendar quarter a fiscal quarter mostly covers (its middle day's), or the calendar year a fiscal year
    does: a quarter ended Apr 27, 2025 is CQ1 2025; one ended Jan 26, 2025 is CQ4 2024."""
    middle = end - timedelta(days=round(months * 30.44 / 2))
    if months == 12:
        return GridColumn(middle.year, 0, 12)
    return GridColumn(middle.year, (middle.month - 1) // 3 + 1, 3)


def split_list(text: str) -> list[str]:
    """'revenue, operating margin and EPS' -> ['revenue', 'operating margin', 'EPS'], keeping names whose 'and'
    or comma is their own ('research and development expenses')."""
    kept: dict[str, str] = {}
    for n, name in enumerate(JOINED_NAMES):
        marker = f"\x00{n}\x00"
        pattern = re.compile(re.escape(name), re.I)
        if pattern.search(text):
            kept[marker] = pattern.search(text).group(0)
            text = pattern.sub(marker, text)
    parts = [p.strip() for p in _LIST_SPLIT.split(text) if p and p.strip()]
    for marker, name in kept.items():
        parts = [p.replace(marker, name) for p in parts]
    return parts


@dataclass(frozen=True)
class GridRequest:
    companies: tuple[str, ...]
    metrics: tuple[str, ...]
    periods: str  # as the question words them ('for the last four quarters'); '' for the default
    last: int | None = QUARTERS  # the newest columns kept ('the last four quarters': 4); None: every one asked


def grid_request(question: str, scope: Scope) -> GridRequest | None:
    """The grid a question asks for: several metrics or several companies over several periods, worded as a
    comparison or a table ('compare revenue and EPS of Alphabet and Amazon for the last four quarters'); None for
    any other question (the assistant answers it)."""
    m = GRID_QUESTION.match(question)
    if not m:
        return None
    intent = parse(question, scope)
    metrics = split_list(m.group("metrics"))
    companies = intent.companies
    several_periods = any(p.kind == PeriodKind.LAST_N and p.number > 1 for p in intent.periods)
    if not companies or not metrics or (len(metrics) < 2 and not (len(companies) > 1 and several_periods)):
        return None
    periods = f"for {m.group('periods')}" if m.group("periods") else ""
    last = next((p.number for p in intent.periods if p.kind == PeriodKind.LAST_N), None if periods else QUARTERS)
    return GridRequest(tuple(companies), tuple(metrics), periods, last)


def build_grid(assistant: Assistant, companies: Sequence[str], metrics: Sequence[str], periods: str = "",
               last: int | None = QUARTERS) -> Grid:
    """The grid of `companies` (names the index knows) x `metrics` (as an analyst words them) over `periods` (a
    question's wording: 'for the last four quarters', 'in fiscal 2024'; default the last four quarters), each
    cell the assistant's own figure for that company, metric and period; `last`: the newest aligned columns
    kept (each company's own last quarters may differ: the grid's are the newest of them all)."""
    asked = periods or f"for the last {last or QUARTERS} quarters"
    cells: list[GridCell] = []
    rows: list[GridRow] = []
    names = [assistant.resolve_company(c) for c in companies]
    for company in names:
        for metric in metrics:
            answer = assistant.answer(f"{metric} {asked}", company=company)
            primary = answer.primary
            if answer.status != Status.ANSWERED or primary is None:
                rows.append(GridRow(company, metric, "", answer.answer))
                continue
            rows.append(GridRow(company, metric, primary.label))
            for f in series_of(answer.figures, primary):
                if f.period_end is not None and f.months:
                    cells.append(GridCell(company, metric, column_of(f.period_end, f.months), f))
    columns = sorted({c.column for c in cells}, key=lambda c: (c.months, c.year, c.quarter))
    notes = []
    keep = min(last or MOST_COLUMNS, MOST_COLUMNS)
    if len(columns) > keep:
        columns = columns[-keep:]
        older: dict[tuple[str, tuple[str, ...]], list[str]] = {}  # (company, its older columns) -> metrics
        for row in rows:
            mine = [c for c in cells if (c.company, c.metric) == (row.company, row.metric)]
            if mine and all(c.column not in columns for c in mine):
                held = sorted({c.column for c in mine}, key=lambda c: (c.months, c.year, c.quarter))
                older.setdefault((row.company, tuple(c.label for c in held)), []).append(row.metric)
        for (company, held), which in older.items():
            notes.append(f"{company}: {', '.join(which)} only in older periods ({', '.join(held)}).")
        cells = [c for c in cells if c.column in columns]
    if any(c.figure.period != c.column.label.removeprefix("C") for c in cells):
        notes.append("Columns are calendar quarters: each cell's own fiscal period is shown with its figure.")
    return Grid(tuple(names), tuple(metrics), tuple(columns), tuple(rows), tuple(cells), tuple(notes))
