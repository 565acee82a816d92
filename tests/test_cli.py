"""The CLI is a thin adapter: options in, library call, formatted result out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import FakeEmbedding, corpus_file
from ui.cli import cli

COMMANDS = ["ingest", "ask", "facts", "documents", "eval", "check", "mcp"]


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
    assert doc["encoding"] == "utf-8"

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


@pytest.fixture(scope="module")
def kc_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("cli") / "home"
    assert _run(["ingest", str(corpus_file("kingsoft-cloud_2025Q2"))], home).exit_code == 0
    return home


def test_ask_json_follows_the_answer_contract(kc_home: Path) -> None:
    result = _run(["ask", "What was Kingsoft Cloud's G&A in Q2 2025?", "--json"], kc_home)
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["status"] == "answered"
    assert set(answer) >= {"question", "status", "answer", "figures", "citations"}
    f = answer["figures"][0]
    assert (f["value"], f["unit"], f["kind"], f["period"], f["months"]) == (-339563000, "RMB", "reported",
                                                                              "Q2 2025", 3)
    assert f["source"]["document"] == "kingsoft-cloud_2025Q2" and f["source"]["quote"] == "(339,563)"
    assert "table 2, row 8, column 3" in f["source"]["locator"] and f["formula"] is None


def test_ask_text_shows_the_amount_as_the_release_prints_it(kc_home: Path) -> None:
    result = _run(["ask", "G&A in Q2 2025", "--company", "Kingsoft Cloud"], kc_home)
    assert result.exit_code == 0 and "RMB339.6 million" in result.output


def test_ask_stdin_answers_one_json_line_per_question_in_order(kc_home: Path) -> None:
    lines = "\n".join([
        "What was Kingsoft Cloud's revenue in Q2 2025?",
        json.dumps({"question": "What was G&A in Q1 2025?", "company": "KC"}),
        "",
        json.dumps({"question": "Revenue in Q2 2023?", "document": "kingsoft-cloud_2025Q2"}),
        "What was Tesla's revenue?",
    ])
    result = CliRunner().invoke(cli, ["--home", str(kc_home), "ask", "--json", "-"], input=lines + "\n",
                                obj={"embedder": FakeEmbedding()})
    assert result.exit_code == 0, result.output
    answers = [json.loads(line) for line in result.output.splitlines()]
    assert [a["status"] for a in answers] == ["answered", "answered", "not_found", "not_found"]
    assert answers[0]["figures"][0]["value"] == 2349227000
    assert answers[1]["figures"][0]["value"] == -181999000
    assert "Q2 2025" in answers[2]["answer"]


BAD_LINES = [
    (json.dumps({"question": "revenue", "company": {"name": "KC"}}), "field 'company' must be a string, not an object"),
    (json.dumps({"question": "revenue", "company": ["KC"]}), "field 'company' must be a string, not a list"),
    ("[1, 2]", "expected a question or a JSON object, found a list"),
    ('{"question": "revenue"', "not one"),
    (json.dumps({"question": 5}), "field 'question' must be a string, not a number"),
    (json.dumps({"question": ""}), "field 'question' is missing or empty"),
    (json.dumps({"question": "revenue", "period": "Q2"}), "unknown field 'period'"),
    (json.dumps({"question": "x" * 5000}), "5,000 characters"),
    (json.dumps({"question": "revenue\u001b[31m"}), "control characters"),
    (json.dumps({"question": "and in Q1?", "history": "revenue"}), "field 'history' must be a list"),
    (json.dumps({"question": "and in Q1?", "history": [5]}), "history item 1 must be a question"),
]


@pytest.mark.parametrize(("question", "code"), [
    ("What was Kingsoft Cloud's G&A in Q2 2025?", 0),
    ("What was Kingsoft Cloud's revenue in Q2 2019?", 3),
    ("What was revenue?", 0),
    ("Kingsoft Cloud revenue in Q7 2025", 4),
])
def test_ask_exits_with_the_answer_status(kc_home: Path, question: str, code: int) -> None:
    """0 answered, 3 not found, 4 needs clarification: scripts branch on the status without parsing JSON."""
    result = _run(["ask", question, "--json"], kc_home)
    assert result.exit_code == code, result.output
    assert json.loads(result.output)["status"] == {0: "answered", 3: "not_found", 4: "needs_clarification"}[code]


@pytest.mark.parametrize("history", ['["What was Kingsoft Cloud\'s G&A in Q2 2025?"]',
                                     "What was Kingsoft Cloud's G&A in Q2 2025?\n",
                                     '[{"role": "user", "content": "What was Kingsoft Cloud\'s G&A in Q2 2025?"},'
                                     ' {"role": "assistant", "content": "RMB339.6 million in Q2 2025"}]'])
def test_ask_takes_what_a_follow_up_does_not_name_from_its_history(kc_home: Path, tmp_path: Path,
                                                                   history: str) -> None:
    file = tmp_path / "history.txt"
    file.write_text(history, encoding="utf-8")
    result = _run(["ask", "and in Q1 2025?", "--json", "--history", str(file)], kc_home)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["figures"][0]["value"] == -181999000  # G&A, Q1 2025


def test_ask_stdin_reads_a_history_field_per_line(kc_home: Path) -> None:
    lines = [json.dumps({"question": "and in Q1 2025?", "history": ["What was Kingsoft Cloud's G&A in Q2 2025?"]}),
             json.dumps({"question": "What was Tesla's revenue last quarter?",
                         "history": ["What was Kingsoft Cloud's revenue in Q2 2025?"]})]
    result = CliRunner().invoke(cli, ["--home", str(kc_home), "ask", "--json", "-"], input="\n".join(lines) + "\n",
                                obj={"embedder": FakeEmbedding()})
    assert result.exit_code == 0, result.output
    first, tesla = (json.loads(line) for line in result.output.splitlines())
    assert first["figures"][0]["value"] == -181999000
    assert tesla["status"] == "not_found" and "Tesla" in tesla["answer"]


def test_ask_stdin_puts_an_error_object_in_place_of_each_bad_line_and_goes_on(kc_home: Path) -> None:
    """Regression: a line whose company was an object killed the stream (AttributeError); every later line was
    lost."""
    good = "What was Kingsoft Cloud's revenue in Q2 2025?"
    lines = [good] + [line for line, _ in BAD_LINES] + [json.dumps({"question": good, "company": None}), good]
    result = CliRunner().invoke(cli, ["--home", str(kc_home), "ask", "--json", "-"], input="\n".join(lines) + "\n",
                                obj={"embedder": FakeEmbedding()})
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert len(out) == len(lines)
    assert [a["status"] for a in (out[0], out[-2], out[-1])] == ["answered"] * 3
    for n, ((_, why), got) in enumerate(zip(BAD_LINES, out[1:-2], strict=True), start=2):
        assert got["status"] == "invalid_input" and got["line"] == n, got
        assert why in got["error"] and got["error"].startswith(f"line {n}: ") and got["figures"] == []


def test_ingest_refuses_a_second_file_with_an_indexed_id_unless_asked_to_replace(tmp_path: Path) -> None:
    """Regression: an unrelated file named like an indexed release replaced its 568 facts with 4, exit 0."""
    home = tmp_path / "home"
    assert _run(["ingest", str(corpus_file("kingsoft-cloud_2025Q2"))], home).exit_code == 0
    other = tmp_path / "elsewhere" / "kingsoft-cloud_2025Q2.md"
    other.parent.mkdir()
    other.write_text("Acme Corp revenue was $5.0 million in the quarter ended June 30, 2025.\n", encoding="utf-8")
    refused = _run(["ingest", str(other)], home)
    assert refused.exit_code == 1
    assert "already indexed" in refused.output and "--replace" in refused.output
    facts = _run(["facts", "--document", "kingsoft-cloud_2025Q2", "--json"], home).output.splitlines()
    assert len(facts) > 500
    replaced = _run(["ingest", "--replace", str(other)], home)
    assert replaced.exit_code == 0 and "replaced" in replaced.output
    assert len(_run(["facts", "--document", "kingsoft-cloud_2025Q2", "--json"], home).output.splitlines()) < 10


def test_names_are_shown_literally(tmp_path: Path) -> None:
    """A file name holding Rich markup or an ANSI escape is printed as it is, never interpreted."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "[red]x_2025Q2.md").write_text("Acme Corp revenue was $5.0 million in the quarter ended June 30, "
                                             "2025.\n", encoding="utf-8")
    (folder / "\x1b[31mbad.pdf").write_bytes(b"not a pdf")
    result = _run(["ingest", str(folder)], tmp_path / "home")
    assert result.exit_code == 1
    assert "[red]x_2025Q2" in result.output
    assert "\x1b" not in result.output and "\\x1b[31mbad.pdf: the PDF cannot be read" in result.output


def test_check_reports_a_consistent_home(kc_home: Path) -> None:
    result = _run(["check", "--dry-run"], kc_home)
    assert result.exit_code == 0, result.output
    assert "1 documents" in result.output and result.output.rstrip().endswith("consistent")


def test_a_numeric_question_does_not_import_the_model_stack(kc_home: Path) -> None:
    """Regression: a numeric `ask` reads SQLite only; torch, sentence-transformers and llama-index stay unloaded."""
    import subprocess
    import sys

    code = ("import sys; from ui.cli import main; sys.argv=['earnings-qa','--home',sys.argv[1],'ask','--json',"
            "\"What was Kingsoft Cloud's G&A in Q2 2025?\"]\ntry:\n main()\nfinally:\n"
            " print(sorted(m for m in ('torch','sentence_transformers','llama_index.core','chromadb') "
            "if m in sys.modules), file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code, str(kc_home)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["figures"][0]["value"] == -339563000
    assert proc.stderr.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("question", ["Kingsoft Cloud revenue for the last 1000000000000 quarters",
                                      "Kingsoft Cloud revenue in fiscal 99999999999999999999",
                                      "Kingsoft Cloud revenue in Q7 2025"])
def test_an_absurd_period_is_sent_back_naming_it_not_answered_for_the_latest_quarter(kc_home: Path,
                                                                                      question: str) -> None:
    """Regression: these answered the latest quarter with 'No period was named'."""
    answer = json.loads(_run(["ask", question, "--json"], kc_home).output)
    assert answer["status"] == "needs_clarification" and answer["figures"] == []
    assert "I cannot read the period" in answer["answer"] and "Q2 2025" in answer["answer"]


def test_facts_csv_reads_back_exactly(tmp_path: Path) -> None:
    import csv
    import io
    from decimal import Decimal

    from index.pipeline import Index

    home = tmp_path / "home"
    with Index(home, embedder=FakeEmbedding()) as index:
        index.ingest([corpus_file("kingsoft-cloud_2025Q2")])
        stored = index.facts.facts(document="kingsoft-cloud_2025Q2")
    out = CliRunner().invoke(cli, ["--home", str(home), "facts", "--document", "kingsoft-cloud_2025Q2", "--csv"])
    assert out.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.output)))
    assert len(rows) == len(stored)
    assert [(r["label"], r["period"], Decimal(r["value"]), r["locator"]) for r in rows] == [
        (f.label, f.period, f.value, f.locator) for f in stored]
    both = CliRunner().invoke(cli, ["--home", str(home), "facts", "--csv", "--json"])
    assert both.exit_code == 2 and "choose one of --json and --csv" in both.output
