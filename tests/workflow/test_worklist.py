"""The worklist API: who sees which task, filters, claim, assignment, and the CLI explanation."""

from __future__ import annotations

import asyncio
import subprocess
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import update

from registry.models import WorkflowStep
from registry.settings import Settings
from testkit.pki.config import LEGAL_BIN
from tests.workflow.conftest import Flow, MakeOfficer, register_now, submit
from tests.workflow.people import iin

Client = AsyncTestClient[Litestar]
TASKS = "/v1/officer/tasks"


async def _qaqpa(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return await asyncio.to_thread(
        subprocess.run, [".venv/bin/qaqpa", *args], capture_output=True, text=True, env=env,
        check=False,
    )  # fmt: skip


async def _ids(client: Client, headers: dict[str, str], **params: Any) -> set[str]:
    response = await client.get(TASKS, headers=headers, params={"limit": 200, **params})
    assert response.status_code == 200, response.text
    return {task["application_id"] for task in response.json()}


async def test_tasks_are_filtered_by_role_service_due_time_and_assignment(flow: Flow) -> None:
    partner = await flow.make_partner()
    head = await flow.make_officer("head")
    executor = await flow.make_officer("executor")
    other_executor = await flow.make_officer("executor", iin=iin("90060650005"))
    first = await submit(flow.client, partner, flow.pki, "pm-special-registration", bin=LEGAL_BIN)
    second = await submit(flow.client, partner, flow.pki, "pm-export-act", bin=LEGAL_BIN)
    for application_id in (first, second):
        await register_now(flow.sessions, flow.statedb, application_id)
    # Make the first one overdue, as if the head had let it lie.
    async with flow.sessions() as session, session.begin():
        await session.execute(
            update(WorkflowStep)
            .where(WorkflowStep.application_id == first, WorkflowStep.state == "open")
            .values(due_at=datetime.now(UTC) - timedelta(minutes=5))
        )
    assert {str(first), str(second)} <= await _ids(flow.client, head.headers)
    assert str(first) in await _ids(flow.client, head.headers, overdue="true")
    assert str(second) not in await _ids(flow.client, head.headers, overdue="true")
    assert str(first) not in await _ids(flow.client, head.headers, service="pm-export-act")
    assert str(first) in await _ids(flow.client, head.headers, due_within_hours=0)
    assert not {str(first), str(second)} & await _ids(
        flow.client, executor.headers
    )  # not their role

    # The head assigns the second application; only that executor sees the review task.
    tasks = (await flow.client.get(TASKS, headers=head.headers, params={"limit": 200})).json()
    task = next(t for t in tasks if t["application_id"] == str(second))
    decided = await flow.client.post(
        f"{TASKS}/{task['id']}/decisions",
        json={"action": "assign", "data": {"executor_id": str(executor.id)}},
        headers=head.headers,
    )
    assert decided.status_code == 200, decided.text
    assert str(second) in await _ids(flow.client, executor.headers, assigned_to_me="true")
    assert str(second) not in await _ids(flow.client, other_executor.headers)
    review = next(
        t
        for t in (
            await flow.client.get(TASKS, headers=executor.headers, params={"limit": 200})
        ).json()
        if t["application_id"] == str(second)
    )
    taken = await flow.client.post(f"{TASKS}/{review['id']}/claim", headers=other_executor.headers)
    assert taken.status_code == 409 and taken.json()["code"] == "task_assigned_elsewhere"
    # A head reassigns it to the other executor, who then can decide; the first one no longer.
    moved = await flow.client.post(
        f"{TASKS}/{review['id']}/assign",
        json={"executor_id": str(other_executor.id)},
        headers=head.headers,
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["assignee_id"] == str(other_executor.id)
    refused = await flow.client.post(
        f"{TASKS}/{review['id']}/decisions", json={"action": "approve"}, headers=executor.headers
    )
    assert refused.status_code == 409
    assert refused.json()["code"] == "task_assigned_elsewhere"
    by_executor = await flow.client.post(
        f"{TASKS}/{review['id']}/assign",
        json={"executor_id": str(executor.id)},
        headers=other_executor.headers,
    )
    assert by_executor.status_code == 403 and by_executor.json()["code"] == "role_not_allowed"


async def test_officer_routes_need_an_officer_token(
    client: Client, make_partner: Any, make_officer: MakeOfficer
) -> None:
    partner = await make_partner()
    assert (await client.get(TASKS)).status_code == 401
    answer = await client.get(TASKS, headers=partner.headers)
    assert answer.status_code == 401 and answer.json()["code"] == "officer_unauthenticated"
    clerk = await make_officer("clerk")
    missing = await client.post(f"{TASKS}/999999999/claim", headers=clerk.headers)
    assert missing.status_code == 404 and missing.json()["code"] == "task_not_found"
    bad = await client.post(
        f"{TASKS}/1/decisions", json={"action": "approve", "extra": 1}, headers=clerk.headers
    )
    assert bad.status_code == 400


async def test_deadlines_explain_prints_each_step_with_its_reasons(
    flow: Flow, settings: Settings
) -> None:
    partner = await flow.make_partner()
    application_id = await submit(flow.client, partner, flow.pki, "pm-import-act", bin=LEGAL_BIN)
    await register_now(flow.sessions, flow.statedb, application_id)
    env = {"QAQPA_DATABASE_URL": settings.database_url, "PATH": "/usr/bin:/bin"}
    shown = await _qaqpa(env, "deadlines", "explain", str(application_id), "--lang", "kk")
    assert shown.returncode == 0, shown.stderr
    assert "- registration [clerk, done]" in shown.stdout
    assert "- assignment [head, open]" in shown.stdout
    unknown = await _qaqpa(env, "deadlines", "explain", str(uuid.uuid4()))
    assert unknown.returncode == 1 and "does not exist" in unknown.stderr
