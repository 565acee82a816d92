"""The TAT-QA adapter: its re-implemented metric, and contexts turned into documents the pipeline ingests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.tatqa import (
    DATA,
    _context_scale,
    _text_span,
    _year_end_month,
    em_f1,
    prediction,
    write_documents,
)
from index.pipeline import Index
from tests.conftest import FakeEmbedding


@pytest.mark.parametrize(("pred", "gold", "ps", "gs", "em", "f1"), [
    (["1,496.5"], ["$1,496.5"], "million", "million", 1.0, 1.0),
    (["1496.50"], ["$1,496.5"], "", "million", 0.0, 0.0),  # the scale must be right too
    (["-12.14"], ["-12.14"], "percent", "percent", 1.0, 1.0),
    (["(94)"], ["-94"], "million", "million", 1.0, 1.0),
    (["2019", "2018"], ["2018", "2019"], "", "", 1.0, 1.0),  # multi-span: a bag
    (["fixed-price type"], ["fixed-price type", "cost-plus type"], "", "", 0.0, 0.8),  # one joined string's words
    (["the annual basis"], ["Annual basis"], "", "", 1.0, 1.0),
    ([], ["2019"], "", "", 0.0, 0.0),
    (["55.00"], ["$55 million"], "million", "", 1.0, 1.0),  # a value times its scale, however it is spelled
    (["13.0"], ["13.0%"], "percent", "", 1.0, 1.0),
    (["0.13"], ["13.0%"], "", "", 1.0, 1.0),  # a lone bare number may be the share
    (["-2085.00"], ["(2,085)"], "thousand", "thousand", 0.0, 0.0),  # TAT-QA's quirk: a comma keeps '(' from minus
    (["(2,085)"], ["(2,085)"], "thousand", "thousand", 1.0, 1.0),
    (["14740.00", "1910.00"], ["$14,740", "$1,910"], "thousand", "thousand", 0.0, 1.0),  # sorted as printed
    (["In 2018"], ["2018"], "", "", 0.0, 0.0),  # a number alone is rendered as a value, in words as a word
])
def test_tatqa_exact_match_and_f1(pred: list[str], gold: list[str], ps: str, gs: str, em: float, f1: float) -> None:
    assert em_f1(pred, gold, ps, gs) == (em, pytest.approx(f1))


def test_tatqa_arithmetic_and_count_answers_score_f1_as_exact_match() -> None:
    assert em_f1(["the annual basis"], ["Annual basis", "2019"], "", "", "span")[1] > 0
    assert em_f1(["the annual basis"], ["Annual basis", "2019"], "", "", "count") == (0.0, 0.0)


def test_a_context_becomes_a_document_the_assistant_answers_from(tmp_path: Path) -> None:
    from assistant.respond import Assistant

    contexts = json.loads(DATA.read_text(encoding="utf-8"))[:1]
    docs = tmp_path / "docs"
    docs.mkdir()
    where = write_documents(contexts, docs)
    assert len(where) == len(contexts[0]["questions"])
    with Index(tmp_path / "home", embedder=FakeEmbedding()) as index:
        [result] = index.ingest([docs])
        assert result.error is None and result.facts > 0
        q = next(q for q in contexts[0]["questions"] if q["question"] == "What is the amount of total sales in 2019?")
        answer = Assistant(index).answer(q["question"], document=where[q["uid"]])
    pred, _ = prediction(answer, "")
    assert answer.status.value == "answered" and pred == ["$1,496.5"]  # as the table prints it


@pytest.mark.parametrize(("rows", "month"), [
    ([["", "April 26, 2019", "April 27, 2018"]], 4),
    ([["", "30 June 2019", "30 June 2018"], ["", "$'000", "$'000"]], 6),
    ([["", "March 31,", ""], ["", "2019", "2018"]], 3),
    ([["", "2019", "2018"]], None),
])
def test_fiscal_year_end_is_read_from_the_table_headings(rows: list[list[str]], month: int | None) -> None:
    assert _year_end_month(rows) == month


@pytest.mark.parametrize(("cells", "paragraph", "scale"), [
    ([["($ in thousands)", "2019", "2018"]], "Revenue rose by $2 million.", "thousand"),
    ([["", "2019", "2018"], ["", "£m", "£m"]], "", "million"),
    ([["", "2019", "2018"]], "The following table (in millions) shows ...", "million"),
    ([["", "2019", "2018"], ["", "$'000", "$'000"]], "amounts in millions elsewhere", "thousand"),
    ([["", "2019", "2018"]], "", ""),
])
def test_context_scale_prefers_the_table_own_words(cells: list[list[str]], paragraph: str, scale: str) -> None:
    ctx = {"table": {"table": cells}, "paragraphs": [{"order": 1, "text": paragraph}]}
    assert _context_scale(ctx) == scale


@pytest.mark.parametrize(("op", "quote", "names", "span"), [
    ("define", "Order intake represents commitments from customers to purchase goods.", ["order intake"],
     "commitments from customers to purchase goods."),
    ("define", "Vessel Calendar Days refer to the total number of days the vessels were in our fleet.",
     ["vessel calendar days"], "the total number of days the vessels were in our fleet."),
    ("explain", "Net sales increased primarily due to higher Solid Capacitor sales.", ["net sales"],
     "primarily due to higher Solid Capacitor sales."),
])
def test_text_answers_are_the_words_after_the_defining_verb_or_the_cue(op: str, quote: str, names: list[str],
                                                                       span: str) -> None:
    assert _text_span(op, quote, names) == span


def test_a_total_over_periods_is_one_answer_not_the_series_of_its_parts(tmp_path: Path) -> None:
    from assistant.respond import Assistant

    contexts = json.loads(DATA.read_text(encoding="utf-8"))[:1]
    docs = tmp_path / "docs"
    docs.mkdir()
    where = write_documents(contexts, docs)
    with Index(tmp_path / "home", embedder=FakeEmbedding()) as index:
        index.ingest([docs])
        stem = next(iter(where.values()))
        answer = Assistant(index).answer("What is the total Fixed Price between 2018 to 2019?", document=stem)
    pred, _ = prediction(answer, "")
    assert answer.intent.operation.value == "series"  # a series whose first figure is the calculated total
    assert answer.status.value == "answered" and len(pred) == 1, (pred, answer.answer)
    assert not answer.figures[0].is_reported and pred == ["2598.60"]
