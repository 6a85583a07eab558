"""S8's signer in headless Chromium with an NCA GOST 2015-512 key: EDS login and the permit's
signature, both with NCA's real test key held by the NCALayer stand-in (a GOST single key
authenticates and signs).

A gateway of its own (granian, as :func:`tests.console.browser.conftest.live_gateway`) trusts
NCA's GOST test root besides the test PKI, reads NCA's CRL from the preloaded file (NCA's
revocation services are on the internet), accepts NCA's test IINs and signs at B-T. The
executor's steps go through the JSON API (``test_signing_browser.py`` drives them in the
browser); the signer's are the browser's. The console asks NCALayer for a detached CMS over
the PDF's byte ranges, so NCALayer hashes them with the GOST key's own Streebog-512.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from asn1crypto import cms
from litestar import Litestar
from litestar.testing import AsyncTestClient
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ready
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import Officer, Result
from registry.officers.repository import create_officer
from registry.settings import Settings
from signing import Verifier
from testkit.ncalayer import NcaLayerStandIn
from testkit.pki.server import BuiltPki
from tests.console.browser.conftest import gateway_env, screenshot, served_gateway
from tests.console.browser.pages import logged_in, open_file, wait
from tests.console.browser.test_console_browser import SERVICE
from tests.console.conftest import ProviderOfficer, RegisteredS8
from tests.results.test_officer_signing_gost import (
    STREEBOG,
    VALID,
    _embedded_signature,
    _gost_settings,
)
from tests.signing.gost_helpers import CA, CRL, ROOT, TEST_IIN, certificate, signer
from tests.workflow.helpers import application_of, decide_task_of
from tests.workflow.test_reexport_permit import _agencies, _answer_all

Client = AsyncTestClient[Litestar]


@pytest.fixture(scope="module")
def gost_ncalayer(pki: BuiltPki) -> Iterator[NcaLayerStandIn]:
    """The stand-in holding NCA's GOST test key (with its CA for the CMS's chain)."""
    with NcaLayerStandIn(pki.directory) as stand_in:
        stand_in.gost = signer(VALID)
        stand_in.gost_chain = [certificate(CA)]
        yield stand_in


@pytest.fixture(scope="module")
def gost_gateway(settings: Settings, gost_ncalayer: NcaLayerStandIn) -> Iterator[str]:
    env = gateway_env(
        settings,
        gost_ncalayer,
        QAQPA_TRUST_ANCHORS=f"{settings.trust_anchors}:{ROOT}:{CA}",
        QAQPA_CRL_FILES=str(CRL),
        QAQPA_OFFLINE="true",
        QAQPA_TEST_PKI="true",
        QAQPA_SIGNING_LEVEL="B-T",
    )
    with served_gateway(env) as url:
        yield url


async def _gost_signer_account(sessions: async_sessionmaker[AsyncSession]) -> None:
    """The one active account of the GOST key's person: a signer of S8."""
    async with sessions() as session, session.begin():
        await session.execute(
            update(Officer)
            .where(Officer.iin == TEST_IIN, Officer.revoked_at.is_(None))
            .values(revoked_at=Officer.created_at)
        )
        await create_officer(
            session, "signer", TEST_IIN, "ТЕСТОВ ТЕСТ", test_pki=True, services=(SERVICE,)
        )


def _finished(driver: WebDriver) -> Any:
    box = driver.find_element(By.CSS_SELECTOR, ".signing-outcome")
    return box if box.get_attribute("data-state") not in (None, "busy") else False


async def test_the_signer_logs_in_and_signs_a_permit_with_an_nca_gost_key(
    browser: WebDriver,
    gost_gateway: str,
    gost_ncalayer: NcaLayerStandIn,
    provider_officer: ProviderOfficer,
    client: Client,
    make_partner: Any,
    registered_s8: RegisteredS8,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    partner = await make_partner()
    agencies = await _agencies(sessions)
    executor = await provider_officer("provider-executor-auth", services=(SERVICE,))
    await _gost_signer_account(sessions)
    application_id = await registered_s8(partner)
    assert (await decide_task_of(client, executor, application_id, "complete")).status_code == 200
    await _answer_all(client, agencies, application_id)
    approved = await decide_task_of(client, executor, application_id, "approve")
    assert approved.status_code == 200, approved.text
    assert (await decide_task_of(client, executor, application_id, "submit")).status_code == 200

    # The signer logs in with the GOST key, then signs the permit with the same key.
    logged_in(browser, gost_gateway)
    open_file(browser, gost_gateway, SERVICE, "signature", application_id)
    area = wait(browser).until(
        ready.presence_of_element_located((By.CSS_SELECTOR, "div.signing-area[data-result]"))
    )
    browser.execute_script('arguments[0].scrollIntoView({block: "center"})', area)
    asked = len(gost_ncalayer.requests)
    area.find_element(By.CSS_SELECTOR, "button.sign-eds").click()
    box = wait(browser).until(_finished)
    screenshot(browser, "12-signed-gost")
    assert box.get_attribute("data-state") == "issued", box.text
    pdf_request, xml_request = (r["args"] for r in gost_ncalayer.requests[asked:])
    assert pdf_request["signingParams"] == {"decode": True, "encapsulate": False, "digested": False}
    assert xml_request["format"] == "xml"

    result_id = uuid.UUID(area.get_attribute("data-result") or "")
    async with sessions() as session:
        result = await session.get(Result, result_id)
    assert result is not None and result.status == "signed"
    assert (result.kind, result.signer_iin) == ("reexport_permit", TEST_IIN)
    assert (await application_of(sessions, application_id)).status != "signature"

    # The permit the partner downloads carries the officer's GOST CMS (Streebog-512), which
    # our verifier accepts over the PDF's byte ranges, by the officer's own certificate.
    base = f"/v1/applications/{application_id}/documents"
    listing = (await client.get(base, headers=partner.headers)).json()
    [entry] = [e for e in listing if e["kind"] == "pdf"]
    pdf = (await client.get(f"{base}/{entry['id']}", headers=partner.headers)).content
    embedded, covered = _embedded_signature(pdf)
    signer_info = cms.ContentInfo.load(embedded)["content"]["signer_infos"][0]
    assert signer_info["digest_algorithm"]["algorithm"].dotted == STREEBOG
    async with Verifier(_gost_settings(settings).verification_policy()) as verifier:
        checked = await verifier.verify_cms(embedded, covered, expect_iin=TEST_IIN)
    assert checked.valid, checked
    assert checked.serial == format(signer(VALID).certificate.serial_number, "X")
    assert base64.b64decode(pdf_request["data"]) == covered  # what NCALayer signed
