"""TAT-QA adapter: the dev set's contexts (a table and its paragraphs, from annual reports) become documents in a
scratch data home; each question is asked scoped to its document; answers are scored with TAT-QA's exact-match
and F1 rules per answer type and scale.

    .venv/bin/python -m evals.tatqa [--limit N] [--out evals/reports]

TAT-QA's scoring (Zhu et al., 2021, `tatqa_metric.py`) is re-implemented here: answers are normalised (case,
punctuation, articles, numbers to floats rounded to two places), multi-span answers are compared as bags, F1 is
the token overlap, and a numeric answer counts only when the predicted scale (thousand, million, billion,
percent) equals the gold scale. Written here because the metric ships inside the TAT-QA repository, not as a
package.
"""

from __future__ import annotations

import argparse
import json
import re
import string
import tempfile
import time
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from assistant.questions import beyond
from index.numbers import scale_of
from lexicon.calendar import MONTH_PREFIX, month_number

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "benchmarks" / "tatqa_dev.json"
REPORTS = ROOT / "reports"

# --- the metric ---------------------------------------------------------------------------------------------------


def _to_number(text: str) -> float | None:
    t = text.strip().replace(",", "").replace("$", "").replace("%", "").strip()
    if re.fullmatch(r"\(\s*[\d.]+\s*\)", t):
        t = "-" + t.strip("() ")
    try:
        return round(float(t), 2)
    except ValueError:
        return None


def _normalise(text: str) -> str:
    number = _to_number(text)
    if number is not None:
        return f"{number:.2f}"
    text = text.lower()
    text = "".join(ch for ch in text if ch not in set(string.punctuation))
    text = re.sub(r"\b(a|an|the)\b", " ", text)
    return " ".join(text.split())


def _bag(answers: list[str]) -> set[str]:
    return {_normalise(a) for a in answers if _normalise(a)}


def _f1(pred: str, gold: str) -> float:
    p, g = pred.split(), gold.split()
    common = sum(min(p.count(w), g.count(w)) for w in set(p) & set(g))
    if not p or not g or common == 0:
        return 0.0
    precision, recall = common / len(p), common / len(g)
    return 2 * precision * recall / (precision + recall)


def em_f1(pred: list[str], gold: list[str], pred_scale: str, gold_scale: str) -> tuple[float, float]:
    """TAT-QA exact match and F1 of one prediction (lists of answer strings)."""
    if not pred:
        return 0.0, 0.0
    numeric = all(_to_number(g) is not None for g in gold)
    if numeric and pred_scale != gold_scale:
        return 0.0, 0.0
    ps, gs = sorted(_bag(pred)), sorted(_bag(gold))
    em = float(ps == gs)
    return em, max(em, _aligned_f1(ps, gs))


def _aligned_f1(ps: list[str], gs: list[str]) -> float:
    """DROP/TAT-QA multi-span F1: the best one-to-one alignment of predicted and gold answers, averaged over the
    larger bag (an unmatched answer scores 0). Bags are small, so every assignment is tried."""
    from itertools import permutations

    if not ps or not gs:
        return 0.0
    small, large, swap = (ps, gs, False) if len(ps) <= len(gs) else (gs, ps, True)
    best = 0.0
    for chosen in permutations(range(len(large)), len(small)):
        total = sum(_f1(large[j], small[i]) if swap else _f1(small[i], large[j]) for i, j in enumerate(chosen))
        best = max(best, total)
        if len(large) > 7:  # a guard for unusually large bags: the first assignment found is kept
            break
    return best / len(large)


# --- contexts -> documents --------------------------------------------------------------------------------------

def _markdown_table(rows: list[list[str]]) -> str:
    width = max(len(r) for r in rows)
    rows = [[c.replace("|", "/").strip() for c in r] + [""] * (width - len(r)) for r in rows]
    out = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(out)


def _year_end_month(header_rows: list[list[str]]) -> int | None:
    """The month a table's headings date its columns in ('April 26, 2019', '30 June 2019', 'March 31,')."""
    text = " ".join(" ".join(r) for r in header_rows)
    m = re.search(rf"\b({MONTH_PREFIX})\s+\d{{1,2}}\b|\b\d{{1,2}}\s+({MONTH_PREFIX})", text, re.I)
    return month_number(m.group(1) or m.group(2)) if m else None


def write_documents(contexts: list[dict[str, Any]], folder: Path, hints: bool = False) -> dict[str, str]:
    """One Markdown document per context (its table, then its paragraphs); returns question uid -> document.
    Plain (the default) is the path a user's document takes: nothing but the Markdown. `hints` adds a .meta.json
    per context saying what the adapter knows of TAT-QA (bare years are fiscal years, amounts as printed)."""
    where: dict[str, str] = {}
    for ctx in contexts:
        stem = f"tatqa-{ctx['table']['uid'][:8]}"
        paragraphs = "\n\n".join(p["text"] for p in sorted(ctx["paragraphs"], key=lambda p: p["order"]))
        text = f"# TAT-QA context {ctx['table']['uid']}\n\n{_markdown_table(ctx['table']['table'])}\n\n{paragraphs}\n"
        (folder / f"{stem}.md").write_text(text, encoding="utf-8")
        for q in ctx["questions"]:
            where[q["uid"]] = stem
        if not hints:
            continue
        # the company named after the context; bare years are fiscal years, ending in the month the table's
        # headings date them (as a company's metadata would say)
        # amounts as printed where the table states no scale (TAT-QA answers in the table's own units)
        meta: dict[str, Any] = {"company": stem, "short_name": stem, "scale": 1, "bare_years": True}
        month = _year_end_month(ctx["table"]["table"][:4])
        if month:
            meta["fiscal_year_end_month"] = month
        (folder / f"{stem}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return where


# --- answers -> predictions ---------------------------------------------------------------------------------------

_SCALE_NAMES = {1_000: "thousand", 1_000_000: "million", 1_000_000_000: "billion"}


def _context_scale(ctx: dict[str, Any]) -> str:
    """The scale a context states (`index.numbers.scale_of`, the earliest mention): the table's own cells first
    (its caption or a header cell), then the paragraphs."""
    table = " | ".join(c for row in ctx["table"]["table"] for c in row)
    paragraphs = " ".join(p["text"] for p in sorted(ctx["paragraphs"], key=lambda p: p["order"]))
    for text in (table, paragraphs):
        scale = scale_of(text, first=True)
        if scale:
            return _SCALE_NAMES.get(scale, "")
    return ""


def _printed(fig: Any) -> Decimal | None:
    """The number as the source prints it ('$ 1,452.4' -> 1452.4), sign as the figure."""
    if fig.source is None:
        return None
    m = re.search(r"\d[\d,]*(?:\.\d+)?", fig.source.quote)
    if not m:
        return None
    try:
        n = Decimal(m.group(0).replace(",", ""))
    except InvalidOperation:
        return None
    return -n if fig.value < 0 else n


def prediction(answer: Any, context_scale: str) -> tuple[list[str], str]:
    """The answer as TAT-QA strings and a predicted scale: a series is one answer per period, "which years"
    is answered with the years of the series."""
    if answer.status.value != "answered":
        return [], ""
    op = getattr(getattr(answer.intent, "operation", None), "value", "")
    if getattr(answer, "quoted", ()):  # a text answer: the release's words
        return list(answer.quoted), ""
    if op in ("define", "explain") and answer.citations:
        return [_text_span(op, answer.citations[0].quote, list(answer.intent.metrics))], ""
    if not answer.figures:
        return [], ""
    fig = answer.figures[0]
    if op in ("highest", "lowest"):
        return [str(fig.period_end.year)] if fig.period_end else [], ""
    threshold = getattr(answer.intent, "threshold", None)
    if threshold is not None:  # the periods beyond the bound come first; the headline says how many
        hits = [f for f in answer.figures if beyond(threshold, f.value)]
        if re.search(r"\bhow\s+many\b", answer.question, re.I):
            return [str(len(hits))], ""
        return [str(f.period_end.year) for f in hits if f.period_end], ""
    if op == "series" and len(answer.figures) > 1 and not fig.is_reported:  # "the total over 2018 and 2019"
        one, scale = _number(fig, context_scale)
        return [one], scale
    if op == "series" and len(answer.figures) > 1:
        if re.search(r"\b(which|what)\s+years\b", answer.question, re.I):
            return [str(f.period_end.year) for f in answer.figures if f.period_end], ""
        answers = [_number(f, context_scale) for f in answer.figures]
        return [a for a, _ in answers], answers[0][1]
    one, scale = _number(fig, context_scale)
    return [one], scale


def _text_span(op: str, quote: str, names: list[str]) -> str:
    """The words of a cited sentence that answer: what follows the defining verb, or the reason from its cue on."""
    from assistant.explain import DRIVER, definition_clause

    if op == "define":
        return definition_clause(quote, names) or quote
    m = DRIVER.search(quote)
    return quote[m.start():] if m else quote


def _number(fig: Any, context_scale: str) -> tuple[str, str]:
    """One figure as the table prints it and its scale (the context's, unless the figure's source says)."""
    if fig.unit in ("%", "pp"):
        return f"{fig.value:.2f}", "percent"
    if fig.unit == "x":
        return f"{fig.value:.2f}", ""
    value = fig.value
    if fig.is_reported:
        printed = _printed(fig)
        factor = (fig.value / printed) if printed else Decimal(1)
        value = printed if printed is not None else fig.value
    else:
        base = next((i for i in fig.inputs if _printed(i)), None)
        factor = (base.value / _printed(base)) if base is not None and _printed(base) else Decimal(1)
        value = fig.value / factor if factor else fig.value
    scale = _SCALE_NAMES.get(int(abs(factor)), "") if factor and abs(factor) > 1 else ""
    return f"{value:.2f}", scale or context_scale


# --- the run ------------------------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0, help="only the first N contexts (a quick look)")
    parser.add_argument("--out", type=Path, default=REPORTS)
    parser.add_argument("--hints", action="store_true", help="give each context a .meta.json (the adapter's "
                        "knowledge of TAT-QA); without it the contexts take the plain path of a user's document")
    args = parser.parse_args()
    from assistant.respond import Assistant
    from index.pipeline import Index

    contexts = json.loads(DATA.read_text(encoding="utf-8"))
    if args.limit:
        contexts = contexts[: args.limit]
    by_type: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_scale: dict[str, list[tuple[float, float]]] = defaultdict(list)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        docs, home = Path(tmp) / "docs", Path(tmp) / "home"
        docs.mkdir()
        where = write_documents(contexts, docs, hints=args.hints)
        t = time.perf_counter()
        with Index(home) as index:
            ingested = index.ingest([docs])
            t_ingest = time.perf_counter() - t
            failed = [r for r in ingested if r.status.value == "failed"]
            bot = Assistant(index)
            t = time.perf_counter()
            for ctx in contexts:
                context_scale = _context_scale(ctx)
                for q in ctx["questions"]:
                    answer = bot.answer(q["question"], document=where[q["uid"]])
                    pred, scale = prediction(answer, context_scale)
                    gold = [str(a) for a in q["answer"]] if isinstance(q["answer"], list) else [str(q["answer"])]
                    em, f1 = em_f1(pred, gold, scale, q["scale"])
                    by_type[q["answer_type"]].append((em, f1))
                    by_scale[q["scale"] or "none"].append((em, f1))
                    results.append({"uid": q["uid"], "question": q["question"], "type": q["answer_type"],
                                    "gold": gold, "gold_scale": q["scale"], "pred": pred, "pred_scale": scale,
                                    "status": answer.status.value, "em": em, "f1": f1})
            t_ask = time.perf_counter() - t
    every = [r for v in by_type.values() for r in v]
    em = 100 * sum(e for e, _ in every) / len(every)
    f1 = 100 * sum(f for _, f in every) / len(every)
    answered = sum(r["status"] == "answered" for r in results)
    mode = "with per-context hints (.meta.json)" if args.hints else "plain path (each context a Markdown release)"
    lines = [f"# TAT-QA dev: earnings-qa, no LLM, {mode}", "",
             f"{len(results)} questions over {len(contexts)} contexts; ingest {t_ingest:.0f} s "
             f"({len(failed)} contexts failed), answering {t_ask:.0f} s; the assistant answered {answered} "
             f"and refused {len(results) - answered}.", "",
             f"**EM {em:.1f} / F1 {f1:.1f}** (reference: TagOp EM 50.1 / F1 58.0, GPT-4 EM 71.9, human F1 90.8).",
             "", "| answer type | questions | EM | F1 |", "|---|---|---|---|"]
    for k, v in sorted(by_type.items()):
        lines.append(f"| {k} | {len(v)} | {100 * sum(e for e, _ in v) / len(v):.1f} | "
                     f"{100 * sum(f for _, f in v) / len(v):.1f} |")
    lines += ["", "| gold scale | questions | EM | F1 |", "|---|---|---|---|"]
    for k, v in sorted(by_scale.items()):
        lines.append(f"| {k} | {len(v)} | {100 * sum(e for e, _ in v) / len(v):.1f} | "
                     f"{100 * sum(f for _, f in v) / len(v):.1f} |")
    args.out.mkdir(parents=True, exist_ok=True)
    name = "tatqa_hints" if args.hints else "tatqa"
    (args.out / f"{name}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (args.out / f"{name}.json").write_text(json.dumps({"em": em, "f1": f1, "results": results}, indent=1,
                                                    ensure_ascii=False), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
