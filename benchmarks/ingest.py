"""Ingest benchmark: the bundled corpus into a fresh data home with the real model; prints figures.

    .venv/bin/python benchmarks/ingest.py [PATH...]

Prints the ingest's wall time from a model not yet loaded, in this process before it has read anything (as the CLI's
`ingest` starts; releases are read ahead in worker processes while the model loads: index.ahead), the raw encode
time of the very texts it stored (the model warm) and their ratio, the same for the distinct texts among them (each
is embedded once: index.memo), and the peak resident memory; then each release's extraction alone, one after another
(after the ingest: a process that has already read the corpus ingested it 2-3 s slower, which no user's ingest is).
The raw encode is sentence-transformers' own `encode` of the texts (batches of 32); the ingest's embedder orders
texts by their token counts first (index.model.encode), and its time is printed too. Figures only: nothing here
asserts a target.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from index import settings
from index.chunks import SentenceTransformerEmbedding
from index.errors import EarningsQAError
from index.pipeline import Index, discover, extract

ROOT = Path(__file__).resolve().parent.parent


def main(paths: list[Path]) -> None:
    files, _ = discover(paths)  # as the ingest finds them: release files only
    embedder = SentenceTransformerEmbedding()  # not loaded: the ingest loads it while the first releases are read
    with tempfile.TemporaryDirectory() as home, Index(Path(home), embedder=embedder) as index:
        t = time.perf_counter()
        results = index.ingest(files)
        t_ingest = time.perf_counter() - t
        t = time.perf_counter()
        again = index.ingest(files)
        t_again = time.perf_counter() - t
        # the same texts the ingest embedded (every chunk, each release's row labels), encoded alone, model warm,
        # by sentence-transformers' own encode (batches of 32, its own order): the raw encode
        texts = list(index.vectors.collection.get(include=["documents"])["documents"])
        labels = [label for d in index.facts.documents() for label in index.facts.label_vectors([d.document])]
        model = embedder.model
        t = time.perf_counter()
        model.encode(texts + labels, batch_size=settings.EMBED_BATCH_SIZE, normalize_embeddings=True)
        t_encode = time.perf_counter() - t
        # the same through the embedder the ingest uses (texts in order of their token counts: index.model.encode)
        t = time.perf_counter()
        embedder.get_text_embedding_batch(texts + labels)
        t_ordered = time.perf_counter() - t
        # the ingest embeds each distinct text once (index.memo): the same encode of the distinct texts alone
        distinct = list(dict.fromkeys(texts + labels))
        t = time.perf_counter()
        embedder.get_text_embedding_batch(distinct)
        t_distinct = time.perf_counter() - t
    print(f"{'release':30} {'extract s':>9} {'facts':>6}")
    t_extract = 0.0
    for f in files:
        t = time.perf_counter()
        try:
            facts = str(len(extract(f).facts))
        except EarningsQAError as e:  # the ingest reports it too, and goes on
            facts = f"failed: {e.user_message()[:60]}"
        dt = time.perf_counter() - t
        t_extract += dt
        print(f"{f.stem:30} {dt:9.2f} {facts:>6}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nreleases {len(results)}, facts {sum(r.facts for r in results)}, chunks {sum(r.chunks for r in results)}")
    print(f"extraction only, one release after another: {t_extract:.1f} s")
    print(f"full ingest, model not loaded (load + extract + embed + store; EARNINGS_QA_INGEST_WORKERS="
          f"{settings.ingest_workers()}): {t_ingest:.1f} s; re-ingest of unchanged files: {t_again:.2f} s "
          f"({sum(r.status == 'unchanged' for r in again)} unchanged)")
    print(f"raw encode of the same {len(texts)} chunks and {len(labels)} row labels (sentence-transformers' encode, "
          f"model warm): {t_encode:.1f} s; ingest / raw encode: {t_ingest / t_encode:.2f}")
    print(f"the same through the ingest's embedder (in order of token counts): {t_ordered:.1f} s; ingest / that: "
          f"{t_ingest / t_ordered:.2f}")
    print(f"the {len(distinct)} distinct texts among them (what the ingest embeds) through the embedder: "
          f"{t_distinct:.1f} s; ingest / that: {t_ingest / t_distinct:.2f}")
    print(f"peak RSS: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main([Path(a) for a in sys.argv[1:]] or [ROOT / "evals" / "corpus" / "releases"])
