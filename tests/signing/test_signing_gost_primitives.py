"""GOST primitives against published vectors, fast path against pure Python, and NCA's keys."""

from __future__ import annotations

import secrets

import pytest

from signing.gost import curve, hashes, native
from signing.gost.gost94 import gost94
from signing.gost.params import CRYPTOPRO_A, TC26_256_A, TC26_512_A, Curve
from tests.signing.gost_helpers import P12, signer

# GOST R 34.11-2012 example M1 (a 63-byte ASCII string), hash as the standard's byte order
# reversed -- i.e. as implementations output it.
M1 = b"012345678901234567890123456789012345678901234567890123456789012"
STREEBOG512_M1 = (
    "1b54d01a4af5b9d5cc3d86d68d285462b19abc2475222f35c085122be4ba1ffa"
    "00ad30f8767b3a82384c6574f024c311e2a481332b08ef7f41797891c1646f48"
)


def test_gost94_test_sbox_matches_rfc_5831_vectors() -> None:
    assert gost94(b"").hex() == ("ce85b99cc46752fffee35cab9a7b0278abb4c2d2055cff685af4912c49490f8d")
    assert gost94(b"abc").hex() == (
        "f3134348c44fb1b2a277729e2285ebb5cb5e0f29c975bc753b70497c06a4d51d"
    )
    assert gost94(b"abd") != gost94(b"abc")


def test_streebog512_vector_and_both_paths_agree() -> None:
    assert hashes.digest("streebog512", M1).hex() == STREEBOG512_M1
    pure = hashes._pure_streebog(512)
    for size in (0, 1, 63, 64, 65, 1000):
        data = secrets.token_bytes(size)
        assert pure(data) == hashes.digest("streebog512", data)


def test_the_fast_paths_are_installed_here() -> None:
    # make install (scripts/bootstrap.sh) brings libengine-gost-openssl; a machine without it
    # still verifies correctly (the pure tests below) but would miss the speed goals.
    assert hashes.fast_paths() == {"streebog": True, "curves": True}


@pytest.mark.parametrize("params", [TC26_512_A, CRYPTOPRO_A, TC26_256_A])
def test_libcrypto_and_pure_python_curves_agree(params: Curve) -> None:
    group = native.ec_backend(params)
    assert group is not None
    d = secrets.randbelow(params.q - 1) + 1
    point = curve.public_key(params, d)
    n, m = secrets.randbelow(params.q), secrets.randbelow(params.q)
    assert group.mul_add(n, point, m) == curve._pure_mul_add(params, n, point, m)
    # A point off the curve is refused by both.
    off = (point[0], (point[1] + 1) % params.p)
    assert group.mul_add(n, off, m) is None
    assert curve._pure_mul_add(params, n, off, m) is None


@pytest.mark.parametrize("params", [TC26_512_A, CRYPTOPRO_A])
def test_sign_and_verify_round_trip_and_one_byte_changes(params: Curve) -> None:
    d = secrets.randbelow(params.q - 1) + 1
    public = curve.public_key(params, d)
    digest = secrets.token_bytes(params.size)
    signature = curve.sign(params, d, digest)
    assert curve.verify(params, public, digest, signature)
    assert not curve.verify(params, public, digest[:-1] + bytes([digest[-1] ^ 1]), signature)
    assert not curve.verify(params, public, digest, signature[:5] + b"\x00" + signature[6:])
    assert not curve.verify(params, public, digest, signature[:-1])


def test_every_nca_p12_key_matches_its_certificate() -> None:
    names = sorted(p.stem for p in P12.glob("*.p12"))
    assert len(names) == 12
    for name in names:
        gost = signer(name)  # raises when d·G is not the certificate's key
        assert gost.key.algorithm.curve is TC26_512_A


def test_without_the_fast_paths_verification_falls_back_and_says_so(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # A machine without libengine-gost-openssl and without a usable libcrypto.
    monkeypatch.setattr(native, "streebog_backend", lambda bits: None)
    monkeypatch.setattr(native, "ec_backend", lambda params: None)
    hashes.hasher.cache_clear()
    curve._warn_pure.cache_clear()
    try:
        gost = signer("legal_valid_head")
        message = b"x" * 300
        signature = gost.sign(message)
        digest = hashes.digest("streebog512", message)
        assert digest.hex() == hashes._pure_streebog(512)(message).hex()
        assert curve.verify(TC26_512_A, gost.key.point, digest, signature)
        assert not curve.verify(TC26_512_A, gost.key.point, digest, signature[::-1])
        assert "install libengine-gost-openssl" in caplog.text
        assert "using pure Python" in caplog.text
    finally:
        hashes.hasher.cache_clear()
