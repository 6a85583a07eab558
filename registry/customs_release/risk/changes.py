"""Four eyes on the risk system: a change proposed by one officer, applied when another approves.

What an officer changes through the API -- a rule added or disabled, a lane's parameters, a
declaration re-routed to a corridor that releases it at once -- is stored as
``pending_approval`` and is not in effect. A second officer (another account AND another
person, i.e. a different IIN, as for results: registry.workflow.effects) approves it and it is
applied in that transaction. A proposal is checked when it is made by applying it inside a
savepoint that is rolled back, so a bad rule is refused at once with the same problem the
direct change gives, and checked again when approved (the configuration may have moved since).

``qaqpa risk`` (an operator with database access) changes the configuration directly: whoever
can run it can write the tables anyway, so a second approval there would be theatre.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal, TypeVar

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.customs_release.risk.model import LaneView, RuleView
from registry.customs_release.risk.repository import NewRule, add_rule, disable_rule, set_lane
from registry.errors import DomainError, Kind
from registry.models import Officer, RiskChange
from registry.models.risk_changes import APPLIED, PENDING
from registry.workflow.actors import OfficerIdentity
from registry.workflow.errors import FourEyesError

T = TypeVar("T")
ChangeKind = Literal["rule_add", "rule_disable", "lane_set", "reroute"]
CONFIG_KINDS: tuple[ChangeKind, ...] = ("rule_add", "rule_disable", "lane_set")


class RiskChangeNotFoundError(DomainError):
    code = "risk_change_not_found"
    kind = Kind.NOT_FOUND


class RiskChangeNotPendingError(DomainError):
    """The change was applied already (each is applied once)."""

    code = "risk_change_not_pending"
    kind = Kind.CONFLICT


class RiskChangeView(msgspec.Struct, frozen=True, kw_only=True):
    id: uuid.UUID
    kind: ChangeKind
    status: Literal["pending_approval", "applied"]
    payload: dict[str, Any]
    application_id: uuid.UUID | None
    proposed_by: uuid.UUID
    proposed_at: datetime
    approved_by: uuid.UUID | None
    approved_at: datetime | None
    effect: dict[str, Any] | None = None  # what applying it gave (the rule, lane, declaration)


def change_view(row: RiskChange, effect: object = None) -> RiskChangeView:
    """The change as its row holds it, with what applying it gave (the row does not keep that)."""
    view = msgspec.convert(row, RiskChangeView, from_attributes=True)
    if effect is None:
        return view
    return msgspec.structs.replace(view, effect=msgspec.to_builtins(effect))


async def dry_run(session: AsyncSession, apply: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Apply inside a savepoint and roll it back: the checks run, nothing stays."""
    savepoint = await session.begin_nested()
    try:
        return await apply(session)
    finally:
        await savepoint.rollback()


async def propose(
    session: AsyncSession,
    kind: ChangeKind,
    payload: dict[str, Any],
    officer: OfficerIdentity,
    at: datetime,
    *,
    application_id: uuid.UUID | None = None,
) -> RiskChangeView:
    """Store a pending change (the caller checked it, e.g. with :func:`dry_run`)."""
    row = RiskChange(
        id=uuid.uuid4(),
        kind=kind,
        payload=payload,
        application_id=application_id,
        status=PENDING,
        proposed_by=officer.id,
        proposed_at=at,
    )
    session.add(row)
    await session.flush()
    return change_view(row)


async def list_changes(
    session: AsyncSession, *, pending_only: bool = False, limit: int = 200
) -> list[RiskChangeView]:
    """Changes, newest first."""
    statement = select(RiskChange).order_by(RiskChange.proposed_at.desc()).limit(limit)
    if pending_only:
        statement = statement.where(RiskChange.status == PENDING)
    return [change_view(row) for row in (await session.scalars(statement)).all()]


async def kind_of(session: AsyncSession, change_id: uuid.UUID) -> tuple[str, uuid.UUID | None]:
    """The change's kind and application (read without a lock, to pick how to apply it)."""
    row = (
        await session.execute(
            select(RiskChange.kind, RiskChange.application_id).where(RiskChange.id == change_id)
        )
    ).first()
    if row is None:
        raise RiskChangeNotFoundError(f"no risk change {change_id}")
    return row[0], row[1]


async def locked_for_approval(
    session: AsyncSession, change_id: uuid.UUID, approver: OfficerIdentity
) -> RiskChange:
    """The pending change, locked, once ``approver`` is shown to be a second pair of eyes."""
    row = await session.scalar(
        select(RiskChange).where(RiskChange.id == change_id).with_for_update()
    )
    if row is None:
        raise RiskChangeNotFoundError(f"no risk change {change_id}")
    if row.status != PENDING:
        raise RiskChangeNotPendingError(f"risk change {change_id} is {row.status} already")
    proposer = await session.get(Officer, row.proposed_by)
    if row.proposed_by == approver.id or (proposer is not None and proposer.iin == approver.iin):
        raise FourEyesError("whoever proposed a risk change cannot also approve it")
    return row


def mark_applied(row: RiskChange, approver: OfficerIdentity, at: datetime) -> None:
    row.status = APPLIED
    row.approved_by = approver.id
    row.approved_at = at


def approval_actor(row: RiskChange, approver: OfficerIdentity) -> str:
    """Who the rule or lane row records: both officers (101 of the column's 128 characters)."""
    return f"officer:{row.proposed_by} approved by officer:{approver.id}"


async def apply_config(
    session: AsyncSession, kind: str, payload: dict[str, Any], *, actor: str, at: datetime
) -> RuleView | LaneView:
    """Apply a configuration change (also used, in a savepoint, to check a proposal)."""
    if kind == "rule_add":
        return await add_rule(session, msgspec.convert(payload, NewRule), actor=actor, at=at)
    if kind == "rule_disable":
        return await disable_rule(session, str(payload["code"]), actor=actor, at=at)
    if kind == "lane_set":
        forms = payload.get("default_forms")
        return await set_lane(
            session,
            str(payload["corridor"]),
            expected_rate=Decimal(str(payload["expected_rate"])),
            min_random_rate=Decimal(str(payload["min_random_rate"])),
            default_forms=None if forms is None else [str(form) for form in forms],
            actor=actor,
            at=at,
        )
    raise ValueError(f"{kind} is not a configuration change")


# The configuration changes (rules and lanes) name no declaration: a plain transaction each,
# no application lock and no status cache entry to drop.


async def propose_config(
    sessions: async_sessionmaker[AsyncSession],
    kind: ChangeKind,
    payload: dict[str, Any],
    officer: OfficerIdentity,
    now: datetime,
) -> RiskChangeView:
    """Check the change by applying it in a rolled-back savepoint, then store it as pending."""
    async with sessions() as session, session.begin():
        await dry_run(
            session,
            lambda nested: apply_config(
                nested, kind, payload, actor=f"officer:{officer.id}", at=now
            ),
        )
        return await propose(session, kind, payload, officer, now)


async def approve_config(
    sessions: async_sessionmaker[AsyncSession],
    change_id: uuid.UUID,
    officer: OfficerIdentity,
    now: datetime,
) -> RiskChangeView:
    """A second officer approves a pending configuration change and applies it."""
    async with sessions() as session, session.begin():
        row = await locked_for_approval(session, change_id, officer)
        effect = await apply_config(
            session, row.kind, row.payload, actor=approval_actor(row, officer), at=now
        )
        mark_applied(row, officer, now)
        await session.flush()
        return change_view(row, effect)
