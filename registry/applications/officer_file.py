"""The officer's file of an application: everything a decision is made from, in one read.

``GET /v1/officer/applications/{id}`` and the console's file page both show this. It holds the
form with its labels (the form Struct's descriptions, written "kk / ru" in registry/forms), the
attachments with their declared SHA-256 and the one computed now from the stored bytes, the
applicant's signature verdict as intake stored it, the event history, the deadlines with the
calendar's reasons, and whatever the service's own tables hold: agency answers (S8), the
corridor and fired risk rules (S1), exam results (S2), the state-database check (S3-S7, looked
up now, since registration stores only its outcome).

Scope: the caller passes an officer; outside their services or offices the file does not exist
(None, a 404 like a missing application), as for tasks.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any, TypeVar

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.catalogue.model import LocalizedText, RefusalGround
from registry.domains import get_service
from registry.models import (
    Application,
    Attachment,
    Base,
    Event,
    ExamAdmission,
    ReexportRequest,
    Result,
    RiskSelection,
)
from registry.officers.scope import ScopedOfficer, covers
from registry.row_views import from_row
from registry.statedb.applicant import find_applicant
from registry.statedb.postgres import PostgresStateDatabase
from registry.workflow.deadlines import Explanation, explain
from registry.workflow.engine import allowed_actions
from registry.workflow.errors import ApplicationNotFoundError

PM_PREFIX = "pm-"  # S3-S7: the services that check the applicant in the state databases
MAX_DEPTH = 6


class FormEntry(msgspec.Struct, frozen=True, kw_only=True):
    """One field of the form: its key, its label ("kk / ru") and a value or sub-fields."""

    key: str
    label: str
    value: str | None = None
    entries: list[FormEntry] = []


class AttachmentView(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    name: str
    media_type: str
    size: int
    declared_sha256: str
    computed_sha256: str
    matches: bool


class EventView(msgspec.Struct, frozen=True, kw_only=True):
    seq: int
    kind: str
    actor: str
    occurred_at: datetime
    data: dict[str, Any]


class AgencyAnswer(msgspec.Struct, frozen=True, kw_only=True):
    kind: str
    agency: str
    requested_at: datetime
    answer: str | None
    text: str | None
    document_number: str | None
    answered_at: datetime | None


class RiskView(msgspec.Struct, frozen=True, kw_only=True):
    kind: str
    corridor: str
    forms_of_control: list[str]
    fired_rules: list[str]
    reason: str
    selected_at: datetime


class ExamView(msgspec.Struct, frozen=True, kw_only=True):
    session_id: uuid.UUID
    admitted_at: datetime
    correct: int | None
    total: int | None
    score_percent: str | None
    passed: bool | None


class StateDatabaseCheck(msgspec.Struct, frozen=True, kw_only=True):
    found: bool
    name: str | None
    status: str | None


class ResultView(msgspec.Struct, frozen=True, kw_only=True):
    id: uuid.UUID
    kind: str
    outcome: str
    status: str
    number: str


class ApplicationFile(msgspec.Struct, frozen=True, kw_only=True):
    id: uuid.UUID
    service: str
    service_names: LocalizedText
    status: str
    current_step: str | None
    registration_number: str | None
    applicant_name: str
    applicant_iin: str | None
    applicant_bin: str | None
    received_at: datetime
    paused: bool
    actions: list[str]
    refusal_grounds: list[RefusalGround]
    form: list[FormEntry]
    attachments: list[AttachmentView]
    signature: dict[str, Any]  # the verdict on the applicant's signature at receipt
    events: list[EventView]
    deadlines: Explanation | None
    results: list[ResultView]
    agency_answers: list[AgencyAnswer] = []
    risk: list[RiskView] = []
    exams: list[ExamView] = []
    state_database: StateDatabaseCheck | None = None


async def visible_application(
    session: AsyncSession, application_id: uuid.UUID, officer: ScopedOfficer
) -> Application | None:
    """The application when it exists and the officer's scope covers it."""
    application = await session.get(Application, application_id)
    if application is None or not covers(officer, application.service, application.form):
        return None
    return application


async def _visible(
    session: AsyncSession, application_id: uuid.UUID, officer: ScopedOfficer
) -> Application:
    application = await visible_application(session, application_id, officer)
    if application is None or get_service(application.service) is None:
        raise ApplicationNotFoundError(f"application {application_id} does not exist")
    return application


async def application_file(
    sessions: async_sessionmaker[AsyncSession], application_id: uuid.UUID, officer: ScopedOfficer
) -> ApplicationFile:
    """The file; ``application_not_found`` outside the officer's scope, as a missing one."""
    async with sessions() as session:
        application = await _visible(session, application_id, officer)
        definition = get_service(application.service)
        assert definition is not None  # _visible checked
        attachments = await _rows_of(session, Attachment, application_id, Attachment.id)
        events = await _rows_of(session, Event, application_id, Event.seq)
        results = await _results(session, application_id)
        deadlines = await explain(session, application_id)
        extras = await _service_extras(session, application)
    state_check = None
    if application.service.startswith(PM_PREFIX):
        state_check = await _state_database_check(sessions, application)
    return from_row(
        ApplicationFile,
        application,
        service_names=definition.names,
        paused=application.paused_at is not None,
        actions=allowed_actions(definition, application.status),
        refusal_grounds=list(definition.refusal_grounds),
        form=form_entries(definition.form, application.form),
        attachments=[_attachment(row) for row in attachments],
        signature=dict(application.signer),
        events=[from_row(EventView, e) for e in events],
        deadlines=deadlines,
        results=results,
        state_database=state_check,
        **extras,
    )


async def _results(session: AsyncSession, application_id: uuid.UUID) -> list[ResultView]:
    rows = await _rows_of(session, Result, application_id, Result.number)
    return [from_row(ResultView, r) for r in rows]


async def result_list(
    sessions: async_sessionmaker[AsyncSession], application_id: uuid.UUID, officer: ScopedOfficer
) -> list[ResultView]:
    """The file's results alone (the console polls them)."""
    async with sessions() as session:
        await _visible(session, application_id, officer)
        return await _results(session, application_id)


async def attachment_content(
    session: AsyncSession, application_id: uuid.UUID, attachment_id: int, officer: ScopedOfficer
) -> Attachment | None:
    if await visible_application(session, application_id, officer) is None:
        return None
    found = await session.get(Attachment, attachment_id)
    return found if found is not None and found.application_id == application_id else None


_Row = TypeVar("_Row", bound=Base)


async def _rows_of(
    session: AsyncSession, model: type[_Row], application_id: uuid.UUID, *order: Any
) -> Sequence[_Row]:
    """The rows of one of the application's tables (each has ``application_id``), in order."""
    column = model.__table__.c.application_id
    return (
        await session.scalars(select(model).where(column == application_id).order_by(*order))
    ).all()


def _attachment(row: Attachment) -> AttachmentView:
    computed = hashlib.sha256(row.content).hexdigest()
    return from_row(
        AttachmentView,
        row,
        declared_sha256=row.sha256,
        computed_sha256=computed,
        matches=computed == row.sha256,
    )


async def _service_extras(session: AsyncSession, application: Application) -> dict[str, Any]:
    """The service's own records of this application (empty lists where it has none)."""
    answers = await _rows_of(
        session,
        ReexportRequest,
        application.id,
        ReexportRequest.requested_at,
        ReexportRequest.agency,
    )
    selections = await _rows_of(
        session, RiskSelection, application.id, RiskSelection.selected_at, RiskSelection.id
    )
    admissions = await _rows_of(session, ExamAdmission, application.id, ExamAdmission.session_id)
    return {
        "agency_answers": [from_row(AgencyAnswer, r, text=r.answer_text) for r in answers],
        "risk": [from_row(RiskView, s) for s in selections],
        "exams": [
            from_row(
                ExamView, a, score_percent=None if a.score_percent is None else str(a.score_percent)
            )
            for a in admissions
        ],
    }


async def _state_database_check(
    sessions: async_sessionmaker[AsyncSession], application: Application
) -> StateDatabaseCheck:
    database = PostgresStateDatabase(sessions)
    if application.applicant_bin is not None:
        found = await find_applicant(database, bin=application.applicant_bin)
    else:
        found = await find_applicant(database, iin=application.applicant_iin or "")
    if found is None:
        return StateDatabaseCheck(found=False, name=None, status=None)
    return StateDatabaseCheck(found=True, name=found.name, status=found.status)


# --- the form with its labels -----------------------------------------------------------------


_SCHEMAS: dict[type[Any], dict[str, Any]] = {}


def _schema(form_type: type[Any]) -> dict[str, Any]:
    """The form's JSON Schema (built once per form type: the catalogue has eight)."""
    schema = _SCHEMAS.get(form_type)
    if schema is None:
        schema = _SCHEMAS[form_type] = msgspec.json.schema(form_type)
    return schema


def form_entries(form_type: type[Any], data: dict[str, Any]) -> list[FormEntry]:
    """The form's values with the labels its Struct declares, in the form's own order."""
    schema = _schema(form_type)
    return _entries(schema, _resolve(schema, schema), data, 0)


def _resolve(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """``node`` with a ``$ref`` (or a one-of-one ``anyOf`` with null) followed."""
    for option in node.get("anyOf", ()):
        if option.get("type") != "null":
            return {**_resolve(root, option), **{k: v for k, v in node.items() if k != "anyOf"}}
    ref = node.get("$ref")
    if isinstance(ref, str):
        target = root["$defs"][ref.rsplit("/", 1)[-1]]
        return {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _label(node: dict[str, Any], key: str) -> str:
    # The field's own description ("kk / ru") before a referenced Struct's title (its class
    # name, e.g. "ForeignParty"), which means nothing to an officer.
    text = node.get("description") or node.get("title") or key
    return str(text).strip().splitlines()[0]


def _entries(
    root: dict[str, Any], node: dict[str, Any], data: dict[str, Any], depth: int
) -> list[FormEntry]:
    properties: dict[str, Any] = node.get("properties", {})
    ordered = [key for key in properties if key in data] + [
        key for key in data if key not in properties
    ]
    return [
        _entry(root, _resolve(root, properties.get(key, {})), key, data[key], depth)
        for key in ordered
    ]


def _entry(
    root: dict[str, Any], node: dict[str, Any], key: str, value: Any, depth: int
) -> FormEntry:
    label = _label(node, key)
    if depth >= MAX_DEPTH or not isinstance(value, dict | list):
        return FormEntry(key=key, label=label, value=_text(value))
    if isinstance(value, dict):
        return FormEntry(key=key, label=label, entries=_entries(root, node, value, depth + 1))
    item_node = _resolve(root, node.get("items", {}))
    items = [
        _entry(root, item_node, str(index + 1), item, depth + 1) for index, item in enumerate(value)
    ]
    return FormEntry(key=key, label=label, entries=items)


def _text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, dict | list):
        return msgspec.json.encode(value).decode()
    return str(value)
