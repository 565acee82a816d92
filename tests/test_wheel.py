"""The wheel works outside the repository: built from this tree, installed into a fresh virtual environment in a
temporary folder, it ingests a release, answers a question and runs one bundled eval set, with its datasets,
baseline, thresholds and Slack manifest inside it and its reports in the current directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _run(args: list[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "EARNINGS_QA_HOME", "EARNINGS_QA_CHROMA_URL",
                                                                 "EARNINGS_QA_DATABASE_URL")}
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    return done


@pytest.mark.slow
def test_the_wheel_installed_in_a_fresh_venv_ingests_answers_and_runs_an_eval_set(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    built = _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(dist),
                  str(ROOT)], cwd=tmp_path)
    assert built.returncode == 0, built.stderr[-2000:]
    [wheel] = dist.glob("earnings_qa-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"evals/baseline.json", "evals/datasets/thresholds.json", "evals/datasets/kingsoft_cloud.yaml",
            "evals/corpus/releases/kingsoft-cloud_2025Q2.txt", "ui/slack_manifest.yaml"} <= names

    # a fresh venv; its dependencies (torch and the rest: gigabytes, and no network here) are this environment's,
    # seen through a .pth line that adds their folder without running the editable install's hook
    venv = tmp_path / "venv"
    assert _run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path).returncode == 0
    bin_ = venv / "bin"
    purelib = Path(_run([str(bin_ / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                        cwd=tmp_path).stdout.strip())
    (purelib / "earnings_qa_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    installed = _run([str(bin_ / "pip"), "install", "-q", "--no-deps", "--no-index", str(wheel)], cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr[-2000:]

    work = tmp_path / "work"
    work.mkdir()
    where = _run([str(bin_ / "python"), "-c", "import evals, ui; print(evals.__file__)"], cwd=work)
    assert where.stdout.startswith(str(purelib)), where  # the wheel's code, not this tree's
    release = purelib / "evals" / "corpus" / "releases" / "kingsoft-cloud_2025Q2.txt"
    (work / "kc").mkdir()
    (work / "kc" / release.name).write_bytes(release.read_bytes())
    cli = [str(bin_ / "earnings-qa"), "--home", str(tmp_path / "home")]

    ingest = _run([*cli, "ingest", "kc"], cwd=work)
    assert ingest.returncode == 0 and "ingested" in ingest.stdout, ingest.stderr[-2000:]
    ask = _run([*cli, "ask", "--json", "What was Kingsoft Cloud's G&A in Q2 2025?"], cwd=work)
    assert ask.returncode == 0, ask.stderr[-2000:]
    assert json.loads(ask.stdout)["figures"][0]["value"] == -339563000
    evaluated = _run([*cli, "eval", "kingsoft_cloud", "--corpus", "kc"], cwd=work)
    assert evaluated.returncode == 0, (evaluated.stdout + evaluated.stderr)[-3000:]
    report = json.loads((work / "eval-reports" / "eval.json").read_text(encoding="utf-8"))
    [kc] = report["sets"]
    assert kc["name"] == "kingsoft_cloud" and sum(kc["outcomes"].values()) >= 100
    assert not (purelib / "evals" / "reports" / "eval.json").exists()  # nothing written into the package
