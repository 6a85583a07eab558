"""The console's pages over HTTP: redirects without a session, the language cookie, no CDN."""

from __future__ import annotations

import re
import uuid
from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient

from testkit.pki.server import BuiltPki
from tests.console.conftest import CHALLENGE, LOGIN, ProviderOfficer, RegisteredS8, signed_nonce

Client = AsyncTestClient[Litestar]


async def _session(client: Client, pki: BuiltPki, label: str) -> dict[str, Any]:
    nonce = (await client.get(CHALLENGE)).json()["nonce"]
    response = await client.post(LOGIN, json=signed_nonce(pki, label, nonce))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_pages_need_a_session_and_load_nothing_from_outside(
    client: Client,
    pki: BuiltPki,
    make_partner: Any,
    provider_officer: ProviderOfficer,
    registered_s8: RegisteredS8,
) -> None:
    client.cookies.clear()
    away = await client.get("/officer/worklist", follow_redirects=False)
    assert away.status_code in (302, 303) and away.headers["location"] == "/officer/login"
    login = await client.get("/officer/login")
    assert login.status_code == 200 and 'id="eds-login"' in login.text
    csp = login.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "connect-src 'self' wss://127.0.0.1:13579" in csp

    await provider_officer("provider-executor-auth", services=("reexport-permit",))
    application_id = await registered_s8(await make_partner())
    await _session(client, pki, "provider-executor-auth")
    worklist = await client.get("/officer/worklist?service=reexport-permit")
    assert worklist.status_code == 200
    assert f'data-application="{application_id}"' in worklist.text
    rows = await client.get(
        "/officer/worklist/rows?service=reexport-permit&step=completeness_check"
    )
    assert f'data-application="{application_id}"' in rows.text
    file = await client.get(f"/officer/applications/{application_id}")
    assert file.status_code == 200, file.text
    assert 'id="decision-form"' in file.text and "g16_no_personal_data_consent" in file.text
    # The result list is a fragment of its own, which the page polls.
    assert f'data-rows="/officer/applications/{application_id}/results"' in file.text
    results = await client.get(f"/officer/applications/{application_id}/results")
    assert results.status_code == 200 and "<ul>" in results.text
    missing = await client.get(f"/officer/applications/{uuid.uuid4()}/results")
    assert missing.status_code == 404
    for html in (login.text, worklist.text, file.text):
        # Every script, stylesheet and frame comes from the gateway itself.
        for url in re.findall(r'(?:src|href)="([^"]+)"', html):
            assert url.startswith(("/", "#")), url
    script = await client.get("/officer/static/console.js")
    assert script.status_code == 200 and "kz.gov.pki.knca.basics" in script.text
    client.cookies.clear()


async def test_the_language_switch_is_remembered(client: Client) -> None:
    client.cookies.clear()
    switched = await client.get("/officer/lang/ru?back=/officer/login", follow_redirects=False)
    assert switched.status_code in (302, 303) and switched.headers["location"] == "/officer/login"
    assert "qaqpa_lang=ru" in switched.headers["set-cookie"]
    page = await client.get("/officer/login")
    assert 'lang="ru"' in page.text and "Войти с ЭЦП" in page.text
    assert (
        await client.get("/officer/lang/xx?back=//evil.example", follow_redirects=False)
    ).headers["location"] == "/officer/"
    client.cookies.clear()
    assert 'lang="kk"' in (await client.get("/officer/login")).text
