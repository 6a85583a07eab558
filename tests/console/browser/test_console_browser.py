"""The console in headless Chromium: EDS login through the NCALayer stand-in, the worklist,
a decision with grounds and its draft preview, the language switch, the overdue mark."""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Any

import httpx
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ready
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import Result
from testkit.ncalayer import NcaLayerStandIn, sign_login_nonce
from tests.console.browser.conftest import screenshot
from tests.console.browser.pages import claim, log_out, logged_in, login, page_ready, row, wait
from tests.console.conftest import ProviderOfficer, RegisteredS8, make_overdue
from tests.console.test_officer_file import GROUNDS

SERVICE = "reexport-permit"


def _login_error(driver: WebDriver) -> WebElement:
    return wait(driver).until(ready.visibility_of_element_located((By.ID, "login-error")))


async def test_an_officer_logs_in_with_eds_and_a_replayed_signature_is_refused(
    browser: WebDriver,
    live_gateway: str,
    ncalayer: NcaLayerStandIn,
    provider_officer: ProviderOfficer,
) -> None:
    await provider_officer("provider-executor-auth", services=(SERVICE,))
    ncalayer.label = "provider-executor-auth"
    login(browser, live_gateway)
    screenshot(browser, "01-login")
    wait(browser).until(ready.url_contains("/officer/worklist"))
    assert "executor" in browser.find_element(By.ID, "who").text
    # NCALayer was asked for an attached CMS with no key-usage filter: the gateway, not the
    # filter, decides which keys may log in (NCA's GOST single keys have no clientAuth usage).
    request = ncalayer.requests[-1]
    assert request["module"] == "kz.gov.pki.knca.basics" and request["args"]["format"] == "cms"
    assert request["args"]["signerParams"]["extKeyUsageOids"] == []

    # The same signed nonce sent again, to the same live server: refused.
    nonce = base64.b64decode(request["args"]["data"])
    cms = sign_login_nonce(ncalayer.pki_dir, "provider-executor-auth", nonce)
    async with httpx.AsyncClient(base_url=live_gateway) as http:
        replay = await http.post(
            "/v1/officer/auth/eds", json={"cms": base64.b64encode(cms).decode()}
        )
    assert replay.status_code == 401 and replay.json()["code"] == "eds_challenge_invalid"

    log_out(browser)


async def test_unknown_and_revoked_certificates_cannot_log_in(
    browser: WebDriver,
    live_gateway: str,
    ncalayer: NcaLayerStandIn,
    provider_officer: ProviderOfficer,
) -> None:
    ncalayer.label = "individual-auth"  # valid, but nobody's officer account
    login(browser, live_gateway)
    error = _login_error(browser)
    assert error.get_attribute("data-code") == "officer_not_registered"
    assert "/officer/login" in browser.current_url
    screenshot(browser, "02-login-unknown-certificate")

    await provider_officer("provider-revoked-auth")
    ncalayer.label = "provider-revoked-auth"
    browser.find_element(By.ID, "eds-login").click()
    wait(browser).until(
        lambda d: (
            d.find_element(By.ID, "login-error").get_attribute("data-code")
            == "eds_certificate_invalid"
        )
    )
    assert "/officer/login" in browser.current_url


async def test_claim_decide_with_grounds_after_a_draft_preview(
    browser: WebDriver,
    live_gateway: str,
    ncalayer: NcaLayerStandIn,
    provider_officer: ProviderOfficer,
    make_partner: Any,
    registered_s8: RegisteredS8,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await provider_officer("provider-executor-auth", services=(SERVICE,))
    application_id = await registered_s8(await make_partner())
    ncalayer.label = "provider-executor-auth"
    logged_in(browser, live_gateway)
    browser.get(f"{live_gateway}/officer/worklist?service={SERVICE}&step=completeness_check")
    claim(browser, application_id)
    screenshot(browser, "03-worklist-claimed")

    row(browser, application_id).find_element(By.CSS_SELECTOR, "a.button").click()
    wait(browser).until(ready.presence_of_element_located((By.ID, "decision-form")))
    browser.find_element(By.CSS_SELECTOR, 'input[name=action][value="refuse_review"]').click()
    for code in GROUNDS:
        browser.find_element(By.CSS_SELECTOR, f'input[name=grounds][value="{code}"]').click()
    browser.find_element(By.NAME, "text").send_keys("Дербес деректерге келісім жоқ")
    browser.find_element(By.NAME, "instructions").send_keys("Келісімді қоса беріңіз")
    browser.find_element(By.ID, "preview").click()
    frame = wait(browser).until(ready.visibility_of_element_located((By.ID, "draft-frame")))
    assert frame.get_attribute("data-type") == "application/pdf"
    assert int(frame.get_attribute("data-bytes") or 0) > 5000
    screenshot(browser, "04-file-draft-preview")
    async with sessions() as session:  # the preview stored nothing
        assert (
            await session.scalars(select(Result).where(Result.application_id == application_id))
        ).all() == []

    browser.find_element(By.ID, "submit-decision").click()
    wait(browser).until(ready.presence_of_element_located((By.ID, "draft-result")))
    screenshot(browser, "05-file-decided")
    async with sessions() as session:
        result = (
            await session.scalars(select(Result).where(Result.application_id == application_id))
        ).one()
    codes = [ground["code"] for ground in result.document["grounds"]]
    assert codes == GROUNDS and result.outcome == "refused"
    assert result.document["instructions"] == "Келісімді қоса беріңіз"


async def test_the_language_switch_is_remembered_and_overdue_steps_are_marked(
    browser: WebDriver,
    live_gateway: str,
    ncalayer: NcaLayerStandIn,
    provider_officer: ProviderOfficer,
    make_partner: Any,
    registered_s8: RegisteredS8,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    partner = await make_partner()
    await provider_officer("provider-executor-auth", services=(SERVICE,))
    late = await registered_s8(partner)
    on_time = await registered_s8(partner)
    await make_overdue(sessions, late, timedelta(hours=3))
    ncalayer.label = "provider-executor-auth"
    logged_in(browser, live_gateway)
    browser.get(f"{live_gateway}/officer/worklist?service={SERVICE}")
    assert row(browser, late).find_elements(By.CSS_SELECTOR, ".overdue-mark")
    assert "overdue" in (row(browser, late).get_attribute("class") or "")
    assert not row(browser, on_time).find_elements(By.CSS_SELECTOR, ".overdue-mark")
    # Most urgent first: the overdue one comes before the other.
    order = [
        r.get_attribute("data-application")
        for r in browser.find_elements(By.CSS_SELECTOR, "tr.task")
    ]
    assert order.index(str(late)) < order.index(str(on_time))
    screenshot(browser, "06-worklist-overdue")

    browser.find_element(By.CSS_SELECTOR, '#langs a[data-lang="ru"]').click()
    wait(browser).until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ru")
    assert "Рабочий список" in browser.find_element(By.TAG_NAME, "h1").text
    assert "Просрочено" in row(browser, late).text
    browser.get(f"{live_gateway}/officer/applications/{late}")  # remembered on the next page
    wait(browser).until(ready.presence_of_element_located((By.ID, "decision-form")))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ru"
    assert "Форма заявления" in browser.page_source
    screenshot(browser, "07-file-ru")
    browser.find_element(By.CSS_SELECTOR, '#langs a[data-lang="en"]').click()
    wait(browser).until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    assert "/officer/applications/" in browser.current_url


async def test_heads_pages_and_a_tablet_layout_without_sideways_scrolling(
    browser: WebDriver,
    live_gateway: str,
    ncalayer: NcaLayerStandIn,
    provider_officer: ProviderOfficer,
    make_partner: Any,
    registered_s8: RegisteredS8,
) -> None:
    application_id = await registered_s8(await make_partner())
    await provider_officer("provider-head-auth", role="head", services=(SERVICE,))
    ncalayer.label = "provider-head-auth"
    logged_in(browser, live_gateway)
    browser.find_element(By.CSS_SELECTOR, 'a[href="/officer/admin/officers"]').click()
    wait(browser).until(ready.presence_of_element_located((By.ID, "officer-form")))
    screenshot(browser, "08-admin-officers")
    browser.get(live_gateway + "/officer/admin/overdue")
    wait(browser).until(ready.presence_of_element_located((By.ID, "overdue")))

    browser.set_window_size(820, 1180)  # a tablet, portrait
    for path in ("/officer/worklist", f"/officer/applications/{application_id}"):
        browser.get(live_gateway + path)
        page_ready(browser)
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - window.innerWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
    screenshot(browser, "09-file-tablet")
