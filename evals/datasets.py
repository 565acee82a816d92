"""Eval datasets: YAML files of questions with known answers, each expected figure read from a release by hand.

The format (one YAML list per file, see evals/README.md):

    - id: kc-ga-q2                          # unique in the set
      question: "What was Kingsoft Cloud's G&A in Q2 2025?"
      company: "Kingsoft Cloud"             # optional scope (as `ask --company`)
      document: "kingsoft-cloud_2025Q2"     # optional scope (as `ask --document`)
      history: ["earlier question", ...]    # optional: the question is a follow-up
      status: answered                      # or not_found / needs_clarification
      value: -339563000                     # the primary figure (figures[0]) in base units; percent in points
      unit: RMB                             # RMB USD % x pp shares count ...
      tolerance: 0.05                       # optional absolute tolerance (default: exact)
      kind: reported | calculated           # optional
      period: "Q2 2025"                     # optional: the primary figure's period
      figures: [{value: ..., unit: ..., tolerance: ...}]   # optional: further figures the answer must hold
      cites: [["mainly due to", "driven by"], ["share-based compensation"]]  # each group: one alternative must
                                            #   be in a citation's quote
      says: ["Q2 2025"]                     # optional: words the answer text must contain (refusals' hints)
      tags: [drivers, six-months]           # optional; operation, company and format tags are added by the runner
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from index.errors import DatasetError

DATASETS = Path(__file__).resolve().parent / "datasets"
_KEYS = {"id", "question", "company", "document", "history", "status", "value", "unit", "tolerance", "kind",
         "period", "figures", "cites", "says", "tags"}
_STATUSES = {"answered", "not_found", "needs_clarification"}


@dataclass(frozen=True)
class Expected:
    value: Decimal
    unit: str | None = None
    tolerance: Decimal = Decimal(0)


@dataclass(frozen=True)
class Case:
    set: str
    id: str
    question: str
    status: str = "answered"
    company: str | None = None
    document: str | None = None
    history: tuple[str, ...] = ()
    primary: Expected | None = None
    kind: str | None = None
    period: str | None = None
    figures: tuple[Expected, ...] = ()
    cites: tuple[tuple[str, ...], ...] = ()
    says: tuple[str, ...] = ()
    tags: tuple[str, ...] = field(default=())


def _decimal(v: Any, where: str) -> Decimal:
    try:
        return Decimal(str(v))
    except ArithmeticError as e:
        raise DatasetError(f"{where}: {v!r} is not a number") from e


def load_set(path: Path) -> list[Case]:
    """The cases of one dataset file; a malformed case is an error naming the file and the case."""
    name = path.stem
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise DatasetError(f"{path.name}: cannot read the dataset ({e})") from e
    if not isinstance(raw, list):
        raise DatasetError(f"{path.name}: a dataset is a YAML list of cases")
    cases: list[Case] = []
    seen: set[str] = set()
    for i, item in enumerate(raw, start=1):
        where = f"{path.name} case {i}"
        if not isinstance(item, dict) or "question" not in item:
            raise DatasetError(f"{where}: a case needs a question")
        unknown = set(item) - _KEYS
        if unknown:
            raise DatasetError(f"{where}: unknown keys {sorted(unknown)}")
        cid = str(item.get("id") or f"{name}-{i:03d}")
        if cid in seen:
            raise DatasetError(f"{path.name}: duplicate id {cid}")
        seen.add(cid)
        status = item.get("status", "answered")
        if status not in _STATUSES:
            raise DatasetError(f"{where}: status must be one of {sorted(_STATUSES)}")
        primary = None
        if "value" in item:
            primary = Expected(_decimal(item["value"], where), item.get("unit"),
                               _decimal(item.get("tolerance") or 0, where))
        figures = tuple(Expected(_decimal(f["value"], where), f.get("unit"), _decimal(f.get("tolerance") or 0, where))
                        for f in item.get("figures") or ())
        cites = tuple((g,) if isinstance(g, str) else tuple(g) for g in item.get("cites") or ())
        cases.append(Case(
            set=name, id=cid, question=str(item["question"]), status=status, company=item.get("company"),
            document=item.get("document"), history=tuple(item.get("history") or ()), primary=primary,
            kind=item.get("kind"), period=item.get("period"), figures=figures, cites=cites,
            says=tuple(item.get("says") or ()), tags=tuple(item.get("tags") or ()),
        ))
    return cases


def dataset_paths(names: Sequence[str] = ()) -> list[Path]:
    """The named datasets (paths, or names under evals/datasets/), or every bundled one."""
    if not names:
        bundled = sorted(DATASETS.glob("*.yaml"))
        if not bundled:
            raise DatasetError(f"no dataset to run: none is bundled in {DATASETS} and none was named")
        return bundled
    out = []
    for n in names:
        p = Path(n)
        if not p.exists():
            p = DATASETS / (n if n.endswith(".yaml") else f"{n}.yaml")
        if not p.exists():
            bundled = ", ".join(q.stem for q in sorted(DATASETS.glob("*.yaml")))
            raise DatasetError(f"no dataset {n} (bundled: {bundled})")
        out.append(p)
    return out
