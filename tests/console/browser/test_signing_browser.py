"""S8 from the worklist to an issued permit in headless Chromium: the executor's decisions with
the draft preview, then the signer signs with their own key through the NCALayer stand-in.

The agencies' answers are not the console's: they arrive through the agency API, as in
production. Everything an officer does happens in the browser.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from pathlib import Path
from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ready
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import Result
from testkit.ncalayer import NcaLayerStandIn
from testkit.pki.config import PROVIDER_HEAD_IIN
from testkit.pki.server import BuiltPki
from tests.console.browser.conftest import screenshot
from tests.console.browser.pages import decide, log_out, logged_in, open_file, outcome, wait
from tests.console.browser.test_console_browser import SERVICE
from tests.console.conftest import ProviderOfficer, RegisteredS8
from tests.results.helpers import write
from tests.signing.issue.test_issue_independent import pyhanko_validate
from tests.workflow.helpers import application_of, decide_task_of
from tests.workflow.test_reexport_permit import _agencies, _answer_all

Client = AsyncTestClient[Litestar]
AREA = "div.signing-area[data-result]"  # the file's signing area: one result awaits signing


async def test_a_reexport_permit_from_the_worklist_to_the_signers_own_signature(
    browser: WebDriver,
    live_gateway: str,
    ncalayer: NcaLayerStandIn,
    provider_officer: ProviderOfficer,
    client: Client,
    pki: BuiltPki,
    make_partner: Any,
    registered_s8: RegisteredS8,
    sessions: async_sessionmaker[AsyncSession],
    tmp_path: Path,
) -> None:
    partner = await make_partner()
    agencies = await _agencies(sessions)
    await provider_officer("provider-executor-auth", services=(SERVICE,))
    await provider_officer("provider-head-auth", role="signer", services=(SERVICE,))
    application_id = await registered_s8(partner)

    # The executor: claims the completeness check from the worklist and completes it.
    ncalayer.label = "provider-executor-auth"
    logged_in(browser, live_gateway)
    open_file(browser, live_gateway, SERVICE, "completeness_check", application_id)
    decide(browser, "complete")
    await _answer_all(client, agencies, application_id)  # the agencies and the guarantee
    assert (await application_of(sessions, application_id)).status == "risk_assessment"
    open_file(browser, live_gateway, SERVICE, "risk_assessment", application_id)
    decide(browser, "approve", preview=True)
    open_file(browser, live_gateway, SERVICE, "result_preparation", application_id)
    decide(browser, "submit")
    assert (await application_of(sessions, application_id)).status == "signature"
    log_out(browser)

    # The signer: logs in with the AUTH key, then signs with the signing key (RSA test PKI).
    ncalayer.label = "provider-head-auth"
    logged_in(browser, live_gateway)
    open_file(browser, live_gateway, SERVICE, "signature", application_id)
    area = wait(browser).until(ready.presence_of_element_located((By.CSS_SELECTOR, AREA)))
    assert not browser.find_elements(By.ID, "decision-form")  # signing is the approval
    assert area.find_element(By.CSS_SELECTOR, "form.return-form textarea[required]")
    browser.execute_script('arguments[0].scrollIntoView({block: "center"})', area)
    screenshot(browser, "10-signing-area")
    ncalayer.label = "provider-head"
    asked = len(ncalayer.requests)
    area.find_element(By.CSS_SELECTOR, "button.sign-eds").click()
    box = outcome(browser, AREA)
    screenshot(browser, "11-signed")
    assert box.get_attribute("data-state") == "issued", box.text

    # NCALayer was asked for a detached CMS over the PDF's byte ranges (it hashes them with the
    # key's own digest), then for the XML.
    digest_request, xml_request = (r["args"] for r in ncalayer.requests[asked:])
    assert digest_request["format"] == "cms"
    assert digest_request["signingParams"]["digested"] is False
    assert digest_request["signingParams"]["encapsulate"] is False
    assert base64.b64decode(digest_request["data"]).startswith(b"%PDF-")
    assert xml_request["format"] == "xml" and xml_request["data"].startswith("<")

    result_id = uuid.UUID(area.get_attribute("data-result") or "")
    async with sessions() as session:
        result = await session.get(Result, result_id)
    assert result is not None and result.status == "signed"
    assert (result.kind, result.signer_iin) == ("reexport_permit", PROVIDER_HEAD_IIN)

    # The partner downloads the permit; pyHanko's CLI validates it, signed by the officer.
    base = f"/v1/applications/{application_id}/documents"
    listing = (await client.get(base, headers=partner.headers)).json()
    [entry] = [e for e in listing if e["kind"] == "pdf"]
    pdf = (await client.get(f"{base}/{entry['id']}", headers=partner.headers)).content
    checked = pyhanko_validate(write(tmp_path, "permit.pdf", pdf), pki.trust_dir / "root.pem")
    assert checked.returncode == 0 and ":INTACT:TRUSTED" in checked.stdout, checked.stdout
    # pyHanko names the signer by its certificate's SHA-256: the officer's own certificate.
    officer_cert = hashlib.sha256(pki.cert_der("provider-head")).hexdigest()
    assert f"Signature1:{officer_cert}:" in checked.stdout, checked.stdout


async def test_the_signer_returns_a_permit_for_rework_with_a_required_reason(
    browser: WebDriver,
    live_gateway: str,
    ncalayer: NcaLayerStandIn,
    provider_officer: ProviderOfficer,
    client: Client,
    make_partner: Any,
    registered_s8: RegisteredS8,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """The executor's steps go through the JSON API here (the test above drives them in the
    browser); the signer's return is the browser's."""
    partner = await make_partner()
    agencies = await _agencies(sessions)
    executor = await provider_officer("provider-executor-auth", services=(SERVICE,))
    await provider_officer("provider-head-auth", role="signer", services=(SERVICE,))
    application_id = await registered_s8(partner)
    assert (await decide_task_of(client, executor, application_id, "complete")).status_code == 200
    await _answer_all(client, agencies, application_id)
    approved = await decide_task_of(client, executor, application_id, "approve")
    assert approved.status_code == 200, approved.text
    assert (await decide_task_of(client, executor, application_id, "submit")).status_code == 200

    ncalayer.label = "provider-head-auth"
    logged_in(browser, live_gateway)
    open_file(browser, live_gateway, SERVICE, "signature", application_id)
    area = browser.find_element(By.CSS_SELECTOR, AREA)
    area.find_element(By.CSS_SELECTOR, "button.return").click()  # no reason: the form holds
    assert area.find_element(By.CSS_SELECTOR, ".signing-outcome").get_attribute("hidden")
    area.find_element(By.NAME, "reason").send_keys("Кепілдік мерзімі қате көрсетілген")
    area.find_element(By.CSS_SELECTOR, "button.return").click()
    assert outcome(browser, AREA).get_attribute("data-state") == "returned"
    async with sessions() as session:
        result = await session.get(Result, uuid.UUID(approved.json()["result_id"]))
    assert result is not None and result.status == "cancelled"
    # S8 sends it back to the executor's decision (the risk assessment), to decide again.
    assert (await application_of(sessions, application_id)).status == "risk_assessment"
