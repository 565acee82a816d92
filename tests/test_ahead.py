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


def _embedded(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The texts of each call to the (fake) model, but the warm-up the ingest loads the model with."""
    calls: list[list[str]] = []
    embed = FakeEmbedding._embed
    monkeypatch.setattr(FakeEmbedding, "_embed",
                        lambda self, texts: (texts != ["warm up"] and calls.append(list(texts))) or embed(self, texts))
    return calls


@pytest.mark.parametrize(("window", "calls"), [(32, 1), (2, 2), (1, 4)])
def test_a_window_of_releases_read_ahead_is_embedded_in_one_pass(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, window: int, calls: int) -> None:
    paths = [corpus_file(r) for r in RELEASES]
    here = _ingest(tmp_path / "here", paths)
    monkeypatch.setenv("EARNINGS_QA_INGEST_WORKERS", "1")
    monkeypatch.setattr("index.settings.INGEST_WINDOW", window)
    embedded = _embedded(monkeypatch)
    there = _ingest(tmp_path / "there", paths)
    assert there == here  # the same facts and chunks (ids with their generation) as one release at a time
    assert len(embedded) == calls  # a call per window, none per release: each release took its vectors from it
    texts = [t for call in embedded for t in call]
    assert len(texts) == len(set(texts))  # each text once


def test_a_release_that_fails_to_read_leaves_its_window_embedded_and_fails_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EARNINGS_QA_INGEST_WORKERS", "1")
    embedded = _embedded(monkeypatch)
    broken = tmp_path / "broken_2025Q2.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj <<")
    results, _ = _ingest(tmp_path / "home", [corpus_file("kingsoft-cloud_2025Q2"), broken,
                                             corpus_file("buckle_FY2024Q3")])
    assert [status for _, status, *_ in results] == [Status.INGESTED, Status.FAILED, Status.INGESTED]
    assert len(embedded) == 1


def test_ready_waits_for_a_release_and_leaves_it_to_take(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("EARNINGS_QA_INGEST_WORKERS", "1")
    broken = tmp_path / "broken_2025Q2.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj <<")
    good = corpus_file("kingsoft-cloud_2025Q2")
    reading = ahead.ReadAhead([good, broken], extract, at_once=2)
    try:
        assert reading.ready(good).document == "kingsoft-cloud_2025Q2"
        assert reading.ready(broken) is None  # its error is take()'s to raise
        assert reading.take(good).document == "kingsoft-cloud_2025Q2"
        with pytest.raises(IngestError):
            reading.take(broken)
        assert reading.ready(corpus_file("buckle_FY2024Q3")) is None  # not one of its releases
    finally:
        reading.close()


def test_a_window_whose_embedding_fails_leaves_each_release_to_embed_its_own(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EARNINGS_QA_INGEST_WORKERS", "1")
    calls: list[int] = []
    embed = FakeEmbedding._embed

    def failing_once(self: FakeEmbedding, texts: list[str]) -> list[list[float]]:
        if texts != ["warm up"]:
            calls.append(len(texts))
            if len(calls) == 1:
                raise RuntimeError("out of memory")  # the window's one call
        return embed(self, texts)

    monkeypatch.setattr(FakeEmbedding, "_embed", failing_once)
    results, _ = _ingest(tmp_path / "home", [corpus_file(r) for r in RELEASES[:2]])
    assert [status for _, status, *_ in results] == [Status.INGESTED, Status.INGESTED]
    assert len(calls) >= 3  # the window's, then each release's chunks and labels
