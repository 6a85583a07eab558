"""Gathering the revocation data of one certificate, before anything is judged.

The data a signature carries (CRLs, OCSP responses) plus what the certificate points at: its
CRL distribution points (base and delta) and its AIA OCSP responder, through the caches of
:mod:`signing.revocation.crl` and :mod:`signing.revocation.ocsp`. Nothing gathered here is
trusted yet: :mod:`signing.revocation.checker` judges it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from asn1crypto import x509

from signing.revocation.crl import CrlStore
from signing.revocation.fetch import FetchError, NotCachedError
from signing.revocation.ocsp import OcspStore

T = TypeVar("T")


@dataclass
class Gathered:
    """What was found for one certificate, and what could not be had."""

    crls: list[bytes]
    ocsps: list[bytes]
    expiries: list[datetime] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    crl_this_update: datetime | None = None


def http_urls(urls: Sequence[str]) -> list[str]:
    return [u for u in urls if u.lower().startswith(("http://", "https://"))]


def distribution_point_urls(points: Sequence[x509.DistributionPoint]) -> list[str]:
    urls: list[str] = []
    for point in points:
        try:
            url = point.url
        except ValueError:
            continue
        if url:
            urls.append(url)
    return http_urls(urls)


class RevocationGatherer:
    def __init__(
        self, crls: CrlStore, ocsps: OcspStore, *, use_crl: bool = True, use_ocsp: bool = True
    ) -> None:
        self._crls = crls
        self._ocsps = ocsps
        self._use_crl = use_crl
        self._use_ocsp = use_ocsp

    async def gather(
        self,
        cert: x509.Certificate,
        issuer_public_key: object,
        fetch_time: datetime,
        supplied_crls: Sequence[bytes],
        supplied_ocsps: Sequence[bytes],
    ) -> Gathered:
        found = Gathered(list(supplied_crls), list(supplied_ocsps))
        if self._use_crl:
            await self._gather_crls(cert, fetch_time, found)
        ocsp_urls = http_urls(cert.ocsp_urls)
        if self._use_ocsp and ocsp_urls:
            await self._gather_ocsp(cert, issuer_public_key, ocsp_urls, fetch_time, found)
        return found

    async def _gather_crls(
        self, cert: x509.Certificate, fetch_time: datetime, found: Gathered
    ) -> None:
        """The certificate's CRLs (base and delta) into ``found``; a base one that cannot be
        had is a problem, a delta one is not."""
        for url in distribution_point_urls(cert.crl_distribution_points):
            entry = await _fetched("CRL", self._crls.get(url, fetch_time), found)
            if entry is not None:
                found.crls.append(entry.der)
                found.expiries.append(entry.expires_at)
                found.crl_this_update = found.crl_this_update or entry.this_update
        for url in distribution_point_urls(cert.delta_crl_distribution_points):
            try:
                entry = await self._crls.get(url, fetch_time)
            except FetchError:
                continue  # delta CRLs are an optimisation; the base CRL decides
            found.crls.append(entry.der)
            found.expiries.append(entry.expires_at)

    async def _gather_ocsp(
        self,
        cert: x509.Certificate,
        issuer_public_key: object,
        ocsp_urls: list[str],
        fetch_time: datetime,
        found: Gathered,
    ) -> None:
        """The certificate's OCSP answer into ``found``, or the problem getting it."""
        fetching = self._ocsps.get(cert, issuer_public_key, ocsp_urls, fetch_time)
        entry = await _fetched("OCSP", fetching, found)
        if entry is not None:
            found.ocsps.append(entry.der)
            found.expiries.append(entry.expires_at)


async def _fetched(what: str, fetching: Awaitable[T], found: Gathered) -> T | None:
    """What ``fetching`` gives; None when it cannot be had (a fetch failure is recorded in
    ``found`` as a problem, while data a cache-only look-up did not find is not one)."""
    try:
        return await fetching
    except NotCachedError:
        return None
    except FetchError as exc:
        found.problems.append(f"{what} {exc}")
        return None
