"""Stored due times of workflow steps, computed when each step starts, checked by hand.

Local time is UTC+5 (Asia/Almaty, fixed as docs/SERVICES.md rule 1 says). Each case says which
days and hours do not count and why; the expected moments were worked out by hand from the
calendar rules.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import msgspec
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.events import chain_is_intact
from registry.models import Application
from registry.statedb.postgres import PostgresStateDatabase
from registry.workflow.actors import officer_actor
from registry.workflow.deadlines import DEADLINE_MISSED, explain, record_missed
from registry.workflow.engine import move
from registry.workflow.registration import register
from registry.workflow.runner import in_transaction
from tests.applications.stored import new_application, store
from tests.conftest import PartnerKey
from tests.workflow.conftest import Flow
from tests.workflow.helpers import events_of, open_step_of

KZ = timezone(timedelta(hours=5))


def local(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=KZ)


async def _registered(
    sessions: async_sessionmaker[AsyncSession],
    statedb: PostgresStateDatabase,
    partner: PartnerKey,
    service: str,
    now: datetime,
) -> uuid.UUID:
    new = new_application(partner.id, service, received=now)
    await store(sessions, new)

    async def work(session: AsyncSession, application: Application) -> None:
        await register(session, application, now, statedb=statedb)

    await in_transaction(sessions, None, new.id, work)
    return new.id


@pytest.mark.parametrize(
    ("started", "due", "reason_codes"),
    [
        # 2 working hours from Monday 12:00: lunch 13:00-14:30 does not count -> 15:30.
        (local(2026, 11, 23, 12, 0), local(2026, 11, 23, 15, 30), {"lunch"}),
        # Tuesday 31 Dec 2024 17:45: 45 min that day; 1-2 January are New Year holidays,
        # Friday 3 Jan 2025 a decree day off, Saturday 4 a weekend, Sunday 5 Jan a decree
        # working day -> Sunday 10:15.
        (
            local(2024, 12, 31, 17, 45),
            local(2025, 1, 5, 10, 15),
            {"holiday", "decree_day_off", "weekend", "decree_working_day"},
        ),
        # Friday 6 Mar 2026 17:30: 1 h that day; Sunday 8 March (a holiday) is carried over to
        # Monday 9 March -> Tuesday 10 March 10:00.
        (
            local(2026, 3, 6, 17, 30),
            local(2026, 3, 10, 10, 0),
            {"weekend", "holiday_carried_over"},
        ),
        # Friday 18:40, after hours: nothing counts until Monday 09:00 -> Monday 11:00.
        (local(2026, 11, 27, 18, 40), local(2026, 11, 30, 11, 0), {"weekend"}),
    ],
)
async def test_the_assignment_step_is_due_two_working_hours_after_it_starts(
    sessions: async_sessionmaker[AsyncSession],
    statedb: PostgresStateDatabase,
    make_partner: object,
    started: datetime,
    due: datetime,
    reason_codes: set[str],
) -> None:
    partner = await make_partner()  # type: ignore[operator]
    application_id = await _registered(
        sessions, statedb, partner, "pm-special-registration", started
    )
    step = await open_step_of(sessions, application_id)
    assert (step.step, step.term) == ("assignment", "2 working-hours")
    assert step.started_at == started
    assert step.due_at == due
    assert reason_codes <= {reason["code"] for reason in step.reasons}


async def test_a_calendar_day_review_ending_on_a_weekend_moves_to_monday_evening(
    flow: Flow,
) -> None:
    partner = await flow.make_partner()
    executor = await flow.make_officer("executor")
    head = await flow.make_officer("head")
    application_id = await _registered(
        flow.sessions, flow.statedb, partner, "pm-special-registration", local(2026, 11, 24, 9, 30)
    )
    assigned_at = local(2026, 11, 25, 10, 0)  # Wednesday

    async def assign(session: AsyncSession, application: Application) -> None:
        from registry.workflow.actors import Decision

        await move(
            session, application, "assign", officer_actor(_Officer(head.id, "head", head.iin)),
            now=assigned_at, decision=Decision(data={"executor_id": str(executor.id)}),
        )  # fmt: skip

    await in_transaction(flow.sessions, None, application_id, assign)
    step = await open_step_of(flow.sessions, application_id)
    # 4 calendar days run Thu 26 .. Sun 29; Sunday is not a working day -> Monday 30, 18:30.
    assert (step.step, step.term) == ("review", "4 calendar-days")
    assert step.due_at == local(2026, 11, 30, 18, 30)
    assert "end_moved" in {reason["code"] for reason in step.reasons}
    assert step.assignee_id == executor.id


class _Officer(msgspec.Struct, frozen=True):
    id: uuid.UUID
    role: str
    iin: str
    name: str = "Тест"


async def test_a_missed_deadline_is_recorded_once_and_explained(
    sessions: async_sessionmaker[AsyncSession],
    statedb: PostgresStateDatabase,
    make_partner: object,
) -> None:
    partner = await make_partner()  # type: ignore[operator]
    started = local(2026, 11, 23, 12, 0)
    application_id = await _registered(
        sessions, statedb, partner, "pm-extraction-feasibility", started
    )
    before = local(2026, 11, 23, 15, 29)
    await record_missed(sessions, before)
    assert (await open_step_of(sessions, application_id)).missed_at is None
    later = local(2026, 11, 23, 15, 31)
    await record_missed(sessions, later)
    await record_missed(sessions, later + timedelta(minutes=1))  # a second run adds nothing
    events = await events_of(sessions, application_id)
    async with sessions() as session:
        explanation = await explain(session, application_id)
    missed = [event for event in events if event.kind == DEADLINE_MISSED]
    assert len(missed) == 1 and missed[0].data["step"] == "assignment"
    assert chain_is_intact(events)
    assert explanation is not None
    assert [s.step for s in explanation.steps] == ["registration", "assignment"]
    assert explanation.steps[1].missed and explanation.steps[1].due_at == local(
        2026, 11, 23, 15, 30
    )
