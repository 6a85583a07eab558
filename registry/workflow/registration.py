"""Registration of a received application (the worker's first job for every application).

Idempotent: an application that is no longer ``received`` was registered already, and a second
run (arq runs jobs at least once) returns without effect. Registration records the registration
step with the due time intake computed, sets the service's total due time, then takes the
service's first transition. Services decide that transition with a hook (their
``Service.registration``, :mod:`registry.workflow.services`): the precious-metals services look
the applicant up in the state databases first. The application gets the incoming number
(journal ``incoming:<service>``, restarting each year) unless the hook numbered it in a journal
of its own: S1 gives a declaration it registers its ``OFFICE/DDMMYY/NNNNNNN`` number (one
counter per office and day, so offices do not wait on each other), and a refused declaration
gets the incoming number.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from redis.asyncio import Redis
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.calendar import WorkingCalendar, current_calendar
from registry.catalogue.flow import RECEIVED
from registry.catalogue.model import ServiceDefinition
from registry.models import Application, WorkflowStep
from registry.statedb.interface import StateDatabase
from registry.workflow.actors import SYSTEM, Decision
from registry.workflow.engine import Moved, finish_move, prepare_move, step_of
from registry.workflow.incoming import finish_numbered, incoming_journal
from registry.workflow.journal import enter
from registry.workflow.runner import in_transaction
from registry.workflow.services import service_of
from registry.workflow.steps import due_time


async def _default(
    session: AsyncSession, application: Application, statedb: StateDatabase
) -> tuple[str, Decision | None]:
    return "register", None


async def register(
    session: AsyncSession,
    application: Application,
    now: datetime,
    *,
    statedb: StateDatabase,
    calendar: WorkingCalendar | None = None,
) -> Moved | None:
    """Register the (locked) application; None when it was registered before."""
    if application.status != RECEIVED.code:
        return None
    calendar = calendar or current_calendar()
    service = service_of(application.service)
    definition = service.definition
    application.registered_at = now
    step = step_of(definition, "registration")
    await session.execute(
        insert(WorkflowStep).values(
            application_id=application.id,
            service=definition.code,
            step="registration",
            role="system" if step is None else step.role,
            state="done",
            started_at=application.counts_from,
            term=definition.registration_term,
            due_at=application.registration_due_at,
            reasons=[],
            completed_at=now,
            completed_by=SYSTEM.label,
            outcome="registered",
            missed_at=now if now > application.registration_due_at else None,
        )
    )
    if definition.total_term is not None:
        application.total_due_at, _ = due_time(
            calendar, application.counts_from, definition.total_term
        )
    hook = service.registration or _default
    action, decision = await hook(session, application, statedb)
    # S1's hook numbers what it registers itself. A move that draws up a result (a refusal at
    # registration) needs the number first: the result document cites it.
    if application.registration_number is None and _has_effect(definition, action):
        application.registration_number = await _incoming_number(session, application, now)
    prepared = await prepare_move(
        session, application, action, SYSTEM, now=now, decision=decision, calendar=calendar
    )
    if application.registration_number is None:
        return await finish_numbered(prepared)
    return await finish_move(prepared, {"registration_number": application.registration_number})


def _has_effect(definition: ServiceDefinition, action: str) -> bool:
    return any(
        t.effect is not None
        for t in definition.transitions
        if t.source == RECEIVED.code and t.action == action
    )


async def _incoming_number(session: AsyncSession, application: Application, now: datetime) -> str:
    """The next number of the service's incoming journal, taken before a move that draws up a
    result (the result cites it). Other registrations take it last
    (:func:`registry.workflow.incoming.finish_numbered`)."""
    journal, number_format = incoming_journal(service_of(application.service).definition.code)
    return await enter(
        session,
        journal,
        at=now,
        number_format=number_format,
        application_id=application.id,
        columns={"applicant": application.applicant_name},
    )


async def register_received(
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis | None,
    application_id: uuid.UUID,
    now: datetime,
    *,
    statedb: StateDatabase,
) -> Moved | None:
    """:func:`register` the application under its lock, committed; None when an earlier run
    did it."""
    return await in_transaction(
        sessions,
        redis,
        application_id,
        lambda session, application: register(session, application, now, statedb=statedb),
    )
