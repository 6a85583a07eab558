"""The risk system's configuration in the database: rules, lane parameters, value controls.

Used by the selection (reads), ``qaqpa risk`` and the admin endpoint (changes). Rules are never
deleted, only disabled, so every recorded selection's rule codes still resolve.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import get_args

import msgspec
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from registry.customs_release.nomenclature import country_known
from registry.customs_release.risk.errors import (
    RiskLaneInvalidError,
    RiskRuleExistsError,
    RiskRuleInvalidError,
    RiskRuleNotFoundError,
)
from registry.customs_release.risk.model import (
    CORRIDORS,
    FORMS_OF_CONTROL,
    Corridor,
    LaneView,
    RuleKind,
    RuleView,
    ordered_forms,
)
from registry.models import RiskLane, RiskRule, ValueControl

RULE_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{1,31}$")
HS_PREFIX = re.compile(r"^\d{2,10}$")
NUMBER_12 = re.compile(r"^\d{12}$")
RATE_STEP = Decimal("0.0001")  # the column is NUMERIC(5, 4)
# The model's CHECK constraint lists the same kinds (registry/models/customs_control.py).
RULE_KINDS: tuple[RuleKind, ...] = get_args(RuleKind)


class NewRule(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A rule to add (``qaqpa risk rules add``, ``POST /v1/admin/risk-rules``)."""

    code: str
    kind: RuleKind
    value: str | None = None
    corridor: Corridor
    forms_of_control: list[str] = []
    description: str


def rule_view(row: RiskRule) -> RuleView:
    return msgspec.convert(row, RuleView, from_attributes=True)


def lane_view(row: RiskLane) -> LaneView:
    return msgspec.convert(row, LaneView, from_attributes=True)


async def list_rules(session: AsyncSession, *, active_only: bool = False) -> list[RuleView]:
    """Rules by code; with ``active_only`` the ones the selection applies."""
    statement = select(RiskRule).order_by(RiskRule.code)
    if active_only:
        statement = statement.where(RiskRule.active)
    return [rule_view(row) for row in (await session.scalars(statement)).all()]


def validate_rule(rule: NewRule) -> None:
    """Raise :class:`RiskRuleInvalidError` saying what is wrong with ``rule``."""
    if not RULE_CODE.fullmatch(rule.code):
        raise RiskRuleInvalidError("code: 2-32 characters of A-Z, 0-9, '-' and '_'")
    if rule.kind not in RULE_KINDS:
        raise RiskRuleInvalidError(f"kind: one of {', '.join(RULE_KINDS)}")
    if rule.corridor not in CORRIDORS:
        raise RiskRuleInvalidError(f"corridor: one of {', '.join(CORRIDORS)}")
    unknown = sorted(set(rule.forms_of_control) - set(FORMS_OF_CONTROL))
    if unknown:
        raise RiskRuleInvalidError(
            f"unknown forms of control {unknown}; known: {', '.join(FORMS_OF_CONTROL)}"
        )
    if not rule.description.strip() or len(rule.description) > 1000:
        raise RiskRuleInvalidError("description: 1-1000 characters")
    _validate_value(rule.kind, rule.value)


def _validate_value(kind: RuleKind, value: str | None) -> None:
    if kind == "value_per_kg":
        if value is not None and not HS_PREFIX.fullmatch(value):
            raise RiskRuleInvalidError("value: an HS prefix of 2-10 digits, or none")
        return
    if value is None:
        raise RiskRuleInvalidError(f"value: a {kind} rule compares with a value")
    if kind == "hs_prefix" and not HS_PREFIX.fullmatch(value):
        raise RiskRuleInvalidError("value: an HS prefix of 2-10 digits")
    if kind in ("origin_country", "dispatch_country") and not (
        value.isupper() and country_known(value)
    ):
        raise RiskRuleInvalidError("value: an ISO 3166-1 alpha-2 country code")
    if kind in ("declarant", "representative") and not NUMBER_12.fullmatch(value):
        raise RiskRuleInvalidError("value: a 12-digit BIN/IIN")


async def add_rule(
    session: AsyncSession, rule: NewRule, *, actor: str, at: datetime | None = None
) -> RuleView:
    """Validate and store ``rule`` (active from the caller's commit on)."""
    validate_rule(rule)
    statement = (
        pg_insert(RiskRule)
        .values(
            code=rule.code,
            kind=rule.kind,
            value=rule.value,
            corridor=rule.corridor,
            forms_of_control=ordered_forms(rule.forms_of_control),
            description=rule.description.strip(),
            created_at=at or datetime.now(UTC),
            created_by=actor,
        )
        .on_conflict_do_nothing(index_elements=[RiskRule.code])
        .returning(RiskRule)
    )
    row = (await session.scalars(statement)).one_or_none()
    if row is None:
        raise RiskRuleExistsError(f"a rule {rule.code} exists already (rules are never reused)")
    return rule_view(row)


async def disable_rule(
    session: AsyncSession, code: str, *, actor: str, at: datetime | None = None
) -> RuleView:
    """Stop applying rule ``code``; disabling a disabled rule changes nothing."""
    row = await session.scalar(select(RiskRule).where(RiskRule.code == code).with_for_update())
    if row is None:
        raise RiskRuleNotFoundError(f"no rule {code}")
    if row.active:
        row.active = False
        row.disabled_at = at or datetime.now(UTC)
        row.disabled_by = actor
        await session.flush()
    return rule_view(row)


async def list_lanes(session: AsyncSession) -> list[LaneView]:
    """The four lanes, green first."""
    rows = (await session.scalars(select(RiskLane))).all()
    return sorted((lane_view(row) for row in rows), key=lambda lane: CORRIDORS.index(lane.corridor))


async def set_lane(
    session: AsyncSession,
    corridor: str,
    *,
    expected_rate: Decimal,
    min_random_rate: Decimal,
    default_forms: list[str] | None = None,
    actor: str,
    at: datetime | None = None,
) -> LaneView:
    """Change a lane's rates (and, if given, the forms of control of a random selection).

    The lanes are locked while checked, so two concurrent changes cannot together push the
    random shares above 1.
    """
    if corridor not in CORRIDORS:
        raise RiskLaneInvalidError(f"corridor: one of {', '.join(CORRIDORS)}")
    if any(rate != rate.quantize(RATE_STEP) for rate in (expected_rate, min_random_rate)):
        raise RiskLaneInvalidError("rates: at most 4 decimal places (0.0001 = 0.01 %)")
    expected_rate, min_random_rate = (
        expected_rate.quantize(RATE_STEP),
        min_random_rate.quantize(RATE_STEP),
    )
    if not (0 <= min_random_rate <= expected_rate <= 1):
        raise RiskLaneInvalidError("rates: 0 <= minimum random rate <= expected rate <= 1")
    if corridor == "green" and min_random_rate != 0:
        raise RiskLaneInvalidError("green takes what nothing selects: its minimum random rate is 0")
    if default_forms is not None:
        unknown = sorted(set(default_forms) - set(FORMS_OF_CONTROL))
        if unknown:
            raise RiskLaneInvalidError(f"unknown forms of control {unknown}")
    rows = {
        row.corridor: row
        for row in (await session.scalars(select(RiskLane).with_for_update())).all()
    }
    others = sum(
        (row.min_random_rate for name, row in rows.items() if name != corridor), Decimal(0)
    )
    if others + min_random_rate > 1:
        raise RiskLaneInvalidError(
            f"the minimum random rates would add up to {others + min_random_rate} (> 1)"
        )
    forms = ordered_forms(default_forms) if default_forms is not None else None
    row = rows.get(corridor)
    if row is None:
        row = RiskLane(corridor=corridor, default_forms=forms or [])
        session.add(row)
    row.expected_rate = expected_rate
    row.min_random_rate = min_random_rate
    if forms is not None:
        row.default_forms = forms
    row.updated_at = at or datetime.now(UTC)
    row.updated_by = actor
    await session.flush()
    return lane_view(row)


async def value_controls(session: AsyncSession) -> dict[str, Decimal]:
    """The value-control table: HS prefix -> minimum customs value (tenge) per kg."""
    rows = await session.execute(select(ValueControl.hs_prefix, ValueControl.min_value_kzt_per_kg))
    return {prefix: minimum for prefix, minimum in rows.all()}
