"""``qaqpa document verify``: the report as JSON; exit 0 valid, 1 not valid, 2 bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from gateway.cli import main
from signing.report import Level
from testkit.pki.server import BuiltPki
from tests.signing.issue.issue_helpers import tamper

# No local data directory: the local root would otherwise be trusted by default.
ENV = {"QAQPA_TRUST_ANCHORS": "", "QAQPA_INTERMEDIATES": "", "QAQPA_DATA_DIR": "/nonexistent"}


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    # Through ``qaqpa``: its settings give the command its default trust anchors.
    return CliRunner().invoke(main, ["document", "verify", *args], env=env or ENV)


def report_of(result: Result) -> dict[str, Any]:
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    parsed: dict[str, Any] = json.loads(lines[0])
    return parsed


def _file(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_valid_lt_document(signed: dict[Level, bytes], pki: BuiltPki, tmp_path: Path) -> None:
    path = _file(tmp_path, "lt.pdf", signed["B-LT"])
    result = run(path, "--trust", str(pki.trust_dir / "root.pem"))
    assert result.exit_code == 0, result.output
    body = report_of(result)
    assert body["format"] == "pdf" and body["valid"] is True
    assert body["signatures"][0]["level"] == "B-LT"
    assert body["signatures"][0]["indication"] == "TOTAL-PASSED"
    # Offline, the embedded revocation data is enough; trust also from the environment.
    offline = run(path, "--no-fetch", env={**ENV, "QAQPA_TRUST_ANCHORS": str(pki.trust_dir)})
    assert offline.exit_code == 0, offline.output
    assert report_of(offline)["signatures"][0]["revocation"] == "good"


def test_tampered_and_revoked_exit_1(
    signed: dict[Level, bytes], revoked_signed: bytes, pki: BuiltPki, tmp_path: Path
) -> None:
    trust = ["--trust", str(pki.trust_dir)]
    tampered = run(_file(tmp_path, "t.pdf", tamper(signed["B-T"])), *trust)
    assert tampered.exit_code == 1
    assert report_of(tampered)["signatures"][0]["sub_indication"] == "HASH_FAILURE"
    revoked = run(_file(tmp_path, "r.pdf", revoked_signed), *trust)
    assert revoked.exit_code == 1
    signature = report_of(revoked)["signatures"][0]
    assert signature["sub_indication"] == "REVOKED" and signature["revocation"] == "revoked"


def test_bad_input_and_missing_trust_exit_2(
    signed: dict[Level, bytes], pki: BuiltPki, tmp_path: Path
) -> None:
    trust = ["--trust", str(pki.trust_dir)]
    broken_pdf = run(_file(tmp_path, "b.pdf", b"%PDF-1.7\nnothing here"), *trust)
    assert broken_pdf.exit_code == 2 and broken_pdf.stdout == ""
    neither = run(_file(tmp_path, "n.bin", b"\x00\x01 not xml, not pdf"), *trust)
    assert neither.exit_code == 2 and neither.stdout == ""
    no_trust = run(_file(tmp_path, "ok.pdf", signed["B-B"]))
    assert no_trust.exit_code == 2


def test_xml_goes_to_the_xades_verifier(pki: BuiltPki, tmp_path: Path) -> None:
    result = run(_file(tmp_path, "plain.xml", b"<result/>"), "--trust", str(pki.trust_dir))
    assert result.exit_code == 1, result.output
    body = report_of(result)
    assert body["format"] == "xml" and body["valid"] is False


def test_the_local_environment_trusts_the_local_root(
    signed: dict[Level, bytes], pki: BuiltPki, tmp_path: Path
) -> None:
    """No --trust and no QAQPA_TRUST_ANCHORS: locally, the test PKI's root under the data
    directory is the anchor (issue 20); any other environment still needs one."""
    shutil.copytree(pki.trust_dir, tmp_path / "data" / "pki" / "trust")
    path = _file(tmp_path, "lt.pdf", signed["B-LT"])
    local = {**ENV, "QAQPA_DATA_DIR": str(tmp_path / "data"), "QAQPA_ENV": "local"}
    result = run(path, env=local)
    assert result.exit_code == 0, result.output
    assert report_of(result)["valid"] is True
    elsewhere = run(path, env={**local, "QAQPA_ENV": "test"})
    assert elsewhere.exit_code == 2
