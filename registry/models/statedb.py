"""The local stand-in for the state databases of persons and legal entities.

Kazakhstan keeps individuals (ГБД ФЛ) and legal entities (ГБД ЮЛ) in state databases that
services query by IIN/BIN. Qaqpa reaches them through :class:`registry.statedb.StateDatabase`;
these two tables back its PostgreSQL implementation, used locally and in tests, seeded with
the test PKI's identities and filled by operators with ``qaqpa statedb add-person/add-entity``.
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base
from registry.models.columns import IinBin, NowByDefault

PERSON_STATUSES = ("active", "deceased")
ENTITY_STATUSES = ("active", "liquidated")


class _StateRecord:
    """What both state databases hold about a number besides the number itself."""

    name: Mapped[str]
    registered_address: Mapped[str]
    status: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[NowByDefault]


class StatePerson(_StateRecord, Base):
    __tablename__ = "state_persons"
    __table_args__ = (CheckConstraint("status IN ('active', 'deceased')", name="known_status"),)

    iin: Mapped[IinBin] = mapped_column(primary_key=True)


class StateLegalEntity(_StateRecord, Base):
    __tablename__ = "state_legal_entities"
    __table_args__ = (CheckConstraint("status IN ('active', 'liquidated')", name="known_status"),)

    bin: Mapped[IinBin] = mapped_column(primary_key=True)
