"""What a CMS parse yields (:class:`ParsedCms`), its error, and the readers both parsers share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from asn1crypto import algos

from signing import der
from signing.result import Code


class CmsError(Exception):
    def __init__(self, code: Code, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


DIGEST_NAMES = {
    "1.3.14.3.2.26": "sha1",
    "2.16.840.1.101.3.4.2.4": "sha224",
    "2.16.840.1.101.3.4.2.1": "sha256",
    "2.16.840.1.101.3.4.2.2": "sha384",
    "2.16.840.1.101.3.4.2.3": "sha512",
    "2.16.840.1.101.3.4.2.8": "sha3_256",
    "2.16.840.1.101.3.4.2.9": "sha3_384",
    "2.16.840.1.101.3.4.2.10": "sha3_512",
    "1.2.840.113549.2.5": "md5",
    "1.2.840.113549.2.2": "md2",
}
ID_DATA = "1.2.840.113549.1.7.1"

# AlgorithmIdentifier DER -> parsed object; a handful exist in practice, hence the bound.
SIGNED_DIGEST_ALGORITHMS: dict[bytes, algos.SignedDigestAlgorithm] = {}


def signed_digest_algorithm(der: bytes) -> algos.SignedDigestAlgorithm:
    """asn1crypto object for an AlgorithmIdentifier, memoised (a handful exist in practice)."""
    found = SIGNED_DIGEST_ALGORITHMS.get(der)
    if found is None:
        found = algos.SignedDigestAlgorithm.load(der)
        _ = found.native
        if len(SIGNED_DIGEST_ALGORITHMS) < 256:
            SIGNED_DIGEST_ALGORITHMS[der] = found
    return found


@dataclass(frozen=True, slots=True)
class ParsedCms:
    content: bytes | None
    econtent_type: str
    signer_cert_der: bytes
    other_certs_der: tuple[bytes, ...]
    digest_oid: str
    digest_name: str
    signature_algorithm_der: bytes
    signature: bytes
    signed_attrs: bytes | None  # DER, re-tagged as SET OF, ready to verify
    message_digest: bytes | None
    content_type_attr: str | None
    signing_time: datetime | None
    # (hash name, hash, serial INTEGER content bytes or None) per signing-certificate entry
    ess_cert_ids: tuple[tuple[str, bytes, bytes | None], ...]

    @property
    def signature_algorithm(self) -> algos.SignedDigestAlgorithm:
        return signed_digest_algorithm(self.signature_algorithm_der)

    def signer_serial_der(self) -> bytes:
        return cert_issuer_serial(self.signer_cert_der)[1]


def cert_issuer_serial(cert_der: bytes) -> tuple[bytes, bytes]:
    """Raw (issuer Name TLV, serial INTEGER value) of a certificate."""
    _, cs, ce = der.tlv(cert_der, 0, len(cert_der))
    _, ts, te = der.tlv(cert_der, cs, ce)
    items = der.children(cert_der, ts, te)
    index = 1 if items[0][0] == 0xA0 else 0
    serial = items[index]
    issuer = items[index + 2]
    return cert_der[issuer[1] : issuer[3]], cert_der[serial[2] : serial[3]]
