"""The README's five-minute quick start, run as written against a fresh ``make run`` stack
(issue 20): the identities table, a partner, ``qaqpa demo submit`` (posted and ``--sign-only``
piped into curl), following an application by its status URL, and carrying a green customs
declaration to its signed release decision, verified with ``qaqpa document verify``."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from tests.stack.test_make_run import ROOT, _start, _stop, stack_env  # noqa: F401

README = ROOT / "README.md"
QUICK_START = re.compile(r"## Quick start[^\n]*\n.*?```sh\n(?P<block>.*?)```", re.DOTALL)
README_GATEWAY = "http://127.0.0.1:8000"


def quick_start_block() -> str:
    match = QUICK_START.search(README.read_text(encoding="utf-8"))
    assert match is not None, "the README has no quick start block"
    return match["block"]


def test_the_block_holds_the_issue_commands() -> None:
    block = quick_start_block()
    for command in ("qaqpa pki identities", "qaqpa partners create", "qaqpa demo submit",
                    "--sign-only", "$STATUS_URL/documents"):  # fmt: skip
        assert command in block


def _run_block(env: dict[str, str], tmp_path: Path) -> str:
    """The block in bash, as a developer pastes it, with the stack's port for the README's."""
    script = quick_start_block().replace(README_GATEWAY, f"http://127.0.0.1:{env['QAQPA_PORT']}")
    # Each command's output is kept apart so the test can say which one is wrong.
    path = tmp_path / "quickstart.sh"
    path.write_text("set -euo pipefail\n" + script, encoding="utf-8")
    result = subprocess.run(
        ["bash", str(path)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_the_quick_start_runs_as_written(stack_env: dict[str, str], tmp_path: Path) -> None:  # noqa: F811
    runner = _start(stack_env)
    try:
        output = _run_block(stack_env, tmp_path)
    finally:
        _stop(runner, stack_env)
    # The identities table names the applicants' and the officers' certificates and keys.
    assert "individual-sign.pem" in output and "individual.key.pem" in output
    assert "780305300128" in output and "revoked-ocsp" in output
    # demo submit: the 202 and the status URL.
    assert "HTTP 202" in output
    assert re.search(r"status: http://127\.0\.0\.1:\d+/v1/applications/[0-9a-f-]{36}", output)
    # The signed body piped to curl was accepted, and the status and events were read.
    documents = [d for d in _json_values(output) if isinstance(d, dict)]
    assert any(d.get("service") == "pm-export-act" and d.get("status") == "received"
               for d in documents), output  # fmt: skip
    assert any("last_events" in d for d in documents), output
    lists = [value for value in _json_values(output) if isinstance(value, list)]
    assert any(value and value[0].get("kind") == "received" for value in lists), output
    # Carried to a signed document, which qaqpa document verify finds valid.
    assert any(d.get("created") is True and d.get("awaiting_release") for d in documents), output
    reports = [d for d in documents if d.get("format") == "pdf" and "signatures" in d]
    assert reports and reports[-1]["valid"] is True, output


def _json_values(output: str) -> list[object]:
    """Every JSON object or array in ``output`` (curl adds no newline after a body)."""
    decoder, values, index = json.JSONDecoder(), [], 0
    while (match := re.compile(r"[{\[]").search(output, index)) is not None:
        try:
            value, index = decoder.raw_decode(output, match.start())
        except ValueError:
            index = match.start() + 1
            continue
        values.append(value)
    return values
