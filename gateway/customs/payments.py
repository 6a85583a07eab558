"""``/v1/customs/accounts``: declarants' personal accounts, topped up by the payment system.

Who may call it: a partner with the ``payments`` scope (the bank or payment gateway that
receives the declarant's transfer), never the declarant's portal. A top-up is idempotent by
its ``payment_reference`` (the bank's unique transfer id): the same reference again from the
same partner returns the recorded entry (200) instead of crediting twice; with another account
or amount it is a 409 ``payment_reference_conflict``, and from another partner a 409
``payment_reference_taken`` (a bank cannot replay, or learn about, another bank's transfer).
The account number is the declarant's BIN/IIN; the first top-up opens it. Declarations of
the account waiting in ``payment_required`` are released by the worker
(``release_paid_declarations``, written to the outbox in the top-up's transaction).

Reading an account: the declarant's partner (the one that filed a declaration of this
declarant, with the ``payments`` scope too) sees every entry; a bank that topped the account
up sees the balance and only its own top-ups; anyone else gets 404, as for no account.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated

import msgspec
from litestar import Controller, Response, get, post
from litestar.params import Body, FromPath
from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.auth import AuthenticatedPartner, require_scope
from gateway.customs import problem_responses
from gateway.dependencies import PARTNER_DEPENDENCY, Partner, SharedResources
from gateway.problems import Problem
from registry.customs_release.ledger import (
    balance_of,
    partner_actor,
    top_up,
)
from registry.customs_release.release import waiting_for_payment
from registry.forms.common import Amount
from registry.models import Application, CustomsDeclaration, LedgerEntry
from registry.outbox import Job, enqueue

ACCOUNT_NUMBER = re.compile(r"^\d{12}$")
MAX_ENTRIES = 100


def _account(number: str) -> str:
    """The path's account number: the declarant's 12-digit BIN/IIN (404 otherwise)."""
    if not ACCOUNT_NUMBER.fullmatch(number):
        raise Problem(404, "customs_account_not_found", "an account number is a 12-digit BIN/IIN")
    return number


class TopUpRequest(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    payment_reference: Annotated[
        str,
        msgspec.Meta(
            pattern=r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$",
            description="The payment system's unique id of the transfer (idempotency key).",
            examples=["KASPI-20261123-000481"],
        ),
    ]
    amount: Amount


class TopUpView(msgspec.Struct, frozen=True, kw_only=True):
    entry_id: int
    account_number: str
    amount: str
    balance_after: str
    payment_reference: str
    created: bool
    awaiting_release: list[uuid.UUID]


class LedgerLine(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    kind: str
    amount: str
    balance_after: str
    application_id: uuid.UUID | None
    payment_reference: str | None
    recorded_at: datetime


class AccountView(msgspec.Struct, frozen=True, kw_only=True):
    number: str
    balance: str
    entries: list[LedgerLine]


class AccountController(Controller):
    path = "/v1/customs/accounts"
    tags = ["customs"]
    guards = [require_scope("payments")]
    dependencies = PARTNER_DEPENDENCY

    @post(
        "/{number:str}/top-ups",
        summary="Credit a declarant's personal account (idempotent by payment reference)",
        responses=problem_responses(
            {
                404: ("customs_account_not_found",),
                422: ("validation_error",),
                409: ("payment_reference_conflict", "payment_reference_taken"),
            }
        ),
    )
    async def top_up(
        self,
        resources: SharedResources,
        partner: Partner,
        number: FromPath[str],
        data: Annotated[TopUpRequest, Body(title="Top-up")],
    ) -> Response[TopUpView]:
        number = _account(number)
        amount = Decimal(data.amount)
        if amount <= 0:
            raise Problem(422, "validation_error", "amount must be positive")
        async with resources.sessions() as session, session.begin():
            done = await top_up(
                session,
                number,
                amount,
                data.payment_reference,
                actor=partner_actor(partner.id),
            )
            waiting = await waiting_for_payment(session, number)
            if done.created and waiting:
                await enqueue(session, Job.RELEASE_PAID_DECLARATIONS, {"account_number": number})
        view = TopUpView(**msgspec.structs.asdict(done), awaiting_release=waiting)
        return Response(view, status_code=201 if done.created else 200)

    @get(
        "/{number:str}",
        summary="A personal account's balance and the latest ledger entries the caller may read",
        responses=problem_responses({404: ("customs_account_not_found",)}),
    )
    async def account(
        self, resources: SharedResources, partner: Partner, number: FromPath[str]
    ) -> AccountView:
        number = _account(number)
        async with resources.sessions() as session:
            balance = await balance_of(session, number)
            statement = select(LedgerEntry).where(LedgerEntry.account_number == number)
            if balance is not None and not await _declarants_partner(session, partner, number):
                statement = statement.where(LedgerEntry.actor == partner_actor(partner.id))
                if not await session.scalar(select(exists(statement))):
                    balance = None  # not this partner's account: as if there were none
            if balance is None:
                raise Problem(404, "customs_account_not_found", f"no personal account {number}")
            rows = await session.scalars(
                statement.order_by(LedgerEntry.id.desc()).limit(MAX_ENTRIES)
            )
            entries = [
                LedgerLine(
                    id=row.id,
                    kind=row.kind,
                    amount=str(row.amount),
                    balance_after=str(row.balance_after),
                    application_id=row.application_id,
                    payment_reference=row.payment_reference,
                    recorded_at=row.recorded_at,
                )
                for row in rows
            ]
        return AccountView(number=number, balance=str(balance), entries=entries)


async def _declarants_partner(
    session: AsyncSession, partner: AuthenticatedPartner, number: str
) -> bool:
    """Whether ``partner`` filed a declaration (past registration) of the account's declarant."""
    filed = (
        select(CustomsDeclaration.application_id)
        .join(Application, Application.id == CustomsDeclaration.application_id)
        .where(CustomsDeclaration.account_number == number, Application.partner_id == partner.id)
    )
    return bool(await session.scalar(select(exists(filed))))
