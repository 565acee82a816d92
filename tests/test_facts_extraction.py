"""Extracted facts against hand-checked cells of the real releases."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from decimal import Decimal

import pytest

from index.facts import Unit
from index.metrics import SHARE_COUNT_EXAMPLES, canonical_metric, normalise_label
from index.pipeline import extract
from tests.conftest import DATA, corpus_file


def _key(label: str, period_end: str, months: int, currency: str, unit: str, value: Decimal) -> tuple:
    return (label, period_end, months, currency, unit, value)


def test_every_kingsoft_cloud_table_cell_is_extracted_exactly() -> None:
    """Seed test: every numeric cell of every table of the Kingsoft Cloud release, no missing cell, no extra
    cell, no value in a wrong column (hand-checked in tests/data/kingsoft_cloud_2025Q2_cells.csv)."""
    ex = extract(corpus_file("kingsoft-cloud_2025Q2"))
    got = Counter(_key(f.label, f.period_end.isoformat(), f.months, f.currency or "", f.unit.value, f.value)
                  for f in ex.facts if f.statement != "Text")
    with (DATA / "kingsoft_cloud_2025Q2_cells.csv").open(encoding="utf-8") as fh:
        expected = Counter(_key(r["label"], r["period_end"], int(r["months"]), r["currency"], r["unit"],
                                Decimal(r["value"])) for r in csv.DictReader(fh))
    assert sum(expected.values()) == 504
    assert sorted((expected - got).elements()) == [], "missing cells"
    assert sorted((got - expected).elements()) == [], "extra or misplaced cells"


def test_kingsoft_cloud_metadata() -> None:
    meta = extract(corpus_file("kingsoft-cloud_2025Q2")).meta
    assert (meta.company, meta.short_name, meta.ticker) == ("Kingsoft Cloud Holdings Limited", "Kingsoft Cloud", "KC")
    assert (meta.period, meta.period_end.isoformat(), meta.currency, meta.scale) == ("Q2 2025", "2025-06-30",
                                                                                     "RMB", 1000)
    assert meta.fx_rate == Decimal("7.1636")
    assert meta.release_date.isoformat() == "2025-08-20"


def test_kingsoft_cloud_short_rows_leave_the_missing_cell_out() -> None:
    """The six-month 2025 RMB value is not printed on the revenue rows: no fact may claim it."""
    facts = extract(corpus_file("kingsoft-cloud_2025Q2")).facts
    revenue_h1 = [f for f in facts if f.label == "Public cloud services" and f.months == 6]
    assert {(f.period_end.isoformat(), f.currency, f.value) for f in revenue_h1} == {
        ("2024-06-30", "RMB", Decimal("2421912000")), ("2025-06-30", "USD", Decimal("415823000"))}


def test_kingsoft_cloud_prose_figures() -> None:
    facts = [f for f in extract(corpus_file("kingsoft-cloud_2025Q2")).facts if f.statement == "Text"]
    billing = [f for f in facts if f.label == "AI gross billing" and f.currency == "RMB"]
    assert billing and billing[0].value == Decimal("728700000") and billing[0].period == "Q2 2025"
    assert "RMB728.7 million" in billing[0].quote
    growth = [f for f in facts if f.label == "General and administrative expenses year-over-year change"]
    assert growth and growth[0].value == Decimal("27.5") and growth[0].unit == Unit.PERCENT


def _cells() -> dict[str, list[dict[str, str]]]:
    by_doc: dict[str, list[dict[str, str]]] = defaultdict(list)
    with (DATA / "corpus_cells.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            by_doc[r["document"]].append(r)
    return by_doc


CELLS = _cells()


@pytest.mark.parametrize("document", sorted(CELLS))
def test_hand_checked_cells_of_other_releases(document: str) -> None:
    """Each hand-checked cell is found with its exact value; a cell the parser does not find is tolerated
    (at most 3 of 20 per release), a wrong value never is."""
    facts = [f for f in extract(corpus_file(document)).facts if f.statement != "Text"]
    right, missing, wrong = 0, [], []
    for r in CELLS[document]:
        label = normalise_label(r["label"])
        same = [f for f in facts
                if (normalise_label(f.label) == label or normalise_label(f.label).endswith(" " + label))
                and f.period_end.isoformat() == r["period_end"] and f.months == int(r["months"])
                and f.unit.value == r["unit"] and (f.currency or "") == r["currency"]]
        if any(f.value == Decimal(r["value"]) for f in same):
            right += 1
        elif same:
            wrong.append((r["label"], r["period_end"], r["value"], [str(f.value) for f in same]))
        else:
            missing.append((r["label"], r["period_end"], r["months"]))
    assert wrong == []
    assert right >= 15 and len(missing) <= 3, missing


def test_hand_checked_cells_cover_every_format() -> None:
    formats = {corpus_file(d).suffix for d in CELLS} | {".txt"}
    assert formats == {".md", ".html", ".pdf", ".txt"}
    assert len(CELLS) >= 8 and all(len(v) >= 15 for v in CELLS.values())


def test_pepsico_income_statement_dated_by_its_numeric_header_dates() -> None:
    """Regression: a '12 Weeks Ended 3/25/2023' column must not become a December quarter."""
    facts = extract(corpus_file("pepsico_2023Q1")).facts
    revenue = {(f.period_end.isoformat(), f.months, f.value) for f in facts
               if f.label == "Net Revenue" and f.statement.startswith("Condensed Consolidated Statement of Inc")}
    assert revenue == {("2023-03-25", 3, 17846000000), ("2022-03-19", 3, 16200000000)}
    assert not [f for f in facts if f.period_end.year == 2023 and f.period_end.month == 12]


@pytest.mark.parametrize(("label", "unit", "metric"), SHARE_COUNT_EXAMPLES)
def test_a_share_count_by_its_basis_has_one_metric_however_worded(label: str, unit: str, metric: str) -> None:
    """'Basic' under 'Shares used in calculation', 'Weighted average diluted shares outstanding' and the question's
    "diluted share count" are one measure; an amount per share and a bare word in a question are not."""
    assert canonical_metric(label, unit) == metric


@pytest.mark.parametrize(("label", "name"), [
    ("Operating income (EBIT) adj.1)", "operating income (ebit) adj"),
    ("Diluted EPS adj.1)2)", "diluted eps adj"),
    ("Operating cash flow 3)", "operating cash flow"),
    ("Common equity (Tier 1)", "common equity (tier 1)"),  # the bracket opened in the name: no mark
    ("Overall Revenue (US$mn)", "overall revenue"),  # the row's scale is no part of its name
    ("Senior notes ($500 million)", "senior notes ($500 million)"),
])
def test_closing_bracket_marks_and_scales_are_no_part_of_a_name(label: str, name: str) -> None:
    """Regression (ams OSRAM): 'Operating income (EBIT) adj.1)' kept its footnote mark, so a question for
    'Operating income (EBIT) adj.' never found the row."""
    assert normalise_label(label) == name
