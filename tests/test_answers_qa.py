"""Question -> answer over the bundled corpus: the hand-verified eval datasets (evals/datasets/*.yaml) that pass
today, each case scored by the eval scorer (primary figure value and unit, sources that print the figures,
required citations and refusals). Real model, real Chroma, whole corpus. open.yaml is measured by
`earnings-qa eval`, not asserted here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.respond import Assistant
from evals.datasets import DATASETS, Case, load_set
from evals.score import score
from index.pipeline import Index

pytestmark = pytest.mark.integration

KINGSOFT = load_set(DATASETS / "kingsoft_cloud.yaml")
CORPUS = load_set(DATASETS / "corpus.yaml")
HELDOUT = load_set(DATASETS / "heldout.yaml")
COVERAGE = load_set(DATASETS / "coverage.yaml")


@pytest.fixture(scope="module")
def bot(corpus_home: tuple[Path, Any], real_embedder: Any):  # noqa: ANN201
    with Index(corpus_home[0], embedder=real_embedder) as index:
        yield Assistant(index)


def _ask(bot: Assistant, case: Case):  # noqa: ANN202
    return bot.answer(case.question, company=case.company, document=case.document, history=list(case.history))


ASSERTED = KINGSOFT + CORPUS + HELDOUT + COVERAGE  # open.yaml is measured by the eval runner, not asserted


@pytest.mark.parametrize("case", ASSERTED, ids=[f"{c.set}:{c.id}" for c in ASSERTED])
def test_answer_matches_the_release(bot: Assistant, case: Case) -> None:
    result = score(_ask(bot, case), case)
    assert result.right, (result.outcome.value, result.problems, result.got)


def test_question_sets_cover_operations_and_releases(bot: Assistant) -> None:
    assert len(KINGSOFT) >= 100 and len(CORPUS) >= 60
    documents = set()
    for case in CORPUS + COVERAGE:
        answer = _ask(bot, case)
        if answer.figures:
            documents.add(answer.figures[0].document)
    assert len(documents - {"kingsoft-cloud_2025Q2"}) >= 20, documents
    companies = {d.split("_")[0] for d in documents} - {"kingsoft-cloud"}
    assert len(companies) >= 12, companies
    ops = {_ask(bot, c).intent.operation.value for c in KINGSOFT if c.status == "answered"}
    assert ops >= {"value", "change", "yoy", "qoq", "share", "ratio", "sum", "series", "explain"}, ops
    statuses = {c.status for c in KINGSOFT + CORPUS}
    assert statuses == {"answered", "not_found", "needs_clarification"}
