"""A complaint's decision signed in the console with the signer's own key (NCALayer).

The head decides the complaint through the JSON API; the signer finds the decision on their
worklist page under "awaiting your signature", opens the application's file and signs it
there through the NCALayer stand-in, as a flow's result is signed.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ready
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import Complaint, Result
from registry.statedb.postgres import PostgresStateDatabase
from testkit.ncalayer import NcaLayerStandIn
from testkit.pki.config import PROVIDER_HEAD_IIN
from tests.complaints.conftest import complain, registered
from tests.console.browser.conftest import screenshot
from tests.console.browser.test_console_browser import _logged_in, _wait
from tests.console.conftest import ProviderOfficer
from tests.workflow.conftest import MakeOfficer

Client = AsyncTestClient[Litestar]


def _outcome(driver: WebDriver, area_id: str) -> str | None:
    box = driver.find_element(By.CSS_SELECTOR, f"#{area_id} .signing-outcome")
    state = box.get_attribute("data-state")
    return None if state in (None, "busy") else state


async def test_the_signer_signs_a_complaint_decision_from_the_worklist(
    browser: WebDriver,
    live_gateway: str,
    ncalayer: NcaLayerStandIn,
    provider_officer: ProviderOfficer,
    make_officer: MakeOfficer,
    client: Client,
    make_partner: Any,
    sessions: async_sessionmaker[AsyncSession],
    statedb: PostgresStateDatabase,
) -> None:
    partner = await make_partner()
    now = datetime.now(UTC)
    filed = await complain(
        sessions, partner, await registered(sessions, statedb, partner, now), now
    )
    head = await make_officer("head")
    decided = await client.post(
        f"/v1/officer/complaints/{filed.id}/decisions",
        json={"action": "reject", "text": "Шешім заңды"},
        headers=head.headers,
    )
    assert decided.status_code == 200, decided.text
    result_id = uuid.UUID(decided.json()["result_id"])
    await provider_officer("provider-head-auth", role="signer")

    ncalayer.label = "provider-head-auth"
    _logged_in(browser, live_gateway)
    row = _wait(browser).until(
        ready.presence_of_element_located(
            (By.CSS_SELECTOR, f'#to-sign tr[data-result="{result_id}"]')
        )
    )
    screenshot(browser, "12-awaiting-signature")
    row.find_element(By.CSS_SELECTOR, "a.button").click()
    area_id = f"signing-{result_id}"
    area = _wait(browser).until(ready.presence_of_element_located((By.ID, area_id)))
    # Returning goes to the result, not to a task: a complaint has no flow step.
    form = area.find_element(By.CSS_SELECTOR, "form.return-form")
    assert form.get_attribute("data-result") == str(result_id) and not form.get_attribute(
        "data-task"
    )
    ncalayer.label = "provider-head"
    area.find_element(By.CSS_SELECTOR, "button.sign-eds").click()
    _wait(browser).until(lambda d: _outcome(d, area_id))
    screenshot(browser, "13-complaint-decision-signed")
    assert _outcome(browser, area_id) == "issued"
    # The file's result list follows without a reload.
    listed = f'#results-list li[data-result="{result_id}"]'
    _wait(browser).until(
        lambda d: d.find_element(By.CSS_SELECTOR, listed).get_attribute("data-status") == "signed"
    )
    async with sessions() as session:
        result = await session.get(Result, result_id)
    assert result is not None and result.status == "signed"
    assert (result.kind, result.signer_iin) == ("complaint_decision", PROVIDER_HEAD_IIN)


async def test_the_signer_returns_a_complaint_decision_to_the_heads(
    browser: WebDriver,
    live_gateway: str,
    ncalayer: NcaLayerStandIn,
    provider_officer: ProviderOfficer,
    make_officer: MakeOfficer,
    client: Client,
    make_partner: Any,
    sessions: async_sessionmaker[AsyncSession],
    statedb: PostgresStateDatabase,
) -> None:
    partner = await make_partner()
    now = datetime.now(UTC)
    filed = await complain(
        sessions, partner, await registered(sessions, statedb, partner, now), now
    )
    head = await make_officer("head")
    decided = await client.post(
        f"/v1/officer/complaints/{filed.id}/decisions",
        json={"action": "reject", "text": "Шешім заңды"},
        headers=head.headers,
    )
    assert decided.status_code == 200, decided.text
    result_id = uuid.UUID(decided.json()["result_id"])
    await provider_officer("provider-head-auth", role="signer")

    ncalayer.label = "provider-head-auth"
    _logged_in(browser, live_gateway)
    browser.get(f"{live_gateway}/officer/applications/{decided.json()['application_id']}")
    area_id = f"signing-{result_id}"
    area = _wait(browser).until(ready.presence_of_element_located((By.ID, area_id)))
    area.find_element(By.NAME, "reason").send_keys("Дәлелдер толық емес")
    area.find_element(By.CSS_SELECTOR, "button.return").click()
    _wait(browser).until(lambda d: _outcome(d, area_id))
    assert _outcome(browser, area_id) == "returned"
    listed = f'#results-list li[data-result="{result_id}"]'
    _wait(browser).until(
        lambda d: (
            d.find_element(By.CSS_SELECTOR, listed).get_attribute("data-status") == "cancelled"
        )
    )
    async with sessions() as session:
        result = await session.get(Result, result_id)
        complaint = await session.get(Complaint, filed.id)
    assert result is not None and result.status == "cancelled"
    assert complaint is not None and complaint.status == "open" and complaint.result_id is None
