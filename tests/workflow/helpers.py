"""Steps the workflow tests share: submitting signed documents, officers' tasks, reading rows."""

from __future__ import annotations

import json
import uuid
from typing import Any, TypeVar

import httpx
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import Application, Event, Result, RiskSelection, WorkflowStep
from testkit.pki.server import BuiltPki
from tests.applications.signed import detached
from tests.conftest import PartnerKey
from tests.workflow.people import OfficerKey

Client = AsyncTestClient[Litestar]
Sessions = async_sessionmaker[AsyncSession]
TASKS = "/v1/officer/tasks"
T = TypeVar("T")


async def submit_document(
    client: Client,
    partner: PartnerKey,
    pki: BuiltPki,
    document: dict[str, Any],
    label: str = "legal-sign",
) -> uuid.UUID:
    """POST ``document`` signed (detached CMS) with the test PKI's key ``label``; its id."""
    signed = detached(pki, label, json.dumps(document, ensure_ascii=False).encode())
    response = await client.post(
        "/v1/applications",
        json=signed,
        headers={**partner.headers, "Idempotency-Key": str(uuid.uuid4())},
    )
    assert response.status_code == 202, response.text
    return uuid.UUID(response.json()["id"])


async def status_of(client: Client, partner: PartnerKey, application_id: uuid.UUID) -> str:
    """The application's status as its partner reads it through the API."""
    response = await client.get(f"/v1/applications/{application_id}", headers=partner.headers)
    assert response.status_code == 200, response.text
    status: str = response.json()["status"]
    return status


async def task_of(
    client: Client, officer: OfficerKey, application_id: uuid.UUID, service: str | None = None
) -> dict[str, Any]:
    """The one task of the application on the officer's worklist (of ``service`` if given)."""
    params: dict[str, Any] = {"limit": 200}
    if service is not None:
        params["service"] = service
    response = await client.get(TASKS, headers=officer.headers, params=params)
    assert response.status_code == 200, response.text
    mine = [task for task in response.json() if task["application_id"] == str(application_id)]
    assert len(mine) == 1, f"{officer.role} should see exactly one task: {response.json()}"
    task: dict[str, Any] = mine[0]
    return task


async def decide(
    client: Client, officer: OfficerKey, task_id: int, action: str, **body: Any
) -> httpx.Response:
    """The officer's decision ``action`` on a task; the response, whatever its status."""
    return await client.post(
        f"{TASKS}/{task_id}/decisions", json={"action": action, **body}, headers=officer.headers
    )


async def decide_task_of(
    client: Client, officer: OfficerKey, application_id: uuid.UUID, action: str, **body: Any
) -> httpx.Response:
    """:func:`decide` on the application's task as the officer's worklist shows it."""
    task = await task_of(client, officer, application_id)
    return await decide(client, officer, task["id"], action, **body)


async def submit_and_sign(
    client: Client, executor: OfficerKey, signer: OfficerKey, application_id: uuid.UUID
) -> None:
    """The executor submits the prepared result and the signer approves it: ``signing``."""
    preparation = await task_of(client, executor, application_id)
    submitted = await decide(client, executor, preparation["id"], "submit")
    assert submitted.status_code == 200, submitted.text
    assert submitted.json()["status"] == "signature"
    signature = await task_of(client, signer, application_id)
    signed = await decide(client, signer, signature["id"], "approve")
    assert signed.status_code == 200, signed.text
    assert signed.json()["status"] == "signing"


async def approve_and_sign(
    client: Client, executor: OfficerKey, signer: OfficerKey, task: dict[str, Any], **body: Any
) -> str:
    """The executor approves on ``task``, then :func:`submit_and_sign`; the result's id."""
    approved = await decide(client, executor, task["id"], "approve", **body)
    assert approved.status_code == 200, approved.text
    await submit_and_sign(client, executor, signer, uuid.UUID(task["application_id"]))
    result_id: str = approved.json()["result_id"]
    return result_id


async def fetch_all(sessions: Sessions, statement: Select[T]) -> list[T]:
    """Every row ``statement`` selects, read in a session of its own."""
    async with sessions() as session:
        return list(await session.scalars(statement))


async def selections_of(sessions: Sessions, application_id: uuid.UUID) -> list[RiskSelection]:
    """The declaration's risk selections, oldest first (the automatic one, then re-routings)."""
    return await fetch_all(
        sessions,
        select(RiskSelection)
        .where(RiskSelection.application_id == application_id)
        .order_by(RiskSelection.id),
    )


async def events_of(sessions: Sessions, application_id: uuid.UUID) -> list[Event]:
    """The application's event chain in order."""
    return await fetch_all(
        sessions, select(Event).where(Event.application_id == application_id).order_by(Event.seq)
    )


async def application_of(sessions: Sessions, application_id: uuid.UUID) -> Application:
    async with sessions() as session:
        application = await session.get(Application, application_id)
    assert application is not None
    return application


async def result_of(sessions: Sessions, result_id: str | uuid.UUID) -> Result:
    async with sessions() as session:
        result = await session.get(Result, uuid.UUID(str(result_id)))
    assert result is not None
    return result


async def open_step_of(sessions: Sessions, application_id: uuid.UUID) -> WorkflowStep:
    """The application's one open workflow step."""
    async with sessions() as session:
        step = await session.scalar(
            select(WorkflowStep).where(
                WorkflowStep.application_id == application_id, WorkflowStep.state == "open"
            )
        )
    assert step is not None
    return step
