"""A green declaration released end-to-end: the API, the outbox, a real ``qaqpa worker``."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from registry.models import CustomsNotification, LedgerEntry
from tests.customs.release.conftest import EXAMPLE_DUE, declaration, funded_account
from tests.workers.polling import eventually
from tests.workers.worker_process import WorkerProcess
from tests.workflow.conftest import Flow
from tests.workflow.helpers import fetch_all, status_of, submit_document


async def test_a_green_declaration_is_released_by_a_real_worker(
    flow: Flow, worker_process: WorkerProcess
) -> None:
    partner, _, account = await funded_account(
        flow.client, flow.make_partner, Decimal("3000000.00")
    )
    worker_process.start()
    application_id = await submit_document(flow.client, partner, flow.pki, declaration(account))

    async def released() -> bool:
        return await status_of(flow.client, partner, application_id) == "release_permitted"

    try:
        await eventually(released, within=60)
    except TimeoutError:
        raise AssertionError("not released:\n" + worker_process.log_text()) from None

    async def delivered() -> list[CustomsNotification]:
        rows = await fetch_all(
            flow.sessions,
            select(CustomsNotification).where(
                CustomsNotification.application_id == application_id,
                CustomsNotification.delivered_at.is_not(None),
            ),
        )
        return rows if len(rows) == 2 else []

    notices = await eventually(delivered, within=30)  # the worker delivered both notices
    assert {notice.decision for notice in notices} == {"release_permitted"}
    amounts = await fetch_all(
        flow.sessions,
        select(LedgerEntry.amount).where(
            LedgerEntry.application_id == application_id, LedgerEntry.kind == "write_off"
        ),
    )
    assert amounts == [EXAMPLE_DUE]
    worker_process.stop()
