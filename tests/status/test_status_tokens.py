"""Status tokens: the applicant's app reads its own application and nothing else.

The token comes once with the submission's 202; it reads the status (the cached, ETag path),
the events (JSON and server-sent events) and the documents of that application; any other
application is 404; the partner can issue more and revoke them, and a revoked token is 401.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import msgspec
from litestar import Litestar
from litestar.testing import AsyncTestClient
from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gateway.app import create_app
from gateway.applications.stream import StreamSlots
from gateway.status.controller import TOKEN_STREAMS
from registry.applications.status_tokens import token_hash
from registry.domains import example_application
from registry.models import StatusToken
from registry.settings import Settings
from testkit.pki.config import LEGAL_BIN
from testkit.pki.server import BuiltPki
from tests.applications.signed import detached
from tests.conftest import PartnerKey

Client = AsyncTestClient[Litestar]
SERVICE = "pm-special-registration"
STATUS = "/v1/status/applications"


def _signed(pki: BuiltPki) -> dict[str, Any]:
    document = example_application(SERVICE, bin=LEGAL_BIN)
    signed: dict[str, Any] = detached(
        pki, "legal-sign", json.dumps(document, ensure_ascii=False).encode()
    )
    return signed


async def _submit(
    client: Client,
    partner: PartnerKey,
    pki: BuiltPki,
    key: str | None = None,
    signed: dict[str, Any] | None = None,
) -> dict[str, Any]:
    answer = await client.post(
        "/v1/applications",
        json=signed or _signed(pki),
        headers={**partner.headers, "Idempotency-Key": key or str(uuid.uuid4())},
    )
    assert answer.status_code == 202, answer.text
    accepted: dict[str, Any] = answer.json()
    return accepted


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_a_status_token_reads_its_own_application_only(
    client: Client, pki: BuiltPki, make_partner: Any, sessions: async_sessionmaker[AsyncSession]
) -> None:
    partner: PartnerKey = await make_partner()
    key, body = str(uuid.uuid4()), _signed(pki)
    mine = await _submit(client, partner, pki, key, body)
    other = await _submit(client, partner, pki)
    token = mine["status_token"]
    assert token.startswith("qt_")
    async with sessions() as session:
        stored = (
            await session.scalars(
                select(StatusToken.token_hash).where(StatusToken.application_id == mine["id"])
            )
        ).all()
    assert stored == [token_hash(token)]  # only the hash is kept

    status = await client.get(f"{STATUS}/{mine['id']}", headers=_bearer(token))
    assert status.status_code == 200, status.text
    assert status.json()["id"] == mine["id"] and status.json()["status"] == "received"
    again = await client.get(
        f"{STATUS}/{mine['id']}",
        headers={**_bearer(token), "If-None-Match": status.headers["etag"]},
    )
    assert again.status_code == 304
    events = await client.get(f"{STATUS}/{mine['id']}/events", headers=_bearer(token))
    assert [e["kind"] for e in events.json()] == ["received"]
    stream = await client.get(
        f"{STATUS}/{mine['id']}/events",
        headers={**_bearer(token), "Accept": "text/event-stream"},
    )
    assert stream.status_code == 200 and "event: received" in stream.text
    documents = await client.get(f"{STATUS}/{mine['id']}/documents", headers=_bearer(token))
    assert documents.status_code == 200 and documents.json() == []

    for path in ("", "/events", "/documents", f"/documents/{uuid.uuid4()}"):
        refused = await client.get(f"{STATUS}/{other['id']}{path}", headers=_bearer(token))
        assert refused.status_code == 404, path
    # The token is no API key: the partner's routes refuse it.
    partner_route = await client.get(f"/v1/applications/{mine['id']}", headers=_bearer(token))
    assert partner_route.status_code == 401
    # A retry of the submission replays the answer without the token (only its hash is kept).
    replay = await _submit(client, partner, pki, key, body)
    assert replay["id"] == mine["id"] and "status_token" not in replay


async def test_the_partner_issues_and_revokes_tokens_and_a_revoked_one_is_refused(
    client: Client, pki: BuiltPki, make_partner: Any
) -> None:
    partner: PartnerKey = await make_partner()
    mine = await _submit(client, partner, pki)
    tokens = f"/v1/applications/{mine['id']}/status-tokens"
    issued = await client.post(tokens, headers=partner.headers)
    assert issued.status_code == 201 and issued.json()["token"].startswith("qt_")
    listed = await client.get(tokens, headers=partner.headers)
    assert len(listed.json()) == 2 and all("token" not in t for t in listed.json())
    first_id = listed.json()[0]["id"]

    revoked = await client.delete(f"{tokens}/{first_id}", headers=partner.headers)
    assert revoked.status_code == 204
    refused = await client.get(f"{STATUS}/{mine['id']}", headers=_bearer(mine["status_token"]))
    assert refused.status_code == 401 and refused.json()["code"] == "unauthorized"
    second = await client.get(f"{STATUS}/{mine['id']}", headers=_bearer(issued.json()["token"]))
    assert second.status_code == 200
    twice = await client.delete(f"{tokens}/{first_id}", headers=partner.headers)
    assert twice.status_code == 404

    stranger: PartnerKey = await make_partner()
    hidden = await client.get(tokens, headers=stranger.headers)
    assert hidden.status_code == 404
    unknown = await client.get(f"{STATUS}/{mine['id']}", headers=_bearer("qt_made-up"))
    assert unknown.status_code == 401


async def test_each_token_has_its_own_rate_limit(
    settings: Settings, pki: BuiltPki, make_partner: Any
) -> None:
    limited = msgspec.structs.replace(settings, applicant_app_rate_limit="2/minute")
    async with AsyncTestClient(app=create_app(limited)) as own_client:
        partner: PartnerKey = await make_partner()
        mine = await _submit(own_client, partner, pki)
        issued = await own_client.post(
            f"/v1/applications/{mine['id']}/status-tokens", headers=partner.headers
        )
        first, second = mine["status_token"], issued.json()["token"]
        answers = [
            (await own_client.get(f"{STATUS}/{mine['id']}", headers=_bearer(first))).status_code
            for _ in range(3)
        ]
        other = await own_client.get(f"{STATUS}/{mine['id']}", headers=_bearer(second))
    assert answers == [200, 200, 429]
    assert other.status_code == 200  # another token (another phone) has its own count


async def test_a_token_s_streams_count_against_the_token_not_the_partner(
    client: Client,
    pki: BuiltPki,
    make_partner: Any,
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis,
) -> None:
    """Two open streams per token (``TOKEN_STREAMS``), refused with 429 naming the token's
    streams; the partner's own streams are a quota of their own."""
    partner: PartnerKey = await make_partner()
    mine = await _submit(client, partner, pki)
    async with sessions() as session:
        token_id = await session.scalar(
            select(StatusToken.id).where(StatusToken.application_id == mine["id"])
        )
    assert token_id is not None
    slots = StreamSlots(redis, TOKEN_STREAMS, lease_seconds=60)
    held = [await slots.acquire(token_id) for _ in range(TOKEN_STREAMS)]  # two open elsewhere
    assert None not in held
    sse = {"Accept": "text/event-stream"}
    refused = await client.get(
        f"{STATUS}/{mine['id']}/events", headers={**_bearer(mine["status_token"]), **sse}
    )
    assert refused.status_code == 429, refused.text
    assert refused.json()["code"] == "too_many_streams"
    assert "per token" in refused.json()["detail"]
    partners = await client.get(
        f"/v1/applications/{mine['id']}/events", headers={**partner.headers, **sse}
    )
    assert partners.status_code == 200 and "event: received" in partners.text
    for slot in held:
        assert slot is not None
        await slots.release(token_id, slot)
    again = await client.get(
        f"{STATUS}/{mine['id']}/events", headers={**_bearer(mine["status_token"]), **sse}
    )
    assert again.status_code == 200 and "event: received" in again.text
