"""Signing a result with the officer's own key (NCALayer): signing sessions.

With ``QAQPA_OFFICER_SIGNING=eds`` an officer does not approve a result for the worker's
server-held key; they sign it themselves, in two requests (gateway/officers/signing.py):

1. a session is opened: the checks of :func:`registry.issuing.signers.signable` (the result
   awaits its signature and this officer signs it: the signer step's signer, a complaint
   decision's signer, S1's deciding officer; four eyes), then the gateway renders the document
   as printed (the signer on it, :func:`registry.issuing.signers.printed_document`) and
   prepares the PDF for an external signature; the session (:class:`SigningSession`) is kept
   in Redis until it expires (``QAQPA_SIGNING_SESSION_SECONDS``);
2. the officer's CMS over the PDF's digest and their signed XML come back:
   :func:`check_signatures` verifies both with signing's Verifier -- the certificate must be
   the one the account names (its IIN), valid and unrevoked, both signatures by the same
   certificate and over exactly what was prepared -- then the gateway completes the PDF and
   the XML up to ``QAQPA_SIGNING_LEVEL`` and :func:`registry.issuing.signers.issue_signed`
   records them in one transaction: the approval the session's :class:`Route` stands for and
   the issue of :func:`registry.issuing.issue.issue`.

The approval's ``sign_result`` outbox row commits with the signed result, so that job finds
nothing to sign. Nothing here holds a key.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

import msgspec
from lxml import etree
from redis.asyncio import Redis

from registry.errors import DomainError, Kind
from registry.results.document import ResultDocument
from signing import Code, DigestAlgorithm, VerificationResult, Verifier, XmlError, parse_root

KEY_PREFIX = "qaqpa:signing-session:"


class Route(StrEnum):
    """What an officer's own signature of a result records besides the signature
    (:mod:`registry.issuing.signers` decides which applies)."""

    SIGNER_STEP = "signer_step"  # the flow's signer step: its approval action
    COMPLAINT = "complaint"  # a complaint's decision: the signer's approval of it
    DECIDER = "decider"  # no signer reviews it (S1 under control): the deciding officer signs
    APPROVED = "approved"  # the officer approved it before: only the signature is left


class ResultNotFoundError(DomainError):
    code = "result_not_found"
    kind = Kind.NOT_FOUND


class SigningSessionNotFoundError(DomainError):
    """No such session, or it expired, or it is another officer's."""

    code = "signing_session_not_found"
    kind = Kind.NOT_FOUND


class ResultNotSignableError(DomainError):
    """The result is signed, cancelled, another signer's, or not yet at the signer's step."""

    code = "result_not_signable"
    kind = Kind.CONFLICT


class SignerCertificateMismatchError(DomainError):
    """The signature's certificate names another person than the officer's account."""

    code = "signer_certificate_mismatch"
    kind = Kind.CONFLICT


class SignerCertificateRevokedError(DomainError):
    code = "signer_certificate_revoked"
    kind = Kind.CONFLICT


class SignerCertificateInvalidError(DomainError):
    """Expired, untrusted, not for signing, or its revocation could not be checked."""

    code = "signer_certificate_invalid"
    kind = Kind.CONFLICT


class OfficerSignatureInvalidError(DomainError):
    """The CMS or the XML signature does not verify, or covers something else."""

    code = "officer_signature_invalid"
    kind = Kind.CONFLICT


class SigningSession(msgspec.Struct, frozen=True, kw_only=True):
    """An open session: the documents prepared for one officer's signatures."""

    id: uuid.UUID
    result_id: uuid.UUID
    application_id: uuid.UUID
    officer_id: uuid.UUID
    officer_iin: str
    route: Route  # what the signature records besides itself (registry.issuing.signers)
    document: ResultDocument  # as printed: the signer and the verification URL on it
    pdf: bytes  # with the empty signature placeholder
    digest: bytes  # over the PDF's /ByteRange: what the officer's CMS signs
    digest_algorithm: DigestAlgorithm = "sha256"  # the officer's key's (GOST: Streebog-512)
    reserved_start: int
    reserved_end: int
    xml: bytes  # unsigned: what the officer's XMLDSig must cover
    expires_at: datetime

    def signed_bytes(self) -> bytes:
        """The detached content of the officer's CMS (the PDF without its placeholder)."""
        return self.pdf[: self.reserved_start] + self.pdf[self.reserved_end :]


# Redis holds the session: it is short-lived state, and its loss only means opening another.


async def save(redis: Redis, record: SigningSession, seconds: int) -> None:
    await redis.set(KEY_PREFIX + str(record.id), msgspec.msgpack.encode(record), ex=seconds)


async def load(redis: Redis, session_id: uuid.UUID, officer_id: uuid.UUID) -> SigningSession:
    raw = await redis.get(KEY_PREFIX + str(session_id))
    record = None if raw is None else msgspec.msgpack.decode(raw, type=SigningSession)
    if record is None or record.officer_id != officer_id:  # another's looks like none at all
        raise SigningSessionNotFoundError(f"signing session {session_id} does not exist")
    return record


async def forget(redis: Redis, session_id: uuid.UUID) -> None:
    await redis.delete(KEY_PREFIX + str(session_id))


def _refusal(result: VerificationResult, what: str) -> DomainError:
    """The 409 for a signature that did not verify: the certificate's fault first."""
    detail = f"{what}: {result.code}: {result.message}"
    if result.code == Code.REVOKED:
        return SignerCertificateRevokedError(detail)
    if result.code == Code.IIN_MISMATCH:
        return SignerCertificateMismatchError(
            f"{what}: the certificate is not the one of the officer's account"
        )
    if result.code in (Code.MALFORMED, Code.SIGNATURE_INVALID):
        return OfficerSignatureInvalidError(detail)
    return SignerCertificateInvalidError(detail)


def _canonical(element: etree._Element) -> bytes:
    return bytes(etree.tostring(element, method="c14n", exclusive=False, with_comments=False))


async def check_signatures(
    verifier: Verifier, record: SigningSession, pdf_cms: bytes, signed_xml: bytes
) -> VerificationResult:
    """Both of the officer's signatures verified against the session; the CMS's result.

    Raises the session's 409s: another person's certificate, a revoked or otherwise invalid
    one, a signature that does not verify or covers something else than was prepared.
    """
    cms_result = await verifier.verify_cms(
        pdf_cms, record.signed_bytes(), expect_iin=record.officer_iin
    )
    if not cms_result.valid:
        raise _refusal(cms_result, "the PDF signature")
    xml_result, covered = await verifier.verify_xml_signed(
        signed_xml, expect_iin=record.officer_iin
    )
    if not xml_result.valid or covered is None:
        raise _refusal(xml_result, "the XML signature")
    if (xml_result.serial, xml_result.issuer) != (cms_result.serial, cms_result.issuer):
        raise OfficerSignatureInvalidError("the PDF and the XML are signed with two certificates")
    try:
        prepared = parse_root(record.xml)
    except XmlError as exc:  # our own rendering: cannot happen unless the session is broken
        raise OfficerSignatureInvalidError(f"the prepared XML does not read: {exc}") from exc
    if _canonical(covered) != _canonical(prepared):
        raise OfficerSignatureInvalidError("the XML signature covers another document")
    return cms_result
