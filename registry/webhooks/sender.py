"""One delivery attempt over HTTP: POST the body with the Standard Webhooks headers.

2xx is delivered; anything else (another status, a timeout, a refused connection, an address
production never calls, a redirect, which is not followed) is a failed attempt with a short
reason kept on the delivery (``http_500``, ``timeout``, ``connect``, ``address_refused``...).
"""

from __future__ import annotations

import time

import aiohttp
import msgspec

from registry.webhooks.secrets import signature_header
from registry.webhooks.targets import AddressRefusedError, delivery_url_refusal

USER_AGENT = "Qaqpa-Webhooks/1"


class Message(msgspec.Struct, frozen=True, kw_only=True):
    """What one attempt sends: the delivery's id, the URL, the body and the secrets."""

    delivery_id: str
    url: str
    body: bytes
    secrets: tuple[str, ...]

    def __repr__(self) -> str:  # never the secrets, whatever prints a message
        return f"Message(delivery_id={self.delivery_id!r}, secrets=<{len(self.secrets)} hidden>)"


class Outcome(msgspec.Struct, frozen=True, kw_only=True):
    delivery_id: str
    delivered: bool
    status_code: int | None = None
    error: str | None = None


def headers(message: Message, timestamp: int) -> dict[str, str]:
    return {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "webhook-id": message.delivery_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature_header(
            message.secrets, message.delivery_id, timestamp, message.body
        ),
    }


def _failed(message: Message, error: str, status_code: int | None = None) -> Outcome:
    return Outcome(
        delivery_id=message.delivery_id, delivered=False, status_code=status_code, error=error
    )


async def attempt(http: aiohttp.ClientSession, message: Message, *, production: bool) -> Outcome:
    """POST ``message`` once; never raises for what the receiver or the network did."""
    refusal = delivery_url_refusal(message.url, production=production)
    if refusal is not None:
        return _failed(message, refusal)
    try:
        async with http.post(
            message.url,
            data=message.body,
            headers=headers(message, int(time.time())),
            allow_redirects=False,
        ) as response:
            status = response.status
    except AddressRefusedError:
        return _failed(message, "address_refused")
    except TimeoutError:
        return _failed(message, "timeout")
    except aiohttp.ClientConnectorError as exc:
        if isinstance(exc.os_error, AddressRefusedError):
            return _failed(message, "address_refused")
        return _failed(message, "connect")
    except (aiohttp.ClientError, OSError) as exc:
        return _failed(message, type(exc).__name__[:64])
    if 200 <= status < 300:
        return Outcome(delivery_id=message.delivery_id, delivered=True, status_code=status)
    return _failed(message, f"http_{status}", status)
