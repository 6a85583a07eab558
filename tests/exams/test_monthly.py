"""At least one session a month (001 p.4): the check that reports months without one."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.calendar import KZ_TZ
from registry.declarant_certificate.monthly import months_without_session
from registry.declarant_certificate.sessions import create_session
from tests.officers.conftest import Cli
from tests.workflow.conftest import MakeOfficer

LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)


async def _publish(
    sessions: async_sessionmaker[AsyncSession], body: str, starts_at: datetime, officer: uuid.UUID
) -> None:
    async with sessions() as session, session.begin():
        await create_session(
            session, revenue_body=body, address="Астана, Жеңіс даңғылы 11",
            starts_at=starts_at, capacity=10, answer_key=["A"], officer_id=officer,
            now=LONG_AGO,
        )  # fmt: skip


async def test_months_without_a_session_are_reported(
    sessions: async_sessionmaker[AsyncSession], make_officer: MakeOfficer, cli: Cli
) -> None:
    unit_head = await make_officer("unit_head")
    body = f"Тест МКД {uuid.uuid4().hex[:8]}"
    # January and March have a session; February and April none. 00:05 on 1 March in
    # Kazakhstan is still February in UTC: the local month counts.
    await _publish(sessions, body, datetime(2040, 1, 10, 10, 0, tzinfo=KZ_TZ), unit_head.id)
    await _publish(sessions, body, datetime(2040, 3, 1, 0, 5, tzinfo=KZ_TZ), unit_head.id)
    await _publish(sessions, body, datetime(2040, 3, 20, 10, 0, tzinfo=KZ_TZ), unit_head.id)
    async with sessions() as session:
        missing = await months_without_session(session, date(2040, 1, 1), 4, revenue_body=body)
        other = await months_without_session(session, date(2040, 1, 1), 2, revenue_body="Жоқ орган")
    assert missing == ["2040-02", "2040-04"]
    assert other == ["2040-01", "2040-02"]

    found = await cli("exams", "check-monthly", "--from", "2040-01", "--months", "4",
                      "--body", body)  # fmt: skip
    assert found.exit_code == 1, found.output
    assert json.loads(found.stdout) == {
        "revenue_body": body,
        "checked": ["2040-01", "2040-02", "2040-03", "2040-04"],
        "months_without_session": ["2040-02", "2040-04"],
    }
    covered = await cli("exams", "check-monthly", "--from", "2040-03", "--months", "1",
                        "--body", body)  # fmt: skip
    assert covered.exit_code == 0, covered.output
    assert json.loads(covered.stdout)["months_without_session"] == []
