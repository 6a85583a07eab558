"""Creating, revoking and finding partners."""

from __future__ import annotations

import re
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
AGENCY_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")  # as in QAQPA_EXPORT_CONTROL_AGENCIES


async def _check_agency_code(
    session: AsyncSession, scopes: list[str], agency_code: str | None
) -> None:
    """An ``agency`` partner names the one body it speaks for; no one else names a body."""
    if "agency" not in scopes:
        if agency_code is not None:
            raise ValueError("an agency code is for partners with the agency scope")
        return
    if agency_code is None or not AGENCY_CODE.fullmatch(agency_code):
        raise ValueError("the agency scope needs an agency code (a-z, 0-9, '-', '_')")
    taken = await session.scalar(
        select(Partner.id).where(Partner.agency_code == agency_code, Partner.revoked_at.is_(None))
    )
    if taken is not None:  # the unique constraint holds anyway; this gives a clear message
        raise ValueError(f"agency code {agency_code!r} belongs to active partner {taken}")


async def create_partner(
    session: AsyncSession,
    name: str,
    scopes: list[str],
    *,
    agency_code: str | None = None,
    warehouse: str | None = None,
) -> tuple[Partner, str]:
    """A new partner and its API key (the only time the key exists in clear).

    An ``agency`` partner needs ``agency_code``: that code, never the display name, ties it
    to the requests of its body (registry.reexport_permit.agencies). ``warehouse``: the register
    number of the temporary-storage warehouse a ``warehouse`` partner is.
    """
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown:
        raise ValueError(f"unknown scopes {unknown}; known: {', '.join(SCOPES)}")
    if warehouse is not None and not 1 <= len(warehouse) <= MAX_WAREHOUSE_CODE:
        raise ValueError(f"a warehouse code has 1 to {MAX_WAREHOUSE_CODE} characters")
    await _check_agency_code(session, scopes, agency_code)
    api_key = new_api_key()
    partner = Partner(
        id=uuid.uuid4(),
        name=name,
        api_key_hash=hash_api_key(api_key),
        scopes=sorted(scopes),
        agency_code=agency_code,
        warehouse_code=warehouse,
    )
    session.add(partner)
    await session.flush()
    return partner, api_key


async def revoke_partner(session: AsyncSession, partner_id: uuid.UUID) -> datetime | None:
    """Revoke the partner's key; the revocation time, or None when no such active partner."""
    now = datetime.now(UTC)
    return await session.scalar(
        update(Partner)
        .where(Partner.id == partner_id, Partner.revoked_at.is_(None))
        .values(revoked_at=now)
        .returning(Partner.revoked_at)
    )


async def active_partner_by_key(session: AsyncSession, api_key: str) -> Partner | None:
    return await session.scalar(
        select(Partner).where(
            Partner.api_key_hash == hash_api_key(api_key), Partner.revoked_at.is_(None)
        )
    )


async def agency_code_of(session: AsyncSession, partner_id: uuid.UUID) -> str | None:
    """The body an active partner speaks for, or None (no code, revoked, unknown)."""
    return await session.scalar(
        select(Partner.agency_code).where(Partner.id == partner_id, Partner.revoked_at.is_(None))
    )
