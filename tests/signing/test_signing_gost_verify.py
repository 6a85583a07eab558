"""GOST signatures through the verifier and the CLI, made by the test kit's GOST signer with
NCA's real test keys; revocation from preloaded CRL files and through a rewritten URL."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from click.testing import CliRunner

from registry.settings import SettingsError, load_settings
from scripts.stack import free_port
from signing.cli import certs, signature
from signing.policy import VerificationPolicy
from signing.result import Code
from signing.revocation.fetch import parse_rewrites, rewrite_url
from signing.verify import Verifier
from tests.signing.gost_helpers import (
    AT_2026,
    CA,
    CRL,
    EMPLOYEE_IIN,
    ROOT,
    TEST_BIN,
    TEST_IIN,
    flip,
    signer,
)

DOCUMENT = b'{"service":"declarant-certificate","iin":"123456789011"}' * 200  # ~11 KB
ANCHORS = (str(ROOT), str(CA))


def policy(**fields: Any) -> VerificationPolicy:
    return VerificationPolicy(trust_anchors=ANCHORS, offline=True, test_pki=True, **fields)


@pytest.fixture
async def verifier() -> AsyncIterator[Verifier]:
    async with Verifier(policy(crl_files=(str(CRL),))) as shared:
        yield shared


@pytest.mark.parametrize("detached", [True, False])
async def test_cms_from_a_valid_key_is_ok_and_a_changed_document_is_not(
    verifier: Verifier, detached: bool
) -> None:
    cms = signer("individual_valid_individual_valid").sign_cms(DOCUMENT, detached=detached)
    document = DOCUMENT if detached else None
    result = await verifier.verify_cms(cms, document, at=AT_2026, expect_iin=TEST_IIN)
    assert result.code is Code.OK, result.message
    assert result.identity is not None and result.identity.iin == TEST_IIN
    if detached:
        changed = await verifier.verify_cms(cms, flip(DOCUMENT), at=AT_2026)
    else:
        changed = await verifier.verify_cms(cms.replace(DOCUMENT, flip(DOCUMENT)), at=AT_2026)
    assert changed.code is Code.SIGNATURE_INVALID
    forged = cms.replace(cms[-64:], flip(cms[-64:]))  # inside the signature value
    assert (await verifier.verify_cms(forged, document, at=AT_2026)).code is Code.SIGNATURE_INVALID


async def test_now_too_without_an_explicit_time(verifier: Verifier) -> None:
    # The keys and the CRL are current until 2027-02; "now" takes the cached-verdict path.
    cms = signer("legal_valid_head").sign_cms(DOCUMENT)
    result = await verifier.verify_cms(cms, DOCUMENT, expect_bin=TEST_BIN)
    assert result.code is Code.OK, result.message


@pytest.mark.parametrize("name", ["individual_revoked_individual_revoked", "legal_valid_employee"])
async def test_revoked_keys_are_revoked(verifier: Verifier, name: str) -> None:
    result = await verifier.verify_cms(signer(name).sign_cms(DOCUMENT), DOCUMENT, at=AT_2026)
    assert result.code is Code.REVOKED
    assert result.revocation.source == "crl"


async def test_iin_and_bin_mismatch_as_for_rsa(verifier: Verifier) -> None:
    head = signer("legal_valid_head").sign_cms(DOCUMENT)
    assert (
        await verifier.verify_cms(head, DOCUMENT, at=AT_2026, expect_iin=EMPLOYEE_IIN)
    ).code is Code.IIN_MISMATCH
    individual = signer("individual_valid_individual_valid").sign_cms(DOCUMENT)
    assert (
        await verifier.verify_cms(individual, DOCUMENT, at=AT_2026, expect_bin=TEST_BIN)
    ).code is Code.BIN_MISMATCH


async def test_xmldsig_with_nca_uris(verifier: Verifier) -> None:
    xml = b'<application xmlns="urn:qaqpa:application:1"><document>x</document></application>'
    signed = signer("legal_valid_employee_signright").sign_xml(xml)
    assert b"gostr34102015-gostr34112015-512" in signed
    result, covered = await verifier.verify_xml_signed(signed, at=AT_2026)
    assert result.code is Code.OK, result.message
    assert covered is not None and covered.findtext("{urn:qaqpa:application:1}document") == "x"
    tampered = signed.replace(b"<document>x<", b"<document>y<")
    assert (await verifier.verify_xml(tampered, at=AT_2026)).code is Code.SIGNATURE_INVALID
    value_at = signed.index(b"SignatureValue>") + len(b"SignatureValue>") + 10
    other = signed[:value_at] + (b"A" if signed[value_at : value_at + 1] != b"A" else b"B")
    other += signed[value_at + 1 :]
    assert (await verifier.verify_xml(other, at=AT_2026)).code is Code.SIGNATURE_INVALID


async def test_gost_2015_256_stays_unsupported_without_its_flag() -> None:
    assert load_settings({}).verification_policy().gost2015_256 is False
    flagged = load_settings({"QAQPA_GOST2015_256_UNCONFIRMED": "true"})
    assert flagged.verification_policy().gost2015_256 is True
    xml = signer("individual_valid_individual_valid").sign_xml(b"<a>1</a>")
    renamed = xml.replace(b"gostr34102015-gostr34112015-512", b"gostr34102015-gostr34112015-256")
    async with Verifier(policy(crl_files=(str(CRL),))) as plain:
        result = await plain.verify_xml(renamed, at=AT_2026)
    assert result.code is Code.UNSUPPORTED_ALGORITHM


async def test_without_revocation_data_a_gost_key_is_unknown() -> None:
    async with Verifier(policy()) as bare:
        cms = signer("individual_valid_individual_valid").sign_cms(DOCUMENT)
        result = await bare.verify_cms(cms, DOCUMENT, at=AT_2026)
    assert result.code is Code.REVOCATION_UNKNOWN


# -- the CLI ------------------------------------------------------------------------------


def cli(group: Any, *args: str) -> tuple[int, dict[str, Any]]:
    env = {"QAQPA_TRUST_ANCHORS": "", "QAQPA_INTERMEDIATES": "", "QAQPA_TEST_PKI": "0"}
    result = CliRunner().invoke(group, list(args), env=env)
    return result.exit_code, json.loads(result.stdout.strip())


BASE = ("--trust", str(ROOT), "--trust", str(CA), "--crl", str(CRL), "--offline", "--test-pki")
AT = ("--at", "2026-09-01T00:00:00Z")


def test_cli_signature_verify_and_certs_check(tmp_path: Path) -> None:
    document = tmp_path / "ind.txt"
    document.write_bytes(DOCUMENT)
    for name, expected in [
        ("individual_valid_individual_valid", "ok"),
        ("individual_revoked_individual_revoked", "revoked"),
    ]:
        p7s = tmp_path / f"{name}.p7s"
        p7s.write_bytes(signer(name).sign_cms(DOCUMENT))
        attached = tmp_path / f"{name}.cms"
        attached.write_bytes(signer(name).sign_cms(DOCUMENT, detached=False))
        cer = tmp_path / f"{name}.cer"
        cer.write_bytes(signer(name).pair.certificate_der)
        detached = ("--document", str(document), "--signature", str(p7s))
        assert cli(signature, "verify", *detached, *BASE, *AT)[1]["code"] == expected
        assert cli(signature, "verify", "--cms", str(attached), *BASE, *AT)[1]["code"] == expected
        assert cli(certs, "check", str(cer), *BASE, *AT)[1]["code"] == expected
    document.write_bytes(flip(DOCUMENT))
    valid = tmp_path / "individual_valid_individual_valid.p7s"
    code, answer = cli(
        signature, "verify", "--document", str(document), "--signature", str(valid), *BASE, *AT
    )
    assert (code, answer["code"]) == (1, "signature_invalid")


def test_cli_ceo_2004_gost_is_ok_in_2022() -> None:
    interop = ROOT.parent.parent / "nca-test"
    code, answer = cli(
        certs,
        "check",
        str(interop / "ceo_valid_sign_2004_gost.cer"),
        "--trust",
        str(interop / "nca_gost_test.crt"),
        "--crl",
        str(interop / "nca_gost_test.crl"),
        "--at",
        "2022-06-01T00:00:00Z",
        "--offline",
        "--test-pki",
    )
    assert (code, answer["code"]) == (0, "ok"), answer


# -- a closed network: URL rewriting to a mirror ------------------------------------------


def test_rewrite_rules() -> None:
    rules = parse_rewrites("http://crl.pki.gov.kz/=http://mirror.local/, http://a/=http://b/x/")
    assert (
        rewrite_url("http://crl.pki.gov.kz/nca_gost.crl", rules)
        == "http://mirror.local/nca_gost.crl"
    )
    assert rewrite_url("http://a/c.crl", rules) == "http://b/x/c.crl"
    assert rewrite_url("http://other/c.crl", rules) == "http://other/c.crl"
    with pytest.raises(ValueError, match="prefix=replacement"):
        parse_rewrites("http://no-equals-sign/")


def test_settings_build_the_closed_network_policy() -> None:
    settings = load_settings(
        {
            "QAQPA_CRL_FILES": "/m/a.crl,/m/b.crl",
            "QAQPA_REVOCATION_URL_REWRITE": "http://crl.pki.gov.kz/=http://mirror.local/",
        }
    )
    policy = settings.verification_policy()
    assert policy.crl_files == ("/m/a.crl", "/m/b.crl")
    assert policy.url_rewrite == (("http://crl.pki.gov.kz/", "http://mirror.local/"),)
    broken = load_settings({"QAQPA_REVOCATION_URL_REWRITE": "http://no-replacement/"})
    with pytest.raises(SettingsError, match="QAQPA_REVOCATION_URL_REWRITE"):
        broken.verification_policy()


async def test_crl_fetched_from_the_mirror_by_intake_and_by_the_refresh() -> None:
    requests: list[str] = []

    async def serve(request: web.Request) -> web.Response:
        requests.append(request.path)
        if request.path == "/crl/nca_gost2022_test.crl":
            return web.Response(body=CRL.read_bytes())
        return web.Response(status=404)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", serve)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    mirror = f"http://127.0.0.1:{port}"
    try:
        online = VerificationPolicy(
            trust_anchors=ANCHORS,
            test_pki=True,
            url_rewrite=(
                ("http://test.pki.gov.kz/crl/", f"{mirror}/crl/"),
                ("http://test.pki.gov.kz/ocsp/", f"{mirror}/ocsp/"),
            ),
        )
        async with Verifier(online) as verifier:
            cms = signer("individual_valid_individual_valid").sign_cms(DOCUMENT)
            result = await verifier.verify_cms(cms, DOCUMENT, at=AT_2026)
            assert result.code is Code.OK, result.message
            assert result.revocation.source == "crl"
            assert "/crl/nca_gost2022_test.crl" in requests
            requests.clear()
            report = await verifier.refresh_crls(
                ["http://test.pki.gov.kz/crl/nca_gost2022_test.crl"]
            )
            assert report.refreshed == ["http://test.pki.gov.kz/crl/nca_gost2022_test.crl"]
            assert requests == ["/crl/nca_gost2022_test.crl"]
    finally:
        await runner.cleanup()
