"""Ingest: release files -> facts (SQLite) + chunks (Chroma), idempotent by content hash, one document at a
time all-or-nothing. A file that fails is reported with its reason and the others still ingest."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from index import settings
from index.blocks import LoadedDocument, RawTable
from index.errors import IngestError, StoreError
from index.facts import DocumentRecord, Fact, FactStore, Unit
from index.loaders import SUFFIXES, load
from index.metadata import ReleaseMeta, apply_overrides, detect
from index.narrative import prose_facts
from index.periods import header_periods, scan_header
from index.tables import own_scale, table_facts

if TYPE_CHECKING:  # index.chunks imports llama-index (2 s): only ingesting and "why" questions need it
    from index.chunks import SentenceTransformerEmbedding, VectorStore


class Status(StrEnum):
    INGESTED = "ingested"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"
    FAILED = "failed"


@dataclass(frozen=True)
class IngestResult:
    path: Path
    document: str
    status: Status
    company: str = ""
    periods: tuple[str, ...] = ()
    facts: int = 0
    chunks: int = 0
    error: str | None = None


@dataclass(frozen=True)
class Extraction:
    document: str
    sha256: str
    loaded: LoadedDocument
    meta: ReleaseMeta
    facts: list[Fact]


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[IngestResult]]:
    """Files to ingest (folders recursively, supported suffixes, sorted) and results for paths that are not."""
    files: list[Path] = []
    missing: list[IngestResult] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES))
        elif p.is_file():
            files.append(p)
        else:
            missing.append(IngestResult(p, p.stem, Status.FAILED, error=f"{p}: no such file or folder"))
    return files, missing


def extract(path: Path) -> Extraction:
    """Read and understand one release: metadata, table facts and prose facts. No store is touched."""
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    loaded = load(path)
    dates = header_dates(loaded)
    meta = apply_overrides(detect(loaded.text, path.stem, dates), path)
    facts: list[Fact] = []
    prose = prose_facts(loaded.blocks, meta, path.stem)
    scales = table_scales(loaded.tables, meta, path.stem, prose)
    # facts, numbering only the tables that hold figures
    number = 0
    for table, sc in zip(loaded.tables, scales, strict=True):
        found = table_facts(table, meta, path.stem, number + 1, inherited_scale=sc)
        if found:
            number += 1
            facts.extend(found)
    facts.extend(prose)
    return Extraction(path.stem, sha, loaded, meta, snap_period_ends(facts, dates))


def table_scales(tables: list[RawTable], meta: ReleaseMeta, document: str, prose: list[Fact]) -> list[int | None]:
    """The scale of each table: the one it states; else the last caption's above it, unless figures stated
    elsewhere contradict it (statements printed in dollars below a highlights table captioned '(in thousands)':
    from there on the caption no longer reaches); else the one under which it agrees with figures stated
    elsewhere; else None (its amounts are left out)."""
    own = [own_scale(t) for t in tables]
    read: dict[tuple[int, int], list[Fact]] = {}

    def facts(i: int, scale: int) -> list[Fact]:  # each table is read once under each scale it is tried at
        if (i, scale) not in read:
            read[i, scale] = table_facts(tables[i], meta, document, inherited_scale=scale)
        return read[i, scale]

    # figures whose scale is certain (sentences, captioned tables, tables that agree with them); gathered only
    # when a table inherits a caption, which most releases' tables do not
    stated: list[Fact] | None = None
    scales: list[int | None] = []
    last: int | None = None
    for i, (t, sc) in enumerate(zip(tables, own, strict=True)):
        if sc is None and last is not None:
            if stated is None:
                stated = prose + [f for j, s in enumerate(own) if s for f in facts(j, s)]
            votes = scale_votes(t, meta, document, stated)
            # only clear evidence moves a caption: two figures or more agree under one other scale, none under it
            if len(votes) == 1 and last not in votes and max(votes.values()) >= 2:
                last = next(iter(votes))
                stated.extend(facts(i, last))
        scales.append(sc or last or (1 if meta.scale == 1 else None))
        last = sc or last
    if None in scales:  # no caption above: the scale under which the table agrees with the rest
        known = prose + [f for i, sc in enumerate(scales) if sc for f in facts(i, sc)]
        scales = [sc or scale_from_text(t, meta, document, known) for t, sc in zip(tables, scales, strict=True)]
    return scales


def scale_from_text(table: RawTable, meta: ReleaseMeta, document: str, known: list[Fact]) -> int | None:
    """A table with no scale caption whose release states a scale only elsewhere: the scale under which its
    amounts agree (within 1%) with the same metric and period stated in the release's sentences or in its
    captioned tables."""
    votes = scale_votes(table, meta, document, known, (1, 1_000, 100_000, 1_000_000, 10_000_000, 1_000_000_000))
    return next(iter(votes)) if len(votes) == 1 else None


def scale_votes(table: RawTable, meta: ReleaseMeta, document: str, known: list[Fact],
                candidates: tuple[int, ...] = (1, 1_000, 1_000_000, 1_000_000_000)) -> dict[int, int]:
    """For each scale, how many of the table's amounts (as printed: it states no scale of its own) agree within 1%
    with the same metric and period in `known`; scales no amount agrees under are left out. Lakh and crore are
    candidates only where asked for."""
    stated = {(f.metric, f.period_end, f.months): abs(f.value) for f in known if f.unit == Unit.CURRENCY}
    votes: dict[int, int] = {}
    if not stated:
        return votes
    for f in table_facts(table, meta, document, inherited_scale=1):
        said = stated.get((f.metric, f.period_end, f.months))
        if f.unit != Unit.CURRENCY or not said or not f.value:
            continue
        for candidate in candidates:
            if abs(abs(f.value) * candidate - said) <= abs(said) / 100:
                votes[candidate] = votes.get(candidate, 0) + 1
    return votes


def header_dates(loaded: LoadedDocument) -> list[date]:
    """Column end dates printed in the tables' headers (full dates, or bare years under a month and day)."""
    dates: list[date] = []
    for t in loaded.tables:
        text = " | ".join(t.header)
        periods = header_periods(text, point_in_time=True)
        kinds = {it.kind for it in scan_header(text)}
        if periods and "qlabel" not in kinds and kinds & {"date", "monthday"}:
            dates.extend(p.end for p in periods)
    return dates


def snap_period_ends(facts: list[Fact], printed: list[date]) -> list[Fact]:
    """A column headed 'Q1 FY26' ends on the date another table of the release prints (2025-04-27), not on the
    calendar month end; use the printed date when one lies within a week."""
    known = sorted(set(printed))
    out = []
    for f in facts:
        if f.period_end not in known:
            near = [d for d in known if abs((d - f.period_end).days) <= 7]
            if near:
                f = replace(f, period_end=min(near, key=lambda d: abs((d - f.period_end).days)))
        out.append(f)
    return out


class Index:
    """The data home: the fact store and the vector store, opened together."""

    def __init__(self, home: Path | None = None, embedder: SentenceTransformerEmbedding | None = None) -> None:
        self.home = settings.data_home(home)
        self.home.mkdir(parents=True, exist_ok=True)
        self.facts = FactStore(settings.facts_db_path(self.home))
        self._vectors: VectorStore | None = None
        self._embedder = embedder

    @property
    def vectors(self) -> VectorStore:
        if self._vectors is None:
            from index.chunks import VectorStore

            self._vectors = VectorStore(self.home, settings.chroma_url())
        return self._vectors

    @property
    def embedder(self) -> SentenceTransformerEmbedding:
        if self._embedder is None:
            from index.chunks import SentenceTransformerEmbedding

            self._embedder = SentenceTransformerEmbedding()
        return self._embedder

    def close(self) -> None:
        self.facts.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ingest(self, paths: Iterable[Path],
               on_progress: Callable[[Path, IngestResult | None], None] | None = None) -> list[IngestResult]:
        files, results = discover(paths)
        for path in files:
            if on_progress:
                on_progress(path, None)
            result = self.ingest_file(path)
            results.append(result)
            if on_progress:
                on_progress(path, result)
        return results

    def ingest_file(self, path: Path) -> IngestResult:
        try:
            return self._ingest_file(path)
        except IngestError as e:
            return IngestResult(path, path.stem, Status.FAILED, error=e.user_message())
        except StoreError as e:
            return IngestResult(path, path.stem, Status.FAILED, error=f"{path.name}: {e.user_message()}")
        except OSError as e:
            return IngestResult(path, path.stem, Status.FAILED, error=f"{path.name}: cannot read ({e.strerror})")

    def _ingest_file(self, path: Path) -> IngestResult:
        model_name = settings.embed_model_id(self.embedder.model_path)
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        old = self.facts.document(path.stem)
        if old and old.sha256 == sha and old.embed_model == model_name:
            return IngestResult(path, path.stem, Status.UNCHANGED, old.company, old.periods, old.facts, old.chunks)
        ex = extract(path)
        from index.chunks import make_chunks

        chunks = make_chunks(ex.loaded.blocks, ex.document, sha, self.embedder.count_tokens)
        embeddings = self.embedder.get_text_embedding_batch([c.text for c in chunks]) if chunks else []
        spans = {f.period: (f.period_end, f.months) for f in ex.facts if f.months}
        periods = tuple(sorted(spans, key=lambda p: (spans[p], p)))
        record = DocumentRecord(
            document=ex.document, path=str(path), sha256=sha, format=ex.loaded.format, company=ex.meta.company,
            short_name=ex.meta.short_name, ticker=ex.meta.ticker, period=ex.meta.period,
            period_end=ex.meta.period_end, currency=ex.meta.currency, release_date=ex.meta.release_date,
            fiscal_year_end_month=ex.meta.calendar.fy_end_month, fiscal_label_shift=ex.meta.calendar.label_shift,
            facts=len(ex.facts), chunks=len(chunks), embed_model=model_name, periods=periods,
        )
        old_ids = self.vectors.ids_for(ex.document)
        new_ids = {c.id for c in chunks}
        chunk_meta = {"company": ex.meta.company, "period": ex.meta.period,
                      "period_end": ex.meta.period_end.isoformat() if ex.meta.period_end else ""}
        # All or nothing: facts are written in an open SQLite transaction; the chunks are added to Chroma
        # inside it; if Chroma fails the transaction rolls back, if the commit fails the new chunks are removed.
        added = False
        try:
            with self.facts.transaction() as conn:
                self.facts.replace_document(conn, record, ex.facts)
                try:
                    self.vectors.add(chunks, embeddings, chunk_meta)
                    added = True
                except Exception as e:  # chromadb raises many types; the transaction must roll back
                    raise StoreError(f"the vector store refused the chunks: {e}") from e
        except BaseException:
            if added:
                self.vectors.delete(sorted(new_ids - set(old_ids)))
            raise
        self.vectors.delete([i for i in old_ids if i not in new_ids])
        status = Status.REPLACED if old else Status.INGESTED
        return IngestResult(path, ex.document, status, record.company, periods, len(ex.facts), len(chunks))


__all__ = ["Extraction", "Index", "IngestResult", "Status", "discover", "extract", "header_dates"]
