"""The CLI is a thin adapter: options in, library call, formatted result out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import FakeEmbedding, corpus_file
from ui.cli import cli

COMMANDS = ["ingest", "facts", "documents"]


def _run(args: list[str], home: Path) -> object:
    return CliRunner().invoke(cli, ["--home", str(home), *args], obj={"embedder": FakeEmbedding()})


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output and len(result.output.splitlines()) > 3


def test_ingest_then_list_documents_and_facts(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = _run(["ingest", str(corpus_file("kingsoft-cloud_2025Q2"))], home)
    assert result.exit_code == 0, result.output
    assert "kingsoft-cloud_2025Q2" in result.output and "ingested" in result.output

    docs = _run(["documents", "--json"], home)
    [doc] = [json.loads(line) for line in docs.output.splitlines()]
    assert doc["document"] == "kingsoft-cloud_2025Q2" and doc["company"] == "Kingsoft Cloud Holdings Limited"
    assert doc["format"] == "txt" and doc["facts"] > 500 and doc["chunks"] > 0 and "Q2 2025" in doc["periods"]

    facts = _run(["facts", "--company", "KC", "--json"], home)
    rows = [json.loads(line) for line in facts.output.splitlines()]
    ga = [r for r in rows if r["label"] == "General and administrative expenses" and r["period"] == "Q2 2025"
          and r["currency"] == "RMB" and r["statement"] != "Text"]
    assert ga and ga[0]["value"] == -339563000 and ga[0]["unit"] == "currency"
    assert ga[0]["metric"] == "general_and_administrative_expenses" and ga[0]["months"] == 3
    assert ga[0]["period_end"] == "2025-06-30" and ga[0]["locator"].startswith("table 2, ")

    again = _run(["ingest", str(corpus_file("kingsoft-cloud_2025Q2"))], home)
    assert again.exit_code == 0 and "unchanged" in again.output


def test_ingest_exits_1_naming_the_bad_file_after_ingesting_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")
    (folder / "ok.md").write_text(corpus_file("kingsoft-corp_2025Q3").read_text(encoding="utf-8"),
                                  encoding="utf-8")
    result = _run(["ingest", str(folder)], tmp_path / "home")
    assert result.exit_code == 1
    assert "broken.pdf" in result.output and "PDF cannot be read" in result.output
    assert "ok" in result.output and "ingested" in result.output


def test_facts_of_an_unknown_document_is_empty(tmp_path: Path) -> None:
    result = _run(["facts", "--document", "nope", "--json"], tmp_path / "home")
    assert result.exit_code == 0 and result.output == ""
