"""The outbox relay: unsent outbox rows become arq jobs, each exactly once in the queue.

Each worker process runs one relay. A batch is one transaction: claim up to N unsent rows
(``FOR UPDATE SKIP LOCKED``, so concurrent relays take disjoint rows), enqueue each as the arq
job ``row.job`` with the payload as keyword arguments and ``_job_id = str(row.id)``, mark them
sent, commit. A crash after the enqueue and before the commit leaves the rows unsent; the
next relay sends them again and arq refuses the second job with the same id (as long as the
first is queued, running, or its result is kept: ``keep_result``). Past that window a re-send
would be a second run, which is why every job checks state first anyway.

Rows are only claimed for jobs this worker runs (its registered functions). Another job name
is left unsent, not failed: during a rolling deploy the gateway may write a job the old
workers do not know yet, and the new workers will send it. Such rows show in
``qaqpa_outbox_unroutable`` and in the lag gauge. A payload that cannot be keyword arguments
(not a JSON object, or a key that is not an identifier or starts with ``_``, which arq
reserves for its own options) is logged and left unsent too; this relay skips it from then
on and the lag gauge keeps growing until someone repairs the row.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Collection, Iterable, Sequence
from typing import Any

import msgspec
import structlog
from arq.connections import ArqRedis
from sqlalchemy import Row, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import OutboxMessage
from workers import metrics
from workers.outbox.wakeup import OutboxWakeup

logger = structlog.get_logger(__name__)

GAUGE_INTERVAL_SECONDS = 5.0
MAX_BACKOFF_SECONDS = 5.0


class RelayBatch(msgspec.Struct, frozen=True, kw_only=True):
    """What one relay transaction did, by outbox id."""

    claimed: int
    relayed: tuple[uuid.UUID, ...] = ()
    duplicates: tuple[uuid.UUID, ...] = ()
    rejected: tuple[uuid.UUID, ...] = ()

    @property
    def sent(self) -> tuple[uuid.UUID, ...]:
        """Rows now in the queue (new jobs and re-sends arq recognised)."""
        return self.relayed + self.duplicates


class OutboxState(msgspec.Struct, frozen=True, kw_only=True):
    """The unsent part of the outbox, as the gauges show it."""

    unsent: int
    unroutable: int
    lag_seconds: float


def job_kwargs(payload: object) -> dict[str, Any]:
    """The payload as keyword arguments for the job; ``ValueError`` if it cannot be."""
    if not isinstance(payload, dict):
        raise ValueError("payload is not a JSON object")
    for key in payload:
        if not isinstance(key, str) or not key.isidentifier() or key.startswith("_"):
            raise ValueError(f"payload key {key!r} cannot be a keyword argument")
    return dict(payload)


class OutboxRelay:
    """Moves committed outbox rows into the arq queue; see the module docstring."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        redis: ArqRedis,
        job_names: Collection[str],
        *,
        queue_name: str,
        batch_size: int = 100,
        poll_seconds: float = 0.2,
        wakeup: OutboxWakeup | None = None,
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self._sessions = sessions
        self._redis = redis
        self._job_names = sorted(set(job_names))
        self._queue_name = queue_name
        self._batch_size = batch_size
        self._poll_seconds = poll_seconds
        self._wakeup = wakeup
        # Rows whose payload was rejected: skipped by this relay so they block nothing.
        self._rejected: set[uuid.UUID] = set()

    @property
    def job_names(self) -> tuple[str, ...]:
        return tuple(self._job_names)

    async def claim(self, session: AsyncSession, limit: int) -> Sequence[Row[Any]]:
        """Lock up to ``limit`` unsent rows of known jobs, oldest first, skipping locked ones."""
        query = (
            select(OutboxMessage.id, OutboxMessage.job, OutboxMessage.payload)
            .where(OutboxMessage.sent_at.is_(None), OutboxMessage.job.in_(self._job_names))
            .order_by(OutboxMessage.created_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        if self._rejected:
            query = query.where(OutboxMessage.id.not_in(self._rejected))
        return (await session.execute(query)).all()

    async def enqueue(self, rows: Iterable[Row[Any]]) -> RelayBatch:
        """Enqueue each row's job with the row id as job id; nothing in the database changes."""
        relayed: list[uuid.UUID] = []
        duplicates: list[uuid.UUID] = []
        rejected: list[uuid.UUID] = []
        claimed = 0
        for row in rows:
            claimed += 1
            outbox_id, job = row.id, row.job
            try:
                kwargs = job_kwargs(row.payload)
            except ValueError as exc:
                # The payload itself is not logged: it may carry personal data.
                logger.error(
                    "outbox_row_rejected", outbox_id=str(outbox_id), job=job, reason=str(exc)
                )
                rejected.append(outbox_id)
                continue
            queued = await self._redis.enqueue_job(
                job, _job_id=str(outbox_id), _queue_name=self._queue_name, **kwargs
            )
            (relayed if queued is not None else duplicates).append(outbox_id)
        return RelayBatch(
            claimed=claimed,
            relayed=tuple(relayed),
            duplicates=tuple(duplicates),
            rejected=tuple(rejected),
        )

    async def mark_sent(self, session: AsyncSession, ids: Collection[uuid.UUID]) -> None:
        """Record that these rows are in the queue (part of the claiming transaction)."""
        if ids:
            await session.execute(
                update(OutboxMessage).where(OutboxMessage.id.in_(ids)).values(sent_at=func.now())
            )

    async def relay_once(self) -> RelayBatch:
        """One batch in one transaction: claim, enqueue, mark sent, commit."""
        async with self._sessions() as session, session.begin():
            rows = await self.claim(session, self._batch_size)
            jobs = {row.id: row.job for row in rows}
            batch = await self.enqueue(rows)
            await self.mark_sent(session, batch.sent)
        self._rejected.update(batch.rejected)
        for outbox_id in batch.relayed:
            metrics.OUTBOX_RELAYED.labels(job=jobs[outbox_id]).inc()
        metrics.OUTBOX_DUPLICATES.inc(len(batch.duplicates))
        metrics.OUTBOX_REJECTED.inc(len(batch.rejected))
        return batch

    async def drain(self) -> int:
        """Relay batches until one is not full; returns the rows sent.

        A worker drains once before its first poll of the queue, so ``qaqpa worker --burst``
        runs the jobs the outbox holds at its start (not those written while it runs).
        """
        sent = 0
        while True:
            batch = await self.relay_once()
            sent += len(batch.sent)
            if batch.claimed < self._batch_size:
                return sent

    async def outbox_state(self) -> OutboxState:
        """Count the unsent rows and the age of the oldest (served by the partial index)."""
        unsent = OutboxMessage.sent_at.is_(None)
        query = select(
            func.count(),
            func.count().filter(OutboxMessage.job.not_in(self._job_names)),
            func.coalesce(
                func.extract("epoch", func.clock_timestamp() - func.min(OutboxMessage.created_at)),
                0,
            ),
        ).where(unsent)
        async with self._sessions() as session:
            count, unroutable, lag = (await session.execute(query)).one()
        return OutboxState(unsent=int(count), unroutable=int(unroutable), lag_seconds=float(lag))

    async def refresh_gauges(self) -> OutboxState:
        """Set the outbox gauges from the database."""
        state = await self.outbox_state()
        metrics.OUTBOX_UNSENT.set(state.unsent)
        metrics.OUTBOX_UNROUTABLE.set(state.unroutable)
        metrics.OUTBOX_LAG_SECONDS.set(max(state.lag_seconds, 0.0))
        return state

    async def run(self) -> None:
        """Relay until cancelled: at once again after a full batch or a notification (see
        workers/outbox/wakeup.py), else after the poll interval.

        A failing database or Redis does not end the loop: it logs, backs off (doubling up to
        ``MAX_BACKOFF_SECONDS``) and tries again, since a dead relay would silently stop all work.
        """
        loop = asyncio.get_running_loop()
        next_gauges = 0.0
        backoff = self._poll_seconds
        while True:
            if self._wakeup is not None:
                self._wakeup.clear()  # a row committed from here on wakes the next round
            try:
                batch = await self.relay_once()
                if loop.time() >= next_gauges:
                    await self.refresh_gauges()
                    next_gauges = loop.time() + GAUGE_INTERVAL_SECONDS
            except Exception as exc:  # any failure: log, back off, retry
                metrics.OUTBOX_RELAY_ERRORS.inc()
                logger.warning("outbox_relay_failed", error=type(exc).__name__, detail=str(exc))
                await asyncio.sleep(backoff)
                backoff = min(max(backoff, 0.05) * 2, MAX_BACKOFF_SECONDS)
                continue
            backoff = self._poll_seconds
            if batch.claimed < self._batch_size:
                await self._pause()

    async def _pause(self) -> None:
        if self._wakeup is None:
            await asyncio.sleep(self._poll_seconds)
        else:
            await self._wakeup.wait(self._poll_seconds)
