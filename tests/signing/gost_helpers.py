"""NCA GOST material for the signing tests (copies of ../shared/interop/nca-gost and nca-test)."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from asn1crypto import algos, keys, x509
from cryptography.exceptions import InvalidSignature

from signing.algorithms import AlgorithmRegistry
from signing.encoding import decode_one
from signing.gost.plugin import GostPlugin
from testkit.gost.signer import GostSigner

INTEROP_DIR = Path(__file__).resolve().parent / "interop"
GOST = INTEROP_DIR / "nca-gost"
NCA_TEST = INTEROP_DIR / "nca-test"
P12 = GOST / "p12"
ROOT = GOST / "root_test_gost_2022.cer"
CA = GOST / "nca_gost2022_test.cer"
CRL = GOST / "nca_gost2022_test.crl"
# Inside the CRL's validity (2026-08-11 .. 2027-02-07) and the keys' (2026-05/06 .. 2027-05).
AT_2026 = datetime(2026, 9, 1, tzinfo=UTC)
AT_2022 = datetime(2022, 6, 1, tzinfo=UTC)

VALID = (
    "individual_valid_individual_valid",
    "legal_valid_head",
    "legal_valid_employee_signright",
    "legal_valid_treasury_client",
)
# On the CRL: the five legal_revoked_*, individual_revoked and two "valid" ones (see README).
REVOKED = (
    "individual_revoked_individual_revoked",
    "legal_revoked_head",
    "legal_revoked_employee",
    "legal_revoked_employee_signright",
    "legal_revoked_infosystem",
    "legal_revoked_treasury_client",
    "legal_valid_employee",
    "legal_valid_infosystem",
)
TEST_IIN = "123456789011"
EMPLOYEE_IIN = "123456789012"
TEST_BIN = "123456789021"


def certificate(path: Path) -> x509.Certificate:
    return x509.Certificate.load(decode_one(path.read_bytes()))


@cache
def signer(name: str) -> GostSigner:
    return GostSigner.from_p12(P12 / f"{name}.p12")


def registry() -> AlgorithmRegistry:
    return AlgorithmRegistry([GostPlugin()])


def signature_holds(
    data: bytes, signature: bytes, spki: keys.PublicKeyInfo, algorithm: algos.SignedDigestAlgorithm
) -> bool:
    """The check certvalidator makes for certificates, CRLs and OCSP (our bridge validator)."""
    try:
        registry().validator().validate_signature(signature, data, spki, algorithm)
    except InvalidSignature:
        return False
    return True


def flip(data: bytes, index: int | None = None) -> bytes:
    """``data`` with one byte changed (the middle one by default)."""
    at = len(data) // 2 if index is None else index
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]
