"""Personal accounts (лицевой счёт) of declarants: top-ups and write-offs, in the caller's
transaction.

The balance is kept by the database (migration 0012): a ledger row moves it through a trigger
and a CHECK refuses a negative balance, so no code path can overdraw an account. Here, a
write-off first locks the account row (``FOR UPDATE``): concurrent write-offs against one
account queue up, and a shortfall is reported as a value (:class:`Shortfall`) instead of a
failed transaction, so the caller can move the declaration to ``payment_required``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from decimal import Decimal

import msgspec
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from registry.errors import DomainError, Kind
from registry.models import CustomsAccount, LedgerEntry


class WrittenOff(msgspec.Struct, frozen=True, kw_only=True):
    entry_id: int | None  # None when nothing was owed
    amount: str
    balance_after: str


class Shortfall(msgspec.Struct, frozen=True, kw_only=True):
    """Not enough money: what is owed, what there is, and what is missing."""

    amount_due: str
    balance: str
    amount_owed: str


class TopUp(msgspec.Struct, frozen=True, kw_only=True):
    entry_id: int
    account_number: str
    amount: str
    balance_after: str
    payment_reference: str
    created: bool  # False: the reference was recorded before (an idempotent repeat)


class ReferenceConflictError(DomainError):
    """The payment reference was recorded with another account or amount."""

    code = "payment_reference_conflict"
    kind = Kind.CONFLICT


class ReferenceTakenError(DomainError):
    """The payment reference was recorded by another payer (another ``actor``)."""

    code = "payment_reference_taken"
    kind = Kind.CONFLICT


def partner_actor(partner_id: uuid.UUID) -> str:
    """The ledger's ``actor`` of a payments partner: whose top-up an entry is, so a reference
    is one payer's (a bank cannot replay another's) and a bank reads only its own entries."""
    return f"partner:{partner_id}"


async def open_account(session: AsyncSession, number: str) -> None:
    """Create the account ``number`` (BIN/IIN) with a zero balance unless it exists."""
    await session.execute(pg_insert(CustomsAccount).values(number=number).on_conflict_do_nothing())


async def locked_balance(session: AsyncSession, number: str) -> Decimal:
    """The account's balance, the row locked until the transaction ends (0 if no account)."""
    balance = await session.scalar(
        select(CustomsAccount.balance).where(CustomsAccount.number == number).with_for_update()
    )
    return Decimal(0) if balance is None else balance


async def balance_of(session: AsyncSession, number: str) -> Decimal | None:
    return await session.scalar(
        select(CustomsAccount.balance).where(CustomsAccount.number == number)
    )


async def write_off(
    session: AsyncSession,
    number: str,
    application_id: uuid.UUID,
    amount: Decimal,
    lines: Sequence[dict[str, object]],
    *,
    actor: str,
) -> WrittenOff | Shortfall:
    """Write ``amount`` off account ``number`` for the application, or say what is missing.

    An application is written off at most once (a unique index): a second call returns the
    first entry. Nothing is owed: nothing is written.
    """
    earlier = await session.scalar(
        select(LedgerEntry).where(
            LedgerEntry.application_id == application_id, LedgerEntry.kind == "write_off"
        )
    )
    if earlier is not None:
        return WrittenOff(
            entry_id=earlier.id,
            amount=str(earlier.amount),
            balance_after=str(earlier.balance_after),
        )
    balance = await locked_balance(session, number)
    if amount <= 0:
        return WrittenOff(entry_id=None, amount="0.00", balance_after=str(balance))
    if balance < amount:
        return Shortfall(
            amount_due=str(amount), balance=str(balance), amount_owed=str(amount - balance)
        )
    entry = await session.scalar(
        pg_insert(LedgerEntry)
        .values(
            account_number=number,
            kind="write_off",
            amount=amount,
            application_id=application_id,
            lines=list(lines),
            actor=actor,
        )
        .returning(LedgerEntry)
    )
    assert entry is not None
    return WrittenOff(
        entry_id=entry.id, amount=str(entry.amount), balance_after=str(entry.balance_after)
    )


async def top_up(
    session: AsyncSession, number: str, amount: Decimal, reference: str, *, actor: str
) -> TopUp:
    """Credit ``amount`` to account ``number`` (opened if new) once per payment ``reference``.

    Repeating a reference with the same account and amount returns the recorded entry
    (``created=False``); with another account or amount it raises
    :class:`ReferenceConflictError`. A reference belongs to the ``actor`` that recorded it: the
    same reference from another actor raises :class:`ReferenceTakenError` (checked first, so
    nothing about the other payer's transfer is told).
    """
    await open_account(session, number)
    entry = await session.scalar(
        pg_insert(LedgerEntry)
        .values(
            account_number=number,
            kind="top_up",
            amount=amount,
            payment_reference=reference,
            actor=actor,
        )
        .on_conflict_do_nothing(index_elements=["payment_reference"])
        .returning(LedgerEntry)
    )
    created = entry is not None
    if entry is None:
        entry = await session.scalar(
            select(LedgerEntry).where(LedgerEntry.payment_reference == reference)
        )
        assert entry is not None
        if entry.actor != actor:
            raise ReferenceTakenError(
                f"payment reference {reference!r} was recorded by another payment partner"
            )
        if entry.account_number != number or entry.amount != amount:
            raise ReferenceConflictError(
                f"payment reference {reference!r} was recorded for another account or amount"
            )
    return TopUp(
        entry_id=entry.id,
        account_number=number,
        amount=str(entry.amount),
        balance_after=str(entry.balance_after),
        payment_reference=reference,
        created=created,
    )
