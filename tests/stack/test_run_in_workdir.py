"""``make chaos`` / ``make soak`` share their reporting: results written, folder kept on failure."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scripts.loopstack import run_in_workdir


def test_a_clean_run_writes_its_results_and_removes_its_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[Path] = []

    def run(workdir: Path) -> tuple[dict[str, Any], list[str]]:
        seen.append(workdir)
        (workdir / "log.txt").write_text("fine")
        return {"sent": 3, "samples": [1, 2]}, []

    results = tmp_path / "out" / "run.json"
    status = run_in_workdir(
        "probe",
        results,
        run,
        shown=lambda r: {k: v for k, v in r.items() if k != "samples"},
    )
    assert status == 0
    assert json.loads(results.read_text()) == {"sent": 3, "samples": [1, 2]}
    assert json.loads(capsys.readouterr().out) == {"sent": 3}
    assert seen and seen[0].name.startswith("qaqpa-probe-")
    assert not seen[0].exists()


def test_a_broken_run_keeps_its_folder_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[Path] = []

    def run(workdir: Path) -> tuple[dict[str, Any], list[str]]:
        seen.append(workdir)
        return {"violations": ["lost one"]}, ["lost one"]

    assert run_in_workdir("probe", tmp_path / "run.json", run) == 1
    assert seen[0].is_dir()
    assert f"probe: FAILED; logs kept in {seen[0]}" in capsys.readouterr().err
    seen[0].rmdir()


def test_a_run_that_raises_keeps_its_folder(tmp_path: Path) -> None:
    seen: list[Path] = []

    def run(workdir: Path) -> tuple[dict[str, Any], list[str]]:
        seen.append(workdir)
        raise RuntimeError("the stack did not start")

    with pytest.raises(RuntimeError):
        run_in_workdir("probe", tmp_path / "run.json", run)
    assert seen[0].is_dir()
    assert not (tmp_path / "run.json").exists()
    seen[0].rmdir()
