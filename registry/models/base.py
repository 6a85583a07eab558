"""The declarative base shared by every model, with a naming convention for constraints.

Named constraints keep Alembic migrations deterministic and let a migration drop what an
earlier one created by name.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, MetaData, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base class of every model."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    # How a column of a Python type is stored when its ``mapped_column`` names no SQL type:
    # moments always with their time zone, text unbounded, JSON-shaped values as JSONB
    # (int, bool, bytes, date and UUID keep SQLAlchemy's own Integer, Boolean, ... mapping).
    type_annotation_map = {
        datetime: DateTime(timezone=True),
        str: Text(),
        dict[str, Any]: JSONB(),
        dict[str, str]: JSONB(),
        list[str]: JSONB(),
        list[dict[str, Any]]: JSONB(),
    }
