"""Load on one host serving the web chat and the Slack bot (`earnings-qa serve`, as deployed: its own process, not
warmed), from clients in this process over real HTTP on loopback.

    .venv/bin/python benchmarks/load.py --home DIR [--sessions 20] [--questions 50] [--burst 30]

DIR is a data home of the bundled corpus (e.g. the eval gate's `.data/ci/eval`). The bot's Slack Web API is a mock
on loopback (tests/slack_mock.py). In order:
1. the server's first "why" question (cold: started with --no-warm, so the embedding model is loaded then) while
   PROBES sessions ask numeric questions, then the same sessions without it, then while two sessions ask "why"
   questions (warm) all the time: numeric p50/p95 in each;
2. SESSIONS gradio_client sessions asking QUESTIONS numeric questions each, one after another: errors, p50, p95;
3. a burst of BURST signed Slack mentions at once, each delivered again as Slack's retries 1 and 2: acknowledged,
   answered, duplicate answers, p50/p95 from delivery to the answer's post.
Figures only: nothing here asserts a target.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.slack_mock import SECRET, TOKEN, MockSlack, mention, new_ts, send  # noqa: E402

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
WHYS = [WHY, "What drove Google Cloud revenue growth in Q2 2025?",
        "Why did NVIDIA's data center revenue grow in Q1 FY2026?", "What drove Amazon's AWS growth in Q3 2024?"]
PROBES = 4  # default: sessions asking numeric questions while the first "why" runs, and after it


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


def _ms(values: list[float]) -> str:
    return f"p50 {_pct(values, 0.5) * 1000:.0f} ms, p95 {_pct(values, 0.95) * 1000:.0f} ms"


def _serve(home: Path, port: int, mock: MockSlack) -> subprocess.Popen:
    env = {**os.environ, "SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": mock.url + "api/",
           "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "ui.cli", "--home", str(home), "serve", "--no-warm", "--port", str(port)]
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    assert proc.stderr is not None
    for line in proc.stderr:
        if "(Ctrl+C stops both)" in line:
            threading.Thread(target=proc.stderr.read, daemon=True).start()  # drain the log
            return proc
    proc.kill()
    raise SystemExit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--questions", type=int, default=50)
    parser.add_argument("--burst", type=int, default=30)
    parser.add_argument("--probes", type=int, default=PROBES)
    args = parser.parse_args()
    probes_n = args.probes
    from gradio_client import Client

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

    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    with MockSlack.serving() as mock:
        server = _serve(args.home, port, mock)
        try:
            probes = [Client(url, verbose=False) for _ in range(probes_n)]
            for client in probes:
                ask(client, "Kingsoft Cloud revenue in Q2 2025?")  # each session's first request, not counted
            why_seconds: list[float] = []
            cold = threading.Thread(target=lambda: why_seconds.append(ask(Client(url, verbose=False), WHY)))
            cold.start()

            asked: dict[str, list[tuple[str, float]]] = {"during": [], "after": []}

            def probe(i: int, until: threading.Thread | None) -> list[float]:
                got: list[float] = []
                while (until.is_alive() if until else len(got) < len(NUMERIC)) and len(got) < 400:
                    question = NUMERIC[(i + len(got)) % len(NUMERIC)]
                    got.append(ask(probes[i], question))
                    asked["during" if until else "after"].append((question, got[-1]))
                return got

            with ThreadPoolExecutor(probes_n) as pool:
                during = [x for got in pool.map(probe, range(probes_n), [cold] * probes_n) for x in got]
            cold.join()
            with ThreadPoolExecutor(probes_n) as pool:
                after = [x for got in pool.map(probe, range(probes_n), [None] * probes_n) for x in got]
            whys: list[float] = []
            asking = threading.Event()
            asking.set()

            def why_session() -> None:
                client = Client(url, verbose=False)
                while asking.is_set():
                    whys.append(ask(client, WHYS[len(whys) % len(WHYS)]))

            askers = [threading.Thread(target=why_session) for _ in range(2)]
            for t in askers:
                t.start()
            with ThreadPoolExecutor(probes_n) as pool:
                amid = [x for got in pool.map(probe, range(probes_n), [None] * probes_n) for x in got]
            asking.clear()
            for t in askers:
                t.join()

            def session(i: int) -> list[float]:
                client = Client(url, verbose=False)
                return [ask(client, NUMERIC[(i + k) % len(NUMERIC)]) for k in range(args.questions)]

            t = time.perf_counter()
            with ThreadPoolExecutor(args.sessions) as pool:
                times = [x for got in pool.map(session, range(args.sessions)) for x in got]
            wall = time.perf_counter() - t
            burst = _burst(url + "slack/events", mock, args.burst)
        finally:
            server.terminate()
            server.wait(30)
    print(f"numeric from {probes_n} sessions while the server's first 'why' ran ({why_seconds[0]:.1f} s, the model "
          f"loaded then): {_ms(during)} ({len(during)} questions, the slowest {max(during) * 1000:.0f} ms)")
    print(f"numeric from {probes_n} sessions after it: {_ms(after)} ({len(after)} questions)")
    by = {q: ([t for x, t in asked["during"] if x == q], [t for x, t in asked["after"] if x == q]) for q in NUMERIC}
    print("  per question, p50 during / after (ms): " + "; ".join(
        f"{q[:28]} {_pct(d, 0.5) * 1000:.0f}/{_pct(a, 0.5) * 1000:.0f}" for q, (d, a) in by.items() if d))
    print(f"numeric from {probes_n} sessions while 2 sessions ask 'why' questions (warm, {_ms(whys)}): {_ms(amid)} "
          f"({len(amid)} questions)")
    print(f"{args.sessions} web sessions x {args.questions} numeric questions: {len(times)} in {wall:.1f} s, "
          f"{_ms(times)}, errors {len(errors)}")
    for e in errors[:5]:
        print("  error:", e)
    print(burst)


def _burst(events_url: str, mock: MockSlack, n: int) -> str:
    """n signed mentions at once, each followed by Slack's two retries of it; the answers counted in the mock."""
    asked = [new_ts() for _ in range(n)]
    statuses: list[int | str] = []
    sent_at: dict[str, float] = {}
    barrier = threading.Barrier(n)

    def deliver(ts: str) -> None:
        body = mention("CLOAD", "What was Kingsoft Cloud's G&amp;A in Q2 2025?", ts)
        barrier.wait()
        sent_at[ts] = time.perf_counter()
        for retry in (None, "1", "2"):
            try:
                extra = {"X-Slack-Retry-Num": retry, "X-Slack-Retry-Reason": "http_timeout"} if retry else None
                statuses.append(send(events_url, body, extra=extra)[0])
            except OSError as e:  # refused or reset: never acknowledged
                statuses.append(type(e).__name__)

    threads = [threading.Thread(target=deliver, args=(ts,)) for ts in asked]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len({c.params.get("thread_ts") for c in mock.posts("CLOAD")}) < n:
        time.sleep(0.05)
    time.sleep(2)  # a duplicate answer would come now
    posts = mock.posts("CLOAD")
    per_thread = Counter(c.params.get("thread_ts") for c in posts)
    latencies = [c.at - sent_at[c.params["thread_ts"]] for c in posts if c.params.get("thread_ts") in sent_at]
    status_counts = json.dumps(Counter(map(str, statuses)))
    return (f"Slack burst of {n} mentions (+2 retries each): deliveries {status_counts}; answered "
            f"{sum(1 for ts in asked if per_thread[ts])}/{n}; duplicate answers "
            f"{sum(c - 1 for c in per_thread.values() if c > 1)}; delivery to answer {_ms(latencies)}")


if __name__ == "__main__":
    main()
