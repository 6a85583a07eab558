"""Which webhook URLs the service may call, checked at registration and again at each delivery.

Outside production: ``https://`` anywhere, or ``http://`` to the loopback host (a receiver on
the developer's machine or in a test). In production: ``https://`` only, and every address the
host resolves to must be a public one (not private, loopback, link-local, shared, reserved or
multicast): a partner must not make the service call into its own network. At delivery the
check runs inside the HTTP client's DNS resolver (:class:`PublicOnlyResolver`), so the
connection uses exactly the addresses that passed: a host that re-resolves to a private address
between registration and delivery (DNS rebinding) is refused then.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from typing import Any
from urllib.parse import urlsplit

from aiohttp.abc import ResolveResult
from aiohttp.resolver import ThreadedResolver

from registry.webhooks.errors import WebhookUrlRefusedError

MAX_URL_LENGTH = 2048
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


class AddressRefusedError(OSError):
    """A webhook host resolved to an address production never calls."""


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _ip_literal(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        return None


def check_url(url: str, *, production: bool) -> str:
    """``url`` if its form may be called (scheme, host, no credentials), else refused."""
    if len(url) > MAX_URL_LENGTH:
        raise WebhookUrlRefusedError(f"the URL is longer than {MAX_URL_LENGTH} characters")
    parts = urlsplit(url)
    host = parts.hostname or ""
    if not host or parts.username or parts.password:
        raise WebhookUrlRefusedError("the URL needs a host and no user name or password")
    if parts.scheme == "https" or (
        parts.scheme == "http" and not production and host in LOOPBACK_HOSTS
    ):
        pass
    else:
        allowed = "https://" if production else "https:// or http://127.0.0.1"
        raise WebhookUrlRefusedError(f"only {allowed} URLs may receive webhooks")
    literal = _ip_literal(host)
    if production and literal is not None and not is_public(literal):
        raise WebhookUrlRefusedError("the URL's address is not a public one")
    return url


async def check_resolves_public(url: str) -> None:
    """Production's registration check: every address of the URL's host is public."""
    host = urlsplit(url).hostname or ""
    port = urlsplit(url).port or 443
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise WebhookUrlRefusedError("the URL's host does not resolve") from exc
    if not infos or not all(is_public(str(info[4][0])) for info in infos):
        raise WebhookUrlRefusedError("the URL's host resolves to an address that is not public")


class PublicOnlyResolver(ThreadedResolver):
    """aiohttp's threaded resolver that refuses hosts resolving to any non-public address."""

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await super().resolve(host, port, family)
        if not results or not all(is_public(str(result["host"])) for result in results):
            raise AddressRefusedError(f"{host} resolves to an address that is not public")
        return results


def delivery_url_refusal(url: str, *, production: bool) -> str | None:
    """Why ``url`` may not be called now (its form or an IP literal), or None."""
    try:
        check_url(url, production=production)
    except WebhookUrlRefusedError:
        return "url_refused"
    return None


def resolver_for(production: bool) -> Any:
    """The resolver deliveries use: public addresses only in production."""
    return PublicOnlyResolver() if production else ThreadedResolver()
