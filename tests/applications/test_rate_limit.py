"""The per-partner limit holds across gateway processes (two apps on one Redis)."""

from __future__ import annotations

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
