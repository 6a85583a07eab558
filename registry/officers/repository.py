"""Creating, revoking, finding and listing officers."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from registry.errors import DomainError, Kind
from registry.models import Officer
from registry.models.officers import OFFICER_ROLES
from registry.officers.roles import ALL
from registry.officers.tokens import hash_officer_token, looks_like_officer_token, new_officer_token
from signing import NumberCheck, check_iin


class InvalidOfficerError(DomainError):
    """The account cannot be created as asked (unknown role, bad IIN, empty name)."""

    code = "invalid_officer"
    kind = Kind.INVALID


def validate_officer(role: str, iin: str, name: str, *, test_pki: bool = False) -> None:
    """Raise :class:`InvalidOfficerError` unless the fields make a valid account.

    ``test_pki`` relaxes the IIN to "12 digits", as for applicants, because the NCA test
    certificates officers will log in with later carry numbers that fail the checksum.
    """
    if role not in OFFICER_ROLES:
        raise InvalidOfficerError(f"unknown role {role!r}; known: {', '.join(OFFICER_ROLES)}")
    verdict = check_iin(iin, test_pki=test_pki)
    if verdict is not NumberCheck.OK:
        raise InvalidOfficerError(f"{iin!r} is not a valid IIN ({verdict.value})")
    if not name.strip():
        raise InvalidOfficerError("the name is empty")


async def create_officer(
    session: AsyncSession,
    role: str,
    iin: str,
    name: str,
    *,
    test_pki: bool = False,
    services: Sequence[str] = (ALL,),
    offices: Sequence[str] = (ALL,),
) -> tuple[Officer, str]:
    """A new officer and its token (the only time the token exists in clear).

    ``services`` and ``offices`` scope the account (registry.officers.scope); the default is
    the explicit "all" that accounts had before scoping, so callers that predate it keep
    their meaning. Pass the result of :func:`parse_services` / :func:`parse_offices`.
    """
    validate_officer(role, iin, name, test_pki=test_pki)
    token = new_officer_token()
    officer = Officer(
        id=uuid.uuid4(),
        role=role,
        iin=iin,
        name=name.strip(),
        token_hash=hash_officer_token(token),
        services=list(services),
        offices=list(offices),
    )
    session.add(officer)
    await session.flush()
    return officer, token


async def revoke_officer(session: AsyncSession, officer_id: uuid.UUID) -> datetime | None:
    """Revoke the officer's token; the revocation time, or None when no such active officer."""
    return await session.scalar(
        update(Officer)
        .where(Officer.id == officer_id, Officer.revoked_at.is_(None))
        .values(revoked_at=datetime.now(UTC))
        .returning(Officer.revoked_at)
    )


async def active_officer_by_token(session: AsyncSession, token: str) -> Officer | None:
    """The active officer holding ``token``; None for unknown, revoked or non-officer tokens."""
    if not looks_like_officer_token(token):
        return None
    return await session.scalar(
        select(Officer).where(
            Officer.token_hash == hash_officer_token(token), Officer.revoked_at.is_(None)
        )
    )


async def list_officers(
    session: AsyncSession, role: str | None = None, *, include_revoked: bool = False
) -> Sequence[Officer]:
    """Officers (of ``role`` if given), oldest first; active ones only unless asked."""
    query = select(Officer).order_by(Officer.created_at, Officer.id)
    if role is not None:
        query = query.where(Officer.role == role)
    if not include_revoked:
        query = query.where(Officer.revoked_at.is_(None))
    return (await session.scalars(query)).all()


async def active_officer_by_id(session: AsyncSession, officer_id: uuid.UUID) -> Officer | None:
    """The officer ``officer_id`` while the account is active (a console session's holder)."""
    return await session.scalar(
        select(Officer).where(Officer.id == officer_id, Officer.revoked_at.is_(None))
    )


async def active_officers_by_iin(session: AsyncSession, iin: str) -> Sequence[Officer]:
    """The active accounts of the person ``iin`` (one per role they act in), oldest first."""
    return (
        await session.scalars(
            select(Officer)
            .where(Officer.iin == iin, Officer.revoked_at.is_(None))
            .order_by(Officer.created_at, Officer.id)
        )
    ).all()
