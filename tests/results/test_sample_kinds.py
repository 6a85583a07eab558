"""Every result kind of testkit/samples.py, signed as PDF and XML, verifies —
by our verifiers and by pyHanko's CLI, pdfsig and xmlsec1.

Signed the way the worker signs (the issuer's B-LT PAdES and XAdES with the provider head's
HSM key); the system key (role ``system``) signs a result no officer approved.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import msgspec
import pytest
from asn1crypto import x509

from registry.results.document import ResultDocument
from signing.pades import verify_pdf
from signing.xades import verify_xml
from testkit.pki.config import PROVIDER_EXECUTOR_IIN, PROVIDER_HEAD_IIN
from testkit.pki.server import BuiltPki
from testkit.samples import sample_documents
from tests.results.helpers import write
from tests.signing.issue.test_issue_independent import pdfsig_validation, pyhanko_validate
from tests.signing.xades.xades_helpers import xmlsec1_verify
from workers.jobs.signing import SYSTEM_POSITION, Issuer, SigningNotConfiguredError

SAMPLES = sample_documents("http://127.0.0.1:8000")


def _root(pki: BuiltPki) -> list[x509.Certificate]:
    return [x509.Certificate.load(pki.cert_der("root"))]


async def _check(issuer: Issuer, pki: BuiltPki, document: ResultDocument, pair: tuple[str, str],
                 iin: str, directory: Path | None = None) -> None:  # fmt: skip
    files = await issuer.sign(document, pair)
    assert [(f.kind, f.level) for f in files] == [("pdf", "B-LT"), ("xml", "B-LT")]
    pdf, xml = files[0].content, files[1].content
    for report in (
        await verify_pdf(pdf, trust=_root(pki)),
        await verify_xml(xml, trust=_root(pki)),
    ):
        assert report.valid, (document.kind, report)
        [signature] = report.signatures
        assert signature.indication == "TOTAL-PASSED" and signature.level == "B-LT"
        assert signature.signer is not None and signature.signer.iin == iin
    if directory is not None:
        await asyncio.to_thread(_independent_checks, pki, pdf, xml, directory)


def _independent_checks(pki: BuiltPki, pdf: bytes, xml: bytes, directory: Path) -> None:
    """Tools nobody here wrote accept the signed files (tampering: see test_issue_s3)."""
    root = pki.trust_dir / "root.pem"
    checked = pyhanko_validate(write(directory, "result.pdf", pdf), root)
    assert checked.returncode == 0 and ":INTACT:TRUSTED" in checked.stdout, checked.stdout
    assert pdfsig_validation(directory / "result.pdf") == ["Signature is Valid."]
    verified = xmlsec1_verify(write(directory, "result.xml", xml), root)
    assert verified.returncode == 0, verified.stdout + verified.stderr


@pytest.mark.parametrize("name", sorted(SAMPLES))
async def test_every_result_kind_signs_and_verifies(
    issuer: Issuer, pki: BuiltPki, name: str, tmp_path: Path
) -> None:
    pair = issuer.key_for(PROVIDER_HEAD_IIN, "signer")
    assert pair == (PROVIDER_HEAD_IIN, "head")  # the officer's only key, whatever the role
    await _check(issuer, pki, SAMPLES[name], pair, PROVIDER_HEAD_IIN, tmp_path)


async def test_a_result_without_an_officer_signer_is_signed_with_the_system_key(
    issuer: Issuer, pki: BuiltPki
) -> None:
    pair = issuer.key_for(None, None)
    assert pair == (PROVIDER_EXECUTOR_IIN, "system")
    signer = issuer.signer_of(pair)
    assert signer.position == SYSTEM_POSITION and signer.iin == PROVIDER_EXECUTOR_IIN
    assert signer.name  # the organisation on the system certificate
    document = msgspec.structs.replace(SAMPLES["customs_release"], signer=signer)
    await _check(issuer, pki, document, pair, PROVIDER_EXECUTOR_IIN)


def test_an_officer_without_a_key_is_a_configuration_error(issuer: Issuer) -> None:
    with pytest.raises(SigningNotConfiguredError, match="000000000000"):
        issuer.key_for("000000000000", "signer")
