"""The Answer and its parts (figures, sources, citations): frozen dataclasses with the JSON shape of DESIGN.md."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from enum import StrEnum
from typing import Any

from index.facts import Fact, FactKind, Unit, category_of, json_number
from index.headings import segment_of

CALCULATED_PLACES = 4  # decimal places of a calculated value in JSON: 0.0001 percentage points, 0.0001 RMB

# a footnote's number printed after a row's name: 'Pharmaceutical (1)', 'MedTech (1,3)'
_FOOTNOTE_MARKS = re.compile(r"\s*\(\d{1,2}(?:,\s*\d{1,2})*\)")


class Status(StrEnum):
    ANSWERED = "answered"
    NOT_FOUND = "not_found"
    NEEDS_CLARIFICATION = "needs_clarification"


@dataclass(frozen=True)
class Source:
    document: str
    locator: str
    quote: str

    def to_json(self) -> dict[str, Any]:
        return {"document": self.document, "locator": self.locator, "quote": self.quote}


Citation = Source  # a passage of a release quoted as a reason: the same three fields


@dataclass(frozen=True)
class Figure:
    """One number of an answer: a reported cell or sentence, or a calculation on reported figures."""

    metric: str
    label: str
    company: str
    document: str
    period: str
    period_end: date | None
    months: int | None
    value: Decimal
    unit: str  # currency code ("RMB", "USD"), "%", "x", "bps", "shares", or the fact unit ("count", "other")
    kind: FactKind
    formula: str | None = None
    source: Source | None = None
    per_share: bool = False  # a currency amount per share (unit is still the currency code)
    inputs: tuple[Figure, ...] = field(default=(), compare=False)  # the reported figures a calculation used
    row: str = field(default="", compare=False)  # a reported figure's row label as printed, before `label` names
    # whose part or which category it is ('Revenues', labelled 'Teekay LNG Revenues')

    @classmethod
    def from_fact(cls, fact: Fact) -> Figure:
        if fact.statement == "Text":
            locator = fact.locator
        else:
            locator = " / ".join(p for p in (fact.statement, fact.label, fact.column) if p) + f" ({fact.locator})"
        part = segment_of(fact.section)  # a part's figure says whose it is: 'Haiti Operations Total revenue'
        label = f"{part} {fact.label}" if part and part.lower() not in fact.label.lower() else fact.label
        if (category := category_of(fact)) and category.lower() not in label.lower():
            label = f"{label} ({category})"  # a category column's: 'Operating leases (More Than 5 Years)'
        label = _FOOTNOTE_MARKS.sub("", label).strip() or label  # 'Pharmaceutical (1)' names 'Pharmaceutical'
        of_what = {Unit.PER_SHARE: "EPS", Unit.SHARES: "shares"}.get(fact.unit)
        if of_what and label.strip().lower() in ("basic", "diluted", "basic and diluted"):  # 'Diluted' says of what
            label = f"{label} {of_what}"
        return cls(
            metric=fact.metric, label=label, company=fact.company, document=fact.document, period=fact.period,
            period_end=fact.period_end, months=fact.months, value=fact.value, unit=figure_unit(fact),
            kind=FactKind.REPORTED, source=Source(fact.document, locator, fact.quote),
            per_share=fact.unit == Unit.PER_SHARE, row=fact.label,
        )

    @property
    def is_reported(self) -> bool:
        return self.kind == FactKind.REPORTED

    @property
    def json_value(self) -> Decimal:
        """The value as JSON carries it: a reported value exactly; a calculated one (a quotient can run to 28
        digits) rounded to CALCULATED_PLACES decimal places, so no binary-float artefact reaches a script."""
        if self.is_reported:
            return self.value
        if self.value.adjusted() >= 20:  # quantize would pass the 28-digit context: whole units are exact enough
            return self.value.to_integral_value()
        return self.value.quantize(Decimal(1).scaleb(-CALCULATED_PLACES), rounding=ROUND_HALF_EVEN).normalize()

    def to_json(self) -> dict[str, Any]:
        return {
            "metric": self.metric, "label": self.label, "company": self.company, "document": self.document,
            "period": self.period, "period_end": self.period_end.isoformat() if self.period_end else None,
            "months": self.months, "value": json_number(self.json_value), "unit": self.unit, "kind": self.kind.value,
            "formula": self.formula, "source": self.source.to_json() if self.source else None,
        }


def figure_unit(fact: Fact) -> str:
    if fact.unit in (Unit.CURRENCY, Unit.PER_SHARE):
        return fact.currency or "currency"
    return {Unit.PERCENT: "%", Unit.RATIO: "x", Unit.SHARES: "shares"}.get(fact.unit, fact.unit.value)


@dataclass(frozen=True)
class Answer:
    question: str
    status: Status
    answer: str  # Markdown for a person: the headline, a table of the figures, the cited reasons
    headline: str = ""  # the one-line answer alone
    figures: tuple[Figure, ...] = ()
    citations: tuple[Citation, ...] = ()
    intent: Any = field(default=None, compare=False)  # the understood question (assistant.questions.Intent)
    notes: tuple[str, ...] = ()  # what the reader should know: the period assumed, periods missing, no reason given
    currency: str | None = None  # the company's reporting currency: its amounts print '$', others 'US$'
    # a text answer: the words of the first citation that answer (assistant.spans); one per year for "X in 2019 and
    # 2018 respectively"
    quoted: tuple[str, ...] = ()
    # the answer in a paragraph written by the optional language model (assistant.llm), kept only when every number
    # in it is one of the figures' and every passage it quotes is the release's
    prose: str = ""

    @property
    def primary(self) -> Figure | None:
        return self.figures[0] if self.figures else None

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question, "status": self.status.value, "answer": self.answer,
            "headline": self.headline, "figures": [f.to_json() for f in self.figures],
            "citations": [c.to_json() for c in self.citations], "notes": list(self.notes),
            **({"quoted": list(self.quoted)} if self.quoted else {}),
            **({"prose": self.prose} if self.prose else {}),
        }


def series_of(figures: Sequence[Figure], primary: Figure) -> list[Figure]:
    """An answer's figures that are its series, one per period: of the primary figure's kind, unit and span, and
    no change between periods (a quarter whose row is named otherwise, 'Diluted EPS' beside 'Diluted earnings per
    share', is still a point of the series)."""
    out: dict[tuple[date | None, int | None], Figure] = {}
    for f in figures:
        if (f.kind == primary.kind and f.unit == primary.unit and f.per_share == primary.per_share
                and f.months == primary.months and f.company == primary.company
                and not f.metric.endswith(("_change", "_change_percent", "_change_points"))):
            out.setdefault((f.period_end, f.months), f)
    return list(out.values())

