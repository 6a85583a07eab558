"""``qaqpa calendar`` without a database: the contract, errors, and the built-in fallback."""

from __future__ import annotations

import json
import socket

import pytest
from click.testing import CliRunner, Result

from registry.calendar.cli import calendar


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def no_database(monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the CLI at a port nothing listens on."""
    url = f"postgresql+asyncpg://qaqpa@127.0.0.1:{_closed_port()}/qaqpa"
    monkeypatch.setenv("QAQPA_DATABASE_URL", url)


def _run(*args: str) -> Result:
    return CliRunner().invoke(calendar, list(args))


@pytest.mark.usefixtures("no_database")
def test_due_prints_the_contract_and_warns_about_the_database() -> None:
    result = _run("due", "--from", "2025-02-13T10:00:00+05:00", "--term", "2 working-days")
    assert result.exit_code == 0, result.stderr
    answer = json.loads(result.stdout)
    assert list(answer) == ["from", "term", "due", "reasons"]
    assert answer["from"] == "2025-02-13T10:00:00+05:00"
    assert answer["term"] == "2 working-days"
    assert answer["due"] == "2025-02-17T18:30:00+05:00"  # docs/SERVICES.md's example (rule 4)
    warning = result.stderr.strip().splitlines()
    assert len(warning) == 1
    assert "unreachable" in warning[0] and "built-in" in warning[0]


@pytest.mark.usefixtures("no_database")
def test_the_builtin_table_has_the_decree_transfers() -> None:
    # Thu 2 Jan 2025 is a holiday, Fri 3 Jan a decree day off, Sun 5 Jan a decree working day.
    answer = json.loads(_run("receipt", "2025-01-02T12:00:00Z").stdout)
    assert list(answer) == ["received_at", "counts_from", "reasons"]
    assert answer["received_at"] == "2025-01-02T17:00:00+05:00"
    assert answer["counts_from"] == "2025-01-05T09:00:00+05:00"
    assert [r["code"] for r in answer["reasons"]] == ["holiday", "decree_day_off", "weekend"]


@pytest.mark.usefixtures("no_database")
def test_days_lists_the_year() -> None:
    answer = json.loads(_run("days", "--year", "2024").stdout)
    assert answer["year"] == 2024
    by_date = {day["date"]: day for day in answer["days"]}
    assert by_date["2024-05-04"]["working"] is True  # Saturday worked by decree
    assert by_date["2024-05-08"]["kind"] == "decree_day_off"
    assert by_date["2024-07-08"]["kind"] == "holiday_carried_over"
    assert "2024-01-08" not in by_date  # Christmas on Sunday 7 Jan is not carried over


@pytest.mark.usefixtures("no_database")
def test_due_with_a_pause() -> None:
    result = _run("due", "--from", "2025-02-10T10:00", "--term", "5 working-days",
                  "--pause", "2025-02-12T12:00/2025-02-17T10:00")  # fmt: skip
    assert json.loads(result.stdout)["due"] == "2025-02-21T18:30:00+05:00"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("due", "--from", "2025-02-13T10:00", "--term", "2 days"), "invalid term"),
        (("due", "--from", "yesterday", "--term", "2 working-days"), "invalid time"),
        (("receipt", "13:00"), "invalid time"),
        (("due", "--from", "2025-02-13T10:00", "--term", "1 working-days", "--pause", "x"),
         "invalid pause"),
        (("days", "--year", "1900"), "1900"),
    ],
)  # fmt: skip
def test_bad_input_is_a_message_on_stderr_and_exit_2(args: tuple[str, ...], message: str) -> None:
    result = _run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr


@pytest.mark.usefixtures("no_database")
def test_transfers_need_the_database() -> None:
    result = _run("transfers", "add", "2026-12-18", "--off", "--decree", "test")
    assert result.exit_code == 1
    assert "unreachable" in result.stderr
    assert _run("transfers", "remove", "2026-12-18").exit_code == 1
