"""Registry intake: one transaction, idempotency settled by the database, chained events."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable

import msgspec
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.events import append_event, chain_is_intact
from registry.applications.intake import record_submission, stored_answer
from registry.db import create_engine
from registry.models import Application, Attachment, Event, IdempotencyRecord, OutboxMessage
from tests.applications.conftest import Stored
from tests.applications.stored import new_application
from tests.conftest import PartnerKey

MakePartner = Callable[..., Awaitable[PartnerKey]]


async def test_everything_is_written_together(
    sessions: async_sessionmaker[AsyncSession], stored: Stored
) -> None:
    new = stored.new
    async with sessions() as session:
        assert (await session.get(Application, new.id)) is not None
        attachments = (
            await session.scalars(select(Attachment).where(Attachment.application_id == new.id))
        ).all()
        assert [(a.name, a.size) for a in attachments] == [("scan.pdf", 4)]
        events = (await session.scalars(select(Event).where(Event.application_id == new.id))).all()
        assert [e.kind for e in events] == ["received"]
        outbox = await session.scalar(
            select(func.count())
            .select_from(OutboxMessage)
            .where(OutboxMessage.payload["application_id"].astext == str(new.id))
        )
        assert outbox == 1


async def test_a_failure_leaves_nothing_behind(
    sessions: async_sessionmaker[AsyncSession], stored: Stored
) -> None:
    partner, first = stored
    # Same application id again under a new key: the application INSERT fails after the
    # idempotency record was written; the whole transaction must roll back.
    clash = msgspec.structs.replace(first, document_sha256="f" * 64)
    with pytest.raises(Exception):  # noqa: B017 - the driver's IntegrityError
        await record_submission(sessions, clash, idempotency_key="clash", request_sha256="x",
                                status_code=202, response_body=b"{}")  # fmt: skip
    async with sessions() as session:
        assert await session.get(IdempotencyRecord, (partner.id, "clash")) is None


async def test_fifty_concurrent_duplicates_make_one_application(
    sessions: async_sessionmaker[AsyncSession],
    make_partner: MakePartner,
) -> None:
    partner = await make_partner()
    template = new_application(partner.id)
    attempts = [msgspec.structs.replace(template, id=uuid.uuid4()) for _ in range(50)]
    answers = await asyncio.gather(
        *(
            record_submission(
                sessions,
                new,
                idempotency_key="same-key",
                request_sha256="r",
                status_code=202,
                response_body=b'{"first": true}',
            )
            for new in attempts
        )
    )
    assert sum(answer is None for answer in answers) == 1
    assert all(a is None or a.body == b'{"first": true}' for a in answers)
    async with sessions() as session:
        count = await session.scalar(
            select(func.count())
            .select_from(Application)
            .where(Application.partner_id == partner.id)
        )
    assert count == 1


async def test_the_idempotency_read_heals_a_dropped_connection(
    pg_url: str, sessions: async_sessionmaker[AsyncSession], stored: Stored
) -> None:
    # Intake's pool takes connections without a ping (a round trip per request): its first
    # read must survive a connection PostgreSQL dropped meanwhile (a restart, an idle kill).
    partner, new = stored
    engine = create_engine(pg_url, pool_size=1, autocommit=True, pre_ping=False)
    try:
        async with engine.connect() as connection:
            assert await stored_answer(connection, partner.id, "absent") is None
            backend = (await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one()
        async with sessions() as other:
            await other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})
        async with engine.connect() as connection:  # the pooled, now dropped, connection
            answer = await stored_answer(connection, partner.id, f"test:{new.id}")
            assert answer is not None and answer.status_code == 202
            now = (await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one()
            assert now != backend
    finally:
        await engine.dispose()


async def test_events_chain_and_are_append_only(
    sessions: async_sessionmaker[AsyncSession], stored: Stored
) -> None:
    new = stored.new
    async with sessions() as session, session.begin():
        await session.execute(select(Application).where(Application.id == new.id).with_for_update())
        await append_event(
            session, new.id, "registered", "system", {"number": "1"}, new.received_at
        )
    async with sessions() as session:
        events = list(
            (
                await session.scalars(
                    select(Event).where(Event.application_id == new.id).order_by(Event.seq)
                )
            ).all()
        )
    assert [e.seq for e in events] == [1, 2]
    assert events[1].prev_hash == events[0].hash
    assert chain_is_intact(events)
    forged = Event(
        **{
            c: getattr(events[1], c)
            for c in ("application_id", "seq", "kind", "actor", "occurred_at", "prev_hash", "hash")
        },
        data={"number": "2"},
    )
    assert not chain_is_intact([events[0], forged])
    assert not chain_is_intact([events[1]])  # a history must start at seq 1
    async with sessions() as session:
        with pytest.raises(DBAPIError, match="append-only"):
            await session.execute(
                text("UPDATE events SET kind = 'x' WHERE application_id = :id"), {"id": new.id}
            )
        await session.rollback()
        with pytest.raises(DBAPIError, match="append-only"):
            await session.execute(
                text("DELETE FROM events WHERE application_id = :id"), {"id": new.id}
            )
