"""Status tokens: what an applicant's app holds to read its one application (issue 19).

A mobile app cannot hold a partner's API key, so intake hands back, once, a read-only token
for the application just submitted (``qt_`` + 256 random bits). Only its SHA-256 is stored, as
for API keys; the partner may issue more (the first answer was lost, a second device) and
revoke any. A token reads the status, the events and the issued documents of its application
and nothing else (gateway/status/).
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import datetime

import msgspec
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from registry.models import Application, StatusToken
from registry.workflow.errors import ApplicationNotFoundError

PREFIX = "qt_"


class TokenHolder(msgspec.Struct, frozen=True, kw_only=True):
    """What an active token opens: one application of one partner."""

    token_id: uuid.UUID
    application_id: uuid.UUID
    partner_id: uuid.UUID


class StatusTokenView(msgspec.Struct, frozen=True, kw_only=True):
    id: uuid.UUID
    created_at: datetime
    revoked_at: datetime | None = None


class IssuedStatusToken(StatusTokenView, frozen=True, kw_only=True):
    """A new token with its secret value: returned once."""

    token: str


def new_token() -> tuple[str, str]:
    """A fresh token and its hash (the hash is what is stored)."""
    token = PREFIX + secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    # Full-entropy tokens: a fast hash is enough (as for API keys, registry.partners).
    return hashlib.sha256(token.encode()).hexdigest()


async def holder_of(session: AsyncSession, token: str) -> TokenHolder | None:
    """The application an active token opens, or None (unknown or revoked)."""
    if not token.startswith(PREFIX):
        return None
    row = (
        await session.execute(
            select(StatusToken.id, StatusToken.application_id, StatusToken.partner_id).where(
                StatusToken.token_hash == token_hash(token), StatusToken.revoked_at.is_(None)
            )
        )
    ).first()
    if row is None:
        return None
    return TokenHolder(
        token_id=row.id, application_id=row.application_id, partner_id=row.partner_id
    )


async def _owned(session: AsyncSession, partner_id: uuid.UUID, application_id: uuid.UUID) -> None:
    owner = await session.scalar(
        select(Application.partner_id).where(Application.id == application_id)
    )
    if owner != partner_id:
        raise ApplicationNotFoundError(f"no application {application_id} for this partner")


async def issue(
    session: AsyncSession, partner_id: uuid.UUID, application_id: uuid.UUID, now: datetime
) -> IssuedStatusToken:
    """Another token for the partner's application."""
    await _owned(session, partner_id, application_id)
    token, hashed = new_token()
    row = StatusToken(
        application_id=application_id, partner_id=partner_id, token_hash=hashed, created_at=now
    )
    session.add(row)
    await session.flush()
    return IssuedStatusToken(id=row.id, created_at=now, token=token)


async def tokens_of(
    session: AsyncSession, partner_id: uuid.UUID, application_id: uuid.UUID
) -> list[StatusTokenView]:
    await _owned(session, partner_id, application_id)
    rows = await session.scalars(
        select(StatusToken)
        .where(StatusToken.application_id == application_id)
        .order_by(StatusToken.created_at, StatusToken.id)
    )
    return [
        StatusTokenView(id=r.id, created_at=r.created_at, revoked_at=r.revoked_at) for r in rows
    ]


async def revoke(
    session: AsyncSession,
    partner_id: uuid.UUID,
    application_id: uuid.UUID,
    token_id: uuid.UUID,
    now: datetime,
) -> bool:
    """Revoke one token of the partner's application; False when there is no such token."""
    await _owned(session, partner_id, application_id)
    revoked = await session.scalar(
        update(StatusToken)
        .where(
            StatusToken.id == token_id,
            StatusToken.application_id == application_id,
            StatusToken.revoked_at.is_(None),
        )
        .values(revoked_at=now)
        .returning(StatusToken.id)
    )
    return revoked is not None
