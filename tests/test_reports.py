"""Honest ingest reports: every table of a release found, read, partly read or skipped with its reason; facts by
statement; warnings (never a tick) where figures may have been lost; the same report in `ingest`, `documents` and
the web upload, kept with the document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from index.pipeline import Index, extract
from index.reports import FEW_FACTS, IngestReport, TableOutcome, TableReport, report
from lexicon.statements import STATEMENT_RULES, Statement, statement_kind
from tests.conftest import FakeEmbedding
from ui import web
from ui.cli import cli

HEAD = """# Acme Widgets Inc. Reports Second Quarter 2025 Results

SPRINGFIELD, July 30, 2025 -- Acme Widgets Inc. (NASDAQ: ACME) today announced financial results for the second
quarter ended June 30, 2025.

"""
STATEMENT = """**Condensed consolidated statements of operations (in thousands)**

| | Three Months Ended June 30, 2025 | Three Months Ended June 30, 2024 |
|---|---|---|
| Total revenues | 12,500 | 11,364 |
| Cost of revenues | 7,000 | 6,500 |
| Operating income | 2,000 | 1,800 |
| Net income | 1,200 | 900 |

"""
# the balance sheet's header names no period: its 4 rows of figures cannot be dated
UNDATED = """**Condensed consolidated balance sheets (in thousands)**

| | Amount | Amount |
|---|---|---|
| Cash and cash equivalents | 5,000 | 4,000 |
| Total assets | 50,000 | 45,000 |
| Total liabilities | 20,000 | 19,000 |
| Total equity | 30,000 | 26,000 |

"""
OUTLOOK = """**Outlook**

| | Q3 2025 | FY 2025 |
|---|---|---|
| Revenue | 13,000 | 50,000 |
| Operating income | 2,100 | 8,000 |
| Net income | 1,300 | 5,000 |

"""


def _release(tmp_path: Path, *parts: str, name: str = "acme_2025Q2.md") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + "".join(parts), encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "title", "kind"), [(r.name, t, k) for r in STATEMENT_RULES for t, k in r.examples])
def test_each_statement_rule_names_its_examples(name: str, title: str, kind: str) -> None:
    assert statement_kind(title) == kind, name


@pytest.mark.parametrize(("name", "title"), [(r.name, t) for r in STATEMENT_RULES for t in r.not_examples])
def test_each_statement_rule_leaves_its_counter_examples_alone(name: str, title: str) -> None:
    assert not next(r for r in STATEMENT_RULES if r.name == name).finds(title)


def test_prose_figures_and_unnamed_tables_have_their_own_kinds() -> None:
    assert statement_kind("Text") == Statement.TEXT
    assert statement_kind("Fleet list") == Statement.OTHER


def test_a_release_with_no_facts_is_warned_of() -> None:
    assert report([], []).warnings == ("no figures were read from it: questions about it are answered from its "
                                       "text only",)


def test_few_facts_from_tables_are_warned_of_and_enough_are_not() -> None:
    read = [TableReport("line 3", "Statements of operations", 4, 8, TableOutcome.READ)]
    assert report(read, ["Statements of operations"] * 8).warnings == ("only 8 facts were read from its 1 table",)
    assert report(read, ["Statements of operations"] * FEW_FACTS).warnings == ()


def test_a_skipped_table_of_figures_is_warned_of_with_its_place_and_reason_and_a_fragment_is_not() -> None:
    tables = [TableReport("page 4", "Balance sheets", 30, 0, TableOutcome.SKIPPED, "no period was found"),
              TableReport("page 5", "Notes", 2, 0, TableOutcome.SKIPPED, "no period was found")]
    got = report(tables, ["Text"] * 40)
    assert got.warnings == ("the table at page 4 (“Balance sheets”, 30 rows of figures) was skipped: no period was "
                            "found",)
    assert (got.found, got.read, got.skipped, got.tables_line) == (2, 0, 2, "0/2")


def test_the_report_survives_json_whole() -> None:
    made = report([TableReport("line 9", "Balance sheets", 5, 10, TableOutcome.READ),
                   TableReport("line 20", "Outlook", 3, 0, TableOutcome.SKIPPED, "an outlook")],
                  ["Balance sheets"] * 10 + ["Text"])
    assert IngestReport.from_json(json.loads(json.dumps(made.to_json()))) == made
    assert made.to_json()["facts_by_statement"] == {"balance sheet": 10, "text": 1}


def test_extraction_tells_each_table_read_or_skipped_with_the_reason(tmp_path: Path) -> None:
    got = extract(_release(tmp_path, UNDATED, STATEMENT, OUTLOOK)).report
    assert [(t.where, t.title, t.outcome, t.facts > 0) for t in got.tables] == [
        ("line 8", "Condensed consolidated balance sheets (in thousands)", TableOutcome.SKIPPED, False),
        ("line 17", "Condensed consolidated statements of operations (in thousands)", TableOutcome.READ, True),
        ("line 26", "Outlook", TableOutcome.SKIPPED, False)]
    assert got.tables[0].reason == "no period (quarter, year or date) was found in its header"
    assert got.tables[2].reason.startswith("an outlook or guidance table")
    assert dict(got.statements)[Statement.INCOME] == 8
    assert len(got.warnings) == 3  # few facts, and each skipped table of 3 rows or more


def test_amounts_left_out_for_want_of_a_scale_are_told(tmp_path: Path) -> None:
    # the release states a scale for another table only: this one's amounts cannot be scaled, and are left out
    unscaled = STATEMENT.replace(" (in thousands)", "")
    scaled = STATEMENT.replace("(in thousands)", "(in millions)").replace("June 30", "March 31")
    got = extract(_release(tmp_path, unscaled, scaled)).report
    assert (got.tables[0].outcome, got.tables[0].reason) == (TableOutcome.SKIPPED, (
        "no scale is stated for it ('in thousands', 'in millions') and none could be inferred, so its 8 amounts "
        "were left out"))
    # a release that names no scale anywhere prints its amounts in units: nothing is left out
    assert extract(_release(tmp_path, unscaled)).report.tables[0].outcome == TableOutcome.READ


def test_ingest_documents_and_upload_show_the_same_warnings(tmp_path: Path) -> None:
    path = _release(tmp_path, UNDATED, STATEMENT)
    home = tmp_path / "home"
    runner = CliRunner()
    with Index(home, embedder=FakeEmbedding()) as index:
        results = index.ingest([path])
        stored = index.facts.document("acme_2025Q2")
    assert results[0].report == stored.report and stored.report is not None
    warning = ("the table at line 8 (“Condensed consolidated balance sheets (in thousands)”, 4 rows of figures) was "
               "skipped")
    assert any(w.startswith(warning) for w in stored.report.warnings)
    upload = web.ingest_report(results)
    assert "- ⚠ **acme\\_2025Q2** ingested" in upload and "1 of 2 tables read" in upload and "✓" not in upload
    listed = runner.invoke(cli, ["--home", str(home), "documents"])
    assert listed.exit_code == 0 and "1/2" in listed.output
    told = runner.invoke(cli, ["--home", str(home), "documents", "--report", "acme_2025Q2"])
    assert "skipped: no period (quarter, year or date) was found in its header" in told.output
    assert f"warning: {warning}" in told.output
    as_json = json.loads(runner.invoke(cli, ["--home", str(home), "documents", "--json"]).output)
    assert as_json["report"]["tables_skipped"] == 1
    again = runner.invoke(cli, ["--home", str(home), "ingest", str(path)])  # unchanged: the stored report
    assert "unchanged, 2 warnings" in again.output and "1/2" in again.output


def test_a_report_of_an_unknown_document_names_the_documents(tmp_path: Path) -> None:
    with Index(tmp_path / "home", embedder=FakeEmbedding()) as index:
        index.ingest([_release(tmp_path, STATEMENT)])
    told = CliRunner().invoke(cli, ["--home", str(tmp_path / "home"), "documents", "--report", "nope"])
    assert told.exit_code != 0
