"""The thorough CMS parse, with asn1crypto: BER, subject-key-identifier signers, oddities.

Reached when the DER-only parser (:mod:`signing.cms.fast`) declines; gives the same
:class:`~signing.cms.parsed.ParsedCms`.
"""

from __future__ import annotations

from asn1crypto import cms, core, x509

from signing.cms.attributes import read_asn1_attrs
from signing.cms.parsed import CmsError, ParsedCms
from signing.result import Code


def parse_asn1(data: bytes) -> ParsedCms:
    info = cms.ContentInfo.load(data)
    if info["content_type"].native != "signed_data":
        raise CmsError(Code.MALFORMED, "CMS content is not SignedData")
    signed_data = info["content"]
    signer_infos = signed_data["signer_infos"]
    if len(signer_infos) != 1:
        raise CmsError(Code.MALFORMED, f"expected one signer, found {len(signer_infos)}")
    signer = signer_infos[0]
    encap = signed_data["encap_content_info"]
    econtent_type = encap["content_type"].dotted
    content = _content(encap)
    certs = [c.chosen for c in (signed_data["certificates"] or []) if c.name == "certificate"]
    signer_cert = _find_signer_cert(signer["sid"], certs)
    if signer_cert is None:
        raise CmsError(Code.MALFORMED, "the signer's certificate is not included in the CMS")
    digest_algorithm = signer["digest_algorithm"]["algorithm"]
    attrs = read_asn1_attrs(signer["signed_attrs"])
    return ParsedCms(
        content=content,
        econtent_type=econtent_type,
        signer_cert_der=bytes(signer_cert.dump()),
        other_certs_der=tuple(bytes(c.dump()) for c in certs if c is not signer_cert),
        digest_oid=digest_algorithm.dotted,
        digest_name=str(digest_algorithm.native),
        signature_algorithm_der=bytes(signer["signature_algorithm"].dump()),
        signature=bytes(signer["signature"].native),
        signed_attrs=attrs.der,
        message_digest=attrs.message_digest,
        content_type_attr=attrs.content_type,
        signing_time=attrs.signing_time,
        ess_cert_ids=tuple(attrs.ess),
    )


def _content(encap: cms.EncapsulatedContentInfo) -> bytes | None:
    econtent = encap["content"]
    if econtent is None or isinstance(econtent, core.Void):
        return None
    # OCTET STRING payload, whatever eContentType says it encodes.
    return bytes(econtent)


def _find_signer_cert(
    sid: cms.SignerIdentifier, certs: list[x509.Certificate]
) -> x509.Certificate | None:
    if sid.name == "issuer_and_serial_number":
        issuer = sid.chosen["issuer"]
        serial = sid.chosen["serial_number"].native
        for cert in certs:
            if cert.serial_number == serial and cert.issuer == issuer:
                return cert
    else:
        key_id = sid.chosen.native
        for cert in certs:
            if cert.key_identifier == key_id:
                return cert
    return None
