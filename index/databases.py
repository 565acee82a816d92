"""The two databases the fact store runs on, and what differs between them: SQLite (the embedded default, a file
under the data home) and PostgreSQL (EARNINGS_QA_DATABASE_URL, shared by several processes or hosts).

Both are reached through their DB-API drivers (sqlite3, psycopg 3), whose connections share what the store uses:
`execute(sql, args)` returning a cursor, `cursor().executemany`. The store writes its SQL once, with `?` marks;
`Database.sql` turns them into the driver's. (An ORM would hide the two places where the engines really differ,
the change counter and the writer lock, behind more code than the whole store.)"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from index.errors import ConfigError, StoreError

# a fact store's tables, in the portable subset of both engines; {id} and {blob} are each engine's spelling
_TABLES = (
    """CREATE TABLE IF NOT EXISTS documents (
    document TEXT PRIMARY KEY, path TEXT, sha256 TEXT NOT NULL, format TEXT, company TEXT, short_name TEXT,
    ticker TEXT, period TEXT, period_end TEXT, currency TEXT, release_date TEXT, fiscal_year_end_month INTEGER,
    fiscal_label_shift INTEGER, facts INTEGER, chunks INTEGER, embed_model TEXT, periods TEXT, encoding TEXT,
    generation TEXT)""",
    """CREATE TABLE IF NOT EXISTS facts (
    id {id}, document TEXT NOT NULL REFERENCES documents(document) ON DELETE CASCADE,
    company TEXT, statement TEXT, label TEXT, metric TEXT, period TEXT, period_end TEXT, months INTEGER,
    currency TEXT, unit TEXT, value TEXT NOT NULL, kind TEXT, locator TEXT, col TEXT, quote TEXT, section TEXT)""",
    "CREATE INDEX IF NOT EXISTS facts_doc ON facts(document)",
    """CREATE TABLE IF NOT EXISTS labels (
    document TEXT NOT NULL REFERENCES documents(document) ON DELETE CASCADE, label TEXT NOT NULL,
    vector {blob} NOT NULL, PRIMARY KEY (document, label))""",
    "CREATE INDEX IF NOT EXISTS facts_metric ON facts(metric, period_end, months)",
    # what a source view shows of each document (index.sources), as JSON
    """CREATE TABLE IF NOT EXISTS sources (
    document TEXT PRIMARY KEY REFERENCES documents(document) ON DELETE CASCADE, body TEXT NOT NULL)""",
    # one row: what names this store's chunks in a shared Chroma server (FactStore.identity)
    "CREATE TABLE IF NOT EXISTS store (id TEXT NOT NULL)",
)

# a store is named once, when made: the name stays with its data (and a copy of it), whoever opens it
_NAME_STORE = "INSERT INTO store (id) SELECT ? WHERE NOT EXISTS (SELECT 1 FROM store)"

# columns added after the first release of the schema: a store made before gets them on open
ADDED_DOCUMENT_COLUMNS = (("encoding", "TEXT"), ("generation", "TEXT"), ("report", "TEXT"))

WRITER_WAIT_SECONDS = 2.0

# PostgreSQL's advisory locks of one database: the writers' (held while ingesting or repairing) and the schema's
# (held while creating the tables); pg_advisory_lock takes a 64-bit integer
_WRITER_LOCK = int.from_bytes(hashlib.sha256(b"earnings-qa writer").digest()[:8], "big", signed=True)
_SCHEMA_LOCK = _WRITER_LOCK + 1


class Connection(Protocol):
    def execute(self, sql: str, args: Any = ..., /) -> Any: ...
    def cursor(self) -> Any: ...
    def close(self) -> None: ...


class Database(Protocol):
    """One engine: how to connect, its SQL spelling, its change counter and its writer lock."""

    where: str  # shown in messages: a file's path, or the server without its password
    errors: tuple[type[BaseException], ...]  # the driver's errors, which the store reports as StoreError
    upsert_label: str  # writes a row label's vector, replacing the one it had

    def connect(self) -> Connection: ...
    def sql(self, text: str) -> str: ...
    def create(self, conn: Connection) -> None: ...
    def begin(self, conn: Connection) -> None: ...
    def changed(self, conn: Connection) -> None: ...
    def version(self, conn: Connection) -> object: ...
    def writer(self, wait: float = WRITER_WAIT_SECONDS) -> Any: ...


class SQLiteDatabase:
    """A file; WAL lets readers go on while one writer writes. The data home's file lock (index.home_lock) is its
    writer lock."""

    errors = (sqlite3.Error,)
    upsert_label = "INSERT OR REPLACE INTO labels (document, label, vector) VALUES (?,?,?)"

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.where = str(path)

    def connect(self) -> sqlite3.Connection:
        # (check_same_thread off only so that the store's `close` may close it from another thread; it is used by
        # its own thread alone)
        conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=30, check_same_thread=False)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        return conn

    def sql(self, text: str) -> str:
        return text

    def create(self, conn: Connection) -> None:
        for statement in _TABLES:
            conn.execute(statement.format(id="INTEGER PRIMARY KEY", blob="BLOB"))
        have = {r[1] for r in conn.execute("PRAGMA table_info(documents)")}
        for name, kind in ADDED_DOCUMENT_COLUMNS:
            if name not in have:
                conn.execute(f"ALTER TABLE documents ADD COLUMN {name} {kind}")
        conn.execute(_NAME_STORE, (uuid.uuid4().hex,))  # one statement: atomic

    def begin(self, conn: Connection) -> None:
        conn.execute("BEGIN IMMEDIATE")

    def changed(self, conn: Connection) -> None:
        """Inside a write: nothing to count (PRAGMA data_version counts other connections' commits)."""

    def version(self, conn: Connection) -> object:
        return conn.execute("PRAGMA data_version").fetchone()[0]

    @contextmanager
    def writer(self, wait: float = WRITER_WAIT_SECONDS) -> Iterator[None]:
        yield  # the data home's lock (index.home_lock) is held by every writer of this file


class PostgresDatabase:
    """A PostgreSQL server, shared by every process and host that is given its URL. A change counter (table
    `changes`) tells readers that documents changed; an advisory lock orders writers across hosts."""

    upsert_label = ("INSERT INTO labels (document, label, vector) VALUES (?,?,?) "
                    "ON CONFLICT (document, label) DO UPDATE SET vector = EXCLUDED.vector")

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError:
            raise ConfigError("EARNINGS_QA_DATABASE_URL names a PostgreSQL database, but its driver is not "
                              "installed: pip install 'earnings-qa[postgres]' (psycopg)") from None
        self.url = url
        self.where = _without_password(url)
        self.errors = (psycopg.Error,)

    def connect(self) -> Connection:
        import psycopg

        return psycopg.connect(self.url, autocommit=True, connect_timeout=10)

    def sql(self, text: str) -> str:
        return text.replace("?", "%s")  # the store's SQL holds no literal '?' or '%'

    def create(self, conn: Connection) -> None:
        # two processes creating the tables at once collide in PostgreSQL's catalog: one at a time
        conn.execute("BEGIN")
        try:
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
            for statement in _TABLES:
                conn.execute(statement.format(id="BIGSERIAL PRIMARY KEY", blob="BYTEA"))
            for name, kind in ADDED_DOCUMENT_COLUMNS:
                conn.execute(f"ALTER TABLE documents ADD COLUMN IF NOT EXISTS {name} {kind}")
            conn.execute("CREATE TABLE IF NOT EXISTS changes (n BIGINT NOT NULL)")
            conn.execute("INSERT INTO changes (n) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM changes)")
            conn.execute(self.sql(_NAME_STORE), (uuid.uuid4().hex,))
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def begin(self, conn: Connection) -> None:
        conn.execute("BEGIN")

    def changed(self, conn: Connection) -> None:
        """Inside a write: count it, so that every reader's `version` moves at its commit."""
        conn.execute("UPDATE changes SET n = n + 1")

    def version(self, conn: Connection) -> object:
        return conn.execute("SELECT n FROM changes").fetchone()[0]

    @contextmanager
    def writer(self, wait: float = WRITER_WAIT_SECONDS) -> Iterator[None]:
        """One writer across every host sharing the database (each host's data home lock orders only its own
        processes); HomeBusyError when another holds it for longer than `wait` seconds. The lock is a session
        lock on a connection of its own, so a writer that dies releases it with its connection."""
        from index.home_lock import HomeBusyError

        conn = self.connect()
        try:
            deadline = time.monotonic() + wait
            while not conn.execute("SELECT pg_try_advisory_lock(%s)", (_WRITER_LOCK,)).fetchone()[0]:
                if time.monotonic() >= deadline:
                    raise HomeBusyError(f"another earnings-qa process is writing to the database {self.where} "
                                        "(an ingest or a repair, maybe on another host): wait for it to finish")
                time.sleep(0.1)
            yield
        finally:
            conn.close()  # ends the session, and the lock with it


def open_database(location: Path | str) -> Database:
    """A database from a path (SQLite) or a URL (postgresql://...)."""
    text = str(location)
    if text.startswith(("postgresql://", "postgres://")):
        return PostgresDatabase(text)
    if "://" in text:
        raise ConfigError(f"EARNINGS_QA_DATABASE_URL must be a postgresql:// URL, not {_without_password(text)!r}")
    return SQLiteDatabase(Path(location))


def _without_password(url: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


class Connections:
    """Each thread's connection to one database, opened on its first use (SQLite's connections belong to the
    thread that opened them; a psycopg connection runs one statement at a time)."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._local = threading.local()
        self._opened: list[Connection] = []
        self._lock = threading.Lock()

    @property
    def local(self) -> threading.local:
        return self._local

    def get(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is not None and getattr(conn, "closed", False):  # a server's connection that was lost: again
            conn = None
        if conn is None:
            try:
                conn = self.database.connect()
            except self.database.errors as e:
                raise StoreError(f"cannot open the fact store {self.database.where}: {e}") from e
            self._local.conn = conn
            with self._lock:
                self._opened.append(conn)
        return conn

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        self._local = threading.local()
        for conn in opened:
            conn.close()
