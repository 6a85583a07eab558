"""CMS and XMLDSig signatures with NCA GOST test keys, laid out as NCALayer lays them out.

CMS: SignedData v1, one SignerInfo by issuer and serial, signed attributes content-type,
signing-time, message-digest (Streebog-512 output as produced) and signing-certificate-v2
(hash of the certificate with the key's own digest), signature r‖s little-endian over the
DER of the attributes.  XMLDSig: enveloped, inclusive C14N, the NCA ``pkigovkz`` URIs,
SignatureValue in the CMS byte order (unconfirmed for XML: no NCA-made XML sample at hand).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from asn1crypto import algos, cms, core, x509
from asn1crypto import tsp as _tsp  # noqa: F401  (names signing_certificate_v2 for CMS)
from lxml import etree

from signing.gost import curve, hashes
from signing.gost.keys import parse_spki
from signing.gost.params import XML_DIGEST_URIS, XML_SIGNATURE_URIS
from testkit.gost.p12 import GostKeyPair, load_p12

DS = "http://www.w3.org/2000/09/xmldsig#"
C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"

# Digest and signature OIDs per key algorithm (from the key in the certificate).
_DIGEST_OID = {"streebog512": "1.2.398.3.10.1.3.3", "gost94_test": "1.2.398.3.10.1.3.1"}


class GostSigner:
    """One NCA test key pair; ``GostSigner.from_p12(path)`` reads it from NCA's file."""

    def __init__(self, pair: GostKeyPair) -> None:
        self.pair = pair
        self.certificate = pair.certificate
        self.key = parse_spki(bytes(pair.certificate.public_key.dump()))
        if curve.public_key(self.key.algorithm.curve, pair.d) != self.key.point:
            raise ValueError("the private key does not match the certificate")

    @classmethod
    def from_p12(cls, path: str | Path, password: str = "Qwerty12") -> GostSigner:  # noqa: S107
        return cls(load_p12(path, password))

    @property
    def hash_name(self) -> str:
        return self.key.algorithm.hash_name

    def digest(self, data: bytes) -> bytes:
        return hashes.digest(self.key.algorithm.hash_name, data)

    def sign_digest(self, digest: bytes) -> bytes:
        return curve.sign(self.key.algorithm.curve, self.pair.d, digest)

    def sign(self, message: bytes) -> bytes:
        return self.sign_digest(self.digest(message))

    # -- CMS ----------------------------------------------------------------------------

    def sign_cms(
        self,
        content: bytes,
        *,
        detached: bool = True,
        extra_certs: Sequence[x509.Certificate] = (),
        signing_time: datetime | None = None,
    ) -> bytes:
        return self.sign_cms_digest(
            self.digest(content),
            content=None if detached else content,
            extra_certs=extra_certs,
            signing_time=signing_time,
        )

    def sign_cms_digest(
        self,
        digest: bytes,
        *,
        content: bytes | None = None,
        extra_certs: Sequence[x509.Certificate] = (),
        signing_time: datetime | None = None,
    ) -> bytes:
        """A CMS whose message-digest is ``digest`` (the key's own hash of the content, as
        NCALayer's ``digested`` mode takes it); detached unless ``content`` is given."""
        cert = self.certificate
        digest_oid = _DIGEST_OID[self.key.algorithm.hash_name]
        digest_algorithm = algos.DigestAlgorithm({"algorithm": digest_oid})
        signed_attrs = cms.CMSAttributes(
            [
                {"type": "content_type", "values": ["data"]},
                {
                    "type": "signing_time",
                    "values": [cms.Time({"utc_time": signing_time or datetime.now(UTC)})],
                },
                {"type": "message_digest", "values": [digest]},
                {
                    "type": "signing_certificate_v2",
                    "values": [
                        {
                            "certs": [
                                {
                                    "hash_algorithm": {"algorithm": digest_oid},
                                    "cert_hash": self.digest(bytes(cert.dump())),
                                }
                            ]
                        }
                    ],
                },
            ]
        )
        signature = self.sign(bytes(signed_attrs.dump()))
        signer_info = cms.SignerInfo(
            {
                "version": "v1",
                "sid": cms.SignerIdentifier(
                    name="issuer_and_serial_number",
                    value={"issuer": cert.issuer, "serial_number": cert.serial_number},
                ),
                "digest_algorithm": digest_algorithm,
                "signed_attrs": signed_attrs,
                "signature_algorithm": algos.SignedDigestAlgorithm(
                    {"algorithm": self.key.algorithm.signature_oid}
                ),
                "signature": signature,
            }
        )
        signed_data = cms.SignedData(
            {
                "version": "v1",
                "digest_algorithms": [digest_algorithm],
                "encap_content_info": {
                    "content_type": "data",
                    "content": None if content is None else core.OctetString(content),
                },
                "certificates": [cert, *extra_certs],
                "signer_infos": [signer_info],
            }
        )
        info = cms.ContentInfo({"content_type": "signed_data", "content": signed_data})
        return bytes(info.dump())

    # -- XMLDSig ------------------------------------------------------------------------

    def _uris(self) -> tuple[str, str]:
        algorithm = self.key.algorithm
        signature_uri = next(u for u, a in XML_SIGNATURE_URIS.items() if a is algorithm)
        digest_uri = next(u for u, h in XML_DIGEST_URIS.items() if h == algorithm.hash_name)
        return signature_uri, digest_uri

    def sign_xml(self, xml: bytes) -> bytes:
        """Enveloped signature over the whole document (Reference URI="")."""
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        root = etree.fromstring(xml, parser=parser)
        signature_uri, digest_uri = self._uris()
        document_digest = self.digest(etree.tostring(root, method="c14n"))

        def ds(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
            return etree.SubElement(parent, f"{{{DS}}}{tag}", attrs)

        signature = etree.SubElement(root, f"{{{DS}}}Signature", nsmap={"ds": DS})
        signed_info = ds(signature, "SignedInfo")
        ds(signed_info, "CanonicalizationMethod", Algorithm=C14N)
        ds(signed_info, "SignatureMethod", Algorithm=signature_uri)
        reference = ds(signed_info, "Reference", URI="")
        transforms = ds(reference, "Transforms")
        ds(transforms, "Transform", Algorithm=ENVELOPED)
        ds(transforms, "Transform", Algorithm=C14N)
        ds(reference, "DigestMethod", Algorithm=digest_uri)
        ds(reference, "DigestValue").text = base64.b64encode(document_digest).decode()
        value = ds(signature, "SignatureValue")
        x509_data = ds(ds(signature, "KeyInfo"), "X509Data")
        ds(x509_data, "X509Certificate").text = base64.b64encode(
            bytes(self.certificate.dump())
        ).decode()
        signed_info_c14n = etree.tostring(signed_info, method="c14n")
        value.text = base64.b64encode(self.sign(signed_info_c14n)).decode()
        return bytes(etree.tostring(root))
