"""Test fixtures: a temporary data home per test, a tiny fake embedder, the bundled corpus."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

import pytest

from index.chunks import SentenceTransformerEmbedding
from index.pipeline import Index
from tests import servers

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "evals" / "corpus" / "releases"
DATA = Path(__file__).resolve().parent / "data"


class FakeEmbedding(SentenceTransformerEmbedding):
    """Deterministic 16-dimensional vectors from a hash of the words: no model weights are loaded.
    Token counting is the real one (the model's tokenizer file: fast, no weights)."""

    def _embed(self, texts: list[str]) -> list[list[float]]:
        out = []
        for text in texts:
            vec = [0.0] * 16
            for word in text.lower().split():
                h = hashlib.sha256(word.encode()).digest()
                vec[h[0] % 16] += 1.0
            norm = sum(v * v for v in vec) ** 0.5 or 1.0
            out.append([v / norm for v in vec])
        return out

    @property
    def model(self):  # noqa: ANN201
        raise AssertionError("unit tests must not load the embedding model")

    def tokenizer_dir(self) -> str:
        from index import settings

        return settings.embed_model()  # the bundled tokenizer, whatever model name a test gives


@pytest.fixture(autouse=True)
def no_language_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests answer with the rules alone, whatever the developer's environment configures (tests/test_llm.py
    points the settings at its own fake server)."""
    for name in ("EARNINGS_QA_LLM", "EARNINGS_QA_LLM_BASE_URL", "EARNINGS_QA_LLM_MODEL", "EARNINGS_QA_LLM_PROSE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def read_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests read releases in their own process (monkeypatched readers apply, no worker to start); the read-ahead
    workers are tested on purpose in tests/test_ahead.py."""
    monkeypatch.setenv("EARNINGS_QA_INGEST_WORKERS", "0")


@pytest.fixture(autouse=True)
def embedded_stores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests use the data home's own stores unless they ask for the servers (`shared_stores`), whatever the
    developer's environment points at."""
    monkeypatch.delenv("EARNINGS_QA_CHROMA_URL", raising=False)
    monkeypatch.delenv("EARNINGS_QA_DATABASE_URL", raising=False)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    h = tmp_path / "home"
    monkeypatch.setenv("EARNINGS_QA_HOME", str(h))
    return h


def _session_server(start: Callable[[], AbstractContextManager[str]], what: str) -> Iterator[str]:
    """A server of tests.servers for the session, its URL; the test is skipped, with the reason, when it cannot
    start."""
    try:
        with start() as url:
            yield url
    except servers.CannotStart as e:
        pytest.skip(f"{what} cannot start here: {e}")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A real PostgreSQL server."""
    yield from _session_server(servers.postgres, "PostgreSQL")


@pytest.fixture(scope="session")
def chroma_server() -> Iterator[str]:
    """A real Chroma server (`chroma run`)."""
    yield from _session_server(servers.chroma_server, "the Chroma server")


@dataclass(frozen=True)
class SharedStores:
    database_url: str  # a new, empty PostgreSQL database
    chroma_url: str
    server_url: str  # the PostgreSQL server's maintenance database, for making more

    def env(self) -> dict[str, str]:
        return {"EARNINGS_QA_DATABASE_URL": self.database_url, "EARNINGS_QA_CHROMA_URL": self.chroma_url}

    def another(self) -> SharedStores:
        """Another new database on the same servers (its chunks go to a collection of its own)."""
        return SharedStores(servers.database(self.server_url), self.chroma_url, self.server_url)


@pytest.fixture
def shared_stores(postgres_server: str, chroma_server: str, monkeypatch: pytest.MonkeyPatch) -> SharedStores:
    """The facts in a new PostgreSQL database and the chunks in the Chroma server, set for this test's process and
    the processes it starts."""
    stores = SharedStores(servers.database(postgres_server), chroma_server, postgres_server)
    for name, value in stores.env().items():
        monkeypatch.setenv(name, value)
    return stores


@pytest.fixture
def fake_embedder() -> FakeEmbedding:
    return FakeEmbedding()


def ingested_home(factory: pytest.TempPathFactory, name: str, releases: list[str]) -> Path:
    """A data home of some bundled releases, ingested with the fake embedder (a module's shared fixture)."""
    h = factory.mktemp(name) / "home"
    with Index(h, embedder=FakeEmbedding()) as index:
        results = index.ingest([corpus_file(r) for r in releases])
    assert all(r.error is None for r in results)
    return h


def corpus_file(stem: str) -> Path:
    matches = sorted(CORPUS.glob(stem + ".*"))
    assert matches, f"no corpus release {stem}"
    return matches[0]


@pytest.fixture(scope="session")
def real_embedder() -> SentenceTransformerEmbedding:
    """The bundled all-MiniLM-L6-v2, loaded once per test session (integration tests only)."""
    return SentenceTransformerEmbedding()


@pytest.fixture(scope="session")
def corpus_home(tmp_path_factory: pytest.TempPathFactory, real_embedder: SentenceTransformerEmbedding):  # noqa: ANN201
    """The whole bundled corpus ingested once per session with the real model: (home, ingest results)."""
    home = tmp_path_factory.mktemp("corpus-home")
    with Index(home, embedder=real_embedder) as index:
        results = index.ingest([CORPUS])
    return home, results
