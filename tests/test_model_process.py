"""The embedding model in a process of its own (index.model.ModelProcess), as servers run it."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from index.chunks import SentenceTransformerEmbedding
from index.errors import ConfigError
from index.model import ModelProcess

TEXTS = ["General and administrative expenses increased mainly due to share-based compensation.", "Revenue"]


def _child_pids(process: ModelProcess) -> list[int]:
    pool = process._pool
    return list(pool._processes) if pool is not None and pool._processes else []


@pytest.mark.integration
def test_the_model_in_its_own_process_embeds_as_in_this_one_and_comes_back_after_a_crash(
        real_embedder: SentenceTransformerEmbedding) -> None:
    process = ModelProcess(real_embedder.model_path)
    try:
        here = real_embedder.get_text_embedding_batch(TEXTS)
        there = process.encode(TEXTS, 32)
        assert len(there) == 2 and all(abs(a - b) < 1e-5 for u, v in zip(here, there, strict=True)
                                       for a, b in zip(u, v, strict=True))
        [pid] = _child_pids(process)
        os.kill(pid, signal.SIGKILL)  # out of memory, killed by an operator...
        again = process.encode(TEXTS[:1], 32)  # a new process, the same vector
        assert all(abs(a - b) < 1e-5 for a, b in zip(again[0], here[0], strict=True))
        [new_pid] = _child_pids(process)
        assert new_pid != pid
    finally:
        process.close()
    assert _child_pids(process) == []


@pytest.mark.integration
def test_a_model_that_cannot_load_in_its_process_is_a_config_error_naming_it(tmp_path: Path) -> None:
    embedding = SentenceTransformerEmbedding(str(tmp_path / "no-model"), in_child=True)
    try:
        with pytest.raises(ConfigError, match="cannot load the embedding model .*no-model"):
            embedding.get_text_embedding("revenue")
    finally:
        embedding.close()


@pytest.mark.integration
def test_loading_the_model_says_so_first(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from index.model import LOADING, load_model

    caplog.set_level("INFO", logger="index.model")
    with pytest.raises(ConfigError):
        load_model(str(tmp_path / "no-model"))
    assert LOADING in caplog.text


def test_the_cli_prints_one_line_when_it_must_load_the_model(tmp_path: Path) -> None:
    import logging

    from click.testing import CliRunner

    from index.model import LOADING
    from ui.cli import cli

    assert CliRunner().invoke(cli, ["--home", str(tmp_path), "documents"]).exit_code == 0
    [handler] = [h for h in logging.getLogger("index.model").handlers if getattr(h, "earnings_qa", False)]
    record = logging.LogRecord("index.model", logging.INFO, __file__, 1, LOADING, None, None)
    assert handler.format(record) == "earnings-qa: loading the embedding model (once per process: a few seconds)..."
    assert CliRunner().invoke(cli, ["--home", str(tmp_path), "documents"]).exit_code == 0
    assert len([h for h in logging.getLogger("index.model").handlers if getattr(h, "earnings_qa", False)]) == 1


@pytest.mark.integration
def test_closing_the_model_process_mid_load_stops_it_at_once_and_for_good(
        real_embedder: SentenceTransformerEmbedding) -> None:
    """Regression: Ctrl+C on a server still warming up waited for torch to load, and the warm-up, seeing its child
    gone, started another one that the interpreter's exit then waited for."""
    import threading
    import time

    process = ModelProcess(real_embedder.model_path)
    errors: list[BaseException] = []

    def warm() -> None:
        try:
            process.encode(TEXTS[:1], 32)
        except BaseException as e:  # noqa: BLE001 - recorded for the assertion
            errors.append(e)

    warming = threading.Thread(target=warm)
    warming.start()
    time.sleep(0.5)  # the child is importing torch
    started = time.monotonic()
    process.close()
    warming.join(20)
    assert time.monotonic() - started < 15 and not warming.is_alive()
    assert len(errors) == 1 and isinstance(errors[0], ConfigError)
    assert _child_pids(process) == []
    with pytest.raises(ConfigError, match="stopped"):
        process.encode(TEXTS[:1], 32)
