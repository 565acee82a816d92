"""How well a row label answers to a metric phrase (assistant.lookup.label_score): table-driven."""

from __future__ import annotations

import pytest

from assistant.lookup import MATCH_THRESHOLD, label_score

# (phrase, row label, answers): a row answers when it scores at the match threshold or above
LABELS = [
    ("total liabilities", "Total liabilities", True),
    ("total current liabilities", "Total current liabilities", True),
    ("research and development", "Research and development expenses", True),
    ("other income", "Other income (expense), net", True),
    ("net income", "U.S. GAAP Net income (loss)", True),
    # OpenText's reconciliation: "non-GAAP income from operations" (asked as adjusted) is the non-GAAP row, never
    # the reconciling adjustment (it was answered with the adjustment, $220.2 million for $413.5 million)
    ("adjusted income from operations", "Non-GAAP-based income from operations", True),
    ("adjusted income from operations", "GAAP-based income from operations, reconciling adjustment", False),
    ("income from operations", "GAAP-based income from operations", True),
    # the balance sheet's other side, or a measure that nets another kind, is another figure
    ("total liabilities", "Total liabilities and stockholders' equity", False),
    ("total liabilities", "Total liabilities and equity", False),
    ("net income", "Interest income (expense), net", False),
    ("total equity and liabilities", "Total equity", False),  # both sides asked: one side is no answer
    # a measure before a thing is never the thing (Intel: "income taxes" was answered with the pre-tax income)
    ("income taxes", "Income (loss) before taxes", False),
    ("income tax", "Income before income taxes", False),
    ("special items", "EBITDA before special items", False),
    ("income before income taxes", "Income before income taxes", True),
    ("profit before tax", "Profit before tax", True),
    ("net earnings", "Earnings before provision for taxes and net earnings", False),
]


@pytest.mark.parametrize(("phrase", "label", "answers"), LABELS)
def test_a_row_answers_to_a_phrase_only_when_it_measures_the_same(phrase: str, label: str, answers: bool) -> None:
    """Regression (Himax, GeoVax, Meta: "total liabilities" answered with the balance sheet's total; Molson Coors:
    "net income" with 'Interest income (expense), net'; Ascendis: "total equity and liabilities" with 'Total
    equity'). 'liabilities' is the kind word 'liability'."""
    assert (label_score(phrase, label) >= MATCH_THRESHOLD) is answers


def test_the_group_s_consolidated_statements_answer_before_the_parent_s_standalone_ones() -> None:
    """Regression (Mahindra & Mahindra): the standalone balance sheet's 'TOTAL NON-CURRENT LIABILITIES' answered a
    question about the company, whose figure is the consolidated one."""
    from assistant.lookup import statement_rank

    assert statement_rank("Consolidated balance sheet") < statement_rank("Standalone balance sheet")
    assert statement_rank("Statement of Standalone Audited Financial Results") == statement_rank("Reconciliation")


def test_current_and_noncurrent_rows_of_one_name_are_both_qualified() -> None:
    """Regression (Kelly Services): 'Operating lease liabilities' under 'Noncurrent Liabilities' answered for the
    one under 'Current Liabilities' (only 'non-current' with a hyphen was a qualifier); now the question is asked."""
    assert label_score("operating lease liabilities", "Noncurrent operating lease liabilities") == 0.0
    assert label_score("operating lease liabilities", "Current operating lease liabilities") == 0.0


@pytest.mark.parametrize(("unit", "found"), [("shares", True), ("count", True), ("currency", False)])
def test_the_noun_a_count_is_of_is_the_row_s_unit_not_its_words(unit: str, found: bool) -> None:
    """TAT-QA: "the number of options granted in 2019" is the row 'Options granted in the year' and "rights
    granted" the row 'Granted during the period' of a table of counts; an amount row of that name is not one."""
    from datetime import date
    from decimal import Decimal

    from assistant.lookup import candidate_rows
    from index.facts import Fact, Unit

    fact = Fact("d", "Co", "Table 1", "Granted during the period", "granted_during_the_period", "FY2019",
                date(2019, 12, 31), 12, None, Unit(unit), Decimal(4465617))
    rows = candidate_rows("rights granted", [fact])
    assert bool(rows and rows[0].score >= MATCH_THRESHOLD) is found


def test_a_caption_of_counts_over_the_columns_makes_its_rows_counts() -> None:
    """TAT-QA: 'NO. OF RIGHTS | NO. OF RIGHTS' under '2019 | 2018' left 'Granted during the period' an amount."""
    from index.blocks import RawRow, RawTable
    from index.tables import row_unit

    table = RawTable(0, "", ("2019 | 2018",), (), "line 1")
    for caption, unit in (("NO. OF RIGHTS NO. OF RIGHTS", "shares"), ("Number Number", "count"), ("", "currency")):
        row = RawRow("Granted during the period", ("4,465,617", "5,691,731"), caption)
        assert row_unit(row, table, "4,465,617", "").value == unit
