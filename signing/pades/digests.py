"""Which digest an officer's key signs over a PDF's ``/ByteRange``, and computing it.

A CMS signature's ``message-digest`` is made with the digest its key's algorithm pairs with:
SHA-256 for RSA and ECDSA keys, Streebog-512 (GOST R 34.11-2015) for NCA's GOST R 34.10-2015
512-bit keys, GOST 34.311-95 (test S-box) for GOST 34.310-2004 keys.  NCALayer signing a
precomputed digest (``signingParams.digested``) cannot choose the hash itself, so a signing
session must know the key's algorithm before it answers the digest: from the certificate the
officer will sign with, or named by the caller.

The names are the contract's ``pdf.digest_algorithm`` values; the GOST ones follow the URIs
NCA's XML tools use (``...:algorithms:gostr34112015-512``).  pyHanko lays out the placeholder
with SHA-256 either way: the layout does not depend on the digest, only the digest does.
GOST 2015 with 256-bit keys has no confirmed sample (:mod:`signing.gost.params`) and no name
here.
"""

from __future__ import annotations

import hashlib
from typing import Literal, get_args

from asn1crypto import x509

from signing.gost import hashes
from signing.gost.params import GOST2004, GOST2015_512

DigestAlgorithm = Literal["sha256", "gostr34112015-512", "gost34311"]
DIGEST_ALGORITHMS: tuple[DigestAlgorithm, ...] = get_args(DigestAlgorithm)
_BY_KEY_OID: dict[str, DigestAlgorithm] = {
    GOST2015_512.key_oid: "gostr34112015-512",
    GOST2004.key_oid: "gost34311",
}
# Keys ``cryptography`` verifies (the built-in algorithms) sign SHA-256 digests.
_SHA256_KEYS = frozenset({"rsa", "rsassa_pss", "ec"})


class UnsupportedDigestKeyError(ValueError):
    """The certificate's key is of an algorithm no session digest is offered for."""


def digest_algorithm_for(certificate: x509.Certificate) -> DigestAlgorithm:
    """The digest the key of ``certificate`` signs (raises :class:`UnsupportedDigestKeyError`)."""
    algorithm = certificate["tbs_certificate"]["subject_public_key_info"]["algorithm"]
    oid = algorithm["algorithm"].dotted
    if oid in _BY_KEY_OID:
        return _BY_KEY_OID[oid]
    if algorithm["algorithm"].native in _SHA256_KEYS:
        return "sha256"
    raise UnsupportedDigestKeyError(f"no signing-session digest for keys of {oid}")


def byte_range_digest(name: DigestAlgorithm, data: bytes) -> bytes:
    """``data`` (the bytes a ``/ByteRange`` covers) hashed with the algorithm ``name``."""
    if name == "gostr34112015-512":
        return hashes.digest("streebog512", data)
    if name == "gost34311":
        return hashes.digest("gost94_test", data)
    return hashlib.sha256(data).digest()
