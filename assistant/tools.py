"""The assistant for llama-index: lookup, calculation and retrieval as FunctionTools, and the whole assistant as
a CustomQueryEngine whose Response carries the figures' and citations' sources as source nodes."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from llama_index.core.base.response.schema import Response
from llama_index.core.query_engine import CustomQueryEngine
from llama_index.core.schema import NodeWithScore, TextNode
from llama_index.core.tools import FunctionTool

from assistant import calculate
from assistant.answers import Answer
from assistant.lookup import resolve_period
from assistant.questions import Intent, find_periods, metric_words
from assistant.respond import Assistant, Miss
from assistant.scope import Scope
from index.facts import json_number


def make_tools(assistant: Assistant) -> list[FunctionTool]:
    """`lookup_figure`, `calculate` and `find_reasons`, bound to one assistant (one data home)."""

    def lookup_figure(company: str, metric: str, period: str, currency: str | None = None) -> dict[str, Any]:
        """The reported figure of a company's metric (a row label or a name such as 'G&A', 'revenue') in a
        period ('Q2 2025', 'FY2024', 'six months ended June 30, 2025', 'as of June 30, 2025'), with its source.
        Returns {"status": "answered", "figure": {...}} or {"status": "not_found", "message": ...}."""
        scope = Scope(assistant.index.facts)
        name = assistant.resolve_company(company)
        if name not in scope.companies:
            return {"status": "not_found", "message": f"No release of {company} is in the index."}
        c = scope.companies[name]
        refs, _ = find_periods(period)
        if not refs:
            return {"status": "not_found", "message": f"Period not understood: {period!r}."}
        intent = Intent(question=f"{metric} {period}", currency=currency)
        metric = metric_words(metric)
        targets = resolve_period(refs[0], c, scope.facts(name))
        try:
            v = assistant.value(metric, targets[0], c, scope, intent)
        except Miss as e:
            return {"status": "not_found", "message": str(e)}
        return {"status": "answered", "figure": v.figure.to_json(), "inputs": [f.to_json() for f in v.extra]}

    def calculate_exact(a: str, operator: str, b: str) -> dict[str, Any]:
        """Exact decimal arithmetic on two numbers given as strings: operator is one of + - * /."""
        try:
            value = calculate.apply(operator, Decimal(a), Decimal(b))
        except (InvalidOperation, calculate.CalculationError) as e:
            return {"error": str(e) or "not a number"}
        return {"value": json_number(value), "exact": str(value), "formula": f"{a} {operator} {b}"}

    def find_reasons(company: str, metric: str, document: str | None = None) -> list[dict[str, str]]:
        """The release's own sentences explaining a metric's change, each with its document and paragraph."""
        scope = Scope(assistant.index.facts, company=assistant.resolve_company(company), document=document)
        docs = [d.document for d in scope.documents][-1:]
        if not docs:
            return []
        return [c.to_json() for c in assistant.explainer().reasons([metric], docs)]

    return [
        FunctionTool.from_defaults(fn=lookup_figure, name="lookup_figure"),
        FunctionTool.from_defaults(fn=calculate_exact, name="calculate"),
        FunctionTool.from_defaults(fn=find_reasons, name="find_reasons"),
    ]


class EarningsQueryEngine(CustomQueryEngine):
    """The whole assistant as a llama-index query engine: `query(question)` -> Response whose text is the answer,
    whose source nodes are the quoted cells and sentences, and whose metadata holds the Answer as JSON."""

    assistant: Any
    company: str | None = None
    document: str | None = None

    def custom_query(self, query_str: str) -> Response:
        answer: Answer = self.assistant.answer(query_str, company=self.company, document=self.document)
        nodes = []
        for f in answer.figures:
            if f.source:
                nodes.append(NodeWithScore(node=TextNode(text=f.source.quote, metadata={
                    "document": f.source.document, "locator": f.source.locator, "kind": "figure"}), score=1.0))
        for c in answer.citations:
            nodes.append(NodeWithScore(node=TextNode(text=c.quote, metadata={
                "document": c.document, "locator": c.locator, "kind": "citation"}), score=1.0))
        return Response(response=answer.answer, source_nodes=nodes, metadata={"answer": answer.to_json()})
