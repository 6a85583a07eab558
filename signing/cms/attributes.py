"""Signed attributes of a SignerInfo, read from raw DER (fast path) or from asn1crypto.

Each attribute must have exactly one value and appear at most once; content-type and
message-digest are required.  The signature covers the attributes with their SET OF tag, not
the [0] IMPLICIT one they carry inside the SignerInfo, so both readers keep that DER re-tagged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from asn1crypto import cms

from signing import der
from signing.cms.parsed import DIGEST_NAMES, CmsError
from signing.result import Code

OID_CONTENT_TYPE = bytes.fromhex("2a864886f70d010903")
OID_MESSAGE_DIGEST = bytes.fromhex("2a864886f70d010904")
OID_SIGNING_TIME = bytes.fromhex("2a864886f70d010905")
OID_SIGNING_CERT = bytes.fromhex("2a864886f70d010910020c")
OID_SIGNING_CERT_V2 = bytes.fromhex("2a864886f70d010910022f")

# (hash name, hash, serial INTEGER content bytes or None) of one ESSCertID(v2)
EssCertId = tuple[str, bytes, bytes | None]


@dataclass
class SignedAttrs:
    der: bytes | None = None
    message_digest: bytes | None = None
    content_type: str | None = None
    signing_time: datetime | None = None
    ess: list[EssCertId] = field(default_factory=list)


def _one_value(buf: bytes, set_start: int, set_end: int, name: str) -> tuple[int, int, int]:
    values = der.children(buf, set_start, set_end)
    if len(values) != 1:
        raise CmsError(Code.MALFORMED, f"signed attribute {name} must have exactly one value")
    tag, _, vs, ve = values[0]
    return tag, vs, ve


def ess_ids(buf: bytes, start: int, end: int, v2: bool) -> list[EssCertId]:
    """The ESSCertID(v2) entries of a SigningCertificate(V2) value."""
    ids: list[EssCertId] = []
    _, ss, se = der.tlv(buf, start, end)  # SigningCertificate(V2) SEQUENCE
    first = der.children(buf, ss, se)[0]  # SEQUENCE OF ESSCertID(v2)
    for _, _, es, ee in der.children(buf, first[2], first[3]):
        parts = der.children(buf, es, ee)
        hash_name = "sha256" if v2 else "sha1"
        if v2 and parts and parts[0][0] == 0x30:
            alg = der.children(buf, parts[0][2], parts[0][3])[0]
            oid = der.oid_dotted(buf[alg[2] : alg[3]])
            hash_name = DIGEST_NAMES.get(oid, oid)
            parts = parts[1:]
        if not parts or parts[0][0] != 0x04:
            raise CmsError(Code.MALFORMED, "signing-certificate attribute without a hash")
        cert_hash = buf[parts[0][2] : parts[0][3]]
        serial = None
        if len(parts) > 1 and parts[1][0] == 0x30:
            issuer_serial = der.children(buf, parts[1][2], parts[1][3])
            if len(issuer_serial) >= 2 and issuer_serial[1][0] == 0x02:
                serial = buf[issuer_serial[1][2] : issuer_serial[1][3]]
        ids.append((hash_name, cert_hash, serial))
    return ids


def read_der_attrs(buf: bytes, header: int, start: int, end: int) -> SignedAttrs:
    """The [0] IMPLICIT signed attributes whose TLV starts at ``header``, read from raw DER."""
    attrs = SignedAttrs(der=b"\x31" + buf[header + 1 : end])
    seen: set[bytes] = set()
    for _, _, a_s, a_e in der.children(buf, start, end):
        attr = der.children(buf, a_s, a_e)
        oid = buf[attr[0][2] : attr[0][3]]
        if oid in seen:
            raise CmsError(Code.MALFORMED, "duplicate signed attribute")
        seen.add(oid)
        values = (buf, attr[1][2], attr[1][3])
        if oid == OID_MESSAGE_DIGEST:
            _, v_s, v_e = _one_value(*values, "message-digest")
            attrs.message_digest = buf[v_s:v_e]
        elif oid == OID_CONTENT_TYPE:
            _, v_s, v_e = _one_value(*values, "content-type")
            attrs.content_type = der.oid_dotted(buf[v_s:v_e])
        elif oid == OID_SIGNING_TIME:
            tag, v_s, v_e = _one_value(*values, "signing-time")
            attrs.signing_time = der.parse_time(tag, buf[v_s:v_e])
        elif oid in (OID_SIGNING_CERT_V2, OID_SIGNING_CERT):
            _one_value(*values, "signing-certificate")
            attrs.ess.extend(ess_ids(*values, oid == OID_SIGNING_CERT_V2))
    if attrs.message_digest is None or attrs.content_type is None:
        raise CmsError(Code.MALFORMED, "signed attributes lack content-type or message-digest")
    return attrs


def read_asn1_attrs(signed_attrs: cms.CMSAttributes | None) -> SignedAttrs:
    """The signed attributes as asn1crypto parsed them; none at all is not an error."""
    attrs = SignedAttrs()
    if signed_attrs is None or len(signed_attrs) == 0:
        return attrs
    attrs.der = b"\x31" + signed_attrs.dump()[1:]
    seen: set[str] = set()
    for attr in signed_attrs:
        name = attr["type"].native
        if name in seen:
            raise CmsError(Code.MALFORMED, f"duplicate signed attribute {name}")
        seen.add(name)
        if name == "message_digest":
            attrs.message_digest = bytes(_single_value(attr, name).native)
        elif name == "content_type":
            attrs.content_type = _single_value(attr, name).dotted
        elif name == "signing_time":
            attrs.signing_time = _single_value(attr, name).native
        elif name in ("signing_certificate_v2", "signing_certificate"):
            value = _single_value(attr, name)
            attrs.ess.extend(
                ess_ids(value.dump(), 0, len(value.dump()), name == "signing_certificate_v2")
            )
    if attrs.message_digest is None or attrs.content_type is None:
        raise CmsError(Code.MALFORMED, "signed attributes lack content-type or message-digest")
    return attrs


def _single_value(attr: cms.CMSAttribute, name: str) -> Any:
    values = attr["values"]
    if len(values) != 1:
        raise CmsError(Code.MALFORMED, f"signed attribute {name} must have exactly one value")
    return values[0]
