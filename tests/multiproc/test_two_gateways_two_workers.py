"""Two gateway processes and two worker processes over one PostgreSQL and one Redis.

Submissions spread over both gateways are each registered exactly once; the partner's rate
limit holds across both gateways (each gateway alone would let all requests through); each
cron tick runs in one worker only; and the gateways' metrics, one endpoint per process, add up
to every submission. ``QAQPA_MULTIPROC_SUBMISSIONS`` (default 500) sets how many.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.domains import example_application
from registry.models import Application, JournalEntry, WorkflowStep
from registry.settings import Settings
from testkit.pki.config import LEGAL_BIN
from testkit.pki.server import BuiltPki
from tests.applications.signed import detached
from tests.conftest import PartnerKey
from tests.workers.conftest import WorkerFactory, worker_factory  # noqa: F401 - the fixture
from tests.workers.polling import eventually
from tests.workers.worker_process import settings_env
from tests.workflow.conftest import statedb  # noqa: F401 - the fixture

QAQPA = str(Path(sys.executable).with_name("qaqpa"))
SUBMISSIONS = int(os.environ.get("QAQPA_MULTIPROC_SUBMISSIONS", "500"))
RATE_LIMIT = SUBMISSIONS + 20  # per partner per minute, for every gateway together
CONCURRENCY = 16
SERVICE = "pm-special-registration"
ACCEPTED_POSTS = re.compile(
    r'^qaqpa_requests_total\{[^}]*method="POST"[^}]*path="/v1/applications"[^}]*'
    r'status_code="202"[^}]*\} (\S+)$',
    re.MULTILINE,
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@contextmanager
def _gateway(settings: Settings, log: Path) -> Iterator[str]:
    port = _free_port()
    env = settings_env(
        settings, port=port, host="127.0.0.1", http_workers=1, rate_limit=f"{RATE_LIMIT}/minute"
    )
    with log.open("wb") as out:
        process = subprocess.Popen([QAQPA, "run"], env=env, stdout=out, stderr=out)
    base = f"http://127.0.0.1:{port}"
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


async def _ready(base: str) -> None:
    async def up() -> bool:
        try:
            async with httpx.AsyncClient() as http:
                return (await http.get(f"{base}/health/ready")).status_code == 200
        except httpx.HTTPError:
            return False

    await eventually(up, within=90, interval=0.5)


async def _submit_all(bases: list[str], partner: PartnerKey, body: dict[str, Any]) -> list[Any]:
    limit = asyncio.Semaphore(CONCURRENCY)
    async with httpx.AsyncClient(timeout=60) as http:

        async def one(index: int) -> Any:
            async with limit:
                answer = await http.post(
                    f"{bases[index % 2]}/v1/applications",
                    json=body,
                    headers={**partner.headers, "Idempotency-Key": f"multi-{index}"},
                )
            assert answer.status_code == 202, (index, answer.status_code, answer.text)
            return answer.json()["id"]

        return list(await asyncio.gather(*(one(i) for i in range(SUBMISSIONS))))


async def _registered(sessions: async_sessionmaker[AsyncSession], partner: PartnerKey) -> int:
    async with sessions() as session:
        waiting = await session.scalar(
            select(func.count())
            .select_from(Application)
            .where(Application.partner_id == partner.id, Application.status == "received")
        )
    return SUBMISSIONS - int(waiting or 0)


async def _metric_sum(bases: list[str]) -> float:
    total = 0.0
    async with httpx.AsyncClient() as http:
        for base in bases:
            text = (await http.get(f"{base}/metrics")).text
            total += sum(float(value) for value in ACCEPTED_POSTS.findall(text))
    return total


CRON_START = re.compile(r"^\s*([\d.]+)s \u2192 cron:sweep_webhooks\(\)")
SWEEP_SECONDS = 5
STARTUP_SECONDS = 3.0


def _at(event: dict[str, object]) -> float:
    return datetime.fromisoformat(str(event["timestamp"])).timestamp()


def _sweep_ticks(events: list[dict[str, object]]) -> list[int]:
    """The 5-second ticks whose sweep started in this worker (arq logs "<delay>s → job()",
    the delay since it was enqueued, at the tick). Starts in the worker's first seconds are
    left out: among them is its run at start-up (``run_at_startup``), which is no tick."""
    began = min(_at(e) for e in events if str(e.get("event", "")).startswith("Starting worker"))
    ticks = []
    for event in events:
        started = CRON_START.match(str(event.get("event", "")))
        if started and _at(event) - began > STARTUP_SECONDS:
            ticks.append(round((_at(event) - float(started[1])) / SWEEP_SECONDS))
    return ticks


@pytest.mark.usefixtures("statedb")  # seeded: registration looks the applicant up
async def test_two_gateways_and_two_workers_share_the_work_exactly_once(
    settings: Settings,
    pki: BuiltPki,
    make_partner: Any,
    sessions: async_sessionmaker[AsyncSession],
    worker_factory: WorkerFactory,  # noqa: F811
    tmp_path: Path,
) -> None:
    workers = [worker_factory(job_timeout=10.0, name=f"w{i}") for i in range(2)]
    await asyncio.gather(*(asyncio.to_thread(w.start) for w in workers))
    partner: PartnerKey = await make_partner()
    other: PartnerKey = await make_partner()
    document = example_application(SERVICE, bin=LEGAL_BIN)
    body = detached(pki, "legal-sign", json.dumps(document, ensure_ascii=False).encode())
    with ExitStack() as stack:
        bases = [stack.enter_context(_gateway(settings, tmp_path / f"g{i}.log")) for i in (1, 2)]
        await asyncio.gather(*(_ready(base) for base in bases))

        ids = await _submit_all(bases, partner, body)
        assert len(set(ids)) == SUBMISSIONS  # each submission its own application

        # The rate limit counts in Redis: both gateways together let through at most the limit.
        async with httpx.AsyncClient(timeout=60) as http:
            codes = [
                (
                    await http.get(
                        f"{bases[i % 2]}/v1/applications",
                        params={"limit": 1},
                        headers=other.headers,
                    )
                ).status_code
                for i in range(RATE_LIMIT + 10)
            ]
        assert codes.count(200) <= RATE_LIMIT and codes.count(429) >= 10

        assert await _metric_sum(bases) == SUBMISSIONS

    async def all_registered() -> bool:
        return await _registered(sessions, partner) == SUBMISSIONS

    try:
        await eventually(all_registered, within=600, interval=1.0)
        await _assert_registered_once(sessions, ids)
    finally:
        await _close_open_steps(sessions, partner)

    ticks = [tick for worker in workers for tick in _sweep_ticks(worker.log_events())]
    assert ticks, "no cron tick ran"
    assert len(ticks) == len(set(ticks))  # each tick ran in one worker only


async def _close_open_steps(
    sessions: async_sessionmaker[AsyncSession], partner: PartnerKey
) -> None:
    """Cancel the steps this test's applications left open: the database is shared, and
    several hundred S3 tasks would crowd every later test's worklist (and deadline sweep)."""
    async with sessions() as session, session.begin():
        await session.execute(
            update(WorkflowStep)
            .where(
                WorkflowStep.state == "open",
                WorkflowStep.application_id.in_(
                    select(Application.id).where(Application.partner_id == partner.id)
                ),
            )
            .values(state="cancelled")
        )


async def _assert_registered_once(
    sessions: async_sessionmaker[AsyncSession], ids: list[str]
) -> None:
    async with sessions() as session:
        entries = await session.scalar(
            select(func.count(func.distinct(JournalEntry.application_id))).where(
                JournalEntry.application_id.in_([uuid.UUID(i) for i in ids])
            )
        )
        all_entries = await session.scalar(
            select(func.count()).where(JournalEntry.application_id.in_([uuid.UUID(i) for i in ids]))
        )
    assert entries == all_entries == SUBMISSIONS  # one incoming number each: registered once
