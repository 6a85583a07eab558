"""Application events become webhook deliveries in the transaction that appends them.

:func:`record_deliveries` is called by ``registry.applications.events.append_event`` for every
event: it maps the event to its webhook types (:func:`types_of`), finds the endpoints that asked
for them (the application's partner's, plus the operator's system-wide subscriptions), and adds
one delivery per endpoint and type, and one ``deliver_webhooks`` outbox row per endpoint. So a
delivery exists exactly when the change commits. The caller holds the application row locked,
so deliveries of one application are inserted (and numbered by ``position``) in event order.

The data are picked field by field: the application id, its service, status, the event's
sequence number and time, and a few facts of the event (step, due time, ids); never the
applicant's name, IIN/BIN or documents. The link is added when the body is built.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.models import Application, WebhookDelivery, WebhookEndpoint, WorkflowStep
from registry.outbox import Job, enqueue

STATUS_CHANGED = "application.status_changed"
DOCUMENT_ISSUED = "application.document_issued"
COMPLAINT_DECIDED = "complaint.decided"
PAYMENT_REQUIRED = "customs.payment_required"
PAYMENT_RECEIVED = "customs.payment_received"
AGENCY_ANSWERS_AWAITED = "application.agency_answers_awaited"
# A contract: partners subscribe by these names. Add, never rename.
EVENT_TYPES = (
    STATUS_CHANGED,
    DOCUMENT_ISSUED,
    COMPLAINT_DECIDED,
    PAYMENT_REQUIRED,
    PAYMENT_RECEIVED,
    AGENCY_ANSWERS_AWAITED,
)
# The operator's stage monitoring (``qaqpa webhooks subscribe-all``) gets every stage change.
SYSTEM_EVENTS = (STATUS_CHANGED,)

# Event kinds and statuses of the domains, by value: the engine and this module know no service.
_STATUS_CHANGED_KIND = "status_changed"  # registry.workflow.engine
_RESULT_SIGNED_KIND = "result_signed"  # registry.issuing.issue
_COMPLAINT_DECIDED_KIND = "complaint_decided"  # registry.complaints.decisions
_PAYMENT_REQUIRED_STATUS = "payment_required"  # S1, registry.customs_release
_WRITE_OFF_ACTION = "write_off"  # S1: the duties are written off the account: paid
_AGENCY_WAITING_STATUS = "interagency_requests"  # S8, registry.reexport_permit

_STATUS_FIELDS = ("action", "from", "to", "step", "due_at")
_DOCUMENT_FIELDS = ("result_id",)
_COMPLAINT_FIELDS = ("complaint_id", "decision", "result_id")


def types_of(kind: str, data: dict[str, Any]) -> tuple[str, ...]:
    """The webhook types an application event of ``kind`` with ``data`` is reported as."""
    if kind == _RESULT_SIGNED_KIND:
        return (DOCUMENT_ISSUED,)
    if kind == _COMPLAINT_DECIDED_KIND:
        return (COMPLAINT_DECIDED,)
    if kind != _STATUS_CHANGED_KIND:
        return ()
    types = [STATUS_CHANGED]
    if data.get("to") == _PAYMENT_REQUIRED_STATUS:
        types.append(PAYMENT_REQUIRED)
    if data.get("action") == _WRITE_OFF_ACTION:
        types.append(PAYMENT_RECEIVED)
    if data.get("to") == _AGENCY_WAITING_STATUS:
        types.append(AGENCY_ANSWERS_AWAITED)
    return tuple(types)


def _facts(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    fields = {
        _STATUS_CHANGED_KIND: _STATUS_FIELDS,
        _RESULT_SIGNED_KIND: _DOCUMENT_FIELDS,
        _COMPLAINT_DECIDED_KIND: _COMPLAINT_FIELDS,
    }.get(kind, ())
    facts = {name: data[name] for name in fields if name in data}
    if "from" in facts:
        facts["previous_status"] = facts.pop("from")
    facts.pop("to", None)  # the event's ``status``
    return facts


async def _endpoints(session: AsyncSession, partner_id: uuid.UUID) -> list[WebhookEndpoint]:
    return list(
        (
            await session.scalars(
                select(WebhookEndpoint).where(
                    WebhookEndpoint.deleted_at.is_(None),
                    or_(
                        WebhookEndpoint.partner_id == partner_id,
                        WebhookEndpoint.partner_id.is_(None),
                    ),
                )
            )
        ).all()
    )


async def _stage_on_time(session: AsyncSession, application_id: uuid.UUID) -> bool | None:
    """Whether the step just closed closed by its due time (None when there was none)."""
    step = await session.scalar(
        select(WorkflowStep)
        .where(
            WorkflowStep.application_id == application_id,
            WorkflowStep.completed_at.is_not(None),
        )
        .order_by(WorkflowStep.id.desc())
        .limit(1)
    )
    if step is None or step.due_at is None or step.completed_at is None:
        return None
    return step.completed_at <= step.due_at


async def record_deliveries(
    session: AsyncSession,
    application_id: uuid.UUID,
    kind: str,
    seq: int,
    data: dict[str, Any],
    occurred_at: datetime,
) -> int:
    """Add the deliveries of one appended event; how many were added."""
    types = types_of(kind, data)
    if not types:
        return 0
    application = await session.get(Application, application_id)
    if application is None:
        return 0
    endpoints = await _endpoints(session, application.partner_id)
    if not endpoints:
        return 0
    base = {
        "application_id": str(application_id),
        "service": application.service,
        "status": application.status,
        "event_seq": seq,
    } | _facts(kind, data)
    rows: list[dict[str, Any]] = []
    for endpoint in endpoints:
        wanted = endpoint.events if endpoint.partner_id is not None else list(SYSTEM_EVENTS)
        for type_ in (t for t in types if t in wanted):
            event_data = dict(base)
            if endpoint.partner_id is None:
                event_data["on_time"] = await _stage_on_time(session, application_id)
            rows.append(
                {
                    "id": uuid.uuid4(),
                    "endpoint_id": endpoint.id,
                    "application_id": application_id,
                    "type": type_,
                    "data": event_data,
                    "occurred_at": occurred_at,
                }
            )
    if not rows:
        return 0
    await session.flush()  # the application row (and this event) before rows that refer to it
    await session.execute(insert(WebhookDelivery), rows)
    for endpoint_id in sorted({row["endpoint_id"] for row in rows}):
        await enqueue(session, Job.DELIVER_WEBHOOKS, {"endpoint_id": str(endpoint_id)})
    return len(rows)
