"""Means over the periods a release prints, year ranges, and rows printed only as rates: an annual report's
table of 2019 | 2018 | 2017 answered as its reader would (TAT-QA's 'What is the average gross profit?')."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.answers import Status
from assistant.respond import Assistant
from index.pipeline import Index
from tests.conftest import FakeEmbedding

_REPORT = """# Acme Widgets annual report 2019

Consolidated statements of operations (in thousands), years ended December 31

|  | 2019 | 2018 | 2017 |
|---|---|---|---|
| Revenue | $ 500,000 | $ 450,000 | $ 400,000 |
| Gross profit | 137,347 | 100,284 | 72,849 |
| Net income | 24,193 | 20,402 | 14,366 |
| Net debt proceeds | 228 | 100 | 50 |

Assumptions of the option pricing model:

|  | 2019 | 2018 | 2017 |
|---|---|---|---|
| Expected volatility | 28.3% | 28.7% | 27.1% |
| Risk-free interest rate | 2.5% | 2.5% | 2.0% |
| Cost of sales | 60.0% | 62.0% | 65.0% |
"""


def _assistant_over(tmp_path_factory: pytest.TempPathFactory, stem: str, text: str):  # noqa: ANN202
    """An Assistant over a data home holding one Markdown release, for a module's tests."""
    root = tmp_path_factory.mktemp(stem)
    (root / "docs").mkdir()
    (root / "docs" / f"{stem}.md").write_text(text, encoding="utf-8")
    with Index(root / "home", embedder=FakeEmbedding()) as index:
        index.ingest([root / "docs"])
        yield Assistant(index)


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    yield from _assistant_over(tmp_path_factory, "acme-widgets_2019FY", _REPORT)


@pytest.mark.parametrize(("question", "value", "periods"), [
    # no period named: every year the row's table prints (it was the latest year and the one before)
    ("What is the average gross profit?", Decimal("103493333.33"), 3),
    # a year range names the years between its ends too (it was the two ends only)
    ("What was the average net income for 2017-2019?", Decimal("19653666.67"), 3),
    # two years named: those two
    ("What was the average gross profit in 2018 and 2019?", Decimal("118815500"), 2),
])
def test_an_average_is_over_the_periods_asked_or_all_the_row_prints(bot: Assistant, question: str, value: Decimal,
                                                                      periods: int) -> None:
    a = bot.answer(question)
    assert a.status == Status.ANSWERED
    assert round(a.figures[0].value, 2) == value
    assert len(a.figures[0].inputs) == periods


@pytest.mark.parametrize(("question", "values"), [
    # a bare date is the year ending that day where the row is printed for years only (an annual report)
    ("What is the average net income for December 31, 2018 and 2019?", {Decimal("22297500")}),
    ("What was the gross profit as of December 31, 2019 and 2018 respectively?",
     {Decimal("137347000"), Decimal("100284000")}),
    ("What is the average revenue for the years ended December 31, 2019 and 2018?", {Decimal("475000000")}),
])
def test_a_flow_asked_on_a_date_is_the_year_ending_then(bot: Assistant, question: str, values: set[Decimal]) -> None:
    """Regression: "SG&A for December 31, 2018 and 2019" was refused ("not reported for Dec 31, 2018"), and "as of
    October 31, 2019 and 2018" read the second year as the fiscal year."""
    a = bot.answer(question)
    assert a.status == Status.ANSWERED
    got = {round(a.figures[0].value, 2)} if len(values) == 1 else {round(f.value, 2) for f in a.figures}
    assert got == values


def test_which_years_a_row_or_the_table_is_printed_for(bot: Assistant) -> None:
    """TAT-QA's "In which years was X calculated?" and "What years does the table show?" had been refused: the
    words that ask where a row is printed were taken for the row's."""
    a = bot.answer("In which years was net income calculated for?")
    assert a.status == Status.ANSWERED and [f.period for f in a.figures] == ["FY2017", "FY2018", "FY2019"]
    a = bot.answer("What years does the table show?")
    assert a.status == Status.ANSWERED and "FY2017, FY2018 and FY2019" in a.headline and not a.figures


@pytest.mark.parametrize(("question", "value", "formula"), [
    ("What was the difference between revenue and gross profit in 2019?", Decimal("362653000"),
     "500,000,000 - 137,347,000"),
    ("What is the difference in 2018 between the revenue and the net income?", Decimal("429598000"),
     "450,000,000 - 20,402,000"),
])
def test_the_difference_between_two_rows_of_one_period(bot: Assistant, question: str, value: Decimal,
                                                       formula: str) -> None:
    """TAT-QA's "the difference between APAC and EMEA net sales in 2019" had been refused: 'difference' asked for
    a change between periods only."""
    a = bot.answer(question)
    assert a.status == Status.ANSWERED and a.figures[0].value == value and a.figures[0].formula == formula
    assert [f.is_reported for f in a.figures[1:]] == [True, True]


@pytest.mark.parametrize("question", ["What are the components of net income in 2019?",
                                      "What were the items under gross profit?"])
def test_a_list_of_parts_is_never_answered_by_the_whole(bot: Assistant, question: str) -> None:
    """Regression (TAT-QA): "What were the components under Property, plant, and equipment, gross?" was answered
    with the total's figure, once nameless totals were named."""
    a = bot.answer(question)
    assert a.status == Status.NOT_FOUND and not a.figures and "parts that make up" in a.answer


@pytest.mark.parametrize(("question", "unit", "value"), [
    ("What was the change in net income?", "USD", Decimal("3791000")),  # the amount it changed by
    ("What was the increase in net income in 2019?", "USD", Decimal("3791000")),
    ("How much did net income grow?", "%", Decimal("18.58")),  # a growth rate
    ("What is the total net income in both 2018 and 2019?", "USD", Decimal("44595000")),  # the sum of the two
])
def test_a_change_asked_in_words_is_an_amount_and_growth_a_rate(bot: Assistant, question: str, unit: str,
                                                                value: Decimal) -> None:
    """Regression (TAT-QA): "What was the change in closing cash?" gave its percent change first; "the total cost
    of revenue in both 2019 and 2018" gave the two years, not their sum."""
    a = bot.answer(question)
    assert a.status == Status.ANSWERED and a.figures[0].unit == unit and round(a.figures[0].value, 2) == value


def test_a_flow_stands_for_a_date_only_by_its_own_name(bot: Assistant) -> None:
    """Regression: "Amcor's net debt at June 30, 2023" was answered by the year's 'Net debt proceeds' once a flow
    could stand for a date."""
    a = bot.answer("What was the net debt at December 31, 2019?")
    assert a.status != Status.ANSWERED and not a.figures


def test_a_row_printed_only_as_a_rate_answers_a_plain_question(bot: Assistant) -> None:
    """Regression: 'What was the expected volatility in 2018?' was refused: the question names no rate, and a
    rate row was never taken for it."""
    a = bot.answer("What was the expected volatility in 2018?")
    assert a.status == Status.ANSWERED and a.figures[0].value == Decimal("28.7") and a.figures[0].unit == "%"


def test_an_amount_is_never_answered_by_its_common_size_rate(bot: Assistant) -> None:
    """Counter-example: 'Cost of sales 62.0%' (a standard amount as a share of revenue) never answers 'cost of
    sales' as an amount."""
    a = bot.answer("What was cost of sales in 2018?")
    assert not (a.status == Status.ANSWERED and any(f.value == Decimal("62.0") for f in a.figures))


_SHARES = """# Acme Stores fourth quarter 2024 results

Acme Stores reported results for the fourth quarter ended December 31, 2024.

Income statement (in thousands)

|  | Three Months Ended December 31, 2024 | Three Months Ended December 31, 2023 |
|---|---|---|
| Net sales | $ 3,000 | $ 2,800 |
| Net income | 300 | 250 |

The following table sets forth the approximate percentage of net sales by primary category:

|  | Three Months Ended December 31, 2024 | Three Months Ended December 31, 2023 |
|---|---|---|
| Cosmetics | 40% | 41% |
| Fragrance | 20% | 19% |

Statement of operations data as a percentage of sales:

|  | Three Months Ended December 31, 2024 | Three Months Ended December 31, 2023 |
|---|---|---|
| Sales | 100.0 % | 100.0 % |
| Gross margin | 40.0 | 50.9 |
| Provision for income taxes | 1.4 | 3.5 |

Net sales growth by category (% change):

|  | Three Months Ended December 31, 2024 | Three Months Ended December 31, 2023 |
|---|---|---|
| Haircare | 12% | 9% |
| Skincare | 8% | 7% |
"""


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    yield from _assistant_over(tmp_path_factory, "acme-stores_2024Q4", _SHARES)


def test_a_share_the_release_prints_answers_before_a_calculation(stores: Assistant) -> None:
    """Regression (Ulta): 'what % of sales came from cosmetics?' was refused: the part has no amount to divide;
    the release prints the share in a table of the percentage of net sales by category."""
    a = stores.answer("What % of Q4 2024 sales came from cosmetics?")
    assert a.status == Status.ANSWERED and a.figures[0].value == Decimal("40") and a.figures[0].is_reported


def test_a_statement_in_percentages_of_sales_answers_a_share_and_its_change(stores: Assistant) -> None:
    """Regression (TAT-QA a190aaec): 'Provision for income taxes | 1.4' under 'Sales | 100.0 %' was read as
    $1.4, so "the percentage of sales represented by the provision" was refused and its change listed both years."""
    a = stores.answer("What was the percentage of sales represented by provision for income taxes in Q4 2024?")
    assert a.status == Status.ANSWERED and a.figures[0].value == Decimal("1.4") and a.figures[0].is_reported
    a = stores.answer("What was the change in percentage of sales represented by provision for income taxes "
                      "between Q4 2023 and Q4 2024?")
    assert a.status == Status.ANSWERED and a.figures[0].value == Decimal("-2.1")


def test_a_growth_rate_is_never_taken_for_a_share(stores: Assistant) -> None:
    """Counter-example: 'Haircare 12%' in a table of net sales growth is no share of net sales."""
    a = stores.answer("What % of Q4 2024 sales came from haircare?")
    assert not (a.status == Status.ANSWERED and any(f.value == Decimal("12") for f in a.figures))


_NOTE = """# Acme Widgets annual report 2019

Deferred taxes and accrued liabilities (in thousands), December 31

|  | 2019 | 2018 |
|---|---|---|
| Deferred tax liabilities: |  |  |
| Intangible assets | 2,100 | 1,900 |
| Property, plant, and equipment | 800 | 700 |
| Other | 100 | 90 |
| Gross deferred tax liabilities | 3,000 | 2,690 |
| Vacation and other compensation | 1,659 | 1,433 |
| Payroll taxes | 155 | 113 |
| Warranty reserve | 529 | 520 |
| Total accrued liabilities | 2,343 | 2,066 |

Derivative liabilities (in thousands)

|  | As of December 31, |  |
|---|---|---|
|  | 2019 | 2018 |
| Forward foreign exchange contracts | 41 | 1,467 |
| Interest rate swaps | 49,891 | 9,196 |
"""


@pytest.fixture(scope="module")
def note(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    yield from _assistant_over(tmp_path_factory, "acme-widgets_2019FY", _NOTE)


@pytest.mark.parametrize(("question", "parts"), [
    ("What are the components under deferred tax liabilities?",
     ["Intangible assets", "Property, plant, and equipment", "Other"]),  # the heading's rows, down to its total
    ("What were the items of total accrued liabilities in 2019?",
     ["Vacation and other compensation", "Payroll taxes", "Warranty reserve"]),  # the rows above the total
])
def test_a_figure_s_parts_are_the_rows_its_table_prints_for_it(note: Assistant, question: str,
                                                               parts: list[str]) -> None:
    """TAT-QA's "What are the components under deferred tax liabilities?" had been refused, then answered with
    the total itself; each part is answered with its own cited figure."""
    a = note.answer(question)
    assert a.status == Status.ANSWERED and [f.label for f in a.figures] == parts
    assert all(f.is_reported and f.source is not None for f in a.figures)


def test_which_year_was_higher_compares_every_period_a_balance_is_printed_for(note: Assistant) -> None:
    """Regression (GasLog): "In which year was the fair value of forward foreign exchange contracts higher?" over
    balances only compared the latest with itself and answered 2019 ($41 thousand)."""
    a = note.answer("In which year was the fair value of forward foreign exchange contracts higher?")
    assert a.status == Status.ANSWERED and a.figures[0].period_end.year == 2018 and len(a.figures) >= 2



def test_years_from_one_to_another_are_every_year_between(bot: Assistant) -> None:
    """Regression (TAT-QA): "the net income for fiscal years 2019 to 2017 respectively" gave 2019 and 2017 only."""
    a = bot.answer("What is the net income for fiscal years 2019 to 2017 respectively?")
    assert a.status == Status.ANSWERED and [f.period for f in a.figures] == ["FY2017", "FY2018", "FY2019"]


def test_which_fy_asks_for_a_year(bot: Assistant) -> None:
    a = bot.answer("Which FY has a higher gross profit?")
    assert a.status == Status.ANSWERED and a.intent.operation.value == "highest" and a.figures[0].period == "FY2019"


_QUARTERS = """# Acme Widgets second quarter 2025 results

Revenue (in thousands)

|  | Q3 2024 | Q4 2024 | Q1 2025 | Q2 2025 |
|---|---|---|---|---|
| Revenue | 100 | 110 | 120 | 130 |
| Cost of revenue | 60 | 66 | 70 | 75 |
"""


@pytest.fixture(scope="module")
def quarters(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    yield from _assistant_over(tmp_path_factory, "acme-widgets_2025Q2", _QUARTERS)


def test_four_quarters_to_june_are_never_a_december_fiscal_year(quarters: Assistant) -> None:
    """Regression (Alphabet): "Google Cloud revenue" asked for a year summed Q3 2024 to Q2 2025 and called the
    trailing twelve months FY2025; a year is only the sum of its own four quarters."""
    a = quarters.answer("What was Acme's revenue in the latest year?")
    assert not any(f.period == "FY2025" and "sum of 4 quarters" in f.label for f in a.figures)


def test_a_heading_is_the_same_however_a_release_punctuates_it() -> None:
    """Regression (Alphabet): "the components of total revenues in Q1 2024" read the parts under 'Revenues:' of the
    Q4 2024 release only, so it cited Q4 2024's figures; the Q1 release prints the heading as 'Revenues'."""
    from assistant.respond import _same_heading

    assert _same_heading("Revenues:", "Revenues") and _same_heading("REVENUES", "revenues:")
    assert not _same_heading("Revenues:", "Operating income (loss):")


_AGEING = """# Acme Widgets annual report 2019

Acme Widgets reports its results for the fiscal year ended June 30, 2019.

Trade receivables by age (in thousands)

| 30 June 2019 | Current | 0 to 30 days past due | More than 60 days past due | Total |
|---|---|---|---|---|
| Gross carrying amount | 23,762 | 2,120 | 2,438 | 28,320 |
| Net receivables | 23,524 | 2,014 | 2,041 | 27,579 |

Contractual obligations (in thousands)

| Contractual Obligations | Total | Less Than 1 Year | More Than 5 Years |
|---|---|---|---|
| Operating leases | 98,389 | 37,412 | 11,825 |
| Purchase obligations | 424,561 | 345,530 | 36,675 |
| Total | 522,950 | 382,942 | 48,500 |
"""


@pytest.fixture(scope="module")
def ageing(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    yield from _assistant_over(tmp_path_factory, "acme-widgets_2019FY", _AGEING)


@pytest.mark.parametrize(("question", "value"), [
    # the category the question names answers; none named, the total column (the rows' own figure)
    ("What were the current net receivables in 2019?", Decimal(23_524_000)),
    ("What were the total net receivables in 2019?", Decimal(27_579_000)),
    ("What was the gross carrying amount in 2019?", Decimal(28_320_000)),
    # a part in one category of a total: 'of more than 5 years' names the category, no threshold
    ("What is the percentage of the operating leases of more than 5 years in the total operating leases?",
     Decimal("12.02")),
    ("How much was the percentage of current net receivables out of total net receivables?", Decimal("85.30")),
])
def test_a_table_of_categories_answers_by_the_category_named(ageing: Assistant, question: str,
                                                             value: Decimal) -> None:
    """Regression (TAT-QA 736f65a8, d8568399): rows under 'Current | 0 to 30 days past due | Total' asked which
    heading was meant, whatever the question named."""
    a = ageing.answer(question)
    assert a.status == Status.ANSWERED
    assert round(a.figures[0].value, 2) == value


def test_a_figure_is_never_a_share_of_itself(ageing: Assistant) -> None:
    """Counter-example: "the percentage of the operating leases in the total operating leases" reads one cell twice;
    100% is no answer."""
    a = ageing.answer("What is the percentage of the operating leases in the total operating leases in 2019?")
    assert not (a.status == Status.ANSWERED and any(f.value == 100 for f in a.figures))


@pytest.mark.parametrize(("question", "value"), [
    # a small count spelled out is the column's digits: 'Less Than 1 Year'
    ("What were the operating leases due in less than one year?", Decimal(37_412_000)),
    # "total" asks for the total column ...
    ("What were the total purchase obligations?", Decimal(424_561_000)),
    # ... unless the row itself is the total and the question names the category
    ("What were total contractual obligations due in less than one year?", Decimal(382_942_000)),
])
def test_a_category_is_named_in_words_or_by_its_total(ageing: Assistant, question: str, value: Decimal) -> None:
    """Regression (TAT-QA): "less than one year" missed the column 'Less Than 1 Year'; "the total X" read a category's
    cell."""
    a = ageing.answer(question)
    assert a.status == Status.ANSWERED
    assert a.figures[0].value == value


_SEGMENTS = """# Teekay Corporation annual report 2019

Teekay Corporation reports its results for the fiscal year ended December 31, 2019.

The following table presents revenues and income (loss) from vessel operations for each of Teekay LNG and Teekay
Tankers.

| | Revenues | | Income (loss) from vessel operations | |
|---|---|---|---|---|
| (in thousands of U.S. dollars) | 2019 | 2018 | 2019 | 2018 |
| Teekay LNG | 601,256 | 510,762 | 299,253 | 148,599 |
| Teekay Tankers | 943,917 | 776,493 | 123,883 | 7,204 |
| Teekay Corporation Consolidated | 1,945,391 | 1,728,488 | 204,042 | 164,319 |
"""


@pytest.fixture(scope="module")
def segments(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    yield from _assistant_over(tmp_path_factory, "teekay_2019FY", _SEGMENTS)


def test_the_change_of_a_figure_named_by_its_column_group_reads_both_years(segments: Assistant) -> None:
    """Regression (TAT-QA, Teekay): a figure labelled with its column group ('Teekay LNG (Revenues)') lost its row
    when the change looked for the other year's figure of the same row."""
    a = segments.answer("What is the increase in Revenues of Teekay LNG from 2018 to 2019?")
    assert a.status == Status.ANSWERED
    assert a.figures[0].value == Decimal(90_494_000)
