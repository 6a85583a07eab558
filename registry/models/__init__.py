"""SQLAlchemy models of the system of record; import them all here so Alembic sees them."""

from registry.models.applications import Application, Attachment
from registry.models.base import Base
from registry.models.calendar import CalendarTransfer
from registry.models.events import Event
from registry.models.idempotency import IdempotencyRecord
from registry.models.officers import Officer
from registry.models.outbox import OutboxMessage
from registry.models.partners import Partner
from registry.models.workflow import (
    JournalCounter,
    JournalEntry,
    Result,
    WorkflowPause,
    WorkflowStep,
)

__all__ = [
    "Application",
    "Attachment",
    "Base",
    "CalendarTransfer",
    "Event",
    "IdempotencyRecord",
    "JournalCounter",
    "JournalEntry",
    "Officer",
    "OutboxMessage",
    "Partner",
    "Result",
    "WorkflowPause",
    "WorkflowStep",
]
