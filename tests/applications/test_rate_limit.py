"""Rate limits hold across gateway processes (two apps on one Redis): per partner, and per
client address on the public verification endpoints."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

import msgspec
from litestar.testing import AsyncTestClient

from gateway.app import create_app
from registry.settings import Settings
from tests.conftest import PartnerKey


async def test_limit_is_shared_by_two_processes_and_answers_429(
    settings: Settings, make_partner: Callable[..., Awaitable[PartnerKey]]
) -> None:
    limited = msgspec.structs.replace(settings, rate_limit="4/minute")
    partner, other = await make_partner(), await make_partner()
    async with (
        AsyncTestClient(app=create_app(limited)) as first,
        AsyncTestClient(app=create_app(limited)) as second,
    ):
        statuses = [
            (await client.get("/v1/applications", headers=partner.headers)).status_code
            for client in (first, second, first, second)
        ]
        assert statuses == [200, 200, 200, 200]
        refused = await second.get("/v1/applications", headers=partner.headers)
        assert refused.status_code == 429
        assert refused.json()["code"] == "rate_limited"
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        # Another partner has its own window.
        assert (await first.get("/v1/applications", headers=other.headers)).status_code == 200


async def test_public_verification_is_limited_per_client_address(settings: Settings) -> None:
    limited = msgspec.structs.replace(settings, public_rate_limit="3/minute")
    async with (
        AsyncTestClient(app=create_app(limited)) as first,
        AsyncTestClient(app=create_app(limited)) as second,
    ):
        # An empty body is refused after the limit is counted: cheap requests count too.
        statuses = [
            (await client.post("/v1/verify", content=b"")).status_code
            for client in (first, second, first)
        ]
        assert statuses == [422, 422, 422]
        refused = await second.post("/v1/verify", content=b"")
        assert refused.status_code == 429
        assert refused.json()["code"] == "rate_limited"
        assert "per client address" in refused.json()["detail"]
        page = await first.get(f"/v1/documents/{uuid.uuid4()}/verify")
        assert page.status_code == 429  # the page the QR code opens shares the limit
        # Authenticated partner endpoints are not counted against it.
        assert (await first.get("/v1/services")).status_code == 200
