"""Complaint decisions under concurrency: the application's row lock makes one decision."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.events import chain_is_intact
from registry.complaints.decisions import decide_complaint
from registry.complaints.errors import ComplaintAlreadyDecidedError
from registry.models import Result
from registry.statedb.postgres import PostgresStateDatabase
from tests.complaints.conftest import Identity, complain, registered
from tests.workflow.conftest import MakeOfficer
from tests.workflow.helpers import events_of, fetch_all

KZ = timezone(timedelta(hours=5))


async def test_two_heads_deciding_at_once_make_one_decision(
    sessions: async_sessionmaker[AsyncSession],
    statedb: PostgresStateDatabase,
    make_partner: object,
    make_officer: MakeOfficer,
) -> None:
    partner = await make_partner()  # type: ignore[operator]
    head = await make_officer("head")
    unit_head = await make_officer("unit_head")
    arrived = datetime(2026, 11, 23, 10, 0, tzinfo=KZ)
    application_id = await registered(sessions, statedb, partner, arrived)
    filed = await complain(sessions, partner, application_id, arrived)

    async def decide(officer: Identity, action: str) -> str:
        try:
            async with sessions() as session, session.begin():
                view = await decide_complaint(
                    session, filed.id, officer, action, "Шешім", arrived + timedelta(hours=2)
                )
        except ComplaintAlreadyDecidedError:
            return "already_decided"
        return view.status

    outcomes = await asyncio.gather(
        decide(Identity(id=head.id, iin=head.iin), "settle"),
        decide(Identity(id=unit_head.id, iin=unit_head.iin, role="unit_head"), "reject"),
    )
    assert sorted(outcomes) in (["already_decided", "settled"], ["already_decided", "rejected"])
    results = await fetch_all(
        sessions,
        select(Result).where(
            Result.application_id == application_id, Result.kind == "complaint_decision"
        ),
    )
    events = await events_of(sessions, application_id)
    assert len(results) == 1
    assert [e.kind for e in events].count("complaint_decided") == 1
    assert chain_is_intact(events)
