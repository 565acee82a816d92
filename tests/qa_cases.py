"""Question -> answer cases read from tests/data/qa/*.yaml, and the check of one Answer against its case.

A case (one YAML list item):
    question: "What was Kingsoft Cloud's G&A in Q2 2025?"
    company: null | "Kingsoft Cloud"      # optional scope, as `ask --company`
    document: null | "kingsoft-cloud_2025Q2"
    history: ["earlier question", ...]    # optional: the question is a follow-up
    status: answered                      # or not_found / needs_clarification
    value: -339563000                     # the primary figure (figures[0]) in base units; percent in points
    unit: RMB                             # RMB USD % x pp shares count ...
    tolerance: 0.05                       # optional absolute tolerance (default 0: reported values are exact)
    kind: reported | calculated           # optional
    period: "Q2 2025"                     # optional: the primary figure's period
    figures: [{value: ..., unit: ...}]    # optional: further figures that must be among the answer's figures
    cites: [["mainly due to", "driven by"], ["share-based compensation"]]  # optional: each group needs one
                                          #   alternative in some citation's quote
    says: ["Q1 2025"]                     # optional: words the answer text must contain (refusals' hints)
Expected values are read from the release by hand, never copied from the assistant's output.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from assistant.answers import Answer

QA_DIR = Path(__file__).resolve().parent / "data" / "qa"


def load_cases(name: str) -> list[dict[str, Any]]:
    cases = yaml.safe_load((QA_DIR / name).read_text(encoding="utf-8"))
    for i, c in enumerate(cases):
        c.setdefault("id", f"{Path(name).stem}-{i + 1:03d}")
    return cases


def _close(got: Decimal, want: Any, tolerance: Any) -> bool:
    return abs(got - Decimal(str(want))) <= Decimal(str(tolerance or 0))


def problems(answer: Answer, case: dict[str, Any]) -> list[str]:
    """What is wrong with an answer for a case; an empty list means right."""
    out: list[str] = []
    status = case.get("status", "answered")
    if answer.status.value != status:
        return [f"status {answer.status.value} != {status}: {answer.headline[:200]}"]
    for word in case.get("says", []):
        if word.lower() not in answer.answer.lower():
            out.append(f"answer does not say {word!r}: {answer.answer[:200]}")
    if status != "answered":
        return out
    if "value" in case:
        if not answer.figures:
            return out + ["no figures"]
        p = answer.figures[0]
        if not _close(p.value, case["value"], case.get("tolerance")):
            out.append(f"value {p.value} != {case['value']} ({p.label}, {p.period}, {p.unit})")
        if "unit" in case and p.unit != case["unit"]:
            out.append(f"unit {p.unit} != {case['unit']}")
        if "kind" in case and p.kind.value != case["kind"]:
            out.append(f"kind {p.kind.value} != {case['kind']}")
        if "period" in case and p.period != case["period"]:
            out.append(f"period {p.period} != {case['period']}")
    for want in case.get("figures", []):
        if not any(_close(f.value, want["value"], want.get("tolerance")) and f.unit == want.get("unit", f.unit)
                   for f in answer.figures):
            out.append(f"no figure {want}")
    quotes = " ".join(c.quote.lower() for c in answer.citations)
    for group in case.get("cites", []):
        alternatives = [group] if isinstance(group, str) else group
        if not any(a.lower() in quotes for a in alternatives):
            out.append(f"no citation with {alternatives}")
    return out
