"""The RFC 3161 client: hand-written DER against asn1crypto, answers from the real TSA."""

from __future__ import annotations

import hashlib

import pytest
from asn1crypto import tsp

from signing.revocation.fetch import Fetcher
from signing.xades.timestamp import (
    REQUEST_TYPE,
    TimestampError,
    _fast_token,
    _slow_token,
    build_request,
    read_token,
    token_from_response,
)
from testkit.pki.server import BuiltPki

DIGEST = hashlib.sha256(b"ds:SignatureValue").digest()


@pytest.mark.parametrize("nonce", [0, 1, 127, 128, 255, 256, 2**63 - 1])
def test_request_is_what_asn1crypto_encodes(nonce: int) -> None:
    expected = tsp.TimeStampReq(
        {
            "version": "v1",
            "message_imprint": {
                "hash_algorithm": {"algorithm": "sha256"},
                "hashed_message": DIGEST,
            },
            "nonce": nonce,
            "cert_req": True,
        }
    ).dump()
    assert build_request(DIGEST, "sha256", nonce) == expected


async def test_response_readers_agree_and_check_nonce_and_imprint(pki: BuiltPki) -> None:
    fetcher = Fetcher(10.0, 1 << 20)
    try:
        nonce = 2**62 + 12345
        body = await fetcher.post(
            pki.tsa_url(), build_request(DIGEST, "sha256", nonce), REQUEST_TYPE
        )
    finally:
        await fetcher.aclose()
    fast, slow = _fast_token(body), _slow_token(body)
    assert fast == slow
    assert fast[0] == 0 and fast[2] == DIGEST and fast[3] == nonce
    token = token_from_response(body, DIGEST, nonce)
    info = read_token(token)
    assert info.hashed_message == DIGEST and info.hash_name == "sha256"
    with pytest.raises(TimestampError, match="nonce"):
        token_from_response(body, DIGEST, nonce + 1)
    with pytest.raises(TimestampError, match="imprint"):
        token_from_response(body, hashlib.sha256(b"other").digest(), nonce)


def test_refusal_and_garbage() -> None:
    refusal = bytes.fromhex("30053003020102")  # PKIStatus rejection (2)
    with pytest.raises(TimestampError, match="refused"):
        token_from_response(refusal, DIGEST, 1)
    with pytest.raises(TimestampError, match="unreadable"):
        token_from_response(b"\x30\x03\x02\x01", DIGEST, 1)
