"""What the installed code does with every kind of bad input (tests/bad_input.py): a Markdown table.

    .venv/bin/python benchmarks/bad_input.py [--memory] [--at-bounds] [--real-model]

Each kind is ingested alone into a fresh home (fake embedder) holding no other document; the row says the outcome:
`refused: <reason>`, `ingested (facts, chunks)` or `crash: <exception>`. With --memory, each kind runs in a child
process and the row adds its peak resident memory. --at-bounds runs instead files just under (and just over) the
bounds in force, to show that one file's memory stays under 1 GB: a text of short lines and a one-line HTML exhibit
just under the file bound, lines just under the line bound, a PDF whose content inflates to just under its bound, a
table just under the cell bound; with --real-model they are embedded by the bundled model, as a user's ingest
would. To compare with an older commit, put that
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
    from index import settings

    bad = _kinds()
    line = "Zenith Tools Corp. revenue was $5.2 million in the quarter ended June 30, 2025, up 4% on demand.\n"
    row = "| Revenue | " + " | ".join(str(1000 + c) for c in range(9)) + " |\n"
    head = "| (in thousands) | " + " | ".join(f"Q{c % 4 + 1} {2020 + c // 4}" for c in range(9)) + " |\n|" + "---|" * 10
    size = int((settings.MAX_TEXT_MB.value() - 0.1) * 2**20)  # just under the text file bound
    wide = int(settings.MAX_LINE_CHARS.value() * 0.99) // len(line)  # sentences on one line just under its bound
    return [
        bad.Kind("text of short lines just under the file bound", {"big_2025Q2.txt": (line * (size // len(line))
                                                                                     ).encode()}, "accepted"),
        bad.Kind("one-line HTML just under the file bound", {"big_2025Q2.html": (
            "<html><body>" + ("<p>" + line.strip() + "</p>") * (size // (len(line) + 7)) + "</body></html>").encode()},
            "accepted"),
        bad.Kind("lines just under the line bound", {"wide_2025Q2.txt": ((line.strip() + " ") * wide + "\n").encode()
                                                     * int(size // (wide * len(line)))}, "accepted"),
        bad.Kind("PDF inflating to just under its bound", {"inflate_2025Q2.pdf": bad.pdf(
            [line.strip()] * 6, compress=True, pad=int((settings.MAX_PDF_INFLATED_MB.value() - 4) * 2**20 / 6))},
            "accepted"),
        bad.Kind("PDF just under the page bound", {"pages_2025Q2.pdf": bad.pdf(
            [line.strip()] * (int(settings.MAX_PDF_PAGES.value()) - 1))}, "accepted"),
        bad.Kind("table just under the cell bound", {"cells_2025Q2.md": (head + "\n" + row * int(
            settings.MAX_TABLE_CELLS.value() * 0.9 / 11)).encode()}, "accepted"),
        bad.Kind("text over the file bound", {"over_2025Q2.txt": (line * (int((settings.MAX_TEXT_MB.value() + 1)
                                                                             * 2**20) // len(line))).encode()},
                 "refused"),
    ]


def outcome(name: str) -> str:
    from index.pipeline import Index
    from tests.conftest import FakeEmbedding

    bad = _kinds()
    kinds = {k.name: k for k in bad.KINDS}
    k = kinds[name] if name in kinds else {k.name: k for k in at_bounds()}[name]
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
