"""PostgreSQL or Redis away: the gateway answers 503 ``dependency_unavailable`` with
``Retry-After`` and a localized title, never 500 ``internal_error``.

Each app here points at a port nothing listens on for one dependency (the real driver's real
refusal), the other dependency being the session's.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import msgspec
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from gateway.app import create_app
from gateway.problems import _from_unexpected
from registry.db import create_engine
from registry.outages import is_outage
from registry.settings import Settings
from scripts.stack import free_port

PARTNER = {"Authorization": "Bearer qk_not_a_real_key", "Accept-Language": "kk"}


async def client_with(
    settings: Settings, **changes: str
) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async with AsyncTestClient(app=create_app(msgspec.structs.replace(settings, **changes))) as c:
        yield c


@pytest.fixture
async def database_down(settings: Settings) -> AsyncIterator[AsyncTestClient[Litestar]]:
    url = f"postgresql+asyncpg://qaqpa@127.0.0.1:{free_port()}/qaqpa"
    async for client in client_with(settings, database_url=url):
        yield client


@pytest.fixture
async def redis_down(settings: Settings) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async for client in client_with(settings, redis_url=f"redis://127.0.0.1:{free_port()}/0"):
        yield client


def assert_unavailable(response: object) -> None:
    assert response.status_code == 503, response.text  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert body["code"] == "dependency_unavailable"
    assert body["title"].startswith("Қажетті")
    assert int(response.headers["retry-after"]) > 0  # type: ignore[attr-defined]


async def test_database_down_is_503_with_retry_after(
    database_down: AsyncTestClient[Litestar],
) -> None:
    assert_unavailable(await database_down.get("/v1/applications", headers=PARTNER))


async def test_redis_down_is_503_with_retry_after(redis_down: AsyncTestClient[Litestar]) -> None:
    assert_unavailable(await redis_down.get("/v1/applications", headers=PARTNER))


async def test_a_pool_timeout_is_an_outage(pg_url: str) -> None:
    # Every pooled connection (pool_size plus as many overflow) held: the next one times out.
    # The timeout also bounds opening a connection (registry/db.py): at 0.1 s, opening the two
    # held ones on a loaded machine sometimes timed out first, with the wrong error.
    engine = create_engine(pg_url, pool_size=1, pool_timeout=1.0)
    try:
        async with engine.connect(), engine.connect():
            with pytest.raises(PoolTimeoutError) as raised:
                async with engine.connect():
                    pass
        assert is_outage(raised.value)
        assert _from_unexpected(raised.value).code == "dependency_unavailable"
    finally:
        await engine.dispose()
