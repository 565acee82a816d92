"""Answering benchmark: accuracy on the hand-verified question sets, warm latency, and the cold `ask` command.

    .venv/bin/python benchmarks/answers.py [--home DIR]

Without --home the bundled corpus is ingested into a temporary data home first (about 100 s). Prints:
- accuracy per set (evals/datasets/*.yaml, including open.yaml, the cases known to fail), wrong numbers apart from
  refusals;
- warm latency p50/p95 of numeric and of driver ("why") questions, with the assistant and model already loaded;
- the time from process start to answer of `earnings-qa ask --json` on a numeric question, and whether that
  process loaded the embedding model.
Figures only: nothing here asserts a target.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.respond import Assistant  # noqa: E402
from evals import run as runner  # noqa: E402
from evals.datasets import dataset_paths  # noqa: E402
from index.pipeline import Index  # noqa: E402

NUMERIC = [
    "What was Kingsoft Cloud's G&A in Q2 2025?", "Kingsoft Cloud revenue YoY in Q2 2025",
    "Google Cloud revenue for the last six quarters?", "KC operating margin Q2 2025",
    "Compare revenue of Alphabet and NVIDIA", "Kingsoft Cloud short-term plus long-term borrowings at June 30, 2025",
    "NVIDIA diluted EPS in Q1 FY2026", "Microsoft revenue in Q4 FY2024", "Golden Matrix revenue in Q3 2025",
    "What was Tesla's revenue?",
]
DRIVERS = [
    "What drove G&A growth at Kingsoft Cloud in Q2 2025?", "Why did Kingsoft Cloud's net loss widen in Q2 2025?",
    "Why did Kingsoft Cloud's R&D expenses decrease in Q2 2025?", "What drove public cloud revenue growth at KC?",
    "Why did Alphabet's operating income increase in Q2 2025?", "What drove Kingsoft Cloud's gross profit in Q2 2025?",
]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def accuracy(index: Index) -> None:
    print(f"{'set':18} {'cases':>5} {'right':>5} {'wrong #':>7} {'refused':>7} {'other':>5} {'accuracy':>8}")
    for r in runner.run(dataset_paths(), index).sets:  # the eval runner's own scoring
        right, wrong, refused, other = r.tally()
        print(f"{r.name:18} {len(r.scores):5} {right:5} {wrong:7} {refused:7} {other:5} {r.accuracy:8.1%}")


def latency(bot: Assistant, questions: list[str], rounds: int) -> tuple[float, float]:
    for q in questions:  # warm: caches, model, retrievers
        bot.answer(q)
    times = []
    for _ in range(rounds):
        for q in questions:
            t = time.perf_counter()
            bot.answer(q)
            times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), pct(times, 0.95)


def cold_ask(home: Path) -> None:
    exe = Path(sys.executable).with_name("earnings-qa")
    env = {**os.environ, "EARNINGS_QA_HOME": str(home)}
    probe = ("import sys, runpy, time; t=time.perf_counter(); sys.argv=['earnings-qa','ask','--json',"
             "\"What was Kingsoft Cloud's G&A in Q2 2025?\"]\ntry:\n runpy.run_module('ui.cli', run_name='__main__')\n"
             "finally:\n print('torch loaded:', 'torch' in sys.modules, '| sentence_transformers loaded:',"
             " 'sentence_transformers' in sys.modules, file=sys.stderr)")
    t = time.perf_counter()
    out = subprocess.run([str(exe), "ask", "--json", "What was Kingsoft Cloud's G&A in Q2 2025?"], env=env,
                         capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t
    print(f"earnings-qa ask (numeric), process start to answer: {wall:.2f} s; answer bytes {len(out.stdout)}")
    probe_out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    print("in that process:", probe_out.stderr.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--home", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = args.home
        if home is None:
            home = Path(tmp)
            t = time.perf_counter()
            with Index(home) as index:
                index.ingest([ROOT / "evals" / "corpus" / "releases"])
            print(f"ingested the bundled corpus in {time.perf_counter() - t:.1f} s")
        cold_ask(home)
        with Index(home) as index:
            accuracy(index)
            bot = Assistant(index)
            p50, p95 = latency(bot, NUMERIC, args.rounds)
            print(f"numeric questions, warm: p50 {p50:.1f} ms, p95 {p95:.1f} ms ({len(NUMERIC)} x {args.rounds})")
            p50, p95 = latency(bot, DRIVERS, args.rounds)
            print(f"driver questions, warm:  p50 {p50:.1f} ms, p95 {p95:.1f} ms ({len(DRIVERS)} x {args.rounds})")


if __name__ == "__main__":
    main()
