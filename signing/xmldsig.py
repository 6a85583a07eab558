"""XMLDSig enveloped signatures (the form NCALayer produces for XML requests).

The document is parsed by *our* parser first -- no entity expansion, no network, no DTD
loading, and any DOCTYPE at all is refused -- and only the resulting tree is handed to signxml,
so signxml never sees raw bytes it could parse differently.  The signer certificate comes from
``KeyInfo/X509Data/X509Certificate``; it is validated by :mod:`signing.verify` like any other
certificate, and signxml is then told to use exactly that certificate (``x509_cert``) so that
signxml's own chain logic plays no part.  GOST XML algorithms (NCA's ``pkigovkz`` URIs and
``xmldsig-more#gost34310-gost34311``) go to :mod:`signing.gost.xml` instead, since signxml
knows no GOST; SHA-1 ones are ``weak_algorithm``.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from asn1crypto import x509 as asn1_x509
from cryptography import x509 as cx509
from lxml import etree
from signxml.exceptions import InvalidCertificate, InvalidDigest, InvalidInput, InvalidSignature
from signxml.verifier import SignatureConfiguration, XMLVerifier

from signing.gost import xml as gost_xml
from signing.result import Code

DS = "http://www.w3.org/2000/09/xmldsig#"
NS = {"ds": DS}
MAX_XML_BYTES = 16 * 1024 * 1024

WEAK_URIS = frozenset(
    {
        "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
        "http://www.w3.org/2000/09/xmldsig#dsa-sha1",
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1",
        "http://www.w3.org/2000/09/xmldsig#sha1",
        "http://www.w3.org/2001/04/xmldsig-more#md5",
        "http://www.w3.org/2001/04/xmldsig-more#rsa-md5",
    }
)
SUPPORTED_SIGNATURE_URIS = frozenset(
    {
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384",
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
        "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1",
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384",
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512",
    }
)


class XmlError(Exception):
    def __init__(self, code: Code, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


@dataclass(frozen=True)
class ParsedXml:
    root: etree._Element
    signer_cert_der: bytes
    other_certs_der: tuple[bytes, ...]
    signature_method: str


def parse_root(data: bytes) -> etree._Element:
    """The root of ``data``, parsed with entity expansion and network access off; a size limit
    and no DOCTYPE at all. Raises :class:`XmlError` (``MALFORMED``) with a message for people."""
    if len(data) > MAX_XML_BYTES:
        raise XmlError(Code.MALFORMED, "XML document too large")
    try:
        root = etree.fromstring(data, parser=safe_parser())
    except etree.XMLSyntaxError as exc:
        raise XmlError(Code.MALFORMED, f"not well-formed XML: {exc}") from exc
    docinfo: Any = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise XmlError(Code.MALFORMED, "DOCTYPE declarations are not accepted")
    return root


def parse_xml(data: bytes) -> ParsedXml:
    root = parse_root(data)
    signatures = root.findall(".//ds:Signature", NS)
    if len(signatures) != 1:
        raise XmlError(Code.MALFORMED, f"expected one ds:Signature, found {len(signatures)}")
    signature = signatures[0]
    method = signature.find("ds:SignedInfo/ds:SignatureMethod", NS)
    if method is None or not method.get("Algorithm"):
        raise XmlError(Code.MALFORMED, "ds:SignatureMethod missing")
    certs: list[bytes] = []
    for element in signature.findall("ds:KeyInfo/ds:X509Data/ds:X509Certificate", NS):
        try:
            certs.append(base64.b64decode("".join((element.text or "").split()), validate=True))
        except (binascii.Error, ValueError) as exc:
            raise XmlError(Code.MALFORMED, "X509Certificate is not base64") from exc
    if not certs:
        raise XmlError(Code.MALFORMED, "no X509Certificate in ds:KeyInfo")
    return ParsedXml(root, certs[0], tuple(certs[1:]), str(method.get("Algorithm")))


def algorithm_findings(parsed: ParsedXml, gost_unconfirmed: bool = False) -> list[tuple[Code, str]]:
    findings: list[tuple[Code, str]] = []
    uris = {parsed.signature_method}
    for digest in parsed.root.iterfind(
        ".//ds:Signature/ds:SignedInfo/ds:Reference/ds:DigestMethod", NS
    ):
        uris.add(str(digest.get("Algorithm")))
    for uri in sorted(uris):
        if uri in WEAK_URIS:
            findings.append((Code.WEAK_ALGORITHM, f"weak XML algorithm {uri}"))
        elif gost_xml.is_gost_uri(parsed.signature_method):
            if uri == parsed.signature_method and not gost_xml.supported(uri, gost_unconfirmed):
                findings.append(
                    (Code.UNSUPPORTED_ALGORITHM, f"XML signature method {uri} is not enabled")
                )
        elif uri == parsed.signature_method and uri not in SUPPORTED_SIGNATURE_URIS:
            findings.append(
                (Code.UNSUPPORTED_ALGORITHM, f"XML signature method {uri} is not supported")
            )
    return findings


def within_validity(
    moment: datetime, not_before: datetime | None, not_after: datetime | None
) -> datetime:
    """``moment`` moved just inside the certificate's validity period: signxml checks that
    period itself, and the callers have judged validity already (with its own verdict)."""
    if not_after is not None and moment > not_after:
        return not_after - timedelta(seconds=1)
    if not_before is not None and moment < not_before:
        return not_before + timedelta(seconds=1)
    return moment


def signature_findings(parsed: ParsedXml, moment: datetime) -> list[tuple[Code, str]]:
    """Let signxml check references and the signature with the given certificate."""
    return verified_signature(parsed, moment)[0]


def verified_signature(
    parsed: ParsedXml, moment: datetime, gost_unconfirmed: bool = False
) -> tuple[list[tuple[Code, str]], etree._Element | None]:
    """:func:`signature_findings`, and when there are none, the XML the signature covers.

    That XML is signxml's ``signed_xml``: the reference's transformed, canonical bytes parsed
    again -- without comments and without the signature -- so content read from it is exactly
    what was verified (a comment splitting a text node in the submitted bytes is gone there).
    It is None when the canonical form is not an XML document.
    """
    if gost_xml.is_gost_uri(parsed.signature_method):
        try:
            spki = bytes(asn1_x509.Certificate.load(parsed.signer_cert_der).public_key.dump())
        except (ValueError, TypeError) as exc:
            return [(Code.MALFORMED, f"certificate could not be read: {exc}")], None
        return gost_xml.verify(parsed.root, spki, safe_parser(), gost_unconfirmed)
    try:
        cert = cx509.load_der_x509_certificate(parsed.signer_cert_der)
        verified = XMLVerifier().verify(
            parsed.root,
            x509_cert=cert,
            parser=safe_parser(),
            expect_config=SignatureConfiguration(
                require_x509=True,
                location=".//",
                expect_references=1,
                verification_time=moment,
                ignore_ambiguous_key_info=True,
            ),
        )
    except (InvalidSignature, InvalidDigest) as exc:
        return [(Code.SIGNATURE_INVALID, f"XML signature invalid: {exc}")], None
    except InvalidCertificate as exc:
        # Validity was judged already; anything signxml adds here is about the signature.
        return [(Code.SIGNATURE_INVALID, f"XML signature rejected: {exc}")], None
    except InvalidInput as exc:
        return [(Code.MALFORMED, f"XML signature structure: {exc}")], None
    except (ValueError, TypeError) as exc:
        return [(Code.MALFORMED, f"XML signature could not be processed: {exc}")], None
    # expect_references=1 makes signxml return one result (a list only for other counts).
    assert not isinstance(verified, list)
    return [], verified.signed_xml
