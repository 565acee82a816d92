"""Exports: an answer's figures or a list of facts as rows for a spreadsheet, written as CSV (exact values, as the
store holds them) or XLSX (numbers a spreadsheet can sum; pandas' Excel writer on openpyxl). Every row keeps its
source: document, locator and the cell as printed, or the formula of a calculated figure."""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from assistant.answers import Answer, Figure
from assistant.grid import Grid
from index.facts import Fact, json_number

FIGURE_COLUMNS = ("company", "metric", "label", "period", "period_end", "months", "value", "unit", "kind", "formula",
                  "document", "locator", "quote")
GRID_COLUMNS = ("grid_column", "asked", *FIGURE_COLUMNS)  # a grid's cell: its aligned column, the metric asked
FACT_COLUMNS = tuple(f.name for f in dataclasses.fields(Fact))  # the keys of Fact.to_json, in its order


def figure_rows(answer: Answer) -> list[dict[str, Any]]:
    """One row per figure of the answer (the direct answer first), values in base units as Decimal."""
    return [_figure_row(f) for f in answer.figures]


def _figure_row(f: Figure) -> dict[str, Any]:
    source = f.source
    return {"company": f.company, "metric": f.metric, "label": f.label, "period": f.period,
            "period_end": f.period_end.isoformat() if f.period_end else "", "months": f.months,
            "value": f.value, "unit": f.unit, "kind": "reported" if f.is_reported else "calculated",
            "formula": f.formula or "", "document": source.document if source else f.document,
            "locator": source.locator if source else "", "quote": source.quote if source else ""}


def grid_rows(grid: Grid) -> list[dict[str, Any]]:
    """One row per cell of a grid, by company, metric asked and column, with the figure's own period and source."""
    order = {c: i for i, c in enumerate(grid.columns)}
    cells = sorted(grid.cells, key=lambda c: (grid.companies.index(c.company), grid.metrics.index(c.metric),
                                              order[c.column]))
    return [{"grid_column": c.column.label, "asked": c.metric, **_figure_row(c.figure)} for c in cells]


def fact_rows(facts: Iterable[Fact]) -> list[dict[str, Any]]:
    """One row per fact, as `facts --json` gives it but with the value exact."""
    return [f.to_json() | {"value": f.value} for f in facts]


def write_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str], out: io.TextIOBase | Any) -> None:
    """Rows as CSV with a header line; a Decimal is written exactly as stored ('-339563000', '27.5')."""
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: (format(v, "f") if isinstance(v, Decimal) else v) for k, v in row.items()})


def to_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    out = io.StringIO()
    write_csv(rows, columns, out)
    return out.getvalue()


def to_xlsx(rows: Iterable[dict[str, Any]], columns: Sequence[str], sheet: str = "figures") -> bytes:
    """Rows as an XLSX workbook of one sheet; values as numbers (whole ones as integers, exact)."""
    import pandas as pd  # imported here: the CLI's other commands never need it

    frame = pd.DataFrame([{k: json_number(v) if isinstance(v, Decimal) else v for k, v in row.items()}
                          for row in rows], columns=list(columns))
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=sheet[:31], index=False)
    return out.getvalue()

