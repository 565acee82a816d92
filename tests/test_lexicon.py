"""The vocabulary as data: every rule gives its examples and leaves its counter-examples alone; the tables are
well-formed; nothing in lexicon/ imports another package of the project (floor 0)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from lexicon.calendar import MONTH, MONTH_NAMES, month_number
from lexicon.metrics import ABBREVIATIONS, MARGINS, OPPOSED_EXAMPLES, REGIONS, SYNONYMS, WHOLE_NAMES, opposed
from lexicon.rules import Rule
from lexicon.units import MONEY_WORDS, ROW_MEASURES, row_measure
from lexicon.words import PERIODS_ASKED

RULES: tuple[Rule, ...] = ABBREVIATIONS + REGIONS + PERIODS_ASKED


@pytest.mark.parametrize(("name", "text", "gives"), [(r.name, t, g) for r in RULES for t, g in r.examples])
def test_each_rule_gives_its_examples(name: str, text: str, gives: str) -> None:
    rule = next(r for r in RULES if r.name == name)
    assert rule.apply(text) == gives


@pytest.mark.parametrize(("name", "text"), [(r.name, t) for r in RULES for t in r.not_examples])
def test_each_rule_leaves_its_counter_examples_alone(name: str, text: str) -> None:
    rule = next(r for r in RULES if r.name == name)
    assert not rule.finds(text), text


def test_every_rule_has_a_unique_name_and_an_example() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    assert all(r.examples for r in RULES)


@pytest.mark.parametrize(("pattern", "metric", "labels"), SYNONYMS)
def test_each_synonym_names_its_labels(pattern: str, metric: str, labels: tuple[str, ...]) -> None:
    from index.metrics import canonical_metric

    assert labels and all(canonical_metric(label) == metric for label in labels), labels


def test_whole_names_and_margins_are_lowercase_phrases() -> None:
    assert all(k == k.lower() and v for k, v in WHOLE_NAMES.items())
    assert all(k == k.lower() and len(v) == 2 for k, v in MARGINS.items())


@pytest.mark.parametrize(("word", "number"), [("June", 6), ("Jun.", 6), ("sept", 9), ("December", 12),
                                              ("Headquarters", None), ("", None)])
def test_month_numbers(word: str, number: int | None) -> None:
    assert month_number(word) == number


def test_the_month_pattern_reads_every_month_name() -> None:
    assert all(re.fullmatch(MONTH, m, re.I) and re.fullmatch(MONTH, m[:3], re.I) for m in MONTH_NAMES)


def test_the_lexicon_is_floor_zero() -> None:
    for path in Path(__file__).resolve().parent.parent.joinpath("lexicon").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        imported |= {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert not imported & {"index", "assistant", "evals", "ui"}, path.name


@pytest.mark.parametrize(("text", "gives"), [
    ("amazon net sales grwoth Q3 2024", "amazon net sales growth Q3 2024"),  # a transposition
    ("Alphabet revenu Q1 2025", "Alphabet revenue Q1 2025"),  # a letter left out
    ("Kingsfot Cloud opearting income", "Kingsoft Cloud operating income"),  # a name in scope is a known word
    ("NVIDIA weighted average shares", "NVIDIA weighted average shares"),  # a word of statements stays
    ("what weighed on the margin", "what weighed on the margin"),  # a cue word stays
    ("Tesla revenue", "Tesla revenue"),  # an unknown name nothing is close to stays
    ("NII and GS revenue", "NII and GS revenue"),  # acronyms are never touched
])
def test_misspelt_words_are_mended_against_the_known_words(text: str, gives: str) -> None:
    from lexicon.words import corrected, vocabulary

    assert corrected(text, vocabulary(["Kingsoft Cloud Holdings Limited", "Alphabet Inc."])) == gives


@pytest.mark.parametrize(("name", "label", "unit"),
                         [(r.name, t, g) for r in ROW_MEASURES for t, g in r.examples])
def test_each_row_measure_rule_gives_its_unit(name: str, label: str, unit: str) -> None:
    assert row_measure(label) == unit, name


@pytest.mark.parametrize(("name", "label"),
                         [(r.name, t) for r in (*ROW_MEASURES, MONEY_WORDS) for t in r.not_examples])
def test_each_row_measure_counter_example_is_an_amount_or_another_unit(name: str, label: str) -> None:
    rule = next(r for r in (*ROW_MEASURES, MONEY_WORDS) if r.name == name)
    assert row_measure(label) in (None, *({"count", "other"} - {rule.produces})), label


@pytest.mark.parametrize("label", [t for t, _ in MONEY_WORDS.examples])
def test_a_row_that_names_money_is_an_amount(label: str) -> None:
    assert row_measure(label) is None


@pytest.mark.parametrize(("label", "heading"), [("Rooms", "Revenues"), ("Online stores (1)", "Net Sales"),
                                                ("Vessels", "Operating expenses")])
def test_a_row_under_a_heading_that_names_money_is_an_amount(label: str, heading: str) -> None:
    assert row_measure(label) is not None
    assert row_measure(label, heading) is None


def test_a_sentence_in_the_section_is_no_money_heading() -> None:
    assert row_measure("Total Tractors sold", "PAT is PAT after Non Controlling Interest. PAT before EI is after NCI "
                                             "& net of tax") == "count"


def test_an_area_is_no_amount_under_any_heading() -> None:
    assert row_measure("GLA ('000s square feet) EOP", "Adjusted Funds From Operations (AFFO)") == "other"


@pytest.mark.parametrize(("label", "heading", "unit"), [
    ("Lower 48", "Daily Rig Revenue: (6),(8)", "other"),
    ("International Drilling", "Daily Adjusted Gross Margin: (6),(9)", "other"),
    ("Lower 48", "Operating revenues:", None),
    ("Lower 48", "Average daily balances", None)])
def test_a_row_under_a_unit_price_heading_is_a_price_per_unit(label: str, heading: str, unit: str | None) -> None:
    assert row_measure(label, heading) == unit


@pytest.mark.parametrize(("phrase", "label", "is_opposed"), OPPOSED_EXAMPLES)
def test_opposite_actions_name_other_measures(phrase: str, label: str, is_opposed: bool) -> None:
    assert opposed(phrase, label) is is_opposed


def test_a_row_of_the_opposite_action_is_no_answer_by_words_or_by_meaning() -> None:
    """Regression (TAT-QA): "How many franchise restaurants were acquired in 2017?" was answered by meaning with
    'Restaurants sold to franchisees' (178; the text says 50 were acquired): the embedding model places the two
    near, but they are opposite measures."""
    from datetime import date
    from decimal import Decimal

    from assistant.lookup import label_score
    from assistant.similar import rows_by_meaning
    from index.facts import Fact, Unit

    assert label_score("stores opened", "Stores closed") == 0.0
    sold = Fact(document="d", company="Co", statement="Table", label="Restaurants sold to franchisees",
                metric="restaurants_sold_to_franchisees", period="FY2017", period_end=date(2017, 12, 31), months=12,
                currency=None, unit=Unit.COUNT, value=Decimal(178), locator="table 1, row 1, column 3", column="",
                quote="178", section="")
    vectors = {"Restaurants sold to franchisees": [1.0, 0.0], "Cash": [0.0, 1.0]}
    assert rows_by_meaning("franchise restaurants acquired", [0.99, 0.05], [sold], vectors, want_percent=None) == []
    assert rows_by_meaning("franchise restaurants sold", [0.99, 0.05], [sold], vectors, want_percent=None)
