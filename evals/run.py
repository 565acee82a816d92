"""The eval runner: datasets -> the assistant over a data home of the bundled corpus -> scores -> reports
(Markdown, JSON, JUnit XML) -> comparison with the committed baseline (evals/baseline.json)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.sax.saxutils import escape

from assistant.respond import Assistant
from evals.datasets import Case, load_set
from evals.retrieval import RetrievalResult, measure, summary
from evals.score import Outcome, Score, score
from index.pipeline import Index

ROOT = Path(__file__).resolve().parent
CORPUS = ROOT / "corpus" / "releases"
BASELINE = ROOT / "baseline.json"
THRESHOLDS = ROOT / "datasets" / "thresholds.json"


def default_reports() -> Path:
    """Where reports go when no --out is given: ./eval-reports in the current directory, never the package's own
    folder (an installed package may be read-only, and is no place for a user's files)."""
    return Path.cwd() / "eval-reports"


@dataclass
class SetResult:
    name: str
    scores: list[Score] = field(default_factory=list)
    retrieval: list[RetrievalResult] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return sum(s.right for s in self.scores) / len(self.scores) if self.scores else 0.0

    def counts(self) -> Counter[str]:
        return Counter(s.outcome.value for s in self.scores)

    def tally(self) -> tuple[int, int, int, int]:
        """(right, wrong number, refused, other): the columns every summary shows."""
        c = self.counts()
        return c["right"], c["wrong_number"], c["refused"], len(self.scores) - c["right"] - c["wrong_number"] - \
            c["refused"]


@dataclass
class Report:
    sets: list[SetResult]
    regressions: list[str] = field(default_factory=list)  # "set/case: was right, now <outcome>"
    below: list[str] = field(default_factory=list)  # "set: 90.0% < 95.0%"

    @property
    def failed(self) -> bool:
        return bool(self.regressions or self.below)


def tags_of(case: Case, answer_intent: object, company: str | None, fmt: str | None) -> tuple[str, ...]:
    tags = list(case.tags)
    op = getattr(getattr(answer_intent, "operation", None), "value", None)
    if op:
        tags.append(f"op:{op}")
    if company:
        tags.append(f"company:{company}")
    if fmt:
        tags.append(f"format:{fmt}")
    tags.append(f"status:{case.status}")
    return tuple(tags)


def run(paths: Sequence[Path], index: Index) -> Report:
    bot = Assistant(index)
    docs = {d.document: d for d in index.facts.documents()}
    texts: dict[str, str] = {}

    def release_text(document: str) -> str:
        if document not in texts:
            got = index.vectors.collection.get(where={"document": document}, include=["documents"])
            texts[document] = " ".join(got["documents"] or [])
        return texts[document]

    results = []
    for path in paths:
        result = SetResult(path.stem)
        for case in load_set(path):
            answer = bot.answer(case.question, company=case.company, document=case.document,
                                history=list(case.history))
            s = score(answer, case, release_text if answer.citations else None)
            doc = docs.get(answer.figures[0].document) if answer.figures else docs.get(case.document or "")
            s = replace(s, tags=tags_of(case, answer.intent, doc.short_name if doc else None,
                                        doc.format if doc else None))
            result.scores.append(s)
            if case.cites and case.status == "answered":
                measured = measure(bot.explainer(), case, answer)
                if measured is not None:
                    result.retrieval.append(measured)
        results.append(result)
    return Report(results)


def compare(report: Report, baseline: dict, thresholds: dict) -> Report:
    """Regressions against the baseline (a case right there and not now) and sets below their threshold."""
    for r in report.sets:
        was = baseline.get(r.name, {}).get("cases", {})
        for s in r.scores:
            if was.get(s.case.id) == Outcome.RIGHT.value and not s.right:
                report.regressions.append(f"{r.name}/{s.case.id}: was right, now {s.outcome.value}")
        floor = thresholds.get(r.name)
        if floor is not None and r.accuracy + 1e-9 < floor:
            report.below.append(f"{r.name}: {r.accuracy:.1%} < {floor:.1%}")
    return report


def baseline_of(report: Report) -> dict:
    return {r.name: {"accuracy": round(r.accuracy, 4), "cases": {s.case.id: s.outcome.value for s in r.scores}}
            for r in report.sets}


def load_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def by_tag(r: SetResult) -> dict[str, tuple[int, int]]:
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for s in r.scores:
        for t in s.tags:
            out[t][0] += s.right
            out[t][1] += 1
    return {t: (a, b) for t, (a, b) in sorted(out.items())}


def markdown(report: Report) -> str:
    lines = ["# Eval report", "", "| set | cases | right | wrong number | refused | other | accuracy |",
             "|---|---|---|---|---|---|---|"]
    for r in report.sets:
        right, wrong, refused, other = r.tally()
        lines.append(f"| {r.name} | {len(r.scores)} | {right} | {wrong} | {refused} | {other} | {r.accuracy:.1%} |")
    lines += ["", "Retrieval of the cited reason (explanation cases): hit rate and MRR at 8 passages.", "",
              "| set | cases | hit rate | MRR |", "|---|---|---|---|"]
    for r in report.sets:
        m = summary(r.retrieval)
        lines.append(f"| {r.name} | {m['cases']} | {m['hit_rate']:.2f} | {m['mrr']:.2f} |")
    if report.regressions or report.below:
        lines += ["", "## Gate failures", ""] + [f"- {x}" for x in report.regressions + report.below]
    for r in report.sets:
        lines += ["", f"## {r.name}: by tag", "", "| tag | right | cases |", "|---|---|---|"]
        lines += [f"| {t} | {a} | {b} |" for t, (a, b) in by_tag(r).items()]
        wrong = [s for s in r.scores if not s.right]
        if wrong:
            lines += ["", f"### {r.name}: not right", ""]
            lines += [f"- `{s.case.id}` ({s.outcome.value}) {s.case.question} — {'; '.join(s.problems)[:300]}"
                      for s in wrong]
    return "\n".join(lines) + "\n"


def junit(report: Report) -> str:
    parts = ['<?xml version="1.0" encoding="utf-8"?>', "<testsuites>"]
    for r in report.sets:
        failures = sum(not s.right for s in r.scores)
        parts.append(f'<testsuite name="{escape(r.name)}" tests="{len(r.scores)}" failures="{failures}">')
        for s in r.scores:
            parts.append(f'<testcase classname="evals.{escape(r.name)}" name="{escape(s.case.id)}">')
            if not s.right:
                msg = escape(f"{s.outcome.value}: {'; '.join(s.problems)}"[:1000], {'"': "&quot;"})
                parts.append(f'<failure message="{msg}">{escape(s.case.question)}</failure>')
            parts.append("</testcase>")
        parts.append("</testsuite>")
    parts.append("</testsuites>")
    return "\n".join(parts) + "\n"


def as_json(report: Report) -> dict:
    return {
        "sets": [{"name": r.name, "cases": len(r.scores), "accuracy": r.accuracy, "outcomes": dict(r.counts()),
                  "retrieval": summary(r.retrieval),
                  "by_tag": {t: {"right": a, "cases": b} for t, (a, b) in by_tag(r).items()},
                  "results": [{"id": s.case.id, "question": s.case.question, "outcome": s.outcome.value,
                               "problems": list(s.problems), "answer": s.got} for s in r.scores]}
                 for r in report.sets],
        "regressions": report.regressions, "below_threshold": report.below, "failed": report.failed,
    }


def write_reports(report: Report, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    files = {"eval.md": markdown(report), "eval.json": json.dumps(as_json(report), indent=1, ensure_ascii=False),
             "eval-junit.xml": junit(report)}
    written = []
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
        written.append(out / name)
    return written
