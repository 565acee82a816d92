"""The Fact record (one reported number with provenance) and the fact store (SQLite or PostgreSQL)."""

from __future__ import annotations

import json
import re
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from index.databases import Connections, open_database
from index.errors import StoreError
from index.reports import IngestReport
from index.sources import KeptSources


class Unit(StrEnum):
    CURRENCY = "currency"
    PERCENT = "percent"
    PER_SHARE = "per_share"
    SHARES = "shares"
    RATIO = "ratio"
    COUNT = "count"
    OTHER = "other"


class Scale(StrEnum):
    UNITS = "units"
    THOUSANDS = "thousands"
    MILLIONS = "millions"
    BILLIONS = "billions"

    @property
    def factor(self) -> int:
        return {"units": 1, "thousands": 1_000, "millions": 1_000_000, "billions": 1_000_000_000}[self.value]


class FactKind(StrEnum):
    REPORTED = "reported"
    CALCULATED = "calculated"


@dataclass(frozen=True)
class Fact:
    document: str
    company: str
    statement: str  # the table's title, or "Text" for a figure stated in prose
    label: str
    metric: str
    period: str  # "Q2 2025", "Q1 FY2026", "Jun 30, 2025"
    period_end: date
    months: int  # 0 = point in time
    currency: str | None
    unit: Unit
    value: Decimal  # in base units
    kind: FactKind = FactKind.REPORTED
    locator: str = ""  # "table 2, row 14, column 3" or "paragraph 4"
    column: str = ""  # the column header as printed ("Three Months Ended Jun 30, 2025 RMB")
    quote: str = ""  # the cell or sentence as printed
    section: str = ""  # heading row above the label ("Net loss per share")

    def to_json(self) -> dict:
        d = asdict(self)
        d["period_end"] = self.period_end.isoformat()
        d["value"] = json_number(self.value)
        d["unit"] = self.unit.value
        d["kind"] = self.kind.value
        return d


# a column's header as index.tables writes it ('Twelve Months Ended Jun 30, 2019 USD'), before the name a column of
# categories adds ('... USD Current')
_HEADER_PERIOD = re.compile(r"^(?:As of|\w+ Months Ended) [A-Z][a-z]{2} \d{1,2}, \d{4}(?: [A-Z]{3})?\s*")


def category_of(fact: Fact) -> str:
    """The category a fact's column names, where its section is that category's ('Current' for 'Gross carrying
    amount' in 'Twelve Months Ended Jun 30, 2019 USD Current'); '' for any other fact."""
    category = _HEADER_PERIOD.sub("", fact.column).strip()
    return category if category and fact.section.startswith(category) else ""


# the largest magnitude a figure may have: a quintillion base units (no company reports more, in any currency);
# a larger number is a typo, garbage or an attack, and never becomes a fact
MAX_MAGNITUDE = Decimal(10) ** 18
MAX_PERCENT = Decimal(10) ** 6


def printable(value: Decimal, unit: Unit) -> bool:
    """A finite value within the magnitudes a release can report (percentages within a million per cent)."""
    if not value.is_finite():
        return False
    return abs(value) < (MAX_PERCENT if unit in (Unit.PERCENT, Unit.RATIO) else MAX_MAGNITUDE)


def json_number(v: Decimal) -> int | float:
    """Decimal -> a JSON number without float noise for values that are whole."""
    if v == v.to_integral_value():
        return int(v)
    return float(v)


@dataclass(frozen=True)
class DocumentRecord:
    document: str
    path: str
    sha256: str
    format: str
    company: str
    short_name: str
    ticker: str | None
    period: str
    period_end: date | None
    currency: str | None
    release_date: date | None
    fiscal_year_end_month: int
    fiscal_label_shift: int
    facts: int
    chunks: int
    embed_model: str
    periods: tuple[str, ...] = ()
    encoding: str = ""  # what a text file was read in ("utf-8", "cp1252", "utf-16"); "" for a PDF
    # what the document's chunks carry in their ids (see index.pipeline: the commit point of an ingest); "" for a
    # document ingested before generations were kept, whose chunks carry sha256[:12]
    generation: str = ""
    report: IngestReport | None = None  # what its ingest read (None: ingested before reports were kept)

    @property
    def chunk_generation(self) -> str:
        return self.generation or self.sha256[:12]

    def to_json(self) -> dict:
        d = asdict(self)
        d["period_end"] = self.period_end.isoformat() if self.period_end else None
        d["release_date"] = self.release_date.isoformat() if self.release_date else None
        d["periods"] = list(self.periods)
        d["report"] = self.report.to_json() if self.report else None
        return d


_DOC_COLS = ("document, path, sha256, format, company, short_name, ticker, period, period_end, currency, release_date, "
             "fiscal_year_end_month, fiscal_label_shift, facts, chunks, embed_model, periods, encoding, generation, "
             "report")

_FACT_COLS = ("document, company, statement, label, metric, period, period_end, months, currency, unit, value, "
              "kind, locator, col, quote, section")


class FactStore:
    """The documents and their facts, in SQLite (a path: the embedded default) or PostgreSQL (a postgresql:// URL,
    shared by several processes or hosts; index.databases), safe to use from any thread: each thread reads through
    its own connection. Writes go through `transaction()`, ordered across processes and hosts by `writer()`."""

    def __init__(self, location: Path | str) -> None:
        self.database = open_database(location)
        self.where = self.database.where
        self._connections = Connections(self.database)
        conn = self.conn  # the first connection makes the schema, so a bad home fails here
        try:
            self.database.create(conn)
            self.identity = conn.execute("SELECT id FROM store").fetchone()[0]
        except self.database.errors as e:
            raise StoreError(f"cannot open the fact store {self.where}: {e}") from e

    @property
    def conn(self) -> Any:
        """This thread's connection, opened on its first use."""
        return self._connections.get()

    def _run(self, sql: str, args: Sequence[object] = ()) -> Any:
        return self.conn.execute(self.database.sql(sql), args)

    def close(self) -> None:
        """Close every thread's connection (the store is done with; a thread using it after opens a new one)."""
        self._connections.close()

    def writer(self) -> Any:
        """A block in which this process is the store's only writer (for SQLite the data home's lock does it:
        index.home_lock; for PostgreSQL a lock in the database, across hosts)."""
        return self.database.writer()

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        conn = self.conn
        self.database.begin(conn)
        try:
            yield conn
            self.database.changed(conn)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")
        finally:
            self._connections.local.documents = None  # this connection's own write (SQLite's data_version skips it)

    def document(self, name: str) -> DocumentRecord | None:
        row = self._run(f"SELECT {_DOC_COLS} FROM documents WHERE document = ?", (name,)).fetchone()
        return _doc_from_row(row) if row else None

    def documents(self) -> list[DocumentRecord]:
        """Every document, read again only when the database changed since this thread last read them (every
        question asks; a thousand releases are a thousand rows to decode)."""
        conn = self.conn
        version = self.database.version(conn)  # moves when another connection commits
        local = self._connections.local
        kept = getattr(local, "documents", None)
        if kept is None or kept[0] != version:
            rows = self._run(f"SELECT {_DOC_COLS} FROM documents ORDER BY company, period_end, document").fetchall()
            kept = (version, [_doc_from_row(r) for r in rows])
            local.documents = kept
        return list(kept[1])

    def replace_document(self, conn: Any, doc: DocumentRecord, facts: Iterable[Fact],
                         labels: Mapping[str, Sequence[float]] | None = None,
                         sources: KeptSources | None = None) -> None:
        """Inside a transaction: drop the document's old facts (and its row labels' embeddings, and what its
        source view shows) and write the new ones."""
        sql = self.database.sql
        conn.execute(sql("DELETE FROM sources WHERE document = ?"), (doc.document,))
        conn.execute(sql("DELETE FROM labels WHERE document = ?"), (doc.document,))
        conn.execute(sql("DELETE FROM facts WHERE document = ?"), (doc.document,))
        conn.execute(sql("DELETE FROM documents WHERE document = ?"), (doc.document,))
        conn.execute(
            sql(f"INSERT INTO documents ({_DOC_COLS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
            (doc.document, doc.path, doc.sha256, doc.format, doc.company, doc.short_name, doc.ticker, doc.period,
             doc.period_end.isoformat() if doc.period_end else None, doc.currency,
             doc.release_date.isoformat() if doc.release_date else None, doc.fiscal_year_end_month,
             doc.fiscal_label_shift, doc.facts, doc.chunks, doc.embed_model, json.dumps(list(doc.periods)),
             doc.encoding, doc.generation, json.dumps(doc.report.to_json()) if doc.report else None),
        )
        rows = [(f.document, f.company, f.statement, f.label, f.metric, f.period, f.period_end.isoformat(), f.months,
                 f.currency, f.unit.value, str(f.value), f.kind.value, f.locator, f.column, f.quote, f.section)
                for f in facts]
        if rows:
            conn.cursor().executemany(sql(f"INSERT INTO facts ({_FACT_COLS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
                                      rows)
        self.add_label_vectors(conn, doc.document, labels or {})
        if sources is not None:
            conn.execute(sql("INSERT INTO sources (document, body) VALUES (?, ?)"),
                         (doc.document, json.dumps(sources.to_json(), separators=(",", ":"))))

    def sources(self, document: str) -> KeptSources | None:
        """What the document's source view shows; None for a document unknown or ingested before it was kept."""
        row = self._run("SELECT body FROM sources WHERE document = ?", (document,)).fetchone()
        return KeptSources.from_json(json.loads(row[0])) if row else None

    def add_label_vectors(self, conn: Any, document: str, labels: Mapping[str, Sequence[float]]) -> None:
        """Inside a transaction: the embeddings of a document's row labels."""
        rows = [(document, label, array("f", vec).tobytes()) for label, vec in labels.items()]
        if rows:
            conn.cursor().executemany(self.database.sql(self.database.upsert_label), rows)

    def has_label_vectors(self, document: str) -> bool:
        return self._run("SELECT 1 FROM labels WHERE document = ? LIMIT 1", (document,)).fetchone() is not None

    def label_vectors(self, documents: Sequence[str]) -> dict[str, tuple[float, ...]]:
        """The stored embeddings of the documents' row labels (index.pipeline computes them at ingest); a document
        ingested before they were kept has none."""
        out: dict[str, tuple[float, ...]] = {}
        for start in range(0, len(documents), 500):
            part = list(documents[start:start + 500])
            marks = ",".join("?" * len(part))
            for label, blob in self._run(f"SELECT label, vector FROM labels WHERE document IN ({marks})", part):
                out.setdefault(label, tuple(array("f", bytes(blob))))
        return out

    def row_labels(self, documents: Sequence[str]) -> dict[str, set[str]]:
        """The row labels of each document's facts, read without the facts themselves (a question's vocabulary
        needs every label in scope: decoding a thousand releases' facts for it took seconds)."""
        out: dict[str, set[str]] = {}
        for start in range(0, len(documents), 500):
            part = list(documents[start:start + 500])
            marks = ",".join("?" * len(part))
            for document, label in self._run(
                    f"SELECT DISTINCT document, label FROM facts WHERE document IN ({marks})", part):
                out.setdefault(document, set()).add(label)
        return out

    def facts(self, *, document: str | None = None, company: str | None = None,
              metric: str | None = None) -> list[Fact]:
        sql = f"SELECT {_FACT_COLS} FROM facts WHERE 1=1"
        args: list[object] = []
        if document:
            sql += " AND document = ?"
            args.append(document)
        if company:
            sql += " AND company = ?"
            args.append(company)
        if metric:
            sql += " AND metric = ?"
            args.append(metric)
        sql += " ORDER BY id"
        return [_fact_from_row(r) for r in self._run(sql, args)]

    def count(self) -> int:
        return self._run("SELECT COUNT(*) FROM facts").fetchone()[0]

    def fact_counts(self) -> dict[str, int]:
        """The number of fact rows of each document that has any."""
        return dict(self._run("SELECT document, COUNT(*) FROM facts GROUP BY document").fetchall())


def _fact_from_row(r: tuple) -> Fact:
    return Fact(
        document=r[0], company=r[1], statement=r[2], label=r[3], metric=r[4], period=r[5],
        period_end=date.fromisoformat(r[6]), months=r[7], currency=r[8], unit=Unit(r[9]), value=Decimal(r[10]),
        kind=FactKind(r[11]), locator=r[12], column=r[13], quote=r[14], section=r[15],
    )


def _doc_from_row(r: tuple) -> DocumentRecord:
    return DocumentRecord(
        document=r[0], path=r[1], sha256=r[2], format=r[3], company=r[4], short_name=r[5], ticker=r[6],
        period=r[7], period_end=date.fromisoformat(r[8]) if r[8] else None, currency=r[9],
        release_date=date.fromisoformat(r[10]) if r[10] else None, fiscal_year_end_month=r[11],
        fiscal_label_shift=r[12], facts=r[13], chunks=r[14], embed_model=r[15],
        periods=tuple(json.loads(r[16] or "[]")), encoding=r[17] or "", generation=r[18] or "",
        report=IngestReport.from_json(json.loads(r[19])) if r[19] else None,
    )
