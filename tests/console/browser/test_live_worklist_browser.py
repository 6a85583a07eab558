"""The worklist refreshes itself from the console's event stream (``/officer/stream``): a task
registered while the page is open appears without a reload, with polling paused while the
stream is open (so the row can only have come through the stream)."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
from redis.asyncio import Redis
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from gateway.applications.stream import StreamSlots
from gateway.console.live import OFFICER_STREAMS, STREAM_SECONDS
from gateway.officers.auth import SESSION_COOKIE
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
    redis_url: str,
) -> None:
    officer = await provider_officer("provider-executor-auth", services=(SERVICE,))
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
    await _a_closed_stream_gives_its_slot_back(browser, live_gateway, officer.id, redis_url)


async def _a_closed_stream_gives_its_slot_back(
    browser: WebDriver, live_gateway: str, officer_id: uuid.UUID, redis_url: str
) -> None:
    """A stream the client closes releases its lease at once (not when the lease runs out),
    so an officer moving between pages does not run into the cap."""
    cookie = browser.get_cookie(SESSION_COOKIE)
    assert cookie is not None
    redis: Redis = Redis.from_url(redis_url)
    slots = StreamSlots(redis, OFFICER_STREAMS, lease_seconds=STREAM_SECONDS)
    try:
        before = await slots.held(officer_id)  # the open page's own stream
        async with (
            httpx.AsyncClient(
                base_url=live_gateway, cookies={SESSION_COOKIE: cookie["value"]}
            ) as http,
            http.stream("GET", "/officer/stream") as stream,
        ):
            assert stream.status_code == 200
            assert stream.headers["content-type"].startswith("text/event-stream")
            lines = stream.aiter_lines()
            assert await anext(lines) == "event: ready"
            assert await slots.held(officer_id) == before + 1
        for _ in range(100):  # bounded: the gateway notices the disconnect
            if await slots.held(officer_id) == before:
                break
            await asyncio.sleep(0.2)
        assert await slots.held(officer_id) == before
    finally:
        await redis.aclose()
