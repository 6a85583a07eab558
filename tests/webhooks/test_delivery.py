"""Webhooks end to end: a real worker delivers an application's events to a loopback receiver.

The receiver verifies each request with the ``standardwebhooks`` package, as a partner would.
The worker retries fast (a fraction of a second of back-off; the sweeper looks every 5 s), so
a receiver answering 500 for a while gets the same events later, in order.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from registry.models import OutboxMessage, WebhookDelivery
from registry.settings import Settings
from registry.webhooks.endpoints import checked_url
from registry.webhooks.errors import WebhookUrlRefusedError
from registry.webhooks.sender import Message, attempt
from registry.webhooks.targets import resolver_for
from testkit.pki.config import LEGAL_BIN
from testkit.pki.server import BuiltPki
from tests.conftest import PartnerKey
from tests.webhooks.receiver import Received, Receiver, receiving
from tests.workers.conftest import WorkerFactory, worker_factory  # noqa: F401 - the fixture
from tests.workers.polling import eventually
from tests.workflow.conftest import MakeOfficer, make_officer, statedb, submit  # noqa: F401
from tests.workflow.helpers import approve_and_sign, decide, task_of

Client = AsyncTestClient[Litestar]
# Registration looks the applicant up in the seeded state database.
pytestmark = pytest.mark.usefixtures("statedb")
QAQPA = str(Path(sys.executable).with_name("qaqpa"))
SERVICE = "pm-special-registration"
STATUSES = ["assignment", "review", "result_preparation", "signature", "signing"]
FAST_RETRIES = {
    "webhook_retry_base_seconds": 0.2,
    "webhook_retry_max_seconds": 0.5,
    "public_base_url": "https://qaqpa.example",
}


async def _register(client: Client, partner: PartnerKey, url: str) -> dict[str, Any]:
    answer = await client.post(
        "/v1/webhooks",
        json={"url": url, "events": ["application.status_changed"]},
        headers=partner.headers,
    )
    assert answer.status_code == 201, answer.text
    created: dict[str, Any] = answer.json()
    return created


async def _walk_to_signing(
    client: Client, officers: MakeOfficer, application_id: uuid.UUID
) -> None:
    """assignment -> review -> result_preparation -> signature -> signing, by officers."""
    head, executor, signer = (
        await officers("head"),
        await officers("executor"),
        await officers("signer"),
    )
    task = await task_of(client, head, application_id)
    moved = await decide(client, head, task["id"], "assign", data={"executor_id": str(executor.id)})
    assert moved.status_code == 200, moved.text
    review = await task_of(client, executor, application_id)
    await approve_and_sign(client, executor, signer, review, text="Талаптарға сай")


def _verified(secret: str, received: Received) -> dict[str, Any]:
    payload: dict[str, Any] = Webhook(secret).verify(received.body, received.headers)
    return payload


def _first_of_each_id(requests: list[Received]) -> list[Received]:
    seen: set[str] = set()
    unique = []
    for request in requests:
        if request.headers["webhook-id"] not in seen:
            seen.add(request.headers["webhook-id"])
            unique.append(request)
    return unique


async def _worker(factory: WorkerFactory, **overrides: object) -> None:
    worker = factory(job_timeout=10.0, **FAST_RETRIES, **overrides)
    await asyncio.to_thread(worker.start)


async def test_a_receiver_down_for_a_while_gets_every_status_change_in_order_signed(
    client: Client,
    pki: BuiltPki,
    make_partner: Any,
    make_officer: MakeOfficer,  # noqa: F811
    worker_factory: WorkerFactory,  # noqa: F811
) -> None:
    await _worker(worker_factory)
    partner: PartnerKey = await make_partner()
    async with receiving(Receiver(fail_first=3)) as receiver:
        created = await _register(client, partner, receiver.url)
        assert created["secret"].startswith("whsec_")
        listed = await client.get("/v1/webhooks", headers=partner.headers)
        assert [w["id"] for w in listed.json()] == [created["id"]]
        assert "secret" not in listed.json()[0]  # shown once

        application_id = await submit(client, partner, pki, SERVICE, bin=LEGAL_BIN)
        await eventually(_reached(client, partner, application_id, "assignment"), within=30)
        await _walk_to_signing(client, make_officer, application_id)

        async def all_accepted() -> bool:
            return len(_first_of_each_id(receiver.accepted)) >= len(STATUSES)

        await eventually(all_accepted, within=60)

    failed_ids = [r.headers["webhook-id"] for r in receiver.requests if r.answered == 500]
    accepted = _first_of_each_id(receiver.accepted)
    assert len(failed_ids) == 3
    # The events refused with 500 came again later, under the same webhook-id.
    assert set(failed_ids) <= {r.headers["webhook-id"] for r in accepted}
    payloads = [_verified(created["secret"], r) for r in accepted]
    assert [p["data"]["status"] for p in payloads] == STATUSES
    assert {p["type"] for p in payloads} == {"application.status_changed"}
    assert all(p["data"]["application_id"] == str(application_id) for p in payloads)
    assert payloads[0]["data"]["link"] == f"https://qaqpa.example/v1/applications/{application_id}"
    seqs = [p["data"]["event_seq"] for p in payloads]
    assert seqs == sorted(seqs)
    # No personal data: the applicant's BIN is nowhere in what the partner's endpoint got.
    assert all(LEGAL_BIN.encode() not in r.body for r in receiver.requests)
    with pytest.raises(WebhookVerificationError):
        _verified("whsec_" + "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=", accepted[0])


def _reached(
    client: Client, partner: PartnerKey, application_id: uuid.UUID, status: str
) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        answer = await client.get(f"/v1/applications/{application_id}", headers=partner.headers)
        return bool(answer.json().get("status") == status)

    return check


async def test_a_failed_delivery_is_listed_and_redelivered_signed_with_old_and_new_secret(
    client: Client,
    pki: BuiltPki,
    make_partner: Any,
    worker_factory: WorkerFactory,  # noqa: F811
) -> None:
    # No retry window: the first failed attempt fails the delivery for good.
    await _worker(worker_factory, webhook_retry_window_seconds=0.0)
    partner: PartnerKey = await make_partner()
    async with receiving(Receiver(failing=True)) as receiver:
        created = await _register(client, partner, receiver.url)
        hooks = f"/v1/webhooks/{created['id']}"
        application_id = await submit(client, partner, pki, SERVICE, bin=LEGAL_BIN)

        async def one_failed() -> bool:
            answer = await client.get(
                f"{hooks}/deliveries", params={"status": "failed"}, headers=partner.headers
            )
            return len(answer.json()) == 1

        await eventually(one_failed, within=60)
        [failed] = (
            await client.get(
                f"{hooks}/deliveries", params={"status": "failed"}, headers=partner.headers
            )
        ).json()
        assert failed["last_error"] == "http_500" and failed["last_status_code"] == 500
        assert failed["application_id"] == str(application_id)

        rotated = await client.post(f"{hooks}/rotate-secret", headers=partner.headers)
        assert rotated.status_code == 200 and rotated.json()["secret"] != created["secret"]
        assert rotated.json()["previous_secret_valid_until"] is not None
        receiver.failing = False
        redelivered = await client.post(
            f"{hooks}/deliveries/{failed['id']}/redeliver", headers=partner.headers
        )
        assert redelivered.status_code == 202, redelivered.text

        async def delivered() -> bool:
            return any(r.headers["webhook-id"] == failed["id"] for r in receiver.accepted)

        await eventually(delivered, within=30)

    [again] = [r for r in receiver.accepted if r.headers["webhook-id"] == failed["id"]]
    # During the grace period both the old and the new secret verify the delivery.
    assert _verified(created["secret"], again)["data"]["status"] == "assignment"
    assert _verified(rotated.json()["secret"], again)["data"]["status"] == "assignment"

    # The worker records the delivery after the receiver has answered: wait for the record.
    async def listed_delivered() -> bool:
        listed = await client.get(f"{hooks}/deliveries", headers=partner.headers)
        return [d["status"] for d in listed.json() if d["id"] == failed["id"]] == ["delivered"]

    await eventually(listed_delivered, within=30)
    other: PartnerKey = await make_partner()
    hidden = await client.get(hooks, headers=other.headers)
    assert hidden.status_code == 404 and hidden.json()["code"] == "webhook_not_found"
    deleted = await client.delete(hooks, headers=partner.headers)
    assert deleted.status_code == 204
    assert (await client.get(hooks, headers=partner.headers)).status_code == 404


async def test_events_and_deliveries_commit_with_the_change_that_caused_them(
    client: Client,
    pki: BuiltPki,
    make_partner: Any,
    sessions: async_sessionmaker[AsyncSession],
    worker_factory: WorkerFactory,  # noqa: F811
) -> None:
    # A receiver that does not exist: deliveries stay pending; each has its outbox row.
    await _worker(worker_factory)
    partner: PartnerKey = await make_partner()
    created = await _register(client, partner, "http://127.0.0.1:9/none")
    application_id = await submit(client, partner, pki, SERVICE, bin=LEGAL_BIN)
    await eventually(_reached(client, partner, application_id, "assignment"), within=30)
    async with sessions() as session:
        deliveries = (
            await session.scalars(
                select(WebhookDelivery).where(WebhookDelivery.application_id == application_id)
            )
        ).all()
        rows = (
            await session.scalars(
                select(OutboxMessage.payload).where(OutboxMessage.job == "deliver_webhooks")
            )
        ).all()
    assert [(d.type, d.data["status"]) for d in deliveries] == [
        ("application.status_changed", "assignment")
    ]
    assert {"endpoint_id": created["id"]} in rows
    assert "applicant" not in json.dumps(deliveries[0].data)
    # Deleted: later tests' workers do not keep retrying a receiver that never existed.
    deleted = await client.delete(f"/v1/webhooks/{created['id']}", headers=partner.headers)
    assert deleted.status_code == 204


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/hook",  # not https
        "https://10.1.2.3/hook",  # private
        "https://169.254.169.254/latest",  # link-local (cloud metadata)
        "https://localhost/hook",  # resolves to loopback
        "https://user:pw@example.org/hook",  # credentials in the URL
    ],
)
async def test_production_refuses_urls_to_private_addresses(settings: Settings, url: str) -> None:
    production = Settings(env="production")
    with pytest.raises(WebhookUrlRefusedError):
        await checked_url(url, production)
    assert await checked_url("http://127.0.0.1:8080/hook", settings)  # allowed in test


async def test_production_refuses_at_delivery_a_host_that_resolves_to_loopback() -> None:
    secret = "whsec_" + "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE="
    message = Message(
        delivery_id="d1", url="https://localhost:1/hook", body=b"{}", secrets=(secret,)
    )
    assert secret not in repr(message)  # whatever logs a message never shows its secrets
    connector = aiohttp.TCPConnector(resolver=resolver_for(production=True))
    async with aiohttp.ClientSession(connector=connector) as http:
        outcome = await attempt(http, message, production=True)
    assert (outcome.delivered, outcome.error) == (False, "address_refused")


async def test_unknown_event_types_and_http_to_other_hosts_are_refused(
    client: Client, make_partner: Any
) -> None:
    partner: PartnerKey = await make_partner()
    unknown = await client.post(
        "/v1/webhooks",
        json={"url": "https://partner.example/hook", "events": ["application.deleted"]},
        headers=partner.headers,
    )
    assert unknown.status_code == 422 and unknown.json()["code"] == "webhook_event_unknown"
    plain = await client.post(
        "/v1/webhooks",
        json={"url": "http://partner.example/hook", "events": ["application.status_changed"]},
        headers=partner.headers,
    )
    assert plain.status_code == 422 and plain.json()["code"] == "webhook_url_refused"


def _qaqpa(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QAQPA_DATABASE_URL": settings.database_url, "QAQPA_ENV": "test"}
    return subprocess.run(
        [QAQPA, *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )


async def test_the_operators_stage_monitoring_gets_every_stage_change_with_its_step(
    client: Client,
    pki: BuiltPki,
    make_partner: Any,
    settings: Settings,
    worker_factory: WorkerFactory,  # noqa: F811
) -> None:
    await _worker(worker_factory)
    partner: PartnerKey = await make_partner()  # has no webhook of its own
    async with receiving(Receiver()) as receiver:
        created = _qaqpa(settings, "webhooks", "subscribe-all", receiver.url)
        assert created.returncode == 0, created.stderr
        subscription = json.loads(created.stdout)
        try:
            application_id = await submit(client, partner, pki, SERVICE, bin=LEGAL_BIN)

            async def reported() -> list[dict[str, Any]]:
                mine = [_verified(subscription["secret"], r) for r in receiver.accepted]
                return [p for p in mine if p["data"]["application_id"] == str(application_id)]

            [stage] = await eventually(reported, within=60)
        finally:
            ended = _qaqpa(settings, "webhooks", "unsubscribe", subscription["id"])
    assert ended.returncode == 0, ended.stderr
    assert stage["type"] == "application.status_changed"
    data = stage["data"]
    assert (data["status"], data["step"], data["previous_status"]) == (
        "assignment", "assignment", "received",
    )  # fmt: skip
    assert data["due_at"] is not None and data["on_time"] is True
    assert LEGAL_BIN not in json.dumps(stage)
    again = _qaqpa(settings, "webhooks", "unsubscribe", subscription["id"])
    assert again.returncode == 1
