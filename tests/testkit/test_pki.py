"""The test PKI itself: NCA shape of its certificates and its RFC 3161 service."""

from __future__ import annotations

import hashlib
import secrets
import urllib.request

import certomancer.crypto_utils as certomancer_crypto
import pytest
from asn1crypto import algos, tsp
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

from signing.identity import read_identity
from testkit.pki.crypto import KeyCachingBackend
from testkit.pki.server import BuiltPki
from tests.signing.signing_helpers import cert_of


def test_certificates_are_nca_shaped(pki: BuiltPki) -> None:
    individual = read_identity(cert_of(pki, "individual-sign"))
    assert individual.policies == ("1.2.398.3.3.2.3",)
    assert individual.key_usage == ("digital_signature", "non_repudiation")
    auth = read_identity(cert_of(pki, "individual-auth"))
    assert auth.key_purpose == "auth" and "1.3.6.1.5.5.7.3.2" in auth.extended_key_usage
    legal = read_identity(cert_of(pki, "legal-sign"))
    assert (legal.iin, legal.bin, legal.organization) == (
        "760212350620",
        "940140000385",
        'ТОО "ТЕСТ"',
    )
    leaf = cert_of(pki, "individual-sign")
    assert leaf.ocsp_urls == [pki.ocsp_url()]
    assert [p.url for p in leaf.crl_distribution_points] == [pki.crl_url()]


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("legal-sign", "first_head"),
        ("legal-signer", "signer"),
        ("legal-finance", "finance_signer"),
        ("legal-hr", "hr"),
        ("legal-employee", "employee"),
        ("legal-system", "information_system"),
    ],
)
def test_the_legal_entity_has_a_certificate_for_each_nca_role(
    pki: BuiltPki, label: str, role: str
) -> None:
    identity = read_identity(cert_of(pki, label))
    assert identity.roles == ("organization", role)
    assert (identity.bin, identity.subject_kind, identity.key_purpose) == (
        "940140000385",
        "legal_entity",
        "sign",
    )
    assert (identity.iin is None) == (role == "information_system")


def test_timestamp_service_answers_over_loopback(pki: BuiltPki) -> None:
    digest = hashlib.sha256(b"request body").digest()
    nonce = secrets.randbits(63)
    request = tsp.TimeStampReq(
        {
            "version": 1,
            "message_imprint": {
                "hash_algorithm": {"algorithm": "sha256"},
                "hashed_message": digest,
            },
            "nonce": nonce,
            "cert_req": True,
        }
    )
    http_request = urllib.request.Request(
        pki.tsa_url(), data=request.dump(), headers={"Content-Type": "application/timestamp-query"}
    )
    with urllib.request.urlopen(http_request) as response:
        reply = tsp.TimeStampResp.load(response.read())
    assert reply["status"]["status"].native == "granted"
    tst_info = reply["time_stamp_token"]["content"]["encap_content_info"]["content"].parsed
    assert tst_info["message_imprint"]["hashed_message"].native == digest
    assert tst_info["nonce"].native == nonce


def _timestamp(pki: BuiltPki) -> tsp.TimeStampResp:
    request = tsp.TimeStampReq(
        {
            "version": 1,
            "message_imprint": {
                "hash_algorithm": {"algorithm": "sha256"},
                "hashed_message": hashlib.sha256(b"again").digest(),
            },
            "cert_req": True,
        }
    )
    http_request = urllib.request.Request(
        pki.tsa_url(), data=request.dump(), headers={"Content-Type": "application/timestamp-query"}
    )
    with urllib.request.urlopen(http_request) as response:
        return tsp.TimeStampResp.load(response.read())


def test_the_service_parses_its_signing_key_once_not_per_signature(
    pki: BuiltPki, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert isinstance(certomancer_crypto.CRYPTO_BACKEND, KeyCachingBackend)
    _timestamp(pki)  # the TSA key is parsed now if it was not yet in this process
    parsed: list[bytes] = []
    load = serialization.load_der_private_key

    def counting_load(data: bytes, password: bytes | None) -> PrivateKeyTypes:
        parsed.append(data)
        return load(data, password)

    monkeypatch.setattr(serialization, "load_der_private_key", counting_load)
    replies = [_timestamp(pki) for _ in range(3)]
    assert [reply["status"]["status"].native for reply in replies] == ["granted"] * 3
    assert parsed == []


@pytest.mark.parametrize("kind", ["rsa2048", "ec256"])
def test_the_caching_backend_gives_what_certomancers_own_gives(kind: str) -> None:
    key: PrivateKeyTypes = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        if kind == "rsa2048"
        else ec.generate_private_key(ec.SECP256R1())
    )
    pem_bytes = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    ours, stock = KeyCachingBackend(), certomancer_crypto.PycaCryptographyBackend()
    private, public = ours.load_private_key(pem_bytes, None)
    stock_private, stock_public = stock.load_private_key(pem_bytes, None)
    assert (private.dump(), public.dump()) == (stock_private.dump(), stock_public.dump())
    algorithm = algos.SignedDigestAlgorithm(
        {"algorithm": "sha256_rsa" if kind == "rsa2048" else "sha256_ecdsa"}
    )
    data = b"to be signed"
    # The second signature comes from the key kept by the first.
    signatures = [ours.generic_sign(private, data, algorithm) for _ in range(2)]
    verifier = key.public_key()
    if isinstance(verifier, rsa.RSAPublicKey):
        # PKCS#1 v1.5 is deterministic: the same bytes as certomancer's own backend.
        assert signatures == [stock.generic_sign(stock_private, data, algorithm)] * 2
        verifier.verify(signatures[0], data, padding.PKCS1v15(), hashes.SHA256())
    else:
        assert isinstance(verifier, ec.EllipticCurvePublicKey)
        for signature in signatures:
            verifier.verify(signature, data, ec.ECDSA(hashes.SHA256()))
