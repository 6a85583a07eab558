"""The incoming journal number of a registration, taken last: the finish of a registration move.

Every registration of a service takes the next number of one counter row (journal
``incoming:<service>``), and the row stays locked from that statement to the commit (that is
what keeps the numbers free of gaps: a rolled-back registration gives its number back). All
registrations of a service queue on it, so what runs while it is held decides how many
registrations commit per second. Here it is three round trips: the counter, one statement
that writes the journal line, the application's number and the registration event together
(data-modifying CTEs), and the commit. Everything else (the steps, the registration hook, the
webhook deliveries, the chain head) is written or read before. Only the service's after-hook of
the move would run after the number, under the lock: none of the services numbered here has one
(S1, whose registration has one, numbers its declarations itself). Taken at the start of
registration, the lock was held through a dozen round trips and registration ran at ~25-50/s
under load (issue 17).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Insert, insert, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from registry.applications.events import chain_head, event_row
from registry.models import Application, Event
from registry.webhooks.events import record_deliveries
from registry.workflow.engine import STATUS_CHANGED, Moved, PreparedMove, run_after_hook
from registry.workflow.journal import entry_insert, take_number
from registry.workflow.services import service_of


def incoming_journal(code: str) -> tuple[str, str]:
    """The incoming journal of service ``code`` and its number format (restarting each year)."""
    return f"incoming:{code}", f"{code.upper()}/{{year}}/{{seq:06d}}"


async def finish_numbered(prepared: PreparedMove) -> Moved:
    """Finish the registration move ``prepared`` with the application's incoming number in the
    event (and in the journal and on the application), taking the number as late as can be."""
    session, application, now = prepared.session, prepared.application, prepared.now
    seq, prev_hash = await chain_head(session, application.id)
    # The webhook payloads carry no number: recorded before the counter is locked.
    await record_deliveries(session, application.id, STATUS_CHANGED, seq, prepared.data, now)
    await session.flush()
    journal_name, number_format = incoming_journal(service_of(application.service).definition.code)
    line = await take_number(session, journal_name, at=now, number_format=number_format)
    data = {**prepared.data, "registration_number": line.number}
    event = event_row(
        application.id, seq, prev_hash, STATUS_CHANGED, prepared.actor.label, data, now
    )
    journal = entry_insert(
        line,
        at=now,
        application_id=application.id,
        columns={"applicant": application.applicant_name},
    )
    await _write(session, application, line.number, event, journal)
    return await run_after_hook(prepared)


async def _write(
    session: AsyncSession,
    application: Application,
    number: str,
    event: dict[str, Any],
    journal: Insert,
) -> None:
    """One statement: the journal line, the application's number, the event."""
    numbered = (
        update(Application)
        .where(Application.id == application.id)
        .values(registration_number=number)
    )
    statement = (
        insert(Event)
        .values(event)
        .add_cte(journal.cte("journal_line"))
        .add_cte(numbered.cte("numbered"))
    )
    await session.execute(statement)
    # Written by the statement: the unit of work must not write it again at the commit.
    set_committed_value(application, "registration_number", number)
