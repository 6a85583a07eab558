"""Exam sessions are S2's: only officer accounts working on S2 publish or read them
(issue 13, item 15)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from tests.workflow.conftest import MakeOfficer
from tests.workflow.helpers import Client
from tests.workflow.people import iin

OFFICER_SESSIONS = "/v1/officer/exam-sessions"


async def test_an_officer_of_another_service_cannot_publish_or_read_exam_sessions(
    client: Client, make_officer: MakeOfficer
) -> None:
    outsider = await make_officer("head", iin("77070730001"), services=("reexport-permit",))
    s2_head = await make_officer("head", iin("78080830001"), services=("declarant-certificate",))
    session = {
        "revenue_body": f"Тест МКД {uuid.uuid4().hex[:8]}",
        "address": "Астана, Жеңіс даңғылы 11, 204-кабинет",
        "starts_at": (datetime.now(UTC) + timedelta(days=5)).isoformat(),
        "capacity": 5,
        "answer_key": ["A", "B"],
    }
    refused = await client.post(OFFICER_SESSIONS, json=session, headers=outsider.headers)
    assert refused.status_code == 403 and refused.json()["code"] == "officer_forbidden"

    published = await client.post(OFFICER_SESSIONS, json=session, headers=s2_head.headers)
    assert published.status_code == 201, published.text
    url = f"{OFFICER_SESSIONS}/{published.json()['id']}"
    assert (await client.get(url, headers=s2_head.headers)).status_code == 200
    unread = await client.get(url, headers=outsider.headers)
    assert unread.status_code == 403 and unread.json()["code"] == "officer_forbidden"
