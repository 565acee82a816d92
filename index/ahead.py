"""Releases read ahead of embedding in worker processes (index.pipeline.extract: parsing is pure Python, so threads
would wait on each other; processes run on the other cores). The ingest asks for a window of releases at once, reads
them while the model loads, then embeds the window's texts in one pass (index.pipeline.Index._embed_ahead): on two
cores, reading beside the model's encode slowed the encode more than it gained. Built on the standard library's
ProcessPoolExecutor, spawned (forking a process that runs torch or a server is unsafe), kept for the process once
started. EARNINGS_QA_INGEST_WORKERS sets how many (0: read in the ingest's own process, as a single file always
is)."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from index import bounds, settings

AHEAD = 2  # releases read ahead of the one being embedded, unless told (each holds its text and tables in memory)
_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def _settings() -> dict[str, str]:
    """The settings a worker must read as the ingest does (a test or a user may have changed them since the worker
    started)."""
    return {k: v for k, v in os.environ.items() if k.startswith("EARNINGS_QA_")}


def _read(path: Path, env: dict[str, str], extract: Callable[[Path], Any]) -> Any:
    """In a worker: the release extracted under its time bound, with the ingest's settings."""
    for key in [k for k in os.environ if k.startswith("EARNINGS_QA_") and k not in env]:
        del os.environ[key]
    os.environ.update(env)
    with bounds.time_limit(path):
        bounds.check_file_size(path, path.stat().st_size)
        return extract(path)


def _executor() -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            import multiprocessing

            _pool = ProcessPoolExecutor(max_workers=max(1, settings.ingest_workers()),
                                        mp_context=multiprocessing.get_context("spawn"))
        return _pool


def _forget(pool: ProcessPoolExecutor) -> None:
    global _pool
    with _pool_lock:
        if _pool is pool:
            _pool = None
    pool.shutdown(wait=False, cancel_futures=True)


class ReadAhead:
    """Extraction of the given releases, `at_once` at a time in worker processes, in their order; `take(path)` is
    the release's Extraction (or raises what reading it raised), read here when no worker could."""

    def __init__(self, paths: Sequence[Path], extract: Callable[[Path], Any], at_once: int = AHEAD) -> None:
        self._extract = extract
        self._at_once = max(1, at_once)
        self._waiting = list(paths)
        self._futures: dict[Path, Future[Any]] = {}
        self._pool = _executor() if len(paths) >= 2 and settings.ingest_workers() >= 1 else None
        self._fill()

    def _fill(self) -> None:
        while self._pool is not None and self._waiting and len(self._futures) < self._at_once:
            path = self._waiting.pop(0)
            try:
                self._futures[path] = self._pool.submit(_read, path, _settings(), self._extract)
            except (BrokenProcessPool, RuntimeError):  # a worker died: the rest is read here
                _forget(self._pool)
                self._pool = None

    def ahead(self, path: Path) -> bool:
        return path in self._futures or path in self._waiting

    def ready(self, path: Path) -> Any | None:
        """The release's Extraction once a worker has read it, kept for `take`; None when no worker reads it or
        reading it failed (`take` then reads it here or raises why)."""
        future = self._futures.get(path)
        if future is None:
            return None
        try:
            return future.result()
        except BrokenProcessPool:
            return None
        except Exception:  # noqa: BLE001 - reported by take(), with the file's name
            return None

    def take(self, path: Path) -> Any:
        future = self._futures.pop(path, None)
        if path in self._waiting:
            self._waiting.remove(path)
        self._fill()
        if future is None:
            return self._extract(path)
        try:
            return future.result()
        except BrokenProcessPool:  # the worker died reading it (out of memory, killed): read it here
            if self._pool is not None:
                _forget(self._pool)
                self._pool = None
            return self._extract(path)

    def forget(self, path: Path) -> None:
        """The release is done with (ingested, unchanged or refused): what was read ahead for it is dropped."""
        future = self._futures.pop(path, None)
        if future is not None:
            future.cancel()
        if path in self._waiting:
            self._waiting.remove(path)
        self._fill()

    def close(self) -> None:
        for future in self._futures.values():
            future.cancel()
        self._futures.clear()
