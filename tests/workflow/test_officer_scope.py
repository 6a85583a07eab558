"""Officers work on the services their account names: a precious-metals executor never sees,
reads, claims or decides a re-export task, nor is it assigned one."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.statedb.postgres import PostgresStateDatabase
from testkit.pki.config import LEGAL_BIN
from testkit.pki.server import BuiltPki
from tests.workflow.conftest import MakeOfficer, register_now, submit
from tests.workflow.helpers import TASKS, Client, decide, task_of

DEADLINES = "/v1/officer/applications"
PM_SERVICES = ("pm-special-registration", "pm-export-act", "pm-import-act")


async def test_a_precious_metals_executor_cannot_see_or_claim_a_reexport_task(
    client: Client,
    pki: BuiltPki,
    make_partner: Any,
    make_officer: MakeOfficer,
    sessions: async_sessionmaker[AsyncSession],
    statedb: PostgresStateDatabase,
) -> None:
    partner = await make_partner()
    application_id = await submit(client, partner, pki, "reexport-permit", bin=LEGAL_BIN)
    assert await register_now(sessions, statedb, application_id) == "completeness_check"
    reexport = await make_officer("executor", services=("reexport-permit",))
    metals = await make_officer("executor", services=PM_SERVICES)
    task = await task_of(client, reexport, application_id)  # the unit's own executor sees it

    listed = await client.get(TASKS, headers=metals.headers, params={"limit": 200})
    assert listed.status_code == 200
    assert str(application_id) not in [row["application_id"] for row in listed.json()]
    for method, url, code in (
        ("GET", f"{TASKS}/{task['id']}", "task_not_found"),
        ("POST", f"{TASKS}/{task['id']}/claim", "task_not_found"),
        ("GET", f"{DEADLINES}/{application_id}/deadlines", "application_not_found"),
    ):
        response = await client.request(method, url, headers=metals.headers)
        assert response.status_code == 404, (url, response.text)
        assert response.json()["code"] == code
    shown = await client.get(f"{DEADLINES}/{application_id}/deadlines", headers=reexport.headers)
    assert shown.status_code == 200, shown.text
    refused = await decide(client, metals, task["id"], "complete")
    assert refused.status_code == 404 and refused.json()["code"] == "task_not_found"

    head = await make_officer("head")
    assign = f"{TASKS}/{task['id']}/assign"
    wrong = await client.post(assign, json={"executor_id": str(metals.id)}, headers=head.headers)
    assert wrong.status_code == 422 and wrong.json()["code"] == "invalid_decision"

    claimed = await client.post(f"{TASKS}/{task['id']}/claim", headers=reexport.headers)
    assert claimed.status_code == 200, claimed.text
    assert claimed.json()["assignee_id"] == str(reexport.id)


async def test_an_officer_with_no_services_sees_nothing(
    client: Client,
    pki: BuiltPki,
    make_partner: Any,
    make_officer: MakeOfficer,
    sessions: async_sessionmaker[AsyncSession],
    statedb: PostgresStateDatabase,
) -> None:
    """An empty scope grants nothing: "all" is never inferred from a missing entry."""
    partner = await make_partner()
    application_id = await submit(client, partner, pki, "reexport-permit", bin=LEGAL_BIN)
    await register_now(sessions, statedb, application_id)
    nobody = await make_officer("executor", services=())
    listed = await client.get(TASKS, headers=nobody.headers, params={"limit": 200})
    assert listed.status_code == 200 and listed.json() == []
