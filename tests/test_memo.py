"""Each distinct text embedded once per ingest (index.memo): repeats within a call and across calls answered from the
memo, in order, with the vectors the embedder gave; the memo bounded; an ingest of a company's releases embeds their
shared paragraphs and row labels once yet stores every chunk and label with its vector."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.memo import EmbeddingMemo
from index.pipeline import Index
from tests.conftest import FakeEmbedding, corpus_file


class Counting:
    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, texts: list[str]) -> list[list[float]]:
        self.calls.append(list(texts))
        return [[float(len(t)), float(sum(map(ord, t)) % 97), 0.5] for t in texts]


@pytest.mark.parametrize(("batches", "given", "reused"), [
    ([["a", "b", "a"]], [["a", "b"]], 1),  # a repeat within one call
    ([["a", "b"], ["b", "c"]], [["a", "b"], ["c"]], 1),  # a repeat in a later call
    ([["a"], ["a"]], [["a"]], 1),  # nothing new: the embedder is not called
    ([[]], [], 0),
    ([["x" * 300, "x" * 300 + " "]], [["x" * 300, "x" * 300 + " "]], 0),  # a text differing by a space is another
])
def test_the_embedder_is_given_each_distinct_text_once(batches: list[list[str]], given: list[list[str]],
                                                       reused: int) -> None:
    embed = Counting()
    memo = EmbeddingMemo(embed)
    for texts in batches:
        assert memo(texts) == Counting()(texts)  # the embedder's vectors, in the texts' order
    assert embed.calls == given
    assert memo.reused == reused
    assert memo.embedded == sum(map(len, given))


def test_the_memo_keeps_the_most_recently_used_texts_only() -> None:
    embed = Counting()
    memo = EmbeddingMemo(embed, size=2)
    memo(["a", "b"])
    memo(["a"])  # a is now the most recently used
    memo(["c"])  # b is dropped
    memo(["a", "b"])
    assert embed.calls == [["a", "b"], ["c"], ["b"]]


def test_an_ingest_embeds_the_releases_shared_texts_once_and_stores_every_chunk(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    given: list[str] = []
    embed = FakeEmbedding._embed
    monkeypatch.setattr(FakeEmbedding, "_embed", lambda self, texts: given.extend(texts) or embed(self, texts))
    paths = [corpus_file(r) for r in ("alphabet_2025Q1", "alphabet_2025Q2")]
    with Index(tmp_path, embedder=FakeEmbedding()) as index:
        results = index.ingest(paths)
        stored = index.vectors.collection.get(include=["documents", "embeddings"])
        labels = {d.document: index.facts.label_vectors([d.document]) for d in index.facts.documents()}
    assert len(given) == len(set(given))  # nothing embedded twice
    texts = stored["documents"]
    assert len(texts) == sum(r.chunks for r in results) > len(set(texts))  # the two releases share paragraphs
    first: dict[str, list[float]] = {}
    for text, vector in zip(texts, stored["embeddings"], strict=True):
        assert list(vector) == pytest.approx(first.setdefault(text, list(vector)))
        assert list(vector) == pytest.approx(FakeEmbedding()._embed([text])[0], abs=1e-6)
    both = set(labels["alphabet_2025Q1"]) & set(labels["alphabet_2025Q2"])
    assert both and all(labels["alphabet_2025Q1"][x] == labels["alphabet_2025Q2"][x] for x in both)
