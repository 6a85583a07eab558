"""Agency partner accounts for tests: one active account per agency code, as in production."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import Partner
from registry.partners.repository import create_partner
from tests.conftest import PartnerKey


async def make_agency(
    sessions: async_sessionmaker[AsyncSession], code: str, name: str | None = None
) -> PartnerKey:
    """An ``agency`` partner for ``code``; the code's earlier account (another test's) is
    revoked first, as an operator replacing an agency's account would."""
    async with sessions() as session, session.begin():
        await session.execute(
            update(Partner)
            .where(Partner.agency_code == code, Partner.revoked_at.is_(None))
            .values(revoked_at=datetime.now(UTC))
        )
        partner, api_key = await create_partner(session, name or code, ["agency"], agency_code=code)
    return PartnerKey(partner.id, api_key)
