"""What an ingest read of a release, told honestly: its tables found, read, partly read and skipped (each skip with
its reason), its facts by statement, and warnings where figures may have been lost (a release that gave few or no
facts, a table of figures that was skipped, amounts left out for want of a scale). Kept with the document in the
fact store, so `ingest`, `documents` and the web upload all show the same report. The warnings' words are made
here and nowhere else."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from lexicon.statements import Statement, statement_kind

FEW_FACTS = 20  # fewer facts than this from a release that holds tables of figures is worth a warning
SKIPPED_ROWS = 3  # a skipped table with this many rows of figures or more is worth a warning
TITLE_CHARS = 70
SHOWN_WARNINGS = 3  # warnings an ingest shows per release (the CLI's table, the web upload); the report has them all


class TableOutcome(StrEnum):
    READ = "read"
    PARTLY = "partly read"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class TableReport:
    where: str  # where the table is in the release: 'line 106', 'page 5', 'table 3'
    title: str  # the statement it belongs to, as printed
    rows: int  # rows that print figures
    facts: int
    outcome: TableOutcome
    reason: str = ""  # why it was skipped or partly read


@dataclass(frozen=True)
class IngestReport:
    tables: tuple[TableReport, ...] = ()
    statements: tuple[tuple[Statement, int], ...] = ()  # facts by statement, most first
    warnings: tuple[str, ...] = field(default=())

    @property
    def found(self) -> int:
        return len(self.tables)

    @property
    def read(self) -> int:
        return sum(t.outcome != TableOutcome.SKIPPED for t in self.tables)

    @property
    def skipped(self) -> int:
        return sum(t.outcome == TableOutcome.SKIPPED for t in self.tables)

    @property
    def first_warnings(self) -> tuple[tuple[str, ...], int]:
        """The warnings an ingest shows, and how many more the whole report holds."""
        return self.warnings[:SHOWN_WARNINGS], max(0, len(self.warnings) - SHOWN_WARNINGS)

    @property
    def tables_line(self) -> str:
        """'5 of 6 tables read' (the short form for a column)."""
        return f"{self.read}/{self.found}"

    def to_json(self) -> dict[str, Any]:
        return {"tables_found": self.found, "tables_read": self.read, "tables_skipped": self.skipped,
                "tables": [asdict(t) | {"outcome": t.outcome.value} for t in self.tables],
                "facts_by_statement": {s.value: n for s, n in self.statements}, "warnings": list(self.warnings)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> IngestReport:
        tables = tuple(TableReport(t["where"], t["title"], t["rows"], t["facts"], TableOutcome(t["outcome"]),
                                   t.get("reason", "")) for t in data.get("tables", ()))
        statements = tuple((Statement(s), n) for s, n in data.get("facts_by_statement", {}).items())
        return cls(tables, statements, tuple(data.get("warnings", ())))


def _short(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= TITLE_CHARS else title[:TITLE_CHARS - 1].rstrip() + "…"


def report(tables: Sequence[TableReport], fact_statements: Iterable[str]) -> IngestReport:
    """The report of one release from what its tables gave and the statement titles of all its facts (tables and
    prose)."""
    counts = Counter(statement_kind(s) for s in fact_statements)
    facts = sum(counts.values())
    warnings: list[str] = []
    if facts == 0:
        warnings.append("no figures were read from it: questions about it are answered from its text only")
    elif facts < FEW_FACTS and tables:
        warnings.append(f"only {facts} facts were read from its {len(tables)} table{'s' * (len(tables) != 1)}")
    for t in tables:
        if t.outcome == TableOutcome.SKIPPED and t.rows >= SKIPPED_ROWS:
            warnings.append(f"the table at {t.where} (“{_short(t.title)}”, {t.rows} rows of figures) was skipped: "
                            f"{t.reason}")
        elif t.outcome == TableOutcome.PARTLY:
            warnings.append(f"the table at {t.where} (“{_short(t.title)}”) was partly read: {t.reason}")
    return IngestReport(tuple(tables), tuple(counts.most_common()), tuple(warnings))
