"""The embedding model, loaded (offline, never from a hub) in this process or in a process of its own.

A server (the web chat, the Slack bot) keeps it in a process of its own: loading the model (importing torch,
transformers and sentence-transformers, then the weights) is seconds of pure Python work, and Python runs one thread
at a time per process, so done in the server it stalls every numeric answer being computed meanwhile. In a child
process the server never imports torch, the load runs on the other core, and the server only waits (asleep) for a
few hundred numbers per question. Built on the standard library's ProcessPoolExecutor (one worker, spawned: forking
a threaded server is unsafe), not a home-made server. As with any spawned process, a script that starts a server
must guard its entry point (`if __name__ == "__main__":`); the `earnings-qa` command does.
"""

from __future__ import annotations

import logging
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from index.errors import ConfigError

log = logging.getLogger(__name__)
LOADING = "loading the embedding model (once per process: a few seconds)..."


def load_model(model_path: str, threads: int | None = None) -> Any:
    """The sentence-transformers model at `model_path`, offline; `threads` sets torch's (None: torch's default).
    Says so first (logger index.model; the CLI prints it), as it takes seconds."""
    log.info(LOADING)

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    if threads is not None:
        import torch

        torch.set_num_threads(threads)
    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    try:
        return SentenceTransformer(model_path, device="cpu")
    except (OSError, ValueError) as e:
        # the message only: the child's exception must reach the parent as a ConfigError it can unpickle
        raise ConfigError(f"cannot load the embedding model {model_path!r}: {e}") from None


CHILD_NICENESS = 10
# the child's model, loaded by its first call (a module global of the child process only)
_MODEL: Any = None


def _load(model_path: str, threads: int) -> Any:
    global _MODEL
    if _MODEL is None:
        _MODEL = load_model(model_path, threads)
    return _MODEL


def encode(model: Any, texts: list[str], batch_size: int) -> list[list[float]]:
    """The texts' normalised embeddings, in their order, encoded `batch_size` at a time in order of their token
    counts. The model pads a batch to its longest text; sentence-transformers' own `encode` orders texts by their
    characters, and figures and tickers take more tokens per character than words do, so its batches of the bundled
    corpus's texts held 32% padding against 4% in token order (the encode took 1.2x as long). The texts are counted
    by the model's own tokenizer, in one call."""
    if len(texts) <= batch_size:
        order = list(range(len(texts)))
    else:
        counted = model.tokenizer(texts, truncation=True, max_length=model.max_seq_length)["input_ids"]
        order = sorted(range(len(texts)), key=lambda i: len(counted[i]))
    out: list[list[float]] = [[] for _ in texts]
    for start in range(0, len(order), batch_size):
        batch = order[start:start + batch_size]
        vecs = model.encode([texts[i] for i in batch], batch_size=batch_size, normalize_embeddings=True,
                            show_progress_bar=False, convert_to_numpy=True)
        for i, v in zip(batch, vecs, strict=True):
            out[i] = v.tolist()
    return out


def _encode(model_path: str, threads: int, texts: list[str], batch_size: int) -> list[list[float]]:
    """In the child: the texts' normalised embeddings."""
    return encode(_load(model_path, threads), texts, batch_size)


class ModelProcess:
    """One child process holding the embedding model. Safe to call from any thread (calls queue in the child);
    a child that died (killed, out of memory) is replaced on the next call."""

    def __init__(self, model_path: str, threads: int = 1) -> None:
        self.model_path = model_path
        self.threads = threads  # the child's torch threads: one leaves the server's core to the server
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._closed = False

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._closed:  # never a new child after close: a warm-up still waiting must not start one at exit
                raise ConfigError("the embedding model's process was stopped (the server is shutting down)")
            if self._pool is None:
                import multiprocessing

                # below the server's priority from its first step: when both want the CPU, the server's answers
                # go first and the model (its seconds of loading, a "why" question's embedding) takes what is left
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=os.nice, initargs=(CHILD_NICENESS,))
            return self._pool

    def _call(self, fn: Any, *args: Any) -> Any:
        for attempt in (1, 2):
            pool = self._executor()
            try:
                future: Future[Any] = pool.submit(fn, self.model_path, self.threads, *args)
                return future.result()
            except BrokenProcessPool as e:
                with self._lock:
                    if self._pool is pool:
                        self._pool = None
                pool.shutdown(wait=False, cancel_futures=True)
                if attempt == 2:
                    raise ConfigError(f"the embedding model's process stopped: {e}") from e
        raise AssertionError("unreachable")

    def encode(self, texts: list[str], batch_size: int) -> list[list[float]]:
        return self._call(_encode, texts, batch_size)

    def close(self) -> None:
        """Stop the child now, even mid-load (Ctrl+C on a server still warming up must not wait for torch)."""
        with self._lock:
            pool, self._pool = self._pool, None
            self._closed = True
        if pool is not None:
            processes = list((pool._processes or {}).values())  # the stdlib has no public terminate before 3.14
            pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()
            for process in processes:
                process.join(10)
