"""Limits a stranger meets before authentication: one per client address on every route
(made-up API keys and officer tokens included), and bounded, least-recently-used auth caches."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import msgspec
from litestar.testing import AsyncTestClient

from gateway.app import create_app
from gateway.auth import LruCache, TokenCache
from registry.settings import Settings
from tests.conftest import PartnerKey

WRONG_KEY = {"Authorization": "Bearer qk_made-up-key-that-no-partner-has"}
WRONG_OFFICER_TOKEN = {"Authorization": "Bearer qo_made-up-officer-token"}


# Each test uses its own limit: the window's key in Redis includes it, and every test client
# shares one address ("testclient").
async def test_wrong_api_keys_meet_the_per_address_limit(settings: Settings) -> None:
    limited = msgspec.structs.replace(settings, client_rate_limit="5/minute")
    async with AsyncTestClient(app=create_app(limited)) as client:
        statuses = [
            (await client.get("/v1/applications", headers=WRONG_KEY)).status_code for _ in range(5)
        ]
        assert statuses == [401] * 5
        refused = await client.get("/v1/applications", headers=WRONG_KEY)
        # Counted before the key is looked up: a stranger stops reaching the database.
        assert refused.status_code == 429
        assert refused.json()["code"] == "rate_limited"
        assert "per client address" in refused.json()["detail"]
        assert 1 <= int(refused.headers["retry-after"]) <= 60


async def test_officer_and_public_routes_share_the_per_address_limit(settings: Settings) -> None:
    limited = msgspec.structs.replace(settings, client_rate_limit="7/minute")
    async with AsyncTestClient(app=create_app(limited)) as client:
        statuses = [
            (await client.get("/v1/officer/tasks", headers=WRONG_OFFICER_TOKEN)).status_code
            for _ in range(7)
        ]
        assert statuses == [401] * 7
        for path in (
            "/v1/officer/tasks",
            "/v1/services",
            "/v1/services/declarant-certificate",
            "/v1/calendar/days?year=2026",
            "/v1/exam-sessions",
            "/v1/pki/roots",
            "/metrics",
        ):
            answer = await client.get(path, headers=WRONG_OFFICER_TOKEN)
            assert (path, answer.status_code) == (path, 429)
            assert answer.json()["code"] == "rate_limited"
        # The probes are not counted: an orchestrator must still see a live, ready gateway.
        assert (await client.get("/health/live")).status_code == 200
        assert (await client.get("/health/ready")).status_code == 200


def test_lru_cache_evicts_the_least_recently_used_entry() -> None:
    cache: LruCache[str, int] = LruCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "a" is now more recent than "b"
    cache.put("c", 3)
    assert "b" not in cache
    assert cache.get("a") == 1
    assert cache.get("c") == 3
    assert len(cache) == 2


async def test_token_cache_keeps_hot_tokens_when_full() -> None:
    lookups: list[str] = []

    async def lookup(token: str) -> str | None:
        lookups.append(token)
        return None if token.startswith("made-up") else f"partner of {token}"

    cache: TokenCache[str] = TokenCache(lookup, max_entries=3)
    assert await cache.get("real") == "partner of real"
    for n in range(50):  # a flood of made-up tokens, while the real one keeps being used
        assert await cache.get(f"made-up-{n}") is None
        assert await cache.get("real") == "partner of real"
    assert lookups.count("real") == 1  # never dropped, so never looked up again
    assert await cache.get("made-up-0") is None  # long evicted: looked up again
    assert lookups.count("made-up-0") == 2


async def test_failed_authentications_are_limited_before_the_lookup(
    settings: Settings, make_partner: Callable[..., Awaitable[PartnerKey]]
) -> None:
    warm = await make_partner("Warm portal", ("read",))
    cold = await make_partner("Cold portal", ("read",))
    limited = msgspec.structs.replace(settings, auth_failure_rate_limit="4/minute")
    async with AsyncTestClient(app=create_app(limited)) as client:
        # A working partner's key, looked up (and cached) before the flood.
        assert (await client.get("/v1/applications", headers=warm.headers)).status_code == 200
        statuses = [
            (await client.get("/v1/applications", headers=WRONG_KEY)).status_code for _ in range(4)
        ]
        assert statuses == [401] * 4
        refused = await client.get("/v1/officer/tasks", headers=WRONG_OFFICER_TOKEN)
        assert refused.status_code == 429
        assert refused.json()["code"] == "rate_limited"
        # The address used up its failures: even a real key it has not used yet is refused
        # before it is looked up, so guessing keys from here costs the database nothing.
        assert (await client.get("/v1/applications", headers=cold.headers)).status_code == 429
        # A key already cached is served from the process without asking Redis or PostgreSQL.
        assert (await client.get("/v1/applications", headers=warm.headers)).status_code == 200
