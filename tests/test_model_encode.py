"""The model's encode in order of token counts (index.model.encode): every text gets its own vector back in the given
order, batches are cut from the texts ordered by their token counts, and with the real model the vectors are
sentence-transformers' own."""

from __future__ import annotations

import pytest

from index.chunks import SentenceTransformerEmbedding
from index.model import encode


class _Model:
    """What index.model.encode uses of a SentenceTransformer: its tokenizer (tokens = words here), its longest
    input, and encode (a text's vector: its word count and its length)."""

    max_seq_length = 256

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def tokenizer(self, texts: list[str], **_: object) -> dict[str, list[list[int]]]:
        return {"input_ids": [[0] * len(t.split()) for t in texts]}

    def encode(self, texts: list[str], **_: object) -> list[_Vector]:
        self.batches.append(list(texts))
        return [_Vector([float(len(t.split())), float(len(t))]) for t in texts]


class _Vector(list):
    def tolist(self) -> list[float]:
        return list(self)


@pytest.mark.parametrize(("texts", "batches"), [
    (["a b c", "a", "a b"], [["a b c", "a", "a b"]]),  # one batch: given as it is
    (["a b c d", "a", "a b c", "a b", "x"], [["a", "x"], ["a b", "a b c"], ["a b c d"]]),  # by tokens, stable
    # characters mislead: '1,234.5' is one word of many characters, 'net income rose' three short words
    (["net income rose", "1,234.5", "r", "up by far"], [["1,234.5", "r"], ["net income rose", "up by far"]]),
    ([], []),
])
def test_batches_are_cut_in_order_of_token_counts_and_vectors_come_back_in_the_texts_order(
        texts: list[str], batches: list[list[str]]) -> None:
    model = _Model()
    got = encode(model, texts, 2 if len(texts) > 3 else 3)
    assert got == [[float(len(t.split())), float(len(t))] for t in texts]
    assert model.batches == batches


@pytest.mark.integration
def test_the_ordered_encode_gives_sentence_transformers_own_vectors(
        real_embedder: SentenceTransformerEmbedding) -> None:
    texts = ["Revenue", "Net income attributable to common shareholders was $1,234.5 million, up 12% year over year.",
             "G&A", "Operating margin was 31.2% compared with 29.8% in the second quarter of 2024."] * 20
    model = real_embedder.model
    theirs = model.encode(texts, batch_size=32, normalize_embeddings=True)
    ours = encode(model, texts, 32)
    assert len(ours) == len(texts)
    assert max(abs(a - b) for u, v in zip(ours, theirs, strict=True) for a, b in zip(u, v, strict=True)) < 1e-5
