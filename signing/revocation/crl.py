"""CRLs: fetched from distribution points, shared through the cache, parsed once per process.

A CRL is stored until its nextUpdate (the CA promises nothing newer before then).  A CRL already
past nextUpdate is kept for a minute only, so a CA that publishes late is polled, not hammered;
certvalidator then reports it as stale, which is ``revocation_unknown`` in hard-fail mode.
The signature and issuer of the CRL are *not* judged here -- that needs the certificate path
and happens in :mod:`signing.revocation.checker` -- so nothing from this module is trusted
on its own.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from asn1crypto import crl

from signing.revocation.cache import RevocationCache
from signing.revocation.fetch import Fetcher, FetchError, NotCachedError

log = logging.getLogger(__name__)

STALE_RETRY = timedelta(minutes=1)


@dataclass(frozen=True)
class CrlEntry:
    url: str
    der: bytes
    parsed: crl.CertificateList
    this_update: datetime
    next_update: datetime | None
    expires_at: datetime


def parse_crl(der: bytes) -> crl.CertificateList:
    parsed = crl.CertificateList.load(der)
    tbs = parsed["tbs_cert_list"]
    _ = tbs["this_update"].native, tbs["next_update"].native, tbs["issuer"].native
    return parsed


def _entry(url: str, der: bytes, now: datetime) -> CrlEntry:
    parsed = parse_crl(der)
    tbs = parsed["tbs_cert_list"]
    this_update: datetime = tbs["this_update"].native
    next_update: datetime | None = tbs["next_update"].native
    expires = next_update if next_update is not None and next_update > now else now + STALE_RETRY
    return CrlEntry(url, der, parsed, this_update, next_update, expires)


class CrlStore:
    def __init__(self, cache: RevocationCache, fetcher: Fetcher | None) -> None:
        self._cache = cache
        self._fetcher = fetcher
        self._parsed: dict[str, CrlEntry] = {}

    async def get(self, url: str, now: datetime | None = None) -> CrlEntry:
        """The current CRL at ``url``; raises FetchError when none can be had."""
        now = now or datetime.now(UTC)
        entry = self._parsed.get(url)
        if entry is not None and entry.expires_at > now:
            return entry
        cached = await self._cache.get(f"crl:{url}")
        if cached is not None:
            try:
                entry = _entry(url, cached, now)
            except ValueError:
                entry = None
            if entry is not None and (entry.next_update is None or entry.next_update > now):
                self._parsed[url] = entry
                return entry
        return await self.fetch(url, now)

    async def fetch(self, url: str, now: datetime | None = None) -> CrlEntry:
        now = now or datetime.now(UTC)
        if self._fetcher is None:
            raise NotCachedError(url)
        der = await self._fetcher.get(url)
        try:
            entry = _entry(url, der, now)
        except ValueError as exc:
            raise FetchError(f"{url}: not a CRL ({exc})") from exc
        previous = self._parsed.get(url)
        if previous is not None and previous.this_update > entry.this_update:
            # Never step back to an older CRL (a lagging mirror or a replay).
            return previous
        self._parsed[url] = entry
        await self._cache.set(f"crl:{url}", der, entry.expires_at)
        await self._cache.remember_crl_url(url)
        return entry


@dataclass(frozen=True)
class RefreshReport:
    refreshed: list[str]
    failed: dict[str, str]


async def refresh_crls(
    cache: RevocationCache,
    fetcher: Fetcher,
    urls: list[str] | None = None,
    concurrency: int = 4,
) -> RefreshReport:
    """Re-download CRLs into the shared cache (the worker cron calls this).

    ``urls`` defaults to every CRL URL the gateways have used (``cache.crl_urls()``).
    Failures are reported, not raised: one dead distribution point must not stop the others.
    """
    store = CrlStore(cache, fetcher)
    targets = urls if urls is not None else await cache.crl_urls()
    semaphore = asyncio.Semaphore(concurrency)
    refreshed: list[str] = []
    failed: dict[str, str] = {}

    async def one(url: str) -> None:
        async with semaphore:
            try:
                await store.fetch(url)
                refreshed.append(url)
            except FetchError as exc:
                log.warning("CRL refresh failed for %s: %s", url, exc)
                failed[url] = str(exc)

    await asyncio.gather(*(one(url) for url in targets))
    return RefreshReport(sorted(refreshed), failed)
