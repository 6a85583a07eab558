"""PAdES signatures from HSM-held keys, and verify_pdf's report on good and bad documents."""

from __future__ import annotations

import asyncio
from io import BytesIO

import pytest
from asn1crypto import cms, x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

from signing.keys import Keystore
from signing.pades import DocumentFormatError, PadesSigner, verify_pdf
from signing.report import Level
from testkit.pki.config import PROVIDER_BIN, PROVIDER_HEAD_IIN
from testkit.pki.officers import officer
from testkit.pki.server import BuiltPki
from tests.signing.issue.conftest import LEVELS
from tests.signing.issue.issue_helpers import byte_range_and_cms, tamper


@pytest.mark.parametrize("level", LEVELS)
async def test_each_level_verifies_with_identity_and_level(
    signed: dict[Level, bytes], root_cert: x509.Certificate, level: Level
) -> None:
    report = await verify_pdf(signed[level], trust=[root_cert])
    assert report.format == "pdf" and report.valid
    [signature] = report.signatures
    assert signature.indication == "TOTAL-PASSED" and signature.sub_indication is None
    assert signature.level == level
    assert signature.revocation == "good"
    assert signature.modified_after_signing is False
    assert signature.coverage == (
        "entire_document" if level in ("B-B", "B-T") else "entire_revision"
    )
    assert signature.signer is not None
    assert signature.signer.iin == PROVIDER_HEAD_IIN and signature.signer.bin == PROVIDER_BIN
    assert "first_head" in signature.signer.roles
    assert signature.signing_time is not None
    assert (signature.timestamp_time is None) == (level == "B-B")


async def test_lt_verifies_offline_from_embedded_revocation_data(
    signed: dict[Level, bytes], root_cert: x509.Certificate
) -> None:
    offline_lt = await verify_pdf(signed["B-LT"], trust=[root_cert], allow_fetching=False)
    assert offline_lt.valid and offline_lt.signatures[0].revocation == "good"
    # Without embedded revocation data and without fetching, nothing proves the key good.
    offline_bt = await verify_pdf(signed["B-T"], trust=[root_cert], allow_fetching=False)
    assert not offline_bt.valid
    assert offline_bt.signatures[0].indication == "INDETERMINATE"


def test_cms_carries_the_chain_and_a_timestamp(signed: dict[Level, bytes], pki: BuiltPki) -> None:
    _signed_bytes, der = byte_range_and_cms(signed["B-T"])
    signed_data = cms.ContentInfo.load(der)["content"]
    embedded = {cert.chosen.dump() for cert in signed_data["certificates"]}
    assert pki.cert_der("provider-head") in embedded
    assert pki.cert_der("nca") in embedded
    unsigned = signed_data["signer_infos"][0]["unsigned_attrs"]
    assert "signature_time_stamp_token" in {attr["type"].native for attr in unsigned}


async def test_tampered_copy_is_hash_failure(
    signed: dict[Level, bytes], root_cert: x509.Certificate
) -> None:
    for level in ("B-T", "B-LT"):
        report = await verify_pdf(tamper(signed[level]), trust=[root_cert])
        assert not report.valid
        assert report.signatures[0].indication == "TOTAL-FAILED"
        assert report.signatures[0].sub_indication == "HASH_FAILURE"


async def test_signed_after_revocation_is_revoked(
    revoked_signed: bytes, root_cert: x509.Certificate
) -> None:
    report = await verify_pdf(revoked_signed, trust=[root_cert])
    assert not report.valid
    [signature] = report.signatures
    assert signature.revocation == "revoked"
    # The signature timestamp proves the signature was made after the revocation.
    assert (signature.indication, signature.sub_indication) == ("TOTAL-FAILED", "REVOKED")
    assert signature.signer is not None and signature.signer.iin == officer("provider-revoked")[0]


async def test_unknown_anchor_is_no_chain(signed: dict[Level, bytes], pki: BuiltPki) -> None:
    other_root = x509.Certificate.load(pki.cert_der("unknown-root"))
    report = await verify_pdf(signed["B-T"], trust=[other_root])
    assert not report.valid
    signature = report.signatures[0]
    assert signature.indication == "INDETERMINATE"
    assert signature.sub_indication == "NO_CERTIFICATE_CHAIN_FOUND"


async def test_content_changed_in_a_later_revision_is_reported(
    signed: dict[Level, bytes], root_cert: x509.Certificate
) -> None:
    writer = IncrementalPdfFileWriter(BytesIO(signed["B-T"]))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    content = page["/Contents"].get_object()
    content._data = content.data.replace(b"0001", b"0666")  # swap the permit number
    content._encoded_data = None
    writer.update_container(content)
    out = BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    report = await verify_pdf(out.getvalue(), trust=[root_cert])
    signature = report.signatures[0]
    assert signature.coverage == "entire_revision"
    assert signature.modified_after_signing is True
    assert not report.valid


async def test_unsigned_and_unreadable_input(
    unsigned_pdf: bytes, root_cert: x509.Certificate
) -> None:
    report = await verify_pdf(unsigned_pdf, trust=[root_cert])
    assert report.signatures == [] and report.valid is False
    with pytest.raises(DocumentFormatError):
        await verify_pdf(b"%PDF-1.7\nthis is not a pdf", trust=[root_cert])


async def test_second_signature_by_executor_keeps_the_first_valid(
    signed: dict[Level, bytes], pki: BuiltPki, keystore: Keystore, root_cert: x509.Certificate
) -> None:
    key = keystore.key(*officer("provider-executor"))
    async with PadesSigner(key, tsa_url=pki.tsa_url()) as signer:
        twice = await signer.sign(signed["B-T"], level="B-T")
    reader = PdfFileReader(BytesIO(twice))
    assert [sig.field_name for sig in reader.embedded_regular_signatures] == [
        "Signature1",
        "Signature2",
    ]
    report = await verify_pdf(twice, trust=[root_cert])
    assert report.valid and len(report.signatures) == 2
    assert report.signatures[0].coverage == "entire_revision"
    assert report.signatures[0].modified_after_signing is False
    assert report.signatures[1].signer is not None
    assert report.signatures[1].signer.roles == ["organization", "signer"]


async def test_concurrent_signatures_share_one_hsm_session(
    head_signer: PadesSigner, unsigned_pdf: bytes, root_cert: x509.Certificate
) -> None:
    documents = await asyncio.gather(
        *(head_signer.sign(unsigned_pdf, level="B-B") for _ in range(8))
    )
    reports = await asyncio.gather(*(verify_pdf(doc, trust=[root_cert]) for doc in documents))
    assert all(report.valid for report in reports)
