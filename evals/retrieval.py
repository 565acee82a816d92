"""Retrieval metrics for explanation questions: hit rate and MRR of the passage that holds the release's stated
reason, measured with llama-index's RetrieverEvaluator on the assistant's own fused (dense + BM25) retriever."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.answers import Answer
from assistant.explain import Explainer, reasons_query
from evals.datasets import Case


@dataclass(frozen=True)
class RetrievalResult:
    case_id: str
    hit: float
    reciprocal_rank: float


def measure(explainer: Explainer, case: Case, answer: Answer) -> RetrievalResult | None:
    """None when the case names no reason phrase, or the answer has no figure to locate the release."""
    from llama_index.core.evaluation import RetrieverEvaluator

    if not case.cites or not answer.figures or answer.intent is None or not answer.intent.metrics:
        return None
    documents = [answer.figures[0].document]
    retriever, nodes = explainer.retriever(documents)
    if retriever is None:
        return None
    first = [a.lower() for a in case.cites[0]]
    expected = [n.node_id for n in nodes if any(a in n.get_content().lower() for a in first)]
    if not expected:  # the phrase is split across chunks: no single passage holds it
        return RetrievalResult(case.id, 0.0, 0.0)
    evaluator = RetrieverEvaluator.from_metric_names(["hit_rate", "mrr"], retriever=retriever)
    vals = evaluator.evaluate(query=reasons_query(answer.intent.metrics[0]), expected_ids=expected).metric_vals_dict
    return RetrievalResult(case.id, float(vals["hit_rate"]), float(vals["mrr"]))


def summary(results: list[RetrievalResult]) -> dict[str, float | int]:
    if not results:
        return {"cases": 0, "hit_rate": 0.0, "mrr": 0.0}
    return {"cases": len(results), "hit_rate": sum(r.hit for r in results) / len(results),
            "mrr": sum(r.reciprocal_rank for r in results) / len(results)}
