"""The officer's file (GET /v1/officer/applications/{id}) and draft result PDFs."""

from __future__ import annotations

import io
import uuid
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from pypdf import PdfReader
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gateway.officers.drafts import render
from gateway.problems import Problem
from registry.models import Result
from tests.console.conftest import RegisteredS8
from tests.workflow.conftest import MakeOfficer
from tests.workflow.helpers import task_of

Client = AsyncTestClient[Litestar]
SERVICE = "reexport-permit"  # what registered_s8 registers
GROUNDS = ["g05_legal_requirements_not_met", "g16_no_personal_data_consent"]


async def _results(sessions: async_sessionmaker[AsyncSession], application_id: uuid.UUID) -> int:
    async with sessions() as session:
        count = await session.scalar(
            select(func.count()).select_from(Result).where(Result.application_id == application_id)
        )
    return int(count or 0)


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


async def test_the_file_shows_what_the_officer_decides_from(
    client: Client, make_partner: Any, make_officer: MakeOfficer, registered_s8: RegisteredS8
) -> None:
    executor = await make_officer("executor", services=(SERVICE,))
    stranger = await make_officer("executor", services=("pm-export-act",))
    application_id = await registered_s8(await make_partner())

    response = await client.get(
        f"/v1/officer/applications/{application_id}", headers=executor.headers
    )
    assert response.status_code == 200, response.text
    file = response.json()
    assert file["status"] == "completeness_check" and file["actions"] == [
        "complete",
        "refuse_review",
    ]
    labels = {entry["key"]: entry["label"] for entry in file["form"]}
    assert labels["dispatch_country"] == "3. Жөнелтуші ел / Страна отправления."
    assert {g["code"] for g in file["refusal_grounds"]} >= set(GROUNDS)
    assert file["signature"]  # the verdict intake stored
    assert [event["kind"] for event in file["events"]][:1] == ["received"]
    assert file["deadlines"]["steps"][-1]["step"] == "completeness_check"
    assert file["deadlines"]["steps"][-1]["reasons"]
    for attachment in file["attachments"]:
        assert (
            attachment["matches"] and attachment["declared_sha256"] == attachment["computed_sha256"]
        )
        download = await client.get(
            f"/v1/officer/applications/{application_id}/attachments/{attachment['id']}",
            headers=executor.headers,
        )
        assert download.status_code == 200
        assert download.headers["content-disposition"].startswith("attachment")

    outside = await client.get(
        f"/v1/officer/applications/{application_id}", headers=stranger.headers
    )
    assert outside.status_code == 404 and outside.json()["code"] == "application_not_found"
    missing = await client.get(f"/v1/officer/applications/{uuid.uuid4()}", headers=executor.headers)
    assert missing.status_code == 404


async def test_a_draft_shows_the_refusal_with_its_grounds_and_stores_nothing(
    client: Client,
    make_partner: Any,
    make_officer: MakeOfficer,
    registered_s8: RegisteredS8,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    executor = await make_officer("executor", services=(SERVICE,))
    application_id = await registered_s8(await make_partner())
    task = await task_of(client, executor, application_id)
    decision = {
        "action": "refuse_review",
        "grounds": GROUNDS,
        "text": "Келісім берілмеген",
        "instructions": "Дербес деректерге келісім беріңіз",
    }

    draft = await client.post(
        f"/v1/officer/tasks/{task['id']}/draft", json=decision, headers=executor.headers
    )
    assert draft.status_code == 200, draft.text
    assert draft.headers["content-type"] == "application/pdf" and draft.content[:5] == b"%PDF-"
    text = _text(draft.content)
    assert "Дербес деректерге келісім беріңіз" in text
    assert await _results(sessions, application_id) == 0  # rolled back
    again = await client.get(f"/v1/officer/tasks/{task['id']}", headers=executor.headers)
    assert again.status_code == 200 and again.json()["status"] == "completeness_check"

    no_document = await client.post(
        f"/v1/officer/tasks/{task['id']}/draft",
        json={"action": "complete"},
        headers=executor.headers,
    )
    assert no_document.status_code == 409 and no_document.json()["code"] == "no_result_document"
    bad = await client.post(
        f"/v1/officer/tasks/{task['id']}/draft",
        json={"action": "refuse_review", "grounds": ["no_such_ground"]},
        headers=executor.headers,
    )
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_decision"

    decided = await client.post(
        f"/v1/officer/tasks/{task['id']}/decisions", json=decision, headers=executor.headers
    )
    assert decided.status_code == 200, decided.text
    result_id = decided.json()["result_id"]
    stored = await client.get(f"/v1/officer/results/{result_id}/draft", headers=executor.headers)
    assert stored.status_code == 200 and stored.content[:5] == b"%PDF-"
    # The preview was the real thing: the same number and text as the stored result.
    async with sessions() as session:
        result = await session.get(Result, uuid.UUID(result_id))
    assert result is not None and result.number in text and result.number in _text(stored.content)


async def test_a_document_the_renderer_refuses_is_a_problem_not_a_crash() -> None:
    with pytest.raises(Problem) as refused:
        await render({"kind": "not a result document"})
    assert refused.value.status_code == 500 and refused.value.code == "draft_unrenderable"
