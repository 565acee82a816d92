"""The eval tool: dataset loading, the scorer that cannot be fooled, the runner's gate and reports."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.answers import Answer, Citation, Figure, Source, Status
from evals import run as runner
from evals.datasets import dataset_paths, load_set
from evals.score import Outcome, quote_supports, score
from index.errors import DatasetError
from index.facts import FactKind
from tests.conftest import FakeEmbedding, corpus_file
from ui.cli import cli


def _set(tmp_path: Path, text: str, name: str = "mini") -> Path:
    p = tmp_path / f"{name}.yaml"
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize(("text", "error"), [
    ("question: not a list", "a YAML list"),
    ("- id: a\n  value: 1", "needs a question"),
    ("- question: q\n  valeu: 1", "unknown keys"),
    ("- question: q\n  status: maybe", "status must be"),
    ("- id: a\n  question: q\n- id: a\n  question: r", "duplicate id"),
    ("- question: q\n  value: lots", "not a number"),
])
def test_a_malformed_dataset_is_an_error_naming_file_and_case(tmp_path: Path, text: str, error: str) -> None:
    with pytest.raises(DatasetError, match=error) as e:
        load_set(_set(tmp_path, text))
    assert "mini.yaml" in e.value.user_message()


def test_bundled_datasets_load_and_meet_the_sizes() -> None:
    sets = {p.stem: load_set(p) for p in dataset_paths()}
    assert len(sets["kingsoft_cloud"]) >= 120
    assert len(sets["corpus"]) + len(sets["heldout"]) + len(sets["open"]) >= 200


@pytest.mark.parametrize(("value", "quote", "ok"), [
    ("-339563000", "(339,563)", True),
    ("339600000", "General and administrative expenses were RMB339.6 million", True),
    ("27.5", "increased by 27.5% from RMB266.2 million", True),
    ("-0.11", "(0.11)", True),
    ("339563000", "(339,564)", False),
    ("339700000", "RMB339.6 million", False),
    ("27.5", "increased by 2.75%", False),
])
def test_a_source_must_print_the_figure_at_a_release_scale(value: str, quote: str, ok: bool) -> None:
    assert quote_supports(Decimal(value), quote) is ok


def _fig(value: str, unit: str = "RMB", quote: str | None = None, kind: FactKind = FactKind.REPORTED) -> Figure:
    src = Source("d", "table 1, row 1, column 1", quote if quote is not None else value) if kind.value == "reported" \
        else None
    return Figure("m", "G&A", "C", "d", "Q2 2025", date(2025, 6, 30), 3, Decimal(value), unit, kind, source=src)


def _answer(*figs: Figure, status: Status = Status.ANSWERED, citations: tuple = ()) -> Answer:
    return Answer("q", status, "text", "headline", figs, citations)


CASE = "- id: c\n  question: q\n  value: -339563000\n  unit: RMB\n  cites: [[mainly due to]]\n"


@pytest.mark.parametrize(("answer", "outcome"), [
    (_answer(_fig("-339563000", quote="(339,563)"),
             citations=(Citation("d", "paragraph 1", "It was mainly due to X."),)), Outcome.RIGHT),
    (_answer(_fig("-339564000", quote="(339,564)")), Outcome.WRONG_NUMBER),
    (_answer(_fig("-339563000", unit="USD", quote="(339,563)")), Outcome.WRONG_NUMBER),
    (_answer(status=Status.NOT_FOUND), Outcome.REFUSED),
    (_answer(_fig("-339563000", quote="(1,234)")), Outcome.UNSUPPORTED),
    (_answer(_fig("-339563000", quote="(339,563)")), Outcome.INCOMPLETE),
])
def test_scorer_tells_right_from_wrong_numbers_refusals_and_unsupported(tmp_path: Path, answer: Answer,
                                                                        outcome: Outcome) -> None:
    [case] = load_set(_set(tmp_path, CASE))
    assert score(answer, case).outcome == outcome


def test_a_citation_must_be_text_of_the_release(tmp_path: Path) -> None:
    [case] = load_set(_set(tmp_path, CASE))
    answer = _answer(_fig("-339563000", quote="(339,563)"),
                     citations=(Citation("d", "paragraph 1", "It was mainly due to X."),))
    assert score(answer, case, lambda doc: "Costs rose. It was mainly due to X. Done.").right
    assert score(answer, case, lambda doc: "Something else entirely.").outcome == Outcome.UNSUPPORTED


def test_a_calculated_figure_needs_reported_inputs(tmp_path: Path) -> None:
    [case] = load_set(_set(tmp_path, "- question: q\n  value: 27.5\n  unit: '%'\n  tolerance: 0.05\n"))
    bare = _fig("27.5", unit="%", kind=FactKind.CALCULATED)
    assert score(_answer(bare), case).outcome == Outcome.UNSUPPORTED


def test_the_gate_fails_on_a_regression_and_below_threshold() -> None:
    case = load_set(Path(__file__).parent / "data" / "eval_one.yaml")[0]
    from evals.score import Score

    report = runner.Report([runner.SetResult("s", [Score(case, Outcome.REFUSED)])])
    runner.compare(report, {"s": {"cases": {case.id: "right"}}}, {"s": 0.5})
    assert report.failed and report.regressions == [f"s/{case.id}: was right, now refused"]
    assert report.below == ["s: 0.0% < 50.0%"]
    ok = runner.compare(runner.Report([runner.SetResult("s", [Score(case, Outcome.RIGHT)])]),
                        {"s": {"cases": {case.id: "right"}}}, {"s": 0.5})
    assert not ok.failed


@pytest.fixture(scope="module")
def eval_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("releases")
    (folder / "kingsoft-cloud_2025Q2.txt").write_bytes(corpus_file("kingsoft-cloud_2025Q2").read_bytes())
    return folder


def test_eval_command_runs_a_dataset_writes_reports_and_gates(tmp_path: Path, eval_corpus: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "BASELINE", tmp_path / "baseline.json")
    monkeypatch.setattr(runner, "THRESHOLDS", tmp_path / "thresholds.json")
    dataset = Path(__file__).parent / "data" / "eval_one.yaml"
    out = tmp_path / "reports"
    args = ["--home", str(tmp_path / "home"), "eval", str(dataset), "--corpus", str(eval_corpus), "--out", str(out)]
    first = CliRunner().invoke(cli, [*args, "--update-baseline"], obj={"embedder": FakeEmbedding()})
    assert first.exit_code == 0, first.output
    assert json.loads((tmp_path / "baseline.json").read_text())["eval_one"]["cases"] == {
        "kc-ga": "right", "kc-tesla": "right", "kc-wrong-on-purpose": "wrong_number", "kc-why-ga": "right"}
    again = CliRunner().invoke(cli, args, obj={"embedder": FakeEmbedding()})
    assert again.exit_code == 0, again.output
    report = json.loads((out / "eval.json").read_text())
    assert report["sets"][0]["outcomes"] == {"right": 3, "wrong_number": 1}
    retrieval = report["sets"][0]["retrieval"]
    assert retrieval["cases"] == 1 and 0 < retrieval["mrr"] <= retrieval["hit_rate"] == 1.0
    assert any(t.startswith("op:") for t in report["sets"][0]["by_tag"])
    suite = ET.parse(out / "eval-junit.xml").getroot().find("testsuite")
    assert suite is not None and suite.get("tests") == "4" and suite.get("failures") == "1"
    assert "kc-wrong-on-purpose" in (out / "eval.md").read_text()
    # a case that was right and is not any more fails the gate
    (tmp_path / "baseline.json").write_text(json.dumps({"eval_one": {"cases": {"kc-wrong-on-purpose": "right"}}}))
    gated = CliRunner().invoke(cli, args, obj={"embedder": FakeEmbedding()})
    assert gated.exit_code == 1 and "was right, now wrong_number" in gated.output


def test_eval_with_nothing_to_run_fails_and_names_why(tmp_path: Path, eval_corpus: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: a wheel carried no datasets, and a bare `eval` ran 0 cases and exited 0."""
    empty = tmp_path / "empty.yaml"
    empty.write_text("[]\n", encoding="utf-8")
    args = ["--home", str(tmp_path / "home"), "eval", "--corpus", str(eval_corpus), "--out", str(tmp_path / "r")]
    got = CliRunner().invoke(cli, [*args[:3], str(empty), *args[3:]], obj={"embedder": FakeEmbedding()})
    assert got.exit_code == 1 and "no eval case ran: empty.yaml hold none" in str(got.exception)
    monkeypatch.setattr("evals.datasets.DATASETS", tmp_path / "none-bundled")
    bare = CliRunner().invoke(cli, args, obj={"embedder": FakeEmbedding()})
    assert bare.exit_code == 1 and "no dataset to run: none is bundled" in str(bare.exception)


def test_eval_reports_go_to_the_current_directory_without_out(tmp_path: Path, eval_corpus: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: reports were written into the package's own folder (site-packages, once installed)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(runner, "BASELINE", tmp_path / "baseline.json")
    dataset = Path(__file__).parent / "data" / "eval_one.yaml"
    got = CliRunner().invoke(cli, ["--home", str(tmp_path / "home"), "eval", str(dataset), "--corpus",
                                   str(eval_corpus)], obj={"embedder": FakeEmbedding()})
    assert "reports: " in got.output, got.output
    assert sorted(p.name for p in (tmp_path / "eval-reports").iterdir()) == ["eval-junit.xml", "eval.json",
                                                                            "eval.md"]
