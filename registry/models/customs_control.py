"""Tables of the customs declaration's control and of the risk-management system.

Reference tables the control reads (national subheadings added to HS 2022, the HS prefixes that
need a permit in box 44), the risk system's configuration (rules, lane parameters, the
value-control table) and its log (every corridor selection, re-routings included). The
configuration is data, changed by ``qaqpa risk`` and the admin endpoint, never by a deploy.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Double, Index, Numeric, String, text
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base
from registry.models.columns import ActorLabel, ApplicationId, NowByDefault, OfficerId, SerialId

CORRIDORS = ("green", "blue", "yellow", "red")
RULE_KINDS = (
    "hs_prefix",
    "origin_country",
    "dispatch_country",
    "declarant",
    "representative",
    "value_per_kg",
)
_CORRIDOR_CHECK = "corridor IN ('green', 'blue', 'yellow', 'red')"


class NationalSubheading(Base):
    """A code accepted besides the HS 2022 subheadings (a national split, an early amendment):
    a declared HS code is known when its first 6 digits are in HS 2022 or it starts with one
    of these codes (6 to 10 digits)."""

    __tablename__ = "customs_national_subheadings"
    __table_args__ = (CheckConstraint("code ~ '^[0-9]{6,10}$'", name="digits"),)

    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    description: Mapped[str]
    added_at: Mapped[NowByDefault]


class PermitRequirement(Base):
    """Prohibitions and restrictions: goods whose HS code starts with ``hs_prefix`` need a box-44
    document of type ``document_code`` (for ``direction`` IM/EK, or both when NULL)."""

    __tablename__ = "customs_permit_requirements"
    __table_args__ = (
        CheckConstraint("hs_prefix ~ '^[0-9]{2,10}$'", name="prefix_digits"),
        CheckConstraint("document_code ~ '^[0-9]{5}$'", name="document_code_digits"),
        CheckConstraint("direction IS NULL OR direction IN ('IM', 'EK')", name="known_direction"),
    )

    id: Mapped[SerialId]
    hs_prefix: Mapped[str] = mapped_column(String(10))
    direction: Mapped[str | None] = mapped_column(String(2))
    document_code: Mapped[str] = mapped_column(String(5))
    # registry.catalogue.model.LocalizedText as JSON: {"kk", "ru", "en"}.
    document_name: Mapped[dict[str, str]]
    measure: Mapped[str]
    active: Mapped[bool] = mapped_column(server_default="true")


class RiskLane(Base):
    """ASYCUDA lane parameters of a corridor: the expected share of declarations, the minimum
    share sent there at random, and the forms of control a random selection gets."""

    __tablename__ = "risk_lanes"
    __table_args__ = (
        CheckConstraint(_CORRIDOR_CHECK, name="known_corridor"),
        CheckConstraint("expected_rate BETWEEN 0 AND 1", name="expected_rate_share"),
        CheckConstraint("min_random_rate BETWEEN 0 AND expected_rate", name="min_random_rate"),
        # Green is where a declaration goes when nothing selects it: no random share of its own.
        CheckConstraint("corridor <> 'green' OR min_random_rate = 0", name="green_not_random"),
    )

    corridor: Mapped[str] = mapped_column(String(8), primary_key=True)
    expected_rate: Mapped[Decimal] = mapped_column(Numeric(5, 4))
    min_random_rate: Mapped[Decimal] = mapped_column(Numeric(5, 4))
    default_forms: Mapped[list[str]]
    updated_at: Mapped[NowByDefault]
    updated_by: Mapped[ActorLabel]


class RiskRule(Base):
    """A selectivity rule: when its condition holds for a declaration, it names ``corridor`` and
    ``forms_of_control``. ``value`` is the HS prefix, country, BIN/IIN the ``kind`` compares
    with (for ``value_per_kg`` an optional HS prefix narrowing the value-control table)."""

    __tablename__ = "risk_rules"
    __table_args__ = (
        CheckConstraint(_CORRIDOR_CHECK, name="known_corridor"),
        CheckConstraint(
            "kind IN ('hs_prefix', 'origin_country', 'dispatch_country', 'declarant', "
            "'representative', 'value_per_kg')",
            name="known_kind",
        ),
        CheckConstraint("kind = 'value_per_kg' OR value IS NOT NULL", name="value_given"),
        CheckConstraint("active = (disabled_at IS NULL)", name="disabled_when_inactive"),
        Index("ix_risk_rules_active", "kind", postgresql_where=text("active")),
    )

    id: Mapped[SerialId]
    code: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    value: Mapped[str | None] = mapped_column(String(32))
    corridor: Mapped[str] = mapped_column(String(8))
    forms_of_control: Mapped[list[str]]
    description: Mapped[str]
    active: Mapped[bool] = mapped_column(server_default="true")
    created_at: Mapped[NowByDefault]
    created_by: Mapped[ActorLabel]
    disabled_at: Mapped[datetime | None]
    disabled_by: Mapped[ActorLabel | None]


class ValueControl(Base):
    """The minimum customs value per kilogram of net mass for goods under ``hs_prefix`` (the
    longest matching prefix applies); a lower declared value fires ``value_per_kg`` rules."""

    __tablename__ = "risk_value_controls"
    __table_args__ = (
        CheckConstraint("hs_prefix ~ '^[0-9]{2,10}$'", name="prefix_digits"),
        CheckConstraint("min_value_kzt_per_kg > 0", name="positive"),
    )

    hs_prefix: Mapped[str] = mapped_column(String(10), primary_key=True)
    min_value_kzt_per_kg: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    description: Mapped[str]


class RiskSelection(Base):
    """One corridor selection of an application: automatic (rules or draw) or an officer's
    re-routing. Rows are never updated; the newest one is the application's corridor."""

    __tablename__ = "risk_selections"
    __table_args__ = (
        CheckConstraint(_CORRIDOR_CHECK, name="known_corridor"),
        CheckConstraint("kind IN ('automatic', 'reroute')", name="known_kind"),
        CheckConstraint("kind = 'automatic' OR officer_id IS NOT NULL", name="reroute_by_officer"),
        Index("ix_risk_selections_application", "application_id", "id"),
    )

    id: Mapped[SerialId]
    application_id: Mapped[ApplicationId]
    kind: Mapped[str] = mapped_column(String(16))
    corridor: Mapped[str] = mapped_column(String(8))
    forms_of_control: Mapped[list[str]]
    fired_rules: Mapped[list[str]]
    random_draw: Mapped[float | None] = mapped_column(Double)
    reason: Mapped[str]
    actor: Mapped[ActorLabel]
    officer_id: Mapped[OfficerId | None]
    selected_at: Mapped[datetime]
