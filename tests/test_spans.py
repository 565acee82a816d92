"""Text answers (assistant.spans): the forms of text question as rules with examples, the span each takes from a
sentence, and the Assistant quoting a release's sentence where no table answers, and only there."""

from __future__ import annotations

import pytest

from assistant.answers import Status
from assistant.respond import Assistant
from assistant.spans import (
    AMOUNT_RULE,
    FORM_RULES,
    STATEMENT_RULE,
    TextForm,
    answer_span,
    answer_spans,
    form_of,
    rank_sentences,
)
from tests.test_averages_and_rates import _assistant_over


@pytest.mark.parametrize("rule", [*FORM_RULES, AMOUNT_RULE, STATEMENT_RULE], ids=lambda r: r.name)
def test_every_text_form_rule_reads_its_examples_and_not_its_counter_examples(rule) -> None:  # noqa: ANN001
    for q in rule.examples:
        assert form_of(q) == rule.form, q
    for q in rule.not_examples:
        assert form_of(q) != rule.form, q


@pytest.mark.parametrize(("form", "sentence", "question", "span"), [
    (TextForm.DATE, "The Company adopted ASC 606 on January 1, 2018 using the modified retrospective method.",
     "When did the company adopt ASC 606?", "January 1, 2018"),
    (TextForm.DURATION, "The cost is expected to be recognized over a weighted-average period of 2.5 years.",
     "Over how many years is the cost to be recognized?", "2.5 years"),
    (TextForm.REASON, "Gross margin improved primarily due to manufacturing efficiencies and better product mix.",
     "Why did the gross margin improve?", "primarily due to manufacturing efficiencies and better product mix"),
    (TextForm.CONDITION, "The Company records an accrued receivable when revenue is recognized prior to invoicing.",
     "When does the company record an accrued receivable?", "when revenue is recognized prior to invoicing"),
    (TextForm.PLACE, "A full list of subsidiary undertakings is disclosed within note 35 to the financial statements.",
     "Where are subsidiary undertakings disclosed?", "within note 35 to the financial statements"),
    (TextForm.METHOD, "The discount rate is determined by comparison against the FTSE pension liability index.",
     "How is the discount rate determined?", "by comparison against the FTSE pension liability index"),
    # what the sentence says of the subject, after its linking verb
    (TextForm.STATEMENT, "Capital leases reflect building and office equipment lease obligations.",
     "What do capital leases reflect?", "building and office equipment lease obligations"),
    (TextForm.STATEMENT, "Our ongoing involvement is limited to the remittance of customer payments; therefore, none.",
     "What is the company's ongoing involvement limited to?", "the remittance of customer payments"),
    # a bare "what is X" whose sentence opens with X: the whole sentence says what X is
    (TextForm.STATEMENT, "Audit Fees consist of fees billed for the annual audit.", "What is Audit Fees?",
     "Audit Fees consist of fees billed for the annual audit."),
    # amounts: the one of the year asked, never a date's day or a year
    (TextForm.AMOUNT, "Hosting related costs were $9.5 million in 2018.", "What were hosting related costs in 2018?",
     "$9.5 million"),
    (TextForm.AMOUNT, "Depreciation was $2.5 million in 2019 and $2.6 million in 2018.",
     "What was the depreciation amount in 2018?", "$2.6 million"),
    (TextForm.AMOUNT, "The amortization for the years ended June 30, 2019, 2018 and 2017 was $95.1 million, $97.2 "
     "million, and $80.0 million, respectively.", "How much was the amortization in 2018?", "$97.2 million"),
    (TextForm.AMOUNT, "As of December 31, 2019, the valuation allowance was $191.7 million.",
     "What is the valuation allowance as of December 31, 2019?", "$191.7 million"),
    (TextForm.AMOUNT, "The Group recorded a net profit of GEL 346million.", "How much was the net profit?",
     "GEL 346million"),
    # a year labelling the amount after it, and an aside in parentheses
    (TextForm.AMOUNT, "The guarantee at 31 December 2019 totalled £13.0 million (2018: £12.4 million).",
     "What is the guarantee at 31 December 2018?", "£12.4 million"),
    (TextForm.AMOUNT, "A compensation expense of $1,792,000 (compensation expense reduction of $181,000 in 2018) was "
     "recorded for the year ended August 31, 2019.", "What was the compensation expense reduction in 2018?",
     "$181,000"),
    (TextForm.AMOUNT, "As of December 31, 2019, we had $54.5 million of debt outstanding (including $0.7 million of "
     "debt issuance costs).", "How much was the debt outstanding as at 2019 year end?", "$54.5 million"),
    (TextForm.COUNT, "As of December 31, 2019, 253,203 shares had vested and 200,297 shares had been forfeited.",
     "How many shares had vested as of December 31, 2019?", "253,203"),
])
def test_the_span_a_text_form_takes_from_its_sentence(form: TextForm, sentence: str, question: str,
                                                      span: str) -> None:
    assert answer_span(form, sentence, question) == span


@pytest.mark.parametrize(("sentence", "question", "change", "span"), [
    # a move asked: the amount a change verb gives, not the level it moved to
    ("LinkedIn operating loss increased $63 million to $987 million.", "What was the increase in LinkedIn operating "
     "loss?", True, "$63 million"),
    ("Hotels sales increased by 3.7% in F19.", "How much did Hotels sales increase by in F19?", True, "3.7%"),
    # a percentage never answers for an amount asked by name, and a rate asked is a percentage
    ("Sales into China were 53% of revenue in 2019.", "What is the revenue amount from sales into China in 2019?",
     False, ""),
    ("Depreciation of $510 million was 87% cost of services in 2019.", "What portion of depreciation was cost of "
     "services in 2019?", False, "87%"),
])
def test_an_amount_answers_as_the_question_asks_it(sentence: str, question: str, change: bool, span: str) -> None:
    assert answer_span(TextForm.AMOUNT, sentence, question, change=change) == span


def test_an_amount_span_is_empty_when_the_sentence_holds_only_dates_and_years() -> None:
    sentence = "On December 31, 2019 the plan was adopted."
    assert answer_span(TextForm.AMOUNT, sentence, "What was the plan in 2019?") == ""


def test_sentences_are_ranked_by_the_rare_question_words_they_hold_and_the_year_asked() -> None:
    sentences = [("Revenue was $5 million in 2018.", 0), ("Hosting related costs were $9.5 million in 2018.", 1),
                 ("Hosting related costs were $7.0 million in 2017.", 2)]
    ranked = rank_sentences("What were hosting related costs in 2018?", sentences)
    assert ranked[0].where == 1 and ranked[0].score == pytest.approx(1.0)
    assert ranked[1].where == 2 and ranked[1].score < 0.6  # the year asked is missing: half the score


_RELEASE = """# Acme Widgets annual report 2019

Consolidated statements of operations (in thousands), years ended December 31

|  | 2019 | 2018 |
|---|---|---|
| Revenue | $ 500,000 | $ 450,000 |
| Net income | 24,193 | 20,402 |

The Company adopted ASC 606 on January 1, 2018 using the modified retrospective method.

Hosting related costs were $9.5 million in 2018 and $11.2 million in 2019.

Net income increased primarily due to higher volumes and lower freight costs.
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    yield from _assistant_over(tmp_path_factory, "acme-widgets_2019FY", _RELEASE)


@pytest.mark.parametrize(("question", "quoted"), [
    ("When did the company adopt ASC 606?", "January 1, 2018"),
    ("What were the hosting related costs in 2019?", "$11.2 million"),
])
def test_a_question_no_table_answers_is_quoted_from_the_sentence_that_states_it(bot: Assistant, question: str,
                                                                                quoted: str) -> None:
    a = bot.answer(question)
    assert a.status == Status.ANSWERED, a.answer
    assert a.quoted == (quoted,) and a.figures == ()
    assert quoted in a.citations[0].quote and a.citations[0].document == "acme-widgets_2019FY"
    assert a.to_json()["quoted"] == [quoted]


def test_an_amount_asked_of_two_years_respectively_is_quoted_for_each() -> None:
    sentence = ("The depreciation expense from continuing operations was $12,548 and $12,643 in 2019 and 2018, "
                "respectively.")
    question = "What are the depreciation expenses from continuing operations in 2019 and 2018 respectively?"
    assert answer_spans(TextForm.AMOUNT, sentence, question) == ("$12,548", "$12,643")
    assert answer_spans(TextForm.AMOUNT, "Depreciation was $12,548 in 2019.", question) == ()  # 2018 not there


def test_a_series_of_years_no_table_holds_is_quoted_year_by_year(bot: Assistant) -> None:
    a = bot.answer("What were the hosting related costs in 2018 and 2019 respectively?")
    assert a.status == Status.ANSWERED, a.answer
    assert a.quoted == ("$9.5 million", "$11.2 million")


@pytest.mark.parametrize("question", [
    "What was revenue in 2017?",  # the table holds revenue, not for 2017: never a number picked out of prose
    "What were the hosting related costs in Q3 2019?",  # a quarter's figure is never quoted
    "What was the percentage change in hosting related costs from 2018 to 2019?",  # a calculation
    "What were the marketing costs in 2019?",  # no sentence holds the words
])
def test_a_quote_never_answers_what_the_tables_or_a_calculation_must(bot: Assistant, question: str) -> None:
    a = bot.answer(question)
    assert a.status != Status.ANSWERED or not a.quoted, a.answer


def test_a_figure_the_tables_hold_is_answered_from_the_table_not_quoted(bot: Assistant) -> None:
    a = bot.answer("What was net income in 2019?")
    assert a.status == Status.ANSWERED and not a.quoted and a.figures[0].source is not None
