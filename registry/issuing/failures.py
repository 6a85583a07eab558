"""Results whose signing failed for good: the ``signing_failed`` record.

When the worker's ``sign_result`` job (workers/jobs/signing.py) meets a failure that running
it again will not fix (:class:`PermanentSigningError`: no key for the signer in
``QAQPA_KEYSTORE``, no key store at all, a document that cannot be rendered, every try of the
TSA used up), it appends ``signing_failed`` to the application's hash-chained event log with a
short ``reason`` code and a ``detail`` for people (no secrets: the event is visible to the
partner), and the application stays in ``signing``. :func:`record_signing_failure` appends it
at most once per failure: a job run again (jobs run at least once) with the same reason and
detail appends nothing, unless an operator retried in between (:mod:`registry.issuing.retry`).
The worker counts and logs the failure itself.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.events import append_event
from registry.issuing.lifecycle import Step, allows
from registry.issuing.locks import application_of, locked_result
from registry.models import Application, Event, Result
from registry.workflow.actors import SYSTEM
from registry.workflow.runner import in_transaction

SIGNING_FAILED = "signing_failed"
SIGNING_RETRIED = "signing_retried"

Recorded = Literal["recorded", "repeated", "settled"]


class PermanentSigningError(RuntimeError):
    """A signing failure running the job again will not fix; the job records it.

    ``reason`` is the short code of the ``signing_failed`` event; the message is its
    ``detail``, shown to the application's partner too: never a secret, a path or a PIN.
    """

    reason = "signing_failed"

    def __init__(self, detail: str, *, reason: str | None = None) -> None:
        super().__init__(detail)
        if reason is not None:
            self.reason = reason


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
    result = await locked_result(session, result_id)
    if result is None or not allows(result.status, Step.FAIL):
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


async def record_failure(
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis | None,
    result_id: uuid.UUID,
    error: PermanentSigningError,
    now: datetime,
) -> Recorded | None:
    """Record ``error`` as the result's ``signing_failed`` event in its own transaction, under
    the application's lock; None when the result does not exist (nothing to record it on)."""
    application_id = await application_of(sessions, result_id)
    if application_id is None:
        return None

    async def work(session: AsyncSession, application: Application) -> Recorded:
        return await record_signing_failure(
            session, application, result_id, error.reason, str(error), now
        )

    return await in_transaction(sessions, redis, application_id, work)
