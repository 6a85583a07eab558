"""Registration holds the incoming journal's counter row for as little as it can (issue 17).

Every registration of a service queues on that row from its number to its commit; taken at the
start, it was held through the steps, the hooks and the move, and registration ran at 25-50/s
under load. Now the number is the last thing but one statement before the commit.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, select

from registry.applications.events import chain_is_intact
from registry.models import Application, JournalEntry
from tests.workflow.conftest import Flow, register_now, submit
from tests.workflow.helpers import application_of, events_of, fetch_all

SERVICE = "declarant-certificate"


async def test_only_one_statement_runs_between_the_journal_number_and_the_commit(
    flow: Flow,
) -> None:
    partner = await flow.make_partner()
    application_id = await submit(flow.client, partner, flow.pki, SERVICE)
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    engine = flow.sessions.kw["bind"].sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        assert await register_now(flow.sessions, flow.statedb, application_id) == "head_review"
    finally:
        event.remove(engine, "before_cursor_execute", record)

    counter = [i for i, s in enumerate(statements) if "INSERT INTO journal_counters" in s]
    assert len(counter) == 1
    after = statements[counter[0] + 1 :]
    assert len(after) == 1, after
    assert "INSERT INTO journal_entries" in after[0]
    assert "UPDATE applications" in after[0]
    assert "INSERT INTO events" in after[0]


async def test_the_number_is_in_the_journal_the_application_and_the_chained_event(
    flow: Flow,
) -> None:
    partner = await flow.make_partner()
    first = await submit(flow.client, partner, flow.pki, SERVICE)
    second = await submit(flow.client, partner, flow.pki, SERVICE)
    for application_id in (first, second):
        assert await register_now(flow.sessions, flow.statedb, application_id) == "head_review"
    assert await register_now(flow.sessions, flow.statedb, first) is None  # a re-run: no effect

    numbers = []
    for application_id in (first, second):
        application = await application_of(flow.sessions, application_id)
        assert application.registration_number is not None
        numbers.append(application.registration_number)
        lines = await fetch_all(
            flow.sessions, select(JournalEntry).where(JournalEntry.application_id == application_id)
        )
        assert [line.number for line in lines] == [application.registration_number]
        events = await events_of(flow.sessions, application_id)
        assert chain_is_intact(events)
        assert events[-1].data["registration_number"] == application.registration_number
        assert events[-1].data["to"] == "head_review"
    first_seq, second_seq = (int(number.rsplit("/", 1)[1]) for number in numbers)
    assert second_seq == first_seq + 1  # no gap between two registrations in a row
    refreshed = await fetch_all(
        flow.sessions, select(Application.status).where(Application.id.in_([first, second]))
    )
    assert set(refreshed) == {"head_review"}
