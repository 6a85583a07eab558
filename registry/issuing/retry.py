"""An operator's retry of a signature that failed for good (``qaqpa results retry-signing``).

Once the cause of a ``signing_failed`` is fixed (the key is in place and the workers have been
restarted: they open their keys at start), :func:`retry_one` (or :func:`retry_stuck`) writes a
new outbox row for ``sign_result`` (:func:`registry.issuing.approval.request_signing`, so a new
arq job: the relay uses the row id as the job id) and appends ``signing_retried``, in the same
transaction as the check.

A retry is only for a result the signer (or the system) has approved for its signature:
status ``awaiting_signature`` and a ``sign_result`` job requested for it before. A result that
merely waits for the signer's review is also ``awaiting_signature``; signing it on an
operator's word would skip the four-eyes review, so it is refused.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

import msgspec
from sqlalchemy import Text, cast, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.applications.events import append_event
from registry.catalogue.flow import SIGNING
from registry.errors import DomainError, Kind
from registry.issuing.approval import request_signing
from registry.issuing.failures import SIGNING_FAILED, SIGNING_RETRIED, last_signing_event
from registry.issuing.lifecycle import ResultStatus, Step, allows
from registry.issuing.locks import lock_result, locked_result
from registry.models import Application, Event, OutboxMessage, Result
from registry.outbox import Job
from registry.workflow.actors import Actor
from registry.workflow.engine import lock_application

OPERATOR = Actor(kind="system", id="operator", role="system")
"""Who retries: an operator at the command line (events show ``system:operator``)."""


class RetryRefusedError(DomainError):
    """The result cannot be retried (signed, cancelled, not approved for signature)."""

    code = "retry_refused"
    kind = Kind.CONFLICT


class UnknownResultError(DomainError):
    """No result has this id."""

    code = "result_not_found"
    kind = Kind.NOT_FOUND


class Skipped(msgspec.Struct, frozen=True):
    result_id: str
    reason: str


class RetryOutcome(msgspec.Struct, frozen=True):
    """What ``qaqpa results retry-signing`` prints (``application_ids``: caches to forget)."""

    retried: list[str]
    skipped: list[Skipped]
    application_ids: list[uuid.UUID] = []


async def _signing_requested(session: AsyncSession, result: Result) -> bool:
    """Whether a ``sign_result`` job was ever requested for the result (or ran and failed)."""
    outbox = exists().where(
        OutboxMessage.job == Job.SIGN_RESULT,
        OutboxMessage.payload["result_id"].astext == str(result.id),
    )
    failed = exists().where(
        Event.application_id == result.application_id,
        Event.kind == SIGNING_FAILED,
        Event.data["result_id"].astext == str(result.id),
    )
    return bool(await session.scalar(select(outbox | failed)))


async def _retry(session: AsyncSession, result: Result, now: datetime) -> None:
    await request_signing(session, result.id)
    await append_event(
        session,
        result.application_id,
        SIGNING_RETRIED,
        OPERATOR.label,
        {"result_id": str(result.id), "number": result.number},
        now,
    )


async def retry_one(session: AsyncSession, result_id: uuid.UUID, now: datetime) -> RetryOutcome:
    """Request the signature of ``result_id`` again; the caller commits.

    Raises :class:`UnknownResultError`, or :class:`RetryRefusedError` when the result is
    signed, cancelled, or not (yet) approved for its signature.
    """
    result = await lock_result(session, result_id)
    if result is None:
        raise UnknownResultError(f"no result {result_id}")
    if result.status == ResultStatus.SIGNED:
        when = "" if result.signed_at is None else f" at {result.signed_at.isoformat()}"
        raise RetryRefusedError(f"result {result_id} is already signed{when}: nothing to retry")
    if not allows(result.status, Step.RETRY):
        raise RetryRefusedError(
            f"result {result_id} is {result.status}, not awaiting its signature: nothing to sign"
        )
    if not await _signing_requested(session, result):
        raise RetryRefusedError(
            f"result {result_id} has not been approved for signature yet (it waits for the "
            "signer's review): nothing to retry"
        )
    await _retry(session, result, now)
    return RetryOutcome([str(result.id)], [], [result.application_id])


async def stuck_results(session: AsyncSession) -> Sequence[tuple[uuid.UUID, uuid.UUID]]:
    """(application id, result id) of results awaiting their signature in ``signing`` apps
    with a ``signing_failed`` event, in application order (the order their locks are taken)."""
    failed = exists().where(
        Event.application_id == Result.application_id,
        Event.kind == SIGNING_FAILED,
        Event.data["result_id"].astext == cast(Result.id, Text),
    )
    rows = await session.execute(
        select(Result.application_id, Result.id)
        .join(Application, Application.id == Result.application_id)
        .where(
            Result.status == ResultStatus.AWAITING_SIGNATURE,
            Application.status == SIGNING.code,
            failed,
        )
        .order_by(Result.application_id, Result.id)
    )
    return [(application_id, result_id) for application_id, result_id in rows]


async def retry_stuck(session: AsyncSession, now: datetime) -> RetryOutcome:
    """Retry every result whose last signing attempt failed (application in ``signing``).

    Each candidate is checked again under its application's lock; one whose retry is already
    pending (its last signing event is ``signing_retried``) or that was settled meanwhile is
    skipped. The caller commits: all the retries or none.
    """
    retried: list[str] = []
    skipped: list[Skipped] = []
    applications: list[uuid.UUID] = []
    for application_id, result_id in await stuck_results(session):
        application = await lock_application(session, application_id)
        result = await locked_result(session, result_id)
        assert result is not None  # results are never deleted
        last = await last_signing_event(session, application_id, result_id)
        if not allows(result.status, Step.RETRY) or application.status != SIGNING.code:
            state = f"result {result.status}, application {application.status}"
            skipped.append(Skipped(str(result_id), state))
        elif last is None or last.kind != SIGNING_FAILED:
            skipped.append(Skipped(str(result_id), "a retry is already pending"))
        else:
            await _retry(session, result, now)
            retried.append(str(result_id))
            applications.append(application_id)
    return RetryOutcome(retried, skipped, applications)
