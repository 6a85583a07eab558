"""Fixtures for issuing signed documents: a SoftHSM2 token with the provider officers' keys.

``provider_hsm`` initialises a token in the session's stack directory (own SOFTHSM2_CONF, keys
imported from the test PKI) and points this process at it; the lead moves it to
tests/conftest.py once the workflow uses it.  Documents are signed once per session and
level, then copied and tampered with by the tests that need it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from asn1crypto import x509

from signing.hsm import SoftHsm
from signing.keys import Keystore
from signing.pades import PadesSigner
from signing.report import Level
from signing.testpki.officers import init_provider_hsm, keystore_config, officer
from signing.testpki.pdf import sample_pdf
from signing.testpki.server import BuiltPki

LEVELS: tuple[Level, ...] = ("B-B", "B-T", "B-LT", "B-LTA")
TEXT = ("Qaqpa: permit S8 No. 0001", "Issued by the test provider")


@pytest.fixture(scope="session")
def provider_hsm(pki: BuiltPki, stack_dir: Path) -> SoftHsm:
    hsm = init_provider_hsm(pki, stack_dir / "softhsm")
    hsm.activate()
    return hsm


@pytest.fixture(scope="session")
def keystore(pki: BuiltPki, provider_hsm: SoftHsm) -> Iterator[Keystore]:
    with Keystore.open(keystore_config(pki, provider_hsm)) as store:
        yield store


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
