"""What the installed code does with every kind of bad input (tests/bad_input.py): a Markdown table.

    .venv/bin/python benchmarks/bad_input.py [--memory] [--at-bounds] [--real-model]

Each kind is ingested alone into a fresh home (fake embedder) holding no other document; the row says the outcome:
`refused: <reason>`, `ingested (facts, chunks)` or `crash: <exception>`. With --memory, each kind runs in a child
process and the row adds its peak resident memory. --at-bounds runs instead files just under (and just over) the
default bounds, to show that one file's memory stays under 1 GB: a 15 MB text of short lines, a 15 MB one-line
HTML exhibit, 99,000-character lines, a PDF whose content inflates to 60 MB, a 45,000-cell table; with --real-model
they are embedded by the bundled model, as a user's ingest would. To compare with an older commit, put that
commit's tree first on PYTHONPATH (the kinds are loaded from this file's tree by path). Figures only: nothing
here asserts a target.
"""

from __future__ import annotations

import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def _kinds():  # noqa: ANN202 - the module of tests/bad_input.py, loaded by path
    spec = importlib.util.spec_from_file_location("bad_input", HERE / "tests" / "bad_input.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bad_input", module)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def at_bounds() -> list:  # noqa: ANN201 - Kinds of tests/bad_input.py, built at the default bounds
    bad = _kinds()
    line = "Zenith Tools Corp. revenue was $5.2 million in the quarter ended June 30, 2025, up 4% on demand.\n"
    row = "| Revenue | " + " | ".join(str(1000 + c) for c in range(9)) + " |\n"
    head = "| (in thousands) | " + " | ".join(f"Q{c % 4 + 1} {2020 + c // 4}" for c in range(9)) + " |\n|" + "---|" * 10
    return [
        bad.Kind("15 MB of short lines", {"big_2025Q2.txt": (line * (15 * 2**20 // len(line))).encode()}, "accepted"),
        bad.Kind("15 MB one-line HTML", {"big_2025Q2.html": ("<html><body>" + ("<p>" + line.strip() + "</p>")
                                                             * (15 * 2**20 // (len(line) + 7))
                                                             + "</body></html>").encode()}, "accepted"),
        bad.Kind("lines of 99,000 characters", {"wide_2025Q2.txt": ((line.strip() + " ") * 950 + "\n").encode()
                                                * 100}, "accepted"),
        bad.Kind("PDF inflating to 60 MB", {"inflate_2025Q2.pdf": bad.pdf([line.strip()] * 6, compress=True,
                                                                         pad=10 * 2**20)}, "accepted"),
        bad.Kind("table of 45,000 cells", {"cells_2025Q2.md": (head + "\n" + row * 4_500).encode()}, "accepted"),
        bad.Kind("17 MB text (over)", {"over_2025Q2.txt": (line * (17 * 2**20 // len(line))).encode()}, "refused"),
    ]


def outcome(name: str) -> str:
    from index.pipeline import Index
    from tests.conftest import FakeEmbedding

    bad = _kinds()
    kinds = {k.name: k for k in [*bad.KINDS, *at_bounds()]}
    k = kinds[name]
    embedder = FakeEmbedding()
    if "--real-model" in sys.argv:
        from index.chunks import SentenceTransformerEmbedding

        embedder = SentenceTransformerEmbedding()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        paths = k.write(folder)
        restore = bad.environment(k)
        try:
            with Index(Path(tmp) / "home", embedder=embedder) as index:
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
    if len(sys.argv) > 2 and sys.argv[1] == "--one":  # the child process of --memory
        print(json.dumps({"outcome": outcome(sys.argv[2]),
                          "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
        return
    print("| kind | outcome |" + (" peak MB | seconds |" if memory else ""))
    print("|---|---|" + ("---|---|" if memory else ""))
    kinds = at_bounds() if "--at-bounds" in sys.argv else _kinds().KINDS
    extra = ["--real-model"] if "--real-model" in sys.argv else []
    for k in kinds:
        if memory:
            started = time.monotonic()
            got = subprocess.run([sys.executable, __file__, "--one", k.name, *extra], capture_output=True,
                                 text=True, env=os.environ)
            row = json.loads(got.stdout.strip().splitlines()[-1]) if got.returncode == 0 else {
                "outcome": f"crash: exit {got.returncode}", "peak_mb": 0}
            print(f"| {k.name} | {_cell(row['outcome'])} | {row['peak_mb']:,.0f} | "
                  f"{time.monotonic() - started:,.0f} |", flush=True)
        else:
            print(f"| {k.name} | {_cell(outcome(k.name))} |")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")[:220]


if __name__ == "__main__":
    main()
