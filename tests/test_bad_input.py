"""The bad-input suite: every kind of tests/bad_input.py, ingested into a home that already holds a good release,
in one batch with a good file. For every kind: a clear per-file reason or a correct accept, no exception, the
good file ingested, the existing document untouched, the two stores consistent."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from index.errors import shown
from index.pipeline import Index, Status
from tests.bad_input import GOOD_RELEASE, KINDS, Kind, environment
from tests.conftest import FakeEmbedding, corpus_file

EXISTING = "kingsoft-corp_2025Q3"


@pytest.fixture(scope="module")
def base_home(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list, list]:
    """A home holding one good release (its facts and chunk ids, to compare after each kind)."""
    root = tmp_path_factory.mktemp("base")
    src = root / "releases" / corpus_file(EXISTING).name
    src.parent.mkdir()
    shutil.copyfile(corpus_file(EXISTING), src)
    with Index(root / "home", embedder=FakeEmbedding()) as index:
        [r] = index.ingest([src])
        assert r.status == Status.INGESTED
        return root / "home", index.facts.facts(document=EXISTING), sorted(index.vectors.ids_for(EXISTING))


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_bad_input_gets_a_clear_reason_or_a_correct_accept(kind: Kind, base_home: tuple[Path, list, list],
                                                         tmp_path: Path) -> None:
    home = tmp_path / "home"
    shutil.copytree(base_home[0], home)
    folder = tmp_path / "in"
    folder.mkdir()
    paths = kind.write(folder)
    good = folder / "good" / "acme-widgets_2025Q2.md"
    good.parent.mkdir()
    good.write_text(GOOD_RELEASE, encoding="utf-8")
    timed = "EARNINGS_QA_MAX_SECONDS_PER_FILE" in kind.env  # the time bound would refuse the good file too
    with Index(home, embedder=FakeEmbedding()) as index:
        restore = environment(kind)
        try:
            results = index.ingest(paths if timed else [*paths, good])
        finally:
            restore()
        if timed:
            results += index.ingest([good])
        by_path = {r.path: r for r in results}
        assert by_path[good].status == Status.INGESTED, by_path[good].error
        mine = [r for r in results if r.path != good]
        assert mine, "every path gets a result"
        refused = {folder / n for n in kind.refused} if kind.refused else (
            {r.path for r in mine} if kind.outcome == "refused" else set())
        for r in mine:
            if r.path in refused:
                assert r.status == Status.FAILED, f"{r.path.name} was {r.status.value}"
                assert r.error and kind.reason in r.error, r.error
                assert r.error.startswith((shown(r.path.name), shown(str(r.path)))), r.error
                assert "Traceback" not in r.error
            else:
                assert r.status in (Status.INGESTED, Status.UNCHANGED), r.error
                assert r.facts + r.chunks > 0
        # the existing document is untouched, and nothing half-written is left
        assert index.facts.facts(document=EXISTING) == base_home[1]
        assert sorted(index.vectors.ids_for(EXISTING)) == base_home[2]
        assert index.check(repair=False).consistent
        accepted = [r.document for r in mine if r.status != Status.FAILED]
        for doc in accepted:
            values = {f.value for f in index.facts.facts(document=doc)}
            assert not values & {Decimal(v) for v in kind.facts_not}, values
            assert all(v.is_finite() and abs(v) < Decimal(10) ** 18 for v in values)
            if kind.encoding:
                assert index.facts.document(doc).encoding == kind.encoding


def test_a_refused_batch_leaves_a_fresh_home_without_documents(tmp_path: Path) -> None:
    """Bad files alone into an empty home: nothing is stored, and the home opens and checks clean."""
    folder = tmp_path / "in"
    folder.mkdir()
    paths = [p for k in KINDS if k.outcome == "refused" and not k.env and not k.refused and not k.ingest
             and not k.name.startswith("meta:") and "indexed" not in k.reason for p in k.write(folder)]
    with Index(tmp_path / "home", embedder=FakeEmbedding()) as index:
        results = index.ingest(paths)
        assert [r.document for r in results if r.status != Status.FAILED] == []
        assert index.facts.documents() == [] and index.vectors.count() == 0
        assert index.check(repair=False).consistent
