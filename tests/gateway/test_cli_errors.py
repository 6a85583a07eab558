"""``qaqpa`` with PostgreSQL or Redis away: one line in the user's language with the hint, exit
code 2, no traceback (issue 20)."""

from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner

from gateway.cli import main
from gateway.cli_errors import cli_language


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port  # closed again: nothing listens there


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("C.UTF-8", "cannot reach PostgreSQL at 127.0.0.1:{port} — is the stack running? "
         "set QAQPA_DATABASE_URL"),
        ("ru_RU.UTF-8", "нет связи с PostgreSQL по адресу 127.0.0.1:{port}"),
        ("kk_KZ.UTF-8", "127.0.0.1:{port} мекенжайындағы PostgreSQL-ге қосылу мүмкін емес"),
    ],
)  # fmt: skip
def test_an_unreachable_database_is_one_line_with_the_hint(lang: str, expected: str) -> None:
    port = _closed_port()
    env = {
        "QAQPA_DATABASE_URL": f"postgresql+asyncpg://qaqpa@127.0.0.1:{port}/qaqpa",
        "LC_ALL": "",
        "LC_MESSAGES": "",
        "LANG": lang,
    }
    result = CliRunner().invoke(main, ["partners", "create", "demo"], env=env)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(expected.format(port=port))
    assert "Traceback" not in result.output


def test_the_language_follows_the_locale() -> None:
    assert cli_language({"LANG": "kk_KZ.UTF-8"}) == "kk"
    assert cli_language({"LC_ALL": "ru_RU.UTF-8", "LANG": "kk_KZ.UTF-8"}) == "ru"
    assert cli_language({"LANG": "de_DE.UTF-8"}) == "en"
    assert cli_language({}) == "en"
