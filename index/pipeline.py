"""Ingest: release files -> facts (SQLite or PostgreSQL) + chunks (Chroma), idempotent by content hash, one
document at a time all-or-nothing. A file that fails is reported with its reason and the others still ingest."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from index import bounds, settings
from index.ahead import ReadAhead
from index.blocks import LoadedDocument, RawTable
from index.equity import names_carried_on
from index.errors import DuplicateDocumentError, EarningsQAError, IngestError, NothingReadError, StoreError, shown
from index.facts import DocumentRecord, Fact, FactStore, Unit, printable
from index.home_lock import writing
from index.loaders import SUFFIXES, load
from index.memo import EmbeddingMemo
from index.metadata import ReleaseMeta, apply_overrides, detect, reports_years
from index.narrative import prose_facts, spans_checked
from index.numbers import bracketed_scale, scales_named
from index.periods import header_periods, scan_header
from index.readings import forget as forget_readings
from index.reports import IngestReport, TableOutcome, TableReport, report
from index.sidecar import sidecar_bytes
from index.sources import KeptSources, keep_sources
from index.tables import (
    categories_carried_on,
    continued_tables,
    own_scale,
    statement_title,
    table_facts,
    why_no_facts,
)

if TYPE_CHECKING:  # index.chunks imports llama-index (2 s): only ingesting and "why" questions need it
    from index.chunks import Chunk, SentenceTransformerEmbedding, VectorStore


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
    report: IngestReport | None = None  # what was read of it; None for a failed file or a document ingested before


@dataclass(frozen=True)
class Extraction:
    document: str
    loaded: LoadedDocument
    meta: ReleaseMeta
    facts: list[Fact]
    report: IngestReport = IngestReport()
    sources: KeptSources | None = None  # what a source view shows of it (index.sources)


log = logging.getLogger(__name__)


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[IngestResult]]:
    """Files to ingest (folders recursively, supported suffixes, sorted) and failed results for paths that give
    none: a path that does not exist, is no file or folder, or a folder that holds no release file."""
    files: list[Path] = []
    missing: list[IngestResult] = []
    for p in paths:
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
            if not found:
                missing.append(IngestResult(p, p.name, Status.FAILED, error=f"{shown(str(p))}: the folder holds no "
                                            f"release files ({' '.join(sorted(SUFFIXES))})"))
            files.extend(found)
        elif p.is_file():
            files.append(p)
        elif p.exists():
            missing.append(IngestResult(p, p.stem, Status.FAILED, error=f"{shown(str(p))}: not a file or folder"))
        else:
            missing.append(IngestResult(p, p.stem, Status.FAILED, error=f"{shown(str(p))}: no such file or folder"))
    return files, missing


def extract(path: Path) -> Extraction:
    """Read and understand one release: metadata, table facts and prose facts. No store is touched."""
    try:
        return _extract(path)
    finally:
        forget_readings()  # what its readers remembered of this release (index.readings) is of no use to the next


def _extract(path: Path) -> Extraction:
    loaded = load(path)
    dates = header_dates(loaded)
    meta = apply_overrides(detect(loaded.text, path.stem, dates, reports_years(loaded)), path)
    facts: list[Fact] = []
    prose = prose_facts(loaded.blocks, meta, path.stem)
    tables = categories_carried_on(names_carried_on(continued_tables(loaded.tables, meta)))
    scales = table_scales(tables, meta, path.stem, prose, text=loaded.text)
    # facts, numbering only the tables that hold figures
    number = 0
    told: list[TableReport] = []
    numbered: list[tuple[int, RawTable]] = []
    for table, sc in zip(tables, scales, strict=True):
        bounds.tick()
        found = table_facts(table, meta, path.stem, number + 1, inherited_scale=sc)
        if found:
            number += 1
            numbered.append((number, table))
            facts.extend(found)
        told.extend(_told(table, meta, path.stem, found, sc))
    facts.extend(spans_checked(prose, facts))
    facts = [f for f in facts if printable(f.value, f.unit)]  # no garbage magnitude ever becomes a fact
    kept = keep_sources(loaded.format, numbered, loaded.blocks, facts, loaded.pages)
    loaded.pages = []  # the words were for the boxes: not carried to the ingest process
    return Extraction(path.stem, loaded, meta, snap_period_ends(facts, dates),
                      report(told, (f.statement for f in facts)), kept)


def _told(table: RawTable, meta: ReleaseMeta, document: str, found: list[Fact], scale: int | None
          ) -> list[TableReport]:
    """The table as its ingest report tells it: read, partly read (amounts left out for want of a scale) or
    skipped with the reason; nothing for what is no table (index.tables.why_no_facts)."""
    rows = sum(1 for r in table.rows if r.values)
    title = statement_title(table)
    if title == f"Table {table.position}":  # no title printed: the parser's own count means nothing to a reader
        first = next((r.label for r in table.rows if r.label), "")
        title = f"first row: {first}" if first else "untitled"
    left_out = 0
    if scale is None:  # the amounts of a table of unknown scale are left out (index.pipeline.table_scales)
        left_out = sum(f.unit == Unit.CURRENCY for f in table_facts(table, meta, document, inherited_scale=1)) - (
            sum(f.unit == Unit.CURRENCY for f in found))
    unscaled = (f"no scale is stated for it ('in thousands', 'in millions') and none could be inferred, so its "
                f"{left_out} amounts were left out")
    if not found:
        why = unscaled if left_out > 0 else why_no_facts(table, meta)
        return [TableReport(table.where, title, rows, 0, TableOutcome.SKIPPED, why)] if why else []
    if left_out > 0:
        return [TableReport(table.where, title, rows, len(found), TableOutcome.PARTLY, unscaled)]
    return [TableReport(table.where, title, rows, len(found), TableOutcome.READ)]


def table_scales(tables: list[RawTable], meta: ReleaseMeta, document: str, prose: list[Fact],
                 text: str = "") -> list[int | None]:
    """The scale of each table: the one it states; else the last caption's above it, unless figures stated
    elsewhere contradict it (statements printed in dollars below a highlights table captioned '(in thousands)':
    from there on the caption no longer reaches); else the one under which it agrees with figures stated
    elsewhere; else, for a document's only table, the one scale its text names; else None (its amounts are left
    out)."""
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
        agreed = None
        if sc is None and last is None and meta.scale == 1:
            # no caption anywhere above, and the release names no scale: amounts in units, unless two of them or
            # more agree under one other scale with figures stated elsewhere ('45,007' beside "Net cash provided
            # by operations was $45.0 million"), none in units
            if stated is None:
                stated = prose + [f for j, s in enumerate(own) if s for f in facts(j, s)]
            votes = scale_votes(t, meta, document, stated, by_value=True)
            if len(votes) == 1 and 1 not in votes and max(votes.values()) >= 2:
                agreed = next(iter(votes))
        scales.append(sc or last or agreed or (1 if meta.scale == 1 else None))
        last = sc or last
    if None in scales:  # no caption above: the scale under which the table agrees with the rest
        # (a table of unknown scale still gives the amounts whose rows state their own: 'Revenue (US$mn)'; a table
        # never votes with its own figures)
        known = [facts(i, sc) for i, sc in enumerate(scales)]
        scales = [sc or scale_from_text(t, meta, document, prose + [f for j, got in enumerate(known) if j != i
                                                                    for f in got])
                  for i, (t, sc) in enumerate(zip(tables, scales, strict=True))]
    lone = [i for i, t in enumerate(tables) if sum(1 for r in t.rows if r.values) >= 2]
    if lone and len({tables[i].where for i in lone}) == 1 and len(set(scales_named(text))) == 1:
        # a note with one table (or one printed table split at a year's rows) and its caption in the text, above
        # or below it ('Other current assets consist of (in thousands):'): nothing else the caption could be for
        for i in lone:
            scales[i] = scales[i] or scales_named(text)[0]
    return scales


def scale_from_text(table: RawTable, meta: ReleaseMeta, document: str, known: list[Fact]) -> int | None:
    """A table with no scale caption whose release states a scale only elsewhere: the scale under which its
    amounts agree (within 1%) with the same metric and period stated in the release's sentences or in its
    captioned tables."""
    votes = scale_votes(table, meta, document, known, (1, 1_000, 100_000, 1_000_000, 10_000_000, 1_000_000_000))
    return next(iter(votes)) if len(votes) == 1 else None


def scale_votes(table: RawTable, meta: ReleaseMeta, document: str, known: list[Fact],
                candidates: tuple[int, ...] = (1, 1_000, 1_000_000, 1_000_000_000), *,
                by_value: bool = False) -> dict[int, int]:
    """For each scale, how many of the table's amounts (as printed: it states no scale of its own) agree within 1%
    with the same metric and period in `known`; scales no amount agrees under are left out. Lakh and crore are
    candidates only where asked for. `by_value`: where no amount agrees under its own metric, amounts under any
    name (`_value_votes`)."""
    stated = {(f.metric, f.period_end, f.months): abs(f.value) for f in known if f.unit == Unit.CURRENCY}
    votes: dict[int, int] = {}
    if not stated:
        return votes
    printed = [f for f in table_facts(table, meta, document, inherited_scale=1)
               if f.unit == Unit.CURRENCY and f.value and not bracketed_scale(f.label)]
    # (a row that states its own scale agrees under every scale the table might have)
    for f in printed:
        said = stated.get((f.metric, f.period_end, f.months))
        for candidate in candidates if said else ():
            if abs(abs(f.value) * candidate - said) <= said / 100:
                votes[candidate] = votes.get(candidate, 0) + 1
    return votes or (_value_votes(printed, stated, candidates) if by_value else {})


def _value_votes(printed: list[Fact], stated: dict[tuple[str, date, int], Decimal],
                 candidates: tuple[int, ...]) -> dict[int, int]:
    """No metric stated elsewhere under a row's name: for each scale, how many of the table's rows (printed with
    three digits or more, so that no '1.5' agrees by chance) agree within 1% with some amount stated for the same
    period under another name ('Cash provided by operating activities 45,007' and "Net cash provided by operations
    was $45.0 million"). Only for a release that names no scale anywhere: where it names some, so many figures
    are stated that two rows agree with one of them by chance (Larsen & Toubro's crore read as millions)."""
    by_period: dict[tuple[date, int], list[Decimal]] = defaultdict(list)
    for (_, end, months), value in stated.items():
        by_period[end, months].append(value)
    rows: dict[int, set[str]] = defaultdict(set)
    for f in printed:
        if abs(f.value) < 100:
            continue
        for candidate in candidates:
            if any(abs(abs(f.value) * candidate - said) <= said / 100 for said in by_period[f.period_end, f.months]):
                rows[candidate].add(f.label)
    return {candidate: len(labels) for candidate, labels in rows.items() if len(labels) >= 2}  # one may be chance


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


def _labels(facts: Sequence[Fact]) -> list[str]:
    return sorted({f.label for f in facts})


class Index:
    """The data home: the fact store and the vector store, opened together."""

    def __init__(self, home: Path | None = None, embedder: SentenceTransformerEmbedding | None = None, *,
                 model_in_child: bool = False) -> None:
        """model_in_child: the embedding model this index makes (when none is given) lives in a process of its
        own (index.model), as servers want; stopped when the index is closed."""
        self.home = settings.data_home(home)
        self.home.mkdir(parents=True, exist_ok=True)
        self.facts = FactStore(settings.database_url() or settings.facts_db_path(self.home))
        self._vectors: VectorStore | None = None
        self._embedder = embedder
        self._model_in_child = model_in_child
        self._owns_embedder = embedder is None
        self._memo: EmbeddingMemo | None = None  # while ingest() runs: each distinct text embedded once (index.memo)
        self._chunked: dict[Path, list[Chunk]] = {}  # while ingest() runs: chunks cut ahead (_embed_ahead)
        # an embedded Chroma client sees what was on disk when it was opened: the chunk generations committed then
        # or written through it since; another process's later ingest makes it reopen (use_vectors)
        self._vectors_seen: set[str] = set()
        self._vector_users = 0
        self._vector_reopening = False
        self._vector_turn = threading.Condition()
        self._opening = threading.Lock()  # the vector store and the model are made once, from whichever thread

    @property
    def vectors(self) -> VectorStore:
        if self._vectors is None:
            with self._opening:
                if self._vectors is None:
                    from index.chunks import VectorStore

                    seen = {d.chunk_generation for d in self.facts.documents()}  # before opening: all on disk
                    url = settings.chroma_url()
                    self._vectors = VectorStore(self.home, url, settings.chroma_collection(self.facts.identity, url))
                    self._vectors_seen = seen
        return self._vectors

    @contextmanager
    def use_vectors(self, documents: Sequence[DocumentRecord | None] = ()) -> Iterator[VectorStore]:
        """The vector store, for a block that reads or writes it. An embedded Chroma client does not see what
        another process wrote after it was opened (its queries fail with 'Error finding id', or miss the new
        chunks), so when one of `documents` was committed by another process since, the client is reopened
        first: after every block using it has ended, and before any other starts. A Chroma server needs none."""
        vectors = self.vectors
        stale = self._stale(documents)
        with self._vector_turn:
            if stale:
                self._vector_turn.wait_for(lambda: not self._vector_reopening)
                if self._stale(documents):  # else another thread reopened it meanwhile
                    self._vector_reopening = True
                    self._vector_turn.wait_for(lambda: self._vector_users == 0)
                    try:
                        seen = {d.chunk_generation for d in self.facts.documents()}
                        vectors.reopen()
                        self._vectors_seen = seen
                    finally:
                        self._vector_reopening = False
                        self._vector_turn.notify_all()
            self._vector_turn.wait_for(lambda: not self._vector_reopening)
            self._vector_users += 1
        try:
            yield vectors
        finally:
            with self._vector_turn:
                self._vector_users -= 1
                self._vector_turn.notify_all()

    def _stale(self, documents: Sequence[DocumentRecord | None]) -> bool:
        return self.vectors.embedded and any(d is not None and d.chunk_generation not in self._vectors_seen
                                             for d in documents)

    @property
    def embedder(self) -> SentenceTransformerEmbedding:
        if self._embedder is None:
            with self._opening:
                if self._embedder is None:
                    from index.chunks import SentenceTransformerEmbedding

                    self._embedder = SentenceTransformerEmbedding(in_child=self._model_in_child)
        return self._embedder

    def close(self) -> None:
        self.facts.close()
        if self._owns_embedder and self._embedder is not None:
            self._embedder.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ingest(self, paths: Iterable[Path], on_progress: Callable[[Path, IngestResult | None], None] | None = None,
               *, replace: bool = False, force: bool = False) -> list[IngestResult]:
        """Ingest files and folders; one result per file (and per path that holds none). With replace=True a
        file replaces an indexed document of the same id that came from another path; with force=True an
        unchanged file is read and embedded again."""
        files, results = discover(paths)
        if not files:
            return results
        # one writing process per data home: another is told, never interleaved
        with self._writing():
            # the releases to read are read in worker processes, a window at a time, while the model loads and the
            # vector store opens (index.ahead); then the window's texts are embedded in one pass (_embed_ahead)
            to_read = [p for p in files if self._needs_reading(p, force)]
            if to_read:
                threading.Thread(target=self._load_model, name="earnings-qa-model", daemon=True).start()
            window = settings.INGEST_WINDOW
            ahead = ReadAhead(to_read, extract, at_once=window)
            self._memo = EmbeddingMemo(self.embedder.get_text_embedding_batch)
            try:
                self._ingest_windows(files, ahead, window, results, on_progress, replace=replace, force=force)
            finally:
                self._memo = None
                self._chunked.clear()
                ahead.close()
        return results

    def _ingest_windows(self, files: list[Path], ahead: ReadAhead, window: int, results: list[IngestResult],
                        on_progress: Callable[[Path, IngestResult | None], None] | None, *, replace: bool,
                        force: bool) -> None:
        """The files a window at a time: the window's new texts embedded together, then each file ingested on its
        own (ingest_file: all or nothing), its result appended to `results`."""
        with self.use_vectors():
            for start in range(0, len(files), window):
                group = files[start:start + window]
                if on_progress:
                    on_progress(group[0], None)
                self._embed_ahead(group, ahead)
                for path in group:
                    if on_progress:
                        on_progress(path, None)
                    result = self.ingest_file(path, replace=replace, force=force, ahead=ahead)
                    ahead.forget(path)
                    results.append(result)
                    if on_progress:
                        on_progress(path, result)

    def _embed_ahead(self, paths: Sequence[Path], ahead: ReadAhead) -> None:
        """The texts of the releases read ahead (their chunks and row labels) embedded in one pass, shortest
        first, into the memo the ingest of each then takes its vectors from (settings.INGEST_WINDOW). A release
        that could not be read is left to its own ingest, which reports it."""
        from index.chunks import make_chunks

        texts: list[str] = []
        for path in paths:
            try:
                ex = ahead.ready(path)
                if ex is None:
                    continue
                chunks = make_chunks(ex.loaded.blocks, ex.document, "", self.embedder.count_tokens)
            except Exception:  # noqa: BLE001 - its own ingest reads it again and reports why it fails
                log.debug("embedding %s ahead failed", path, exc_info=True)
                continue
            self._chunked[path] = chunks
            texts.extend(c.text for c in chunks)
            texts.extend(_labels(ex.facts))
        if texts and self._memo is not None:
            try:  # in order of length: a window of more texts than one call takes is cut into calls of like texts
                self._memo(sorted(dict.fromkeys(texts), key=len))
            except Exception:  # noqa: BLE001 - each release's own ingest embeds its texts again and reports the error
                log.debug("embedding a window of releases failed", exc_info=True)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """This process as the index's only writer: the data home's lock (the processes of this host), then the
        fact store's (every host sharing its database; for SQLite the home's lock is the store's)."""
        with writing(self.home), self.facts.writer():
            yield

    def _needs_reading(self, path: Path, force: bool) -> bool:
        """Whether ingesting the file will read it (not unchanged since it was ingested with this model)."""
        try:
            bounds.check_file_size(path, path.stat().st_size)  # as ingesting does: nothing oversized is hashed
            return force or not self._unchanged(self.facts.document(path.stem), content_sha256(path))
        except (OSError, EarningsQAError):
            return False  # reported when its turn comes

    def _unchanged(self, old: DocumentRecord | None, sha: str) -> bool:
        """The file is the indexed document's content, embedded with this model."""
        return (old is not None and old.sha256 == sha
                and old.embed_model == settings.embed_model_id(self.embedder.model_path))

    def _load_model(self) -> None:
        try:
            self.embedder.get_text_embedding("warm up")
        except Exception:  # noqa: BLE001 - embedding the first release reports it, by file
            log.debug("loading the model ahead of the first release failed", exc_info=True)

    def ingest_file(self, path: Path, *, replace: bool = False, force: bool = False,
                    ahead: ReadAhead | None = None) -> IngestResult:
        """One file; force=True reads it again even when its content and model are unchanged (`check`); `ahead`:
        where it may already be read (index.ahead)."""
        try:
            with bounds.time_limit(path):
                return self._ingest_file(path, replacing=replace, force=force, ahead=ahead)
        except IngestError as e:
            return IngestResult(path, path.stem, Status.FAILED, error=e.user_message())
        except StoreError as e:
            return IngestResult(path, path.stem, Status.FAILED, error=f"{shown(path.name)}: {e.user_message()}")
        except OSError as e:
            return IngestResult(path, path.stem, Status.FAILED,
                                error=f"{shown(path.name)}: cannot read ({e.strerror or e})")
        except Exception as e:  # noqa: BLE001 - a bug in reading one file fails that file, never the batch
            log.exception("ingesting %s failed", path)
            return IngestResult(path, path.stem, Status.FAILED, error=f"{shown(path.name)}: could not be read "
                                f"({type(e).__name__}; the details are logged). The rest of the batch goes on")

    def _ingest_file(self, path: Path, replacing: bool, force: bool = False,
                     ahead: ReadAhead | None = None) -> IngestResult:
        """One document, atomic across the two stores. The commit point is the SQLite transaction that writes
        the document's row: its `generation` says which chunks are the document's (their ids carry it). Chunks
        of a new version are added to Chroma before that commit, under their new generation, and the old
        version's are deleted after it; a kill anywhere leaves the old version or the new one, plus chunks of
        another generation that retrieval ignores and the next ingest of the document or `check` removes."""
        model_name = settings.embed_model_id(self.embedder.model_path)
        bounds.check_file_size(path, path.stat().st_size)
        sha = content_sha256(path)
        old = self.facts.document(path.stem)
        if old and self._unchanged(old, sha) and not force:
            self._drop_leftovers(old.document, old)
            if old.facts and not self.facts.has_label_vectors(old.document):
                # a home made before row labels were embedded: add them (facts and chunks stay as they are)
                labels = self._label_vectors(self.facts.facts(document=old.document))
                with self.facts.transaction() as conn:
                    self.facts.add_label_vectors(conn, old.document, labels)
            return IngestResult(path, path.stem, Status.UNCHANGED, old.company, old.periods, old.facts, old.chunks,
                                report=old.report)
        if old and not replacing and not same_file(old.path, path):
            raise DuplicateDocumentError(path, old.document, old.path)
        ex = ahead.take(path) if ahead is not None and ahead.ahead(path) else extract(path)
        from index.chunks import chunk_id, make_chunks

        gen = generation(sha, model_name)
        chunks = self._chunked.pop(path, None)
        if chunks is None:
            chunks = make_chunks(ex.loaded.blocks, ex.document, gen, self.embedder.count_tokens)
        else:  # cut while the window was embedded (_embed_ahead), before the generation was known
            chunks = [replace(c, id=chunk_id(ex.document, gen, c.position)) for c in chunks]
        if not ex.facts and not chunks:
            raise NothingReadError(path)
        spans = {f.period: (f.period_end, f.months) for f in ex.facts if f.months}
        periods = tuple(sorted(spans, key=lambda p: (spans[p], p)))
        record = DocumentRecord(
            document=ex.document, path=str(path.resolve()), sha256=sha, format=ex.loaded.format,
            company=ex.meta.company, short_name=ex.meta.short_name, ticker=ex.meta.ticker, period=ex.meta.period,
            period_end=ex.meta.period_end, currency=ex.meta.currency, release_date=ex.meta.release_date,
            fiscal_year_end_month=ex.meta.calendar.fy_end_month, fiscal_label_shift=ex.meta.calendar.label_shift,
            facts=len(ex.facts), chunks=len(chunks), embed_model=model_name, periods=periods,
            encoding=ex.loaded.encoding, generation=gen, report=ex.report,
        )
        chunk_meta = {"company": ex.meta.company, "period": ex.meta.period,
                      "period_end": ex.meta.period_end.isoformat() if ex.meta.period_end else ""}
        self._drop_leftovers(ex.document, old)  # chunks of an ingest that was interrupted before its commit
        new_ids = [c.id for c in chunks]
        try:
            # embedded and added a few hundred at a time (one file's vectors are never all in memory); until the
            # commit below they are another generation's, which retrieval ignores
            step = settings.EMBED_CALL_SIZE
            for start in range(0, len(chunks), step):
                bounds.tick()
                batch = chunks[start:start + step]
                embeddings = self._embed([c.text for c in batch])
                try:
                    self.vectors.add(batch, embeddings, chunk_meta)
                except Exception as e:  # chromadb raises many types
                    raise StoreError(f"the vector store refused the chunks: {e}") from e
            labels = self._label_vectors(ex.facts)
            with self.facts.transaction() as conn:  # the commit point
                self.facts.replace_document(conn, record, ex.facts, labels, ex.sources)
            self._vectors_seen.add(gen)  # written through this client: it sees them
        except BaseException:
            if not old or old.chunk_generation != gen:
                self.vectors.delete(new_ids)
            raise
        self._drop_leftovers(ex.document, record)  # the old version's chunks
        status = Status.REPLACED if old else Status.INGESTED
        return IngestResult(path, ex.document, status, record.company, periods, len(ex.facts), len(chunks),
                            report=ex.report)

    def _label_vectors(self, facts: Sequence[Fact]) -> dict[str, list[float]]:
        """The embeddings of the facts' row labels, for matching a question's words to rows by meaning
        (assistant.similar)."""
        labels = _labels(facts)
        vectors = self._embed(labels) if labels else []
        return dict(zip(labels, vectors, strict=True))

    def _embed(self, texts: list[str]) -> list[list[float]]:
        return self._memo(texts) if self._memo is not None else self.embedder.get_text_embedding_batch(texts)

    def _drop_leftovers(self, document: str, committed: DocumentRecord | None) -> None:
        """Delete the document's chunks that are not of its committed generation."""
        self.vectors.delete([i for i in self.vectors.ids_for(document) if not is_live(i, committed)])

    def check(self, repair: bool = True) -> CheckReport:
        """Find what an interrupted ingest or a damaged store left behind, and with repair=True mend it: chunks
        of no committed document version are deleted; a document whose chunks or facts are incomplete is
        ingested again from its file when the file is unchanged, and otherwise named."""
        with self._writing() if repair else nullcontext(), self.use_vectors():
            return self._check(repair)

    def _check(self, repair: bool) -> CheckReport:
        records = {d.document: d for d in self.facts.documents()}
        stale: list[str] = []
        live: dict[str, int] = {}
        for chunk_id, document in self.vectors.all_ids():
            if is_live(chunk_id, records.get(document)):
                live[document] = live.get(document, 0) + 1
            else:
                stale.append(chunk_id)
        counted = self.facts.fact_counts()
        incomplete = sorted(d for d, r in records.items()
                            if live.get(d, 0) != r.chunks or counted.get(d, 0) != r.facts)
        report = CheckReport(documents=len(records), chunks=sum(live.values()), stale_chunks=len(stale),
                             incomplete=tuple(incomplete))
        if not repair:
            return report
        self.vectors.delete(stale)
        mended: list[str] = []
        unmendable: list[str] = []
        for name in incomplete:
            record = records[name]
            path = Path(record.path)
            try:
                same = path.is_file() and content_sha256(path) == record.sha256
            except OSError:
                same = False
            if not same:
                unmendable.append(f"{shown(name)}: its file {shown(record.path)} is gone or changed; ingest it again")
                continue
            # its chunks go, its facts stay until the new reading commits (a failed reading loses nothing more)
            self.vectors.delete(self.vectors.ids_for(name))
            result = self.ingest_file(path, force=True)
            if result.status == Status.FAILED:
                unmendable.append(result.error or name)
            else:
                mended.append(name)
        return replace(report, repaired=True, reingested=tuple(mended), unrepaired=tuple(unmendable))


@dataclass(frozen=True)
class CheckReport:
    documents: int
    chunks: int  # chunks of committed document versions
    stale_chunks: int  # chunks of no committed version (an interrupted ingest's)
    incomplete: tuple[str, ...]  # documents whose chunks or facts do not match their record
    repaired: bool = False
    reingested: tuple[str, ...] = ()
    unrepaired: tuple[str, ...] = ()  # why a document could not be mended

    @property
    def consistent(self) -> bool:
        """Whether the home is consistent now (after the repair, when one was made)."""
        if self.repaired:
            return not self.unrepaired
        return not self.stale_chunks and not self.incomplete


def content_sha256(path: Path) -> str:
    """What says whether a release changed: its bytes, and its `<stem>.meta.json` when it has one (editing the
    sidecar is a change too). A release without a sidecar hashes as its bytes alone, as homes made before recorded."""
    digest = hashlib.sha256(path.read_bytes())
    extra = sidecar_bytes(path)
    if extra is not None:
        digest.update(b"\0meta.json\0" + extra)
    return digest.hexdigest()


def generation(sha256: str, model: str) -> str:
    """What the chunks of one version of a document (its content, embedded by one model) carry in their ids."""
    return hashlib.sha256(f"{sha256}|{model}".encode()).hexdigest()[:12]


def chunk_generation(chunk_id: str) -> str:
    """The generation a chunk id carries ('<document>:<generation>:<n>')."""
    parts = chunk_id.rsplit(":", 2)
    return parts[1] if len(parts) == 3 else ""


def is_live(chunk_id: str, record: DocumentRecord | None) -> bool:
    """Whether a chunk belongs to the committed version of its document (record: the document's, or None)."""
    return record is not None and chunk_generation(chunk_id) == record.chunk_generation


def same_file(recorded: str, path: Path) -> bool:
    """Whether a document's recorded path is this file (recorded paths may be relative, from an older home)."""
    try:
        return Path(recorded).resolve() == path.resolve()
    except OSError:
        return False


__all__ = ["CheckReport", "Extraction", "Index", "IngestResult", "Status", "discover", "extract", "header_dates"]
