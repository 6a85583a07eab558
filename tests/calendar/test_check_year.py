"""``qaqpa calendar check-year YYYY``: the package's holidays next to the stored transfers, and
the warning when the next year has none recorded after 1 December (issue 21)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from registry.calendar.cli import calendar


@pytest.fixture
def runner(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("QAQPA_DATABASE_URL", pg_url)
    return CliRunner()


def test_the_year_lists_holidays_and_its_transfers(runner: CliRunner) -> None:
    result = runner.invoke(calendar, ["check-year", "2024", "--today", "2024-12-02"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    holidays = {row["date"]: row["holiday"]["name"]["en"] for row in report["holidays"]}
    assert holidays["2024-03-08"] == "International Women's Day"
    assert holidays["2024-12-16"] == "Independence Day"
    assert [(t["date"], t["kind"]) for t in report["transfers"]] == [
        ("2024-05-04", "working"),
        ("2024-05-08", "off"),
    ]
    # The 2025 order is recorded (seeded): nothing to warn about.
    assert report["next_year_transfers"] == 2
    assert report["warnings"] == [] and result.stderr == ""


def test_a_next_year_without_transfers_warns_after_the_first_of_december(
    runner: CliRunner,
) -> None:
    before = runner.invoke(calendar, ["check-year", "2026", "--today", "2026-11-30"])
    assert before.exit_code == 0, before.stderr
    assert json.loads(before.stdout)["warnings"] == []

    after = runner.invoke(calendar, ["check-year", "2026", "--today", "2026-12-01"])
    assert after.exit_code == 0, after.stderr
    report = json.loads(after.stdout)
    assert report["next_year_transfers"] == 0
    assert len(report["warnings"]) == 1 and "2027" in report["warnings"][0]
    assert after.stderr.startswith("warning: no decree transfer is recorded for 2027")
