"""Rows by meaning (assistant.similar): label embeddings stored at ingest, and the guards that keep a near label
from answering for another measure."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from assistant.answers import Status
from assistant.lookup import MATCH_THRESHOLD
from assistant.respond import Assistant
from assistant.similar import rows_by_meaning
from index.chunks import SentenceTransformerEmbedding
from index.facts import Fact, Unit
from index.pipeline import Index
from tests.conftest import FakeEmbedding


def _fact(label: str, unit: Unit = Unit.SHARES) -> Fact:
    return Fact("doc", "Acme", "Options", label, label.lower().replace(" ", "_"), "FY2019", date(2019, 12, 31), 12,
                None, unit, Decimal(1))


_FACTS = [_fact("Accounts receivable, net", Unit.CURRENCY), _fact("Accounts payable", Unit.CURRENCY),
          _fact("Adjusted EBITDA", Unit.CURRENCY), _fact("Expected volatility", Unit.PERCENT)]
# hand-made unit vectors: the phrase's nearest label is the first
_VECTORS = {"Accounts receivable, net": (1.0, 0.0, 0.0), "Accounts payable": (0.6, 0.8, 0.0),
            "Adjusted EBITDA": (0.0, 0.0, 1.0), "Expected volatility": (0.0, 1.0, 0.0)}


def test_the_label_clearly_nearest_in_meaning_answers() -> None:
    rows = rows_by_meaning("receivables", (0.95, 0.31, 0.0), _FACTS, _VECTORS, want_percent=False)
    assert [r.label for r in rows] == ["Accounts receivable, net"]
    assert rows[0].score == MATCH_THRESHOLD - 6  # the lowest score a row by words may have: words win


@pytest.mark.parametrize(("phrase", "vector", "why"), [
    ("trade receivables", (0.5, 0.5, 0.7), "too far from every label"),
    ("trade receivables", (0.8, 0.6, 0.0), "a near tie of two labels"),
    ("EBITDA", (0.0, 0.0, 1.0), "a qualifier ('Adjusted') on one side only: another measure"),
    ("revenue from new customers", (1.0, 0.0, 0.0), "near in the model, but shares no word worth the name"),
    ("depreciation amortization adjusted EBITDA", (0.0, 0.0, 1.0),
     "the label holds too few of the phrase's words: another measure named in its context"),
])
def test_no_row_answers_by_meaning_when(phrase: str, vector: tuple[float, ...], why: str) -> None:
    assert rows_by_meaning(phrase, vector, _FACTS, _VECTORS, want_percent=False) == [], why


def test_a_rate_row_never_answers_for_an_amount_by_meaning() -> None:
    assert rows_by_meaning("volatility", (0.0, 1.0, 0.0), _FACTS, _VECTORS, want_percent=False) == []


_RELEASE = """# Acme Widgets annual report 2019

Consolidated balance sheets (in thousands), as of December 31

|  | 2019 | 2018 |
|---|---|---|
| Cash and cash equivalents | 5,000 | 4,200 |
| Accounts receivable, net | 1,001 | 907 |
| Inventories | 2,300 | 2,107 |
| Due from affiliates | 1,200 | 1,039 |
| Accounts payable | 800 | 750 |
| Deferred revenue | 410 | 380 |
"""


def _ingest(root: Path, embedder: SentenceTransformerEmbedding) -> Index:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "acme-widgets_2019FY.md").write_text(_RELEASE, encoding="utf-8")
    index = Index(root / "home", embedder=embedder)
    index.ingest([root / "docs"])
    return index


def test_ingest_stores_one_embedding_per_row_label_and_replaces_them_with_the_document(tmp_path: Path) -> None:
    with _ingest(tmp_path, FakeEmbedding()) as index:
        stored = index.facts.label_vectors(["acme-widgets_2019FY"])
        labels = {f.label for f in index.facts.facts(document="acme-widgets_2019FY")}
        assert set(stored) == labels and len(labels) == 6
        assert all(len(v) == 16 for v in stored.values())
        (tmp_path / "docs" / "acme-widgets_2019FY.md").write_text(_RELEASE.replace("Inventories", "Stock"),
                                                                   encoding="utf-8")
        index.ingest([tmp_path / "docs"], replace=True)
        assert "Stock" in index.facts.label_vectors(["acme-widgets_2019FY"])
        assert "Inventories" not in index.facts.label_vectors(["acme-widgets_2019FY"])


def test_a_home_made_before_labels_were_embedded_gets_them_on_the_next_ingest(tmp_path: Path) -> None:
    with _ingest(tmp_path, FakeEmbedding()) as index:
        with index.facts.transaction() as conn:
            conn.execute("DELETE FROM labels")
        facts_before = index.facts.count()
        results = index.ingest([tmp_path / "docs"])
        assert [r.status.value for r in results] == ["unchanged"]
        assert len(index.facts.label_vectors(["acme-widgets_2019FY"])) == 6
        assert index.facts.count() == facts_before


@pytest.mark.integration
def test_a_question_worded_unlike_the_row_is_answered_from_the_row_nearest_in_meaning(
        tmp_path: Path, real_embedder: SentenceTransformerEmbedding) -> None:
    with _ingest(tmp_path, real_embedder) as index:
        bot = Assistant(index)
        a = bot.answer("What were the dues from affiliates at December 31, 2019?")
        refused = bot.answer("What were trade debtors at December 31, 2019?")  # the model is not sure: no row
    assert a.status == Status.ANSWERED, a.answer
    assert a.figures[0].label == "Due from affiliates" and a.figures[0].value == Decimal(1_200_000)
    assert refused.status == Status.NOT_FOUND
