"""A green declaration released end-to-end: the API, the outbox, a real ``qaqpa worker``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import CustomsNotification, LedgerEntry
from signing.testpki.server import BuiltPki
from tests.customs.release.conftest import (
    EXAMPLE_DUE,
    Client,
    declaration,
    new_bin,
    submit_declaration,
    top_up,
)
from tests.workers.polling import eventually
from tests.workers.worker_process import WorkerProcess


async def test_a_green_declaration_is_released_by_a_real_worker(
    client: Client,
    pki: BuiltPki,
    make_partner: Any,
    sessions: async_sessionmaker[AsyncSession],
    worker_process: WorkerProcess,
) -> None:
    partner = await make_partner()
    payments = await make_partner("Bank", scopes=("payments",))
    account = new_bin()
    assert (await top_up(client, payments, account, Decimal("3000000.00"))).status_code == 201
    worker_process.start()
    application_id = await submit_declaration(client, partner, pki, declaration(account))

    async def released() -> bool:
        response = await client.get(f"/v1/applications/{application_id}", headers=partner.headers)
        return bool(response.json()["status"] == "release_permitted")

    try:
        await eventually(released, within=60)
    except TimeoutError:
        raise AssertionError("not released:\n" + worker_process.log_text()) from None

    async def delivered() -> list[CustomsNotification]:
        async with sessions() as session:
            rows = (
                await session.scalars(
                    select(CustomsNotification).where(
                        CustomsNotification.application_id == application_id,
                        CustomsNotification.delivered_at.is_not(None),
                    )
                )
            ).all()
        return list(rows) if len(rows) == 2 else []

    notices = await eventually(delivered, within=30)  # the worker delivered both notices
    assert {notice.decision for notice in notices} == {"release_permitted"}
    async with sessions() as session:
        amounts = (
            await session.scalars(
                select(LedgerEntry.amount).where(
                    LedgerEntry.application_id == application_id,
                    LedgerEntry.kind == "write_off",
                )
            )
        ).all()
    assert amounts == [EXAMPLE_DUE]
    worker_process.stop()
