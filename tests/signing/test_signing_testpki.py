"""The test PKI itself: NCA shape of its certificates and its RFC 3161 service."""

from __future__ import annotations

import hashlib
import secrets
import urllib.request

from asn1crypto import tsp

from signing.identity import read_identity
from signing.testpki.server import BuiltPki
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
