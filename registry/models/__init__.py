"""SQLAlchemy models of the system of record; import them all here so Alembic sees them."""

from registry.models.base import Base

__all__ = ["Base"]
