"""The worklist refreshes itself from the console's event stream (``/officer/stream``): a task
registered while the page is open appears without a reload, with polling paused while the
stream is open (so the row can only have come through the stream)."""

from __future__ import annotations

from typing import Any

import httpx
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from testkit.ncalayer import NcaLayerStandIn
from tests.console.browser.conftest import screenshot
from tests.console.browser.pages import logged_in, page_ready, row, wait
from tests.console.conftest import ProviderOfficer, RegisteredS8

SERVICE = "reexport-permit"


async def test_a_new_task_appears_on_the_open_worklist_without_a_reload(
    browser: WebDriver,
    live_gateway: str,
    ncalayer: NcaLayerStandIn,
    provider_officer: ProviderOfficer,
    make_partner: Any,
    registered_s8: RegisteredS8,
) -> None:
    await provider_officer("provider-executor-auth", services=(SERVICE,))
    ncalayer.label = "provider-executor-auth"
    logged_in(browser, live_gateway)
    browser.get(f"{live_gateway}/officer/worklist?service={SERVICE}&step=completeness_check")
    page_ready(browser)
    body = browser.find_element(By.TAG_NAME, "body")
    wait(browser).until(lambda _: body.get_attribute("data-live") == "1")  # stream open
    browser.execute_script("document.body.dataset.sameDocument = 'yes'")

    application_id = await registered_s8(await make_partner())
    row(browser, application_id)  # waits for the row to appear
    assert browser.find_element(By.TAG_NAME, "body").get_attribute("data-same-document") == "yes"
    screenshot(browser, "10-worklist-live-update")

    # The stream needs the console session: without it, the login page.
    async with httpx.AsyncClient(base_url=live_gateway) as http:
        anonymous = await http.get("/officer/stream", follow_redirects=False)
    assert anonymous.status_code in (302, 303)
    assert anonymous.headers["location"] == "/officer/login"
