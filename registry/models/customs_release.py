"""Tables of S1's payments and release: personal accounts, the ledger, rates, declarations.

* ``customs_accounts``: one personal account (лицевой счёт) per declarant BIN/IIN. Its balance
  is NOT written by the application: a trigger on the ledger moves it, and a CHECK keeps it
  non-negative, so an overdraft fails in the database whatever the code does.
* ``customs_ledger``: append-only (UPDATE/DELETE refused by a trigger) top-ups and write-offs;
  a payment reference is used once, and an application is written off at most once.
* ``customs_duty_rates`` / ``customs_vat_rates``: the rates duties and VAT are computed from.
* ``customs_preferences``: the classifier of preferences (box 36) a declaration may claim.
* ``customs_declarations``: S1's own facts about an application (corridor, audit flag, the
  assessment), ``customs_inspection_acts`` and ``customs_notifications``.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, Numeric, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base
from registry.models.columns import (
    ActorLabel,
    ApplicationId,
    IinBin,
    NowByDefault,
    OfficerId,
    SerialId,
)

MONEY = Numeric(18, 2)


class CustomsAccount(Base):
    __tablename__ = "customs_accounts"
    __table_args__ = (
        CheckConstraint("number ~ '^[0-9]{12}$'", name="number_digits"),
        CheckConstraint("balance >= 0", name="balance_not_negative"),
    )

    number: Mapped[IinBin] = mapped_column(primary_key=True)  # the holder's BIN/IIN
    balance: Mapped[Decimal] = mapped_column(MONEY, server_default="0")
    created_at: Mapped[NowByDefault]
    updated_at: Mapped[NowByDefault]


class LedgerEntry(Base):
    __tablename__ = "customs_ledger"
    __table_args__ = (
        CheckConstraint("kind IN ('top_up', 'write_off')", name="known_kind"),
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("(kind = 'top_up') = (payment_reference IS NOT NULL)", name="reference"),
        CheckConstraint("(kind = 'write_off') = (application_id IS NOT NULL)", name="application"),
        Index("ix_customs_ledger_account", "account_number", "id"),
        Index(
            "uq_customs_ledger_write_off",
            "application_id",
            unique=True,
            postgresql_where=text("kind = 'write_off'"),
        ),
    )

    id: Mapped[SerialId]
    account_number: Mapped[str] = mapped_column(ForeignKey("customs_accounts.number"))
    kind: Mapped[str] = mapped_column(String(16))
    amount: Mapped[Decimal] = mapped_column(MONEY)
    # Set by the ledger trigger from the account row it updates.
    balance_after: Mapped[Decimal] = mapped_column(MONEY)
    application_id: Mapped[ApplicationId | None]
    payment_reference: Mapped[str | None] = mapped_column(String(64), unique=True)
    lines: Mapped[list[dict[str, Any]]] = mapped_column(server_default="[]")
    actor: Mapped[ActorLabel]
    recorded_at: Mapped[NowByDefault]


class DutyRate(Base):
    """Ad valorem import duty for HS codes starting with ``hs_prefix`` (longest prefix wins;
    the empty prefix is the default rate)."""

    __tablename__ = "customs_duty_rates"
    __table_args__ = (
        CheckConstraint("hs_prefix ~ '^[0-9]{0,10}$'", name="prefix_digits"),
        CheckConstraint("rate BETWEEN 0 AND 1", name="rate_share"),
    )

    hs_prefix: Mapped[str] = mapped_column(String(10), primary_key=True)
    rate: Mapped[Decimal] = mapped_column(Numeric(6, 4))
    description: Mapped[str]


class VatRate(Base):
    """The import VAT rate from ``valid_from`` on (the newest row not after the day applies)."""

    __tablename__ = "customs_vat_rates"
    __table_args__ = (CheckConstraint("rate BETWEEN 0 AND 1", name="rate_share"),)

    valid_from: Mapped[date] = mapped_column(primary_key=True)
    rate: Mapped[Decimal] = mapped_column(Numeric(5, 4))
    basis: Mapped[str]


class CustomsPreference(Base):
    """A code of the EAEU classifier of preferences for customs payments (box 36). A declared
    code not in this table is refused; ``exempts``: the assessment charges nothing for the
    payment it is claimed for (an exemption), else the payment stays owed (a deferral or an
    instalment plan is granted by an officer, not by the assessment)."""

    __tablename__ = "customs_preferences"
    __table_args__ = (CheckConstraint("length(code) BETWEEN 1 AND 8", name="code_length"),)

    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    # registry.catalogue.model.LocalizedText as JSON: {"kk", "ru", "en"}.
    name: Mapped[dict[str, str]]
    exempts: Mapped[bool]
    source: Mapped[str]
    added_by: Mapped[ActorLabel]
    added_at: Mapped[NowByDefault]


class CustomsDeclaration(Base):
    __tablename__ = "customs_declarations"
    __table_args__ = (
        CheckConstraint("corridor IN ('green', 'blue', 'yellow', 'red')", name="known_corridor"),
        CheckConstraint("amount_due >= 0", name="amount_due_not_negative"),
    )

    application_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("applications.id"), primary_key=True
    )
    account_number: Mapped[IinBin]
    corridor: Mapped[str] = mapped_column(String(8))
    forms_of_control: Mapped[list[str]]
    post_clearance_audit: Mapped[bool] = mapped_column(server_default="false")
    amount_due: Mapped[Decimal] = mapped_column(MONEY)
    assessment: Mapped[dict[str, Any]]
    released_at: Mapped[datetime | None]
    goods_collected_at: Mapped[datetime | None]
    warehouse: Mapped[dict[str, Any] | None]
    created_at: Mapped[NowByDefault]


class InspectionAct(Base):
    __tablename__ = "customs_inspection_acts"

    id: Mapped[SerialId]
    application_id: Mapped[ApplicationId] = mapped_column(index=True)
    officer_id: Mapped[OfficerId]
    act: Mapped[dict[str, Any]]
    recorded_at: Mapped[datetime]


class CustomsNotification(Base):
    """A decision told to one party (applicant, declarant, representative); ``delivered_at``
    is set once the delivery job has put it into the party's cabinet."""

    __tablename__ = "customs_notifications"
    __table_args__ = (UniqueConstraint("application_id", "decision", "recipient"),)

    id: Mapped[SerialId]
    application_id: Mapped[ApplicationId]
    decision: Mapped[str] = mapped_column(String(32))
    recipient: Mapped[IinBin]  # BIN/IIN
    recipient_name: Mapped[str]
    roles: Mapped[list[str]]
    data: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]
    delivered_at: Mapped[datetime | None]
