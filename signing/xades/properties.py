"""XAdES qualifying properties beyond B-B: writing and reading the unsigned ones.

Layout (ETSI EN 319 132-1, clause 5.3 and 5.5), in the order they were added::

    xades:QualifyingProperties
      xades:SignedProperties ...                         (signxml, B-B)
      xades:UnsignedProperties
        xades:UnsignedSignatureProperties
          xades:SignatureTimeStamp                       (B-T)
            ds:CanonicalizationMethod  -- how ds:SignatureValue was canonicalised
            xades:EncapsulatedTimeStamp  -- RFC 3161 token, base64
          xades:CertificateValues                        (B-LT)
            xades:EncapsulatedX509Certificate*
          xades:RevocationValues                         (B-LT)
            xades:CRLValues/xades:EncapsulatedCRLValue*
            xades:OCSPValues/xades:EncapsulatedOCSPValue*

Nothing here is signed by the signer: the timestamp protects itself (its imprint is the
canonical ``ds:SignatureValue``) and the certificates and revocation data are signed by
their issuers, which is what makes adding them after signing sound.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from signing.xades.names import DEFAULT_TIMESTAMP_C14N, NS, ds, xades


@dataclass
class UnsignedValues:
    """What the unsigned signature properties carry (raw DER, not judged)."""

    timestamps: list[tuple[str, bytes]] = field(default_factory=list)  # (c14n URI, token)
    certificates: list[bytes] = field(default_factory=list)
    crls: list[bytes] = field(default_factory=list)
    ocsps: list[bytes] = field(default_factory=list)
    has_certificate_values: bool = False
    has_revocation_values: bool = False


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(element: etree._Element) -> bytes:
    try:
        return base64.b64decode("".join((element.text or "").split()), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError(f"{etree.QName(element).localname} is not base64") from exc


def qualifying_properties(signature: etree._Element) -> etree._Element:
    found = signature.find("ds:Object/xades:QualifyingProperties", NS)
    if found is None:
        raise ValueError("no xades:QualifyingProperties in the signature")
    return found


def qualifying_container(signature: etree._Element) -> etree._Element:
    """The signature's ``xades:QualifyingProperties``, created when it has none.

    A plain XMLDSig signature (NCALayer's ``signXml``) has no XAdES properties; unsigned ones
    may still be added (EN 319 132-1, 4.4): a ``ds:Object`` whose QualifyingProperties target
    the signature's Id. The Id attribute is given when missing: the enveloped-signature
    transform leaves the whole ds:Signature out of what was signed, so adding it is harmless.
    """
    found = signature.find("ds:Object/xades:QualifyingProperties", NS)
    if found is not None:
        return found
    signature_id = signature.get("Id")
    if signature_id is None:
        signature_id = "Signature-1"
        signature.set("Id", signature_id)
    holder = etree.SubElement(signature, ds("Object"))
    qualifying = etree.SubElement(
        holder, xades("QualifyingProperties"), nsmap={"xades": NS["xades"]}
    )
    qualifying.set("Target", f"#{signature_id}")
    return qualifying


def _unsigned_signature_properties(signature: etree._Element) -> etree._Element:
    qualifying = qualifying_properties(signature)
    unsigned = qualifying.find("xades:UnsignedProperties", NS)
    if unsigned is None:
        unsigned = etree.SubElement(qualifying, xades("UnsignedProperties"))
    props = unsigned.find("xades:UnsignedSignatureProperties", NS)
    if props is None:
        props = etree.SubElement(unsigned, xades("UnsignedSignatureProperties"))
    return props


def add_signature_timestamp(signature: etree._Element, token: bytes, c14n: str) -> None:
    """Append a ``xades:SignatureTimeStamp`` holding ``token`` (B-T)."""
    props = _unsigned_signature_properties(signature)
    stamp = etree.SubElement(props, xades("SignatureTimeStamp"))
    stamp.set("Id", f"{signature.get('Id', 'Signature')}-SignatureTimeStamp")
    etree.SubElement(stamp, ds("CanonicalizationMethod")).set("Algorithm", c14n)
    etree.SubElement(stamp, xades("EncapsulatedTimeStamp")).text = _b64(token)


def add_validation_values(
    signature: etree._Element,
    certificates: Sequence[bytes],
    crls: Sequence[bytes],
    ocsps: Sequence[bytes],
) -> None:
    """Append ``xades:CertificateValues`` and ``xades:RevocationValues`` (B-LT)."""
    props = _unsigned_signature_properties(signature)
    cert_values = etree.SubElement(props, xades("CertificateValues"))
    for der in certificates:
        etree.SubElement(cert_values, xades("EncapsulatedX509Certificate")).text = _b64(der)
    rev_values = etree.SubElement(props, xades("RevocationValues"))
    if crls:
        crl_values = etree.SubElement(rev_values, xades("CRLValues"))
        for der in crls:
            etree.SubElement(crl_values, xades("EncapsulatedCRLValue")).text = _b64(der)
    if ocsps:
        ocsp_values = etree.SubElement(rev_values, xades("OCSPValues"))
        for der in ocsps:
            etree.SubElement(ocsp_values, xades("EncapsulatedOCSPValue")).text = _b64(der)


def read_unsigned(signature: etree._Element) -> UnsignedValues:
    """Everything in the unsigned signature properties; ``ValueError`` on broken base64."""
    values = UnsignedValues()
    props = signature.find(
        "ds:Object/xades:QualifyingProperties/xades:UnsignedProperties"
        "/xades:UnsignedSignatureProperties",
        NS,
    )
    if props is None:
        return values
    for stamp in props.findall("xades:SignatureTimeStamp", NS):
        method = stamp.find("ds:CanonicalizationMethod", NS)
        c14n = str(method.get("Algorithm")) if method is not None else DEFAULT_TIMESTAMP_C14N
        for token in stamp.findall("xades:EncapsulatedTimeStamp", NS):
            values.timestamps.append((c14n, _unb64(token)))
    for cert_values in props.findall("xades:CertificateValues", NS):
        values.has_certificate_values = True
        for cert in cert_values.findall("xades:EncapsulatedX509Certificate", NS):
            values.certificates.append(_unb64(cert))
    for rev_values in props.findall("xades:RevocationValues", NS):
        values.has_revocation_values = True
        for crl in rev_values.findall("xades:CRLValues/xades:EncapsulatedCRLValue", NS):
            values.crls.append(_unb64(crl))
        for ocsp in rev_values.findall("xades:OCSPValues/xades:EncapsulatedOCSPValue", NS):
            values.ocsps.append(_unb64(ocsp))
    return values


def claimed_signing_time(signature: etree._Element) -> datetime | None:
    """``xades:SigningTime`` (a claim of the signer, protected by the signature)."""
    element = signature.find(
        "ds:Object/xades:QualifyingProperties/xades:SignedProperties"
        "/xades:SignedSignatureProperties/xades:SigningTime",
        NS,
    )
    if element is None or not element.text:
        return None
    try:
        moment = datetime.fromisoformat(element.text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
