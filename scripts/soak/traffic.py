"""The soak run's traffic: each kind a loop of its own, paced, counting answers by status.

- intake: distinct signed S2 applications (``POST /v1/applications``);
- status reads of accepted applications (``GET /v1/applications/{id}``);
- event streams (``GET .../events`` as ``text/event-stream``), read until the server ends them;
- officer decisions and signing: an S3 application taken by a head, an executor and a signer
  through the API to ``signing``, then signed by the worker (its documents listed);
- public verification (``POST /v1/verify``) of the latest signed PDF.
Every answer is counted by kind and status; a status outside a kind's expected ones (or a
transport error) is an error.
"""

from __future__ import annotations

import asyncio
import base64
import json
import random
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx
from asn1crypto import x509

from bench.intake_payloads import BenchPki
from registry.domains import example_application
from scripts.officers import Officers
from testkit.pki.config import INDIVIDUAL_IIN, LEAF_KEYS, LEGAL_BIN
from testkit.pki.keys import load_private_key
from testkit.pki.sign import sign_cms

TASKS = "/v1/officer/tasks"
EXPECTED = {
    "intake": {202},
    "status": {200, 304},
    "sse": {200},
    "decision": {200},
    "flow_read": {200},
    "verify": {200},
}


@dataclass
class Traffic:
    """Shared state of the loops, and what they counted."""

    base: str
    api_key: str
    pki: BenchPki
    officers: Officers
    until: float
    answers: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    accepted: list[str] = field(default_factory=list)
    signed_pdf: bytes | None = None
    issued: int = 0
    serial: int = 0
    first: dict[str, float] = field(default_factory=dict)
    """When each kind first got an expected answer (``time.monotonic()``)."""

    @property
    def partner(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}

    def running(self) -> bool:
        return time.monotonic() < self.until

    def count(self, kind: str, response: httpx.Response) -> httpx.Response:
        self.answers[f"{kind} {response.status_code}"] += 1
        if response.status_code not in EXPECTED[kind]:
            self.errors[f"{kind} {response.status_code}"] += 1
        else:
            self.first.setdefault(kind, time.monotonic())
        return response

    def mix_exercised_at(self) -> float | None:
        """When every kind had answered as expected once (verification needs a signed
        result, so this is after a whole officer flow); None if some kind never did."""
        if set(self.first) != set(EXPECTED):
            return None
        return max(self.first.values())

    def signed_body(self, service: str, label: str, **applicant: str) -> bytes:
        """A distinct application of ``service`` signed (detached CMS) with ``label``'s key."""
        built = self.pki.built
        self.serial += 1
        document = example_application(service, **applicant)
        document["applicant"]["contacts"]["email"] = f"soak.{self.serial}@example.kz"
        data = json.dumps(document, ensure_ascii=False).encode()
        cert = x509.Certificate.load(built.cert_der(label))
        signature = sign_cms(
            data, cert, load_private_key(built.directory, LEAF_KEYS[label]), detached=True
        )
        return json.dumps(
            {
                "document": base64.b64encode(data).decode(),
                "signature": base64.b64encode(signature).decode(),
            }
        ).encode()


async def _guarded(traffic: Traffic, kind: str, pause: float, step: Any) -> None:
    """Run ``step()`` every ``pause`` seconds until the end; transport errors are errors."""
    while traffic.running():
        try:
            await step()
        except httpx.HTTPError as exc:
            traffic.errors[f"{kind} {type(exc).__name__}"] += 1
        await asyncio.sleep(pause)


async def _submit(client: httpx.AsyncClient, traffic: Traffic, body: bytes) -> str | None:
    response = traffic.count(
        "intake",
        await client.post(
            f"{traffic.base}/v1/applications",
            content=body,
            headers={
                **traffic.partner,
                "Idempotency-Key": str(uuid.uuid4()),
                "Content-Type": "application/json",
            },
        ),
    )
    return str(response.json()["id"]) if response.status_code == 202 else None


async def intake(client: httpx.AsyncClient, traffic: Traffic) -> None:
    async def step() -> None:
        body = await asyncio.to_thread(
            traffic.signed_body, "declarant-certificate", "individual-sign", iin=INDIVIDUAL_IIN
        )
        accepted = await _submit(client, traffic, body)
        if accepted is not None:
            traffic.accepted.append(accepted)
            del traffic.accepted[:-1000]  # reads pick among the latest

    await _guarded(traffic, "intake", 0.1, step)


async def status_reads(client: httpx.AsyncClient, traffic: Traffic) -> None:
    async def step() -> None:
        if traffic.accepted:
            application = random.choice(traffic.accepted)  # noqa: S311 - not security
            url = f"{traffic.base}/v1/applications/{application}"
            traffic.count("status", await client.get(url, headers=traffic.partner))

    await _guarded(traffic, "status", 0.02, step)


async def event_streams(client: httpx.AsyncClient, traffic: Traffic) -> None:
    async def step() -> None:
        if not traffic.accepted:
            return
        url = f"{traffic.base}/v1/applications/{traffic.accepted[-1]}/events"
        headers = {**traffic.partner, "Accept": "text/event-stream"}
        async with client.stream("GET", url, headers=headers, timeout=60) as response:
            traffic.count("sse", response)
            async for _ in response.aiter_bytes():
                pass  # until the server ends the stream (QAQPA_SSE_MAX_SECONDS)

    await _guarded(traffic, "sse", 0.5, step)


async def public_verify(client: httpx.AsyncClient, traffic: Traffic) -> None:
    async def step() -> None:
        if traffic.signed_pdf is not None:
            response = await client.post(
                f"{traffic.base}/v1/verify",
                content=traffic.signed_pdf,
                headers={"Content-Type": "application/pdf", "Accept": "application/json"},
            )
            traffic.count("verify", response)

    await _guarded(traffic, "verify", 1.0, step)


async def _wait_for(
    client: httpx.AsyncClient, traffic: Traffic, url: str, ready: Any, within: float = 120.0
) -> Any:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        response = traffic.count("flow_read", await client.get(url, headers=traffic.partner))
        if response.status_code == 200 and ready(response.json()):
            return response.json()
        await asyncio.sleep(0.5)
    traffic.errors["flow timeout"] += 1
    return None


async def _decide(
    client: httpx.AsyncClient,
    traffic: Traffic,
    headers: dict[str, str],
    application: str,
    action: str,
    **body: Any,
) -> bool:
    tasks = traffic.count(
        "decision",
        await client.get(f"{traffic.base}{TASKS}", headers=headers, params={"limit": 200}),
    )
    mine = [task for task in tasks.json() if task["application_id"] == application]
    if len(mine) != 1:
        traffic.errors[f"decision no task for {action}"] += 1
        return False
    response = await client.post(
        f"{traffic.base}{TASKS}/{mine[0]['id']}/decisions",
        json={"action": action, **body},
        headers=headers,
    )
    return traffic.count("decision", response).status_code == 200


async def officer_flow(client: httpx.AsyncClient, traffic: Traffic) -> None:
    """S3 from submission to its signed documents, one application after another."""
    officers = traffic.officers

    async def step() -> None:
        body = await asyncio.to_thread(
            traffic.signed_body, "pm-special-registration", "legal-sign", bin=LEGAL_BIN
        )
        application = await _submit(client, traffic, body)
        url = f"{traffic.base}/v1/applications/{application}"
        if application is None or not await _wait_for(
            client, traffic, url, lambda a: a["status"] == "assignment"
        ):
            return
        executor = {"executor_id": str(officers.executor_id)}
        ok = await _decide(client, traffic, officers.head, application, "assign", data=executor)
        ok = ok and await _decide(
            client, traffic, officers.executor, application, "approve", text="Сай"
        )
        ok = ok and await _decide(client, traffic, officers.executor, application, "submit")
        ok = ok and await _decide(client, traffic, officers.signer, application, "approve")
        listing = ok and await _wait_for(client, traffic, url + "/documents", bool)
        if not listing:
            return
        pdf = next(entry for entry in listing if entry["kind"] == "pdf")
        download = traffic.count(
            "flow_read",
            await client.get(f"{url}/documents/{pdf['id']}", headers=traffic.partner),
        )
        traffic.signed_pdf = download.content
        traffic.issued += 1

    await _guarded(traffic, "flow", 1.0, step)


async def run_traffic(traffic: Traffic) -> None:
    limits = httpx.Limits(max_connections=32)
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:
        await asyncio.gather(
            intake(client, traffic),
            status_reads(client, traffic),
            event_streams(client, traffic),
            public_verify(client, traffic),
            officer_flow(client, traffic),
        )
