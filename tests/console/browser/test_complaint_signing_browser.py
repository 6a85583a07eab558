"""A complaint's decision signed in the console with the signer's own key (NCALayer).

The head decides the complaint through the JSON API; the signer finds the decision on their
worklist page under "awaiting your signature", opens the application's file and signs it
there through the NCALayer stand-in, as a flow's result is signed.
"""

from __future__ import annotations

from typing import Any

import pytest
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
from tests.complaints.conftest import Decided, decided_complaint
from tests.console.browser.conftest import screenshot
from tests.console.browser.pages import logged_in, outcome, result_listed_as, wait
from tests.console.conftest import ProviderOfficer
from tests.workflow.conftest import MakeOfficer

Client = AsyncTestClient[Litestar]


@pytest.fixture
async def decided(
    browser: WebDriver,
    live_gateway: str,
    ncalayer: NcaLayerStandIn,
    provider_officer: ProviderOfficer,
    make_officer: MakeOfficer,
    client: Client,
    make_partner: Any,
    sessions: async_sessionmaker[AsyncSession],
    statedb: PostgresStateDatabase,
) -> Decided:
    """A complaint decided by a head through the API, and its signer (the person of the test
    PKI's provider head certificates) logged in to the console: the decision awaits them."""
    head = await make_officer("head")
    decided = await decided_complaint(
        client, sessions, statedb, await make_partner(), head, "Шешім заңды"
    )
    await provider_officer("provider-head-auth", role="signer")
    ncalayer.label = "provider-head-auth"
    logged_in(browser, live_gateway)
    return decided


async def test_the_signer_signs_a_complaint_decision_from_the_worklist(
    browser: WebDriver,
    ncalayer: NcaLayerStandIn,
    decided: Decided,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    result_id = decided.result_id
    row = wait(browser).until(
        ready.presence_of_element_located(
            (By.CSS_SELECTOR, f'#to-sign tr[data-result="{result_id}"]')
        )
    )
    screenshot(browser, "12-awaiting-signature")
    row.find_element(By.CSS_SELECTOR, "a.button").click()
    area_id = f"signing-{result_id}"
    area = wait(browser).until(ready.presence_of_element_located((By.ID, area_id)))
    # Returning goes to the result, not to a task: a complaint has no flow step.
    form = area.find_element(By.CSS_SELECTOR, "form.return-form")
    assert form.get_attribute("data-result") == str(result_id) and not form.get_attribute(
        "data-task"
    )
    ncalayer.label = "provider-head"
    area.find_element(By.CSS_SELECTOR, "button.sign-eds").click()
    box = outcome(browser, f"#{area_id}")
    screenshot(browser, "13-complaint-decision-signed")
    assert box.get_attribute("data-state") == "issued", box.text
    result_listed_as(browser, result_id, "signed")  # the file's result list, without a reload
    async with sessions() as session:
        result = await session.get(Result, result_id)
    assert result is not None and result.status == "signed"
    assert (result.kind, result.signer_iin) == ("complaint_decision", PROVIDER_HEAD_IIN)


async def test_the_signer_returns_a_complaint_decision_to_the_heads(
    browser: WebDriver,
    live_gateway: str,
    decided: Decided,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    result_id = decided.result_id
    browser.get(f"{live_gateway}/officer/applications/{decided.complaint.application_id}")
    area_id = f"signing-{result_id}"
    area = wait(browser).until(ready.presence_of_element_located((By.ID, area_id)))
    area.find_element(By.NAME, "reason").send_keys("Дәлелдер толық емес")
    area.find_element(By.CSS_SELECTOR, "button.return").click()
    assert outcome(browser, f"#{area_id}").get_attribute("data-state") == "returned"
    result_listed_as(browser, result_id, "cancelled")
    async with sessions() as session:
        result = await session.get(Result, result_id)
        complaint = await session.get(Complaint, decided.complaint.id)
    assert result is not None and result.status == "cancelled"
    assert complaint is not None and complaint.status == "open" and complaint.result_id is None


async def test_a_decision_to_sign_appears_on_the_open_worklist_without_a_reload(
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
    """The "awaiting your signature" list follows the console's event stream, as the rows do."""
    await provider_officer("provider-head-auth", role="signer")
    ncalayer.label = "provider-head-auth"
    logged_in(browser, live_gateway)
    body = browser.find_element(By.TAG_NAME, "body")
    wait(browser).until(lambda _: body.get_attribute("data-live") == "1")  # polling paused
    browser.execute_script("document.body.dataset.sameDocument = 'yes'")

    head = await make_officer("head")
    decided = await decided_complaint(
        client, sessions, statedb, await make_partner(), head, "Шешім заңды"
    )
    wait(browser).until(
        ready.presence_of_element_located(
            (By.CSS_SELECTOR, f'#to-sign tr[data-result="{decided.result_id}"]')
        )
    )
    assert browser.find_element(By.TAG_NAME, "body").get_attribute("data-same-document") == "yes"
