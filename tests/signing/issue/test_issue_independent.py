"""Tools nobody here wrote agree: pyHanko's CLI, openssl cms and poppler's pdfsig.

Each one accepts our B-T and B-LT documents and rejects a copy with one byte changed inside
the signed range.  The test PKI serves CRLs and OCSP on loopback, so pyHanko's revocation
checks and openssl's CRL checks run for real.
"""

from __future__ import annotations

import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest
from asn1crypto import pem

from signing.report import Level
from testkit.pki.server import BuiltPki
from tests.signing.issue.issue_helpers import byte_range_and_cms, tamper

CHECKED: tuple[Level, ...] = ("B-T", "B-LT")


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: run scripts/bootstrap.sh (make test installs it)")
    return path


def _pyhanko() -> str:
    # Installed in the venv next to the interpreter (pyhanko-cli, a dev dependency).
    candidate = Path(shutil.which("python") or "").parent / "pyhanko"
    venv = Path(__file__).resolve().parents[3] / ".venv" / "bin" / "pyhanko"
    for path in (venv, candidate):
        if path.is_file():
            return str(path)
    return _tool("pyhanko")


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _run(command: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    """An independent tool's run, its output captured as text; its exit code is the verdict."""
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=timeout)


def pyhanko_validate(path: Path, root: Path) -> subprocess.CompletedProcess[str]:
    return _run(
        [_pyhanko(), "sign", "validate", "--trust", str(root), "--trust-replace", str(path)],
        timeout=120,
    )


@pytest.mark.parametrize("level", CHECKED)
def test_pyhanko_cli_validates_and_rejects_tampered(
    signed: dict[Level, bytes], pki: BuiltPki, tmp_path: Path, level: Level
) -> None:
    root = pki.trust_dir / "root.pem"
    good = pyhanko_validate(_write(tmp_path, "good.pdf", signed[level]), root)
    assert good.returncode == 0, good.stdout + good.stderr
    assert ":INTACT:TRUSTED" in good.stdout
    bad = pyhanko_validate(_write(tmp_path, "bad.pdf", tamper(signed[level])), root)
    assert bad.returncode != 0
    assert ":INTACT:" not in bad.stdout


def test_pyhanko_cli_rejects_revoked_signer(
    revoked_signed: bytes, pki: BuiltPki, tmp_path: Path
) -> None:
    result = pyhanko_validate(
        _write(tmp_path, "revoked.pdf", revoked_signed), pki.trust_dir / "root.pem"
    )
    assert result.returncode != 0
    assert "REVOKED" in result.stdout


def _ca_bundle(pki: BuiltPki, tmp_path: Path) -> Path:
    """The root plus the current CRLs of root and nca, as openssl's -CAfile.

    ``-crl_check`` (the signer's CRL) rather than ``-crl_check_all``: OpenSSL would also
    apply the root's own CRL to the self-signed root, whose scope (issuing distribution
    point) cannot match a certificate without a CRL distribution point.
    """
    parts = [pki.cert_path("root").read_bytes()]
    for repo in ("root", "nca"):
        with urllib.request.urlopen(pki.crl_url(repo), timeout=10) as response:  # loopback
            parts.append(pem.armor("X509 CRL", response.read()))
    return _write(tmp_path, "ca-and-crls.pem", b"".join(parts))


def openssl_verify(
    document: bytes, bundle: Path, tmp_path: Path
) -> subprocess.CompletedProcess[str]:
    signed_bytes, der = byte_range_and_cms(document)
    content = _write(tmp_path, "content.bin", signed_bytes)
    signature = _write(tmp_path, "signature.der", der)
    return _run(
        [
            _tool("openssl"),
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            str(signature),
            "-content",
            str(content),
            "-CAfile",
            str(bundle),
            "-crl_check",
            "-purpose",
            "any",
            "-out",
            str(tmp_path / "out.bin"),
        ],
        timeout=60,
    )


@pytest.mark.parametrize("level", CHECKED)
def test_openssl_cms_verifies_with_crls_and_rejects_tampered(
    signed: dict[Level, bytes], pki: BuiltPki, tmp_path: Path, level: Level
) -> None:
    bundle = _ca_bundle(pki, tmp_path)
    good = openssl_verify(signed[level], bundle, tmp_path)
    assert good.returncode == 0, good.stderr
    assert "Verification successful" in good.stderr
    bad = openssl_verify(tamper(signed[level]), bundle, tmp_path)
    assert bad.returncode != 0
    assert "Verification successful" not in bad.stderr


def test_openssl_cms_rejects_revoked_signer(
    revoked_signed: bytes, pki: BuiltPki, tmp_path: Path
) -> None:
    result = openssl_verify(revoked_signed, _ca_bundle(pki, tmp_path), tmp_path)
    assert result.returncode != 0
    assert "revoked" in result.stderr.lower()


def pdfsig_validation(path: Path) -> list[str]:
    """The 'Signature Validation:' lines pdfsig prints (it exits 0 even when tampered)."""
    result = _run([_tool("pdfsig"), str(path)], timeout=60)
    return [
        line.split(":", 1)[1].strip()
        for line in result.stdout.splitlines()
        if line.strip().startswith("- Signature Validation:")
    ]


@pytest.mark.parametrize("level", CHECKED)
def test_pdfsig_reports_valid_and_tampered(
    signed: dict[Level, bytes], tmp_path: Path, level: Level
) -> None:
    assert pdfsig_validation(_write(tmp_path, "good.pdf", signed[level])) == ["Signature is Valid."]
    bad = pdfsig_validation(_write(tmp_path, "bad.pdf", tamper(signed[level])))
    assert len(bad) == 1 and bad[0] != "Signature is Valid."
