"""Signing a result with the officer's own key (NCALayer): signing sessions.

With ``QAQPA_OFFICER_SIGNING=eds`` a signer does not approve a result for the worker's
server-held key; they sign it themselves, in two requests (gateway/officers/signing.py):

1. a session is opened: the checks of :func:`signable` (the result awaits its signature, and
   either this signer approved it or it waits for their approval; four eyes), then the
   gateway renders the document as printed (the signer on it, :func:`printed_document`) and
   prepares the PDF for an external signature; the session (:class:`SigningSession`) is kept
   in Redis until it expires (``QAQPA_SIGNING_SESSION_SECONDS``);
2. the officer's CMS over the PDF's digest and their signed XML come back:
   :func:`check_signatures` verifies both with signing's Verifier -- the certificate must be
   the one the account names (its IIN), valid and unrevoked, both signatures by the same
   certificate and over exactly what was prepared -- then the gateway completes the PDF and
   the XML up to ``QAQPA_SIGNING_LEVEL`` and :func:`issue_signed` records them in one
   transaction: the signer's approval (the signer step's action, unless they had approved
   already) and the issue of :func:`registry.issuing.issue.issue`.

The approval's ``sign_result`` outbox row commits with the signed result, so that job finds
nothing to sign. Nothing here holds a key.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec
from lxml import etree
from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.documents import SignedFile
from registry.errors import DomainError, Kind
from registry.issuing.approval import SIGNER_POSITIONS
from registry.issuing.issue import issue, verify_url
from registry.issuing.lifecycle import Step, allows
from registry.issuing.locks import locked_result
from registry.models import Application, Result, WorkflowStep
from registry.officers.scope import TaskOfficer, covers
from registry.results.document import DocumentSigner, ResultDocument
from registry.workflow.actors import Decision
from registry.workflow.engine import definition_of
from registry.workflow.errors import FourEyesError
from registry.workflow.runner import in_transaction
from registry.workflow.tasks import decide
from signing import Code, VerificationResult, Verifier, XmlError, parse_root

KEY_PREFIX = "qaqpa:signing-session:"


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
    approved: bool  # the officer approved the result before (no signer step to take)
    document: ResultDocument  # as printed: the signer and the verification URL on it
    pdf: bytes  # with the empty signature placeholder
    digest: bytes  # over the PDF's /ByteRange: what the officer's CMS signs
    reserved_start: int
    reserved_end: int
    xml: bytes  # unsigned: what the officer's XMLDSig must cover
    expires_at: datetime

    def signed_bytes(self) -> bytes:
        """The detached content of the officer's CMS (the PDF without its placeholder)."""
        return self.pdf[: self.reserved_start] + self.pdf[self.reserved_end :]


class Signable(msgspec.Struct, frozen=True, kw_only=True):
    result_id: uuid.UUID
    application_id: uuid.UUID
    approved: bool
    document: ResultDocument


async def _signer_task(
    session: AsyncSession, application: Application, officer: TaskOfficer
) -> WorkflowStep | None:
    """The open step of the officer's role on the application, if it is theirs to take."""
    step: WorkflowStep | None = await session.scalar(
        select(WorkflowStep).where(
            WorkflowStep.application_id == application.id,
            WorkflowStep.state == "open",
            WorkflowStep.role == officer.role,
        )
    )
    if step is None or step.assignee_id not in (None, officer.id):
        return None
    return step


def _approve_action(application: Application, officer: TaskOfficer) -> str | None:
    """The signer step's action from the application's status, for the officer's role."""
    for transition in definition_of(application).transitions:
        if (
            transition.effect == "signer_approval"
            and transition.source == application.status
            and officer.role in transition.roles
        ):
            return transition.action
    return None


async def signable(
    session: AsyncSession, result_id: uuid.UUID, officer: TaskOfficer, base_url: str
) -> Signable:
    """What the officer may sign of ``result_id``, with the document as it will be printed."""
    result = await session.get(Result, result_id)
    application = None if result is None else await session.get(Application, result.application_id)
    if (
        result is None
        or application is None
        or not covers(officer, application.service, application.form)
    ):
        raise ResultNotFoundError(f"result {result_id} does not exist")
    if not allows(result.status, Step.SIGN):
        raise ResultNotSignableError(f"result {result_id} is {result.status}")
    approved = result.signer_id is not None
    if approved and result.signer_id != officer.id:
        raise ResultNotSignableError("another signer approved this result")
    if not approved:
        if _approve_action(application, officer) is None:
            raise ResultNotSignableError("the result does not wait for a signer's approval")
        if await _signer_task(session, application, officer) is None:
            raise ResultNotSignableError("the signer's task is assigned to another officer")
        if result.prepared_by == officer.id or result.prepared_by_iin == officer.iin:
            raise FourEyesError("whoever prepared a result cannot also sign it")
    return Signable(
        result_id=result.id,
        application_id=application.id,
        approved=approved,
        document=printed_document(result, officer, base_url),
    )


def printed_document(result: Result, officer: TaskOfficer, base_url: str) -> ResultDocument:
    """The result's document with this signer and the verification URL, as the worker prints
    it (:func:`registry.issuing.approval.approve_for_signature` writes the same signer)."""
    document = msgspec.convert(result.document, ResultDocument)
    signer = DocumentSigner(position=SIGNER_POSITIONS["signer"], name=officer.name, iin=officer.iin)
    return msgspec.structs.replace(
        document, signer=signer, verify_url=verify_url(base_url, result.id)
    )


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


async def issue_signed(
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis | None,
    record: SigningSession,
    officer: TaskOfficer,
    files: list[SignedFile],
    now: datetime,
) -> bool:
    """Approve (unless done before) and issue, in one transaction; False: nothing to sign
    any more (signed meanwhile, or cancelled)."""

    async def work(session: AsyncSession, application: Application) -> bool:
        result = await locked_result(session, record.result_id)
        if result is None or not allows(result.status, Step.SIGN):
            return False
        if not record.approved:
            action = _approve_action(application, officer)
            task = await _signer_task(session, application, officer)
            if result.signer_id is not None or action is None or task is None:
                raise ResultNotSignableError("the result's signer step has moved on")
            # The same Result object (the session's identity map): decide's approval writes
            # its signer, four eyes are checked again, and the sign_result row is written.
            await decide(session, task.id, officer, action, Decision(), now)
        elif result.signer_id != officer.id:
            raise ResultNotSignableError("another signer approved this result")
        return await issue(session, application, result, record.document, files, now)

    return await in_transaction(sessions, redis, record.application_id, work)
