"""What partners and officers read about a complaint.

A decided complaint's decision is a result (kind ``complaint_decision``): the view shows its
number and status -- ``awaiting_signature`` until the signing job has stored its signed PDF and
XML (``decision_approved_for_signature_at`` says a signer has sent it to signing), then
``signed``, when ``GET /v1/applications/{id}/documents`` lists both under ``result_id``.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec

from registry.models import Application, Complaint, Result
from registry.row_views import from_row


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
    decision_number: str | None = None
    decision_status: str | None = None  # the result's: awaiting_signature, signed
    decision_approved_for_signature_at: datetime | None = None
    decision_signed_at: datetime | None = None


def complaint_view(
    complaint: Complaint,
    application: Application,
    now: datetime,
    decision: Result | None = None,
) -> ComplaintView:
    """``decision`` is the complaint's result (``complaint.result_id``), if it has one."""
    is_open = complaint.status == "open"
    return from_row(
        ComplaintView,
        complaint,
        service=application.service,
        application_number=application.registration_number,
        overdue=is_open and complaint.due_at < now,
        can_settle=is_open and now <= complaint.settle_due_at,
        decision_number=None if decision is None else decision.number,
        decision_status=None if decision is None else decision.status,
        decision_approved_for_signature_at=(
            None if decision is None else decision.approved_for_signature_at
        ),
        decision_signed_at=None if decision is None else decision.signed_at,
    )
