"""TAT-QA adapter: the dev set's contexts (a table and its paragraphs, from annual reports) become documents in a
scratch data home; each question is asked scoped to its document; answers are scored with TAT-QA's exact-match
and F1 rules per answer type and scale.

    .venv/bin/python -m evals.tatqa [--limit N] [--out evals/reports]

TAT-QA's scoring (Zhu et al., 2021, `tatqa_metric.py` and `tatqa_utils.py`) is re-implemented here, rule for
rule, so the figure compares with the published ones: a number counts by its value times its scale (a wrong scale
is a wrong value), text by its normalised words (case, punctuation, articles), a multi-span answer as its sorted
answers joined. Written here because the metric ships inside the TAT-QA repository, not as a package; the tests
hold examples of each rule, quirks included.
"""

from __future__ import annotations

import argparse
import json
import math
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
# TAT-QA's own rules, as its evaluation script applies them (so the figure compares with TagOp's): every answer
# of a question is rendered to one string (numbers as their value times the scale, four places), the strings of
# a multi-span answer sorted and joined; EM is equality of the normalised strings and F1 the overlap of their
# token sets; a lone unscaled number may also be read as a bare value. Its quirks are kept on purpose: '(2,085)'
# reads as 2085 (a comma keeps the parentheses from meaning minus), and a spelled scale ('$55 million') counts.

_NUMBER_NOISE = str.maketrans("", "", "'\"\\$€£¥%(),[]")
_SCALE_WORDS = (("hundred", 100), ("thousand", 1_000), ("million", 1_000_000), ("billion", 1_000_000_000),
                ("percent", 0.01))
_FIRST_NUMBER = re.compile(r"([+-]?\d+(?:\.\d+)?)|[+-]?\.\d+")  # a leading '.5' is no number to TAT-QA


def _scale_factor(word: str) -> float:
    word = word.lower()
    return next((factor for name, factor in _SCALE_WORDS if name in word), 1)


def _is_number(text: str) -> bool:
    """A number, or a number and a scale word ('55 million'); '$(1,234)' and '12%' too."""
    words = " ".join(w.translate(_NUMBER_NOISE) for w in text.split()).split()
    try:
        value = float(words[0]) if words else math.nan
    except ValueError:
        return False
    return not math.isnan(value) and (len(words) < 2 or _scale_factor(words[1]) != 1)


def _to_number(text: str) -> float | None:
    m = _FIRST_NUMBER.search(text.translate(_NUMBER_NOISE))
    if not m or not m.group(1):
        return None
    number: float = float(m.group(1)) if "." in m.group(1) else int(m.group(1))
    scaled = re.search(r"[\d.]+\s?[a-zA-Z]+", text)
    factor = _scale_factor(scaled.group(0)) if scaled else 1
    sign = -1 if re.search(r"\([\d.\s%]+\)", text.strip()) else 1
    percent = 0.01 if re.search(r"[\d.\s]+%", text.strip()) else 1
    return round(number * factor * sign * percent, 4)


def _normalise(text: str) -> str:
    words = []
    for token in text.split(" "):
        token = token.lower()
        if not _is_number(token):
            token = "".join(ch for ch in token if ch not in string.punctuation)
        if _is_number(token):  # after the punctuation went: '#1' is the number 1
            token = str(_to_number(token))
        token = " ".join(re.sub(r"\b(a|an|the)\b", " ", token).split())
        if token.strip():
            words.append(token)
    return " ".join(words).strip()


def _rendered(answers: list[str], scale: str) -> str:
    """Answers as one string: each number as its value in units (four places), a scale word after any text."""
    out = []
    for answer in sorted(answers):
        number = _to_number(answer) if _is_number(answer) else None
        if number is None:
            out.append(f"{answer} {scale}" if scale else answer)
        elif "%" in answer:
            out.append(f"{number:.4f}")
        else:
            out.append(f"{round(number, 2) * _scale_factor(scale):.4f}")
    return " ".join(out)


def _token_f1(pred: str, gold: str) -> float:
    p, g = set(pred.split()), set(gold.split())
    common = len(p & g)
    precision = common / len(p) if p else 1.0
    recall = common / len(g) if g else 1.0
    return 0.0 if precision == recall == 0 else 2 * precision * recall / (precision + recall)


def em_f1(pred: list[str], gold: list[str], pred_scale: str, gold_scale: str,
          answer_type: str = "span") -> tuple[float, float]:
    """TAT-QA exact match and F1 of one prediction (lists of answer strings); F1 is EM for arithmetic and count."""
    if not pred or not gold:
        return 0.0, 0.0
    readings = [_rendered(pred, pred_scale)]
    if len(pred) == 1 and not pred_scale and "%" not in pred[0] and _is_number(pred[0]):
        number = _to_number(pred[0])  # a lone bare number may mean a share: 0.2342 for 23.42 percent
        if number is not None:
            readings.append(f"{number:.4f}")
    target = _normalise(_rendered(gold, gold_scale))
    em = float(any(_normalise(r) == target for r in readings))
    f1 = max(round(_token_f1(_normalise(r), target), 2) for r in readings)
    return em, em if answer_type in ("arithmetic", "count") else f1


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


# a number as a release prints it: sign, currency, parentheses, percent or a scale word kept ('$ (2,085)', '13.0%',
# '$55 million'); group 1 is the digits
_PRINTED = re.compile(r"\(?-?[$€£¥]?\s?\(?(\d[\d,]*(?:\.\d+)?)\)?(?:\s?%|\s(?:thousand|million|billion)\b)?", re.I)
_POWERS = (Decimal(1), Decimal(1_000), Decimal(1_000_000), Decimal(1_000_000_000))


def _printed(fig: Any) -> tuple[str, Decimal] | None:
    """The figure as its source prints it and the printed number (sign as the figure): the first number of the
    quote the value is a power-of-ten multiple of (a sentence's '3%' is not its '$593.8 million')."""
    if fig.source is None:
        return None
    for m in _PRINTED.finditer(fig.source.quote):
        try:
            n = Decimal(m.group(1).replace(",", ""))
        except InvalidOperation:
            continue
        if n and any(abs(fig.value) == n * power for power in _POWERS):
            return m.group(0).strip(), (-n if fig.value < 0 else n)
    return None


def prediction(answer: Any, context_scale: str) -> tuple[list[str], str]:
    """The answer as TAT-QA strings and a predicted scale: a series is one answer per period, "which years"
    is answered with the years of the series."""
    if answer.status.value != "answered":
        return [], ""
    op = getattr(getattr(answer.intent, "operation", None), "value", "")
    if getattr(answer, "quoted", ()):  # a text answer: the release's words
        return list(answer.quoted), ""
    if getattr(answer.intent, "lists_parts", False) and answer.figures:  # the rows that make up a figure
        labels = list(dict.fromkeys(f.label for f in answer.figures))
        return ([str(len(labels))] if re.search(r"\bhow\s+many\b", answer.question, re.I) else labels), ""
    if op in ("define", "explain") and answer.citations:
        return [_text_span(op, answer.citations[0].quote, list(answer.intent.metrics))], ""
    if not answer.figures:
        if getattr(answer.intent, "periods_asked", False):  # "What years does the table show?": the years listed
            return re.findall(r"\b(?:FY\s?)?((?:19|20)\d\d)\b", answer.headline), ""
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
    """One figure as TAT-QA writes answers and its scale: a reported one as its source prints it ('(2,085)',
    '$55 million'), a calculated one in the units its inputs are printed in (the context's scale, unless a
    source says)."""
    printed = _printed(fig) if fig.is_reported else None
    if printed is not None:
        text, number = printed
        factor = fig.value / number
        if re.search(r"[a-z]$", text, re.I):  # '$55 million' says its own scale
            return text, ""
        if fig.unit in ("%", "pp"):
            return text, "percent"
        return text, _SCALE_NAMES.get(int(abs(factor)), "") or (context_scale if _is_amount(fig) else "")
    if fig.unit in ("%", "pp"):
        return f"{fig.value:.2f}", "percent"
    if fig.unit == "x":
        return f"{fig.value:.2f}", ""
    # a calculation in the units its first printed input is printed in
    base = next(((i, p) for i in fig.inputs if (p := _printed(i))), None) if not fig.is_reported else None
    factor = base[0].value / base[1][1] if base is not None else Decimal(1)
    value = fig.value / factor
    scale = _SCALE_NAMES.get(int(abs(factor)), "") if abs(factor) > 1 else ""
    return f"{value:.2f}", scale or (context_scale if _is_amount(fig) else "")


def _is_amount(fig: Any) -> bool:
    """An amount a context's scale applies to: money or a count of shares, not a figure per share or a unit price
    ('Net average shell egg selling price' $1.40 in a note 'in thousands')."""
    return not fig.per_share and (fig.unit == "shares" or re.fullmatch(r"[A-Z]{3}", fig.unit) is not None)


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
                    em, f1 = em_f1(pred, gold, scale, q["scale"], q["answer_type"])
                    by_type[q["answer_type"]].append((em, f1))
                    by_scale[q["scale"] or "none"].append((em, f1))
                    results.append({"uid": q["uid"], "question": q["question"], "type": q["answer_type"],
                                    "gold": gold, "gold_scale": q["scale"], "pred": pred, "pred_scale": scale,
                                    "status": answer.status.value, "em": em, "f1": f1})
            t_ask = time.perf_counter() - t
    every = [r for v in by_type.values() for r in v]
    em = 100 * sum(e for e, _ in every) / len(every)
    # the same with the scale required to match where the gold is a number ('55' million is no '55'): stricter
    # than TAT-QA's rule, which compares values only
    strict = 100 * sum(r["em"] for r in results if r["pred_scale"] == r["gold_scale"] or not all(
        _is_number(g) for g in r["gold"])) / len(results)
    f1 = 100 * sum(f for _, f in every) / len(every)
    answered = sum(r["status"] == "answered" for r in results)
    mode = "with per-context hints (.meta.json)" if args.hints else "plain path (each context a Markdown release)"
    lines = [f"# TAT-QA dev: earnings-qa, no LLM, {mode}", "",
             f"{len(results)} questions over {len(contexts)} contexts; ingest {t_ingest:.0f} s "
             f"({len(failed)} contexts failed), answering {t_ask:.0f} s; the assistant answered {answered} "
             f"and refused {len(results) - answered}.", "",
             f"**EM {em:.1f} / F1 {f1:.1f}** (reference: TagOp EM 50.1 / F1 58.0, GPT-4 EM 71.9, human F1 90.8); "
             f"EM {strict:.1f} where a number's scale must also be the gold's.",
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
    (args.out / f"{name}.json").write_text(json.dumps({"em": em, "f1": f1, "em_scale_strict": strict,
                                                       "results": results}, indent=1,
                                                    ensure_ascii=False), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
