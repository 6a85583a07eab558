"""Issue 21: a decree transfer moves the stored due times of open work at once, in every process.

An S8 (re-export permit) application registered Mon 9 Nov 2026 10:05 (UTC+5) has its
completeness check (2 working days: Tue 10, Wed 11) due Wed 11 Nov 18:30. A transfer made in
another process (the ``qaqpa`` command line) makes Wed 11 Nov a day off: the stored due time
moves to Thu 12 Nov 18:30 with an event that says why, and this process's gateway counts with
the new table without a restart. Two heads (four eyes) remove the transfer: it moves back.
The dates are made up: no real decree touches November 2026.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.events import chain_is_intact
from registry.calendar import KZ_TZ, store
from registry.calendar.current import current_calendar, use_calendar
from registry.calendar.days import WorkingCalendar
from registry.calendar.transfers import Transfer, TransferKind
from registry.domains import example_application
from registry.models import Application
from registry.settings import Settings
from registry.statedb.postgres import PostgresStateDatabase
from registry.workflow import calendar_changes
from registry.workflow.registration import register
from registry.workflow.runner import in_transaction
from testkit.pki.config import LEGAL_BIN
from testkit.pki.server import BuiltPki
from tests.conftest import PartnerKey
from tests.officers.conftest import Qaqpa, qaqpa  # noqa: F401 - the fixture
from tests.workflow import people
from tests.workflow.conftest import (  # noqa: F401 - fixtures
    MakeOfficer,
    make_officer,
    register_now,
    statedb,
)
from tests.workflow.helpers import Client, events_of, open_step_of, submit_document

SERVICE = "reexport-permit"
DAY = date(2026, 11, 11)  # Wed: the completeness check's last day
REGISTERED = datetime(2026, 11, 9, 10, 5, tzinfo=KZ_TZ)
DUE_BEFORE = datetime(2026, 11, 11, 18, 30, tzinfo=KZ_TZ)
DUE_AFTER = datetime(2026, 11, 12, 18, 30, tzinfo=KZ_TZ)
DECREE = "test order No. 21 of 02.11.2026 on the transfer of a day of rest"
CALENDAR_DUE = {"from": REGISTERED.isoformat(), "term": "2 working-days"}
OTHER_HEAD_IIN = people.iin("76060660005")
NOW = datetime(2026, 11, 2, 12, 0, tzinfo=KZ_TZ)


@pytest.fixture
def restore_calendar() -> Iterator[None]:
    before = current_calendar()
    yield
    use_calendar(before)


async def _calendar_due(client: Client, expected: datetime) -> str:
    """The gateway's ``/v1/calendar/due`` once it says ``expected`` (the reload follows the
    commit's notification; bounded wait), else its last answer."""
    answer = ""
    for _ in range(100):
        response = await client.get("/v1/calendar/due", params=CALENDAR_DUE)
        assert response.status_code == 200, response.text
        answer = response.json()["due"]
        if answer == expected.isoformat():
            break
        await asyncio.sleep(0.1)
    return str(answer)


async def _registered_s8(
    client: Client,
    pki: BuiltPki,
    partner: PartnerKey,
    sessions: async_sessionmaker[AsyncSession],
    database: PostgresStateDatabase,
) -> uuid.UUID:
    application_id = await submit_document(
        client, partner, pki, example_application(SERVICE, bin=LEGAL_BIN)
    )
    async with sessions() as session, session.begin():
        await session.execute(
            update(Application)
            .where(Application.id == application_id)
            .values(counts_from=REGISTERED, registration_due_at=REGISTERED)
        )
    assert await register_now(sessions, database, application_id, REGISTERED) == (
        "completeness_check"
    )
    return application_id


async def _moves(sessions: async_sessionmaker[AsyncSession], application_id: uuid.UUID) -> Any:
    return [
        e.data for e in await events_of(sessions, application_id) if e.kind == "due_time_rederived"
    ]


@pytest.mark.usefixtures("restore_calendar")
async def test_a_transfer_moves_the_stored_due_time_everywhere_and_back(
    client: Client,
    pki: BuiltPki,
    settings: Settings,
    qaqpa: Qaqpa,  # noqa: F811 - the fixture
    make_partner: Any,
    make_officer: MakeOfficer,  # noqa: F811 - the fixture
    sessions: async_sessionmaker[AsyncSession],
    statedb: PostgresStateDatabase,  # noqa: F811 - the fixture
) -> None:
    application_id = await _registered_s8(client, pki, await make_partner(), sessions, statedb)
    redis = {"QAQPA_REDIS_URL": settings.redis_url}  # the command drops status cache entries
    step = await open_step_of(sessions, application_id)
    assert (step.step, step.due_at) == ("completeness_check", DUE_BEFORE)
    assert await _calendar_due(client, DUE_BEFORE) == DUE_BEFORE.isoformat()

    try:
        added = qaqpa("calendar", "transfers", "add", DAY.isoformat(), "--off", "--decree", DECREE,
                      env=redis)  # fmt: skip
        assert added.returncode == 0, added.stderr
        assert f"application {application_id} step completeness_check" in added.stderr

        # Stored, in the command's transaction; the reason names the day and the decree.
        assert (await open_step_of(sessions, application_id)).due_at == DUE_AFTER
        moves = await _moves(sessions, application_id)
        step_move = next(move for move in moves if move["subject"] == "step")
        assert step_move["old_due_at"] == DUE_BEFORE.isoformat()
        assert step_move["new_due_at"] == DUE_AFTER.isoformat()
        assert step_move["reason"]["en"] == (
            f"Due time re-derived: 11.11.2026 was made a day off ({DECREE})"
        )
        assert step_move["reason"]["ru"].startswith("Срок пересчитан: 11.11.2026 объявлен")
        assert any(move["subject"] == "total" for move in moves)  # 30 working days run too

        # This process (the gateway in it) counts with the table another process changed.
        assert await _calendar_due(client, DUE_AFTER) == DUE_AFTER.isoformat()
        executor = await make_officer("executor")
        deadlines = await client.get(
            f"/v1/officer/applications/{application_id}/deadlines", headers=executor.headers
        )
        assert deadlines.status_code == 200, deadlines.text
        body = deadlines.json()
        assert datetime.fromisoformat(body["steps"][-1]["due_at"]) == DUE_AFTER
        assert [
            datetime.fromisoformat(move["new_due_at"])
            for move in body["moves"]
            if move["subject"] == "step"
        ] == [DUE_AFTER]
        explained = qaqpa("deadlines", "explain", str(application_id), "--lang", "en")
        assert explained.returncode == 0, explained.stderr
        assert "11.11.2026 was made a day off" in explained.stdout

        # Two heads remove it: the proposer cannot confirm, another head can.
        head = await make_officer("head")
        other = await make_officer("head", OTHER_HEAD_IIN)
        proposed = await client.post(
            "/v1/admin/calendar-transfers/proposals",
            json={"action": "remove", "date": DAY.isoformat()},
            headers=head.headers,
        )
        assert proposed.status_code == 201, proposed.text
        confirmation = (
            f"/v1/admin/calendar-transfers/proposals/{proposed.json()['id']}/confirmation"
        )
        refused = await client.post(confirmation, headers=head.headers)
        assert refused.status_code == 409 and refused.json()["code"] == "four_eyes"
        assert (await open_step_of(sessions, application_id)).due_at == DUE_AFTER
        confirmed = await client.post(confirmation, headers=other.headers)
        assert confirmed.status_code == 200, confirmed.text
        assert confirmed.json()["status"] == "confirmed"
        assert {
            (move["application_id"], datetime.fromisoformat(move["new_due_at"]))
            for move in confirmed.json()["moved"]
            if move["subject"] == "step"
        } >= {(str(application_id), DUE_BEFORE)}
    finally:
        async with sessions() as session, session.begin():
            await store.remove_transfer(session, DAY)  # only if a step above failed

    assert (await open_step_of(sessions, application_id)).due_at == DUE_BEFORE
    assert await _calendar_due(client, DUE_BEFORE) == DUE_BEFORE.isoformat()
    last = (await _moves(sessions, application_id))[-1]
    assert last["change"] == "removed" and last["reason"]["en"].startswith(
        "Due time re-derived: the transfer of 11.11.2026 was withdrawn"
    )
    events = await events_of(sessions, application_id)
    assert chain_is_intact(events)


async def test_a_step_opened_with_the_old_table_after_the_commit_is_caught(
    client: Client,
    pki: BuiltPki,
    make_partner: Any,
    sessions: async_sessionmaker[AsyncSession],
    statedb: PostgresStateDatabase,  # noqa: F811 - the fixture
) -> None:
    """A process that has not reloaded yet registers an application with the old table just
    after the change committed: the second pass moves its due time too."""
    day = date(2026, 11, 18)  # Wed; registered Mon 16 Nov 10:05: due 18 Nov, 19 Nov after
    registered_at = datetime(2026, 11, 16, 10, 5, tzinfo=KZ_TZ)
    async with sessions() as session:
        old_table = WorkingCalendar(await store.list_transfers(session))
    transfer = Transfer(date=day, kind=TransferKind.OFF, decree=DECREE)
    async with sessions() as session, session.begin():
        outcome = await calendar_changes.add_transfer(session, transfer, "operator:test", NOW)
    try:
        application_id = await submit_document(
            client, pki=pki, partner=await make_partner(),
            document=example_application(SERVICE, bin=LEGAL_BIN),
        )  # fmt: skip

        async def stale(session: AsyncSession, application: Application) -> None:
            await register(session, application, registered_at, statedb=statedb, calendar=old_table)

        await in_transaction(sessions, None, application_id, stale)
        assert (await open_step_of(sessions, application_id)).due_at == datetime(
            2026, 11, 18, 18, 30, tzinfo=KZ_TZ
        )
        late = await calendar_changes.catch_stragglers(sessions, outcome, "operator:test", delay=0)
        assert (await open_step_of(sessions, application_id)).due_at == datetime(
            2026, 11, 19, 18, 30, tzinfo=KZ_TZ
        )
        assert ("step", application_id) in {(m.subject, m.application_id) for m in late}
    finally:
        async with sessions() as session, session.begin():
            await store.remove_transfer(session, day)
