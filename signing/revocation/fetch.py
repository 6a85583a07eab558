"""HTTP fetching for CRLs, OCSP and AIA certificates, and the rules on what may be fetched.

One ``aiohttp.ClientSession`` is shared (created lazily, or supplied by the application so it
can share its connector); each request has a total timeout; bodies above ``max_bytes`` are
refused; only http/https URLs are followed (NCA publishes plain http, which is fine because
every object fetched is signed and checked).  Concurrent GETs of the same URL share one
download so a cold cache under load costs one request, not hundreds.

Who chooses the URL matters.  A CRL or OCSP URL is only ever read from a certificate whose
path to our trust anchors has been validated up to it, so our CA wrote it.  A caIssuers URL
(AIA) is read from a certificate we could *not* place yet -- anyone can write it -- so such a
fetch is ``untrusted`` and goes only to a host named in our own anchors and intermediates or
on the operator's allow-list (:class:`FetchLimits`): otherwise an uploaded document could make
the gateway call any address (server-side request forgery).  On top of that every
verification runs under a :class:`FetchBudget` -- a number of URLs, a total time and a size
per response -- and the fetches of one :class:`Fetcher` share a semaphore, so neither a
stranger's document nor an applicant's signature can hold the process for long.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractAsyncContextManager, contextmanager
from contextvars import ContextVar
from urllib.parse import urlsplit

import aiohttp
import msgspec
from asn1crypto import x509

DEFAULT_PORTS = {"http": 80, "https": 443}
# One HTTP request, made on the fetcher's session once a concurrency slot is free.
_Request = Callable[[aiohttp.ClientSession], AbstractAsyncContextManager[aiohttp.ClientResponse]]


class FetchError(Exception):
    pass


class BudgetExhaustedError(FetchError):
    """This verification has fetched all it may; the URL itself may be fine."""


class NotCachedError(FetchError):
    """Offline and nothing cached: not a failure of the source, just no data."""


class FetchLimits(msgspec.Struct, frozen=True, kw_only=True):
    """What one verification may fetch (``QAQPA_FETCH_*`` settings)."""

    # host or host:port (without a port: the scheme's default port) an untrusted URL may name,
    # besides the hosts named in our own anchors and intermediates.
    allowed_hosts: tuple[str, ...] = ()
    # URLs fetched per verification (CRL, OCSP and AIA together).
    max_urls: int = 4
    # Largest certificate or OCSP answer; CRLs of our CAs keep the fetcher's own bound.
    max_bytes: int = 1024 * 1024
    # Wall time all fetches of one verification may take together, seconds.
    max_seconds: float = 10.0
    # Fetches in flight at once per fetcher (per process for the long-lived verifier).
    max_concurrent: int = 8


def host_key(url: str) -> str | None:
    """``host:port`` of an http(s) URL, lower case, default port filled in; None otherwise."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return f"{parts.hostname.lower()}:{port or DEFAULT_PORTS[parts.scheme]}"


def _entry_keys(entry: str) -> list[str]:
    """Keys an allow-list entry admits: ``host`` is ports 80 and 443, ``host:port`` that one."""
    probe = f"http://{entry.strip().lower()}/"
    key = host_key(probe) if entry.strip() else None
    if key is None:
        return []
    if urlsplit(probe).port is None:
        return [key, key.removesuffix(":80") + ":443"]
    return [key]


def allowed_hosts(limits: FetchLimits, trusted: Iterable[x509.Certificate] = ()) -> frozenset[str]:
    """The allow-list plus every host our own certificates name (CRL, OCSP, caIssuers)."""
    keys = {key for entry in limits.allowed_hosts for key in _entry_keys(entry)}
    for cert in trusted:
        for url in certificate_urls(cert):
            key = host_key(url)
            if key is not None:
                keys.add(key)
    return frozenset(keys)


def certificate_urls(cert: x509.Certificate) -> list[str]:
    """CRL distribution points, OCSP responders and caIssuers URLs a certificate names."""
    urls: list[str] = list(cert.ocsp_urls)
    for points in (cert.crl_distribution_points, cert.delta_crl_distribution_points):
        for point in points:
            try:
                if point.url:
                    urls.append(point.url)
            except ValueError:
                continue
    for access in cert.authority_information_access_value or []:
        location = access["access_location"]
        if location.name == "uniform_resource_identifier":
            urls.append(str(location.native))
    return urls


class FetchBudget:
    """URLs and time left to one verification; shared by the threads of one request."""

    def __init__(self, limits: FetchLimits) -> None:
        self.limits = limits
        self.used = 0
        self._deadline = time.monotonic() + limits.max_seconds
        self._lock = threading.Lock()

    def charge(self, url: str) -> float:
        """Count one fetch of ``url``; the seconds it may take, or FetchError when spent."""
        with self._lock:
            left = self._deadline - time.monotonic()
            if self.used >= self.limits.max_urls:
                raise BudgetExhaustedError(
                    f"{url}: not fetched, {self.limits.max_urls} URLs already"
                )
            if left <= 0:
                raise BudgetExhaustedError(f"{url}: not fetched, {self.limits.max_seconds} s spent")
            self.used += 1
            return left


_BUDGET: ContextVar[FetchBudget | None] = ContextVar("qaqpa_fetch_budget", default=None)


@contextmanager
def fetch_budget(limits: FetchLimits) -> Iterator[FetchBudget]:
    """Run a verification under a budget; inside an outer one, the outer one goes on."""
    current = _BUDGET.get()
    if current is not None:
        yield current
        return
    budget = FetchBudget(limits)
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)


def parse_rewrites(value: str) -> tuple[tuple[str, str], ...]:
    """``"http://a/=http://m/a/,http://b/=http://m/b/"`` -> pairs; ValueError when malformed."""
    pairs: list[tuple[str, str]] = []
    for raw in value.split(","):
        item = raw.strip()
        if not item:
            continue
        prefix, sep, replacement = item.partition("=")
        if not sep or not prefix.strip() or not replacement.strip():
            raise ValueError(f"URL rewrite {item!r} is not prefix=replacement")
        pairs.append((prefix.strip(), replacement.strip()))
    return tuple(pairs)


def rewrite_url(url: str, rules: Sequence[tuple[str, str]]) -> str:
    """The first rule whose prefix starts ``url`` (case-insensitive scheme and host) wins."""
    for prefix, replacement in rules:
        if url.lower().startswith(prefix.lower()):
            return replacement + url[len(prefix) :]
    return url


class Fetcher:
    def __init__(
        self,
        timeout: float,
        max_bytes: int,
        session: aiohttp.ClientSession | None = None,
        *,
        allowed: frozenset[str] = frozenset(),
        max_concurrent: int = 8,
        rewrites: Sequence[tuple[str, str]] = (),
    ) -> None:
        self._timeout = timeout
        self._max_bytes = max_bytes
        self._session = session
        self._owns_session = session is None
        self._allowed = allowed
        self._max_concurrent = max_concurrent
        self._semaphore: asyncio.Semaphore | None = None
        self._inflight: dict[str, asyncio.Future[bytes]] = {}
        # prefix -> mirror (signing.revocation.preloaded); applied after the checks.
        self._rewrites = tuple(rewrites)

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(headers={"User-Agent": "qaqpa-signing/1"})
            self._owns_session = True
        return self._session

    @staticmethod
    def _check_url(url: str) -> None:
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(f"unsupported URL scheme: {url}")

    def _check_host(self, url: str, untrusted: bool) -> None:
        self._check_url(url)
        if untrusted and host_key(url) not in self._allowed:
            raise FetchError(f"{url}: host not on the fetch allow-list")

    def _admit(self, url: str, untrusted: bool) -> tuple[float, int]:
        """(timeout, size limit) of one fetch; FetchError when it must not happen."""
        self._check_host(url, untrusted)
        timeout, max_bytes = self._timeout, self._max_bytes
        budget = _BUDGET.get()
        if budget is not None:
            timeout = min(timeout, budget.charge(url))
            if untrusted:
                max_bytes = min(max_bytes, budget.limits.max_bytes)
        return timeout, max_bytes

    async def _read(self, response: aiohttp.ClientResponse, url: str, max_bytes: int) -> bytes:
        if response.status != 200:
            raise FetchError(f"{url}: HTTP {response.status}")
        if response.content_length is not None and response.content_length > max_bytes:
            raise FetchError(f"{url}: response too large")
        body = bytearray()
        async for chunk in response.content.iter_chunked(65536):
            body.extend(chunk)
            if len(body) > max_bytes:
                raise FetchError(f"{url}: response too large")
        return bytes(body)

    def _limit(self) -> asyncio.Semaphore:
        if self._semaphore is None:
            self._semaphore = asyncio.Semaphore(self._max_concurrent)
        return self._semaphore

    async def _send(self, url: str, max_bytes: int, request: _Request) -> bytes:
        """Send ``request`` within the concurrency limit: the response body, or a FetchError
        saying why not (``url`` names the request in it)."""
        try:
            async with self._limit(), request(self._get_session()) as response:
                return await self._read(response, url, max_bytes)
        except FetchError:
            raise
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from exc

    async def _get(self, url: str, seconds: float, max_bytes: int) -> bytes:
        timeout = aiohttp.ClientTimeout(total=seconds)
        return await self._send(url, max_bytes, lambda http: http.get(url, timeout=timeout))

    async def get(self, url: str, *, untrusted: bool = False) -> bytes:
        """GET ``url``; ``untrusted`` when the URL comes from a certificate not yet placed."""
        pending = self._inflight.get(url)
        if pending is not None:
            self._check_host(url, untrusted)
            return await asyncio.shield(pending)
        timeout, max_bytes = self._admit(url, untrusted)
        target = rewrite_url(url, self._rewrites)
        task = asyncio.ensure_future(self._get(target, timeout, max_bytes))
        self._inflight[url] = task
        try:
            return await asyncio.shield(task)
        finally:
            if self._inflight.get(url) is task:
                del self._inflight[url]

    async def post(self, url: str, body: bytes, content_type: str) -> bytes:
        """POST (OCSP of a placed certificate, our TSA): answers are small, so the budget's
        size applies."""
        timeout, max_bytes = self._admit(url, untrusted=False)
        budget = _BUDGET.get()
        if budget is not None:
            max_bytes = min(max_bytes, budget.limits.max_bytes)
        return await self._send(
            url,
            max_bytes,
            lambda http: http.post(
                rewrite_url(url, self._rewrites),
                data=body,
                headers={"Content-Type": content_type},
                timeout=aiohttp.ClientTimeout(total=timeout),
            ),
        )

    async def aclose(self) -> None:
        if self._owns_session and self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None
