"""Officers work on the services their account names: a precious-metals executor never sees,
reads, claims or decides a re-export task, nor is it assigned one."""

from __future__ import annotations

from testkit.pki.config import LEGAL_BIN
from tests.workflow.conftest import Flow, register_now, submit
from tests.workflow.helpers import TASKS, decide, task_of

DEADLINES = "/v1/officer/applications"
PM_SERVICES = ("pm-special-registration", "pm-export-act", "pm-import-act")


async def test_a_precious_metals_executor_cannot_see_or_claim_a_reexport_task(flow: Flow) -> None:
    partner = await flow.make_partner()
    application_id = await submit(flow.client, partner, flow.pki, "reexport-permit", bin=LEGAL_BIN)
    assert await register_now(flow.sessions, flow.statedb, application_id) == "completeness_check"
    reexport = await flow.make_officer("executor", services=("reexport-permit",))
    metals = await flow.make_officer("executor", services=PM_SERVICES)
    task = await task_of(flow.client, reexport, application_id)  # the unit's own executor sees it

    listed = await flow.client.get(TASKS, headers=metals.headers, params={"limit": 200})
    assert listed.status_code == 200
    assert str(application_id) not in [row["application_id"] for row in listed.json()]
    for method, url, code in (
        ("GET", f"{TASKS}/{task['id']}", "task_not_found"),
        ("POST", f"{TASKS}/{task['id']}/claim", "task_not_found"),
        ("GET", f"{DEADLINES}/{application_id}/deadlines", "application_not_found"),
    ):
        response = await flow.client.request(method, url, headers=metals.headers)
        assert response.status_code == 404, (url, response.text)
        assert response.json()["code"] == code
    shown = await flow.client.get(
        f"{DEADLINES}/{application_id}/deadlines", headers=reexport.headers
    )
    assert shown.status_code == 200, shown.text
    refused = await decide(flow.client, metals, task["id"], "complete")
    assert refused.status_code == 404 and refused.json()["code"] == "task_not_found"

    head = await flow.make_officer("head")
    assign = f"{TASKS}/{task['id']}/assign"
    wrong = await flow.client.post(
        assign, json={"executor_id": str(metals.id)}, headers=head.headers
    )
    assert wrong.status_code == 422 and wrong.json()["code"] == "invalid_decision"

    claimed = await flow.client.post(f"{TASKS}/{task['id']}/claim", headers=reexport.headers)
    assert claimed.status_code == 200, claimed.text
    assert claimed.json()["assignee_id"] == str(reexport.id)


async def test_an_officer_with_no_services_sees_nothing(flow: Flow) -> None:
    """An empty scope grants nothing: "all" is never inferred from a missing entry."""
    partner = await flow.make_partner()
    application_id = await submit(flow.client, partner, flow.pki, "reexport-permit", bin=LEGAL_BIN)
    await register_now(flow.sessions, flow.statedb, application_id)
    nobody = await flow.make_officer("executor", services=())
    listed = await flow.client.get(TASKS, headers=nobody.headers, params={"limit": 200})
    assert listed.status_code == 200 and listed.json() == []
