"""S1 jobs: release what a top-up paid for, and deliver decision notices.

Both check state first (jobs run at least once): a declaration no longer in
``payment_required`` is skipped, a notice already delivered is not delivered again.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import structlog
from sqlalchemy import CursorResult, update

from registry.customs_release.release import settle_waiting, waiting_for_payment
from registry.models import CustomsNotification
from workers.resources import resources_of

logger = structlog.get_logger(__name__)


async def release_paid_declarations(ctx: dict[str, Any], account_number: str) -> list[str]:
    """Try to pay for each of the account's declarations awaiting payment, oldest first; the
    ids of those released. One transaction per declaration: a shortfall on one (the money ran
    out) leaves it waiting and does not undo the others."""
    resources = resources_of(ctx)
    async with resources.sessions() as session:
        waiting = await waiting_for_payment(session, account_number)

    released: list[str] = []
    for application_id in waiting:
        now = datetime.now(UTC)
        if await settle_waiting(resources.sessions, resources.redis, application_id, now):
            released.append(str(application_id))
    logger.info("customs_payments_settled", waiting=len(waiting), released=len(released))
    return released


async def deliver_customs_notifications(
    ctx: dict[str, Any], application_id: str, decision: str
) -> int:
    """Put the decision's notices into the parties' cabinets (here: mark them delivered)."""
    async with resources_of(ctx).sessions() as session, session.begin():
        # An UPDATE's result is a CursorResult; SQLAlchemy types execute() as the plain Result.
        result: CursorResult[Any] = await session.execute(  # type: ignore[assignment]
            update(CustomsNotification)
            .where(
                CustomsNotification.application_id == uuid.UUID(application_id),
                CustomsNotification.decision == decision,
                CustomsNotification.delivered_at.is_(None),
            )
            .values(delivered_at=datetime.now(UTC))
        )
    delivered: int = result.rowcount
    return delivered
