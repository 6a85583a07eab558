"""The executor's file after a signer returned their draft refusal: the reason above the
decision form and in the event history (issue 16)."""

from __future__ import annotations

import html
from datetime import datetime
from typing import Any

from testkit.pki.server import BuiltPki
from tests.console.conftest import ProviderOfficer, RegisteredS8
from tests.console.test_pages import Client, _session
from tests.workflow.conftest import (
    Flow,
    MakeOfficer,
    flow,  # noqa: F401 - fixture
)
from tests.workflow.helpers import decide_task_of
from tests.workflow.test_declarant_certificate import _fail_exam_on, _staff

REASON = "Жетіспейтін құжаттың атауын нақтылаңыз / Уточните название документа"


async def test_the_executor_sees_why_the_refusal_came_back(
    client: Client,
    pki: BuiltPki,
    make_partner: Any,
    make_officer: MakeOfficer,
    provider_officer: ProviderOfficer,
    registered_s8: RegisteredS8,
) -> None:
    executor = await provider_officer("provider-executor-auth", services=("reexport-permit",))
    signer = await make_officer("signer")
    application_id = await registered_s8(await make_partner())
    refused = await decide_task_of(
        client, executor, application_id, "refuse_review",
        text="Толық емес", instructions="Толықтырыңыз",
        data={"missing_documents": ["гарантийное обязательство"]},
    )  # fmt: skip
    assert refused.status_code == 200, refused.text
    returned = await client.post(
        f"/v1/officer/results/{refused.json()['result_id']}/return",
        json={"reason": REASON},
        headers=signer.headers,
    )
    assert returned.status_code == 200, returned.text

    await _session(client, pki, "provider-executor-auth")
    file = await client.get(f"/officer/applications/{application_id}")
    assert file.status_code == 200, file.text
    page = html.unescape(file.text)
    note = page.index('class="returned-note"')
    assert REASON in page[note : page.index("</p>", note)]
    assert page.index('id="decision-form"') > note
    events = page[page.index('id="events"') :]
    assert REASON in events and 'class="return-reason"' in events
    client.cookies.clear()


async def test_the_return_form_is_offered_only_where_a_return_fits(
    client: Client,
    pki: BuiltPki,
    make_partner: Any,
    make_officer: MakeOfficer,
    provider_officer: ProviderOfficer,
    registered_s8: RegisteredS8,
    flow: Flow,  # noqa: F811 - the fixture imported above
) -> None:
    """The signer's file shows the return form for the executor's refusal (S8), not for a
    refusal the software decided (S2's exam score), which would only answer 409."""
    executor = await make_officer("executor")
    s8 = await registered_s8(await make_partner())
    refused = await decide_task_of(
        client, executor, s8, "refuse_review", text="Толық емес", instructions="Толықтырыңыз",
        data={"missing_documents": ["гарантийное обязательство"]},
    )  # fmt: skip
    assert refused.status_code == 200, refused.text
    staff = await _staff(flow.make_officer)
    failed = await _fail_exam_on(
        flow, await make_partner(), staff, datetime.fromisoformat("2025-01-15T10:00+05:00")
    )
    assert failed.status_code == 200 and failed.json()["status"] == "signature", failed.text

    await provider_officer("provider-head-auth", role="signer")
    await _session(client, pki, "provider-head-auth")
    s8_file = await client.get(f"/officer/applications/{s8}")
    assert s8_file.status_code == 200 and 'class="return-form"' in s8_file.text
    s2_file = await client.get(f"/officer/applications/{failed.json()['application_id']}")
    assert s2_file.status_code == 200 and 'id="draft-result"' in s2_file.text
    assert 'class="return-form"' not in s2_file.text
    client.cookies.clear()
