"""The assistant for llama-index: lookup, calculation, retrieval and the index's holdings as a tool spec
(EarningsToolSpec, for agents), and the whole assistant as a CustomQueryEngine whose Response carries the figures'
and citations' sources as source nodes.

No `from __future__ import annotations` here: llama-index and the MCP server read each tool's parameters and their
descriptions from the evaluated annotations (`Annotated[str, Field(description=...)]`), which postponed annotations
would leave as strings.
"""

import json
import re
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from llama_index.core.base.response.schema import Response
from llama_index.core.query_engine import CustomQueryEngine
from llama_index.core.schema import NodeWithScore, TextNode
from llama_index.core.tools import FunctionTool
from llama_index.core.tools.tool_spec.base import BaseToolSpec
from pydantic import Field

from assistant import calculate as arithmetic
from assistant.answers import Answer, Citation, Figure
from assistant.compose import figure_row
from assistant.lookup import Target, periods_held, resolve_period
from assistant.questions import Intent, Operation, PeriodRef, find_periods, metric_words
from assistant.respond import Assistant, Miss
from assistant.scope import Company, Scope
from index.facts import json_number

# the words between two periods that make them a range: 'Q1 2024 to Q2 2025', 'FY2022-FY2024'
_RANGE_BETWEEN = re.compile(r"^\s*(?:-|–|to|through|thru|until|and)\s*$", re.I)
# calculate's operators by name (what a model calls them) -> the operator table's (assistant.calculate.OPERATORS)
_OPERATORS = {"add": "+", "subtract": "-", "multiply": "*", "divide": "/"}
NEAR_DAYS = 10  # as assistant.respond: a fiscal period's end and its calendar month's end (52/53-week years)
METRICS_LISTED = 400  # list_metrics names at most this many rows (a bank's release prints over a thousand)

CompanyName = Annotated[str, Field(description=(
    "The company: its name, short name or ticker as in list_companies ('Kingsoft Cloud', 'GOOGL'); close "
    "misspellings are understood."))]
Metric = Annotated[str, Field(description=(
    "The metric: a row label as printed ('General and administrative expenses') or a usual name ('G&A', 'revenue', "
    "'operating margin', 'diluted EPS'); list_metrics gives the rows."))]
Periods = Annotated[str | list[str], Field(description=(
    "The period(s): one ('Q2 2025', 'FY2024', 'Q1 FY2026', 'June 30, 2025'), a list of them, or a range ('Q1 2024 "
    "to Q2 2025', 'the last six quarters')."))]
Operator = Annotated[Literal["add", "subtract", "multiply", "divide", "percent_change"], Field(description=(
    "add: a + b; subtract: a - b; multiply: a x b; divide: a / b; percent_change: (a - b) / b x 100, the change "
    "from b (the earlier value) to a."))]
FirstNumber = Annotated[str, Field(description=(
    "The first number, as digits ('339563000', '-12.5'): a figure's value from lookup_figure."))]
SecondNumber = Annotated[str, Field(description="The second number, as digits.")]
ReleasePeriod = Annotated[str | None, Field(description=(
    "The period whose release to read ('Q2 2025'); none: the latest release."))]
RowsPeriod = Annotated[str | None, Field(description=(
    "Only rows with a figure in this period ('Q2 2025'); none: every period."))]


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class EarningsToolSpec(BaseToolSpec):
    """The index's figures, reasons and holdings as llama-index tools, for agents. Every tool returns JSON; figures
    carry their source (document, table, row, column) or, when calculated, their formula and inputs. Safe to call
    from any thread (agents run sync tools in an executor)."""

    spec_functions = ["lookup_figure", "calculate", "find_reasons", "list_companies", "list_periods",
                      "list_metrics"]

    def __init__(self, assistant: Assistant, *, on_figures: Callable[[list[Figure]], None] | None = None,
                 on_reasons: Callable[[list[Citation]], None] | None = None) -> None:
        """on_figures / on_reasons: told what each lookup_figure / find_reasons call gave (assistant.llm's agent
        checks the agent's words against them)."""
        self.assistant = assistant
        self._on_figures = on_figures
        self._on_reasons = on_reasons

    # --- helpers ----------------------------------------------------------------------------------------------

    def _company(self, scope: Scope, name: str) -> Company | None:
        return scope.companies.get(self.assistant.resolve_company(name))

    def _unknown(self, scope: Scope, name: str) -> str:
        held = ", ".join(c.display for c in scope.companies.values()) or "none (the index is empty)"
        return _json({"status": "not_found", "message": f"No release of {name} is in the index. Companies: {held}."})

    # --- the tools --------------------------------------------------------------------------------------------

    def lookup_figure(self, company: CompanyName, metric: Metric, period: Periods) -> str:
        """A company's reported figure(s) for a metric in one or more periods, each with its source; a margin or
        total the release does not print is calculated from reported cells, with its formula and inputs. JSON:
        {"status": "answered" | "partial" | "not_found", "figures": [{..., "value" (base units), "shown"
        ('(RMB339.6 million)'), "where", "source"}], "missing": [...]}."""
        scope = Scope(self.assistant.index.facts)
        c = self._company(scope, company)
        if c is None:
            return self._unknown(scope, company)
        figures: list[dict[str, Any]] = []
        missing: list[dict[str, str]] = []
        for asked in [period] if isinstance(period, str) else list(period):
            refs, spans = find_periods(asked)
            if not refs:
                missing.append({"period": asked, "message": f"Period not understood: {asked!r}."})
                continue
            ranged = len(refs) == 2 and bool(_RANGE_BETWEEN.match(asked[spans[0][1]:spans[1][0]]))
            intent = Intent(question=f"{metric} {asked}", periods=tuple(refs), ranged=ranged,
                            operation=Operation.SERIES if ranged or len(refs) > 1 else Operation.VALUE)
            try:
                targets = self.assistant._targets(intent, scope, c)
            except Miss as e:
                missing.append({"period": asked, "message": str(e)})
                continue
            for t in targets:
                try:
                    v = self.assistant.value(metric_words(metric), t, c, scope, intent)
                except Miss as e:
                    missing.append({"period": t.label, "message": str(e)})
                    continue
                figures.append(_figure_json(v.figure, v.extra))
                if self._on_figures is not None:
                    self._on_figures([v.figure, *v.extra])
        status = "answered" if figures and not missing else "partial" if figures else "not_found"
        return _json({"status": status, "company": c.name, "metric": metric, "figures": figures,
                      "missing": missing})

    def calculate(self, operator: Operator, a: FirstNumber, b: SecondNumber) -> str:
        """Exact decimal arithmetic on two numbers (never floating point). JSON: {"value", "exact", "formula"} or
        {"error"}."""
        try:
            x, y = Decimal(a), Decimal(b)
            if operator == "percent_change":
                value = arithmetic.apply("*", arithmetic.apply("/", arithmetic.apply("-", x, y), abs(y)),
                                         arithmetic.HUNDRED)
                formula = f"({a} - {b}) / |{b}| x 100"
            else:
                value = arithmetic.apply(_OPERATORS[operator], x, y)
                formula = f"{a} {_OPERATORS[operator]} {b}"
        except (InvalidOperation, arithmetic.CalculationError) as e:
            return _json({"error": str(e) or "not a number"})
        except KeyError:
            known = ", ".join([*_OPERATORS, "percent_change"])
            return _json({"error": f"unknown operator {operator!r}: one of {known}"})
        return _json({"value": json_number(value), "exact": str(value), "formula": formula})

    def find_reasons(self, company: CompanyName, metric: Metric, period: ReleasePeriod = None) -> str:
        """The release's own sentences explaining why a metric changed, each quoted with its document and
        paragraph. JSON: {"status", "document", "reasons": [{"document", "locator", "quote"}]}."""
        scope = Scope(self.assistant.index.facts)
        c = self._company(scope, company)
        if c is None:
            return self._unknown(scope, company)
        documents = list(c.documents)
        if period:
            refs, _ = find_periods(period)
            targets = [t for r in refs for t in _resolve(r, c, scope)]
            documents = [d for d in documents if d.period_end and any(_near(d.period_end, t.end) for t in targets)] or [
                d for d in documents if any(p == period for p in d.periods)]
            if not documents:
                return _json({"status": "not_found", "message": f"No release of {c.display} covers {period}. "
                              f"Releases: {', '.join(d.period for d in c.documents)}."})
        document = documents[-1].document
        reasons = self.assistant.explainer().reasons([metric_words(metric), metric], [document])
        if self._on_reasons is not None:
            self._on_reasons(list(reasons))
        return _json({"status": "answered" if reasons else "not_found", "document": document,
                      "reasons": [r.to_json() for r in reasons]})

    def list_companies(self) -> str:
        """The companies in the index, with their releases and the periods those cover. JSON list."""
        scope = Scope(self.assistant.index.facts)
        return _json([{"company": c.name, "short_name": c.short_name, "ticker": c.ticker, "currency": c.currency,
                       "releases": [{"document": d.document, "period": d.period} for d in c.documents]}
                      for c in scope.companies.values()])

    def list_periods(self, company: CompanyName) -> str:
        """The periods a company's releases hold figures for, oldest first (quarters and years, then balance
        dates). JSON: {"company", "periods"}."""
        scope = Scope(self.assistant.index.facts)
        c = self._company(scope, company)
        if c is None:
            return self._unknown(scope, company)
        return _json({"company": c.name, "periods": periods_held(scope.facts(c.name))})

    def list_metrics(self, company: CompanyName, period: RowsPeriod = None) -> str:
        """The rows (metrics) a company's releases print, each with its statement and the periods it has. JSON:
        {"company", "metrics": [{"label", "statement", "periods"}], "more": n}."""
        scope = Scope(self.assistant.index.facts)
        c = self._company(scope, company)
        if c is None:
            return self._unknown(scope, company)
        facts = scope.facts(c.name)
        if period:
            refs, _ = find_periods(period)
            targets = [t for r in refs for t in _resolve(r, c, scope)]
            facts = [f for f in facts if any(f.months == t.months and _near(f.period_end, t.end) for t in targets)]
        rows: dict[tuple[str, str], list[str]] = {}
        for f in facts:
            held = rows.setdefault((f.label, f.statement), [])
            if f.period not in held:
                held.append(f.period)
        listed = [{"label": label, "statement": statement, "periods": periods}
                  for (label, statement), periods in rows.items()]
        return _json({"company": c.name, "metrics": listed[:METRICS_LISTED],
                      "more": max(0, len(listed) - METRICS_LISTED)})


def _figure_json(figure: Figure, inputs: Sequence[Figure] = ()) -> dict[str, Any]:
    """A figure as the tools give it: the Figure contract (assistant.answers), the value as every interface
    shows it ('(RMB339.6 million)') and where it comes from, and a calculation's inputs."""
    _, _, shown, where = figure_row(figure)
    return {**figure.to_json(), "shown": shown, "where": where, "inputs": [_figure_json(f) for f in inputs]}


def _near(a: date, b: date) -> bool:
    """The same period end, as a 52/53-week calendar prints it ('Apr 27, 2025' for the quarter to April)."""
    return abs((a - b).days) <= NEAR_DAYS


def _resolve(ref: PeriodRef, company: Company, scope: Scope) -> list[Target]:
    return resolve_period(ref, company, scope.facts(company.name))


def make_tools(assistant: Assistant) -> list[FunctionTool]:
    """The tool spec's tools, bound to one assistant (one data home)."""
    return EarningsToolSpec(assistant).to_tool_list()


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
