"""The index at scale: a corpus of N releases built from the bundled and wild ones, each copied under a new company
name (a <stem>.meta.json naming it) so that every copy is a distinct document, ingested stage by stage into one
data home; at each stage the figures a deployment cares about.

    .venv/bin/python benchmarks/scale.py --out DIR [--stages 30,300,1000] [--questions 40]

At each stage: ingest time of the releases added, data-home size, warm p50/p95 of numeric and "why" questions asked
of the library (questions built from facts of sampled releases), the wall time of a cold `earnings-qa ask`, and the
resident memory of the web chat (`earnings-qa ui`, warmed, after the questions; its model process counted apart).
Figures only: nothing here asserts a target. The corpus and the data home stay in DIR for a later run to go on.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SOURCES = [ROOT / "evals" / "corpus" / "releases", ROOT / "evals" / "corpus" / "wild"]
SUFFIXES = {".md", ".txt", ".html", ".htm", ".pdf"}
# codenames that make each copy's company its own ('Kingsoft Cloud Alder'): words no release uses as a name
CODES = ["Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Ginkgo", "Hazel", "Ilex", "Juniper", "Kapok", "Larch",
         "Maple", "Nutmeg", "Olive", "Poplar", "Quince", "Rowan", "Sumac", "Tamarack", "Umbrella", "Viburnum",
         "Willow", "Xylosma", "Yew", "Zelkova"]


def sources() -> list[Path]:
    return sorted(f for d in SOURCES for f in d.iterdir() if f.suffix.lower() in SUFFIXES)


def copy_name(k: int) -> str:
    return f"{CODES[k % len(CODES)]}{'' if k < len(CODES) else k // len(CODES)}"


def build(corpus: Path, n: int) -> list[Path]:
    """Releases 0..n-1 of the corpus (made if missing): source k % len(sources), copy k // len(sources)."""
    files = sources()
    out: list[Path] = []
    for k in range(n):
        src = files[k % len(files)]
        copy = k // len(files)
        slug, _, period = src.stem.rpartition("_")
        name = slug.replace("-", " ").title()
        stem = f"{slug}-{copy_name(copy).lower()}_{period}" if copy else src.stem
        dest = corpus / (stem + src.suffix)
        if not dest.exists():
            shutil.copyfile(src, dest)
            side = src.with_name(src.stem + ".meta.json")
            meta = json.loads(side.read_text(encoding="utf-8")) if side.exists() else {}
            if copy:
                meta.update(company=f"{name} {copy_name(copy)}", short_name=f"{name} {copy_name(copy)}")
                meta.pop("ticker", None)
            if meta:
                (corpus / (stem + ".meta.json")).write_text(json.dumps(meta), encoding="utf-8")
        out.append(dest)
    return out


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


def _size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def questions(home: Path, n: int, seed: int) -> tuple[list[str], list[str]]:
    """Numeric and "why" questions from facts of randomly chosen releases, as an analyst words them."""
    from index.facts import FactStore
    from index.settings import facts_db_path

    rng = random.Random(seed)
    store = FactStore(facts_db_path(home))
    try:
        docs = store.documents()
        numeric: list[str] = []
        why: list[str] = []
        for d in rng.sample(docs, min(len(docs), n)):
            facts = [f for f in store.facts(document=d.document) if f.months and f.kind.value == "reported"]
            if not facts:
                continue
            f = rng.choice(facts)
            who = d.short_name or d.company
            numeric.append(f"What was {who}'s {f.label} in {f.period}?")
            why.append(f"What drove {f.label} at {who} in {f.period}?")
    finally:
        store.close()
    return numeric, why[: max(1, n // 2)]


def timed(ask: object, qs: list[str]) -> list[float]:
    out = []
    for q in qs:
        t = time.perf_counter()
        ask(q)  # type: ignore[operator]
        out.append(time.perf_counter() - t)
    return out


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _ppid(proc_dir: Path) -> int:
    try:
        return int((proc_dir / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return -1


def web_rss(home: Path, qs: list[str]) -> tuple[float, float]:
    """(web chat RSS, its model process's RSS) in MB after warming and answering `qs`."""
    from gradio_client import Client

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "ui.cli", "--home", str(home), "ui", "--port", str(port)],
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            if "the embedding model is loaded" in line:
                break
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        for q in qs:
            client.predict(message=q, api_name="/chat")
        children = [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and _ppid(p) == proc.pid]
        return _rss_mb(proc.pid), sum(_rss_mb(c) for c in children)
    finally:
        proc.terminate()
        proc.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--stages", default="30,300,1000")
    parser.add_argument("--questions", type=int, default=40)
    args = parser.parse_args()
    from assistant.respond import Assistant
    from index.pipeline import Index

    corpus, home = args.out / "corpus", args.out / "home"
    corpus.mkdir(parents=True, exist_ok=True)
    done = 0
    for n in (int(s) for s in args.stages.split(",")):
        files = build(corpus, n)
        t = time.perf_counter()
        with Index(home) as index:
            results = index.ingest(files[done:])
        ingest = time.perf_counter() - t
        failed = sum(r.status.value == "failed" for r in results)
        with Index(home) as index:
            assistant = Assistant(index)
            numeric, why = questions(home, args.questions, seed=n)
            assistant.warm()
            timed(assistant.answer, numeric[:5] + why[:3])  # warm the caches of a few companies
            num = timed(assistant.answer, numeric)
            whys = timed(assistant.answer, why)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "ui.cli", "--home", str(home), "ask", numeric[0]], cwd=ROOT,
                       env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, check=False)
        cold = time.perf_counter() - t
        rss, model_rss = web_rss(home, numeric[:10] + why[:5])
        print(f"{n:>5} releases: ingest of {n - done} {ingest:.0f} s ({failed} failed), home {_size_mb(home):.0f} MB; "
              f"numeric warm p50 {_pct(num, .5) * 1000:.0f} ms p95 {_pct(num, .95) * 1000:.0f} ms ({len(num)}); "
              f"why warm p50 {_pct(whys, .5) * 1000:.0f} ms p95 {_pct(whys, .95) * 1000:.0f} ms ({len(whys)}); "
              f"cold ask {cold:.1f} s; web chat RSS {rss:.0f} MB (+ model process {model_rss:.0f} MB)", flush=True)
        done = n


if __name__ == "__main__":
    main()
