"""Missed complaint terms are recorded once each, on the application's chain."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.events import chain_is_intact
from registry.applications.status_cache import cache_status, cached_status
from registry.complaints.deadlines import COMPLAINT_DEADLINE_MISSED, record_missed_complaints
from registry.complaints.decisions import decide_complaint
from registry.models import Complaint, Event
from registry.statedb.postgres import PostgresStateDatabase
from registry.workflow.cli import render
from registry.workflow.deadlines import explain
from tests.complaints.conftest import Identity, complain, registered
from tests.workflow.conftest import MakeOfficer

KZ = timezone(timedelta(hours=5))
MINUTE = timedelta(minutes=1)


async def _missed_events(
    sessions: async_sessionmaker[AsyncSession], application_id: object
) -> list[Event]:
    async with sessions() as session:
        events = list(
            await session.scalars(
                select(Event).where(Event.application_id == application_id).order_by(Event.seq)
            )
        )
    assert chain_is_intact(events)
    return [event for event in events if event.kind == COMPLAINT_DEADLINE_MISSED]


async def test_a_missed_complaint_is_recorded_once_and_a_decided_one_never(
    sessions: async_sessionmaker[AsyncSession],
    statedb: PostgresStateDatabase,
    make_partner: object,
    make_officer: MakeOfficer,
    redis_url: str,
) -> None:
    partner = await make_partner()  # type: ignore[operator]
    head = await make_officer("head")
    friday_evening = datetime(2026, 11, 27, 17, 30, tzinfo=KZ)
    open_app = await registered(sessions, statedb, partner, friday_evening - timedelta(days=1))
    decided_app = await registered(sessions, statedb, partner, friday_evening - timedelta(days=1))
    waiting = await complain(sessions, partner, open_app, friday_evening)
    answered = await complain(sessions, partner, decided_app, friday_evening)
    due = datetime(2026, 12, 7, 18, 30, tzinfo=KZ)  # Friday after 17:00 -> Monday; +5 days
    assert waiting.due_at == due == answered.due_at

    async with sessions() as session, session.begin():
        await decide_complaint(
            session, answered.id, Identity(id=head.id, iin=head.iin), "reject",
            "Шағым негізсіз", due - timedelta(hours=1),
        )  # fmt: skip

    await record_missed_complaints(sessions, due - MINUTE)
    assert await _missed_events(sessions, open_app) == []
    redis = Redis.from_url(redis_url)
    try:
        await cache_status(redis, open_app, partner.id, b"{}")
        assert await record_missed_complaints(sessions, due + MINUTE, redis=redis) >= 1
        assert await cached_status(redis, open_app) is None  # the status shows the new event
    finally:
        await redis.aclose()
    await record_missed_complaints(sessions, due + 2 * MINUTE)  # a second run adds nothing
    missed = await _missed_events(sessions, open_app)
    assert len(missed) == 1
    assert missed[0].data == {
        "complaint_id": str(waiting.id), "number": waiting.number, "level": "provider",
        "due_at": due.isoformat(),
    }  # fmt: skip
    assert await _missed_events(sessions, decided_app) == []
    async with sessions() as session:
        stored = await session.get(Complaint, waiting.id)
    assert stored is not None and stored.missed_at == due + MINUTE


async def test_deadlines_explain_shows_the_complaint_terms_and_their_reasons(
    sessions: async_sessionmaker[AsyncSession],
    statedb: PostgresStateDatabase,
    make_partner: object,
) -> None:
    partner = await make_partner()  # type: ignore[operator]
    arrived = datetime(2026, 12, 15, 17, 1, tzinfo=KZ)  # after 17:00, the eve of 16 December
    application_id = await registered(sessions, statedb, partner, arrived - timedelta(days=1))
    filed = await complain(sessions, partner, application_id, arrived, level="authority")
    async with sessions() as session:
        explanation = await explain(session, application_id)
    assert explanation is not None and len(explanation.complaints) == 1
    complaint = explanation.complaints[0]
    assert (complaint.number, complaint.term) == (filed.number, "15 working-days")
    assert complaint.counts_from == datetime(2026, 12, 17, 9, 0, tzinfo=KZ)
    assert complaint.due_at == datetime(2027, 1, 12, 18, 30, tzinfo=KZ)
    text = render(explanation, "en")
    assert f"complaint {filed.number} [authority, open]" in text
    assert "due 2027-01-12 18:30" in text and "by 2026-12-22 18:30" in text
    holiday = next(r for r in complaint.reasons if r["code"] == "holiday")
    assert holiday["text"]["en"] in text
