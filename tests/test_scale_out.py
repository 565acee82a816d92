"""The scale-out: facts in a real PostgreSQL server (EARNINGS_QA_DATABASE_URL) and chunks in a real Chroma server
(EARNINGS_QA_CHROMA_URL), both started by the tests (tests.servers). The same ingest gives the same store as the
embedded default; hosts sharing them see each other's commits and write one at a time; hosts that share only the
Chroma server never touch each other's chunks; two hosts on loopback give the same answers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from assistant.respond import Assistant
from assistant.source_view import open_source
from index.errors import ConfigError
from index.facts import FactStore
from index.home_lock import HomeBusyError
from index.pipeline import Index, Status
from tests.conftest import ROOT, FakeEmbedding, SharedStores, corpus_file

RELEASES = ["kingsoft-cloud_2025Q2", "microsoft_FY2024Q4", "alphabet_2025Q2"]
QUESTIONS = [
    "What was Kingsoft Cloud's revenue in Q2 2025?",
    "What was Microsoft's operating margin in Q4 FY2024?",
    "Google Cloud revenue growth year over year in Q2 2025?",
    "What was Alphabet's net income in Q3 2031?",  # not there: the same refusal, naming the same periods
]


def _ingest(home: Path) -> list:
    with Index(home, embedder=FakeEmbedding()) as index:
        return index.ingest([corpus_file(r) for r in RELEASES])


def _contents(home: Path) -> dict:
    """Everything a reader gets from a home's stores: documents, facts, row labels and their vectors, chunk texts,
    and the answers to QUESTIONS."""
    with Index(home, embedder=FakeEmbedding()) as index:
        docs = index.facts.documents()
        names = [d.document for d in docs]
        chunks = {}
        for name in names:
            got = index.vectors.collection.get(where={"document": name}, include=["documents"])
            chunks[name] = sorted(got["documents"])
        bot = Assistant(index)
        return {
            "documents": docs,
            "facts": index.facts.facts(),
            "counts": index.facts.fact_counts(),
            "row_labels": index.facts.row_labels(names),
            "label_vectors": index.facts.label_vectors(names),
            "chunks": chunks,
            "answers": [bot.answer(q).to_json() for q in QUESTIONS],
        }


def test_postgres_and_a_chroma_server_hold_what_the_embedded_stores_hold(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch,
                                                                        shared_stores: SharedStores) -> None:
    served = _ingest(tmp_path / "served")
    for name in shared_stores.env():
        monkeypatch.delenv(name)
    embedded = _ingest(tmp_path / "embedded")
    assert [r.status for r in served] == [Status.INGESTED] * 3
    assert [(r.document, r.facts, r.chunks) for r in served] == [(r.document, r.facts, r.chunks) for r in embedded]
    want = _contents(tmp_path / "embedded")
    for name, value in shared_stores.env().items():
        monkeypatch.setenv(name, value)
    got = _contents(tmp_path / "served")
    assert got == want
    assert sum(got["counts"].values()) > 1000 and all(got["chunks"].values())
    assert [a["status"] for a in got["answers"]] == ["answered", "answered", "answered", "not_found"]
    with Index(tmp_path / "served", embedder=FakeEmbedding()) as index:
        assert index.check(repair=False).consistent
        assert not (tmp_path / "served" / "facts.sqlite").exists()  # the facts went to the server
        assert not (tmp_path / "served" / "chroma").exists()


def test_a_host_sees_the_documents_another_host_commits(tmp_path: Path, shared_stores: SharedStores) -> None:
    """Regression guard for the documents cache: it is kept until the database changes, and a commit on another
    host's connection must change what this host reads (SQLite's data_version does not reach another host)."""
    reader = FactStore(shared_stores.database_url)
    try:
        assert reader.documents() == []
        with Index(tmp_path / "host-b", embedder=FakeEmbedding()) as index:
            index.ingest([corpus_file("kingsoft-cloud_2025Q2")])
        assert [d.document for d in reader.documents()] == ["kingsoft-cloud_2025Q2"]
        # what a source view shows is in the shared database too: another host opens a figure at its cell
        ga = next(f for f in reader.facts(document="kingsoft-cloud_2025Q2") if f.quote == "(339,563)")
        view = open_source(reader, ga.document, ga.locator, ga.quote, ga.label)
        assert view.cell is not None and view.table.rows[view.cell.row].values[view.cell.value] == "(339,563)"
        with Index(tmp_path / "host-b", embedder=FakeEmbedding()) as index:
            index.ingest([corpus_file("microsoft_FY2024Q4")])
        assert len(reader.documents()) == 2
    finally:
        reader.close()


def test_writers_on_two_hosts_take_turns_through_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             shared_stores: SharedStores) -> None:
    # a password in the URL is never shown (trust authentication lets any through)
    url = shared_stores.database_url.replace("eqa@", "eqa:hunter2@")
    monkeypatch.setenv("EARNINGS_QA_DATABASE_URL", url)
    holding, release = threading.Event(), threading.Event()

    def other_host() -> None:
        store = FactStore(url)
        with store.writer():
            holding.set()
            release.wait(30)
        store.close()

    thread = threading.Thread(target=other_host)
    thread.start()
    try:
        assert holding.wait(30)
        with Index(tmp_path / "host-a", embedder=FakeEmbedding()) as index:
            with pytest.raises(HomeBusyError) as told:
                index.ingest([corpus_file("kingsoft-cloud_2025Q2")])
            assert "another earnings-qa process is writing to the database" in told.value.user_message()
            assert "hunter2" not in told.value.user_message() and "***" in told.value.user_message()
            assert index.facts.documents() == []
    finally:
        release.set()
        thread.join()
    with Index(tmp_path / "host-a", embedder=FakeEmbedding()) as index:  # its turn now
        [result] = index.ingest([corpus_file("kingsoft-cloud_2025Q2")])
    assert result.status == Status.INGESTED


def test_hosts_with_fact_stores_of_their_own_never_touch_each_others_chunks(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch,
                                                                           shared_stores: SharedStores) -> None:
    """Regression: two hosts with their own facts.sqlite sharing one Chroma server quoted each other's text, and
    each one's ingest and `check` deleted the other's chunks of the same document as leftovers."""
    monkeypatch.delenv("EARNINGS_QA_DATABASE_URL")
    src = corpus_file("kingsoft-cloud_2025Q2")
    copies = {}
    for host in ("a", "b"):
        folder = tmp_path / f"releases-{host}"
        folder.mkdir()
        copies[host] = folder / src.name
        copies[host].write_text(src.read_text(encoding="utf-8") + f"\n\nOnly host {host} holds this sentence.\n",
                                encoding="utf-8")
        with Index(tmp_path / f"host-{host}", embedder=FakeEmbedding()) as index:
            [result] = index.ingest([copies[host]])
            assert result.status == Status.INGESTED
    for host in ("a", "b"):
        with Index(tmp_path / f"host-{host}", embedder=FakeEmbedding()) as index:
            report = index.check(repair=True)
            assert report.stale_chunks == 0 and report.consistent, report
            texts = " ".join(index.vectors.collection.get(include=["documents"])["documents"])
            other = "b" if host == "a" else "a"
            assert f"Only host {host} holds" in texts and f"Only host {other} holds" not in texts


def test_the_database_url_must_name_postgresql() -> None:
    with pytest.raises(ConfigError) as told:
        FactStore("mysql://me:secret@db.example/facts")
    assert "postgresql://" in told.value.user_message() and "secret" not in told.value.user_message()


def _host(name: str, root: Path, stores: SharedStores) -> dict[str, object]:
    """A host of its own: a working directory and data home of its own, the shared servers' URLs."""
    cwd = root / name
    cwd.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("EARNINGS_QA_")}
    env.update(stores.env(), EARNINGS_QA_HOME=str(cwd / "home"), PYTHONPATH=str(ROOT))
    return {"cwd": cwd, "env": env}


def _cli(host: dict[str, object], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-c", "from ui.cli import main; main()", *args], input=stdin,
                          capture_output=True, text=True, timeout=600, **host)  # type: ignore[arg-type]
    assert done.returncode == 0, done.stderr
    return done


@pytest.mark.integration
def test_two_hosts_sharing_the_servers_give_the_same_answers(tmp_path: Path, shared_stores: SharedStores) -> None:
    """Two processes on loopback, each with its own working directory and data home, sharing the PostgreSQL
    database and the Chroma server: one ingests (the real model), both answer, the same."""
    a, b = _host("host-a", tmp_path, shared_stores), _host("host-b", tmp_path, shared_stores)
    ingested = _cli(a, "ingest", *(str(corpus_file(r)) for r in RELEASES))
    assert "3 ingested" in ingested.stdout or ingested.stdout.count("ingested") >= 3, ingested.stdout
    asked = "\n".join([*QUESTIONS, "What drove G&A growth at Kingsoft Cloud in Q2 2025?"]) + "\n"
    answers = {}
    for name, host in (("a", a), ("b", b)):
        lines = _cli(host, "ask", "-", "--json", stdin=asked).stdout.splitlines()
        answers[name] = [json.loads(line) for line in lines]
    assert answers["a"] == answers["b"]
    statuses = [x["status"] for x in answers["a"]]
    assert statuses == ["answered", "answered", "answered", "not_found", "answered"], statuses
    why = answers["b"][-1]
    assert why["citations"] and all(c["document"] == "kingsoft-cloud_2025Q2" for c in why["citations"])
    assert "339.6" in why["answer"]
    # host B lists what host A ingested, and its re-ingest of the same files changes nothing
    listed = _cli(b, "documents").stdout
    assert all(r in listed for r in RELEASES)
    again = _cli(b, "ingest", *(str(corpus_file(r)) for r in RELEASES)).stdout
    assert "unchanged" in again
    for host in (a, b):
        assert not (Path(str(host["cwd"])) / "home" / "facts.sqlite").exists()
