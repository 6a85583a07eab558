"""S1 in headless Chromium: a customs officer decides a yellow-corridor declaration in the
console and signs the release decision with their own key through the NCALayer stand-in
(QAQPA_OFFICER_SIGNING=eds). The regulation names the authorised officer who decides: no
signer step, no system key (that signs only automatic, green releases).

The declaration is filed, funded and registered through the API (tests/customs/release);
everything the officer does happens in the browser.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

import msgspec
from litestar import Litestar
from litestar.testing import AsyncTestClient
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ready
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.issuing.approval import SIGNER_POSITIONS
from registry.models import Result
from testkit.ncalayer import NcaLayerStandIn
from testkit.pki.config import PROVIDER_HEAD_IIN
from testkit.pki.server import BuiltPki
from tests.console.browser.conftest import screenshot
from tests.console.browser.pages import claim, decide, logged_in, outcome, page_ready, row, wait
from tests.console.conftest import ProviderOfficer
from tests.customs.release.conftest import (  # noqa: F401 - fixtures
    SERVICE,
    MakeDeclaration,
    flow,
    make_declaration,
    plain_statedb,
    rule_corridors,
)
from tests.results.helpers import write
from tests.signing.issue.test_issue_independent import pyhanko_validate

Client = AsyncTestClient[Litestar]
AREA = "div.signing-area[data-result]"


def _open_declaration(driver: WebDriver, base: str, application_id: uuid.UUID) -> None:
    driver.get(f"{base}/officer/worklist?service={SERVICE}")
    if row(driver, application_id).find_elements(By.CSS_SELECTOR, "button.claim"):
        claim(driver, application_id)
    row(driver, application_id).find_element(By.CSS_SELECTOR, "a.button").click()
    page_ready(driver)


async def _result_of(
    sessions: async_sessionmaker[AsyncSession], application_id: uuid.UUID
) -> Result:
    async with sessions() as session:
        result = await session.scalar(select(Result).where(Result.application_id == application_id))
    assert result is not None
    return result


async def test_a_customs_officer_decides_under_control_and_signs_with_their_own_key(
    browser: WebDriver,
    live_gateway: str,
    ncalayer: NcaLayerStandIn,
    provider_officer: ProviderOfficer,
    make_declaration: MakeDeclaration,  # noqa: F811
    client: Client,
    pki: BuiltPki,
    sessions: async_sessionmaker[AsyncSession],
    tmp_path: Path,
) -> None:
    await provider_officer("provider-head-auth", role="executor", services=(SERVICE,))
    declared = await make_declaration("yellow")
    application_id = declared.application_id

    ncalayer.label = "provider-head-auth"
    logged_in(browser, live_gateway)
    _open_declaration(browser, live_gateway, application_id)
    assert browser.find_element(By.ID, "risk").text  # the corridor and the rules that fired
    browser.find_element(By.NAME, "text").send_keys("Құжаттар декларацияға сәйкес")
    screenshot(browser, "20-customs-file-under-control")
    decide(browser, "approve")

    # The approval wrote the payments off and released the goods; the decision now waits for
    # the deciding officer's own signature, in the same file.
    area = wait(browser).until(ready.presence_of_element_located((By.CSS_SELECTOR, AREA)))
    result_id = uuid.UUID(area.get_attribute("data-result") or "")
    assert not area.find_elements(By.CSS_SELECTOR, "form.return-form")  # back to oneself: no
    waiting = await _result_of(sessions, application_id)
    assert (waiting.id, waiting.status) == (result_id, "awaiting_signature")
    ncalayer.label = "provider-head"
    browser.execute_script('arguments[0].scrollIntoView({block: "center"})', area)
    area.find_element(By.CSS_SELECTOR, "button.sign-eds").click()
    box = outcome(browser, AREA)
    screenshot(browser, "21-customs-decision-signed")
    assert box.get_attribute("data-state") == "issued", box.text

    signed = await _result_of(sessions, application_id)
    # The decider both prepared and signed it (no four eyes in S1): the document names them.
    assert signed.status == "signed" and signed.document["signer"]["iin"] == PROVIDER_HEAD_IIN
    assert signed.document["signer"]["position"] == msgspec.to_builtins(SIGNER_POSITIONS["decider"])

    # The declarant's portal downloads the decision; pyHanko's CLI names the officer's own
    # certificate as its signer.
    base = f"/v1/applications/{application_id}/documents"
    listing = (await client.get(base, headers=declared.partner.headers)).json()
    [entry] = [e for e in listing if e["kind"] == "pdf"]
    pdf = (await client.get(f"{base}/{entry['id']}", headers=declared.partner.headers)).content
    checked = pyhanko_validate(write(tmp_path, "release.pdf", pdf), pki.trust_dir / "root.pem")
    assert checked.returncode == 0 and ":INTACT:TRUSTED" in checked.stdout, checked.stdout
    officer_cert = hashlib.sha256(pki.cert_der("provider-head")).hexdigest()
    assert f"Signature1:{officer_cert}:" in checked.stdout, checked.stdout
