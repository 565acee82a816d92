"""A child process for the kill -9 test: ingests files into a home (fake embedder) and, when asked, kills itself
with SIGKILL at a chosen point of the ingest of the n-th file. Points:

    after_add      the new chunks are in Chroma, the SQLite transaction has not begun
    before_commit  the facts are written inside the open SQLite transaction
    after_commit   the transaction committed, the old version's chunks not yet deleted
    none           no kill (the parent may kill it at a random time)

    python -m tests.kill_ingest HOME POINT N FILE...
"""

from __future__ import annotations

import os
import signal
import sys
from contextlib import contextmanager
from pathlib import Path


def main() -> None:
    home, point, nth, *files = sys.argv[1:]
    from index.chunks import VectorStore
    from index.facts import FactStore
    from index.pipeline import Index
    from tests.conftest import FakeEmbedding

    count = {"n": 0}

    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    def armed() -> bool:
        return count["n"] == int(nth)

    add, replace_document, transaction = VectorStore.add, FactStore.replace_document, FactStore.transaction

    def add_then(self, *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        count["n"] += 1
        add(self, *a, **k)
        if point == "after_add" and armed():
            die()

    def write_then(self, *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        replace_document(self, *a, **k)
        if point == "before_commit" and armed():
            die()

    @contextmanager
    def commit_then(self):  # noqa: ANN001, ANN202
        with transaction(self) as conn:
            yield conn
        if point == "after_commit" and armed():
            die()

    VectorStore.add, FactStore.replace_document, FactStore.transaction = add_then, write_then, commit_then
    print("ready", flush=True)
    with Index(Path(home), embedder=FakeEmbedding()) as index:
        for r in index.ingest([Path(f) for f in files]):
            print(r.document, r.status.value, r.error or "", flush=True)


if __name__ == "__main__":
    main()
