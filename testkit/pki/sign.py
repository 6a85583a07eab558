"""Producing signatures with test-PKI keys: CMS (detached/attached) and enveloped XMLDSig.

Built directly with asn1crypto + cryptography (rather than a signing library) so that tests can
produce exactly the deviations they need -- a SHA-1 digest, no signed attributes, a
signing-certificate attribute naming another certificate -- that a well-behaved signer refuses.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime

from asn1crypto import cms, x509
from asn1crypto import tsp as _tsp  # noqa: F401  (names signing_certificate_v2 for CMS)
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from lxml import etree
from signxml.algorithms import DigestAlgorithm, SignatureMethod
from signxml.signer import XMLSigner

_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha1": hashes.SHA1,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}


def _raw_sign(key: PrivateKeyTypes, data: bytes, digest: str) -> tuple[bytes, str]:
    hash_alg = _HASHES[digest]()
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(data, padding.PKCS1v15(), hash_alg), "rsassa_pkcs1v15"
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return key.sign(data, ec.ECDSA(hash_alg)), f"{digest}_ecdsa"
    raise TypeError(f"unsupported test key {type(key).__name__}")


def sign_cms(
    content: bytes,
    cert: x509.Certificate,
    key: PrivateKeyTypes,
    *,
    detached: bool = True,
    digest: str = "sha256",
    extra_certs: Sequence[x509.Certificate] = (),
    signing_time: datetime | None = None,
    signed_attributes: bool = True,
    signing_certificate: x509.Certificate | None = None,
    message_digest: bytes | None = None,
) -> bytes:
    """A CMS SignedData (DER). ``signing_certificate`` overrides the ESS-bound certificate.

    ``message_digest``: the content's digest, computed elsewhere (``content`` is then unused),
    as NCALayer signs a precomputed digest (see :func:`sign_cms_digest`).
    """
    signed_attrs = None
    if signed_attributes:
        bound = signing_certificate if signing_certificate is not None else cert
        signed_attrs = cms.CMSAttributes(
            [
                {"type": "content_type", "values": ["data"]},
                {
                    "type": "signing_time",
                    "values": [cms.Time({"utc_time": signing_time or datetime.now(UTC)})],
                },
                {
                    "type": "message_digest",
                    "values": [message_digest or hashlib.new(digest, content).digest()],
                },
                {
                    "type": "signing_certificate_v2",
                    "values": [{"certs": [{"cert_hash": hashlib.sha256(bound.dump()).digest()}]}],
                },
            ]
        )
        signature, sig_algo = _raw_sign(key, signed_attrs.dump(), digest)
    else:
        signature, sig_algo = _raw_sign(key, content, digest)
    signer_info = cms.SignerInfo(
        {
            "version": "v1",
            "sid": cms.SignerIdentifier(
                name="issuer_and_serial_number",
                value={"issuer": cert.issuer, "serial_number": cert.serial_number},
            ),
            "digest_algorithm": {"algorithm": digest},
            "signed_attrs": signed_attrs,
            "signature_algorithm": {"algorithm": sig_algo},
            "signature": signature,
        }
    )
    signed_data = cms.SignedData(
        {
            "version": "v1",
            "digest_algorithms": [{"algorithm": digest}],
            "encap_content_info": {
                "content_type": "data",
                "content": None if detached else content,
            },
            "certificates": [cert, *extra_certs],
            "signer_infos": [signer_info],
        }
    )
    return bytes(cms.ContentInfo({"content_type": "signed_data", "content": signed_data}).dump())


def sign_cms_digest(
    message_digest: bytes,
    cert: x509.Certificate,
    key: PrivateKeyTypes,
    *,
    digest: str = "sha256",
    extra_certs: Sequence[x509.Certificate] = (),
) -> bytes:
    """A detached CMS over a precomputed digest, as NCALayer's ``sign`` gives it for a digest
    (the officer signs a PDF's ``/ByteRange`` digest the server prepared)."""
    return sign_cms(
        b"",
        cert,
        key,
        detached=True,
        digest=digest,
        extra_certs=extra_certs,
        message_digest=message_digest,
    )


def sign_xml(xml: bytes, cert_pem: bytes, key: PrivateKeyTypes, digest: str = "sha256") -> bytes:
    """Enveloped XMLDSig over the whole document, certificate in KeyInfo."""
    root = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    signer = XMLSigner(
        signature_algorithm=SignatureMethod[f"RSA_{digest.upper()}"],
        digest_algorithm=DigestAlgorithm[digest.upper()],
    )
    signed = signer.sign(root, key=key_pem, cert=cert_pem.decode())
    return bytes(etree.tostring(signed))
