"""Publishing sessions (heads and unit heads) and the public schedule (no authentication)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import ExamSession
from tests.workflow.conftest import MakeOfficer

Client = AsyncTestClient[Litestar]
OFFICER_SESSIONS = "/v1/officer/exam-sessions"


def _session(body: str, starts_at: datetime, **extra: Any) -> dict[str, Any]:
    return {
        "revenue_body": body,
        "address": "Астана, Жеңіс даңғылы 11, 204-кабинет",
        "starts_at": starts_at.isoformat(),
        "capacity": 12,
        "answer_key": ["A", "C", "B", "D", "A"],
        **extra,
    }


async def test_heads_publish_and_everyone_sees_the_upcoming_sessions(
    client: Client,
    make_officer: MakeOfficer,
    make_partner: Any,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    unit_head, head = await make_officer("unit_head"), await make_officer("head")
    executor = await make_officer("executor")
    body = f"Тест МКД {uuid.uuid4().hex[:8]}"
    soon = datetime.now(UTC) + timedelta(days=3)
    later = soon + timedelta(days=10)

    first = await client.post(OFFICER_SESSIONS, json=_session(body, later),
                              headers=unit_head.headers)  # fmt: skip
    assert first.status_code == 201, first.text
    assert first.json()["questions"] == 5 and first.json()["seats_left"] == 12
    assert "answer_key" not in first.json()
    second = await client.post(OFFICER_SESSIONS, json=_session(body, soon, capacity=3),
                               headers=head.headers)  # fmt: skip
    assert second.status_code == 201, second.text
    past = await client.post(OFFICER_SESSIONS, json=_session(body, soon - timedelta(days=4)),
                             headers=head.headers)  # fmt: skip
    assert past.status_code == 422 and past.json()["code"] == "exam_session_invalid"

    forbidden = await client.post(OFFICER_SESSIONS, json=_session(body, soon),
                                  headers=executor.headers)  # fmt: skip
    assert forbidden.status_code == 403 and forbidden.json()["code"] == "officer_forbidden"
    partner = await make_partner()
    not_an_officer = await client.post(OFFICER_SESSIONS, json=_session(body, soon),
                                       headers=partner.headers)  # fmt: skip
    assert not_an_officer.status_code == 401

    listed = await client.get("/v1/exam-sessions", params={"revenue_body": body})
    assert listed.status_code == 200, listed.text
    assert [s["id"] for s in listed.json()] == [second.json()["id"], first.json()["id"]]
    assert listed.json()[0] == {
        "id": second.json()["id"],
        "revenue_body": body,
        "address": "Астана, Жеңіс даңғылы 11, 204-кабинет",
        "starts_at": listed.json()[0]["starts_at"],
        "capacity": 3,
        "seats_left": 3,
    }
    assert datetime.fromisoformat(listed.json()[0]["starts_at"]) == soon

    # A session that has started is no longer upcoming.
    async with sessions() as session, session.begin():
        await session.execute(
            update(ExamSession)
            .where(ExamSession.id == uuid.UUID(second.json()["id"]))
            .values(starts_at=datetime.now(UTC) - timedelta(minutes=1))
        )
    after = await client.get("/v1/exam-sessions", params={"revenue_body": body})
    assert [s["id"] for s in after.json()] == [first.json()["id"]]

    one = await client.get(f"{OFFICER_SESSIONS}/{first.json()['id']}", headers=executor.headers)
    assert one.status_code == 200 and one.json()["protocol_number"] is None
    missing = await client.get(f"{OFFICER_SESSIONS}/{uuid.uuid4()}", headers=executor.headers)
    assert missing.status_code == 404 and missing.json()["code"] == "exam_session_not_found"
