"""A green declaration released end-to-end: the API, the outbox, a real ``qaqpa worker``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import CustomsNotification, LedgerEntry
from testkit.pki.server import BuiltPki
from tests.customs.release.conftest import EXAMPLE_DUE, declaration, funded_account
from tests.workers.polling import eventually
from tests.workers.worker_process import WorkerProcess
from tests.workflow.helpers import Client, fetch_all, status_of, submit_document


async def test_a_green_declaration_is_released_by_a_real_worker(
    client: Client,
    pki: BuiltPki,
    make_partner: Any,
    sessions: async_sessionmaker[AsyncSession],
    worker_process: WorkerProcess,
) -> None:
    partner, _, account = await funded_account(client, make_partner, Decimal("3000000.00"))
    worker_process.start()
    application_id = await submit_document(client, partner, pki, declaration(account))

    async def released() -> bool:
        return await status_of(client, partner, application_id) == "release_permitted"

    try:
        await eventually(released, within=60)
    except TimeoutError:
        raise AssertionError("not released:\n" + worker_process.log_text()) from None

    async def delivered() -> list[CustomsNotification]:
        rows = await fetch_all(
            sessions,
            select(CustomsNotification).where(
                CustomsNotification.application_id == application_id,
                CustomsNotification.delivered_at.is_not(None),
            ),
        )
        return rows if len(rows) == 2 else []

    notices = await eventually(delivered, within=30)  # the worker delivered both notices
    assert {notice.decision for notice in notices} == {"release_permitted"}
    amounts = await fetch_all(
        sessions,
        select(LedgerEntry.amount).where(
            LedgerEntry.application_id == application_id, LedgerEntry.kind == "write_off"
        ),
    )
    assert amounts == [EXAMPLE_DUE]
    worker_process.stop()
