"""Results whose signing failed for good: the ``signing_failed`` record and the operator's retry.

When the worker's ``sign_result`` job (workers/jobs/signing.py) meets a failure that running
it again will not fix (no key for the signer in ``QAQPA_KEYSTORE``, no key store at all, a
document that cannot be rendered, every try of the TSA used up), it appends ``signing_failed``
to the application's hash-chained event log with a short ``reason`` code and a ``detail`` for
people (no secrets: the event is visible to the partner), and the application stays in
``signing``. :func:`record_signing_failure` appends it at most once per failure: a job run
again (jobs run at least once) with the same reason and detail appends nothing, unless an
operator retried in between.

The operator retries with ``qaqpa results retry-signing RESULT_ID`` (or ``--stuck``), once the
key is in place and the workers have been restarted (they open their keys at start):
:func:`retry_signing` writes a new outbox row for ``sign_result``
(:func:`registry.workflow.effects.enqueue_signing`, so a new arq job: the relay uses the row id
as the job id) and appends ``signing_retried``, in the same transaction as the check.

A retry is only for a result the signer (or the system) has approved for its signature:
status ``awaiting_signature`` and a ``sign_result`` job requested for it before. A result that
merely waits for the signer's review is also ``awaiting_signature``; signing it on an
operator's word would skip the four-eyes review, so it is refused.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Literal

import msgspec
from sqlalchemy import Text, cast, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.applications.events import append_event
from registry.errors import DomainError, Kind
from registry.models import Application, Event, OutboxMessage, Result
from registry.outbox import Job
from registry.workflow.actors import SYSTEM, Actor
from registry.workflow.effects import enqueue_signing
from registry.workflow.engine import lock_application

SIGNING_FAILED = "signing_failed"
SIGNING_RETRIED = "signing_retried"
SIGNING_STATUS = "signing"
AWAITING = "awaiting_signature"
OPERATOR = Actor(kind="system", id="operator", role="system")
"""Who retries: an operator at the command line (events show ``system:operator``)."""

Recorded = Literal["recorded", "repeated", "settled"]


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


def failure_data(result: Result, reason: str, detail: str) -> dict[str, Any]:
    return {
        "result_id": str(result.id),
        "number": result.number,
        "reason": reason,
        "detail": detail,
    }


async def last_signing_event(
    session: AsyncSession, application_id: uuid.UUID, result_id: uuid.UUID
) -> Event | None:
    """The latest ``signing_failed`` or ``signing_retried`` event of this result, if any."""
    event: Event | None = await session.scalar(
        select(Event)
        .where(
            Event.application_id == application_id,
            Event.kind.in_((SIGNING_FAILED, SIGNING_RETRIED)),
            Event.data["result_id"].astext == str(result_id),
        )
        .order_by(Event.seq.desc())
        .limit(1)
    )
    return event


async def record_signing_failure(
    session: AsyncSession,
    application: Application,
    result_id: uuid.UUID,
    reason: str,
    detail: str,
    now: datetime,
) -> Recorded:
    """Append ``signing_failed`` unless it would repeat the result's last signing event.

    The caller holds the application locked (:func:`registry.workflow.runner.in_transaction`).
    ``settled``: the result is no longer awaiting its signature (a concurrent run signed it,
    or it was cancelled), so nothing failed for good and nothing is recorded; ``repeated``: the
    last ``signing_failed``/``signing_retried`` of this result is this very failure.
    """
    result = await session.get(Result, result_id, populate_existing=True, with_for_update=True)
    if result is None or result.status != AWAITING:
        return "settled"
    last = await last_signing_event(session, application.id, result_id)
    if (
        last is not None
        and last.kind == SIGNING_FAILED
        and last.data.get("reason") == reason
        and last.data.get("detail") == detail
    ):
        return "repeated"
    data = failure_data(result, reason, detail)
    await append_event(session, application.id, SIGNING_FAILED, SYSTEM.label, data, now)
    return "recorded"


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
    await enqueue_signing(session, result.id)
    await append_event(
        session, result.application_id, SIGNING_RETRIED, OPERATOR.label,
        {"result_id": str(result.id), "number": result.number}, now,
    )  # fmt: skip


async def _locked(session: AsyncSession, result_id: uuid.UUID) -> Result | None:
    """The result after its application's lock (the order the worker takes them in)."""
    application_id = await session.scalar(
        select(Result.application_id).where(Result.id == result_id)
    )
    if application_id is None:
        return None
    await lock_application(session, application_id)
    return await session.get(Result, result_id, populate_existing=True, with_for_update=True)


async def retry_one(session: AsyncSession, result_id: uuid.UUID, now: datetime) -> RetryOutcome:
    """Request the signature of ``result_id`` again; the caller commits.

    Raises :class:`UnknownResultError`, or :class:`RetryRefusedError` when the result is
    signed, cancelled, or not (yet) approved for its signature.
    """
    result = await _locked(session, result_id)
    if result is None:
        raise UnknownResultError(f"no result {result_id}")
    if result.status == "signed":
        when = "" if result.signed_at is None else f" at {result.signed_at.isoformat()}"
        raise RetryRefusedError(f"result {result_id} is already signed{when}: nothing to retry")
    if result.status != AWAITING:
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
        .where(Result.status == AWAITING, Application.status == SIGNING_STATUS, failed)
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
        result = await session.get(Result, result_id, populate_existing=True, with_for_update=True)
        assert result is not None  # results are never deleted
        last = await last_signing_event(session, application_id, result_id)
        if result.status != AWAITING or application.status != SIGNING_STATUS:
            state = f"result {result.status}, application {application.status}"
            skipped.append(Skipped(str(result_id), state))
        elif last is None or last.kind != SIGNING_FAILED:
            skipped.append(Skipped(str(result_id), "a retry is already pending"))
        else:
            await _retry(session, result, now)
            retried.append(str(result_id))
            applications.append(application_id)
    return RetryOutcome(retried, skipped, applications)
