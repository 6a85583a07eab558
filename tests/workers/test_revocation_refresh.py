"""The worker's cron re-fetches the CRLs the gateway has seen, into the shared Redis cache."""

from __future__ import annotations

import dataclasses

from redis.asyncio import Redis

from registry.resources import Resources
from signing.policy import VerificationPolicy
from signing.revocation.cache import RedisRevocationCache
from signing.verify import Verifier
from testkit.pki.server import BuiltPki
from workers.jobs.revocation import refresh_crls


async def test_refresh_fetches_every_crl_seen(
    pki: BuiltPki, redis_url: str, resources: Resources
) -> None:
    policy = VerificationPolicy(
        trust_anchors=(str(pki.trust_dir),), intermediates=(str(pki.intermediates_file),)
    )
    client = Redis.from_url(redis_url)
    try:
        cache = RedisRevocationCache(client, prefix="test-refresh:")
        async with Verifier(policy, cache=cache) as gateway_side:
            assert (await gateway_side.check_certificate(pki.cert_der("individual-sign"))).valid
        # A separate process (the worker) with the same Redis sees the URLs and refreshes them.
        async with Verifier(
            policy, cache=RedisRevocationCache(client, prefix="test-refresh:")
        ) as worker_side:
            report = await refresh_crls(
                {"resources": dataclasses.replace(resources, verifier=worker_side)}
            )
        assert report["refreshed"] >= 1
        assert report["failed"] == 0
    finally:
        await client.aclose()
