"""Officers see and decide only the complaints of their own services (issue 13, item 15).

A head of the re-export unit must not read or decide a complaint about a precious-metals
application: to that account such a complaint does not exist (404), as for tasks.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tests.complaints.conftest import OFFICER, SERVICE, complain, decide_complaint_of, registered
from tests.workflow.conftest import Flow
from tests.workflow.people import iin


async def test_a_head_of_another_service_neither_sees_nor_decides_the_complaint(
    flow: Flow,
) -> None:
    partner = await flow.make_partner()
    now = datetime.now(UTC)
    application_id = await registered(flow.sessions, flow.statedb, partner, now)
    filed = await complain(flow.sessions, partner, application_id, now)
    outsider = await flow.make_officer("head", iin("77070730001"), services=("reexport-permit",))
    own = await flow.make_officer("head", iin("78080830001"), services=(SERVICE,))

    listed = await flow.client.get(OFFICER, params={"limit": 200}, headers=outsider.headers)
    assert listed.status_code == 200
    assert str(filed.id) not in [c["id"] for c in listed.json()]
    refused = await decide_complaint_of(flow.client, outsider, filed.id, "reject", text="Негізсіз")
    assert refused.status_code == 404 and refused.json()["code"] == "complaint_not_found"

    seen = await flow.client.get(OFFICER, params={"limit": 200}, headers=own.headers)
    assert str(filed.id) in [c["id"] for c in seen.json()]
    decided = await decide_complaint_of(flow.client, own, filed.id, "reject", text="Негізсіз")
    assert decided.status_code == 200, decided.text

    signer = await flow.make_officer("signer", iin("79090930001"), services=("reexport-permit",))
    waiting = await flow.client.get(
        OFFICER, params={"awaiting_signature": "true", "limit": 200}, headers=signer.headers
    )
    assert str(filed.id) not in [c["id"] for c in waiting.json()]
    unsigned = await flow.client.post(f"{OFFICER}/{filed.id}/signature", headers=signer.headers)
    assert unsigned.status_code == 404 and unsigned.json()["code"] == "complaint_not_found"


async def test_each_instance_sees_and_decides_only_its_own_level(
    flow: Flow,
) -> None:
    """Issue 21: complaints to the authorised body are the ``authority`` officers', those to
    the provider its heads'; to each, the other level does not exist."""
    partner = await flow.make_partner()
    now = datetime.now(UTC)
    application_id = await registered(flow.sessions, flow.statedb, partner, now)
    to_provider = await complain(flow.sessions, partner, application_id, now)
    to_authority = await complain(flow.sessions, partner, application_id, now, level="authority")
    head = await flow.make_officer("head", iin("77011130002"))
    authority = await flow.make_officer("authority", iin("77012230003"))

    async def listed(officer: Any) -> set[str]:
        response = await flow.client.get(OFFICER, params={"limit": 200}, headers=officer.headers)
        assert response.status_code == 200, response.text
        return {c["id"] for c in response.json()} & {str(to_provider.id), str(to_authority.id)}

    assert await listed(head) == {str(to_provider.id)}
    assert await listed(authority) == {str(to_authority.id)}
    for officer, other in ((head, to_authority), (authority, to_provider)):
        refused = await decide_complaint_of(
            flow.client, officer, other.id, "reject", text="Негізсіз"
        )
        assert refused.status_code == 404 and refused.json()["code"] == "complaint_not_found"
    decided = await decide_complaint_of(
        flow.client, authority, to_authority.id, "reject", text="Негізсіз"
    )
    assert decided.status_code == 200, decided.text
    assert decided.json()["level"] == "authority" and decided.json()["status"] == "rejected"
    # The decision is signed as any: a signer sees it waiting for approval.
    signer = await flow.make_officer("signer", iin("77013130004"))
    waiting = await flow.client.get(
        OFFICER, params={"awaiting_signature": "true", "limit": 200}, headers=signer.headers
    )
    assert str(to_authority.id) in [c["id"] for c in waiting.json()]
