"""Load on the web chat: concurrent sessions asking numeric questions over real HTTP, with a cold "why" question
asked at the same time.

    .venv/bin/python benchmarks/load.py --home DIR [--sessions 20] [--questions 50]

DIR is a data home of the bundled corpus (e.g. the eval gate's `.data/ci/eval`). The chat is served on loopback
from this process (the real embedding model, not warmed); each session is its own gradio_client Client asking its
questions one after another. Prints: errors, numeric p50/p95 per question under load, and the numeric p50 of a
session asking alone before and while a cold "why" question runs. Figures only: nothing here asserts a target.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NUMERIC = [
    "What was Kingsoft Cloud's G&A in Q2 2025?",
    "Google Cloud revenue for the last six quarters?",
    "What was NVIDIA's revenue in Q1 FY2026?",
    "Alphabet vs Kingsoft Cloud operating margin, Q2 2025",
    "What was Kingsoft Cloud's operating margin in Q2 2025?",
    "Golden Matrix revenue for the last four quarters",
    "Microsoft Intelligent Cloud revenue in the June 2024 quarter?",
    "amazon net sales grwoth Q3 2024",
]
WHY = "What drove G&A growth at Kingsoft Cloud in Q2 2025?"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--questions", type=int, default=50)
    args = parser.parse_args()
    from gradio_client import Client

    from ui import web

    app, library = web.start(args.home, host="127.0.0.1", port=_free_port())
    url = app.local_url
    errors: list[str] = []
    lock = threading.Lock()

    def ask(client: Client, question: str) -> float:
        t = time.perf_counter()
        try:
            client.predict(message=question, api_name="/chat")
        except Exception as e:  # noqa: BLE001 - counted and shown, the load goes on
            with lock:
                errors.append(f"{type(e).__name__}: {e}"[:200])
        return time.perf_counter() - t

    try:
        alone = Client(url, verbose=False)
        before = [ask(alone, q) for q in NUMERIC * 2]
        why_seconds: list[float] = []
        cold = threading.Thread(target=lambda: why_seconds.append(ask(Client(url, verbose=False), WHY)))
        cold.start()
        during = []
        while cold.is_alive() and len(during) < 200:
            during.append(ask(alone, NUMERIC[len(during) % len(NUMERIC)]))
        cold.join()

        def session(i: int) -> list[float]:
            client = Client(url, verbose=False)
            return [ask(client, NUMERIC[(i + k) % len(NUMERIC)]) for k in range(args.questions)]

        t = time.perf_counter()
        with ThreadPoolExecutor(args.sessions) as pool:
            times = [x for got in pool.map(session, range(args.sessions)) for x in got]
        wall = time.perf_counter() - t
    finally:
        app.close()
        library.close()
    print(f"numeric, one session alone: p50 {statistics.median(before) * 1000:.0f} ms ({len(before)} questions)")
    print(f"numeric while a cold 'why' ran ({why_seconds[0]:.1f} s): p50 {statistics.median(during) * 1000:.0f} ms "
          f"({len(during)} questions)")
    print(f"{args.sessions} sessions x {args.questions} numeric questions: {len(times)} in {wall:.1f} s, "
          f"p50 {_pct(times, 0.5) * 1000:.0f} ms, p95 {_pct(times, 0.95) * 1000:.0f} ms, errors {len(errors)}")
    for e in errors[:5]:
        print("  error:", e)


if __name__ == "__main__":
    main()
