"""Statements of changes in equity: components as columns, balances at days and the period's movements as rows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from index.blocks import RawRow, RawTable
from index.equity import BALANCE_ROW_EXAMPLES, TITLE, TITLE_EXAMPLES, balance_day, names_carried_on
from index.metadata import ReleaseMeta
from index.tables import table_facts

NAMES = ("Called up share capital", "Retained profit", "Total", "Non- controlling interest", "Total equity")


def _meta() -> ReleaseMeta:
    return ReleaseMeta(company="Co", short_name="Co", ticker=None, period="H1 2024", period_end=date(2024, 6, 30),
                       months=6, currency="EUR", scale=1_000_000, release_date=None, bare_years=False)


def _statement(header: str = "First half - 2024", names: tuple[str, ...] = NAMES,
               title: str = "Consolidated statement of changes in equity (€ million)") -> RawTable:
    rows = (
        RawRow("1 January 2024", ("88", "47,052", "47,140", "2,662", "49,802")),
        RawRow("Profit or loss for the period", ("–", "3,701", "3,701", "315", "4,016")),
        RawRow("Dividends on ordinary capital", ("–", "(2,136)", "(2,136)", "–", "(2,136)")),
        RawRow("30 June 2024", ("88", "48,617", "48,705", "2,977", "51,682")),
    )
    return RawTable(0, title, (header,), rows, "line 747", names)


@pytest.mark.parametrize(("title", "named"), TITLE_EXAMPLES)
def test_the_statement_is_told_by_its_title(title: str, named: bool) -> None:
    assert bool(TITLE.search(title)) is named


@pytest.mark.parametrize(("label", "day"), BALANCE_ROW_EXAMPLES)
def test_balance_rows_give_the_day_of_their_balance(label: str, day: date | None) -> None:
    assert balance_day(label) == day


def test_equity_statement_gives_balances_and_movements_per_component() -> None:
    facts = {(f.label, f.section, f.period_end, f.months): f.value
             for f in table_facts(_statement(), _meta(), "co_2024H1", 1, inherited_scale=1_000_000)}
    # an opening day's balance is the closing balance of the day before
    assert facts["Retained profit", "", date(2023, 12, 31), 0] == Decimal("47052000000")
    assert facts["Total equity", "", date(2024, 6, 30), 0] == Decimal("51682000000")
    # the last column, equity's total, is the company's own movement; the others are under their component
    assert facts["Profit or loss for the period", "", date(2024, 6, 30), 6] == Decimal("4016000000")
    assert facts["Profit or loss for the period", "Retained profit", date(2024, 6, 30), 6] == Decimal("3701000000")
    assert facts["Dividends on ordinary capital", "", date(2024, 6, 30), 6] == Decimal("-2136000000")
    # a dash is no movement, and gives no fact
    assert ("Dividends on ordinary capital", "Called up share capital", date(2024, 6, 30), 6) not in facts


def test_equity_statement_row_of_another_width_gives_nothing() -> None:
    """Regression guard: a row that prints fewer figures than there are components (a PDF that lost its dashes)
    would put figures in the wrong component."""
    table = _statement()
    short = RawRow("Net income", ("7,473", "7,473", "7,473"))
    table = RawTable(0, table.title, table.header, (*table.rows, short), table.where, table.column_names)
    facts = table_facts(table, _meta(), "co_2024H1", 1, inherited_scale=1_000_000)
    assert not [f for f in facts if f.label == "Net income"]


def test_columns_that_are_not_components_are_no_equity_statement() -> None:
    """Segments over one period ('Americas | Europe | Total') stay a segment matrix."""
    table = _statement(names=("Americas", "Europe", "Asia", "Other", "Total"), title="Segment information")
    facts = table_facts(table, _meta(), "co_2024H1", 1, inherited_scale=1_000_000)
    assert not any(f.statement.lower().endswith("equity") for f in facts)


def test_equity_statement_split_at_a_period_heading_keeps_its_component_names() -> None:
    first = _statement()
    second = RawTable(1, "Consolidated statement of changes in equity", ("First half - 2023",), first.rows,
                      first.where)
    assert names_carried_on([first, second])[1].column_names == NAMES
    # not from another place in the document
    elsewhere = RawTable(1, second.title, second.header, second.rows, "line 900")
    assert names_carried_on([first, elsewhere])[1].column_names == ()
