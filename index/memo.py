"""Each distinct text embedded once per ingest: a company's releases repeat their safe-harbour and non-GAAP
paragraphs word for word, and every release repeats its row labels across its statements and those of its peers (of
the bundled corpus's 964 chunks 164 are repeats; of its 2,291 row labels, stored per release, 1,048). Written here:
llama-index's caches (IngestionPipeline's) key whole nodes in a docstore, not texts within one embedding call."""

from __future__ import annotations

import hashlib
from array import array
from collections import OrderedDict
from collections.abc import Callable, Sequence

MEMO_TEXTS = 20_000  # vectors kept (least recently used dropped): 384 floats as float32, ~30 MB at most


class EmbeddingMemo:
    """`memo(texts)` is `embed(texts)`, where `embed` is only given the texts it has not seen (each once, in their
    order). Vectors are kept as float32, as the vector store keeps them."""

    def __init__(self, embed: Callable[[list[str]], list[list[float]]], size: int = MEMO_TEXTS) -> None:
        self._embed = embed
        self._size = size
        self._kept: OrderedDict[bytes, array[float]] = OrderedDict()
        self.embedded = 0  # texts given to `embed`
        self.reused = 0  # texts answered from the memo

    def __call__(self, texts: Sequence[str]) -> list[list[float]]:
        keys = [hashlib.sha1(t.encode("utf-8")).digest() for t in texts]
        fresh: dict[bytes, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in self._kept and key not in fresh:
                fresh[key] = text
        if fresh:
            vectors = self._embed(list(fresh.values()))
            found = {key: array("f", v) for key, v in zip(fresh, vectors, strict=True)}
        else:
            found = {}
        self.embedded += len(fresh)
        self.reused += len(texts) - len(fresh)
        out = []
        for key in keys:
            vec = found.get(key)
            if vec is None:
                vec = self._kept[key]
                self._kept.move_to_end(key)
            out.append(vec.tolist())
        for key, vec in found.items():
            self._kept[key] = vec
        while len(self._kept) > self._size:
            self._kept.popitem(last=False)
        return out
