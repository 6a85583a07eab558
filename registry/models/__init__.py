"""SQLAlchemy models of the system of record; import them all here so Alembic sees them."""

from registry.models.applications import Application, Attachment
from registry.models.base import Base
from registry.models.calendar import CalendarTransfer, CalendarTransferProposal
from registry.models.complaints import Complaint
from registry.models.customs_control import (
    NationalSubheading,
    PermitRequirement,
    RiskLane,
    RiskRule,
    RiskSelection,
    ValueControl,
)
from registry.models.customs_release import (
    CustomsAccount,
    CustomsDeclaration,
    CustomsNotification,
    CustomsPreference,
    DutyRate,
    InspectionAct,
    LedgerEntry,
    VatRate,
)
from registry.models.documents import Document
from registry.models.events import Event
from registry.models.exams import ExamAdmission, ExamSession
from registry.models.idempotency import IdempotencyRecord
from registry.models.officers import Officer
from registry.models.outbox import OutboxMessage
from registry.models.partners import Partner
from registry.models.reexport import ReexportRequest
from registry.models.risk_changes import RiskChange
from registry.models.statedb import StateLegalEntity, StatePerson
from registry.models.status_tokens import StatusToken
from registry.models.webhooks import WebhookDelivery, WebhookEndpoint
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
    "CalendarTransferProposal",
    "Complaint",
    "CustomsAccount",
    "CustomsDeclaration",
    "CustomsNotification",
    "CustomsPreference",
    "Document",
    "DutyRate",
    "Event",
    "ExamAdmission",
    "ExamSession",
    "IdempotencyRecord",
    "InspectionAct",
    "JournalCounter",
    "JournalEntry",
    "LedgerEntry",
    "NationalSubheading",
    "Officer",
    "OutboxMessage",
    "Partner",
    "PermitRequirement",
    "ReexportRequest",
    "Result",
    "RiskChange",
    "RiskLane",
    "RiskRule",
    "RiskSelection",
    "StateLegalEntity",
    "StatePerson",
    "StatusToken",
    "ValueControl",
    "VatRate",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WorkflowPause",
    "WorkflowStep",
]
