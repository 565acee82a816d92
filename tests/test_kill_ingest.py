"""kill -9 during ingest: at the three points between the two stores and at random times, then `check`, then a
re-ingest that must equal a clean one. Between kills every document is its old version or its new one."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from index.pipeline import Index, content_sha256
from tests.conftest import ROOT, FakeEmbedding, corpus_file

RELEASES = ["kingsoft-corp_2025Q3", "fullshare_2016H1", "fullshare_2016FY", "microsoft_FY2024Q4"]
POINTS = [("after_add", 1), ("before_commit", 2), ("after_commit", 3), ("after_add", 4), ("before_commit", 1),
          ("after_commit", 2)]
RANDOM_KILLS = 4


def _write(folder: Path, version: int) -> list[Path]:
    """The releases, each with a closing line that makes this version's content differ from the others'."""
    paths = []
    for stem in RELEASES:
        src = corpus_file(stem)
        dst = folder / src.name
        dst.write_text(src.read_text(encoding="utf-8") + f"\n\nThis copy is version {version} of the release.\n",
                       encoding="utf-8")
        paths.append(dst)
    return paths


def _state(home: Path) -> dict[str, tuple]:
    """Each document's sha256, facts and chunks (ids and texts), read in this process."""
    with Index(home, embedder=FakeEmbedding()) as index:
        out = {}
        for d in index.facts.documents():
            got = index.vectors.collection.get(where={"document": d.document}, include=["documents"])
            out[d.document] = (d.sha256, index.facts.facts(document=d.document),
                               sorted(zip(got["ids"], got["documents"], strict=True)))
        return out


def _child(home: Path, point: str, nth: int, files: list[Path]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tests.kill_ingest", str(home), point, str(nth),
                             *map(str, files)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
@pytest.mark.parametrize("stores", ["embedded", "servers"])
def test_kill_9_during_ingest_leaves_old_or_new_and_check_mends_the_rest(tmp_path: Path, stores: str,
                                                                         request: pytest.FixtureRequest,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """embedded: the data home's SQLite and Chroma; servers: PostgreSQL and a Chroma server (tests.servers), where
    the child, its checks and the clean home's ingest each reach them through the environment."""
    shared = request.getfixturevalue("shared_stores") if stores == "servers" else None
    folder = tmp_path / "releases"
    folder.mkdir()
    home = tmp_path / "home"
    shas: dict[str, set[str]] = {}  # every version of each document written so far
    rng = random.Random(11)
    plan = [(p, n) for p, n in POINTS] + [("none", 0)] * RANDOM_KILLS
    inconsistent = 0
    for version, (point, nth) in enumerate(plan, start=1):
        files = _write(folder, version)
        for f in files:
            shas.setdefault(f.stem, set()).add(content_sha256(f))
        child = _child(home, point, nth, files)
        if point == "none":  # a random moment after the child is ready
            assert child.stdout is not None and child.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0.0, 2.5))
            child.kill()
        child.wait(timeout=300)
        assert child.returncode in (-9, 0), child.stderr.read() if child.stderr else ""
        for doc, (sha, _, _) in _state(home).items():
            assert sha in shas[doc], f"{doc}: a version that was never written"
        with Index(home, embedder=FakeEmbedding()) as index:
            before = index.check(repair=False)
            inconsistent += not before.consistent
            after = index.check(repair=True)
            assert after.consistent, after
            assert index.check(repair=False).consistent
    assert inconsistent > 0, "no kill hit the window between the two stores: the test proves nothing"
    # the last version, ingested after all that, equals the same version ingested into a clean home
    files = _write(folder, len(plan) + 1)
    with Index(home, embedder=FakeEmbedding()) as index:
        index.ingest(files)
    clean = tmp_path / "clean"
    if shared is not None:  # the clean home: a new database (its chunks go to a collection of their own)
        monkeypatch.setenv("EARNINGS_QA_DATABASE_URL", shared.another().database_url)
    with Index(clean, embedder=FakeEmbedding()) as index:
        index.ingest(files)
    want = _state(clean)
    if shared is not None:
        monkeypatch.setenv("EARNINGS_QA_DATABASE_URL", shared.database_url)
    assert _state(home) == want
