"""Releases read ahead in worker processes while the ingest embeds (index.ahead): the same facts and chunks as read
in-process, each file's error its own, the time bound and the settings applied in the worker, a dead worker's
release read in-process."""

from __future__ import annotations

import os
import pickle
import signal
from pathlib import Path

import pytest

from index import ahead
from index.errors import DuplicateDocumentError, IngestError, TooLargeError
from index.pipeline import Index, Status, extract
from tests.conftest import FakeEmbedding, corpus_file

RELEASES = ["kingsoft-cloud_2025Q2", "buckle_FY2024Q3", "ulta-beauty_FY2022Q4", "alphabet_2025Q2"]


def _ingest(home: Path, paths: list[Path]) -> tuple[list, dict[str, list[dict]]]:
    with Index(home, embedder=FakeEmbedding()) as index:
        results = index.ingest(paths)
        facts = {d.document: [f.to_json() for f in index.facts.facts(document=d.document)]
                 for d in index.facts.documents()}
        chunks = sorted(index.vectors.collection.get()["ids"])
    return [(r.document, r.status, r.facts, r.chunks, r.error) for r in results], {**facts, "chunks": chunks}


def test_releases_read_ahead_in_a_worker_give_what_reading_in_process_gives(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [corpus_file(r) for r in RELEASES]
    here = _ingest(tmp_path / "here", paths)
    monkeypatch.setenv("EARNINGS_QA_INGEST_WORKERS", "1")
    submitted: list[str] = []
    submit = ahead.ProcessPoolExecutor.submit
    monkeypatch.setattr(ahead.ProcessPoolExecutor, "submit",
                        lambda pool, fn, path, *a: submitted.append(path.name) or submit(pool, fn, path, *a))
    there = _ingest(tmp_path / "there", paths)
    assert there == here and all(status == Status.INGESTED for _, status, *_ in there[0])
    assert sorted(submitted) == sorted(p.name for p in paths)  # every release was read by a worker


def test_a_broken_release_read_in_a_worker_fails_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EARNINGS_QA_INGEST_WORKERS", "1")
    broken = tmp_path / "broken_2025Q2.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj <<")
    results, _ = _ingest(tmp_path / "home", [corpus_file("kingsoft-cloud_2025Q2"), broken,
                                             corpus_file("buckle_FY2024Q3")])
    assert [(doc, status) for doc, status, *_ in results] == [
        ("kingsoft-cloud_2025Q2", Status.INGESTED), ("broken_2025Q2", Status.FAILED),
        ("buckle_FY2024Q3", Status.INGESTED)]
    assert results[1][4].startswith("broken_2025Q2.pdf: the PDF cannot be read")


def test_the_time_bound_and_the_settings_reach_the_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EARNINGS_QA_INGEST_WORKERS", "1")
    monkeypatch.setenv("EARNINGS_QA_MAX_PDF_PAGES", "1")  # set after the worker may have started
    results, _ = _ingest(tmp_path / "home", [corpus_file("ulta-beauty_FY2022Q4"), corpus_file("buckle_FY2024Q3")])
    assert results[0][1] == Status.FAILED and "EARNINGS_QA_MAX_PDF_PAGES" in results[0][4]
    assert results[1][1] == Status.INGESTED


def test_errors_cross_processes_whole() -> None:
    for error in (IngestError("x_2025Q2.md", "a detail"), TooLargeError("big.pdf", "too big", "1 MB", "ENV"),
                  DuplicateDocumentError("a/x.md", "x", "b/x.md")):
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is type(error) and again.user_message() == error.user_message()
        assert again.path == error.path


def test_a_release_whose_worker_died_is_read_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EARNINGS_QA_INGEST_WORKERS", "1")
    paths = [corpus_file("johnson-johnson_2023Q2"), corpus_file("kingsoft-cloud_2025Q2")]
    reading = ahead.ReadAhead(paths, extract)
    try:
        pool = ahead._executor()
        for pid in list(pool._processes or {}):
            os.kill(pid, signal.SIGKILL)  # killed while it reads a 5-second PDF
        got = reading.take(paths[0])
        assert got.document == "johnson-johnson_2023Q2" and got.facts
        assert reading.take(paths[1]).document == "kingsoft-cloud_2025Q2"
    finally:
        reading.close()
