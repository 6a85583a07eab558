"""Creating, revoking and finding partners."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from registry.models import Partner
from registry.partners.keys import hash_api_key, new_api_key

# agency: S8 export-control bodies answering requests; payments: the payment system crediting
# S1 personal accounts; warehouse: temporary-storage warehouses reporting S1 goods collected.
SCOPES = ("submit", "read", "agency", "payments", "warehouse")
MAX_WAREHOUSE_CODE = 32  # the S1 form's box-30 warehouse_code


async def create_partner(
    session: AsyncSession, name: str, scopes: list[str], *, warehouse: str | None = None
) -> tuple[Partner, str]:
    """A new partner and its API key (the only time the key exists in clear); ``warehouse``:
    the register number of the temporary-storage warehouse it is (scope ``warehouse``)."""
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown:
        raise ValueError(f"unknown scopes {unknown}; known: {', '.join(SCOPES)}")
    if warehouse is not None and not 1 <= len(warehouse) <= MAX_WAREHOUSE_CODE:
        raise ValueError(f"a warehouse code has 1 to {MAX_WAREHOUSE_CODE} characters")
    api_key = new_api_key()
    partner = Partner(
        id=uuid.uuid4(), name=name, api_key_hash=hash_api_key(api_key), scopes=sorted(scopes),
        warehouse_code=warehouse,
    )  # fmt: skip
    session.add(partner)
    await session.flush()
    return partner, api_key


async def revoke_partner(session: AsyncSession, partner_id: uuid.UUID) -> datetime | None:
    """Revoke the partner's key; the revocation time, or None when no such active partner."""
    now = datetime.now(UTC)
    revoked = await session.scalar(
        update(Partner)
        .where(Partner.id == partner_id, Partner.revoked_at.is_(None))
        .values(revoked_at=now)
        .returning(Partner.revoked_at)
    )
    return revoked


async def active_partner_by_key(session: AsyncSession, api_key: str) -> Partner | None:
    return await session.scalar(
        select(Partner).where(
            Partner.api_key_hash == hash_api_key(api_key), Partner.revoked_at.is_(None)
        )
    )
