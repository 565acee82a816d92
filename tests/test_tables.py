"""Raw tables -> facts: the column layouts of annual-report extracts and per-share rows named by basis only."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from index.blocks import RawRow, RawTable
from index.facts import Unit
from index.metadata import ReleaseMeta
from index.metrics import normalise_label
from index.periods import FiscalCalendar
from index.reconciliations import (
    BASIS_COLUMN_EXAMPLES,
    RECONCILIATION_EXAMPLES,
    basis_blocks,
    basis_column,
    three_amounts,
)
from index.tables import (
    _CHANGE_SPAN,
    _HUNDREDTHS,
    CATEGORY_EXAMPLES,
    CHANGE_SPAN_EXAMPLES,
    COMMON_SIZE_EXAMPLES,
    COMPARISON_TITLE_EXAMPLES,
    HUNDREDTHS_EXAMPLES,
    QUARTER_NAME_EXAMPLES,
    RATE_STEPS_EXAMPLES,
    SHARE_CAPITAL,
    SHARE_CAPITAL_EXAMPLES,
    SHARE_COUNT,
    SHARE_COUNT_EXAMPLES,
    TITLE_BASIS_EXAMPLES,
    categories_carried_on,
    category_names,
    common_size,
    comparison_title_lines,
    quarter_number,
    rate_steps,
    table_facts,
    without_footnote_column,
    without_share_columns,
)


def _meta(**kw: object) -> ReleaseMeta:
    base = dict(company="Co", short_name="Co", ticker=None, period="FY2019", period_end=date(2019, 12, 31),
                months=12, currency="USD", scale=1, release_date=None, bare_years=True)
    base.update(kw)
    return ReleaseMeta(**base)  # type: ignore[arg-type]


def _table(header: tuple[str, ...], rows: list[tuple[str, tuple[str, ...]]], section: str = "") -> RawTable:
    return RawTable(0, "", header, tuple(RawRow(label, values, section) for label, values in rows), "line 1")


@pytest.mark.parametrize(("header", "values"), [
    (("Years ended December 31,", "2019 | 2018 | $ Difference | % Difference"),
     ("$24,371", "$14,794", "$9,577", "64.7%")),
    (("Years Ended December 31,", "2019 | 2018 | Increase / (Decrease)"), ("$24,371", "$14,794", "$9,577")),
])
def test_difference_columns_after_the_periods_are_left_out(header: tuple[str, ...], values: tuple[str, ...]) -> None:
    """Regression: a '$ Difference' / 'Increase / (Decrease)' column made every row one value too wide, and the
    whole table was dropped."""
    table = _table(header, [("Selling expense", values), ("Research expense", values)])
    facts = table_facts(table, _meta(), "doc", inherited_scale=1)
    assert {(f.period_end, f.value) for f in facts if f.label == "Selling expense"} == {
        (date(2019, 12, 31), Decimal("24371")), (date(2018, 12, 31), Decimal("14794"))}


def test_dated_columns_of_an_annual_report_are_its_fiscal_years() -> None:
    """Regression: 'April 26, 2019 | April 27, 2018' (no span words) gave no periods, so no facts."""
    cal = FiscalCalendar(4, 0)
    table = _table(("April 26, 2019 | April 27, 2018",), [("Reserves and accruals", ("$ 50", "$ 57")),
                                                          ("Net operating loss", ("139", "131"))])
    facts = table_facts(table, _meta(calendar=cal), "doc", inherited_scale=1)
    got = {(f.period, f.months, f.value) for f in facts if f.label == "Reserves and accruals"}
    assert got == {("FY2019", 12, Decimal("50")), ("FY2018", 12, Decimal("57"))}
    # a release (no bare_years) still refuses to guess what such a column spans
    assert table_facts(table, _meta(calendar=cal, bare_years=False), "doc", inherited_scale=1) == []


@pytest.mark.parametrize(("section", "total", "label"), [
    ("Non-current assets:", "2,210", "Total Non-current assets"),
    ("CURRENT LIABILITIES", "2,210", "Total current liabilities"),
    ("Less Current liabilities:", "2,210", "Total Current liabilities"),
    ("", "$ 2,210", None),  # no heading to name it: a bare 'Total' would answer any "total X"
    ("Non-current assets:", "2,300", None),  # no sum of the rows above: it stays nameless and gives nothing
])
def test_a_nameless_row_that_sums_the_rows_above_is_their_total(section: str, total: str, label: str | None) -> None:
    """Regression (TAT-QA's accrued liabilities, Blue Power's balance sheet): a total printed without a name gave no
    figure, so 'total accrued liabilities' or 'total current liabilities' was refused."""
    table = _table(("2019 | 2018",), [("Property", ("1,200", "1,100")), ("Intangibles", ("1,010", "900")),
                                      ("", (total, "2,000"))], section=section)
    facts = table_facts(table, _meta(), "doc", inherited_scale=1)
    totals = {f.label for f in facts if f.label not in ("Property", "Intangibles")}
    assert totals == ({label} if label else set())


def test_a_heading_row_of_year_lengths_names_no_span() -> None:
    """Regression (Woolworths): '2019 | 2018' over '53 WEEKS | 52 WEEKS' gave no periods, so no facts."""
    table = _table(("2019 | 2018", "53 WEEKS | 52 WEEKS"), [("Sales", ("8,657", "8,244")), ("EBIT", ("474", "516"))])
    facts = table_facts(table, _meta(), "doc", inherited_scale=1)
    assert {(f.period, f.months, f.value) for f in facts if f.label == "Sales"} == {
        ("FY2019", 12, Decimal("8657")), ("FY2018", 12, Decimal("8244"))}


def test_per_share_rows_named_by_their_basis_are_per_share() -> None:
    """Regression: NVIDIA's 'Diluted net income per share: GAAP $0.76 / Non-GAAP $0.81' were read as amounts in
    millions ($810,000)."""
    table = _table(("Three Months Ended | April 27, 2025 | January 26, 2025",),
                   [("GAAP", ("$ 0.76", "$ 0.89")), ("Non-GAAP", ("$ 0.81", "$ 0.89"))],
                   section="Diluted net income per share (D)")
    facts = table_facts(table, _meta(scale=1_000_000, bare_years=False), "doc")
    non_gaap = [f for f in facts if f.label == "Non-GAAP"]
    assert non_gaap and all(f.unit == Unit.PER_SHARE for f in non_gaap)
    assert {f.value for f in non_gaap} == {Decimal("0.81"), Decimal("0.89")}


def test_change_columns_naming_two_years_are_not_periods() -> None:
    """Regression: 'Percentage Change 2019 Versus 2018' put two more years in the header, and the table was
    dropped as ambiguous."""
    table = _table(("(In millions) | 2019 | 2018 | 2017 | Percentage Change 2019 Versus 2018 | "
                    "Percentage Change 2018 Versus 2017",),
                   [("Revenue", ("$ 125,843", "$ 110,360", "$ 96,571", "14%", "14%")),
                    ("Gross margin", ("82,933", "72,007", "62,310", "15%", "16%"))])
    facts = table_facts(table, _meta(), "doc")
    assert {(f.period, f.value) for f in facts if f.label == "Revenue"} == {
        ("FY2019", Decimal("125843000000")), ("FY2018", Decimal("110360000000")), ("FY2017", Decimal("96571000000"))}


@pytest.mark.parametrize(("values", "expected"), [
    (("5, 9", "139,288", "218,497"), (Decimal("139288"), Decimal("218497"))),  # a "Note" column's references
    (("5,", "9", "139,288", "218,497"), (Decimal("139288"), Decimal("218497"))),
    (("10", "(686)", "3,757"), (Decimal("-686"), Decimal("3757"))),
    (("4", "(373)", "(313)"), (Decimal("-373"), Decimal("-313"))),  # a footnote marker printed apart
])
def test_note_references_before_the_amounts_are_no_figures(values: tuple[str, ...], expected: tuple) -> None:
    """Regression: IFRS statements' 'Note' column ('Net sales  5, 9  139,288  218,497') made rows one or two values
    too wide, and the row was dropped (or a letter-spacing repair glued '5 3,233' into 53,233)."""
    table = _table(("Nine months ended December 31, 2017 | Nine months ended December 31, 2018",),
                   [("Net sales", tuple(v for v in values[0].split() if v) + values[1:]),
                    ("Cost of sales", ("(70,540)", "(98,869)"))])
    facts = table_facts(table, _meta(bare_years=False), "doc", inherited_scale=1)
    assert tuple(f.value for f in facts if f.label == "Net sales") == expected


def test_small_leading_values_of_a_row_that_fits_are_kept() -> None:
    """Counter-example: a row as wide as the header keeps its small first value."""
    table = _table(("Three months ended June 30, 2025 | Three months ended June 30, 2024",),
                   [("Stores opened", ("5", "9")), ("Net sales", ("1,234", "1,100"))])
    facts = table_facts(table, _meta(bare_years=False), "doc", inherited_scale=1)
    assert [f.value for f in facts if f.label == "Stores opened"] == [Decimal(5), Decimal(9)]


def test_an_amount_is_never_a_rate() -> None:
    """Regression: a row printing '% of total' cells beside its amounts ('$ 149,638 | 30 %') made every cell of the
    row a percentage ($149,638 thousand stored as 149638%); an amount beside rates is left out, not mislabelled."""
    table = _table(("(Dollars in thousands) | Three Months Ended December 31, | Change | Year Ended December 31, | "
                    "Change", "2024 | 2023 | 2024 | 2023"),
                   [("Pega Cloud", ("$ 149,638", "30 %", "$ 120,346", "25 %", "$ 29,292", "24 %", "$ 558,734", "37 %",
                                    "$ 461,328", "32 %", "$ 97,406", "21 %")),
                    ("Maintenance", ("$ 83,614", "17 %", "$ 82,349", "17 %", "$ 1,265", "2 %", "$ 330,115", "22 %",
                                     "$ 324,545", "22 %", "$ 5,570", "2 %"))])
    facts = table_facts(table, _meta(bare_years=False), "doc", inherited_scale=1000)
    assert not [f for f in facts if f.unit == Unit.PERCENT and abs(f.value) >= 1000]


def test_growth_rows_printing_percent_on_some_cells_stay_rates() -> None:
    """Counter-example: '6.0 % | (8.1)' is a row of rates."""
    table = _table(("Three Months Ended December 31, 2024 | 2023",),
                   [("Organic growth", ("6.0 %", "(8.1)")), ("Net sales", ("1,234", "1,100"))])
    facts = table_facts(table, _meta(bare_years=False), "doc", inherited_scale=1)
    assert {(f.unit, f.value) for f in facts if f.label == "Organic growth"} == {
        (Unit.PERCENT, Decimal("6.0")), (Unit.PERCENT, Decimal("-8.1"))}


@pytest.mark.parametrize(("header", "read"), CHANGE_SPAN_EXAMPLES)
def test_a_change_column_naming_periods_is_no_period_column(header: str, read: str) -> None:
    assert _CHANGE_SPAN.sub(" change ", header) == read


@pytest.mark.parametrize(("label", "normal"), [
    ("Weighted average units outstanding - diluted(iii)", "weighted average units outstanding - diluted"),
    ("FFO(i) per unit diluted", "ffo per unit diluted"),
    ("Tangible book value per common share¹", "tangible book value per common share"),
    ("Adjusted EBITDA (2)", "adjusted ebitda"),
    ("Total revenues(1)", "total revenues"),
    ("a. Revenue from operations", "revenue from operations"),
    ("(ii) Other income", "other income"),
    # counter-examples: words in parentheses are part of the label
    ("Net income (loss)", "net income (loss)"),
    ("Profit/(loss) after tax (7 + 8)", "profit/(loss) after tax (7 + 8)"),
])
def test_footnote_markers_are_no_part_of_a_label(label: str, normal: str) -> None:
    assert normalise_label(label) == normal


@pytest.mark.parametrize(("title", "header", "outlook"), [
    ("Reconciliation of GAAP Outlook to Adjusted Outlook", ("Year Ended January 3, 2026",), True),
    ("OPERATING REVENUE GROWTH FORECAST", ("Twelve months ended December 31, 2025",), True),
    ("Consolidated Balance Sheets", ("Guidance for Q1 2026",), True),
    # the safe-harbour paragraph that sits above a balance sheet is no heading of it
    ("This news release contains forward-looking statements within the meaning of the federal securities laws. "
     "Statements in this release that are not strictly historical are forward-looking and are based upon current "
     "expectations that may differ materially from actual results. / Consolidated Balance Sheets",
     ("December 31, 2024 and December 31, 2023",), False),
    ("Consolidated Statements of Operations", ("Three Months Ended December 31, 2024",), False),
])
def test_outlook_tables_are_told_by_their_headings_not_by_a_paragraph_above(title: str, header: tuple[str, ...],
                                                                           outlook: bool) -> None:
    from index.tables import is_outlook

    assert is_outlook(RawTable(0, title, header, (), "line 1")) is outlook


def _segment_table(title: str, names: tuple[str, ...], rows: list[tuple[str, tuple[str, ...]]]) -> RawTable:
    return RawTable(0, title, ("Year Ended December 31, 2024",),
                    tuple(RawRow(label, values) for label, values in rows), "line 1", column_names=names)


def test_a_segment_matrix_gives_each_part_its_section_and_the_total_to_the_company() -> None:
    table = _segment_table("Annual Results by Business Segment", ("Consumer Banking", "U.S. Drilling", "Total"),
                           [("Total revenue", ("$ 41,436", "22,929", "64,365")),
                            ("Net income", ("10,759", "", "10,759"))])
    facts = {(f.label, f.section): f.value for f in table_facts(table, _meta(bare_years=False), "d",
                                                                 inherited_scale=1)}
    assert facts == {("Total revenue", "Consumer Banking segment"): Decimal(41436),
                     ("Total revenue", "U.S. Drilling segment"): Decimal(22929),
                     ("Total revenue", ""): Decimal(64365),
                     ("Net income", "Consumer Banking segment"): Decimal(10759),
                     ("Net income", ""): Decimal(10759)}


@pytest.mark.parametrize(("title", "names"), [
    ("Forward outlook reconciliation", ("Low", "High")),  # a range, not parts: the title names no segments
    ("Results by segment", ("Segment A", "Other reconcilingitems")),  # a part that is no name gives nothing...
])
def test_columns_that_are_not_the_company_s_parts_give_no_company_figures(title: str,
                                                                           names: tuple[str, ...]) -> None:
    table = _segment_table(title, names, [("Operating expenses", ("1,153", "1,193")), ("Other", ("5", "6"))])
    facts = table_facts(table, _meta(bare_years=False), "d", inherited_scale=1)
    assert all(f.section for f in facts)  # ...and no value reads as the company's own


def _quarters_table(header: tuple[str, ...], rows: list[tuple[str, tuple[str, ...]]]) -> RawTable:
    return RawTable(0, "(In millions of dollars)", header, tuple(RawRow(label, values) for label, values in rows),
                    "line 1")


def test_an_unnamed_change_column_is_told_by_its_arithmetic() -> None:
    """Regression (Kelly Services): the header names two periods in one phrase; the third amount of each row is
    the first minus the second, so it is the change, not a third period."""
    table = _quarters_table(("FOR THE 13 WEEKS ENDED DECEMBER 29, 2024 AND DECEMBER 31, 2023",),
                            [("Revenue from services", ("$ 1,191.1", "$ 1,232.2", "$ (41.1 )", "(3.3 ) %")),
                             ("Gross profit", ("238.9", "247.0", "(8.1 )", "(3.3 ) %")),
                             ("SG&A expenses", ("228.5", "229.2", "(0.7 )", "(0.3 ) %"))])
    facts = table_facts(table, _meta(bare_years=False), "d", inherited_scale=1_000_000)
    got = {(f.label, f.period_end) for f in facts if f.unit == Unit.CURRENCY}
    assert ("Revenue from services", date(2024, 12, 29)) in got and len(got) == 6
    assert Decimal("-41100000") not in {f.value for f in facts}


def test_a_third_column_that_is_a_sum_is_no_change_and_the_table_is_refused() -> None:
    """Counter-example (H&R REIT): 'IFRS | equity-accounted | proportionate' under one year: the third is the sum
    of the other two, not their difference; no column may be guessed."""
    table = _quarters_table(("Year ended December 31, 2024 and December 31, 2023",),
                            [("Rentals", ("816,990", "156,451", "973,441")),
                             ("Expenses", ("300,000", "50,000", "350,000"))])
    assert table_facts(table, _meta(bare_years=False), "d", inherited_scale=1) == []


def test_shares_of_a_total_between_the_amounts_are_skipped_before_change_blocks() -> None:
    """Regression (Pegasystems): '$ 149,638 | 30 % | $ 120,346 | 25 % | $ 29,292 | 24 %' per span: the 2023
    column is the second amount, never the 30 % share printed beside the first."""
    table = _quarters_table(("Three Months Ended December 31, | Change | Year Ended December 31, | Change",
                             "2024 | 2023 | 2024 | 2023"),
                            [("Pega Cloud", ("$ 149,638", "30 %", "$ 120,346", "25 %", "$ 29,292", "24 %",
                                             "$ 558,734", "37 %", "$ 461,328", "32 %", "$ 97,406", "21 %")),
                             ("Maintenance", ("81,257", "17 %", "86,646", "18 %", "(5,389 )", "(6 )%",
                                              "323,304", "22 %", "331,856", "24 %", "(8,552 )", "(3 )%"))])
    facts = table_facts(table, _meta(bare_years=False), "d", inherited_scale=1)
    got = {(f.label, f.period_end, f.months): f.value for f in facts}
    assert got[("Pega Cloud", date(2023, 12, 31), 3)] == Decimal(120346) * 1_000_000
    assert got[("Pega Cloud", date(2024, 12, 31), 12)] == Decimal(558734) * 1_000_000
    assert all(f.unit == Unit.CURRENCY for f in facts)


def test_a_caption_in_the_rows_section_scales_amounts_and_makes_no_row_per_share() -> None:
    """Regression (Kelly Services): '(In millions of dollars except per share data)' above the year row went into
    the rows' section; 'Net earnings 11.4' is $11.4 million, not $11.40 per share."""
    caption = "(In millions of dollars except per share data)"
    table = RawTable(0, "CONSOLIDATED STATEMENTS OF EARNINGS", ("FOR THE 13 WEEKS ENDED DECEMBER 29, 2024 AND "
                                                                "DECEMBER 31, 2023",),
                     (RawRow("Net earnings (loss)", ("(31.8 )", "11.4"), caption),
                      RawRow("Diluted earnings (loss) per share", ("(0.90 )", "0.31"), caption)), "line 1")
    facts = {(f.label, f.period_end): (f.unit, f.value) for f in table_facts(table, _meta(bare_years=False), "d")}
    assert facts[("Net earnings (loss)", date(2023, 12, 31))] == (Unit.CURRENCY, Decimal("11400000.0"))
    assert facts[("Diluted earnings (loss) per share", date(2023, 12, 31))] == (Unit.PER_SHARE, Decimal("0.31"))


def test_a_rate_and_its_change_give_no_amount_and_a_caption_of_two_scales_scales_nothing() -> None:
    """Regression (Circle): 'Reserve Return Rate | 4.2% | 96' (bps) is a rate and its change, not an amount of 96;
    '(USDC related figures in $ billions; meaningful wallets in millions)' names two scales, so neither is taken."""
    caption = "(USDC related figures in $ billions; meaningful wallets in millions)"
    table = RawTable(0, "Key Operating Indicators", ("Q3 2025",),
                     (RawRow("Reserve Return Rate", ("4.2%", "96"), caption),
                      RawRow("Meaningful Wallets, end of period", ("6.3", "77%"), caption),
                      RawRow("Average USDC in Circulation", ("$67.8", "97%"), caption)), "line 1")
    facts = table_facts(table, _meta(bare_years=False, period="Q3 2025", period_end=date(2025, 9, 30), months=3),
                        "d")
    assert not [f for f in facts if f.unit != Unit.PERCENT]
    assert Decimal(96) not in {f.value for f in facts}


@pytest.mark.parametrize(("label", "kept"), [
    ("RLDC Margin is calculated as Total Revenue and Reserve Income less Total Distribution", False),
    ("Includes costs associated with restoration and rebuild costs for the town of Paradise", False),
    ("Wildfire-related claims, net of recoveries", True),  # a small negative amount: '(2)' is -2
])
def test_a_footnote_read_as_a_row_gives_no_figure(label: str, kept: bool) -> None:
    table = _quarters_table(("Three Months Ended March 31, 2023",),
                            [("Revenue", ("5,000",)), ("Income", ("1,000",)), (label, ("(2)",))])
    facts = table_facts(table, _meta(bare_years=False), "d", inherited_scale=1)
    assert any(f.label == label for f in facts) is kept


def test_basic_and_diluted_rows_of_whole_thousands_are_share_counts_scaled_by_their_heading() -> None:
    """Regression (Costco, Golden Matrix): 'Shares used in calculation (000's)' / 'Basic 443,837' is 443.8 million
    shares, not $443,837 million; 'Basic $ 3.07' above it stays per share."""
    table = RawTable(0, "CONSOLIDATED STATEMENTS OF INCOME / (dollars in millions, except per share data)",
                     ("12 Weeks Ended", "November 20 2022", "November 21 2021"),
                     (RawRow("Basic", ("$ 3.07", "$ 2.99"), "NET INCOME PER COMMON SHARE"),
                      RawRow("Diluted", ("$ 3.07", "$ 2.98"), "NET INCOME PER COMMON SHARE"),
                      RawRow("Basic", ("443,837", "443,377"), "Shares used in calculation (000's)"),
                      RawRow("Diluted", ("444,531", "444,604"), "Shares used in calculation (000's)")), "page 3")
    facts = table_facts(table, _meta(bare_years=False, period="Q1 2023", period_end=date(2022, 11, 20),
                                      months=3), "d")
    got = {(f.section[:6], f.label, f.period_end): (f.unit, f.value) for f in facts}
    assert got[("Shares", "Basic", date(2022, 11, 20))] == (Unit.SHARES, Decimal(443_837_000))
    assert got[("NET IN", "Basic", date(2022, 11, 20))] == (Unit.PER_SHARE, Decimal("3.07"))


_BOFA_GROUPS = "Year Ended December 31 | Fourth Quarter | Third Quarter | Fourth Quarter"
_BOFA_YEARS = "2024 | 2023 | 2024 | 2024 | 2023"


def _bofa(stub: str, rows: list[tuple[str, tuple[str, ...]]]) -> list:
    table = RawTable(0, "Selected Financial Data / (In millions, except per share data)",
                     (f"{stub} | {_BOFA_GROUPS}", _BOFA_YEARS), tuple(RawRow(lab, vals) for lab, vals in rows),
                     "line 1")
    meta = _meta(bare_years=False, period="Q4 2024", period_end=date(2024, 12, 31), months=3)
    return table_facts(table, meta, "d")


def test_rows_under_a_per_share_stub_heading_are_per_share() -> None:
    """Regression (Bank of America): 'Per Common Share Information' heads the row labels; 'Earnings $3.25' is
    $3.25 a share, not $3.25 million."""
    facts = _bofa("Per Common Share Information", [("Earnings", ("$3.25", "$3.10", "$0.83", "$0.82", "$0.36")),
                                                   ("Book value", ("35.79", "33.34", "35.79", "35.37", "33.34"))])
    got = {(f.label, f.period_end, f.months): (f.unit, f.value) for f in facts}
    assert got[("Earnings", date(2024, 9, 30), 3)] == (Unit.PER_SHARE, Decimal("0.82"))
    # (book value is a balance, at each column's end)
    assert got[("Book value", date(2023, 12, 31), 0)] == (Unit.PER_SHARE, Decimal("33.34"))


def test_an_average_balance_sheet_gives_averages_over_the_columns_spans_never_balances() -> None:
    """'Total assets' under 'Summary Average Balance Sheet' is the quarter's average, not the balance at its end."""
    facts = _bofa("Summary Average Balance Sheet",
                  [("Total assets", ("3,284,228", "3,153,513", "3,318,094", "3,296,171", "3,213,159")),
                   ("Total deposits", ("1,924,106", "1,887,541", "1,957,950", "1,920,748", "1,905,011"))])
    assert facts and all(f.months in (3, 12) and f.section == "Summary Average Balance Sheet" for f in facts)
    # counter-example: the same rows under 'Summary Balance Sheet' are balances at the columns' ends
    ends = _bofa("Summary Balance Sheet", [("Total assets", ("3,284", "3,153", "3,284", "3,296", "3,153")),
                                           ("Total deposits", ("1,924", "1,887", "1,924", "1,920", "1,887"))])
    assert ends and all(f.months == 0 and f.section == "" for f in ends)


@pytest.mark.parametrize(("label", "values", "unit"), [
    ("Return on average common shareholders' equity", ("9.53", "9.75", "9.37", "9.44", "4.33"), Unit.PERCENT),
    ("Return on average allocated capital", ("26", "25", "27", "22", "20"), Unit.PERCENT),
    ("Efficiency ratio", ("61.2", "60.1", "60.0", "59.8", "62.0"), Unit.PERCENT),
    # counter-examples: an amount with its currency sign, or beyond any rate
    ("Return on average allocated capital", ("$26", "$25", "$26", "$22", "$20"), Unit.CURRENCY),
    ("Return on investment", ("1,026", "925", "826", "722", "620"), Unit.CURRENCY),
    ("Dividend payout ratio", ("52.38", "138.75", "137.08", "65.96", "48.10"), Unit.PERCENT),
    ("Net interest margin", ("0.56", "0.74", "0.72", "0.61", "0.70"), Unit.PERCENT),
    ("Tier 1 leverage ratio", ("6.9", "7.1", "6.9", "7.0", "7.1"), Unit.PERCENT),
    # any other ratio is a multiple ('7.2x' in the text), neither a rate nor an amount
    ("Net Debt Leverage Ratio", ("7.2", "6.1", "7.2", "6.8", "6.1"), Unit.OTHER),
    ("Current ratio", ("1.18", "1.21", "1.18", "1.25", "1.21"), Unit.OTHER),
])
def test_rows_named_as_a_rate_of_return_or_a_ratio_are_percentages(label: str, values: tuple[str, ...],
                                                                     unit: Unit) -> None:
    revenue = ("Total revenue", ("101,887", "98,581", "25,347", "25,345", "21,959"))
    facts = _bofa("Performance Ratios", [(label, values), revenue])
    assert {f.unit for f in facts if f.label == label} == {unit}


@pytest.mark.parametrize(("values", "kept"), RECONCILIATION_EXAMPLES)
def test_a_reconciliation_row_keeps_reported_adjustment_and_adjusted(values: tuple[str, ...],
                                                                     kept: tuple | None) -> None:
    assert three_amounts(values) == kept


def _reconciliation(title: str, rows: list[tuple[str, tuple[str, ...]]]) -> list:
    table = RawTable(0, f"{title} / (In thousands, except per share data)",
                     ("three months ended June 30 2024", "Three Months Ended June 30 2024"),
                     tuple(RawRow(lab, vals, "Operating expenses") for lab, vals in rows), "page 19")
    meta = _meta(bare_years=False, period="Q4 FY2024", period_end=date(2024, 6, 30), months=3)
    return table_facts(table, meta, "d")


_OPENTEXT = [
    ("Research and development", ("205,253", "(5,312)", "(1)", "199,941")),
    ("Sales and marketing", ("285,352", "(9,278)", "(1)", "276,074")),
    ("GAAP-based income from operations / Non-GAAP-based income from operations",
     ("193,258", "220,217", "(5)", "413,475")),
    ("GAAP-based earnings per share / Non-GAAP-based earnings per share-diluted",
     ("$ 0.91", "$ 0.07", "(8)", "$ 0.98")),
]


def test_a_reconciliation_in_columns_gives_reported_adjustment_and_non_gaap_figures() -> None:
    """Regression (OpenText): 'GAAP-based Measures | Adjustments | Note | Non-GAAP-based Measures' for one period,
    the names lost in the PDF's rotated header: the arithmetic (205,253 - 5,312 = 199,941) tells the layout."""
    facts = _reconciliation("Reconciliation of selected GAAP-based measures to Non-GAAP-based measures", _OPENTEXT)
    got = {f.label: (f.unit, f.value) for f in facts}
    assert got["Research and development"] == (Unit.CURRENCY, Decimal(205_253_000))
    assert got["Research and development, reconciling adjustment"] == (Unit.CURRENCY, Decimal(-5_312_000))
    assert got["Non-GAAP Research and development"] == (Unit.CURRENCY, Decimal(199_941_000))
    assert got["Non-GAAP-based income from operations"] == (Unit.CURRENCY, Decimal(413_475_000))
    assert got["GAAP-based income from operations"] == (Unit.CURRENCY, Decimal(193_258_000))
    assert got["Non-GAAP-based earnings per share-diluted"] == (Unit.PER_SHARE, Decimal("0.98"))
    assert all(f.period_end == date(2024, 6, 30) and f.months == 3 for f in facts)


def test_columns_that_do_not_add_up_or_a_table_that_reconciles_nothing_are_no_reconciliation() -> None:
    summed = [(label, (a, b, "(1)", str(int(a.replace(",", "")) + 1))) for label, (a, b, _, _) in _OPENTEXT[:2]] * 2
    assert _reconciliation("Reconciliation of GAAP to Non-GAAP", summed) == []
    assert _reconciliation("Selected financial data", _OPENTEXT) == []
    assert _reconciliation("Reconciliation of Adjusted EBITDA by segment", _OPENTEXT) == []


def test_net_debt_proceeds_in_a_cash_flow_stay_a_flow_while_net_debt_is_a_balance() -> None:
    """Regression (Amcor, open set): 'Net debt proceeds' of the cash flow statement was stored as a balance at the
    year's end and answered "net debt at June 30, 2023" with $228 million."""
    table = RawTable(0, "Condensed Consolidated Statements of Cash Flows / ($ million)",
                     ("Twelve Months Ended June 30, | 2023 | 2022",),
                     (RawRow("Net debt proceeds", ("228", "1,204")), RawRow("Net debt", ("6,057", "6,101")),
                      RawRow("Net debt1", ("6,057", "6,101")), RawRow("Dividends paid", ("(720)", "(711)"))), "page 9")
    facts = {f.label: f.months for f in table_facts(table, _meta(bare_years=False), "d")}
    assert facts["Net debt proceeds"] == 12 and facts["Net debt"] == 0 and facts["Net debt1"] == 0  # a footnote


def test_a_percent_sign_of_the_label_and_a_figure_at_period_end() -> None:
    """Regression (Kemira): 'Operative EBITDA %, O&G divestment adjusted | 18.7' was scaled into EUR 18.7 million
    (only a label ending in '%' was a rate); 'Equity ratio, % at period-end' and 'Equity per share, EUR' stood for
    a quarter and a year instead of at the period's end."""
    table = RawTable(0, "KEY FIGURES AND RATIOS", ("EUR million | Oct-Dec | Oct-Dec | Jan-Dec | Jan-Dec",
                                                   "2024 | 2023 | 2024 | 2023"),
                     (RawRow("Revenue", ("723.7", "808.8", "2,948.1", "3,383.7")),
                      RawRow("Operative EBITDA %, O&G divestment adjusted", ("18.7", "21.6", "20.0", "20.6")),
                      RawRow("Equity ratio, % at period-end", ("53", "48", "53", "48")),
                      RawRow("Equity per share, EUR", ("11.59", "10.84", "11.59", "10.84")),
                      RawRow("5% Notes due 2030", ("300.0", "300.0", "300.0", "300.0"))), "line 1")
    meta = replace(_meta(bare_years=False), currency="EUR", scale=1_000_000)
    facts = table_facts(table, meta, "d")
    units = {f.label: f.unit for f in facts}
    assert units["Operative EBITDA %, O&G divestment adjusted"] == Unit.PERCENT
    assert units["5% Notes due 2030"] == Unit.CURRENCY
    assert {f.months for f in facts if f.label.startswith(("Equity ratio", "Equity per share"))} == {0}
    assert {f.months for f in facts if f.label == "Revenue"} == {3, 12}


def test_an_annual_release_s_statement_of_operations_dated_at_year_ends_gives_the_years() -> None:
    """Regression (Royalty Management): 'STATEMENTS OF OPERATIONS' with columns 'Dec. 31, 2024 | Dec. 31, 2023' and
    no span words gave nothing; in an annual release, dated at the fiscal years' ends, they are those years. A
    quarter's release, or a date that ends no fiscal year, still refuses to guess."""
    table = RawTable(0, "ROYALTY MANAGEMENT HOLDING CORPORATION / STATEMENTS OF OPERATIONS",
                     ("Dec. 31 | , 2024 | Dec. 31 | , 2023",), (RawRow("TOTAL REVENUE", ("807,089", "488,520")),
                                                              RawRow("Cost of Revenue", ("(22,699)", "(16,594)"))),
                     "line 1")
    year = replace(_meta(bare_years=False), period="FY2024", period_end=date(2024, 12, 31), months=12, scale=1)
    got = {(f.period_end, f.months, f.value) for f in table_facts(table, year, "d", inherited_scale=1)
           if f.label == "TOTAL REVENUE"}
    assert got == {(date(2024, 12, 31), 12, Decimal("807089")), (date(2023, 12, 31), 12, Decimal("488520"))}
    assert table_facts(table, replace(year, months=3, period="Q4 2024"), "d", inherited_scale=1) == []
    mid_year = replace(table, header=("June 30, 2024 | Dec. 31, 2023",))
    assert table_facts(mid_year, year, "d", inherited_scale=1) == []


# J&J's statement of earnings (PDF): 'Amount | Percent to Sales' for each year, then the percent change
_SHARE_ROWS = [
    ("Sales to customers", ("$ 25,530", "100.0", "$ 24,020", "100.0", "6.3")),
    ("Cost of products sold", ("8,212", "32.2", "7,919", "33.0", "3.7")),
    ("Selling, marketing and administrative expenses", ("6,665", "26.1", "6,226", "25.9", "7.1")),
    ("Interest (income) expense, net", ("(23)", "(0.1)", "(26)", "(0.1)")),
    ("Net earnings", ("$ 5,144", "20.1", "$ 4,814", "20.0", "6.9")),
    ("Net earnings per share (Diluted)", ("$ 1.96", "$ 1.80", "8.9")),
]


def test_percent_of_sales_columns_and_percent_change_are_left_out() -> None:
    """Regression: J&J's statements print each amount's percent of sales beside it and a percent change after
    them; every row was two or three values too wide and the statement gave no facts."""
    table = _table(("SECOND QUARTER", "2023 2022"), _SHARE_ROWS)
    facts = table_facts(table, _meta(period="Q2 2023", period_end=date(2023, 6, 30), months=3, bare_years=False),
                        "doc", inherited_scale=1_000_000)
    got = {(f.label, f.period, f.value) for f in facts}
    assert ("Selling, marketing and administrative expenses", "Q2 2023", Decimal("6665000000")) in got
    assert ("Cost of products sold", "Q2 2022", Decimal("7919000000")) in got
    assert ("Interest (income) expense, net", "Q2 2023", Decimal("-23000000")) in got
    assert ("Net earnings per share (Diluted)", "Q2 2023", Decimal("1.96")) in got
    assert not any(f.value in (Decimal("32.2"), Decimal("26.1"), Decimal("7.1")) for f in facts)


@pytest.mark.parametrize("rows", [
    # shares that do not add up to the base row's: a column of other figures, not percents of sales
    [("Sales", ("$ 25,530", "100", "$ 24,020", "100", "6.3")),
     ("Cost of products sold", ("8,212", "40", "7,919", "41", "3.7")),
     ("Gross profit", ("17,318", "50", "16,101", "52", "7.6"))],
    # no base row printing 100 beside an amount
    [("Sales", ("$ 25,530", "99.0", "$ 24,020", "99.0", "6.3")),
     ("Cost of products sold", ("8,212", "32.2", "7,919", "33.0", "3.7")),
     ("Gross profit", ("17,318", "67.8", "16,101", "67.0", "7.6"))],
])
def test_columns_that_are_not_shares_of_a_base_row_stay(rows: list) -> None:
    table = _table(("SECOND QUARTER", "2023 2022"), rows)
    assert without_share_columns(table) == table


@pytest.mark.parametrize(("label", "name"), [
    ("Deferred tax assets (see Note 16)", "deferred tax assets"),
    ("Goodwill (Note 3 and 4)", "goodwill"),
    ("Free Cash Flow (non-U.S. GAAP measure)", "free cash flow"),
    # counter-examples: a basis that tells two rows apart, a word of the name
    ("Net income (non-GAAP)", "net income (non-gaap)"),
    ("Notes payable (current)", "notes payable (current)"),
])
def test_a_note_reference_or_disclaimer_is_no_part_of_a_rows_name(label: str, name: str) -> None:
    """Regression: 'Deferred tax assets (see Note 16)' and 'Free Cash Flow (non-U.S. GAAP measure)' did not answer
    to 'deferred tax assets' or 'free cash flow'."""
    assert normalise_label(label) == name


def test_small_amounts_under_a_header_that_states_their_scale_are_figures() -> None:
    """Regression: 'Salaries and fees | 4 | 4 | 4' under '2019 €m | 2018 €m | 2017 €m' looked like running text
    split at its numbers (bare one-digit values), and the table gave no facts."""
    rows = [("Salaries and fees", ("4", "4", "4")), ("Incentive schemes", ("2", "3", "2")),
            ("Other benefits", ("–", "1", "1"))]
    facts = table_facts(_table(("2019 €m | 2018 €m | 2017 €m",), rows), _meta(), "doc")
    assert {(f.label, f.period, f.value) for f in facts if f.label == "Incentive schemes"} == {
        ("Incentive schemes", "FY2019", Decimal("2000000")), ("Incentive schemes", "FY2018", Decimal("3000000")),
        ("Incentive schemes", "FY2017", Decimal("2000000"))}
    # counter-example: with no scale over the columns, bare small numbers are still read as split text
    assert table_facts(_table(("2019 | 2018 | 2017",), rows), _meta(), "doc", inherited_scale=1) == []


def test_a_dash_in_a_column_of_rates_is_no_amount() -> None:
    """Regression: Pfizer's 'Business Innovation $ 316 $ 317 — — $ 626 $ 655 (4%) (3%)' (the dashes in the
    second quarter's % change columns) put 0 in the six months' columns; McDonald's and Circle's tables alike."""
    header = ("($ in millions) Second Quarter Six Months", "% Change % Change 2023 2022 2023 2022")
    rows = [("Primary Care", ("5,810", "20,979", "72%", "72%", "17,315", "39,830", "57%", "55%")),
            ("Specialty Care", ("3,653", "3,358", "9%", "12%", "7,264", "6,863", "6%", "10%")),
            ("Business Innovation", ("$ 316", "$ 317", "—", "—", "$ 626", "$ 655", "(4%)", "(3%)"))]
    meta = _meta(period="Q2 2023", period_end=date(2023, 6, 30), months=3, bare_years=False)
    facts = table_facts(_table(header, rows), meta, "doc", inherited_scale=1_000_000)
    got = {(f.period, f.value) for f in facts if f.label == "Business Innovation"}
    assert got == {("Q2 2023", Decimal("316000000")), ("Q2 2022", Decimal("317000000")),
                   ("H1 2023", Decimal("626000000")), ("H1 2022", Decimal("655000000"))}


def _cells_facts(cells: list[list[str]]) -> list:
    from index.loaders import cells_to_table

    table = cells_to_table(cells, "", "line 1")
    assert table is not None
    return table_facts(table, _meta(), "doc", inherited_scale=1)


def test_a_measure_matrix_gives_each_period_and_measure_its_own_column() -> None:
    """Periods over the same measures each ('2019 | 2018' over 'Number of Shares | Weighted Average Grant Date
    Fair Value' twice): regression, the table was refused (four values under two periods), so no facts."""
    facts = _cells_facts([
        ["", "2019", "", "2018", ""],
        ["", "Number of Shares", "Weighted Average Grant Date Fair Value", "Number of Shares",
         "Weighted Average Grant Date Fair Value"],
        ["Shares granted", "253,113", "2.17", "200,000", "3.16"],
        ["Shares vested", "82,270", "2.28", "323,420", "2.84"]])
    got = {(f.label, f.section, f.period, f.unit, f.value) for f in facts if f.label == "Shares granted"}
    assert got == {("Shares granted", "Number of Shares", "FY2019", Unit.SHARES, Decimal("253113")),
                   ("Shares granted", "Weighted Average Grant Date Fair Value", "FY2019", Unit.PER_SHARE,
                    Decimal("2.17")),
                   ("Shares granted", "Number of Shares", "FY2018", Unit.SHARES, Decimal("200000")),
                   ("Shares granted", "Weighted Average Grant Date Fair Value", "FY2018", Unit.PER_SHARE,
                    Decimal("3.16"))}


def test_an_amount_beside_a_rate_in_a_measure_matrix_stays_an_amount() -> None:
    """Regression (Chimera's average balance table): 'Average Balance | Interest | Average Yield/Cost' per period,
    the yield printing '%'; the whole row was read as rates, so '507' of interest became 507 % and the balances,
    printed with '$', were dropped."""
    facts = _cells_facts([
        ["", "December 31, 2024", "", "", "December 31, 2023", "", ""],
        ["", "Average Balance", "Interest", "Average Yield/Cost", "Average Balance", "Interest",
         "Average Yield/Cost"],
        ["Agency RMBS", "$ 682,811", "$ 10,505", "6.1 %", "$ 19,136", "$ 303", "6.3 %"],
        ["Agency CMBS", "41,906", "507", "4.8 %", "105,270", "1,138", "4.3 %"]])
    got = {(f.section, f.unit, f.value) for f in facts if f.label == "Agency CMBS" and f.period_end.year == 2024}
    assert got == {("Average Balance", Unit.CURRENCY, Decimal(41906)), ("Interest", Unit.CURRENCY, Decimal(507)),
                   ("Average Yield/Cost", Unit.PERCENT, Decimal("4.8"))}
    assert {(f.section, f.unit) for f in facts if f.label == "Agency RMBS"} == {
        ("Average Balance", Unit.CURRENCY), ("Interest", Unit.CURRENCY), ("Average Yield/Cost", Unit.PERCENT)}


def test_measures_each_printed_once_over_the_same_periods_are_grouped_columns() -> None:
    """'Revenues | | Income (loss) from vessel operations |' over '2019 | 2018 | 2019 | 2018', a scale caption
    under the years ("RMB’Million"): regression, the repeated years read as no header, so no facts."""
    facts = _cells_facts([
        ["", "Revenues", "", "Income (loss) from vessel operations", ""],
        ["(in thousands of U.S. dollars)", "2019", "2018", "2019", "2018"],
        ["Teekay LNG", "601,256", "510,762", "299,253", "148,599"],
        ["Teekay Tankers", "943,917", "776,493", "123,883", "7,204"]])
    got = {(f.section, f.period, f.value) for f in facts if f.label == "Teekay LNG"}
    assert got == {("Revenues", "FY2019", Decimal("601256000")), ("Revenues", "FY2018", Decimal("510762000")),
                   ("Income (loss) from vessel operations", "FY2019", Decimal("299253000")),
                   ("Income (loss) from vessel operations", "FY2018", Decimal("148599000"))}
    scaled = _cells_facts([
        ["", "Financial assets", "", "Financial liabilities", ""],
        ["", "2019", "2018", "2019", "2018"],
        ["", "RMB’Million", "RMB’Million", "RMB’Million", "RMB’Million"],
        ["Additions", "39,143", "51,212", "1,002", "2,001"],
        ["Disposals", "(3,000)", "(2,500)", "(100)", "(200)"]])
    assert {(f.section, f.period, f.value) for f in scaled if f.label == "Additions" and f.period == "FY2019"} == {
        ("Financial assets", "FY2019", Decimal("39143000000")), ("Financial liabilities", "FY2019",
                                                                 Decimal("1002000000"))}


def test_a_wrapped_header_cell_that_repeats_a_period_is_no_column() -> None:
    """Regression (Danaos, 85 wild facts; Forian, whose '-12%' change was stored as last year's revenue): 'Year ended
    Year ended December 31, December 31, 2024 2023 | Year ended December 31, 2023' over four figures per row named
    five columns, and the rows' figures were read as conflicts or shifted into the wrong period."""
    table = RawTable(0, "(Expressed in thousands of United States dollars)", (
        "Three months ended December 31, 2024", "Three months ended December 31, 2023",
        "Year ended Year ended December 31, December 31, 2024 2023", "Year ended December 31, 2023"),
        (RawRow("Operating revenues", ("258,179", "249,315", "1,014,110", "973,583")),
         RawRow("Vessel operating expenses", ("(45,654)", "(40,123)", "(185,724)", "(162,117)"))), "line 1")
    got = {(f.period, f.value) for f in table_facts(table, _meta(), "d") if f.label == "Operating revenues"}
    assert got == {("Q4 2024", Decimal("258179000")), ("Q4 2023", Decimal("249315000")),
                   ("FY2024", Decimal("1014110000")), ("FY2023", Decimal("973583000"))}


def test_parts_and_their_total_each_over_the_same_periods_are_segments() -> None:
    """Regression (Computer Modelling Group, 378 wild facts): 'Reservoir & Production Solutions | Seismic Solutions
    | Consolidated' each over '2024 | 2023' under 'Three months ended December 31, ($ thousands)': the span words
    beside the years were dropped, the years read as no header, and the six columns' figures as conflicts. A part's
    rows stand under '<part> segment', the total column's are the company's."""
    facts = _cells_facts([
        ["", "Reservoir & Production Solutions", "", "Seismic Solutions", "", "Consolidated", ""],
        ["Three months ended December 31,($ thousands)", "2024", "2023", "2024", "2023", "2024", "2023"],
        ["Total revenue", "21,691", "21,803", "14,082", "11,204", "35,773", "33,007"],
        ["Cost of revenue", "2,389", "2,288", "3,918", "4,068", "6,307", "6,356"]])
    got = {(f.section, f.period, f.value) for f in facts if f.label == "Total revenue"}
    assert got == {("Reservoir & Production Solutions segment", "Q4 2024", Decimal("21691000")),
                   ("Reservoir & Production Solutions segment", "Q4 2023", Decimal("21803000")),
                   ("Seismic Solutions segment", "Q4 2024", Decimal("14082000")),
                   ("Seismic Solutions segment", "Q4 2023", Decimal("11204000")),
                   ("", "Q4 2024", Decimal("35773000")), ("", "Q4 2023", Decimal("33007000"))}


@pytest.mark.parametrize("names", [
    ("Number of Shares", "Fair Value", "Fair Value", "Number of Shares"),  # no block repeated in order
    ("Number of Shares", "Number of Shares"),  # one measure: no matrix
])
def test_names_that_repeat_no_block_make_no_measure_matrix(names: tuple[str, ...]) -> None:
    from index.periods import Period
    from index.tables import Column, measure_matrix

    cols = [Column(Period(date(2019, 12, 31), 12), "USD", "2019"), Column(Period(date(2018, 12, 31), 12), "USD",
                                                                          "2018")]
    assert measure_matrix(cols, names) is None


@pytest.mark.parametrize(("names", "parts"), [
    (("EFT Processing", "epay", "Money Transfer", "Corporate Services", "Consolidated"), True),
    (("Treasury & Correspondent Banking", "Retail Banking", "Total"), True),
    (("Share Capital", "Retained Earnings", "Total"), False),  # a statement of equity's components
    (("Level 1", "Level 2", "Level 3", "Total"), False),  # a fair value hierarchy
    (("Current", "Non-current", "Total"), False),  # a maturity split
    (("Banking", "Eliminations", "Total"), False),  # one part and what stands between parts and total
    (("Retail", "Wholesale"), False),  # no total last
    (("Retail", "Total"), False),  # one part is no matrix of parts
])
def test_columns_of_parts_and_their_total_are_told_without_the_word_segment(names: tuple[str, ...],
                                                                              parts: bool) -> None:
    from index.tables import parts_and_total

    assert parts_and_total(names) is parts


def test_a_matrix_of_parts_and_total_under_a_title_that_never_says_segment_gives_the_parts_only() -> None:
    """Regression (Euronet): 'EFT Processing | epay | Money Transfer | Consolidated' under a plain period title.
    'epay', in lower case, reads as no part's name and gives nothing (as under a title that says 'segment'); the
    total gives nothing either: a segment note's total may differ from the statement's line of the same name (NCB's
    'Net interest income'), and only a title that says 'segment' makes it the company's."""
    table = _segment_table("Three months ended December 31, 2024", ("EFT Processing", "epay", "Money Transfer",
                                                                         "Consolidated"),
                           [("Total revenues", ("$ 300", "200", "100", "600")),
                            ("Operating income", ("45", "30", "15", "90"))])
    facts = {(f.label, f.section): f.value for f in table_facts(table, _meta(bare_years=False), "d",
                                                                 inherited_scale=1)}
    assert facts == {("Total revenues", "EFT Processing segment"): Decimal(300),
                     ("Total revenues", "Money Transfer segment"): Decimal(100),
                     ("Operating income", "EFT Processing segment"): Decimal(45),
                     ("Operating income", "Money Transfer segment"): Decimal(15)}


def test_a_statement_of_equity_gives_no_company_figure_from_a_component_column() -> None:
    table = _segment_table("Statement of changes in equity", ("Share Capital", "Retained Earnings", "Total"),
                           [("Balance at end of year", ("100", "50", "150")), ("Dividends", ("", "(20)", "(20)"))])
    facts = table_facts(table, _meta(bare_years=False), "d", inherited_scale=1)
    assert all(f.value != Decimal(100) or f.section for f in facts)



def test_an_outlook_heading_inside_the_table_makes_it_guidance() -> None:
    """Regression: Circle's 'Key Indicator Period Prior Outlook Updated Outlook' heading sat inside a table whose
    header came from the bullet above it ('from June 30, 2025 to November 8, 2025'); its ranges were stored as
    results of those dates."""
    from index.tables import is_outlook

    table = RawTable(0, "", ("from June 30 2025", "to November 8 2025"), (
        RawRow("Other Revenue FY", ("2025", "$75", "$85"), "Key Indicator Period Prior Outlook Updated Outlook"),),
        "line 1")
    assert is_outlook(table)


def test_rows_that_measure_no_money_keep_their_printed_figure() -> None:
    """Regression: 'Crude oil (bbls/d) 13,317' in a table in thousands was stored as $13.3 billion, 'Employees (in
    thousands)' and 'Average LME copper cash price (per lb)' as amounts; a count, a volume or a unit price is no
    amount of the table's scale."""
    table = _table(("Three Months Ended December 31, 2024 | 2023",),
                   [("Revenues", ("$ 120,345", "$ 110,000")), ("Crude oil (bbls/d)", ("13,317", "12,844")),
                    ("Average LME copper cash price (per lb)", ("4.17", "3.70")),
                    ("Number of service rigs (end of period)", ("170", "183")),
                    ("Employees (in thousands)", ("125.5", "122.9"))])
    facts = {(f.label, f.period_end): f for f in table_facts(table, _meta(bare_years=False), "d",
                                                              inherited_scale=1000)}
    assert facts[("Revenues", date(2024, 12, 31))].value == Decimal("120345000")
    oil = facts[("Crude oil (bbls/d)", date(2024, 12, 31))]
    assert (oil.value, oil.unit, oil.currency) == (Decimal("13317"), Unit.OTHER, None)
    assert facts[("Average LME copper cash price (per lb)", date(2023, 12, 31))].value == Decimal("3.70")
    rigs = facts[("Number of service rigs (end of period)", date(2024, 12, 31))]
    assert (rigs.value, rigs.unit) == (Decimal("170"), Unit.COUNT)
    # a scale in the row's own name is the row's
    assert facts[("Employees (in thousands)", date(2024, 12, 31))].value == Decimal("125500")


def test_an_amount_and_its_effect_per_share_under_each_period_are_two_columns() -> None:
    """Regression: AMD's and OpenText's non-GAAP reconciliations print each period's amount and its effect per
    diluted share side by side ('$ 1,511 | $ 0.92'); the rows were twice as wide as the periods and the whole
    table was dropped."""
    table = _table(("Three Months Ended | Year Ended", "December 27, 2025 | December 27, 2025"),
                   [("GAAP net income / earnings per share", ("$ 1,511", "$ 0.92", "$ 4,335", "$ 2.65")),
                    ("Stock-based compensation", ("486", "0.29", "1,638", "1.00")),
                    ("Inventory loss at contract manufacturer", ("—", "—", "(67)", "(0.04)")),
                    ("Non-GAAP net income / earnings per share", ("$ 2,519", "$ 1.53", "$ 6,831", "$ 4.17"))])
    facts = table_facts(table, _meta(bare_years=False, period_end=date(2025, 12, 27)), "d", inherited_scale=10**6)
    got = {(f.label, f.months, f.unit): f.value for f in facts}
    assert got[("GAAP net income", 3, Unit.CURRENCY)] == Decimal("1511000000")
    assert got[("GAAP net income / earnings per share", 3, Unit.PER_SHARE)] == Decimal("0.92")
    assert got[("Non-GAAP net income / earnings per share", 12, Unit.PER_SHARE)] == Decimal("4.17")
    assert got[("Stock-based compensation", 12, Unit.CURRENCY)] == Decimal("1638000000")
    assert got[("Inventory loss at contract manufacturer, per share", 12, Unit.PER_SHARE)] == Decimal("-0.04")


def test_two_amount_columns_a_period_are_no_per_share_pair() -> None:
    """A table without a per-share figure, or whose second cells are amounts, is not read as amount | per share."""
    from index.tables import per_share_pairs

    rows = [("Revenue", ("1,200", "1,100", "900", "850")), ("Cost of sales", ("700", "650", "500", "480")),
            ("Gross profit", ("500", "450", "400", "370"))]
    assert per_share_pairs(_table(("2024 | 2023",), rows), 2) is None
    small = [(label, ("1,200", "0.50", "900", "0.40")) for label, _ in rows]
    assert per_share_pairs(_table(("2024 | 2023",), small), 2) is None  # no per-share figure named
    assert per_share_pairs(_table(("2024 | 2023",), [*small, ("Diluted EPS", ("2.10", "—", "1.90", "—"))]),
                           2) == ("", "Per share")


@pytest.mark.parametrize(("names", "total"), [
    (("HVAC", "Refrigeration", "Eliminations and Other", "Carrier"), True),
    (("Data Center", "Client", "Gaming", "Total AMD"), True),
    (("HVAC", "Refrigeration", "Total"), True),
    (("Carrier", "HVAC", "Refrigeration"), False),  # the company's name first is no total
    (("HVAC", "Refrigeration", ""), False),  # a column with no name (or a dash) is none, where no ticker is known
    (("HVAC", "Refrigeration", "—"), False),
])
def test_a_last_column_named_by_the_company_is_its_total(names: tuple[str, ...], total: bool) -> None:
    from index.tables import company_as_total

    meta = _meta(company="Carrier Global Corporation", short_name="Carrier" if "HVAC" in names else "AMD")
    assert (company_as_total(names, meta)[-1] == "Total") is total


def test_a_year_column_that_ends_no_fiscal_year_gives_nothing() -> None:
    """Regression (Mahindra): a converted statement headed 'Quarter Ended | Year Ended | Year Ended ...' over '31st
    Mar 2024 | 31st Dec 2023 | 31st Mar 2023 | ...' in a March-year company's release: a 'year' ending in December
    is a quarter the header misnames, and its figures had been stored as a year's."""
    table = _table(("Particulars | Quarter Ended | Year Ended | Year Ended | Year Ended",
                    "31st Mar 2024 | 31st Dec 2023 | 31st Mar 2024 | 31st Mar 2023"),
                   [("Automotive", ("20,907.66", "19,380.13", "76,155.98", "61,545.73")),
                    ("Farm Equipment", ("6,790.40", "8,599.89", "33,474.15", "34,870.07"))])
    meta = _meta(calendar=FiscalCalendar(3, 0), period="Q4 FY2024", period_end=date(2024, 3, 31), months=3,
                 bare_years=False)
    assert table_facts(table, meta, "d", inherited_scale=10**7) == []
    # a trailing twelve months' column is no fiscal year and needs not end one
    ttm = _table(("Twelve Months Ended December 31, 2023 | March 31, 2024",),
                 [("Revenue", ("1,200", "1,300")), ("Cost of sales", ("700", "760"))])
    assert table_facts(ttm, meta, "d", inherited_scale=1)


@pytest.mark.parametrize(("title", "basis"), TITLE_BASIS_EXAMPLES)
def test_a_title_that_names_a_basis_gives_it_to_every_row(title: str, basis: str) -> None:
    """Regression (Lattice): 'GAAP Financial Results' and 'Non-GAAP* Financial Results' print the same row names;
    the non-GAAP table's 'Net Income' was stored as plain net income beside the GAAP one."""
    from index.tables import title_basis

    assert title_basis(title) == basis
    table = RawTable(0, title, ("Q4 2024 | Q4 2023",), (RawRow("Net Income", ("20,181", "16,000")),
                                                        RawRow("Operating Expenses", ("55,495", "50,000"))), "line 1")
    labels = {f.label for f in table_facts(table, _meta(bare_years=False), "d", inherited_scale=1000)}
    assert labels == ({f"{basis} net Income", f"{basis} operating Expenses"} if basis else
                      {"Net Income", "Operating Expenses"})


@pytest.mark.parametrize("label", ["Diluted average number of share units (millions of units)",
                                   "Weighted average number of stock units outstanding ('000)"])
def test_share_and_stock_units_are_share_counts(label: str) -> None:
    """Regression (Unilever, NCB): 'Diluted average number of share units (millions of units) 2,511.0' was stored
    as EUR 2,511 million; a count of share units is shares, scaled by its own heading."""
    table = _quarters_table(("Three Months Ended March 31, 2023",),
                            [("Revenue", ("5,000",)), ("Income", ("1,000",)), (label, ("2,511.0",))])
    facts = table_facts(table, _meta(bare_years=False), "d", inherited_scale=1_000_000)
    [count] = [f for f in facts if f.label == label]
    assert count.unit == Unit.SHARES and count.currency is None


@pytest.mark.parametrize(("last_line", "span"), __import__("index.tables").tables.SPAN_HEADING_EXAMPLES)
def test_a_span_line_above_dated_columns_heads_them(last_line: str, span: str) -> None:
    """Regression (YETI, Shopify, GraceKennedy): 'Nine Months Ended' printed on its own line above 'September 27,
    2025 | September 28, 2024' went into the title, and the cash-flow statement was refused as undated."""
    from index.tables import span_heading

    table = RawTable(0, f"Statements of Cash Flows / {last_line}", ("September 27, 2025 | September 28, 2024",),
                     (RawRow("Net income", ("100", "90")), RawRow("Depreciation", ("20", "18"))), "line 1")
    assert span_heading(table) == span
    meta = _meta(bare_years=False, period="Q3 2025", period_end=date(2025, 9, 27), months=3)
    got = {(f.period_end, f.months) for f in table_facts(table, meta, "d", inherited_scale=1000)}
    # ('Year ended' over September dates in a December year's release: no fiscal year, so still nothing; no span
    # line: an interim release's cash flows are the years to date)
    want = {"Nine": 9, "Three": 3, "SIX": 6}.get(span.split(" ")[0]) if span else 9
    assert got == ({(date(2025, 9, 27), want), (date(2024, 9, 28), want)} if want else set())


@pytest.mark.parametrize(("title", "months"), [
    ("FY24 financial and business update", 12),
    ("For the twelve months ended", 12),
    ("Fourth quarter FY24", None),  # a quarter under bare years: which one is unsaid
    ("Selected Financial Data", None),
])
def test_bare_years_under_a_full_year_heading_are_fiscal_years(title: str, months: int | None) -> None:
    """Regression (ams OSRAM): '2024 | 2023 | YoY' under 'FY24 financial and business update' in a Q4 release was
    refused; the heading says the columns are the fiscal years."""
    table = RawTable(0, f"Results / {title}", ("EUR millions (except per share data) | 2024 | 2023 | YoY",),
                     (RawRow("Revenues", ("3,428", "3,590", "-5 %")), RawRow("EBITDA adj.", ("575", "604", "-5 %"))),
                     "line 1")
    meta = _meta(bare_years=False, period="Q4 2024", period_end=date(2024, 12, 31), months=3, currency="EUR")
    got = {(f.period_end, f.months, f.value) for f in table_facts(table, meta, "d", inherited_scale=10**6)
           if f.label == "Revenues"}
    assert got == ({(date(2024, 12, 31), 12, Decimal("3428000000")), (date(2023, 12, 31), 12, Decimal("3590000000"))}
                   if months else set())


def test_change_columns_are_left_out_where_their_headings_stand() -> None:
    """Regression (ams OSRAM): 'Q4 2024 | Q3 2024 | QoQ | Q4 2023 | YoY' over a margin row whose changes are in basis
    points ('-260 bps'): the change was stored as Q4 2023's margin (-260%)."""
    table = RawTable(0, "Key reported figures", ("EUR millions | Q4 2024 | Q3 2024 | QoQ | Q4 2023 | YoY",),
                     (RawRow("Revenues", ("882", "881", "0 %", "908", "-3 %")),
                      RawRow("Gross margin adj. %", ("27.1 %", "29.7 %", "—", "28.7 %", "—"))), "line 1")
    meta = _meta(bare_years=False, period="Q4 2024", period_end=date(2024, 12, 31), months=3, currency="EUR")
    got = {f.period_end: f.value for f in table_facts(table, meta, "d", inherited_scale=10**6)
           if f.label.startswith("Gross margin")}
    assert got == {date(2024, 12, 31): Decimal("27.1"), date(2024, 9, 30): Decimal("29.7"),
                   date(2023, 12, 31): Decimal("28.7")}


def test_a_row_that_states_its_scale_is_read_at_it() -> None:
    """Regression (Dolphin Cove): 'Overall Revenue (US$mn) | $9.3' in a table with no caption was left out; its
    own brackets give its scale. Brackets that hold a figure describe the row and give none."""
    table = RawTable(0, "OPERATIONS", ("6 Months Ended June 30, 2023 | 6 Months Ended June 30, 2022",),
                     (RawRow("Overall Revenue (US$mn)", ("$9.3", "$6.8")),
                      RawRow("Senior notes ($500 million)", ("498", "497"))), "line 1")
    meta = _meta(bare_years=False, period="H1 2023", period_end=date(2023, 6, 30), months=6)
    got = {(f.metric, f.value) for f in table_facts(table, meta, "d", inherited_scale=None)}
    assert got == {("overall_revenue", Decimal("9300000.0")), ("overall_revenue", Decimal("6800000.0"))}


@pytest.mark.parametrize(("header", "scale"), [
    ("DCL June 30, 2023 Unaudited US$ | DCL June 30, 2022 Unaudited US$", 1),
    ("2024 € | 2023 €", 1),
    ("June 30, 2023 | June 30, 2022", None),
    ("June 30, 2023 US$'000 | June 30, 2022 US$'000", 1000),
])
def test_column_headings_ending_in_a_currency_print_units(header: str, scale: int | None) -> None:
    """Regression (Dolphin Cove): statements printed to the dollar under 'June 30, 2023 Unaudited US$' stated no
    scale, and every amount was left out."""
    from index.tables import own_scale

    assert own_scale(RawTable(0, "Statement of Financial Position", (header,), (), "line 1")) == scale


def test_a_span_line_over_columns_of_other_days_heads_none() -> None:
    """Regression (Blue Power): 'Three months ended July 31, 2023' over 'July 31, 2023 | July 31, 2022 | Audited April
    30, 2023': the audited column is the fiscal year, and had been stored as a quarter."""
    table = RawTable(0, "Statement of Profit or Loss / Three months ended July 31, 2023",
                     ("Unaudited July 31, 2023 | Unaudited July 31, 2022 | Audited April 30, 2023",),
                     (RawRow("Revenue", ("100", "90", "400")), RawRow("Cost of revenue", ("(60)", "(50)", "(240)"))),
                     "line 1")
    meta = _meta(bare_years=False, period="Q1 FY2024", period_end=date(2023, 7, 31), months=3,
                 calendar=FiscalCalendar(4, 0))
    assert table_facts(table, meta, "d", inherited_scale=1) == []


def test_a_statement_printed_in_two_parts_reads_the_second_under_the_first_s_header() -> None:
    """Regression (YETI): the balance sheet's liabilities come as a second table after a blank line, headed
    'LIABILITIES AND STOCKHOLDERS EQUITY' over empty cells; it had no columns, so none of its figures (total current
    liabilities, total stockholders' equity) were read. A part far below, or one whose rows print another number
    of figures, stays apart."""
    from index.tables import continued_tables

    meta = _meta(period="Q3 2025", period_end=date(2025, 9, 27), months=3, bare_years=False)
    assets = RawTable(0, "CONDENSED CONSOLIDATED BALANCE SHEETS / (In thousands)",
                      ("ASSETS | September 27, 2025 | December 28, 2024",),
                      (RawRow("Cash", ("164,483", "358,795")), RawRow("Total assets", ("1,260,142", "1,286,120"))),
                      "line 244")
    liabilities = RawTable(0, "LIABILITIES AND STOCKHOLDERS EQUITY", (),
                           (RawRow("Accounts payable", ("146,744", "158,499")),
                            RawRow("Total current liabilities", ("322,049", "379,504"))), "line 250")
    _, part = continued_tables([assets, liabilities], meta)
    facts = {(f.label, f.period_end): f.value for f in table_facts(part, meta, "yeti", 2, inherited_scale=1000)}
    assert facts[("Total current liabilities", date(2025, 9, 27))] == 322_049_000
    assert continued_tables([assets, replace(liabilities, where="line 400")], meta)[1].header == ()
    wider = replace(liabilities, rows=tuple(replace(r, values=(*r.values, "1")) for r in liabilities.rows))
    assert continued_tables([assets, wider], meta)[1].header == ()
    # a note's tables, and a titled part below a data summary, are each their own (JMMB's list of subsidiaries
    # under a note's heading)
    note = replace(assets, title="JMMB GROUP LIMITED / Notes to the Financial Statements")
    assert continued_tables([note, liabilities], meta)[1].header == ()
    summary = replace(assets, title="Selected Financial Data / (In millions, except per share information)")
    assert continued_tables([summary, liabilities], meta)[1].header == ()


def test_rows_right_below_a_table_with_no_header_of_their_own_go_on_under_it() -> None:
    """Regression (Bank of America): 'Average diluted common shares issued and outstanding' stands one blank line
    below 'Selected Financial Data', its pipe rows with no header; its figures were lost. Rows that skip a column,
    a one-column table, or a part further down stay apart (a page's footnotes: '(3)', 'Table 1')."""
    from index.tables import continued_tables

    meta = _meta(period="Q4 2024", period_end=date(2024, 12, 31), months=3, bare_years=False)
    summary = RawTable(0, "Selected Financial Data / (In millions, except per share data)",
                       ("Fourth Quarter 2024 | Fourth Quarter 2023",),
                       (RawRow("Net interest income", ("$14,359", "$13,946")),
                        RawRow("Net income", ("$6,665", "$3,144"))), "line 650")
    shares = RawTable(0, "", (), (RawRow("Average common shares issued and outstanding", ("7,738.4", "7,990.9")),
                                  RawRow("Average diluted common shares issued and outstanding",
                                         ("7,843.7", "8,062.5"))), "line 656")
    _, part = continued_tables([summary, shares], meta)
    facts = {(f.label, f.period_end): (f.value, f.unit) for f in table_facts(part, meta, "bac", 2,
                                                                             inherited_scale=1_000_000)}
    assert facts[("Average diluted common shares issued and outstanding", date(2024, 12, 31))] == (
        7_843_700_000, Unit.SHARES)
    skipping = replace(shares, rows=(RawRow("Table", ("1",)),))
    assert continued_tables([summary, skipping], meta)[1].header == ()
    assert continued_tables([summary, replace(shares, where="line 670")], meta)[1].header == ()
    titled = replace(shares, title="Supplemental data")
    assert continued_tables([summary, titled], meta)[1].header == ()


def test_a_title_naming_the_table_s_period_heads_no_column() -> None:
    """Regression (OpenText): 'Financial Highlights for Q1 Fiscal 2024' above "Q1 FY'24 | Q1 FY'23 | $ Change" was
    read as a column, so each row's dollar change was stored as the year before's figure."""
    meta = _meta(period="Q1 FY2024", period_end=date(2023, 9, 30), months=3, bare_years=False,
                 calendar=FiscalCalendar(6, 0))
    table = _table(("Financial Highlights for Q1 Fiscal 2024", "(In millions) Q1 FY'24 Q1 FY'23 $ Change % Change"),
                   [("Total revenues", ("$1,425.4", "$852.0", "$573.4", "67.3 %")),
                    ("License", ("173.0", "62.5", "$110.5", "176.6 %"))])
    facts = table_facts(table, meta, "doc", inherited_scale=1_000_000)
    assert {(f.period_end, f.value) for f in facts if f.label == "Total revenues"} == {
        (date(2023, 9, 30), Decimal("1425400000.0")), (date(2022, 9, 30), Decimal("852000000.0"))}


def test_a_row_that_lost_a_figure_before_its_change_gives_nothing() -> None:
    """Regression (Larsen & Toubro): 'Finance cost | 861 | 1%' (its year-before figure broken off) under
    "Q1 FY'24 | Q1 FY'25 | % Var" gave 861 as the year before's figure and 1 as the year's."""
    meta = _meta(period="Q1 FY2025", period_end=date(2024, 6, 30), months=3, bare_years=False,
                 calendar=FiscalCalendar(3, 0))
    table = _table(("Q1 FY'24 Key Parameters (in crore) Q1 FY'25 % Var",),
                   [("Revenue from operations", ("47,882", "55,120", "15%")), ("EBITDA", ("4,869", "5,615", "15%")),
                    ("Finance cost", ("861", "1%"))])
    facts = table_facts(table, meta, "doc", inherited_scale=10_000_000)
    assert {f.label for f in facts} == {"Revenue from operations", "EBITDA"}


@pytest.mark.parametrize("label", [")", "'", "%", "4479"])
def test_a_row_name_with_no_letter_gives_no_fact(label: str) -> None:
    table = _table(("Years ended December 31,", "2019 | 2018"),
                   [("Revenue", ("$24,371", "$14,794")), ("Costs", ("$9,371", "$4,794")), (label, ("5", "4"))])
    assert {f.label for f in table_facts(table, _meta(), "doc", inherited_scale=1)} == {"Revenue", "Costs"}


def test_a_balance_under_a_quarter_and_a_year_ending_on_one_day_is_printed_once() -> None:
    """Regression (Larsen & Toubro): 'Total assets' prints three figures under 'Quarter ended June 30, 2024 | March
    31, 2024 | June 30, 2023 | Year ended March 31, 2024': the March 31 balance once, under the year column."""
    meta = _meta(period="Q1 FY2025", period_end=date(2024, 6, 30), months=3, bare_years=False,
                 calendar=FiscalCalendar(3, 0))
    table = _table(("Quarter ended Year ended", "June 30", "March 31", "June 30", "March 31",
                    "Particulars 2024 2024 2023 2024"),
                   [("Net segment revenue", ("55119.82", "67078.68", "47882.37", "221112.91")),
                    ("Profit before tax", ("4676.65", "6421.84", "4332.37", "20517.11")),
                    ("Total assets", ("348553.86", "326597.41", "339627.24"))])
    facts = table_facts(table, meta, "doc", inherited_scale=10_000_000)
    assert {(f.period_end, f.months, f.value) for f in facts if f.label == "Total assets"} == {
        (date(2024, 6, 30), 0, Decimal("3485538600000.00")), (date(2023, 6, 30), 0, Decimal("3265974100000.00")),
        (date(2024, 3, 31), 0, Decimal("3396272400000.00"))}


def test_interim_cash_flows_under_bare_dates_are_the_years_to_date() -> None:
    """Regression (NCB, GraceKennedy, Figs, Shopify): a cash-flow statement dated 'June 30 2022 | June 30 2021' in
    a third-quarter release gave nothing; interim cash flows are the years to date ending then. An income
    statement so dated still says nothing of its span."""
    meta = _meta(period="Q3 FY2022", period_end=date(2022, 6, 30), months=3, bare_years=False,
                 calendar=FiscalCalendar(9, 0))
    rows = [("Net profit", ("25,879,617", "13,912,459")),
            ("Net cash provided by operating activities", ("52,268,910", "23,805,721"))]
    table = _table(("June 30 2022 $'000 | June 30 2021 $'000",), rows, section="Cash Flows from Operating Activities")
    facts = table_facts(table, meta, "doc", inherited_scale=1_000)
    assert {(f.period_end, f.months, f.value) for f in facts if f.label.startswith("Net cash")} == {
        (date(2022, 6, 30), 9, Decimal("52268910000")), (date(2021, 6, 30), 9, Decimal("23805721000"))}
    income = [("Revenue", ("91,137,458", "86,197,103")), ("Net profit", ("25,879,617", "13,912,459"))]
    assert table_facts(_table(("June 30 2022 $'000 | June 30 2021 $'000",), income), meta, "doc",
                       inherited_scale=1_000) == []


def test_headings_with_no_year_are_dated_by_the_release_and_prior_year_named() -> None:
    """Regression (NCB): 'Quarter ended June 30 | Quarter ended March 31 | Year to date June 30 | Quarter ended June
    30 | Year to date June 30' under 'CURRENT YEAR PRIOR YEAR' printed no year, and the income statement gave
    nothing. Without 'prior year' named, a repeated heading says nothing of its year."""
    meta = _meta(period="Q3 FY2022", period_end=date(2022, 6, 30), months=3, bare_years=False,
                 calendar=FiscalCalendar(9, 0))
    header = ("Quarter ended June 30 $'000 | Quarter ended March 31 $'000 | Year to date June 30 $'000 | "
              "Quarter ended June 30 $'000 | Year to date June 30 $'000",)
    rows = [("Net interest income", ("16,183,890", "16,104,707", "48,566,436", "14,189,021", "41,293,955")),
            ("Net profit", ("10,594,138", "9,907,279", "25,879,617", "4,671,050", "13,912,459"))]
    table = replace(_table(header, rows), title="Page 5 / CURRENT YEAR PRIOR YEAR")
    facts = table_facts(table, meta, "doc", inherited_scale=1_000)
    assert {(f.period_end, f.months, f.value) for f in facts if f.label == "Net interest income"} == {
        (date(2022, 6, 30), 3, Decimal("16183890000")), (date(2022, 3, 31), 3, Decimal("16104707000")),
        (date(2022, 6, 30), 9, Decimal("48566436000")), (date(2021, 6, 30), 3, Decimal("14189021000")),
        (date(2021, 6, 30), 9, Decimal("41293955000"))}
    assert table_facts(replace(table, title="Page 5"), meta, "doc", inherited_scale=1_000) == []


def test_dates_on_different_days_with_no_span_over_balances_are_balances() -> None:
    """Regression (Capgemini, Bank of America, Gecina): 'June 30 2023 | December 31 2023 | June 30 2024' over net
    debt's rows named no span and gave nothing: dates on different days of the year compare balances. Rows that
    name a flow ('Net income', 'Return on average ...') over such dates are a quarterly trend: still nothing."""
    meta = _meta(period="H1 2024", period_end=date(2024, 6, 30), months=6, bare_years=False)
    header = ("(in millions of euros) June 30 2023 | December 31 2023 | June 30 2024",)
    table = _table(header, [("Cash and cash equivalents", ("2,572", "3,760", "2,572")),
                            ("Long-term borrowings", ("(4,917)", "(5,071)", "(4,944)"))])
    facts = table_facts(table, meta, "doc", inherited_scale=1_000_000)
    assert {(f.period_end, f.months, f.value) for f in facts if f.label == "Long-term borrowings"} == {
        (date(2023, 6, 30), 0, Decimal("-4917000000")), (date(2023, 12, 31), 0, Decimal("-5071000000")),
        (date(2024, 6, 30), 0, Decimal("-4944000000"))}
    flows = _table(header, [("Revenues", ("11,000", "22,500", "11,100")), ("Net income", ("800", "1,660", "790"))])
    assert table_facts(flows, meta, "doc", inherited_scale=1_000_000) == []


def test_rows_going_on_past_an_unnamed_change_with_its_rates_keep_their_two_periods() -> None:
    """Regression (Kelly Services): under 'FOR THE 13 WEEKS ENDED DECEMBER 29, 2024 AND DECEMBER 31, 2023' rows print
    the change and, unnamed, '% Change | CC % Change' (some without '%'): only rows exactly one change wide were
    read, so 'Cost of services | 949.6 | 994.0 | (44.4) | (4.5)' gave nothing."""
    meta = _meta(period="Q4 2024", period_end=date(2024, 12, 29), months=3, bare_years=False)
    table = _table(("FOR THE 13 WEEKS ENDED DECEMBER 29, 2024 AND DECEMBER 31, 2023",),
                   [("Revenue from services", ("$ 1,191.1", "$ 1,232.2", "$ (41.1 )", "(3.3 ) %", "(3.1 ) %")),
                    ("Cost of services", ("949.6", "994.0", "(44.4 )", "(4.5 )")),
                    ("Asset impairment charge", ("8.0", "—", "8.0")),
                    ("Earnings (loss) from operations", ("(56.7 )", "7.3", "(64.0 )")),
                    ("Net earnings (loss)", ("$ (31.8 )", "$ 11.4", "$ (43.2 )"))])
    facts = table_facts(table, meta, "doc", inherited_scale=1_000_000)
    assert {(f.period_end, f.value) for f in facts if f.label == "Cost of services"} == {
        (date(2024, 12, 29), Decimal("949600000.0")), (date(2023, 12, 31), Decimal("994000000.0"))}


def test_shares_a_per_share_figure_is_worked_out_on_are_shares_scaled_as_their_row_says() -> None:
    """Regression (ASE): 'Number of weighted average shares used in diluted EPS calculation ( in thousand shares)
    4,399,409' under 'Earnings per equivalent ADS' was stored as NT$4,399,409 per share; it counts shares, and its
    row's own scale holds however many digits it prints."""
    label = "Number of weighted average shares used in diluted EPS calculation ( in thousand shares)"
    table = _quarters_table(("Three Months Ended March 31, 2023",),
                            [("Revenue", ("5,000",)), ("Income", ("1,000",)), (label, ("4,399,409",))])
    facts = table_facts(table, _meta(bare_years=False), "d", inherited_scale=1_000_000)
    [count] = [f for f in facts if f.label == label]
    assert (count.unit, count.currency, count.value) == (Unit.SHARES, None, 4_399_409_000)


@pytest.mark.parametrize(("rows", "steps"), __import__("index.tables").tables.PER_SHARE_STEP_EXAMPLES)
def test_small_figures_between_two_per_share_rows_are_per_share(rows: tuple, steps: set) -> None:
    """Regression (Ryder, PG&E): 'Acquisition costs 0.04' between 'Diluted EPS from continuing operations' and
    'Comparable EPS' was stored as an amount scaled by a million (USD 40,000)."""
    from index.tables import per_share_steps

    raw = tuple(RawRow(label, values) for label, values in rows)
    assert {raw[k - 1].label for k in per_share_steps(raw)} == steps


def test_three_years_in_a_row_at_the_fiscal_year_end_are_fiscal_years_with_balances_and_averages_kept_apart() -> None:
    """Regression (Farmers & Merchants Bancshares): 'Selected Consolidated Financial Data' headed '2024 | 2023 |
    2022' in a fourth-quarter release was refused as undated; three years in a row, the latest the release's own,
    are fiscal years. Rows under 'AT PERIOD END' (and 'Book value') are balances at each year's end; rows under
    'SELECTED AVERAGE BALANCES' are averages over the year, never the year-end balance."""
    table = RawTable(0, "Selected Consolidated Financial Data", ("2024 | 2023 | 2022",), (
        RawRow("Net income", ("$ 4,277,703", "$ 6,418,337", "$ 8,090,127"), "OPERATING DATA"),
        RawRow("Book value", ("$17.77", "$16.74", "$15.56"), "PER SHARE DATA"),
        RawRow("Total assets", ("$ 844,643,087", "$ 799,940,826", "$ 718,210,672"), "AT PERIOD END"),
        RawRow("Gross loans", ("587,978,965", "528,166,501", "521,679,143"), "AT PERIOD END"),
        RawRow("Total assets", ("$ 810,042,767", "$ 745,478,612", "$ 714,115,497"), "SELECTED AVERAGE BALANCES")),
        "line 1")
    meta = _meta(bare_years=False, period="Q4 2024", period_end=date(2024, 12, 31), months=3)
    got = {(f.label, f.section, f.period_end, f.months): f.value
           for f in table_facts(table, meta, "d", inherited_scale=1)}
    assert got[("Net income", "OPERATING DATA", date(2024, 12, 31), 12)] == 4_277_703
    assert got[("Book value", "PER SHARE DATA", date(2023, 12, 31), 0)] == Decimal("16.74")
    assert got[("Gross loans", "AT PERIOD END", date(2024, 12, 31), 0)] == 587_978_965
    assert got[("Total assets", "SELECTED AVERAGE BALANCES", date(2024, 12, 31), 12)] == 810_042_767
    # two years in a row say nothing of their span
    two = RawTable(0, "Selected Financial Data", ("2024 | 2023",), table.rows[:1], "line 1")
    assert table_facts(two, meta, "d", inherited_scale=1) == []


@pytest.mark.parametrize(("label", "count"), SHARE_COUNT_EXAMPLES)
def test_shares_issued_and_outstanding_are_counted_not_dollars(label: str, count: bool) -> None:
    assert bool(SHARE_COUNT.match(label)) is count


@pytest.mark.parametrize(("label", "amount"), SHARE_CAPITAL_EXAMPLES)
def test_common_stock_per_share_figures_are_no_amounts(label: str, amount: bool) -> None:
    assert bool(SHARE_CAPITAL.search(label)) is amount


def test_common_stock_dividends_per_share_stay_per_share() -> None:
    table = _table(("Three Months Ended December 31, 2019", "Three Months Ended December 31, 2018"),
                   [("Net income", ("201.3", "182.5")), ("Common stock dividends per share", ("0.80", "0.72"))])
    facts = table_facts(table, _meta(months=3), "d", inherited_scale=1_000_000)
    dividend = [f for f in facts if f.label == "Common stock dividends per share"]
    assert dividend and all(f.unit == Unit.PER_SHARE for f in dividend)
    assert {f.value for f in dividend} == {Decimal("0.80"), Decimal("0.72")}


@pytest.mark.parametrize(("header", "lines"), COMPARISON_TITLE_EXAMPLES)
def test_a_comparisons_title_heads_no_column(header: tuple[str, ...], lines: int) -> None:
    assert comparison_title_lines(header) == lines


_EARNINGS_EPS = [
    ("PG&E Corporation’s Earnings/EPS on a GAAP basis", ("$ 569", "$ 475", "$ 0.27", "$ 0.22")),
    ("Non-core items", ("(1)",)),
    ("Amortization of Wildfire Fund contribution", ("(2)", "84", "85", "0.04", "0.04")),
    ("Bankruptcy and legal costs", ("(3)", "17", "34", "0.01", "0.02")),
    ("Fire Victim Trust tax benefit", ("(4)", "(74)", "(135)", "(0.03)", "(0.06)")),
    ("Core Earnings/EPS (5)", ("$ 615", "$ 639", "$ 0.29", "$ 0.30")),
]


def test_earnings_then_eps_under_each_period_printed_again() -> None:
    """Regression: a reconciliation of earnings and EPS ('First Quarter, 2023' / 'vs. 2022' over '2023 2022 2023
    2022', a footnote number before each adjustment) gave nothing: the title read as columns, the numbers '(2)' as
    a fifth value, and the EPS columns as a second figure of the same period."""
    table = _table(("First Quarter, 2023", "vs. 2022", "Three Months Ended", "March 31",
                    "(in millions, except per share amounts) 2023 2022 2023 2022"), _EARNINGS_EPS)
    meta = _meta(period="Q1 2023", period_end=date(2023, 3, 31), months=3, bare_years=False)
    facts = {(f.label, f.period_end, f.unit): f.value for f in table_facts(table, meta, "d", 1, 1_000_000)}
    assert facts["Core Earnings/EPS (5)", date(2023, 3, 31), Unit.CURRENCY] == Decimal("615000000")
    assert facts["Core Earnings/EPS (5)", date(2022, 3, 31), Unit.PER_SHARE] == Decimal("0.30")
    assert facts["Fire Victim Trust tax benefit", date(2022, 3, 31), Unit.CURRENCY] == Decimal("-135000000")
    # the per-share side is named as such where the row's name says no per-share figure
    assert facts["Fire Victim Trust tax benefit, per share", date(2022, 3, 31), Unit.PER_SHARE] == Decimal("-0.06")
    assert not [k for k in facts if k[0] == "Non-core items"]  # its '(1)' is a footnote number


def test_bracketed_amounts_in_the_first_column_are_no_footnotes() -> None:
    """A first column of bracketed amounts repeats and jumps: they stay amounts."""
    table = _table(("Three Months Ended", "2023 | 2022"), [("A", ("(2)", "5")), ("B", ("(7)", "6")),
                                                          ("C", ("(2)", "1"))])
    assert without_footnote_column(table) is table


def test_a_bare_day_in_a_first_quarters_release_is_the_quarter() -> None:
    """'March 31 | 2025 | 2024' over performance ratios in a Q1 release: the quarter, which is also the year to
    date; in a second quarter's release the same header could be either, and gives nothing."""
    table = _table(("March 31", "2025", "2024"), [("Return on average assets", ("0.62%", "1.12%")),
                                                 ("Net interest margin", ("2.98%", "3.24%"))])
    q1 = _meta(period="Q1 2025", period_end=date(2025, 3, 31), months=3, bare_years=False)
    facts = {(f.label, f.period_end, f.months): f.value for f in table_facts(table, q1, "d", 1, 1000)}
    assert facts["Net interest margin", date(2024, 3, 31), 3] == Decimal("3.24")
    q2 = _meta(period="Q2 2025", period_end=date(2025, 6, 30), months=3, bare_years=False)
    june = _table(("June 30", "2025", "2024"), [("Return on average assets", ("0.62%", "1.12%")),
                                               ("Net interest margin", ("2.98%", "3.24%"))])
    assert table_facts(june, q2, "d", 1, 1000) == []


def test_period_end_data_are_balances() -> None:
    table = RawTable(0, "PERIOD END DATA", ("March 31", "2025", "2024"),
                     (RawRow("Nonaccrual loans", ("$441", "$352")), RawRow("Leverage ratio", ("13.32%", "11.48%"))),
                     "line 1")
    q1 = _meta(period="Q1 2025", period_end=date(2025, 3, 31), months=3, bare_years=False)
    facts = {(f.label, f.period_end, f.months): f.value for f in table_facts(table, q1, "d", 1, 1000)}
    assert facts["Nonaccrual loans", date(2025, 3, 31), 0] == Decimal("441000")


def test_a_statement_part_keeps_going_under_a_title_carried_down_with_prose() -> None:
    """Regression (Unilever): the earnings per share under the income statement came with the title the loader
    carried down, whose first part was the page's running text; that prose was taken for the part's own, and the
    part stayed apart with no columns."""
    from index.tables import continued_tables

    meta = _meta(period="H1 2024", period_end=date(2024, 6, 30), months=6, bare_years=False)
    prose = "This Results Presentation has been submitted to the FCA National Storage Mechanism and is available."
    statement = RawTable(0, f"{prose} / Consolidated income statement", ("€ million | First Half",
                                                                         "(unaudited) | 2024 | 2023 | Change"),
                         (RawRow("Turnover", ("31,117", "30,428", "2.3 %")), RawRow("Net profit", ("4,016", "3,882"))),
                         "line 701")
    eps = RawTable(0, f"{prose} / Consolidated income statement / Earnings per share", (),
                   (RawRow("Basic earnings per share (euros)", ("1.48", "1.41", "5.3 %")),
                    RawRow("Diluted earnings per share (euros)", ("1.47", "1.40", "5.4 %"))), "line 706")
    _, part = continued_tables([statement, eps], meta)
    facts = {(f.label, f.period_end): f.value for f in table_facts(part, meta, "u", 2, inherited_scale=10**6)}
    assert facts[("Basic earnings per share (euros)", date(2024, 6, 30))] == Decimal("1.48")
    own_prose = replace(eps, title=f"{statement.title} / {prose.replace('FCA', 'PRA')}")
    assert continued_tables([statement, own_prose], meta)[1].header == ()


def test_a_pdf_statement_goes_on_at_the_top_of_the_next_page() -> None:
    """Regression (eBay, Costco): a balance sheet's liabilities on the page after its assets, headless, were never
    read: parts were joined only by line numbers, which PDFs count per page; a part that names itself
    'LIABILITIES AND EQUITY' goes on under a balance sheet that lost its title."""
    from index.tables import continued_tables

    meta = _meta(period="Q1 FY2023", period_end=date(2022, 11, 20), months=3, bare_years=False)
    assets = RawTable(0, "(amounts in millions) / (unaudited)", ("November 20 2022", "August 28 2022"),
                      (RawRow("Cash and cash equivalents", ("$ 10,856", "$ 10,203")),
                       RawRow("TOTAL ASSETS", ("$ 66,027", "$ 64,166"))), "page 3, line 35")
    liabilities = RawTable(0, "LIABILITIES AND EQUITY / CURRENT LIABILITIES", (),
                           (RawRow("Accounts payable", ("$ 18,348", "$ 17,848")),
                            RawRow("Total current liabilities", ("33,067", "31,998"))), "page 4, line 3")
    _, part = continued_tables([assets, liabilities], meta)
    facts = {(f.label, f.period_end): f.value for f in table_facts(part, meta, "c", 2, inherited_scale=10**6)}
    assert facts[("Total current liabilities", date(2022, 8, 28))] == 31_998_000_000
    # further down the next page, or two pages on, it is another table
    assert continued_tables([assets, replace(liabilities, where="page 4, line 30")], meta)[1].header == ()
    assert continued_tables([assets, replace(liabilities, where="page 5, line 3")], meta)[1].header == ()


def test_statement_parts_go_on_past_a_fragment_of_a_wrapped_name() -> None:
    """Regression (Costco): 'outstanding' and 'shares issued and outstanding' (a common-stock line broken by the
    layout) started the equity part; the fragments name nothing (a count label on an amount), and the part below
    them still goes on under the balance sheet."""
    from index.tables import continued_tables

    meta = _meta(period="Q1 FY2023", period_end=date(2022, 11, 20), months=3, bare_years=False)
    assets = RawTable(0, "CONSOLIDATED BALANCE SHEETS / (amounts in millions)", ("November 20 2022", "August 28 2022"),
                      (RawRow("Cash and cash equivalents", ("$ 10,856", "$ 10,203")),
                       RawRow("TOTAL ASSETS", ("$ 66,027", "$ 64,166"))), "page 3, line 35")
    fragment = RawTable(0, "", (), (RawRow("outstanding", ("—", "—")),), "page 4, line 3")
    equity = RawTable(0, "", (), (RawRow("shares issued and outstanding", ("2", "2")),
                                  RawRow("Retained earnings", ("16,412", "15,585")),
                                  RawRow("TOTAL EQUITY", ("21,476", "20,647"))), "page 4, line 5")
    parts = continued_tables([assets, fragment, equity], meta)
    assert len(parts) == 2 and [r.label for r in parts[1].rows] == ["Retained earnings", "TOTAL EQUITY"]
    facts = {(f.label, f.period_end): f.value for f in table_facts(parts[1], meta, "c", 2, inherited_scale=10**6)}
    assert facts[("Retained earnings", date(2022, 8, 28))] == 15_585_000_000


@pytest.mark.parametrize(("heading", "read"), BASIS_COLUMN_EXAMPLES)
def test_a_basis_column_is_told_by_its_heading(heading: str, read: tuple[str, str] | None) -> None:
    assert basis_column(heading) == read


_XP_HEADER = ("Adjusted 2025", "Adjustments (see Note 5) 2025", "Six months ended 30 June 2025",
              "Adjusted 2024", "Adjustments (see Note 5) 2024", "Six months ended 30 June 2024")
_XP_ROWS = [
    ("Revenue", ("110.9", "-", "110.9", "127.1", "-", "127.1")),
    ("Cost of sales", ("(65.0)", "0.2", "(64.8)", "(75.5)", "-", "(75.5)")),
    ("Operating profit", ("4.8", "(2.2)", "2.6", "13.5", "(4.4)", "9.1")),
    ("(Loss)/profit for the period", ("0.2", "(2.0)", "(1.8)", "5.9", "(3.7)", "2.2")),
    ("Equity shareholders", ("", "", "(1.9)", "", "", "2.1")),
    ("Basic (loss)/earnings per share", ("0.4", "(7.6)", "(7.2)", "24.5", "(15.6)", "8.9")),
]


def _xp_facts(header: tuple[str, ...], rows: list[tuple[str, tuple[str, ...]]]) -> dict:
    table = RawTable(0, "Condensed Consolidated Income Statement / For the six months ended 30 June 2025 / £m",
                     header, tuple(RawRow(lab, vals, "Earnings per share (pence)" if "per share" in lab else "")
                                   for lab, vals in rows), "page 14")
    meta = _meta(bare_years=False, period="H1 2025", period_end=date(2025, 6, 30), months=6, currency="GBP",
                 scale=None)
    return {(f.label, f.period_end, f.months): f.value for f in table_facts(table, meta, "xp", inherited_scale=None)}


def test_each_period_over_a_block_of_basis_columns_gives_statutory_adjusted_and_adjustment_figures() -> None:
    """Regression (XP Power): 'Adjusted | Adjustments (see Note 5) | Six months ended 30 June 2025' then the same
    for 2024; the page was refused (two columns of one period) and its text lines garbled the header. The
    statutory column gives the plain name, the adjusted one 'Adjusted ...', the middle one the adjustment; pence
    per share are hundredths of a pound."""
    got = _xp_facts(_XP_HEADER, _XP_ROWS)
    h1, h1_before = date(2025, 6, 30), date(2024, 6, 30)
    assert got[("Cost of sales", h1, 6)] == Decimal(-64_800_000)
    assert got[("Adjusted cost of sales", h1, 6)] == Decimal(-65_000_000)
    assert got[("Cost of sales, reconciling adjustment", h1, 6)] == Decimal(200_000)
    assert got[("Operating profit", h1_before, 6)] == Decimal(9_100_000)
    assert got[("Adjusted (loss)/profit for the period", h1_before, 6)] == Decimal(5_900_000)
    assert got[("Equity shareholders", h1, 6)] == Decimal(-1_900_000)
    assert got[("Basic (loss)/earnings per share", h1, 6)] == Decimal("-0.072")


def test_basis_blocks_that_do_not_add_up_or_whose_names_say_no_basis_are_refused() -> None:
    """Counter-examples: the same names over figures that do not add up, and blocks of columns that name no basis
    ('Revenue | Margin' a period), stay refused."""
    off = [(lab, tuple(v if i != 2 or not v else "1.0" for i, v in enumerate(vals))) for lab, vals in _XP_ROWS]
    table = RawTable(0, "", _XP_HEADER, tuple(RawRow(lab, vals) for lab, vals in off), "page 14")
    assert basis_blocks(table) is None
    renamed = tuple(h.replace("Adjustments (see Note 5)", "Margin") for h in _XP_HEADER)
    assert basis_blocks(replace(table, header=renamed, rows=tuple(RawRow(lab, v) for lab, v in _XP_ROWS))) is None
    assert basis_blocks(replace(table, rows=tuple(RawRow(lab, v) for lab, v in _XP_ROWS))) is not None


@pytest.mark.parametrize(("text", "hundredths"), HUNDREDTHS_EXAMPLES)
def test_cents_and_pence_per_share_are_hundredths(text: str, hundredths: bool) -> None:
    assert bool(_HUNDREDTHS.search(text)) is hundredths


@pytest.mark.parametrize(("names", "categories"), CATEGORY_EXAMPLES)
def test_category_names(names: tuple[str, ...], categories: bool) -> None:
    assert category_names(names) is categories


@pytest.mark.parametrize(("name", "quarter"), QUARTER_NAME_EXAMPLES)
def test_quarter_names(name: str, quarter: int | None) -> None:
    assert quarter_number(name) == quarter


def _categories_table(header: tuple[str, ...], names: tuple[str, ...], rows: list[tuple[str, tuple[str, ...]]],
                      title: str = "") -> RawTable:
    return RawTable(0, title, header, tuple(RawRow(label, values) for label, values in rows), "line 1", names)


def test_one_date_over_columns_of_categories_gives_a_fact_per_category_and_the_total_as_the_rows_own() -> None:
    """Regression: '30 June 2019' over 'Current | 0 to 30 days past due | Total' gave no facts at all."""
    table = _categories_table(("30 June 2019",), ("Current", "0 to 30 days past due", "Total"),
                              [("Gross carrying amount", ("23,762", "2,120", "25,882")),
                               ("Loss allowance provision", ("238", "106", "344"))])
    facts = {(f.label, f.section, f.period): f.value for f in table_facts(table, _meta(), "d", inherited_scale=1)}
    assert facts[("Gross carrying amount", "Current", "FY2019")] == Decimal(23762)
    assert facts[("Gross carrying amount", "0 to 30 days past due", "FY2019")] == Decimal(2120)
    assert facts[("Gross carrying amount", "", "FY2019")] == Decimal(25882)


def test_an_annual_reports_undated_table_of_categories_takes_the_reports_year_and_a_quarterly_release_s_nothing(
        ) -> None:
    rows = [("Operating lease obligations", ("$773", "$2,055", "$2,828")),
            ("Finjan Blue future commitment", ("2,000", "2,000", "4,000")),
            ("Total", ("$2,773", "$4,055", "$6,828"))]
    table = _categories_table((), ("Less Than 1 Year", "2-5 Years", "Total"), rows,
                              title="Contractual Obligations Less Than 1 Year 2-5 Years Total")
    annual = {(f.label, f.section): f for f in table_facts(table, _meta(), "d", inherited_scale=1)}
    assert annual[("Operating lease obligations", "Less Than 1 Year")].value == Decimal(773)
    assert annual[("Operating lease obligations", "Less Than 1 Year")].period == "FY2019"
    # the bare 'Total' row totals what the stub heading names
    assert annual[("Total Contractual Obligations", "")].value == Decimal(6828)
    quarterly = _meta(period="Q3 2019", period_end=date(2019, 9, 30), months=3, bare_years=False)
    assert table_facts(table, quarterly, "d", inherited_scale=1) == []


def test_a_year_over_its_quarters_named_by_their_order_gives_quarters() -> None:
    table = _categories_table(("2019",), ("First Quarter", "Second Quarter", "Total"),
                              [("Revenues", ("$ 94,888", "$ 96,037", "$190,925")),
                               ("Gross profit", ("38,091", "39,821", "77,912"))])
    facts = {(f.label, f.period): f.value for f in table_facts(table, _meta(), "d", inherited_scale=1)}
    assert facts == {("Revenues", "Q1 2019"): 94888, ("Revenues", "Q2 2019"): 96037, ("Revenues", "FY2019"): 190925,
                     ("Gross profit", "Q1 2019"): 38091, ("Gross profit", "Q2 2019"): 39821,
                     ("Gross profit", "FY2019"): 77912}


def test_a_table_of_categories_split_at_a_dated_row_carries_its_names_to_the_second_part() -> None:
    names = ("Accounts Receivable, Gross", "Allowance for Losses", "Accounts Receivable, Net")
    first = _categories_table(("December 31, 2019",), names, [("Servicing related", ("6,868", "—", "6,868")),
                                                              ("Total", ("$19,731", "$(238)", "$19,493"))])
    second = _categories_table(("December 31, 2018",), (), [("Servicing related", ("864", "—", "864")),
                                                            ("Total", ("$15,568", "$(168)", "$15,400"))])
    carried = categories_carried_on([first, second])
    assert carried[1].column_names == names
    facts = {(f.label, f.section, f.period_end.year): f.value
             for f in table_facts(carried[1], _meta(), "d", inherited_scale=1)}
    assert facts[("Total", "Allowance for Losses", 2018)] == Decimal(-168)
    # a part headed by no date of its own keeps what it has
    assert categories_carried_on([first, replace(second, header=("Note 5",))])[1].column_names == ()


@pytest.mark.parametrize(("header", "first", "percentages"), COMMON_SIZE_EXAMPLES)
def test_common_size_statements(header: str, first: tuple[str, ...], percentages: bool) -> None:
    table = _table(tuple(header.split(" / ")), [("Sales", first), ("Gross profit", tuple("40.0" for _ in first))])
    assert common_size(table) is percentages


@pytest.mark.parametrize(("rows", "percentages"), RATE_STEPS_EXAMPLES)
def test_rate_reconciliations(rows: tuple[tuple[str, ...], ...], percentages: bool) -> None:
    assert rate_steps(rows) is percentages


def test_the_steps_of_a_rate_reconciliation_are_percentages() -> None:
    """Regression (TAT-QA, an effective tax rate reconciliation): 'State and local income tax rate | 3.7' between
    '21.0%' and '13.0%' was read as $3.70."""
    table = _table(("Years Ended December 31, | 2019 | 2018",), [
        ("Statutory federal income tax rate", ("21.0%", "21.0%")), ("State and local income tax rate", ("3.7", "3.7")),
        ("Preferred stock disposition", ("(9.9)", "—")), ("Effective income tax rate", ("13.0%", "18.3%"))])
    facts = {f.label: f for f in table_facts(table, _meta(), "d", inherited_scale=1) if f.period == "FY2019"}
    assert facts["State and local income tax rate"].unit == Unit.PERCENT
    assert facts["Preferred stock disposition"].value == Decimal("-9.9")


def test_a_statement_in_percentages_of_sales_gives_percentages_where_only_its_first_line_prints_them() -> None:
    """Regression: 'Gross profit | 40.0 | 50.9' under 'Sales | 100.0 % | 100.0 %' was read as $40.0 and $50.9."""
    table = _table(("Year Ended December 31, | 2019 | 2018",), [("Sales", ("100.0 %", "100.0 %")),
                                                                ("Gross profit", ("40.0", "50.9"))])
    facts = {f.label: f for f in table_facts(table, _meta(), "d", inherited_scale=1) if f.period == "FY2018"}
    assert facts["Gross profit"].unit == Unit.PERCENT and facts["Gross profit"].value == Decimal("50.9")


def test_a_table_whose_own_caption_scales_counts_takes_no_money_scale_from_above() -> None:
    """Regression (Vornado): '(Square feet in thousands)' over 'Initial rent | $ 87.48' took the thousands of the
    caption above, and the rent per square foot became $87,480."""
    table = _table(("(Square feet in thousands) | Three Months Ended December 31, 2024",),
                   [("Total square feet leased", ("583",)), ("Initial rent", ("$ 87.48",)),
                    ("Percentage increase", ("23.9%",))])
    facts = table_facts(table, _meta(bare_years=False), "d", inherited_scale=1_000)
    assert [f.value for f in facts if f.unit == Unit.PERCENT] == [Decimal("23.9")]
    assert not [f for f in facts if f.unit == Unit.CURRENCY]


_OVER_CC = ("Q2 FY'24 % Change", "(In millions, except per share data) Q2 FY'24 Q2 FY'23 $ Change % Change")


@pytest.mark.parametrize(("header", "over"), [
    (_OVER_CC, 0),  # the constant-currency columns' heading, printed above the main header line
    (("Three Months Ended June 30,", "2025 | 2024"), None),  # a span over the years: no period of its own
    (("Q2 2025 | Q1 2025", "Q2 2025 | Q2 2024 | H1 2025"), None),  # names a period the line below does not
    (("Q2 2025 | Q2 2024", "Q2 2025 | Q2 2024"), None),  # the same periods, no more below
])
def test_a_header_line_over_other_columns_is_found(header: tuple[str, ...], over: int | None) -> None:
    from index.tables import _over_other_columns

    meta = _meta(period="Q2 FY2024", period_end=date(2023, 12, 31), months=3, bare_years=False,
                 calendar=FiscalCalendar(fy_end_month=6))
    assert _over_other_columns(header, meta) == over


def test_a_heading_over_the_constant_currency_columns_does_not_shift_the_periods() -> None:
    """Regression (OpenText, read by pdfium): 'Q2 FY'24 % Change' over the two constant-currency columns, read
    above 'Q2 FY'24 | Q2 FY'23 | $ Change | % Change', put the prior quarter over the change in dollars
    (Adjusted EBITDA Q2 FY2023 225.3, which is the change; 340.9 is printed)."""
    meta = _meta(period="Q2 FY2024", period_end=date(2023, 12, 31), months=3, bare_years=False,
                 calendar=FiscalCalendar(fy_end_month=6))
    table = _table(_OVER_CC, [("Total revenues", ("$1,534.9", "$897.4", "$637.4", "71.0 %", "$1,509.3", "68.2 %")),
                              ("Adjusted EBITDA (1)", ("$566.3", "$340.9", "$225.3", "66.1 %", "$549.7", "61.2 %"))])
    facts = table_facts(table, meta, "doc", inherited_scale=1_000_000)
    assert {(f.period, f.value) for f in facts if f.label == "Adjusted EBITDA (1)"} == {
        ("Q2 FY2024", Decimal("566300000")), ("Q2 FY2023", Decimal("340900000"))}
