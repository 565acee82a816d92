"""One writer per embedded data home, and a batch that survives any one file's failure."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from index import pipeline
from index.home_lock import LOCK_NAME, HomeBusyError, writing
from index.pipeline import Index, Status
from tests.conftest import FakeEmbedding, corpus_file

HOLD = """
import sys, time
from filelock import FileLock
lock = FileLock(sys.argv[1], thread_local=False)
lock.acquire()
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""


def _held_elsewhere(home: Path, seconds: float = 30) -> subprocess.Popen:
    home.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(home / LOCK_NAME), str(seconds)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_a_second_process_that_would_write_is_told_to_wait(tmp_path: Path) -> None:
    """Regression: nothing stopped a second process writing to an embedded home; the running chat's "why" answers
    then failed (chromadb InternalError)."""
    home = tmp_path / "home"
    proc = _held_elsewhere(home)
    try:
        started = time.monotonic()
        result = subprocess.run([sys.executable, "-c", "from ui.cli import main; main()", "--home", str(home),
                                 "ingest", str(corpus_file("kingsoft-cloud_2025Q2"))],
                                capture_output=True, text=True, timeout=120)
        assert time.monotonic() - started < 60
        assert result.returncode != 0
        said = " ".join((result.stdout + result.stderr).split())
        assert "another earnings-qa process is writing to the data home" in said, said
        assert "wait for it to finish" in said and "Traceback" not in said
        with Index(home, embedder=FakeEmbedding()) as index:
            assert index.facts.documents() == []  # nothing was written
    finally:
        proc.kill()
        proc.wait()
    # the other process gone, its lock goes with it
    with Index(home, embedder=FakeEmbedding()) as index:
        [result] = index.ingest([corpus_file("kingsoft-cloud_2025Q2")])
    assert result.status == Status.INGESTED


def test_the_writer_lock_is_reentrant_within_a_process(tmp_path: Path) -> None:
    with writing(tmp_path), writing(tmp_path):
        pass
    proc = _held_elsewhere(tmp_path, 30)
    try:
        with pytest.raises(HomeBusyError), writing(tmp_path, wait=0.2):
            pass
    finally:
        proc.kill()
        proc.wait()


def test_any_error_reading_one_file_fails_that_file_and_the_batch_goes_on(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: an error of a kind the loaders did not expect (a malformed <stem>.meta.json's JSONDecodeError
    once) aborted the whole batch."""
    real = pipeline.extract

    def extract(path: Path) -> pipeline.Extraction:
        if path.stem == "alphabet_2025Q2":
            raise ValueError("a parser bug")
        return real(path)

    monkeypatch.setattr(pipeline, "extract", extract)
    with Index(tmp_path / "home", embedder=FakeEmbedding()) as index:
        results = index.ingest([corpus_file("alphabet_2025Q2"), corpus_file("kingsoft-cloud_2025Q2")])
    by_doc = {r.document: r for r in results}
    assert by_doc["alphabet_2025Q2"].status == Status.FAILED
    assert by_doc["alphabet_2025Q2"].error == ("alphabet_2025Q2.md: could not be read (ValueError; the details are "
                                               "logged). The rest of the batch goes on")
    assert by_doc["kingsoft-cloud_2025Q2"].status == Status.INGESTED


def test_ingest_force_reads_an_unchanged_file_again(tmp_path: Path) -> None:
    with Index(tmp_path / "home", embedder=FakeEmbedding()) as index:
        path = corpus_file("kingsoft-cloud_2025Q2")
        assert index.ingest([path])[0].status == Status.INGESTED
        assert index.ingest([path])[0].status == Status.UNCHANGED
        again = index.ingest([path], force=True)[0]
        assert again.status == Status.REPLACED and again.facts > 0
        assert index.ingest([path])[0].status == Status.UNCHANGED


INGEST_ELSEWHERE = """
import sys
from pathlib import Path
from index.pipeline import Index
from tests.conftest import FakeEmbedding

if __name__ == "__main__":
    with Index(Path(sys.argv[1]), embedder=FakeEmbedding()) as index:
        print(index.ingest([Path(sys.argv[2])])[0].status.value, flush=True)
"""


def test_a_reader_sees_what_another_process_ingested_after_it_opened_the_store(tmp_path: Path) -> None:
    """Regression: after another process ingested into the home, every "why" answer about the new release in a
    running chat failed (chromadb InternalError: Error finding id): an embedded Chroma client reads what was on disk
    when it opened. The reader now reopens it, once, when a document committed since is asked about."""
    from assistant.respond import Assistant
    from tests.conftest import ROOT

    home = tmp_path / "home"
    with Index(home, embedder=FakeEmbedding()) as index:
        assert index.ingest([corpus_file("kingsoft-cloud_2025Q2")])[0].status == Status.INGESTED
        assistant = Assistant(index)
        before = assistant.answer("What drove G&A growth at Kingsoft Cloud in Q2 2025?")
        assert before.citations and index.vectors.epoch == 0
        done = subprocess.run([sys.executable, "-c", INGEST_ELSEWHERE, str(home), str(corpus_file("alphabet_2025Q2"))],
                              cwd=ROOT, capture_output=True, text=True, timeout=300,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert done.stdout.strip() == "ingested", done.stderr[-2000:]
        asked = ["What drove Google Cloud revenue growth in Q2 2025?",
                 "What drove G&A growth at Kingsoft Cloud in Q2 2025?"] * 4
        with ThreadPoolExecutor(8) as pool:  # several at once: one reopens, the others wait for it or go first
            answers = list(pool.map(assistant.answer, asked))
        after = answers[0]
        assert after.status.value == "answered" and after.citations, after.to_json()
        assert all(a.to_json() == answers[i % 2].to_json() for i, a in enumerate(answers))
        assert {c.document for c in after.citations} == {"alphabet_2025Q2"}
        assert index.vectors.epoch == 1  # reopened once
        again = assistant.answer("What drove G&A growth at Kingsoft Cloud in Q2 2025?")
        assert again.to_json() == before.to_json() and index.vectors.epoch == 1  # and not again
