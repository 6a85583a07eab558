"""The fetch rules on their own: allow-list, URLs and bytes per verification, bounded caches."""

from __future__ import annotations

from datetime import UTC, datetime

import msgspec
import pytest

from signing.memo import BoundedCache
from signing.policy import VerificationPolicy
from signing.result import Code
from signing.revocation.fetch import (
    BudgetExhaustedError,
    Fetcher,
    FetchError,
    FetchLimits,
    allowed_hosts,
    fetch_budget,
    host_key,
)
from signing.verify import Verifier
from testkit.pki.sign import sign_cms
from tests.documents.listener import listening, self_made_signer


async def test_untrusted_url_needs_an_allowed_host() -> None:
    with listening(b"x") as listener:
        fetcher = Fetcher(5.0, 1 << 20)
        try:
            with pytest.raises(FetchError, match="allow-list"):
                await fetcher.get(f"{listener.base_url}/aia.cer", untrusted=True)
            assert listener.paths == []
            # a URL from a certificate already placed under our anchors (CRL, OCSP) is ours
            assert await fetcher.get(f"{listener.base_url}/crl") == b"x"
            assert listener.paths == ["/crl"]
        finally:
            await fetcher.aclose()


async def test_url_count_per_verification() -> None:
    with listening(b"x") as listener:
        fetcher = Fetcher(5.0, 1 << 20, allowed=frozenset({listener.host}))
        try:
            with fetch_budget(FetchLimits(max_urls=2)) as budget:
                await fetcher.get(f"{listener.base_url}/1", untrusted=True)
                await fetcher.post(f"{listener.base_url}/2", b"q", "application/ocsp-request")
                with pytest.raises(BudgetExhaustedError):
                    await fetcher.get(f"{listener.base_url}/3")
                # an inner verification (the judge's several checks) shares the outer budget
                with fetch_budget(FetchLimits(max_urls=10)) as inner:
                    assert inner is budget
                    with pytest.raises(BudgetExhaustedError):
                        await fetcher.get(f"{listener.base_url}/4")
            assert listener.paths == ["/1", "/2"]
            # the next verification starts afresh
            with fetch_budget(FetchLimits(max_urls=2)):
                await fetcher.get(f"{listener.base_url}/5")
            assert listener.paths[-1] == "/5"
        finally:
            await fetcher.aclose()


async def test_bytes_per_response() -> None:
    with listening(b"c" * 4096) as listener:
        fetcher = Fetcher(5.0, 1 << 20, allowed=frozenset({listener.host}))
        try:
            with fetch_budget(FetchLimits(max_bytes=1024)):
                with pytest.raises(FetchError, match="too large"):
                    await fetcher.get(f"{listener.base_url}/aia.cer", untrusted=True)
                with pytest.raises(FetchError, match="too large"):
                    await fetcher.post(f"{listener.base_url}/ocsp", b"q", "x")
                # our CA's CRL keeps the fetcher's own (larger) bound
                assert len(await fetcher.get(f"{listener.base_url}/ca.crl")) == 4096
        finally:
            await fetcher.aclose()


def test_allowed_hosts() -> None:
    keys = allowed_hosts(FetchLimits(allowed_hosts=("pki.example.kz", "10.0.0.1:8080")))
    assert host_key("http://pki.example.kz/x.cer") in keys
    assert host_key("https://PKI.example.kz/x.cer") in keys
    assert host_key("http://pki.example.kz:8081/x.cer") not in keys
    assert host_key("http://10.0.0.1:8080/a") in keys
    assert host_key("http://10.0.0.1/a") not in keys
    assert host_key("ldap://pki.example.kz/x") is None


def test_bounded_cache_size_and_ttl() -> None:
    now = [0.0]
    cache: BoundedCache[str, int] = BoundedCache(2, ttl=10.0, clock=lambda: now[0])
    cache.set("a", 1)
    cache.set("b", 2)
    assert cache.get("a") == 1  # a is now the most recently used
    cache.set("c", 3)
    assert len(cache) == 2 and cache.get("b") is None and cache.get("a") == 1
    now[0] = 10.5
    assert cache.get("a") is None and cache.get("c") is None


async def test_intake_fetches_only_allowed_hosts_within_the_caps(
    policy: VerificationPolicy,
) -> None:
    """An applicant's CMS: no fetch from an unknown host; an allow-listed one, capped."""
    with listening() as listener:
        signer = self_made_signer(listener.base_url)
        signature = sign_cms(
            b"application", signer.asn1_cert, signer.key, signing_time=datetime.now(UTC)
        )
        async with Verifier(policy) as verifier:
            result = await verifier.verify_cms(signature, b"application")
        assert result.code is Code.UNTRUSTED
        assert listener.paths == []

        allowed = msgspec.structs.replace(
            policy, fetch=FetchLimits(allowed_hosts=(listener.host,), max_urls=2)
        )
        async with Verifier(allowed) as verifier:
            result = await verifier.verify_cms(signature, b"application")
        assert result.code is Code.UNTRUSTED
        # four caIssuers URLs named, two fetched: the cap, not the document, decides
        assert sorted(listener.paths) == ["/aia/0.cer", "/aia/1.cer"]
