"""The DER-only parse of a ContentInfo/SignedData with one signer: the warm path's parser.

It reads raw TLVs and touches only what the verifier needs.  Anything it does not expect
(BER, a signer named by subject key identifier, names encoded differently) raises
``der.DerError`` and :func:`signing.cms.parse.parse_cms` hands the input to the thorough
parser.  Every verification runs through here: keep calls and allocations as they are.
"""

from __future__ import annotations

from signing import der
from signing.cms.attributes import SignedAttrs, read_der_attrs
from signing.cms.parsed import DIGEST_NAMES, ParsedCms, cert_issuer_serial

OID_SIGNED_DATA = bytes.fromhex("2a864886f70d010702")

# One TLV as der.children gives it: (tag, header start, value start, value end).
Tlv = tuple[int, int, int, int]


def parse_der(buf: bytes) -> ParsedCms:
    """DER-only parse of a ContentInfo/SignedData with one signer; DerError => use thorough."""
    n = len(buf)
    tag, s, e = der.tlv(buf, 0, n)
    if tag != 0x30 or e != n:
        raise der.DerError("not a DER SEQUENCE")
    top = der.children(buf, s, e)
    if len(top) != 2 or top[0][0] != 0x06 or buf[top[0][2] : top[0][3]] != OID_SIGNED_DATA:
        raise der.DerError("not SignedData")
    if top[1][0] != 0xA0:
        raise der.DerError("no content")
    tag, ss, se = der.tlv(buf, top[1][2], top[1][3])
    if tag != 0x30:
        raise der.DerError("SignedData is not a SEQUENCE")
    parts = der.children(buf, ss, se)
    if len(parts) < 4 or parts[0][0] != 0x02 or parts[1][0] != 0x31 or parts[2][0] != 0x30:
        raise der.DerError("unexpected SignedData layout")
    econtent_type, content = _encap(buf, parts[2][2], parts[2][3])
    certs: list[bytes] = []
    index = 3
    if parts[index][0] == 0xA0:
        certs = [
            buf[h:ve]
            for t, h, _, ve in der.children(buf, parts[index][2], parts[index][3])
            if t == 0x30
        ]
        index += 1
    if index < len(parts) and parts[index][0] == 0xA1:
        index += 1  # CRLs: the verifier takes revocation data from its own sources
    if index != len(parts) - 1 or parts[index][0] != 0x31:
        raise der.DerError("unexpected SignedData tail")
    return _signer_info(buf, parts[index], certs, econtent_type, content)


def _encap(buf: bytes, start: int, end: int) -> tuple[str, bytes | None]:
    encap = der.children(buf, start, end)
    econtent_type = der.oid_dotted(buf[encap[0][2] : encap[0][3]])
    if len(encap) == 1:
        return econtent_type, None
    _, os_start, os_end = der.tlv(buf, encap[1][2], encap[1][3])
    if buf[encap[1][2]] != 0x04:
        raise der.DerError("constructed eContent")
    return econtent_type, buf[os_start:os_end]


def _signer_info(
    buf: bytes, signer_infos: Tlv, certs: list[bytes], econtent_type: str, content: bytes | None
) -> ParsedCms:
    """The one SignerInfo, its certificate among ``certs``, and the whole parse."""
    signers = der.children(buf, signer_infos[2], signer_infos[3])
    if len(signers) != 1:
        raise der.DerError("not exactly one signer")
    fields = der.children(buf, signers[0][2], signers[0][3])
    if len(fields) < 5 or fields[1][0] != 0x30:
        raise der.DerError("signer not identified by issuer and serial")
    sid = der.children(buf, fields[1][2], fields[1][3])
    wanted = (buf[sid[0][1] : sid[0][3]], buf[sid[1][2] : sid[1][3]])
    for signer_cert in certs:
        if cert_issuer_serial(signer_cert) == wanted:
            break
    else:
        # Names may be encoded differently yet equal: the thorough parser compares properly.
        raise der.DerError("signer certificate not found by raw comparison")
    digest_alg = der.children(buf, fields[2][2], fields[2][3])[0]
    digest_oid = der.oid_dotted(buf[digest_alg[2] : digest_alg[3]])
    pos = 3
    attrs = SignedAttrs()
    if fields[pos][0] == 0xA0:
        attrs = read_der_attrs(buf, fields[pos][1], fields[pos][2], fields[pos][3])
        pos += 1
    sig_alg = fields[pos]
    sig = fields[pos + 1]
    if sig_alg[0] != 0x30 or sig[0] != 0x04:
        raise der.DerError("unexpected SignerInfo layout")
    return ParsedCms(
        content=content,
        econtent_type=econtent_type,
        signer_cert_der=signer_cert,
        other_certs_der=tuple(c for c in certs if c is not signer_cert),
        digest_oid=digest_oid,
        digest_name=DIGEST_NAMES.get(digest_oid, digest_oid),
        signature_algorithm_der=buf[sig_alg[1] : sig_alg[3]],
        signature=buf[sig[2] : sig[3]],
        signed_attrs=attrs.der,
        message_digest=attrs.message_digest,
        content_type_attr=attrs.content_type,
        signing_time=attrs.signing_time,
        ess_cert_ids=tuple(attrs.ess),
    )
