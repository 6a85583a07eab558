"""The signing half of a chaos run: results a signer approves while the faults happen.

Before the send, ``CHAOS_SIGN`` S3 applications (a legal entity's special registration, as
``make soak`` drives them) are submitted and taken through the API by a head (assign) and an
executor (approve, submit) to the signer's step, each with its result awaiting signature.
During the send the signer approves them one at a time at even fractions of it, so the
approvals, and the worker's signing with the server-held test key (the default signing mode of
``make run``), meet every fault. An approval is retried as a submission is (a refused or
dropped connection, a timeout, a 5xx, honouring ``Retry-After``); a 4xx after a try whose
answer was lost is left for the checks: it counts as approved when the application has left
the signer's step (the lost try landed). The checks (scripts/chaos/checks.py) then want every
approved result signed once, with one PDF, one XML and one ``result_signed`` event, none
stuck in ``signing`` and no ``signing_failed``.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy import text

from bench.intake_payloads import BenchPki, signed_bodies
from registry.db import create_engine, session_factory
from scripts.chaos.client import REQUEST_TIMEOUT, SendReport, backoff, send_all
from scripts.officers import Officers
from testkit.pki.config import LEGAL_BIN

SERVICE = "pm-special-registration"
TASKS = "/v1/officer/tasks"
GIVE_UP_AFTER = 180.0  # seconds per approval, then it counts as not approved
READY_WITHIN = 300.0  # seconds for the applications to be registered before the send


@dataclass
class Approvals:
    """What the signer's client saw."""

    tasks: dict[str, int]  # application id -> the signer's task id
    approved: list[str] = field(default_factory=list)
    unclear: list[str] = field(default_factory=list)  # a 4xx after a lost try
    retries: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    final_errors: Counter[str] = field(default_factory=Counter)


async def _wait_for_status(database_url: str, ids: Sequence[str], status: str) -> None:
    engine = create_engine(database_url, pool_size=1)
    deadline = time.monotonic() + READY_WITHIN
    query = text("SELECT count(*) FROM applications WHERE id::text = ANY(:ids) AND status = :s")
    try:
        while time.monotonic() < deadline:
            async with session_factory(engine)() as session:
                found = (await session.execute(query, {"ids": list(ids), "s": status})).scalar()
            if found == len(ids):
                return
            await asyncio.sleep(0.5)
    finally:
        await engine.dispose()
    raise RuntimeError(f"signing half: not all {len(ids)} applications reached {status!r}")


async def _decide_all(
    client: httpx.AsyncClient, base: str, headers: dict[str, str], ids: Sequence[str],
    body: dict[str, Any],
) -> dict[str, int]:  # fmt: skip
    """Post ``body`` on the task of each application (no faults yet: every answer must be 200);
    the task ids, by application."""
    listing = await client.get(
        f"{base}{TASKS}", headers=headers, params={"service": SERVICE, "limit": 200}
    )
    listing.raise_for_status()
    tasks = {t["application_id"]: t["id"] for t in listing.json() if t["application_id"] in ids}
    if len(tasks) != len(ids):
        raise RuntimeError(f"signing half: {len(tasks)} tasks for {len(ids)} applications")
    if body:
        for task_id in tasks.values():
            response = await client.post(
                f"{base}{TASKS}/{task_id}/decisions", json=body, headers=headers
            )
            response.raise_for_status()
    return tasks


async def prepare(
    base: str, api_key: str, database_url: str, pki: BenchPki, officers: Officers, count: int
) -> tuple[SendReport, dict[str, int]]:
    """``count`` S3 applications at the signer's step; (their submissions, the signer's task
    of each)."""
    bodies = list(
        signed_bodies(
            pki, count, uuid.uuid4().hex[:8], service=SERVICE, label="legal-sign",
            applicant={"bin": LEGAL_BIN},
        )
    )  # fmt: skip
    report = await send_all(
        base, api_key, bodies, concurrency=4, tag="signing", on_progress=lambda _: None
    )
    ids = list(report.accepted.values())
    if len(ids) != count:
        raise RuntimeError(f"signing half: {len(ids)} of {count} submissions accepted")
    await _wait_for_status(database_url, ids, "assignment")
    executor = {"executor_id": str(officers.executor_id)}
    async with httpx.AsyncClient(timeout=REQUEST_TIMEOUT) as client:
        await _decide_all(client, base, officers.head, ids, {"action": "assign", "data": executor})
        await _decide_all(
            client, base, officers.executor, ids, {"action": "approve", "text": "Сай"}
        )
        await _decide_all(client, base, officers.executor, ids, {"action": "submit"})
        tasks = await _decide_all(client, base, officers.signer, ids, {})
    return report, tasks


async def _approve(
    client: httpx.AsyncClient, url: str, application_id: str, approvals: Approvals
) -> None:
    deadline = time.monotonic() + GIVE_UP_AFTER
    attempt, lost = 0, False
    while True:
        retry_after = None
        try:
            response = await client.post(url, json={"action": "approve"})
        except (httpx.TransportError, httpx.TimeoutException) as exc:
            reason = type(exc).__name__
        else:
            if response.status_code == 200:
                approvals.approved.append(application_id)
                return
            if response.status_code < 500:
                if lost:
                    approvals.unclear.append(application_id)
                else:
                    approvals.final_errors[str(response.status_code)] += 1
                return
            reason = str(response.status_code)
            retry_after = response.headers.get("retry-after")
        lost = True  # the try may have committed before its answer was lost
        if time.monotonic() > deadline:
            approvals.final_errors["gave_up"] += 1
            return
        approvals.retries += 1
        approvals.reasons[reason] += 1
        await asyncio.sleep(backoff(attempt, retry_after))
        attempt += 1


async def approve_during(
    base: str, signer: dict[str, str], approvals: Approvals, moments: Sequence[asyncio.Event]
) -> None:
    """Approve the i-th result once ``moments[i]`` is set; every approval settled at the end."""
    async with httpx.AsyncClient(headers=signer, timeout=REQUEST_TIMEOUT) as client:
        running = []
        for (application_id, task_id), moment in zip(approvals.tasks.items(), moments, strict=True):
            await moment.wait()
            url = f"{base}{TASKS}/{task_id}/decisions"
            running.append(asyncio.create_task(_approve(client, url, application_id, approvals)))
        await asyncio.gather(*running)


def figures(approvals: Approvals) -> dict[str, Any]:
    return {
        "approvals": len(approvals.tasks),
        "approved": len(approvals.approved),
        "approved_after_a_lost_answer": len(approvals.unclear),
        "approval_retries": approvals.retries,
        "approval_retry_reasons": dict(approvals.reasons),
        "approval_final_errors": dict(approvals.final_errors),
    }
