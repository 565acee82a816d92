"""Intent parsing on its own, table-driven: companies, metrics, periods, currency and operation."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from assistant.questions import Intent, Operation, PeriodKind, follow_up, parse
from assistant.scope import Scope
from index.facts import DocumentRecord, Fact, FactStore, Unit

_DOCS = [
    # document, company, short name, ticker, period, period end, currency, fiscal year end month, label shift
    ("kingsoft-cloud_2025Q2", "Kingsoft Cloud Holdings Limited", "Kingsoft Cloud", "KC", "Q2 2025", date(2025, 6, 30),
     "RMB", 12, 0),
    ("kingsoft-corp_2025Q3", "Kingsoft Corporation Limited", "Kingsoft", None, "Q3 2025", date(2025, 9, 30), "RMB",
     12, 0),
    ("alphabet_2025Q2", "Alphabet Inc.", "Alphabet", "GOOG", "Q2 2025", date(2025, 6, 30), "USD", 12, 0),
    ("nvidia_FY2026Q1", "NVIDIA", "NVIDIA", "NVDA", "Q1 FY2026", date(2025, 4, 27), "USD", 1, 0),
    ("johnson-johnson_2023Q1", "Johnson & Johnson", "Johnson & Johnson", "JNJ", "Q1 2023", date(2023, 4, 2), "USD",
     12, 0),
    ("buckle_FY2024Q3", "Buckle, Inc.", "Buckle", "BKE", "Q3 FY2024", date(2024, 11, 2), "USD", 1, -1),
]


@pytest.fixture(scope="module")
def scope(tmp_path_factory: pytest.TempPathFactory) -> Scope:
    store = FactStore(Path(tmp_path_factory.mktemp("q")) / "facts.sqlite")
    with store.transaction() as conn:
        for doc, company, short, ticker, period, end, cur, fy_month, shift in _DOCS:
            record = DocumentRecord(doc, f"{doc}.md", "0" * 64, "md", company, short, ticker, period, end, cur, None,
                                    fy_month, shift, 1, 1, "fake")
            fact = Fact(doc, company, "Segment revenues", "Google Cloud", "google_cloud", period, end, 3, cur,
                        Unit.CURRENCY, 1)
            store.replace_document(conn, record, [fact])
    return Scope(store)


KC = "Kingsoft Cloud Holdings Limited"
Q, H, Y, SPAN, INSTANT = PeriodKind.QUARTER, PeriodKind.HALF, PeriodKind.YEAR, PeriodKind.SPAN, PeriodKind.INSTANT


@pytest.mark.parametrize(("question", "companies", "metric", "periods", "operation"), [
    ("What was Kingsoft Cloud's G&A in Q2 2025?", [KC], "general administrative expenses", [(Q, 2025, 2)],
     Operation.VALUE),
    ("second quarter of 2025 revenue for KC", [KC], "revenue", [(Q, 2025, 2)], Operation.VALUE),
    ("net loss for the three months ended June 30, 2025 at Kingsoft Cloud", [KC], "net loss",
     [(SPAN, date(2025, 6, 30), 3)], Operation.VALUE),
    ("Kingsoft Cloud revenue for the six months ended June 30, 2025", [KC], "revenue",
     [(SPAN, date(2025, 6, 30), 6)], Operation.VALUE),
    ("first half of 2025 revenue Kingsoft Cloud", [KC], "revenue", [(H, 2025, 1)], Operation.VALUE),
    ("H1 2025 revenue KC", [KC], "revenue", [(H, 2025, 1)], Operation.VALUE),
    ("NVIDIA fiscal 2026 Q1 revenue", ["NVIDIA"], "revenue", [(Q, 2026, 1)], Operation.VALUE),
    ("NVDA revenue in Q1 FY26", ["NVIDIA"], "revenue", [(Q, 2026, 1)], Operation.VALUE),
    ("Alphabet revenue FY2024", ["Alphabet Inc."], "revenue", [(Y, 2024, 0)], Operation.VALUE),
    ("Kingsoft Cloud cash as of June 30, 2025", [KC], "cash and cash equivalents", [(INSTANT, date(2025, 6, 30), 0)],
     Operation.VALUE),
    ("Alphabet total assets at the end of 2024", ["Alphabet Inc."], "total assets",
     [(PeriodKind.YEAR_END, 2024, 0)], Operation.VALUE),
    ("Alphabet revenue last quarter", ["Alphabet Inc."], "revenue", [(PeriodKind.LATEST, None, 0)],
     Operation.VALUE),
    ("Google Cloud revenue for the last six quarters?", [], "Google Cloud revenue", [(PeriodKind.LAST_N, None, 6)],
     Operation.SERIES),
    ("Kingsfot Cloud revenue", [KC], "revenue", [], Operation.VALUE),
    ("Nvidea revenue", ["NVIDIA"], "revenue", [], Operation.VALUE),
    ("Kingsoft revenue", ["Kingsoft Corporation Limited"], "revenue", [], Operation.VALUE),
    ("ratio of R&D to revenue at KC", [KC], ["research development expenses", "revenue"], [], Operation.RATIO),
    ("R&D as a percentage of revenue at KC in Q2 2025", [KC], ["research development expenses", "revenue"],
     [(Q, 2025, 2)], Operation.SHARE),
    ("KC short-term plus long-term borrowings", [KC], ["short-term borrowings", "long-term borrowings"], [],
     Operation.SUM),
    ("Compare revenue of Alphabet and NVIDIA", ["Alphabet Inc.", "NVIDIA"], "revenue", [], Operation.COMPARE),
    ("Why did JNJ's sales grow in Q1 2023?", ["Johnson & Johnson"], "revenue", [(Q, 2023, 1)], Operation.EXPLAIN),
    ("What drove G&A growth at Kingsoft Cloud in Q2 2025?", [KC], "general administrative expenses",
     [(Q, 2025, 2)], Operation.EXPLAIN),
    # a region after the company's name is the company's region, not a product named after it ('Google Cloud')
    ("Alphabet North America revenue in Q2 2025", ["Alphabet Inc."], "North America revenue", [(Q, 2025, 2)],
     Operation.VALUE),
    # the kind of driver asked about ('product categories') names no measure
    ("which product categories drove JNJ pharma growth in 2Q23?", ["Johnson & Johnson"], "pharmaceutical",
     [(Q, 2023, 2)], Operation.EXPLAIN),
    ("Kingsoft Cloud operating margin Q2 2025", [KC], "operating margin", [(Q, 2025, 2)], Operation.SHARE),
    ("Kingsoft Cloud revenue QoQ", [KC], "revenue", [], Operation.QOQ),
    ("Kingsoft Cloud revenue growth year over year in Q2 2025", [KC], "revenue", [(Q, 2025, 2)], Operation.YOY),
    ("How much did KC revenue change from Q1 2025 to Q2 2025?", [KC], "revenue", [(Q, 2025, 1), (Q, 2025, 2)],
     Operation.CHANGE),
    ("Q1 and Q2 2025 revenue KC", [KC], "revenue", [(Q, 2025, 1), (Q, 2025, 2)], Operation.SERIES),
    ("KC revenue in F25", [KC], "revenue", [(Y, 2025, 0)], Operation.VALUE),  # Woolworths' short form
    ("KC revenue for 2023,2024 and 2025", [KC], "revenue", [(Y, 2023, 0), (Y, 2024, 0), (Y, 2025, 0)],
     Operation.SERIES),  # "2023,2024" is no number
    ("What is the total revenue of KC in both Q1 and Q2 2025?", [KC], "total revenue", [(Q, 2025, 1), (Q, 2025, 2)],
     Operation.SUM),  # the sum over the periods, where 'total revenue in Q1 and Q2 2025' is the row's series
    ("What are the components of KC's total revenues in Q2 2025?", [KC], "total revenues", [(Q, 2025, 2)],
     Operation.VALUE),  # the parts of the row 'total revenues' (answered as its table's rows)
    # beside a period named, 'current year' is a kind of tax, no period
    ("How much is KC's 2024 current year tax expense?", [KC], "current tax expense", [(Y, 2024, 0)],
     Operation.VALUE),
    # a bare year joined to a day of the year takes that day
    ("Kingsoft Cloud cash as of June 30, 2025 and 2024", [KC], "cash and cash equivalents",
     [(INSTANT, date(2025, 6, 30), 0), (INSTANT, date(2024, 6, 30), 0)], Operation.SERIES),
    ("KC revenue for the years ended December 31, 2024, 2023 and 2022", [KC], "revenue",
     [(SPAN, date(2024, 12, 31), 12), (SPAN, date(2023, 12, 31), 12), (SPAN, date(2022, 12, 31), 12)],
     Operation.SERIES),
    ("KC revenue on June 30, 2025 and in 2024", [KC], "revenue", [(INSTANT, date(2025, 6, 30), 0), (Y, 2024, 0)],
     Operation.SERIES),
    # which periods a row is printed for: the row over every period
    ("In which years was KC's operating income calculated for?", [KC], "operating income", [], Operation.SERIES),
    ("Which years does the table provide information for net loss at KC?", [KC], "net loss", [], Operation.SERIES),
    ("In how many years is KC's unrecognized cost expected to be recognized?", [KC],
     "unrecognized cost expected recognized", [], Operation.VALUE),
    ("What are the respective values of KC's deferred revenue in Q1 and Q2 2025?", [KC], "deferred revenue",
     [(Q, 2025, 1), (Q, 2025, 2)], Operation.SERIES),
    # over several periods 'average' asks for their mean, though 'average number of' could begin a row's name
    ("What is the average number of servers of KC for Q1 and Q2 2025?", [KC], "servers",
     [(Q, 2025, 1), (Q, 2025, 2)], Operation.AVERAGE),
    ("KC average cost of revenues in Q1 and Q2 2025", [KC], "cost revenues", [(Q, 2025, 1), (Q, 2025, 2)],
     Operation.AVERAGE),
    ("What was the change in KC's balance at the beginning of period between Q1 and Q2 2025?", [KC],
     "balance beginning", [(Q, 2025, 1), (Q, 2025, 2)], Operation.CHANGE),
    ("Which quarter had the highest Google Cloud revenue?", [], "Google Cloud revenue", [], Operation.HIGHEST),
    ("What is the gross margin trend at NVIDIA?", ["NVIDIA"], "gross margin", [], Operation.SERIES),
    ("Kingsoft Cloud capex in Q2 2025", [KC], "capital expenditures", [(Q, 2025, 2)], Operation.VALUE),
    ("Buckle net sales in the 13 weeks ended November 2, 2024", ["Buckle, Inc."], "net revenue",
     [(SPAN, date(2024, 11, 2), 3)], Operation.VALUE),
    ("Kingsoft Cloud EPS in Q2 2025", [KC], "diluted earnings per share", [(Q, 2025, 2)], Operation.VALUE),
    ("KC average revenue in Q1 2025 and Q2 2025", [KC], "revenue", [(Q, 2025, 1), (Q, 2025, 2)],
     Operation.AVERAGE),
    ("NVIDIA weighted average shares in Q1 FY26", ["NVIDIA"], "weighted average shares", [(Q, 2026, 1)],
     Operation.VALUE),
    # "average" that names a row is no mean to calculate
    ("Alphabet return on average equity in Q2 2025", ["Alphabet Inc."], "return average equity", [(Q, 2025, 2)],
     Operation.VALUE),
    ("Kingsoft Cloud average loans in Q2 2025", [KC], "average loans", [(Q, 2025, 2)], Operation.VALUE),
    ("KC average interest rate in Q2 2025", [KC], "average interest rate", [(Q, 2025, 2)], Operation.VALUE),
    ("What was KC's average interest income for Q1 2025 and Q2 2025?", [KC], "interest income",
     [(Q, 2025, 1), (Q, 2025, 2)], Operation.AVERAGE),
    # a comparative over the periods printed; a threshold is none
    ("In which year were Alphabet's Google Cloud revenues larger?", ["Alphabet Inc."], "Google Cloud revenues", [],
     Operation.HIGHEST),
    ("Which year was KC's net loss smaller?", [KC], "net loss", [], Operation.LOWEST),
    # what a measure is, not its value
    ("How does Kingsoft Cloud define non-GAAP EBITDA?", [KC], "adjusted EBITDA", [], Operation.DEFINE),
    ("What does KC's adjusted gross profit exclude?", [KC], "adjusted gross profit", [], Operation.DEFINE),
    # "increase / (decrease)" is a change, "change in total cost" no sum
    ("What is the increase / (decrease) in KC revenue from 2024 to 2025?", [KC], "revenue",
     [(Y, 2024, 0), (Y, 2025, 0)], Operation.CHANGE),
    ("What is the change in KC total cost of revenues between 2025 and 2024?", [KC], "total cost revenues",
     [(Y, 2025, 0), (Y, 2024, 0)], Operation.CHANGE),
    # the change asked of a rate is its change between the periods, not the series of rates (regression:
    # "the change in gross margin between 2018 and 2019" listed both years' margins)
    ("What was the change in KC gross margin between 2024 and 2025?", [KC], "gross margin",
     [(Y, 2024, 0), (Y, 2025, 0)], Operation.CHANGE),
    ("What was the change in percentage of sales represented by KC gross profit between 2024 and 2025?", [KC],
     "gross profit", [(Y, 2024, 0), (Y, 2025, 0)], Operation.CHANGE),
    # "the percentage of sales represented by X": X's share of sales
    ("What was the percentage of sales represented by KC gross profit in 2025?", [KC], ["gross profit", "revenue"],
     [(Y, 2025, 0)], Operation.SHARE),
    # a bound on the values: the periods beyond it
    ("In which quarters did Google Cloud revenue exceed $12 billion?", [], "Google Cloud revenue", [],
     Operation.SERIES),
    # named balance-sheet ratios are the two rows that define them
    ("What was Kingsoft Cloud's current ratio at June 30, 2025?", [KC],
     ["total current assets", "total current liabilities"], [(INSTANT, date(2025, 6, 30), 0)], Operation.RATIO),
    # a date without its year takes the year of the date after it
    ("KC cash between March 31 and June 30, 2025", [KC], "cash and cash equivalents",
     [(PeriodKind.DATE, date(2025, 3, 31), 0), (PeriodKind.DATE, date(2025, 6, 30), 0)], Operation.SERIES),
])
def test_question_becomes_intent(scope: Scope, question: str, companies: list[str], metric: str | list[str],
                                 periods: list[tuple], operation: Operation) -> None:
    intent = parse(question, scope)
    assert list(intent.companies) == companies
    assert list(intent.metrics) == ([metric] if isinstance(metric, str) else metric)
    got = []
    for p in intent.periods:
        if p.kind in (SPAN, INSTANT, PeriodKind.DATE):
            got.append((p.kind, p.end, p.months))
        else:
            got.append((p.kind, p.year, p.number))
    assert got == periods
    assert intent.operation == operation


@pytest.mark.parametrize(("question", "currency"), [
    ("Kingsoft Cloud revenue in USD", "USD"),
    ("Kingsoft Cloud revenue in US$ for Q2 2025", "USD"),
    ("Kingsoft Cloud revenue in RMB", "RMB"),
    ("Kingsoft Cloud revenue", None),
])
def test_currency_is_understood(scope: Scope, question: str, currency: str | None) -> None:
    assert parse(question, scope).currency == currency


def test_a_company_not_in_the_index_is_named_not_guessed(scope: Scope) -> None:
    intent = parse("What was Tesla's revenue in Q2 2025?", scope)
    assert intent.companies == () and intent.unknown_company == "Tesla"


def test_a_follow_up_naming_an_unknown_company_does_not_inherit_the_previous_one(scope: Scope) -> None:
    """Regression: "Tesla's revenue last quarter?" after a Kingsoft Cloud question answered about Kingsoft Cloud."""
    before = parse("What was Kingsoft Cloud's revenue in Q2 2025?", scope)
    for question in ("What was Tesla's revenue last quarter?", "revenue at Tesla?", "and for Tesla?"):
        intent = follow_up(parse(question, scope), before)
        assert intent.companies == () and intent.unknown_company == "Tesla", question


def test_row_words_are_not_taken_for_an_unknown_company(scope: Scope) -> None:
    assert parse("Google Cloud revenue in Q2 2025", scope).unknown_company is None


@pytest.mark.parametrize(("first", "then", "expect"), [
    ("What was Kingsoft Cloud's revenue in Q2 2025?", "and in Q1 2025?",
     dict(companies=(KC,), metrics=("revenue",), period=(Q, 2025, 1))),
    ("What was Kingsoft Cloud's revenue in Q2 2025?", "what about R&D?",
     dict(companies=(KC,), metrics=("research development expenses",), period=(Q, 2025, 2))),
    ("Kingsoft Cloud revenue growth year over year in Q2 2025", "and for G&A?",
     dict(companies=(KC,), metrics=("general administrative expenses",), period=(Q, 2025, 2),
          operation=Operation.YOY)),
    ("What was Kingsoft Cloud's revenue in Q2 2025?", "and NVIDIA?",
     dict(companies=("NVIDIA",), metrics=("revenue",), period=(Q, 2025, 2))),
])
def test_follow_up_takes_what_it_does_not_say_from_the_previous_question(scope: Scope, first: str, then: str,
                                                                        expect: dict) -> None:
    intent: Intent = follow_up(parse(then, scope), parse(first, scope))
    assert intent.companies == expect["companies"]
    assert intent.metrics == expect["metrics"]
    p = intent.periods[0]
    assert (p.kind, p.year, p.number) == expect["period"]
    if "operation" in expect:
        assert intent.operation == expect["operation"]


@pytest.mark.parametrize(("question", "threshold"), [
    ("In which quarters did Google Cloud revenue exceed $12 billion?", (">", Decimal("12000000000"))),
    ("How many years did KC net loss stay below -500 million?", ("<", Decimal("-500000000"))),
    ("In which year was KC revenue less than 2,000,000 thousands?", ("<", Decimal("2000000000"))),
    ("What was KC revenue in Q2 2025?", None),
    ("Why was KC revenue higher than expected?", None),
])
def test_a_bound_on_the_values_is_read(scope: Scope, question: str, threshold: tuple | None) -> None:
    assert parse(question, scope).threshold == threshold


@pytest.mark.parametrize(("question", "kind", "months", "year"), [
    ("PGC wealth management fee income YTD through 3Q25", PeriodKind.NINE_MONTHS, 9, 2025),
    ("revenue year to date through the second quarter of 2025", PeriodKind.HALF, 6, 2025),
    ("revenue YTD through Q4 2024", PeriodKind.YEAR, 12, 2024),
])
def test_year_to_date_through_a_quarter_is_the_year_s_quarters_up_to_it(question: str, kind: PeriodKind,
                                                                        months: int, year: int) -> None:
    """Regression (open set, Peapack-Gladstone): "YTD through 3Q25" was read as the third quarter and answered
    with the quarter's $15.8 million instead of the nine months' $47.2 million."""
    from assistant.questions import find_periods

    (ref,), _ = find_periods(question)
    assert (ref.kind, ref.months, ref.year) == (kind, months, year)


@pytest.mark.parametrize("rule", __import__("assistant.questions", fromlist=["UNREAD_PERIODS"]).UNREAD_PERIODS,
                         ids=lambda r: r.name)
def test_unread_period_rules_match_their_examples_and_not_their_counter_examples(rule) -> None:  # noqa: ANN001
    for text in rule.examples:
        assert rule.pattern.search(text), f"{rule.name}: {text!r}"
    for text in rule.not_examples:
        assert not rule.pattern.search(text), f"{rule.name}: {text!r}"


def test_no_question_of_the_eval_sets_names_an_unread_period() -> None:
    """Guards the rules against reading an ordinary question's numbers as an impossible period."""
    from assistant.questions import unread_period
    from evals.datasets import dataset_paths, load_set

    questions = [c.question for path in dataset_paths(()) for c in load_set(path)]
    assert len(questions) > 400
    assert [q for q in questions if unread_period(q)] == []


from assistant.operations import RULES, OperationRule  # noqa: E402

_RULE_EXAMPLES = [(r, q, True) for r in RULES for q in r.examples] + [(r, q, False) for r in RULES
                                                                      for q in r.not_examples]


@pytest.mark.parametrize(("rule", "question", "asks"), _RULE_EXAMPLES,
                         ids=[f"{r.operation.value}:{'+' if a else '-'}:{q[:40]}" for r, q, a in _RULE_EXAMPLES])
def test_operation_rules_give_their_examples_and_not_their_counter_examples(scope: Scope, rule: OperationRule,
                                                                             question: str, asks: bool) -> None:
    """Every operation of assistant.operations, by its examples: the parser gives the rule's operation for each
    example and never for a counter-example."""
    assert (parse(question, scope).operation == rule.operation) is asks


def test_every_operation_has_one_rule_and_an_answerer() -> None:
    from assistant.respond import Assistant

    assert sorted(r.operation for r in RULES) == sorted(Operation)
    assert all(callable(getattr(Assistant, r.handler, None)) and r.examples and r.produces for r in RULES)


# --- rows spelt with an operation's words ------------------------------------------------------------------------

_WORDED_ROWS = ("Change in fair value of warrants", "Share of results of joint venture", "Average total assets",
                "Efficiency ratio (3)", "Increase (decrease) in cash and cash equivalents", "Revenue", "Loss ratio")


@pytest.fixture(scope="module")
def worded_scope(tmp_path_factory: pytest.TempPathFactory) -> Scope:
    store = FactStore(Path(tmp_path_factory.mktemp("rows")) / "facts.sqlite")
    end = date(2025, 6, 30)
    record = DocumentRecord("acme_2025Q2", "acme_2025Q2.md", "0" * 64, "md", "Acme Corp", "Acme", None, "Q2 2025", end,
                            "USD", None, 12, 0, 1, 1, "fake")
    facts = [Fact("acme_2025Q2", "Acme Corp", "Statement", label, label.lower(), "Q2 2025", end, 3, "USD",
                  Unit.CURRENCY, 1) for label in _WORDED_ROWS]
    with store.transaction() as conn:
        store.replace_document(conn, record, facts)
    return Scope(store)


@pytest.mark.parametrize(("question", "metric", "operation"), [
    # examples: the row's words name the row, they ask for no operation
    ("What was Acme's change in fair value of warrants in Q2 2025?", "change in fair value of warrants",
     Operation.VALUE),
    ("What was Acme's share of results of joint venture in Q2 2025?", "share of results of joint venture",
     Operation.VALUE),
    ("What were Acme's average total assets in Q2 2025?", "average total assets", Operation.VALUE),
    ("What was Acme's efficiency ratio in Q2 2025?", "efficiency ratio", Operation.VALUE),
    # Palomar: "loss ratio" was the net loss (the word 'loss' alone is a whole name), a wrong number
    ("What was Acme's loss ratio in Q2 2025?", "loss ratio", Operation.VALUE),
    ("What was Acme's Increase (decrease) in cash and cash equivalents in Q2 2025?",
     "Increase decrease in cash and cash equivalents", Operation.VALUE),
    # the operation words around the row still ask for the operation
    ("How much did Acme's change in fair value of warrants grow in Q2 2025?", "change in fair value of warrants",
     Operation.YOY),
    # counter-examples: no row is spelt, the words ask for the operation
    ("What was the change in Acme's revenue in Q2 2025?", "revenue", Operation.YOY),
    ("What was Acme's average revenue over the last four quarters?", "revenue", Operation.AVERAGE),
])
def test_rows_spelt_with_operation_words_ask_for_the_row(worded_scope: Scope, question: str, metric: str,
                                                         operation: Operation) -> None:
    intent = parse(question, worded_scope)
    assert intent.operation == operation
    assert intent.metrics == (metric,)


@pytest.mark.parametrize(("text", "without"), __import__("index.metrics").metrics.GLUED_MARKS_EXAMPLES)
def test_footnote_marks_glued_to_a_word_are_no_part_of_a_question(text: str, without: str) -> None:
    from index.metrics import without_glued_marks

    assert without_glued_marks(text) == without


def test_a_row_name_copied_with_its_footnote_marks_is_worded_without_them(scope: Scope) -> None:
    """Regression (ams OSRAM): 'Diluted & undiluted EPS adj. (in EUR)1)2)' kept '1 2' in the question's wording, and
    the row it copies was not found."""
    intent = parse("What was Diluted & undiluted EPS adj. (in EUR)1)2) in Q4 2024?", scope)
    assert intent.wording == "Diluted & undiluted EPS adj"


@pytest.mark.parametrize(("text", "without"), __import__("index.numbers").numbers.SCALE_CAPTION_EXAMPLES)
def test_a_scale_in_brackets_is_no_part_of_a_question(text: str, without: str) -> None:
    from index.numbers import without_scale_captions

    assert without_scale_captions(text) == without


def test_a_row_name_copied_with_its_scale_is_worded_without_it(scope: Scope) -> None:
    """Regression (Mahindra, Unilever): 'Revenue (Rs. Cr)', 'Adjusted average number of shares (millions of share
    units)' kept the scale's words in the question, and the row, stored without them, was not found."""
    assert parse("What was PAT (after EI) (Rs. Cr) in Q3 FY2024?", scope).wording == "PAT after EI"


def test_a_parts_ratio_row_keeps_the_word_ratio(tmp_path: Path) -> None:
    """Regression (CNA Financial): "Specialty Loss ratio" dropped 'ratio' as a filler word (it is one in "the
    ratio of R&D to revenue"), and no row 'Specialty Loss' was found; the row 'Loss ratio' under 'Specialty' is
    named, with its part."""
    store = FactStore(tmp_path / "facts.sqlite")
    end = date(2024, 12, 31)
    with store.transaction() as conn:
        record = DocumentRecord("cna_2024Q4", "cna_2024Q4.md", "0" * 64, "md", "CNA Financial", "CNA", None,
                                "Q4 2024", end, "USD", None, 12, 0, 1, 1, "fake")
        facts = [Fact("cna_2024Q4", "CNA Financial", "Results", "Loss ratio", "loss_ratio", "Q4 2024", end, 3, None,
                      Unit.PERCENT, Decimal("60.1"), section="Specialty segment")]
        store.replace_document(conn, record, facts)
    got = parse("What was Specialty Loss ratio in Q4 2024?", Scope(store)).metrics
    assert got == ("Specialty Loss ratio",)
    assert parse("ratio of R&D to revenue at KC", Scope(store)).operation == Operation.RATIO


def test_current_year_beside_a_year_is_a_word_of_the_row_but_current_quarter_stays_a_period() -> None:
    """Regression (eBay's 'Current quarter vs prior year quarter' row): dropping 'current' periods beside a named
    one is for 'current year' (a kind of tax) only."""
    from assistant.questions import find_periods

    kinds = [r.kind for r in find_periods("What was Current quarter vs prior year quarter in Q1 2023?")[0]]
    assert PeriodKind.LATEST in kinds and PeriodKind.QUARTER in kinds
    kinds = [r.kind for r in find_periods("How much is the 2019 current year tax expense?")[0]]
    assert kinds == [PeriodKind.YEAR]


@pytest.mark.parametrize(("question", "rate"), [
    ("What was KC's EBITDA % in 2025?", True),
    ("What was the change in percentage of sales represented by KC gross profit between 2024 and 2025?", True),
    ("What was the percentage change in KC revenue from 2024 to 2025?", False),  # a change in percent, no rate
    ("What was the % increase in KC revenue from 2024 to 2025?", False),
])
def test_a_rate_is_asked_only_where_the_percentage_is_the_measure_s(scope: Scope, question: str, rate: bool) -> None:
    assert parse(question, scope).asks_rate is rate
