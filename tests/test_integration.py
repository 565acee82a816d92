"""Integration: the real embedding model (loaded once per session), the whole bundled corpus, real Chroma."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from index.chunks import SentenceTransformerEmbedding
from index.pipeline import Index, IngestResult, Status
from tests.conftest import ROOT

pytestmark = pytest.mark.integration


def test_whole_bundled_corpus_ingests(corpus_home: tuple[Path, list[IngestResult]]) -> None:
    _, results = corpus_home
    assert len(results) == 29
    assert [r.error for r in results if r.status != Status.INGESTED] == []
    assert all(r.chunks > 0 for r in results)
    narrative_only = {"kingsoft-corp_2025Q3", "fullshare_2016H1"}
    assert all(r.facts >= 50 for r in results if r.document not in narrative_only and
               not r.document.startswith("fullshare")), [(r.document, r.facts) for r in results]
    assert len({r.company for r in results}) == 17


def test_chunks_fit_the_model_window(corpus_home: tuple[Path, list[IngestResult]],
                                     real_embedder: SentenceTransformerEmbedding) -> None:
    home, _ = corpus_home
    with Index(home, embedder=real_embedder) as index:
        got = index.vectors.collection.get(include=["documents", "metadatas"])
    assert len(got["ids"]) > 500
    assert max(real_embedder.count_tokens(t) for t in got["documents"]) <= 256
    assert all(m["document"] and m["company"] and m["period"] for m in got["metadatas"])


def test_dense_retrieval_through_llama_index_finds_the_stated_reason(
        corpus_home: tuple[Path, list[IngestResult]], real_embedder: SentenceTransformerEmbedding) -> None:
    from llama_index.core import VectorStoreIndex
    from llama_index.core.vector_stores import MetadataFilter, MetadataFilters

    home, _ = corpus_home
    with Index(home, embedder=real_embedder) as index:
        vindex = VectorStoreIndex.from_vector_store(index.vectors.llama_store(), embed_model=real_embedder)
        retriever = vindex.as_retriever(similarity_top_k=3, filters=MetadataFilters(
            filters=[MetadataFilter(key="document", value="kingsoft-cloud_2025Q2")]))
        nodes = retriever.retrieve("Why did general and administrative expenses increase?")
    assert nodes and all(n.metadata["document"] == "kingsoft-cloud_2025Q2" for n in nodes)
    assert any("General and administrative expenses were RMB339.6 million" in n.get_content() for n in nodes)


def _readme_commands() -> list[tuple[str, list[str]]]:
    """`$ earnings-qa ...` lines of the README's tour, each with the output lines printed under it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    tour = text.split("## A short tour", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(?:console)?\n(.*?)```", tour, re.S)
    out = []
    for block in blocks:
        lines = block.splitlines()
        for i, line in enumerate(lines):
            if line.startswith("$ earnings-qa"):
                shown = []
                for nxt in lines[i + 1:]:
                    if nxt.startswith("$ "):
                        break
                    shown.append(nxt)
                out.append((line[2:], shown))
    return out


def test_readme_tour_commands_print_what_the_readme_shows(
        corpus_home: tuple[Path, list[IngestResult]]) -> None:
    home, _ = corpus_home
    commands = _readme_commands()
    assert len(commands) >= 3
    env = {**os.environ, "EARNINGS_QA_HOME": str(home), "COLUMNS": "200"}
    exe = Path(sys.executable).with_name("earnings-qa")
    for command, shown in commands:
        args = command.split()[1:]
        args = [a.strip("'\"") for a in re.findall(r"'[^']*'|\"[^\"]*\"|\S+", " ".join(args))]
        proc = subprocess.run([str(exe), *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
        # `ask` exits with its answer's status (0 answered, 3 not found, 4 needs clarification); the rest with 0
        ok = (0, 3, 4) if args[0] == "ask" else (0,)
        assert proc.returncode in ok, (command, proc.returncode, proc.stderr[-2000:])
        if args[0] == "ask" and proc.returncode == 3:
            assert "do not report" in proc.stdout or "No " in proc.stdout  # a refusal says so
        for line in shown:
            if line.strip() and not line.strip().startswith("…"):
                assert line.strip() in proc.stdout, (command, line)
