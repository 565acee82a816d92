"""Answering from many threads at once: one data home, one Assistant, the answers each thread would get alone."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from assistant.explain import Explainer
from assistant.respond import Assistant
from index.facts import FactStore
from index.pipeline import Index
from tests.conftest import FakeEmbedding, ingested_home

QUESTIONS = [
    "What was Kingsoft Cloud's G&A in Q2 2025?",
    "Kingsoft Cloud revenue for the last four quarters",
    "What was Kingsoft Cloud's gross margin in Q2 2025?",
    "What drove G&A growth at Kingsoft Cloud in Q2 2025?",
    "Google Cloud revenue for the last six quarters?",
    "What was Alphabet's operating margin in Q2 2025?",
    "Alphabet vs Kingsoft Cloud operating margin, Q2 2025",
    "What was Kingsoft Cloud's revenue in Q2 2023?",
]


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingested_home(tmp_path_factory, "concurrency", ["kingsoft-cloud_2025Q2", "alphabet_2025Q2"])


def test_answers_from_many_threads_at_once_are_the_answers_each_gets_alone(shared: Path) -> None:
    """Regression: the web chat and the Slack bot answered on one worker thread, because the fact store's SQLite
    connection belonged to the thread that opened it; 20 users waited in one line."""
    with Index(shared, embedder=FakeEmbedding()) as index:
        alone = Assistant(index)
        expected = {q: alone.answer(q).to_json() for q in QUESTIONS}
        together = Assistant(index)  # fresh: its caches are filled by the threads racing
        start = threading.Barrier(8)

        def ask(q: str) -> dict:
            start.wait(timeout=30)
            return together.answer(q).to_json()

        with ThreadPoolExecutor(8) as pool:
            got = dict(zip(QUESTIONS, pool.map(ask, QUESTIONS), strict=True))
            again = dict(zip(QUESTIONS * 3, pool.map(together.answer, QUESTIONS * 3), strict=True))
    assert got == expected
    assert {q: a.to_json() for q, a in again.items()} == expected


def test_each_thread_reads_through_its_own_connection_and_close_closes_all(tmp_path: Path) -> None:
    store = FactStore(tmp_path / "facts.sqlite")
    seen = []

    def read() -> None:
        seen.append(id(store.conn))
        assert store.documents() == []

    threads = [threading.Thread(target=read) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(seen)) == 4 and id(store.conn) not in seen
    store.close()
    assert store.documents() == []  # a thread using a closed store opens a new connection


def test_the_retrieval_index_is_built_once_per_document_version_not_per_question(shared: Path,
                                                                                 tmp_path: Path) -> None:
    """Regression: BM25 was rebuilt from every chunk on each "why" question (298 rebuilds in 300)."""
    with Index(shared, embedder=FakeEmbedding()) as index:
        explainer = Explainer(index)
        first, _ = explainer.retriever(["kingsoft-cloud_2025Q2"])
        with ThreadPoolExecutor(4) as pool:
            same = list(pool.map(lambda _: explainer.retriever(["kingsoft-cloud_2025Q2"])[0], range(8)))
        assert all(r is first for r in same)
        assert explainer.retriever(["alphabet_2025Q2"])[0] is not first


def test_a_warm_up_runs_in_the_background_and_says_when_it_is_done_or_why_not() -> None:
    from ui.warmup import warm_in_background

    said: list[str] = []
    warm_in_background(lambda: None, said.append).join(timeout=10)
    assert said == ["loading the embedding model in the background", "the embedding model is loaded"]

    def broken() -> None:
        raise OSError("no weights")

    said.clear()
    warm_in_background(broken, said.append).join(timeout=10)
    assert "no weights" in said[-1] and "will try again" in said[-1]


def test_the_slack_answerer_warms_the_retrieval_half_once(shared: Path) -> None:
    from ui.slack import Answerer

    answerer = Answerer(shared, embedder=FakeEmbedding())
    try:
        answerer.warm()
        explainer = answerer._open().explainer()
        answerer.warm()
        assert answerer._open().explainer() is explainer
        assert answerer.answer("What was Kingsoft Cloud's G&A in Q2 2025?").figures
    finally:
        answerer.close()


FIRST_QUESTIONS_AT_ONCE = """
import json, sys, threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ui.web import Library

if __name__ == "__main__":
    library = Library(Path(sys.argv[1]))  # as a server makes it: the model in a process of its own
    start = threading.Barrier(8)

    def ask(q):
        start.wait(timeout=60)
        a = library.answer(q)
        return [a.status.value, len(a.citations)]

    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(ask, json.loads(sys.argv[2])))
    print(json.dumps({"answers": got, "torch": "torch" in sys.modules}))
    library.close()
"""


@pytest.mark.integration
def test_the_first_questions_of_a_fresh_server_on_many_threads_at_once_all_answer(corpus_home: tuple,
                                                                                     real_embedder: object) -> None:
    """Regression: in a server just started, a "why" question and a numeric one that imported llama-index for the
    first time on two threads at once failed ('cannot import name LLM from partially initialized module'); the
    library now imports what answering needs before serving. And a server's embedding model lives in a process
    of its own: the server answers "why" questions without ever importing torch. A fresh interpreter, as only
    there are the imports first."""
    import json
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    home = corpus_home[0]
    done = subprocess.run([sys.executable, "-c", FIRST_QUESTIONS_AT_ONCE, str(home), json.dumps(QUESTIONS)],
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    got = json.loads(done.stdout.splitlines()[-1])
    with Index(home, embedder=real_embedder) as index:
        assistant = Assistant(index)
        alone = [[a.status.value, len(a.citations)] for a in map(assistant.answer, QUESTIONS)]
    assert got == {"answers": alone, "torch": False}, done.stderr[-3000:]
    assert [s for s, _ in alone].count("answered") == len(QUESTIONS) - 1  # Q2 2023 is in no release
    assert alone[QUESTIONS.index("What drove G&A growth at Kingsoft Cloud in Q2 2025?")][1] > 0
