"""The chaos run's clients: each submission sent until answered, under one Idempotency-Key.

A client retries on what a partner cannot tell from a lost request (a refused or dropped
connection, a timeout, any 5xx), honouring ``Retry-After`` when the gateway sent one, with the
same key and body: the gateway must then store each submission once. 4xx answers are final
(the run reports them; with valid signed bodies there should be none).
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import httpx

REQUEST_TIMEOUT = 10.0
GIVE_UP_AFTER = 180.0  # seconds per submission, then it counts as not accepted
FIRST_BACKOFF = 0.2
MAX_BACKOFF = 3.0


@dataclass
class SendReport:
    """What the clients saw: accepted application ids, retries, and the other answers."""

    accepted: dict[str, str] = field(default_factory=dict)  # idempotency key -> application id
    retried_submissions: int = 0
    retries: int = 0
    reasons: Counter[str] = field(default_factory=Counter)  # why a try was repeated
    final_errors: Counter[str] = field(default_factory=Counter)  # 4xx or gave up
    sent: int = 0


def backoff(attempt: int, retry_after: str | None) -> float:
    if retry_after is not None and retry_after.isdigit():
        return min(float(retry_after), MAX_BACKOFF)
    return float(min(FIRST_BACKOFF * 2**attempt, MAX_BACKOFF))


async def _submit(
    client: httpx.AsyncClient, url: str, key: str, body: bytes, report: SendReport
) -> None:
    headers = {"Idempotency-Key": key, "Content-Type": "application/json"}
    deadline = time.monotonic() + GIVE_UP_AFTER
    attempt = 0
    while True:
        retry_after = None
        try:
            response = await client.post(url, content=body, headers=headers)
        except (httpx.TransportError, httpx.TimeoutException) as exc:
            reason = type(exc).__name__
        else:
            if response.status_code == 202:
                report.accepted[key] = response.json()["id"]
                break
            if response.status_code < 500:
                report.final_errors[f"{response.status_code}"] += 1
                break
            reason = f"{response.status_code}"
            retry_after = response.headers.get("retry-after")
        if time.monotonic() > deadline:
            report.final_errors["gave_up"] += 1
            break
        report.retries += 1
        report.reasons[reason] += 1
        await asyncio.sleep(backoff(attempt, retry_after))
        attempt += 1
    if attempt:
        report.retried_submissions += 1
    report.sent += 1


async def send_all(
    base: str,
    api_key: str,
    bodies: Sequence[bytes],
    *,
    concurrency: int,
    tag: str,
    on_progress: Callable[[int], None],
) -> SendReport:
    """POST every body at ``concurrency``; ``on_progress(sent)`` after each one is settled."""
    report = SendReport()
    queue: asyncio.Queue[int] = asyncio.Queue()
    for index in range(len(bodies)):
        queue.put_nowait(index)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(
        headers={"Authorization": f"Bearer {api_key}"},
        timeout=REQUEST_TIMEOUT,
        limits=limits,
    ) as client:

        async def sender() -> None:
            while not queue.empty():
                index = queue.get_nowait()
                await _submit(
                    client, f"{base}/v1/applications", f"chaos-{tag}-{index}", bodies[index], report
                )
                on_progress(report.sent)

        await asyncio.gather(*(sender() for _ in range(concurrency)))
    return report
