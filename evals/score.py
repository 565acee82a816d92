"""Scoring one answer against its case, so that it cannot be fooled.

- The primary figure must match in value (within the case's tolerance; exact otherwise) and unit: a ratio 0.275
  is not 27.5 %, percentage points are not percent.
- Every reported figure's source quote must print that figure (at the scale the release uses), and every
  calculated figure's inputs must be reported figures whose quotes print them.
- Every cited passage must be text of the cited release.
- A wrong number is counted apart from a refusal: answering with a wrong figure is worse than "not found".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from assistant.answers import Answer, Figure
from evals.datasets import Case, Expected


class Outcome(StrEnum):
    RIGHT = "right"
    WRONG_NUMBER = "wrong_number"  # answered with a figure that is not the expected one
    REFUSED = "refused"  # not_found / needs_clarification where the release holds the answer
    WRONG_STATUS = "wrong_status"  # answered where a refusal was expected, or the other refusal
    UNSUPPORTED = "unsupported"  # right figure, but a source, input or citation does not hold up
    INCOMPLETE = "incomplete"  # a required further figure, citation phrase or hint is missing


@dataclass(frozen=True)
class Score:
    case: Case
    outcome: Outcome
    problems: tuple[str, ...] = ()
    got: str = ""  # the answer's headline, for reports
    tags: tuple[str, ...] = ()  # the case's tags and the runner's (op:, company:, format:, status:)

    @property
    def right(self) -> bool:
        return self.outcome == Outcome.RIGHT


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def quote_supports(value: Decimal, quote: str) -> bool:
    """Does a cell or sentence print this value, at a release scale (units, thousands, millions, billions) and
    to the precision printed? '(339,563)' supports -339563000; 'RMB339.6 million' supports 339600000."""
    target = abs(value)
    for m in _NUMBER.finditer(quote.replace("\\", "")):
        text = m.group(0).replace(",", "")
        try:
            printed = Decimal(text)
        except InvalidOperation:
            continue
        decimals = len(text.split(".")[1]) if "." in text else 0
        for scale in (1, 1_000, 1_000_000, 1_000_000_000, Decimal("0.01")):
            half_unit = Decimal(5).scaleb(-decimals - 1) * scale
            if abs(target - printed * scale) <= half_unit:
                return True
    return False


def _close(fig: Figure, want: Expected) -> bool:
    return abs(fig.value - want.value) <= want.tolerance and (want.unit is None or fig.unit == want.unit)


def _source_problems(fig: Figure) -> list[str]:
    out = []
    if fig.is_reported:
        if fig.source is None or not quote_supports(fig.value, fig.source.quote):
            out.append(f"the source of {fig.label} ({fig.period}) does not print {fig.value}")
    else:
        if not fig.formula or not fig.inputs:
            out.append(f"calculated {fig.label} shows no formula or inputs")
        for i in fig.inputs:
            out.extend(_source_problems(i))
    return out


def score(answer: Answer, case: Case, release_text: Callable[[str], str] | None = None) -> Score:
    """The outcome of one answer. `release_text(document)` gives a release's text for checking citations."""
    problems: list[str] = []
    got = answer.headline[:300]
    if answer.status.value != case.status:
        if case.status == "answered":
            return Score(case, Outcome.REFUSED, (f"{answer.status.value}: {got}",), got)
        return Score(case, Outcome.WRONG_STATUS, (f"{answer.status.value} instead of {case.status}",), got)
    text = answer.answer.lower()
    missing_words = [w for w in case.says if w.lower() not in text]
    if case.status != "answered":
        if missing_words:
            return Score(case, Outcome.INCOMPLETE, (f"does not say {missing_words}",), got)
        return Score(case, Outcome.RIGHT, (), got)
    if case.primary is not None:
        if not answer.figures:
            return Score(case, Outcome.WRONG_NUMBER, ("no figure",), got)
        p = answer.figures[0]
        wrong = []
        if abs(p.value - case.primary.value) > case.primary.tolerance:
            wrong.append(f"value {p.value} != {case.primary.value}")
        if case.primary.unit and p.unit != case.primary.unit:
            wrong.append(f"unit {p.unit} != {case.primary.unit}")
        if case.period and p.period != case.period:
            wrong.append(f"period {p.period} != {case.period}")
        if case.kind and p.kind.value != case.kind:
            wrong.append(f"kind {p.kind.value} != {case.kind}")
        if wrong:
            return Score(case, Outcome.WRONG_NUMBER, tuple(wrong + [f"({p.label}, {p.period})"]), got)
    unsupported = [msg for f in answer.figures for msg in _source_problems(f)]
    if release_text is not None:
        for c in answer.citations:
            body = re.sub(r"\s+", " ", release_text(c.document)).replace("\\", "")
            if re.sub(r"\s+", " ", c.quote).replace("\\", "") not in body:
                unsupported.append(f"citation not in {c.document}: {c.quote[:80]}")
    if unsupported:
        return Score(case, Outcome.UNSUPPORTED, tuple(unsupported), got)
    for want in case.figures:
        if not any(_close(f, want) for f in answer.figures):
            problems.append(f"no figure {want.value} {want.unit or ''}".strip())
    quotes = " ".join(c.quote.lower() for c in answer.citations)
    for group in case.cites:
        if not any(a.lower() in quotes for a in group):
            problems.append(f"no citation with {list(group)}")
    if missing_words:
        problems.append(f"does not say {missing_words}")
    return Score(case, Outcome.INCOMPLETE if problems else Outcome.RIGHT, tuple(problems), got)
