"""The label-free generalization report over the wild corpus (`earnings-qa eval --wild`)."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner

from assistant.answers import Figure
from evals import wild
from index.facts import Fact, Unit
from tests.conftest import FakeEmbedding
from ui.cli import cli

SAMPLE = ["agree-realty_2024Q4", "readly_2024Q4", "mcdonalds_2022Q4"]  # fixed-width, sentences only, glyph-id PDF


def test_sources_give_every_wild_release_its_listed_metadata() -> None:
    srcs = wild.sources()
    assert len(srcs) == 145 and {p.stem for p in wild.releases()} == set(srcs)
    costco = srcs["costco_FY2023Q1"]
    assert (costco.period_end, costco.currency_code) == (date(2022, 11, 20), "USD")
    assert srcs["ase-technology_2024Q4"].currency_code == "TWD" and srcs["advantest_FY2018Q3"].fy_end_month == 3


def _fact(label: str, value: int, end: date = date(2024, 12, 31), months: int = 0, unit: Unit = Unit.CURRENCY,
          statement: str = "Balance sheet") -> Fact:
    return Fact(document="d", company="C", statement=statement, label=label, metric="m", period="", period_end=end,
                months=months, currency="USD", unit=unit, value=Decimal(value))


def test_consistency_checks_pass_and_fail() -> None:
    passed, failed = wild.consistency([
        _fact("Total assets", 1_000_000_000), _fact("Total liabilities and equity", 1_000_000_000),
        _fact("Total assets", 900_000_000, date(2023, 12, 31)),
        _fact("Total liabilities and equity", 950_000_000, date(2023, 12, 31)),
        _fact("Revenue", 100_000_000, months=3, statement="Income"),
        _fact("Cost of revenue", -60_000_000, months=3, statement="Income"),
        _fact("Gross profit", 40_000_000, months=3, statement="Income")])
    assert passed == 2 and len(failed) == 1 and "balance sheet" in failed[0]


def test_gross_profit_check_takes_every_cost_row_printed_between_revenue_and_gross_profit() -> None:
    """AMD prints 'Amortization of acquisition-related intangibles' between cost of sales and gross profit: the
    release adds up, and the check says so; a row printed elsewhere in the table does not count."""
    def row(label: str, value: int, row_no: int, column: int = 2) -> Fact:
        return replace(_fact(label, value, months=3, statement="Income"),
                       locator=f"table 3, row {row_no}, column {column}")
    amd = [row("Net revenue", 10_270_000_000, 1), row("Cost of sales", 4_433_000_000, 2),
           row("Amortization of acquisition-related intangibles", 260_000_000, 3),
           row("Gross profit", 5_577_000_000, 4), row("Research and development", 2_330_000_000, 5)]
    assert wild.consistency(amd) == (1, [])
    with_total = [*amd[:3], row("Total cost of sales", 4_693_000_000, 4), replace(amd[3], locator="table 3, row 5, "
                                                                                             "column 2")]
    assert wild.consistency(with_total) == (1, [])
    moved = [amd[0], amd[1], replace(amd[2], locator="table 3, row 5, column 2"), amd[3]]
    passed, failed = wild.consistency(moved)
    assert passed == 0 and "gross profit" in failed[0]


def test_wild_report_over_a_few_releases(tmp_path: Path) -> None:
    folder = tmp_path / "wild"
    folder.mkdir()
    for stem in SAMPLE:
        src = next(wild.WILD.glob(stem + ".*"))
        shutil.copy(src, folder / src.name)
    out = tmp_path / "reports"
    result = CliRunner().invoke(cli, ["--home", str(tmp_path / "home"), "eval", "--wild", "--corpus", str(folder),
                                      "--out", str(out)], obj={"embedder": FakeEmbedding()})
    assert result.exit_code == 0, result.output
    report = json.loads((out / "wild.json").read_text())
    rows = {r["document"]: r for r in report["releases"]}
    assert set(rows) == set(SAMPLE) and report["totals"]["all"]["crashes"] == 0
    agree = rows["agree-realty_2024Q4"]
    assert agree["meta_right"] == {"company": True, "period_end": True, "currency": True}
    assert agree["facts"] > 100 and agree["round_trip"] == 40 and agree["round_trip_right"] >= 30
    assert len(agree["battery"]) == len(wild.BATTERY) + 1
    # the glyph-id PDF: an honest 'no text' reason, never garbage facts
    assert rows["mcdonalds_2022Q4"]["facts"] == 0 and "text" in rows["mcdonalds_2022Q4"]["error"]
    assert "| all |" in (out / "wild.md").read_text()


def test_a_figure_printed_rounded_is_the_same_figure_as_its_exact_twin() -> None:
    """'$ 2,033' in a table in thousands and the statement's 2,033,324 are one figure; 2,040,000 is not."""
    fact = Fact(document="d", company="c", statement="Highlights", label="Revenue", metric="revenue",
                period="Q3 2024", period_end=date(2024, 9, 30), months=3, currency="USD", unit=Unit.CURRENCY,
                value=Decimal(2_033_000), quote="$ 2,033")
    assert wild._same_as_printed(Decimal(2_033_324), fact)
    assert not wild._same_as_printed(Decimal(2_040_000), fact)


def test_the_round_trip_takes_a_row_printed_with_the_other_sign_convention_as_that_row() -> None:
    """'Other (income) expense, net' -20,170 is 'Other income (expense), net' 20,170, and 'Depreciation and
    amortization' (2,417) in one statement is 2,417 in another; another row, or another size, is not."""
    def fact(label: str, value: int) -> Fact:
        return Fact(document="d", company="c", statement="Income", label=label, metric="m", period="Q3 2024",
                    period_end=date(2024, 9, 30), months=3, currency="USD", unit=Unit.CURRENCY, value=Decimal(value))

    def fig(label: str, value: int) -> Figure:
        return Figure.from_fact(fact(label, value))

    asked = fact("Other (income) expense, net", -20_170)
    assert wild._same_row_other_sign(fig("Other income (expense), net", 20_170), asked)
    assert wild._same_row_other_sign(fig("Depreciation and amortization", 2_417),
                                     fact("Depreciation and amortization", -2_417))
    assert not wild._same_row_other_sign(fig("Other income (expense), net", 20_171), asked)
    assert not wild._same_row_other_sign(fig("Interest income (expense), net", 20_170), asked)
    assert not wild._same_row_other_sign(fig("Other income (expense), net", -20_170), asked)


def test_a_column_of_note_references_holds_no_amounts() -> None:
    """'GAAP | Adjustment | Note | Non-GAAP' reconciliations print '(1)', '(2)' in their note column: those are no
    figures the parser failed to read. A column of small amounts in brackets among others is kept."""
    rows = [("$ 186,400", "$ (3,292)", "(1)", "$ 183,108"), ("74,639", "(1,149)", "(1)", "73,490"),
            ("48,094", "(48,094)", "(2)", "—"), ("19,561", "(19,561)", "(4)", "—")]
    assert wild.note_columns(rows) == {(4, 2)}
    amounts = [("(1)", "(2)", "5"), ("(3)", "(1)", "4"), ("12", "(7)", "(1)")]  # no marker referred to twice
    assert wild.note_columns(amounts) == set()


def test_change_columns_are_no_amounts_to_read() -> None:
    """'2024 | 2023 | % change' rows print '(12.3)' without a '%' sign in the change column: a rate, never a value
    the parser should have read, so coverage does not count it; tables without change columns count every number."""
    assert wild.amounts_of_row(3, 2, changes=True) == 2
    assert wild.amounts_of_row(6, 4, changes=True) == 4
    assert wild.amounts_of_row(1, 2, changes=True) == 1
    assert wild.amounts_of_row(9, 1, changes=False) == 9
