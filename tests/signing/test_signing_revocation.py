"""Revocation plumbing against the live test PKI: caches, Redis, refresh, OCSP details."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

import msgspec
import redis.asyncio as redis_asyncio
from asn1crypto import ocsp

from signing.policy import VerificationPolicy
from signing.result import Code
from signing.revocation import (
    InMemoryRevocationCache,
    RedisRevocationCache,
    read_ocsp_response,
    refresh_crls,
)
from signing.revocation.crl import CrlStore
from signing.revocation.fetch import Fetcher, FetchError
from signing.revocation.ocsp import OcspStore, build_request, cert_id
from signing.verify import Verifier
from testkit.pki.server import BuiltPki
from tests.signing.signing_helpers import cert_of


async def test_crl_is_cached_until_next_update(pki: BuiltPki) -> None:
    cache = InMemoryRevocationCache()
    fetcher = Fetcher(timeout=5, max_bytes=1 << 20)
    try:
        store = CrlStore(cache, fetcher)
        entry = await store.get(pki.crl_url())
        assert entry.next_update is not None and entry.next_update > datetime.now(UTC)
        assert entry.expires_at == entry.next_update
        assert await cache.get(f"crl:{pki.crl_url()}") == entry.der
        assert await cache.crl_urls() == [pki.crl_url()]
        # a second process sharing the cache needs no network at all
        offline = CrlStore(cache, None)
        again = await offline.get(pki.crl_url())
        assert again.der == entry.der
    finally:
        await fetcher.aclose()


async def test_refresh_crls_reports_failures(pki: BuiltPki) -> None:
    cache = InMemoryRevocationCache()
    fetcher = Fetcher(timeout=2, max_bytes=1 << 20)
    try:
        await cache.remember_crl_url(pki.crl_url("root"))
        dead = "http://127.0.0.1:9/nothing.crl"
        report = await refresh_crls(cache, fetcher, [pki.crl_url(), pki.crl_url("root"), dead])
        assert report.refreshed == sorted([pki.crl_url(), pki.crl_url("root")])
        assert list(report.failed) == [dead]
        assert await cache.get(f"crl:{pki.crl_url()}") is not None
    finally:
        await fetcher.aclose()


async def test_verifier_refresh_uses_urls_seen_in_verification(
    pki: BuiltPki, policy: VerificationPolicy
) -> None:
    async with Verifier(policy) as verifier:
        assert (await verifier.check_certificate(pki.cert_der("individual-sign"))).valid
        report = await verifier.refresh_crls()
    assert pki.crl_url() in report.refreshed and pki.crl_url("root") in report.refreshed


async def test_redis_cache_shared_between_verifiers(
    pki: BuiltPki, policy: VerificationPolicy, redis_url: str
) -> None:
    client = redis_asyncio.Redis.from_url(redis_url)
    try:
        cache = RedisRevocationCache(client, prefix="test-signing:")
        expires = datetime.now(UTC) + timedelta(minutes=5)
        await cache.set("k", b"\x30\x00", expires)
        assert await cache.get("k") == b"\x30\x00"
        assert 0 < await client.pttl("test-signing:k") <= 5 * 60 * 1000
        await cache.set("stale", b"x", datetime.now(UTC) - timedelta(seconds=1))
        assert await cache.get("stale") is None
        async with Verifier(policy, cache=cache) as first:
            assert (await first.check_certificate(pki.cert_der("legal-sign"))).valid
        assert pki.crl_url() in await cache.crl_urls()
        # A second, offline verifier (another process) is served entirely from Redis.
        offline = msgspec.structs.replace(policy, offline=True)
        async with Verifier(offline, cache=cache) as second:
            result = await second.check_certificate(pki.cert_der("legal-sign"))
        assert result.code is Code.OK
    finally:
        await client.aclose()


async def test_redis_outage_degrades_to_miss() -> None:
    client = redis_asyncio.Redis(host="127.0.0.1", port=9, socket_connect_timeout=0.5)
    cache = RedisRevocationCache(client)
    assert await cache.get("anything") is None
    await cache.set("anything", b"x", datetime.now(UTC) + timedelta(minutes=1))
    assert await cache.crl_urls() == []
    await client.aclose()


async def test_ocsp_response_nonce_and_reading(pki: BuiltPki) -> None:
    cert = cert_of(pki, "individual-sign")
    issuer = cert_of(pki, "nca")
    fetcher = Fetcher(timeout=5, max_bytes=1 << 20)
    try:
        nonce = b"0123456789abcdef"
        der = await fetcher.post(
            pki.ocsp_url(),
            build_request(cert_id(cert, issuer.public_key), nonce),
            "application/ocsp-request",
        )
        response = ocsp.OCSPResponse.load(der)
        basic = response["response_bytes"]["response"].parsed
        extensions = {
            e["extn_id"].native: e for e in basic["tbs_response_data"]["response_extensions"]
        }
        assert extensions["nonce"]["extn_value"].parsed.native == nonce
        reading = read_ocsp_response(der, cert.serial_number)
        assert reading.cert_status == "good" and reading.has_nonce
        assert reading.next_update is not None
        store = OcspStore(InMemoryRevocationCache(), fetcher, default_ttl=300)
        entry = await store.get(cert, issuer.public_key, [pki.ocsp_url()])
        assert entry.expires_at == entry.next_update
        revoked = cert_of(pki, "revoked-ocsp")
        entry = await store.get(revoked, issuer.public_key, [pki.ocsp_url()])
        revoked_reading = read_ocsp_response(entry.der, revoked.serial_number)
        assert revoked_reading.cert_status == "revoked" and revoked_reading.reason == "superseded"
    finally:
        await fetcher.aclose()


async def test_fetcher_limits(pki: BuiltPki) -> None:
    fetcher = Fetcher(timeout=5, max_bytes=100)
    try:
        try:
            await fetcher.get(pki.crl_url())
        except FetchError as exc:
            assert "too large" in str(exc)
        else:
            raise AssertionError("oversized CRL accepted")
        try:
            await fetcher.get("ldap://example/cn=crl")
        except FetchError as exc:
            assert "scheme" in str(exc)
        else:
            raise AssertionError("ldap URL fetched")
    finally:
        await fetcher.aclose()


async def test_warm_verdict_is_reused(pki: BuiltPki, policy: VerificationPolicy) -> None:
    async with Verifier(policy) as verifier:
        first = await verifier.check_certificate(pki.cert_der("individual-sign"))
        second = await verifier.check_certificate(pki.cert_der("individual-sign"))
        past = await verifier.check_certificate(
            pki.cert_der("individual-sign"), at=datetime.now(UTC) - timedelta(minutes=1)
        )
    assert first.valid and second.valid and past.valid
    # Same cached verdict: the chain tuple is the very same object, not a recomputation...
    assert second.chain is first.chain
    # ...while an explicit validation time always takes the full path.
    assert past.chain is not first.chain and past.chain == first.chain


async def test_a_burst_for_one_certificate_fetches_revocation_data_once(
    pki: BuiltPki, policy: VerificationPolicy
) -> None:
    fetched: list[str] = []

    class Requests(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            fetched.append(record.getMessage())

    server_log = logging.getLogger("werkzeug")
    handler, level = Requests(), server_log.level
    server_log.addHandler(handler)
    server_log.setLevel(logging.INFO)
    try:
        async with Verifier(policy) as verifier:
            results = await asyncio.gather(
                *(verifier.check_certificate(pki.cert_der("legal-sign")) for _ in range(20))
            )
    finally:
        server_log.removeHandler(handler)
        server_log.setLevel(level)
    assert {r.code for r in results} == {Code.OK}
    ocsp_posts = [line for line in fetched if "POST" in line and "/ocsp/" in line]
    assert len(ocsp_posts) == 1, fetched
