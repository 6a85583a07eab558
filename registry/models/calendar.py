"""Decree transfers of days off: the operators' part of the working-time calendar.

One row per date whose working status a decree changed (see
:mod:`registry.calendar.transfers`, which also holds the seeded rows).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base


class CalendarTransfer(Base):
    __tablename__ = "calendar_transfers"
    __table_args__ = (CheckConstraint("kind IN ('off', 'working')", name="kind"),)

    date: Mapped[date] = mapped_column(Date, primary_key=True)
    # 'off': a working day made a day off; 'working': a weekend day made a working day.
    kind: Mapped[str] = mapped_column(String(16))
    decree: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
