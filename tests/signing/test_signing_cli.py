"""The CLI contract: one JSON object on stdout; exit 0 valid, 1 not valid, 2 usage error."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from asn1crypto import pem
from click.testing import CliRunner, Result

from gateway.cli import main
from signing.cli import certs, signature
from testkit.pki.server import BuiltPki
from testkit.pki.sign import sign_xml
from tests.signing.signing_helpers import DOCUMENT, INTEROP, key_of, signed_by

ENV = {"QAQPA_TRUST_ANCHORS": "", "QAQPA_INTERMEDIATES": "", "QAQPA_TEST_PKI": "0"}


def run(group: Any, *args: str) -> Result:
    # Through ``qaqpa``, whose settings give the commands their defaults.
    return CliRunner().invoke(main, [group.name, *args], env=ENV)


def verdict(result: Result) -> dict[str, Any]:
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1, result.stdout
    parsed: dict[str, Any] = json.loads(lines[0])
    return parsed


def trust(built: BuiltPki) -> list[str]:
    return ["--trust", str(built.trust_dir), "--intermediates", str(built.intermediates_file)]


def test_certs_check_valid_pem_and_der(pki: BuiltPki, tmp_path: Path) -> None:
    result = run(
        certs,
        "check",
        str(pki.cert_path("legal-sign")),
        *trust(pki),
        "--expect-bin",
        "940140000385",
    )
    assert result.exit_code == 0, result.output
    body = verdict(result)
    assert body["valid"] is True and body["code"] == "ok"
    assert body["identity"]["bin"] == "940140000385"
    assert body["identity"]["subject_kind"] == "legal_entity"
    der = tmp_path / "cert.cer"
    der.write_bytes(pki.cert_der("individual-sign"))
    anchor_der = tmp_path / "root.der"
    anchor_der.write_bytes(pem.unarmor((pki.trust_dir / "root.pem").read_bytes())[2])
    result = run(
        certs,
        "check",
        str(der),
        "--trust",
        str(anchor_der),
        "--intermediates",
        str(pki.intermediates_file),
    )
    assert result.exit_code == 0 and verdict(result)["code"] == "ok"


def test_certs_check_failures_exit_1(pki: BuiltPki, tmp_path: Path) -> None:
    expired = run(certs, "check", str(pki.cert_path("expired")), *trust(pki))
    assert expired.exit_code == 1 and verdict(expired)["code"] == "expired"
    auth = run(certs, "check", str(pki.cert_path("individual-auth")), *trust(pki))
    assert auth.exit_code == 1 and verdict(auth)["code"] == "wrong_key_usage"
    as_auth = run(
        certs, "check", str(pki.cert_path("individual-auth")), *trust(pki), "--purpose", "auth"
    )
    assert as_auth.exit_code == 0
    mismatch = run(
        certs,
        "check",
        str(pki.cert_path("individual-sign")),
        *trust(pki),
        "--expect-iin",
        "760212350620",
    )
    assert mismatch.exit_code == 1 and verdict(mismatch)["code"] == "iin_mismatch"
    junk = tmp_path / "junk.pem"
    junk.write_bytes(b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
    malformed = run(certs, "check", str(junk), *trust(pki))
    assert malformed.exit_code == 1 and verdict(malformed)["code"] == "malformed"
    bad_iin = run(certs, "check", str(pki.cert_path("bad-iin")), *trust(pki))
    assert verdict(bad_iin)["code"] == "invalid_iin"
    assert (
        run(certs, "check", str(pki.cert_path("bad-iin")), *trust(pki), "--test-pki").exit_code == 0
    )


def test_offline_uses_only_given_files(pki: BuiltPki, tmp_path: Path) -> None:
    crl = tmp_path / "nca.crl"
    crl.write_bytes(urllib.request.urlopen(pki.crl_url()).read())
    root_crl = tmp_path / "root.crl"
    root_crl.write_bytes(urllib.request.urlopen(pki.crl_url("root")).read())
    without = run(certs, "check", str(pki.cert_path("individual-sign")), *trust(pki), "--offline")
    assert without.exit_code == 1 and verdict(without)["code"] == "revocation_unknown"
    with_files = run(
        certs,
        "check",
        str(pki.cert_path("individual-sign")),
        *trust(pki),
        "--offline",
        "--crl",
        str(crl),
        "--crl",
        str(root_crl),
    )
    assert with_files.exit_code == 0, with_files.output
    assert verdict(with_files)["revocation"]["source"] == "crl"
    revoked = run(
        certs,
        "check",
        str(pki.cert_path("revoked-crl")),
        *trust(pki),
        "--offline",
        "--crl",
        str(crl),
        "--crl",
        str(root_crl),
    )
    assert verdict(revoked)["code"] == "revoked"


def test_signature_verify_modes(pki: BuiltPki, tmp_path: Path) -> None:
    document = tmp_path / "request.json"
    document.write_bytes(DOCUMENT)
    p7s = tmp_path / "request.p7s"
    p7s.write_bytes(signed_by(pki, "individual-sign"))
    detached = run(
        signature,
        "verify",
        "--document",
        str(document),
        "--signature",
        str(p7s),
        *trust(pki),
        "--expect-iin",
        "871008401427",
    )
    assert detached.exit_code == 0, detached.output
    assert verdict(detached)["kind"] == "cms_detached"
    document.write_bytes(DOCUMENT + b"\n")
    changed = run(
        signature, "verify", "--document", str(document), "--signature", str(p7s), *trust(pki)
    )
    assert changed.exit_code == 1 and verdict(changed)["code"] == "signature_invalid"
    attached = tmp_path / "request.cms"
    attached.write_bytes(pem.armor("CMS", signed_by(pki, "individual-sign", detached=False)))
    result = run(signature, "verify", "--cms", str(attached), *trust(pki))
    assert result.exit_code == 0 and verdict(result)["kind"] == "cms_attached"
    xml = tmp_path / "request.xml"
    xml.write_bytes(
        sign_xml(
            b"<r><iin>871008401427</iin></r>",
            pki.cert_path("individual-sign").read_bytes(),
            key_of(pki, "individual-sign"),
        )
    )
    result = run(
        signature, "verify", "--xml", str(xml), *trust(pki), "--expect-bin", "940140000385"
    )
    assert result.exit_code == 1 and verdict(result)["code"] == "bin_mismatch"
    garbage = tmp_path / "garbage.p7s"
    garbage.write_bytes(b"\x00\x01\x02")
    result = run(
        signature, "verify", "--document", str(document), "--signature", str(garbage), *trust(pki)
    )
    assert result.exit_code == 1 and verdict(result)["code"] == "malformed"


@pytest.mark.parametrize(
    "args",
    [
        ["verify"],
        ["verify", "--cms", "{f}", "--xml", "{f}"],
        ["verify", "--document", "{f}"],
        ["verify", "--cms", "/nonexistent/file"],
        ["verify", "--cms", "{f}", "--at", "yesterday"],
        ["verify", "--cms", "{f}", "--trust", "/nonexistent/anchor.pem"],
    ],
)
def test_usage_errors_exit_2(args: list[str], tmp_path: Path) -> None:
    some_file = tmp_path / "x"
    some_file.write_bytes(b"x")
    result = run(signature, *[a.replace("{f}", str(some_file)) for a in args])
    assert result.exit_code == 2
    assert result.stdout.strip() == "" or not result.stdout.lstrip().startswith("{")


def test_unreadable_trust_file_is_a_usage_error(pki: BuiltPki, tmp_path: Path) -> None:
    bad_anchor = tmp_path / "anchor.pem"
    bad_anchor.write_bytes(b"not a certificate")
    result = run(certs, "check", str(pki.cert_path("individual-sign")), "--trust", str(bad_anchor))
    assert result.exit_code == 2


def test_interop_through_cli() -> None:
    base = [
        str(INTEROP / "individual_valid_sign_2004_rsa.cer"),
        "--trust",
        str(INTEROP / "nca_rsa_test.crt"),
        "--crl",
        str(INTEROP / "nca_rsa_test.crl"),
        "--at",
        "2022-06-01T00:00:00Z",
        "--offline",
    ]
    ok = run(certs, "check", *base, "--test-pki")
    assert ok.exit_code == 0 and verdict(ok)["identity"]["iin"] == "123456789011"
    strict = run(certs, "check", *base)
    assert strict.exit_code == 1 and verdict(strict)["code"] == "invalid_iin"
    gost = run(
        certs,
        "check",
        str(INTEROP / "ceo_valid_sign_2004_gost.cer"),
        "--trust",
        str(INTEROP / "nca_rsa_test.crt"),
        "--offline",
        "--test-pki",
    )
    # GOST is verified now (issue 15); under the RSA anchor the GOST certificate has no path.
    assert verdict(gost)["code"] == "untrusted"
    assert verdict(gost)["identity"]["bin"] == "123456789021"
