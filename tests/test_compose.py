"""Amounts as releases print them; rounding only for display."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from assistant import compose
from assistant.answers import Figure
from index.facts import FactKind


def fig(value: str, unit: str, label: str = "Total revenues", per_share: bool = False,
        kind: FactKind = FactKind.REPORTED) -> Figure:
    return Figure("m", label, "C", "d", "Q2 2025", date(2025, 6, 30), 3, Decimal(value), unit, kind,
                  per_share=per_share)


@pytest.mark.parametrize(("value", "unit", "per_share", "shown"), [
    ("339563000", "RMB", False, "RMB339.6 million"),
    ("-339563000", "RMB", False, "(RMB339.6 million)"),
    ("84742000000", "USD", False, "$84,742 million"),
    ("43245368", "USD", False, "$43.2 million"),
    ("0.76", "USD", True, "$0.76"),
    ("-0.11", "RMB", True, "(RMB0.11)"),
    ("27.5", "%", False, "27.5%"),
    ("1.2345", "x", False, "1.2345x"),
    ("3649307331", "shares", False, "3,649.3 million shares"),
    ("186779", "count", False, "186,779"),
    ("640500", "EUR", False, "€640.5 thousand"),
])
def test_amounts_keep_currency_and_scale(value: str, unit: str, per_share: bool, shown: str) -> None:
    assert compose.amount(fig(value, unit, per_share=per_share)) == shown


@pytest.mark.parametrize(("value", "unit", "kind", "shown"), [
    ("32", "%", FactKind.REPORTED, "32%"),
    ("3.20", "%", FactKind.REPORTED, "3.20%"),
    ("27.5", "%", FactKind.REPORTED, "27.5%"),
    ("-1.0", "pp", FactKind.REPORTED, "-1.0 percentage points"),
    ("1.8", "x", FactKind.REPORTED, "1.8x"),
    ("27.53587806", "%", FactKind.CALCULATED, "27.5%"),
    ("32", "%", FactKind.CALCULATED, "32.0%"),
    ("1.23456", "x", FactKind.CALCULATED, "1.23x"),
])
def test_rates_show_the_precision_the_release_printed(value: str, unit: str, kind: FactKind, shown: str) -> None:
    assert compose.amount(fig(value, unit, kind=kind)) == shown


def test_calculated_values_reach_json_rounded_without_float_artefacts() -> None:
    import json

    g = fig("9.053152376197177123456", "%", kind=FactKind.CALCULATED)
    assert json.dumps(g.to_json()["value"]) == "9.0532"
    assert fig("9.053152376197177", "%").to_json()["value"] == 9.053152376197177  # a reported cell is exact
    assert fig("12.50000", "%", kind=FactKind.CALCULATED).to_json()["value"] == 12.5


def test_usd_beside_another_reporting_currency_is_us_dollars() -> None:
    assert compose.amount(fig("327939000", "USD"), home_currency="RMB") == "US$327.9 million"


def test_a_cost_is_said_by_its_size_but_tabled_with_its_sign() -> None:
    g = fig("-339563000", "RMB", label="General and administrative expenses")
    assert compose.spoken(g) == "RMB339.6 million"
    assert "(RMB339.6 million)" in compose.figures_table([g])
    assert compose.spoken(fig("-1500000", "RMB", label="Operating income")) == "(RMB1.5 million)"


def test_table_cells_cannot_break_the_markdown_table() -> None:
    g = Figure("m", "A | B", "C", "d", "Q2 2025", None, 3, Decimal(1), "%", FactKind.CALCULATED,
               formula="|(-1)| / 2")
    row = compose.figures_table([g]).splitlines()[2]
    assert row.count(" | ") == 3


def _change(new: str, old: str, stated: str | None, metric: str = "ga") -> tuple[Figure, ...]:
    from dataclasses import replace

    from assistant import calculate

    a = replace(fig(new, "RMB", label="G&A"), metric=metric)
    b = replace(fig(old, "RMB", label="G&A"), metric=metric, period="Q2 2024", period_end=date(2024, 6, 30))
    calc = calculate.percent_change(a, b)
    if stated is None:
        return (a, calc, b)
    said = replace(fig(stated, "%", label="G&A year-over-year change"), metric=f"{metric}_year_over_year_change")
    return (a, said, calc, b)


@pytest.mark.parametrize(("figures", "rows", "checked"), [
    (_change("-339563000", "-266249000", "27.5"), 3, True),  # stated +27.5%, calculated 27.54%: one row
    (_change("-339563000", "-266249000", "30.1"), 4, False),  # the release says otherwise: both shown
    (_change("-339563000", "-266249000", None), 3, False),  # nothing stated: the calculation is the row
])
def test_a_stated_change_the_table_agrees_with_is_one_row(figures: tuple[Figure, ...], rows: int,
                                                          checked: bool) -> None:
    shown = compose.shown_figures(figures)
    assert len(shown) == rows
    assert any(check is not None for _, check in shown) == checked
    table = compose.figures_table(figures)
    assert ("the table's figures agree: `(339,563,000 - 266,249,000) / 266,249,000 × 100`" in table) == checked
