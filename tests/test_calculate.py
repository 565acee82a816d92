"""Exact arithmetic through the operator table, and the figures it makes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant import calculate
from assistant.answers import Figure, Source
from index.facts import FactKind


def fig(value: str, unit: str = "RMB", label: str = "General and administrative expenses",
        period: str = "Q2 2025") -> Figure:
    return Figure("general_and_administrative_expenses", label, "Kingsoft Cloud Holdings Limited",
                  "kingsoft-cloud_2025Q2", period, date(2025, 6, 30), 3, Decimal(value), unit, FactKind.REPORTED,
                  source=Source("kingsoft-cloud_2025Q2", "table 2, row 8, column 3", value))


@pytest.mark.parametrize(("op", "a", "b", "want"), [
    ("+", "1.1", "2.2", "3.3"),
    ("-", "339563", "266249", "73314"),
    ("*", "0.1", "3", "0.3"),
    ("/", "1", "8", "0.125"),
])
def test_operator_table_is_exact(op: str, a: str, b: str, want: str) -> None:
    assert calculate.apply(op, Decimal(a), Decimal(b)) == Decimal(want)


@pytest.mark.parametrize("op", ["**", "//", "__import__('os')", "%"])
def test_only_the_table_operators_exist(op: str) -> None:
    with pytest.raises(calculate.CalculationError):
        calculate.apply(op, Decimal(1), Decimal(2))


def test_division_by_zero_is_an_error_not_a_number() -> None:
    with pytest.raises(calculate.CalculationError):
        calculate.apply("/", Decimal(1), Decimal(0))


def test_growth_of_an_expense_printed_in_parentheses_is_positive() -> None:
    pct = calculate.percent_change(fig("-339563000"), fig("-266249000", period="Q2 2024"))
    assert pct.unit == "%" and pct.kind == FactKind.CALCULATED
    assert round(pct.value, 2) == Decimal("27.54")
    assert pct.formula == "(339,563,000 - 266,249,000) / 266,249,000 × 100"  # magnitudes, as used: no bars
    assert [i.value for i in pct.inputs] == [Decimal("-339563000"), Decimal("-266249000")]


def test_absolute_change_shows_its_inputs() -> None:
    d = calculate.absolute_change(fig("2349227000", label="Total revenues"),
                                  fig("1969977000", label="Total revenues", period="Q1 2025"))
    assert d.value == Decimal("379250000") and d.unit == "RMB"
    assert d.formula == "2,349,227,000 - 1,969,977,000"


def test_a_loss_over_revenue_is_a_negative_margin_and_a_cost_share_is_positive() -> None:
    revenue = fig("2349227000", label="Total revenues")
    assert round(calculate.ratio(fig("-326987000", label="Operating loss"), revenue, percent=True).value, 1) == \
        Decimal("-13.9")
    assert round(calculate.ratio(fig("-194285000", label="Research and development expenses"), revenue,
                                 percent=True).value, 1) == Decimal("8.3")


def test_figures_in_different_units_are_not_combined() -> None:
    with pytest.raises(calculate.CalculationError):
        calculate.total([fig("1", "RMB"), fig("1", "USD")], metric="sum", label="sum")
    with pytest.raises(calculate.CalculationError):
        calculate.percent_change(fig("1", "RMB"), fig("1", "USD"))


@given(st.decimals(min_value=-10**12, max_value=10**12, places=3, allow_nan=False),
       st.decimals(min_value=-10**12, max_value=10**12, places=3, allow_nan=False))
def test_sum_then_difference_round_trips_exactly(a: Decimal, b: Decimal) -> None:
    s = calculate.total([fig(str(a)), fig(str(b))], metric="s", label="s")
    assert calculate.apply("-", s.value, b) == a


@pytest.mark.parametrize(("make", "formula"), [
    (lambda: calculate.percent_change(fig("-339563000"), fig("-266249000", period="Q2 2024")),
     "(339,563,000 - 266,249,000) / 266,249,000 × 100"),
    (lambda: calculate.percent_change(fig("50"), fig("-100", period="Q2 2024")), "(50 - (-100)) / 100 × 100"),
    (lambda: calculate.absolute_change(fig("-339563000"), fig("-266249000", period="Q2 2024")),
     "339,563,000 - 266,249,000"),
    (lambda: calculate.difference(fig("50"), fig("-100"), percent=True), "(50 - (-100)) / 100 × 100"),
])
def test_formulas_show_the_numbers_used_without_absolute_value_bars(make, formula: str) -> None:  # noqa: ANN001
    made = make()
    assert made.formula == formula and "|" not in made.formula

