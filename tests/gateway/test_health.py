"""Liveness and readiness against the real PostgreSQL and Redis of the session."""

from __future__ import annotations

import asyncio

from litestar import Litestar
from litestar.testing import AsyncTestClient

from scripts.stack import PostgresServer, RedisServer


async def _ready_status(client: AsyncTestClient[Litestar], want: int, attempts: int = 50) -> int:
    """Poll readiness until it answers ``want`` (reconnects take a moment), return the last."""
    status = 0
    for _ in range(attempts):
        status = (await client.get("/health/ready")).status_code
        if status == want:
            break
        await asyncio.sleep(0.1)
    return status


async def test_live_answers_ok(client: AsyncTestClient[Litestar]) -> None:
    response = await client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_ready_when_postgres_and_redis_answer(client: AsyncTestClient[Litestar]) -> None:
    response = await client.get("/health/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "checks": {"postgres": "ok", "redis": "ok"}}


async def test_ready_follows_redis_down_and_back(
    client: AsyncTestClient[Litestar], redis_server: RedisServer
) -> None:
    redis_server.stop()
    try:
        response = await client.get("/health/ready")
        assert response.status_code == 503
        assert response.headers["content-type"].startswith("application/problem+json")
        body = response.json()
        assert body["code"] == "not_ready"
        assert body["checks"] == {"postgres": "ok", "redis": "unavailable"}
    finally:
        redis_server.start()
    # Same app, same client: the Redis pool reconnects by itself.
    assert await _ready_status(client, 200) == 200


async def test_ready_follows_postgres_down_and_back(
    client: AsyncTestClient[Litestar], postgres_server: PostgresServer
) -> None:
    await asyncio.to_thread(postgres_server.stop)
    try:
        response = await client.get("/health/ready")
        assert response.status_code == 503
        assert response.json()["checks"] == {"postgres": "unavailable", "redis": "ok"}
    finally:
        await asyncio.to_thread(postgres_server.start)
    assert await _ready_status(client, 200) == 200
