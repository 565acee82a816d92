"""Why a figure moved, in the release's own words: hybrid retrieval (dense through Chroma + BM25, fused by
reciprocal rank with llama-index retrievers) over the documents in scope, then the sentences that give reasons
for the metric's change ("mainly due to", "driven by", "offset by", ...), each cited by document and paragraph."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assistant.answers import Citation
from assistant.lookup import label_score
from index.facts import DocumentRecord
from index.pipeline import Index, is_live

TOP_K = 8
DRIVER = re.compile(
    r"\b((mainly|primarily|largely|partly|partially|mostly|principally)\s+(due|driven|attributable|because|as\s+a\s+"
    r"result|resulted|reflect|offset|from|related)|due\s+to|driven\s+by|as\s+a\s+result\s+of|offset\s+by|"
    r"attributable\s+to|reflect(s|ed|ing)?|result(ed|ing)?\s+(from|of)|contributed|led\s+by|thanks\s+to|because|"
    r"primarily|mainly|impact\s+of|benefit(ed)?\s+from|on\s+the\s+back\s+of)\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])[\s*]+(?=[A-Z(\"“*])")
_OUTLOOK = re.compile(r"\b(outlook|expect(ed|s)?\s+to|guidance|will\s+be|forecast|anticipate[sd]?)\b", re.I)
_ANAPHOR = re.compile(r"^\W*(the|this|these|such|it|its)\b", re.I)


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk of a release: text, where it is, and its rank after fusion."""

    id: str
    document: str
    where: str
    position: int
    text: str
    score: float


def sentences(text: str) -> list[str]:
    return [s.strip(" *") for s in _SENTENCE.split(text.replace("\n", " ")) if s.strip(" *")]


RETRIEVERS_KEPT = 64  # sets of documents whose retrievers are kept (a company's releases, one release...)


class Explainer:
    """Retrieves passages of the documents in scope and picks the sentences that explain a metric's change."""

    def __init__(self, index: Index) -> None:
        self.index = index
        # the fused retrievers by the documents' committed versions: BM25 is built once per set of documents and
        # process, not per question (a re-ingested document is another version, so another key)
        self._retrievers: OrderedDict[tuple, tuple[Any, list[Any]]] = OrderedDict()
        self._building = threading.Lock()

    @staticmethod
    def prepare() -> None:
        """Import the retrieval modules now, from one thread: seconds of import otherwise paid by the first "why"
        question, and llama-index's modules import each other in circles, so two threads importing them for the
        first time at once fail ('partially initialized module')."""
        import llama_index.core  # noqa: F401
        import llama_index.core.llms  # noqa: F401
        import llama_index.core.retrievers  # noqa: F401
        import llama_index.retrievers.bm25  # noqa: F401

        import index.chunks  # noqa: F401

    def _chunks(self, documents: Sequence[str], records: Sequence[DocumentRecord | None] | None = None) -> list[Any]:
        from llama_index.core.schema import TextNode

        where: dict[str, Any] = ({"document": documents[0]} if len(documents) == 1
                                 else {"document": {"$in": list(documents)}})
        got = self.index.vectors.collection.get(where=where, include=["documents", "metadatas"])
        by_name = dict(zip(documents, records, strict=True)) if records is not None else {
            d: self.index.facts.document(d) for d in documents}
        # only the committed version's chunks: an interrupted ingest may have left another's (index.pipeline)
        return [TextNode(id_=i, text=t, metadata={k: v for k, v in (m or {}).items() if not k.startswith("_")})
                for i, t, m in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
                if is_live(i, by_name.get(str((m or {}).get("document", ""))))]

    def retriever(self, documents: Sequence[str], top_k: int = TOP_K,
                  records: Sequence[DocumentRecord | None] | None = None) -> tuple[Any, list[Any]]:
        """The fused retriever over the documents (a llama-index BaseRetriever, so evaluators can use it) and the
        documents' chunks as nodes. None when the documents have no chunks. Kept for the documents' versions (the
        last RETRIEVERS_KEPT sets), safe to share between threads."""
        if records is None:  # the documents' rows, unless the caller has just read them
            records = [self.index.facts.document(d) for d in documents]
        # and the client's: a retriever made over a client since reopened (index.pipeline) is never used again
        key = (tuple(documents), tuple(r.generation or r.sha256 if r else "" for r in records), top_k,
               self.index.vectors.epoch)
        with self._building:
            if key in self._retrievers:
                self._retrievers.move_to_end(key)
                return self._retrievers[key]
            made = self._retriever(documents, top_k, records)
            self._retrievers[key] = made
            while len(self._retrievers) > RETRIEVERS_KEPT:
                self._retrievers.popitem(last=False)
            return made

    def _retriever(self, documents: Sequence[str], top_k: int,
                   records: Sequence[DocumentRecord | None]) -> tuple[Any, list[Any]]:
        from llama_index.core import VectorStoreIndex
        from llama_index.core.llms import MockLLM
        from llama_index.core.retrievers import QueryFusionRetriever
        from llama_index.core.vector_stores import FilterOperator, MetadataFilter, MetadataFilters
        from llama_index.retrievers.bm25 import BM25Retriever

        nodes = self._chunks(documents, records)
        if not nodes:
            return None, []
        k = min(top_k, len(nodes))
        filters = MetadataFilters(filters=[MetadataFilter(key="document", value=list(documents),
                                                          operator=FilterOperator.IN)])
        dense = VectorStoreIndex.from_vector_store(self.index.vectors.llama_store(),
                                                   embed_model=self.index.embedder).as_retriever(
            similarity_top_k=k, filters=filters)
        sparse = BM25Retriever.from_defaults(nodes=nodes, similarity_top_k=k, language="en")
        # one query, no query generation: the LLM slot is never called, MockLLM only keeps it from resolving one
        fused = QueryFusionRetriever([dense, sparse], llm=MockLLM(), mode="reciprocal_rerank", num_queries=1,
                                     use_async=False, similarity_top_k=k)
        return fused, nodes

    def _search(self, query: str, documents: Sequence[str],
                top_k: int = TOP_K) -> tuple[list[Passage], dict[tuple[str, int], Passage]]:
        """The passages for a query, best first, and every chunk of the documents by (document, position)."""
        records = [self.index.facts.document(d) for d in documents]  # read once for both
        with self.index.use_vectors(records):
            fused, nodes = self.retriever(documents, top_k, records)
            if fused is None:
                return [], {}
            hits = fused.retrieve(query)
        every = {}
        for n in nodes:
            p = _passage(n, 0.0)
            every[(p.document, p.position)] = p
        live = {n.node_id for n in nodes}
        return [_passage(hit.node, float(hit.score or 0.0)) for hit in hits if hit.node.node_id in live], every

    def reasons(self, names: Sequence[str], documents: Sequence[str], limit: int = 4) -> list[Citation]:
        """Sentences that give the reasons for the change of the metric called by any of `names` (the question's
        phrase and the row's label), best passage first."""
        passages, every = self._search(reasons_query(names[0]), documents)
        found: list[Citation] = []
        seen: set[str] = set()
        for p in passages:
            window = [(s, p) for s in sentences(p.text)]
            nxt = every.get((p.document, p.position + 1))  # a paragraph the chunker split goes on here
            if nxt is not None:
                window += [(s, nxt) for s in sentences(nxt.text)]
            for i, (sent, where) in enumerate(window):
                if not _mentions(sent, names):
                    continue
                # the sentence naming the metric, and the sentences right after it that give its reasons
                group = [(sent, where)]
                for follow, fwhere in window[i + 1:i + 4]:
                    if _mentions_other_metric(follow, names) and not _ANAPHOR.match(follow):
                        break
                    group.append((follow, fwhere))
                for s, w in group:
                    if DRIVER.search(s) and not _OUTLOOK.search(s) and s not in seen:
                        seen.add(s)
                        found.append(Citation(w.document, w.where, s))
            if len(found) >= limit:
                break
        return found[:limit]


    def definitions(self, names: Sequence[str], documents: Sequence[str], limit: int = 2) -> list[Citation]:
        """Sentences in which the release says what a metric is: it 'represents', 'includes', 'consists of',
        'refers to', 'is defined as', 'is calculated as' ..."""
        passages, _ = self._search(f"{names[0]} means refers to represents includes consists of defined as",
                                   documents)
        found: list[Citation] = []
        for p in passages:
            for sent in sentences(p.text):
                if _mentions(sent, names) and definition_clause(sent, names) and all(c.quote != sent for c in found):
                    found.append(Citation(p.document, p.where, sent))
            if len(found) >= limit:
                break
        return found[:limit]


    def quote(self, question: str, form: Any, documents: Sequence[str], *,
              change: bool = False) -> tuple[Citation, tuple[str, ...]] | None:
        """The sentence of the documents that states what a text question asks (assistant.spans), and the span
        of it that answers; None when no sentence holds nearly all the question's words. Reads the stored chunks
        only: no model is loaded."""
        from assistant.spans import QUOTE_SCORE, answer_spans, rank_sentences

        seen: set[str] = set()
        candidates: list[tuple[str, object]] = []
        order = {d: i for i, d in enumerate(documents)}  # the latest release first, each in reading order
        passages = sorted((_passage(n, 0.0) for n in self._chunks(documents)),
                          key=lambda p: (order.get(p.document, len(order)), p.position))
        for p in passages:
            for s in sentences(p.text):
                if "|" in s or len(s.split()) < 4 or s in seen:
                    continue  # a table's row is no sentence
                seen.add(s)
                candidates.append((s, p))
        for ranked in rank_sentences(question, candidates)[:3]:
            if ranked.score < QUOTE_SCORE:
                break
            span = answer_spans(form, ranked.sentence, question, change=change)
            if span:
                where = ranked.where
                assert isinstance(where, Passage)
                return Citation(where.document, where.where, ranked.sentence), span
        return None


# the verbs by which a release says what a measure is
_DEFINING = re.compile(r"\b(?:is|are|was|were)\s+(?:defined|calculated|computed|measured|determined|derived)\s+"
                       r"(?:as|by|using|from|on)\b|\b(?:refers?|referred)\s+to\b|\b(?:represents?|means|comprises?|"
                       r"consists?\s+of|includes?|included|primarily\s+includes?|reflects?)\b|\b(?:is|are)\s+the\b",
                       re.I)


def definition_clause(sentence: str, names: Sequence[str]) -> str:
    """What a defining sentence says a metric is: the words after its defining verb ('Vessel calendar days refer
    to the total number of days ...' -> 'the total number of days ...'); '' when it defines nothing."""
    low = sentence.lower()
    start = 0
    for name in names:
        at = low.find(name.lower().strip())
        if at >= 0:
            start = at + len(name.strip())
            break
    m = _DEFINING.search(sentence, start)
    if m is None or m.start() - start > 60:  # the verb must follow the metric's name closely
        return ""
    return sentence[m.end():].strip(" ,:;")


def reasons_query(name: str) -> str:
    """What retrieval asks for when it looks for the reasons of a metric's change."""
    return f"{name} increase decrease mainly due to driven by"


def _passage(node: Any, score: float) -> Passage:
    meta = node.metadata
    return Passage(node.node_id, str(meta.get("document", "")), str(meta.get("where", "")),
                   int(meta.get("position", 0)), node.get_content(), score)


_METRIC_START = re.compile(r"^\W*(?:\*\*)?([A-Z][\w&,'’ -]{3,80}?)\s+(was|were|reached|increased|decreased|grew|"
                           r"rose|fell|totaled|amounted)\b")


def _mentions(sentence: str, names: Sequence[str]) -> bool:
    low = sentence.lower()
    for name in names:
        n = name.lower().strip()
        if n and n in low:
            return True
    m = _METRIC_START.match(sentence)
    return bool(m) and any(label_score(name, m.group(1)) >= 90 for name in names)


def _mentions_other_metric(sentence: str, names: Sequence[str]) -> bool:
    m = _METRIC_START.match(sentence)
    return bool(m) and not _ANAPHOR.match(sentence) and not any(label_score(n, m.group(1)) >= 80 for n in names)
