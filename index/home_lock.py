"""One writer per embedded data home: a file lock (filelock) held while a process ingests or repairs, so that a
second process that would write at the same time is told so instead of interleaving its writes with the first's
(Chroma's embedded client and the fact store each take one writer; readers go on: a document becomes visible only
at its commit, see index.pipeline)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from index.errors import StoreError

LOCK_NAME = ".writer.lock"
WAIT_SECONDS = 2.0  # how long a second writer waits before it is told


class HomeBusyError(StoreError):
    """Another process is writing to the data home."""


@contextmanager
def writing(home: Path, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the data home's writer lock for the block; HomeBusyError when another process holds it. Re-entrant
    within the process (one lock object per home): writers of one process are ordered by that process (the web
    chat ingests on one writer thread)."""
    home.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(home / LOCK_NAME), thread_local=False, is_singleton=True)
    try:
        lock.acquire(timeout=wait)
    except Timeout:
        raise HomeBusyError(
            f"another earnings-qa process is writing to the data home {home} (an ingest, or a web chat taking "
            "uploads): wait for it to finish. Questions are answered meanwhile") from None
    try:
        yield
    finally:
        lock.release()
