"""What the installed code does with every kind of bad input (tests/bad_input.py): a Markdown table.

    .venv/bin/python benchmarks/bad_input.py [--memory]

Each kind is ingested alone into a fresh home (fake embedder) holding no other document; the row says the outcome:
`refused: <reason>`, `ingested (facts, chunks)` or `crash: <exception>`. With --memory, each kind runs in a child
process and the row adds its peak resident memory. To compare with an older commit, put that commit's tree first
on PYTHONPATH (the kinds are loaded from this file's tree by path). Figures only: nothing here asserts a target.
"""

from __future__ import annotations

import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def _kinds():  # noqa: ANN202 - the module of tests/bad_input.py, loaded by path
    spec = importlib.util.spec_from_file_location("bad_input", HERE / "tests" / "bad_input.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bad_input", module)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def outcome(name: str) -> str:
    from index.pipeline import Index
    from tests.conftest import FakeEmbedding

    bad = _kinds()
    k = bad.kind(name)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        paths = k.write(folder)
        restore = bad.environment(k)
        try:
            with Index(Path(tmp) / "home", embedder=FakeEmbedding()) as index:
                results = index.ingest(paths)
        except BaseException as e:  # noqa: BLE001 - what an older commit raises is the figure
            return f"crash: {type(e).__name__}: {str(e)[:80]}"
        finally:
            restore()
    shown = []
    for r in results:
        if r.status.value == "failed":
            shown.append(f"refused: {r.error}")
        else:
            shown.append(f"{r.status.value} ({r.facts} facts, {r.chunks} chunks)")
    return "; ".join(shown) or "no result"


def main() -> None:
    memory = "--memory" in sys.argv
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps({"outcome": outcome(sys.argv[2]),
                          "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
        return
    print("| kind | outcome |" + (" peak MB |" if memory else ""))
    print("|---|---|" + ("---|" if memory else ""))
    for k in _kinds().KINDS:
        if memory:
            got = subprocess.run([sys.executable, __file__, "--one", k.name], capture_output=True, text=True,
                                 env=os.environ)
            row = json.loads(got.stdout.strip().splitlines()[-1]) if got.returncode == 0 else {
                "outcome": f"crash: exit {got.returncode}", "peak_mb": 0}
            print(f"| {k.name} | {_cell(row['outcome'])} | {row['peak_mb']:,.0f} |")
        else:
            print(f"| {k.name} | {_cell(outcome(k.name))} |")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")[:220]


if __name__ == "__main__":
    main()
