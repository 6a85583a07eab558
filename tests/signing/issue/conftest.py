"""Fixtures for issuing signed documents: a SoftHSM2 token with the provider officers' keys.

``provider_hsm`` (a token in the session's stack directory, own SOFTHSM2_CONF, keys imported
from the test PKI) and ``keystore`` live in tests/conftest.py, shared with the workflow
tests.  Documents are signed once per session and level, then copied and tampered with by
the tests that need it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from asn1crypto import x509

from signing.keys import Keystore
from signing.pades import PadesSigner
from signing.report import Level
from testkit.pki.officers import officer
from testkit.pki.pdf import sample_pdf
from testkit.pki.server import BuiltPki

LEVELS: tuple[Level, ...] = ("B-B", "B-T", "B-LT", "B-LTA")
TEXT = ("Qaqpa: permit S8 No. 0001", "Issued by the test provider")


@pytest.fixture(scope="session")
def root_cert(pki: BuiltPki) -> x509.Certificate:
    return x509.Certificate.load(pki.cert_der("root"))


@pytest.fixture(scope="session")
def unsigned_pdf() -> bytes:
    return sample_pdf(TEXT)


@pytest.fixture(scope="session")
async def head_signer(pki: BuiltPki, keystore: Keystore) -> AsyncIterator[PadesSigner]:
    async with PadesSigner(keystore.key(*officer("provider-head")), tsa_url=pki.tsa_url()) as s:
        yield s


@pytest.fixture(scope="session")
async def signed(head_signer: PadesSigner, unsigned_pdf: bytes) -> dict[Level, bytes]:
    """The sample PDF signed by the provider's head at every level (HSM key)."""
    return {level: await head_signer.sign(unsigned_pdf, level=level) for level in LEVELS}


@pytest.fixture(scope="session")
async def revoked_signed(pki: BuiltPki, keystore: Keystore, unsigned_pdf: bytes) -> bytes:
    """Signed at B-T by the officer whose certificate was revoked two days ago."""
    key = keystore.key(*officer("provider-revoked"))
    async with PadesSigner(key, tsa_url=pki.tsa_url()) as signer:
        return await signer.sign(unsigned_pdf, level="B-T")
