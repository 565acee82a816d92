"""Question -> answer over the bundled corpus: hand-verified cases (tests/data/qa/*.yaml), each checking the
primary figure's value and unit, required citations and refusals. Real model, real Chroma, whole corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.respond import Assistant
from index.pipeline import Index
from tests.qa_cases import load_cases, problems

pytestmark = pytest.mark.integration

KINGSOFT = load_cases("kingsoft_cloud.yaml")
CORPUS = load_cases("corpus.yaml")
HELDOUT = load_cases("heldout.yaml")


@pytest.fixture(scope="module")
def bot(corpus_home: tuple[Path, Any], real_embedder: Any):  # noqa: ANN201
    with Index(corpus_home[0], embedder=real_embedder) as index:
        yield Assistant(index)


def _ask(bot: Assistant, case: dict[str, Any]):  # noqa: ANN202
    return bot.answer(case["question"], company=case.get("company"), document=case.get("document"),
                      history=case.get("history"))


@pytest.mark.parametrize("case", KINGSOFT, ids=[c["id"] for c in KINGSOFT])
def test_kingsoft_cloud_answer_matches_the_release(bot: Assistant, case: dict[str, Any]) -> None:
    assert problems(_ask(bot, case), case) == []


@pytest.mark.parametrize("case", CORPUS, ids=[c["id"] for c in CORPUS])
def test_corpus_answer_matches_the_release(bot: Assistant, case: dict[str, Any]) -> None:
    assert problems(_ask(bot, case), case) == []


@pytest.mark.parametrize("case", HELDOUT, ids=[c["id"] for c in HELDOUT])
def test_heldout_answer_matches_the_release(bot: Assistant, case: dict[str, Any]) -> None:
    assert problems(_ask(bot, case), case) == []


def test_question_sets_cover_operations_and_releases(bot: Assistant) -> None:
    assert len(KINGSOFT) >= 100 and len(CORPUS) >= 60
    documents = set()
    for case in CORPUS:
        answer = _ask(bot, case)
        if answer.figures:
            documents.add(answer.figures[0].document)
    assert len(documents - {"kingsoft-cloud_2025Q2"}) >= 10, documents
    ops = {_ask(bot, c).intent.operation.value for c in KINGSOFT if c.get("status", "answered") == "answered"}
    assert ops >= {"value", "change", "yoy", "qoq", "share", "ratio", "sum", "series", "explain"}, ops
    statuses = {c.get("status", "answered") for c in KINGSOFT + CORPUS}
    assert statuses == {"answered", "not_found", "needs_clarification"}
