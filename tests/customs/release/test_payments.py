"""S1 payments: payment_required then top-up then release, concurrency, the database's guard."""

from __future__ import annotations

import asyncio
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.customs_release.ledger import top_up as ledger_top_up
from registry.models import CustomsAccount, CustomsNotification, Event, LedgerEntry, OutboxMessage
from registry.resources import Resources
from tests.customs.release.conftest import (
    EXAMPLE_DUE,
    MakeDeclaration,
    declaration,
    funded_account,
    new_bin,
    top_up,
)
from tests.workflow.conftest import Flow, register_now
from tests.workflow.helpers import Client, status_of, submit_document
from workers.jobs.customs import deliver_customs_notifications, release_paid_declarations


async def test_payment_required_then_a_top_up_releases_the_declaration(
    client: Client,
    sessions: async_sessionmaker[AsyncSession],
    make_declaration: MakeDeclaration,
    resources: Resources,
) -> None:
    part = Decimal("1000000.00")
    partner, payments, account, application_id = await make_declaration(funds=part)

    assert await status_of(client, partner, application_id) == "payment_required"
    async with sessions() as session:
        event = await session.scalar(
            select(Event).where(Event.application_id == application_id,
                                Event.data["to"].astext == "payment_required")
        )  # fmt: skip
        assert event is not None
        assert Decimal(event.data["amount_due"]) == EXAMPLE_DUE
        assert Decimal(event.data["amount_owed"]) == EXAMPLE_DUE - part
        notice = await session.scalar(
            select(CustomsNotification).where(
                CustomsNotification.application_id == application_id,
                CustomsNotification.decision == "payment_required",
                CustomsNotification.recipient == account,
            )
        )
        assert notice is not None and Decimal(notice.data["amount_owed"]) == EXAMPLE_DUE - part

    # A payment reference counts once; a different amount under it is a conflict.
    reference = f"KASPI-{uuid.uuid4().hex[:12]}"
    rest = EXAMPLE_DUE - part
    first = await top_up(client, payments, account, rest, reference)
    assert first.status_code == 201, first.text
    assert first.json()["awaiting_release"] == [str(application_id)]
    repeat = await top_up(client, payments, account, rest, reference)
    assert repeat.status_code == 200 and repeat.json()["created"] is False
    assert repeat.json()["entry_id"] == first.json()["entry_id"]
    conflict = await top_up(client, payments, account, rest + 1, reference)
    assert conflict.status_code == 409 and conflict.json()["code"] == "payment_reference_conflict"
    no_scope = await top_up(client, partner, account, rest)
    assert no_scope.status_code == 403
    async with sessions() as session:
        jobs = await session.scalar(
            select(func.count()).select_from(OutboxMessage).where(
                OutboxMessage.job == "release_paid_declarations",
                OutboxMessage.payload["account_number"].astext == account)
        )  # fmt: skip
        assert jobs == 1  # the repeat did not ask again

    ctx = {"resources": resources}
    assert await release_paid_declarations(ctx, account) == [str(application_id)]
    assert await release_paid_declarations(ctx, account) == []  # idempotent
    assert await status_of(client, partner, application_id) == "release_permitted"
    async with sessions() as session:
        balance = await session.scalar(
            select(CustomsAccount.balance).where(CustomsAccount.number == account)
        )
        assert balance == Decimal("0.00")
        written = (
            await session.scalars(
                select(LedgerEntry.amount).where(LedgerEntry.application_id == application_id)
            )
        ).all()
        assert written == [EXAMPLE_DUE]
    delivered = await deliver_customs_notifications(ctx, str(application_id), "release_permitted")
    assert delivered == 2
    assert await deliver_customs_notifications(ctx, str(application_id), "release_permitted") == 0


async def test_concurrent_declarations_never_overdraw_one_account(flow: Flow) -> None:
    funded = EXAMPLE_DUE * 3 + Decimal("1000.00")  # enough for 3 of the 8
    partner, _, account = await funded_account(flow.client, flow.make_partner, funded)
    ids = [
        await submit_document(flow.client, partner, flow.pki, declaration(account))
        for _ in range(8)
    ]

    statuses = await asyncio.gather(*(register_now(flow.sessions, flow.statedb, i) for i in ids))
    assert statuses == ["registered"] * 8
    finals = [await status_of(flow.client, partner, i) for i in ids]
    assert finals.count("release_permitted") == 3
    assert finals.count("payment_required") == 5
    async with flow.sessions() as session:
        entries = (
            await session.scalars(select(LedgerEntry).where(LedgerEntry.account_number == account))
        ).all()
        write_offs = sum((e.amount for e in entries if e.kind == "write_off"), Decimal(0))
        top_ups = sum((e.amount for e in entries if e.kind == "top_up"), Decimal(0))
        assert write_offs <= top_ups
        assert write_offs == EXAMPLE_DUE * 3
        balance = await session.scalar(
            select(CustomsAccount.balance).where(CustomsAccount.number == account)
        )
        assert balance == top_ups - write_offs == Decimal("1000.00")
        assert all(entry.balance_after >= 0 for entry in entries)


async def test_the_database_refuses_an_overdraft_and_rewriting_the_ledger(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    account = new_bin()
    async with sessions() as session, session.begin():
        await ledger_top_up(session, account, Decimal("100.00"), f"R-{uuid.uuid4()}", actor="t")
    async with sessions() as session, session.begin():
        application_id = await session.scalar(
            text(
                "SELECT id FROM applications WHERE id NOT IN (SELECT application_id FROM "
                "customs_ledger WHERE kind = 'write_off') LIMIT 1"
            )
        )
    assert application_id is not None

    # An overdraft fails in the database whatever the code checked (CHECK balance >= 0).
    with pytest.raises(IntegrityError, match="balance_not_negative"):
        async with sessions() as session, session.begin():
            await session.execute(
                insert(LedgerEntry).values(
                    account_number=account, kind="write_off", amount=Decimal("100.01"),
                    application_id=application_id, actor="t",
                )
            )  # fmt: skip
    for statement in (
        "UPDATE customs_ledger SET amount = 1 WHERE account_number = :a",
        "DELETE FROM customs_ledger WHERE account_number = :a",
        "UPDATE customs_accounts SET balance = 1000000 WHERE number = :a",
        "DELETE FROM customs_accounts WHERE number = :a",
    ):
        with pytest.raises(DBAPIError, match=r"append-only|only through the ledger|not deleted"):
            async with sessions() as session, session.begin():
                await session.execute(text(statement), {"a": account})
    async with sessions() as session:
        balance = await session.scalar(
            select(CustomsAccount.balance).where(CustomsAccount.number == account)
        )
        assert balance == Decimal("100.00")
