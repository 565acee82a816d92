"""The grid: companies x metrics x calendar-aligned periods, asked from a question or built from picks
(assistant.grid), shown in the web chat (ui.web) and exported (assistant.exports)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from assistant import exports
from assistant.grid import GridColumn, build_grid, column_of, grid_request, split_list
from assistant.respond import Assistant
from assistant.scope import Scope
from index.pipeline import Index
from tests.conftest import FakeEmbedding, ingested_home
from ui import web

GRID_RELEASES = ["alphabet_2025Q1", "alphabet_2025Q2", "nvidia_FY2026Q1"]


@pytest.mark.parametrize(("end", "months", "column"), [
    (date(2025, 3, 31), 3, "CQ1 2025"),
    (date(2025, 4, 27), 3, "CQ1 2025"),  # NVIDIA's Q1 FY2026: Feb-Apr, mostly the first calendar quarter
    (date(2025, 1, 26), 3, "CQ4 2024"),  # NVIDIA's Q4 FY2025: Nov-Jan
    (date(2024, 6, 30), 3, "CQ2 2024"),  # Microsoft's Q4 FY2024
    (date(2023, 3, 25), 3, "CQ1 2023"),  # PepsiCo's 12-week first quarter
    (date(2024, 9, 28), 3, "CQ3 2024"),  # a 52/53-week retailer's third quarter
    (date(2024, 12, 31), 12, "CY2024"),
])
def test_fiscal_periods_align_to_the_calendar_quarter_they_mostly_cover(end: date, months: int,
                                                                        column: str) -> None:
    assert column_of(end, months).label == column


@pytest.mark.parametrize(("text", "parts"), [
    ("revenue, operating margin and EPS", ["revenue", "operating margin", "EPS"]),
    ("revenue, operating margin, and EPS", ["revenue", "operating margin", "EPS"]),
    ("revenue and net income", ["revenue", "net income"]),
    ("research and development expenses and revenue", ["research and development expenses", "revenue"]),
    ("selling, general and administrative expenses, revenue", ["selling, general and administrative expenses",
                                                               "revenue"]),
    ("revenue", ["revenue"]),
])
def test_metric_lists_split_but_names_with_and_stay_whole(text: str, parts: list[str]) -> None:
    assert split_list(text) == parts


@pytest.fixture(scope="module")
def grid_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingested_home(tmp_path_factory, "grid", GRID_RELEASES)


@pytest.fixture(scope="module")
def assistant(grid_home: Path) -> Assistant:
    index = Index(grid_home, embedder=FakeEmbedding())
    yield Assistant(index)
    index.close()


@pytest.mark.parametrize(("question", "companies", "metrics", "last"), [
    ("compare revenue, operating margin and EPS of Alphabet and NVIDIA for the last four quarters",
     ("Alphabet Inc.", "NVIDIA"), ("revenue", "operating margin", "EPS"), 4),
    ("Compare revenue of Alphabet and NVIDIA for the last 2 quarters", ("Alphabet Inc.", "NVIDIA"), ("revenue",), 2),
    ("show revenue and net income of Alphabet", ("Alphabet Inc.",), ("revenue", "net income"), 4),
    ("Table of revenue and diluted EPS for Alphabet and NVIDIA?", ("Alphabet Inc.", "NVIDIA"),
     ("revenue", "diluted EPS"), 4),
])
def test_a_grid_question_names_its_companies_metrics_and_periods(assistant: Assistant, question: str,
                                                                 companies: tuple, metrics: tuple, last: int) -> None:
    request = assistant.grid_request(question)
    assert request is not None
    assert (request.companies, request.metrics, request.last) == (companies, metrics, last)


@pytest.mark.parametrize("question", [
    "What was Alphabet's revenue in Q2 2025?",  # one figure: the assistant answers
    "Alphabet vs NVIDIA revenue in Q1 2025",  # a comparison of one metric in one period: a bar chart
    "Google Cloud revenue for the last six quarters?",  # a series of one company
    "compare revenue of Alphabet in Q1 2025",  # one company, one metric, one period
    "show me what drove revenue growth at Alphabet",
])
def test_other_questions_ask_for_no_grid(assistant: Assistant, question: str) -> None:
    assert assistant.grid_request(question) is None


def test_the_grid_aligns_fiscal_quarters_and_keeps_every_figure_sourced(assistant: Assistant) -> None:
    grid = build_grid(assistant, ["Alphabet", "NVIDIA"], ["revenue", "operating margin"], "for the last 2 quarters", 2)
    assert grid.companies == ("Alphabet Inc.", "NVIDIA")
    assert [c.label for c in grid.columns] == ["CQ1 2025", "CQ2 2025"]
    q1 = GridColumn(2025, 1, 3)
    alphabet, nvidia = grid.cell("Alphabet Inc.", "revenue", q1), grid.cell("NVIDIA", "revenue", q1)
    assert alphabet.figure.period == "Q1 2025" and alphabet.figure.value == 90_234_000_000
    assert nvidia.figure.period == "Q1 FY2026" and nvidia.figure.value == 44_062_000_000  # beside Alphabet's Q1
    assert grid.cell("NVIDIA", "revenue", GridColumn(2025, 2, 3)) is None  # no release of it: blank, not a guess
    for cell in grid.cells:
        f = cell.figure
        assert (f.source is not None) if f.is_reported else (f.formula and all(i.source for i in f.inputs))
    margin = grid.cell("NVIDIA", "operating margin", q1).figure
    assert not margin.is_reported and margin.unit == "%" and round(margin.value, 1) == Decimal("49.1")
    assert any("calendar quarters" in n for n in grid.notes)

    table = web.grid_markdown(grid, {"Alphabet Inc.": "Alphabet"})
    assert table.splitlines()[0] == "| company | figure | CQ1 2025 | CQ2 2025 |"
    assert "[$44,062\u00a0million\u00a0·\u00a0Q1\u00a0FY2026](?source=nvidia_FY2026Q1&at=" in table
    assert '"calculated: ' in table  # a calculated cell's formula in its link's title
    rows = exports.grid_rows(grid)
    assert len(rows) == len(grid.cells)
    csv = exports.to_csv(rows, exports.GRID_COLUMNS).splitlines()
    assert csv[0].startswith("grid_column,asked,company,metric") and any(
        r.startswith("CQ1 2025,revenue,NVIDIA,revenue,") and ",44062000000," in r for r in csv)


def test_a_metric_no_release_has_is_named_not_filled(assistant: Assistant) -> None:
    grid = build_grid(assistant, ["NVIDIA"], ["revenue", "number of stores"], "for the last 2 quarters", 2)
    missing = [r for r in grid.rows if r.missing]
    assert [r.metric for r in missing] == ["number of stores"]
    assert not any(c.metric == "number of stores" for c in grid.cells)
    assert "NVIDIA, number of stores:" in web.grid_markdown(grid)


def test_grid_request_needs_companies_in_the_index(grid_home: Path) -> None:
    with Index(grid_home, embedder=FakeEmbedding()) as index:
        assert grid_request("compare revenue and EPS of Tesla and Ford for the last four quarters",
                            Scope(index.facts)) is None
