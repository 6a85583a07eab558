"""Parsing a CMS SignedData: the fast DER-only parser first, the thorough one when it declines."""

from __future__ import annotations

from asn1crypto import cms

from signing import der
from signing.cms.fast import parse_der
from signing.cms.parsed import CmsError, ParsedCms
from signing.cms.thorough import parse_asn1
from signing.result import Code

SIGNATURE_TIMESTAMP_OID = "1.2.840.113549.1.9.16.2.14"  # id-aa-signatureTimeStampToken


def parse_cms(data: bytes) -> ParsedCms:
    """Parse a ContentInfo with SignedData; raises CmsError(MALFORMED, ...)."""
    try:
        return parse_der(data)
    except CmsError:
        raise
    except (der.DerError, IndexError, ValueError, UnicodeDecodeError):
        pass  # BER, subject-key-identifier signers, oddities: the thorough parser decides
    try:
        return parse_asn1(data)
    except CmsError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
        raise CmsError(Code.MALFORMED, f"not a CMS SignedData structure: {exc}") from exc


def signed_content(der: bytes) -> bytes | None:
    """The encapsulated content of an attached CMS (None if detached or unreadable)."""
    try:
        return parse_cms(der).content
    except CmsError:
        return None


def signature_timestamp_tokens(data: bytes) -> list[bytes]:
    """The signature-timestamp tokens (DER ContentInfo) in the signer's unsigned attributes.

    Read only when the policy validates at a proven time, so the fast parser stays as it is.
    """
    try:
        info = cms.ContentInfo.load(data)
        unsigned = info["content"]["signer_infos"][0]["unsigned_attrs"]
        tokens: list[bytes] = []
        for attr in unsigned or []:
            if attr["type"].dotted == SIGNATURE_TIMESTAMP_OID:
                tokens.extend(bytes(value.dump()) for value in attr["values"])
        return tokens
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise CmsError(Code.MALFORMED, f"unreadable unsigned attributes: {exc}") from exc
