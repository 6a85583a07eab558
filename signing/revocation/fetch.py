"""HTTP fetching for CRLs, OCSP and AIA certificates.

One ``aiohttp.ClientSession`` is shared (created lazily, or supplied by the application so it
can share its connector); each request has a total timeout; bodies above ``max_bytes`` are
refused; only http/https URLs are followed (NCA publishes plain http, which is fine because
every object fetched is signed and checked).  Concurrent GETs of the same URL share one
download so a cold cache under load costs one request, not hundreds.
"""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit

import aiohttp


class FetchError(Exception):
    pass


class NotCachedError(FetchError):
    """Offline and nothing cached: not a failure of the source, just no data."""


class Fetcher:
    def __init__(
        self,
        timeout: float,
        max_bytes: int,
        session: aiohttp.ClientSession | None = None,
    ) -> None:
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._max_bytes = max_bytes
        self._session = session
        self._owns_session = session is None
        self._inflight: dict[str, asyncio.Future[bytes]] = {}

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(headers={"User-Agent": "qaqpa-signing/1"})
            self._owns_session = True
        return self._session

    @staticmethod
    def _check_url(url: str) -> None:
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(f"unsupported URL scheme: {url}")

    async def _read(self, response: aiohttp.ClientResponse, url: str) -> bytes:
        if response.status != 200:
            raise FetchError(f"{url}: HTTP {response.status}")
        if response.content_length is not None and response.content_length > self._max_bytes:
            raise FetchError(f"{url}: response too large")
        body = bytearray()
        async for chunk in response.content.iter_chunked(65536):
            body.extend(chunk)
            if len(body) > self._max_bytes:
                raise FetchError(f"{url}: response too large")
        return bytes(body)

    async def _get(self, url: str) -> bytes:
        try:
            async with self._get_session().get(url, timeout=self._timeout) as response:
                return await self._read(response, url)
        except FetchError:
            raise
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from exc

    async def get(self, url: str) -> bytes:
        self._check_url(url)
        pending = self._inflight.get(url)
        if pending is not None:
            return await asyncio.shield(pending)
        task = asyncio.ensure_future(self._get(url))
        self._inflight[url] = task
        try:
            return await asyncio.shield(task)
        finally:
            if self._inflight.get(url) is task:
                del self._inflight[url]

    async def post(self, url: str, body: bytes, content_type: str) -> bytes:
        self._check_url(url)
        try:
            async with self._get_session().post(
                url, data=body, headers={"Content-Type": content_type}, timeout=self._timeout
            ) as response:
                return await self._read(response, url)
        except FetchError:
            raise
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from exc

    async def aclose(self) -> None:
        if self._owns_session and self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None
