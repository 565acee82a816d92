"""Text -> chunks (<= 256 model tokens) -> embeddings -> Chroma, through llama-index's ChromaVectorStore."""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llama_index.core.bridge.pydantic import PrivateAttr
from llama_index.core.embeddings import BaseEmbedding
from llama_index.core.node_parser import SentenceSplitter
from llama_index.core.schema import TextNode

from index import bounds, settings
from index.blocks import TextBlock
from index.errors import StoreError

_MODEL_LOCK = threading.Lock()


class SentenceTransformerEmbedding(BaseEmbedding):
    """llama-index embedding over a local sentence-transformers model (loaded lazily, never from a hub). With
    in_child=True the model lives in a process of its own (index.model.ModelProcess: what servers use, so that
    loading it never stalls their answers); texts are counted in this process either way."""

    model_path: str
    _model: Any = PrivateAttr(default=None)
    _tokenizer: Any = PrivateAttr(default=None)
    _child: Any = PrivateAttr(default=None)

    def __init__(self, model_path: str | None = None, *, in_child: bool = False, **kwargs: Any) -> None:
        super().__init__(model_path=model_path or settings.embed_model(),
                         model_name=model_path or settings.embed_model(),
                         embed_batch_size=settings.EMBED_CALL_SIZE, **kwargs)
        if in_child:
            from index.model import ModelProcess

            self._child = ModelProcess(self.model_path)

    def close(self) -> None:
        """Stop the model's process, if it has one (for good: a later call is a ConfigError)."""
        if self._child is not None:
            self._child.close()

    @classmethod
    def class_name(cls) -> str:
        return "SentenceTransformerEmbedding"

    @property
    def model(self) -> Any:
        if self._model is None:
            with _MODEL_LOCK:  # loaded once, however many threads ask for it at once
                if self._model is None:
                    self._load()
        return self._model

    def _load(self) -> None:
        from index.model import load_model

        self._model = load_model(self.model_path)

    def tokenizer_dir(self) -> str:
        """Where the model's tokenizer.json is (the model's folder)."""
        return self.model_path

    def count_tokens(self, text: str) -> int:
        if self._tokenizer is None:
            tok_file = Path(self.tokenizer_dir()) / "tokenizer.json"
            if tok_file.exists():
                from tokenizers import Tokenizer

                self._tokenizer = Tokenizer.from_file(str(tok_file))
                # the file pads and truncates every text to 128 tokens (how the model was trained): counting needs
                # neither, or every text counts 128 and no block is ever split
                self._tokenizer.no_truncation()
                self._tokenizer.no_padding()
            else:
                self._tokenizer = self.model.tokenizer
        enc = self._tokenizer.encode(text)
        ids = enc.ids if hasattr(enc, "ids") else enc
        return len(ids)

    def _embed(self, texts: list[str]) -> list[list[float]]:
        if self._child is not None:
            return self._child.encode(texts, settings.EMBED_BATCH_SIZE)
        from index.model import encode

        return encode(self.model, texts, settings.EMBED_BATCH_SIZE)

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._embed([query])[0]

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._embed([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._embed(texts)


def _sentences(text: str) -> list[str]:
    # a regex splitter: llama-index's default one needs NLTK data, which we do not download
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z(\"“])", text)
    return [p + " " for p in parts if p]


@dataclass(frozen=True)
class Chunk:
    id: str
    text: str
    document: str
    position: int
    where: str
    section: str = ""


def make_chunks(blocks: Sequence[TextBlock], document: str, generation: str,
                count_tokens: Callable[[str], int], max_tokens: int = settings.CHUNK_MAX_TOKENS) -> list[Chunk]:
    """Split text blocks into chunks whose model token count (with [CLS]/[SEP]) stays <= max_tokens; their ids
    are '<document>:<generation>:<n>' (index.pipeline: the generation says which version of the document)."""
    splitter = SentenceSplitter(
        chunk_size=max_tokens - 16, chunk_overlap=24,
        tokenizer=lambda t: [0] * count_tokens(t), chunking_tokenizer_fn=_sentences,
    )
    chunks: list[Chunk] = []
    for block in blocks:
        for part in _parts(block.text):
            bounds.tick()
            for piece in splitter.split_text(part):
                for text in _fit(piece.strip(), count_tokens, max_tokens):
                    n = len(chunks)
                    chunks.append(Chunk(chunk_id(document, generation, n), text, document, n, block.where,
                                        block.section))
    return chunks


def chunk_id(document: str, generation: str, n: int) -> str:
    """The id of a document's n-th chunk of one generation (index.pipeline.chunk_generation reads it back)."""
    return f"{document}:{generation[:12]}:{n}"


# the most text handed to the splitter at once: it holds several copies of its input per sentence, and a release's
# block is a few thousand characters (a 2 MB block took 450 MB)
_SPLIT_CHARS = 20_000


def _parts(text: str) -> list[str]:
    """A block cut at sentence ends into parts of at most _SPLIT_CHARS characters (a longer sentence alone)."""
    if len(text) <= _SPLIT_CHARS:
        return [text]
    parts: list[str] = []
    buf: list[str] = []
    size = 0
    for sentence in _sentences(text):
        if buf and size + len(sentence) > _SPLIT_CHARS:
            parts.append("".join(buf))
            buf, size = [], 0
        buf.append(sentence)
        size += len(sentence)
    if buf:
        parts.append("".join(buf))
    return parts


def _fit(piece: str, count_tokens: Callable[[str], int], max_tokens: int) -> list[str]:
    """A piece the splitter left over the limit (one 'sentence' of a table dump) cut in halves by words until each
    part fits; no word is dropped."""
    if not piece:
        return []
    if count_tokens(piece) <= max_tokens:
        return [piece]
    words = piece.split()
    if len(words) == 1:
        return [piece[: max_tokens * 2]]  # one 'word' of hundreds of tokens is no text (a hash, a base64 blob)
    half = len(words) // 2
    return _fit(" ".join(words[:half]), count_tokens, max_tokens) + _fit(" ".join(words[half:]), count_tokens,
                                                                         max_tokens)


class VectorStore:
    """The Chroma collection of chunks: embedded PersistentClient under the data home, or a Chroma server."""

    def __init__(self, home: Path, url: str | None = None, collection: str = settings.CHROMA_COLLECTION) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        self.home, self.url, self.name = home, url, collection
        self.embedded = not url
        self.epoch = getattr(self, "epoch", -1) + 1  # how many times reopened
        cfg = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        try:
            if url:
                from urllib.parse import urlparse

                u = urlparse(url)
                self.client = chromadb.HttpClient(host=u.hostname or "localhost", port=u.port or 8000,
                                                  ssl=u.scheme == "https", settings=cfg)
            else:
                path = settings.chroma_path(home)
                path.mkdir(parents=True, exist_ok=True)
                self.client = chromadb.PersistentClient(path=str(path), settings=cfg)
            self.collection = self.client.get_or_create_collection(collection, metadata={"hnsw:space": "cosine"})
        except Exception as e:  # chromadb raises many types (ValueError, sqlite3 errors, HTTP errors)
            raise StoreError(f"cannot open the vector store: {e}") from e

    def reopen(self) -> None:
        """Close the client and open another over the same store (an embedded one then reads what is on disk
        now). Nothing may be using the old one (index.pipeline.Index.use_vectors sees to it)."""
        old = self.client
        with contextlib.suppress(Exception):  # closing what failed is no reason not to open again
            old.close()  # stops the embedded system this process shares for the folder (chromadb >= 1.1)
        self.__init__(self.home, self.url, self.name)  # type: ignore[misc]

    def llama_store(self) -> Any:
        from llama_index.vector_stores.chroma import ChromaVectorStore

        return ChromaVectorStore(chroma_collection=self.collection)

    def add(self, chunks: Sequence[Chunk], embeddings: Sequence[Sequence[float]], meta: dict[str, Any]) -> None:
        if not chunks:
            return
        nodes = []
        for c, e in zip(chunks, embeddings, strict=True):
            node = TextNode(id_=c.id, text=c.text, embedding=list(e),
                            metadata={**meta, "document": c.document, "position": c.position, "where": c.where,
                                      "section": c.section})
            nodes.append(node)
        store = self.llama_store()
        step = self.client.get_max_batch_size()  # Chroma refuses larger batches (5,461 here)
        for start in range(0, len(nodes), step):
            store.add(nodes[start:start + step])

    def ids_for(self, document: str) -> list[str]:
        return list(self.collection.get(where={"document": document}, include=[])["ids"])

    def all_ids(self, page: int = 5_000) -> Iterator[tuple[str, str]]:
        """Every chunk's (id, document), a page at a time."""
        offset = 0
        while True:
            got = self.collection.get(include=["metadatas"], limit=page, offset=offset)
            for i, m in zip(got["ids"], got["metadatas"] or [{}] * len(got["ids"]), strict=True):
                yield i, str((m or {}).get("document", ""))
            if len(got["ids"]) < page:
                return
            offset += page

    def delete(self, ids: Sequence[str]) -> None:
        step = self.client.get_max_batch_size()
        for start in range(0, len(ids), step):
            self.collection.delete(ids=list(ids[start:start + step]))

    def count(self) -> int:
        return self.collection.count()
