"""What partners and officers read about a complaint."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec

from registry.models import Application, Complaint


class ComplaintView(msgspec.Struct, frozen=True, kw_only=True):
    """A complaint with its stored terms; ``overdue`` and ``can_settle`` are as of the read."""

    id: uuid.UUID
    application_id: uuid.UUID
    service: str
    application_number: str | None  # the application's incoming number
    number: str
    level: str
    status: str
    text: str
    request: str
    attachments: list[str]
    received_at: datetime
    counts_from: datetime
    term: str
    due_at: datetime
    settle_term: str
    settle_due_at: datetime
    overdue: bool
    can_settle: bool
    reasons: list[dict[str, Any]]
    settle_reasons: list[dict[str, Any]]
    decided_at: datetime | None = None
    decision_text: str | None = None
    result_id: uuid.UUID | None = None


def complaint_view(complaint: Complaint, application: Application, now: datetime) -> ComplaintView:
    is_open = complaint.status == "open"
    return ComplaintView(
        id=complaint.id,
        application_id=complaint.application_id,
        service=application.service,
        application_number=application.registration_number,
        number=complaint.number,
        level=complaint.level,
        status=complaint.status,
        text=complaint.text,
        request=complaint.request,
        attachments=list(complaint.attachments),
        received_at=complaint.received_at,
        counts_from=complaint.counts_from,
        term=complaint.term,
        due_at=complaint.due_at,
        settle_term=complaint.settle_term,
        settle_due_at=complaint.settle_due_at,
        overdue=is_open and complaint.due_at < now,
        can_settle=is_open and now <= complaint.settle_due_at,
        reasons=complaint.reasons,
        settle_reasons=complaint.settle_reasons,
        decided_at=complaint.decided_at,
        decision_text=complaint.decision_text,
        result_id=complaint.result_id,
    )
