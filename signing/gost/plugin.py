"""GOST as an :class:`~signing.algorithms.AlgorithmPlugin`: one more algorithm family behind
the interfaces RSA and ECDSA already use.

Chain validation: pyhanko-certvalidator builds and judges the path as for any other
certificate and calls our ``SignatureValidator`` hook (:class:`signing.algorithms.
_BridgeValidator`) for each signature, which lands here.  We chose the hook over our own
path checks because path building, name chaining, basic and name constraints, validity and
CRL/OCSP scoping then stay one implementation for every algorithm; the RSA/ECDSA route is
untouched (the hook answers only for the OIDs below and passes everything else to
certvalidator's default validator).  What certvalidator needs from asn1crypto -- a name for
the key and signature OIDs and no exception from key accessors -- is provided by
:mod:`signing.gost.asn1`.
"""

from __future__ import annotations

from signing.gost import curve, hashes
from signing.gost.keys import (
    UnsupportedKeyError,
    algorithm_for_key,
    algorithm_for_signature,
    parse_spki,
)
from signing.gost.params import DIGEST_OIDS


class GostPlugin:
    """Verifies NCA's GOST 2015-512 and GOST 2004 (and, when ``unconfirmed``, 2015-256)."""

    def __init__(self, *, unconfirmed: bool = False) -> None:
        self.unconfirmed = unconfirmed

    def handles(self, oid: str) -> bool:
        if oid in DIGEST_OIDS:
            return DIGEST_OIDS[oid] != "streebog256" or self.unconfirmed
        return (
            algorithm_for_key(oid, self.unconfirmed) is not None
            or algorithm_for_signature(oid, self.unconfirmed) is not None
        )

    def key_problem(self, spki_der: bytes) -> str | None:
        """Why a key with one of our OIDs is still unsupported (unknown curve...), or None."""
        try:
            parse_spki(spki_der, self.unconfirmed)
        except UnsupportedKeyError as exc:
            return str(exc)
        return None

    def digest(self, digest_oid: str, data: bytes) -> bytes:
        return hashes.digest(DIGEST_OIDS[digest_oid], data)

    def verify(self, spki_der: bytes, signature_oid: str, message: bytes, signature: bytes) -> bool:
        expected = algorithm_for_signature(signature_oid, self.unconfirmed)
        try:
            key = parse_spki(spki_der, self.unconfirmed)
        except UnsupportedKeyError:
            return False
        if expected is None or key.algorithm is not expected:
            return False  # a GOST 2004 signature claimed for a 2015 key, or the like
        digest = hashes.digest(key.algorithm.hash_name, message)
        return curve.verify(key.algorithm.curve, key.point, digest, signature)

    def verify_digest(self, spki_der: bytes, digest: bytes, signature: bytes) -> bool:
        """For XMLDSig, where the digest of SignedInfo is computed by the caller."""
        try:
            key = parse_spki(spki_der, self.unconfirmed)
        except UnsupportedKeyError:
            return False
        return curve.verify(key.algorithm.curve, key.point, digest, signature)
