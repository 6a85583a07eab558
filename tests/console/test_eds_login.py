"""EDS login: a signed nonce opens a session (token and cookie) for the certificate's officer."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient
from msgspec import structs
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from websockets.sync.client import connect

from gateway.app import create_app
from registry.officers.repository import create_officer
from registry.settings import Settings
from scripts.stack import free_port
from signing import signed_content
from testkit.pki.server import BuiltPki
from tests.applications.signed import attached
from tests.console.conftest import (
    CHALLENGE,
    LOGIN,
    ProviderOfficer,
    iin_of,
    session_headers,
    signed_nonce,
)

Client = AsyncTestClient[Litestar]
QAQPA = str(Path(sys.executable).with_name("qaqpa"))


async def _nonce(client: Client) -> str:
    response = await client.get(CHALLENGE)
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"nonce", "expires_at"}
    nonce: str = body["nonce"]
    return nonce


async def _login(client: Client, pki: BuiltPki, label: str, **extra: Any) -> Any:
    nonce = await _nonce(client)
    return await client.post(LOGIN, json={**signed_nonce(pki, label, nonce), **extra})


async def test_an_officer_logs_in_with_the_auth_certificate_and_gets_a_session(
    client: Client, pki: BuiltPki, provider_officer: ProviderOfficer
) -> None:
    officer = await provider_officer("provider-executor-auth")
    client.cookies.clear()
    response = await _login(client, pki, "provider-executor-auth")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["officer"]["id"] == str(officer.id) and body["officer"]["role"] == "executor"
    assert body["token"].startswith("qs_") and body["expires_at"]
    cookie = response.headers["set-cookie"]
    assert "qaqpa_session=" + body["token"] in cookie
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower() and "Path=/" in cookie
    assert "Secure" not in cookie  # env=test serves plain http on loopback

    # The token works as a bearer token, and the cookie alone works for reads.
    me = await client.get("/v1/officer/me", headers=session_headers(body["token"]))
    assert me.status_code == 200 and me.json()["id"] == str(officer.id)
    by_cookie = await client.get("/v1/officer/me")
    assert by_cookie.status_code == 200 and by_cookie.json()["id"] == str(officer.id)

    # A change by cookie needs the CSRF token; by bearer token it does not.
    no_csrf = await client.post("/v1/officer/auth/logout")
    assert no_csrf.status_code == 403 and no_csrf.json()["code"] == "csrf_failed"
    out = await client.post("/v1/officer/auth/logout", headers={"X-CSRF-Token": body["csrf"]})
    assert out.status_code == 204
    client.cookies.clear()
    gone = await client.get("/v1/officer/me", headers=session_headers(body["token"]))
    assert gone.status_code == 401 and gone.json()["code"] == "officer_unauthenticated"


async def test_a_replayed_nonce_is_refused(
    client: Client, pki: BuiltPki, provider_officer: ProviderOfficer
) -> None:
    await provider_officer("provider-executor-auth")
    nonce = await _nonce(client)
    signed = signed_nonce(pki, "provider-executor-auth", nonce)
    first = await client.post(LOGIN, json=signed)
    assert first.status_code == 200, first.text
    again = await client.post(LOGIN, json=signed)
    assert again.status_code == 401 and again.json()["code"] == "eds_challenge_invalid"
    made_up = await client.post(LOGIN, json=signed_nonce(pki, "provider-executor-auth", "x" * 43))
    assert made_up.status_code == 401 and made_up.json()["code"] == "eds_challenge_invalid"


async def test_a_certificate_of_no_officer_is_refused(
    client: Client, pki: BuiltPki, provider_officer: ProviderOfficer
) -> None:
    # individual-auth is a valid authentication certificate of a person with no account.
    response = await _login(client, pki, "individual-auth")
    assert response.status_code == 403, response.text
    assert response.json()["code"] == "officer_not_registered"
    ru = await client.post(
        LOGIN,
        json=signed_nonce(pki, "individual-auth", await _nonce(client)),
        headers={"Accept-Language": "ru"},
    )
    assert ru.json()["title"] == "Нет активной учётной записи сотрудника с ИИН этого сертификата"


async def test_a_revoked_certificate_is_refused_even_for_an_active_account(
    client: Client, pki: BuiltPki, provider_officer: ProviderOfficer
) -> None:
    await provider_officer("provider-revoked-auth")
    response = await _login(client, pki, "provider-revoked-auth")
    assert response.status_code == 401, response.text
    body = response.json()
    assert body["code"] == "eds_certificate_invalid" and body["verdict"] == "revoked"


async def test_a_signing_only_certificate_is_not_a_login_key(
    client: Client, pki: BuiltPki, provider_officer: ProviderOfficer
) -> None:
    await provider_officer("provider-executor-auth")
    response = await _login(client, pki, "provider-executor")  # the same person's signing key
    assert response.status_code == 403, response.text
    assert response.json()["code"] == "eds_certificate_not_for_auth"


async def test_a_person_with_two_accounts_names_the_role(
    client: Client,
    pki: BuiltPki,
    provider_officer: ProviderOfficer,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await provider_officer("provider-head-auth", role="head")
    async with sessions() as session, session.begin():
        await create_officer(session, "signer", iin_of("provider-head-auth"), "Басшы")
    ambiguous = await _login(client, pki, "provider-head-auth")
    assert ambiguous.status_code == 409 and ambiguous.json()["roles"] == ["head", "signer"]
    chosen = await _login(client, pki, "provider-head-auth", role="signer")
    assert chosen.status_code == 200 and chosen.json()["officer"]["role"] == "signer"
    client.cookies.clear()


async def test_garbage_is_malformed_and_a_detached_signature_has_no_nonce(
    client: Client, pki: BuiltPki
) -> None:
    junk = await client.post(LOGIN, json={"cms": "not base64!"})
    assert junk.status_code == 400 and junk.json()["code"] == "eds_signature_malformed"
    detached_cms = base64.b64encode(b"0\x03\x02\x01\x00").decode()
    assert (await client.post(LOGIN, json={"cms": detached_cms})).status_code == 400
    other = attached(pki, "individual-auth", b"")  # empty content: nothing was signed
    assert (await client.post(LOGIN, json=other)).status_code == 400


async def test_a_session_ends_after_the_idle_time(
    settings: Settings, pki: BuiltPki, provider_officer: ProviderOfficer
) -> None:
    await provider_officer("provider-executor-auth")
    quick = structs.replace(settings, officer_session_idle_seconds=1.0)
    async with AsyncTestClient(app=create_app(quick)) as short:
        response = await _login(short, pki, "provider-executor-auth")
        assert response.status_code == 200, response.text
        token = response.json()["token"]
        redis = Redis.from_url(settings.redis_url)
        try:
            key = "qaqpa:officer-session:" + hashlib.sha256(token.encode()).hexdigest()
            assert 0 < await redis.ttl(key) <= 1  # only the hash is a key, never the token
            await asyncio.sleep(1.6)
        finally:
            await redis.aclose()
        expired = await short.get("/v1/officer/me", headers=session_headers(token))
        assert expired.status_code == 401


def test_the_ncalayer_stand_in_runs_from_the_command_line(pki: BuiltPki) -> None:
    """``qaqpa pki ncalayer`` (for the local stack) greets and signs like NCALayer."""
    port = free_port()
    process = subprocess.Popen(
        [
            QAQPA,
            "pki",
            "ncalayer",
            str(pki.directory),
            "--port",
            str(port),
            "--label",
            "provider-head-auth",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                connection = connect(f"ws://127.0.0.1:{port}", open_timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
        with connection:
            assert "version" in json.loads(connection.recv())["result"]
            connection.send(
                json.dumps(
                    {
                        "module": "kz.gov.pki.knca.basics",
                        "method": "sign",
                        "args": {
                            "format": "cms",
                            "data": base64.b64encode(b"nonce").decode(),
                            "signingParams": {"decode": True, "encapsulate": True},
                        },
                    }
                )
            )
            answer = json.loads(connection.recv())
        assert answer["status"] is True
        assert signed_content(base64.b64decode(answer["body"]["result"])) == b"nonce"
    finally:
        process.terminate()
        process.wait(timeout=10)
