"""Fixtures for the XAdES tests: documents signed once per session over the real test PKI.

Signing at B-T/B-LT makes real HTTP requests to the test PKI's TSA, CRL and OCSP endpoints
on 127.0.0.1; nothing is mocked.  Tests that change a document work on copies.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from asn1crypto import x509

from signing.xades import XadesSigner
from testkit.pki.server import BuiltPki
from tests.signing.xades.xades_helpers import DOCUMENT, chain_of, key_of


@pytest.fixture(scope="session")
def root_cert(pki: BuiltPki) -> x509.Certificate:
    return x509.Certificate.load(pki.cert_der("root"))


@pytest.fixture(scope="session")
async def xades_signer() -> AsyncIterator[XadesSigner]:
    async with XadesSigner() as signer:
        yield signer


@pytest.fixture(scope="session")
async def signed(pki: BuiltPki, xades_signer: XadesSigner) -> dict[str, bytes]:
    """``"<label> <level>"`` -> the document signed by that test-PKI certificate."""
    documents: dict[str, bytes] = {}
    for label, levels in (("legal-sign", ("B-B", "B-T", "B-LT")), ("revoked-crl", ("B-B", "B-LT"))):
        for level in levels:
            documents[f"{label} {level}"] = await xades_signer.sign(
                DOCUMENT,
                key=key_of(pki, label),
                chain=chain_of(pki, label),
                level=level,  # type: ignore[arg-type]
                tsa_url=pki.tsa_url(),
            )
    return documents
